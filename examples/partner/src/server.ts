/**
 * `startPartner`: the four URLs a Ring app registers under Account linking, on one HTTPS server.
 *
 *   /link            Authorization URL (Account Link URL)
 *   /home            App Homepage URL
 *   /token-exchange  Token Exchange URL
 *   /webhook         Webhook URL
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { accountLinkHandler, type DemoUser } from './endpoints/account-link.ts';
import { homepageHandler } from './endpoints/homepage.ts';
import { tokenExchangeHandler } from './endpoints/token-exchange.ts';
import { type ReceivedEvent, webhookHandler } from './endpoints/webhook.ts';
import { sendJson } from './http.ts';
import { ringApi } from './ring-api.ts';
import { selfSignedCertificate, type TlsMaterial, writeCertificate } from './tls.ts';
import { inMemoryTokenPool, type TokenPool } from './token-pool.ts';

export const DEFAULT_RING_API_BASE_URL = 'http://localhost:3000/sandbox';
export const DEFAULT_DEMO_USER: DemoUser = { email: 'demo@partner.example', password: 'partner-demo-password' };

export interface PartnerOptions {
  /** The three credentials the console shows once when the app is created. */
  clientId: string;
  clientSecret: string;
  hmacKey: string;
  /** Ring's API (users/me, app-integrations). Default: the sandbox of a console on http://localhost:3000. */
  ringApiBaseUrl?: string;
  /** Ring's OAuth host (`/oauth/token`); default: the API base, as the sandbox serves both. */
  ringOAuthBaseUrl?: string;
  /** PEM certificate(s) to trust when calling Ring, for a console served over https with its own certificate. */
  ringCaPem?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  demoUser?: DemoUser;
  /** Certificate and key; without them a self-signed certificate is generated. */
  tls?: TlsMaterial;
  /** Where to write the generated certificate's PEM (only when `tls` is not given). */
  certificateFile?: string;
  tokenPool?: TokenPool;
  log?: (line: string) => void;
}

export interface Partner {
  url: string;
  urls: { authorizationUrl: string; appHomepageUrl: string; tokenExchangeUrl: string; webhookUrl: string };
  /** The certificate this server presents, to trust when calling it (the console's EXTRA_CA_FILE). */
  caPem: string;
  tokens: TokenPool;
  /** Verified webhook events, in the order they were processed. */
  events: ReceivedEvent[];
  close(): Promise<void>;
}

export async function startPartner(options: PartnerOptions): Promise<Partner> {
  const log = options.log ?? ((line: string) => console.log(line));
  const host = options.host ?? '127.0.0.1';
  const tls = options.tls ?? (await selfSignedCertificate());
  if (!options.tls && options.certificateFile) writeCertificate(options.certificateFile, tls.cert);

  const pool = options.tokenPool ?? inMemoryTokenPool();
  const events: ReceivedEvent[] = [];
  const demoUser = options.demoUser ?? DEFAULT_DEMO_USER;
  const apiBaseUrl = options.ringApiBaseUrl ?? DEFAULT_RING_API_BASE_URL;
  const ring = ringApi({
    apiBaseUrl,
    oauthBaseUrl: options.ringOAuthBaseUrl ?? apiBaseUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    caPem: options.ringCaPem,
  });

  // The URLs are known only once the port is; the handlers that need one read it late.
  let url = '';
  const urls = () => ({
    authorizationUrl: `${url}/link`,
    appHomepageUrl: `${url}/home`,
    tokenExchangeUrl: `${url}/token-exchange`,
    webhookUrl: `${url}/webhook`,
  });
  const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => unknown> = {
    '/token-exchange': tokenExchangeHandler(ring, pool, log),
    '/webhook': webhookHandler(options.hmacKey, (event) => events.push(event), log),
    '/home': homepageHandler(pool, demoUser.email),
    '/': homepageHandler(pool, demoUser.email),
  };
  let linkHandler: ReturnType<typeof accountLinkHandler> | undefined;
  routes['/link'] = (request, response) => {
    linkHandler ??= accountLinkHandler({ ring, pool, hmacKey: options.hmacKey, demoUser, appHomepageUrl: urls().appHomepageUrl, log });
    return linkHandler(request, response);
  };

  const server = createServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, async (request, response) => {
    const route = routes[new URL(request.url ?? '/', 'https://partner.invalid').pathname];
    if (!route) return sendJson(response, 404, { error: 'Not found: the example serves /link, /home, /token-exchange and /webhook.' });
    try {
      await route(request, response);
    } catch (error) {
      log(`error: ${request.method} ${request.url}: ${(error as Error).stack ?? error}`);
      if (!response.headersSent) sendJson(response, 500, { error: 'Something went wrong on our side.' });
      else response.destroy();
    }
  });
  // A slow client must not hold a connection open for ever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // Listening on every interface: the URLs to paste still name this machine.
  const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  url = `https://${urlHost}:${port}`;

  return {
    url,
    urls: urls(),
    caPem: tls.cert,
    tokens: pool,
    events,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
