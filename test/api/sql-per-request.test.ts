/**
 * SQL per request, counted through Prisma's query events (`onQuery` from @ring/db; the test
 * setup sets DATABASE_QUERY_EVENTS=1). A page of apps with every field a tool can nest must
 * cost the same statements for 1 app as for 50: no query per app (N+1).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { onQuery, prisma } from '@ring/db';
import {
  ActivityPage_AppDocument,
  AppInfoPage_SaveCompatibilityInfoDocument,
  BuildPage_AppDocument,
  CertifyPage_AppDocument,
  LinkRehearsals_AppDocument,
  TestPage_AppDocument,
} from '@ring/client';
import { execute, newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';

const APPS = 50;
const MAX_STATEMENTS = 10;
/** A console page's load: the Certify page (submission, findings, versions, two draft comparisons) reads the most, 11. */
const MAX_PAGE_STATEMENTS = 12;

const asset = `id url contentType byteSize width height durationMs createdAt`;
const tab = `version savedAt complete missing`;
const linking = `environment version savedAt authorizationUrl appHomepageUrl tokenExchangeUrl webhookUrl complete missing`;

/** Every field of App and of everything it nests, as a tool could ask for them. */
const EVERYTHING = parse(`
  query EveryAppField($first: Int!) {
    viewer {
      id
      apps(first: $first) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges {
          cursor
          node {
            id name createdAt publishedAt publicName currentStep
            lifecycle { step status }
            overview { configure { appInformation accountLinking } }
            credentials { clientIdHint issuedAt }
            info {
              status
              general { ${tab} publicName shortDescription detailedDescription categories latestRelease icon { ${asset} } }
              media { ${tab} mainImage { ${asset} } additionalImages { ${asset} } video { ${asset} } videoThumbnail { ${asset} } }
              compatibility { ${tab} features requirements customerTypes supportedDevices cameraTypes }
              additional { ${tab} developerInfo websiteUrl supportUrl privacyPolicyUrl termsOfServiceUrl }
            }
            accountLinking { status staging { ${linking} } production { ${linking} } }
            webhookDeliveries(first: 2) { edges { node { id eventType outcome } } }
            guidelineChecks { rule field severity message }
          }
        }
      }
    }
  }
`) as TypedDocumentNode<EveryAppField, { first: number }>;

interface Asset {
  id: string;
  url: string;
}
interface EveryAppField {
  viewer: {
    apps: {
      totalCount: number;
      edges: Array<{
        node: {
          name: string;
          currentStep: string;
          publicName: string | null;
          credentials: { clientIdHint: string } | null;
          info: {
            status: string;
            general: { complete: boolean; icon: Asset | null; categories: string[] };
            media: { complete: boolean; mainImage: Asset | null; additionalImages: Asset[]; video: Asset | null; videoThumbnail: Asset | null };
            compatibility: { complete: boolean };
            additional: { complete: boolean };
          };
          accountLinking: { status: string; staging: { complete: boolean }; production: { complete: boolean } };
          webhookDeliveries: { edges: Array<{ node: { eventType: string } }> };
          guidelineChecks: Array<{ rule: string }>;
        };
      }>;
    };
  } | null;
}

