/**
 * The draft's listing (`Listing` in @ring/domain) from the four tab rows as loadInfo reads
 * them: what the guideline checks, the listing preview, the comparisons with versions and the
 * freezing of a version read. Pure; the account linking URLs (another module's) are given by
 * the caller that needs them, and a frozen version reads its own copy back
 * (certification/versions.ts).
 */
import { EMPTY_LISTING, type Listing } from '@ring/domain';
import type { MediaKind } from '@ring/db';
import { listingMediaOf, type AssetFacts } from '../media/listing-media.ts';
import type { DraftAssetUse } from '../media/version-media.ts';

type Asset = AssetFacts & { kind: MediaKind };

/** The tab rows of loadInfo, as far as a listing reads them (null for a tab never saved). */
export interface DraftListingRows {
  general: {
    publicName: string | null;
    icon: Asset | null;
    shortDescription: string | null;
    detailedDescription: string | null;
    categories: string[];
    latestRelease: string | null;
  } | null;
  media: {
    mainImage: Asset | null;
    video: Asset | null;
    videoThumbnail: Asset | null;
    additionalImages: Array<{ asset: Asset }>;
  } | null;
  compatibility: (Pick<Listing, 'features' | 'requirements'> & { customerTypes: string[]; supportedDevices: string[]; cameraTypes: string[] }) | null;
  additional: Pick<Listing, 'developerInfo' | 'websiteUrl' | 'supportUrl' | 'privacyPolicyUrl' | 'termsOfServiceUrl'> | null;
}

export function listingFromDraft(
  { general, media, compatibility, additional }: DraftListingRows,
  accountLinking: Listing['accountLinking'] = EMPTY_LISTING.accountLinking,
): Listing {
  // Field by field: the rows carry more columns (ids, versions, keys) than a listing has.
  return {
    ...EMPTY_LISTING,
    ...(general && {
      publicName: general.publicName,
      icon: listingMediaOf(general.icon),
      shortDescription: general.shortDescription,
      detailedDescription: general.detailedDescription,
      categories: general.categories,
      latestRelease: general.latestRelease,
    }),
    ...(media && {
      mainImage: listingMediaOf(media.mainImage),
      video: listingMediaOf(media.video),
      videoThumbnail: listingMediaOf(media.videoThumbnail),
      additionalImages: media.additionalImages.map((image) => listingMediaOf(image.asset)),
    }),
    ...(compatibility && {
      features: compatibility.features,
      requirements: compatibility.requirements,
      customerTypes: compatibility.customerTypes,
      supportedDevices: compatibility.supportedDevices,
      cameraTypes: compatibility.cameraTypes,
    }),
    ...(additional && {
      developerInfo: additional.developerInfo,
      websiteUrl: additional.websiteUrl,
      supportUrl: additional.supportUrl,
      privacyPolicyUrl: additional.privacyPolicyUrl,
      termsOfServiceUrl: additional.termsOfServiceUrl,
    }),
    accountLinking,
  };
}

/** Every asset the draft's tabs use, where they use it (what freezing a version copies). */
export function draftAssetUses({ general, media }: Pick<DraftListingRows, 'general' | 'media'>): DraftAssetUse[] {
  const use = (asset: Asset | null | undefined, position = 0): DraftAssetUse[] =>
    asset ? [{ assetId: asset.id, storageKey: asset.storageKey, kind: asset.kind, position }] : [];
  return [
    ...use(general?.icon),
    ...use(media?.mainImage),
    ...(media?.additionalImages ?? []).flatMap((image, position) => use(image.asset, position)),
    ...use(media?.video),
    ...use(media?.videoThumbnail),
  ];
}
