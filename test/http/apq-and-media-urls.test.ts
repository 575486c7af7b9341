/**
 * API ergonomics over real HTTP against the built server: automatic persisted queries (the
 * protocol Apollo's persisted-queries link speaks) and absolute media URLs, on the request's
 * origin or on PUBLIC_URL.
 */
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppInfoPage_SaveGeneralInfoDocument } from '@ring/client';
import { newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { multipartBody, png } from '../support/media.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const env = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: process.env.DATABASE_URL!,
  SECRETS_KEY: process.env.SECRETS_KEY!,
  DATA_DIR: mkdtempSync(join(tmpdir(), 'ring-apq-')),
  MEDIA_STORAGE: 'local',
  ...extra,
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Result {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function post(server: RunningServer, body: unknown, token?: string): Promise<{ status: number; body: Result }> {
  const response = await fetch(`${server.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Result };
}

const ICON_QUERY = 'query IconUrl($id: ID!) { app(id: $id) { __typename ... on App { info { general { icon { url } } } } } }';
const iconUrlOf = (result: Result) => (result.data as { app: { info: { general: { icon: { url: string } | null } } } }).app.info.general.icon?.url;

describe('API ergonomics over HTTP', { timeout: 120_000 }, () => {
  let server: RunningServer;
  let developer: Awaited<ReturnType<typeof newDeveloper>>;
  let app: Awaited<ReturnType<typeof insertApp>>;

  beforeAll(async () => {
    server = await startServer(env());
    developer = await newDeveloper('apq');
    app = await insertApp(developer.id);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('automatic persisted queries: an unknown hash is PERSISTED_QUERY_NOT_FOUND (404), hash with query stores it, the hash alone then answers', async () => {
    // A query of this test's own: no other test (or earlier run against this server) stored it.
    const query = `query Persisted { viewer { email } __typename } # ${developer.email}`;
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };

    const missing = await post(server, { extensions: { persistedQuery } }, developer.token);
    expect(missing.status).toBe(404);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ message: 'PersistedQueryNotFound', extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_FOUND' }) }),
    ]);

    const stored = await post(server, { query, extensions: { persistedQuery } }, developer.token);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual({ data: { viewer: { email: developer.email }, __typename: 'Query' } });

    const answered = await post(server, { extensions: { persistedQuery } }, developer.token);
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({ data: { viewer: { email: developer.email }, __typename: 'Query' } });

    // A query under someone else's hash is refused, not stored.
    const mismatch = await post(server, { query: '{ __typename }', extensions: { persistedQuery } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_MISMATCH');
    expect((await post(server, { extensions: { persistedQuery } }, developer.token)).body.data).toEqual({
      viewer: { email: developer.email },
      __typename: 'Query',
    });
  });

  it('media URLs are absolute: on the origin the request reached without PUBLIC_URL, on PUBLIC_URL with it, and they serve the file', async () => {
    const form = multipartBody(
      AppInfoPage_SaveGeneralInfoDocument,
      { input: { appId: app.globalId } as never },
      { 'input.icon': { bytes: png(1024, 1024), name: 'icon.png', type: 'image/png' } },
    );
    const saved = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${developer.token}`, 'x-graphql-yoga-csrf': '1' },
      body: form,
    });
    const savedBody = (await saved.json()) as { data: { saveGeneralInfo: { info: { general: { icon: { url: string } } } } } };
    const url = savedBody.data.saveGeneralInfo.info.general.icon.url;
    expect(url).toMatch(new RegExp(`^${server.baseUrl}/media/[0-9a-f-]{36}$`));
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');

    // The same query reached under another name for this host (the Host header): its own origin,
    // and the response cache keeps the two answers apart.
    const read = (base: string, host?: string) =>
      new Promise<string | undefined>((resolve, reject) => {
        const body = JSON.stringify({ query: ICON_QUERY, variables: { id: app.globalId } });
        const call = httpRequest(
          `${base}/graphql`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${developer.token}`, ...(host ? { host } : {}) },
          },
          (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk) => (text += chunk));
            response.on('end', () => resolve(iconUrlOf(JSON.parse(text) as Result)));
          },
        );
        call.on('error', reject);
        call.end(body);
      });
    const port = new URL(server.baseUrl).port;
    expect(await read(server.baseUrl)).toBe(url);
    expect(await read(server.baseUrl, `console.localhost:${port}`)).toBe(url.replace(server.baseUrl, `http://console.localhost:${port}`));
    expect(await read(server.baseUrl)).toBe(url);

    const withPublicUrl = await startServer(env({ PUBLIC_URL: 'https://console.example.com' }));
    try {
      expect(await read(withPublicUrl.baseUrl)).toBe(url.replace(server.baseUrl, 'https://console.example.com'));
    } finally {
      await withPublicUrl.stop();
    }
  });
});
