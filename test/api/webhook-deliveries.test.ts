/**
 * The delivery log (App.webhookDeliveries as a connection with filters), redelivery, the
 * retention sweep and the Test step's webhook coverage, against a real PostgreSQL and real
 * HTTPS receivers on loopback (reachable while ALLOW_LOCAL_ENDPOINTS is on, their
 * self-signed certificate trusted through EXTRA_CA_FILE).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import {
  TestPage_AppDocument,
  TestPage_DeliveriesDocument,
  TestPage_RedeliverWebhookDocument,
  TestPage_SendTestWebhookDocument,
  type WebhookDeliveryOutcome,
  type WebhookEventType,
} from '@ring/client';
import { WEBHOOK_EVENT_TYPES } from '@ring/domain';
import { verify } from '@ring/webhooks';
import { encryptSecret } from '../../packages/api/src/crypto/secret-box.ts';
import { sweepWebhookDeliveries } from '../../packages/api/src/modules/webhooks/delivery-retention.ts';
import { webhookCoverage } from '../../packages/api/src/modules/webhooks/webhook-coverage.service.ts';
import { execute, newDeveloper } from '../support/api.ts';
import { insertAppWithWebhook } from '../support/apps.ts';
import { selfSignedCertificate, allowLocalEndpoints } from '../support/tls.ts';

const { keyFile, certFile } = selfSignedCertificate('ring-deliveries');

interface Received {
  url: string;
  headers: Record<string, string | string[] | undefined>;
  rawHeaders: string[];
  body: Buffer;
}

let server: Server;
let port: number;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ url: request.url!, headers: request.headers, rawHeaders: request.rawHeaders, body: Buffer.concat(chunks) });
      if (request.url === '/huge-error') {
        // Ten megabytes of an error page: only the first kilobyte is read.
        response.writeHead(500, { 'content-type': 'text/html' });
        const chunk = `<p>${'x'.repeat(1020)}</p>`;
        let sent = 0;
        const pump = () => {
          while (sent < 10_240) {
            sent += 1;
            if (!response.write(chunk)) return response.once('drain', pump);
          }
          response.end();
        };
        return pump();
      }
      if (request.url === '/endless') {
        // Never ends: the delivery must not wait for it.
        response.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => response.write('y'.repeat(4096)), 5);
        response.on('close', () => clearInterval(timer));
        return;
      }
      if (request.url === '/control') {
        // Control characters, an escape sequence, a bidirectional override and markup.
        return response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>ok</h1>\u0007\u001b[31mred\u202Eevil\r\n\tend');
      }
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

const allowLoopback = (on: boolean) => allowLocalEndpoints(on ? certFile : null);

afterEach(() => {
  allowLoopback(false);
  received.length = 0;
});

const send = (appId: string, cookie: string, eventType: WebhookEventType = 'MOTION_DETECTED', environment: 'STAGING' | 'PRODUCTION' = 'STAGING') =>
  execute(TestPage_SendTestWebhookDocument, { input: { appId, environment, eventType } }, { cookie });

const redeliver = (deliveryId: string, cookie: string) => execute(TestPage_RedeliverWebhookDocument, { input: { deliveryId } }, { cookie });

async function sentDelivery(appId: string, cookie: string, eventType: WebhookEventType = 'MOTION_DETECTED', environment: 'STAGING' | 'PRODUCTION' = 'STAGING') {
  const result = await send(appId, cookie, eventType, environment);
  const payload = result.data?.sendTestWebhook;
  if (payload?.__typename !== 'SendTestWebhookSuccess') throw new Error(JSON.stringify(result));
  return payload.delivery;
}

async function list(appId: string, cookie: string, variables: Record<string, unknown> = {}) {
  const result = await execute(TestPage_DeliveriesDocument, { id: appId, ...variables }, { cookie });
  const node = result.data?.node;
  if (node?.__typename !== 'App' || !node.webhookDeliveries) throw new Error(JSON.stringify(result));
  return { ...node.webhookDeliveries, coverage: node.webhookCoverage };
}

const DAY_MS = 86_400_000;

/** Rows straight into the table, `minutesAgo` spaced so their order is known. */
async function insertDeliveries(
  appId: string,
  rows: Array<
    Partial<{
      environment: 'STAGING' | 'PRODUCTION';
      eventType: string;
      statusCode: number | null;
      refused: boolean;
      error: string | null;
      durationMs: number;
      createdAt: Date;
    }>
  >,
) {
  const base = Date.now() - 10 * 60_000;
  await prisma.webhookDelivery.createMany({
    data: rows.map((row, index) => ({
      appId,
      environment: 'STAGING' as const,
      eventType: 'BUTTON_PRESS',
      url: 'https://hooks.example.com/ring',
      durationMs: index,
      statusCode: 200,
      refused: false,
      error: null,
      createdAt: new Date(base + index * 1000),
      ...row,
    })),
  });
}

