/**
 * Our App Information Guidelines as checks over a listing (listing.ts): pure, so the draft
 * is checked now and a frozen version later, by the API and the console alike. Each check
 * names its rule (a stable id, also the anchor of the rule's section on /guidelines), the
 * field (the save mutations' input field name), a severity and what it saw. ERROR blocks a
 * submission; WARNING is for the developer (and the reviewer) to weigh.
 *
 * The save mutations already refuse what no listing may hold (lengths, characters, file
 * types and sizes); these rules judge content that is valid input but not a good listing,
 * and recheck the media facts a version carries, which no save checks again.
 */
import { ADDITIONAL_IMAGES_MAX, ADDITIONAL_IMAGES_MIN, checkVideo, ICON_SIZE, RECOMMENDED_IMAGE_SIZE } from './app-info.ts';
import type { Listing, ListingField, ListingMedia } from './listing.ts';
import { LISTING_FIELD_LABELS } from './listing.ts';
import { lookalikeSkeleton } from './lookalikes.ts';

export const GUIDELINE_SEVERITIES = ['ERROR', 'WARNING'] as const;
export type GuidelineSeverity = (typeof GUIDELINE_SEVERITIES)[number];

export interface GuidelineRule {
  /** Stable: clients and findings refer to it, and it is the anchor on the guidelines page. */
  id: string;
  severity: GuidelineSeverity;
  title: string;
  /** What the guideline asks, and why, for the guidelines page. */
  explanation: string;
  /** The fields it looks at. */
  fields: readonly ListingField[];
}

export interface GuidelineCheck {
  rule: GuidelineRuleId;
  field: ListingField;
  severity: GuidelineSeverity;
  message: string;
}

const FREE_TEXTS = ['shortDescription', 'detailedDescription', 'latestRelease', 'features', 'requirements', 'developerInfo'] as const;
// Requirements is where a needed subscription is named, with its cost if need be.
const PRICED_TEXTS = ['shortDescription', 'detailedDescription', 'latestRelease', 'features'] as const;
const LINKS = ['websiteUrl', 'supportUrl', 'privacyPolicyUrl', 'termsOfServiceUrl'] as const;
const NAMED_TEXTS = ['publicName', ...FREE_TEXTS] as const;

