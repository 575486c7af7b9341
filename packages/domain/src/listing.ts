/**
 * The Appstore listing as one plain object: the four App Information tabs' fields, the facts
 * of the media they reference and both environments' linking URLs. The one shape of a
 * listing: the draft builds it from its tab rows (API app-info module), a version freezes it
 * as it is and reads it back (API certification module, `listingFromVersion`); the guideline
 * checks, the listing preview, the completeness of a version (`listingMissing`) and the
 * comparison of two listings (listing-diff.ts) read only this, so each works on either.
 */
import { missingAdditional, missingCompatibility, missingGeneral, missingLinking, missingMedia } from './completeness.ts';
import type { LinkingUrls } from './endpoint-checks.ts';

/** One stored file as a listing refers to it, with the facts read from its bytes. */
export interface ListingMedia {
  /** The content hash of its bytes: the same file uploaded again is the same key (no change). */
  key: string;
  /** Where the file is served (a path on the console's origin). */
  url: string;
  contentType: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
}

export interface Listing {
  // General
  publicName: string | null;
  icon: ListingMedia | null;
  shortDescription: string | null;
  detailedDescription: string | null;
  categories: readonly string[];
  latestRelease: string | null;
  // Media assets
  mainImage: ListingMedia | null;
  additionalImages: readonly ListingMedia[];
  video: ListingMedia | null;
  videoThumbnail: ListingMedia | null;
  // Compatibility
  features: string | null;
  requirements: string | null;
  customerTypes: readonly string[];
  supportedDevices: readonly string[];
  cameraTypes: readonly string[];
  // Additional
  developerInfo: string | null;
  websiteUrl: string | null;
  supportUrl: string | null;
  privacyPolicyUrl: string | null;
  termsOfServiceUrl: string | null;
  // Account linking, per environment
  accountLinking: { STAGING: LinkingUrls; PRODUCTION: LinkingUrls };
}

const NO_URLS: LinkingUrls = Object.freeze({ authorizationUrl: null, appHomepageUrl: null, tokenExchangeUrl: null, webhookUrl: null });

/** A listing with nothing saved yet. */
export const EMPTY_LISTING: Listing = Object.freeze({
  publicName: null,
  icon: null,
  shortDescription: null,
  detailedDescription: null,
  categories: [],
  latestRelease: null,
  mainImage: null,
  additionalImages: [],
  video: null,
  videoThumbnail: null,
  features: null,
  requirements: null,
  customerTypes: [],
  supportedDevices: [],
  cameraTypes: [],
  developerInfo: null,
  websiteUrl: null,
  supportUrl: null,
  privacyPolicyUrl: null,
  termsOfServiceUrl: null,
  accountLinking: Object.freeze({ STAGING: NO_URLS, PRODUCTION: NO_URLS }),
});

/** A listing field of App information: the input field name its save mutations use. */
export type ListingField = Exclude<keyof Listing, 'accountLinking'>;

export type AppInfoTab = 'general' | 'media' | 'compatibility' | 'additional';

/** Which App Information tab holds each field (for links from a check to its field). */
export const LISTING_FIELD_TABS: Readonly<Record<ListingField, AppInfoTab>> = Object.freeze({
  publicName: 'general',
  icon: 'general',
  shortDescription: 'general',
  detailedDescription: 'general',
  categories: 'general',
  latestRelease: 'general',
  mainImage: 'media',
  additionalImages: 'media',
  video: 'media',
  videoThumbnail: 'media',
  features: 'compatibility',
  requirements: 'compatibility',
  customerTypes: 'compatibility',
  supportedDevices: 'compatibility',
  cameraTypes: 'compatibility',
  developerInfo: 'additional',
  websiteUrl: 'additional',
  supportUrl: 'additional',
  privacyPolicyUrl: 'additional',
  termsOfServiceUrl: 'additional',
});

/** People's names of the fields, as the App Information page labels them. */
export const LISTING_FIELD_LABELS: Readonly<Record<ListingField, string>> = Object.freeze({
  publicName: 'Public name',
  icon: 'Icon',
  shortDescription: 'Short description',
  detailedDescription: 'Detailed description',
  categories: 'App categories',
  latestRelease: 'Latest release',
  mainImage: 'Appstore main image',
  additionalImages: 'Additional images',
  video: 'Video',
  videoThumbnail: 'Video thumbnail',
  features: 'Features',
  requirements: 'Requirements',
  customerTypes: 'Customer types',
  supportedDevices: 'Supported devices',
  cameraTypes: 'Camera types',
  developerInfo: 'Developer info',
  websiteUrl: 'Website',
  supportUrl: 'Support URL',
  privacyPolicyUrl: 'Privacy policy URL',
  termsOfServiceUrl: 'Terms of Service URL',
});

export const isListingField = (name: string): name is ListingField => Object.hasOwn(LISTING_FIELD_TABS, name);

/** The required fields a listing lacks, as the completeness rules name them (STAGING/PRODUCTION URLs prefixed). */
export function listingMissing(listing: Listing): string[] {
  return [
    ...missingGeneral({ ...listing, iconId: listing.icon?.key ?? null }),
    ...missingMedia({ mainImageId: listing.mainImage?.key ?? null, additionalImageCount: listing.additionalImages.length }),
    ...missingCompatibility(listing),
    ...missingAdditional(listing),
    ...missingLinking(listing.accountLinking.STAGING).map((field) => `STAGING.${field}`),
    ...missingLinking(listing.accountLinking.PRODUCTION).map((field) => `PRODUCTION.${field}`),
  ];
}
