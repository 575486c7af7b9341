/**
 * Live updates (README: Architecture, Live updates): `subscription { appEvents }` over
 * server-sent events from a real HTTP server, fed by PostgreSQL's NOTIFY. Test deliveries go
 * to a loopback URL, which is refused (loopback is not allowed here) but recorded all the same.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { TestPage_SendTestWebhookDocument, Live_AppEventsDocument } from '@ring/client';
import { createApi, createApiHandler, CSRF_HEADER, notifyAppEvent } from '@ring/api';
import { api, execute, newDeveloper } from '../support/api.ts';
import { insertApp, insertAppWithWebhook } from '../support/apps.ts';
import { openSse, type SseStream } from '../support/sse.ts';
import { encryptSecret } from '../../packages/api/src/crypto/secret-box.ts';

const servers: Server[] = [];
let url: string;
const streams: SseStream[] = [];

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

beforeAll(async () => {
  url = await serve(api);
});

afterEach(() => {
  for (const stream of streams.splice(0)) stream.close();
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function subscribe(appId: string, headers: Record<string, string>, target = url): Promise<SseStream> {
  const stream = await openSse(target, { document: Live_AppEventsDocument, variables: { appId }, headers });
  streams.push(stream);
  return stream;
}

const sendTestEvent = async (appId: string, cookie: string) => {
  const result = await execute(TestPage_SendTestWebhookDocument, { input: { appId, environment: 'STAGING', eventType: 'MOTION_DETECTED' } }, { cookie });
  const payload = result.data?.sendTestWebhook;
  if (payload?.__typename !== 'SendTestWebhookSuccess') throw new Error(JSON.stringify(result));
  return payload.delivery.id;
};

type Event = { appEvents: { appId: string; kind: string; id: string } };

describe('appEvents', () => {
  it('reaches the owner (API token) when a test delivery is recorded, and again when its outcome is: the app and the delivery by global id', async () => {
    const { developer, app } = await insertAppWithWebhook('live-owner', 'https://127.0.0.1:9/hook');
    const stream = await subscribe(app.globalId, { authorization: `Bearer ${developer.token}` });
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);

    const deliveryId = await sendTestEvent(app.globalId, developer.cookie);
    const expected = { appEvents: { appId: app.globalId, kind: 'WEBHOOK_DELIVERY', id: deliveryId } };
    expect(await stream.nextResult<Event>()).toEqual({ data: expected });
    expect(await stream.nextResult<Event>()).toEqual({ data: expected });
  });

  it('reaches the owner signed in with the session cookie (the console: a JSON POST, no CSRF header needed)', async () => {
    const { developer, app } = await insertAppWithWebhook('live-cookie', 'https://127.0.0.1:9/hook');
    const stream = await subscribe(app.globalId, { cookie: developer.cookie });
    const deliveryId = await sendTestEvent(app.globalId, developer.cookie);
    expect((await stream.nextResult<Event>()).data?.appEvents.id).toBe(deliveryId);
  });

  it('refuses another developer as NOT_FOUND (as for an id that does not exist) and an anonymous caller as UNAUTHENTICATED, then ends the stream', async () => {
    const { app } = await insertAppWithWebhook('live-victim', 'https://127.0.0.1:9/hook');
    const other = await newDeveloper('live-other');
    for (const [headers, code] of [
      [{ authorization: `Bearer ${other.token}` }, 'NOT_FOUND'],
      [{ cookie: other.cookie }, 'NOT_FOUND'],
      [{}, 'UNAUTHENTICATED'],
      [{ authorization: 'Bearer not-a-token' }, 'UNAUTHENTICATED'],
    ] as const) {
      const stream = await subscribe(app.globalId, headers);
      const result = await stream.nextResult();
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual([code]);
      expect((await stream.next()).event).toBe('complete');
    }
    const missing = await subscribe(encodeGlobalID('App', randomUUID()), { authorization: `Bearer ${other.token}` });
    expect((await missing.nextResult()).errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('never passes an event of app A to a subscriber of app B, even of the same developer', async () => {
    const { developer, app: appA, hmacKey } = await insertAppWithWebhook('live-a', 'https://127.0.0.1:9/hook');
    const appB = await insertApp(developer.id, 'App B');
    await prisma.accountLinking.create({
      data: {
        appId: appB.id,
        environment: 'STAGING',
        version: 1,
        savedAt: new Date(),
        authorizationUrl: 'https://auth.example.com/',
        appHomepageUrl: 'https://app.example.com/',
        tokenExchangeUrl: 'https://api.example.com/token',
        webhookUrl: 'https://127.0.0.1:9/hook',
      },
    });
    await prisma.credential.create({
      data: { appId: appB.id, clientId: `client-${appB.id}`, clientSecretHash: 'unused', hmacKeyEncrypted: encryptSecret(hmacKey, appB.id) },
    });
    const streamB = await subscribe(appB.globalId, { authorization: `Bearer ${developer.token}` });

    await sendTestEvent(appA.globalId, developer.cookie);
    const deliveryB = await sendTestEvent(appB.globalId, developer.cookie);
    // A's events were committed (both of them) before B's: had they reached B, they would come first.
    expect(await streamB.nextResult<Event>()).toEqual({ data: { appEvents: { appId: appB.globalId, kind: 'WEBHOOK_DELIVERY', id: deliveryB } } });
  });

  it('announces an event only once its transaction commits: one from a rolled-back transaction never arrives', async () => {
    const developer = await newDeveloper('live-tx');
    const app = await insertApp(developer.id);
    const stream = await subscribe(app.globalId, { authorization: `Bearer ${developer.token}` });
    const appId = decodeGlobalID(app.globalId).id;
    const rolledBack = randomUUID();
    const committed = randomUUID();

    let sentInside = false;
    await expect(
      prisma.$transaction(async (tx) => {
        await notifyAppEvent(tx, { appId, kind: 'WEBHOOK_DELIVERY', id: rolledBack });
        sentInside = true;
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(sentInside).toBe(true);
    await prisma.$transaction(async (tx) => {
      await notifyAppEvent(tx, { appId, kind: 'LINK_REHEARSAL', id: committed });
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Not yet: the transaction is still open.
      await expect(stream.next(100)).rejects.toThrow('no event');
    });
    expect(await stream.nextResult<Event>()).toEqual({
      data: { appEvents: { appId: app.globalId, kind: 'LINK_REHEARSAL', id: encodeGlobalID('LinkRehearsal', committed) } },
    });
  });

  it('ignores notifications on the channel that are not app events (anyone with the database may NOTIFY) and goes on', async () => {
    const developer = await newDeveloper('live-noise');
    const app = await insertApp(developer.id);
    const stream = await subscribe(app.globalId, { authorization: `Bearer ${developer.token}` });
    const appId = decodeGlobalID(app.globalId).id;
    for (const noise of [
      'not json',
      'null',
      '[]',
      JSON.stringify({ appId, kind: 'SOMETHING_ELSE', id: randomUUID() }),
      JSON.stringify({ appId, kind: 'ROLLOUT' }),
    ]) {
      await prisma.$executeRaw`SELECT pg_notify('app_events', ${noise})`;
    }
    const id = randomUUID();
    await notifyAppEvent(prisma, { appId, kind: 'ROLLOUT', id });
    expect(await stream.nextResult<Event>()).toEqual({ data: { appEvents: { appId: app.globalId, kind: 'ROLLOUT', id: encodeGlobalID('Rollout', id) } } });
  });

  it('works through the response cache (the server’s configuration): streams are never cached or answered from the cache', async () => {
    const cached = createApi({ cache: { ttlMs: 60_000 } });
    const cachedUrl = await serve(cached);
    const { developer, app } = await insertAppWithWebhook('live-cache', 'https://127.0.0.1:9/hook');
    for (let round = 0; round < 2; round++) {
      const stream = await subscribe(app.globalId, { authorization: `Bearer ${developer.token}` }, cachedUrl);
      const deliveryId = await sendTestEvent(app.globalId, developer.cookie);
      expect((await stream.nextResult<Event>()).data?.appEvents.id).toBe(deliveryId);
      stream.close();
    }
    await cached.dispose();
  });
});

describe('appEvents through the in-process handler (SvelteKit’s /graphql route, as under vite dev)', () => {
  it('streams: the response comes before any event, and events follow as they happen', async () => {
    const { developer, app } = await insertAppWithWebhook('live-inprocess', 'https://127.0.0.1:9/hook');
    const handler = createApiHandler(api);
    const served = await serve(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      });
      const response = await handler(request, { clientAddress: '127.0.0.1' });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
      res.end();
    });
    const stream = await subscribe(app.globalId, { authorization: `Bearer ${developer.token}` }, served);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const deliveryId = await sendTestEvent(app.globalId, developer.cookie);
    expect((await stream.nextResult<Event>()).data?.appEvents.id).toBe(deliveryId);
  });
});

describe('appEvents and cross-site requests', () => {
  it('gives a cross-site page no stream: a GET (EventSource) or a simple-content-type POST with the cookie lacks the CSRF header, and no other origin is allowed to read', async () => {
    const { developer, app } = await insertAppWithWebhook('live-csrf', 'https://127.0.0.1:9/hook');
    const origin = { origin: 'https://evil.example', cookie: developer.cookie, accept: 'text/event-stream' };
    const query = `subscription { appEvents(appId: "${app.globalId}") { id } }`;
    const refusals = [
      // What EventSource sends: a GET, the cookie, no header of the page's choosing.
      await fetch(`${url}?${new URLSearchParams({ query })}`, { headers: origin }),
      // What a form or a no-cors fetch can send.
      await fetch(url, { method: 'POST', headers: { ...origin, 'content-type': 'text/plain' }, body: JSON.stringify({ query }) }),
    ];
    for (const refused of refusals) {
      // Not 200: EventSource gives up on any other status, and the body is the refusal alone.
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      const body = await refused.text();
      expect(body).toContain('CSRF_HEADER_REQUIRED');
      expect(body).not.toContain('"appEvents"');
    }

    // The preflight a JSON POST needs is not granted to an unlisted origin.
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();

    // The same GET from the console itself, with the CSRF header, does get its stream.
    const own = await openSse(url, {
      method: 'GET',
      document: Live_AppEventsDocument,
      variables: { appId: app.globalId },
      headers: { cookie: developer.cookie, [CSRF_HEADER]: '1' },
    });
    streams.push(own);
    expect(own.response.status).toBe(200);
    expect(own.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  });
});
