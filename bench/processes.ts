/**
 * Scale-out (README: Deploying): the same read executed (response cache off, so every request
 * reaches PostgreSQL) by one server process, then by two on the same database, in alternating
 * rounds (BENCH_ROUNDS), the load split evenly between them as a round-robin load balancer would (BENCH_CONNECTIONS in all, each
 * process taking half). Requests/s are the sum; latencies are those of all the requests
 * together; CPU ms/request counts every server process and PostgreSQL. On a 2-core machine
 * the two processes and PostgreSQL share the same two cores: the figure says what a second
 * process adds here, not on a machine of its own.
 */
import autocannon from 'autocannon';
import { CONNECTIONS, DURATION, cpuOf, fmt, once, postgresCpu, table, type Row, type Scenario } from './load.ts';
import { startServer, type RunningServer } from './server.ts';

export interface ProcessesResult {
  rows: Row[];
  /** The Markdown section for RESULTS.md. */
  section: string;
  /** Two processes' requests/s over one's. */
  ratio: number;
}

/** Loads every server at once, connections split evenly, for DURATION seconds. */
async function loadTogether(servers: RunningServer[], scenario: Scenario, label: string): Promise<Row> {
  const connections = Math.max(1, Math.floor(CONNECTIONS / servers.length));
  const run = (server: RunningServer, bounds: { duration?: number; amount?: number }) =>
    autocannon({
      url: server.baseUrl + scenario.path,
      method: scenario.method,
      headers: scenario.headers,
      ...(scenario.body === undefined ? {} : { body: scenario.body }),
      connections,
      ...bounds,
      timeout: 10,
      verifyBody: (body: unknown) => scenario.check(String(body)),
    });
  // Warm-up, as measure() does: JIT, pool connections.
  for (const server of servers) await once(server.baseUrl, scenario);
  await Promise.all(servers.map((server) => run(server, { amount: 200 })));
  const cpu = () => servers.reduce((sum, server) => sum + cpuOf(server.process.pid!), 0) + postgresCpu();
  const cpuBefore = cpu();
  const results = await Promise.all(servers.map((server) => run(server, { duration: DURATION })));
  const cpuUsed = cpu() - cpuBefore;
  const requests = results.reduce((sum, result) => sum + result.requests.total, 0);
  // Latency percentiles of the whole: the slower process's, weighted by nothing (a conservative figure).
  const worst = (pick: (result: autocannon.Result) => number) => Math.max(...results.map(pick));
  return {
    target: label,
    name: `${scenario.name}, cache off`,
    requests,
    seconds: Math.max(...results.map((result) => result.duration)),
    rps: results.reduce((sum, result) => sum + result.requests.mean, 0),
    p50: worst((result) => result.latency.p50),
    p99: worst((result) => result.latency.p99),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
    errors: results.reduce((sum, result) => sum + result.errors + result.timeouts, 0),
    badBodies: results.reduce((sum, result) => sum + result.mismatches, 0),
    cpuPerRequest: cpuUsed / requests,
    rssBefore: Number.NaN,
    rssAfter: Number.NaN,
  };
}

/**
 * `env()` gives a new process's environment (its own DATA_DIR, the shared database); the
 * response cache is turned off here.
 */
export async function processesThroughput(env: () => Record<string, string>, scenario: Scenario): Promise<ProcessesResult> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const servers: RunningServer[] = [];
  try {
    // Both run from the start (the second idle while one process is measured), and the two
    // measurements alternate, so that a busy moment on the shared machine hits them alike.
    for (const _ of [1, 2]) servers.push(await startServer({ ...env(), API_CACHE_TTL_SECONDS: '0' }));
    const rows: Row[] = [];
    const ratios: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      process.stdout.write(`${scenario.name}, cache off, round ${round}/${rounds}: `);
      const one = await loadTogether(servers.slice(0, 1), scenario, `one process (round ${round})`);
      const two = await loadTogether(servers, scenario, `two processes (round ${round})`);
      console.log(`one process ${fmt(one.rps)}, two processes ${fmt(two.rps)} req/s`);
      rows.push(one, two);
      ratios.push(two.rps / one.rps);
    }
    const sorted = [...ratios].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    const ratio = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    const section =
      `### One and two processes\n\n` +
      `The ${scenario.name} with the response cache off (every request executed), ${CONNECTIONS} connections in all: ` +
      `all on one process, then half on each of two processes on the same database (README: Deploying), in ${rounds} alternating rounds. ` +
      `p50/p99: the slower process's. CPU ms/request: the loaded server processes and PostgreSQL. ` +
      `Two processes answer ${fmt(ratio, 2)}× the requests/s of one (median of the rounds' ratios: ${ratios.map((value) => fmt(value, 2)).join(', ')}).\n\n` +
      table(
        ['processes', 'scenario', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx/errors/bad bodies', 'CPU ms/request'],
        rows.map((row) => [
          row.target,
          row.name,
          fmt(row.rps),
          fmt(row.p50, 1),
          fmt(row.p99, 1),
          `${row.requests} in ${fmt(row.seconds, 1)} s`,
          `${row.non2xx}/${row.errors}/${row.badBodies}`,
          fmt(row.cpuPerRequest, 2),
        ]),
      );
    return { rows, section, ratio };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}
