import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from '../support/server.ts';

/** The browser suite drives one real server, started once for the run. */
export default async function setup(project: TestProject) {
  const server = await startServer({
    DATABASE_URL: process.env.DATABASE_URL!,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'ring-browser-data-')),
    // Every browser test signs its developers up from this one address.
    SIGN_UP_LIMIT_PER_ADDRESS: '100000',
  });
  project.provide('baseUrl', server.baseUrl);
  return async () => {
    await server.stop();
  };
}
