#!/usr/bin/env node
// `npm start`: install, generate, build, then serve the console and API (embedded PostgreSQL
// unless DATABASE_URL is set). Honours PORT, HOST, DATABASE_URL, DATA_DIR and the rest of
// the variables in the README.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { install, root, run } from './setup.mjs';

install();
run(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);

const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production', DATA_DIR: resolve(process.env.DATA_DIR ?? resolve(root, '.data')) };
const server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], { cwd: resolve(root, 'apps/console'), env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
