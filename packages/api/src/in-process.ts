/**
 * What server.ts hands the SvelteKit build in the same process: the API's handler (the pages'
 * own requests to /graphql are answered in-process, with no network hop), the media handler and
 * the console's links. The SvelteKit build never bundles the API (bundled, Pothos's plugin
 * set-up is order-sensitive and Prisma's engine is 5 MB of base64): it imports this module at
 * run time (apps/console/src/lib/server/in-process.ts), which Node resolves to the same module
 * instance server.ts registered with.
 */
import type { SiteLinks } from './config.ts';
import type { ApiHandler } from './http.ts';

export interface InProcess {
  api: ApiHandler;
  /** Serves the sandbox Ring API under /sandbox. */
  sandbox: (request: Request) => Promise<Response>;
  /** Serves /media/<id>. */
  media: (id: string, request: Request) => Promise<Response>;
  siteLinks: Readonly<SiteLinks>;
  /** ALLOW_LOCAL_ENDPOINTS as it is now, so the console's own URL rules match the API's. */
  localEndpointsAllowed: () => boolean;
  /** PUBLIC_URL, or null to use the request's origin (the Build page's sandbox base URL). */
  publicUrl: string | null;
}

let registered: Promise<InProcess> | undefined;

/** Called once by server.ts, before the first request. */
export function setInProcess(parts: InProcess): void {
  registered = Promise.resolve(parts);
}

/** Under `vite dev` there is no server.ts: Vite's module runner loads the API here, on first use. */
async function loadOwn(): Promise<InProcess> {
  const [{ createApiHandler }, { serveMedia }, { config }, { localEndpointsAllowed }, { handleSandboxRequest }] = await Promise.all([
    import('./http.ts'),
    import('./modules/media/serve.ts'),
    import('./config.ts'),
    import('./outbound/local-endpoints.ts'),
    import('./modules/sandbox/sandbox.http.ts'),
  ]);
  return {
    api: createApiHandler(),
    media: serveMedia,
    sandbox: handleSandboxRequest,
    siteLinks: config.siteLinks,
    localEndpointsAllowed,
    publicUrl: config.publicUrl,
  };
}

export function inProcess(): Promise<InProcess> {
  registered ??= loadOwn();
  return registered;
}
