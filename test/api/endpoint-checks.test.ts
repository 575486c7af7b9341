/**
 * The Build step's endpoint checks against real partners: HTTPS servers on loopback (reachable
 * only while ALLOW_LOCAL_ENDPOINTS and EXTRA_CA_FILE are set around a case), a plain-HTTP
 * server, a closed port and a private address. Then completeBuild and the Build step's rules.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import { BuildPage_AppDocument, BuildPage_CompleteBuildDocument, BuildPage_RunEndpointChecksDocument } from '@ring/client';
import { verify } from '@ring/webhooks';
import { encryptSecret } from '../../packages/api/src/crypto/secret-box.ts';
import { execute, newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { selfSignedCertificate, allowLocalEndpoints } from '../support/tls.ts';

const { keyFile, certFile } = selfSignedCertificate('ring-endpoint-checks');

type Handler = (request: IncomingMessage, body: Buffer, response: ServerResponse) => void;

/** The partner's behaviour per path; each case changes what it needs. */
let handlers: Record<string, Handler> = {};
let hmacKeyOfPartner = '';
let bytesWritten = 0;

const ok: Handler = (_request, _body, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>Partner</h1>');
const goodToken: Handler = (_request, _body, response) => response.writeHead(400, { 'Content-Type': 'application/json' }).end('{"error":"invalid_grant"}');
const goodWebhook: Handler = (request, body, response) => {
  const valid = verify(body, String(request.headers['x-signature'] ?? ''), hmacKeyOfPartner);
  response.writeHead(valid ? 200 : 401).end(valid ? 'ok' : 'bad signature');
};
const GOOD = { '/link': ok, '/home': ok, '/token': goodToken, '/hook': goodWebhook };

const serve = (request: IncomingMessage, response: ServerResponse) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => (handlers[request.url ?? ''] ?? ok)(request, Buffer.concat(chunks), response));
};

let partner: Server;
let port: number;
let plainHttp: ReturnType<typeof createHttpServer>;
let plainPort: number;
let closedPort: number;

beforeAll(async () => {
  partner = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, serve);
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  port = (partner.address() as AddressInfo).port;
  plainHttp = createHttpServer(serve);
  await new Promise<void>((resolve) => plainHttp.listen(0, '127.0.0.1', resolve));
  plainPort = (plainHttp.address() as AddressInfo).port;
  const closed = createHttpServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  partner?.closeAllConnections();
  plainHttp?.closeAllConnections();
  await Promise.all([new Promise((resolve) => partner?.close(resolve)), new Promise((resolve) => plainHttp?.close(resolve))]);
});

const allowLoopback = (on: boolean) => allowLocalEndpoints(on ? certFile : null);

afterEach(() => {
  allowLoopback(false);
  handlers = { ...GOOD };
  bytesWritten = 0;
});
handlers = { ...GOOD };

const base = () => `https://127.0.0.1:${port}`;
const partnerUrls = (origin = base()) => ({
  authorizationUrl: `${origin}/link`,
  appHomepageUrl: `${origin}/home`,
  tokenExchangeUrl: `${origin}/token`,
  webhookUrl: `${origin}/hook`,
});

/** A developer's app with an HMAC key and the given staging URLs, written directly (validation would refuse loopback ones). */
async function partnerApp(urls: Partial<ReturnType<typeof partnerUrls>> | null = partnerUrls(), developer?: Awaited<ReturnType<typeof newDeveloper>>) {
  const owner = developer ?? (await newDeveloper('build'));
  const app = await insertApp(owner.id);
  const hmacKey = `ring_hmac_${randomBytes(24).toString('base64url')}`;
  hmacKeyOfPartner = hmacKey;
  await prisma.credential.create({
    data: { appId: app.id, clientId: `client-${app.id}`, clientSecretHash: 'unused-in-these-tests', hmacKeyEncrypted: encryptSecret(hmacKey, app.id) },
  });
  if (urls) await prisma.accountLinking.create({ data: { appId: app.id, environment: 'STAGING', version: 1, savedAt: new Date(), ...urls } });
  return { developer: owner, app, hmacKey };
}

