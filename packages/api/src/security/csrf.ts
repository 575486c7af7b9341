/**
 * CSRF prevention. A browser sends a cross-site GET, or a form post (multipart, urlencoded,
 * text/plain), with the victim's cookies and without a preflight; such requests must carry a
 * header a cross-site page cannot add without CORS's permission. A request with an
 * Authorization header needs none: no page can add that header cross-site either, and a
 * bearer token is not sent by the browser on its own, so there is nothing to forge.
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Browsers must send this header on GET and multipart requests (yoga's CSRF prevention). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

const needsPreflight = (contentType: string | null) => contentType !== null && !SIMPLE_CONTENT_TYPES.some((type) => contentType.toLowerCase().startsWith(type));

export function useCsrfPrevention(): Plugin {
  return {
    onRequestParse({ request }) {
      if (needsPreflight(request.headers.get('content-type'))) return;
      if (request.headers.has(CSRF_HEADER) || request.headers.has('authorization')) return;
      throw createGraphQLError(
        `GET and multipart requests signed in with the session cookie must send the "${CSRF_HEADER}" header (any value), or authenticate with "Authorization: Bearer <token>" instead.`,
        { extensions: { http: { status: 403 }, code: 'CSRF_HEADER_REQUIRED' } },
      );
    },
  };
}
