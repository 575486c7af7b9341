import { describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import { AppOverviewPage_AppDocument, AppsPage_AppsDocument } from '@ring/client';
import { execute, newDeveloper } from '../support/api.ts';
import { insertApp, markBuildComplete } from '../support/apps.ts';

async function asset(appId: string, kind: 'ICON' | 'MAIN_IMAGE' | 'ADDITIONAL_IMAGE') {
  return prisma.mediaAsset.create({
    data: { appId, kind, storageKey: `test-${kind}-${appId}`, contentType: 'image/png', byteSize: 10, width: 1024, height: 1024 },
  });
}

async function completeAppInformation(appId: string) {
  const savedAt = new Date();
  const icon = await asset(appId, 'ICON');
  const main = await asset(appId, 'MAIN_IMAGE');
  const extra = await asset(appId, 'ADDITIONAL_IMAGE');
  await prisma.generalInfo.create({
    data: {
      appId,
      savedAt,
      publicName: `Public ${appId.slice(0, 8)}`,
      iconId: icon.id,
      shortDescription: 'Short',
      detailedDescription: 'Detailed',
      categories: ['SECURITY'],
      latestRelease: 'First',
    },
  });
  await prisma.mediaInfo.create({ data: { appId, savedAt, mainImageId: main.id, additionalImages: { create: [{ position: 0, assetId: extra.id }] } } });
  await prisma.compatibilityInfo.create({
    data: { appId, savedAt, features: 'F', requirements: 'R', customerTypes: ['HOME'], supportedDevices: ['DOORBELL'], cameraTypes: ['INDOOR'] },
  });
  await prisma.additionalInfo.create({
    data: {
      appId,
      savedAt,
      developerInfo: 'Acme',
      websiteUrl: 'https://a.example',
      supportUrl: 'https://a.example/s',
      privacyPolicyUrl: 'https://a.example/p',
      termsOfServiceUrl: 'https://a.example/t',
    },
  });
}

const linking = {
  authorizationUrl: 'https://a.example/auth',
  appHomepageUrl: 'https://a.example',
  tokenExchangeUrl: 'https://a.example/token',
  webhookUrl: 'https://a.example/hook',
};

async function overview(owner: { cookie: string }, globalId: string) {
  const result = await execute(AppOverviewPage_AppDocument, { id: globalId }, owner);
  if (result.data?.app.__typename !== 'App') throw new Error(JSON.stringify(result));
  const app = result.data.app;
  return {
    steps: Object.fromEntries(app.lifecycle.map((entry) => [entry.step, entry.status])),
    order: app.lifecycle.map((entry) => entry.step),
    configure: app.overview.configure,
  };
}

describe('App.lifecycle and App.overview from the rows that exist', () => {
  it('a new app: Configure and Build pending, Test to Publish locked, both sections pending', async () => {
    const owner = await newDeveloper();
    const app = await insertApp(owner.id);
    const { steps, order, configure } = await overview(owner, app.globalId);
    expect(order).toEqual(['CONFIGURE', 'BUILD', 'TEST', 'CERTIFY', 'PUBLISH']);
    expect(steps).toEqual({ CONFIGURE: 'PENDING', BUILD: 'PENDING', TEST: 'LOCKED', CERTIFY: 'LOCKED', PUBLISH: 'LOCKED' });
    expect(configure).toEqual({ appInformation: 'PENDING', accountLinking: 'PENDING' });
  });

  it('one saved but incomplete tab puts Configure in progress', async () => {
    const owner = await newDeveloper();
    const app = await insertApp(owner.id);
    await prisma.compatibilityInfo.create({ data: { appId: app.id, savedAt: new Date(), features: 'Only this' } });
    const { steps, configure } = await overview(owner, app.globalId);
    expect(steps.CONFIGURE).toBe('IN_PROGRESS');
    expect(configure.appInformation).toBe('PENDING');
  });

  it('a row never saved (savedAt null) does not count as started', async () => {
    const owner = await newDeveloper();
    const app = await insertApp(owner.id);
    await prisma.additionalInfo.create({ data: { appId: app.id, developerInfo: 'draft' } });
    expect((await overview(owner, app.globalId)).steps.CONFIGURE).toBe('PENDING');
  });

  it('all four tabs complete: App information COMPLETE, Configure still in progress without linking', async () => {
    const owner = await newDeveloper();
    const app = await insertApp(owner.id);
    await completeAppInformation(app.id);
    const { steps, configure } = await overview(owner, app.globalId);
    expect(configure).toEqual({ appInformation: 'COMPLETE', accountLinking: 'PENDING' });
    expect(steps.CONFIGURE).toBe('IN_PROGRESS');
  });

  it('staging alone is not enough for Account linking; both environments are', async () => {
    const owner = await newDeveloper();
    const app = await insertApp(owner.id);
    await prisma.accountLinking.create({ data: { appId: app.id, environment: 'STAGING', savedAt: new Date(), ...linking } });
    expect((await overview(owner, app.globalId)).configure.accountLinking).toBe('PENDING');
    await prisma.accountLinking.create({ data: { appId: app.id, environment: 'PRODUCTION', savedAt: new Date(), ...linking } });
    expect((await overview(owner, app.globalId)).configure.accountLinking).toBe('COMPLETE');
  });

  it('Configure and Build complete unlock Test; the list shows the current step', async () => {
    const owner = await newDeveloper();
    const app = await insertApp(owner.id);
    await completeAppInformation(app.id);
    for (const environment of ['STAGING', 'PRODUCTION'] as const) {
      await prisma.accountLinking.create({ data: { appId: app.id, environment, savedAt: new Date(), ...linking } });
    }
    expect((await overview(owner, app.globalId)).steps).toEqual({
      CONFIGURE: 'COMPLETE',
      BUILD: 'PENDING',
      TEST: 'LOCKED',
      CERTIFY: 'LOCKED',
      PUBLISH: 'LOCKED',
    });
    await markBuildComplete(app.id);
    expect((await overview(owner, app.globalId)).steps).toEqual({
      CONFIGURE: 'COMPLETE',
      BUILD: 'COMPLETE',
      TEST: 'PENDING',
      CERTIFY: 'LOCKED',
      PUBLISH: 'LOCKED',
    });
    const list = await execute(AppsPage_AppsDocument, { first: 10, after: null }, owner);
    expect(list.data?.viewer?.apps?.edges[0]?.node.currentStep).toBe('TEST');
  });
});

// Statements per page of apps: test/api/sql-per-request.test.ts.
