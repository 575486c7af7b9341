import { describe, expect, it } from 'vitest';
import type { LinkingEnvironment } from '../src/account-linking.ts';
import { deliveryOutcome, RESPONSE_EXCERPT_CHARACTERS, safeExcerpt, webhookCoverage, type CoverageDelivery } from '../src/webhook-deliveries.ts';
import { WEBHOOK_EVENT_TYPES } from '../src/webhook-events.ts';

const since = new Date('2026-12-01T12:00:00.000Z');
const after = new Date(since.getTime() + 1_000);

const delivery = (overrides: Partial<CoverageDelivery> = {}): CoverageDelivery => ({
  environment: 'STAGING',
  eventType: 'MOTION_DETECTED',
  statusCode: 200,
  durationMs: 120,
  createdAt: after,
  ...overrides,
});

const allTen = (environment: LinkingEnvironment, overrides: Partial<CoverageDelivery> = {}) =>
  WEBHOOK_EVENT_TYPES.map((eventType) => delivery({ environment, eventType, ...overrides }));

const deliveredOn = (coverage: ReturnType<typeof webhookCoverage>, environment: 'staging' | 'production') =>
  coverage[environment].filter((entry) => entry.delivered).map((entry) => entry.eventType);

describe('webhookCoverage', () => {
  it('is complete with all ten types on staging and one on production', () => {
    const coverage = webhookCoverage([...allTen('STAGING'), delivery({ environment: 'PRODUCTION' })], since);
    expect(deliveredOn(coverage, 'staging')).toEqual([...WEBHOOK_EVENT_TYPES]);
    expect(deliveredOn(coverage, 'production')).toEqual(['MOTION_DETECTED']);
    expect(coverage.complete).toBe(true);
  });

  it('is not complete with nine types on staging, or none on production', () => {
    const nine = allTen('STAGING').filter((entry) => entry.eventType !== 'SUBSCRIPTION_DEACTIVATED');
    expect(webhookCoverage([...nine, delivery({ environment: 'PRODUCTION' })], since).complete).toBe(false);
    expect(webhookCoverage(allTen('STAGING'), since).complete).toBe(false);
    // Ten on production do not stand in for staging.
    expect(webhookCoverage(allTen('PRODUCTION'), since).complete).toBe(false);
  });

  it('counts an answer of 4,999 ms and of exactly 5,000 ms, not one of 5,001 ms', () => {
    const at = (durationMs: number) => deliveredOn(webhookCoverage([delivery({ durationMs })], null), 'staging');
    expect(at(4_999)).toEqual(['MOTION_DETECTED']);
    expect(at(5_000)).toEqual(['MOTION_DETECTED']);
    expect(at(5_001)).toEqual([]);
    const slowOne = allTen('STAGING').map((entry, index) => (index === 3 ? { ...entry, durationMs: 5_001 } : entry));
    expect(webhookCoverage([...slowOne, delivery({ environment: 'PRODUCTION' })], null).complete).toBe(false);
  });

  it('counts 200 and 299 but not 199, 300, 302, 4xx, 5xx or no answer', () => {
    const counted = (statusCode: number | null) => deliveredOn(webhookCoverage([delivery({ statusCode })], null), 'staging').length === 1;
    expect([200, 204, 299].map(counted)).toEqual([true, true, true]);
    expect([199, 300, 302, 400, 500, null].map(counted)).toEqual([false, false, false, false, false, false]);
  });

  it('counts only deliveries after `since`, not one at that very millisecond or before', () => {
    const at = (createdAt: Date) => deliveredOn(webhookCoverage([delivery({ createdAt })], since), 'staging').length;
    expect(at(new Date(since.getTime() + 1))).toBe(1);
    expect(at(since)).toBe(0);
    expect(at(new Date(since.getTime() - 1))).toBe(0);
    // A full set before the URLs changed is worth nothing after.
    const before = allTen('STAGING', { createdAt: new Date(since.getTime() - 60_000) });
    expect(webhookCoverage([...before, delivery({ environment: 'PRODUCTION' })], since).complete).toBe(false);
    expect(webhookCoverage([...before, delivery({ environment: 'PRODUCTION' })], null).complete).toBe(true);
  });

  it('takes a time per environment', () => {
    const later = new Date(since.getTime() + 10_000);
    const deliveries = [...allTen('STAGING'), delivery({ environment: 'PRODUCTION' })];
    expect(webhookCoverage(deliveries, { STAGING: since, PRODUCTION: later }).complete).toBe(false);
    expect(webhookCoverage(deliveries, { STAGING: since, PRODUCTION: null }).complete).toBe(true);
    expect(webhookCoverage(deliveries, { STAGING: later, PRODUCTION: since }).complete).toBe(false);
  });

  it('ignores event types it does not know and lists the ten in order, undelivered, when there is nothing', () => {
    const coverage = webhookCoverage([delivery({ eventType: 'SOMETHING_ELSE' })], null);
    expect(coverage.staging).toEqual(WEBHOOK_EVENT_TYPES.map((eventType) => ({ eventType, delivered: false })));
    expect(coverage.production).toHaveLength(10);
    expect(coverage.complete).toBe(false);
  });
});

describe('safeExcerpt', () => {
  it('removes control characters and bidirectional overrides but keeps tabs, line feeds and markup as text', () => {
    expect(safeExcerpt('a\u0000b\u0007c\u001bd\r\n\te\u007ff\u0085g\u202eh')).toBe('abcd\n\tefgh');
    expect(safeExcerpt('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });

  it(`keeps at most ${RESPONSE_EXCERPT_CHARACTERS} characters, counting an emoji as one`, () => {
    expect(safeExcerpt('x'.repeat(RESPONSE_EXCERPT_CHARACTERS))).toHaveLength(RESPONSE_EXCERPT_CHARACTERS);
    expect(safeExcerpt('x'.repeat(RESPONSE_EXCERPT_CHARACTERS + 1))).toHaveLength(RESPONSE_EXCERPT_CHARACTERS);
    expect(Array.from(safeExcerpt('😀'.repeat(RESPONSE_EXCERPT_CHARACTERS + 5)))).toHaveLength(RESPONSE_EXCERPT_CHARACTERS);
  });

  it('drops the replacement character a cut multi-byte sequence leaves at the end', () => {
    const cut = Buffer.from('ok é', 'utf8').subarray(0, 4).toString('utf8');
    expect(safeExcerpt(cut)).toBe('ok ');
  });
});

describe('deliveryOutcome', () => {
  it('names each outcome', () => {
    expect(deliveryOutcome({ statusCode: 200, refused: false, error: null })).toBe('SUCCEEDED');
    expect(deliveryOutcome({ statusCode: 500, refused: false, error: 'x' })).toBe('FAILED');
    expect(deliveryOutcome({ statusCode: null, refused: false, error: 'No answer' })).toBe('FAILED');
    expect(deliveryOutcome({ statusCode: null, refused: true, error: 'Refused' })).toBe('REFUSED');
    expect(deliveryOutcome({ statusCode: null, refused: false, error: 'Sending…' })).toBe('SENDING');
  });
});
