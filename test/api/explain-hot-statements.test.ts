/**
 * Growth (issue 18): with 10,000 developers and 100,000 apps, every statement of the hot reads
 * and of a tab save must reach its rows through an index. The rows are seeded by SQL
 * (generate_series) into a database of this file's own, so no other test sees them; the
 * statements are the ones the API really runs (Prisma's query events), each EXPLAINed with its
 * own parameters (bound through the extended protocol, which PostgreSQL 15 plans as a custom plan).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { ActivityPage_AppDocument, AppInfoPage_SaveCompatibilityInfoDocument, TestPage_DeliveriesDocument } from '@ring/client';
import { createPrismaClient, disconnectPrisma, onQuery, type PrismaClient, type QueryEvent } from '@ring/db';
import { createTestDatabase, dropDatabase } from '@ring/db/testing';
import { CATALOG } from '@ring/domain';
import { APP_OVERVIEW, APPS_EVERYTHING } from '../../bench/operations.ts';
import { execute, newDeveloper } from '../support/api.ts';

const DEVELOPERS = 10_000;
const APPS = 100_000;
/** The signed-in developer's own apps (more than a page of 50). */
const OWN_APPS = 60;

/** Tables that grow with the number of developers and apps: none may be read by a sequential scan. */
const BIG_TABLES = new Set([
  'Developer',
  'App',
  'Credential',
  'GeneralInfo',
  'MediaInfo',
  'CompatibilityInfo',
  'AdditionalInfo',
  'AccountLinking',
  'AuditEvent',
  'WebhookDelivery',
  'MediaAsset',
  'ApiToken',
  'Session',
]);

const originalUrl = process.env.DATABASE_URL;
const adminUrl = inject('adminUrl');
let bigUrl = '';
/** A client of its own, outside the query events, for the seed and the EXPLAINs. */
let sql: PrismaClient;
let owner: Awaited<ReturnType<typeof newDeveloper>>;
let ownerId = '';
let appId = '';

/** A deterministic UUID per (label, n), so that rows of one table can name rows of another. */
const uuid = (label: string, n: string) => `md5('${label}' || ${n})::uuid`;

