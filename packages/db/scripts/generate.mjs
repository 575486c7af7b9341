#!/usr/bin/env node
// `prisma generate` needs no engine, yet Prisma 7's CLI tries to download the schema
// engine unless PRISMA_SCHEMA_ENGINE_BINARY names an executable. Offline machines (and this
// project's CI) cannot download it, so point it at a harmless executable.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
const result = spawnSync('prisma', ['generate', '--no-hints'], { stdio: 'inherit', env, shell: false });
process.exit(result.status ?? 1);
