/**
 * What changed between two frozen listings (a certified or submitted version, and the draft
 * or a later version), field by field: texts and lists before/after, media replaced, added or
 * removed (compared by their bytes' hash, so a re-upload of the same file is no change), and
 * both environments' linking URLs.
 */
import type { FindingArea } from './certification.ts';
import type { ListingSnapshot, MediaRef } from './listing-snapshot.ts';

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

function mediaChange(before: MediaRef | null | undefined, after: MediaRef | null | undefined): ChangeType | null {
  if (!before && !after) return null;
  if (!before) return 'ADDED';
  if (!after) return 'REMOVED';
  return before.key === after.key ? null : 'REPLACED';
}

type Base = Pick<ListingChange, 'area' | 'field'> & Partial<Pick<ListingChange, 'environment' | 'position'>>;

export function listingChanges(before: ListingSnapshot, after: ListingSnapshot): ListingChange[] {
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
  const media = (base: Base, from: MediaRef | null | undefined, to: MediaRef | null | undefined) => {
    const change = mediaChange(from, to);
    if (change) changes.push({ environment: null, position: null, ...base, kind: 'MEDIA', change, before: from?.url ?? null, after: to?.url ?? null });
  };

  const g = [before.general, after.general] as const;
  text({ area: 'LISTING', field: 'publicName' }, 'TEXT', g[0].publicName, g[1].publicName);
  media({ area: 'LISTING', field: 'icon' }, g[0].icon, g[1].icon);
  text({ area: 'LISTING', field: 'shortDescription' }, 'TEXT', g[0].shortDescription, g[1].shortDescription);
  text({ area: 'LISTING', field: 'detailedDescription' }, 'TEXT', g[0].detailedDescription, g[1].detailedDescription);
  list({ area: 'LISTING', field: 'categories' }, g[0].categories, g[1].categories);
  text({ area: 'LISTING', field: 'latestRelease' }, 'TEXT', g[0].latestRelease, g[1].latestRelease);

  const m = [before.media, after.media] as const;
  media({ area: 'MEDIA', field: 'mainImage' }, m[0].mainImage, m[1].mainImage);
  const images = Math.max(m[0].additionalImages.length, m[1].additionalImages.length);
  for (let position = 0; position < images; position += 1) {
    media({ area: 'MEDIA', field: 'additionalImages', position }, m[0].additionalImages[position], m[1].additionalImages[position]);
  }
  media({ area: 'MEDIA', field: 'video' }, m[0].video, m[1].video);
  media({ area: 'MEDIA', field: 'videoThumbnail' }, m[0].videoThumbnail, m[1].videoThumbnail);

  const c = [before.compatibility, after.compatibility] as const;
  text({ area: 'COMPATIBILITY', field: 'features' }, 'TEXT', c[0].features, c[1].features);
  text({ area: 'COMPATIBILITY', field: 'requirements' }, 'TEXT', c[0].requirements, c[1].requirements);
  list({ area: 'COMPATIBILITY', field: 'customerTypes' }, c[0].customerTypes, c[1].customerTypes);
  list({ area: 'COMPATIBILITY', field: 'supportedDevices' }, c[0].supportedDevices, c[1].supportedDevices);
  list({ area: 'COMPATIBILITY', field: 'cameraTypes' }, c[0].cameraTypes, c[1].cameraTypes);

  const a = [before.additional, after.additional] as const;
  text({ area: 'ADDITIONAL', field: 'developerInfo' }, 'TEXT', a[0].developerInfo, a[1].developerInfo);
  for (const field of ['websiteUrl', 'supportUrl', 'privacyPolicyUrl', 'termsOfServiceUrl'] as const) {
    text({ area: 'ADDITIONAL', field }, 'URL', a[0][field], a[1][field]);
  }

  for (const environment of ['STAGING', 'PRODUCTION'] as const) {
    for (const field of ['authorizationUrl', 'appHomepageUrl', 'tokenExchangeUrl', 'webhookUrl'] as const) {
      text({ area: 'ACCOUNT_LINKING', field, environment }, 'URL', before.accountLinking[environment][field], after.accountLinking[environment][field]);
    }
  }
  return changes;
}
