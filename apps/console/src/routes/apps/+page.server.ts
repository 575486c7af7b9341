import { takeFlash } from '$lib/server/flash';
import type { PageServerLoad } from './$types';

// "Deleted …" after an app's deletion redirected here: shown once.
export const load: PageServerLoad = ({ cookies }) => ({ flash: takeFlash(cookies) });
