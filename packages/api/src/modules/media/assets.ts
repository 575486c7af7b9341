/**
 * The media module's rows: MediaAsset (one stored file used by one app) and AdditionalImage
 * (the order of a Media tab's additional images). Other modules add and release assets only
 * through these functions, inside their own transaction.
 */
import { prisma, type Prisma } from '@ring/db';
import type { StoredFile } from './media.service.ts';
import { versionMediaKeys } from './version-media.ts';

type Tx = Prisma.TransactionClient;

/** An asset as a save sees it: enough to release it. */
export interface AssetRef {
  id: string;
  storageKey: string;
}

/** An app's additional images with their assets, in display order (for a Prisma `include`). */
export const ADDITIONAL_IMAGES_IN_ORDER = { orderBy: { position: 'asc' }, include: { asset: true } } as const;

/** An app's additional images with their assets, in any order (for a Prisma `include`). */
export const ADDITIONAL_IMAGES = { include: { asset: true } } as const;

/** Adds the row of a file stored for `appId`; answers the asset's id. */
export async function attachAsset(tx: Tx, appId: string, file: StoredFile): Promise<string> {
  const asset = await tx.mediaAsset.create({
    data: {
      appId,
      kind: file.kind,
      storageKey: file.storageKey,
      contentType: file.facts.contentType!,
      byteSize: file.facts.byteSize,
      width: file.facts.width ?? null,
      height: file.facts.height ?? null,
      durationMs: file.facts.durationMs ?? null,
    },
  });
  return asset.id;
}

/**
 * Deletes the assets' rows (references to them are set null, or their additional-image rows go,
 * by the foreign keys). Answers their storage keys, for collectUnreferenced once `tx` committed.
 */
export async function releaseAssets(tx: Tx, assets: readonly AssetRef[]): Promise<string[]> {
  for (const asset of assets) await tx.mediaAsset.delete({ where: { id: asset.id } });
  return assets.map((asset) => asset.storageKey);
}

/** The storage keys of every asset of an app (to collect once the app is deleted). */
export async function appStorageKeys(tx: Tx, appId: string): Promise<string[]> {
  const assets = await tx.mediaAsset.findMany({ where: { appId }, select: { storageKey: true } });
  // Versions' frozen copies go with the app too (ON DELETE CASCADE).
  return [...new Set([...assets.map((asset) => asset.storageKey), ...(await versionMediaKeys(tx, appId))])];
}

/** The asset ids of an app's current additional images: the ones a save may keep. */
export async function additionalImageAssetIds(appId: string): Promise<Set<string>> {
  const images = await prisma.additionalImage.findMany({ where: { appId } });
  return new Set(images.map((image) => image.assetId));
}

/** Makes `assetIds` (in this order) the app's additional images. */
export async function replaceAdditionalImages(tx: Tx, appId: string, assetIds: readonly string[]): Promise<void> {
  await tx.additionalImage.deleteMany({ where: { appId } });
  if (assetIds.length) await tx.additionalImage.createMany({ data: assetIds.map((assetId, position) => ({ appId, position, assetId })) });
}
