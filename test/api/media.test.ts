/**
 * Icon and Media assets uploads through the multipart request spec, over both storage drivers
 * (local files and S3 via s3rver). Each refused save is checked to leave no row and no file.
 */
import { describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import { AppInfoPage_AppDocument, AppInfoPage_SaveGeneralInfoDocument, AppInfoPage_SaveMediaAssetsDocument } from '@ring/client';
import { sweepMedia, useMediaStorage } from '@ring/api/storage';
import { execute, newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { fixture, HTML, multipartBody, padMp4, png, pngClaiming, sendForm, upload, ZIP } from '../support/media.ts';
import { DRIVERS, startStorage, storedKeys, useTestStorage } from '../support/storage.ts';

const MB2 = 2 * 1024 * 1024;
const MB5 = 5 * 1024 * 1024;

async function tenant() {
  const developer = await newDeveloper('media');
  const app = await insertApp(developer.id);
  return { app, caller: { token: developer.token } };
}

const saveIcon = (caller: { token: string }, appId: string, bytes: Uint8Array, name = 'icon.png', extra: Record<string, unknown> = {}) =>
  upload(AppInfoPage_SaveGeneralInfoDocument, { input: { appId, ...extra } as never }, { 'input.icon': { bytes, name, type: 'image/png' } }, caller).then(
    (response) => response.data?.saveGeneralInfo,
  );

type Files = Parameters<typeof upload>[2];
const saveMedia = (caller: { token: string }, input: Record<string, unknown>, files: Files = {}) =>
  upload(AppInfoPage_SaveMediaAssetsDocument, { input: input as never }, files, caller);

const paths = (result: unknown) => ((result as { fields?: Array<{ path: string[] }> }).fields ?? []).map((field) => field.path.join('.')).sort();
const codes = (result: unknown) => ((result as { fields?: Array<{ code: string }> }).fields ?? []).map((field) => field.code);

describe.each(DRIVERS)('media with the %s driver', (driver) => {
  const storage = useTestStorage(driver);

  async function nothingStored(appId: string, keysBefore: string[]) {
    expect(await prisma.mediaAsset.count({ where: { appId } })).toBe(0);
    expect(await storedKeys(storage.storage)).toEqual(keysBefore);
  }

  describe('icon', () => {
    it('accepts a 1024x1024 PNG of exactly 2 MB and stores it under its SHA-256', async () => {
      const { app, caller } = await tenant();
      const bytes = png(1024, 1024, { size: MB2 });
      const result = await saveIcon(caller, app.globalId, bytes);
      expect(result).toMatchObject({
        __typename: 'SaveGeneralInfoSuccess',
        info: { general: { version: 1, icon: { contentType: 'image/png', width: 1024, height: 1024, byteSize: MB2 } } },
      });
      const asset = await prisma.mediaAsset.findFirstOrThrow({ where: { appId: app.id } });
      expect(asset.kind).toBe('ICON');
      expect(Buffer.from((await storage.storage.get(asset.storageKey))!).equals(Buffer.from(bytes))).toBe(true);
    });

    it('refuses 2 MB + 1 byte, 1024x1023 and 50000x50000 (by its header), storing nothing', async () => {
      const { app, caller } = await tenant();
      const before = await storedKeys(storage.storage);
      const big = await saveIcon(caller, app.globalId, png(1024, 1024, { size: MB2 + 1 }));
      expect(big).toMatchObject({ __typename: 'ValidationError', fields: [{ path: ['icon'], code: 'TOO_LARGE', message: expect.stringMatching(/2 MB/) }] });
      const short = await saveIcon(caller, app.globalId, png(1024, 1023));
      expect(short).toMatchObject({
        __typename: 'ValidationError',
        fields: [{ path: ['icon'], code: 'WRONG_DIMENSIONS', message: expect.stringMatching(/1024x1023/) }],
      });
      const bomb = await saveIcon(caller, app.globalId, pngClaiming(50_000, 50_000));
      expect(bomb).toMatchObject({ __typename: 'ValidationError', fields: [{ path: ['icon'], code: 'TOO_MANY_PIXELS' }] });
      await nothingStored(app.id, before);
      expect(await prisma.generalInfo.count({ where: { appId: app.id } })).toBe(0);
    });

    it('goes by the bytes: a PNG named .jpg is a PNG; HTML or ZIP named .png are refused; a JPEG is fine', async () => {
      const { app, caller } = await tenant();
      const before = await storedKeys(storage.storage);
      const html = await saveIcon(caller, app.globalId, HTML, 'icon.png');
      expect(html).toMatchObject({
        __typename: 'ValidationError',
        fields: [{ path: ['icon'], code: 'UNSUPPORTED_TYPE', message: expect.stringMatching(/PNG or JPEG/) }],
      });
      const zip = await saveIcon(caller, app.globalId, ZIP, 'icon.png');
      expect(zip).toMatchObject({ __typename: 'ValidationError', fields: [{ path: ['icon'], message: expect.stringMatching(/application\/zip/) }] });
      await nothingStored(app.id, before);
      const misnamed = await saveIcon(caller, app.globalId, png(1024, 1024), 'icon.jpg');
      expect(misnamed).toMatchObject({ __typename: 'SaveGeneralInfoSuccess', info: { general: { icon: { contentType: 'image/png' } } } });
      const jpeg = await saveIcon(caller, app.globalId, fixture('icon-1024.jpg'), 'icon.png');
      expect(jpeg).toMatchObject({ __typename: 'SaveGeneralInfoSuccess', info: { general: { icon: { contentType: 'image/jpeg', width: 1024 } } } });
    });

    it('names the icon together with wrong text fields, and replacing collects the old file', async () => {
      const { app, caller } = await tenant();
      const both = await saveIcon(caller, app.globalId, png(1000, 1000), 'icon.png', { shortDescription: 'x'.repeat(126) });
      expect(paths(both)).toEqual(['icon', 'shortDescription']);
      const first = png(1024, 1024);
      await saveIcon(caller, app.globalId, first);
      const firstKey = (await prisma.mediaAsset.findFirstOrThrow({ where: { appId: app.id } })).storageKey;
      await saveIcon(caller, app.globalId, png(1024, 1024));
      expect(await prisma.mediaAsset.count({ where: { appId: app.id } })).toBe(1);
      expect(await storage.storage.exists(firstKey)).toBe(false);
      // Removing with null clears the icon and its file.
      const secondKey = (await prisma.mediaAsset.findFirstOrThrow({ where: { appId: app.id } })).storageKey;
      const cleared = await execute(AppInfoPage_SaveGeneralInfoDocument, { input: { appId: app.globalId, icon: null } }, caller);
      expect(cleared.data?.saveGeneralInfo).toMatchObject({ info: { general: { icon: null, missing: expect.arrayContaining(['icon']) } } });
      expect(await storage.storage.exists(secondKey)).toBe(false);
    });

    it('keeps a shared file while another asset still uses the same bytes', async () => {
      const a = await tenant();
      const b = await tenant();
      const bytes = png(1024, 1024);
      await saveIcon(a.caller, a.app.globalId, bytes);
      await saveIcon(b.caller, b.app.globalId, bytes);
      const key = (await prisma.mediaAsset.findFirstOrThrow({ where: { appId: a.app.id } })).storageKey;
      await saveIcon(a.caller, a.app.globalId, png(1024, 1024));
      expect(await storage.storage.exists(key)).toBe(true);
    });
  });

  describe('media assets tab', () => {
    it('saves a main image, 1-5 additional images, a 30 s video and a thumbnail, with a size warning', async () => {
      const { app, caller } = await tenant();
      const response = await saveMedia(
        caller,
        { appId: app.globalId, additionalImages: [{ file: null }, { file: null }] },
        {
          'input.mainImage': { bytes: png(1024, 1024), name: 'main.png' },
          'input.additionalImages.0.file': { bytes: png(1024, 1024), name: 'a.png' },
          'input.additionalImages.1.file': { bytes: png(800, 600), name: 'b.png' },
          'input.video': { bytes: fixture('video-30s-1280x720.mp4'), name: 'clip.mp4' },
          'input.videoThumbnail': { bytes: fixture('icon-1024.jpg'), name: 'thumb.jpg' },
        },
      );
      const result = response.data?.saveMediaAssets;
      expect(result).toMatchObject({
        __typename: 'SaveMediaAssetsSuccess',
        warnings: [{ path: ['additionalImages', '1'], code: 'NOT_RECOMMENDED_SIZE', message: expect.stringMatching(/800x600/) }],
        info: { media: { complete: true, missing: [], version: 1, video: { contentType: 'video/mp4', durationMs: 30_000, width: 1280, height: 720 } } },
      });
      if (result?.__typename !== 'SaveMediaAssetsSuccess') return;
      expect(result.info.media.additionalImages.map((image) => image.width)).toEqual([1024, 800]);
    });

    it('adds, replaces, removes and reorders additional images in one list', async () => {
      const { app, caller } = await tenant();
      const first = await saveMedia(
        caller,
        { appId: app.globalId, additionalImages: [{ file: null }, { file: null }, { file: null }] },
        {
          'input.additionalImages.0.file': { bytes: png(1024, 1024), name: '0.png' },
          'input.additionalImages.1.file': { bytes: png(1024, 1024), name: '1.png' },
          'input.additionalImages.2.file': { bytes: png(1024, 1024), name: '2.png' },
        },
      );
      const saved = first.data?.saveMediaAssets;
      if (saved?.__typename !== 'SaveMediaAssetsSuccess') throw new Error(JSON.stringify(first));
      const [a, b, c] = saved.info.media.additionalImages;
      const removedKey = (await prisma.mediaAsset.findFirstOrThrow({ where: { id: Buffer.from(b!.id, 'base64').toString().split(':')[1] } })).storageKey;
      // c first, then a, then a new image; b is dropped.
      const second = await saveMedia(
        caller,
        { appId: app.globalId, expectedVersion: 1, additionalImages: [{ assetId: c!.id }, { assetId: a!.id }, { file: null }] },
        {
          'input.additionalImages.2.file': { bytes: png(1024, 1024), name: 'new.png' },
        },
      );
      const after = second.data?.saveMediaAssets;
      if (after?.__typename !== 'SaveMediaAssetsSuccess') throw new Error(JSON.stringify(second));
      expect(after.info.media.additionalImages.map((image) => image.id).slice(0, 2)).toEqual([c!.id, a!.id]);
      expect(after.info.media.additionalImages).toHaveLength(3);
      expect(await prisma.mediaAsset.count({ where: { appId: app.id } })).toBe(3);
      expect(await storage.storage.exists(removedKey)).toBe(false);
      // Listing an image twice, or one that is not this app's, is refused per position.
      const bad = await saveMedia(caller, { appId: app.globalId, additionalImages: [{ assetId: c!.id }, { assetId: c!.id }, { assetId: b!.id }, {}] });
      expect(paths(bad.data?.saveMediaAssets)).toEqual(['additionalImages.1', 'additionalImages.2', 'additionalImages.3']);
    });

    it('refuses six additional images and zero, and nothing is stored', async () => {
      const { app, caller } = await tenant();
      const before = await storedKeys(storage.storage);
      const files: Files = {};
      for (let index = 0; index < 6; index++) files[`input.additionalImages.${index}.file`] = { bytes: png(64, 64), name: `${index}.png` };
      const six = await saveMedia(caller, { appId: app.globalId, additionalImages: Array.from({ length: 6 }, () => ({ file: null })) }, files);
      expect(six.data?.saveMediaAssets).toMatchObject({
        __typename: 'ValidationError',
        fields: [{ path: ['additionalImages'], code: 'TOO_MANY', message: expect.stringMatching(/1 to 5/) }],
      });
      const none = await saveMedia(caller, { appId: app.globalId, additionalImages: [] });
      expect(codes(none.data?.saveMediaAssets)).toEqual(['TOO_FEW']);
      await nothingStored(app.id, before);
      expect(await prisma.mediaInfo.count({ where: { appId: app.id } })).toBe(0);
    });

    it('main image, additional images and thumbnail: 2 MB accepted, 2 MB + 1 byte refused, each named', async () => {
      const { app, caller } = await tenant();
      const inside = await saveMedia(
        caller,
        { appId: app.globalId, additionalImages: [{ file: null }] },
        {
          'input.mainImage': { bytes: png(1024, 1024, { size: MB2 }), name: 'm.png' },
          'input.additionalImages.0.file': { bytes: png(1024, 1024, { size: MB2 }), name: 'a.png' },
          'input.videoThumbnail': { bytes: png(1024, 1024, { size: MB2 }), name: 't.png' },
        },
      );
      expect(inside.data?.saveMediaAssets).toMatchObject({ __typename: 'SaveMediaAssetsSuccess', warnings: [] });
      const before = await storedKeys(storage.storage);
      const outside = await saveMedia(
        caller,
        { appId: app.globalId, additionalImages: [{ file: null }] },
        {
          'input.mainImage': { bytes: png(1024, 1024, { size: MB2 + 1 }), name: 'm.png' },
          'input.additionalImages.0.file': { bytes: png(1024, 1024, { size: MB2 + 1 }), name: 'a.png' },
          'input.videoThumbnail': { bytes: HTML, name: 't.png', type: 'image/png' },
        },
      );
      expect(paths(outside.data?.saveMediaAssets)).toEqual(['additionalImages.0', 'mainImage', 'videoThumbnail']);
      expect(codes(outside.data?.saveMediaAssets).sort()).toEqual(['TOO_LARGE', 'TOO_LARGE', 'UNSUPPORTED_TYPE']);
      expect(await storedKeys(storage.storage)).toEqual(before);
      expect(await prisma.mediaAsset.count({ where: { appId: app.id } })).toBe(3);
    });

    it('accepts five additional images', async () => {
      const { app, caller } = await tenant();
      const files: Files = {};
      for (let index = 0; index < 5; index++) files[`input.additionalImages.${index}.file`] = { bytes: png(64, 64), name: `${index}.png` };
      const five = await saveMedia(caller, { appId: app.globalId, additionalImages: Array.from({ length: 5 }, () => ({ file: null })) }, files);
      expect(five.data?.saveMediaAssets).toMatchObject({ __typename: 'SaveMediaAssetsSuccess' });
    });

    it('refuses a 31 s video, 1280x719 and a truncated MP4 with clear errors, storing nothing of the save', async () => {
      const { app, caller } = await tenant();
      const before = await storedKeys(storage.storage);
      const long = await saveMedia(
        caller,
        { appId: app.globalId, mainImage: null },
        { 'input.mainImage': { bytes: png(1024, 1024), name: 'm.png' }, 'input.video': { bytes: fixture('video-31s-1280x720.mp4'), name: 'v.mp4' } },
      );
      expect(long.data?.saveMediaAssets).toMatchObject({
        __typename: 'ValidationError',
        fields: [{ path: ['video'], code: 'TOO_LONG', message: expect.stringMatching(/30 seconds \(this one is 31.0 s\)/) }],
      });
      const low = await saveMedia(caller, { appId: app.globalId }, { 'input.video': { bytes: fixture('video-5s-1280x719.mp4'), name: 'v.mp4' } });
      expect(low.data?.saveMediaAssets).toMatchObject({ fields: [{ code: 'RESOLUTION_TOO_LOW', message: expect.stringMatching(/1280x719/) }] });
      const truncated = await saveMedia(caller, { appId: app.globalId }, { 'input.video': { bytes: fixture('video-truncated.mp4'), name: 'v.mp4' } });
      expect(truncated.data?.saveMediaAssets).toMatchObject({
        fields: [{ path: ['video'], code: 'TRUNCATED', message: expect.stringMatching(/incomplete or damaged/) }],
      });
      const notVideo = await saveMedia(caller, { appId: app.globalId }, { 'input.video': { bytes: png(1024, 1024), name: 'v.mp4', type: 'video/mp4' } });
      expect(notVideo.data?.saveMediaAssets).toMatchObject({ fields: [{ code: 'UNSUPPORTED_TYPE', message: expect.stringMatching(/MP4/) }] });
      await nothingStored(app.id, before);
    });

    it('accepts an MP4 of exactly 5 MB; 5 MB + 1 byte is a ValidationError naming the video; 7 MB is cut off while streaming', async () => {
      const { app, caller } = await tenant();
      const exact = await saveMedia(
        caller,
        { appId: app.globalId },
        { 'input.video': { bytes: padMp4(fixture('video-30s-1280x720.mp4'), MB5), name: 'v.mp4' } },
      );
      expect(exact.data?.saveMediaAssets).toMatchObject({ __typename: 'SaveMediaAssetsSuccess', info: { media: { video: { byteSize: MB5 } } } });
      const before = await storedKeys(storage.storage);
      const over = await saveMedia(
        caller,
        { appId: app.globalId },
        { 'input.video': { bytes: padMp4(fixture('video-30s-1280x720.mp4'), MB5 + 1), name: 'v.mp4' } },
      );
      expect(over.data?.saveMediaAssets).toMatchObject({
        __typename: 'ValidationError',
        fields: [{ path: ['video'], message: expect.stringMatching(/5 MB/) }],
      });
      const far = await saveMedia(
        caller,
        { appId: app.globalId },
        { 'input.video': { bytes: padMp4(fixture('video-30s-1280x720.mp4'), 7 * 1024 * 1024), name: 'v.mp4' } },
      );
      expect(far.status).toBe(413);
      expect(far.errors?.[0]?.message).toMatch(/File size limit exceeded/);
      expect(await storedKeys(storage.storage)).toEqual(before);
    });

    it('removes the optional video and thumbnail with null and collects their files', async () => {
      const { app, caller } = await tenant();
      await saveMedia(
        caller,
        { appId: app.globalId },
        { 'input.video': { bytes: fixture('video-30s-1280x720.mp4'), name: 'v.mp4' }, 'input.videoThumbnail': { bytes: png(1024, 1024), name: 't.png' } },
      );
      const keys = (await prisma.mediaAsset.findMany({ where: { appId: app.id } })).map((asset) => asset.storageKey);
      expect(keys).toHaveLength(2);
      const removed = await execute(AppInfoPage_SaveMediaAssetsDocument, { input: { appId: app.globalId, video: null, videoThumbnail: null } }, caller);
      expect(removed.data?.saveMediaAssets).toMatchObject({ info: { media: { video: null, videoThumbnail: null, version: 2 } } });
      expect(await prisma.mediaAsset.count({ where: { appId: app.id } })).toBe(0);
      // The 30 s fixture may be held by other tests' rows; the thumbnail PNG is unique to this test.
      expect(await storage.storage.exists(keys.find((key) => key !== keys[0]) ?? keys[1]!)).toBe(false);
    });

    it('gives another developer NotFoundError and stores nothing', async () => {
      const owner = await tenant();
      const stranger = await newDeveloper('stranger');
      const before = await storedKeys(storage.storage);
      const result = await saveMedia(
        { token: stranger.token },
        { appId: owner.app.globalId },
        { 'input.mainImage': { bytes: png(1024, 1024), name: 'm.png' } },
      );
      expect(result.data?.saveMediaAssets?.__typename).toBe('NotFoundError');
      const icon = await saveIcon({ token: stranger.token }, owner.app.globalId, png(1024, 1024));
      expect(icon?.__typename).toBe('NotFoundError');
      await nothingStored(owner.app.id, before);
    });

    it('refuses a stale expectedVersion and removes the files that save wrote', async () => {
      const { app, caller } = await tenant();
      await saveMedia(caller, { appId: app.globalId }, { 'input.mainImage': { bytes: png(1024, 1024), name: 'm.png' } });
      const before = await storedKeys(storage.storage);
      const stale = await saveMedia(caller, { appId: app.globalId, expectedVersion: 0 }, { 'input.mainImage': { bytes: png(1024, 1024), name: 'm2.png' } });
      expect(stale.data?.saveMediaAssets?.__typename).toBe('ConflictError');
      expect(await storedKeys(storage.storage)).toEqual(before);
      expect(await prisma.mediaAsset.count({ where: { appId: app.id } })).toBe(1);
    });
  });

  describe('upload abuse', () => {
    it('refuses the same file variable mapped twice', async () => {
      const { app, caller } = await tenant();
      const before = await storedKeys(storage.storage);
      const form = multipartBody(AppInfoPage_SaveMediaAssetsDocument, { input: { appId: app.globalId, mainImage: null } as never }, {});
      form.set('map', JSON.stringify({ 0: ['variables.input.mainImage'], 1: ['variables.input.mainImage'] }));
      form.append('0', new Blob([png(1024, 1024) as BlobPart]), 'a.png');
      form.append('1', new Blob([png(1024, 1024) as BlobPart]), 'b.png');
      const result = await sendForm<{ saveMediaAssets: { __typename: string } }>(form, caller);
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.message).toMatch(/more than one file to "variables.input.mainImage"/);
      await nothingStored(app.id, before);
    });

    it('refuses a file planted where the operation has no placeholder, and an unmapped file part', async () => {
      const { app, caller } = await tenant();
      const planted = multipartBody(AppInfoPage_SaveMediaAssetsDocument, { input: { appId: app.globalId } as never }, {});
      planted.set('map', JSON.stringify({ 0: ['variables.input.appId'] }));
      planted.append('0', new Blob([png(8, 8) as BlobPart]), 'a.png');
      expect((await sendForm(planted, caller)).errors?.[0]?.message).toMatch(/null placeholder/);
      const unmapped = multipartBody(AppInfoPage_SaveMediaAssetsDocument, { input: { appId: app.globalId } as never }, {});
      unmapped.append('7', new Blob([png(8, 8) as BlobPart]), 'a.png');
      expect((await sendForm(unmapped, caller)).errors?.[0]?.message).toMatch(/not named in "map"/);
      expect(await prisma.mediaInfo.count({ where: { appId: app.id } })).toBe(0);
    });

    it('refuses 100 file parts at the parser', async () => {
      const { app, caller } = await tenant();
      const before = await storedKeys(storage.storage);
      const form = multipartBody(AppInfoPage_SaveMediaAssetsDocument, { input: { appId: app.globalId } as never }, {});
      const map: Record<string, string[]> = {};
      for (let index = 0; index < 100; index++) {
        map[index] = [`variables.input.additionalImages.${index}.file`];
        form.append(String(index), new Blob([png(8, 8) as BlobPart]), `${index}.png`);
      }
      form.set('map', JSON.stringify(map));
      const result = await sendForm(form, caller);
      expect(result.status).toBe(413);
      expect(result.errors?.[0]?.message).toMatch(/Files limit exceeded: 8/);
      await nothingStored(app.id, before);
    });

    it('refuses an oversized non-file field', async () => {
      const { app, caller } = await tenant();
      const form = multipartBody(
        AppInfoPage_SaveGeneralInfoDocument,
        { input: { appId: app.globalId, shortDescription: 'x'.repeat(200_000) } as never },
        { 'input.icon': { bytes: png(1024, 1024), name: 'i.png' } },
      );
      const result = await sendForm(form, caller);
      expect(result.status).toBe(413);
      expect(result.errors?.[0]?.message).toMatch(/Field value size exceeded: 100000 bytes/);
      expect(await prisma.generalInfo.count({ where: { appId: app.id } })).toBe(0);
    });
  });

  it('sweeps temporaries older than an hour and orphans no row references, keeping recent ones', async () => {
    const { app, caller } = await tenant();
    await saveIcon(caller, app.globalId, png(1024, 1024));
    const kept = (await prisma.mediaAsset.findFirstOrThrow({ where: { appId: app.id } })).storageKey;
    const orphan = await storage.storage.put(png(32, 32));
    // Nothing is old yet: the sweep must keep everything, including the fresh orphan.
    await sweepMedia(storage.storage);
    expect(await storage.storage.exists(orphan.key)).toBe(true);
    // With the age threshold in the future, everything counts as old: only unreferenced objects go.
    const result = await sweepMedia(storage.storage, -60_000);
    expect(result.orphans).toBeGreaterThanOrEqual(1);
    expect(await storage.storage.exists(orphan.key)).toBe(false);
    expect(await storage.storage.exists(kept)).toBe(true);
  });
});

describe('reading', () => {
  it('shows the tab complete and the status COMPLETE once all four tabs are', async () => {
    const { app, caller } = await tenant();
    useMediaStorage((await startStorage('local')).storage);
    const name = `Full App ${Math.random().toString(36).slice(2, 10)}`;
    await upload(
      AppInfoPage_SaveGeneralInfoDocument,
      { input: { appId: app.globalId, publicName: name, shortDescription: 's', detailedDescription: 'd', categories: ['PETS'], latestRelease: 'r' } as never },
      { 'input.icon': { bytes: png(1024, 1024), name: 'i.png' } },
      caller,
    );
    await saveMedia(
      caller,
      { appId: app.globalId, additionalImages: [{ file: null }] },
      { 'input.mainImage': { bytes: png(1024, 1024), name: 'm.png' }, 'input.additionalImages.0.file': { bytes: png(1024, 1024), name: 'a.png' } },
    );
    const { AppInfoPage_SaveCompatibilityInfoDocument, AppInfoPage_SaveAdditionalInfoDocument } = await import('@ring/client');
    await execute(
      AppInfoPage_SaveCompatibilityInfoDocument,
      { input: { appId: app.globalId, features: 'f', requirements: 'r', customerTypes: ['HOMEOWNER'], supportedDevices: ['CHIME'], cameraTypes: ['INDOOR'] } },
      caller,
    );
    let read = await execute(AppInfoPage_AppDocument, { id: app.globalId }, caller);
    expect(read.data?.node).toMatchObject({
      info: { status: 'PENDING', general: { complete: true }, media: { complete: true }, compatibility: { complete: true }, additional: { complete: false } },
    });
    await execute(
      AppInfoPage_SaveAdditionalInfoDocument,
      {
        input: {
          appId: app.globalId,
          developerInfo: 'Acme',
          websiteUrl: 'https://a.example',
          supportUrl: 'https://a.example/s',
          privacyPolicyUrl: 'https://a.example/p',
          termsOfServiceUrl: 'https://a.example/t',
        },
      },
      caller,
    );
    read = await execute(AppInfoPage_AppDocument, { id: app.globalId }, caller);
    expect(read.data?.node).toMatchObject({ info: { status: 'COMPLETE' } });
  });
});
