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

const blank = (value: string | null | undefined) => !value || value.trim() === '';
const none = (value: readonly string[] | null | undefined) => !value || value.length === 0;

export function missingGeneral(tab: GeneralShape | null | undefined): string[] {
  const missing: string[] = [];
  if (blank(tab?.publicName)) missing.push('publicName');
  if (!tab?.iconId) missing.push('icon');
  if (blank(tab?.shortDescription)) missing.push('shortDescription');
  if (blank(tab?.detailedDescription)) missing.push('detailedDescription');
  if (none(tab?.categories)) missing.push('categories');
  if (blank(tab?.latestRelease)) missing.push('latestRelease');
  return missing;
}

/** The video and its thumbnail are optional. */
export function missingMedia(tab: MediaShape | null | undefined): string[] {
  const missing: string[] = [];
  if (!tab?.mainImageId) missing.push('mainImage');
  if (!tab?.additionalImageCount) missing.push('additionalImages');
  return missing;
}

export function missingCompatibility(tab: CompatibilityShape | null | undefined): string[] {
  const missing: string[] = [];
  if (blank(tab?.features)) missing.push('features');
  if (blank(tab?.requirements)) missing.push('requirements');
  if (none(tab?.customerTypes)) missing.push('customerTypes');
  if (none(tab?.supportedDevices)) missing.push('supportedDevices');
  if (none(tab?.cameraTypes)) missing.push('cameraTypes');
  return missing;
}

export function missingAdditional(tab: AdditionalShape | null | undefined): string[] {
  const missing: string[] = [];
  if (blank(tab?.developerInfo)) missing.push('developerInfo');
  if (blank(tab?.websiteUrl)) missing.push('websiteUrl');
  if (blank(tab?.supportUrl)) missing.push('supportUrl');
  if (blank(tab?.privacyPolicyUrl)) missing.push('privacyPolicyUrl');
  if (blank(tab?.termsOfServiceUrl)) missing.push('termsOfServiceUrl');
  return missing;
}

/** All four URLs are required in each environment. */
export function missingLinking(environment: LinkingShape | null | undefined): string[] {
  const missing: string[] = [];
  if (blank(environment?.authorizationUrl)) missing.push('authorizationUrl');
  if (blank(environment?.appHomepageUrl)) missing.push('appHomepageUrl');
  if (blank(environment?.tokenExchangeUrl)) missing.push('tokenExchangeUrl');
  if (blank(environment?.webhookUrl)) missing.push('webhookUrl');
  return missing;
}

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
