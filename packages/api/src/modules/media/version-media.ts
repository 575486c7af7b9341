/**
 * Media a certification version refers to. A version freezes the draft's files: each gets an
 * AppVersionMedia row with the asset's facts, so that when the draft later replaces or removes
 * the asset (and its MediaAsset row goes), the bytes stay (collectUnreferenced counts these
 * rows as references) and stay served at /media/<row id>. Rows go only with the app.
 */
import type { MediaKind, Prisma } from '@ring/db';
import { ConflictError } from '../../errors.ts';
import { lockKeysShared } from '../../storage/index.ts';
import { mediaPath } from './media-path.ts';

type Tx = Prisma.TransactionClient;

/** A draft asset in the place the version uses it. */
export interface DraftAssetUse {
  assetId: string;
  storageKey: string;
  kind: MediaKind;
  position: number;
}

export interface FrozenMedia {
  use: DraftAssetUse;
  /** The AppVersionMedia row's id: the version's own address for the file. */
  id: string;
  url: string;
}

export const MEDIA_CHANGED_WHILE_SUBMITTING = 'The app’s media changed while the version was being frozen; submit again.';

/**
 * Copies the assets' facts into rows of the version, inside `tx`. Their keys are held shared
 * first (as any writer of a reference does, see storage/key-locks.ts), then the assets are read
 * again: one released since the draft was read means its bytes may be gone, so the freeze is
 * refused (ConflictError) rather than refer to nothing.
 */
export async function freezeVersionMedia(tx: Tx, appId: string, versionId: string, uses: readonly DraftAssetUse[]): Promise<FrozenMedia[]> {
  if (uses.length === 0) return [];
  await lockKeysShared(
    tx,
    uses.map((use) => use.storageKey),
  );
  const assets = await tx.mediaAsset.findMany({ where: { id: { in: uses.map((use) => use.assetId) }, appId } });
  const byId = new Map(assets.map((asset) => [asset.id, asset]));
  const frozen: FrozenMedia[] = [];
  for (const use of uses) {
    const asset = byId.get(use.assetId);
    if (!asset || asset.storageKey !== use.storageKey) throw new ConflictError(MEDIA_CHANGED_WHILE_SUBMITTING);
    const row = await tx.appVersionMedia.create({
      data: {
        versionId,
        appId,
        kind: use.kind,
        position: use.position,
        storageKey: asset.storageKey,
        contentType: asset.contentType,
        byteSize: asset.byteSize,
        width: asset.width,
        height: asset.height,
        durationMs: asset.durationMs,
      },
      select: { id: true },
    });
    frozen.push({ use, id: row.id, url: mediaPath(row.id) });
  }
  return frozen;
}

/** The storage keys a version's media of `appId` hold (to collect once the app is deleted). */
export async function versionMediaKeys(tx: Tx, appId: string): Promise<string[]> {
  const rows = await tx.appVersionMedia.findMany({ where: { appId }, select: { storageKey: true } });
  return rows.map((row) => row.storageKey);
}
