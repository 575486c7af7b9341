/**
 * GraphiQL's Content-Security-Policy. The page (rendered once, see yoga.ts) is one inline
 * script with everything bundled, so scripts are allowed by that script's hash alone, not by
 * 'unsafe-inline'. What it needs besides: its inline styles, data: images and fonts, its
 * editors' workers (created from blob: URLs) and requests to this origin.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/g;

export function graphiqlContentSecurityPolicy(page: string): string {
  const hashes = [...page.matchAll(INLINE_SCRIPT)].map(([, script]) => `'sha256-${createHash('sha256').update(script!).digest('base64')}'`);
  return [
    "default-src 'none'",
    `script-src ${hashes.join(' ')} blob:`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    'worker-src blob:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Adds the policy to the GraphiQL page (the API's only HTML answer). */
export function useGraphiQLPolicy(policy: () => string | undefined): Plugin {
  return {
    onResponse({ response }) {
      const current = policy();
      if (current && response.headers.get('content-type')?.startsWith('text/html')) response.headers.set('content-security-policy', current);
    },
  };
}
