import { randomUUID } from 'node:crypto';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { contentKey, STORAGE_KEY, type MediaStorage, type ObjectInfo } from './storage.ts';

export interface S3Options {
  bucket: string;
  prefix?: string;
  client: S3ClientConfig;
}

const notFound = (error: unknown) => {
  const name = (error as { name?: string }).name;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return name === 'NoSuchKey' || name === 'NotFound' || status === 404;
};

/**
 * S3-compatible object storage. S3 has no rename: an object is uploaded under `tmp/`, copied
 * to its content-hash name (a server-side copy, atomic for readers) and the temporary deleted.
 * A crash leaves only a `tmp/` object, which the sweeper removes.
 */
export function s3Storage(options: S3Options): MediaStorage {
  // The SDK costs ~100 ms to load: only a process that uses this driver loads it (from now on,
  // in the background). A failure to load surfaces at the first call.
  const loading = import('@aws-sdk/client-s3').then((sdk) => ({ sdk, client: new sdk.S3Client(options.client) }));
  loading.catch(() => undefined);
  const prefix = options.prefix ?? 'media/';
  const Bucket = options.bucket;
  const objectKey = (key: string) => {
    if (!STORAGE_KEY.test(key)) throw new Error('Not a storage key.');
    return `${prefix}${key}`;
  };
  const temporaryPrefix = `${prefix}tmp/`;

  const exists = async (key: string) => {
    const { sdk, client } = await loading;
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket, Key: objectKey(key) }));
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw error;
    }
  };

  async function* listPrefix(from: string): AsyncIterable<{ Key: string; LastModified: Date }> {
    const { sdk, client } = await loading;
    let token: string | undefined;
    do {
      const page = await client.send(new sdk.ListObjectsV2Command({ Bucket, Prefix: from, ContinuationToken: token }));
      for (const item of page.Contents ?? []) if (item.Key) yield { Key: item.Key, LastModified: item.LastModified ?? new Date(0) };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  return {
    name: 's3',
    async put(bytes) {
      const key = contentKey(bytes);
      if (await exists(key)) return { key, created: false };
      const { sdk, client } = await loading;
      const temporary = `${temporaryPrefix}${randomUUID()}`;
      await client.send(new sdk.PutObjectCommand({ Bucket, Key: temporary, Body: bytes, ContentLength: bytes.byteLength }));
      try {
        await client.send(new sdk.CopyObjectCommand({ Bucket, Key: objectKey(key), CopySource: `${Bucket}/${temporary}` }));
      } finally {
        await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: temporary })).catch(() => undefined);
      }
      return { key, created: true };
    },
    async get(key) {
      const { sdk, client } = await loading;
      try {
        const object = await client.send(new sdk.GetObjectCommand({ Bucket, Key: objectKey(key) }));
        return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      const { sdk, client } = await loading;
      await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },
    exists,
    async *list(): AsyncIterable<ObjectInfo> {
      for await (const item of listPrefix(prefix)) {
        const name = item.Key.slice(prefix.length);
        if (STORAGE_KEY.test(name)) yield { key: name, lastModified: item.LastModified };
      }
    },
    async removeTemporaries(before) {
      const { sdk, client } = await loading;
      let removed = 0;
      for await (const item of listPrefix(temporaryPrefix)) {
        if (item.LastModified < before) {
          await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: item.Key }));
          removed += 1;
        }
      }
      return removed;
    },
  };
}
