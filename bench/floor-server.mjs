/**
 * The floors and anchors our server is measured against, each in its own process like ours:
 *   node bench/floor-server.mjs bare          a node:http server answering a small JSON body (the limit)
 *   node bench/floor-server.mjs yoga          graphql-yoga with a one-field schema (the framework floor)
 *   node bench/floor-server.mjs postgraphile  PostGraphile 5 over DATABASE_URL (the generated-API anchor)
 *   node bench/floor-server.mjs sql           node:http + pg over DATABASE_URL: each scenario is ONE
 *                                             hand-written SQL statement that builds the JSON (the limit)
 * All read the request body before answering, as a GraphQL server must. Prints
 * `listening <port>` once ready. Plain JavaScript: no transpiler in the measured process.
 */
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

const kind = process.argv[2];
const BODY = JSON.stringify({ data: { hello: 'world' } });

function bare() {
  return createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) });
      res.end(BODY);
    });
  });
}

function yoga() {
  const schema = createSchema({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } });
  return createServer(createYoga({ schema, logging: false, landingPage: false, graphiql: false }));
}

/**
 * PostGraphile 5 (amber preset) over the same database as our server, with no auth: the
 * generated API's own cost. Node 20 lacks Promise.withResolvers, which grafast uses.
 */
async function postgraphile() {
  if (!Promise.withResolvers) {
    Promise.withResolvers = function withResolvers() {
      let resolve;
      let reject;
      const promise = new this((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    };
  }
  const { postgraphile: make } = await import('postgraphile');
  const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
  const { makePgService } = await import('postgraphile/adaptors/pg');
  const { grafserv } = await import('postgraphile/grafserv/node');
  const pgl = make({
    extends: [PostGraphileAmberPreset],
    pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'], poolConfig: { max: 10 } })],
    grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
    grafast: { explain: false },
  });
  if (process.argv[3] === '--print-schema') {
    const { printSchema } = await import('postgraphile/graphql');
    console.log(printSchema(await pgl.getSchema()));
    await pgl.release();
    process.exit(0);
  }
  const server = createServer();
  const serv = pgl.createServ(grafserv);
  await serv.addTo(server);
  return server;
}

// The limit: what one statement per request costs. Same tables and the same JSON fields as the
// overview and list queries ask for (without the derived ones: complete, missing, urls).
const ASSET = (alias) =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'contentType', ${alias}."contentType", 'byteSize', ${alias}."byteSize", 'width', ${alias}.width, 'height', ${alias}.height, 'durationMs', ${alias}."durationMs", 'createdAt', ${alias}."createdAt") END`;
const LINKING = (environment) =>
  `(SELECT json_build_object('version', l.version, 'savedAt', l."savedAt", 'authorizationUrl', l."authorizationUrl", 'appHomepageUrl', l."appHomepageUrl", 'tokenExchangeUrl', l."tokenExchangeUrl", 'webhookUrl', l."webhookUrl") FROM "AccountLinking" l WHERE l."appId" = a.id AND l.environment = '${environment}')`;
const APP_JSON = `json_build_object(
  'id', a.id, 'name', a.name, 'createdAt', a."createdAt", 'publishedAt', a."publishedAt",
  'buildCompletedAt', a."buildCompletedAt", 'testCompletedAt', a."testCompletedAt", 'certifiedAt', a."certifiedAt",
  'credentials', (SELECT json_build_object('clientId', c."clientId", 'issuedAt', c."issuedAt") FROM "Credential" c WHERE c."appId" = a.id),
  'general', (SELECT json_build_object('version', g.version, 'savedAt', g."savedAt", 'publicName', g."publicName", 'shortDescription', g."shortDescription",
      'detailedDescription', g."detailedDescription", 'categories', g.categories, 'latestRelease', g."latestRelease", 'icon', ${ASSET('i')})
    FROM "GeneralInfo" g LEFT JOIN "MediaAsset" i ON i.id = g."iconId" WHERE g."appId" = a.id),
  'media', (SELECT json_build_object('version', m.version, 'savedAt', m."savedAt", 'mainImage', ${ASSET('mi')}, 'video', ${ASSET('v')}, 'videoThumbnail', ${ASSET('vt')},
      'additionalImages', (SELECT coalesce(json_agg(${ASSET('ai')} ORDER BY x.position), '[]') FROM "AdditionalImage" x JOIN "MediaAsset" ai ON ai.id = x."assetId" WHERE x."appId" = a.id))
    FROM "MediaInfo" m LEFT JOIN "MediaAsset" mi ON mi.id = m."mainImageId" LEFT JOIN "MediaAsset" v ON v.id = m."videoId" LEFT JOIN "MediaAsset" vt ON vt.id = m."videoThumbnailId" WHERE m."appId" = a.id),
  'compatibility', (SELECT json_build_object('version', t.version, 'savedAt', t."savedAt", 'features', t.features, 'requirements', t.requirements,
      'customerTypes', t."customerTypes", 'supportedDevices', t."supportedDevices", 'cameraTypes', t."cameraTypes") FROM "CompatibilityInfo" t WHERE t."appId" = a.id),
  'additional', (SELECT json_build_object('version', d.version, 'savedAt', d."savedAt", 'developerInfo', d."developerInfo", 'websiteUrl', d."websiteUrl",
      'supportUrl', d."supportUrl", 'privacyPolicyUrl', d."privacyPolicyUrl", 'termsOfServiceUrl', d."termsOfServiceUrl") FROM "AdditionalInfo" d WHERE d."appId" = a.id),
  'staging', ${LINKING('STAGING')}, 'production', ${LINKING('PRODUCTION')})`;
const STATEMENTS = {
  overview: {
    sql: `SELECT json_build_object('data', json_build_object('app', ${APP_JSON}))::text AS body FROM "App" a WHERE a.id = $1 AND a."developerId" = $2`,
    params: (v) => [v.id, v.developerId],
  },
  apps: {
    sql: `SELECT json_build_object('data', json_build_object('apps', json_build_object(
        'totalCount', (SELECT count(*) FROM "App" WHERE "developerId" = $1),
        'nodes', (SELECT coalesce(json_agg(${APP_JSON} ORDER BY a."createdAt" DESC, a.id DESC), '[]')
          FROM (SELECT * FROM "App" WHERE "developerId" = $1 ORDER BY "createdAt" DESC, id DESC LIMIT $2) a))))::text AS body`,
    params: (v) => [v.developerId, v.first],
  },
  // The tab save: the row created on the first save, the version checked and bumped, the audit
  // row written, all in one statement (an expectedVersion that does not match updates nothing).
  save: {
    sql: `WITH app AS (SELECT id FROM "App" WHERE id = $1 AND "developerId" = $2 FOR KEY SHARE),
      saved AS (
        INSERT INTO "CompatibilityInfo" ("appId", version, "savedAt", features, requirements, "customerTypes", "supportedDevices", "cameraTypes")
        SELECT id, 1, now(), $3, $4, $5, $6, $7 FROM app
        ON CONFLICT ("appId") DO UPDATE SET version = "CompatibilityInfo".version + 1, "savedAt" = now(), features = excluded.features,
          requirements = excluded.requirements, "customerTypes" = excluded."customerTypes", "supportedDevices" = excluded."supportedDevices", "cameraTypes" = excluded."cameraTypes"
        WHERE $8::int IS NULL OR "CompatibilityInfo".version = $8::int
        RETURNING version, "savedAt"),
      audit AS (
        INSERT INTO "AuditEvent" (id, "actorId", "appId", action, kind, detail)
        SELECT gen_random_uuid(), $2, $1, 'configure.tab-saved', 'CONFIGURE', json_build_object('tab', 'COMPATIBILITY', 'version', version) FROM saved)
      SELECT json_build_object('data', json_build_object('saveCompatibilityInfo', (SELECT json_build_object('__typename', 'SaveCompatibilityInfoSuccess', 'version', version, 'savedAt', "savedAt") FROM saved)))::text AS body`,
    params: (v) => [v.appId, v.developerId, v.features, v.requirements, v.customerTypes, v.supportedDevices, v.cameraTypes, v.expectedVersion ?? null],
  },
};

async function sql() {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  return createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
      const statement = STATEMENTS[req.url.slice(1)];
      try {
        if (!statement) throw new Error(`no statement ${req.url}`);
        const variables = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        // Named: parsed and planned once per connection, like a prepared statement.
        const result = await pool.query({ name: req.url.slice(1), text: statement.sql, values: statement.params(variables) });
        const text = result.rows[0]?.body ?? '{"data":null}';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      }
    });
  });
}

const servers = { bare, yoga, postgraphile, sql };
if (!servers[kind]) {
  console.error(`usage: node bench/floor-server.mjs ${Object.keys(servers).join('|')}`);
  process.exit(2);
}
const server = await servers[kind]();
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
