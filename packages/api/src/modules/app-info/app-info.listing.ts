/**
 * The draft's listing (`Listing` in @ring/domain) from the four tab rows as loadInfo reads
 * them: what the guideline checks and the listing preview read. Pure; a frozen version builds
 * the same object from its own copy.
 */
import { EMPTY_LISTING, type Listing } from '@ring/domain';
import { listingMediaOf, type AssetFacts } from '../media/listing-media.ts';

/** The tab rows of loadInfo, as far as a listing reads them (null for a tab never saved). */
export interface DraftListingRows {
  general: {
    publicName: string | null;
    icon: AssetFacts | null;
    shortDescription: string | null;
    detailedDescription: string | null;
    categories: string[];
    latestRelease: string | null;
  } | null;
  media: {
    mainImage: AssetFacts | null;
    video: AssetFacts | null;
    videoThumbnail: AssetFacts | null;
    additionalImages: Array<{ asset: AssetFacts }>;
  } | null;
  compatibility: (Pick<Listing, 'features' | 'requirements'> & { customerTypes: string[]; supportedDevices: string[]; cameraTypes: string[] }) | null;
  additional: Pick<Listing, 'developerInfo' | 'websiteUrl' | 'supportUrl' | 'privacyPolicyUrl' | 'termsOfServiceUrl'> | null;
}

export function listingFromDraft({ general, media, compatibility, additional }: DraftListingRows): Listing {
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
  };
}