async function addProductionWebhook(appId: string, webhookUrl: string) {
  await prisma.accountLinking.create({
    data: {
      appId,
      environment: 'PRODUCTION',
      version: 1,
      savedAt: new Date(Date.now() - 60_000),
      authorizationUrl: 'https://auth.example.com/',
      appHomepageUrl: 'https://app.example.com/',
      tokenExchangeUrl: 'https://api.example.com/token',
      webhookUrl,
    },
  });
}

describe('App.webhookDeliveries (the delivery log)', () => {
  it('pages newest first with first/after until hasNextPage is false', async () => {
    const { developer, app } = await insertAppWithWebhook('log', 'https://hooks.example.com/ring');
    await insertDeliveries(
      app.id,
      Array.from({ length: 25 }, () => ({})),
    );
    const first = await list(app.globalId, developer.cookie, { first: 10 });
    expect(first.edges.map((edge) => edge.node.durationMs)).toEqual([24, 23, 22, 21, 20, 19, 18, 17, 16, 15]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list(app.globalId, developer.cookie, { first: 10, after: first.pageInfo.endCursor });
    expect(second.edges.map((edge) => edge.node.durationMs)).toEqual([14, 13, 12, 11, 10, 9, 8, 7, 6, 5]);
    const third = await list(app.globalId, developer.cookie, { first: 10, after: second.pageInfo.endCursor });
    expect(third.edges.map((edge) => edge.node.durationMs)).toEqual([4, 3, 2, 1, 0]);
    expect(third.pageInfo.hasNextPage).toBe(false);
    // Without `first`, a page of 20.
    expect((await list(app.globalId, developer.cookie)).edges).toHaveLength(20);
  });

  it('takes a page of 100 and refuses 101, naming the argument', async () => {
    const { developer, app } = await insertAppWithWebhook('log', 'https://hooks.example.com/ring');
    await insertDeliveries(
      app.id,
      Array.from({ length: 101 }, () => ({})),
    );
    expect((await list(app.globalId, developer.cookie, { first: 100 })).edges).toHaveLength(100);
    const refused = await execute(TestPage_DeliveriesDocument, { id: app.globalId, first: 101 }, { cookie: developer.cookie });
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/"first" must be between 0 and 100, not 101/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses a cursor that is not one of the list’s with BAD_USER_INPUT', async () => {
    const { developer, app } = await insertAppWithWebhook('log', 'https://hooks.example.com/ring');
    const result = await execute(TestPage_DeliveriesDocument, { id: app.globalId, after: 'not-a-cursor' }, { cookie: developer.cookie });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/`after` is not a cursor from this list/);
  });

  it('filters by environment, event type and outcome, alone and together', async () => {
    const { developer, app } = await insertAppWithWebhook('log', 'https://hooks.example.com/ring');
    await insertDeliveries(app.id, [
      { environment: 'STAGING', eventType: 'MOTION_DETECTED', statusCode: 200 },
      { environment: 'PRODUCTION', eventType: 'MOTION_DETECTED', statusCode: 204 },
      { environment: 'STAGING', eventType: 'DEVICE_ADDED', statusCode: 500, error: 'Your endpoint answered HTTP 500; Ring expects 200.' },
      { environment: 'STAGING', eventType: 'DEVICE_ADDED', statusCode: 302, error: 'Redirect not followed.' },
      { environment: 'PRODUCTION', eventType: 'BUTTON_PRESS', statusCode: null, error: 'No answer within 5 seconds; Ring waits at most 5.' },
      { environment: 'STAGING', eventType: 'BUTTON_PRESS', statusCode: null, refused: true, error: 'Refused: only https:// URLs are called.' },
      { environment: 'PRODUCTION', eventType: 'DEVICE_ONLINE', statusCode: null, error: 'Sending…' },
      { environment: 'STAGING', eventType: 'MOTION_DETECTED', statusCode: 199, error: 'Your endpoint answered HTTP 199; Ring expects 200.' },
    ]);
    const durations = async (variables: Record<string, unknown>) =>
      (await list(app.globalId, developer.cookie, variables)).edges.map((edge) => edge.node.durationMs);
    expect(await durations({})).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    expect(await durations({ environment: 'STAGING' })).toEqual([7, 5, 3, 2, 0]);
    expect(await durations({ environment: 'PRODUCTION' })).toEqual([6, 4, 1]);
    expect(await durations({ eventType: 'MOTION_DETECTED' })).toEqual([7, 1, 0]);
    expect(await durations({ eventType: 'SUBSCRIPTION_ACTIVATED' })).toEqual([]);
    const byOutcome: Record<WebhookDeliveryOutcome, number[]> = { SUCCEEDED: [1, 0], FAILED: [7, 4, 3, 2], REFUSED: [5], SENDING: [6] };
    for (const [outcome, expected] of Object.entries(byOutcome)) expect(await durations({ outcome }), outcome).toEqual(expected);
    expect(await durations({ environment: 'STAGING', eventType: 'DEVICE_ADDED', outcome: 'FAILED' })).toEqual([3, 2]);
    expect(await durations({ environment: 'PRODUCTION', outcome: 'SUCCEEDED' })).toEqual([1]);
    // Each delivery says its own outcome, matching the filter.
    const all = await list(app.globalId, developer.cookie);
    expect(all.edges.map((edge) => edge.node.outcome)).toEqual(['FAILED', 'SENDING', 'REFUSED', 'FAILED', 'FAILED', 'FAILED', 'SUCCEEDED', 'SUCCEEDED']);
    // Paging within a filter.
    const page = await list(app.globalId, developer.cookie, { environment: 'STAGING', first: 2 });
    const next = await list(app.globalId, developer.cookie, { environment: 'STAGING', first: 2, after: page.pageInfo.endCursor });
    expect([...page.edges, ...next.edges].map((edge) => edge.node.durationMs)).toEqual([7, 5, 3, 2]);
  });

  it('records the request byte for byte: the body that arrived, its headers, and a signature that verifies over the recorded body', async () => {
    allowLoopback(true);
    const { developer, app, hmacKey } = await insertAppWithWebhook('log', `https://127.0.0.1:${port}/exact`);
    const delivery = await sentDelivery(app.globalId, developer.cookie, 'SUBSCRIPTION_ACTIVATED');
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(Buffer.from(delivery.requestBody!, 'utf8').equals(request!.body)).toBe(true);
    // Every header as it arrived, in the order sent (Node adds Host and Connection itself).
    const arrived: Array<{ name: string; value: string }> = [];
    for (let index = 0; index < request!.rawHeaders.length; index += 2)
      arrived.push({ name: request!.rawHeaders[index]!, value: request!.rawHeaders[index + 1]! });
    expect(arrived.filter((header) => !['Host', 'Connection'].includes(header.name))).toEqual(delivery.requestHeaders);
    const signature = delivery.requestHeaders.find((header) => header.name === 'X-Signature')!.value;
    expect(verify(Buffer.from(delivery.requestBody!, 'utf8'), signature, hmacKey)).toBe(true);
    expect(verify(Buffer.from(`${delivery.requestBody} `, 'utf8'), signature, hmacKey)).toBe(false);
    expect(delivery).toMatchObject({ outcome: 'SUCCEEDED', statusCode: 200, responseExcerpt: 'ok', redeliveryOf: null });
  });

  it('keeps an answer’s excerpt as text with control characters and bidirectional overrides removed, markup left as text', async () => {
    allowLoopback(true);
    const { developer, app } = await insertAppWithWebhook('log', `https://127.0.0.1:${port}/control`);
    const delivery = await sentDelivery(app.globalId, developer.cookie);
    expect(delivery.responseExcerpt).toBe('<h1>ok</h1>[31mredevil\n\tend');
    expect((await prisma.webhookDelivery.findFirstOrThrow({ where: { appId: app.id } })).responseExcerpt).toBe(delivery.responseExcerpt);
  });
});

