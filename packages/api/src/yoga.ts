import { createInMemoryAPQStore, useAPQ } from '@graphql-yoga/plugin-apq';
import { useCookies } from '@whatwg-node/server-plugin-cookies';
import { createFetch } from '@whatwg-node/fetch';
import { createYoga, type GraphiQLOptions, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { config, live, SESSION_COOKIE } from './config.ts';
import type { Authentication, ServerContext, UserContext } from './context.ts';
import { schema } from './modules/index.ts';
import { startCaching } from './caching/caching.ts';
import { useCachedResponses } from './caching/response-cache.ts';
import { cachedAuthenticator, type Authenticator } from './modules/identity/authentication-cache.ts';
import { authenticate } from './modules/identity/identity.service.ts';
import { FORM_DATA_LIMITS } from './modules/media/upload-limits.ts';
import { useStrictUploads } from './modules/media/uploads.ts';
import { useRequestId, useUnexpectedErrorLog } from './observability/plugins.ts';
import { corsPolicy, useVaryOrigin } from './security/cors.ts';
import { graphiqlContentSecurityPolicy, useGraphiQLPolicy } from './security/graphiql-policy.ts';
import { CSRF_HEADER, useCsrfPrevention } from './security/csrf.ts';
import { useTextInputChecks } from './security/input-text.ts';
import { queryLimitsPlugins } from './security/limits.ts';
import { usePageSizeLimit } from './security/page-size.ts';

export { CSRF_HEADER };

async function authenticateRequest(request: Request, authenticate: Authenticator): Promise<Authentication> {
  const header = request.headers.get('authorization');
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return { status: 'invalid', reason: 'The Authorization header must be "Bearer <token>".' };
    return authenticate({ bearer: match[1] });
  }
  const cookie = await request.cookieStore?.get(SESSION_COOKIE);
  return authenticate({ sessionToken: cookie?.value ?? null });
}

/** One authentication per request, whichever part of the pipeline asks first. */
function authenticationPerRequest(authenticate: Authenticator) {
  const byRequest = new WeakMap<Request, Promise<Authentication>>();
  return (request: Request) => {
    let auth = byRequest.get(request);
    if (!auth) {
      auth = authenticateRequest(request, authenticate);
      byRequest.set(request, auth);
    }
    return auth;
  };
}

export type Api = YogaServerInstance<ServerContext, UserContext>;

export interface ApiOptions {
  /** Field suggestions are blocked in production; defaults to NODE_ENV. */
  production?: boolean;
  /** Extra plugins after ours (tests use one to count executions). */
  plugins?: Plugin[];
  /**
   * Answer repeated queries and credentials from memory (src/caching). Needs the database's
   * change notifications, on a connection of its own to `databaseUrl` (default DATABASE_URL).
   * Off unless given: tests that write rows straight into the database use an API without it.
   */
  cache?: { ttlMs: number; databaseUrl?: string };
  /** Origins whose pages may call the API (without cookies); defaults to CORS_ORIGINS. */
  corsOrigins?: readonly string[];
}

function requiredDatabaseUrl(): string {
  const url = live.databaseUrl();
  if (!url) throw new Error('DATABASE_URL is not set: the response cache listens to the database for changes.');
  return url;
}

// Signed out, `viewer` is null with no error (it is the one field that does not need a
// developer), so the page says how to be someone.
const GRAPHIQL_DEFAULT_QUERY = `# Ring Appstore developer API
#
# Signed in to the console in this browser? Queries run as you.
# Otherwise viewer is null: sign in to the console (/sign-in), or create an API
# token there (API tokens) and send it in the Headers tab below as
#   { "Authorization": "Bearer <token>" }
{
  viewer {
    email
    name
  }
}
`;

const GRAPHIQL_OPTIONS: GraphiQLOptions = { title: 'Ring Appstore developer API', defaultQuery: GRAPHIQL_DEFAULT_QUERY };

