/**
 * Start-up for a process that serves the console: a database (the server named by
 * DATABASE_URL, or an embedded one under DATA_DIR), migrated to the latest schema.
 */
import { resolve } from 'node:path';
import pg from 'pg';
import { ensureAppDatabase } from './app-database.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { migrate } from './migrate.ts';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  applied: string[];
  stop(): Promise<void>;
}

export function dataDirectory(): string {
  return resolve(process.env.DATA_DIR ?? '.data');
}

/** Creates the database on the server when it is missing (CREATE DATABASE has no IF NOT EXISTS). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startDatabase(options: { dataDir?: string; log?: (line: string) => void } = {}): Promise<DatabaseHandle> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    const applied = await migrate(configured);
    return { url: configured, embedded: false, applied, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres(options.dataDir ?? dataDirectory(), options.log);
  try {
    // The console connects (and migrates) as a role that owns its database and nothing else.
    const url = await ensureAppDatabase(server.adminUrl, { name: 'ring_console', password: server.credentials.app });
    const applied = await migrate(url);
    return { url, embedded: true, applied, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
