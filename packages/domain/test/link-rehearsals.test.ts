import { describe, expect, it } from 'vitest';
import {
  codeSecondsLeft,
  LINK_REHEARSAL_STATUSES,
  missingLinkRehearsals,
  rehearsalFinished,
  type RehearsalForTest,
  type RehearsedUrls,
} from '../src/link-rehearsals.ts';

const urls: RehearsedUrls = {
  authorizationUrl: 'https://p.example/link',
  appHomepageUrl: 'https://p.example/',
  tokenExchangeUrl: 'https://p.example/token',
  webhookUrl: 'https://p.example/hook',
};
const saved = { STAGING: urls, PRODUCTION: urls };
const STAGING_MISSING = 'A link rehearsal on staging completed since its linking URLs last changed.';
const PRODUCTION_MISSING = 'A link rehearsal on production completed since its linking URLs last changed.';
const rehearsal = (environment: 'STAGING' | 'PRODUCTION', status: RehearsalForTest['status'], over: Partial<RehearsedUrls> = {}): RehearsalForTest => ({
  environment,
  status,
  ...urls,
  ...over,
});

describe('missingLinkRehearsals', () => {
  it('needs a COMPLETED rehearsal per environment; no other status counts', () => {
    expect(missingLinkRehearsals([], saved)).toEqual([STAGING_MISSING, PRODUCTION_MISSING]);
    for (const status of LINK_REHEARSAL_STATUSES) {
      const missing = missingLinkRehearsals([rehearsal('STAGING', status), rehearsal('PRODUCTION', 'COMPLETED')], saved);
      expect(missing).toEqual(status === 'COMPLETED' ? [] : [STAGING_MISSING]);
    }
    expect(missingLinkRehearsals([rehearsal('STAGING', 'COMPLETED'), rehearsal('STAGING', 'COMPLETED')], saved)).toEqual([PRODUCTION_MISSING]);
  });

  it('a rehearsal of URLs since changed no longer counts, whichever of the four changed', () => {
    for (const field of Object.keys(urls) as (keyof RehearsedUrls)[]) {
      const changed = { ...saved, PRODUCTION: { ...urls, [field]: `${urls[field]}/v2` } };
      expect(missingLinkRehearsals([rehearsal('STAGING', 'COMPLETED'), rehearsal('PRODUCTION', 'COMPLETED')], changed), field).toEqual([PRODUCTION_MISSING]);
    }
  });
});

describe('the code window', () => {
  it('counts 60 s down from the moment the code was sent, never below 0', () => {
    const sent = new Date('2026-01-01T00:00:00Z');
    expect(codeSecondsLeft(sent, sent)).toBe(60);
    expect(codeSecondsLeft(sent, new Date(sent.getTime() + 59_001))).toBe(1);
    expect(codeSecondsLeft(sent, new Date(sent.getTime() + 60_000))).toBe(0);
    expect(codeSecondsLeft(sent, new Date(sent.getTime() + 61_000))).toBe(0);
  });

  it('only COMPLETED and FAILED are finished', () => {
    expect(LINK_REHEARSAL_STATUSES.filter(rehearsalFinished)).toEqual(['COMPLETED', 'FAILED']);
  });
});