/** `count` apps of one developer with every tab, both linking environments, credentials and deliveries saved: rows inserted directly, a statement per table. */
async function insertCompleteApps(developerId: string, count: number) {
  const savedAt = new Date();
  const apps = Array.from({ length: count }, (_, index) => ({ id: randomUUID(), index }));
  const assets = apps.map(({ id }) => ({
    appId: id,
    icon: randomUUID(),
    main: randomUUID(),
    extra: [randomUUID(), randomUUID()],
    video: randomUUID(),
    thumbnail: randomUUID(),
  }));
  const urls = (id: string) => ({
    authorizationUrl: `https://${id}.example/auth`,
    appHomepageUrl: `https://${id}.example`,
    tokenExchangeUrl: `https://${id}.example/token`,
    webhookUrl: `https://${id}.example/hook`,
  });
  await prisma.app.createMany({
    data: apps.map(({ id, index }) => ({
      id,
      developerId,
      name: `App ${index}`,
      // Distinct creation times keep the list's order (newest first) unambiguous.
      createdAt: new Date(savedAt.getTime() - index * 1000),
      complianceAgreementVersion: 'test',
      complianceAcceptedAt: savedAt,
      complianceAcceptedById: developerId,
    })),
  });
  await prisma.credential.createMany({
    data: apps.map(({ id }) => ({ appId: id, clientId: `ring_cid_${id}`, clientSecretHash: 'not a real hash', hmacKeyEncrypted: 'not a real key' })),
  });
  const image = { contentType: 'image/png', byteSize: 10, width: 1024, height: 1024 };
  await prisma.mediaAsset.createMany({
    data: assets.flatMap((a) => [
      { id: a.icon, appId: a.appId, kind: 'ICON' as const, storageKey: `test-${a.icon}`, ...image },
      { id: a.main, appId: a.appId, kind: 'MAIN_IMAGE' as const, storageKey: `test-${a.main}`, ...image },
      ...a.extra.map((id) => ({ id, appId: a.appId, kind: 'ADDITIONAL_IMAGE' as const, storageKey: `test-${id}`, ...image })),
      {
        id: a.video,
        appId: a.appId,
        kind: 'VIDEO' as const,
        storageKey: `test-${a.video}`,
        contentType: 'video/mp4',
        byteSize: 1000,
        width: 1280,
        height: 720,
        durationMs: 5000,
      },
      { id: a.thumbnail, appId: a.appId, kind: 'VIDEO_THUMBNAIL' as const, storageKey: `test-${a.thumbnail}`, ...image },
    ]),
  });
  await prisma.generalInfo.createMany({
    data: assets.map((a) => ({
      appId: a.appId,
      version: 1,
      savedAt,
      publicName: `Public ${a.appId.slice(0, 8)}`,
      publicNameKey: `public ${a.appId.slice(0, 8)}`,
      iconId: a.icon,
      shortDescription: 'Short',
      detailedDescription: 'Detailed',
      categories: ['HOME_SECURITY', 'LIGHTING'],
      latestRelease: 'First',
    })),
  });
  await prisma.mediaInfo.createMany({
    data: assets.map((a) => ({ appId: a.appId, version: 1, savedAt, mainImageId: a.main, videoId: a.video, videoThumbnailId: a.thumbnail })),
  });
  await prisma.additionalImage.createMany({ data: assets.flatMap((a) => a.extra.map((assetId, position) => ({ appId: a.appId, position, assetId }))) });
  await prisma.compatibilityInfo.createMany({
    data: apps.map(({ id }) => ({
      appId: id,
      version: 1,
      savedAt,
      features: 'Features',
      requirements: 'Requirements',
      customerTypes: ['HOMEOWNER'],
      supportedDevices: ['VIDEO_DOORBELL_4', 'INDOOR_CAM'],
      cameraTypes: ['DOORBELL'],
    })),
  });
  await prisma.additionalInfo.createMany({
    data: apps.map(({ id }) => ({
      appId: id,
      version: 1,
      savedAt,
      developerInfo: 'Acme',
      websiteUrl: 'https://acme.example',
      supportUrl: 'https://acme.example/support',
      privacyPolicyUrl: 'https://acme.example/privacy',
      termsOfServiceUrl: 'https://acme.example/terms',
    })),
  });
  await prisma.accountLinking.createMany({
    data: apps.flatMap(({ id }) => (['STAGING', 'PRODUCTION'] as const).map((environment) => ({ appId: id, environment, version: 1, savedAt, ...urls(id) }))),
  });
  await prisma.webhookDelivery.createMany({
    data: apps.flatMap(({ id }) => [
      {
        appId: id,
        environment: 'STAGING' as const,
        eventType: 'MOTION_DETECTED',
        url: urls(id).webhookUrl,
        statusCode: 200,
        durationMs: 40,
        responseExcerpt: 'ok',
        createdAt: new Date(savedAt.getTime() - 1000),
      },
      {
        appId: id,
        environment: 'PRODUCTION' as const,
        eventType: 'BUTTON_PRESS',
        url: urls(id).webhookUrl,
        statusCode: null,
        durationMs: 5000,
        error: 'timed out',
        createdAt: savedAt,
      },
    ]),
  });
}

