/**
 * The announcements the API's caches rely on (README: Caching): every table notifies
 * "ring_changes" on a committed write, and the change feed hears it, says when it cannot, and
 * comes back by itself.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startChangeFeed, type ChangeFeed } from '../src/changes.ts';
import { createTestDatabase, dropDatabase } from '../src/testing.ts';

const adminUrl = inject('adminUrl');
let url: string;
let client: pg.Client;

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('did not happen in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  url = await createTestDatabase(adminUrl, 'changes');
  client = new pg.Client({ connectionString: url });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await dropDatabase(adminUrl, url);
});

describe('change notifications', () => {
  it('are raised by every table (a table added without the trigger fails here)', async () => {
    const { rows } = await client.query<{ table: string; notifies: boolean }>(`
      SELECT c.relname AS table,
             EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                     WHERE t.tgrelid = c.oid AND p.proname = 'ring_notify_change' AND NOT t.tgisinternal) AS notifies
      FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relname NOT IN ('_prisma_migrations', 'RateLimit')`);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((row) => !row.notifies).map((row) => row.table)).toEqual([]);
  });

  it('reach a change feed after commit, not before; the feed reports losing its connection and reconnects', async () => {
    let changes = 0;
    const feed: ChangeFeed = startChangeFeed(url, {
      onChange: () => {
        changes += 1;
      },
      retryMs: 20,
    });
    try {
      await until(() => feed.healthy);
      const settled = changes;

      await client.query('BEGIN');
      await client.query(`INSERT INTO "Developer" (id, email, name, "passwordHash") VALUES (gen_random_uuid(), 'feed@example.com', 'Feed', 'x')`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(changes).toBe(settled); // not announced while uncommitted
      await client.query('COMMIT');
      await until(() => changes > settled);

      const beforeCut = changes;
      await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      await until(() => !feed.healthy);
      expect(changes).toBeGreaterThan(beforeCut); // losing the feed counts as a change: anything may be missed
      await until(() => feed.healthy);
      const afterReconnect = changes;
      await client.query(`UPDATE "Developer" SET name = 'Feed again' WHERE email = 'feed@example.com'`);
      await until(() => changes > afterReconnect);
    } finally {
      await feed.close();
    }
    expect(feed.healthy).toBe(false);
  });

  it('catch up on demand: once caughtUp() answers, every change committed before the call has been heard; not listening, it answers false', async () => {
    let changes = 0;
    const feed = startChangeFeed(url, {
      onChange: () => {
        changes += 1;
      },
    });
    try {
      expect(await feed.caughtUp()).toBe(false); // not listening yet
      await until(() => feed.healthy);
      for (let round = 0; round < 20; round += 1) {
        const before = changes;
        await client.query(`UPDATE "Developer" SET name = 'Caught up ${round}' WHERE email = 'feed@example.com'`);
        // No polling: the commit above is heard by the time the barrier answers.
        expect(await feed.caughtUp()).toBe(true);
        expect(changes).toBeGreaterThan(before);
      }
      // Callers waiting together share one round trip; each still sees what was committed before it asked.
      const before = changes;
      await client.query(`UPDATE "Developer" SET name = 'Together' WHERE email = 'feed@example.com'`);
      expect(await Promise.all(Array.from({ length: 10 }, () => feed.caughtUp()))).toEqual(Array(10).fill(true));
      expect(changes).toBeGreaterThan(before);
    } finally {
      await feed.close();
    }
    expect(await feed.caughtUp()).toBe(false);
  });
});
