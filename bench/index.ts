/**
 * `npm run bench`: load figures for the built console and its API, on loopback only.
 *
 * Starts a throwaway embedded PostgreSQL and the BUILT server (apps/console/server.ts, as
 * `npm start` runs it; build first with `npm run build`), seeds one developer with an API
 * token, a session and 20 apps through the GraphQL API, then runs bounded autocannon
 * scenarios and prints a table. A second, short pass runs the server behind a counting relay
 * to report SQL statements per request. Exits non-zero when any scenario saw a non-2xx
 * response, a connection error or timeout, or a body that failed its check.
 *
 * Knobs: BENCH_DURATION (seconds per scenario, default 8), BENCH_CONNECTIONS (default 10),
 * BENCH_MUTATIONS (requests in the mutation scenario, default 2000), BENCH_ONLY (comma-separated
 * scenario names), BENCH_SQL_LOG=1 (print the SQL one request of each scenario sends),
 * BENCH_CPU_PROFILE=<dir> (the server writes V8 CPU profiles there when it stops).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import {
  AccountLinkingPage_SaveDocument,
  AppOverviewPage_AppDocument,
  AppsPage_AppsDocument,
  CreateApiTokenDocument,
  NewAppPage_CreateAppDocument,
  SignUpDocument,
} from '@ring/client';
import { createTestDatabase, startTestServer } from '@ring/db/testing';
import { startServer, type RunningServer } from './server.ts';
import { startSqlCounter } from './sql-counter.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const MUTATIONS = Number(process.env.BENCH_MUTATIONS ?? 2000);
const ONLY = process.env.BENCH_ONLY?.split(',').map((name) => name.trim()).filter(Boolean);
const APPS = 20;
const CSRF_HEADER = 'x-graphql-yoga-csrf';

const buildEntry = fileURLToPath(new URL('../apps/console/build/handler.js', import.meta.url));
if (!existsSync(buildEntry)) {
  console.error('The console is not built: run `npm run build` (or `npm start` / `npm test` once) first.');
  process.exit(2);
}

// ---------------------------------------------------------------- HTTP helpers

interface Credentials {
  token: string;
  cookie: string;
}

async function graphql<TResult, TVariables>(
  baseUrl: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<{ data: TResult; headers: Headers }> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', ...headers },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: TResult; errors?: unknown };
  if (!response.ok || body.errors || !body.data) throw new Error(`GraphQL call failed (${response.status}): ${JSON.stringify(body)}`);
  return { data: body.data, headers: response.headers };
}

function typename(value: { __typename?: string }, expected: string): void {
  if (value.__typename !== expected) throw new Error(`expected ${expected}, got ${JSON.stringify(value)}`);
}

const linkingUrls = {
  authorizationUrl: 'https://bench.example.com/oauth/authorize',
  appHomepageUrl: 'https://bench.example.com/',
  tokenExchangeUrl: 'https://bench.example.com/oauth/token',
  webhookUrl: 'https://bench.example.com/webhooks/ring',
};

/** One developer (session cookie + API token) and 20 apps, half with staging account linking saved. */
async function seed(baseUrl: string): Promise<Credentials & { appIds: string[] }> {
  const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
  const signUp = await graphql(baseUrl, SignUpDocument, { input: { email, password: 'bench-password-123', name: 'Bench Developer' } });
  typename(signUp.data.signUp, 'SignUpSuccess');
  const cookie = /ring_session=[^;]+/.exec(signUp.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('sign-up set no session cookie');
  const created = await graphql(baseUrl, CreateApiTokenDocument, { input: { name: 'bench' } }, { cookie });
  if (created.data.createApiToken.__typename !== 'CreateApiTokenSuccess') throw new Error('createApiToken failed');
  const token = created.data.createApiToken.token;
  const auth = { authorization: `Bearer ${token}` };
  const appIds: string[] = [];
  for (let i = 1; i <= APPS; i++) {
    const app = await graphql(baseUrl, NewAppPage_CreateAppDocument, { input: { name: `Bench app ${i}`, acceptCompliance: true } }, auth);
    if (app.data.createApp.__typename !== 'CreateAppSuccess') throw new Error(`createApp failed: ${JSON.stringify(app.data)}`);
    appIds.push(app.data.createApp.app.id);
  }
  for (const appId of appIds.slice(0, APPS / 2)) {
    const saved = await graphql(baseUrl, AccountLinkingPage_SaveDocument, { input: { appId, environment: 'STAGING' as const, ...linkingUrls } }, auth);
    typename(saved.data.saveAccountLinking, 'SaveAccountLinkingSuccess');
  }
  return { token, cookie, appIds };
}

// ---------------------------------------------------------------- scenarios

interface Scenario {
  name: string;
  what: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Bounded by request count instead of duration. */
  amount?: number;
  /** The response body is what the scenario expects. */
  check(body: string): boolean;
}

function scenarios(c: Credentials & { appIds: string[] }, hasHealthz: boolean): Scenario[] {
  const bearer = { 'content-type': 'application/json', authorization: `Bearer ${c.token}` };
  const gql = <TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables> | string, variables?: TVariables) =>
    JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables });
  const noErrors = (expect: string) => (body: string) => body.includes(expect) && !body.includes('"errors"');
  const appId = c.appIds[0]!;
  const all: Scenario[] = [
    {
      name: 'viewer',
      what: '`{ viewer { email } }` with a Bearer API token: yoga + token lookup, the floor of any API call',
      method: 'POST',
      path: '/graphql',
      headers: bearer,
      body: gql('{ viewer { email } }'),
      check: noErrors('"email"'),
    },
    {
      name: 'apps-list',
      what: 'AppsPage_Apps (first 20, currentStep per app): the apps page query, Bearer token',
      method: 'POST',
      path: '/graphql',
      headers: bearer,
      body: gql(AppsPage_AppsDocument, { first: 20, after: null }),
      check: noErrors('"totalCount":20'),
    },
    {
      name: 'app-overview',
      what: 'AppOverviewPage_App: one app with lifecycle, overview and credentials hint, Bearer token',
      method: 'POST',
      path: '/graphql',
      headers: bearer,
      body: gql(AppOverviewPage_AppDocument, { id: appId }),
      check: noErrors('"lifecycle"'),
    },
    {
      name: 'apps-page-html',
      what: 'GET /apps with the session cookie: SvelteKit SSR of the apps page (layout + AppsPage_Apps in-process)',
      method: 'GET',
      path: '/apps',
      headers: { cookie: c.cookie, accept: 'text/html' },
      check: (body) => body.includes('Bench app 1'),
    },
    {
      name: 'graphiql',
      what: 'GET /graphql as a browser: the GraphiQL page (static HTML from yoga, no database)',
      method: 'GET',
      path: '/graphql',
      headers: { accept: 'text/html' },
      check: (body) => body.includes('GraphiQL'),
    },
    {
      name: 'save-linking',
      what: `saveAccountLinking (staging, expectedVersion omitted = overwrite) on one app, ${MUTATIONS} requests: a write in a transaction`,
      method: 'POST',
      path: '/graphql',
      headers: bearer,
      body: gql(AccountLinkingPage_SaveDocument, { input: { appId, environment: 'STAGING' as const, ...linkingUrls } }),
      amount: MUTATIONS,
      check: noErrors('"SaveAccountLinkingSuccess"'),
    },
  ];
  if (hasHealthz) {
    all.splice(5, 0, {
      name: 'healthz',
      what: 'GET /healthz: the health check load balancers poll',
      method: 'GET',
      path: '/healthz',
      headers: {},
      check: () => true,
    });
  }
  return all.filter((scenario) => !ONLY || ONLY.includes(scenario.name));
}

