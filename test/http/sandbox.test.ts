/**
 * The sandbox Ring API and the link rehearsal as `npm start` serves them: the compiled server
 * as a real process (with ALLOW_LOCAL_ENDPOINTS and the partner's certificate in EXTRA_CA_FILE),
 * and a partner on loopback HTTPS that runs the whole flow with fetch against /sandbox.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  AccountLinkingPage_SaveDocument,
  LinkRehearsals_AppDocument,
  LinkRehearsals_StartDocument,
  NewAppPage_CreateAppDocument,
  SignUpDocument,
} from '@ring/client';
import { PASSWORD, sessionCookie, uniqueEmail } from '../support/api.ts';
import { graphqlOverHttp } from '../support/graphql-http.ts';
import { startTestPartner, type TestPartner } from '../support/sandbox-partner.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let partner: TestPartner;

beforeAll(async () => {
  partner = await startTestPartner({ sandboxBaseUrl: '', clientId: '', clientSecret: '', hmacKey: '', bodyFormat: 'form', mode: 'exchange' });
  server = await startServer({
    DATABASE_URL: process.env.DATABASE_URL!,
    NODE_ENV: 'development',
    ALLOW_LOCAL_ENDPOINTS: '1',
    EXTRA_CA_FILE: partner.certFile,
  });
  partner.settings.sandboxBaseUrl = server.baseUrl;
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await partner?.close();
});

it('a partner completes the rehearsal on staging and production through /sandbox on the compiled server; no code or token reaches the log', async () => {
  const gql = <R, V>(document: Parameters<typeof graphqlOverHttp<R, V>>[1], variables: V, cookie?: string) =>
    graphqlOverHttp(server.baseUrl, document, variables, cookie);
  const signUp = await gql(SignUpDocument, { input: { email: uniqueEmail('sandbox-http'), password: PASSWORD, name: 'Sandbox' } });
  const cookie = sessionCookie(signUp.headers);
  const created = (await gql(NewAppPage_CreateAppDocument, { input: { name: 'Sandboxed', acceptCompliance: true } }, cookie)).data.createApp;
  if (created.__typename !== 'CreateAppSuccess') throw new Error(JSON.stringify(created));
  const appId = created.app.id;
  Object.assign(partner.settings, {
    clientId: created.credentials.clientId,
    clientSecret: created.credentials.clientSecret,
    hmacKey: created.credentials.hmacSignatureKey,
  });
  for (const environment of ['STAGING', 'PRODUCTION'] as const) {
    const saved = await gql(AccountLinkingPage_SaveDocument, { input: { appId, environment, ...partner.urls() } }, cookie);
    expect(saved.data.saveAccountLinking.__typename).toBe('SaveAccountLinkingSuccess');
  }

  for (const [environment, bodyFormat] of [
    ['STAGING', 'form'],
    ['PRODUCTION', 'json'],
  ] as const) {
    partner.settings.bodyFormat = bodyFormat;
    const started = (await gql(LinkRehearsals_StartDocument, { input: { appId, environment } }, cookie)).data.startLinkRehearsal;
    if (started.__typename !== 'StartLinkRehearsalSuccess') throw new Error(JSON.stringify(started));
    expect(started.rehearsal.status).toBe('ACCOUNT_FETCHED');
    const link = new URL(started.rehearsal.accountLinkUrl!);
    expect(await partner.link(link.searchParams.get('time')!, link.searchParams.get('nonce')!)).toMatchObject({ ok: true });
  }

  const node = (await gql(LinkRehearsals_AppDocument, { id: appId }, cookie)).data.node;
  if (node?.__typename !== 'App') throw new Error('no app');
  expect(node.linkRehearsals.map((r) => [r.environment, r.status])).toEqual([
    ['PRODUCTION', 'COMPLETED'],
    ['STAGING', 'COMPLETED'],
  ]);
  // The rehearsals are done; what remains is the rest of the lifecycle and the test events.
  expect(node.testRequirementsMissing).toEqual([
    'Configure and Build complete (Test opens after them).',
    expect.stringMatching(/^Test events: the staging webhook has not yet answered /),
    'Test events: send at least one to the production webhook and get a 2xx within 5 s.',
  ]);

  const token = partner.answers.find((a) => a.call === 'token')!.body as { access_token: string; refresh_token: string };
  const log = server.output();
  expect(log).toContain('"path":"/sandbox/oauth/token"');
  for (const secret of [...partner.codes, token.access_token, token.refresh_token, created.credentials.clientSecret]) expect(log).not.toContain(secret);
});

it('OAuth-style errors, not pages: an unknown path is a JSON 404 and a wrong method 405', async () => {
  const unknown = await fetch(`${server.baseUrl}/sandbox/v1/devices`);
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get('content-type')).toContain('application/json');
  expect(((await unknown.json()) as { error: string }).error).toBe('not_found');
  const wrongMethod = await fetch(`${server.baseUrl}/sandbox/oauth/token`);
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.headers.get('allow')).toBe('POST');
  // A form post without an Origin (a partner backend) is not taken for a cross-site form.
  const form = await fetch(`${server.baseUrl}/sandbox/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=authorization_code&code=x&client_id=nobody&client_secret=x',
  });
  expect(form.status).toBe(401);
  expect(await form.json()).toEqual({ error: 'invalid_client', error_description: 'No app has this client_id.' });
});
