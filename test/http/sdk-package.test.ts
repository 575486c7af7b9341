/**
 * The SDK as a tool author gets it (README: For tool authors): `npm pack` of the built
 * @ring/client (packages/client/lib, made by `npm run build`), installed from the tarball into a
 * folder outside the workspace with npm (its dependencies from the registry), then used from
 * plain Node against the built server: sign up and in, an API token, typed documents, uploads
 * from a path, a Buffer and a Blob, a typed error; Apollo Client with the exported possibleTypes
 * and typePolicies (and its persisted-queries link against APQ); urql through the package's own
 * client and with @urql/core's defaults. The consumer's TypeScript is checked against the
 * package's declarations too.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png } from '../support/media-files.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const clientDir = join(root, 'packages/client');
const libDir = join(clientDir, 'lib');

// What a tool installs beside the SDK, pinned (the SDK itself brings @urql/core and graphql-sse).
const CONSUMER_DEPENDENCIES = ['graphql@16.15.0', '@apollo/client@4.3.8', 'rxjs@7.8.2'];

// The tool, as its author would write it: plain Node, nothing from this workspace.
const TOOL = `
import { createHash } from 'node:crypto';
import {
  createRingClient, RingClientError, possibleTypes, typePolicies,
  SignUpDocument, SignInDocument, CreateApiTokenDocument, ViewerDocument,
  NewAppPage_CreateAppDocument, AppInfoPage_SaveMediaAssetsDocument,
} from '@ring/client';
import { createApiClient } from '@ring/client/urql';
import { Client as UrqlClient, fetchExchange } from '@urql/core';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { readFileSync } from 'node:fs';

const url = process.env.RING_URL;
const email = process.env.RING_EMAIL;
const password = 'correct horse battery';
const out = {};

// Sign up, then sign in with a session cookie kept by a small fetch wrapper, and make an API token.
let cookie = '';
const withCookies = async (input, init = {}) => {
  const headers = new Headers(init.headers);
  if (cookie) headers.set('cookie', cookie);
  const response = await fetch(input, { ...init, headers });
  const session = response.headers.getSetCookie().find((line) => line.startsWith('ring_session='));
  if (session) cookie = session.split(';')[0];
  return response;
};
const browser = createRingClient({ url, fetch: withCookies });
out.signUp = (await browser.request(SignUpDocument, { input: { email, password, name: 'SDK tool' } })).signUp.__typename;
out.signIn = (await browser.request(SignInDocument, { input: { email, password } })).signIn.__typename;
const created = (await browser.request(CreateApiTokenDocument, { input: { name: 'sdk tool' } })).createApiToken;
const token = created.token;

// The typed client with the token.
const ring = createRingClient({ url, token });
out.viewer = (await ring.request(ViewerDocument)).viewer.email;
try {
  await createRingClient({ url, token: 'rat_not-a-token' }).request(ViewerDocument);
  out.badToken = 'no error';
} catch (error) {
  out.badToken = { isRingClientError: error instanceof RingClientError, code: error.code, status: error.status, message: error.message };
}
const createApp = (await ring.request(NewAppPage_CreateAppDocument, { input: { name: 'SDK tool app', acceptCompliance: true } })).createApp;
const appId = createApp.app.id;
out.createApp = createApp.__typename;

// Uploads: a path, a Buffer and a Blob.
const saved = (
  await ring.upload(
    AppInfoPage_SaveMediaAssetsDocument,
    { input: { appId, additionalImages: [{ file: new Blob([readFileSync('second.png')], { type: 'image/png' }) }] } },
    { 'input.mainImage': './main.png', 'input.videoThumbnail': readFileSync('thumbnail.png') },
  )
).saveMediaAssets;
out.upload = saved.__typename === 'SaveMediaAssetsSuccess'
  ? { mainImage: saved.info.media.mainImage?.url, thumbnail: saved.info.media.videoThumbnail?.url, additional: saved.info.media.additionalImages.length }
  : saved;
if (out.upload.mainImage) {
  const file = await fetch(out.upload.mainImage);
  out.mainImageServed = { status: file.status, type: file.headers.get('content-type'), bytes: (await file.arrayBuffer()).byteLength };
}

// Apollo Client: possibleTypes lets "... on Error" match a result union's member.
const auth = { authorization: 'Bearer ' + token };
const apollo = new ApolloClient({ link: new HttpLink({ uri: url, headers: auth }), cache: new InMemoryCache({ possibleTypes, typePolicies }) });
const missing = await apollo.query({
  query: gql('query Missing($id: ID!) { app(id: $id) { __typename ... on Error { message } ... on App { id name } } }'),
  variables: { id: 'QXBwOjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA==' },
});
out.apolloError = missing.data.app;
out.apolloViewer = (await apollo.query({ query: ViewerDocument })).data.viewer.email;

// Apollo's persisted-queries link against APQ: the first client's hash is unknown (it falls back
// to sending the query), a second client's hash alone is answered.
let sent = [];
const recordingFetch = async (input, init) => {
  const body = JSON.parse(init.body);
  sent.push(body.query ? 'hash+query' : 'hash');
  return fetch(input, init);
};
const sha256 = (query) => createHash('sha256').update(query).digest('hex');
const persisted = () =>
  new ApolloClient({
    link: ApolloLink.from([new PersistedQueryLink({ sha256 }), new HttpLink({ uri: url, headers: auth, fetch: recordingFetch })]),
    cache: new InMemoryCache({ possibleTypes, typePolicies }),
  });
const persistedQuery = gql('query PersistedViewer { viewer { email name } }');
out.apqFirst = (await persisted().query({ query: persistedQuery })).data.viewer.email;
out.apqFirstSent = sent;
sent = [];
out.apqSecond = (await persisted().query({ query: persistedQuery })).data.viewer.email;
out.apqSecondSent = sent;

// urql: the package's client, and @urql/core with its defaults.
const urql = createApiClient({ url, token });
out.urqlViewer = (await urql.query(ViewerDocument, {}).toPromise()).data?.viewer?.email;
const plainUrql = new UrqlClient({ url, exchanges: [fetchExchange], fetchOptions: { headers: auth } });
const plain = await plainUrql.query(ViewerDocument, {}).toPromise();
out.plainUrqlViewer = plain.data?.viewer?.email ?? String(plain.error);

console.log(JSON.stringify(out));
`;

// The same from TypeScript, checked against the package's declarations.
const TYPED_TOOL = `
import { createRingClient, RingClientError, ViewerDocument, NewAppPage_CreateAppDocument, possibleTypes, typePolicies, type RingClient } from '@ring/client';
import { createApiClient } from '@ring/client/urql';

const ring: RingClient = createRingClient({ url: 'http://localhost/graphql', token: 'rat_x' });
export async function main(): Promise<string | undefined> {
  const { viewer } = await ring.request(ViewerDocument);
  const created = await ring.request(NewAppPage_CreateAppDocument, { input: { name: 'x', acceptCompliance: true } });
  if (created.createApp.__typename === 'CreateAppSuccess') created.createApp.app.id.toString();
  // @ts-expect-error: a required variable is missing.
  await ring.request(NewAppPage_CreateAppDocument, {});
  // @ts-expect-error: the typed data has no such field.
  viewer?.password;
  const error = new RingClientError('UNAUTHENTICATED', 'Sign in first.', 200);
  const code: string = error.code;
  void [code, error.errors[0]?.extensions?.code, possibleTypes.AppResult, typePolicies.PageInfo.merge, createApiClient];
  return viewer?.email;
}
`;

const run = (command: string, args: string[], cwd: string) => {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
};

describe('the @ring/client package, installed from its tarball', { timeout: 120_000 }, () => {
  let server: RunningServer;
  let tool: string;

  beforeAll(async () => {
    // npm test builds it (turbo's build); run alone, build it here.
    if (!existsSync(join(libDir, 'package.json'))) execFileSync(process.execPath, [join(clientDir, 'scripts/build.mjs')], { stdio: 'inherit' });
    tool = mkdtempSync(join(tmpdir(), 'ring-sdk-tool-'));
    const [packed] = JSON.parse(run('npm', ['pack', libDir, '--json', '--pack-destination', tool], tool)) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    expect(packed!.files.map((file) => file.path)).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'index.js', 'index.d.ts', 'urql.js', 'generated/graphql.js', 'generated/graphql.d.ts']),
    );
    writeFileSync(join(tool, 'package.json'), JSON.stringify({ name: 'ring-sdk-tool', private: true, type: 'module' }));
    const [started] = await Promise.all([
      startServer({ DATABASE_URL: process.env.DATABASE_URL!, SECRETS_KEY: process.env.SECRETS_KEY!, DATA_DIR: join(tool, '.data'), MEDIA_STORAGE: 'local' }),
      new Promise<void>((resolve, reject) => {
        try {
          run('npm', ['install', '--prefer-offline', '--no-package-lock', `./${packed!.filename}`, ...CONSUMER_DEPENDENCIES], tool);
          resolve();
        } catch (error) {
          reject(error);
        }
      }),
    ]);
    server = started;
    writeFileSync(join(tool, 'main.png'), png(1024, 1024, { seed: 1 }));
    writeFileSync(join(tool, 'thumbnail.png'), png(1024, 1024, { seed: 2 }));
    writeFileSync(join(tool, 'second.png'), png(1024, 1024, { seed: 3 }));
    writeFileSync(join(tool, 'tool.mjs'), TOOL);
    writeFileSync(join(tool, 'typed.ts'), TYPED_TOOL);
  });
  afterAll(async () => {
    await server?.stop();
    if (tool) rmSync(tool, { recursive: true, force: true });
  });

  it('installs as a plain npm package: no workspace dependencies, JavaScript and declarations', () => {
    const manifest = JSON.parse(readFileSync(join(tool, 'node_modules/@ring/client/package.json'), 'utf8'));
    expect(manifest.private).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
    expect(manifest.exports['.']).toEqual({ types: './index.d.ts', default: './index.js' });
    // The consumer's TypeScript against the declarations (the workspace's compiler, the tool's node_modules).
    writeFileSync(
      join(tool, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['typed.ts'],
      }),
    );
    const tsc = createRequire(join(clientDir, 'package.json')).resolve('typescript/bin/tsc');
    const checked = spawnSync(process.execPath, [tsc, '-p', tool], { cwd: tool, encoding: 'utf8' });
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.status).toBe(0);
  });

  it('from plain Node: signs in, makes an API token, runs typed documents, uploads a path, a Buffer and a Blob; Apollo and urql work with it', () => {
    const email = `sdk-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
    const result = spawnSync(process.execPath, ['tool.mjs'], {
      cwd: tool,
      encoding: 'utf8',
      env: { ...process.env, RING_URL: `${server.baseUrl}/graphql`, RING_EMAIL: email },
    });
    if (result.status !== 0) throw new Error(`the tool failed:\n${result.stdout}\n${result.stderr}`);
    const out = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    const mediaUrl = expect.stringMatching(new RegExp(`^${server.baseUrl}/media/[0-9a-f-]{36}$`));
    expect(out).toEqual({
      signUp: 'SignUpSuccess',
      signIn: 'SignInSuccess',
      viewer: email,
      badToken: { isRingClientError: true, code: 'UNAUTHENTICATED', status: expect.any(Number), message: expect.any(String) },
      createApp: 'CreateAppSuccess',
      upload: { mainImage: mediaUrl, thumbnail: mediaUrl, additional: 1 },
      mainImageServed: { status: 200, type: 'image/png', bytes: png(1024, 1024, { seed: 1 }).byteLength },
      apolloError: { __typename: 'NotFoundError', message: expect.stringMatching(/./) },
      apolloViewer: email,
      apqFirst: email,
      apqFirstSent: ['hash', 'hash+query'],
      apqSecond: email,
      apqSecondSent: ['hash'],
      urqlViewer: email,
      plainUrqlViewer: email,
    });
  });
});
