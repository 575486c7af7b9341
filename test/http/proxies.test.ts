/**
 * Client addresses and https behind a reverse proxy (TRUST_PROXY), and sign-in limits shared by
 * several server processes: the built server as `npm start` runs it, over real HTTP.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from '../support/api.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let behindProxy: RunningServer;
let behindProxyToo: RunningServer;
let direct: RunningServer;

beforeAll(async () => {
  const env = (trustProxy?: string) => ({
    DATABASE_URL: process.env.DATABASE_URL!,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'ring-proxy-')),
    ...(trustProxy ? { TRUST_PROXY: trustProxy } : {}),
  });
  [behindProxy, behindProxyToo, direct] = await Promise.all([startServer(env('loopback')), startServer(env('1')), startServer(env())]);
});
afterAll(async () => {
  await Promise.all([behindProxy?.stop(), behindProxyToo?.stop(), direct?.stop()]);
});

type Answer = { __typename: string; retryAfterSeconds?: number };

async function graphql(server: RunningServer, query: string, variables: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { body: (await response.json()) as { data: { signIn: Answer; signUp: Answer } }, headers: response.headers };
}

const SIGN_IN = 'mutation($input: SignInInput!) { signIn(input: $input) { __typename ... on RateLimitedError { retryAfterSeconds } } }';
const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { __typename } }';

async function newAccount(server: RunningServer): Promise<string> {
  const email = uniqueEmail('proxied');
  const signUp = await graphql(server, SIGN_UP, { input: { email, password: PASSWORD, name: 'Proxied' } }, { 'x-forwarded-for': '198.51.100.200' });
  expect(signUp.body.data.signUp.__typename).toBe('SignUpSuccess');
  return email;
}

const signIn = (server: RunningServer, email: string, password: string, forwardedFor: string) =>
  graphql(server, SIGN_IN, { input: { email, password } }, { 'x-forwarded-for': forwardedFor }).then((result) => result.body.data.signIn);

describe('TRUST_PROXY', () => {
  it('set: the address a trusted proxy forwards is the client’s, for the per email+address limit', async () => {
    const email = await newAccount(behindProxy);
    for (let attempt = 1; attempt <= 5; attempt += 1)
      expect((await signIn(behindProxy, email, 'wrong password!', '203.0.113.1')).__typename).toBe('InvalidCredentialsError');
    expect((await signIn(behindProxy, email, 'wrong password!', '203.0.113.1')).__typename).toBe('RateLimitedError');
    expect((await signIn(behindProxy, email, PASSWORD, '203.0.113.2')).__typename).toBe('SignInSuccess');
  });

  it('unset: X-Forwarded-For is not believed (a client cannot pick its own address)', async () => {
    const email = await newAccount(direct);
    for (let attempt = 1; attempt <= 5; attempt += 1)
      expect((await signIn(direct, email, 'wrong password!', `203.0.114.${attempt}`)).__typename).toBe('InvalidCredentialsError');
    expect((await signIn(direct, email, PASSWORD, '203.0.114.99')).__typename).toBe('RateLimitedError');
  });

  it('marks the session cookie Secure when a trusted proxy says the client used https, and only then', async () => {
    const proto = { 'x-forwarded-proto': 'https' };
    const input = () => ({ input: { email: uniqueEmail('secure'), password: PASSWORD, name: 'Secure' } });
    const trusted = await graphql(behindProxy, SIGN_UP, input(), proto);
    expect(trusted.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const byHops = await graphql(behindProxyToo, SIGN_UP, input(), proto);
    expect(byHops.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const plain = await graphql(behindProxy, SIGN_UP, input());
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i);
    const untrusted = await graphql(direct, SIGN_UP, input(), proto);
    expect(untrusted.headers.get('set-cookie')).toMatch(/ring_session=/);
    expect(untrusted.headers.get('set-cookie')).not.toMatch(/Secure/i);
  });
});

describe('sign-in limits across server processes', () => {
  it('counts failures made on two processes together: the 11th attempt is refused on either', async () => {
    const email = await newAccount(behindProxy);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const server = attempt % 2 ? behindProxy : behindProxyToo;
      expect((await signIn(server, email, 'wrong password!', `203.0.115.${attempt}`)).__typename).toBe('InvalidCredentialsError');
    }
    const limited = await signIn(behindProxy, email, PASSWORD, '203.0.115.100');
    expect(limited.__typename).toBe('RateLimitedError');
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
  });
});
