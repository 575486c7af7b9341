/**
 * App Information rules: the four tabs' field limits and the media specs. One source for the
 * API (which refuses) and the console (which warns as the user types). Characters are counted
 * as a person would (grapheme clusters, see text.ts) after NFC normalisation.
 *
 * Saving semantics, shared by every tab: a field left out keeps its value, `null` clears it,
 * and any given value must satisfy its rule.
 */
import { z } from 'zod';
import type { FieldErrorCode } from './field-error-codes.ts';
import { CAMERA_TYPES, CATEGORIES, catalogIdsSchema, CUSTOMER_TYPES, SUPPORTED_DEVICES } from './catalog.ts';
import { characterCount, normalizeText, textLimitProblem, textSizeProblem } from './text.ts';
import { lookalikeSkeleton } from './lookalikes.ts';
import { httpsUrlSchema } from './urls.ts';

export const PUBLIC_NAME_MIN = 7;
export const PUBLIC_NAME_MAX = 30;
export const SHORT_DESCRIPTION_MAX = 125;
export const DETAILED_DESCRIPTION_MAX = 500;
export const LATEST_RELEASE_MAX = 300;
export const FEATURES_MAX = 400;
export const REQUIREMENTS_MAX = 500;
export const DEVELOPER_INFO_MAX = 400;

export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const VIDEO_MAX_BYTES = 5 * 1024 * 1024;
export const ICON_SIZE = 1024;
export const RECOMMENDED_IMAGE_SIZE = 1024;
export const VIDEO_MAX_DURATION_MS = 30_000;
export const VIDEO_MIN_SHORT_SIDE = 720;
export const ADDITIONAL_IMAGES_MIN = 1;
export const ADDITIONAL_IMAGES_MAX = 5;
/**
 * Images larger than this on a side are refused outright: dimensions come from the header,
 * and a tiny file can claim 50000x50000 to make anything that decodes it run out of memory.
 */
export const IMAGE_MAX_SIDE = 8192;
/**
 * At most this many pixels in all (4096x4096, 64 MB once decoded to RGBA). Checked from the
 * header before anything decodes the image: a 200 KB PNG of zeros can claim 8192x8192.
 */
export const IMAGE_MAX_PIXELS = 4096 * 4096;
export const IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;
export const VIDEO_TYPES = ['video/mp4'] as const;

export const PUBLIC_NAME_SYMBOLS = "- ' & . , ! ? : ( ) +";

