/**
 * What changed between two frozen listings (a certified or submitted version, and the draft
 * or a later version), field by field: texts and lists before/after, media replaced, added or
 * removed (compared by their bytes' hash, so a re-upload of the same file is no change), and
 * both environments' linking URLs.
 */
import type { FindingArea } from './certification.ts';
import type { Listing, ListingMedia } from './listing.ts';

export const CHANGE_KINDS = ['TEXT', 'LIST', 'MEDIA', 'URL'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_TYPES = ['ADDED', 'REMOVED', 'CHANGED', 'REPLACED'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export interface ListingChange {
  /** The same areas a reviewer's finding names. */
  area: FindingArea;
  /** The save mutation's input field, e.g. shortDescription. */
  field: string;
  /** For linking URLs: the environment. */
  environment: 'STAGING' | 'PRODUCTION' | null;
  /** For additional images: the position (0-based). */
  position: number | null;
  kind: ChangeKind;
  change: ChangeType;
  /** Text, a list joined with ", ", a URL, or a media file's URL; null when absent. */
  before: string | null;
  after: string | null;
}

const blank = (value: string | null | undefined) => value == null || value === '';

function valueChange(before: string | null, after: string | null): ChangeType | null {
  if ((before ?? '') === (after ?? '')) return null;
  if (blank(before)) return 'ADDED';
  if (blank(after)) return 'REMOVED';
  return 'CHANGED';
}

function mediaChange(before: ListingMedia | null | undefined, after: ListingMedia | null | undefined): ChangeType | null {
  if (!before && !after) return null;
  if (!before) return 'ADDED';
  if (!after) return 'REMOVED';
  return before.key === after.key ? null : 'REPLACED';
}

type Base = Pick<ListingChange, 'area' | 'field'> & Partial<Pick<ListingChange, 'environment' | 'position'>>;

export function listingChanges(before: Listing, after: Listing): ListingChange[] {
  const changes: ListingChange[] = [];
  const text = (base: Base, kind: 'TEXT' | 'URL', from: string | null, to: string | null) => {
    const change = valueChange(from, to);
    if (change) changes.push({ environment: null, position: null, ...base, kind, change, before: from, after: to });
  };
  const list = (base: Base, from: readonly string[], to: readonly string[]) => {
    const change = valueChange(from.join(', '), to.join(', '));
    if (change)
      changes.push({
        environment: null,
        position: null,
        ...base,
        kind: 'LIST',
        change,
        before: from.length ? from.join(', ') : null,
        after: to.length ? to.join(', ') : null,
      });
  };
  const media = (base: Base, from: ListingMedia | null | undefined, to: ListingMedia | null | undefined) => {
    const change = mediaChange(from, to);
    if (change) changes.push({ environment: null, position: null, ...base, kind: 'MEDIA', change, before: from?.url ?? null, after: to?.url ?? null });
  };

  const [b, a] = [before, after];
  text({ area: 'LISTING', field: 'publicName' }, 'TEXT', b.publicName, a.publicName);
  media({ area: 'LISTING', field: 'icon' }, b.icon, a.icon);
  text({ area: 'LISTING', field: 'shortDescription' }, 'TEXT', b.shortDescription, a.shortDescription);
  text({ area: 'LISTING', field: 'detailedDescription' }, 'TEXT', b.detailedDescription, a.detailedDescription);
  list({ area: 'LISTING', field: 'categories' }, b.categories, a.categories);
  text({ area: 'LISTING', field: 'latestRelease' }, 'TEXT', b.latestRelease, a.latestRelease);

  media({ area: 'MEDIA', field: 'mainImage' }, b.mainImage, a.mainImage);
  const images = Math.max(b.additionalImages.length, a.additionalImages.length);
  for (let position = 0; position < images; position += 1) {
    media({ area: 'MEDIA', field: 'additionalImages', position }, b.additionalImages[position], a.additionalImages[position]);
  }
  media({ area: 'MEDIA', field: 'video' }, b.video, a.video);
  media({ area: 'MEDIA', field: 'videoThumbnail' }, b.videoThumbnail, a.videoThumbnail);

  text({ area: 'COMPATIBILITY', field: 'features' }, 'TEXT', b.features, a.features);
  text({ area: 'COMPATIBILITY', field: 'requirements' }, 'TEXT', b.requirements, a.requirements);
  list({ area: 'COMPATIBILITY', field: 'customerTypes' }, b.customerTypes, a.customerTypes);
  list({ area: 'COMPATIBILITY', field: 'supportedDevices' }, b.supportedDevices, a.supportedDevices);
  list({ area: 'COMPATIBILITY', field: 'cameraTypes' }, b.cameraTypes, a.cameraTypes);

  text({ area: 'ADDITIONAL', field: 'developerInfo' }, 'TEXT', b.developerInfo, a.developerInfo);
  for (const field of ['websiteUrl', 'supportUrl', 'privacyPolicyUrl', 'termsOfServiceUrl'] as const) {
    text({ area: 'ADDITIONAL', field }, 'URL', b[field], a[field]);
  }

  for (const environment of ['STAGING', 'PRODUCTION'] as const) {
    for (const field of ['authorizationUrl', 'appHomepageUrl', 'tokenExchangeUrl', 'webhookUrl'] as const) {
      text({ area: 'ACCOUNT_LINKING', field, environment }, 'URL', before.accountLinking[environment][field], after.accountLinking[environment][field]);
    }
  }
  return changes;
}