/** Every rule, in the order the guidelines page and the checks list them. */
export const GUIDELINE_RULES = [
  {
    id: 'icon-size',
    severity: 'ERROR',
    title: `The icon is exactly ${ICON_SIZE}×${ICON_SIZE} pixels`,
    explanation: `The Appstore scales the icon to every size it shows; from anything but a ${ICON_SIZE}×${ICON_SIZE} square it would be cropped or blurred.`,
    fields: ['icon'],
  },
  {
    id: 'screenshot-count',
    severity: 'ERROR',
    title: `${ADDITIONAL_IMAGES_MIN} to ${ADDITIONAL_IMAGES_MAX} additional images`,
    explanation: `The details page shows your screenshots after the main image. Give at least ${ADDITIONAL_IMAGES_MIN} and at most ${ADDITIONAL_IMAGES_MAX}, each showing a key function.`,
    fields: ['additionalImages'],
  },
  {
    id: 'image-size',
    severity: 'WARNING',
    title: `Images are ${RECOMMENDED_IMAGE_SIZE}×${RECOMMENDED_IMAGE_SIZE} pixels`,
    explanation: `The main image, the additional images and the video thumbnail are shown as squares. Another size is accepted but cropped or scaled; ${RECOMMENDED_IMAGE_SIZE}×${RECOMMENDED_IMAGE_SIZE} shows exactly what you made.`,
    fields: ['mainImage', 'additionalImages', 'videoThumbnail'],
  },
  {
    id: 'video-thumbnail',
    severity: 'ERROR',
    title: 'A video has a thumbnail',
    explanation:
      'The video is optional, but when there is one the details page shows its thumbnail until it plays: without one, people see an empty frame. Upload a thumbnail with the video.',
    fields: ['videoThumbnail'],
  },
  {
    id: 'video-spec',
    severity: 'ERROR',
    title: 'The video is an MP4 of at most 30 seconds, at least 720p',
    explanation: 'A short clip of the experience or setup: MP4, at most 30 seconds, the shorter side at least 720 pixels.',
    fields: ['video'],
  },
  {
    id: 'no-links-in-text',
    severity: 'ERROR',
    title: 'No links in descriptions',
    explanation:
      'Descriptions, the latest release, features, requirements and developer info are plain text people cannot click. Your website, support page, privacy policy and terms go in the Additional tab, where the Appstore shows them as links.',
    fields: [...FREE_TEXTS],
  },
  {
    id: 'no-email-in-text',
    severity: 'ERROR',
    title: 'No e-mail addresses in descriptions',
    explanation: 'Support contact belongs on your support page (Support URL in the Additional tab), which you can keep current without a new review.',
    fields: [...FREE_TEXTS],
  },
  {
    id: 'no-prices-in-text',
    severity: 'ERROR',
    title: 'No prices in descriptions',
    explanation:
      'Prices change and differ by region, and the listing is reviewed once. Leave them out of the descriptions, latest release and features; name a needed subscription under Requirements.',
    fields: [...PRICED_TEXTS],
  },
  {
    id: 'name-not-ring',
    severity: 'ERROR',
    title: 'The public name does not suggest Ring made the app',
    explanation:
      'The name must not start with “Ring”, nor say “by Ring”, “from Ring” or “official” beside Ring, however it is spelt (lookalike letters, small capitals and fullwidth forms count as the letters they imitate). Put your own brand first; “… for Ring” is fine.',
    fields: ['publicName'],
  },
  {
    id: 'name-not-all-caps',
    severity: 'WARNING',
    title: 'The public name is not in capitals only',
    explanation: 'A name in capitals reads as shouting and is harder to read. Write it as your brand is written; acronyms within a name are fine.',
    fields: ['publicName'],
  },
  {
    id: 'name-no-repeated-punctuation',
    severity: 'ERROR',
    title: 'No repeated punctuation in the public name',
    explanation: 'Marks like “!!”, “?!” or “..” in a name are there to catch the eye, not to name the app.',
    fields: ['publicName'],
  },
  {
    id: 'no-placeholder-text',
    severity: 'ERROR',
    title: 'No placeholder text',
    explanation: 'Text such as “Lorem ipsum”, “TODO”, “TBD”, “FIXME” or “placeholder” means the listing is not finished: write the real text.',
    fields: [...NAMED_TEXTS],
  },
  {
    id: 'links-https',
    severity: 'ERROR',
    title: 'Links use https',
    explanation: 'The website, support, privacy policy and terms links open from the Ring app: each must be an https:// address.',
    fields: [...LINKS],
  },
  {
    id: 'privacy-policy-own-page',
    severity: 'ERROR',
    title: 'The privacy policy is its own page, not the support page',
    explanation: 'People who open the privacy policy must find the policy itself. Give it an address of its own, not your support page’s.',
    fields: ['privacyPolicyUrl'],
  },
  {
    id: 'terms-own-page',
    severity: 'WARNING',
    title: 'The terms of service and the privacy policy are separate pages',
    explanation: 'The listing links to both. One page holding both is accepted, but then both links lead to the same place; separate pages are clearer.',
    fields: ['termsOfServiceUrl'],
  },
  {
    id: 'short-description-one-sentence',
    severity: 'WARNING',
    title: 'The short description is one sentence',
    explanation: 'Search results and listings show the short description as a one-sentence summary. Keep the detail for the detailed description.',
    fields: ['shortDescription'],
  },
  {
    id: 'detailed-description-adds-detail',
    severity: 'WARNING',
    title: 'The detailed description is more than the short one',
    explanation: 'The details page shows both descriptions. Use the detailed one for key features, ideal uses and setup, not to repeat the summary.',
    fields: ['detailedDescription'],
  },
] as const satisfies readonly GuidelineRule[];

export type GuidelineRuleId = (typeof GUIDELINE_RULES)[number]['id'];

const ruleById = new Map<string, GuidelineRule>(GUIDELINE_RULES.map((rule) => [rule.id, rule]));

