/**
 * The sandbox Ring API's answers: JSON, never cached (RFC 6749 §5.1), and errors as OAuth 2.0
 * error bodies `{ error, error_description }` with the status RFC 6749 §5.2 and RFC 6750 §3.1
 * give each code.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'invalid_token'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'rate_limited';

const STATUS: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unsupported_grant_type: 400,
  invalid_token: 401,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  rate_limited: 429,
};

const REALM = 'Ring sandbox';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers },
  });
}

export function oauthError(error: OAuthErrorCode, description: string, headers: Record<string, string> = {}): Response {
  const extra = { ...headers };
  // RFC 6750 §3: a refused bearer token is answered with a challenge naming the problem.
  if (error === 'invalid_token')
    extra['WWW-Authenticate'] = `Bearer realm="${REALM}", error="invalid_token", error_description="${description.replace(/["\\]/g, '')}"`;
  return json(STATUS[error], { error, error_description: description }, extra);
}

export function basicChallenge(): Record<string, string> {
  return { 'WWW-Authenticate': `Basic realm="${REALM}"` };
}

export function rateLimited(message: string, retryAfterSeconds: number): Response {
  return oauthError('rate_limited', `${message} Try again in ${retryAfterSeconds} s.`, { 'Retry-After': String(retryAfterSeconds) });
}
