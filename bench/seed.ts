/**
 * The benchmark's data, written through the GraphQL API like a tool would: one developer
 * (session cookie + API token) with APPS apps, every one with all four App Information tabs
 * (real image and video uploads) and account linking for both environments saved.
 */
import { randomBytes } from 'node:crypto';
import {
  AccountLinkingPage_SaveDocument,
  AppInfoPage_SaveAdditionalInfoDocument,
  AppInfoPage_SaveCompatibilityInfoDocument,
  AppInfoPage_SaveGeneralInfoDocument,
  AppInfoPage_SaveMediaAssetsDocument,
  CreateApiTokenDocument,
  NewAppPage_CreateAppDocument,
  SignUpDocument,
} from '@ring/client';
import { CATALOG } from '@ring/domain';
import { fixture, padMp4, png } from '../test/support/media-files.ts';
import { expectTypename, graphql, upload } from './http.ts';

export const APPS = 50;

export interface Seeded {
  token: string;
  cookie: string;
  /** Global ids, newest last. */
  appIds: string[];
}

export const linkingUrls = {
  authorizationUrl: 'https://bench.example.com/oauth/authorize',
  appHomepageUrl: 'https://bench.example.com/',
  tokenExchangeUrl: 'https://bench.example.com/oauth/token',
  webhookUrl: 'https://bench.example.com/webhooks/ring',
};

export const compatibility = (appId: string) => ({
  appId,
  features: 'Arms the system when everyone has left.',
  requirements: 'A Ring Alarm base station.',
  customerTypes: [CATALOG.customerTypes[0]!.id],
  supportedDevices: [CATALOG.supportedDevices[0]!.id],
  cameraTypes: [CATALOG.cameraTypes[0]!.id],
});

/** A real 5 MB MP4 (a 30 s 1280x720 clip padded with a `free` box): the largest video allowed. */
export const fiveMegabyteVideo = () => padMp4(fixture('video-30s-1280x720.mp4'), 5 * 1024 * 1024);

async function fillApp(baseUrl: string, appId: string, index: number, auth: Record<string, string>): Promise<void> {
  const image = (seed: number) => ({ bytes: png(1024, 1024, { seed }), name: 'image.png', type: 'image/png' });
  const general = await upload(
    baseUrl,
    AppInfoPage_SaveGeneralInfoDocument,
    {
      input: {
        appId,
        publicName: `Bench Listing ${String(index).padStart(3, '0')}`,
        shortDescription: 'Keeps an eye on the house while you are away.',
        detailedDescription: 'Links your Ring devices to the rest of your home, with rules you set in minutes.',
        categories: [CATALOG.categories[0]!.id],
        latestRelease: 'Faster start-up.',
        icon: null,
      },
    },
    { 'input.icon': image(index) },
    auth,
  );
  expectTypename(general.data.saveGeneralInfo, 'SaveGeneralInfoSuccess');
  const media = await upload(
    baseUrl,
    AppInfoPage_SaveMediaAssetsDocument,
    { input: { appId, mainImage: null, additionalImages: [{ file: null }, { file: null }], video: null, videoThumbnail: null } },
    {
      'input.mainImage': image(index + 1000),
      'input.additionalImages.0.file': image(index + 2000),
      'input.additionalImages.1.file': image(index + 3000),
      'input.video': { bytes: fixture('video-30s-1280x720.mp4'), name: 'video.mp4', type: 'video/mp4' },
      'input.videoThumbnail': { bytes: png(1280, 720, { seed: index }), name: 'thumbnail.png', type: 'image/png' },
    },
    auth,
  );
  expectTypename(media.data.saveMediaAssets, 'SaveMediaAssetsSuccess');
  const compatible = await graphql(baseUrl, AppInfoPage_SaveCompatibilityInfoDocument, { input: compatibility(appId) }, auth);
  expectTypename(compatible.data.saveCompatibilityInfo, 'SaveCompatibilityInfoSuccess');
  const additional = await graphql(
    baseUrl,
    AppInfoPage_SaveAdditionalInfoDocument,
    {
      input: {
        appId,
        developerInfo: 'Bench Labs, 1 Example Street, Springfield.',
        websiteUrl: 'https://bench.example.com/',
        supportUrl: 'https://bench.example.com/support',
        privacyPolicyUrl: 'https://bench.example.com/privacy',
        termsOfServiceUrl: 'https://bench.example.com/terms',
      },
    },
    auth,
  );
  expectTypename(additional.data.saveAdditionalInfo, 'SaveAdditionalInfoSuccess');
  for (const environment of ['STAGING', 'PRODUCTION'] as const) {
    const saved = await graphql(baseUrl, AccountLinkingPage_SaveDocument, { input: { appId, environment, ...linkingUrls } }, auth);
    expectTypename(saved.data.saveAccountLinking, 'SaveAccountLinkingSuccess');
  }
}

export async function seed(baseUrl: string, apps = APPS): Promise<Seeded> {
  const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
  const signUp = await graphql(baseUrl, SignUpDocument, { input: { email, password: 'bench-password-123', name: 'Bench Developer' } });
  expectTypename(signUp.data.signUp, 'SignUpSuccess');
  const cookie = /ring_session=[^;]+/.exec(signUp.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('sign-up set no session cookie');
  const created = await graphql(baseUrl, CreateApiTokenDocument, { input: { name: 'bench' } }, { cookie });
  const token = (expectTypename(created.data.createApiToken, 'CreateApiTokenSuccess') as { token: string }).token;
  const auth = { authorization: `Bearer ${token}` };
  const appIds: string[] = [];
  for (let index = 1; index <= apps; index++) {
    const app = await graphql(baseUrl, NewAppPage_CreateAppDocument, { input: { name: `Bench app ${index}`, acceptCompliance: true } }, auth);
    const appId = (expectTypename(app.data.createApp, 'CreateAppSuccess') as { app: { id: string } }).app.id;
    await fillApp(baseUrl, appId, index, auth);
    appIds.push(appId);
  }
  return { token, cookie, appIds };
}
