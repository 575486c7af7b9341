/**
 * A certification version keeps the files it was submitted with: replacing the draft's icon
 * (which releases the old asset and collects its bytes when nothing else refers to them) and
 * the media sweep leave the version's copy stored and served; deleting the app collects it.
 */
import { describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import {
  AppInfoPage_SaveGeneralInfoDocument,
  AppInfoPage_SaveMediaAssetsDocument,
  CertifyPage_SubmitDocument,
  AppOverviewPage_DeleteAppDocument,
  ReviewPage_SubmissionDocument,
} from '@ring/client';
import { sweepMedia } from '@ring/api/storage';
import { serveMedia } from '../../packages/api/src/modules/media/serve.ts';
import { execute, newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { completeBuildAndTest, completeConfigure, completeCertificationForms, newReviewer } from '../support/certification.ts';
import { png, upload } from '../support/media.ts';
import { storedKeys, useTestStorage } from '../support/storage.ts';

const GENERAL = {
  publicName: 'Frozen Media',
  shortDescription: 'Short.',
  detailedDescription: 'Long.',
  categories: ['HOME_SECURITY'],
  latestRelease: 'First.',
};

describe('version media', () => {
  const storage = useTestStorage('local');

  it('a version’s files outlive the draft replacing them and the sweep; the app’s deletion collects them', async () => {
    const owner = await newDeveloper('frozen');
    const app = await insertApp(owner.id);
    const icon = png(1024, 1024, { seed: 11 });
    const saved = await upload(
      AppInfoPage_SaveGeneralInfoDocument,
      { input: { appId: app.globalId, ...GENERAL, publicName: `Frozen ${app.id.slice(0, 8)}` } as never },
      { 'input.icon': { bytes: icon, name: 'icon.png', type: 'image/png' } },
      owner,
    );
    expect(saved.data?.saveGeneralInfo, JSON.stringify(saved)).toMatchObject({ __typename: 'SaveGeneralInfoSuccess' });
    const media = await upload(
      AppInfoPage_SaveMediaAssetsDocument,
      { input: { appId: app.globalId, additionalImages: [{ file: null }] } as never },
      {
        'input.mainImage': { bytes: png(1024, 1024, { seed: 12 }), name: 'main.png' },
        'input.additionalImages.0.file': { bytes: png(1024, 1024, { seed: 13 }), name: 'a.png' },
      },
      owner,
    );
    expect(media.data?.saveMediaAssets.__typename).toBe('SaveMediaAssetsSuccess');
    await completeConfigure(app.id, { withMedia: false });
    await completeBuildAndTest(app.globalId);
    await completeCertificationForms(app.id);

    const submitted = await execute(CertifyPage_SubmitDocument, { input: { appId: app.globalId, releaseNotes: 'With real files.', acknowledge: true } }, owner);
    const submission = submitted.data?.submitForCertification;
    if (submission?.__typename !== 'SubmitForCertificationSuccess') throw new Error(JSON.stringify(submitted));
    expect(submission.submission.status).toBe('UNDER_REVIEW');
    const read = await execute(ReviewPage_SubmissionDocument, { id: submission.submission.id }, await newReviewer());
    const found = read.data?.certificationSubmission;
    const listing = found?.__typename === 'CertificationSubmission' ? found.version.listing : null;
    const frozenIconUrl = listing!.general.icon!.url;
    const oldAsset = await prisma.mediaAsset.findFirstOrThrow({ where: { appId: app.id, kind: 'ICON' } });
    expect(frozenIconUrl).not.toBe(`http://yoga/media/${oldAsset.id}`);

    // The draft's icon is replaced: the old asset row goes and its bytes are collected unless referenced.
    const replaced = await upload(
      AppInfoPage_SaveGeneralInfoDocument,
      { input: { appId: app.globalId } as never },
      { 'input.icon': { bytes: png(1024, 1024, { seed: 14 }), name: 'icon2.png', type: 'image/png' } },
      owner,
    );
    expect(replaced.data?.saveGeneralInfo.__typename).toBe('SaveGeneralInfoSuccess');
    expect(await prisma.mediaAsset.findUnique({ where: { id: oldAsset.id } })).toBeNull();
    expect(await storedKeys(storage.storage)).toContain(oldAsset.storageKey);
    await sweepMedia(storage.storage, 0);
    expect(await storedKeys(storage.storage)).toContain(oldAsset.storageKey);

    const served = await serveMedia(frozenIconUrl.split('/').at(-1)!, new Request(frozenIconUrl));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(icon))).toBe(true);

    const deleted = await execute(AppOverviewPage_DeleteAppDocument, { input: { appId: app.globalId } }, owner);
    expect(deleted.data?.deleteApp.__typename).toBe('DeleteAppSuccess');
    expect(await storedKeys(storage.storage)).not.toContain(oldAsset.storageKey);
    expect((await serveMedia(frozenIconUrl.split('/').at(-1)!, new Request(frozenIconUrl))).status).toBe(404);
  });
});
