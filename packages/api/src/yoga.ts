import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useCookies } from '@whatwg-node/server-plugin-cookies';
import { VIDEO_MAX_BYTES } from '@ring/domain';
import { createFetch } from '@whatwg-node/fetch';
import { createYoga, type GraphiQLOptions, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { config, SESSION_COOKIE } from './config.ts';
import type { Authentication, ServerContext, UserContext } from './context.ts';
import { schema } from './modules/index.ts';
import { authenticate } from './modules/identity/identity.service.ts';
import { useStrictUploads } from './modules/media/uploads.ts';
import { useRequestId, useUnexpectedErrorLog } from './observability/plugins.ts';
import { queryLimitsPlugin } from './security/limits.ts';

/** Browsers must send this header on GET and multipart requests (yoga's CSRF prevention). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

async function authenticateRequest(request: Request): Promise<Authentication> {
  const header = request.headers.get('authorization');
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return { status: 'invalid', reason: 'The Authorization header must be "Bearer <token>".' };
    return authenticate({ bearer: match[1] });
  }
  const cookie = await request.cookieStore?.get(SESSION_COOKIE);
  return authenticate({ sessionToken: cookie?.value ?? null });
}

export type Api = YogaServerInstance<ServerContext, UserContext>;

/**
 * Per-request upload limits, enforced by the multipart parser as the body streams in, so an
 * oversized request is refused at the limit instead of being buffered. The largest legitimate
 * upload is one saveMediaAssets: a main image, five additional images, a video and a thumbnail
 * (8 files), the video being the largest file (5 MB). Non-file parts are `operations` and
 * `map`, a few kilobytes of JSON; 100 kB leaves room for long queries without letting a
 * "field" carry a file's worth of bytes.
 */
export const FORM_DATA_LIMITS = {
  // The largest file the rules allow (a 5 MB video) plus a margin, so a file just over a limit
  // reaches validation and gets a ValidationError naming its field; a far larger one is cut
  // off here while it streams, with 413.
  fileSize: VIDEO_MAX_BYTES + 1024 * 1024,
  files: 8,
  fieldSize: 100_000,
  fields: 4,
  parts: 12,
};

export interface ApiOptions {
  /** Field suggestions are blocked in production; defaults to NODE_ENV. */
  production?: boolean;
  /** Extra plugins after ours (tests use one to count executions). */
  plugins?: Plugin[];
}

const GRAPHIQL_OPTIONS: GraphiQLOptions = { title: 'Ring Appstore developer API', defaultQuery: '{\n  viewer {\n    email\n    name\n  }\n}\n' };

let graphiqlPage: Promise<string> | undefined;

/**
 * GraphiQL's page. Its assets are bundled in, not fetched from a CDN: the console works
 * offline. That makes @graphql-yoga/render-graphiql a 9 MB module, so it is loaded on first
 * use (or by warmGraphiQL), not at start; and as its options never change, and rendering cost
 * ~88 ms of CPU per request (npm run bench), the page is rendered once.
 */
function renderGraphiQLOnce(options: GraphiQLOptions): Promise<string> {
  graphiqlPage ??= import('@graphql-yoga/render-graphiql').then(
    ({ renderGraphiQL }) => renderGraphiQL(options),
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

export function createApi(options: ApiOptions = {}): Api {
  return createYoga<ServerContext, UserContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    fetchAPI: createFetch({ formDataLimits: FORM_DATA_LIMITS }),
    renderGraphiQL: renderGraphiQLOnce,
    graphiql: GRAPHIQL_OPTIONS,
    plugins: [
      useRequestId(),
      useUnexpectedErrorLog(),
      useCookies(),
      useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
      queryLimitsPlugin({ production: options.production ?? config.production }),
      useStrictUploads(),
      ...(options.plugins ?? []),
    ],
    context: async ({ request }) => {
      const auth = await authenticateRequest(request);
      return { auth, viewer: auth.status === 'authenticated' ? auth.viewer : null };
    },
  });
}
