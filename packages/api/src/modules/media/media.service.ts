/**
 * Turning uploaded files into stored media: read, inspect from the bytes, store under the
 * key locks while the rows referring to them commit, and clean up when the save does not commit.
 */
import { prisma, type MediaKind, type Prisma } from '@ring/db';
import type { FieldIssue, MediaCheck } from '@ring/domain';
import { collectUnreferenced, contentKey, lockKeysShared, mediaStorage } from '../../storage/index.ts';
import { inspectMedia, type Inspection } from './inspect.ts';
import { attachAsset, releaseAssets, type AssetRef } from './assets.ts';

export interface Upload {
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface CheckedFile {
  path: string[];
  kind: MediaKind;
  bytes: Uint8Array;
  facts: Inspection;
}

export interface StoredFile extends CheckedFile {
  storageKey: string;
  created: boolean;
}

/**
 * The file's bytes without copying them. The multipart parser's File answers `arrayBuffer()`
 * with the Node Buffer it already holds, and `new Uint8Array(buffer)` would copy all of it:
 * 20 concurrent 5 MB uploads held 100 MB more than they needed (npm run bench).
 */
function viewOf(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}

/**
 * Reads and checks one uploaded file, adding its errors and warnings (at `path`) to the lists
 * given. Answers the file when it passed.
 */
export async function checkUpload(
  upload: Upload,
  path: string[],
  kind: MediaKind,
  rule: (facts: Inspection) => MediaCheck,
  issues: FieldIssue[],
  warnings: FieldIssue[],
): Promise<CheckedFile | null> {
  const bytes = viewOf(await upload.arrayBuffer());
  const facts = await inspectMedia(bytes);
  const check = rule(facts);
  // A damaged file's problem already says why its duration or size could not be read.
  const unreadable = new Set([facts.problem?.code, 'UNKNOWN_DURATION', 'UNKNOWN_RESOLUTION']);
  const errors = facts.problem ? [facts.problem, ...check.errors.filter((error) => !unreadable.has(error.code))] : check.errors;
  for (const error of errors) issues.push({ path, ...error });
  if (errors.length) return null;
  for (const warning of check.warnings) warnings.push({ path, ...warning });
  return { path, kind, bytes, facts };
}

/** What a save may do with assets inside its transaction (see commitWithFiles). */
export interface AssetChanges {
  tx: Prisma.TransactionClient;
  /** Adds the asset row of one of the save's files; answers its id. */
  attach(file: CheckedFile): Promise<string>;
  /** The asset is no longer used: its row goes at the end of the transaction, its file after the commit unless other rows use the same bytes. */
  release(asset: AssetRef | null): void;
}

/**
 * Runs `write` in one transaction that first holds the files' storage keys shared (see
 * storage/key-locks.ts), then stores the files (each atomically, by content hash), then lets
 * `write` add the rows referring to them. No delete of these bytes can run between storing
 * and committing; when the transaction does not commit, the files it created go again unless
 * some committed row uses the same bytes. Released assets' files are collected after the commit.
 */
export async function commitWithFiles<T>(appId: string, files: CheckedFile[], write: (changes: AssetChanges) => Promise<T>): Promise<T> {
  const stored: StoredFile[] = [];
  let releasedKeys: string[] = [];
  let result: T;
  try {
    result = await prisma.$transaction(
      async (tx) => {
        await lockKeysShared(
          tx,
          files.map((file) => contentKey(file.bytes)),
        );
        for (const file of files) {
          const object = await mediaStorage().put(file.bytes);
          stored.push({ ...file, storageKey: object.key, created: object.created });
        }
        const released: AssetRef[] = [];
        const written = await write({
          tx,
          attach: (file) => attachAsset(tx, appId, stored[files.indexOf(file)]!),
          release: (asset) => {
            if (asset) released.push(asset);
          },
        });
        releasedKeys = await releaseAssets(tx, released);
        return written;
      },
      // The connection is held while the files are written: under a burst of uploads the
      // pool may be busy for longer than Prisma's default 2 s wait.
      { timeout: 20_000, maxWait: 10_000 },
    );
  } catch (error) {
    // After the rollback: the shared locks are gone, so this cannot wait on itself.
    await collectUnreferenced(stored.filter((file) => file.created).map((file) => file.storageKey));
    throw error;
  }
  await collectReleased(releasedKeys);
  return result;
}

/** Deletes the files of released assets that no asset row uses any more (after the releasing transaction committed). */
export async function collectReleased(storageKeys: Iterable<string>): Promise<void> {
  await collectUnreferenced(storageKeys);
}

/** The content key of bytes: what a stored file's storageKey is, so files compare by content. */
export const mediaContentKey = (bytes: Uint8Array): string => contentKey(bytes);

/** An upload of a file already stored (by its storage key): to save it again elsewhere, checked like any upload. */
export function storedUpload(storageKey: string): Upload {
  return {
    arrayBuffer: async () => {
      const stored = await mediaStorage().get(storageKey);
      if (!stored) throw new Error(`media object ${storageKey} is missing`);
      return stored.slice().buffer as ArrayBuffer;
    },
  };
}
