import { createApi, type Api } from './yoga.ts';
import type { ServerContext } from './context.ts';

/**
 * Serves the API from a host that speaks the platform's own Fetch API (SvelteKit here).
 * Yoga runs on @whatwg-node's Request, whose multipart parser enforces the upload limits
 * while the body streams in; the platform's Request would buffer it whole first. The host in
 * turn wants a platform Response.
 */
export async function handleApiRequest(api: Api, request: Request, context: ServerContext): Promise<Response> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const yogaRequest = new api.fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: hasBody ? request.body : undefined,
    signal: request.signal,
    // Required by the Fetch spec for a streamed request body.
    ...({ duplex: 'half' } as object),
  });
  const response = await api.fetch(yogaRequest, context);
  // A subscription's event stream never ends: passed on as it comes, where anything else is read whole.
  const streaming = response.body !== null && (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
  const body = streaming ? passOn(response.body as unknown as AsyncIterable<Uint8Array>) : response.body ? await response.arrayBuffer() : null;
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers as unknown as HeadersInit });
}

/** Yoga's body as a platform stream; cancelling it (the client went away) ends the subscription behind it. */
function passOn(body: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}

export type ApiHandler = (request: Request, context: ServerContext) => Promise<Response>;

/** The API as one Fetch-style function, for hosts that should not bundle it (see apps/console). */
export function createApiHandler(api: Api = createApi()): ApiHandler {
  return (request, context) => handleApiRequest(api, request, context);
}
