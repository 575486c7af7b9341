import type { RequestHandler } from './$types';
import { mediaHandler } from '$lib/server/media';

// Listing media is public (the Appstore shows it); ids are random UUIDs, so none can be guessed.
const handle: RequestHandler = async ({ params, request }) => (await mediaHandler())(params.id, request);

export const GET = handle;
export const HEAD = handle;
