import { siteLinks } from '$lib/server/site-links';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({ viewer: locals.viewer, sessionProblem: locals.sessionProblem, links: siteLinks() });
