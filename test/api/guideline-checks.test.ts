/**
 * App.guidelineChecks: the draft listing judged by our App Information Guidelines
 * (`guidelineChecks` in @ring/domain), as the API loads it from the tab rows and their media.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { prisma } from '@ring/db';
import { AppInfoPage_SaveAdditionalInfoDocument, AppInfoPage_SaveGeneralInfoDocument, ListingPreviewPage_AppDocument } from '@ring/client';
import { errorCodes, execute, newDeveloper, newStaff } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { createAppVia } from '../support/created-apps.ts';

async function tenant() {
  const developer = await newDeveloper('guidelines');
  const app = await insertApp(developer.id);
  return { app, caller: { token: developer.token } };
}

async function checksOf(caller: { token: string }, appGlobalId: string) {
  const result = await execute(ListingPreviewPage_AppDocument, { id: appGlobalId }, caller);
  expect(result.errors).toBeUndefined();
  const node = result.data?.node;
  if (node?.__typename !== 'App') throw new Error(`no app: ${JSON.stringify(result)}`);
  return node.guidelineChecks;
}

const image = { contentType: 'image/png', byteSize: 10, width: 1024, height: 1024 };

/** Media rows as a save (or a version's copy) leaves them, written directly: a save would refuse an icon that is not 1024x1024. */
async function insertMedia(appId: string, options: { iconSide: number; screenshots: number; video: boolean; thumbnail: boolean }) {
  const icon = randomUUID();
  const video = randomUUID();
  const thumbnail = randomUUID();
  const screenshots = Array.from({ length: options.screenshots }, () => randomUUID());
  await prisma.mediaAsset.createMany({
    data: [
      { id: icon, appId, kind: 'ICON' as const, storageKey: `test-${icon}`, ...image, width: options.iconSide, height: options.iconSide },
      ...screenshots.map((id) => ({ id, appId, kind: 'ADDITIONAL_IMAGE' as const, storageKey: `test-${id}`, ...image })),
      {
        id: video,
        appId,
        kind: 'VIDEO' as const,
        storageKey: `test-${video}`,
        contentType: 'video/mp4',
        byteSize: 1000,
        width: 1280,
        height: 720,
        durationMs: 5000,
      },
      { id: thumbnail, appId, kind: 'VIDEO_THUMBNAIL' as const, storageKey: `test-${thumbnail}`, ...image },
    ],
  });
  await prisma.generalInfo.create({ data: { appId, version: 1, savedAt: new Date(), iconId: icon } });
  await prisma.mediaInfo.create({
    data: { appId, version: 1, savedAt: new Date(), videoId: options.video ? video : null, videoThumbnailId: options.thumbnail ? thumbnail : null },
  });
  if (screenshots.length) await prisma.additionalImage.createMany({ data: screenshots.map((assetId, position) => ({ appId, position, assetId })) });
}

