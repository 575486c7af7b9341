import { describe, expect, it } from 'vitest';
import { listingChanges } from '../src/listing-diff.ts';
import { EMPTY_LISTING, listingMissing, type Listing, type ListingMedia } from '../src/listing.ts';

const file = (key: string): ListingMedia => ({ key, url: `/media/${key}`, contentType: 'image/png', width: 1024, height: 1024, durationMs: null });
const urls = {
  authorizationUrl: 'https://a.example/auth',
  appHomepageUrl: 'https://a.example',
  tokenExchangeUrl: 'https://a.example/t',
  webhookUrl: 'https://a.example/w',
};

const FULL: Listing = {
  publicName: 'Home Guardian',
  icon: file('icon'),
  shortDescription: 'Short',
  detailedDescription: 'Long',
  categories: ['SECURITY'],
  latestRelease: 'First',
  mainImage: file('main'),
  additionalImages: [file('a'), file('b')],
  video: null,
  videoThumbnail: null,
  features: 'F',
  requirements: 'R',
  customerTypes: ['HOMEOWNER'],
  supportedDevices: ['DOORBELL'],
  cameraTypes: ['INDOOR'],
  developerInfo: 'Acme',
  websiteUrl: 'https://a.example',
  supportUrl: 'https://a.example/s',
  privacyPolicyUrl: 'https://a.example/p',
  termsOfServiceUrl: 'https://a.example/t',
  accountLinking: { STAGING: urls, PRODUCTION: urls },
};

describe('listingChanges', () => {
  it('no change between equal listings', () => {
    expect(listingChanges(FULL, structuredClone(FULL))).toEqual([]);
  });

  it('text changed, added and removed, with before and after', () => {
    const after = structuredClone(FULL);
    after.shortDescription = 'Shorter';
    after.latestRelease = null;
    const before = structuredClone(FULL);
    before.features = null;
    expect(listingChanges(before, after)).toEqual([
      { area: 'LISTING', field: 'shortDescription', environment: null, position: null, kind: 'TEXT', change: 'CHANGED', before: 'Short', after: 'Shorter' },
      { area: 'LISTING', field: 'latestRelease', environment: null, position: null, kind: 'TEXT', change: 'REMOVED', before: 'First', after: null },
      { area: 'COMPATIBILITY', field: 'features', environment: null, position: null, kind: 'TEXT', change: 'ADDED', before: null, after: 'F' },
    ]);
  });

  it('media compared by content: the same bytes are no change; new bytes replace; extra images are added or removed by position', () => {
    const after = structuredClone(FULL);
    after.icon = { ...file('icon'), url: '/media/another-asset-same-bytes' };
    after.mainImage = file('main-2');
    after.additionalImages = [file('a')];
    after.video = file('video');
    const changes = listingChanges(FULL, after).map(({ field, position, change, before, after: to }) => ({ field, position, change, before, after: to }));
    expect(changes).toEqual([
      { field: 'mainImage', position: null, change: 'REPLACED', before: '/media/main', after: '/media/main-2' },
      { field: 'additionalImages', position: 1, change: 'REMOVED', before: '/media/b', after: null },
      { field: 'video', position: null, change: 'ADDED', before: null, after: '/media/video' },
    ]);
  });

  it('lists and URLs, the latter per environment', () => {
    const after = structuredClone(FULL);
    after.categories = ['SECURITY', 'PETS'];
    after.accountLinking.PRODUCTION = { ...urls, webhookUrl: 'https://b.example/w' };
    after.supportUrl = 'https://b.example/s';
    expect(listingChanges(FULL, after)).toEqual([
      { area: 'LISTING', field: 'categories', environment: null, position: null, kind: 'LIST', change: 'CHANGED', before: 'SECURITY', after: 'SECURITY, PETS' },
      {
        area: 'ADDITIONAL',
        field: 'supportUrl',
        environment: null,
        position: null,
        kind: 'URL',
        change: 'CHANGED',
        before: 'https://a.example/s',
        after: 'https://b.example/s',
      },
      {
        area: 'ACCOUNT_LINKING',
        field: 'webhookUrl',
        environment: 'PRODUCTION',
        position: null,
        kind: 'URL',
        change: 'CHANGED',
        before: 'https://a.example/w',
        after: 'https://b.example/w',
      },
    ]);
  });

  it('from nothing, every given field is ADDED', () => {
    const changes = listingChanges(EMPTY_LISTING, FULL);
    expect(changes.every((change) => change.change === 'ADDED')).toBe(true);
    expect(changes).toHaveLength(6 + 3 + 5 + 5 + 8);
  });
});

describe('listingMissing', () => {
  it('a full listing lacks nothing; an empty one lacks every required field, URLs per environment', () => {
    expect(listingMissing(FULL)).toEqual([]);
    const missing = listingMissing(EMPTY_LISTING);
    expect(missing).toContain('shortDescription');
    expect(missing).toContain('icon');
    expect(missing).toContain('PRODUCTION.webhookUrl');
    expect(missing).not.toContain('video');
  });
});
