/**
 * What each Configure section needs before it counts as complete. Pure functions over plain
 * shapes, so the API (tab `missing`/`complete`, lifecycle) and the console agree. The names
 * returned are the input field names of the matching save mutation.
 */
export interface GeneralShape {
  publicName?: string | null;
  iconId?: string | null;
  shortDescription?: string | null;
  detailedDescription?: string | null;
  categories?: readonly string[] | null;
  latestRelease?: string | null;
}

export interface MediaShape {
  mainImageId?: string | null;
  additionalImageCount?: number | null;
}

export interface CompatibilityShape {
  features?: string | null;
  requirements?: string | null;
  customerTypes?: readonly string[] | null;
  supportedDevices?: readonly string[] | null;
  cameraTypes?: readonly string[] | null;
}

export interface AdditionalShape {
  developerInfo?: string | null;
  websiteUrl?: string | null;
  supportUrl?: string | null;
  privacyPolicyUrl?: string | null;
  termsOfServiceUrl?: string | null;
}

export interface LinkingShape {
  authorizationUrl?: string | null;
  appHomepageUrl?: string | null;
  tokenExchangeUrl?: string | null;
  webhookUrl?: string | null;
}

/** A required value counts as given when it is non-blank text, a non-empty list, a positive count or an id. */
function isGiven(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'number') return value > 0;
  return Boolean(value);
}

/** The reported names (input field names) of the required values a row lacks, in order. */
function missingFrom<Row>(row: Row | null | undefined, required: readonly (readonly [name: string, key: keyof Row])[]): string[] {
  return required.filter(([, key]) => !isGiven(row?.[key])).map(([name]) => name);
}

export const missingGeneral = (tab: GeneralShape | null | undefined) =>
  missingFrom(tab, [
    ['publicName', 'publicName'],
    ['icon', 'iconId'],
    ['shortDescription', 'shortDescription'],
    ['detailedDescription', 'detailedDescription'],
    ['categories', 'categories'],
    ['latestRelease', 'latestRelease'],
  ]);

/** The video and its thumbnail are optional. */
export const missingMedia = (tab: MediaShape | null | undefined) =>
  missingFrom(tab, [
    ['mainImage', 'mainImageId'],
    ['additionalImages', 'additionalImageCount'],
  ]);

export const missingCompatibility = (tab: CompatibilityShape | null | undefined) =>
  missingFrom(tab, [
    ['features', 'features'],
    ['requirements', 'requirements'],
    ['customerTypes', 'customerTypes'],
    ['supportedDevices', 'supportedDevices'],
    ['cameraTypes', 'cameraTypes'],
  ]);

export const missingAdditional = (tab: AdditionalShape | null | undefined) =>
  missingFrom(tab, [
    ['developerInfo', 'developerInfo'],
    ['websiteUrl', 'websiteUrl'],
    ['supportUrl', 'supportUrl'],
    ['privacyPolicyUrl', 'privacyPolicyUrl'],
    ['termsOfServiceUrl', 'termsOfServiceUrl'],
  ]);

/** All four URLs are required in each environment. */
export const missingLinking = (environment: LinkingShape | null | undefined) =>
  missingFrom(environment, [
    ['authorizationUrl', 'authorizationUrl'],
    ['appHomepageUrl', 'appHomepageUrl'],
    ['tokenExchangeUrl', 'tokenExchangeUrl'],
    ['webhookUrl', 'webhookUrl'],
  ]);

/** How the console names each field that `missing*` can return. */
export const MISSING_FIELD_LABELS: Record<string, string> = {
  publicName: 'Public name',
  icon: 'Icon',
  shortDescription: 'Short description',
  detailedDescription: 'Detailed description',
  categories: 'App category',
  latestRelease: 'Latest release',
  mainImage: 'Appstore main image',
  additionalImages: 'Additional images',
  features: 'Features',
  requirements: 'Requirements',
  customerTypes: 'Customer types',
  supportedDevices: 'Supported devices',
  cameraTypes: 'Camera types',
  developerInfo: 'Developer info',
  websiteUrl: 'Website',
  supportUrl: 'Support',
  privacyPolicyUrl: 'Privacy policy',
  termsOfServiceUrl: 'Terms of Service',
  authorizationUrl: 'Authorization URL',
  appHomepageUrl: 'App Homepage URL',
  tokenExchangeUrl: 'Token Exchange URL',
  webhookUrl: 'Webhook URL',
};

export function describeMissing(fields: readonly string[]): string {
  return fields.map((field) => MISSING_FIELD_LABELS[field] ?? field).join(', ');
}
