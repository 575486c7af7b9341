/**
 * `npm start` as a user or a supervisor runs it (the installed and built tree, the embedded
 * PostgreSQL under a temporary DATA_DIR, a free PORT): signals to npm alone or to its whole
 * process group end in the server's graceful shutdown, with PostgreSQL stopped after the
 * requests in flight; and a server killed outright neither leaves PostgreSQL running nor
 * keeps the next start on the same data from coming up. Linux only (reads /proc).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '@ring/db/testing';
import { jsonLogLines } from '../support/logs.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'ring-npm-start-'));
const started: ChildProcess[] = [];

afterAll(() => {
  for (const child of started) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Gone already, as it should be.
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

interface NpmStart {
  npm: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
  /** The server's and PostgreSQL's pids (PostgreSQL runs in a process group of its own). */
  server: number;
  postgres: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(25);
  }
  return false;
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Every process below `pid`, found through the parent pids in /proc. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // Exited meanwhile.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      queue.push(child);
      found.push(child);
    }
  }
  return found;
}

async function healthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function npmStart(): Promise<NpmStart> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: '20000' };
  // The embedded database, and the key generated beside it, are what is tested.
  delete env.DATABASE_URL;
  delete env.SECRETS_KEY;
  // Its own process group, as in a terminal: the group can be signalled as Ctrl-C would.
  const npm = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(npm);
  let output = '';
  npm.stdout!.on('data', (chunk) => (output += chunk));
  npm.stderr!.on('data', (chunk) => (output += chunk));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    npm.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const up = await waitFor(async () => exitCode !== undefined || (await healthy(port)), 120_000);
  if (!up || exitCode !== undefined) throw new Error(`npm start did not come up (exit ${exitCode}):\n${output}`);
  const below = descendants(npm.pid!);
  const server = below.find((pid) => commandLine(pid).includes('build/server.js'));
  const postgres = below.find((pid) => {
    const command = commandLine(pid);
    return basename(command[0] ?? '') === 'postgres' && command.includes(join(dataDir, 'postgres'));
  });
  if (!server || !postgres) throw new Error(`no server or PostgreSQL below npm start (${below.join(', ')})`);
  return { npm, port, output: () => output, exited, server, postgres };
}

/**
 * A sign-in (a database read and a session written) held in flight: half its body is sent now,
 * the rest by `finish()`. It must still succeed after the shutdown signal.
 */
function heldSignIn(port: number) {
  const body = JSON.stringify({
    query: 'mutation($input: SignInInput!) { signIn(input: $input) { __typename } }',
    variables: { input: { email: 'demo@example.com', password: 'demo-password-123' } },
  });
  let finish = () => {};
  let sent = () => {};
  const written = new Promise<void>((resolve) => (sent = resolve));
  const answer = new Promise<string>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-graphql-yoga-csrf': '1' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 20), () => sent());
    finish = () => req.end(body.slice(20));
  });
  return { answer, written, finish: () => finish() };
}

describe('npm start', () => {
  it.each([
    ['the npm process alone', 'SIGTERM'],
    ['the npm process alone', 'SIGINT'],
    ['its process group (Ctrl-C)', 'SIGINT'],
    ['its process group', 'SIGTERM'],
  ] as const)(
    '%s, sent %s: the server finishes the request in flight, stops PostgreSQL and exits',
    async (target, signal) => {
      const run = await npmStart();
      const held = heldSignIn(run.port);
      // Its headers are out; a request on a connection opened after them is answered only once
      // the server has accepted (and read) the earlier one.
      await held.written;
      expect(await healthy(run.port)).toBe(true);
      process.kill(target.startsWith('its') ? -run.npm.pid! : run.npm.pid!, signal);
      const shuttingDown = await waitFor(() => run.output().includes('shutting down'), 10_000);
      held.finish();
      expect(shuttingDown, run.output()).toBe(true);
      expect(JSON.parse(await held.answer)).toEqual({ data: { signIn: { __typename: 'SignInSuccess' } } });
      await waitFor(() => !isAlive(run.server) && !isAlive(run.postgres), 20_000);
      expect(isAlive(run.server), 'the server is still running').toBe(false);
      expect(isAlive(run.postgres), 'PostgreSQL is still running').toBe(false);
      expect(jsonLogLines(run.output()).some((line) => line.msg === 'stopped')).toBe(true);
      // PostgreSQL shut down cleanly (its lock file removed), rather than dying with the server.
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      await run.exited;
    },
    150_000,
  );

  it('a server killed outright (kill -9) takes PostgreSQL with it, and the next start on the same data comes up', async () => {
    const first = await npmStart();
    process.kill(first.server, 'SIGKILL');
    await first.exited;
    expect(await waitFor(() => !isAlive(first.postgres), 20_000), 'PostgreSQL outlived the killed server').toBe(true);

    const second = await npmStart();
    expect(await healthy(second.port)).toBe(true);
    process.kill(second.npm.pid!, 'SIGTERM');
    await second.exited;
    expect(await waitFor(() => !isAlive(second.server) && !isAlive(second.postgres), 20_000)).toBe(true);
  }, 150_000);
});
