/**
 * Several server processes behind one load balancer (README: Deploying): three compiled servers,
 * as `npm start` runs them, on one PostgreSQL database and one S3 bucket (s3rver). Whatever one
 * process does, the others see at once: sessions and API tokens, saves (through every
 * process's response and authentication caches), the limits counted in PostgreSQL, uploaded
 * media, live updates. And a process killed with SIGKILL in the middle of a load leaves the
 * other two answering every request.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AppInfoPage_SaveGeneralInfoDocument,
  AppOverviewPage_AppDocument,
  AppOverviewPage_RenameAppDocument,
  ApiTokensDocument,
  CreateApiTokenDocument,
  Live_AppEventsDocument,
  NewAppPage_CreateAppDocument,
  RevokeApiTokenDocument,
  SignInDocument,
  SignOutDocument,
  SignUpDocument,
  TestPage_SendTestWebhookDocument,
  ViewerDocument,
} from '@ring/client';
import { PASSWORD, uniqueEmail } from '../support/api.ts';
import { insertAppWithWebhook } from '../support/apps.ts';
import { multipartBody, png } from '../support/media-files.ts';
import { openSse, type SseStream } from '../support/sse.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { startStorage, type TestStorage } from '../support/storage.ts';

const APP_QUOTA = 3;
const TEST_EVENTS_PER_DEVELOPER = 4;

let storage: TestStorage;
let servers: RunningServer[] = [];
const streams: SseStream[] = [];

beforeAll(async () => {
  storage = await startStorage('s3');
  const env = (label: string) => ({
    DATABASE_URL: process.env.DATABASE_URL!,
    SECRETS_KEY: process.env.SECRETS_KEY!,
    // Each process has a disk of its own: nothing may be shared through it.
    DATA_DIR: mkdtempSync(join(tmpdir(), `ring-multi-${label}-`)),
    ...storage.env,
    // The load balancer in front is the one proxy believed: each test signs in from addresses of its own.
    TRUST_PROXY: 'loopback',
    APP_QUOTA_PER_DEVELOPER: String(APP_QUOTA),
    WEBHOOK_TEST_EVENTS_PER_DEVELOPER_PER_MINUTE: String(TEST_EVENTS_PER_DEVELOPER),
    SIGN_UP_LIMIT_PER_ADDRESS: '100000',
  });
  servers = await Promise.all(['a', 'b', 'c'].map((label) => startServer(env(label))));
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  await Promise.all(servers.map((server) => server.stop()));
  await storage?.stop();
});

interface Caller {
  cookie?: string;
  token?: string;
  /** The client's address as the load balancer forwards it. */
  address?: string;
}

interface Answer<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  headers: Headers;
}

