import { prisma } from '@ring/db';
import { config, mediaStorageSettings } from '../config.ts';
import { describeError, log } from '../observability/logger.ts';
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

/** The driver the environment asks for (config.ts): local files under DATA_DIR/media unless MEDIA_STORAGE=s3. */
export function storageFromEnv(env?: NodeJS.ProcessEnv): MediaStorage {
  const settings = mediaStorageSettings(env);
  if (settings.driver === 'local') return localStorage(settings.directory);
  return s3Storage({
    bucket: settings.bucket,
    prefix: settings.prefix,
    client: {
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      // Many S3-compatible servers reject the SDK's default flexible checksums (aws-chunked bodies).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      credentials: settings.credentials,
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
 * Deletes the object under `key` when no MediaAsset or AppVersionMedia row references it, holding the key's lock
 * (see key-locks.ts) while it counts and deletes, so no save can be between storing these
 * bytes and committing its row. Answers whether it deleted.
 */
async function deleteIfUnreferenced(key: string, storage: MediaStorage): Promise<boolean> {
  return prisma.$transaction(
    async (tx) => {
      await lockKeyExclusive(tx, key);
      if ((await tx.mediaAsset.count({ where: { storageKey: key } })) > 0) return false;
      // A certification version's frozen copy keeps the bytes after the draft let them go.
      if ((await tx.appVersionMedia.count({ where: { storageKey: key } })) > 0) return false;
      await storage.delete(key);
      return true;
    },
    { timeout: 20_000 },
  );
}

/** Deletes each object that no MediaAsset or AppVersionMedia row references any more. */
export async function collectUnreferenced(keys: Iterable<string>, storage = mediaStorage()): Promise<void> {
  for (const key of new Set(keys)) {
    await deleteIfUnreferenced(key, storage).catch((error: unknown) =>
      log('error', 'media: could not delete an unreferenced object', { key, cause: describeError(error) }),
    );
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
export function startMediaSweeper(intervalMs = config.mediaSweepIntervalMs): () => void {
  const run = () =>
    sweepMedia().then(
      (result) => {
        if (result.temporaries || result.orphans) log('info', 'media sweep: removed leftovers', { temporaries: result.temporaries, orphans: result.orphans });
      },
      (error: unknown) => log('error', 'media sweep failed', { cause: describeError(error) }),
    );
  void run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
