/**
 * Query results answered from memory (the response-cache plugin, which short-circuits a hit
 * before parsing, validation and execution). Only for developers: their results are theirs
 * alone, keyed by who they are and the caching generation, so any change committed anywhere
 * makes every earlier result unreachable (a change committed before the request arrived is
 * always heard first: `caughtUp`). Support staff search across all developers' apps
 * and anonymous callers see nothing cacheable, so neither is cached. Mutations are never
 * cached (the plugin's mutation path) and move the generation on when they finish.
 */
import { createHash } from 'node:crypto';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { getOperationAST, type ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Plugin } from 'graphql-yoga';
import type { Authentication } from '../context.ts';
import type { Caching } from './caching.ts';
import { publicOrigin } from '../public-origin.ts';

/** At most this many results, and this many bytes of them (as JSON), are kept. */
const MAX_ENTRIES = 1_000;
const MAX_BYTES = 32 * 1024 * 1024;

/**
 * The results, emptied on every change: a result stored before a change could never be asked
 * for again (its key holds the old generation), so it goes at once rather than when the LRU
 * pushes it out. The plugin's entity bookkeeping (which results hold which object) is not
 * needed: any change ends every result.
 */
function resultStore(caching: Caching): Cache {
  const results = new LRUCache<string, ExecutionResult>({
    max: MAX_ENTRIES,
    maxSize: MAX_BYTES,
    sizeCalculation: (result) => JSON.stringify(result.data ?? null).length || 1,
    ttl: caching.ttlMs,
  });
  caching.onChange(() => results.clear());
  return {
    get: (key) => results.get(key),
    set: (key, result, _entities, ttl) => {
      // Yoga serialises a result with its own `stringify` when it has one: a cached result is
      // turned into JSON once, on its first repeat, not on every one.
      let json: string | undefined;
      const stored = { ...result, stringify: (value: unknown) => (json ??= JSON.stringify(value)) };
      results.set(key, stored, { ttl: Number.isFinite(ttl) ? ttl : caching.ttlMs });
    },
    invalidate: () => undefined,
  };
}

const isMultipart = (request: Request) => (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/');

export function useCachedResponses(caching: Caching, authenticationOf: (request: Request) => Promise<Authentication>): Plugin {
  // Requests made by a developer, set while the cache key is built (before anything else).
  const byDeveloper = new WeakSet<Request>();
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        useResponseCache({
          session: async (request) => {
            const arrived = performance.now();
            // Uploads are mutations, never cached: their variables hold the files.
            if (isMultipart(request)) return null;
            // A lookup that fails (the database is down) fails again where the context is built,
            // where it is masked and logged like any unexpected error: not cacheable here.
            const auth = await authenticationOf(request).catch(() => null);
            if (auth?.status !== 'authenticated' || auth.viewer.role !== 'DEVELOPER') return null;
            // The generation must include every change committed before this request arrived,
            // through any process (a save there, then a read here at once): heard, or not cached.
            if (!(await caching.caughtUp(arrived))) return null;
            byDeveloper.add(request);
            return `${auth.viewer.id}:${caching.generation()}`;
          },
          enabled: (request) => byDeveloper.has(request) && caching.active(),
          // The plugin asks for a key for every request, cacheable or not: only build one for
          // those that may be cached (serialising an upload's variables would copy its file).
          // node:crypto's synchronous hash: the default (WebCrypto's async digest) cost more
          // CPU than the rest of a cache hit together (npm run bench, CPU profile).
          buildResponseCacheKey: ({ request, sessionId, documentString, operationName, variableValues }) =>
            byDeveloper.has(request)
              ? createHash('sha256')
                  // The origin too: without PUBLIC_URL, media URLs are made absolute on the request's origin.
                  .update(`${sessionId}\0${publicOrigin(request)}\0${operationName ?? ''}\0${documentString}\0${JSON.stringify(variableValues ?? {})}`)
                  .digest('hex')
              : '',
          cache: resultStore(caching),
          ttl: caching.ttlMs,
          // Answers that change with the clock alone, with no write to drop them: never cached.
          ttlPerSchemaCoordinate: { 'LinkRehearsal.codeSecondsLeft': 0 },
          includeExtensionMetadata: false,
        }),
      );
    },
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      return {
        onExecuteDone() {
          caching.changed();
        },
      };
    },
  };
}