describe('SQL per request', () => {
  it(`viewer.apps with every nested field runs the same statements for 1 app as for ${APPS}, at most ${MAX_STATEMENTS}`, async () => {
    const owner = await newDeveloper('sql');
    const developerId = Buffer.from(owner.id, 'base64').toString().split(':')[1]!;
    await insertCompleteApps(developerId, APPS);

    const statementsFor = async (first: number) => {
      const statements: string[] = [];
      const stop = onQuery((event) => statements.push(event.query));
      const result = await execute(EVERYTHING, { first }, { token: owner.token }).finally(stop);
      expect(result.errors).toBeUndefined();
      return { statements, apps: result.data!.viewer!.apps };
    };

    // The first request of a token records its use (lastUsedAt): measure after it.
    await statementsFor(1);
    const one = await statementsFor(1);
    const fifty = await statementsFor(APPS);
    console.log(
      `SQL per request, viewer.apps with every nested field: first: 1 -> ${one.statements.length} statements, first: ${APPS} -> ${fifty.statements.length}`,
    );

    // The answer is real: every app, with every tab, both environments, media and deliveries.
    expect(one.apps.edges).toHaveLength(1);
    expect(fifty.apps.totalCount).toBe(APPS);
    expect(fifty.apps.edges).toHaveLength(APPS);
    expect(fifty.apps.edges.map((edge) => edge.node.name)).toEqual(Array.from({ length: APPS }, (_, index) => `App ${index}`));
    for (const { node } of fifty.apps.edges) {
      expect(node.publicName).toMatch(/^Public /);
      expect(node.credentials?.clientIdHint).toHaveLength(4);
      expect(node.currentStep).toBe('BUILD');
      expect(node.info.status).toBe('COMPLETE');
      expect(node.info.general.categories).toEqual(['HOME_SECURITY', 'LIGHTING']);
      expect(node.info.general.icon?.url).toMatch(/^http:\/\/yoga\/media\//);
      expect(node.info.media.mainImage).not.toBeNull();
      expect(node.info.media.additionalImages).toHaveLength(2);
      expect(node.info.media.video).not.toBeNull();
      expect(node.info.media.videoThumbnail).not.toBeNull();
      expect([node.info.compatibility.complete, node.info.additional.complete]).toEqual([true, true]);
      expect(node.accountLinking).toMatchObject({ status: 'COMPLETE', staging: { complete: true }, production: { complete: true } });
      expect(node.webhookDeliveries.edges.map(({ node: delivery }) => delivery.eventType)).toEqual(['BUTTON_PRESS', 'MOTION_DETECTED']);
      expect(node.guidelineChecks).toEqual([]);
    }

    expect(one.statements.length).toBeGreaterThan(0); // the counter does see the queries
    expect(fifty.statements).toHaveLength(one.statements.length);
    expect(fifty.statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
  });
});

/** `count` rows of every list the console shows for one app, inserted directly (newest last). */
async function insertLists(appId: string, developerId: string, count: number) {
  const at = (index: number) => new Date(Date.now() - (count - index) * 1000);
  const urls = {
    authorizationUrl: 'https://x.example/auth',
    appHomepageUrl: 'https://x.example',
    tokenExchangeUrl: 'https://x.example/token',
    webhookUrl: 'https://x.example/hook',
  };
  const indexes = Array.from({ length: count }, (_, index) => index);
  await prisma.endpointCheckRun.createMany({
    data: indexes.flatMap((index) =>
      (['STAGING', 'PRODUCTION'] as const).map((environment) => ({ appId, environment, passed: true, checks: [], urls, createdAt: at(index) })),
    ),
  });
  await prisma.webhookDelivery.createMany({
    data: indexes.map((index) => ({
      appId,
      environment: 'STAGING' as const,
      eventType: 'MOTION_DETECTED',
      url: urls.webhookUrl,
      statusCode: 200,
      durationMs: 40,
      responseExcerpt: 'ok',
      requestHeaders: { 'content-type': 'application/json' },
      requestBody: '{}',
      createdAt: at(index),
    })),
  });
  await prisma.linkRehearsal.createMany({
    data: indexes.map((index) => ({
      appId,
      environment: 'STAGING' as const,
      status: 'COMPLETED' as const,
      accountId: `account-${index}`,
      codeHash: randomUUID(),
      ...urls,
      completedAt: at(index),
      createdAt: at(index),
    })),
  });
  for (const index of indexes) {
    await prisma.appVersion.create({
      data: {
        appId,
        number: index + 1,
        releaseNotes: `Release ${index + 1}`,
        snapshot: {},
        createdAt: at(index),
        submission: { create: { appId, status: 'CERTIFIED', submittedById: developerId, decidedAt: at(index), createdAt: at(index) } },
      },
    });
  }
  await prisma.auditEvent.createMany({
    data: indexes.map((index) => ({
      actorId: developerId,
      appId,
      action: 'configure.tab-saved',
      kind: 'CONFIGURE',
      detail: { tab: 'COMPATIBILITY', version: index + 1 },
      createdAt: at(index),
    })),
  });
}

describe('SQL per request: every list the console shows', () => {
  it(`costs the same statements for 2 rows as for ${APPS}, and for first: 1 as for first: ${APPS}`, async () => {
    const owner = await newDeveloper('sql-lists');
    const developerId = Buffer.from(owner.id, 'base64').toString().split(':')[1]!;
    // Two, not one: a first version has nothing to compare with, which is one statement less.
    const one = await insertApp(owner.id, 'Two of each');
    const many = await insertApp(owner.id, `${APPS} of each`);
    await insertLists(one.id, developerId, 2);
    await insertLists(many.id, developerId, APPS);

    const count = async <R, V>(document: TypedDocumentNode<R, V>, variables: V) => {
      const statements: string[] = [];
      const stop = onQuery((event) => statements.push(event.query));
      const result = await execute(document, variables, { token: owner.token }).finally(stop);
      expect(result.errors).toBeUndefined();
      return { statements: statements.length, data: result.data as R };
    };
    // The first request of a token records its use (lastUsedAt): measure after it.
    await count(BuildPage_AppDocument, { id: one.globalId });

    const lists = {
      'Build checks (BuildPage_App)': (app: { globalId: string }) => count(BuildPage_AppDocument, { id: app.globalId }),
      'rehearsals (LinkRehearsals_App)': (app: { globalId: string }) => count(LinkRehearsals_AppDocument, { id: app.globalId }),
      'submission and version history (CertifyPage_App)': (app: { globalId: string }) => count(CertifyPage_AppDocument, { id: app.globalId }),
    };
    const figures: string[] = [];
    for (const [name, load] of Object.entries(lists)) {
      const small = await load(one);
      const large = await load(many);
      figures.push(`${name}: ${small.statements} vs ${large.statements}`);
      expect(large.statements, name).toBe(small.statements);
      expect(large.statements, name).toBeLessThanOrEqual(MAX_PAGE_STATEMENTS);
    }
    const versions = (await count(CertifyPage_AppDocument, { id: many.globalId })).data as { app: { versions: unknown[] } };
    expect(versions.app.versions).toHaveLength(APPS);

    const pages = {
      'delivery log (TestPage_App)': (app: { globalId: string }, first: number) => count(TestPage_AppDocument, { id: app.globalId, first }),
      'activity (ActivityPage_App)': (app: { globalId: string }, first: number) => count(ActivityPage_AppDocument, { id: app.globalId, first }),
    };
    for (const [name, load] of Object.entries(pages)) {
      const small = await load(many, 1);
      const large = await load(many, APPS);
      const oneRow = await load(one, APPS);
      figures.push(`${name}: first: 1 -> ${small.statements}, first: ${APPS} -> ${large.statements} (2 rows: ${oneRow.statements})`);
      expect(large.statements, name).toBe(small.statements);
      expect(oneRow.statements, name).toBe(small.statements);
      expect(large.statements, name).toBeLessThanOrEqual(MAX_PAGE_STATEMENTS);
    }
    const deliveries = (await count(TestPage_AppDocument, { id: many.globalId, first: APPS })).data as {
      node: { webhookDeliveries: { edges: unknown[] } };
    };
    expect(deliveries.node.webhookDeliveries.edges).toHaveLength(APPS);
    const activity = (await count(ActivityPage_AppDocument, { id: many.globalId, first: APPS })).data as { app: { activity: { edges: unknown[] } } };
    expect(activity.app.activity.edges).toHaveLength(APPS);
    console.log(`SQL per request, the console's lists:\n  ${figures.join('\n  ')}`);
  });
});

describe('SQL per request: a tab save', () => {
  it('a Compatibility save costs 3 statements with a token (its authentication, the save, the answer); a stranger’s app is NotFoundError and nothing is written', async () => {
    const owner = await newDeveloper('sql-save');
    const stranger = await newDeveloper('sql-save-stranger');
    const app = await insertApp(owner.id, 'Saved in one');
    const save = async (as: { token: string }, features: string) => {
      const statements: string[] = [];
      const stop = onQuery((event) => statements.push(event.query));
      const result = await execute(AppInfoPage_SaveCompatibilityInfoDocument, { input: { appId: app.globalId, features } }, { token: as.token }).finally(stop);
      expect(result.errors).toBeUndefined();
      return { statements: statements.length, answer: result.data!.saveCompatibilityInfo };
    };
    // The first request of a token records its use (lastUsedAt): measure after it.
    await save(owner, 'First');
    const saved = await save(owner, 'Second');
    expect(saved.answer).toMatchObject({ __typename: 'SaveCompatibilityInfoSuccess', info: { compatibility: { version: 2, features: 'Second' } } });
    expect(saved.statements).toBe(3);

    await save(stranger, 'Warm-up');
    const refused = await save(stranger, 'Not yours');
    expect(refused.answer.__typename).toBe('NotFoundError');
    const row = await prisma.compatibilityInfo.findUniqueOrThrow({ where: { appId: app.id } });
    expect([row.version, row.features]).toEqual([2, 'Second']);
    expect(await prisma.auditEvent.count({ where: { appId: app.id, action: 'configure.tab-saved' } })).toBe(2);
  });
});
