import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { diffSql } from '../scripts/new-migration.ts';
import { migrate, readMigrations } from '../src/migrate.ts';
import { createTestDatabase, dropDatabase } from '../src/testing.ts';

const SCHEMA = fileURLToPath(new URL('../../../prisma/schema.prisma', import.meta.url));

/**
 * Indexes the datamodel cannot express (Prisma has no partial indexes), written by hand in a
 * migration: the drift check expects exactly these beyond what the datamodel makes.
 */
const HAND_WRITTEN_INDEXES = ['Rollout_one_active_per_app'];

/** Everything about a database's shape that a migration can change. */
async function catalog(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const query = async (sql: string) => (await client.query(sql)).rows.map((row) => JSON.stringify(row)).sort();
    return {
      columns: await query(
        `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
      ),
      constraints: await query(
        `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"_prisma_migrations"' AND conrelid::regclass::text <> '_prisma_migrations'`,
      ),
      indexes: await query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`),
      enums: await query(`SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid`),
    };
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  it('produce exactly the database the Prisma datamodel describes (fails on drift)', async () => {
    const adminUrl = inject('adminUrl');
    const fromDatamodel = await createTestDatabase(adminUrl, 'drift');
    try {
      // A second, empty database built straight from the datamodel.
      const empty = await createTestDatabase(adminUrl, 'drift_empty');
      const client = new pg.Client({ connectionString: empty });
      await client.connect();
      await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      await client.query(diffSql(null, SCHEMA, empty));
      await client.end();
      const migrated = await catalog(fromDatamodel);
      const handWritten = migrated.indexes.filter((row) => HAND_WRITTEN_INDEXES.includes(JSON.parse(row).indexname));
      expect(handWritten.map((row) => JSON.parse(row).indexname).sort()).toEqual([...HAND_WRITTEN_INDEXES].sort());
      expect(await catalog(empty)).toEqual({ ...migrated, indexes: migrated.indexes.filter((row) => !handWritten.includes(row)) });
      await dropDatabase(adminUrl, empty);
    } finally {
      await dropDatabase(adminUrl, fromDatamodel);
    }
  }, 60_000);

  it('records each migration in _prisma_migrations with Prisma’s checksum, once', async () => {
    const url = inject('databaseUrl');
    expect(await migrate(url)).toEqual([]); // already applied by the test setup: nothing to do
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name');
    await client.end();
    const migrations = readMigrations();
    expect(rows.map((row) => row.migration_name)).toEqual(migrations.map((migration) => migration.name));
    for (const [index, row] of rows.entries()) {
      expect(row.checksum).toBe(createHash('sha256').update(migrations[index]!.sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
    }
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const url = inject('databaseUrl');
    const [first, ...rest] = readMigrations();
    await expect(migrate(url, [{ ...first!, checksum: 'edited' }, ...rest])).rejects.toThrow(/was changed after it was applied/);
  });
});
