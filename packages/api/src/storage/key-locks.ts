/**
 * One lock per storage key, in PostgreSQL so that every server process honours it. Files are
 * named by their content, so one file can back the assets of many apps, and any save may be
 * about to reference a file that looks unreferenced right now. Hence: a writer holds its keys
 * SHARED from before it stores a file until the rows referring to it commit; whoever deletes a
 * file holds its key EXCLUSIVE while it counts references and deletes. A delete therefore sees
 * every writer of that key either committed (and keeps the file) or not yet started (and the
 * writer, which stores after the delete, writes the file again).
 *
 * Transaction-level advisory locks: released by commit or rollback, never leaked by a crash.
 * The two-number form keeps these keys apart from the project's other advisory locks.
 */
import type { Prisma } from '@ring/db';

type Tx = Prisma.TransactionClient;

/** "medi": the first number of every media key lock. */
const MEDIA_LOCK_SPACE = 0x6d656469;

/** Holds the keys shared until `tx` ends. Writers never wait for each other, only for a delete in progress. */
export async function lockKeysShared(tx: Tx, keys: Iterable<string>): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${MEDIA_LOCK_SPACE}::int4, hashtext(${key}))`;
  }
}

/** Holds one key exclusively until `tx` ends: no writer of it is between storing and committing meanwhile. */
export async function lockKeyExclusive(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${MEDIA_LOCK_SPACE}::int4, hashtext(${key}))`;
}
