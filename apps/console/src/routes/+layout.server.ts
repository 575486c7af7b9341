import { localEndpointsAllowed, siteLinks } from '$lib/server/site-links';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => ({
  viewer: locals.viewer,
  sessionProblem: locals.sessionProblem,
  links: await siteLinks(),
  allowLocalEndpoints: await localEndpointsAllowed(),
});
