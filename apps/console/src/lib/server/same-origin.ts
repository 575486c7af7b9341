const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * A form post (a form action: sign-in, create app, delete…) from another site. Browsers say so
 * in Sec-Fetch-Site, which pages cannot forge. Their Origin is no help here: under this site's
 * "Referrer-Policy: no-referrer" a form post without scripts sends "Origin: null". A client that
 * sends no Sec-Fetch-Site must name this host in Origin. (SvelteKit's check is off: see
 * svelte.config.js.)
 */
export function isCrossSiteFormPost(request: Request): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!FORM_TYPES.includes(type)) return false;
  const site = request.headers.get('sec-fetch-site');
  if (site) return site !== 'same-origin';
  const origin = request.headers.get('origin');
  if (!origin || origin === 'null') return true;
  try {
    return new URL(origin).host !== request.headers.get('host');
  } catch {
    return true;
  }
}
