import { describe, expect, it } from 'vitest';
import {
  findEmail,
  findLink,
  findPrice,
  GUIDELINE_RULES,
  guidelineChecks,
  guidelinesPass,
  isAllCaps,
  ringClaim,
  sentenceCount,
  type GuidelineCheck,
} from '../src/guidelines.ts';
import { EMPTY_LISTING, LISTING_FIELD_TABS, type Listing, type ListingMedia } from '../src/listing.ts';

const image = (width = 1024, height = 1024): ListingMedia => ({ key: 'x', url: '/media/x', contentType: 'image/png', width, height, durationMs: null });
const video = (width = 1280, height = 720, durationMs = 20_000): ListingMedia => ({
  key: 'v',
  url: '/media/v',
  contentType: 'video/mp4',
  width,
  height,
  durationMs,
});

/** A listing that passes every rule. */
const GOOD: Listing = {
  ...EMPTY_LISTING,
  publicName: 'Home Guardian',
  icon: image(),
  shortDescription: 'See who is at the door from your Home Guardian dashboard.',
  detailedDescription: 'Home Guardian shows Ring doorbell events on your security dashboard. Link your account, pick your devices and you are set.',
  categories: ['HOME_SECURITY'],
  latestRelease: 'Faster event delivery and a new dashboard.',
  mainImage: image(),
  additionalImages: [image(), image()],
  video: video(),
  videoThumbnail: image(),
  features: '- Live events\n- Device list',
  requirements: 'A Ring Protect plan at $4.99 a month and a Home Guardian account.',
  customerTypes: ['HOMEOWNER'],
  supportedDevices: ['VIDEO_DOORBELL_4'],
  cameraTypes: ['FLOODLIGHT'],
  developerInfo: 'Home Guardian Inc.',
  websiteUrl: 'https://homeguardian.example',
  supportUrl: 'https://homeguardian.example/support',
  privacyPolicyUrl: 'https://homeguardian.example/privacy',
  termsOfServiceUrl: 'https://homeguardian.example/terms',
};

const checks = (change: Partial<Listing>) => guidelineChecks({ ...GOOD, ...change });
const rules = (change: Partial<Listing>) => checks(change).map((check) => `${check.rule}:${check.field}`);
const only = (change: Partial<Listing>): GuidelineCheck => {
  const found = checks(change);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('guideline rules', () => {
  it('have unique ids usable as anchors, and name only listing fields', () => {
    const ids = GUIDELINE_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of GUIDELINE_RULES) {
      expect(rule.id).toMatch(/^[a-z][a-z0-9-]*$/);
      for (const field of rule.fields) expect(LISTING_FIELD_TABS).toHaveProperty(field);
    }
  });

  it('find nothing in a good listing', () => {
    expect(guidelineChecks(GOOD)).toEqual([]);
  });

  it('every check names a rule that lists its field, with that rule’s severity', () => {
    const bad = guidelineChecks({
      ...GOOD,
      publicName: 'RING CAMERA!!',
      icon: image(512, 512),
      shortDescription: 'Visit www.example.com. Or mail help@example.com, $5 TODO.',
      additionalImages: [],
      videoThumbnail: null,
      supportUrl: 'http://example.com/help',
      privacyPolicyUrl: 'http://example.com/help/',
    });
    expect(bad.length).toBeGreaterThan(8);
    for (const check of bad) {
      const rule = GUIDELINE_RULES.find((candidate) => candidate.id === check.rule)!;
      expect(rule.fields).toContain(check.field);
      expect(check.severity).toBe(rule.severity);
    }
  });
});

