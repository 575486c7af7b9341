import { WEBHOOK_EVENT_TYPES } from '@ring/domain';
/**
 * The link rehearsal end to end: a partner backend on loopback HTTPS (test/support/sandbox-partner.ts)
 * receives the code, exchanges it with fetch at the sandbox Ring API (served by a real HTTP
 * server here), fetches the account, matches the nonce of the Account Link URL and creates and
 * completes the integration. Time limits are tested by moving the stored timestamps back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import { handleSandboxRequest, expireUnexchangedRehearsals } from '@ring/api';
import { createNonce } from '@ring/webhooks';
import { AccountLinkingPage_SaveDocument, LinkRehearsals_AppDocument, LinkRehearsals_CompleteTestDocument, LinkRehearsals_StartDocument } from '@ring/client';
import { execute, newDeveloper } from '../support/api.ts';
import { completeConfigureAndBuild, createRehearsableApp } from '../support/link-rehearsal-apps.ts';
import { startSandboxServer, startTestPartner, type TestPartner } from '../support/sandbox-partner.ts';
import { allowLocalEndpoints } from '../support/tls.ts';

let sandbox: Awaited<ReturnType<typeof startSandboxServer>>;
let partner: TestPartner;

beforeAll(async () => {
  sandbox = await startSandboxServer(handleSandboxRequest);
  partner = await startTestPartner({ sandboxBaseUrl: sandbox.baseUrl, clientId: '', clientSecret: '', hmacKey: '', bodyFormat: 'json', mode: 'exchange' });
  allowLocalEndpoints(partner.certFile);
});

afterAll(async () => {
  allowLocalEndpoints(null);
  await partner?.close();
  await sandbox?.close();
});

afterEach(() => {
  partner.settings.mode = 'exchange';
  partner.settings.bodyFormat = 'json';
  partner.codes.length = 0;
  partner.unclaimed.length = 0;
  partner.answers.length = 0;
  delete process.env.SANDBOX_REQUESTS_PER_APP_PER_MINUTE;
  delete process.env.SANDBOX_REQUESTS_PER_DEVELOPER_PER_MINUTE;
});

/** A new developer and app whose URLs point at the partner, which now speaks for that app. */
async function setup(label = 'rehearsal') {
  const developer = await newDeveloper(label);
  const app = await createRehearsableApp(developer, partner.urls());
  Object.assign(partner.settings, {
    clientId: app.credentials.clientId,
    clientSecret: app.credentials.clientSecret,
    hmacKey: app.credentials.hmacSignatureKey,
  });
  return { developer, app };
}

async function start(developer: { cookie: string }, appId: string, environment: 'STAGING' | 'PRODUCTION' = 'STAGING') {
  const result = await execute(LinkRehearsals_StartDocument, { input: { appId, environment } }, developer);
  return result.data!.startLinkRehearsal;
}

async function startOk(developer: { cookie: string }, appId: string, environment: 'STAGING' | 'PRODUCTION' = 'STAGING') {
  const result = await start(developer, appId, environment);
  if (result.__typename !== 'StartLinkRehearsalSuccess') throw new Error(`start failed: ${JSON.stringify(result)}`);
  return result.rehearsal;
}

async function rehearsals(developer: { cookie: string }, appId: string) {
  const result = await execute(LinkRehearsals_AppDocument, { id: appId }, developer);
  const node = result.data?.node;
  if (node?.__typename !== 'App') throw new Error(JSON.stringify(result));
  return node;
}

const rehearsalRowId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;

