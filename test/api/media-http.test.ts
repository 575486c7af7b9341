/**
 * Media over real HTTP against the built server (apps/console/server.ts): serving headers,
 * limits enforced while the body streams in, and what a kill -9 mid-upload leaves behind.
 */
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import { AppInfoPage_SaveGeneralInfoDocument } from '@ring/client';
import { newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { multipartBody, png } from '../support/media.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const env = (dataDir: string) => ({
  DATABASE_URL: process.env.DATABASE_URL!,
  SECRETS_KEY: process.env.SECRETS_KEY!,
  DATA_DIR: dataDir,
  MEDIA_STORAGE: 'local',
});

/** Files under DATA_DIR/media, temporaries included. */
function mediaFiles(dataDir: string): string[] {
  const root = join(dataDir, 'media');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

async function multipartBytes(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const response = new Response(form);
  return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type')! };
}

describe('media over HTTP', () => {
  let server: RunningServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ring-media-http-'));
    server = await startServer(env(dataDir));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('serves an uploaded icon with its sniffed type, ETag, revalidated caching, nosniff and 304', async () => {
    const developer = await newDeveloper('http');
    const app = await insertApp(developer.id);
    const form = multipartBody(
      AppInfoPage_SaveGeneralInfoDocument,
      { input: { appId: app.globalId } as never },
      { 'input.icon': { bytes: png(1024, 1024), name: 'icon.jpg', type: 'text/html' } },
    );
    const saved = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${developer.token}`, 'x-graphql-yoga-csrf': '1' },
      body: form,
    });
    const body = (await saved.json()) as { data: { saveGeneralInfo: { info: { general: { icon: { url: string } } } } } };
    const url = body.data.saveGeneralInfo.info.general.icon.url;
    // Absolute, on the origin the request reached (no PUBLIC_URL here).
    expect(url).toMatch(new RegExp(`^${server.baseUrl}/media/[0-9a-f-]{36}$`));
    const media = await fetch(url);
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('image/png');
    expect(media.headers.get('cache-control')).toBe('public, no-cache');
    expect(media.headers.get('x-content-type-options')).toBe('nosniff');
    const etag = media.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(
      Buffer.from(await media.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await fetch(`${server.baseUrl}/media/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/media/not-an-id`)).status).toBe(404);
  });

  it('refuses a 50 MB upload at the 5 MB file limit while it streams, without buffering it', async () => {
    const developer = await newDeveloper('big');
    const app = await insertApp(developer.id);
    const form = multipartBody(
      AppInfoPage_SaveGeneralInfoDocument,
      { input: { appId: app.globalId } as never },
      { 'input.icon': { bytes: new Uint8Array(0), name: 'huge.png' } },
    );
    const { body: template, contentType } = await multipartBytes(form);
    // Split the encoded request around the (empty) file, and stream 50 MB into that gap.
    const boundary = `--${/boundary=(.+)$/.exec(contentType)![1]}--`;
    const closing = template.lastIndexOf(Buffer.from(`\r\n${boundary}`));
    const head = template.subarray(0, closing);
    const tail = template.subarray(closing);
    const total = 50 * 1024 * 1024;
    const chunk = Buffer.alloc(256 * 1024, 0x41);
    const result = await new Promise<{ status: number; sentWhenAnswered: number; text: string }>((resolve, reject) => {
      let sent = 0;
      let sentWhenAnswered = -1;
      const request = httpRequest(`${server.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': contentType, 'transfer-encoding': 'chunked', authorization: `Bearer ${developer.token}`, 'x-graphql-yoga-csrf': '1' },
      });
      request.on('response', (response) => {
        sentWhenAnswered = sent;
        let text = '';
        response.on('data', (data) => (text += data));
        response.on('end', () => resolve({ status: response.statusCode!, sentWhenAnswered, text }));
      });
      request.on('error', (error) => (sentWhenAnswered >= 0 ? undefined : reject(error)));
      request.write(head);
      const pump = () => {
        while (sent < total && sentWhenAnswered < 0) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once('drain', pump);
        }
        if (sentWhenAnswered < 0) request.end(tail);
      };
      pump();
    });
    expect(result.status).toBe(413);
    expect(result.text).toMatch(/File size limit exceeded/);
    // The answer came long before 50 MB were sent: the server stopped reading at the limit.
    expect(result.sentWhenAnswered).toBeLessThan(20 * 1024 * 1024);
    expect(await prisma.mediaAsset.count({ where: { appId: app.id } })).toBe(0);
  });
});

describe('kill -9 during an upload', () => {
  it('leaves no partial file and no row; after restart the sweeper removes old temporaries', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ring-media-kill-'));
    let server = await startServer(env(dataDir));
    const developer = await newDeveloper('kill');
    const app = await insertApp(developer.id);
    const form = multipartBody(
      AppInfoPage_SaveGeneralInfoDocument,
      { input: { appId: app.globalId } as never },
      { 'input.icon': { bytes: png(1024, 1024, { size: 2 * 1024 * 1024 }), name: 'icon.png' } },
    );
    const { body, contentType } = await multipartBytes(form);
    const request = httpRequest(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'content-length': String(body.length), authorization: `Bearer ${developer.token}`, 'x-graphql-yoga-csrf': '1' },
    });
    request.on('error', () => undefined);
    // Half the body, slowly, then the server dies mid-upload.
    for (let offset = 0; offset < body.length / 2; offset += 64 * 1024) {
      request.write(body.subarray(offset, offset + 64 * 1024));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await server.stop('SIGKILL');
    request.destroy();
    expect(mediaFiles(dataDir).filter((file) => !file.startsWith('.tmp'))).toEqual([]);

    // A temporary as a crash in the middle of writing a file would leave it: two hours old,
    // and a fresh one that a save in flight could still be writing.
    const temporaries = join(dataDir, 'media', '.tmp');
    mkdirSync(temporaries, { recursive: true });
    writeFileSync(join(temporaries, 'old.part'), 'partial');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(join(temporaries, 'old.part'), twoHoursAgo, twoHoursAgo);
    writeFileSync(join(temporaries, 'fresh.part'), 'partial');

    server = await startServer(env(dataDir));
    try {
      await expect.poll(() => mediaFiles(dataDir), { timeout: 10_000 }).toEqual(['.tmp/fresh.part']);
      expect(await prisma.mediaAsset.count({ where: { appId: app.id } })).toBe(0);
      expect(await prisma.generalInfo.count({ where: { appId: app.id } })).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