describe('media', () => {
  it('icon: 1024x1024 passes, 1023x1024 and 1024x1025 are errors naming what was seen', () => {
    expect(rules({ icon: image(1024, 1024) })).toEqual([]);
    expect(only({ icon: image(1023, 1024) })).toEqual({
      rule: 'icon-size',
      field: 'icon',
      severity: 'ERROR',
      message: 'The icon is 1023×1024 pixels; it must be exactly 1024×1024.',
    });
    expect(only({ icon: image(1024, 1025) }).message).toMatch(/1024×1025/);
  });

  it('additional images: 1 and 5 pass, 0 and 6 are errors', () => {
    expect(rules({ additionalImages: [image()] })).toEqual([]);
    expect(rules({ additionalImages: Array.from({ length: 5 }, () => image()) })).toEqual([]);
    expect(only({ additionalImages: [] })).toMatchObject({
      rule: 'screenshot-count',
      severity: 'ERROR',
      message: expect.stringMatching(/no additional images; it needs 1 to 5/),
    });
    expect(only({ additionalImages: Array.from({ length: 6 }, () => image()) }).message).toMatch(/has 6 additional images/);
  });

  it('a video without a thumbnail is an error; no video needs no thumbnail', () => {
    expect(only({ videoThumbnail: null })).toMatchObject({ rule: 'video-thumbnail', field: 'videoThumbnail', severity: 'ERROR' });
    expect(rules({ video: null, videoThumbnail: null })).toEqual([]);
  });

  it('images of another size than 1024x1024 are warnings, each named', () => {
    const found = checks({ mainImage: image(800, 600), additionalImages: [image(), image(1024, 1023)] });
    expect(found.map((check) => [check.rule, check.field, check.severity])).toEqual([
      ['image-size', 'mainImage', 'WARNING'],
      ['image-size', 'additionalImages', 'WARNING'],
    ]);
    expect(found[1]!.message).toMatch(/Additional image 2 is 1024×1023/);
    expect(guidelinesPass(found)).toBe(true);
  });

  it('a video of 30 s at 720p passes; 30.001 s or 719p is an error', () => {
    expect(rules({ video: video(1280, 720, 30_000) })).toEqual([]);
    expect(only({ video: video(1280, 720, 30_001) })).toMatchObject({ rule: 'video-spec', field: 'video' });
    expect(only({ video: video(1280, 719) }).message).toMatch(/720p/);
  });
});

describe('text', () => {
  it('finds links: schemes, www. and common domains, not dotted words', () => {
    expect(findLink('See https://example.com/a.')).toBe('https://example.com/a');
    expect(findLink('Go to www.example.org now')).toBe('www.example.org');
    expect(findLink('Sign up at homeguardian.com today')).toBe('homeguardian.com');
    expect(findLink('Sign up at ｈｏｍｅ.ｃｏｍ')).toBe('home.com');
    expect(findLink('Built on Node.js, version 2.0. Works well.')).toBeNull();
    expect(findLink('Mail help@example.com')).toBeNull();
  });

  it('finds e-mail addresses and prices', () => {
    expect(findEmail('Mail help@example.com.')).toBe('help@example.com');
    expect(findEmail('Follow @homeguardian')).toBeNull();
    for (const price of ['$5', '€4,99', '4.99 USD', '10 dollars', 'USD 20']) expect(findPrice(`Only ${price} a month`)).toBe(price);
    expect(findPrice('Works with 4 cameras and 2 doorbells')).toBeNull();
  });

  it('a URL in the short description is an ERROR naming the field and the link', () => {
    expect(only({ shortDescription: 'Your doorbell on https://homeguardian.example/app' })).toEqual({
      rule: 'no-links-in-text',
      field: 'shortDescription',
      severity: 'ERROR',
      message: 'Short description contains the link “https://homeguardian.example/app”; descriptions carry no links: put addresses in the Additional tab.',
    });
  });

  it('e-mail addresses and prices in descriptions are errors; a subscription price under Requirements is not', () => {
    expect(rules({ detailedDescription: 'Questions? support@homeguardian.example answers.' })).toEqual(['no-email-in-text:detailedDescription']);
    expect(rules({ features: '- All this for $9.99' })).toEqual(['no-prices-in-text:features']);
    expect(rules({ requirements: 'A plan at $9.99 a month.' })).toEqual([]);
  });

  it('placeholder text is an error in any text; "todo" as a word of the app is not', () => {
    expect(rules({ latestRelease: 'TODO' })).toEqual(['no-placeholder-text:latestRelease']);
    expect(rules({ detailedDescription: 'Lorem ipsum dolor sit amet, consectetur.' })).toEqual(['no-placeholder-text:detailedDescription']);
    expect(rules({ publicName: 'Placeholder App' })).toEqual(['no-placeholder-text:publicName']);
    expect(rules({ shortDescription: 'A todo list for your Ring doorbell events.' })).toEqual([]);
  });

  it('a short description of two sentences is a warning; one with a decimal is one sentence', () => {
    expect(sentenceCount('Works with doorbells. Easy to set up.')).toBe(2);
    expect(sentenceCount('Works with version 2.0 doorbells.')).toBe(1);
    expect(only({ shortDescription: 'Works with doorbells. Easy to set up.' })).toMatchObject({
      rule: 'short-description-one-sentence',
      severity: 'WARNING',
    });
  });

  it('a detailed description that repeats the short one is a warning', () => {
    expect(only({ detailedDescription: `${GOOD.shortDescription!.toUpperCase()} ` })).toMatchObject({
      rule: 'detailed-description-adds-detail',
      field: 'detailedDescription',
    });
  });
});