export const guidelineRule = (id: string): GuidelineRule | undefined => ruleById.get(id);

/** The path of a rule's section on the console's guidelines page. */
export const guidelineHref = (id: string) => `/guidelines#${id}`;

// ---------------------------------------------------------------------------- Finding things in text

/** Quoted for a message: at most 60 characters of what was seen. */
function quote(text: string): string {
  const shown = [...text].length > 60 ? `${[...text].slice(0, 59).join('')}…` : text;
  return `“${shown}”`;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// A scheme, "www.", or a host ending in a common top-level domain. A bare list of TLDs rather
// than every one: "Node.js" or "v2.app" in prose must not count, ".com" and friends always do.
const LINK =
  /\b(?:https?|ftp):\/\/\S+|\bwww\.\S+|\b[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.(?:com|net|org|io|app|co|dev|ai|us|info|biz|me|ly|tv|xyz|store|shop|online|site|link)\b(?:\/\S*)?/giu;
const PRICE = /[$€£¥]\s?\d[\d,.]*|\b\d+(?:[.,]\d+)?\s?(?:[$€£¥]|(?:usd|eur|gbp|cad|dollars?|euros?|pounds?|cents?)\b)|\b(?:usd|eur|gbp|cad)\s?\d[\d,.]*/giu;
const PLACEHOLDERS: readonly RegExp[] = [/lorem ipsum/iu, /dolor sit amet/iu, /\b(?:TODO|TBD|FIXME|XXX)\b/u, /\bplaceholder\b/iu, /[[<]\s*insert\b/iu];

const trimTrailing = (match: string) => match.replace(/[.,;:!?)\]"'’”]+$/u, '');

/** Compatibility forms (fullwidth "ｗｗｗ") are read as what they display. */
const displayed = (text: string) => text.normalize('NFKC');

function firstMatch(pattern: RegExp, text: string): string | null {
  pattern.lastIndex = 0;
  const match = pattern.exec(text);
  pattern.lastIndex = 0;
  return match ? trimTrailing(match[0]) : null;
}

export const findEmail = (text: string) => firstMatch(EMAIL, displayed(text));
/** A link in prose; e-mail addresses are left to findEmail. */
export const findLink = (text: string) => firstMatch(LINK, displayed(text).replace(EMAIL, ' '));
export const findPrice = (text: string) => firstMatch(PRICE, displayed(text));
export function findPlaceholder(text: string): string | null {
  const shown = displayed(text);
  for (const pattern of PLACEHOLDERS) {
    const match = pattern.exec(shown);
    if (match) return match[0];
  }
  return null;
}

/**
 * Words of a name as it reads: lookalike skeleton (small capitals, fullwidth, confusables,
 * accents folded), split on anything but letters and digits.
 */
const readWords = (name: string) =>
  lookalikeSkeleton(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
// Confusables maps "I" to "l" and "1" to "l", but the skeleton is lowercased first: "RlNG",
// "R1NG" and "R|NG" read as Ring, so these stand for i in the one word this rule looks for.
const isRing = (word: string) => word.replace(/[l1|!]/g, 'i') === 'ring';
// Compared as skeletons too: confusables turn "m" into "rn", so "from" reads "frorn".
const CLAIMING = new Set(['by', 'from', 'official', 'genuine', 'original'].map(lookalikeSkeleton));
const OFFICIAL = lookalikeSkeleton('official');

/** How a name claims Ring made the app, or null. */
export function ringClaim(name: string): string | null {
  const words = readWords(name);
  if (words.length && isRing(words[0]!)) return 'starts with “Ring”';
  for (let index = 1; index < words.length; index++) {
    const before = words[index - 1]!;
    if (isRing(words[index]!) && CLAIMING.has(before)) return `says “${name.split(/[^\p{L}\p{N}]+/u).filter(Boolean)[index - 1] ?? before} Ring”`;
  }
  if (words.some(isRing) && words.includes(OFFICIAL)) return 'calls itself official beside “Ring”';
  return null;
}

export function isAllCaps(name: string): boolean {
  const letters = name.match(/\p{L}/gu) ?? [];
  const cased = letters.filter((letter) => letter.toLowerCase() !== letter.toUpperCase());
  return cased.length > 4 && cased.every((letter) => letter === letter.toUpperCase());
}

export const findRepeatedPunctuation = (name: string) => /([!?.,:;&+'-])\1+|[!?]{2,}/u.exec(displayed(name))?.[0] ?? null;

/** Sentences in a text: a full stop, ! or ? followed by a space and a capital or digit starts a new one. */
export const sentenceCount = (text: string) =>
  text
    .trim()
    .split(/[.!?]+\s+(?=[\p{Lu}\p{N}])/u)
    .filter((part) => part.trim()).length;

/** An address as people compare them: host without "www." in lower case, path without a trailing slash, the query. */
function sameAddress(a: string, b: string): boolean {
  const key = (url: string) => {
    try {
      const parsed = new URL(url.trim());
      return `${parsed.hostname.toLowerCase().replace(/^www\./, '')}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
    } catch {
      return url.trim().toLowerCase();
    }
  };
  return key(a) === key(b);
}

function isHttps(url: string): boolean {
  try {
    return new URL(url.trim()).protocol === 'https:';
  } catch {
    return false;
  }
}

const comparable = (text: string) =>
  displayed(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const size = (media: ListingMedia) => `${media.width ?? '?'}×${media.height ?? '?'}`;

// ---------------------------------------------------------------------------- The checks

type Finding = Omit<GuidelineCheck, 'severity'>;

function* findings(listing: Listing): Generator<Finding> {
  const label = (field: ListingField) => LISTING_FIELD_LABELS[field];

  const icon = listing.icon;
  if (icon && (icon.width !== ICON_SIZE || icon.height !== ICON_SIZE)) {
    yield {
      rule: 'icon-size',
      field: 'icon',
      message: `The icon is ${size(icon)} pixels; it must be exactly ${ICON_SIZE}×${ICON_SIZE}.`,
    };
  }

  const screenshots = listing.additionalImages.length;
  if (screenshots < ADDITIONAL_IMAGES_MIN || screenshots > ADDITIONAL_IMAGES_MAX) {
    yield {
      rule: 'screenshot-count',
      field: 'additionalImages',
      message: `The listing has ${screenshots === 0 ? 'no' : screenshots} additional image${screenshots === 1 ? '' : 's'}; it needs ${ADDITIONAL_IMAGES_MIN} to ${ADDITIONAL_IMAGES_MAX}.`,
    };
  }

  const images: Array<[ListingField, ListingMedia | null, string]> = [
    ['mainImage', listing.mainImage, 'The main image'],
    ...listing.additionalImages.map((image, index): [ListingField, ListingMedia, string] => ['additionalImages', image, `Additional image ${index + 1}`]),
    ['videoThumbnail', listing.videoThumbnail, 'The video thumbnail'],
  ];
  for (const [field, image, name] of images) {
    if (image && (image.width !== RECOMMENDED_IMAGE_SIZE || image.height !== RECOMMENDED_IMAGE_SIZE)) {
      yield {
        rule: 'image-size',
        field,
        message: `${name} is ${size(image)} pixels; ${RECOMMENDED_IMAGE_SIZE}×${RECOMMENDED_IMAGE_SIZE} is recommended, otherwise it is cropped or scaled.`,
      };
    }
  }

  if (listing.video && !listing.videoThumbnail) {
    yield {
      rule: 'video-thumbnail',
      field: 'videoThumbnail',
      message: 'The listing has a video but no video thumbnail; a video needs a thumbnail, shown until it plays.',
    };
  }

  if (listing.video) {
    const { errors } = checkVideo({ ...listing.video, byteSize: 0 });
    for (const error of errors) yield { rule: 'video-spec', field: 'video', message: error.message };
  }

  for (const field of FREE_TEXTS) {
    const text = listing[field];
    if (!text) continue;
    const link = findLink(text);
    if (link)
      yield {
        rule: 'no-links-in-text',
        field,
        message: `${label(field)} contains the link ${quote(link)}; descriptions carry no links: put addresses in the Additional tab.`,
      };
    const email = findEmail(text);
    if (email)
      yield {
        rule: 'no-email-in-text',
        field,
        message: `${label(field)} contains the e-mail address ${quote(email)}; descriptions carry no e-mail addresses: link your support page instead.`,
      };
  }

  for (const field of PRICED_TEXTS) {
    const text = listing[field];
    const price = text ? findPrice(text) : null;
    if (price)
      yield {
        rule: 'no-prices-in-text',
        field,
        message: `${label(field)} mentions the price ${quote(price)}; descriptions carry no prices (name a needed subscription under Requirements).`,
      };
  }

  const name = listing.publicName;
  if (name) {
    const claim = ringClaim(name);
    if (claim)
      yield {
        rule: 'name-not-ring',
        field: 'publicName',
        message: `The public name ${quote(name)} ${claim}; the name must not suggest Ring made the app. Put your own brand first (“… for Ring” is fine).`,
      };
    if (isAllCaps(name))
      yield {
        rule: 'name-not-all-caps',
        field: 'publicName',
        message: `The public name ${quote(name)} is in capitals only; write it as your brand is written.`,
      };
    const repeated = findRepeatedPunctuation(name);
    if (repeated)
      yield {
        rule: 'name-no-repeated-punctuation',
        field: 'publicName',
        message: `The public name ${quote(name)} repeats punctuation (${quote(repeated)}); use each mark once.`,
      };
  }

  for (const field of NAMED_TEXTS) {
    const text = listing[field];
    const placeholder = text ? findPlaceholder(text) : null;
    if (placeholder)
      yield {
        rule: 'no-placeholder-text',
        field,
        message: `${label(field)} contains the placeholder ${quote(placeholder)}; replace it with the real text.`,
      };
  }

  for (const field of LINKS) {
    const url = listing[field];
    if (url && !isHttps(url))
      yield { rule: 'links-https', field, message: `${label(field)} ${quote(url)} does not use https; links must start with https://.` };
  }

  if (listing.supportUrl && listing.privacyPolicyUrl && sameAddress(listing.supportUrl, listing.privacyPolicyUrl)) {
    yield {
      rule: 'privacy-policy-own-page',
      field: 'privacyPolicyUrl',
      message: `The privacy policy URL is the support URL (${quote(listing.privacyPolicyUrl)}); the privacy policy needs a page of its own.`,
    };
  }
  if (listing.privacyPolicyUrl && listing.termsOfServiceUrl && sameAddress(listing.privacyPolicyUrl, listing.termsOfServiceUrl)) {
    yield {
      rule: 'terms-own-page',
      field: 'termsOfServiceUrl',
      message: `The terms of service URL is the privacy policy URL (${quote(listing.termsOfServiceUrl)}); separate pages are clearer.`,
    };
  }

  if (listing.shortDescription) {
    const sentences = sentenceCount(listing.shortDescription);
    if (sentences > 1)
      yield {
        rule: 'short-description-one-sentence',
        field: 'shortDescription',
        message: `The short description has ${sentences} sentences; it should be a one-sentence summary.`,
      };
  }
  if (listing.shortDescription && listing.detailedDescription && comparable(listing.detailedDescription) === comparable(listing.shortDescription)) {
    yield {
      rule: 'detailed-description-adds-detail',
      field: 'detailedDescription',
      message: 'The detailed description repeats the short description; describe key features, ideal uses and setup.',
    };
  }
}

/** Every guideline check the listing fails, in the order of GUIDELINE_RULES, errors and warnings alike. */
export function guidelineChecks(listing: Listing): GuidelineCheck[] {
  const checks = [...findings(listing)].map((finding) => ({ ...finding, severity: ruleById.get(finding.rule)!.severity }));
  const order = new Map(GUIDELINE_RULES.map((rule, index) => [rule.id as string, index]));
  return checks.sort((a, b) => order.get(a.rule)! - order.get(b.rule)!);
}

/** Whether the listing may be submitted as far as the guidelines go: no ERROR. */
export const guidelinesPass = (checks: readonly GuidelineCheck[]) => checks.every((check) => check.severity !== 'ERROR');
