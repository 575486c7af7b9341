/**
 * Apps ready for link rehearsals: created through createApp (real credentials), their linking
 * URLs saved through saveAccountLinking pointing at a test partner, and, for the Test step,
 * Configure and Build completed straight in the database (their own flows are other tests').
 */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { AccountLinkingPage_SaveDocument } from '@ring/client';
import { execute } from './api.ts';
import { createAppVia } from './created-apps.ts';
import { markBuildComplete } from './apps.ts';

export async function createRehearsableApp(
  developer: { cookie: string },
  urls: { authorizationUrl: string; appHomepageUrl: string; tokenExchangeUrl: string; webhookUrl: string },
  name = 'Rehearsed app',
) {
  const created = await createAppVia(developer, name);
  for (const environment of ['STAGING', 'PRODUCTION'] as const) {
    const saved = await execute(AccountLinkingPage_SaveDocument, { input: { appId: created.app.id, environment, ...urls } }, developer);
    if (saved.data?.saveAccountLinking.__typename !== 'SaveAccountLinkingSuccess') throw new Error(`save failed: ${JSON.stringify(saved)}`);
  }
  return { globalId: created.app.id, id: decodeGlobalID(created.app.id).id, credentials: created.credentials };
}

/** Every App information tab complete and Build completed, so Test is unlocked. */
export async function completeConfigureAndBuild(appId: string): Promise<void> {
  const asset = (kind: 'ICON' | 'MAIN_IMAGE' | 'ADDITIONAL_IMAGE') =>
    prisma.mediaAsset.create({ data: { appId, kind, storageKey: `fixture-${kind}-${appId}`, contentType: 'image/png', byteSize: 1, width: 1, height: 1 } });
  const [icon, main, additional] = await Promise.all([asset('ICON'), asset('MAIN_IMAGE'), asset('ADDITIONAL_IMAGE')]);
  const savedAt = new Date();
  await prisma.generalInfo.create({
    data: {
      appId,
      savedAt,
      publicName: `Fixture ${appId}`,
      publicNameKey: `fixture ${appId}`,
      iconId: icon.id,
      shortDescription: 'Short.',
      detailedDescription: 'Long.',
      categories: ['PETS'],
      latestRelease: 'First.',
    },
  });
  await prisma.mediaInfo.create({ data: { appId, savedAt, mainImageId: main.id, additionalImages: { create: [{ position: 0, assetId: additional.id }] } } });
  await prisma.compatibilityInfo.create({
    data: { appId, savedAt, features: 'F.', requirements: 'R.', customerTypes: ['RESIDENTIAL'], supportedDevices: ['DOORBELLS'], cameraTypes: ['WIRED'] },
  });
  await prisma.additionalInfo.create({
    data: {
      appId,
      savedAt,
      developerInfo: 'D.',
      websiteUrl: 'https://example.com/',
      supportUrl: 'https://example.com/support',
      privacyPolicyUrl: 'https://example.com/privacy',
      termsOfServiceUrl: 'https://example.com/terms',
    },
  });
  // Build as completeBuild leaves it: a passing staging run against the saved URLs, confirmed.
  await markBuildComplete(appId);
}