async function gql<TResult, TVariables>(
  server: RunningServer,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  caller: Caller = {},
): Promise<Answer<TResult>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1' };
  if (caller.cookie) headers.cookie = caller.cookie;
  if (caller.token) headers.authorization = `Bearer ${caller.token}`;
  if (caller.address) headers['x-forwarded-for'] = caller.address;
  const response = await fetch(`${server.baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: print(document), variables }) });
  const body = (await response.json()) as { data?: TResult; errors?: Answer<TResult>['errors'] };
  return { status: response.status, data: body.data ?? undefined, errors: body.errors, headers: response.headers };
}

const codesOf = (answer: Answer<unknown>) => (answer.errors ?? []).map((error) => error.extensions?.code);

/** An address of this test run's own (TEST-NET-2 and benchmarking ranges), so no other suite's sign-ins count against it. */
const newAddress = () => `198.18.${randomInt(256)}.${randomInt(1, 255)}`;

function cookieOf(headers: Headers): string {
  const match = /ring_session=[^;]+/.exec(headers.get('set-cookie') ?? '');
  if (!match) throw new Error(`no session cookie in ${headers.get('set-cookie')}`);
  return match[0];
}

/** A developer signed up through `server`, with the session cookie it set. */
async function signUpThrough(server: RunningServer, label: string) {
  const email = uniqueEmail(label);
  const answer = await gql(server, SignUpDocument, { input: { email, password: PASSWORD, name: `Multi ${label}` } }, { address: newAddress() });
  if (answer.data?.signUp.__typename !== 'SignUpSuccess') throw new Error(JSON.stringify(answer));
  return { email, id: answer.data.signUp.developer.id, cookie: cookieOf(answer.headers) };
}

async function createTokenThrough(server: RunningServer, cookie: string): Promise<string> {
  const answer = await gql(server, CreateApiTokenDocument, { input: { name: 'multi-process' } }, { cookie });
  if (answer.data?.createApiToken.__typename !== 'CreateApiTokenSuccess') throw new Error(JSON.stringify(answer));
  return answer.data.createApiToken.token;
}

async function createAppThrough(server: RunningServer, caller: Caller, name: string): Promise<string> {
  const answer = await gql(server, NewAppPage_CreateAppDocument, { input: { name, acceptCompliance: true } }, caller);
  if (answer.data?.createApp.__typename !== 'CreateAppSuccess') throw new Error(JSON.stringify(answer));
  return answer.data.createApp.app.id;
}

const viewerEmail = async (server: RunningServer, caller: Caller) => {
  const answer = await gql(server, ViewerDocument, {}, caller);
  return answer.data?.viewer?.email ?? codesOf(answer).join(',');
};

const appName = async (server: RunningServer, caller: Caller, id: string) => {
  const answer = await gql(server, AppOverviewPage_AppDocument, { id }, caller);
  const app = answer.data?.app;
  return app?.__typename === 'App' ? app.name : JSON.stringify(answer);
};

describe('three server processes on one database and one bucket', () => {
  it('a session and an API token made through one process work on the others, and ending them ends them everywhere at once', async () => {
    const [a, b, c] = servers as [RunningServer, RunningServer, RunningServer];
    const developer = await signUpThrough(a, 'session');
    expect(await viewerEmail(b, { cookie: developer.cookie })).toBe(developer.email);
    expect(await viewerEmail(c, { cookie: developer.cookie })).toBe(developer.email);

    const token = await createTokenThrough(b, developer.cookie);
    for (const server of servers) expect(await viewerEmail(server, { token })).toBe(developer.email);

    // A sign-in through C: its cookie works on A.
    const signedIn = await gql(c, SignInDocument, { input: { email: developer.email, password: PASSWORD } }, { address: newAddress() });
    expect(signedIn.data?.signIn.__typename).toBe('SignInSuccess');
    const second = cookieOf(signedIn.headers);
    expect(await viewerEmail(a, { cookie: second })).toBe(developer.email);

    // Every process has the credentials in its authentication cache now; a revocation through one
    // must end them on the others at once (no waiting for the cache's time to live).
    for (const server of servers) expect(await viewerEmail(server, { cookie: developer.cookie })).toBe(developer.email);
    expect((await gql(a, SignOutDocument, {}, { cookie: developer.cookie })).data?.signOut.__typename).toBe('SignOutSuccess');
    expect(await viewerEmail(b, { cookie: developer.cookie })).toBe('UNAUTHENTICATED');
    expect(await viewerEmail(c, { cookie: developer.cookie })).toBe('UNAUTHENTICATED');
    expect(await viewerEmail(b, { cookie: second })).toBe(developer.email);

    const tokens = await gql(c, ApiTokensDocument, {}, { token });
    const tokenId = tokens.data!.viewer!.apiTokens[0]!.id;
    expect((await gql(c, RevokeApiTokenDocument, { input: { id: tokenId } }, { cookie: second })).data?.revokeApiToken.__typename).toBe(
      'RevokeApiTokenSuccess',
    );
    expect(await viewerEmail(a, { token })).toBe('UNAUTHENTICATED');
    expect(await viewerEmail(b, { token })).toBe('UNAUTHENTICATED');
  });

  it('a save through one process is read through every other at once, cached answers included', async () => {
    const developer = await signUpThrough(servers[0]!, 'saves');
    const token = await createTokenThrough(servers[0]!, developer.cookie);
    const appId = await createAppThrough(servers[1]!, { token }, 'Saved 0');
    // Rounds of: every process answers the app (twice: the second from its response cache), one
    // renames it, and every process, asked at once, answers the new name.
    for (let round = 1; round <= 30; round += 1) {
      await Promise.all(servers.map(async (server) => [await appName(server, { token }, appId), await appName(server, { token }, appId)]));
      const writer = servers[round % 3]!;
      const renamed = await gql(writer, AppOverviewPage_RenameAppDocument, { input: { appId, name: `Saved ${round}` } }, { token });
      expect(renamed.data?.renameApp.__typename).toBe('RenameAppSuccess');
      const names = await Promise.all(servers.map((server) => appName(server, { token }, appId)));
      expect(names, `round ${round}, written through process ${round % 3}`).toEqual([`Saved ${round}`, `Saved ${round}`, `Saved ${round}`]);
    }
  });

  it('sign-in limits count every process’s attempts: refused at the same count as with one process', async () => {
    /** Wrong passwords until refused, through `serverFor(attempt)`: how many were answered InvalidCredentialsError. */
    const failuresUntilRefused = async (email: string, serverFor: (attempt: number) => RunningServer, addressFor: (attempt: number) => string) => {
      for (let attempt = 0; attempt < 30; attempt += 1) {
        const answer = await gql(serverFor(attempt), SignInDocument, { input: { email, password: 'wrong password!' } }, { address: addressFor(attempt) });
        const kind = answer.data?.signIn.__typename;
        if (kind === 'RateLimitedError') return attempt;
        expect(kind).toBe('InvalidCredentialsError');
      }
      throw new Error('never refused');
    };
    const one = servers[0]!;
    const alternating = (attempt: number) => servers[attempt % 3]!;

    // Per email and address (5 by default).
    const fixed = [newAddress(), newAddress()];
    const single = await failuresUntilRefused(
      (await signUpThrough(one, 'limit-one')).email,
      () => one,
      () => fixed[0]!,
    );
    const spread = await failuresUntilRefused((await signUpThrough(one, 'limit-all')).email, alternating, () => fixed[1]!);
    expect(single).toBe(5);
    expect(spread).toBe(single);

    // Per email from anywhere (10 by default): a new address at every attempt, through each process in turn.
    expect(await failuresUntilRefused((await signUpThrough(one, 'email-all')).email, alternating, newAddress)).toBe(10);

    // At once: 15 wrong passwords for one email from one address, five through each process: five count, the rest are refused.
    const raced = (await signUpThrough(one, 'limit-race')).email;
    const address = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, attempt) =>
        gql(alternating(attempt), SignInDocument, { input: { email: raced, password: 'wrong password!' } }, { address }).then(
          (answer) => answer.data?.signIn.__typename,
        ),
      ),
    );
    expect(answers.filter((kind) => kind === 'InvalidCredentialsError')).toHaveLength(5);
    expect(answers.filter((kind) => kind === 'RateLimitedError')).toHaveLength(10);
  });

  it('test-event limits and app quotas hold across processes, one after another and all at once', async () => {
    // Test events: WEBHOOK_TEST_EVENTS_PER_DEVELOPER_PER_MINUTE across the developer's apps, whichever process sends them.
    const { developer, app } = await insertAppWithWebhook('multi-events', 'https://127.0.0.1:9/hook');
    const send = (server: RunningServer) =>
      gql(
        server,
        TestPage_SendTestWebhookDocument,
        { input: { appId: app.globalId, environment: 'STAGING', eventType: 'MOTION_DETECTED' } },
        { token: developer.token },
      ).then((answer) => answer.data?.sendTestWebhook.__typename ?? JSON.stringify(answer.errors));
    const sent = [];
    for (let attempt = 0; attempt < TEST_EVENTS_PER_DEVELOPER + 2; attempt += 1) sent.push(await send(servers[attempt % 3]!));
    expect(sent).toEqual([...Array(TEST_EVENTS_PER_DEVELOPER).fill('SendTestWebhookSuccess'), 'RateLimitedError', 'RateLimitedError']);

    const other = await insertAppWithWebhook('multi-events-race', 'https://127.0.0.1:9/hook');
    const racedSends = await Promise.all(
      Array.from({ length: 9 }, (_, attempt) =>
        gql(
          servers[attempt % 3]!,
          TestPage_SendTestWebhookDocument,
          { input: { appId: other.app.globalId, environment: 'STAGING', eventType: 'MOTION_DETECTED' } },
          { token: other.developer.token },
        ).then((answer) => answer.data?.sendTestWebhook.__typename),
      ),
    );
    expect(racedSends.filter((kind) => kind === 'SendTestWebhookSuccess')).toHaveLength(TEST_EVENTS_PER_DEVELOPER);
    expect(racedSends.filter((kind) => kind === 'RateLimitedError')).toHaveLength(9 - TEST_EVENTS_PER_DEVELOPER);

    // App quota: APP_QUOTA_PER_DEVELOPER apps, created one after another through each process in turn...
    const owner = await signUpThrough(servers[0]!, 'quota');
    const ownerToken = await createTokenThrough(servers[1]!, owner.cookie);
    for (let index = 0; index < APP_QUOTA; index += 1) await createAppThrough(servers[index % 3]!, { token: ownerToken }, `Quota ${index}`);
    for (const server of servers) {
      const refused = await gql(server, NewAppPage_CreateAppDocument, { input: { name: 'One too many', acceptCompliance: true } }, { token: ownerToken });
      expect(refused.data?.createApp).toMatchObject({ __typename: 'ValidationError', fields: [{ code: 'QUOTA_EXCEEDED' }] });
    }
    // ...and all at once: of nine creations spread over the three, exactly the quota succeed.
    const racer = await signUpThrough(servers[2]!, 'quota-race');
    const racerToken = await createTokenThrough(servers[2]!, racer.cookie);
    const created = await Promise.all(
      Array.from({ length: 9 }, (_, index) =>
        gql(servers[index % 3]!, NewAppPage_CreateAppDocument, { input: { name: `Race ${index}`, acceptCompliance: true } }, { token: racerToken }).then(
          (answer) => answer.data?.createApp.__typename,
        ),
      ),
    );
    expect(created.filter((kind) => kind === 'CreateAppSuccess')).toHaveLength(APP_QUOTA);
    expect(created.filter((kind) => kind === 'ValidationError')).toHaveLength(9 - APP_QUOTA);
  });

  it('an upload through one process is served by the others', async () => {
    const developer = await signUpThrough(servers[0]!, 'upload');
    const token = await createTokenThrough(servers[0]!, developer.cookie);
    const appId = await createAppThrough(servers[0]!, { token }, 'Uploads');
    const form = multipartBody(
      AppInfoPage_SaveGeneralInfoDocument,
      { input: { appId } as never },
      { 'input.icon': { bytes: png(1024, 1024), name: 'icon.png' } },
    );
    const saved = await fetch(`${servers[0]!.baseUrl}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-graphql-yoga-csrf': '1' },
      body: form,
    });
    const body = (await saved.json()) as { data: { saveGeneralInfo: { info: { general: { icon: { url: string } } } } } };
    const url = body.data.saveGeneralInfo.info.general.icon.url;
    // Absolute, on the origin the save reached; the path is what every process serves.
    const path = new URL(url).pathname;
    expect(path).toMatch(/^\/media\/[0-9a-f-]{36}$/);
    for (const server of servers.slice(1)) {
      const media = await fetch(`${server.baseUrl}${path}`);
      expect(media.status).toBe(200);
      expect(media.headers.get('content-type')).toBe('image/png');
      expect(
        Buffer.from(await media.arrayBuffer())
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    }
  });

  it('a live subscription on one process hears what a mutation on another changed', async () => {
    const { developer, app } = await insertAppWithWebhook('multi-live', 'https://127.0.0.1:9/hook');
    const stream = await openSse(`${servers[2]!.baseUrl}/graphql`, {
      document: Live_AppEventsDocument,
      variables: { appId: app.globalId },
      headers: { authorization: `Bearer ${developer.token}` },
    });
    streams.push(stream);
    expect(stream.response.status).toBe(200);
    for (const server of servers.slice(0, 2)) {
      const sent = await gql(
        server,
        TestPage_SendTestWebhookDocument,
        { input: { appId: app.globalId, environment: 'STAGING', eventType: 'MOTION_DETECTED' } },
        { token: developer.token },
      );
      const delivery = sent.data?.sendTestWebhook.__typename === 'SendTestWebhookSuccess' ? sent.data.sendTestWebhook.delivery.id : JSON.stringify(sent);
      expect(await stream.nextResult()).toEqual({ data: { appEvents: { appId: app.globalId, kind: 'WEBHOOK_DELIVERY', id: delivery } } });
      expect(await stream.nextResult()).toEqual({ data: { appEvents: { appId: app.globalId, kind: 'WEBHOOK_DELIVERY', id: delivery } } }); // its outcome
    }
    stream.close();
  });

  // Last: it kills the third process.
  it('a process killed with SIGKILL under load: the other two answer every request, before and after', async () => {
    const developer = await signUpThrough(servers[0]!, 'kill');
    const token = await createTokenThrough(servers[0]!, developer.cookie);
    const appIds: string[] = [];
    for (let index = 0; index < 3; index += 1) appIds.push(await createAppThrough(servers[index]!, { token }, `Load ${index}`));
    const victim = servers[2]!;
    const survivors = servers.slice(0, 2);
    const outcomes = { survivors: { ok: 0, failed: [] as string[] }, victim: { ok: 0, failed: 0 } };
    let stop = false;
    let killedAt = 0;
    let survivorsAfterKill = 0;

    // Eight clients, each sending to the three processes in turn: reads (cached and not),
    // renames of a shared app (row locks the victim may hold when it dies) and of its own.
    const worker = async (index: number) => {
      for (let request = index; !stop; request += 1) {
        const server = servers[request % 3]!;
        const appId = appIds[(index + request) % 3]!;
        const kind = request % 4;
        try {
          const answer =
            kind === 0
              ? await gql(server, AppOverviewPage_RenameAppDocument, { input: { appId, name: `Load ${index}-${request}` } }, { token })
              : kind === 1
                ? await gql(server, ViewerDocument, {}, { cookie: developer.cookie })
                : await gql(server, AppOverviewPage_AppDocument, { id: appId }, { token });
          const problem =
            answer.status !== 200 || answer.errors
              ? `${answer.status} ${JSON.stringify(answer.errors)}`
              : kind === 0 && answer.data && (answer.data as { renameApp: { __typename: string } }).renameApp.__typename !== 'RenameAppSuccess'
                ? JSON.stringify(answer.data)
                : undefined;
          if (server === victim) {
            if (problem) outcomes.victim.failed += 1;
            else outcomes.victim.ok += 1;
          } else if (problem) outcomes.survivors.failed.push(problem);
          else {
            outcomes.survivors.ok += 1;
            if (killedAt) survivorsAfterKill += 1;
          }
        } catch (error) {
          if (server === victim) outcomes.victim.failed += 1;
          else outcomes.survivors.failed.push(String((error as Error).cause ?? error));
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, index) => worker(index));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    killedAt = Date.now();
    victim.process.kill('SIGKILL');
    await victim.stop();
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    stop = true;
    await Promise.all(workers);

    expect(outcomes.victim.ok).toBeGreaterThan(0);
    expect(outcomes.survivors.failed).toEqual([]);
    expect(survivorsAfterKill).toBeGreaterThan(20);
    // And a write on a survivor is read on the other at once, as before.
    const renamed = await gql(survivors[0]!, AppOverviewPage_RenameAppDocument, { input: { appId: appIds[2]!, name: 'After the kill' } }, { token });
    expect(renamed.data?.renameApp.__typename).toBe('RenameAppSuccess');
    expect(await appName(survivors[1]!, { token }, appIds[2]!)).toBe('After the kill');
  });
});