// ---------------------------------------------------------------- measuring

/** Resident and peak resident memory of a process, in MiB, from /proc. */
function memory(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/** CPU time (user + system, ms) a process has used, from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU time of the embedded PostgreSQL: every `postgres` process descending from this one. */
function postgresCpu(): number {
  const parents = new Map<number, { ppid: number; comm: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), { ppid, comm });
    } catch {
      // exited meanwhile
    }
  }
  let total = 0;
  for (const [pid, { comm }] of parents) {
    if (comm !== 'postgres') continue;
    for (let up = parents.get(pid)?.ppid; up && up > 1; up = parents.get(up)?.ppid) {
      if (up === process.pid) {
        total += cpuOf(pid);
        break;
      }
    }
  }
  return total;
}

async function once(baseUrl: string, scenario: Scenario): Promise<void> {
  const response = await fetch(baseUrl + scenario.path, { method: scenario.method, headers: scenario.headers, body: scenario.body ?? null });
  const body = await response.text();
  if (!response.ok || !scenario.check(body)) {
    throw new Error(`scenario ${scenario.name}: the first request already fails (${response.status}): ${body.slice(0, 500)}`);
  }
}

function cannon(baseUrl: string, scenario: Scenario, bounds: { duration?: number; amount?: number }) {
  return autocannon({
    url: baseUrl + scenario.path,
    method: scenario.method,
    headers: scenario.headers,
    ...(scenario.body === undefined ? {} : { body: scenario.body }),
    connections: CONNECTIONS,
    ...(bounds.amount ? { amount: bounds.amount } : { duration: bounds.duration ?? DURATION }),
    timeout: 10,
    verifyBody: (body: unknown) => scenario.check(String(body)),
  });
}

