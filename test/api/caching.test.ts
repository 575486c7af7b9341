/**
 * The response and authentication caches (packages/api/src/caching): a repeated query is
 * answered without executing, and nothing stale is ever answered: every mutation, every row
 * written by anyone else, a revoked token, a changed role, an expired session ends what was
 * cached. An API with the cache on, on a database of this file's own (other files' writes
 * would end its cached answers at random).
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApi, type Api } from '@ring/api';
import {
  ApiTokensDocument,
  AppOverviewPage_AppDocument,
  AppOverviewPage_RenameAppDocument,
  AppsPage_AppsDocument,
  LinkRehearsals_AppDocument,
  RevokeApiTokenDocument,
  SupportPage_SearchDocument,
  ViewerDocument,
} from '@ring/client';
import { prisma } from '@ring/db';
import { createTestDatabase, dropDatabase } from '@ring/db/testing';
import { executorFor, newDeveloper, newStaff, type Caller } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';

const adminUrl = inject('adminUrl');
const databaseUrl = await createTestDatabase(adminUrl, 'caching');
process.env.DATABASE_URL = databaseUrl;

// Counts executions: a query answered from the cache is never executed.
let executions = 0;
const cached: Api = createApi({
  cache: { ttlMs: 60_000 },
  plugins: [
    {
      onExecute: () => {
        executions += 1;
      },
    },
  ],
});
const execute = executorFor(cached);

/** Runs `call` and says how many operations it executed (0 = answered from the cache). */
async function executed<T>(call: () => Promise<T>): Promise<{ result: T; executions: number }> {
  const before = executions;
  const result = await call();
  return { result, executions: executions - before };
}

