/**
 * A GraphQL subscription over server-sent events, read the way a client reads it (POST with
 * "Accept: text/event-stream"), event by event, so that tests can wait for the next one.
 */
import { print, type DocumentNode } from 'graphql';

export interface SseEvent {
  event: string;
  data: string;
}

export interface SseStream {
  response: Response;
  /** The next event, or an error once `timeoutMs` pass without one. */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** The next `event: next`'s payload, parsed. */
  nextResult<T = Record<string, unknown>>(timeoutMs?: number): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  close(): void;
}

export interface SseRequest {
  document: DocumentNode | string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
}

export async function openSse(url: string, request: SseRequest): Promise<SseStream> {
  const controller = new AbortController();
  const query = typeof request.document === 'string' ? request.document : print(request.document);
  const method = request.method ?? 'POST';
  const target = new URL(url);
  if (method === 'GET') {
    target.searchParams.set('query', query);
    target.searchParams.set('variables', JSON.stringify(request.variables ?? {}));
  }
  const response = await fetch(target, {
    method,
    signal: controller.signal,
    headers: { accept: 'text/event-stream', ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), ...request.headers },
    body: method === 'POST' ? JSON.stringify({ query, variables: request.variables ?? {} }) : undefined,
  });
  const queued: SseEvent[] = [];
  const waiting: ((event: SseEvent | Error) => void)[] = [];
  let ended: Error | undefined;
  const push = (item: SseEvent | Error) => {
    const wake = waiting.shift();
    if (wake) wake(item);
    else if (item instanceof Error) ended = item;
    else queued.push(item);
  };
  if (response.body && (response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const lines = block.split('\n').filter((line) => !line.startsWith(':'));
            if (lines.length === 0) continue; // a keep-alive comment
            const field = (name: string) =>
              lines
                .filter((line) => line.startsWith(`${name}:`))
                .map((line) => line.slice(name.length + 1).trimStart())
                .join('\n');
            push({ event: field('event') || 'message', data: field('data') });
          }
        }
        push(new Error('the stream ended'));
      } catch (error) {
        push(error instanceof Error ? error : new Error(String(error)));
      }
    })();
  }
  const next = (timeoutMs = 10_000) =>
    new Promise<SseEvent>((resolve, reject) => {
      const queuedEvent = queued.shift();
      if (queuedEvent) return resolve(queuedEvent);
      if (ended) return reject(ended);
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(settle), 1);
        reject(new Error(`no event within ${timeoutMs} ms`));
      }, timeoutMs);
      const settle = (item: SseEvent | Error) => {
        clearTimeout(timer);
        if (item instanceof Error) reject(item);
        else resolve(item);
      };
      waiting.push(settle);
    });
  return {
    response,
    next,
    nextResult: async (timeoutMs) => {
      for (;;) {
        const event = await next(timeoutMs);
        if (event.event === 'next') return JSON.parse(event.data);
        if (event.event === 'complete') throw new Error('the stream completed');
      }
    },
    close: () => controller.abort(),
  };
}