const sandboxPost = (path: string, body: Record<string, string>, format: 'json' | 'form' = 'json', headers: Record<string, string> = {}) =>
  fetch(`${sandbox.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', ...headers },
    body: format === 'json' ? JSON.stringify(body) : new URLSearchParams(body).toString(),
  });

/** The whole flow: code sent, exchanged inside the POST, account fetched, link opened, integration completed. */
async function rehearseCompletely(developer: { cookie: string }, appId: string, environment: 'STAGING' | 'PRODUCTION') {
  const rehearsal = await startOk(developer, appId, environment);
  expect(rehearsal.status).toBe('ACCOUNT_FETCHED');
  const link = new URL(rehearsal.accountLinkUrl!);
  const outcome = await partner.link(link.searchParams.get('time')!, link.searchParams.get('nonce')!);
  expect(outcome).toEqual({ ok: true, message: 'Your Ring account is linked.' });
  return rehearsal;
}

describe('link rehearsal: the whole flow', () => {
  it('completes on staging (JSON token body) and production (form token body), recording every step with its time', async () => {
    const { developer, app } = await setup();
    const staging = await rehearseCompletely(developer, app.globalId, 'STAGING');
    partner.settings.bodyFormat = 'form';
    const production = await rehearseCompletely(developer, app.globalId, 'PRODUCTION');

    const node = await rehearsals(developer, app.globalId);
    expect(node.linkRehearsals.map((r) => [r.id, r.environment, r.status])).toEqual([
      [production.id, 'PRODUCTION', 'COMPLETED'],
      [staging.id, 'STAGING', 'COMPLETED'],
    ]);
    const done = node.linkRehearsals[1]!;
    expect(done.accountId).toMatch(/^ava1\.ring\.account\.[0-9a-f-]{36}$/);
    expect(done.steps.map((s) => [s.kind, s.ok])).toEqual([
      ['CODE_SENT', true],
      ['CODE_EXCHANGED', true],
      ['ACCOUNT_FETCHED', true],
      ['TOKEN_EXCHANGE_ANSWERED', true],
      ['INTEGRATION_POSTED', true],
      ['INTEGRATION_COMPLETED', true],
    ]);
    for (const step of done.steps) expect(Math.abs(new Date(step.at).getTime() - Date.now())).toBeLessThan(60_000);
    expect(done.steps[1]!.message).toMatch(/^The code was exchanged after \d+ s\.$/);

    // The Account Link URL is the Authorization URL with Ring's time (epoch ms) and nonce.
    const url = new URL(done.accountLinkUrl!);
    expect(`${url.origin}${url.pathname}`).toBe(partner.urls().authorizationUrl);
    const time = url.searchParams.get('time')!;
    expect(Math.abs(Number(time) - Date.now())).toBeLessThan(60_000);
    expect(url.searchParams.get('nonce')).toBe(createNonce(time, done.accountId, app.credentials.hmacSignatureKey));

    // What the partner saw of the sandbox: Ring's shapes.
    const token = partner.answers.find((a) => a.call === 'token')!;
    expect(token.status).toBe(200);
    expect(token.body).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      scope: expect.any(String),
      expires_in: 14400,
      token_type: 'Bearer',
    });
    expect(partner.answers.find((a) => a.call === 'users/me')!.body).toEqual({ account_id: expect.stringMatching(/^ava1\.ring\.account\./) });
    expect(partner.answers.filter((a) => a.call.startsWith('integration')).map((a) => [a.status, (a.body as { status: string }).status])).toEqual([
      [201, 'awaiting'],
      [200, 'completed'],
      [201, 'awaiting'],
      [200, 'completed'],
    ]);

    // Codes and tokens are stored only as hashes.
    const stored = JSON.stringify(await prisma.sandboxToken.findMany({ where: { rehearsal: { appId: app.id } } }));
    expect(stored).not.toContain(String((token.body as { access_token: string }).access_token));
    expect(JSON.stringify(await prisma.linkRehearsal.findMany({ where: { appId: app.id } }))).not.toContain(partner.codes[0]!);
    // Audited.
    expect(await prisma.auditEvent.count({ where: { appId: app.id, action: 'link-rehearsal.started' } })).toBe(2);
  });

  it('the code is POSTed form-encoded as code=<code> to the Token Exchange URL', async () => {
    const { developer, app } = await setup();
    partner.settings.mode = 'keep';
    const rehearsal = await startOk(developer, app.globalId);
    expect(partner.codes).toHaveLength(1);
    expect(partner.codes[0]).toMatch(/^rsbx_code_[A-Za-z0-9_-]{43}$/);
    expect(rehearsal.status).toBe('CODE_SENT');
    expect(rehearsal.accountLinkUrl).toBeNull();
    expect(new Date(rehearsal.expiresAt).getTime() - new Date(rehearsal.createdAt).getTime()).toBeGreaterThanOrEqual(59_000);
    expect(rehearsal.codeSecondsLeft).toBeGreaterThan(55);
  });

  it('refresh_token: new tokens, the old refresh token refused once used (rotated)', async () => {
    const { developer, app } = await setup();
    await startOk(developer, app.globalId);
    const { refreshToken } = partner.unclaimed[0]!;
    const body = { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: app.credentials.clientId, client_secret: app.credentials.clientSecret };
    const first = await sandboxPost('/sandbox/oauth/token', body, 'form');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ expires_in: 14400, token_type: 'Bearer' });
    const again = await sandboxPost('/sandbox/oauth/token', body, 'form');
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: 'invalid_grant', error_description: expect.stringContaining('already used') });
  });
});

describe('link rehearsal: refusals', () => {
  it('refuses to start without saved linking URLs, naming them, and saves nothing', async () => {
    const developer = await newDeveloper('no-urls');
    const { createAppVia } = await import('../support/created-apps.ts');
    const created = await createAppVia(developer, 'No URLs');
    const result = await start(developer, created.app.id);
    expect(result.__typename).toBe('ValidationError');
    expect(result.__typename === 'ValidationError' && result.fields).toEqual([
      {
        path: ['environment'],
        code: 'REQUIRED',
        message: 'Save the staging authorization URL, app homepage URL, token exchange URL, webhook URL before starting a link rehearsal.',
      },
    ]);
    expect(await prisma.linkRehearsal.count({ where: { app: { developer: { email: developer.email } } } })).toBe(0);
  });

  it('a partner whose Token Exchange URL answers HTTP 500: FAILED, saying so', async () => {
    const { developer, app } = await setup();
    partner.settings.mode = 'fail';
    const rehearsal = await startOk(developer, app.globalId);
    expect(rehearsal.status).toBe('FAILED');
    expect(rehearsal.steps.at(-1)).toMatchObject({
      kind: 'TOKEN_EXCHANGE_ANSWERED',
      ok: false,
      message: 'The Token Exchange URL answered HTTP 500; Ring expects 2xx once the code is accepted.',
    });
  });

  it('wrong client secret: 401 invalid_client, the step recorded, no tokens issued', async () => {
    const { developer, app } = await setup();
    partner.settings.mode = 'keep';
    const rehearsal = await startOk(developer, app.globalId);
    partner.settings.clientSecret = 'ring_csec_wrong';
    const answer = await partner.exchange(partner.codes[0]!);
    expect(answer).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'The client secret is wrong.' } });
    const row = await prisma.linkRehearsal.findUniqueOrThrow({ where: { id: rehearsalRowId(rehearsal.id) }, include: { sandboxTokens: true } });
    expect(row.sandboxTokens).toEqual([]);
    expect(row.codeUsedAt).toBeNull();
    expect((row.steps as Array<{ message: string; ok: boolean }>).at(-1)).toMatchObject({
      ok: false,
      message: 'The code was presented with the wrong client secret.',
    });
  });

  it('unknown code, and another app’s code: 400 invalid_grant', async () => {
    const { developer, app } = await setup();
    partner.settings.mode = 'keep';
    await startOk(developer, app.globalId);
    const foreignCode = partner.codes[0]!;
    const unknown = await partner.exchange('rsbx_code_never-issued');
    expect(unknown).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'The code is unknown: it was never issued to this app.' } });
    await setup('other-app');
    const foreign = await partner.exchange(foreignCode);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toBe('invalid_grant');
  });

  it('reused code: the second exchange is 400 invalid_grant and recorded', async () => {
    const { developer, app } = await setup();
    const rehearsal = await startOk(developer, app.globalId);
    const again = await partner.exchange(partner.codes[0]!);
    expect(again).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'The code was already exchanged; codes are single-use.' } });
    const node = await rehearsals(developer, app.globalId);
    const steps = node.linkRehearsals.find((r) => r.id === rehearsal.id)!.steps;
    expect(steps.at(-1)).toMatchObject({
      kind: 'CODE_EXCHANGED',
      ok: false,
      message: expect.stringMatching(/^The code was presented again after \d+ s; codes are single-use\.$/),
    });
  });

  it('a code exchanged after 61 s is refused and the rehearsal FAILED ("after 61 s; Ring allows 60 s"); after 59 s it is accepted', async () => {
    const { developer, app } = await setup();
    partner.settings.mode = 'keep';
    const late = await startOk(developer, app.globalId);
    await prisma.linkRehearsal.update({ where: { id: rehearsalRowId(late.id) }, data: { codeSentAt: new Date(Date.now() - 61_000) } });
    const refused = await partner.exchange(partner.codes[0]!);
    expect(refused).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'The code expired: codes must be exchanged within 60 s.' } });
    const row = await prisma.linkRehearsal.findUniqueOrThrow({ where: { id: rehearsalRowId(late.id) } });
    expect(row.status).toBe('FAILED');
    expect((row.steps as Array<{ message: string }>).at(-1)!.message).toBe('The code was exchanged after 61 s; Ring allows 60 s.');

    const inTime = await startOk(developer, app.globalId);
    await prisma.linkRehearsal.update({ where: { id: rehearsalRowId(inTime.id) }, data: { codeSentAt: new Date(Date.now() - 59_000) } });
    const accepted = await partner.exchange(partner.codes[1]!);
    expect(accepted.status).toBe(200);
    expect((await prisma.linkRehearsal.findUniqueOrThrow({ where: { id: rehearsalRowId(inTime.id) } })).status).toBe('ACCOUNT_FETCHED');
  });

  it('a code never exchanged: FAILED in the database after 60 s (by the sweep, and when read), still CODE_SENT at 59 s', async () => {
    const { developer, app } = await setup();
    partner.settings.mode = 'keep';
    const swept = await startOk(developer, app.globalId);
    const read = await startOk(developer, app.globalId);
    const young = await startOk(developer, app.globalId);
    await prisma.linkRehearsal.updateMany({
      where: { id: { in: [rehearsalRowId(swept.id), rehearsalRowId(read.id)] } },
      data: { codeSentAt: new Date(Date.now() - 61_000) },
    });
    await prisma.linkRehearsal.update({ where: { id: rehearsalRowId(young.id) }, data: { codeSentAt: new Date(Date.now() - 59_000) } });

    expect(await expireUnexchangedRehearsals(app.id)).toBe(2);
    const row = await prisma.linkRehearsal.findUniqueOrThrow({ where: { id: rehearsalRowId(swept.id) } });
    expect(row.status).toBe('FAILED');
    expect((row.steps as Array<{ kind: string; message: string }>).at(-1)).toMatchObject({
      kind: 'CODE_EXPIRED',
      message: 'The code was not exchanged within 60 s; Ring allows 60 s.',
    });
    // A second sweep finds nothing more to do.
    expect(await expireUnexchangedRehearsals(app.id)).toBe(0);

    // Evaluation on read: set one back to CODE_SENT as if no sweep had run; reading ends it.
    await prisma.linkRehearsal.update({ where: { id: rehearsalRowId(read.id) }, data: { status: 'CODE_SENT', steps: [] } });
    const node = await rehearsals(developer, app.globalId);
    expect(node.linkRehearsals.find((r) => r.id === read.id)!.status).toBe('FAILED');
    expect((await prisma.linkRehearsal.findUniqueOrThrow({ where: { id: rehearsalRowId(read.id) } })).status).toBe('FAILED');
    expect(node.linkRehearsals.find((r) => r.id === young.id)!.status).toBe('CODE_SENT');
  });

  it('expired access token: 401 invalid_token with a Bearer challenge, recorded', async () => {
    const { developer, app } = await setup();
    const rehearsal = await startOk(developer, app.globalId);
    await prisma.sandboxToken.updateMany({
      where: { rehearsalId: rehearsalRowId(rehearsal.id), kind: 'ACCESS' },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const answer = await fetch(`${sandbox.baseUrl}/sandbox/v1/users/me`, { headers: { authorization: `Bearer ${partner.unclaimed[0]!.accessToken}` } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="Ring sandbox", error="invalid_token"/);
    expect(await answer.json()).toEqual({
      error: 'invalid_token',
      error_description: 'The access token expired (access tokens last 4 hours); use the refresh token.',
    });
    const row = await prisma.linkRehearsal.findUniqueOrThrow({ where: { id: rehearsalRowId(rehearsal.id) } });
    expect((row.steps as Array<{ ok: boolean; message: string }>).at(-1)).toMatchObject({
      ok: false,
      message: expect.stringContaining('expired access token'),
    });
    // No token at all: the same challenge.
    const none = await fetch(`${sandbox.baseUrl}/sandbox/v1/users/me`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('wrong nonce: 400, recorded ("the nonce did not match"), the rehearsal still waiting for the right one', async () => {
    const { developer, app } = await setup();
    const rehearsal = await startOk(developer, app.globalId);
    const { accessToken } = partner.unclaimed[0]!;
    const time = new URL(rehearsal.accountLinkUrl!).searchParams.get('time')!;
    const wrong = createNonce(time, rehearsal.accountId, 'not-the-key');
    const answer = await sandboxPost('/sandbox/v1/accounts/me/app-integrations', { nonce: wrong, time }, 'json', { authorization: `Bearer ${accessToken}` });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('The nonce did not match this account') });
    const row = await prisma.linkRehearsal.findUniqueOrThrow({ where: { id: rehearsalRowId(rehearsal.id) } });
    expect(row.status).toBe('ACCOUNT_FETCHED');
    expect((row.steps as Array<{ ok: boolean; message: string }>).at(-1)).toMatchObject({
      ok: false,
      message: expect.stringContaining('The nonce did not match'),
    });
  });

  it('PATCH before POST: 409, recorded', async () => {
    const { developer, app } = await setup();
    const rehearsal = await startOk(developer, app.globalId);
    const answer = await fetch(`${sandbox.baseUrl}/sandbox/v1/accounts/me/app-integrations`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${partner.unclaimed[0]!.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'completed' }),
    });
    expect(answer.status).toBe(409);
    expect(await answer.json()).toMatchObject({ error: 'conflict' });
    const row = await prisma.linkRehearsal.findUniqueOrThrow({ where: { id: rehearsalRowId(rehearsal.id) } });
    expect(row.status).toBe('ACCOUNT_FETCHED');
    expect((row.steps as Array<{ message: string }>).at(-1)!.message).toBe('The PATCH came before the POST: create the integration (POST) first.');
  });

  it('token endpoint: unsupported grant type, missing fields and an unknown body type are OAuth errors', async () => {
    const { app } = await setup();
    const client = { client_id: app.credentials.clientId, client_secret: app.credentials.clientSecret };
    const unsupported = await sandboxPost('/sandbox/oauth/token', { grant_type: 'password', ...client });
    expect([unsupported.status, ((await unsupported.json()) as { error: string }).error]).toEqual([400, 'unsupported_grant_type']);
    const noClient = await sandboxPost('/sandbox/oauth/token', { grant_type: 'authorization_code', code: 'x' }, 'form');
    expect([noClient.status, ((await noClient.json()) as { error: string }).error]).toEqual([401, 'invalid_client']);
    const text = await fetch(`${sandbox.baseUrl}/sandbox/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'grant_type=authorization_code',
    });
    expect([text.status, ((await text.json()) as { error: string }).error]).toEqual([400, 'invalid_request']);
    const get = await fetch(`${sandbox.baseUrl}/sandbox/oauth/token`);
    expect(get.status).toBe(405);
  });
});

