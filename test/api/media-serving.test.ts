/**
 * Serving /media/<id> over real HTTP (the built server), with each storage driver: a caching
 * policy under which a deleted asset stops being served (revalidated with its ETag, 304 while
 * it exists), and byte ranges (Safari plays video only from a server that answers them).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppInfoPage_SaveGeneralInfoDocument } from '@ring/client';
import { newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { multipartBody, png } from '../support/media.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { DRIVERS, startStorage, type TestStorage } from '../support/storage.ts';

describe.each(DRIVERS)('/media/<id> with the %s driver', (driver) => {
  let storage: TestStorage;
  let server: RunningServer;
  let developer: Awaited<ReturnType<typeof newDeveloper>>;

  beforeAll(async () => {
    storage = await startStorage(driver);
    server = await startServer({
      DATABASE_URL: process.env.DATABASE_URL!,
      SECRETS_KEY: process.env.SECRETS_KEY!,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ring-media-serving-')),
      ...storage.env,
    });
    developer = await newDeveloper(`serving-${driver}`);
  });
  afterAll(async () => {
    await server?.stop();
    await storage?.stop();
  });

  /** Saves an icon for a new app over HTTP; answers its URL, its bytes and the app. */
  async function uploadIcon(seed: number) {
    const app = await insertApp(developer.id);
    const bytes = png(1024, 1024, { seed });
    const form = multipartBody(AppInfoPage_SaveGeneralInfoDocument, { input: { appId: app.globalId } as never }, { 'input.icon': { bytes, name: 'icon.png' } });
    const saved = await fetch(`${server.baseUrl}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${developer.token}` }, body: form });
    const body = (await saved.json()) as { data: { saveGeneralInfo: { info: { general: { icon: { url: string } } } } } };
    return { url: body.data.saveGeneralInfo.info.general.icon.url, bytes: Buffer.from(bytes), app };
  }

  it('is revalidated on every use (no-cache with an ETag), answers 304 while it exists and 404 once deleted', async () => {
    const { url, app } = await uploadIcon(1);
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    await first.arrayBuffer();
    const unchanged = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect(unchanged.headers.get('cache-control')).toBe('public, no-cache');

    const deleted = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${developer.token}` },
      body: JSON.stringify({
        query: 'mutation($input: DeleteAppInput!) { deleteApp(input: $input) { __typename } }',
        variables: { input: { appId: app.globalId } },
      }),
    });
    expect(((await deleted.json()) as { data: { deleteApp: { __typename: string } } }).data.deleteApp.__typename).toBe('DeleteAppSuccess');
    // A cache revalidating what it holds learns that it is gone.
    const revalidated = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(404);
    expect(revalidated.headers.get('cache-control')).toBe('no-store');
  });

  it('answers byte ranges: 206 with Content-Range, suffix and open ranges, Accept-Ranges on full answers', async () => {
    const { url, bytes } = await uploadIcon(2);
    const size = bytes.length;
    const full = await fetch(url);
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await full.arrayBuffer()).equals(bytes)).toBe(true);

    const cases: [string, number, number][] = [
      ['bytes=0-9', 0, 9],
      [`bytes=10-${size - 1}`, 10, size - 1],
      ['bytes=100-', 100, size - 1],
      ['bytes=-20', size - 20, size - 1],
      // An end past the last byte is cut to it (RFC 9110 14.1.2).
      [`bytes=${size - 5}-${size + 1000}`, size - 5, size - 1],
      [`bytes=${size - 1}-${size - 1}`, size - 1, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const partial = await fetch(url, { headers: { range } });
      expect(partial.status, range).toBe(206);
      expect(partial.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${size}`);
      expect(partial.headers.get('content-length'), range).toBe(String(end - start + 1));
      expect(partial.headers.get('content-type'), range).toBe('image/png');
      expect(Buffer.from(await partial.arrayBuffer()).equals(bytes.subarray(start, end + 1)), range).toBe(true);
    }
    const head = await fetch(url, { method: 'HEAD', headers: { range: 'bytes=0-9' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-9/${size}`);
  });

  it('answers 416 with the size for a range that starts past the end, and 200 for one it does not understand', async () => {
    const { url, bytes } = await uploadIcon(3);
    const size = bytes.length;
    for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0']) {
      const refused = await fetch(url, { headers: { range } });
      expect(refused.status, range).toBe(416);
      expect(refused.headers.get('content-range'), range).toBe(`bytes */${size}`);
      await refused.arrayBuffer();
    }
    // A unit other than bytes, or nonsense, is ignored: the whole file (RFC 9110 14.2).
    for (const range of ['items=0-1', 'bytes=abc', 'bytes=5-2']) {
      const whole = await fetch(url, { headers: { range } });
      expect(whole.status, range).toBe(200);
      expect(Buffer.from(await whole.arrayBuffer()).equals(bytes), range).toBe(true);
    }
  });

  it('serves the whole file when If-Range names another version, the range when it names this one', async () => {
    const { url, bytes } = await uploadIcon(4);
    const etag = (await fetch(url, { method: 'HEAD' })).headers.get('etag')!;
    const stale = await fetch(url, { headers: { range: 'bytes=0-9', 'if-range': '"0000"' } });
    expect(stale.status).toBe(200);
    expect(Buffer.from(await stale.arrayBuffer()).length).toBe(bytes.length);
    const current = await fetch(url, { headers: { range: 'bytes=0-9', 'if-range': etag } });
    expect(current.status).toBe(206);
    await current.arrayBuffer();
  });
});
