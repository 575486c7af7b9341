/**
 * The built console as a real process, started as the tests start it (the way `npm start`
 * runs it), plus BENCH_CPU_PROFILE=<dir>: the server then writes a V8 CPU profile there when
 * it stops (--cpu-prof is not allowed in NODE_OPTIONS).
 */
import { startServer as startConsole, type RunningServer } from '../test/support/server.ts';

export type { RunningServer };

export function startServer(env: Record<string, string>): Promise<RunningServer> {
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  return startConsole(env, profile);
}