const run = (appId: string, cookie: string, environment: 'STAGING' | 'PRODUCTION' = 'STAGING') =>
  execute(BuildPage_RunEndpointChecksDocument, { input: { appId, environment } }, { cookie });

async function runOk(appId: string, cookie: string) {
  const result = await run(appId, cookie);
  const payload = result.data?.runEndpointChecks;
  if (payload?.__typename !== 'RunEndpointChecksSuccess') throw new Error(JSON.stringify(result));
  return payload.run;
}

type Run = Awaited<ReturnType<typeof runOk>>;
const checkOf = (outcome: Run, endpoint: string, check: string) => {
  const found = outcome.checks.find((entry) => entry.endpoint === endpoint && entry.check === check);
  if (!found) throw new Error(`no ${endpoint} ${check}`);
  return found;
};
const failed = (outcome: Run) => outcome.checks.filter((entry) => !entry.passed).map((entry) => `${entry.endpoint}:${entry.check}`);

const completeBuild = (appId: string, cookie: string) => execute(BuildPage_CompleteBuildDocument, { input: { appId } }, { cookie });
const buildPage = async (appId: string, cookie: string) => {
  const result = await execute(BuildPage_AppDocument, { id: appId }, { cookie });
  if (result.data?.node?.__typename !== 'App') throw new Error(JSON.stringify(result));
  return result.data.node;
};

