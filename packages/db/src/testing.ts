/**
 * A fresh, migrated database for a test run: on the server named by TEST_DATABASE_ADMIN_URL
 * (CI's Debian PostgreSQL) or on a throwaway embedded server.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded.ts';
import { migrate } from './migrate.ts';
import { ensureDatabase } from './runtime.ts';

export interface TestDatabase {
  url: string;
  adminUrl: string;
  stop(): Promise<void>;
}

export async function startTestServer(): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  const external = process.env.TEST_DATABASE_ADMIN_URL;
  if (external) return { adminUrl: external, stop: async () => {} };
  // Under /tmp, not the clone: the data is thrown away at the end of the run.
  const dir = mkdtempSync(join(tmpdir(), 'ring-test-pg-'));
  const server = await startEmbeddedPostgres(dir);
  return {
    adminUrl: server.adminUrl,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createTestDatabase(adminUrl: string, prefix = 'test'): Promise<string> {
  const url = await ensureDatabase(adminUrl, `${prefix}_${randomBytes(6).toString('hex')}`);
  await migrate(url);
  return url;
}

export async function dropDatabase(adminUrl: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
export { freePort } from './embedded.ts';
