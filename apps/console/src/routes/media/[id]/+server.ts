import type { RequestHandler } from './$types';
import { inProcess } from '$lib/server/in-process';

// Listing media is public (the Appstore shows it); ids are random UUIDs, so none can be guessed.
const handle: RequestHandler = async ({ params, request }) => (await inProcess()).media(params.id, request);

export const GET = handle;
export const HEAD = handle;