/** Every developer, app, tab row, asset, audit event and delivery: one INSERT ... SELECT per table. */
async function seed() {
  const statements = [
    `INSERT INTO "Developer" (id, email, name, "passwordHash")
       SELECT ${uuid('dev', 'd')}, 'dev' || d || '@growth.example', 'Developer ' || d, 'not a hash'
       FROM generate_series(1, ${DEVELOPERS}) d`,
    `INSERT INTO "Session" (id, "tokenHash", "developerId", "expiresAt")
       SELECT ${uuid('session', 'd')}, md5('session-hash' || d), ${uuid('dev', 'd')}, now() + interval '1 day'
       FROM generate_series(1, ${DEVELOPERS}) d`,
    `INSERT INTO "ApiToken" (id, "developerId", name, "tokenHash", prefix)
       SELECT ${uuid('token', 'd')}, ${uuid('dev', 'd')}, 'cli', md5('token-hash' || d), 'ring_'
       FROM generate_series(1, ${DEVELOPERS}) d`,
    // Apps 1..APPS belong to the seeded developers (ten each); APPS+1.. to the signed-in one.
    `INSERT INTO "App" (id, "developerId", name, "createdAt", "complianceAgreementVersion", "complianceAcceptedAt", "complianceAcceptedById")
       SELECT ${uuid('app', 'a')}, owner, 'App ' || a, now() - a * interval '1 second', 'growth', now(), owner
       FROM (SELECT a, CASE WHEN a > ${APPS} THEN '${ownerId}'::uuid ELSE ${uuid('dev', `(a % ${DEVELOPERS} + 1)`)} END AS owner
             FROM generate_series(1, ${APPS + OWN_APPS}) a) apps`,
    `INSERT INTO "Credential" ("appId", "clientId", "clientSecretHash", "hmacKeyEncrypted")
       SELECT ${uuid('app', 'a')}, 'ring_cid_' || a, 'not a hash', 'not a key' FROM generate_series(1, ${APPS + OWN_APPS}) a`,
    `INSERT INTO "MediaAsset" (id, "appId", kind, "storageKey", "contentType", "byteSize", width, height)
       SELECT ${uuid('asset', `(a * 2 + k)`)}, ${uuid('app', 'a')}, (CASE k WHEN 0 THEN 'ICON' ELSE 'MAIN_IMAGE' END)::"MediaKind",
              md5('bytes' || a || k), 'image/png', 1000, 1024, 1024
       FROM generate_series(1, ${APPS + OWN_APPS}) a, generate_series(0, 1) k`,
    `INSERT INTO "GeneralInfo" ("appId", version, "savedAt", "publicName", "publicNameKey", "iconId", "shortDescription", "detailedDescription", categories, "latestRelease")
       SELECT ${uuid('app', 'a')}, 1, now(), 'Public ' || a, 'public ' || a, ${uuid('asset', '(a * 2)')}, 'Short', 'Detailed', ARRAY['${CATALOG.categories[0]!.id}'], 'First'
       FROM generate_series(1, ${APPS + OWN_APPS}) a`,
    `INSERT INTO "MediaInfo" ("appId", version, "savedAt", "mainImageId")
       SELECT ${uuid('app', 'a')}, 1, now(), ${uuid('asset', '(a * 2 + 1)')} FROM generate_series(1, ${APPS + OWN_APPS}) a`,
    `INSERT INTO "CompatibilityInfo" ("appId", version, "savedAt", features, requirements)
       SELECT ${uuid('app', 'a')}, 1, now(), 'Features', 'Requirements' FROM generate_series(1, ${APPS + OWN_APPS}) a`,
    `INSERT INTO "AdditionalInfo" ("appId", version, "savedAt", "developerInfo", "websiteUrl", "supportUrl", "privacyPolicyUrl", "termsOfServiceUrl")
       SELECT ${uuid('app', 'a')}, 1, now(), 'Us', 'https://a.example', 'https://a.example/s', 'https://a.example/p', 'https://a.example/t'
       FROM generate_series(1, ${APPS + OWN_APPS}) a`,
    `INSERT INTO "AccountLinking" ("appId", environment, version, "savedAt", "authorizationUrl", "appHomepageUrl", "tokenExchangeUrl", "webhookUrl")
       SELECT ${uuid('app', 'a')}, e::"Environment", 1, now(), 'https://a.example/auth', 'https://a.example', 'https://a.example/token', 'https://a.example/hook'
       FROM generate_series(1, ${APPS + OWN_APPS}) a, unnest(ARRAY['STAGING', 'PRODUCTION']) e`,
    `INSERT INTO "AuditEvent" (id, "actorId", "appId", action, kind, detail, "createdAt")
       SELECT ${uuid('audit', `(a * 3 + k)`)}, owner."developerId", owner.id, 'app.renamed', 'APP', '{"from":"a","to":"b"}', now() - (a * 3 + k) * interval '1 second'
       FROM "App" owner, generate_series(0, 2) k, LATERAL (SELECT substr(owner.name, 5)::int AS a) n`,
    `INSERT INTO "WebhookDelivery" (id, "appId", environment, "eventType", url, "statusCode", "durationMs", "createdAt")
       SELECT ${uuid('delivery', 'a')}, ${uuid('app', 'a')}, 'STAGING', 'APP_INTEGRATION_ADDED', 'https://a.example/hook', 200, 12, now() - a * interval '1 second'
       FROM generate_series(1, ${APPS + OWN_APPS}) a`,
  ];
  for (const statement of statements) await sql.$executeRawUnsafe(statement);
  await sql.$executeRawUnsafe('ANALYZE');
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode): string[] {
  const own = node['Node Type'] === 'Seq Scan' && node['Relation Name'] && BIG_TABLES.has(node['Relation Name']) ? [node['Relation Name']] : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScans)];
}

const EXPLAINABLE = /^\s*(WITH|SELECT|INSERT|UPDATE|DELETE)\b/i;

/** Runs `document` as the signed-in developer; answers which of its statements read a big table sequentially. */
async function sequentialScansOf<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables> | string,
  variables: TVariables,
  signedIn: 'token' | 'cookie' = 'token',
) {
  const events: QueryEvent[] = [];
  const stop = onQuery((event) => events.push(event));
  const typed = typeof document === 'string' ? (parse(document) as TypedDocumentNode<TResult, TVariables>) : document;
  const response = await execute(typed, variables, signedIn === 'token' ? { token: owner.token } : { cookie: owner.cookie }).finally(stop);
  expect(response.errors).toBeUndefined();
  const explained = events.filter((event) => EXPLAINABLE.test(event.query));
  expect(explained.length).toBeGreaterThan(0);
  const found: Array<{ statement: string; tables: string[] }> = [];
  for (const event of explained) {
    const params = JSON.parse(event.params) as unknown[];
    const rows = await sql.$queryRawUnsafe<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(`EXPLAIN (FORMAT JSON) ${event.query}`, ...params);
    const tables = seqScans(rows[0]!['QUERY PLAN'][0]!.Plan);
    // The start of the statement is enough to find it in the code; the whole is kilobytes.
    if (tables.length) found.push({ statement: event.query.slice(0, 300), tables });
  }
  return { response, found };
}

