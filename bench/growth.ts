/**
 * Growth (issue 18): the overview and the apps list on the bench's database and on a copy of it
 * grown by 10,000 developers and 100,000 apps (bench/growth-seed.ts, by SQL). Budgets: each
 * read's median latency on the big copy within 1.2x of the small one, and the same statements
 * per request. Cache off on both, so every request reaches PostgreSQL; the two servers run side
 * by side and are measured in alternating rounds, so a busy moment on the machine hits both.
 */
import pg from 'pg';
import { growthSeedStatements } from './growth-seed.ts';
import { fmt, measure, once, table, type Row, type Scenario } from './load.ts';
import { startServer, type RunningServer } from './server.ts';
import { startSqlCounter } from './sql-counter.ts';

export const GROWTH = { developers: 10_000, apps: 100_000 };
const LATENCY_RATIO_BUDGET = 1.2;

export interface GrowthResult {
  rows: Row[];
  budgets: Array<{ name: string; measured: string; limit: string; pass: boolean }>;
  section: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** A copy of `databaseUrl` (nothing may be connected to it) with the growth rows added and analysed. */
async function grownCopy(adminUrl: string, databaseUrl: string): Promise<string> {
  const source = new URL(databaseUrl).pathname.slice(1);
  const copy = `${source}_growth`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${copy}"`);
    await admin.query(`CREATE DATABASE "${copy}" TEMPLATE "${source}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${copy}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (const statement of growthSeedStatements(GROWTH)) await client.query(statement);
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
  return url.toString();
}

/** Statements per request (mean of 10 after a first one), through a counting relay. */
async function statementsPerRequest(env: (url: string) => Record<string, string>, databaseUrl: string, scenarios: Scenario[]): Promise<number[]> {
  const counter = await startSqlCounter(Number(new URL(databaseUrl).port || 5432));
  const server = await startServer({ ...env(counter.relayed(databaseUrl)), API_CACHE_TTL_SECONDS: '0' });
  try {
    const counts: number[] = [];
    for (const scenario of scenarios) {
      await once(server.baseUrl, scenario);
      counter.reset();
      for (let i = 0; i < 10; i++) await once(server.baseUrl, scenario);
      counts.push(counter.count() / 10);
    }
    return counts;
  } finally {
    await server.stop();
    await counter.close();
  }
}

export async function measureGrowth(options: {
  adminUrl: string;
  databaseUrl: string;
  env: (url: string) => Record<string, string>;
  scenarios: { overview: Scenario; apps50: Scenario };
  rounds: number;
}): Promise<GrowthResult> {
  const { env, scenarios, rounds } = options;
  process.stdout.write(`growth: copying the database and adding ${GROWTH.developers} developers and ${GROWTH.apps} apps by SQL ... `);
  const seedStarted = Date.now();
  const bigUrl = await grownCopy(options.adminUrl, options.databaseUrl);
  console.log(`done (${fmt((Date.now() - seedStarted) / 1000, 1)} s)`);
  const reads = [scenarios.overview, scenarios.apps50];
  const servers: RunningServer[] = [];
  const rows: Row[] = [];
  const p50 = reads.map(() => ({ small: [] as number[], big: [] as number[] }));
  try {
    servers.push(await startServer({ ...env(options.databaseUrl), API_CACHE_TTL_SECONDS: '0' }));
    servers.push(await startServer({ ...env(bigUrl), API_CACHE_TTL_SECONDS: '0' }));
    const [small, big] = servers.map((server, index) => ({
      name: index ? 'big database' : 'small database',
      baseUrl: server.baseUrl,
      pid: server.process.pid!,
      withPostgres: true,
    }));
    for (let round = 1; round <= rounds; round++) {
      for (const [index, scenario] of reads.entries()) {
        const onSmall = await measure(small!, scenario);
        const onBig = await measure(big!, scenario);
        console.log(`growth round ${round}/${rounds}, ${scenario.name}: p50 ${onSmall.p50} ms small, ${onBig.p50} ms big`);
        p50[index]!.small.push(onSmall.p50);
        p50[index]!.big.push(onBig.p50);
        rows.push(onSmall, onBig);
      }
    }
  } finally {
    for (const server of servers) await server.stop();
  }
  const smallCounts = await statementsPerRequest(env, options.databaseUrl, reads);
  const bigCounts = await statementsPerRequest(env, bigUrl, reads);

  const budgets: GrowthResult['budgets'] = [];
  const lines: string[][] = [];
  for (const [index, scenario] of reads.entries()) {
    const small = median(p50[index]!.small);
    const big = median(p50[index]!.big);
    // Autocannon's latencies are whole milliseconds: a 0 ms median is below its resolution.
    const ratio = big / Math.max(small, 1);
    budgets.push(
      {
        name: `growth: ${scenario.name}, median latency big / small database`,
        measured: `${fmt(ratio, 2)}x (${fmt(big)} / ${fmt(small)} ms)`,
        limit: `<= ${LATENCY_RATIO_BUDGET}x`,
        pass: ratio <= LATENCY_RATIO_BUDGET,
      },
      {
        name: `growth: ${scenario.name}, SQL statements big vs small database`,
        measured: `${fmt(bigCounts[index]!, 1)} vs ${fmt(smallCounts[index]!, 1)}`,
        limit: 'equal',
        // Whole statements: a token's lastUsedAt write now and then adds a fraction to one of the means.
        pass: Math.floor(bigCounts[index]!) === Math.floor(smallCounts[index]!),
      },
    );
    lines.push([scenario.name, fmt(small), fmt(big), fmt(ratio, 2), fmt(smallCounts[index]!, 1), fmt(bigCounts[index]!, 1)]);
  }
  const section = `### Growth\n\nThe bench's database (one developer, 50 apps) against a copy with ${GROWTH.developers.toLocaleString('en')} more developers and ${GROWTH.apps.toLocaleString('en')} more apps (every tab, media, audit events, deliveries; bench/growth-seed.ts), cache off, median of ${rounds} alternating rounds' p50 (autocannon, the same connections as above); statements as in "SQL statements per request".\n\n${table(
    ['request', 'p50 small (ms)', 'p50 big (ms)', 'big / small', 'statements small', 'statements big'],
    lines,
  )}`;
  return { rows, budgets, section };
}