describe('runEndpointChecks', () => {
  it('passes every check against a partner that does what Ring expects, records the run with the URLs checked, and audits it', async () => {
    allowLoopback(true);
    const { developer, app } = await partnerApp();
    const received: string[] = [];
    handlers['/token'] = (request, body, response) => {
      received.push(`${request.method} ${request.headers['content-type']} ${body.toString()}`);
      goodToken(request, body, response);
    };
    const outcome = await runOk(app.globalId, developer.cookie);
    expect(failed(outcome)).toEqual([]);
    expect(outcome.passed).toBe(true);
    expect(outcome.checks.map((entry) => `${entry.endpoint}:${entry.check}`)).toEqual([
      'AUTHORIZATION_URL:REACHABLE',
      'AUTHORIZATION_URL:ANSWERS_BROWSER',
      'APP_HOMEPAGE_URL:REACHABLE',
      'APP_HOMEPAGE_URL:ANSWERS_BROWSER',
      'TOKEN_EXCHANGE_URL:REACHABLE',
      'TOKEN_EXCHANGE_URL:REFUSES_UNKNOWN_CODE',
      'WEBHOOK_URL:REACHABLE',
      'WEBHOOK_URL:ACCEPTS_SIGNED_EVENT',
      'WEBHOOK_URL:REFUSES_WRONG_SIGNATURE',
    ]);
    expect(checkOf(outcome, 'TOKEN_EXCHANGE_URL', 'REFUSES_UNKNOWN_CODE')).toMatchObject({ statusCode: 400 });
    expect(received).toEqual([expect.stringMatching(/^POST application\/x-www-form-urlencoded code=ring-check-[0-9a-f]{32}$/)]);

    const stored = await prisma.endpointCheckRun.findFirstOrThrow({ where: { appId: app.id } });
    expect(stored).toMatchObject({ environment: 'STAGING', passed: true, urls: partnerUrls() });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { appId: app.id, action: 'endpoint-checks.run' } });
    expect(audit.detail).toMatchObject({ runId: stored.id, environment: 'STAGING', passed: true, failed: [] });

    const page = await buildPage(app.globalId, developer.cookie);
    expect(page.staging?.id).toBe(outcome.id);
    expect(page.production).toBeNull();
    expect(page.buildBlocker).toBeNull();
    expect(page.lifecycle[1]).toEqual({ step: 'BUILD', status: 'IN_PROGRESS', note: null });
  });

  it('names the URLs that are not saved (ValidationError) and calls nothing', async () => {
    const { developer, app } = await partnerApp({ authorizationUrl: 'https://a.example.com/', appHomepageUrl: 'https://a.example.com/' });
    const result = await run(app.globalId, developer.cookie);
    expect(result.data?.runEndpointChecks).toMatchObject({
      __typename: 'ValidationError',
      fields: [
        {
          path: ['environment'],
          code: 'LINKING_URLS_MISSING',
          message: 'Save the staging token exchange URL, webhook URL in Account linking before running the endpoint checks.',
        },
      ],
    });
    const none = await run(app.globalId, developer.cookie, 'PRODUCTION');
    expect(none.data?.runEndpointChecks).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ message: expect.stringMatching(/production authorization URL, app homepage URL, token exchange URL, webhook URL/) }],
    });
    expect(await prisma.endpointCheckRun.count({ where: { appId: app.id } })).toBe(0);
  });

  it('an unreachable endpoint (a closed port) fails reachability with the reason and what Ring expects; its other checks are not run', async () => {
    allowLoopback(true);
    const { developer, app } = await partnerApp({ ...partnerUrls(), tokenExchangeUrl: `https://127.0.0.1:${closedPort}/token` });
    const outcome = await runOk(app.globalId, developer.cookie);
    expect(failed(outcome)).toEqual(['TOKEN_EXCHANGE_URL:REACHABLE', 'TOKEN_EXCHANGE_URL:REFUSES_UNKNOWN_CODE']);
    expect(checkOf(outcome, 'TOKEN_EXCHANGE_URL', 'REACHABLE')).toMatchObject({
      statusCode: null,
      message: `Nothing accepts connections at 127.0.0.1 port ${closedPort}; Ring expects a public address serving HTTPS (TLS 1.2 or later, a valid certificate) that answers within 5 seconds.`,
    });
    expect(checkOf(outcome, 'TOKEN_EXCHANGE_URL', 'REFUSES_UNKNOWN_CODE').message).toMatch(/^Not checked: the endpoint gave no answer/);
    expect(outcome.passed).toBe(false);
  });

  it('a slow partner (answers after 5 s) fails at about 5 s, every endpoint hanging at once still ends the run in about 5 s', async () => {
    allowLoopback(true);
    const { developer, app } = await partnerApp();
    const timers: NodeJS.Timeout[] = [];
    const slow: Handler = (_request, _body, response) => void timers.push(setTimeout(() => response.writeHead(200).end('late'), 6_500));
    handlers = { '/link': slow, '/home': slow, '/token': slow, '/hook': slow };
    const started = performance.now();
    const outcome = await runOk(app.globalId, developer.cookie);
    const elapsed = performance.now() - started;
    timers.forEach(clearTimeout);
    expect(elapsed).toBeGreaterThanOrEqual(4_900);
    expect(elapsed).toBeLessThan(6_500);
    expect(outcome.checks.every((entry) => !entry.passed)).toBe(true);
    const reachability = checkOf(outcome, 'WEBHOOK_URL', 'REACHABLE');
    expect(reachability.message).toMatch(/^No answer within 5 seconds; Ring waits at most 5\./);
    expect(reachability.durationMs).toBeGreaterThanOrEqual(4_900);
    expect(reachability.durationMs).toBeLessThan(6_000);
  }, 15_000);

  it('a redirect is not followed: fine for a browser URL, a failure where Ring POSTs', async () => {
    allowLoopback(true);
    const { developer, app } = await partnerApp();
    const redirect: Handler = (_request, _body, response) => response.writeHead(302, { Location: 'https://elsewhere.example.com/' }).end();
    handlers = { ...GOOD, '/link': redirect, '/token': redirect, '/hook': redirect };
    const outcome = await runOk(app.globalId, developer.cookie);
    expect(failed(outcome)).toEqual(['TOKEN_EXCHANGE_URL:REFUSES_UNKNOWN_CODE', 'WEBHOOK_URL:ACCEPTS_SIGNED_EVENT', 'WEBHOOK_URL:REFUSES_WRONG_SIGNATURE']);
    expect(checkOf(outcome, 'AUTHORIZATION_URL', 'ANSWERS_BROWSER')).toMatchObject({ passed: true, statusCode: 302 });
    expect(checkOf(outcome, 'TOKEN_EXCHANGE_URL', 'REFUSES_UNKNOWN_CODE').message).toBe(
      'A code Ring never issued got HTTP 302, a redirect to https://elsewhere.example.com/ (Ring does not follow redirects); Ring expects 4xx at this URL.',
    );
  });

  it('a port that speaks plain HTTP fails reachability as not HTTPS', async () => {
    allowLoopback(true);
    const { developer, app } = await partnerApp({ ...partnerUrls(), appHomepageUrl: `https://127.0.0.1:${plainPort}/home` });
    const outcome = await runOk(app.globalId, developer.cookie);
    expect(failed(outcome)).toEqual(['APP_HOMEPAGE_URL:REACHABLE', 'APP_HOMEPAGE_URL:ANSWERS_BROWSER']);
    expect(checkOf(outcome, 'APP_HOMEPAGE_URL', 'REACHABLE').message).toMatch(/does not speak HTTPS \(TLS\); Ring expects a public address serving HTTPS/);
  });

  it('a private address is refused without connecting; without ALLOW_LOCAL_ENDPOINTS loopback is refused too', async () => {
    allowLoopback(true);
    const { developer, app } = await partnerApp({ ...partnerUrls(), webhookUrl: 'https://10.1.2.3/hook' });
    const outcome = await runOk(app.globalId, developer.cookie);
    expect(failed(outcome)).toEqual(['WEBHOOK_URL:REACHABLE', 'WEBHOOK_URL:ACCEPTS_SIGNED_EVENT', 'WEBHOOK_URL:REFUSES_WRONG_SIGNATURE']);
    expect(checkOf(outcome, 'WEBHOOK_URL', 'REACHABLE').message).toMatch(
      /^Refused: 10\.1\.2\.3 is a private, loopback, link-local or metadata address; Ring expects a public address/,
    );

    allowLoopback(false);
    let connections = 0;
    const count = () => (connections += 1);
    partner.on('connection', count);
    try {
      const loopback = await runOk(app.globalId, developer.cookie);
      expect(loopback.checks.filter((entry) => entry.check === 'REACHABLE').every((entry) => !entry.passed)).toBe(true);
      expect(checkOf(loopback, 'AUTHORIZATION_URL', 'REACHABLE').message).toMatch(/^Refused: 127\.0\.0\.1 is a private, loopback/);
      expect(connections).toBe(0);
    } finally {
      partner.off('connection', count);
    }
  });

  it('a huge answer is never read past the first kilobyte: the run ends at once and the check judges the status', async () => {
    allowLoopback(true);
    const { developer, app } = await partnerApp();
    const chunk = Buffer.alloc(64 * 1024, 'x');
    handlers['/home'] = (_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      const pump = () => {
        while (!response.destroyed && bytesWritten < 200 * 1024 ** 2) {
          bytesWritten += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      response.on('close', () => response.destroy());
      pump();
    };
    const started = performance.now();
    const outcome = await runOk(app.globalId, developer.cookie);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(checkOf(outcome, 'APP_HOMEPAGE_URL', 'ANSWERS_BROWSER')).toMatchObject({ passed: true, statusCode: 200 });
    // Socket buffers take a few megabytes at most; reading it all would be 200 MB.
    expect(bytesWritten).toBeLessThan(20 * 1024 ** 2);
  });

  it('a Token Exchange URL that accepts any code (2xx) or crashes (5xx) fails, saying what Ring expects', async () => {
    allowLoopback(true);
    const { developer, app } = await partnerApp();
    handlers['/token'] = (_request, _body, response) => response.writeHead(200).end('{"ok":true}');
    const accepting = await runOk(app.globalId, developer.cookie);
    expect(failed(accepting)).toEqual(['TOKEN_EXCHANGE_URL:REFUSES_UNKNOWN_CODE']);
    expect(checkOf(accepting, 'TOKEN_EXCHANGE_URL', 'REFUSES_UNKNOWN_CODE').message).toBe(
      'A code Ring never issued was accepted with HTTP 200; Ring expects 4xx: exchange each code at Ring’s token endpoint and refuse it when that fails.',
    );
    handlers['/token'] = (_request, _body, response) => response.writeHead(500).end('TypeError: cannot read properties of undefined');
    const crashing = await runOk(app.globalId, developer.cookie);
    expect(failed(crashing)).toEqual(['TOKEN_EXCHANGE_URL:REFUSES_UNKNOWN_CODE']);
    expect(checkOf(crashing, 'TOKEN_EXCHANGE_URL', 'REFUSES_UNKNOWN_CODE')).toMatchObject({
      statusCode: 500,
      message: 'A code Ring never issued got HTTP 500 (a crash); Ring expects 4xx for a code that cannot be exchanged.',
    });
  });

  it('a webhook that skips verification fails the wrong-signature check; one that refuses everything fails the signed-event check', async () => {
    allowLoopback(true);
    const { developer, app } = await partnerApp();
    handlers['/hook'] = (_request, _body, response) => response.writeHead(200).end('ok');
    const trusting = await runOk(app.globalId, developer.cookie);
    expect(failed(trusting)).toEqual(['WEBHOOK_URL:REFUSES_WRONG_SIGNATURE']);
    expect(checkOf(trusting, 'WEBHOOK_URL', 'REFUSES_WRONG_SIGNATURE').message).toBe(
      'An event with a wrong X-Signature was accepted with HTTP 200; Ring expects 4xx: verify the signature before trusting an event.',
    );
    handlers['/hook'] = (_request, _body, response) => response.writeHead(401).end('no');
    const refusing = await runOk(app.globalId, developer.cookie);
    expect(failed(refusing)).toEqual(['WEBHOOK_URL:ACCEPTS_SIGNED_EVENT']);
    expect(checkOf(refusing, 'WEBHOOK_URL', 'ACCEPTS_SIGNED_EVENT').message).toMatch(
      /^A correctly signed event was refused with HTTP 401; Ring expects 2xx: compute HMAC-SHA256 over the raw body/,
    );
  });
});