// Latin letters (accented ones included), digits, space and the listed symbols. Combining
// accents are allowed for text that NFC cannot compose; U+034F (the invisible grapheme joiner)
// is excluded because it is zero-width.
const allowedCharacter = /^(?:[0-9 \-'&.,!?:()+]|(?=\p{L})\p{Script=Latin}|[\u0300-\u034E\u0350-\u036F])$/u;

/** The characters of a name that are not allowed, each once, in order of appearance. */
export function disallowedCharacters(name: string): string[] {
  const found: string[] = [];
  for (const character of name) {
    if (!allowedCharacter.test(character) && !found.includes(character)) found.push(character);
  }
  return found;
}

const visible = (character: string) =>
  /[\p{C}\p{Z}]/u.test(character) && character !== ' ' ? `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : character;

/** The first problem with a public name, or null. */
export function publicNameProblem(raw: string): { code: FieldErrorCode; message: string } | null {
  const name = normalizeText(raw);
  const sizeProblem = textSizeProblem('Public name', name, PUBLIC_NAME_MAX);
  if (sizeProblem) return sizeProblem;
  const count = characterCount(name);
  if (count < PUBLIC_NAME_MIN || count > PUBLIC_NAME_MAX) {
    return {
      code: count < PUBLIC_NAME_MIN ? 'TOO_SHORT' : 'TOO_LONG',
      message: `Public name must be ${PUBLIC_NAME_MIN} to ${PUBLIC_NAME_MAX} characters (it has ${count}).`,
    };
  }
  const bad = disallowedCharacters(name);
  if (bad.length) {
    return {
      code: 'INVALID_CHARACTERS',
      message: `Public name may use only letters, digits, spaces and ${PUBLIC_NAME_SYMBOLS}; remove ${bad
        .slice(0, 5)
        .map((character) => `“${visible(character)}”`)
        .join(', ')}.`,
    };
  }
  if (name !== name.trim()) return { code: 'SPACES', message: 'Public name must not start or end with a space.' };
  if (name.includes('  ')) return { code: 'SPACES', message: 'Public name must not contain two spaces in a row.' };
  return null;
}

/**
 * Names that look alike are one name: this key is unique among all apps of all developers.
 * Letter case, runs of spaces, fullwidth forms, small capitals, accents and other combining
 * marks, and letters Unicode lists as confusable (UTS #39) all fold away (see lookalikes.ts).
 * PUBLIC_NAME_KEY_RULE names this rule: stored keys made by an older rule are recomputed.
 */
export function publicNameKey(name: string): string {
  return lookalikeSkeleton(normalizeText(name)).trim().replace(/ {2,}/g, ' ');
}

/** Bumped whenever publicNameKey changes, so keys stored by an older rule are recomputed. */
export const PUBLIC_NAME_KEY_RULE = 2;

export const publicNameSchema = z
  .string()
  .transform(normalizeText)
  .superRefine((name, context) => {
    const problem = publicNameProblem(name);
    if (problem) context.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
  });

/** Free text up to `max` characters; surrounding whitespace is dropped, and blank text clears the field. */
export function limitedTextSchema(label: string, max: number) {
  return z
    .string()
    .transform((value) => normalizeText(value).trim())
    .superRefine((value, context) => {
      const problem = textLimitProblem(label, value, max);
      if (problem) context.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
      // Control characters other than line breaks and tabs have no place in a listing.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value)) {
        context.addIssue({ code: 'custom', message: `${label} must not contain control characters.`, params: { code: 'INVALID_CHARACTERS' } });
      }
    })
    .transform((value) => (value === '' ? null : value));
}

function requiredList(schema: ReturnType<typeof catalogIdsSchema>, message: string) {
  return schema.refine((ids) => ids.length > 0, { message, params: { code: 'REQUIRED' } });
}

export const categoriesSchema = requiredList(catalogIdsSchema(CATEGORIES, 'category'), 'Choose at least one category.');

/** The General tab's text fields (the icon is checked from its bytes, see checkIcon). */
export const generalInfoSchema = z.object({
  publicName: publicNameSchema.nullish(),
  shortDescription: limitedTextSchema('Short description', SHORT_DESCRIPTION_MAX).nullish(),
  detailedDescription: limitedTextSchema('Detailed description', DETAILED_DESCRIPTION_MAX).nullish(),
  categories: categoriesSchema.nullish(),
  latestRelease: limitedTextSchema('Latest release', LATEST_RELEASE_MAX).nullish(),
});

export const compatibilityInfoSchema = z.object({
  features: limitedTextSchema('Features', FEATURES_MAX).nullish(),
  requirements: limitedTextSchema('Requirements', REQUIREMENTS_MAX).nullish(),
  customerTypes: catalogIdsSchema(CUSTOMER_TYPES, 'customer type').nullish(),
  supportedDevices: catalogIdsSchema(SUPPORTED_DEVICES, 'supported device').nullish(),
  cameraTypes: catalogIdsSchema(CAMERA_TYPES, 'camera type').nullish(),
});

export const additionalInfoSchema = z.object({
  developerInfo: limitedTextSchema('Developer info', DEVELOPER_INFO_MAX).nullish(),
  websiteUrl: httpsUrlSchema.nullish(),
  supportUrl: httpsUrlSchema.nullish(),
  privacyPolicyUrl: httpsUrlSchema.nullish(),
  termsOfServiceUrl: httpsUrlSchema.nullish(),
});

/** What the server learnt from a file's bytes (never from its name or declared type). */
export interface MediaFacts {
  /** The sniffed MIME type, or null when the bytes are of no known type. */
  contentType: string | null;
  byteSize: number;
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
  /** False when the bytes did not decode as the image their header announces. */
  decoded?: boolean | null;
}

export interface MediaProblem {
  code: FieldErrorCode;
  message: string;
}

export interface MediaCheck {
  errors: MediaProblem[];
  warnings: MediaProblem[];
}

/**
 * A size as people read it (1 KB = 1024 bytes, as the limits are set): "512 bytes", "14.2 KB",
 * "2.5 MB". Never rounded down to the limit it exceeds: just over 2 MB reads "2.01 MB".
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const [unit, size] = bytes < 1024 * 1024 ? ['KB', 1024] : ['MB', 1024 * 1024];
  const value = bytes / size;
  const shown = Math.ceil(value * 100) / 100;
  return `${shown.toLocaleString('en', { maximumFractionDigits: shown < 10 ? 2 : 1, useGrouping: false })} ${unit}`;
}

function checkImageCommon(label: string, facts: MediaFacts): MediaProblem[] {
  const errors: MediaProblem[] = [];
  if (!facts.contentType || !(IMAGE_TYPES as readonly string[]).includes(facts.contentType)) {
    errors.push({
      code: 'UNSUPPORTED_TYPE',
      message: `${label} must be a PNG or JPEG image${facts.contentType ? ` (this file is ${facts.contentType})` : ''}.`,
    });
  }
  if (facts.byteSize > IMAGE_MAX_BYTES) {
    errors.push({ code: 'TOO_LARGE', message: `${label} must be at most ${formatBytes(IMAGE_MAX_BYTES)}; this file is ${formatBytes(facts.byteSize)}.` });
  }
  const dimensions = imageDimensionsProblem(label, facts.width, facts.height);
  if (dimensions) errors.push(dimensions);
  else if (facts.decoded === false) {
    errors.push({
      code: 'UNREADABLE',
      message: `${label} could not be decoded: the file is damaged or not really an image. Upload a PNG or JPEG that opens in an image viewer.`,
    });
  }
  return errors;
}

/**
 * Whether an image of these dimensions (read from its header) may be decoded at all: null when
 * it may, else the error. Unknown dimensions are left to the decoder.
 */
export function imageDimensionsProblem(label: string, width: number | null | undefined, height: number | null | undefined): MediaProblem | null {
  if (width == null || height == null) return null;
  if (width > IMAGE_MAX_SIDE || height > IMAGE_MAX_SIDE || width * height > IMAGE_MAX_PIXELS) {
    return {
      code: 'TOO_MANY_PIXELS',
      message: `${label} must be at most ${IMAGE_MAX_SIDE.toLocaleString('en')} pixels on a side and ${IMAGE_MAX_PIXELS.toLocaleString('en')} pixels in all (e.g. 4096x4096); this one claims ${width}x${height}.`,
    };
  }
  if (width < 1 || height < 1) return { code: 'NO_PIXELS', message: `${label} must be at least 1x1 pixels; this one is ${width}x${height}.` };
  return null;
}

/** Icon: PNG or JPEG, exactly 1024x1024, at most 2 MB. */
export function checkIcon(facts: MediaFacts): MediaCheck {
  const errors = checkImageCommon('Icon', facts);
  if (
    errors.every((error) => !['UNSUPPORTED_TYPE', 'TOO_MANY_PIXELS', 'NO_PIXELS', 'UNREADABLE'].includes(error.code)) &&
    (facts.width !== ICON_SIZE || facts.height !== ICON_SIZE)
  ) {
    errors.push({
      code: 'WRONG_DIMENSIONS',
      message: `Icon must be exactly ${ICON_SIZE}x${ICON_SIZE} pixels (this one is ${facts.width ?? '?'}x${facts.height ?? '?'}).`,
    });
  }
  return { errors, warnings: [] };
}

/** Main, additional and thumbnail images: PNG or JPEG, at most 2 MB; another size than 1024x1024 is only a warning. */
export function checkImage(label: string, facts: MediaFacts): MediaCheck {
  const errors = checkImageCommon(label, facts);
  const warnings: MediaProblem[] = [];
  if (!errors.length && (facts.width !== RECOMMENDED_IMAGE_SIZE || facts.height !== RECOMMENDED_IMAGE_SIZE)) {
    warnings.push({
      code: 'NOT_RECOMMENDED_SIZE',
      message: `${label} is ${facts.width ?? '?'}x${facts.height ?? '?'} pixels; ${RECOMMENDED_IMAGE_SIZE}x${RECOMMENDED_IMAGE_SIZE} is recommended and may be cropped or scaled otherwise.`,
    });
  }
  return { errors, warnings };
}

/**
 * Video: MP4, at most 30 seconds, shorter side at least 720 pixels, at most 5 MB. With
 * `fromBytes` (the server, which read the facts from the file itself) a duration or size that
 * could not be read is an error, or a file could skip the rules by hiding them; a browser that
 * cannot measure a video leaves the judgement to the server.
 */
export function checkVideo(facts: MediaFacts, { fromBytes = false }: { fromBytes?: boolean } = {}): MediaCheck {
  const errors: MediaProblem[] = [];
  if (facts.contentType !== 'video/mp4') {
    errors.push({ code: 'UNSUPPORTED_TYPE', message: `Video must be an MP4 file${facts.contentType ? ` (this file is ${facts.contentType})` : ''}.` });
  }
  if (facts.byteSize > VIDEO_MAX_BYTES) {
    errors.push({ code: 'TOO_LARGE', message: `Video must be at most ${formatBytes(VIDEO_MAX_BYTES)}; this file is ${formatBytes(facts.byteSize)}.` });
  }
  if (facts.contentType === 'video/mp4') {
    if (facts.durationMs == null) {
      if (fromBytes)
        errors.push({
          code: 'UNKNOWN_DURATION',
          message: 'Video duration could not be read from the file’s video track; export it again as an MP4 of at most 30 seconds.',
        });
    } else if (facts.durationMs > VIDEO_MAX_DURATION_MS) {
      errors.push({ code: 'TOO_LONG', message: `Video must be at most 30 seconds (this one is ${(facts.durationMs / 1000).toFixed(1)} s).` });
    }
    if (!facts.width || !facts.height) {
      if (fromBytes)
        errors.push({
          code: 'UNKNOWN_RESOLUTION',
          message: `Video resolution could not be read from the file’s video track; export it again at 720p or more (shorter side at least ${VIDEO_MIN_SHORT_SIDE} pixels).`,
        });
    } else if (Math.min(facts.width, facts.height) < VIDEO_MIN_SHORT_SIDE) {
      errors.push({
        code: 'RESOLUTION_TOO_LOW',
        message: `Video must be at least 720p: its shorter side must be at least ${VIDEO_MIN_SHORT_SIDE} pixels (this one is ${facts.width}x${facts.height}).`,
      });
    }
  }
  return { errors, warnings: [] };
}

export function additionalImageCountProblem(count: number): MediaProblem | null {
  if (count < ADDITIONAL_IMAGES_MIN || count > ADDITIONAL_IMAGES_MAX) {
    return {
      code: count < ADDITIONAL_IMAGES_MIN ? 'TOO_FEW' : 'TOO_MANY',
      message: `Add ${ADDITIONAL_IMAGES_MIN} to ${ADDITIONAL_IMAGES_MAX} additional images (${count} given).`,
    };
  }
  return null;
}
