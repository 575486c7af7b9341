/**
 * The demo developer's apps, so that a newcomer sees every page on first start: one in
 * Configure (partly filled), one under review after a reviewer's finding, one live at 25 % with
 * a history. State changes go through the modules' own services (createApp, submitting,
 * claiming, findings, approval, rollouts), so the rows, version snapshots, audit trail and
 * rollout history are exactly what the console would have made. What the services take from a
 * browser (uploaded media, the Configure forms, Build and Test, the certification forms) is
 * written as those saves store it; the media are small generated PNGs put in the media storage.
 */
import { deflateSync, crc32 } from 'node:zlib';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import {
  approveCertification,
  claimReview,
  createApp,
  encryptSecret,
  requestChanges,
  startRollout,
  submitForCertification,
  updateRolloutPercent,
  type Viewer,
} from '@ring/api';
import { mediaStorage } from '@ring/api/storage';
import { QUESTIONNAIRE } from '@ring/domain';

export const DEMO_APPS = {
  configuring: 'Porch Light Notes',
  underReview: 'Garage Door Watch',
  live: 'Doorbell Digest',
} as const;

/** A solid-colour RGB PNG of `size`×`size` pixels (compresses to a few kilobytes). */
function solidPng(size: number, [r, g, b]: [number, number, number]): Uint8Array {
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x += 1) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function mediaAsset(appId: string, kind: 'ICON' | 'MAIN_IMAGE' | 'ADDITIONAL_IMAGE', colour: [number, number, number]) {
  const bytes = solidPng(1024, colour);
  const { key } = await mediaStorage().put(bytes);
  return prisma.mediaAsset.create({
    data: { appId, kind, storageKey: key, contentType: 'image/png', byteSize: bytes.byteLength, width: 1024, height: 1024 },
  });
}

const LINKING = (host: string) => ({
  authorizationUrl: `https://${host}/oauth/authorize`,
  appHomepageUrl: `https://${host}`,
  tokenExchangeUrl: `https://${host}/oauth/token`,
  webhookUrl: `https://${host}/ring/webhook`,
});

/** Every Configure tab and both environments, as the forms save them. */
async function fillConfigure(appId: string, listing: { publicName: string; shortDescription: string; host: string }) {
  const savedAt = new Date();
  const [icon, main, extra] = await Promise.all([
    mediaAsset(appId, 'ICON', [31, 111, 235]),
    mediaAsset(appId, 'MAIN_IMAGE', [240, 246, 252]),
    mediaAsset(appId, 'ADDITIONAL_IMAGE', [218, 251, 225]),
  ]);
  await prisma.generalInfo.create({
    data: {
      appId,
      savedAt,
      version: 1,
      publicName: listing.publicName,
      publicNameKey: listing.publicName.toLowerCase(),
      iconId: icon.id,
      shortDescription: listing.shortDescription,
      detailedDescription: `${listing.publicName} connects your Ring devices to your ${listing.host.split('.')[0]} account. Link the two once; events from your Ring devices then show up in the app within seconds.`,
      categories: ['HOME_SECURITY'],
      latestRelease: 'First release.',
    },
  });
  await prisma.mediaInfo.create({
    data: { appId, savedAt, version: 1, mainImageId: main.id, additionalImages: { create: [{ position: 0, assetId: extra.id }] } },
  });
  await prisma.compatibilityInfo.create({
    data: {
      appId,
      savedAt,
      version: 1,
      features: 'Reads doorbell presses and motion events.',
      requirements: 'A Ring account and a Ring video doorbell.',
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
      developerInfo: 'Demo Developer Ltd.',
      websiteUrl: `https://${listing.host}`,
      supportUrl: `https://${listing.host}/support`,
      privacyPolicyUrl: `https://${listing.host}/privacy`,
      termsOfServiceUrl: `https://${listing.host}/terms`,
    },
  });
  for (const environment of ['STAGING', 'PRODUCTION'] as const) {
    await prisma.accountLinking.create({ data: { appId, environment, savedAt, version: 1, ...LINKING(listing.host) } });
  }
}

/** Build (passing endpoint checks on both environments) and Test done, the certification forms filled. */
async function readyForCertification(appId: string, host: string) {
  const checks = [{ endpoint: 'WEBHOOK_URL', check: 'REACHABLE', passed: true, message: 'Answered HTTP 200 in 42 ms.', statusCode: 200, durationMs: 42 }];
  for (const environment of ['STAGING', 'PRODUCTION'] as const) {
    await prisma.endpointCheckRun.create({ data: { appId, environment, passed: true, checks, urls: LINKING(host) } });
  }
  const now = new Date();
  await prisma.app.update({ where: { id: appId }, data: { buildCompletedAt: now, testCompletedAt: now } });
  for (const tab of QUESTIONNAIRE) {
    const answers: Record<string, string[]> = {};
    for (const question of tab.questions) {
      const asked = !question.askedWhen || (answers[question.askedWhen.questionId] ?? []).includes(question.askedWhen.value);
      if (!asked) continue;
      answers[question.id] =
        question.kind === 'TEXT'
          ? ['Only doorbell presses and motion events, kept for 30 days.']
          : question.kind === 'YES_NO'
            ? ['no']
            : [question.options[0]!.id];
    }
    await prisma.questionnaireAnswers.create({ data: { appId, tab: tab.tab, version: 1, savedAt: now, answers } });
  }
  await prisma.reviewerNotes.create({
    data: {
      appId,
      version: 1,
      savedAt: now,
      testingInstructions: 'Sign in with the test account, link a Ring doorbell, then press it: the press shows in the app.',
      testAccountEncrypted: encryptSecret(`reviewer@${host} / demo-test-account-password`, `reviewer-test-account:${appId}`),
      otherNotes: 'The integration only reads doorbell events.',
    },
  });
}

