/**
 * The sandbox Ring API under /sandbox: the calls a partner backend makes to Ring during one-way
 * account linking (RING.md), answered as Ring answers them, so the partner's real code path
 * runs against us before Ring. Each call is tied to a link rehearsal (by its code or token) and
 * recorded on it with its time and, when refused, why.
 *
 * Plain HTTP (a Fetch Request in, a Response out), so every host mounts it the same way.
 * Codes and tokens are never logged: the server logs paths only.
 */
import { prisma } from '@ring/db';
import { CODE_LIFETIME_MS } from '@ring/domain';
import { createNonce, verifyNonce } from '@ring/webhooks';
import { describeError, log } from '../../observability/logger.ts';
import { appOfClientId, hmacKeyForApp, verifyClientSecret } from '../credentials/credentials.service.ts';
import { claimCode, rehearsalByCode, rehearsalById } from '../link-rehearsals/link-rehearsals.service.ts';
import { advanceRehearsal } from '../link-rehearsals/rehearsal.record.ts';
import { takeSandboxAllowance } from '../link-rehearsals/sandbox-allowance.ts';
import { basicChallenge, json, oauthError, rateLimited } from './oauth-answers.ts';
import { findToken, issueTokens, useRefreshToken } from './sandbox.tokens.ts';

export const SANDBOX_PREFIX = '/sandbox';
/** Far more than any of these bodies needs. */
export const MAX_SANDBOX_BODY_BYTES = 16 * 1024;

type Fields = Record<string, string>;

class BadRequest extends Error {}

