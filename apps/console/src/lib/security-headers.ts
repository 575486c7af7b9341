/**
 * Headers every response carries, pages and API alike: set by hooks.server.ts for what
 * SvelteKit answers and by server.ts for /graphql, which it hands to the API directly.
 * Pages also get a Content-Security-Policy from SvelteKit (kit.csp in svelte.config.js, with
 * nonces for its inline bootstrapping script).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  // Older browsers ignore CSP's frame-ancestors; both say "never inside a frame".
  'x-frame-options': 'DENY',
  // Console URLs name apps and tokens pages; no other site needs to learn them.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
});
