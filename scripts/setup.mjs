// Shared by start.mjs and test.mjs: dependencies and generated code on a fresh clone.
import { fileURLToPath } from 'node:url';
import { pnpm } from './pnpm.mjs';

export const root = fileURLToPath(new URL('..', import.meta.url));

export function run(args, env = {}) {
  const status = pnpm(args, { cwd: root, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', ...env } });
  if (status !== 0) {
    console.error(`\npnpm ${args.join(' ')} failed (exit ${status}).`);
    process.exit(status);
  }
}

export function install() {
  // The lockfile is committed: installs are reproducible and never rewrite it.
  run(['install', '--frozen-lockfile', '--reporter=append-only']);
}
