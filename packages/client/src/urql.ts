import { Client, fetchExchange, subscriptionExchange, type ClientOptions, type Exchange } from '@urql/core';
import type { Client as SseClient } from 'graphql-sse';

import { CSRF_HEADERS } from './ring-client.ts';

export { CSRF_HEADERS };

export interface ApiClientOptions {
  url: string;
  /** SSR passes SvelteKit's event.fetch so the call stays in-process. */
  fetch?: typeof fetch;
  /** Third-party tools authenticate with an API token. */
  token?: string;
  exchanges?: ClientOptions['exchanges'];
}

/** What a subscription's stream is doing, for a "Live" indicator. */
export type StreamState = 'connecting' | 'connected' | 'reconnecting';

/** Set on a subscription's operation context to hear about its connection. */
export interface StreamContext {
  onStreamState?: (state: StreamState) => void;
}

/** Delays between attempts to reopen a stream: doubling from the first to the last, with jitter. */
const RECONNECT_FIRST_MS = 1_000;
const RECONNECT_LAST_MS = 30_000;

const reconnectDelay = (attempt: number) => Math.min(RECONNECT_FIRST_MS * 2 ** attempt, RECONNECT_LAST_MS) * (0.5 + Math.random() / 2);

/**
 * Subscriptions over server-sent events, as yoga serves them (the GraphQL over SSE protocol in
 * distinct connections mode: one POST per subscription with a JSON body, which a cross-site page
 * cannot send without CORS's permission). A stream that drops, or that the server ends (it is
 * shutting down: another process takes the reconnection), is reopened with growing delays
 * until the caller unsubscribes. One the API refused (a result with errors: signed out, not
 * your app) is not: the refusal is passed on and the stream completes.
 */
export function sseExchange(options: ApiClientOptions): Exchange {
  // Loaded with the first subscription: pages that subscribe to nothing do not download it.
  let loading: Promise<SseClient> | undefined;
  const sseClient = () =>
    (loading ??= import('graphql-sse').then(({ createClient }) =>
      createClient({
        url: options.url,
        fetchFn: options.fetch,
        credentials: 'same-origin',
        headers: () => ({ ...CSRF_HEADERS, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) }),
        // Retried here instead, for as long as the caller listens.
        retryAttempts: 0,
      }),
    ));
  return subscriptionExchange({
    forwardSubscription: (request, operation) => ({
      subscribe: (sink) => {
        const onStreamState = (operation.context as StreamContext).onStreamState;
        let stopped = false;
        let attempt = 0;
        let timer: ReturnType<typeof setTimeout> | undefined;
        let close = () => {};
        const reopen = () => {
          if (stopped) return;
          onStreamState?.('reconnecting');
          timer = setTimeout(open, reconnectDelay(attempt++));
        };
        const open = () =>
          void sseClient().then(
            (client) => {
              if (!stopped) subscribeWith(client);
            },
            // The module did not load (the network dropped): try again later.
            () => {
              loading = undefined;
              reopen();
            },
          );
        const subscribeWith = (client: SseClient) => {
          let refused = false;
          close = client.subscribe<Record<string, unknown>, Record<string, unknown>>(
            { ...request, query: request.query ?? '' },
            {
              next: (result) => {
                if (result.errors?.length) refused = true;
                sink.next(result);
              },
              error: reopen,
              complete: () => (refused ? sink.complete() : reopen()),
            },
            {
              connecting: (reconnecting) => onStreamState?.(reconnecting || attempt > 0 ? 'reconnecting' : 'connecting'),
              connected: () => {
                attempt = 0;
                onStreamState?.('connected');
              },
            },
          );
        };
        open();
        return {
          unsubscribe: () => {
            stopped = true;
            clearTimeout(timer);
            close();
          },
        };
      },
    }),
  });
}

/** The urql client the console and TypeScript tools use with the typed documents. */
export function createApiClient(options: ApiClientOptions): Client {
  return new Client({
    url: options.url,
    fetch: options.fetch,
    exchanges: options.exchanges ?? [fetchExchange, sseExchange(options)],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: () => ({
      credentials: 'same-origin',
      headers: { ...CSRF_HEADERS, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    }),
  });
}
