import { join } from 'node:path';
import { prisma } from '@ring/db';
import { localStorage } from './local.ts';
import { s3Storage } from './s3.ts';
import { lockKeyExclusive } from './key-locks.ts';
import type { MediaStorage } from './storage.ts';

export type { MediaStorage, StoredObject } from './storage.ts';
export { contentKey } from './storage.ts';
export { lockKeysShared } from './key-locks.ts';
export { localStorage } from './local.ts';
export { s3Storage } from './s3.ts';

/** Old enough that no save can still be between writing a file and committing its row. */
export const SWEEP_AGE_MS = 60 * 60 * 1000;

const required = (env: NodeJS.ProcessEnv, name: string) => {
  const value = env[name];
  if (!value) throw new Error(`${name} is required when MEDIA_STORAGE=s3.`);
  return value;
};

/** The driver the environment asks for: local files under DATA_DIR/media unless MEDIA_STORAGE=s3. */
export function storageFromEnv(env: NodeJS.ProcessEnv = process.env): MediaStorage {
  const driver = env.MEDIA_STORAGE ?? 'local';
  if (driver === 'local') return localStorage(env.MEDIA_DIR ?? join(env.DATA_DIR ?? '.data', 'media'));
  if (driver !== 's3') throw new Error(`MEDIA_STORAGE must be "local" or "s3", not "${driver}".`);
  return s3Storage({
    bucket: required(env, 'S3_BUCKET'),
    prefix: env.S3_PREFIX ?? 'media/',
    client: {
      endpoint: env.S3_ENDPOINT || undefined,
      region: env.S3_REGION ?? 'us-east-1',
      forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
      // Many S3-compatible servers reject the SDK's default flexible checksums (aws-chunked bodies).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // Without explicit keys the SDK's default chain applies (instance role, profile, ...).
      credentials: env.S3_ACCESS_KEY_ID ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: required(env, 'S3_SECRET_ACCESS_KEY') } : undefined,
    },
  });
}

let current: MediaStorage | null = null;

export function mediaStorage(): MediaStorage {
  current ??= storageFromEnv();
  return current;
}

/** Chooses the storage for this process (tests run the same suites over both drivers). */
export function useMediaStorage(storage: MediaStorage): void {
  current = storage;
}

/**
 * Deletes the object under `key` when no MediaAsset row references it, holding the key's lock
 * (see key-locks.ts) while it counts and deletes, so no save can be between storing these
 * bytes and committing its row. Answers whether it deleted.
 */
async function deleteIfUnreferenced(key: string, storage: MediaStorage): Promise<boolean> {
  return prisma.$transaction(
    async (tx) => {
      await lockKeyExclusive(tx, key);
      if ((await tx.mediaAsset.count({ where: { storageKey: key } })) > 0) return false;
      await storage.delete(key);
      return true;
    },
    { timeout: 20_000 },
  );
}

/** Deletes each object that no MediaAsset row references any more. */
export async function collectUnreferenced(keys: Iterable<string>, storage = mediaStorage()): Promise<void> {
  for (const key of new Set(keys)) {
    await deleteIfUnreferenced(key, storage).catch((error) => console.error('media: could not delete an unreferenced object', error));
  }
}

/**
 * Removes temporaries left by a crash mid-upload and objects a crash left between writing the
 * file and committing its row, once both are older than `ageMs`. The key lock already keeps a
 * live save's file; the age also spares the files of a process still running older code.
 */
export async function sweepMedia(storage = mediaStorage(), ageMs = SWEEP_AGE_MS): Promise<{ temporaries: number; orphans: number }> {
  const before = new Date(Date.now() - ageMs);
  const temporaries = await storage.removeTemporaries(before);
  let orphans = 0;
  for await (const object of storage.list()) {
    if (object.lastModified >= before) continue;
    if (await deleteIfUnreferenced(object.key, storage)) orphans += 1;
  }
  return { temporaries, orphans };
}

/** Sweeps now and then every `intervalMs`; the timer does not keep the process alive. */
export function startMediaSweeper(intervalMs = Number(process.env.MEDIA_SWEEP_INTERVAL_MINUTES ?? 15) * 60_000): () => void {
  const run = () =>
    sweepMedia().then(
      (result) => {
        if (result.temporaries || result.orphans) console.log(`media sweep: removed ${result.temporaries} temporaries, ${result.orphans} orphans`);
      },
      (error) => console.error('media sweep failed', error),
    );
  void run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
