import { describe, expect, it } from 'vitest';
import { buildBlocker, buildInvalidation, CHECKED_ENDPOINTS, CHECKS_BY_ENDPOINT, shortDay, type LinkingUrls } from '../src/endpoint-checks.ts';

const URLS: LinkingUrls = {
  authorizationUrl: 'https://partner.example.com/link',
  appHomepageUrl: 'https://partner.example.com/',
  tokenExchangeUrl: 'https://partner.example.com/token',
  webhookUrl: 'https://partner.example.com/hook',
};
const ranAt = new Date('2026-12-10T09:00:00Z');
const savedAt = new Date('2026-12-12T23:30:00Z');
const passing = { createdAt: ranAt, failedChecks: 0, urls: URLS };

describe('Build completion rules', () => {
  it('allows completing after a passing staging run against the URLs saved now', () => {
    expect(buildBlocker(passing, { urls: URLS, savedAt })).toBeNull();
    expect(buildInvalidation(passing, { urls: URLS, savedAt })).toBeNull();
  });

  it('refuses without a run, after a failed run, and after a URL changed, saying which', () => {
    expect(buildBlocker(null, { urls: URLS, savedAt })).toMatch(/^Run the endpoint checks on staging first/);
    expect(buildBlocker({ ...passing, failedChecks: 2 }, { urls: URLS, savedAt })).toBe('Run the endpoint checks on staging; the latest run failed 2 checks.');
    expect(buildBlocker({ ...passing, failedChecks: 1 }, { urls: URLS, savedAt })).toBe('Run the endpoint checks on staging; the latest run failed 1 check.');
    const moved = { urls: { ...URLS, webhookUrl: 'https://partner.example.com/hook2' }, savedAt };
    expect(buildBlocker(passing, moved)).toBe('The staging webhook URL changed after the last run; run the endpoint checks on staging again.');
    const twoMoved = { urls: { ...moved.urls, authorizationUrl: 'https://partner.example.com/link2' }, savedAt };
    expect(buildBlocker(passing, twoMoved)).toBe(
      'The staging authorization URL and webhook URL changed after the last run; run the endpoint checks on staging again.',
    );
  });

  it('words the note of a Build sent back with the day of the change, in UTC', () => {
    expect(buildInvalidation(passing, { urls: { ...URLS, webhookUrl: 'https://partner.example.com/new' }, savedAt })).toBe(
      'Staging webhook URL changed on 12 Dec',
    );
    expect(buildInvalidation({ ...passing, failedChecks: 3 }, { urls: URLS, savedAt })).toBe('The staging endpoint checks of 10 Dec failed 3 checks');
    expect(shortDay(new Date('2027-01-01T00:00:00Z'))).toBe('1 Jan');
  });

  it('checks every endpoint for reachability first', () => {
    for (const endpoint of CHECKED_ENDPOINTS) expect(CHECKS_BY_ENDPOINT[endpoint][0]).toBe('REACHABLE');
  });
});
