/**
 * Where media bytes live. Objects are named by the SHA-256 of their content, so one file
 * uploaded twice is stored once, and a name never points at other bytes. Every driver writes
 * to a temporary name first and only then makes the object visible under its final name, so a
 * crash mid-upload leaves at most a temporary, never a partial object; the sweeper removes
 * temporaries (and objects no row references) once they are old enough that no save can
 * still be using them.
 */
import { createHash } from 'node:crypto';

export interface StoredObject {
  key: string;
  /** False when an object with these bytes already existed. */
  created: boolean;
}

export interface ObjectInfo {
  key: string;
  lastModified: Date;
}

export interface MediaStorage {
  readonly name: 'local' | 's3';
  put(bytes: Uint8Array): Promise<StoredObject>;
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Final objects, for the orphan sweep. */
  list(): AsyncIterable<ObjectInfo>;
  /** Removes temporaries last modified before `before`; answers how many. */
  removeTemporaries(before: Date): Promise<number>;
}

export function contentKey(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export const STORAGE_KEY = /^[0-9a-f]{64}$/;
