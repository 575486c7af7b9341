import { redirect } from '@sveltejs/kit';
import { landingPath } from '$lib/landing';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
  redirect(303, locals.viewer ? landingPath(locals.viewer) : '/sign-in');
};
