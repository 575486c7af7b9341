/**
 * The anchors of the uncached path (issue 18): the same scenarios served, on the same seeded
 * database and in the same alternating rounds, by
 *   - our server with the response cache off (API_CACHE_TTL_SECONDS=0),
 *   - PostGraphile 5 (the equivalent reads in its generated schema; no auth), and
 *   - the limit: node:http + pg answering each scenario with ONE hand-written SQL statement.
 * Prints ours/PostGraphile and ours/limit per scenario, cache off and on, with the budgets:
 * overview (cache off) >= 1.5x PostGraphile's req/s, viewer.apps(first: 50) with every tab
 * >= 1.0x PostGraphile's, a tab save <= 2 ms CPU (server + PostgreSQL) per request.
 */
import pg from 'pg';
import { startFloor, type FloorServer } from './floors.ts';
import { fmt, measure, table, type Row, type Scenario } from './load.ts';
import { PG_APP_OVERVIEW, PG_APPS_EVERYTHING } from './operations.ts';
import { compatibility } from './seed.ts';

export interface Budget {
  name: string;
  measured: string;
  limit: string;
  pass: boolean;
}

type Target = { name: string; baseUrl: string; pid: number; withPostgres?: boolean };

const json = { 'content-type': 'application/json' };
const noErrors = (expect: string) => (text: string) => text.includes(expect) && !text.includes('"errors"');
const everyTab = (apps: number) => (text: string) => !text.includes('"errors"') && text.split('"webhookUrl":"https://').length === 2 * apps + 1;
/** PostgreSQL's json_build_object writes `"key" : value`: the limit's checks read it compacted. */
const compact = (check: (text: string) => boolean) => (text: string) => check(text.replaceAll('" : ', '":'));

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The UUID inside a Relay global id ("App:<uuid>", base64). */
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

export interface OurScenarios {
  overview: Scenario;
  apps50: Scenario;
  save: Scenario;
}

export interface AnchorResult {
  rows: Row[];
  budgets: Budget[];
  section: string;
}

/**
 * `uncached`: our server with the cache off, already running. `cached`: the cache-on figures of
 * the same scenarios measured before (overview: median of its rounds).
 */
