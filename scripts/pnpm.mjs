#!/usr/bin/env node
// Runs pnpm on a machine that may only have Node and npm: a global pnpm when it is the
// pinned major, otherwise the pinned version through npx (corepack needs extra keys here).
import { spawnSync } from 'node:child_process';

export const PNPM_VERSION = '10.34.9';

function hasGlobalPnpm() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.trim().startsWith('10.');
}

export function pnpm(args, options = {}) {
  const [cmd, cmdArgs] = hasGlobalPnpm() ? ['pnpm', args] : ['npx', ['--yes', `pnpm@${PNPM_VERSION}`, ...args]];
  const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(pnpm(process.argv.slice(2)));
}
