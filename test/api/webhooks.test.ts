/**
 * Test events against a real https receiver on this machine. Loopback is normally refused, so
 * the receiver is reachable only while the test-only setting is on (and its self-signed
 * certificate trusted through the test CA file); each refusal test turns it off again.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { TestPage_AppDocument, TestPage_SendTestWebhookDocument } from '@ring/client';
import { verify } from '@ring/webhooks';
import { encryptSecret } from '../../packages/api/src/crypto/secret-box.ts';
import { execute, newDeveloper } from '../support/api.ts';
import { insertApp, insertAppWithWebhook } from '../support/apps.ts';
import { selfSignedCertificate, allowLocalEndpoints } from '../support/tls.ts';

const { keyFile, certFile } = selfSignedCertificate('ring-webhook');

interface Received {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let server: Server;
let port: number;
let connections = 0;
const received: Received[] = [];
let answer: (req: Received) => { status: number; headers?: Record<string, string>; body: string } = () => ({ status: 200, body: 'ok' });

beforeAll(async () => {
  server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = { method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks) };
      received.push(entry);
      const { status, headers, body } = answer(entry);
      response.writeHead(status, headers).end(body);
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

const allowLoopback = (on: boolean) => allowLocalEndpoints(on ? certFile : null);

afterEach(() => {
  allowLoopback(false);
  received.length = 0;
  connections = 0;
  answer = () => ({ status: 200, body: 'ok' });
});

const send = (
  appId: string,
  cookie: string,
  eventType: 'MOTION_DETECTED' | 'DEVICE_ADDED' = 'MOTION_DETECTED',
  environment: 'STAGING' | 'PRODUCTION' = 'STAGING',
) => execute(TestPage_SendTestWebhookDocument, { input: { appId, environment, eventType } }, { cookie });

describe('sendTestWebhook', () => {
  it('delivers a JSON:API event signed as Ring signs (X-Signature: sha256=…, no timestamp header) that verify() accepts, and records it', async () => {
    allowLoopback(true);
    const { developer, app, hmacKey } = await insertAppWithWebhook('hooks', `https://127.0.0.1:${port}/ring/hook`);
    answer = () => ({ status: 200, body: `accepted ${'x'.repeat(2000)}` });
    const result = await send(app.globalId, developer.cookie);
    const payload = result.data?.sendTestWebhook;
    if (payload?.__typename !== 'SendTestWebhookSuccess') throw new Error(JSON.stringify(result));

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: '/ring/hook' });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(request!.headers['x-signature-timestamp']).toBeUndefined();
    expect(verify(request!.body, request!.headers['x-signature'] as string, hmacKey)).toBe(true);
    // Another key does not verify it: the signature really is the app's.
    expect(verify(request!.body, request!.headers['x-signature'] as string, randomBytes(32).toString('hex'))).toBe(false);
    const event = JSON.parse(request!.body.toString('utf8'));
    const device = event.data.attributes.source;
    expect(device).toMatch(/^ava1\.ring\.device\.\w+$/);
    expect(event).toEqual({
      meta: {
        version: '1.1',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/),
        request_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        account_id: expect.stringMatching(/^ava1\.ring\.account\.\w+$/),
      },
      data: {
        id: `${device}_human_${event.data.attributes.timestamp}`,
        type: 'motion_detected',
        subType: 'human',
        attributes: { source: device, source_type: 'devices', timestamp: expect.any(Number) },
        relationships: { devices: { links: { self: `/v1/devices/${device}` } } },
      },
    });
    expect(event.meta.time.slice(0, 23)).toBe(new Date(event.data.attributes.timestamp).toISOString().slice(0, 23));

    expect(payload.delivery).toMatchObject({
      environment: 'STAGING',
      eventType: 'MOTION_DETECTED',
      url: `https://127.0.0.1:${port}/ring/hook`,
      statusCode: 200,
      error: null,
      refused: false,
      succeeded: true,
    });
    // The first kilobyte is read; at most RESPONSE_EXCERPT_CHARACTERS of it kept.
    expect(payload.delivery.responseExcerpt).toHaveLength(1000);
    expect(payload.delivery.responseExcerpt).toMatch(/^accepted x+$/);
    // The key never leaves the server.
    expect(JSON.stringify(result)).not.toContain(hmacKey);

    const listed = await execute(TestPage_AppDocument, { id: app.globalId }, { cookie: developer.cookie });
    const node = listed.data?.node;
    if (node?.__typename !== 'App') throw new Error('no app');
    expect(node.webhookDeliveries?.edges.map((edge) => edge.node.id)).toEqual([payload.delivery.id]);
    // A Relay global id, as every id of the API is.
    const stored = await prisma.webhookDelivery.findFirstOrThrow({ where: { appId: app.id } });
    // The request is recorded as sent: the very bytes that arrived, and the headers they came with.
    expect(stored.requestBody).toBe(request!.body.toString('utf8'));
    expect(stored.requestHeaders).toEqual([
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Content-Length', value: String(request!.body.length) },
      { name: 'User-Agent', value: request!.headers['user-agent'] },
      { name: 'X-Signature', value: request!.headers['x-signature'] },
    ]);
    expect(payload.delivery.id).not.toBe(stored.id);
    expect(decodeGlobalID(payload.delivery.id)).toEqual({ typename: 'WebhookDelivery', id: stored.id });
  });

  it('records a non-2xx answer with its status and error', async () => {
    allowLoopback(true);
    const { developer, app } = await insertAppWithWebhook('hooks', `https://127.0.0.1:${port}/fails`);
    answer = () => ({ status: 500, body: 'boom' });
    const result = await send(app.globalId, developer.cookie, 'DEVICE_ADDED');
    expect(result.data?.sendTestWebhook).toMatchObject({
      delivery: {
        statusCode: 500,
        responseExcerpt: 'boom',
        error: expect.stringMatching(/HTTP 500/),
        refused: false,
        succeeded: false,
        eventType: 'DEVICE_ADDED',
      },
    });
  });

  it('records a redirect to a private address with its 302 status and never follows it', async () => {
    allowLoopback(true);
    const { developer, app } = await insertAppWithWebhook('hooks', `https://127.0.0.1:${port}/moved`);
    answer = () => ({ status: 302, headers: { location: 'https://10.0.0.1/' }, body: '' });
    const result = await send(app.globalId, developer.cookie);
    expect(result.data?.sendTestWebhook).toMatchObject({
      delivery: { statusCode: 302, error: expect.stringMatching(/Redirect not followed.*10\.0\.0\.1/), succeeded: false },
    });
    expect(received.map((r) => r.url)).toEqual(['/moved']);
  });

  it('gives up after 5 seconds when the endpoint never answers', async () => {
    allowLoopback(true);
    const silent = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, () => {
      // Reads the request and never answers.
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { developer, app } = await insertAppWithWebhook('hooks', `https://127.0.0.1:${(silent.address() as AddressInfo).port}/slow`);
      const result = await send(app.globalId, developer.cookie);
      const delivery = (result.data!.sendTestWebhook as { delivery: { durationMs: number; error: string; statusCode: number | null } }).delivery;
      expect(delivery).toMatchObject({ statusCode: null, error: expect.stringMatching(/^No answer within 5 seconds/) });
      expect(delivery.durationMs).toBeGreaterThanOrEqual(4_900);
      expect(delivery.durationMs).toBeLessThan(7_000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses a host name that resolves to 127.0.0.1 without connecting', async () => {
    const { developer, app } = await insertAppWithWebhook('hooks', `https://localhost:${port}/hook`);
    const result = await send(app.globalId, developer.cookie);
    expect(result.data?.sendTestWebhook).toMatchObject({
      delivery: { refused: true, statusCode: null, error: expect.stringMatching(/localhost resolves to .*(127\.0\.0\.1|::1)/), succeeded: false },
    });
    expect(connections).toBe(0);
    expect(await prisma.webhookDelivery.count({ where: { appId: app.id, refused: true } })).toBe(1);
  });

  it('refuses the loopback literal too when the test-only setting is off', async () => {
    const { developer, app } = await insertAppWithWebhook('hooks', `https://127.0.0.1:${port}/hook`);
    const result = await send(app.globalId, developer.cookie);
    expect(result.data?.sendTestWebhook).toMatchObject({ delivery: { refused: true, statusCode: null } });
    expect(connections).toBe(0);
  });

  it('refuses the metadata address and private addresses even with the test-only setting on', async () => {
    allowLoopback(true);
    // The NAT64 and IPv4-mapped spellings of 169.254.169.254 and 127.0.0.1 reach the same hosts through a gateway or the stack.
    for (const url of [
      'https://169.254.169.254/latest/meta-data',
      'https://10.0.0.1/hook',
      'https://[fd00:ec2::254]/',
      'https://[64:ff9b::a9fe:a9fe]/',
      'https://[2002:a9fe:a9fe::1]/',
    ]) {
      const { developer, app } = await insertAppWithWebhook('hooks', url);
      const result = await send(app.globalId, developer.cookie);
      expect(result.data?.sendTestWebhook).toMatchObject({ delivery: { url, refused: true, statusCode: null, error: expect.stringMatching(/^Refused/) } });
      const delivery = (result.data!.sendTestWebhook as { delivery: { durationMs: number } }).delivery;
      // Refused before any connection attempt, so no time is spent.
      expect(delivery.durationMs).toBeLessThan(100);
    }
  });

  it('refuses an http:// URL', async () => {
    const { developer, app } = await insertAppWithWebhook('hooks', 'http://hooks.example.com/ring');
    expect((await send(app.globalId, developer.cookie)).data?.sendTestWebhook).toMatchObject({
      delivery: { refused: true, error: expect.stringMatching(/only https/) },
    });
  });

  it('needs a saved webhook URL for the environment', async () => {
    const { developer, app } = await insertAppWithWebhook('hooks', 'https://hooks.example.com/ring');
    const result = await send(app.globalId, developer.cookie, 'MOTION_DETECTED', 'PRODUCTION');
    expect(result.data?.sendTestWebhook).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['environment'], message: 'Save a production webhook URL before sending a test event.' }],
    });
    expect(await prisma.webhookDelivery.count({ where: { appId: app.id } })).toBe(0);
  });

  it('gives another developer NotFoundError and sends and records nothing', async () => {
    allowLoopback(true);
    const { app } = await insertAppWithWebhook('hooks', `https://127.0.0.1:${port}/hook`);
    const intruder = await newDeveloper('intruder');
    const result = await send(app.globalId, intruder.cookie);
    expect(result.data?.sendTestWebhook).toMatchObject({ __typename: 'NotFoundError' });
    expect(connections).toBe(0);
    expect(await prisma.webhookDelivery.count({ where: { appId: app.id } })).toBe(0);
  });

  it('allows 20 test events a minute per app, then RateLimitedError without sending or recording', async () => {
    const { developer, app } = await insertAppWithWebhook('hooks', 'https://10.0.0.1/hook');
    for (let index = 0; index < 20; index += 1) {
      expect((await send(app.globalId, developer.cookie)).data?.sendTestWebhook.__typename).toBe('SendTestWebhookSuccess');
    }
    const limited = await send(app.globalId, developer.cookie);
    expect(limited.data?.sendTestWebhook).toMatchObject({ __typename: 'RateLimitedError', message: expect.stringMatching(/At most 20 test events a minute/) });
    expect(await prisma.webhookDelivery.count({ where: { appId: app.id } })).toBe(20);
    // Older deliveries do not count.
    await prisma.webhookDelivery.updateMany({ where: { appId: app.id }, data: { createdAt: new Date(Date.now() - 61_000) } });
    expect((await send(app.globalId, developer.cookie)).data?.sendTestWebhook.__typename).toBe('SendTestWebhookSuccess');
  });

  it('holds the limit against concurrent sends: deliveries in flight count', async () => {
    allowLoopback(true);
    const { developer, app } = await insertAppWithWebhook('hooks', `https://127.0.0.1:${port}/slow-ok`);
    // Each answer takes a moment, so every request is checked while the others are still delivering.
    const slow = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (request, response) => {
      request.resume();
      request.on('end', () => setTimeout(() => response.end('ok'), 400));
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    let hits = 0;
    slow.on('request', () => (hits += 1));
    try {
      await prisma.accountLinking.updateMany({
        where: { appId: app.id },
        data: { webhookUrl: `https://127.0.0.1:${(slow.address() as AddressInfo).port}/slow-ok` },
      });
      const results = await Promise.all(Array.from({ length: 24 }, () => send(app.globalId, developer.cookie)));
      const kinds = results.map((result) => result.data?.sendTestWebhook.__typename);
      expect(kinds.filter((kind) => kind === 'SendTestWebhookSuccess')).toHaveLength(20);
      expect(kinds.filter((kind) => kind === 'RateLimitedError')).toHaveLength(4);
      expect(hits).toBe(20);
      expect(await prisma.webhookDelivery.count({ where: { appId: app.id } })).toBe(20);
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });
});

describe('the local-endpoints setting', () => {
  const configModule = join(process.cwd(), 'packages/api/src/outbound/local-endpoints.ts');
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', '-e', `await import(${JSON.stringify(configModule)}); console.log('started');`], {
      env: { PATH: process.env.PATH!, ...env },
      encoding: 'utf8',
    });

  it('stops a production process at start', () => {
    const refused = run({ NODE_ENV: 'production', ALLOW_LOCAL_ENDPOINTS: '1' });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/ALLOW_LOCAL_ENDPOINTS is a development setting/);
    expect(run({ NODE_ENV: 'production' }).stdout).toContain('started');
    expect(run({ NODE_ENV: 'development', ALLOW_LOCAL_ENDPOINTS: '1' }).stdout).toContain('started');
  });

  it('stops at start when EXTRA_CA_FILE is not a readable PEM certificate, or is set without ALLOW_LOCAL_ENDPOINTS', () => {
    const missing = run({ NODE_ENV: 'development', ALLOW_LOCAL_ENDPOINTS: '1', EXTRA_CA_FILE: '/nonexistent/ca.pem' });
    expect(missing.stderr).toMatch(/EXTRA_CA_FILE \(\/nonexistent\/ca.pem\) cannot be read/);
    const notPem = run({ NODE_ENV: 'development', ALLOW_LOCAL_ENDPOINTS: '1', EXTRA_CA_FILE: configModule });
    expect(notPem.stderr).toMatch(/is not a PEM certificate/);
    const alone = run({ NODE_ENV: 'development', EXTRA_CA_FILE: certFile });
    expect(alone.stderr).toMatch(/EXTRA_CA_FILE applies only with ALLOW_LOCAL_ENDPOINTS=1/);
    expect(run({ NODE_ENV: 'development', ALLOW_LOCAL_ENDPOINTS: '1', EXTRA_CA_FILE: certFile }).stdout).toContain('started');
  });
});

describe('what a delivery records', () => {
  it('ends a delivery whose answer contains NUL, storing the excerpt without it', async () => {
    allowLoopback(true);
    const { developer, app } = await insertAppWithWebhook('hooks', `https://127.0.0.1:${port}/nul`);
    answer = () => ({ status: 200, body: 'before\u0000after' });
    const result = await send(app.globalId, developer.cookie);
    expect(result.data?.sendTestWebhook).toMatchObject({
      __typename: 'SendTestWebhookSuccess',
      delivery: { statusCode: 200, responseExcerpt: 'beforeafter', error: null },
    });
    const rows = await prisma.webhookDelivery.findMany({ where: { appId: app.id } });
    expect(rows.map((row) => [row.statusCode, row.error])).toEqual([[200, null]]);
  });

  it('says in words that a host name does not resolve', async () => {
    const { developer, app } = await insertAppWithWebhook('hooks', 'https://no-such-host.invalid/hook');
    const result = await send(app.globalId, developer.cookie);
    const payload = result.data?.sendTestWebhook;
    if (payload?.__typename !== 'SendTestWebhookSuccess') throw new Error(JSON.stringify(result));
    expect(payload.delivery.error).toMatch(/^The host name no-such-host\.invalid (does not resolve|could not be looked up)/);
    expect(payload.delivery.error).not.toMatch(/ENOTFOUND|EAI_AGAIN|getaddrinfo/);
  });

  it('says in words that nothing accepts connections at the address', async () => {
    allowLoopback(true);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { developer, app } = await insertAppWithWebhook('hooks', `https://127.0.0.1:${closedPort}/hook`);
    const payload = (await send(app.globalId, developer.cookie)).data?.sendTestWebhook;
    expect(payload?.__typename === 'SendTestWebhookSuccess' && payload.delivery.error).toBe(`Nothing accepts connections at 127.0.0.1 port ${closedPort}.`);
  });
});

describe('test events per developer', () => {
  const saved = process.env.WEBHOOK_TEST_EVENTS_PER_DEVELOPER_PER_MINUTE;
  afterEach(() => {
    if (saved === undefined) delete process.env.WEBHOOK_TEST_EVENTS_PER_DEVELOPER_PER_MINUTE;
    else process.env.WEBHOOK_TEST_EVENTS_PER_DEVELOPER_PER_MINUTE = saved;
  });

  it('allows the 12th test event of a minute across a developer’s apps with a limit of 12, refuses the 13th', async () => {
    process.env.WEBHOOK_TEST_EVENTS_PER_DEVELOPER_PER_MINUTE = '12';
    const { developer, app } = await insertAppWithWebhook('hooks', 'https://10.0.0.1/hook');
    const second = await insertApp(developer.id, 'Second');
    await prisma.credential.create({
      data: { appId: second.id, clientId: `client-${second.id}`, clientSecretHash: 'unused', hmacKeyEncrypted: encryptSecret('k'.repeat(64), second.id) },
    });
    await prisma.accountLinking.create({
      data: {
        appId: second.id,
        environment: 'STAGING',
        version: 1,
        savedAt: new Date(),
        authorizationUrl: 'https://a.example.com/',
        appHomepageUrl: 'https://b.example.com/',
        tokenExchangeUrl: 'https://c.example.com/',
        webhookUrl: 'https://10.0.0.2/hook',
      },
    });
    for (let index = 0; index < 10; index += 1)
      expect((await send(app.globalId, developer.cookie)).data?.sendTestWebhook.__typename).toBe('SendTestWebhookSuccess');
    for (let index = 0; index < 2; index += 1)
      expect((await send(second.globalId, developer.cookie)).data?.sendTestWebhook.__typename).toBe('SendTestWebhookSuccess');
    const limited = await send(second.globalId, developer.cookie);
    expect(limited.data?.sendTestWebhook).toMatchObject({
      __typename: 'RateLimitedError',
      message: 'At most 12 test events a minute across all your apps. Try again shortly.',
    });
    expect(await prisma.webhookDelivery.count({ where: { app: { developerId: decodeGlobalID(developer.id).id } } })).toBe(12);
  });
});
