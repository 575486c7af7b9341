import { describe, expect, it } from 'vitest';
import { missingAdditional, missingCompatibility, missingGeneral, missingLinking, missingMedia } from '../src/completeness.ts';

describe('completeness', () => {
  it('reports every required field of an absent row, by input field name, in order', () => {
    expect(missingGeneral(null)).toEqual(['publicName', 'icon', 'shortDescription', 'detailedDescription', 'categories', 'latestRelease']);
    expect(missingMedia(undefined)).toEqual(['mainImage', 'additionalImages']);
    expect(missingCompatibility(null)).toEqual(['features', 'requirements', 'customerTypes', 'supportedDevices', 'cameraTypes']);
    expect(missingAdditional(null)).toEqual(['developerInfo', 'websiteUrl', 'supportUrl', 'privacyPolicyUrl', 'termsOfServiceUrl']);
    expect(missingLinking(null)).toEqual(['authorizationUrl', 'appHomepageUrl', 'tokenExchangeUrl', 'webhookUrl']);
  });

  it('counts blank text, empty lists and a zero count as not given', () => {
    expect(missingGeneral({ publicName: '   ', iconId: 'a', shortDescription: 'x', detailedDescription: 'y', categories: [], latestRelease: 'z' })).toEqual([
      'publicName',
      'categories',
    ]);
    expect(missingMedia({ mainImageId: 'm', additionalImageCount: 0 })).toEqual(['additionalImages']);
    expect(missingMedia({ mainImageId: 'm', additionalImageCount: 1 })).toEqual([]);
  });

  it('a full row misses nothing', () => {
    const url = 'https://example.com';
    expect(missingLinking({ authorizationUrl: url, appHomepageUrl: url, tokenExchangeUrl: url, webhookUrl: url })).toEqual([]);
    expect(missingCompatibility({ features: 'f', requirements: 'r', customerTypes: ['A'], supportedDevices: ['B'], cameraTypes: ['C'] })).toEqual([]);
  });
});
