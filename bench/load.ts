/** Bounded HTTP load with autocannon, and what a process used meanwhile (from /proc). */
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export const DURATION = Number(process.env.BENCH_DURATION ?? 8);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

export interface Scenario {
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

export interface Row {
  target: string;
  name: string;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  badBodies: number;
  /** User + system CPU of the server process (and its PostgreSQL, when it has one) per request, ms. */
  cpuPerRequest: number;
  rssBefore: number;
  rssAfter: number;
}

/** Resident and peak resident memory of a process, in MiB, from /proc. */
export function memory(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/** Bytes a process has passed to read(2) and friends, sockets included (/proc/<pid>/io rchar). */
export function bytesRead(pid: number): number {
  return Number(/^rchar:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? NaN);
}

/**
 * CPU time (user + system, ms) a process has used, from /proc/<pid>/stat (clock ticks of
 * 10 ms); with `reapedChildren`, also that of the children it has waited for.
 */
export function cpuOf(pid: number, reapedChildren = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return (fields[11]! + fields[12]! + (reapedChildren ? fields[13]! + fields[14]! : 0)) * 10;
  } catch {
    return 0;
  }
}

/**
 * CPU time of every `postgres` process descending from this one (the embedded database),
 * including backends that have exited meanwhile (counted in the postmaster's children's time).
 */
export function postgresCpu(): number {
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
        total += cpuOf(pid, true);
        break;
      }
    }
  }
  return total;
}

/** One request, checked: a scenario that fails on its own is a broken bench, not a figure. */
export async function once(baseUrl: string, scenario: Scenario): Promise<void> {
  const response = await fetch(baseUrl + scenario.path, { method: scenario.method, headers: scenario.headers, body: scenario.body ?? null });
  const body = await response.text();
  if (!response.ok || !scenario.check(body)) {
    throw new Error(`scenario ${scenario.name}: a single request already fails (${response.status}): ${body.slice(0, 500)}`);
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

/**
 * Warms up (JIT, caches, pool connections: 200 requests), then loads the target for the
 * scenario's duration or request count and measures what its process used.
 */
export async function measure(target: { name: string; baseUrl: string; pid: number; withPostgres?: boolean }, scenario: Scenario): Promise<Row> {
  await once(target.baseUrl, scenario);
  await cannon(target.baseUrl, scenario, { amount: 200 });
  const before = memory(target.pid).rss;
  const cpuBefore = cpuOf(target.pid) + (target.withPostgres ? postgresCpu() : 0);
  const result = await cannon(target.baseUrl, scenario, scenario.amount ? { amount: scenario.amount } : { duration: DURATION });
  const cpuUsed = cpuOf(target.pid) + (target.withPostgres ? postgresCpu() : 0) - cpuBefore;
  return {
    target: target.name,
    name: scenario.name,
    requests: result.requests.total,
    seconds: result.duration,
    rps: result.requests.mean,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    badBodies: result.mismatches,
    cpuPerRequest: cpuUsed / result.requests.total,
    rssBefore: before,
    rssAfter: memory(target.pid).rss,
  };
}

export const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** A Markdown table. */
export function table(headers: string[], rows: string[][]): string {
  return [headers, headers.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
