import type { RequestHandler } from './$types';
import { inProcess } from '$lib/server/in-process';

// GraphQL over HTTP (and GraphiQL on GET from a browser) for the console, tools and people.
const handle: RequestHandler = async (event) => (await inProcess()).api(event.request, { clientAddress: event.getClientAddress() });

export const GET = handle;
export const POST = handle;
export const OPTIONS = handle;