interface Row {
  name: string;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  non2xx: number;
  errors: number;
  badBodies: number;
  rssBefore: number;
  rssAfter: number;
  serverCpuPerRequest: number;
  postgresCpuPerRequest: number;
}

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

function table(headers: string[], rows: string[][]): string {
  const lines = [headers, headers.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const started = Date.now();
  const postgres = await startTestServer();
  const dataDirs: string[] = [];
  let server: RunningServer | undefined;
  let failed = false;
  try {
    const databaseUrl = await createTestDatabase(postgres.adminUrl, 'bench');
    const env = (url: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'ring-bench-data-'));
      dataDirs.push(dir);
      return { DATABASE_URL: url, DATA_DIR: dir, SECRETS_KEY: secretsKey };
    };
    const secretsKey = randomBytes(32).toString('hex');

    server = await startServer(env(databaseUrl));
    const pid = server.process.pid!;
    const seeded = await seed(server.baseUrl);
    // /healthz only where this branch has it.
    const hasHealthz = (await fetch(`${server.baseUrl}/healthz`)).status === 200;
    const list = scenarios(seeded, hasHealthz);
    for (const scenario of list) await once(server.baseUrl, scenario);

    const idle = memory(pid);
    console.log(`server pid ${pid}, RSS after start-up and seeding: ${fmt(idle.rss)} MiB`);
    console.log(`${CONNECTIONS} connections, ${DURATION} s per scenario (mutations: ${MUTATIONS} requests), loopback\n`);

    // Warm-up: JIT, yoga's parse/validate caches, the SvelteKit chunks, the pool's connections.
    for (const scenario of list) await cannon(server.baseUrl, scenario, { amount: 200 });

    const rows: Row[] = [];
    for (const scenario of list) {
      const before = memory(pid).rss;
      const [serverCpu, pgCpu] = [cpuOf(pid), postgresCpu()];
      process.stdout.write(`  ${scenario.name} ...`);
      const result = await cannon(server.baseUrl, scenario, scenario.amount ? { amount: scenario.amount } : { duration: DURATION });
      const [serverCpuUsed, pgCpuUsed] = [cpuOf(pid) - serverCpu, postgresCpu() - pgCpu];
      const after = memory(pid).rss;
      const row: Row = {
        name: scenario.name,
        requests: result.requests.total,
        seconds: result.duration,
        rps: result.requests.mean,
        p50: result.latency.p50,
        p975: result.latency.p97_5,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
        badBodies: result.mismatches,
        rssBefore: before,
        rssAfter: after,
        serverCpuPerRequest: serverCpuUsed / result.requests.total,
        postgresCpuPerRequest: pgCpuUsed / result.requests.total,
      };
      rows.push(row);
      process.stdout.write(` ${fmt(row.rps)} req/s\n`);
      if (row.non2xx || row.errors || row.badBodies) failed = true;
      const child = server.process;
      if (child.exitCode !== null || child.signalCode !== null) {
        // Stopped by something else (a crash, or a signal from outside): say so instead of a table of refusals.
        throw new Error(`the server stopped during ${scenario.name} (exit ${child.exitCode}, signal ${child.signalCode}):\n${server.output().slice(-3000)}`);
      }
    }
    const peak = memory(pid);
    await server.stop();
    server = undefined;

    // Statements per request: a fresh server whose pool goes through a counting relay.
    const counter = await startSqlCounter(new URL(databaseUrl).port ? Number(new URL(databaseUrl).port) : 5432);
    const relayed = new URL(databaseUrl);
    relayed.port = String(counter.port);
    server = await startServer(env(relayed.toString()));
    const statements: Record<string, number> = {};
    const SAMPLES = 20;
    for (const scenario of list) {
      await once(server.baseUrl, scenario); // first use: pool connections, caches
      counter.reset();
      for (let i = 0; i < SAMPLES; i++) await once(server.baseUrl, scenario);
      statements[scenario.name] = counter.count() / SAMPLES;
      if (process.env.BENCH_SQL_LOG) {
        counter.reset();
        await once(server.baseUrl, scenario);
        console.log(`\nSQL of one ${scenario.name} request:\n  ${counter.texts().join('\n  ')}`);
      }
    }
    await server.stop();
    server = undefined;
    await counter.close();

    console.log('\n' + table(
      ['scenario', 'req/s (mean)', 'p50 ms', 'p97.5 ms', 'p99 ms', 'requests', 'non-2xx', 'errors', 'bad bodies', 'SQL/request', 'CPU ms/request server + PG', 'server RSS before → after (MiB)'],
      rows.map((row) => [
        row.name,
        fmt(row.rps),
        fmt(row.p50, 1),
        fmt(row.p975, 1),
        fmt(row.p99, 1),
        `${row.requests} in ${fmt(row.seconds, 1)} s`,
        String(row.non2xx),
        String(row.errors),
        String(row.badBodies),
        fmt(statements[row.name] ?? NaN, 1),
        `${fmt(row.serverCpuPerRequest, 2)} + ${fmt(row.postgresCpuPerRequest, 2)}`,
        `${fmt(row.rssBefore)} → ${fmt(row.rssAfter)}`,
      ]),
    ));
    console.log(`\nserver RSS: ${fmt(idle.rss)} MiB idle after seeding, ${fmt(peak.rss)} MiB at the end, peak (VmHWM) ${fmt(peak.hwm)} MiB`);
    console.log('CPU ms/request: user + system CPU the server process and the PostgreSQL processes used during the scenario, per request');
    console.log('SQL/request: statements (Query + Execute messages) the server sent to PostgreSQL per request, mean of 20 sequential requests');
    console.log(`bench took ${fmt((Date.now() - started) / 1000)} s`);
    return failed ? 1 : 0;
  } finally {
    if (server) {
      console.error(server.output().slice(-2000));
      await server.stop();
    }
    await postgres.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    if (code) console.error('\nFAILED: a scenario had non-2xx responses, errors or unexpected bodies.');
    process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
