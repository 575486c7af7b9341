/**
 * The draft's four tabs in the shape a certification version freezes (ListingSnapshot of
 * @ring/domain, without account linking), with the assets it uses, read inside the caller's
 * transaction. Media are named by content hash, so a comparison sees a re-upload of the same
 * file as no change.
 */
import type { Prisma } from '@ring/db';
import type { ListingSnapshot, MediaRef } from '@ring/domain';
import { ADDITIONAL_IMAGES_IN_ORDER } from '../media/assets.ts';
import { mediaPath } from '../media/media-path.ts';
import type { DraftAssetUse } from '../media/version-media.ts';

type Db = Pick<Prisma.TransactionClient, 'generalInfo' | 'mediaInfo' | 'compatibilityInfo' | 'additionalInfo'>;
type Asset = { id: string; storageKey: string; kind: DraftAssetUse['kind'] } | null;

export interface DraftListing {
  tabs: Omit<ListingSnapshot, 'accountLinking'>;
  /** Every asset the tabs use, where they use it. */
  assets: DraftAssetUse[];
}

export async function draftListing(db: Db, appId: string): Promise<DraftListing> {
  const [general, media, compatibility, additional] = await Promise.all([
    db.generalInfo.findUnique({ where: { appId }, include: { icon: true } }),
    db.mediaInfo.findUnique({
      where: { appId },
      include: { mainImage: true, video: true, videoThumbnail: true, additionalImages: ADDITIONAL_IMAGES_IN_ORDER },
    }),
    db.compatibilityInfo.findUnique({ where: { appId } }),
    db.additionalInfo.findUnique({ where: { appId } }),
  ]);
  const assets: DraftAssetUse[] = [];
  const ref = (asset: Asset, position = 0): MediaRef | null => {
    if (!asset) return null;
    assets.push({ assetId: asset.id, storageKey: asset.storageKey, kind: asset.kind, position });
    return { key: asset.storageKey, url: mediaPath(asset.id) };
  };
  return {
    tabs: {
      general: {
        publicName: general?.publicName ?? null,
        icon: ref(general?.icon ?? null),
        shortDescription: general?.shortDescription ?? null,
        detailedDescription: general?.detailedDescription ?? null,
        categories: general?.categories ?? [],
        latestRelease: general?.latestRelease ?? null,
      },
      media: {
        mainImage: ref(media?.mainImage ?? null),
        additionalImages: (media?.additionalImages ?? []).map((image, position) => ref(image.asset, position)!),
        video: ref(media?.video ?? null),
        videoThumbnail: ref(media?.videoThumbnail ?? null),
      },
      compatibility: {
        features: compatibility?.features ?? null,
        requirements: compatibility?.requirements ?? null,
        customerTypes: compatibility?.customerTypes ?? [],
        supportedDevices: compatibility?.supportedDevices ?? [],
        cameraTypes: compatibility?.cameraTypes ?? [],
      },
      additional: {
        developerInfo: additional?.developerInfo ?? null,
        websiteUrl: additional?.websiteUrl ?? null,
        supportUrl: additional?.supportUrl ?? null,
        privacyPolicyUrl: additional?.privacyPolicyUrl ?? null,
        termsOfServiceUrl: additional?.termsOfServiceUrl ?? null,
      },
    },
    assets,
  };
}
