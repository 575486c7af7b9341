/**
 * Content-addressed media under concurrency: one stored file can back the assets of several
 * apps, so a save that fails, a save that replaces the file, or an app deletion must never
 * remove bytes that another save is about to commit (or has committed). Two tenants race the
 * three ways many times over, on both storage drivers; afterwards every committed asset must
 * still have its stored object and be served at /media.
 */
import { describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import { AppInfoPage_SaveMediaAssetsDocument, AppOverviewPage_DeleteAppDocument } from '@ring/client';
import { serveMedia } from '@ring/api/media';
import { sweepMedia } from '@ring/api/storage';
import { execute, newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { png, upload } from '../support/media.ts';
import { race } from '../support/races.ts';
import { DRIVERS, type TestStorage, useTestStorage } from '../support/storage.ts';

const ROUNDS = 12;

async function tenant() {
  const developer = await newDeveloper('integrity');
  const app = await insertApp(developer.id);
  return { app, caller: { token: developer.token } };
}
type Tenant = Awaited<ReturnType<typeof tenant>>;

/** Saves `bytes` as the app's main image; answers the result's __typename. */
async function saveMainImage(owner: Tenant, bytes: Uint8Array, expectedVersion?: number) {
  const response = await upload(
    AppInfoPage_SaveMediaAssetsDocument,
    { input: { appId: owner.app.globalId, ...(expectedVersion === undefined ? {} : { expectedVersion }) } as never },
    { 'input.mainImage': { bytes, name: 'main.png' } },
    owner.caller,
  );
  return response.data?.saveMediaAssets?.__typename ?? JSON.stringify(response.errors);
}

/** A random pause of up to `ms`, so the rounds cover many interleavings. */
const jitter = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * ms));

/** Every asset of these apps that is committed: its object exists and /media serves its bytes. */
async function everyAssetServes(storage: TestStorage, appIds: string[]) {
  const assets = await prisma.mediaAsset.findMany({ where: { appId: { in: appIds } } });
  const broken: string[] = [];
  for (const asset of assets) {
    const exists = await storage.storage.exists(asset.storageKey);
    const response = await serveMedia(asset.id, new Request(`http://media/media/${asset.id}`));
    const body = new Uint8Array(await response.arrayBuffer());
    if (!exists || response.status !== 200 || body.byteLength !== asset.byteSize)
      broken.push(`${asset.id} (${asset.storageKey.slice(0, 8)}): exists=${exists} status=${response.status}`);
  }
  return { count: assets.length, broken };
}

describe.each(DRIVERS)('shared media bytes under concurrency with the %s driver', (driver) => {
  const storage = useTestStorage(driver);

  it(`keeps every committed asset served while another tenant's save of the same bytes fails, replaces them or its app is deleted (${ROUNDS} rounds each)`, async () => {
    const survivor = await tenant();
    const rival = await tenant();
    const appIds = [survivor.app.id, rival.app.id];
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // 1. The rival's save of the same bytes fails its expectedVersion.
      const failing = png(16, 16);
      const [, failed] = await race(2, (index) =>
        index === 0 ? jitter(8).then(() => saveMainImage(survivor, failing)) : jitter(8).then(() => saveMainImage(rival, failing, 9999)),
      );
      outcomes.push(failed!.ok ? String(failed!.value) : 'THROWN');

      // 2. The rival replaces the bytes the survivor is saving.
      const replaced = png(16, 16);
      expect(await saveMainImage(rival, replaced)).toBe('SaveMediaAssetsSuccess');
      const replacing = await race(2, (index) =>
        index === 0 ? jitter(8).then(() => saveMainImage(survivor, replaced)) : jitter(8).then(() => saveMainImage(rival, png(16, 16))),
      );
      expect(replacing).toEqual([
        { ok: true, value: 'SaveMediaAssetsSuccess' },
        { ok: true, value: 'SaveMediaAssetsSuccess' },
      ]);

      // 3. A third tenant’s app holding the bytes is deleted while the survivor saves them.
      const doomed = await tenant();
      const deleted = png(16, 16);
      expect(await saveMainImage(doomed, deleted)).toBe('SaveMediaAssetsSuccess');
      const deleting = await race(2, (index) =>
        index === 0
          ? jitter(8).then(() => saveMainImage(survivor, deleted))
          : jitter(8).then(
              async () =>
                (await execute(AppOverviewPage_DeleteAppDocument, { input: { appId: doomed.app.globalId } }, doomed.caller)).data?.deleteApp.__typename ??
                'ERROR',
            ),
      );
      expect(deleting).toEqual([
        { ok: true, value: 'SaveMediaAssetsSuccess' },
        { ok: true, value: 'DeleteAppSuccess' },
      ]);

      const { broken } = await everyAssetServes(storage, appIds);
      expect(broken, `round ${round}`).toEqual([]);
    }
    expect(outcomes.every((outcome) => outcome === 'ConflictError')).toBe(true);
    // The survivor's last save committed; the sweeper, which takes the same locks, keeps it too.
    await sweepMedia(storage.storage, -60_000);
    const { count, broken } = await everyAssetServes(storage, appIds);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(broken).toEqual([]);
  });
});
