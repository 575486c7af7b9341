/**
 * Growth (issue 18): with 10,000 developers and 100,000 apps, every statement of the hot reads
 * and of a tab save must reach its rows through an index. The rows are seeded by SQL
 * (generate_series) into a database of this file's own, so no other test sees them; the
 * statements are the ones the API really runs (Prisma's query events), each EXPLAINed with its
 * own parameters twice: as a custom plan and as a generic one (plan_cache_mode, PREPARE and
 * EXPLAIN EXECUTE: all of it PostgreSQL 12+, no EXPLAIN GENERIC_PLAN).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { ActivityPage_AppDocument, AppInfoPage_SaveCompatibilityInfoDocument, TestPage_DeliveriesDocument } from '@ring/client';
import { createPrismaClient, disconnectPrisma, onQuery, type PrismaClient, type QueryEvent } from '@ring/db';
import { createTestDatabase, dropDatabase } from '@ring/db/testing';
import { growthSeedStatements, seededUuid } from '../../bench/growth-seed.ts';
import { APP_OVERVIEW, APPS_EVERYTHING } from '../../bench/operations.ts';
import { compatibility } from '../../bench/seed.ts';
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

async function seed() {
  for (const statement of growthSeedStatements({ developers: DEVELOPERS, apps: APPS, ownerId, ownApps: OWN_APPS })) await sql.$executeRawUnsafe(statement);
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

/** A parameter as an SQL literal for EXECUTE: a list as a PostgreSQL array, any other object as JSON. */
function literal(value: unknown): string {
  if (value === null) return 'NULL';
  const text = Array.isArray(value)
    ? `{${value.map((item) => `"${String(item).replace(/["\\]/g, '\\$&')}"`).join(',')}}`
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
  return `'${text.replace(/'/g, "''")}'`;
}

type Explained = Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>;

/**
 * The plan of one statement with its parameters. Custom: the parameters bound to the EXPLAIN,
 * planned for their values (what an unnamed statement gets). Generic: prepared and planned for
 * any values, as PostgreSQL may plan our named statements after their fifth run on a connection.
 */
async function planOf(event: QueryEvent, plan: 'custom' | 'generic'): Promise<PlanNode> {
  const params = JSON.parse(event.params) as unknown[];
  if (plan === 'custom') {
    const rows = await sql.$queryRawUnsafe<Explained>(`EXPLAIN (FORMAT JSON) ${event.query}`, ...params);
    return rows[0]!['QUERY PLAN'][0]!.Plan;
  }
  return sql.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('SET LOCAL plan_cache_mode = force_generic_plan');
    await tx.$executeRawUnsafe(`PREPARE growth_explain AS ${event.query}`);
    const rows = await tx.$queryRawUnsafe<Explained>(`EXPLAIN (FORMAT JSON) EXECUTE growth_explain(${params.map(literal).join(', ')})`);
    await tx.$executeRawUnsafe('DEALLOCATE growth_explain');
    return rows[0]!['QUERY PLAN'][0]!.Plan;
  });
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
  const found: Array<{ statement: string; plan: 'custom' | 'generic'; tables: string[] }> = [];
  for (const event of explained) {
    for (const plan of ['custom', 'generic'] as const) {
      const tables = seqScans(await planOf(event, plan));
      // The start of the statement is enough to find it in the code; the whole is kilobytes.
      if (tables.length) found.push({ statement: event.query.slice(0, 300), plan, tables });
    }
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
    const rows = await sql.$queryRawUnsafe<Array<{ id: string }>>(`SELECT ${seededUuid('app', `${APPS + 1}`)}::text AS id`);
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
    const { response, found } = await sequentialScansOf(AppInfoPage_SaveCompatibilityInfoDocument, { input: compatibility(appId) });
    expect(JSON.stringify(response.data)).toContain('SaveCompatibilityInfoSuccess');
    expect(found).toEqual([]);
  });
});
