/**
 * The four calls a partner makes to Ring during account linking, with node:http(s) only.
 *
 * Ring's token endpoint (`https://oauth.ring.com/oauth/token`) and API
 * (`https://api.amazonvision.com`) live on two hosts; the console's sandbox serves both under
 * one base URL, so the OAuth base defaults to the API base.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { RingTokens } from './token-pool.ts';

export interface RingApiOptions {
  apiBaseUrl: string;
  oauthBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Extra certificate(s) to trust for Ring's hosts, e.g. a console served over https with its own certificate. */
  caPem?: string | undefined;
}

/** Ring answered, and refused (an OAuth 2.0 error such as `invalid_grant`, or another 4xx). */
export class RingRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    description: string,
  ) {
    super(`Ring answered ${status} ${code}${description ? `: ${description}` : ''}`);
  }
}

/** Ring could not be reached, answered 5xx, or too late: nothing was decided, so trying again may work. */
export class RingUnavailableError extends Error {}

// Ring's answers are small JSON documents; anything bigger is not Ring talking.
const MAX_ANSWER_BYTES = 64 * 1024;

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

function send(url: URL, method: string, headers: Record<string, string>, body: string | undefined, caPem: string | undefined, signal: AbortSignal) {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Answer>((resolve, reject) => {
    const options = { method, headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, signal };
    const outgoing = request(url, url.protocol === 'https:' && caPem ? { ...options, ca: caPem } : options, (incoming) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) incoming.destroy(new RingUnavailableError(`${url.pathname}: the answer is larger than ${MAX_ANSWER_BYTES} bytes`));
        else chunks.push(chunk);
      });
      incoming.on('error', reject);
      incoming.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> = {};
        try {
          const parsed: unknown = text ? JSON.parse(text) : {};
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
        } catch {
          // Not JSON: judged by the status code alone below.
        }
        resolve({ status: incoming.statusCode ?? 0, json });
      });
    });
    outgoing.on('error', (error) =>
      reject(error instanceof RingUnavailableError ? error : new RingUnavailableError(`${method} ${url.pathname}: ${error.message}`)),
    );
    outgoing.end(body);
  });
}

function judge(answer: Answer, what: string) {
  if (answer.status >= 200 && answer.status < 300) return answer.json;
  if (answer.status >= 400 && answer.status < 500) {
    // OAuth 2.0 error bodies: { error, error_description }.
    const code = typeof answer.json.error === 'string' ? answer.json.error : `HTTP ${answer.status}`;
    const description = typeof answer.json.error_description === 'string' ? answer.json.error_description : '';
    throw new RingRefusedError(answer.status, code, description);
  }
  throw new RingUnavailableError(`${what}: Ring answered ${answer.status}`);
}

function endpoint(base: string, path: string) {
  return new URL(`${base.replace(/\/+$/, '')}${path}`);
}

export function ringApi(options: RingApiOptions) {
  const bearer = (accessToken: string) => ({ Authorization: `Bearer ${accessToken}`, Accept: 'application/json' });
  const json = (accessToken: string) => ({ ...bearer(accessToken), 'Content-Type': 'application/json' });
  return {
    /** `grant_type=authorization_code`, form-encoded as OAuth 2.0 and Ring's reference show it. The code is valid for 60 s only. */
    async exchangeCode(code: string, signal: AbortSignal): Promise<RingTokens> {
      const form = new URLSearchParams({ grant_type: 'authorization_code', code, client_id: options.clientId, client_secret: options.clientSecret });
      const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
      const answer = judge(
        await send(endpoint(options.oauthBaseUrl, '/oauth/token'), 'POST', headers, form.toString(), options.caPem, signal),
        'token exchange',
      );
      const { access_token, refresh_token, scope, expires_in } = answer;
      if (typeof access_token !== 'string' || typeof refresh_token !== 'string')
        throw new RingUnavailableError('token exchange: the answer has no access_token/refresh_token');
      const lifetime = typeof expires_in === 'number' ? expires_in : 14_400;
      return { accessToken: access_token, refreshToken: refresh_token, scope: typeof scope === 'string' ? scope : '', expiresAt: Date.now() + lifetime * 1000 };
    },

    /** The Ring account the token belongs to: the only way to know whose tokens these are. */
    async accountId(accessToken: string, signal: AbortSignal): Promise<string> {
      const answer = judge(await send(endpoint(options.apiBaseUrl, '/v1/users/me'), 'GET', bearer(accessToken), undefined, options.caPem, signal), 'users/me');
      if (typeof answer.account_id !== 'string' || !answer.account_id) throw new RingUnavailableError('users/me: the answer has no account_id');
      return answer.account_id;
    },

    /** Step 1 of 2: Ring checks the nonce and the integration becomes `awaiting`. */
    async confirmLink(accessToken: string, nonce: string, accountIdentifier: string, signal: AbortSignal) {
      const body = JSON.stringify({ nonce, account_identifier: accountIdentifier });
      return judge(
        await send(endpoint(options.apiBaseUrl, '/v1/accounts/me/app-integrations'), 'POST', json(accessToken), body, options.caPem, signal),
        'app-integrations POST',
      );
    },

    /** Step 2 of 2, required: without it the integration never leaves `awaiting`. */
    async completeLink(accessToken: string, signal: AbortSignal) {
      const body = JSON.stringify({ status: 'completed' });
      return judge(
        await send(endpoint(options.apiBaseUrl, '/v1/accounts/me/app-integrations'), 'PATCH', json(accessToken), body, options.caPem, signal),
        'app-integrations PATCH',
      );
    },
  };
}

export type RingApi = ReturnType<typeof ringApi>;