describe('App.guidelineChecks', () => {
  it('an empty draft fails only the screenshot count: missing fields are the completeness check’s', async () => {
    const { app, caller } = await tenant();
    expect(await checksOf(caller, app.globalId)).toEqual([
      {
        rule: 'screenshot-count',
        field: 'additionalImages',
        severity: 'ERROR',
        message: 'The listing has no additional images; it needs 1 to 5.',
        guidelineUrl: '/guidelines#screenshot-count',
      },
    ]);
  });

  it('a URL in the short description is an ERROR on shortDescription; saving it without the URL clears the check', async () => {
    const { app, caller } = await tenant();
    const saved = await execute(
      AppInfoPage_SaveGeneralInfoDocument,
      { input: { appId: app.globalId, shortDescription: 'Your doorbell events at www.homeguardian.example/app' } },
      caller,
    );
    expect(saved.data?.saveGeneralInfo.__typename).toBe('SaveGeneralInfoSuccess');
    expect((await checksOf(caller, app.globalId)).filter((check) => check.field === 'shortDescription')).toEqual([
      {
        rule: 'no-links-in-text',
        field: 'shortDescription',
        severity: 'ERROR',
        message: 'Short description contains the link “www.homeguardian.example/app”; descriptions carry no links: put addresses in the Additional tab.',
        guidelineUrl: '/guidelines#no-links-in-text',
      },
    ]);
    await execute(AppInfoPage_SaveGeneralInfoDocument, { input: { appId: app.globalId, shortDescription: 'Your doorbell events on your dashboard.' } }, caller);
    expect((await checksOf(caller, app.globalId)).filter((check) => check.field === 'shortDescription')).toEqual([]);
  });

  it('judges the name, the links and the media facts the draft references', async () => {
    const { app, caller } = await tenant();
    await insertMedia(app.id, { iconSide: 512, screenshots: 2, video: true, thumbnail: false });
    await execute(AppInfoPage_SaveGeneralInfoDocument, { input: { appId: app.globalId, publicName: `ʀɪɴɢ Guard ${randomUUID().slice(0, 6)}` } }, caller);
    await execute(
      AppInfoPage_SaveAdditionalInfoDocument,
      { input: { appId: app.globalId, supportUrl: 'https://guard.example/help', privacyPolicyUrl: 'https://guard.example/help/' } },
      caller,
    );
    const checks = await checksOf(caller, app.globalId);
    expect(checks.map((check) => [check.rule, check.field, check.severity])).toEqual([
      ['icon-size', 'icon', 'ERROR'],
      ['video-thumbnail', 'videoThumbnail', 'ERROR'],
      ['name-not-ring', 'publicName', 'ERROR'],
      ['privacy-policy-own-page', 'privacyPolicyUrl', 'ERROR'],
    ]);
    expect(checks[0]!.message).toBe('The icon is 512×512 pixels; it must be exactly 1024×1024.');
  });

  it('counts the screenshots a draft has: 5 pass, 6 fail', async () => {
    const five = await tenant();
    await insertMedia(five.app.id, { iconSide: 1024, screenshots: 5, video: true, thumbnail: true });
    expect(await checksOf(five.caller, five.app.globalId)).toEqual([]);
    const six = await tenant();
    await insertMedia(six.app.id, { iconSide: 1024, screenshots: 6, video: false, thumbnail: false });
    expect((await checksOf(six.caller, six.app.globalId)).map((check) => check.message)).toEqual(['The listing has 6 additional images; it needs 1 to 5.']);
  });

  it('is the owner’s only: another developer gets no app, support staff searching get FORBIDDEN', async () => {
    const { app } = await tenant();
    const stranger = await newDeveloper('stranger');
    const result = await execute(ListingPreviewPage_AppDocument, { id: app.globalId }, { token: stranger.token });
    expect(result.data?.node).toBeNull();

    const owner = await newDeveloper('owner');
    const name = `Checked ${randomUUID()}`;
    await createAppVia(owner, name);
    const support = await newStaff();
    const SEARCH = parse(`query ($query: String!) { supportAppSearch(query: $query) { name guidelineChecks { rule } } }`) as TypedDocumentNode<
      unknown,
      { query: string }
    >;
    const searched = await execute(SEARCH, { query: name }, { token: support.token });
    expect(errorCodes(searched)).toEqual(['FORBIDDEN']);
    expect(searched.errors?.[0]?.message).toBe('Only the app’s owner sees its guideline checks.');

    const unauthenticated = await execute(ListingPreviewPage_AppDocument, { id: app.globalId }, {});
    expect(errorCodes(unauthenticated)).toContain('UNAUTHENTICATED');
  });

  it('two saves in one document each answer with their own rows: the second sees what it wrote, not the first’s', async () => {
    const { app, caller } = await tenant();
    const saved = `
      app { info { general { shortDescription } } guidelineChecks { rule field } }
    `;
    const TWO_SAVES = parse(`
      mutation ($first: SaveGeneralInfoInput!, $second: SaveGeneralInfoInput!) {
        first: saveGeneralInfo(input: $first) { ... on SaveGeneralInfoSuccess { ${saved} } }
        second: saveGeneralInfo(input: $second) { ... on SaveGeneralInfoSuccess { ${saved} } }
      }
    `) as TypedDocumentNode<
      Record<'first' | 'second', { app: { info: { general: { shortDescription: string } }; guidelineChecks: Array<{ rule: string; field: string }> } }>,
      Record<'first' | 'second', unknown>
    >;
    const result = await execute(
      TWO_SAVES,
      {
        first: { appId: app.globalId, shortDescription: 'Mail help@guard.example for help.' },
        second: { appId: app.globalId, shortDescription: 'Your doorbell events on your dashboard.' },
      },
      caller,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.first.app.info.general.shortDescription).toBe('Mail help@guard.example for help.');
    expect(result.data!.first.app.guidelineChecks).toContainEqual({ rule: 'no-email-in-text', field: 'shortDescription' });
    expect(result.data!.second.app.info.general.shortDescription).toBe('Your doorbell events on your dashboard.');
    expect(result.data!.second.app.guidelineChecks.filter((check) => check.field === 'shortDescription')).toEqual([]);
  });
});
