/**
 * Turning uploaded files into stored media: read, inspect from the bytes, store, and clean up
 * when the save that wanted them does not commit.
 */
import type { MediaKind } from '@ring/db';
import type { FieldIssue, MediaCheck } from '@ring/domain';
import { collectUnreferenced, mediaStorage } from '../../storage/index.ts';
import { inspectMedia, type Inspection } from './inspect.ts';

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
  const bytes = new Uint8Array(await upload.arrayBuffer());
  const facts = await inspectMedia(bytes);
  const check = rule(facts);
  const errors = facts.problem ? [facts.problem, ...check.errors.filter((error) => error.code !== facts.problem!.code)] : check.errors;
  for (const error of errors) issues.push({ path, ...error });
  if (errors.length) return null;
  for (const warning of check.warnings) warnings.push({ path, ...warning });
  return { path, kind, bytes, facts };
}

/** Writes the files (each atomically, by content hash) before any row refers to them. */
export async function storeFiles(files: CheckedFile[]): Promise<StoredFile[]> {
  const stored: StoredFile[] = [];
  try {
    for (const file of files) {
      const object = await mediaStorage().put(file.bytes);
      stored.push({ ...file, storageKey: object.key, created: object.created });
    }
  } catch (error) {
    await discardFiles(stored);
    throw error;
  }
  return stored;
}

/** After a save that did not commit: its new files go, unless some row references the same bytes. */
export async function discardFiles(files: StoredFile[]): Promise<void> {
  await collectUnreferenced(files.filter((file) => file.created).map((file) => file.storageKey));
}

export function assetData(appId: string, file: StoredFile) {
  return {
    appId,
    kind: file.kind,
    storageKey: file.storageKey,
    contentType: file.facts.contentType!,
    byteSize: file.facts.byteSize,
    width: file.facts.width ?? null,
    height: file.facts.height ?? null,
    durationMs: file.facts.durationMs ?? null,
  };
}