/** Polls until `check` holds: writes by another connection are announced asynchronously. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('did not happen in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let owner: Awaited<ReturnType<typeof newDeveloper>>;
let app: Awaited<ReturnType<typeof insertApp>>;
const overview = (caller: Caller = { token: owner.token }) => execute(AppOverviewPage_AppDocument, { id: app.globalId }, caller);
const nameOf = (response: Awaited<ReturnType<typeof overview>>) => (response.data?.app.__typename === 'App' ? response.data.app.name : undefined);

beforeAll(async () => {
  owner = await newDeveloper('caching');
  app = await insertApp(owner.id, 'Cached app');
  // The change feed connects in the background; until it listens, nothing is cached.
  await eventually(async () => (await executed(() => overview())).executions === 0);
});

afterAll(async () => {
  await cached.dispose();
  await prisma.$disconnect();
  await dropDatabase(adminUrl, databaseUrl);
});

describe('the response cache', () => {
  it('answers a repeated query from memory, per developer and per variables', async () => {
    expect((await executed(() => overview())).executions).toBe(0);
    expect(nameOf((await executed(() => overview())).result)).toBe('Cached app');
    // The same query by another developer is theirs to execute, and finds nothing of the owner's.
    const stranger = await newDeveloper('stranger');
    const theirs = await executed(() => overview({ token: stranger.token }));
    expect(theirs.executions).toBe(1);
    expect(theirs.result.data?.app.__typename).toBe('NotFoundError');
    // Other variables are another answer.
    const page = await executed(() => execute(AppsPage_AppsDocument, { first: 5, after: null }, { token: owner.token }));
    expect(page.executions).toBe(1);
  });

  it('ends with a mutation: the next read executes and sees the change at once', async () => {
    await overview();
    const rename = await execute(AppOverviewPage_RenameAppDocument, { input: { appId: app.globalId, name: 'Renamed app' } }, { token: owner.token });
    expect(rename.data?.renameApp.__typename).toBe('RenameAppSuccess');
    const after = await executed(() => overview());
    expect(after.executions).toBe(1);
    expect(nameOf(after.result)).toBe('Renamed app');
  });

  it('ends with a mutation that changed nothing too (every mutation, whatever its outcome)', async () => {
    await overview();
    expect((await executed(() => overview())).executions).toBe(0);
    const refused = await execute(AppOverviewPage_RenameAppDocument, { input: { appId: app.globalId, name: '' } }, { token: owner.token });
    expect(refused.data?.renameApp.__typename).toBe('ValidationError');
    expect((await executed(() => overview())).executions).toBe(1);
  });

  it('ends at once when anyone else writes to the database (another process, psql): PostgreSQL’s announcement is awaited', async () => {
    await overview();
    expect((await executed(() => overview())).executions).toBe(0);
    await prisma.app.update({ where: { id: app.id }, data: { name: 'Written elsewhere' } });
    // At once, not after the 60 s time to live: a change committed before a request arrives is
    // heard before anything is answered from memory (caughtUp, a round trip on the feed's connection).
    const after = await executed(() => overview());
    expect(nameOf(after.result)).toBe('Written elsewhere');
    expect(after.executions).toBe(1);
  });

  it('ends when the sandbox changes a link rehearsal; the code countdown is never answered from memory', async () => {
    const list = () => execute(LinkRehearsals_AppDocument, { id: app.globalId }, { token: owner.token });
    const statusOf = (response: Awaited<ReturnType<typeof list>>) =>
      response.data?.node?.__typename === 'App' ? response.data.node.linkRehearsals.map((r) => r.status) : undefined;
    const urls = {
      authorizationUrl: 'https://a.example/',
      appHomepageUrl: 'https://a.example/',
      tokenExchangeUrl: 'https://a.example/t',
      webhookUrl: 'https://a.example/w',
    };
    const row = await prisma.linkRehearsal.create({
      data: { appId: app.id, environment: 'STAGING', accountId: 'ava1.ring.account.cached', codeHash: `cached-${app.id}`, ...urls },
    });
    await eventually(async () => JSON.stringify(statusOf(await list())) === '["CODE_SENT"]');
    // Counting down: asked again, it is executed again (the seconds left change with the clock alone).
    expect((await executed(list)).executions).toBe(1);
    await prisma.linkRehearsal.update({ where: { id: row.id }, data: { status: 'COMPLETED' } });
    await eventually(async () => JSON.stringify(statusOf(await list())) === '["COMPLETED"]');
  });

  it('is not used for support staff (who search every developer) or anonymous callers', async () => {
    const support = await newStaff('SUPPORT');
    const search = () => execute(SupportPage_SearchDocument, { query: 'Renamed' }, { token: support.token });
    await search();
    expect((await executed(search)).executions).toBe(1);
    await execute(ViewerDocument, {});
    expect((await executed(() => execute(ViewerDocument, {}))).executions).toBe(1);
  });
});

describe('the authentication cache', () => {
  it('refuses a revoked token at once, revoked through the API', async () => {
    const developer = await newDeveloper('revoke');
    const tokens = await execute(ApiTokensDocument, {}, { token: developer.token });
    expect((await execute(ViewerDocument, {}, { token: developer.token })).data?.viewer?.email).toBe(developer.email);
    const tokenId = tokens.data!.viewer!.apiTokens[0]!.id;
    const revoked = await execute(RevokeApiTokenDocument, { input: { id: tokenId } }, { cookie: developer.cookie });
    expect(revoked.data?.revokeApiToken.__typename).toBe('RevokeApiTokenSuccess');
    const after = await execute(ViewerDocument, {}, { token: developer.token });
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token revoked straight in the database at once: PostgreSQL’s announcement is awaited', async () => {
    const developer = await newDeveloper('revoke-sql');
    for (let time = 0; time < 2; time += 1) {
      expect((await execute(ViewerDocument, {}, { token: developer.token })).data?.viewer?.email).toBe(developer.email);
    }
    await prisma.apiToken.updateMany({ where: { developerId: decodeId(developer.id) }, data: { revokedAt: new Date() } });
    expect((await execute(ViewerDocument, {}, { token: developer.token })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('stops at a session’s expiry even when nothing is written', async () => {
    const developer = await newDeveloper('expiry');
    const session = await prisma.session.findFirstOrThrow({ where: { developerId: decodeId(developer.id) } });
    await prisma.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() + 1_500) } });
    await eventually(async () => (await execute(ViewerDocument, {}, { cookie: developer.cookie })).data?.viewer?.email === developer.email);
    // Cached now (the write above has been announced and the lookup stored again).
    expect((await execute(ViewerDocument, {}, { cookie: developer.cookie })).data?.viewer?.email).toBe(developer.email);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    const after = await execute(ViewerDocument, {}, { cookie: developer.cookie });
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(after.errors?.[0]?.message).toContain('expired');
  });
});

function decodeId(globalId: string): string {
  const [, id] = Buffer.from(globalId, 'base64').toString().split(':');
  expect(encodeGlobalID('Developer', id!)).toBe(globalId);
  return id!;
}
