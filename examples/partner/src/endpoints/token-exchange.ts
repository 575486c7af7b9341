/**
 * Token Exchange URL: Ring POSTs an authorization code here, server to server, right after a
 * Ring user installs the app. The code is good for 60 seconds, so it is exchanged now, while
 * Ring waits, and the answer tells Ring whether it worked: 200 once the tokens are stored, 4xx
 * when Ring's token endpoint refused the code (unknown, expired or already used: a partner that
 * answers 2xx to any code hides failures), 502 when Ring could not be reached (nothing was
 * decided).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, parseFields, readBody, sendJson } from '../http.ts';
import { RingRefusedError, type RingApi } from '../ring-api.ts';
import type { TokenPool } from '../token-pool.ts';

// Both Ring calls together stay inside the 5 seconds Ring's checks allow for an answer.
const RING_CALLS_BUDGET_MS = 4_000;

export function tokenExchangeHandler(ring: RingApi, pool: TokenPool, log: (line: string) => void) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST') return sendJson(response.setHeader('Allow', 'POST'), 405, { error: 'method_not_allowed' });
    let fields: Record<string, string>;
    try {
      // Ring's pages show JSON; OAuth 2.0 habits say form encoding. Accept both.
      fields = parseFields(await readBody(request, 16 * 1024), request.headers['content-type']);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendJson(response, 413, { error: 'invalid_request', error_description: error.message });
      throw error;
    }
    const code = fields.code?.trim();
    if (!code) return sendJson(response, 400, { error: 'invalid_request', error_description: 'The field code (the authorization code) is required.' });

    const signal = AbortSignal.timeout(RING_CALLS_BUDGET_MS);
    try {
      const tokens = await ring.exchangeCode(code, signal);
      // The tokens say nothing about whose they are: users/me does.
      const accountId = await ring.accountId(tokens.accessToken, signal);
      pool.addUnclaimed(accountId, tokens);
      // Never log the code or the tokens: with the client secret they are the keys to the account.
      log(`token exchange: stored an unclaimed token for ${accountId}, waiting for its owner to sign in at the Account Link URL`);
      return sendJson(response, 200, { status: 'ok' });
    } catch (error) {
      if (error instanceof RingRefusedError) {
        log(`token exchange: Ring refused the code (${error.code})`);
        return sendJson(response, 400, { error: 'invalid_grant', error_description: `The authorization code was not exchanged: ${error.message}.` });
      }
      log(`token exchange: Ring could not be reached (${(error as Error).message})`);
      return sendJson(response, 502, { error: 'temporarily_unavailable', error_description: 'Ring could not be reached to exchange the code.' });
    }
  };
}
