/**
 * A listing as a version freezes it: the four App Information tabs (media by content hash and
 * URL) and both environments' linking URLs. The draft is read into the same shape to compare.
 */
import type { LinkingUrls } from './endpoint-checks.ts';
import { missingAdditional, missingCompatibility, missingGeneral, missingLinking, missingMedia } from './completeness.ts';

/** One stored file as a listing refers to it: `key` is its content hash, `url` where it is served. */
export interface MediaRef {
  key: string;
  url: string;
}

/** A listing as it is frozen into a version (and read from the draft for comparison). */
export interface ListingSnapshot {
  general: {
    publicName: string | null;
    icon: MediaRef | null;
    shortDescription: string | null;
    detailedDescription: string | null;
    categories: string[];
    latestRelease: string | null;
  };
  media: {
    mainImage: MediaRef | null;
    additionalImages: MediaRef[];
    video: MediaRef | null;
    videoThumbnail: MediaRef | null;
  };
  compatibility: {
    features: string | null;
    requirements: string | null;
    customerTypes: string[];
    supportedDevices: string[];
    cameraTypes: string[];
  };
  additional: {
    developerInfo: string | null;
    websiteUrl: string | null;
    supportUrl: string | null;
    privacyPolicyUrl: string | null;
    termsOfServiceUrl: string | null;
  };
  accountLinking: { STAGING: LinkingUrls; PRODUCTION: LinkingUrls };
}

const NO_URLS: LinkingUrls = { authorizationUrl: null, appHomepageUrl: null, tokenExchangeUrl: null, webhookUrl: null };

/** A listing with nothing in it: the base of tests, and of a draft whose tabs were never saved. */
export const EMPTY_SNAPSHOT: ListingSnapshot = {
  general: { publicName: null, icon: null, shortDescription: null, detailedDescription: null, categories: [], latestRelease: null },
  media: { mainImage: null, additionalImages: [], video: null, videoThumbnail: null },
  compatibility: { features: null, requirements: null, customerTypes: [], supportedDevices: [], cameraTypes: [] },
  additional: { developerInfo: null, websiteUrl: null, supportUrl: null, privacyPolicyUrl: null, termsOfServiceUrl: null },
  accountLinking: { STAGING: NO_URLS, PRODUCTION: NO_URLS },
};

/** The required fields a frozen listing lacks, as the completeness rules name them (STAGING/PRODUCTION URLs prefixed). */
export function listingMissing(listing: ListingSnapshot): string[] {
  const { general, media, compatibility, additional, accountLinking } = listing;
  return [
    ...missingGeneral({ ...general, iconId: general.icon?.key ?? null }),
    ...missingMedia({ mainImageId: media.mainImage?.key ?? null, additionalImageCount: media.additionalImages.length }),
    ...missingCompatibility(compatibility),
    ...missingAdditional(additional),
    ...missingLinking(accountLinking.STAGING).map((field) => `STAGING.${field}`),
    ...missingLinking(accountLinking.PRODUCTION).map((field) => `PRODUCTION.${field}`),
  ];
}