describe('sandbox rate limits (per app and per developer, in PostgreSQL)', () => {
  it('per app: the limit-th request is answered, the next is 429 with Retry-After and an OAuth-style body', async () => {
    const { app } = await setup('limit-app');
    process.env.SANDBOX_REQUESTS_PER_APP_PER_MINUTE = '3';
    const body = {
      grant_type: 'authorization_code',
      code: 'rsbx_code_unknown',
      client_id: app.credentials.clientId,
      client_secret: app.credentials.clientSecret,
    };
    for (let i = 0; i < 3; i += 1) expect((await sandboxPost('/sandbox/oauth/token', body)).status).toBe(400);
    const refused = await sandboxPost('/sandbox/oauth/token', body);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ error: 'rate_limited', error_description: expect.stringContaining('At most 3 sandbox requests a minute per app') });
  });

  it('per developer, across their apps: just inside answered, just outside 429', async () => {
    const developer = await newDeveloper('limit-dev');
    process.env.SANDBOX_REQUESTS_PER_DEVELOPER_PER_MINUTE = '4';
    const first = await createRehearsableApp(developer, partner.urls(), 'First');
    const second = await createRehearsableApp(developer, partner.urls(), 'Second');
    const call = (app: typeof first) =>
      sandboxPost('/sandbox/oauth/token', {
        grant_type: 'authorization_code',
        code: 'rsbx_code_unknown',
        client_id: app.credentials.clientId,
        client_secret: app.credentials.clientSecret,
      });
    expect((await call(first)).status).toBe(400);
    expect((await call(first)).status).toBe(400);
    expect((await call(second)).status).toBe(400);
    expect((await call(second)).status).toBe(400);
    const refused = await call(second);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: 'rate_limited', error_description: expect.stringContaining('across all of a developer') });
  });

  it('starting a rehearsal takes from the same allowance: RateLimitedError past it', async () => {
    const { developer, app } = await setup('limit-start');
    partner.settings.mode = 'keep';
    process.env.SANDBOX_REQUESTS_PER_APP_PER_MINUTE = '1';
    expect((await start(developer, app.globalId)).__typename).toBe('StartLinkRehearsalSuccess');
    const refused = await start(developer, app.globalId);
    expect(refused.__typename).toBe('RateLimitedError');
    expect(partner.codes).toHaveLength(1);
  });
});

