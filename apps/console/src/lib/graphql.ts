import { createApiClient } from '@ring/client/urql';
import type { Client } from '@urql/core';

let browserClient: Client | undefined;

/**
 * In the browser, one client for the page's lifetime. In load functions pass SvelteKit's
 * fetch: on the server it calls /graphql in-process and forwards the session cookie.
 */
export function apiClient(fetch?: typeof globalThis.fetch): Client {
  if (fetch) return createApiClient({ url: '/graphql', fetch });
  browserClient ??= createApiClient({ url: '/graphql' });
  return browserClient;
}