describe('failing receivers: recorded, explained, never hanging', () => {
  it('a 10 MB error page: HTTP 500 recorded with the first kilobyte, well within the time limit', async () => {
    allowLoopback(true);
    const { developer, app } = await insertAppWithWebhook('fail', `https://127.0.0.1:${port}/huge-error`);
    const started = Date.now();
    const delivery = await sentDelivery(app.globalId, developer.cookie);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(delivery).toMatchObject({ outcome: 'FAILED', statusCode: 500, error: 'Your endpoint answered HTTP 500; Ring expects 200.' });
    expect(delivery.responseExcerpt).toMatch(/^<p>x+/);
  });

  it('an answer that never ends: the 200 counts, the rest is not waited for', async () => {
    allowLoopback(true);
    const { developer, app } = await insertAppWithWebhook('fail', `https://127.0.0.1:${port}/endless`);
    const started = Date.now();
    const delivery = await sentDelivery(app.globalId, developer.cookie);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(delivery).toMatchObject({ outcome: 'SUCCEEDED', statusCode: 200, error: null });
    expect(delivery.responseExcerpt).toBe('y'.repeat(1000));
  });

  it('a receiver without TLS behind an https:// URL: a TLS failure in words, no status', async () => {
    allowLoopback(true);
    const plain = createHttpServer((_request, response) => response.end('plain http'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const { developer, app } = await insertAppWithWebhook('fail', `https://127.0.0.1:${(plain.address() as AddressInfo).port}/hook`);
      const delivery = await sentDelivery(app.globalId, developer.cookie);
      expect(delivery).toMatchObject({ outcome: 'FAILED', statusCode: null, refused: false });
      expect(delivery.error).toMatch(/\S.{10,}/);
      expect(delivery.error).not.toMatch(/^Error:|EPROTO|ERR_SSL/);
      expect(delivery.durationMs).toBeLessThan(5_000);
    } finally {
      plain.closeAllConnections();
      await new Promise((resolve) => plain.close(resolve));
    }
  });

  it('a private address: REFUSED, without a connection', async () => {
    const { developer, app } = await insertAppWithWebhook('fail', 'https://192.168.1.20/hook');
    const delivery = await sentDelivery(app.globalId, developer.cookie);
    expect(delivery).toMatchObject({
      outcome: 'REFUSED',
      refused: true,
      statusCode: null,
      error: expect.stringMatching(/^Refused: 192\.168\.1\.20 is a private/),
    });
    const refused = await list(app.globalId, developer.cookie, { outcome: 'REFUSED' });
    expect(refused.edges.map((edge) => edge.node.id)).toEqual([delivery.id]);
  });
});

describe('redeliverWebhook', () => {
  it('sends the same body to the current URL, signed with the current key, as a new delivery pointing at the original; both audited', async () => {
    allowLoopback(true);
    const { developer, app, hmacKey } = await insertAppWithWebhook('redeliver', `https://127.0.0.1:${port}/before`);
    const original = await sentDelivery(app.globalId, developer.cookie, 'DEVICE_OFFLINE');
    // The partner moves its receiver and rotates its key.
    const rotatedKey = randomBytes(32).toString('hex');
    await prisma.credential.update({ where: { appId: app.id }, data: { hmacKeyEncrypted: encryptSecret(rotatedKey, app.id) } });
    await prisma.accountLinking.updateMany({ where: { appId: app.id, environment: 'STAGING' }, data: { webhookUrl: `https://127.0.0.1:${port}/after` } });

    const result = await redeliver(original.id, developer.cookie);
    const payload = result.data?.redeliverWebhook;
    if (payload?.__typename !== 'RedeliverWebhookSuccess') throw new Error(JSON.stringify(result));
    expect(received.map((request) => request.url)).toEqual(['/before', '/after']);
    const [first, again] = received;
    expect(again!.body.equals(first!.body)).toBe(true);
    expect(verify(again!.body, again!.headers['x-signature'] as string, rotatedKey)).toBe(true);
    expect(verify(again!.body, again!.headers['x-signature'] as string, hmacKey)).toBe(false);
    expect(payload.delivery).toMatchObject({
      environment: 'STAGING',
      eventType: 'DEVICE_OFFLINE',
      url: `https://127.0.0.1:${port}/after`,
      outcome: 'SUCCEEDED',
      requestBody: original.requestBody,
      redeliveryOf: { id: original.id },
    });
    expect(payload.delivery.id).not.toBe(original.id);
    expect(await prisma.webhookDelivery.count({ where: { appId: app.id } })).toBe(2);
    const audit = await prisma.auditEvent.findMany({ where: { appId: app.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((event) => [event.action, (event.detail as { deliveryId: string }).deliveryId])).toEqual([
      ['webhook.test-sent', decodeGlobalID(original.id).id],
      ['webhook.redelivered', decodeGlobalID(payload.delivery.id).id],
    ]);
    expect(audit[1]!.actorId).toBe(decodeGlobalID(developer.id).id);
    // The log shows it first, pointing back.
    const log = await list(app.globalId, developer.cookie);
    expect(log.edges.map((edge) => edge.node.redeliveryOf?.id ?? null)).toEqual([original.id, null]);
  });

  it('shares the per-app limit with test events: the 20th delivery of a minute goes, the 21st is RateLimitedError with nothing sent or recorded', async () => {
    allowLoopback(true);
    const { developer, app } = await insertAppWithWebhook('redeliver', `https://127.0.0.1:${port}/limit`);
    const original = await sentDelivery(app.globalId, developer.cookie);
    await insertDeliveries(
      app.id,
      Array.from({ length: 18 }, () => ({ createdAt: new Date() })),
    );
    expect((await redeliver(original.id, developer.cookie)).data?.redeliverWebhook.__typename).toBe('RedeliverWebhookSuccess');
    const limited = await redeliver(original.id, developer.cookie);
    expect(limited.data?.redeliverWebhook).toMatchObject({
      __typename: 'RateLimitedError',
      message: 'At most 20 test events a minute per app. Try again shortly.',
    });
    expect(await prisma.webhookDelivery.count({ where: { appId: app.id } })).toBe(20);
    expect(received).toHaveLength(2);
    // And test events are refused too once redeliveries used the minute up.
    expect((await send(app.globalId, developer.cookie)).data?.sendTestWebhook.__typename).toBe('RateLimitedError');
  });

  it('gives another developer NotFoundError, as for an id that does not exist, and sends and records nothing', async () => {
    allowLoopback(true);
    const { developer, app } = await insertAppWithWebhook('redeliver', `https://127.0.0.1:${port}/mine`);
    const original = await sentDelivery(app.globalId, developer.cookie);
    received.length = 0;
    const intruder = await newDeveloper('intruder');
    const refused = await redeliver(original.id, intruder.cookie);
    expect(refused.data?.redeliverWebhook).toEqual({ __typename: 'NotFoundError', message: 'No webhook delivery with this id among your apps.' });
    for (const id of ['not-an-id', app.globalId, Buffer.from('WebhookDelivery:00000000-0000-4000-8000-000000000000').toString('base64')]) {
      expect((await redeliver(id, developer.cookie)).data?.redeliverWebhook).toEqual(refused.data?.redeliverWebhook);
    }
    expect(received).toHaveLength(0);
    expect(await prisma.webhookDelivery.count({ where: { appId: app.id } })).toBe(1);
  });

  it('needs the environment’s webhook URL still saved', async () => {
    const { developer, app } = await insertAppWithWebhook('redeliver', 'https://10.0.0.1/hook');
    const original = await sentDelivery(app.globalId, developer.cookie);
    await prisma.accountLinking.updateMany({ where: { appId: app.id }, data: { webhookUrl: null } });
    expect((await redeliver(original.id, developer.cookie)).data?.redeliverWebhook).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['deliveryId'], code: 'NO_WEBHOOK_URL', message: 'Save a staging webhook URL before redelivering this event.' }],
    });
    expect(await prisma.webhookDelivery.count({ where: { appId: app.id } })).toBe(1);
  });
});