describe('completeBuild and the Build step', () => {
  it('is refused without a run, after a failed run and after a staging URL changed; allowed after a passing run; a later change sends Build back with a note', async () => {
    allowLoopback(true);
    const { developer, app } = await partnerApp();
    const refusal = async () => {
      const result = await completeBuild(app.globalId, developer.cookie);
      return result.data?.completeBuild;
    };

    expect(await refusal()).toMatchObject({ __typename: 'ConflictError', message: expect.stringMatching(/^Run the endpoint checks on staging first/) });

    handlers['/hook'] = (_request, _body, response) => response.writeHead(200).end('ok');
    handlers['/token'] = (_request, _body, response) => response.writeHead(200).end('ok');
    await runOk(app.globalId, developer.cookie);
    expect(await refusal()).toMatchObject({ __typename: 'ConflictError', message: 'Run the endpoint checks on staging; the latest run failed 2 checks.' });

    handlers = { ...GOOD };
    await runOk(app.globalId, developer.cookie);
    await prisma.accountLinking.update({
      where: { appId_environment: { appId: app.id, environment: 'STAGING' } },
      data: { webhookUrl: `${base()}/hook?v=2`, savedAt: new Date('2026-12-12T08:00:00Z') },
    });
    expect(await refusal()).toMatchObject({
      __typename: 'ConflictError',
      message: 'The staging webhook URL changed after the last run; run the endpoint checks on staging again.',
    });
    expect((await buildPage(app.globalId, developer.cookie)).buildBlocker).toBe(
      'The staging webhook URL changed after the last run; run the endpoint checks on staging again.',
    );
    expect((await prisma.app.findUniqueOrThrow({ where: { id: app.id } })).buildCompletedAt).toBeNull();

    handlers['/hook?v=2'] = goodWebhook;
    await runOk(app.globalId, developer.cookie);
    const done = await refusal();
    if (done?.__typename !== 'CompleteBuildSuccess') throw new Error(JSON.stringify(done));
    expect(done.app.lifecycle[1]).toEqual({ step: 'BUILD', status: 'COMPLETE', note: null });
    expect(done.app.buildBlocker).toBeNull();
    expect((await prisma.app.findUniqueOrThrow({ where: { id: app.id } })).buildCompletedAt).toBeInstanceOf(Date);
    expect(await prisma.auditEvent.count({ where: { appId: app.id, action: 'build.completed' } })).toBe(1);

    // The developer changes the staging webhook URL on 12 Dec: Build goes back, saying why.
    await prisma.accountLinking.update({
      where: { appId_environment: { appId: app.id, environment: 'STAGING' } },
      data: { webhookUrl: `${base()}/hook?v=3`, savedAt: new Date('2026-12-12T08:00:00Z') },
    });
    const page = await buildPage(app.globalId, developer.cookie);
    expect(page.lifecycle[1]).toEqual({ step: 'BUILD', status: 'IN_PROGRESS', note: 'Staging webhook URL changed on 12 Dec' });
    expect(page.lifecycle[2]).toMatchObject({ step: 'TEST', status: 'LOCKED' });
  });

  it('another developer gets NotFoundError for both operations, and nothing is called or recorded', async () => {
    allowLoopback(true);
    const { app } = await partnerApp();
    const stranger = await newDeveloper('stranger');
    let calls = 0;
    const count = () => (calls += 1);
    partner.on('request', count);
    try {
      expect((await run(app.globalId, stranger.cookie)).data?.runEndpointChecks.__typename).toBe('NotFoundError');
      expect((await completeBuild(app.globalId, stranger.cookie)).data?.completeBuild.__typename).toBe('NotFoundError');
    } finally {
      partner.off('request', count);
    }
    expect(calls).toBe(0);
    expect(await prisma.endpointCheckRun.count({ where: { appId: app.id } })).toBe(0);
  });
});

