/** A tiny HTTPS client trusting one certificate, and a stand-in for Ring's OAuth and API hosts. */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:https';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createNonce } from '@ring/webhooks';
import { selfSignedCertificate } from '../src/tls.ts';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export function call(url: string, ca: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, ca }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text: Buffer.concat(chunks).toString('utf8') }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

export const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

export interface RingCall {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

/**
 * What the documents say Ring does, reduced to what these tests need: codes it issued exchange
 * once for tokens with the right client id and secret (anything else is OAuth `invalid_grant`),
 * users/me names the token's account, and app-integrations records the POST and PATCH it gets.
 */
export async function startFakeRing(credentials: { clientId: string; clientSecret: string; hmacKey: string }) {
  const tls = await selfSignedCertificate();
  const codes = new Map<string, string>();
  const accessTokens = new Map<string, string>();
  const calls: RingCall[] = [];
  const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) });

  function answer(method: string, path: string, authorization: string | undefined, body: string) {
    if (method === 'POST' && path === '/oauth/token') {
      const fields = new URLSearchParams(body);
      const accountId = codes.get(fields.get('code') ?? '');
      if (fields.get('client_id') !== credentials.clientId || fields.get('client_secret') !== credentials.clientSecret)
        return json(401, { error: 'invalid_client' });
      if (fields.get('grant_type') !== 'authorization_code' || !accountId) return json(400, { error: 'invalid_grant', error_description: 'unknown code' });
      codes.delete(fields.get('code')!);
      const accessToken = randomUUID();
      accessTokens.set(accessToken, accountId);
      return json(200, { access_token: accessToken, refresh_token: randomUUID(), scope: 'read', expires_in: 14400, token_type: 'Bearer' });
    }
    const accountId = accessTokens.get(authorization?.replace(/^Bearer /, '') ?? '');
    if (!accountId) return json(401, { error: 'invalid_token' });
    if (method === 'GET' && path === '/v1/users/me') return json(200, { account_id: accountId });
    if (method === 'POST' && path === '/v1/accounts/me/app-integrations') return json(201, { status: 'awaiting' });
    if (method === 'PATCH' && path === '/v1/accounts/me/app-integrations') return json(200, { status: 'completed' });
    return json(404, { error: 'not_found' });
  }

  const server = createServer(tls, (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = new URL(incoming.url ?? '/', 'https://ring.invalid').pathname;
      calls.push({ method: incoming.method ?? '', path, authorization: incoming.headers.authorization, body });
      const { status, body: answerBody } = answer(incoming.method ?? '', path, incoming.headers.authorization, body);
      outgoing.writeHead(status, { 'Content-Type': 'application/json' }).end(answerBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `https://127.0.0.1:${port}`,
    caPem: tls.cert,
    calls,
    /** A new Ring account installs the app: a code Ring would POST to the Token Exchange URL. */
    issueCode() {
      const code = randomUUID();
      const accountId = `ava1.ring.account.${randomUUID().replaceAll('-', '')}`;
      codes.set(code, accountId);
      return { code, accountId };
    },
    /** The `time` and `nonce` Ring adds to the Account Link URL for this account. */
    linkParameters(accountId: string, time = Date.now()) {
      return { time: String(time), nonce: createNonce(String(time), accountId, credentials.hmacKey) };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
