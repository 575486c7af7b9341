import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { contentKey, STORAGE_KEY, type MediaStorage, type ObjectInfo } from './storage.ts';

/**
 * Files under `<root>/<first two hex digits>/<sha256>`; temporaries under `<root>/.tmp`, on the
 * same file system, so the final rename is atomic.
 */
export function localStorage(root: string): MediaStorage {
  const temporaries = join(root, '.tmp');
  const pathOf = (key: string) => {
    if (!STORAGE_KEY.test(key)) throw new Error('Not a storage key.');
    return join(root, key.slice(0, 2), key);
  };
  const exists = async (key: string) => {
    try {
      await stat(pathOf(key));
      return true;
    } catch {
      return false;
    }
  };

  return {
    name: 'local',
    async put(bytes) {
      const key = contentKey(bytes);
      if (await exists(key)) return { key, created: false };
      await mkdir(temporaries, { recursive: true });
      await mkdir(join(root, key.slice(0, 2)), { recursive: true });
      const temporary = join(temporaries, `${randomUUID()}.part`);
      const handle = await open(temporary, 'wx', 0o644);
      try {
        await handle.writeFile(bytes);
        // Durable before it becomes visible: a crash must not leave a named but empty file.
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await rename(temporary, pathOf(key));
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return { key, created: true };
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    exists,
    async *list(): AsyncIterable<ObjectInfo> {
      let shards: string[];
      try {
        shards = await readdir(root);
      } catch {
        return;
      }
      for (const shard of shards) {
        if (!/^[0-9a-f]{2}$/.test(shard)) continue;
        for (const name of await readdir(join(root, shard)).catch(() => [] as string[])) {
          if (!STORAGE_KEY.test(name)) continue;
          const info = await stat(join(root, shard, name)).catch(() => null);
          if (info) yield { key: name, lastModified: info.mtime };
        }
      }
    },
    async removeTemporaries(before) {
      let removed = 0;
      for (const name of await readdir(temporaries).catch(() => [] as string[])) {
        const path = join(temporaries, name);
        const info = await stat(path).catch(() => null);
        if (info && info.mtime < before) {
          await rm(path, { force: true });
          removed += 1;
        }
      }
      return removed;
    },
  };
}
