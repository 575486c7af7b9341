/**
 * The Appstore listing as one plain object: the four App Information tabs' fields and the
 * facts of the media they reference. The draft builds it from its tab rows (API app-info
 * module), a frozen version from its copy; the guideline checks and the console's listing
 * preview read only this, so both work on either.
 */
export interface ListingMedia {
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
}

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
});

/** A listing field: the input field name the App Information save mutations use. */
export type ListingField = keyof Listing;

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
