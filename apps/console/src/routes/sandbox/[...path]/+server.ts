import type { RequestHandler } from './$types';
import { inProcess } from '$lib/server/in-process';

// The sandbox Ring API (partner backends call it server to server; no session, no cookies).
const handle: RequestHandler = async ({ request }) => (await inProcess()).sandbox(request);

export const GET = handle;
export const POST = handle;
export const PATCH = handle;
export const PUT = handle;
export const DELETE = handle;