describe(`hot statements on ${DEVELOPERS.toLocaleString('en')} developers and ${APPS.toLocaleString('en')} apps`, () => {
  beforeAll(async () => {
    bigUrl = await createTestDatabase(adminUrl, 'growth');
    // The shared Prisma client is made on first use: from here on, the API works on this database.
    await disconnectPrisma();
    process.env.DATABASE_URL = bigUrl;
    owner = await newDeveloper('growth');
    ownerId = Buffer.from(owner.id, 'base64').toString().split(':')[1]!;
    sql = createPrismaClient(bigUrl);
    await seed();
    const rows = await sql.$queryRawUnsafe<Array<{ id: string }>>(`SELECT ${uuid('app', `${APPS + 1}`)}::text AS id`);
    appId = encodeGlobalID('App', rows[0]!.id);
  }, 120_000);

  afterAll(async () => {
    await sql?.$disconnect();
    await disconnectPrisma();
    process.env.DATABASE_URL = originalUrl;
    if (bigUrl) await dropDatabase(adminUrl, bigUrl);
  });

  it('the seed holds what the names say', async () => {
    const rows = await sql.$queryRawUnsafe<Array<{ developers: number; apps: number; own: number }>>(
      `SELECT (SELECT count(*)::int FROM "Developer") AS developers, (SELECT count(*)::int FROM "App") AS apps,
              (SELECT count(*)::int FROM "App" WHERE "developerId" = $1::uuid) AS own`,
      ownerId,
    );
    expect(rows[0]).toEqual({ developers: DEVELOPERS + 1, apps: APPS + OWN_APPS, own: OWN_APPS });
  });

  it('the app overview by an API token reads through indexes only', async () => {
    const { response, found } = await sequentialScansOf(APP_OVERVIEW, { id: appId });
    expect(JSON.stringify(response.data)).toContain('"termsOfServiceUrl":"https://');
    expect(found).toEqual([]);
  });

  it('viewer.apps(first: 50) with every tab reads through indexes only, by an API token and by a session', async () => {
    for (const signedIn of ['token', 'cookie'] as const) {
      const { response, found } = await sequentialScansOf(APPS_EVERYTHING, { first: 50 }, signedIn);
      expect(JSON.stringify(response.data)).toContain(`"totalCount":${OWN_APPS}`);
      expect(found).toEqual([]);
    }
  });

  it("the Activity page's App.activity reads through indexes only, of every kind or of one", async () => {
    for (const filter of [{}, { kind: 'APP' as const }]) {
      const { response, found } = await sequentialScansOf(ActivityPage_AppDocument, { id: appId, first: 50, ...filter });
      expect(JSON.stringify(response.data)).toContain('"action":"app.renamed"');
      expect(found).toEqual([]);
    }
  });

  it('the delivery log (App.webhookDeliveries) reads through indexes only, filtered or not', async () => {
    for (const filter of [{}, { environment: 'STAGING' as const }, { eventType: 'APP_INTEGRATION_ADDED' as const }]) {
      const { response, found } = await sequentialScansOf(TestPage_DeliveriesDocument, { id: appId, first: 20, ...filter });
      expect(JSON.stringify(response.data)).toContain('APP_INTEGRATION_ADDED');
      expect(found).toEqual([]);
    }
  });

  it('a tab save reads and writes through indexes only', async () => {
    const input = {
      appId,
      features: 'Arms the system when everyone has left.',
      requirements: 'A Ring Alarm base station.',
      customerTypes: [CATALOG.customerTypes[0]!.id],
      supportedDevices: [CATALOG.supportedDevices[0]!.id],
      cameraTypes: [CATALOG.cameraTypes[0]!.id],
    };
    const { response, found } = await sequentialScansOf(AppInfoPage_SaveCompatibilityInfoDocument, { input });
    expect(JSON.stringify(response.data)).toContain('SaveCompatibilityInfoSuccess');
    expect(found).toEqual([]);
  });
});
