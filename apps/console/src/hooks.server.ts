import { redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { ViewerDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';
import { landingPath } from '$lib/landing';
import { SECURITY_HEADERS } from '$lib/security-headers';
import { isCrossSiteFormPost } from '$lib/server/same-origin';
import { siteLinks } from '$lib/server/site-links';

// A malformed DOCS_URL or SUPPORT_EMAIL stops the start, naming the variable, instead of
// breaking every page later.
// (server.ts parses the whole configuration before it loads this build; under `vite dev` this is where.)
export const init: ServerInit = async () => {
  await siteLinks();
};

const SIGNED_IN_AREAS = ['/apps', '/settings', '/support', '/beta'];
// Pages for those not yet signed in: a signed-in person has nothing to do there.
const SIGNED_OUT_PAGES = ['/sign-in', '/sign-up'];

// Answered without asking who the viewer is: the API itself (reached here by the pages' own
// in-process requests; server.ts hands requests from outside to it directly), media files,
// the health probe (which must not depend on a session lookup succeeding), the sandbox Ring API
// (called by partner backends, which send form posts without an Origin of ours).
const WITHOUT_VIEWER = (path: string) => path === '/graphql' || path === '/healthz' || path.startsWith('/media/') || path.startsWith('/sandbox/');

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.viewer = null;
  event.locals.sessionProblem = null;
  const path = event.url.pathname;
  if (!WITHOUT_VIEWER(path) && isCrossSiteFormPost(event.request))
    return new Response('Cross-site form submissions are refused.', { status: 403, headers: SECURITY_HEADERS });
  if (!WITHOUT_VIEWER(path)) {
    const result = await apiClient(event.fetch).query(ViewerDocument, {}).toPromise();
    event.locals.viewer = result.data?.viewer ?? null;
    const unauthenticated = result.error?.graphQLErrors.find((error) => error.extensions?.code === 'UNAUTHENTICATED');
    if (unauthenticated) {
      event.locals.sessionProblem = unauthenticated.message;
      event.cookies.delete('ring_session', { path: '/' });
    }
    if (!event.locals.viewer && SIGNED_IN_AREAS.some((area) => path === area || path.startsWith(`${area}/`))) {
      const next = encodeURIComponent(path + event.url.search);
      redirect(303, `/sign-in?next=${next}${unauthenticated ? '&expired=1' : ''}`);
    }
    // Only page views: a form posted to these pages is theirs to answer.
    if (event.locals.viewer && event.request.method === 'GET' && SIGNED_OUT_PAGES.includes(path)) redirect(303, landingPath(event.locals.viewer));
  }
  // urql reads the content type of the in-process /graphql responses that load functions make.
  const response = await resolve(event, { filterSerializedResponseHeaders: (name) => name === 'content-type' });
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
};
