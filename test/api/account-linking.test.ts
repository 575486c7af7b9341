import { describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import { AccountLinkingPage_AppDocument, AccountLinkingPage_SaveDocument } from '@ring/client';
import { errorCodes, execute, newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { configureStatus, missingLinking } from '@ring/domain';
import { accountLinkingFromRows, isAccountLinkingComplete } from '../../packages/api/src/modules/account-linking/account-linking.service.ts';

const good = {
  authorizationUrl: 'https://auth.example.com/ring/authorize',
  appHomepageUrl: 'https://app.example.com/home',
  tokenExchangeUrl: 'https://api.example.com/ring/token',
  webhookUrl: 'https://api.example.com/ring/webhook',
};

async function setup() {
  const developer = await newDeveloper('linking');
  const app = await insertApp(developer.id);
  return { developer, app };
}

async function rows(appId: string) {
  return prisma.accountLinking.findMany({ where: { appId }, orderBy: { environment: 'asc' } });
}

describe('saveAccountLinking', () => {
  it('starts empty (version 0, PENDING), saves staging, then production makes it COMPLETE', async () => {
    const { developer, app } = await setup();
    const before = await execute(AccountLinkingPage_AppDocument, { id: app.globalId }, { cookie: developer.cookie });
    const node = before.data?.node;
    if (node?.__typename !== 'App') throw new Error(JSON.stringify(before));
    expect(node.accountLinking.status).toBe('PENDING');
    expect(node.accountLinking.staging).toMatchObject({ environment: 'STAGING', version: 0, savedAt: null, complete: false, webhookUrl: null });
    expect(node.accountLinking.staging.missing).toEqual(['authorizationUrl', 'appHomepageUrl', 'tokenExchangeUrl', 'webhookUrl']);

    const staging = await execute(
      AccountLinkingPage_SaveDocument,
      { input: { appId: app.globalId, environment: 'STAGING', expectedVersion: 0, ...good } },
      { token: developer.token },
    );
    expect(staging.data?.saveAccountLinking).toMatchObject({
      __typename: 'SaveAccountLinkingSuccess',
      settings: { environment: 'STAGING', version: 1, complete: true, missing: [], ...good },
      app: { accountLinking: { status: 'PENDING' } },
    });

    const production = await execute(
      AccountLinkingPage_SaveDocument,
      { input: { appId: app.globalId, environment: 'PRODUCTION', ...good, webhookUrl: '  https://api.example.com/prod/webhook  ' } },
      { cookie: developer.cookie },
    );
    expect(production.data?.saveAccountLinking).toMatchObject({
      settings: { environment: 'PRODUCTION', version: 1, webhookUrl: 'https://api.example.com/prod/webhook' },
      app: { accountLinking: { status: 'COMPLETE' } },
    });
    const stored = await rows(app.id);
    expect(stored.map((row) => [row.environment, row.version])).toEqual([
      ['STAGING', 1],
      ['PRODUCTION', 1],
    ]);
    expect(stored[0]!.savedAt).toBeInstanceOf(Date);
  });

  it('bumps the version on each save and refuses a stale expectedVersion with ConflictError, changing nothing', async () => {
    const { developer, app } = await setup();
    const save = (expectedVersion: number | undefined, webhookUrl: string) =>
      execute(
        AccountLinkingPage_SaveDocument,
        { input: { appId: app.globalId, environment: 'STAGING', expectedVersion, ...good, webhookUrl } },
        { cookie: developer.cookie },
      );
    expect((await save(0, 'https://a.example.com/1')).data?.saveAccountLinking).toMatchObject({ settings: { version: 1 } });
    expect((await save(1, 'https://a.example.com/2')).data?.saveAccountLinking).toMatchObject({ settings: { version: 2 } });
    const stale = await save(1, 'https://a.example.com/stale');
    expect(stale.data?.saveAccountLinking).toMatchObject({ __typename: 'ConflictError', message: expect.stringMatching(/changed since you loaded/) });
    // Version 0 means "never saved": it is stale too once a save exists.
    expect((await save(0, 'https://a.example.com/stale')).data?.saveAccountLinking.__typename).toBe('ConflictError');
    expect(await rows(app.id)).toMatchObject([{ version: 2, webhookUrl: 'https://a.example.com/2' }]);
    // Without expectedVersion the save overwrites.
    expect((await save(undefined, 'https://a.example.com/3')).data?.saveAccountLinking).toMatchObject({ settings: { version: 3 } });
  });

  it('lets exactly one of two concurrent saves from the same version win, first save and later', async () => {
    const { developer, app } = await setup();
    const save = (expectedVersion: number, webhookUrl: string) =>
      execute(
        AccountLinkingPage_SaveDocument,
        { input: { appId: app.globalId, environment: 'PRODUCTION', expectedVersion, ...good, webhookUrl } },
        { cookie: developer.cookie },
      );
    const first = await Promise.all([save(0, 'https://a.example.com/x'), save(0, 'https://a.example.com/y')]);
    expect(first.map((r) => r.data?.saveAccountLinking.__typename).sort()).toEqual(['ConflictError', 'SaveAccountLinkingSuccess']);
    const later = await Promise.all([save(1, 'https://a.example.com/p'), save(1, 'https://a.example.com/q'), save(1, 'https://a.example.com/r')]);
    expect(later.map((r) => r.data?.saveAccountLinking.__typename).sort()).toEqual(['ConflictError', 'ConflictError', 'SaveAccountLinkingSuccess']);
    const winner = later.find((r) => r.data?.saveAccountLinking.__typename === 'SaveAccountLinkingSuccess');
    const [row] = await rows(app.id);
    expect(row!.version).toBe(2);
    expect(winner?.data?.saveAccountLinking).toMatchObject({ settings: { webhookUrl: row!.webhookUrl } });
  });

  const longUrl = (length: number) => {
    const base = 'https://example.com/';
    return base + 'a'.repeat(length - base.length);
  };

  const cases: Array<[string, Partial<typeof good>, string, RegExp]> = [
    ['http://', { webhookUrl: 'http://api.example.com/hook' }, 'webhookUrl', /^Staging webhook URL must use https:\/\/\.$/],
    [
      'localhost',
      { authorizationUrl: 'https://localhost/login' },
      'authorizationUrl',
      /^Staging authorization URL must point to a public host, not localhost\.$/,
    ],
    [
      'a private address',
      { tokenExchangeUrl: 'https://10.0.0.1/token' },
      'tokenExchangeUrl',
      /^Staging token exchange URL must point to a public host, not a private/,
    ],
    [
      'credentials',
      { appHomepageUrl: 'https://user:pw@example.com/' },
      'appHomepageUrl',
      /^Staging app homepage URL must not contain a user name or password\.$/,
    ],
    ['2,049 characters', { webhookUrl: longUrl(2049) }, 'webhookUrl', /^Staging webhook URL must be at most 2048 characters\.$/],
    ['a fragment', { webhookUrl: 'https://api.example.com/hook#x' }, 'webhookUrl', /#fragment/],
    ['link-local metadata', { webhookUrl: 'https://169.254.169.254/latest' }, 'webhookUrl', /not a private, loopback or link-local/],
  ];

  for (const [name, change, field, message] of cases) {
    it(`refuses ${name} with a ValidationError naming ${field}, saving nothing`, async () => {
      const { developer, app } = await setup();
      await execute(AccountLinkingPage_SaveDocument, { input: { appId: app.globalId, environment: 'STAGING', ...good } }, { cookie: developer.cookie });
      const before = await rows(app.id);
      const result = await execute(
        AccountLinkingPage_SaveDocument,
        { input: { appId: app.globalId, environment: 'STAGING', ...good, ...change } },
        { cookie: developer.cookie },
      );
      const payload = result.data?.saveAccountLinking;
      if (payload?.__typename !== 'ValidationError') throw new Error(JSON.stringify(result));
      expect(payload.fields).toEqual([{ path: [field], message: expect.stringMatching(message), code: expect.any(String) }]);
      expect(await rows(app.id)).toEqual(before);
    });
  }

  it('accepts a URL of exactly 2,048 characters', async () => {
    const { developer, app } = await setup();
    const result = await execute(
      AccountLinkingPage_SaveDocument,
      { input: { appId: app.globalId, environment: 'PRODUCTION', ...good, webhookUrl: longUrl(2048) } },
      { cookie: developer.cookie },
    );
    expect(result.data?.saveAccountLinking).toMatchObject({ settings: { webhookUrl: longUrl(2048) } });
  });

  it('names every wrong or missing field at once, with the environment, and saves nothing', async () => {
    const { developer, app } = await setup();
    const result = await execute(
      AccountLinkingPage_SaveDocument,
      {
        input: {
          appId: app.globalId,
          environment: 'PRODUCTION',
          authorizationUrl: 'http://a.example.com',
          appHomepageUrl: '  ',
          webhookUrl: 'https://localhost/',
        },
      },
      { cookie: developer.cookie },
    );
    const payload = result.data?.saveAccountLinking;
    if (payload?.__typename !== 'ValidationError') throw new Error(JSON.stringify(result));
    expect(Object.fromEntries(payload.fields.map((f) => [f.path.join('.'), f.message]))).toEqual({
      authorizationUrl: 'Production authorization URL must use https://.',
      appHomepageUrl: 'Enter the production app homepage URL.',
      tokenExchangeUrl: 'Enter the production token exchange URL.',
      webhookUrl: 'Production webhook URL must point to a public host, not localhost.',
    });
    expect(await rows(app.id)).toEqual([]);
  });

  it('accepts loopback partner URLs only while ALLOW_LOCAL_ENDPOINTS is on, and never a private address', async () => {
    const { developer, app } = await setup();
    const local = {
      authorizationUrl: 'https://localhost:8443/link',
      appHomepageUrl: 'https://127.0.0.1:8443/home',
      tokenExchangeUrl: 'https://[::1]:8443/token',
      webhookUrl: 'https://127.0.0.1:8443/webhook',
    };
    const save = (urls: typeof local) =>
      execute(AccountLinkingPage_SaveDocument, { input: { appId: app.globalId, environment: 'STAGING', ...urls } }, { cookie: developer.cookie });
    const refused = await save(local);
    const fieldMessages = (payload: unknown) => {
      const result = payload as { __typename: string; fields?: { path: string[]; message: string }[] };
      if (result.__typename !== 'ValidationError') throw new Error(JSON.stringify(result));
      return Object.fromEntries(result.fields!.map((field) => [field.path.join('.'), field.message]));
    };
    expect(fieldMessages(refused.data?.saveAccountLinking)).toEqual({
      authorizationUrl: 'Staging authorization URL must point to a public host, not localhost.',
      appHomepageUrl: expect.stringMatching(/^Staging app homepage URL must point to a public host/),
      tokenExchangeUrl: expect.stringMatching(/^Staging token exchange URL must point to a public host/),
      webhookUrl: expect.stringMatching(/^Staging webhook URL must point to a public host/),
    });
    process.env.ALLOW_LOCAL_ENDPOINTS = '1';
    try {
      const privateAddress = await save({ ...local, webhookUrl: 'https://10.0.0.1/webhook' });
      expect(Object.keys(fieldMessages(privateAddress.data?.saveAccountLinking))).toEqual(['webhookUrl']);
      expect(await rows(app.id)).toEqual([]);
      const saved = await save(local);
      expect(saved.data?.saveAccountLinking).toMatchObject({ settings: { webhookUrl: local.webhookUrl, authorizationUrl: local.authorizationUrl } });
    } finally {
      delete process.env.ALLOW_LOCAL_ENDPOINTS;
    }
  });

  it('gives another developer NotFoundError, as for an id that does not exist, and changes nothing', async () => {
    const { developer, app } = await setup();
    await execute(AccountLinkingPage_SaveDocument, { input: { appId: app.globalId, environment: 'STAGING', ...good } }, { cookie: developer.cookie });
    const before = await rows(app.id);
    const intruder = await newDeveloper('intruder');
    const theirs = await execute(
      AccountLinkingPage_SaveDocument,
      { input: { appId: app.globalId, environment: 'STAGING', ...good, webhookUrl: 'https://evil.example.com/' } },
      { cookie: intruder.cookie },
    );
    const missing = await execute(
      AccountLinkingPage_SaveDocument,
      { input: { appId: Buffer.from('App:00000000-0000-4000-8000-000000000000').toString('base64'), environment: 'STAGING', ...good } },
      { cookie: intruder.cookie },
    );
    expect(theirs.data?.saveAccountLinking).toEqual(missing.data?.saveAccountLinking);
    expect(theirs.data?.saveAccountLinking).toMatchObject({ __typename: 'NotFoundError' });
    expect(await rows(app.id)).toEqual(before);
    const read = await execute(AccountLinkingPage_AppDocument, { id: app.globalId }, { cookie: intruder.cookie });
    expect(read.data?.node).toBeNull();
  });

  it('needs a developer', async () => {
    const { app } = await setup();
    const result = await execute(AccountLinkingPage_SaveDocument, { input: { appId: app.globalId, environment: 'STAGING', ...good } });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(await rows(app.id)).toEqual([]);
  });
});

describe('accountLinkingFromRows', () => {
  it('is COMPLETE only when both environments have all four URLs', () => {
    const full = { ...good, version: 1, savedAt: new Date() };
    expect(accountLinkingFromRows([]).status).toBe('PENDING');
    expect(accountLinkingFromRows([{ environment: 'STAGING', ...full }]).status).toBe('PENDING');
    expect(
      accountLinkingFromRows([
        { environment: 'PRODUCTION', ...full },
        { environment: 'STAGING', ...full, webhookUrl: null },
      ]),
    ).toMatchObject({
      status: 'PENDING',
      staging: { missing: ['webhookUrl'] },
    });
    expect(
      accountLinkingFromRows([
        { environment: 'PRODUCTION', ...full },
        { environment: 'STAGING', ...full },
      ]).status,
    ).toBe('COMPLETE');
  });
});

describe('account linking in the lifecycle', () => {
  it('saved rows of both environments, with app information complete, make Configure COMPLETE; either missing keeps it from COMPLETE', async () => {
    const { developer, app } = await setup();
    const facts = async (appInformationComplete: boolean) => {
      const stored = await rows(app.id);
      return {
        appInformationComplete,
        accountLinkingComplete: isAccountLinkingComplete(stored),
        configureStarted: stored.length > 0,
        build: { started: false, confirmed: false, invalidatedBecause: null },
        testComplete: false,
        testStarted: false,
        certified: false,
        certificationInProgress: false,
        liveToAll: false,
        rolloutUnderWay: false,
      };
    };
    await execute(AccountLinkingPage_SaveDocument, { input: { appId: app.globalId, environment: 'STAGING', ...good } }, { cookie: developer.cookie });
    expect(configureStatus(await facts(true))).toBe('IN_PROGRESS');
    await execute(AccountLinkingPage_SaveDocument, { input: { appId: app.globalId, environment: 'PRODUCTION', ...good } }, { cookie: developer.cookie });
    expect(configureStatus(await facts(false))).toBe('IN_PROGRESS');
    expect(configureStatus(await facts(true))).toBe('COMPLETE');
    // The rows satisfy the domain's own rule too, which the overview uses.
    for (const row of await rows(app.id)) expect(missingLinking(row)).toEqual([]);
  });
});