let graphiqlPage: Promise<string> | undefined;
/** The page's Content-Security-Policy, known once it is rendered (its script is allowed by hash). */
let graphiqlPolicy: string | undefined;

/**
 * GraphiQL's page. Its assets are bundled in, not fetched from a CDN: the console works
 * offline. That makes @graphql-yoga/render-graphiql a 9 MB module, so it is loaded on first
 * use (or by warmGraphiQL), not at start; and as its options never change, and rendering cost
 * ~88 ms of CPU per request (npm run bench), the page is rendered once.
 */
function renderGraphiQLOnce(options: GraphiQLOptions): Promise<string> {
  graphiqlPage ??= import('@graphql-yoga/render-graphiql').then(
    ({ renderGraphiQL }) => {
      const page = renderGraphiQL(options);
      graphiqlPolicy = graphiqlContentSecurityPolicy(page);
      return page;
    },
    (error: unknown) => {
      graphiqlPage = undefined;
      throw error;
    },
  );
  return graphiqlPage;
}

/** Loads and renders GraphiQL ahead of its first visitor (the server calls it once listening). */
export async function warmGraphiQL(): Promise<void> {
  await renderGraphiQLOnce(GRAPHIQL_OPTIONS);
}

/**
 * Automatic persisted queries (Apollo's protocol, as @apollo/client's persisted-queries link
 * speaks it): a client sends only the query's SHA-256; an unknown hash is answered with the
 * standard PersistedQueryNotFound error (extensions.code PERSISTED_QUERY_NOT_FOUND, status 404),
 * and the client sends the hash with the query, which is then remembered. The store is an
 * in-memory LRU in each process, on purpose: a miss is never wrong, only a round trip longer
 * (the client resends the query), so processes behind one load balancer need not share it, and
 * a restart just empties it. The plugin's own default keeps a query 36 s; a day is kept here.
 */
const APQ_STORE_SIZE = 2_000;
const APQ_TTL_MS = 24 * 60 * 60 * 1000;

export function createApi(options: ApiOptions = {}): Api {
  const caching = options.cache?.ttlMs
    ? startCaching({ ttlMs: options.cache.ttlMs, databaseUrl: options.cache.databaseUrl ?? requiredDatabaseUrl() })
    : undefined;
  const corsOrigins = options.corsOrigins ?? config.corsOrigins;
  const authenticationOf = authenticationPerRequest(caching ? cachedAuthenticator(caching) : authenticate);
  return createYoga<ServerContext, UserContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    fetchAPI: createFetch({ formDataLimits: FORM_DATA_LIMITS }),
    maxRequestBodySize: config.maxRequestBodyBytes,
    renderGraphiQL: renderGraphiQLOnce,
    graphiql: GRAPHIQL_OPTIONS,
    cors: corsPolicy(corsOrigins),
    plugins: [
      useRequestId(),
      useVaryOrigin(corsOrigins),
      useGraphiQLPolicy(() => graphiqlPolicy),
      useUnexpectedErrorLog(),
      useCookies(),
      useCsrfPrevention(),
      // Before anything reads the query: the cached responses' key and the limits see the full text.
      useAPQ({ store: createInMemoryAPQStore({ max: APQ_STORE_SIZE, ttl: APQ_TTL_MS }) }),
      useTextInputChecks(),
      // Page sizes before the cost limit: `first: 100000` is refused as out of range, not as costly.
      usePageSizeLimit(),
      ...queryLimitsPlugins({ production: options.production ?? config.production }),
      useStrictUploads(),
      ...(caching ? [useCachedResponses(caching, authenticationOf), { onDispose: () => caching.close() }] : []),
      ...(options.plugins ?? []),
    ],
    context: async ({ request }) => {
      const auth = await authenticationOf(request);
      return { auth, viewer: auth.status === 'authenticated' ? auth.viewer : null };
    },
  });
}
