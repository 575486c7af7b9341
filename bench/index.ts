/**
 * `npm run bench`: the performance budgets of the console and its API, measured side by side
 * on this machine and printed with pass or miss. Loopback only; never part of `npm test`.
 *
 * 1. Throughput against two floors, each its own process, same autocannon settings:
 *    (a) a bare node:http server answering a small JSON body (the limit), (b) graphql-yoga
 *    with a one-field schema (the framework floor), and (c) our BUILT server (as `npm start`
 *    runs it) on a seeded database: the app overview query with an API token, viewer.apps
 *    (first: 50) with every tab nested, and a tab save. The floors and the overview run in
 *    alternating rounds so that a busy moment on the machine hits them alike.
 *    Then the anchors of the uncached path (bench/anchors.ts): our server with the cache off,
 *    PostGraphile 5 and a one-SQL-statement node:http + pg server on the same database, in
 *    alternating rounds, with the ratios and the budgets of issue 18.
 * 2. SQL statements per request, counted by a relay in front of PostgreSQL.
 * 3. Upload memory: 20 concurrent 5 MB MP4 uploads (peak RSS growth) and a 50 MB body
 *    (how much the server read before refusing it).
 * 4. The JavaScript a first load of the apps list needs, gzipped.
 * 5. The time from `npm start` to the first successful request.
 * 6. Growth: the overview and the list on a copy of the database with 100,000 more apps (bench/growth.ts).
 * Writes the figures into bench/RESULTS.md (between its generated markers) with the machine's
 * description. Exits 1 when a scenario broke (non-2xx, errors, wrong bodies), 3 when it ran
 * but missed a budget.
 *
 * Knobs: BENCH_DURATION (seconds per load, default 8), BENCH_CONNECTIONS (10), BENCH_ROUNDS
 * (floor/overview rounds, 3), BENCH_MUTATIONS (requests in the save scenario, 2000),
 * BENCH_SKIP=throughput,sql,uploads,processes,weight,start,growth (leave parts out), BENCH_CPU_PROFILE=<dir> (our server
 * writes a V8 CPU profile there when it stops).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase, startTestServer } from '@ring/db/testing';
import { measureAnchors } from './anchors.ts';
import { startFloor } from './floors.ts';
import { CONNECTIONS, DURATION, fmt, measure, memory, once, table, type Row, type Scenario } from './load.ts';
import { APP_OVERVIEW, APPS_EVERYTHING, SAVE_COMPATIBILITY } from './operations.ts';
import { compatibility, seed, type Seeded } from './seed.ts';
import { startServer, type RunningServer } from './server.ts';
import { startSqlCounter } from './sql-counter.ts';
import { concurrentVideoUploads, oversizedBody } from './uploads.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MUTATIONS = Number(process.env.BENCH_MUTATIONS ?? 2000);
const SKIP = new Set(process.env.BENCH_SKIP?.split(',').map((part) => part.trim()));
const MiB = 1024 * 1024;
const MB = 1000 * 1000;

const buildEntry = fileURLToPath(new URL('../apps/console/build/handler.js', import.meta.url));
if (!existsSync(buildEntry)) {
  console.error('The console is not built: run `npm run build` (or `npm start` / `npm test` once) first.');
  process.exit(2);
}

// ---------------------------------------------------------------- scenarios

const json = { 'content-type': 'application/json' };
const body = (query: string, variables?: object) => JSON.stringify({ query, variables });
const noErrors = (expect: string) => (text: string) => text.includes(expect) && !text.includes('"errors"');

const floorScenario = {
  bare: { name: 'bare node:http', what: 'a small JSON body', method: 'POST', path: '/', headers: json, body: body('{ hello }'), check: noErrors('"world"') },
  yoga: {
    name: 'plain yoga',
    what: '`{ hello }` on a one-field schema',
    method: 'POST',
    path: '/graphql',
    headers: json,
    body: body('{ hello }'),
    check: noErrors('"world"'),
  },
} satisfies Record<string, Scenario>;

function ourScenarios(seeded: Seeded) {
  const bearer = { ...json, authorization: `Bearer ${seeded.token}` };
  const appId = seeded.appIds[0]!;
  return {
    overview: {
      name: 'app overview',
      what: 'one app with lifecycle, all four tabs, media and account linking, API token',
      method: 'POST',
      path: '/graphql',
      headers: bearer,
      body: body(APP_OVERVIEW, { id: appId }),
      check: noErrors('"termsOfServiceUrl":"https://'),
    },
    apps50: {
      name: 'viewer.apps(first: 50)',
      what: 'fifty apps with every tab nested, API token',
      method: 'POST',
      path: '/graphql',
      headers: bearer,
      body: body(APPS_EVERYTHING, { first: 50 }),
      check: (text) => noErrors(`"totalCount":${seeded.appIds.length}`)(text) && text.split('"webhookUrl":"https://').length === 2 * 50 + 1,
    },
    save: {
      name: 'tab save',
      what: `saveCompatibilityInfo on one app (no expectedVersion: overwrite), ${MUTATIONS} requests`,
      method: 'POST',
      path: '/graphql',
      headers: bearer,
      body: body(SAVE_COMPATIBILITY, { input: compatibility(appId) }),
      amount: MUTATIONS,
      check: noErrors('"SaveCompatibilityInfoSuccess"'),
    },
    appsPage: {
      name: 'GET /apps (SSR)',
      what: 'the console apps page rendered on the server, session cookie',
      method: 'GET',
      path: '/apps',
      headers: { cookie: seeded.cookie, accept: 'text/html' },
      check: (text) => text.includes(`Bench app ${seeded.appIds.length}`),
    },
  } satisfies Record<string, Scenario>;
}

// ---------------------------------------------------------------- budgets

interface Budget {
  name: string;
  measured: string;
  limit: string;
  pass: boolean;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

// ---------------------------------------------------------------- machine and results file

async function machine(adminUrl: string): Promise<string> {
  const cpu = cpus();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const postgres = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  await client.end();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return [
    `- ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${fmt(totalmem() / 1024 ** 3, 1)} GiB memory, Linux ${release()}`,
    `- Node ${process.version}, embedded PostgreSQL ${postgres}, commit ${commit}`,
    `- load average at the start ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')} (the machine is shared: other engineers' test runs move absolute figures; compare the ratios)`,
    `- autocannon ${CONNECTIONS} connections, ${DURATION} s per load after 200 warm-up requests, ${ROUNDS} alternating rounds of the floors and the overview`,
  ].join('\n');
}

const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const BEGIN = '<!-- bench:begin (written by npm run bench; edit outside these markers) -->';
const END = '<!-- bench:end -->';

function writeResults(section: string): void {
  const current = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : `# Benchmark results\n\n${BEGIN}\n${END}\n`;
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start ? `${current.slice(0, start + BEGIN.length)}\n${section}\n${current.slice(end)}` : `${current}\n${BEGIN}\n${section}\n${END}\n`;
  writeFileSync(RESULTS, next);
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const started = Date.now();
  const budgets: Budget[] = [];
  const sections: string[] = [];
  let broken = false;
  const report = (rows: Row[]) => {
    for (const row of rows) if (row.non2xx || row.errors || row.badBodies) broken = true;
  };

  const postgres = await startTestServer();
  const description = await machine(postgres.adminUrl);
  sections.push(`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n\n${description}`);
  const dataDirs: string[] = [];
  const floors = { bare: await startFloor('bare'), yoga: await startFloor('yoga') };
  let server: RunningServer | undefined;
  try {
    const databaseUrl = await createTestDatabase(postgres.adminUrl, 'bench');
    const secretsKey = randomBytes(32).toString('hex');
    const env = (url: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'ring-bench-data-'));
      dataDirs.push(dir);
      // One developer creates all the seeded apps at once: above the default hourly creation rate.
      return { DATABASE_URL: url, DATA_DIR: dir, SECRETS_KEY: secretsKey, APPS_CREATED_PER_HOUR: '1000' };
    };
    server = await startServer(env(databaseUrl));
    const pid = server.process.pid!;
    process.stdout.write('seeding 50 apps with every tab through the API ... ');
    const seeded = await seed(server.baseUrl);
    console.log(`done (${fmt((Date.now() - started) / 1000)} s)`);
    const scenarios = ourScenarios(seeded);
    const targets = {
      bare: { name: '(a) bare node:http', baseUrl: floors.bare.baseUrl, pid: floors.bare.process.pid! },
      yoga: { name: '(b) plain yoga', baseUrl: floors.yoga.baseUrl, pid: floors.yoga.process.pid! },
      ours: { name: '(c) our server', baseUrl: server.baseUrl, pid, withPostgres: true },
    };
    const idle = memory(pid);

    // 1. Throughput: alternating rounds of a, b and the overview, then the other scenarios.
    if (!SKIP.has('throughput')) {
      const rounds: Array<{ bare: Row; yoga: Row; overview: Row }> = [];
      for (let round = 1; round <= ROUNDS; round++) {
        process.stdout.write(`round ${round}/${ROUNDS}: `);
        const bare = await measure(targets.bare, floorScenario.bare);
        const yoga = await measure(targets.yoga, floorScenario.yoga);
        const overview = await measure(targets.ours, scenarios.overview);
        console.log(`bare ${fmt(bare.rps)}, yoga ${fmt(yoga.rps)}, overview ${fmt(overview.rps)} req/s`);
        rounds.push({ bare, yoga, overview });
        report([bare, yoga, overview]);
      }
      const others: Row[] = [];
      for (const scenario of [scenarios.apps50, scenarios.save, scenarios.appsPage]) {
        process.stdout.write(`${scenario.name} ... `);
        const row = await measure(targets.ours, scenario);
        console.log(`${fmt(row.rps)} req/s`);
        others.push(row);
      }
      report(others);
      if (server.process.exitCode !== null) throw new Error(`our server stopped during the load:\n${server.output().slice(-3000)}`);
      const peakAfterLoad = memory(pid).rss;
      await server.stop();

      // The same reads with the response cache off: what a first (or just invalidated) read costs.
      server = await startServer({ ...env(databaseUrl), API_CACHE_TTL_SECONDS: '0' });
      const uncached = { ...targets.ours, name: '(c) cache off', baseUrl: server.baseUrl, pid: server.process.pid! };
      // The anchors: PostGraphile and the one-statement limit, alternating with ours (bench/anchors.ts).
      const anchored = await measureAnchors({
        uncached,
        scenarios,
        appIds: seeded.appIds,
        databaseUrl,
        rounds: ROUNDS,
        mutations: MUTATIONS,
        cached: { overview: median(rounds.map((round) => round.overview.rps)), apps50: others[0]!.rps, save: others[1]!.rps },
      });
      others.push(...anchored.rows);
      budgets.push(...anchored.budgets);
      report(others);
      await server.stop();
      server = undefined;

      const rowCells = (row: Row) => [
        row.target,
        row.name,
        fmt(row.rps),
        fmt(row.p50, 1),
        fmt(row.p99, 1),
        `${row.requests} in ${fmt(row.seconds, 1)} s`,
        `${row.non2xx}/${row.errors}/${row.badBodies}`,
        fmt(row.cpuPerRequest, 2),
      ];
      const headers = ['target', 'scenario', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx/errors/bad bodies', 'CPU ms/request'];
      const throughput = table(headers, [...rounds.flatMap((round) => [round.bare, round.yoga, round.overview]), ...others].map(rowCells));
      const ratioRows = rounds.map((round, index) => [
        String(index + 1),
        fmt(round.overview.rps / round.yoga.rps, 2),
        fmt(round.yoga.rps / round.bare.rps, 2),
        fmt(round.overview.p99 / round.yoga.p99, 2),
      ]);
      const rpsRatio = median(rounds.map((round) => round.overview.rps / round.yoga.rps));
      const p99Ratio = median(rounds.map((round) => round.overview.p99 / round.yoga.p99));
      ratioRows.push(['median', fmt(rpsRatio, 2), fmt(median(rounds.map((round) => round.yoga.rps / round.bare.rps)), 2), fmt(p99Ratio, 2)]);
      budgets.push(
        { name: 'overview req/s vs plain yoga (c/b)', measured: `${fmt(rpsRatio * 100)} %`, limit: '>= 70 %', pass: rpsRatio >= 0.7 },
        { name: 'overview p99 vs plain yoga p99', measured: `${fmt(p99Ratio, 2)}×`, limit: '<= 2×', pass: p99Ratio <= 2 },
      );
      sections.push(
        `### Throughput\n\nCPU ms/request: user + system CPU of the target's process (and, for ours, its PostgreSQL) per request. ` +
          `Our server answers repeated reads from its response cache (README: Caching); the "cache off" rows are the same reads executed every time.\n` +
          `Our server's RSS: ${fmt(idle.rss)} MiB after seeding, ${fmt(peakAfterLoad)} MiB after the load.\n\n${throughput}\n\n` +
          `Ratios per round (c = overview, b = plain yoga, a = bare node:http):\n\n${table(['round', 'req/s c/b', 'req/s b/a', 'p99 c/b'], ratioRows)}`,
      );
      sections.push(anchored.section);
    }

    await server?.stop();
    server = undefined;

    // 2. Statements per request, through a counting relay in front of PostgreSQL.
    if (!SKIP.has('sql')) {
      const counter = await startSqlCounter(Number(new URL(databaseUrl).port || 5432));
      // Cache off: every request executes, which is what the count is about.
      server = await startServer({ ...env(counter.relayed(databaseUrl)), API_CACHE_TTL_SECONDS: '0' });
      const perRequest = async (scenario: Scenario) => {
        await once(server!.baseUrl, scenario); // first use: pool connections, caches
        counter.reset();
        const samples = 10;
        for (let i = 0; i < samples; i++) await once(server!.baseUrl, scenario);
        return counter.count() / samples;
      };
      const appsOf = (first: number): Scenario => ({
        ...scenarios.apps50,
        name: `viewer.apps(first: ${first})`,
        body: body(APPS_EVERYTHING, { first }),
        check: noErrors('"totalCount"'),
      });
      const one = await perRequest(appsOf(1));
      const fifty = await perRequest(appsOf(50));
      const counts = [
        ['viewer.apps(first: 1), every tab', fmt(one, 1)],
        ['viewer.apps(first: 50), every tab', fmt(fifty, 1)],
        ['app overview', fmt(await perRequest(scenarios.overview), 1)],
        ['tab save', fmt(await perRequest({ ...scenarios.save, amount: undefined }), 1)],
      ];
      budgets.push({
        name: 'SQL statements per request, apps(first: 1) vs (first: 50)',
        measured: `${fmt(one, 1)} vs ${fmt(fifty, 1)}`,
        limit: 'equal, <= 10',
        // Whole statements: a token's lastUsedAt write now and then adds a fraction to one of the means.
        pass: Math.floor(one) === Math.floor(fifty) && fifty <= 10,
      });
      const saveStatements = Number(counts[3]![1]);
      budgets.push({ name: 'tab save: SQL statements', measured: fmt(saveStatements, 1), limit: '<= 4', pass: saveStatements <= 4 });
      sections.push(
        `### SQL statements per request\n\nMean of 10 sequential requests after a first one (statements = Query + Execute messages the server sent).\n\n${table(['request', 'statements'], counts)}`,
      );
      await server.stop();
      server = undefined;
      await counter.close();
    }

    // 3. Upload memory, on a fresh server.
    if (!SKIP.has('uploads')) {
      server = await startServer(env(databaseUrl));
      const auth = { authorization: `Bearer ${seeded.token}` };
      const uploads = await concurrentVideoUploads(server.baseUrl, server.process.pid!, auth, seeded.appIds.slice(0, 20));
      if (uploads.succeeded !== uploads.uploads) broken = true;
      // The server loads GraphiQL's 9 MB page in the background a second after it starts; its
      // file reads would count as read here. Let that pass first.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const oversized = await oversizedBody(server.baseUrl, server.process.pid!, auth, seeded.appIds[0]!);
      if (oversized.status !== 413 && oversized.status !== undefined) broken = true;
      const growthMB = (uploads.growth * MiB) / MB;
      budgets.push(
        {
          name: `${uploads.uploads} concurrent 5 MB MP4 uploads: peak RSS growth`,
          measured: `${fmt(growthMB)} MB`,
          limit: '<= 250 MB',
          pass: growthMB <= 250 && uploads.succeeded === uploads.uploads,
        },
        {
          name: '50 MB body: bytes the server read before refusing it',
          measured: `${fmt(oversized.serverRead / MiB, 2)} MiB`,
          limit: `<= ${fmt((oversized.limit + MiB) / MiB, 2)} MiB (limit + 1 MiB)`,
          pass: oversized.serverRead <= oversized.limit + MiB,
        },
      );
      sections.push(
        `### Uploads\n\n` +
          table(
            ['what', 'figure'],
            [
              ['concurrent saveMediaAssets, each a 5 MiB MP4', `${uploads.succeeded}/${uploads.uploads} succeeded in ${fmt(uploads.seconds, 1)} s`],
              ['server RSS before → peak (VmHWM reset just before)', `${fmt(uploads.rssBefore)} → ${fmt(uploads.rssPeak)} MiB (+${fmt(uploads.growth)} MiB)`],
              ['50 MiB multipart body: answer', String(oversized.status ?? 'connection closed without an answer')],
              [
                '… bytes the server read (/proc/<pid>/io rchar)',
                `${fmt(oversized.serverRead / MiB, 2)} MiB (per-file limit ${fmt(oversized.limit / MiB, 2)} MiB)`,
              ],
              ['… bytes the client handed to its socket meanwhile', `${fmt(oversized.clientWrote / MiB, 2)} MiB of ${fmt(oversized.bodyBytes / MiB, 2)} MiB`],
            ],
          ),
      );
      await server.stop();
      server = undefined;
    }

    // One and two server processes on the same database, the overview with the cache off (bench/processes.ts).
    if (!SKIP.has('processes')) {
      const { processesThroughput } = await import('./processes.ts');
      const processes = await processesThroughput(() => env(databaseUrl), scenarios.overview);
      report(processes.rows);
      sections.push(processes.section);
    }

    // 4. Console weight.
    if (!SKIP.has('weight')) {
      const { firstLoadWeight, FIRST_LOAD_BUDGET_BYTES } = await import('../apps/console/scripts/first-load-weight.ts');
      const weight = await firstLoadWeight('/apps');
      budgets.push({
        name: 'console first load of /apps, JavaScript gzipped',
        measured: `${fmt(weight.gzip / 1000, 1)} KB`,
        limit: `<= ${FIRST_LOAD_BUDGET_BYTES / 1000} KB`,
        pass: weight.withinBudget,
      });
      sections.push(
        `### Console first load (/apps)\n\nEvery JavaScript file a first load fetches or preloads (from the build's manifests; test/browser/first-load-weight.test.ts checks the list against Chromium), gzip level 9.\n\n${table(
          ['file', 'bytes', 'gzipped'],
          [...weight.files.map((file) => [file.file, String(file.raw), String(file.gzip)]), ['total', String(weight.raw), String(weight.gzip)]],
        )}`,
      );
    }

    // 5. Start.
    if (!SKIP.has('start')) {
      process.stdout.write('npm start, twice ... ');
      const { measureStart } = await import('./start-time.ts');
      const start = await measureStart();
      console.log('done');
      budgets.push({
        name: '`npm start` to the first successful request (installed tree, repeat start)',
        measured: `${fmt(start.repeatStartMs)} ms`,
        limit: '<= 3000 ms',
        pass: start.repeatStartMs <= 3000,
      });
      sections.push(
        `### Start\n\nFrom spawning \`npm start\` on the installed, built tree to the first 200 from /healthz (which asks the database).\n\n${table(
          ['start', 'ms'],
          [
            ['first ever (empty DATA_DIR: initdb, migrations, seed)', fmt(start.firstStartMs)],
            ['repeat (the same DATA_DIR)', fmt(start.repeatStartMs)],
          ],
        )}`,
      );
    }

    // Last: it copies the database, which nothing may be connected to (bench/growth.ts).
    if (!SKIP.has('growth')) {
      const { measureGrowth } = await import('./growth.ts');
      const growth = await measureGrowth({ adminUrl: postgres.adminUrl, databaseUrl, env, scenarios, rounds: ROUNDS });
      report(growth.rows);
      budgets.push(...growth.budgets);
      sections.push(growth.section);
    }

    const budgetTable = table(
      ['budget', 'measured', 'limit', 'result'],
      budgets.map((budget) => [budget.name, budget.measured, budget.limit, budget.pass ? 'pass' : '**MISS**']),
    );
    sections.splice(1, 0, `### Budgets\n\n${budgetTable}`);
    const markdown = sections.join('\n\n');
    console.log(`\n${markdown}\n\nbench took ${fmt((Date.now() - started) / 1000)} s`);
    writeResults(markdown);
    console.log(`written to ${RESULTS}`);
    if (broken) return 1;
    return budgets.every((budget) => budget.pass) ? 0 : 3;
  } finally {
    if (server) {
      console.error(server.output().slice(-2000));
      await server.stop();
    }
    await floors.bare.stop();
    await floors.yoga.stop();
    await postgres.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    if (code === 1) console.error('\nBROKEN: a scenario had non-2xx responses, errors or unexpected bodies.');
    if (code === 3) console.error('\nA budget was missed (see the table).');
    process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
