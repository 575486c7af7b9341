/**
 * The example partner over real HTTPS, against a stand-in for Ring's OAuth and API hosts
 * (test/support.ts). The flow against the console's own sandbox is tested where the two meet.
 */
import { createServer } from 'node:net';
import { sign } from '@ring/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_USER, LINK_MAX_AGE_MS, type Partner, startPartner } from '../src/index.ts';
import { call, form, startFakeRing } from './support.ts';

const credentials = { clientId: 'client-id-for-tests', clientSecret: 'client-secret-for-tests', hmacKey: 'hmac+key/with=base64-looking/characters' };

let ring: Awaited<ReturnType<typeof startFakeRing>>;
let partner: Partner;
const logged: string[] = [];

beforeAll(async () => {
  ring = await startFakeRing(credentials);
  partner = await startPartner({ ...credentials, ringApiBaseUrl: ring.baseUrl, ringCaPem: ring.caPem, log: (line) => logged.push(line) });
}, 30_000);
afterAll(async () => {
  await partner?.close();
  await ring?.close();
});

const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
};

/** Ring's half of the install: a code posted to the Token Exchange URL. */
async function installApp() {
  const { code, accountId } = ring.issueCode();
  const answer = await call(partner.urls.tokenExchangeUrl, partner.caPem, form({ code }));
  expect(answer.status).toBe(200);
  return accountId;
}

const signIn = (fields: Record<string, string>) =>
  call(partner.urls.authorizationUrl, partner.caPem, form({ email: DEFAULT_DEMO_USER.email, password: DEFAULT_DEMO_USER.password, ...fields }));

function motionEvent() {
  return JSON.stringify({
    meta: { version: '1.1', time: '2026-11-27T15:26:13.123456789Z', request_id: crypto.randomUUID(), account_id: 'ava1.ring.account.5e0d3b7a9c1f2e4d' },
    data: {
      id: 'ava1.ring.device.0a1b2c3d4e5f6a7b_human_1764257173123',
      type: 'motion_detected',
      subType: 'human',
      attributes: { source: 'ava1.ring.device.0a1b2c3d4e5f6a7b', source_type: 'devices', timestamp: 1764257173123 },
      relationships: { devices: { links: { self: '/v1/devices/ava1.ring.device.0a1b2c3d4e5f6a7b' } } },
    },
  });
}

describe('Webhook URL', () => {
  it('accepts an event signed by @ring/webhooks with 200 and logs its type afterwards', async () => {
    const body = motionEvent();
    const answer = await call(partner.urls.webhookUrl, partner.caPem, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Signature': sign(body, credentials.hmacKey) },
      body,
    });
    expect(answer.status).toBe(200);
    const requestId = JSON.parse(body).meta.request_id;
    expect(await waitFor(() => partner.events.some((event) => event.requestId === requestId))).toBe(true);
    expect(logged.some((line) => line.includes('webhook: motion_detected/human') && line.includes(requestId))).toBe(true);
  });

  it('refuses with 401 the same event with one byte changed, and never processes it', async () => {
    const body = Buffer.from(motionEvent());
    const signature = sign(body, credentials.hmacKey);
    const changed = Buffer.from(body);
    changed[changed.indexOf('human')] = 'H'.charCodeAt(0);
    const answer = await call(partner.urls.webhookUrl, partner.caPem, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Signature': signature },
      body: changed,
    });
    expect(answer.status).toBe(401);
    const unsigned = await call(partner.urls.webhookUrl, partner.caPem, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(partner.events.some((event) => event.requestId === JSON.parse(body.toString()).meta.request_id)).toBe(false);
  });

  it('processes a redelivered event (same request_id) once', async () => {
    const body = motionEvent();
    const requestId = JSON.parse(body).meta.request_id;
    for (let i = 0; i < 2; i++) {
      const answer = await call(partner.urls.webhookUrl, partner.caPem, { method: 'POST', headers: { 'X-Signature': sign(body, credentials.hmacKey) }, body });
      expect(answer.status).toBe(200);
    }
    expect(await waitFor(() => logged.some((line) => line.includes(requestId) && line.includes('redelivery')))).toBe(true);
    expect(partner.events.filter((event) => event.requestId === requestId)).toHaveLength(1);
  });
});