describe('public name', () => {
  it('may not start with Ring, in any disguise', () => {
    for (const name of ['Ring Guard', 'ring guard', 'ʀɪɴɢ Guard', 'Ｒｉｎｇ Guard', 'Rіng Guard', 'RlNG Guard', 'R1ng Guard', 'Rïng Guard', 'Ring-Cam Plus']) {
      expect(ringClaim(name), name).toBe('starts with “Ring”');
    }
    expect(only({ publicName: 'ʀɪɴɢ Guard' })).toMatchObject({ rule: 'name-not-ring', field: 'publicName', severity: 'ERROR' });
  });

  it('may not say it is by Ring or official; "for Ring" and words containing ring are fine', () => {
    expect(ringClaim('Guard by Ring')).toBe('says “by Ring”');
    expect(ringClaim('Guard from ʀɪɴɢ')).toBe('says “from Ring”');
    expect(ringClaim('Official Guard for Ring')).toBe('calls itself official beside “Ring”');
    for (const name of ['Guardian for Ring', 'Bring Home', 'Ringtone Maker', 'Spring Lights', 'Official Guard']) expect(ringClaim(name), name).toBeNull();
  });

  it('in capitals only is a warning; acronyms within a name and 4 capitals are fine', () => {
    expect(isAllCaps('HOME GUARD')).toBe(true);
    expect(isAllCaps('ADT Home')).toBe(false);
    expect(isAllCaps('ABCD 1234')).toBe(false);
    expect(isAllCaps('ABCDE 123')).toBe(true);
    expect(only({ publicName: 'HOME GUARDIAN' })).toMatchObject({ rule: 'name-not-all-caps', severity: 'WARNING' });
  });

  it('repeated punctuation is an error; single marks are fine', () => {
    expect(only({ publicName: 'Home Guard!!' })).toMatchObject({
      rule: 'name-no-repeated-punctuation',
      severity: 'ERROR',
      message: expect.stringContaining('“!!”'),
    });
    expect(rules({ publicName: 'Home Guard?!' })).toEqual(['name-no-repeated-punctuation:publicName']);
    expect(rules({ publicName: 'Home... Guard' })).toEqual(['name-no-repeated-punctuation:publicName']);
    expect(rules({ publicName: 'Home-Guard: Go!' })).toEqual([]);
  });
});

describe('links', () => {
  it('must use https', () => {
    expect(only({ websiteUrl: 'http://homeguardian.example' })).toMatchObject({ rule: 'links-https', field: 'websiteUrl', severity: 'ERROR' });
  });

  it('the privacy policy may not be the support page (trailing slash, case and www. aside)', () => {
    expect(only({ privacyPolicyUrl: 'https://WWW.homeguardian.example/support/' })).toMatchObject({
      rule: 'privacy-policy-own-page',
      field: 'privacyPolicyUrl',
      severity: 'ERROR',
    });
    expect(rules({ privacyPolicyUrl: 'https://homeguardian.example/support?page=privacy' })).toEqual([]);
  });

  it('terms on the privacy policy page are a warning', () => {
    expect(only({ termsOfServiceUrl: GOOD.privacyPolicyUrl })).toMatchObject({ rule: 'terms-own-page', severity: 'WARNING' });
  });
});

describe('an empty draft', () => {
  it('has only the screenshot count to report: missing fields are the completeness check’s', () => {
    expect(guidelineChecks(EMPTY_LISTING).map((check) => check.rule)).toEqual(['screenshot-count']);
    expect(guidelinesPass(guidelineChecks(EMPTY_LISTING))).toBe(false);
  });
});