const appGlobalId = (id: string) => encodeGlobalID('App', id);
const submissionGlobalId = (id: string) => encodeGlobalID('CertificationSubmission', id);

async function submit(developer: Viewer, appId: string, releaseNotes: string) {
  const submission = await submitForCertification(developer, { appId: appGlobalId(appId), releaseNotes, acknowledge: true });
  if (submission.status !== 'UNDER_REVIEW') throw new Error(`demo seed: the submission of ${appId} did not reach review (${submission.status})`);
  return submission;
}

async function certify(developer: Viewer, reviewer: Viewer, appId: string, releaseNotes: string) {
  const submission = await submit(developer, appId, releaseNotes);
  await claimReview(reviewer, submissionGlobalId(submission.id));
  await approveCertification(reviewer, submissionGlobalId(submission.id));
  return encodeGlobalID('AppVersion', submission.versionId);
}

const NATIONWIDE = { nationwide: true, states: [] as string[] };
/** Only a beta's invite link is made from the request's origin; these rollouts have none. */
const NO_ORIGIN = '';

/** The three demo apps. Called once per demo developer (seed.ts decides when). */
export async function seedDemoApps(developer: Viewer, reviewer: Viewer): Promise<void> {
  // Configure, partly filled: the listing started, media and the rest still to do.
  const configuring = await createApp(developer, { name: DEMO_APPS.configuring });
  await prisma.generalInfo.create({
    data: {
      appId: configuring.app.id,
      savedAt: new Date(),
      version: 1,
      publicName: 'Porch Light Notes',
      publicNameKey: 'porch light notes',
      shortDescription: 'Turns your porch light on when someone rings the doorbell.',
      categories: ['SMART_HOME'],
    },
  });

  // Under review: v1 came back with a finding on the short description; v2 fixes it and waits
  // in the review queue, unclaimed.
  const reviewed = await createApp(developer, { name: DEMO_APPS.underReview });
  await fillConfigure(reviewed.app.id, { publicName: 'Garage Door Watch', shortDescription: 'Best garage app ever!!!', host: 'garagewatch.example' });
  await readyForCertification(reviewed.app.id, 'garagewatch.example');
  const first = await submit(developer, reviewed.app.id, 'First release.');
  await claimReview(reviewer, submissionGlobalId(first.id));
  await requestChanges(reviewer, {
    submissionId: submissionGlobalId(first.id),
    findings: [
      {
        area: 'LISTING',
        field: 'shortDescription',
        message: 'Say what the app does for a Ring customer; claims such as “best ever” and repeated exclamation marks are not allowed.',
      },
    ],
  });
  await prisma.generalInfo.update({
    where: { appId: reviewed.app.id },
    data: { shortDescription: 'Tells you when your garage door is left open, with a snapshot from your Ring camera.', version: 2, savedAt: new Date() },
  });
  await submit(developer, reviewed.app.id, 'Short description reworded after review.');

  // Live at 25 %: v1 fully rolled out, then v2 certified and rolled out gradually, raised to 25 %.
  const live = await createApp(developer, { name: DEMO_APPS.live });
  await fillConfigure(live.app.id, {
    publicName: 'Doorbell Digest',
    shortDescription: 'A daily summary of who came to your door.',
    host: 'doorbelldigest.example',
  });
  await readyForCertification(live.app.id, 'doorbelldigest.example');
  const v1 = await certify(developer, reviewer, live.app.id, 'First release.');
  await startRollout(developer, { appId: appGlobalId(live.app.id), versionId: v1, distribution: NATIONWIDE, strategy: 'FULL', percent: 100 }, NO_ORIGIN);
  await prisma.generalInfo.update({ where: { appId: live.app.id }, data: { latestRelease: 'Evening digests.', version: 2, savedAt: new Date() } });
  const v2 = await certify(developer, reviewer, live.app.id, 'Evening digests.');
  const rollout = await startRollout(
    developer,
    { appId: appGlobalId(live.app.id), versionId: v2, distribution: NATIONWIDE, strategy: 'GRADUAL', percent: 5 },
    NO_ORIGIN,
  );
  await updateRolloutPercent(developer, { rolloutId: encodeGlobalID('Rollout', rollout.id), percent: 25 });
}