export async function measureAnchors(options: {
  uncached: Target;
  scenarios: OurScenarios;
  appIds: string[];
  databaseUrl: string;
  rounds: number;
  mutations: number;
  cached: { overview: number; apps50: number; save: number };
}): Promise<AnchorResult> {
  const { uncached, scenarios, databaseUrl, rounds } = options;
  const appId = uuidOf(options.appIds[0]!);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const developerId = (await client.query<{ developerId: string }>('SELECT "developerId" FROM "App" WHERE id = $1', [appId])).rows[0]!.developerId;
  await client.end();
  const apps = options.appIds.length;

  const anchors: FloorServer[] = [];
  try {
    const postgraphile = await startFloor('postgraphile', { DATABASE_URL: databaseUrl });
    anchors.push(postgraphile);
    const limit = await startFloor('sql', { DATABASE_URL: databaseUrl });
    anchors.push(limit);
    const targets = {
      postgraphile: { name: '(d) PostGraphile 5', baseUrl: postgraphile.baseUrl, pid: postgraphile.process.pid!, withPostgres: true },
      limit: { name: '(e) one SQL statement', baseUrl: limit.baseUrl, pid: limit.process.pid!, withPostgres: true },
    };
    const graphql = (query: string, variables: object) => JSON.stringify({ query, variables });
    const theirs = {
      overview: {
        postgraphile: { ...scenarios.overview, headers: json, body: graphql(PG_APP_OVERVIEW, { id: appId }) },
        limit: {
          ...scenarios.overview,
          path: '/overview',
          headers: json,
          body: JSON.stringify({ id: appId, developerId }),
          check: compact(scenarios.overview.check),
        },
      },
      apps50: {
        postgraphile: {
          ...scenarios.apps50,
          headers: json,
          body: graphql(PG_APPS_EVERYTHING, { developerId, first: 50 }),
          check: (text: string) => text.includes(`"totalCount":${apps}`) && everyTab(Math.min(50, apps))(text),
        },
        limit: {
          ...scenarios.apps50,
          path: '/apps',
          headers: json,
          body: JSON.stringify({ developerId, first: 50 }),
          check: compact((text: string) => text.includes(`"totalCount":${apps}`) && everyTab(Math.min(50, apps))(text)),
        },
      },
      save: {
        limit: {
          ...scenarios.save,
          path: '/save',
          headers: json,
          body: JSON.stringify({ ...compatibility(appId), developerId, expectedVersion: null }),
          check: compact(noErrors('"SaveCompatibilityInfoSuccess"')),
        },
      },
    } satisfies Record<string, Record<string, Scenario>>;

    const rows: Row[] = [];
    const perRound: Record<'overview' | 'apps50', Array<{ ours: Row; postgraphile: Row; limit: Row }>> = { overview: [], apps50: [] };
    for (let round = 1; round <= rounds; round++) {
      for (const key of ['overview', 'apps50'] as const) {
        process.stdout.write(`anchors round ${round}/${rounds}, ${scenarios[key].name}: `);
        const ours = await measure(uncached, scenarios[key]);
        const postgraphileRow = await measure(targets.postgraphile, theirs[key].postgraphile);
        const limitRow = await measure(targets.limit, theirs[key].limit);
        console.log(`ours (cache off) ${fmt(ours.rps)}, PostGraphile ${fmt(postgraphileRow.rps)}, one statement ${fmt(limitRow.rps)} req/s`);
        perRound[key].push({ ours, postgraphile: postgraphileRow, limit: limitRow });
        rows.push(ours, postgraphileRow, limitRow);
      }
    }
    process.stdout.write('anchors, tab save: ');
    const save = await measure(uncached, { ...scenarios.save, amount: options.mutations });
    const saveLimit = await measure(targets.limit, { ...theirs.save.limit, amount: options.mutations });
    console.log(
      `ours (cache off) ${fmt(save.rps)} req/s ${fmt(save.cpuPerRequest, 2)} ms CPU, one statement ${fmt(saveLimit.rps)} req/s ${fmt(saveLimit.cpuPerRequest, 2)} ms CPU`,
    );
    rows.push(save, saveLimit);

    const med = (key: 'overview' | 'apps50', of: 'ours' | 'postgraphile' | 'limit', field: 'rps' | 'cpuPerRequest' = 'rps') =>
      median(perRound[key].map((round) => round[of][field]));
    const ratio = (key: 'overview' | 'apps50') => median(perRound[key].map((round) => round.ours.rps / round.postgraphile.rps));
    const limitRatio = (key: 'overview' | 'apps50') => median(perRound[key].map((round) => round.ours.rps / round.limit.rps));
    const ratioCells = (ours: number, of: number) => (Number.isFinite(of) && of > 0 ? fmt(ours / of, 2) : '–');

    const summary = [
      ...(['overview', 'apps50'] as const).map((key) => [
        scenarios[key].name,
        fmt(options.cached[key]),
        fmt(med(key, 'ours')),
        fmt(med(key, 'postgraphile')),
        fmt(med(key, 'limit')),
        ratioCells(options.cached[key], med(key, 'postgraphile')),
        fmt(ratio(key), 2),
        ratioCells(options.cached[key], med(key, 'limit')),
        fmt(limitRatio(key), 2),
        `${fmt(med(key, 'ours', 'cpuPerRequest'), 2)} / ${fmt(med(key, 'postgraphile', 'cpuPerRequest'), 2)} / ${fmt(med(key, 'limit', 'cpuPerRequest'), 2)}`,
      ]),
      [
        scenarios.save.name,
        fmt(options.cached.save),
        fmt(save.rps),
        '–',
        fmt(saveLimit.rps),
        '–',
        '–',
        ratioCells(options.cached.save, saveLimit.rps),
        fmt(save.rps / saveLimit.rps, 2),
        `${fmt(save.cpuPerRequest, 2)} / – / ${fmt(saveLimit.cpuPerRequest, 2)}`,
      ],
    ];
    const budgets: Budget[] = [
      {
        name: 'app overview, cache off: req/s vs PostGraphile',
        measured: `${fmt(ratio('overview'), 2)}×`,
        limit: '>= 1.5×',
        pass: ratio('overview') >= 1.5,
      },
      {
        name: 'viewer.apps(first: 50) every tab, cache off: req/s vs PostGraphile',
        measured: `${fmt(ratio('apps50'), 2)}×`,
        limit: '>= 1.0×',
        pass: ratio('apps50') >= 1.0,
      },
      {
        name: 'tab save, cache off: CPU per request (server + PostgreSQL)',
        measured: `${fmt(save.cpuPerRequest, 2)} ms`,
        limit: '<= 2 ms',
        pass: save.cpuPerRequest <= 2,
      },
    ];
    const section =
      `### Against PostGraphile and the one-statement limit\n\n` +
      `The same database, alternating rounds (median of ${rounds}). (d) PostGraphile 5.1 (amber preset, no auth) serves the same tables and columns; ` +
      `(e) a node:http + pg server answers each scenario with ONE named SQL statement building the JSON (bench/floor-server.mjs). ` +
      `Cache on: the figures of the throughput section above. PostGraphile has no tab save (its generated update has none of the checks).\n\n` +
      table(
        [
          'scenario',
          'ours cache on req/s',
          'ours cache off req/s',
          'PostGraphile req/s',
          'limit req/s',
          'on / PostGraphile',
          'off / PostGraphile',
          'on / limit',
          'off / limit',
          'CPU ms/request off / PG / limit',
        ],
        summary,
      );
    return { rows, budgets, section };
  } finally {
    for (const anchor of anchors) await anchor.stop();
  }
}
