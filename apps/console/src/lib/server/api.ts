/**
 * The process's one GraphQL API. server.ts creates it (under tsx, beside the database
 * start-up) and hands it over on globalThis, so the SvelteKit build never bundles the API:
 * bundled, Pothos's plugin set-up is order-sensitive and Prisma's engine is 5 MB of base64.
 * Under `vite dev` there is no server.ts, and Vite's module runner loads the API itself.
 */
import type { ApiHandler } from '@ring/api';

export async function apiHandler(): Promise<ApiHandler> {
  if (!globalThis.__ringApiHandler) {
    const specifier = '@ring/api';
    const { createApiHandler } = (await import(/* @vite-ignore */ specifier)) as typeof import('@ring/api');
    globalThis.__ringApiHandler ??= createApiHandler();
  }
  return globalThis.__ringApiHandler;
}
