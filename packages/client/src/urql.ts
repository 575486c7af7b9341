import { Client, fetchExchange, type ClientOptions } from '@urql/core';

/** Yoga's CSRF prevention refuses GET and multipart requests without this header. */
export const CSRF_HEADERS = { 'x-graphql-yoga-csrf': '1' } as const;

export interface ApiClientOptions {
  url: string;
  /** SSR passes SvelteKit's event.fetch so the call stays in-process. */
  fetch?: typeof fetch;
  /** Third-party tools authenticate with an API token. */
  token?: string;
  exchanges?: ClientOptions['exchanges'];
}

/** The urql client the console and TypeScript tools use with the typed documents. */
export function createApiClient(options: ApiClientOptions): Client {
  return new Client({
    url: options.url,
    fetch: options.fetch,
    exchanges: options.exchanges ?? [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: () => ({
      credentials: 'same-origin',
      headers: { ...CSRF_HEADERS, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    }),
  });
}
