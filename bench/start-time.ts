/**
 * The "start" budget: the time from `npm start` to the first successful request.
 *
 * Runs the real `npm start` in the repository root (as a user would, on the installed and
 * built tree) with a fresh temporary DATA_DIR and a free PORT, polls `GET /healthz` (200 only
 * once the database answers) every ~10 ms and records the time from spawn to the first 200.
 * Then stops the whole process group with SIGTERM, waits for it to exit, and does it again
 * with the same DATA_DIR: the repeat start, the everyday case. The first start includes
 * PostgreSQL's initdb, the migrations and the demo accounts.
 *
 * CLI: `node --import tsx bench/start-time.ts` prints both figures (START_RUNS=n repeats the
 * pair n times).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@ring/db/testing';

export interface StartTimeOptions {
  /** The repository to run `npm start` in; defaults to this one. */
  root?: string;
  /** Extra environment for `npm start` (e.g. LOG_LEVEL). */
  env?: Record<string, string>;
  /** Give up on a start after this long (default 120 s). */
  timeoutMs?: number;
  /** Poll interval for /healthz (default 10 ms). */
  pollMs?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface StartRun {
  /** Spawn of `npm start` to the first 200 from /healthz. */
  readyMs: number;
  /** Spawn to the server's "developer console: http" line. */
  listeningMs: number | null;
  /** SIGTERM to the exit of `npm start`. */
  stopMs: number;
  /** What the process printed (stdout and stderr). */
  output: string;
}

export interface StartTimes {
  firstStartMs: number;
  repeatStartMs: number;
  first: StartRun;
  repeat: StartRun;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // Negative pid: the whole group (npm, its shell, start.mjs, the server, PostgreSQL), as Ctrl-C would.
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

async function startOnce(root: string, dataDir: string, options: StartTimeOptions): Promise<StartRun> {
  const port = await freePort();
  const timeoutMs = options.timeoutMs ?? 120_000;
  const pollMs = options.pollMs ?? 10;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, ...options.env };
  // The embedded database under the fresh DATA_DIR is what is measured.
  delete env.DATABASE_URL;
  delete env.SECRETS_KEY;

  let output = '';
  let listeningMs: number | null = null;
  const started = performance.now();
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const onData = (chunk: Buffer) => {
    output += chunk;
    if (listeningMs === null && output.includes('developer console: http')) listeningMs = performance.now() - started;
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : 0);
      resolve();
    }),
  );

  const url = `http://127.0.0.1:${port}/healthz`;
  let readyMs: number | null = null;
  let stopMs = 0;
  try {
    while (readyMs === null) {
      if (exitCode !== undefined) throw new Error(`npm start exited (${exitCode}) before /healthz answered:\n${output}`);
      if (performance.now() - started > timeoutMs) throw new Error(`/healthz did not answer 200 within ${timeoutMs} ms:\n${output}`);
      const attempt = performance.now();
      if (await healthy(url)) readyMs = performance.now() - started;
      else await sleep(Math.max(0, pollMs - (performance.now() - attempt)));
    }
  } finally {
    const stopping = performance.now();
    if (exitCode === undefined) stopGroup(child, 'SIGTERM');
    const killer = setTimeout(() => stopGroup(child, 'SIGKILL'), 30_000);
    await exited;
    clearTimeout(killer);
    // PostgreSQL is stopped by the server before it exits; wait for its pid file to go anyway,
    // so that the next start on this DATA_DIR never meets a server still shutting down.
    const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
    for (let waited = 0; existsSync(pidFile) && waited < 10_000; waited += 20) await sleep(20);
    stopMs = performance.now() - stopping;
    options.log?.(`  stopped in ${Math.round(stopMs)} ms`);
  }
  return { readyMs, listeningMs, stopMs, output };
}

/** Measures a first start (fresh DATA_DIR) and a repeat start (same DATA_DIR) of `npm start`. */
export async function measureStart(options: StartTimeOptions = {}): Promise<StartTimes> {
  const root = options.root ?? repoRoot;
  const dataDir = mkdtempSync(join(tmpdir(), 'ring-start-'));
  try {
    options.log?.(`first start (fresh DATA_DIR ${dataDir})`);
    const first = await startOnce(root, dataDir, options);
    options.log?.(`  ready in ${Math.round(first.readyMs)} ms`);
    options.log?.('repeat start (same DATA_DIR)');
    const repeat = await startOnce(root, dataDir, options);
    options.log?.(`  ready in ${Math.round(repeat.readyMs)} ms`);
    return { firstStartMs: Math.round(first.readyMs), repeatStartMs: Math.round(repeat.readyMs), first, repeat };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const runs = Number(process.env.START_RUNS ?? 1);
  for (let run = 1; run <= runs; run += 1) {
    const result = await measureStart({ log: process.env.START_VERBOSE ? (line) => console.error(line) : undefined });
    const listening = (ms: number | null) => (ms === null ? '' : ` (listening at ${Math.round(ms)} ms)`);
    console.log(`first start:  ${result.firstStartMs} ms${listening(result.first.listeningMs)}`);
    console.log(`repeat start: ${result.repeatStartMs} ms${listening(result.repeat.listeningMs)} (budget 3000 ms)`);
  }
}