describe('retention', () => {
  const saved = process.env.WEBHOOK_DELIVERY_RETENTION_DAYS;
  afterEach(() => {
    if (saved === undefined) delete process.env.WEBHOOK_DELIVERY_RETENTION_DAYS;
    else process.env.WEBHOOK_DELIVERY_RETENTION_DAYS = saved;
  });

  it('deletes deliveries older than the setting and keeps one 7 days minus a minute old (setting 7)', async () => {
    process.env.WEBHOOK_DELIVERY_RETENTION_DAYS = '7';
    const { app } = await insertAppWithWebhook('retention', 'https://hooks.example.com/ring');
    const now = Date.now();
    await insertDeliveries(app.id, [
      { createdAt: new Date(now - 7 * DAY_MS - 60_000), eventType: 'DEVICE_ADDED' },
      { createdAt: new Date(now - 7 * DAY_MS + 60_000), eventType: 'DEVICE_REMOVED' },
      { createdAt: new Date(now), eventType: 'DEVICE_ONLINE' },
    ]);
    await sweepWebhookDeliveries();
    const left = await prisma.webhookDelivery.findMany({ where: { appId: app.id }, orderBy: { createdAt: 'asc' } });
    expect(left.map((row) => row.eventType)).toEqual(['DEVICE_REMOVED', 'DEVICE_ONLINE']);
  });

  it('keeps 30 days by default; a redelivery outlives its original and stops pointing at it', async () => {
    const { developer, app } = await insertAppWithWebhook('retention', 'https://hooks.example.com/ring');
    const now = Date.now();
    const old = await prisma.webhookDelivery.create({
      data: {
        appId: app.id,
        environment: 'STAGING',
        eventType: 'BUTTON_PRESS',
        url: 'https://hooks.example.com/ring',
        durationMs: 1,
        createdAt: new Date(now - 30 * DAY_MS - 60_000),
      },
    });
    await prisma.webhookDelivery.create({
      data: {
        appId: app.id,
        environment: 'STAGING',
        eventType: 'BUTTON_PRESS',
        url: 'https://hooks.example.com/ring',
        durationMs: 2,
        createdAt: new Date(now - 29 * DAY_MS),
        redeliveryOfId: old.id,
      },
    });
    await sweepWebhookDeliveries();
    const left = await list(app.globalId, developer.cookie);
    expect(left.edges.map((edge) => [edge.node.durationMs, edge.node.redeliveryOf])).toEqual([[2, null]]);
  });

  it('is safe with several processes sweeping at once: every old row goes exactly once', async () => {
    const { app } = await insertAppWithWebhook('retention', 'https://hooks.example.com/ring');
    await insertDeliveries(
      app.id,
      Array.from({ length: 2_500 }, () => ({ createdAt: new Date(Date.now() - 40 * DAY_MS) })),
    );
    const removed = await Promise.all([sweepWebhookDeliveries(), sweepWebhookDeliveries(), sweepWebhookDeliveries()]);
    expect(await prisma.webhookDelivery.count({ where: { appId: app.id } })).toBe(0);
    expect(removed.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(2_500);
  });

  it('refuses WEBHOOK_DELIVERY_RETENTION_DAYS below 7 at start', () => {
    const configModule = join(process.cwd(), 'packages/api/src/config.ts');
    const run = (value: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', '-e', `await import(${JSON.stringify(configModule)}); console.log('started');`], {
        env: { PATH: process.env.PATH!, WEBHOOK_DELIVERY_RETENTION_DAYS: value },
        encoding: 'utf8',
      });
    const six = run('6');
    expect(six.status).not.toBe(0);
    expect(six.stderr).toMatch(/WEBHOOK_DELIVERY_RETENTION_DAYS must be a whole number of days, at least 7, not "6"/);
    expect(run('6.5').stderr).toMatch(/WEBHOOK_DELIVERY_RETENTION_DAYS must be/);
    expect(run('7').stdout).toContain('started');
  });
});

