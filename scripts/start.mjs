#!/usr/bin/env node
// `npm start`: install, generate, build, then serve the console and API (embedded PostgreSQL
// unless DATABASE_URL is set). Honours PORT, HOST, DATABASE_URL, DATA_DIR and the rest of
// the variables in the README.
//
// Fast path: when pnpm's record says it installed exactly this lockfile, and the build was
// made from exactly these sources (scripts/stamps.mjs), neither pnpm nor turbo runs.
// FORCE_SETUP=1 installs and builds anyway.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { SERVER_NODE_ARGS } from './server-node-args.mjs';
import { install, root, run } from './setup.mjs';
import { buildInputsFingerprint, buildIsCurrent, forced, forgetBuild, installIsCurrent, recordBuild } from './stamps.mjs';

const force = forced();
const installed = !force && installIsCurrent();
if (!installed) install();
const inputs = buildInputsFingerprint();
if (force || !installed || !buildIsCurrent(inputs)) {
  forgetBuild();
  run(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
  recordBuild(inputs);
} else {
  console.log('Dependencies and build are up to date (FORCE_SETUP=1 installs and builds anyway).');
}

const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production', DATA_DIR: resolve(process.env.DATA_DIR ?? resolve(root, '.data')) };
// The build bundled server.ts and each workspace package to JavaScript (esbuild): plain Node
// starts it in about half the time `--import tsx server.ts` takes. Stack traces
// still point at the TypeScript, through the source maps.
const server = spawn(process.execPath, SERVER_NODE_ARGS, {
  cwd: resolve(root, 'apps/console'),
  env,
  stdio: 'inherit',
});
// Ctrl-C reaches the whole process group, the server included; a SIGTERM or SIGINT sent to
// this process alone (a supervisor, or npm passing one on: package.json runs this script with
// `exec`, since `sh -c` would not pass it on) is passed on here. The server shuts down
// gracefully, stops PostgreSQL, and this process exits with it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
// Should whoever started this process die without passing anything on (npm killed, or a shell
// that swallowed the signal), the server is not left running unsupervised: it is stopped too.
const parent = process.ppid;
const orphaned = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(orphaned);
  server.kill('SIGTERM');
}, 250).unref();
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
