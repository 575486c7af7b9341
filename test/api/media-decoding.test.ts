/**
 * Images are decoded, not just measured: a header is checked against the pixel limit first
 * (a decompression bomb is refused before anything decodes it), then the whole image is
 * decoded to prove the bytes are a real PNG or JPEG. Storage is not what these test, so they
 * run over local files only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import { AppInfoPage_SaveMediaAssetsDocument } from '@ring/client';
import { IMAGE_MAX_PIXELS } from '@ring/domain';
import { useMediaStorage } from '@ring/api/storage';
import { newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { corruptJpeg, png, pngWithBadData, upload, zeroPng } from '../support/media.ts';
import { startStorage, storedKeys, type TestStorage } from '../support/storage.ts';

let storage: TestStorage;
beforeAll(async () => {
  storage = await startStorage('local');
  useMediaStorage(storage.storage);
});

async function saveMainImage(bytes: Uint8Array) {
  const developer = await newDeveloper('decode');
  const app = await insertApp(developer.id);
  const before = await storedKeys(storage.storage);
  const response = await upload(
    AppInfoPage_SaveMediaAssetsDocument,
    { input: { appId: app.globalId } as never },
    { 'input.mainImage': { bytes, name: 'main.png' } },
    { token: developer.token },
  );
  const result = response.data?.saveMediaAssets as { __typename: string; fields?: Array<{ path: string[]; code: string; message: string }> } | undefined;
  if (result?.__typename === 'ValidationError') {
    // A refused image leaves no row and no file.
    expect(await prisma.mediaAsset.count({ where: { appId: app.id } })).toBe(0);
    expect(await storedKeys(storage.storage)).toEqual(before);
  }
  return result;
}

describe('image decoding', () => {
  it('refuses an 8192x8192 PNG of zeros (a decompression bomb of a few kilobytes) by its header', async () => {
    const bomb = zeroPng(8192, 8192);
    expect(bomb.byteLength).toBeLessThan(200_000);
    expect(await saveMainImage(bomb)).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['mainImage'], code: 'TOO_MANY_PIXELS', message: expect.stringMatching(/^Main image .*16,777,216 pixels.*8192x8192/) }],
    });
  });

  it('accepts exactly the pixel limit (4096x4096) and refuses 4097x4096', async () => {
    expect(4096 * 4096).toBe(IMAGE_MAX_PIXELS);
    expect(await saveMainImage(zeroPng(4096, 4096))).toMatchObject({ __typename: 'SaveMediaAssetsSuccess' });
    expect(await saveMainImage(zeroPng(4097, 4096))).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['mainImage'], code: 'TOO_MANY_PIXELS' }],
    });
  });

  it('refuses a 0x0 PNG and accepts 1x1', async () => {
    expect(await saveMainImage(zeroPng(0, 0))).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['mainImage'], code: 'NO_PIXELS', message: expect.stringMatching(/^Main image .*0x0/) }],
    });
    expect(await saveMainImage(png(1, 1))).toMatchObject({ __typename: 'SaveMediaAssetsSuccess' });
  });

  it('refuses a PNG whose data is not image data and a JPEG with corrupt scan data, whatever their headers say', async () => {
    for (const bytes of [pngWithBadData(1024, 1024), corruptJpeg()]) {
      expect(await saveMainImage(bytes)).toMatchObject({
        __typename: 'ValidationError',
        fields: [{ path: ['mainImage'], code: 'UNREADABLE', message: expect.stringMatching(/^Main image could not be decoded.*PNG or JPEG/) }],
      });
    }
  });
});
