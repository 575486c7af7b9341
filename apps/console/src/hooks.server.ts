import { redirect, type Handle } from '@sveltejs/kit';
import { ViewerDocument } from '@ring/client';
import { apiClient } from '$lib/graphql';

const SIGNED_IN_AREAS = ['/apps', '/settings', '/support'];

const securityHeaders = {
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-content-type-options': 'nosniff',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.viewer = null;
  event.locals.sessionProblem = null;
  const path = event.url.pathname;
  if (path !== '/graphql' && !path.startsWith('/media/')) {
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
  }
  // urql reads the content type of the in-process /graphql responses that load functions make.
  const response = await resolve(event, { filterSerializedResponseHeaders: (name) => name === 'content-type' });
  for (const [name, value] of Object.entries(securityHeaders)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
};
