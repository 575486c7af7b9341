/**
 * CORS. The console is same-origin, so by default no other origin gets an
 * Access-Control-Allow-Origin (yoga's own default reflects every origin, with credentials).
 * Origins listed in CORS_ORIGINS may call the API from their pages with an API token, never
 * with the session cookie: a listed origin that got credentials could act as any signed-in
 * developer who visits it.
 */
import type { CORSOptions, Plugin } from 'graphql-yoga';

/** Headers a listed origin's page may send: the content type, a token, the CSRF and request-id headers. */
const ALLOWED_HEADERS = ['content-type', 'authorization', 'x-graphql-yoga-csrf', 'x-request-id'];

export function corsPolicy(origins: readonly string[]): (request: Request) => CORSOptions {
  const allowed = new Set(origins);
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false;
    return {
      // The caller's own origin, checked against the list: ACAO never names another.
      origin: [origin],
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    };
  };
}

/** With origins listed, an answer depends on the Origin header: caches must keep them apart. */
export function useVaryOrigin(origins: readonly string[]): Plugin {
  if (origins.length === 0) return {};
  return {
    onResponse({ response }) {
      const vary = response.headers.get('vary');
      if (
        !vary
          ?.toLowerCase()
          .split(/\s*,\s*/)
          .includes('origin')
      )
        response.headers.set('vary', vary ? `${vary}, Origin` : 'Origin');
    },
  };
}
