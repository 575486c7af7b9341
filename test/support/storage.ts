/**
 * The media suites run over both storage drivers: local files in a temporary folder, and S3
 * through @aws-sdk/client-s3 against a real s3rver started here.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll } from 'vitest';
import { storageFromEnv, useMediaStorage, type MediaStorage } from '@ring/api/storage';

export type Driver = 'local' | 's3';
export const DRIVERS: Driver[] = ['local', 's3'];

export interface TestStorage {
  storage: MediaStorage;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startStorage(driver: Driver): Promise<TestStorage> {
  if (driver === 'local') {
    const dataDir = mkdtempSync(join(tmpdir(), 'ring-media-'));
    const env = { MEDIA_STORAGE: 'local', DATA_DIR: dataDir };
    return { storage: storageFromEnv(env), env, stop: async () => undefined };
  }
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: mkdtempSync(join(tmpdir(), 'ring-s3rver-')),
    configureBuckets: [{ name: 'ring-media', configs: [] }],
  });
  const address = (await server.run()) as { port: number };
  const env = {
    MEDIA_STORAGE: 's3',
    S3_ENDPOINT: `http://127.0.0.1:${address.port}`,
    S3_BUCKET: 'ring-media',
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
  };
  return { storage: storageFromEnv(env), env, stop: () => server.close() };
}

/**
 * For the enclosing suite: a storage of this driver, started before its tests and made the API's
 * media storage, stopped after them. Its fields are filled in once the suite starts.
 */
export function useTestStorage(driver: Driver): TestStorage {
  const current = {} as TestStorage;
  beforeAll(async () => {
    Object.assign(current, await startStorage(driver));
    useMediaStorage(current.storage);
  });
  afterAll(async () => {
    await current.stop();
  });
  return current;
}

/** Every object the storage holds, by key. */
export async function storedKeys(storage: MediaStorage): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage.list()) keys.push(object.key);
  return keys.sort();
}