describe('Token Exchange URL', () => {
  it('answers 4xx for a code Ring does not know, form-encoded or JSON, and stores nothing', async () => {
    const before = partner.tokens.unclaimed().length;
    const formAnswer = await call(partner.urls.tokenExchangeUrl, partner.caPem, form({ code: 'not-a-code-ring-issued' }));
    expect(formAnswer.status).toBe(400);
    expect(JSON.parse(formAnswer.text).error).toBe('invalid_grant');
    const jsonAnswer = await call(partner.urls.tokenExchangeUrl, partner.caPem, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: 'not-a-code-ring-issued' }),
    });
    expect(jsonAnswer.status).toBe(400);
    expect(partner.tokens.unclaimed()).toHaveLength(before);
  });

  it('answers 400 naming the field when there is no code', async () => {
    const answer = await call(partner.urls.tokenExchangeUrl, partner.caPem, form({}));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error_description).toContain('code');
  });

  it('exchanges a code Ring issued (JSON body) and keeps the tokens as UNCLAIMED for the account users/me names', async () => {
    const { code, accountId } = ring.issueCode();
    const answer = await call(partner.urls.tokenExchangeUrl, partner.caPem, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(answer.status).toBe(200);
    const exchange = ring.calls.find((recorded) => recorded.path === '/oauth/token' && recorded.body.includes(code))!;
    expect(Object.fromEntries(new URLSearchParams(exchange.body))).toEqual({
      grant_type: 'authorization_code',
      code,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
    expect(partner.tokens.unclaimed().filter((token) => token.accountId === accountId)).toHaveLength(1);
    expect(logged.join('\n')).not.toContain(code);
  });

  it('answers 502, not 2xx, when Ring cannot be reached (a closed port)', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const isolated = await startPartner({ ...credentials, ringApiBaseUrl: `https://127.0.0.1:${closedPort}`, log: () => {} });
    try {
      const answer = await call(isolated.urls.tokenExchangeUrl, isolated.caPem, form({ code: 'any' }));
      expect(answer.status).toBe(502);
    } finally {
      await isolated.close();
    }
  }, 15_000);
});

describe('Authorization URL (Account Link URL)', () => {
  it('answers GET with the sign-in form (2xx), with or without Ring parameters', async () => {
    const bare = await call(partner.urls.authorizationUrl, partner.caPem);
    expect(bare.status).toBe(200);
    expect(bare.text).toContain('<form method="post">');
    const withParameters = await call(`${partner.urls.authorizationUrl}?time=1764257173123&nonce=${'a'.repeat(43)}`, partner.caPem);
    expect(withParameters.text).toContain('value="1764257173123"');
  });

  it('links on sign-in: POSTs the nonce, PATCHes completed with the stored access token, claims the token, redirects to the App Homepage URL', async () => {
    const accountId = await installApp();
    const { time, nonce } = ring.linkParameters(accountId);
    const answer = await signIn({ time, nonce });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(partner.urls.appHomepageUrl);

    const token = partner.tokens.claimedBy(DEFAULT_DEMO_USER.email).find((claimed) => claimed.accountId === accountId)!;
    const integrationCalls = ring.calls.filter(
      (recorded) => recorded.path === '/v1/accounts/me/app-integrations' && recorded.authorization === `Bearer ${token.accessToken}`,
    );
    expect(integrationCalls.map((recorded) => recorded.method)).toEqual(['POST', 'PATCH']);
    expect(JSON.parse(integrationCalls[0]!.body).nonce).toBe(nonce);
    expect(JSON.parse(integrationCalls[1]!.body)).toEqual({ status: 'completed' });

    const homepage = await call(partner.urls.appHomepageUrl, partner.caPem);
    expect(homepage.status).toBe(200);
    expect(homepage.text).toContain(accountId);
  });

  it('refuses a wrong nonce with an error page and calls Ring for nothing', async () => {
    const accountId = await installApp();
    const { time } = ring.linkParameters(accountId);
    const otherKeysNonce = ring.linkParameters(accountId, Number(time) + 1).nonce;
    const callsBefore = ring.calls.length;
    const answer = await signIn({ time, nonce: otherKeysNonce });
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('This link is not valid');
    expect(ring.calls).toHaveLength(callsBefore);
    expect(partner.tokens.unclaimed().some((token) => token.accountId === accountId)).toBe(true);
  });

  it('refuses a nonce whose token is already claimed', async () => {
    const accountId = await installApp();
    const parameters = ring.linkParameters(accountId);
    expect((await signIn(parameters)).status).toBe(303);
    const callsBefore = ring.calls.length;
    const again = await signIn(parameters);
    expect(again.status).toBe(403);
    expect(again.text).toContain('already used');
    expect(ring.calls).toHaveLength(callsBefore);
  });

  it('refuses a link older than an hour, and takes one just inside', async () => {
    const staleAccount = await installApp();
    const stale = await signIn(ring.linkParameters(staleAccount, Date.now() - LINK_MAX_AGE_MS - 1_000));
    expect(stale.status).toBe(403);
    expect(stale.text).toContain('expired');
    const freshAccount = await installApp();
    expect((await signIn(ring.linkParameters(freshAccount, Date.now() - LINK_MAX_AGE_MS + 60_000))).status).toBe(303);
  });

  it('answers a time beyond any date with a 400 page, not a 500', async () => {
    const answer = await signIn({ time: '9999999999999999', nonce: 'a'.repeat(43) });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('This link is incomplete');
  });

  it('asks again for a wrong password, and reveals nothing about the link', async () => {
    const accountId = await installApp();
    const answer = await signIn({ ...ring.linkParameters(accountId), password: 'not-the-password' });
    expect(answer.status).toBe(401);
    expect(answer.text).toContain('The email or password is wrong.');
    expect(partner.tokens.unclaimed().some((token) => token.accountId === accountId)).toBe(true);
  });
});