describe('rate limits', () => {
  // Runs against a private address: refused at once, so the limit is what the test measures.
  const refusedUrls = {
    authorizationUrl: 'https://10.0.0.1/a',
    appHomepageUrl: 'https://10.0.0.1/h',
    tokenExchangeUrl: 'https://10.0.0.1/t',
    webhookUrl: 'https://10.0.0.1/w',
  };

  it('allows 5 runs a minute per app, then RateLimitedError without calling or recording', async () => {
    const { developer, app } = await partnerApp(refusedUrls);
    for (let index = 0; index < 5; index += 1) await runOk(app.globalId, developer.cookie);
    const limited = await run(app.globalId, developer.cookie);
    expect(limited.data?.runEndpointChecks).toMatchObject({
      __typename: 'RateLimitedError',
      message: 'At most 5 endpoint check runs a minute per app. Try again shortly.',
    });
    expect(await prisma.endpointCheckRun.count({ where: { appId: app.id } })).toBe(5);
  });

  it('ENDPOINT_CHECK_RUNS_PER_DEVELOPER_PER_MINUTE counts across all of a developer’s apps', async () => {
    const saved = process.env.ENDPOINT_CHECK_RUNS_PER_DEVELOPER_PER_MINUTE;
    process.env.ENDPOINT_CHECK_RUNS_PER_DEVELOPER_PER_MINUTE = '3';
    try {
      const first = await partnerApp(refusedUrls);
      const second = await partnerApp(refusedUrls, first.developer);
      await runOk(first.app.globalId, first.developer.cookie);
      await runOk(first.app.globalId, first.developer.cookie);
      await runOk(second.app.globalId, first.developer.cookie);
      const limited = await run(second.app.globalId, first.developer.cookie);
      expect(limited.data?.runEndpointChecks).toMatchObject({
        __typename: 'RateLimitedError',
        message: 'At most 3 endpoint check runs a minute across all your apps. Try again shortly.',
      });
      expect(await prisma.endpointCheckRun.count({ where: { app: { developerId: first.app.developerId } } })).toBe(3);
      // The refused run did not use up the app's own allowance either: another developer's limit is theirs.
      const other = await partnerApp(refusedUrls);
      await runOk(other.app.globalId, other.developer.cookie);
    } finally {
      if (saved === undefined) delete process.env.ENDPOINT_CHECK_RUNS_PER_DEVELOPER_PER_MINUTE;
      else process.env.ENDPOINT_CHECK_RUNS_PER_DEVELOPER_PER_MINUTE = saved;
    }
  });
});
