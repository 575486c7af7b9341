import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { useCookies } from '@whatwg-node/server-plugin-cookies';
import { VIDEO_MAX_BYTES } from '@ring/domain';
import { createFetch } from '@whatwg-node/fetch';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
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

let graphiqlPage: string | undefined;

export function createApi(options: ApiOptions = {}): Api {
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
      ...(options.plugins ?? []),
    ],
    context: async ({ request }) => {
      const auth = await authenticateRequest(request);
      return { auth, viewer: auth.status === 'authenticated' ? auth.viewer : null };
    },
  });
}