describe('completeTest', () => {
  const acknowledge = (developer: { cookie: string }, appId: string, acknowledgeLinkingTested = true) =>
    execute(LinkRehearsals_CompleteTestDocument, { input: { appId, acknowledgeLinkingTested } }, developer).then((r) => r.data!.completeTest);

  it('refuses with every missing item named, then completes once both environments rehearsed; a URL change sends Test back to IN_PROGRESS', async () => {
    const { developer, app } = await setup('complete-test');
    const locked = await acknowledge(developer, app.globalId);
    expect(locked.__typename === 'TestIncompleteError' && locked.missing).toEqual([
      'Configure and Build complete (Test opens after them).',
      'A link rehearsal on staging completed since its linking URLs last changed.',
      'A link rehearsal on production completed since its linking URLs last changed.',
      `Test events: the staging webhook has not yet answered ${WEBHOOK_EVENT_TYPES.map((type) => type.toLowerCase()).join(', ')} with a 2xx within 5 s.`,
      'Test events: send at least one to the production webhook and get a 2xx within 5 s.',
    ]);
    await completeConfigureAndBuild(app.id);
    expect((await rehearsals(developer, app.globalId)).lifecycle[2]).toEqual({ step: 'TEST', status: 'PENDING' });
    // Every event type answered by the staging webhook, and one by production, as the Test page sends them.
    const delivered = (environment: 'STAGING' | 'PRODUCTION', eventType: string) => ({
      appId: app.id,
      environment,
      eventType,
      url: 'https://hooks.example.com/ring',
      statusCode: 200,
      durationMs: 40,
    });
    await prisma.webhookDelivery.createMany({
      data: [
        ...WEBHOOK_EVENT_TYPES.filter((type) => type !== 'DEVICE_ADDED').map((type) => delivered('STAGING', type)),
        delivered('PRODUCTION', 'BUTTON_PRESS'),
      ],
    });
    const oneTypeShort = await acknowledge(developer, app.globalId);
    expect(oneTypeShort.__typename === 'TestIncompleteError' && oneTypeShort.missing).toContain(
      'Test events: the staging webhook has not yet answered device_added with a 2xx within 5 s.',
    );
    await prisma.webhookDelivery.create({ data: delivered('STAGING', 'DEVICE_ADDED') });

    await rehearseCompletely(developer, app.globalId, 'STAGING');
    expect((await rehearsals(developer, app.globalId)).lifecycle[2]).toEqual({ step: 'TEST', status: 'IN_PROGRESS' });
    const oneMissing = await acknowledge(developer, app.globalId);
    expect(oneMissing.__typename === 'TestIncompleteError' && oneMissing.missing).toEqual([
      'A link rehearsal on production completed since its linking URLs last changed.',
    ]);

    await rehearseCompletely(developer, app.globalId, 'PRODUCTION');
    const unticked = await acknowledge(developer, app.globalId, false);
    expect(unticked.__typename === 'ValidationError' && unticked.fields.map((f) => f.path)).toEqual([['acknowledgeLinkingTested']]);
    expect((await prisma.app.findUniqueOrThrow({ where: { id: app.id } })).testCompletedAt).toBeNull();

    const done = await acknowledge(developer, app.globalId);
    expect(done.__typename).toBe('CompleteTestSuccess');
    expect(done.__typename === 'CompleteTestSuccess' && done.app.lifecycle[2]).toEqual({ step: 'TEST', status: 'COMPLETE' });
    expect(done.__typename === 'CompleteTestSuccess' && done.app.testCompletedAt).toBeTruthy();

    // Saving the same URLs again changes nothing; a changed one sends Test back.
    const save = (tokenExchangeUrl: string) =>
      execute(AccountLinkingPage_SaveDocument, { input: { appId: app.globalId, environment: 'PRODUCTION', ...partner.urls(), tokenExchangeUrl } }, developer);
    await save(partner.urls().tokenExchangeUrl);
    expect((await rehearsals(developer, app.globalId)).lifecycle[2]).toEqual({ step: 'TEST', status: 'COMPLETE' });
    await save(`${partner.urls().tokenExchangeUrl}?v=2`);
    const after = await rehearsals(developer, app.globalId);
    expect(after.lifecycle[2]).toEqual({ step: 'TEST', status: 'IN_PROGRESS' });
    expect(after.testCompletedAt).toBeNull();
    expect(after.testRequirementsMissing).toEqual([
      'A link rehearsal on production completed since its linking URLs last changed.',
      'Test events: send at least one to the production webhook and get a 2xx within 5 s.',
    ]);
  });
});