describe('webhook coverage (the Test step’s webhook part)', () => {
  it('fills in as all ten types reach staging and one reaches production, through the API and the service', async () => {
    allowLoopback(true);
    const { developer, app } = await insertAppWithWebhook('coverage', `https://127.0.0.1:${port}/staging`);
    await prisma.accountLinking.updateMany({ where: { appId: app.id }, data: { savedAt: new Date(Date.now() - 60_000) } });
    await addProductionWebhook(app.id, `https://127.0.0.1:${port}/production`);
    for (const eventType of WEBHOOK_EVENT_TYPES.slice(0, 9)) await sentDelivery(app.globalId, developer.cookie, eventType);
    let coverage = (await list(app.globalId, developer.cookie)).coverage;
    expect(coverage.staging.filter((entry) => entry.delivered)).toHaveLength(9);
    expect(coverage.complete).toBe(false);
    await sentDelivery(app.globalId, developer.cookie, 'SUBSCRIPTION_DEACTIVATED');
    await sentDelivery(app.globalId, developer.cookie, 'BUTTON_PRESS', 'PRODUCTION');
    coverage = (await list(app.globalId, developer.cookie)).coverage;
    expect(coverage.staging.every((entry) => entry.delivered)).toBe(true);
    expect(coverage.production.filter((entry) => entry.delivered).map((entry) => entry.eventType)).toEqual(['BUTTON_PRESS']);
    expect(coverage.complete).toBe(true);
    expect((await webhookCoverage(prisma, app.id, null)).complete).toBe(true);
    // Counted from a later moment (the URLs changed after), nothing counts.
    expect(await webhookCoverage(prisma, app.id, new Date())).toMatchObject({ complete: false });
    // A slow 2xx does not count.
    await prisma.webhookDelivery.updateMany({ where: { appId: app.id, eventType: 'DEVICE_ADDED' }, data: { durationMs: 5_001 } });
    expect((await webhookCoverage(prisma, app.id, null)).complete).toBe(false);
  });

  it('starts over for an environment when its linking settings are saved again', async () => {
    const { developer, app } = await insertAppWithWebhook('coverage', 'https://hooks.example.com/ring');
    await prisma.accountLinking.updateMany({ where: { appId: app.id }, data: { savedAt: new Date(Date.now() - 20 * 60_000) } });
    await insertDeliveries(app.id, [{ eventType: 'MOTION_DETECTED' }]);
    expect((await list(app.globalId, developer.cookie)).coverage.staging[0]).toEqual({ eventType: 'MOTION_DETECTED', delivered: true });
    await prisma.accountLinking.updateMany({ where: { appId: app.id }, data: { savedAt: new Date() } });
    expect((await list(app.globalId, developer.cookie)).coverage.staging[0]).toEqual({ eventType: 'MOTION_DETECTED', delivered: false });
  });
});

describe('the Test page query', () => {
  it('answers another developer’s app as null', async () => {
    const { app } = await insertAppWithWebhook('page', 'https://hooks.example.com/ring');
    const intruder = await newDeveloper('intruder');
    expect((await execute(TestPage_AppDocument, { id: app.globalId }, { cookie: intruder.cookie })).data?.node).toBeNull();
  });
});
