/**
 * Account Link URL (the console calls it the Authorization URL): Ring sends the user's browser
 * here with `time` and `nonce` after the code exchange. The user signs in to OUR service, and
 * that sign-in is what ties the unclaimed Ring tokens to one of our users:
 *
 * 1. The nonce is HMAC-SHA256(HMAC Signature Key, "<time>:<account_id>") in base64url. We hold
 *    the key, so we recompute it for the account of each UNCLAIMED token; the one that matches
 *    is this user's. Only unclaimed tokens take part: a nonce for an account already linked (a
 *    replayed or shared link) must not link it again, to someone else.
 * 2. With that token we POST the app-integration (Ring checks the nonce too: `awaiting`) and
 *    PATCH it to `completed`, which Ring requires before it sends the user on.
 * 3. Then to the App Homepage URL.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyNonce } from '@ring/webhooks';
import { BodyTooLargeError, escapeHtml, parseFields, readBody, sendPage } from '../http.ts';
import { RingRefusedError, type RingApi } from '../ring-api.ts';
import type { StoredToken, TokenPool } from '../token-pool.ts';

export interface DemoUser {
  email: string;
  password: string;
}

// Ring's `time` is when it built the link, in epoch milliseconds. An old link is refused even if
// its token is still unclaimed: Ring gives the user a fresh one when they tap Sign In again.
export const LINK_MAX_AGE_MS = 60 * 60 * 1000;
// Clocks differ a little between Ring and us.
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const RING_CALLS_BUDGET_MS = 10_000;

// Hashing first gives equal lengths, so the comparison takes the same time whatever was typed.
const sameText = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/** What Ring may show the user as the linked partner account, without giving their whole address away. */
const maskEmail = (email: string) => email.replace(/^(.{1,2})[^@]*/, '$1***');

function signInForm(time: string, nonce: string, email: string, error?: string) {
  const notice =
    time && nonce ? '' : "<p>Open this page from the Ring app (Sign In on your app's page); it needs Ring's <code>time</code> and <code>nonce</code>.</p>";
  return (
    `${notice}${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}` +
    '<p>Sign in to link your Ring account to Example Partner.</p><form method="post">' +
    `<input type="hidden" name="time" value="${escapeHtml(time)}"><input type="hidden" name="nonce" value="${escapeHtml(nonce)}">` +
    `<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}">` +
    '<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>' +
    '<button type="submit">Sign in and link</button></form>'
  );
}

const tryAgain = "<p>Go back to the Ring app and tap <strong>Sign In</strong> on the app's page again: Ring will send you here with a fresh link.</p>";

export function accountLinkHandler(options: {
  ring: RingApi;
  pool: TokenPool;
  hmacKey: string;
  demoUser: DemoUser;
  appHomepageUrl: string;
  log: (line: string) => void;
}) {
  const { ring, pool, hmacKey, demoUser, appHomepageUrl, log } = options;

  return async (request: IncomingMessage, response: ServerResponse) => {
    const query = new URL(request.url ?? '/', 'https://partner.invalid').searchParams;
    if (request.method === 'GET' || request.method === 'HEAD') {
      return sendPage(response, 200, 'Sign in to Example Partner', signInForm(query.get('time') ?? '', query.get('nonce') ?? '', ''));
    }
    if (request.method !== 'POST') return sendPage(response.setHeader('Allow', 'GET, POST'), 405, 'Method not allowed', '');

    let fields: Record<string, string>;
    try {
      fields = parseFields(await readBody(request, 16 * 1024), request.headers['content-type']);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendPage(response, 413, 'Too large', `<p>${escapeHtml(error.message)}</p>`);
      throw error;
    }
    const { time = '', nonce = '', email = '', password = '' } = fields;

    // Our own sign-in first: nothing about Ring's link is revealed to someone who is not our user.
    if (!(sameText(email.trim().toLowerCase(), demoUser.email.toLowerCase()) && sameText(password, demoUser.password))) {
      return sendPage(response, 401, 'Sign in to Example Partner', signInForm(time, nonce, email, 'The email or password is wrong.'));
    }

    if (!/^\d{1,15}$/.test(time) || !nonce) {
      return sendPage(
        response,
        400,
        'This link is incomplete',
        `<p>Ring's <code>time</code> (epoch milliseconds) or <code>nonce</code> is missing from the address, or not a time.</p>${tryAgain}`,
      );
    }
    const age = Date.now() - Number(time);
    if (age > LINK_MAX_AGE_MS || age < -CLOCK_SKEW_MS) {
      return sendPage(
        response,
        403,
        'This link has expired',
        `<p>Ring made this sign-in link at ${escapeHtml(new Date(Number(time)).toISOString())}; links are good for an hour.</p>${tryAgain}`,
      );
    }

    const token = pool.unclaimed().find((candidate) => verifyNonce(nonce, time, candidate.accountId, hmacKey));
    // Claimed atomically: of two sign-ins racing with one link, only one gets the token.
    if (!token || !pool.claim(token.id, demoUser.email)) {
      log('account link: no unclaimed token matches the nonce');
      return sendPage(
        response,
        403,
        'This link is not valid',
        `<p>No Ring account is waiting to be linked with this link: it was already used, or it was not made for this app (a wrong nonce, or the HMAC Signature Key differs).</p>${tryAgain}`,
      );
    }

    try {
      await completeIntegration(ring, token, nonce, maskEmail(demoUser.email));
    } catch (error) {
      // Ring did not take the link: the token goes back to UNCLAIMED so the user can retry.
      pool.release(token.id);
      log(`account link: Ring did not complete the integration for ${token.accountId} (${(error as Error).message})`);
      const what = error instanceof RingRefusedError ? `Ring refused the link (${error.code}).` : 'Ring could not be reached.';
      return sendPage(response, 502, 'Linking did not finish', `<p>${escapeHtml(what)}</p>${tryAgain}`);
    }
    log(`account link: ${token.accountId} linked to ${demoUser.email}; integration completed`);
    response.writeHead(303, { Location: appHomepageUrl, 'Cache-Control': 'no-store' }).end();
  };
}

async function completeIntegration(ring: RingApi, token: StoredToken, nonce: string, accountIdentifier: string) {
  const signal = AbortSignal.timeout(RING_CALLS_BUDGET_MS);
  await ring.confirmLink(token.accessToken, nonce, accountIdentifier, signal);
  await ring.completeLink(token.accessToken, signal);
}
