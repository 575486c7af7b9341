import { inProcess } from '$lib/server/in-process';
import type { PageServerLoad } from './$types';

/** The sandbox Ring API partners test against: PUBLIC_URL's, or else the address this page was reached at. */
export const load: PageServerLoad = async ({ url }) => {
  const origin = (await inProcess()).publicUrl ?? url.origin;
  return { sandboxBaseUrl: `${origin.replace(/\/+$/, '')}/sandbox` };
};
