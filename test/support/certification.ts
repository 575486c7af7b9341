/**
 * Apps ready for Certify, for the certification tests. Configure is completed with rows as
 * App information and account linking save them; Build and Test are marked complete straight
 * in the database (their own steps are built elsewhere: today they are the App's
 * buildCompletedAt and testCompletedAt).
 */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { newDeveloper, newStaff } from './api.ts';
import { encryptSecret } from '@ring/api';
import { QUESTIONNAIRE } from '@ring/domain';
import { insertApp, markBuildComplete } from './apps.ts';

async function asset(appId: string, kind: 'ICON' | 'MAIN_IMAGE' | 'ADDITIONAL_IMAGE') {
  return prisma.mediaAsset.create({
    data: { appId, kind, storageKey: `test-${kind}-${appId}`, contentType: 'image/png', byteSize: 10, width: 1024, height: 1024 },
  });
}

export const LINKING_URLS = {
  authorizationUrl: 'https://partner.example/auth',
  appHomepageUrl: 'https://partner.example',
  tokenExchangeUrl: 'https://partner.example/token',
  webhookUrl: 'https://partner.example/hook',
};

/** Every required field of the four tabs (media rows without bytes, unless `withMedia` is false) and both environments' URLs. */
export async function completeConfigure(appId: string, { withMedia = true }: { withMedia?: boolean } = {}) {
  const savedAt = new Date();
  const icon = withMedia ? await asset(appId, 'ICON') : null;
  const main = withMedia ? await asset(appId, 'MAIN_IMAGE') : null;
  const extra = withMedia ? await asset(appId, 'ADDITIONAL_IMAGE') : null;
  await prisma.generalInfo.upsert({
    where: { appId },
    update: {},
    create: {
      appId,
      savedAt,
      version: 1,
      publicName: `Public ${appId.slice(0, 8)}`,
      publicNameKey: `public ${appId.slice(0, 8)}`,
      iconId: icon?.id ?? null,
      shortDescription: 'Keeps an eye on the front door.',
      detailedDescription: 'Detailed',
      categories: ['HOME_SECURITY'],
      latestRelease: 'First',
    },
  });
  await prisma.mediaInfo.upsert({
    where: { appId },
    update: {},
    create: {
      appId,
      savedAt,
      version: 1,
      mainImageId: main?.id ?? null,
      additionalImages: extra ? { create: [{ position: 0, assetId: extra.id }] } : undefined,
    },
  });
  await prisma.compatibilityInfo.create({
    data: {
      appId,
      savedAt,
      version: 1,
      features: 'F',
      requirements: 'R',
      customerTypes: ['HOMEOWNER'],
      supportedDevices: ['VIDEO_DOORBELL_4'],
      cameraTypes: ['DOORBELL'],
    },
  });
  await prisma.additionalInfo.create({
    data: {
      appId,
      savedAt,
      version: 1,
      developerInfo: 'Acme',
      websiteUrl: 'https://a.example',
      supportUrl: 'https://a.example/s',
      privacyPolicyUrl: 'https://a.example/p',
      termsOfServiceUrl: 'https://a.example/t',
    },
  });
  for (const environment of ['STAGING', 'PRODUCTION'] as const) {
    await prisma.accountLinking.create({ data: { appId, environment, savedAt, version: 1, ...LINKING_URLS } });
  }
}

/** Build and Test complete, as their steps will record it. */
export async function completeBuildAndTest(appGlobalId: string, { build = true, test = true } = {}) {
  const id = decodeGlobalID(appGlobalId).id;
  if (build) await markBuildComplete(id);
  // A passing run on production too: the ENDPOINTS pre-check reads it.
  if (build) await passingEndpointRun(id, 'PRODUCTION');
  await prisma.app.update({ where: { id }, data: { testCompletedAt: test ? new Date() : null } });
}

/** A passing endpoint check run against the environment's saved URLs, as Build records one. */
async function passingEndpointRun(appId: string, environment: 'STAGING' | 'PRODUCTION') {
  const saved = await prisma.accountLinking.findUniqueOrThrow({ where: { appId_environment: { appId, environment } } });
  const urls = {
    authorizationUrl: saved.authorizationUrl,
    appHomepageUrl: saved.appHomepageUrl,
    tokenExchangeUrl: saved.tokenExchangeUrl,
    webhookUrl: saved.webhookUrl,
  };
  const checks = [{ endpoint: 'WEBHOOK_URL', check: 'REACHABLE', passed: true, message: 'Answered HTTP 200 in 12 ms.', statusCode: 200, durationMs: 12 }];
  await prisma.endpointCheckRun.create({ data: { appId, environment, passed: true, checks, urls } });
}

/**
 * The questionnaire answered (each question asked: "no", the first option, or a short text) and
 * the three reviewer notes saved, as their saves store them.
 */
export async function completeCertificationForms(appId: string) {
  const savedAt = new Date();
  for (const tab of QUESTIONNAIRE) {
    const answers: Record<string, string[]> = {};
    for (const question of tab.questions) {
      const asked = !question.askedWhen || (answers[question.askedWhen.questionId] ?? []).includes(question.askedWhen.value);
      if (!asked) continue;
      answers[question.id] =
        question.kind === 'TEXT' ? ['Answered for the certification tests.'] : question.kind === 'YES_NO' ? ['no'] : [question.options[0]!.id];
    }
    await prisma.questionnaireAnswers.upsert({
      where: { appId_tab: { appId, tab: tab.tab } },
      create: { appId, tab: tab.tab, version: 1, savedAt, answers },
      update: { version: 1, savedAt, answers },
    });
  }
  const note = 'Sign in with the test account, link a Ring doorbell, then press it.';
  await prisma.reviewerNotes.upsert({
    where: { appId },
    create: {
      appId,
      version: 1,
      savedAt,
      testingInstructions: note,
      testAccountEncrypted: encryptSecret('reviewer@partner.example / a long test password', `reviewer-test-account:${appId}`),
      otherNotes: 'Nothing else; the integration only reads doorbell events.',
    },
    update: {},
  });
}

/** A new developer with an app whose Configure, Build and Test are complete. */
export async function readyApp(label = 'certify') {
  const owner = await newDeveloper(label);
  const app = await insertApp(owner.id, 'Ready app');
  await completeConfigure(app.id);
  await completeBuildAndTest(app.globalId);
  await completeCertificationForms(app.id);
  return { owner, app };
}

/** A REVIEWER made the way `npm run create-staff -- --role REVIEWER` makes one, signed in. */
export const newReviewer = (label = 'reviewer') => newStaff('REVIEWER', label);
