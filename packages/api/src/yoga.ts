import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { useCookies } from '@whatwg-node/server-plugin-cookies';
import { createFetch } from '@whatwg-node/fetch';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { config, SESSION_COOKIE } from './config.ts';
import type { Authentication, ServerContext, UserContext } from './context.ts';
import { schema } from './modules/index.ts';
import { startCaching } from './caching/caching.ts';
import { useCachedResponses } from './caching/response-cache.ts';
import { cachedAuthenticator, type Authenticator } from './modules/identity/authentication-cache.ts';
import { authenticate } from './modules/identity/identity.service.ts';
import { FORM_DATA_LIMITS } from './modules/media/upload-limits.ts';
import { useStrictUploads } from './modules/media/uploads.ts';
import { useRequestId, useUnexpectedErrorLog } from './observability/plugins.ts';
import { queryLimitsPlugin } from './security/limits.ts';

/** Browsers must send this header on GET and multipart requests (yoga's CSRF prevention). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

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
}

function requiredDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: the response cache listens to the database for changes.');
  return url;
}

let graphiqlPage: string | undefined;

export function createApi(options: ApiOptions = {}): Api {
  const caching = options.cache?.ttlMs
    ? startCaching({ ttlMs: options.cache.ttlMs, databaseUrl: options.cache.databaseUrl ?? requiredDatabaseUrl() })
    : undefined;
  const authenticationOf = authenticationPerRequest(caching ? cachedAuthenticator(caching) : authenticate);
  return createYoga<ServerContext, UserContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    fetchAPI: createFetch({ formDataLimits: FORM_DATA_LIMITS }),
    // GraphiQL's assets are bundled in, not fetched from a CDN: the console works offline.
    // Its options never change, and rendering the 9 MB page cost ~88 ms of CPU per request
    // (npm run bench): render it once.
    renderGraphiQL: (options) => (graphiqlPage ??= renderGraphiQL(options)),
    graphiql: { title: 'Ring Appstore developer API', defaultQuery: '{\n  viewer {\n    email\n    name\n  }\n}\n' },
    plugins: [
      useRequestId(),
      useUnexpectedErrorLog(),
      useCookies(),
      useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
      queryLimitsPlugin({ production: options.production ?? config.production }),
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