/** The body as fields, from JSON (as Ring's page shows) or a form (OAuth 2.0) alike. */
async function readFields(request: Request): Promise<Fields> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > MAX_SANDBOX_BODY_BYTES) throw new BadRequest(`The body is larger than ${MAX_SANDBOX_BODY_BYTES} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_SANDBOX_BODY_BYTES) throw new BadRequest(`The body is larger than ${MAX_SANDBOX_BODY_BYTES} bytes.`);
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new BadRequest('The body is not valid JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BadRequest('The JSON body must be an object.');
    return Object.fromEntries(
      Object.entries(parsed).flatMap(([key, value]) => (typeof value === 'string' || typeof value === 'number' ? [[key, String(value)]] : [])),
    );
  }
  if (text.length === 0) return {};
  throw new BadRequest('Send the body as application/json or application/x-www-form-urlencoded.');
}

export async function handleSandboxRequest(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.slice(SANDBOX_PREFIX.length).replace(/\/+$/, '');
  try {
    if (path === '/oauth/token') return request.method === 'POST' ? await token(request) : notAllowed('POST');
    if (path === '/v1/users/me') return request.method === 'GET' ? await usersMe(request) : notAllowed('GET');
    if (path === '/v1/accounts/me/app-integrations') {
      if (request.method === 'POST') return await postIntegration(request);
      if (request.method === 'PATCH') return await patchIntegration(request);
      return notAllowed('POST, PATCH');
    }
    return oauthError(
      'not_found',
      'The sandbox Ring API has POST /sandbox/oauth/token, GET /sandbox/v1/users/me and POST and PATCH /sandbox/v1/accounts/me/app-integrations.',
    );
  } catch (error) {
    if (error instanceof BadRequest) return oauthError('invalid_request', error.message);
    log('error', 'sandbox request failed', { path, cause: describeError(error) });
    return json(500, { error: 'server_error', error_description: 'Unexpected error.' });
  }
}

const notAllowed = (allow: string) => oauthError('method_not_allowed', `Use ${allow}.`, { Allow: allow });

function clientCredentials(request: Request, fields: Fields): { clientId?: string; clientSecret?: string; basic: boolean } {
  const header = request.headers.get('authorization') ?? '';
  if (/^basic /i.test(header)) {
    // RFC 6749 §2.3.1: form-urlencoded id and secret joined by a colon.
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      const decode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));
      return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)), basic: true };
    }
  }
  return { clientId: fields.client_id, clientSecret: fields.client_secret, basic: false };
}

async function token(request: Request): Promise<Response> {
  const fields = await readFields(request);
  const grantType = fields.grant_type;
  if (!grantType) return oauthError('invalid_request', 'grant_type is required: authorization_code or refresh_token.');
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    return oauthError('unsupported_grant_type', `grant_type "${grantType.slice(0, 40)}" is not supported: use authorization_code or refresh_token.`);
  }
  const { clientId, clientSecret, basic } = clientCredentials(request, fields);
  const challenge = basic ? basicChallenge() : {};
  if (!clientId || !clientSecret)
    return oauthError('invalid_client', 'client_id and client_secret are required (the app’s Client ID and Client Secret).', challenge);
  const credential = await appOfClientId(clientId);
  if (!credential) return oauthError('invalid_client', 'No app has this client_id.', challenge);
  const allowance = await takeSandboxAllowance(credential.appId, credential.developerId);
  if (!allowance.granted) return rateLimited(allowance.message, allowance.retryAfterSeconds);

  if (grantType === 'authorization_code') return exchangeCode(fields, credential.appId, clientId, clientSecret, challenge);
  return refresh(fields, credential.appId, clientId, clientSecret, challenge);
}

async function exchangeCode(fields: Fields, appId: string, clientId: string, clientSecret: string, challenge: Record<string, string>): Promise<Response> {
  const code = fields.code;
  if (!code) return oauthError('invalid_request', 'code is required with grant_type authorization_code.');
  const rehearsal = await rehearsalByCode(code);
  // Another app's code is as unknown to this client as one never issued.
  const ours = rehearsal && rehearsal.appId === appId ? rehearsal : null;
  if (!(await verifyClientSecret(clientId, clientSecret))) {
    if (ours) await advanceRehearsal(ours.id, { kind: 'CODE_EXCHANGED', ok: false, message: 'The code was presented with the wrong client secret.' });
    return oauthError('invalid_client', 'The client secret is wrong.', challenge);
  }
  if (!ours) return oauthError('invalid_grant', 'The code is unknown: it was never issued to this app.');
  const elapsedMs = Date.now() - ours.codeSentAt.getTime();
  const elapsed = `${Math.round(elapsedMs / 1000)} s`;
  if (ours.codeUsedAt) {
    await advanceRehearsal(ours.id, { kind: 'CODE_EXCHANGED', ok: false, message: `The code was presented again after ${elapsed}; codes are single-use.` });
    return oauthError('invalid_grant', 'The code was already exchanged; codes are single-use.');
  }
  if (elapsedMs > CODE_LIFETIME_MS) {
    await advanceRehearsal(ours.id, {
      kind: 'CODE_EXCHANGED',
      ok: false,
      message: `The code was exchanged after ${elapsed}; Ring allows ${CODE_LIFETIME_MS / 1000} s.`,
      status: 'FAILED',
    });
    return oauthError('invalid_grant', `The code expired: codes must be exchanged within ${CODE_LIFETIME_MS / 1000} s.`);
  }
  const answer = await prisma.$transaction(async (tx) => {
    if (!(await claimCode(tx, ours.id))) return null;
    const tokens = await issueTokens(tx, ours.id);
    await advanceRehearsal(
      ours.id,
      { kind: 'CODE_EXCHANGED', ok: true, message: `The code was exchanged after ${elapsed}.`, status: 'CODE_EXCHANGED', onlyFrom: ['CODE_SENT'] },
      tx,
    );
    return tokens;
  });
  if (!answer) return oauthError('invalid_grant', 'The code was already exchanged; codes are single-use.');
  return json(200, answer);
}

async function refresh(fields: Fields, appId: string, clientId: string, clientSecret: string, challenge: Record<string, string>): Promise<Response> {
  const presented = fields.refresh_token;
  if (!presented) return oauthError('invalid_request', 'refresh_token is required with grant_type refresh_token.');
  const found = await findToken(prisma, 'REFRESH', presented);
  const ours = found && found.rehearsal.appId === appId ? found : null;
  if (!(await verifyClientSecret(clientId, clientSecret))) {
    if (ours)
      await advanceRehearsal(ours.rehearsalId, {
        kind: 'TOKEN_REFRESHED',
        ok: false,
        message: 'The refresh token was presented with the wrong client secret.',
      });
    return oauthError('invalid_client', 'The client secret is wrong.', challenge);
  }
  if (!ours) return oauthError('invalid_grant', 'The refresh token is unknown.');
  if (ours.expiresAt.getTime() <= Date.now()) {
    await advanceRehearsal(ours.rehearsalId, { kind: 'TOKEN_REFRESHED', ok: false, message: 'An expired refresh token was presented (they last 30 days).' });
    return oauthError('invalid_grant', 'The refresh token expired (refresh tokens last 30 days).');
  }
  const answer = await prisma.$transaction(async (tx) => {
    if (!(await useRefreshToken(tx, ours.id))) return null;
    const tokens = await issueTokens(tx, ours.rehearsalId);
    await advanceRehearsal(
      ours.rehearsalId,
      { kind: 'TOKEN_REFRESHED', ok: true, message: 'The tokens were refreshed; the old refresh token no longer works.' },
      tx,
    );
    return tokens;
  });
  if (!answer) {
    await advanceRehearsal(ours.rehearsalId, {
      kind: 'TOKEN_REFRESHED',
      ok: false,
      message: 'A refresh token was presented again; each is single-use (rotated on use).',
    });
    return oauthError('invalid_grant', 'The refresh token was already used; use the one the last refresh returned.');
  }
  return json(200, answer);
}

type Authorized = { ok: true; rehearsalId: string; accountId: string; appId: string } | { ok: false; response: Response };

/** The access token of `Authorization: Bearer`, checked and counted against the allowance. */
async function bearer(request: Request, kind: 'ACCOUNT_FETCHED' | 'INTEGRATION_POSTED' | 'INTEGRATION_COMPLETED'): Promise<Authorized> {
  const header = request.headers.get('authorization') ?? '';
  const match = /^bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return { ok: false, response: oauthError('invalid_token', 'Send the access token as Authorization: Bearer <access_token>.') };
  const found = await findToken(prisma, 'ACCESS', match[1]!);
  if (!found) return { ok: false, response: oauthError('invalid_token', 'The access token is unknown.') };
  const allowance = await takeSandboxAllowance(found.rehearsal.appId, found.rehearsal.app.developerId);
  if (!allowance.granted) return { ok: false, response: rateLimited(allowance.message, allowance.retryAfterSeconds) };
  if (found.expiresAt.getTime() <= Date.now()) {
    await advanceRehearsal(found.rehearsalId, { kind, ok: false, message: 'An expired access token was presented (they last 4 hours); refresh it first.' });
    return { ok: false, response: oauthError('invalid_token', 'The access token expired (access tokens last 4 hours); use the refresh token.') };
  }
  return { ok: true, rehearsalId: found.rehearsalId, accountId: found.rehearsal.accountId, appId: found.rehearsal.appId };
}

async function usersMe(request: Request): Promise<Response> {
  const auth = await bearer(request, 'ACCOUNT_FETCHED');
  if (!auth.ok) return auth.response;
  const rehearsal = await rehearsalById(auth.rehearsalId);
  if (!rehearsal) return oauthError('invalid_token', 'The access token is unknown.');
  const key = await hmacKeyForApp(auth.appId);
  if (!key) return json(500, { error: 'server_error', error_description: 'The app has no HMAC Signature Key.' });
  // Ring's time and nonce for the Account Link URL, made once: the first fetch decides them.
  const time = rehearsal.linkTime ?? String(Date.now());
  const url = new URL(rehearsal.authorizationUrl);
  url.searchParams.set('time', time);
  url.searchParams.set('nonce', createNonce(time, rehearsal.accountId, key));
  await advanceRehearsal(rehearsal.id, {
    kind: 'ACCOUNT_FETCHED',
    ok: true,
    message: 'The partner fetched the Ring account id (GET /v1/users/me); the Account Link URL is ready to open.',
    status: 'ACCOUNT_FETCHED',
    onlyFrom: ['CODE_EXCHANGED'],
    data: { linkTime: time, accountLinkUrl: url.toString() },
  });
  return json(200, { account_id: auth.accountId });
}

async function postIntegration(request: Request): Promise<Response> {
  const auth = await bearer(request, 'INTEGRATION_POSTED');
  if (!auth.ok) return auth.response;
  const fields = await readFields(request);
  const rehearsal = await rehearsalById(auth.rehearsalId);
  if (!rehearsal) return oauthError('invalid_token', 'The access token is unknown.');
  if (!rehearsal.linkTime) {
    await advanceRehearsal(rehearsal.id, {
      kind: 'INTEGRATION_POSTED',
      ok: false,
      message: 'The app integration was POSTed before the account was fetched (GET /v1/users/me).',
    });
    return oauthError('conflict', 'Fetch the account (GET /v1/users/me) and match the nonce of the Account Link URL before creating the integration.');
  }
  const key = await hmacKeyForApp(auth.appId);
  const timeMatches = fields.time === undefined || fields.time === rehearsal.linkTime;
  if (!key || !fields.nonce || !timeMatches || !verifyNonce(fields.nonce, rehearsal.linkTime, rehearsal.accountId, key)) {
    const why = !fields.nonce
      ? 'The app integration was POSTed without the nonce.'
      : !timeMatches
        ? 'The time sent with the nonce is not the time of the Account Link URL.'
        : 'The nonce did not match this account: it must be the one of the Account Link URL the user opened.';
    await advanceRehearsal(rehearsal.id, { kind: 'INTEGRATION_POSTED', ok: false, message: why });
    return oauthError('invalid_request', `${why} Send { "nonce": "<nonce>", "time": "<time>" } as received.`);
  }
  const updated = await advanceRehearsal(rehearsal.id, {
    kind: 'INTEGRATION_POSTED',
    ok: true,
    message: 'The nonce matched; the integration is awaiting (POST /v1/accounts/me/app-integrations).',
    status: 'AWAITING',
    onlyFrom: ['ACCOUNT_FETCHED'],
  });
  const status = updated?.status === 'COMPLETED' ? 'completed' : 'awaiting';
  return json(rehearsal.status === 'ACCOUNT_FETCHED' ? 201 : 200, { account_id: rehearsal.accountId, status });
}

async function patchIntegration(request: Request): Promise<Response> {
  const auth = await bearer(request, 'INTEGRATION_COMPLETED');
  if (!auth.ok) return auth.response;
  const fields = await readFields(request);
  const rehearsal = await rehearsalById(auth.rehearsalId);
  if (!rehearsal) return oauthError('invalid_token', 'The access token is unknown.');
  if (fields.status !== 'completed') {
    await advanceRehearsal(rehearsal.id, { kind: 'INTEGRATION_COMPLETED', ok: false, message: `The PATCH did not set status "completed".` });
    return oauthError('invalid_request', 'Send { "status": "completed" }.');
  }
  if (rehearsal.status !== 'AWAITING' && rehearsal.status !== 'COMPLETED') {
    await advanceRehearsal(rehearsal.id, {
      kind: 'INTEGRATION_COMPLETED',
      ok: false,
      message: 'The PATCH came before the POST: create the integration (POST) first.',
    });
    return oauthError('conflict', 'No integration is awaiting: POST /v1/accounts/me/app-integrations with the nonce first.');
  }
  await advanceRehearsal(rehearsal.id, {
    kind: 'INTEGRATION_COMPLETED',
    ok: true,
    message: 'The integration was completed (PATCH status "completed"); Ring would now send the user to the App Homepage URL.',
    status: 'COMPLETED',
    onlyFrom: ['AWAITING'],
    data: { completedAt: new Date() },
  });
  return json(200, { account_id: rehearsal.accountId, status: 'completed' });
}
