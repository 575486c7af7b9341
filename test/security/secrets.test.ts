/**
 * No plaintext secret at rest or in a log line. The flow (sign up, issue an API token, create
 * an app, reissue its credentials) runs twice: over real HTTP against the built server, whose
 * stdout and stderr are captured, and in-process through yoga.fetch while this process's own
 * stdout and stderr are captured. Then every row of every table and every captured log line is
 * searched for each plaintext the API handed out.
 *
 * To cover a new operation that hands out a secret, add a step to STEPS: a function that runs
 * it with `call` and pushes the plaintexts it received onto `state.secrets`; then list it in
 * STEPS (one line) and count its secrets in runFlow's check. Steps for operations that do not
 * exist in the schema skip themselves.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, schema } from '@ring/api';
import { prisma } from '@ring/db';
import { api, PASSWORD, uniqueEmail } from '../support/api.ts';
import { dumpDatabase } from '../support/dump.ts';
import { startServer, type RunningServer } from '../support/server.ts';

// biome-ignore lint/suspicious/noExplicitAny: hand-written queries' raw answers, read by path (typed documents would hide what is sent).
type Call = (query: string, variables?: Record<string, unknown>) => Promise<{ data?: any; errors?: unknown[]; setCookie: string | null }>;

interface FlowState {
  email: string;
  secrets: string[];
  appId?: string;
}

type Step = (call: Call, state: FlowState) => Promise<void>;

const mutationExists = (name: string) => Boolean(schema.getMutationType()?.getFields()[name]);

const signUp: Step = async (call, state) => {
  const result = await call('mutation($input: SignUpInput!) { signUp(input: $input) { __typename } }', {
    input: { email: state.email, password: PASSWORD, name: 'Secret Keeper' },
  });
  expect(result.data?.signUp.__typename).toBe('SignUpSuccess');
  const session = /ring_session=([^;]+)/.exec(result.setCookie ?? '')?.[1];
  expect(session).toBeTruthy();
  state.secrets.push(PASSWORD, session!);
};

const issueApiToken: Step = async (call, state) => {
  const result = await call('mutation { createApiToken(input: { name: "secrets scan" }) { __typename ... on CreateApiTokenSuccess { token } } }');
  expect(result.data?.createApiToken.__typename).toBe('CreateApiTokenSuccess');
  state.secrets.push(result.data.createApiToken.token);
};

const createApp: Step = async (call, state) => {
  if (!mutationExists('createApp')) return;
  const result = await call(
    `mutation { createApp(input: { name: "Secrets scan app", acceptCompliance: true }) {
      __typename ... on CreateAppSuccess { app { id } credentials { clientSecret hmacSignatureKey csv } } } }`,
  );
  expect(result.data?.createApp.__typename).toBe('CreateAppSuccess');
  const { credentials, app } = result.data.createApp;
  state.appId = app.id;
  state.secrets.push(credentials.clientSecret, credentials.hmacSignatureKey);
};

const reissueCredentials: Step = async (call, state) => {
  if (!mutationExists('reissueCredentials') || !state.appId) return;
  // Support staff reissue; this developer becomes one for the occasion.
  await prisma.developer.update({ where: { email: state.email }, data: { role: 'SUPPORT' } });
  const result = await call(
    `mutation($input: ReissueCredentialsInput!) { reissueCredentials(input: $input) {
      __typename ... on ReissueCredentialsSuccess { credentials { clientSecret hmacSignatureKey } } } }`,
    { input: { appId: state.appId, reason: 'Developer lost the client secret' } },
  );
  expect(result.data?.reissueCredentials.__typename).toBe('ReissueCredentialsSuccess');
  state.secrets.push(result.data.reissueCredentials.credentials.clientSecret, result.data.reissueCredentials.credentials.hmacSignatureKey);
};

const STEPS: Step[] = [signUp, issueApiToken, createApp, reissueCredentials];

/** Runs the flow with a cookie jar of one cookie, as a browser would. */
async function runFlow(send: (body: string, cookie: string | null) => Promise<Response>): Promise<string[]> {
  let cookie: string | null = null;
  const call: Call = async (query, variables = {}) => {
    const response = await send(JSON.stringify({ query, variables }), cookie);
    const setCookie = response.headers.get('set-cookie');
    const session = /ring_session=[^;]+/.exec(setCookie ?? '')?.[0];
    if (session) cookie = session;
    return { ...((await response.json()) as object), setCookie };
  };
  const state: FlowState = { email: uniqueEmail('secrets'), secrets: [] };
  for (const step of STEPS) await step(call, state);
  // Every step that exists ran: password, session, API token, then two per credentials issue.
  expect(state.secrets).toHaveLength(3 + (mutationExists('createApp') ? 2 : 0) + (mutationExists('reissueCredentials') ? 2 : 0));
  return state.secrets;
}

function expectNoneIn(haystack: string, secrets: string[], where: string) {
  for (const secret of secrets) {
    expect(secret.length, 'a secret worth searching for').toBeGreaterThanOrEqual(10);
    expect(haystack.includes(secret), `a plaintext secret (${secret.slice(0, 6)}...) appears in ${where}`).toBe(false);
  }
}

const headers = (cookie: string | null) => ({
  'content-type': 'application/json',
  [CSRF_HEADER]: '1',
  ...(cookie ? { cookie } : {}),
});

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ DATABASE_URL: process.env.DATABASE_URL!, DATA_DIR: mkdtempSync(join(tmpdir(), 'ring-secrets-')), LOG_LEVEL: 'debug' });
});
afterAll(async () => {
  await server?.stop();
});

describe('secrets at rest and in logs', () => {
  it('over real HTTP: no plaintext in any table or in the server output', async () => {
    const secrets = await runFlow((body, cookie) => fetch(`${server.baseUrl}/graphql`, { method: 'POST', headers: headers(cookie), body }));
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    // Let the last request log lines land.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const output = server.output();
    expect(output).toMatch(/"msg":"request"/);
    expectNoneIn(output, secrets, 'the server output');
    expectNoneIn(JSON.stringify(await dumpDatabase()), secrets, 'the database');
  });

  it('in-process: no plaintext in what this process writes to stdout/stderr, nor in any table', async () => {
    let written = '';
    const original = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
    const capture = (forward: typeof original.out) =>
      ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        written += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        return (forward as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof process.stdout.write;
    process.stdout.write = capture(original.out);
    process.stderr.write = capture(original.err);
    let secrets: string[];
    try {
      secrets = await runFlow((body, cookie) =>
        Promise.resolve(api.fetch('http://yoga/graphql', { method: 'POST', headers: headers(cookie), body }, { clientAddress: '127.0.0.1' })),
      );
    } finally {
      process.stdout.write = original.out;
      process.stderr.write = original.err;
    }
    expectNoneIn(written, secrets, 'the in-process output');
    expectNoneIn(JSON.stringify(await dumpDatabase()), secrets, 'the database');
  });
});
