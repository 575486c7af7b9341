import type { RequestHandler } from './$types';
import { apiHandler } from '$lib/server/api';

// GraphQL over HTTP (and GraphiQL on GET from a browser) for the console, tools and people.
const handle: RequestHandler = async (event) => (await apiHandler())(event.request, { clientAddress: event.getClientAddress() });

export const GET = handle;
export const POST = handle;
export const OPTIONS = handle;
