/**
 * Growth (issue 18): 10,000 developers and 100,000 apps written by SQL (INSERT ... SELECT
 * generate_series), not through the API, with every row a console read touches: sessions, API
 * tokens, credentials, the four App Information tabs, both account linking environments, an
 * icon and a main image, three audit events and a webhook delivery per app. Used by the bench's
 * growth scenario and by test/api/explain-hot-statements.test.ts. Run ANALYZE after them.
 */
import { CATALOG, PUBLIC_NAME_KEY_RULE } from '@ring/domain';

export interface GrowthSeed {
  developers: number;
  /** Apps of the seeded developers, spread evenly over them. */
  apps: number;
  /** A further `ownApps` apps, seeded the same way, of this existing developer (a UUID). */
  ownerId?: string;
  ownApps?: number;
}

/** A deterministic UUID per (label, n), so that rows of one table can name rows of another. */
export const seededUuid = (label: string, n: string) => `md5('${label}' || ${n})::uuid`;
const uuid = seededUuid;

/** One INSERT ... SELECT per table, in an order that satisfies the foreign keys. */
export function growthSeedStatements({ developers, apps, ownerId, ownApps = 0 }: GrowthSeed): string[] {
  if (ownApps && !ownerId) throw new Error('ownApps needs an ownerId');
  if (ownerId && !/^[0-9a-f-]{36}$/i.test(ownerId)) throw new Error(`ownerId is not a UUID: ${ownerId}`);
  // The public-name keys are unique but not the rule's skeletons of the names (that takes
  // @ring/domain's publicNameKey, not SQL); marked as of the current rule, so that no server
  // start recomputes 100,000 of them one UPDATE each.
  return [
    `INSERT INTO "Developer" (id, email, name, "passwordHash")
       SELECT ${uuid('dev', 'd')}, 'dev' || d || '@growth.example', 'Developer ' || d, 'not a hash'
       FROM generate_series(1, ${developers}) d`,
    `INSERT INTO "Session" (id, "tokenHash", "developerId", "expiresAt")
       SELECT ${uuid('session', 'd')}, md5('session-hash' || d), ${uuid('dev', 'd')}, now() + interval '1 day'
       FROM generate_series(1, ${developers}) d`,
    `INSERT INTO "ApiToken" (id, "developerId", name, "tokenHash", prefix)
       SELECT ${uuid('token', 'd')}, ${uuid('dev', 'd')}, 'cli', md5('token-hash' || d), 'ring_'
       FROM generate_series(1, ${developers}) d`,
    // Apps 1..apps belong to the seeded developers, apps+1.. to ownerId.
    `INSERT INTO "App" (id, "developerId", name, "createdAt", "complianceAgreementVersion", "complianceAcceptedAt", "complianceAcceptedById")
       SELECT ${uuid('app', 'a')}, owner, 'App ' || a, now() - a * interval '1 second', 'growth', now(), owner
       FROM (SELECT a, CASE WHEN a > ${apps} THEN ${ownerId ? `'${ownerId}'::uuid` : 'NULL'} ELSE ${uuid('dev', `(a % ${developers} + 1)`)} END AS owner
             FROM generate_series(1, ${apps + ownApps}) a) apps`,
    `INSERT INTO "Credential" ("appId", "clientId", "clientSecretHash", "hmacKeyEncrypted")
       SELECT ${uuid('app', 'a')}, 'growth_cid_' || a, 'not a hash', 'not a key' FROM generate_series(1, ${apps + ownApps}) a`,
    `INSERT INTO "MediaAsset" (id, "appId", kind, "storageKey", "contentType", "byteSize", width, height)
       SELECT ${uuid('asset', `(a * 2 + k)`)}, ${uuid('app', 'a')}, (CASE k WHEN 0 THEN 'ICON' ELSE 'MAIN_IMAGE' END)::"MediaKind",
              md5('bytes' || a || k), 'image/png', 1000, 1024, 1024
       FROM generate_series(1, ${apps + ownApps}) a, generate_series(0, 1) k`,
    `INSERT INTO "GeneralInfo" ("appId", version, "savedAt", "publicName", "publicNameKey", "publicNameKeyRule", "iconId", "shortDescription", "detailedDescription", categories, "latestRelease")
       SELECT ${uuid('app', 'a')}, 1, now(), 'Public ' || a, 'growth key ' || a, ${PUBLIC_NAME_KEY_RULE}, ${uuid('asset', '(a * 2)')}, 'Short', 'Detailed', ARRAY['${CATALOG.categories[0]!.id}'], 'First'
       FROM generate_series(1, ${apps + ownApps}) a`,
    `INSERT INTO "MediaInfo" ("appId", version, "savedAt", "mainImageId")
       SELECT ${uuid('app', 'a')}, 1, now(), ${uuid('asset', '(a * 2 + 1)')} FROM generate_series(1, ${apps + ownApps}) a`,
    `INSERT INTO "CompatibilityInfo" ("appId", version, "savedAt", features, requirements)
       SELECT ${uuid('app', 'a')}, 1, now(), 'Features', 'Requirements' FROM generate_series(1, ${apps + ownApps}) a`,
    `INSERT INTO "AdditionalInfo" ("appId", version, "savedAt", "developerInfo", "websiteUrl", "supportUrl", "privacyPolicyUrl", "termsOfServiceUrl")
       SELECT ${uuid('app', 'a')}, 1, now(), 'Us', 'https://a.example', 'https://a.example/s', 'https://a.example/p', 'https://a.example/t'
       FROM generate_series(1, ${apps + ownApps}) a`,
    `INSERT INTO "AccountLinking" ("appId", environment, version, "savedAt", "authorizationUrl", "appHomepageUrl", "tokenExchangeUrl", "webhookUrl")
       SELECT ${uuid('app', 'a')}, e::"Environment", 1, now(), 'https://a.example/auth', 'https://a.example', 'https://a.example/token', 'https://a.example/hook'
       FROM generate_series(1, ${apps + ownApps}) a, unnest(ARRAY['STAGING', 'PRODUCTION']) e`,
    `INSERT INTO "AuditEvent" (id, "actorId", "appId", action, kind, detail, "createdAt")
       SELECT ${uuid('audit', '(a * 3 + k)')}, app."developerId", app.id, 'app.renamed', 'APP', '{"from":"a","to":"b"}', now() - (a * 3 + k) * interval '1 second'
       FROM generate_series(1, ${apps + ownApps}) a CROSS JOIN generate_series(0, 2) k JOIN "App" app ON app.id = ${uuid('app', 'a')}`,
    `INSERT INTO "WebhookDelivery" (id, "appId", environment, "eventType", url, "statusCode", "durationMs", "createdAt")
       SELECT ${uuid('delivery', 'a')}, ${uuid('app', 'a')}, 'STAGING', 'APP_INTEGRATION_ADDED', 'https://a.example/hook', 200, 12, now() - a * interval '1 second'
       FROM generate_series(1, ${apps + ownApps}) a`,
  ];
}
