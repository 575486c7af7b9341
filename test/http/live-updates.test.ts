/**
 * Live updates across server processes (README: Architecture, Live updates): two compiled
 * servers on one database, as a deployment runs them. An event raised in one reaches a
 * subscriber connected to the other, through PostgreSQL; a lost LISTEN connection comes back by
 * itself; SIGTERM ends the streams so that the server can drain.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import { TestPage_SendTestWebhookDocument, Live_AppEventsDocument } from '@ring/client';
import { print } from 'graphql';
import { insertAppWithWebhook } from '../support/apps.ts';
import { openSse, type SseStream } from '../support/sse.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let serverA: RunningServer;
let serverB: RunningServer;
const streams: SseStream[] = [];

const env = (label: string) => ({ DATABASE_URL: process.env.DATABASE_URL!, DATA_DIR: mkdtempSync(join(tmpdir(), `ring-live-${label}-`)) });

beforeAll(async () => {
  [serverA, serverB] = await Promise.all([startServer(env('a')), startServer(env('b'))]);
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  await Promise.all([serverA?.stop(), serverB?.stop()]);
});

/** The LISTEN connections a server process holds (its application_name names its pid). */
async function listenersOf(server: RunningServer): Promise<{ pid: number; query: string }[]> {
  return prisma.$queryRaw`SELECT pid, query FROM pg_stat_activity WHERE application_name = ${`ring-live-${server.process.pid}`}`;
}

async function until<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('did not happen in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function sendTestEventThrough(server: RunningServer, appId: string, cookie: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      query: print(TestPage_SendTestWebhookDocument),
      variables: { input: { appId, environment: 'STAGING', eventType: 'MOTION_DETECTED' } },
    }),
  });
  const body = (await response.json()) as { data?: { sendTestWebhook: { __typename: string; delivery?: { id: string } } } };
  const id = body.data?.sendTestWebhook.delivery?.id;
  if (!id) throw new Error(JSON.stringify(body));
  return id;
}

type Event = { appEvents: { appId: string; kind: string; id: string } };

describe('live updates across server processes', () => {
  it('a test delivery sent through process A reaches a subscriber of process B, also after B’s LISTEN connection is cut; SIGTERM ends B’s streams and its connection', async () => {
    const { developer, app } = await insertAppWithWebhook('live-scale', 'https://127.0.0.1:9/hook');
    // Nobody has subscribed to B yet: it listens to nothing.
    expect(await listenersOf(serverB)).toEqual([]);

    const stream = await openSse(`${serverB.baseUrl}/graphql`, {
      document: Live_AppEventsDocument,
      variables: { appId: app.globalId },
      headers: { authorization: `Bearer ${developer.token}` },
    });
    streams.push(stream);
    expect(stream.response.status).toBe(200);
    const [listener] = await listenersOf(serverB);
    expect(listener?.query).toBe('LISTEN app_events');

    const first = await sendTestEventThrough(serverA, app.globalId, developer.cookie);
    expect(await stream.nextResult<Event>()).toEqual({ data: { appEvents: { appId: app.globalId, kind: 'WEBHOOK_DELIVERY', id: first } } });
    expect((await stream.nextResult<Event>()).data?.appEvents.id).toBe(first); // its outcome

    const cut = await prisma.$queryRaw<{ terminated: boolean }[]>`SELECT pg_terminate_backend(${listener!.pid}::int) AS terminated`;
    expect(cut).toEqual([{ terminated: true }]);
    await until(async () => (await listenersOf(serverB)).find((row) => row.pid !== listener!.pid && row.query === 'LISTEN app_events'));

    const second = await sendTestEventThrough(serverA, app.globalId, developer.cookie);
    expect((await stream.nextResult<Event>()).data?.appEvents.id).toBe(second);
    expect((await stream.nextResult<Event>()).data?.appEvents.id).toBe(second); // its outcome

    // Graceful shutdown: the open stream ends (its client reconnects elsewhere), so B drains and exits at once.
    const stopped = Date.now();
    expect(await serverB.stop('SIGTERM')).toBe(0);
    expect(Date.now() - stopped).toBeLessThan(5_000);
    await expect(stream.nextResult()).rejects.toThrow(/completed|ended/);
    expect(await listenersOf(serverB)).toEqual([]);
  });
});
