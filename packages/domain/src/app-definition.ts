/**
 * The app definition: an app's Configure data (the four App Information tabs and both account
 * linking environments) as one versioned JSON document, for tools that keep an app in a file
 * and apply it (`applyAppDefinition`) or read it back (`App.definition`). Defined once, from
 * the very schemas the tab saves and the console use, so a definition is refused for exactly
 * the reasons a save is; app-definition.schema.json is generated from it (writeAppDefinitionSchema).
 *
 * Semantics are the tabs': a field left out keeps its value, `null` clears it. A section or
 * environment left out is left as it is. Unknown keys are refused, so a misspelt field is an
 * error rather than silently ignored.
 */
import { z } from 'zod';
import { accountLinkingInputSchemaWith, LINKING_FIELDS, type LinkingEnvironment, type LinkingRuleOptions } from './account-linking.ts';
import {
  additionalImageCountProblem,
  additionalInfoSchema,
  compatibilityInfoSchema,
  DETAILED_DESCRIPTION_MAX,
  DEVELOPER_INFO_MAX,
  FEATURES_MAX,
  generalInfoSchema,
  LATEST_RELEASE_MAX,
  PUBLIC_NAME_MAX,
  PUBLIC_NAME_MIN,
  REQUIREMENTS_MAX,
  SHORT_DESCRIPTION_MAX,
} from './app-info.ts';
import { URL_MAX_LENGTH } from './urls.ts';
import { fieldIssues, type FieldIssue } from './validation.ts';

export const APP_DEFINITION_VERSION = 1;

/** Where the generated JSON Schema is committed, relative to packages/domain. */
export const APP_DEFINITION_SCHEMA_FILE = 'app-definition.schema.json';
export const APP_DEFINITION_SCHEMA_ID = 'https://ring-appstore.dev/schemas/app-definition-1.json';

/**
 * A media file. In a definition file: a path relative to the file, or the media URL an export
 * wrote. Sent to the API: a media URL of the app's own (as exported), `sha256:<hex>` of one of
 * the app's current files, or the `path` of a file sent with the mutation.
 */
export const mediaReferenceSchema = z
  .string()
  .trim()
  .min(1, 'Give a file path, a media URL or sha256:<hex>.')
  .max(URL_MAX_LENGTH, `A media reference must be at most ${URL_MAX_LENGTH} characters.`)
  .describe('A media file: a path relative to this file, a media URL of this app (as exported), or sha256:<hex> of one of its current files.');

const chars = (max: number) => `Up to ${max} characters (as a person counts them).`;

// The tab schemas with the same field rules; only descriptions (for the JSON Schema) and media are added.
const generalSchema = generalInfoSchema
  .extend({
    publicName: generalInfoSchema.shape.publicName.describe(
      `Public name: ${PUBLIC_NAME_MIN}-${PUBLIC_NAME_MAX} characters; letters, digits, spaces and - ' & . , ! ? : ( ) +; unique among all apps.`,
    ),
    icon: mediaReferenceSchema.nullish().describe('Icon: PNG or JPEG, exactly 1024x1024, at most 2 MB.'),
    shortDescription: generalInfoSchema.shape.shortDescription.describe(chars(SHORT_DESCRIPTION_MAX)),
    detailedDescription: generalInfoSchema.shape.detailedDescription.describe(chars(DETAILED_DESCRIPTION_MAX)),
    categories: generalInfoSchema.shape.categories.describe('One or more catalog category ids.'),
    latestRelease: generalInfoSchema.shape.latestRelease.describe(chars(LATEST_RELEASE_MAX)),
  })
  .strict()
  .describe('The General tab.');

const mediaSchema = z
  .strictObject({
    mainImage: mediaReferenceSchema.nullish().describe('Main image: PNG or JPEG, at most 2 MB; 1024x1024 recommended.'),
    additionalImages: z
      .array(mediaReferenceSchema)
      .superRefine((images, context) => {
        const problem = additionalImageCountProblem(images.length);
        if (problem) context.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
      })
      .nullish()
      .describe('The complete list of additional images in display order (PNG or JPEG, at most 2 MB each).'),
    video: mediaReferenceSchema.nullish().describe('Optional video: MP4, at most 30 seconds, at least 720p, at most 5 MB.'),
    videoThumbnail: mediaReferenceSchema.nullish().describe('Optional video thumbnail: PNG or JPEG, at most 2 MB.'),
  })
  .describe('The Media assets tab.');

const compatibilitySchema = compatibilityInfoSchema
  .extend({
    features: compatibilityInfoSchema.shape.features.describe(chars(FEATURES_MAX)),
    requirements: compatibilityInfoSchema.shape.requirements.describe(chars(REQUIREMENTS_MAX)),
  })
  .strict()
  .describe('The Compatibility tab.');

const additionalSchema = additionalInfoSchema
  .extend({ developerInfo: additionalInfoSchema.shape.developerInfo.describe(chars(DEVELOPER_INFO_MAX)) })
  .strict()
  .describe('The Additional tab.');

/** One environment's four URLs, checked by account linking's own save rule (all four required). */
function linkingEnvironmentSchema(environment: LinkingEnvironment, options: () => LinkingRuleOptions) {
  const rule = accountLinkingInputSchemaWith(options);
  return z
    .strictObject(
      Object.fromEntries(LINKING_FIELDS.map((field) => [field, z.string().nullish()])) as Record<
        (typeof LINKING_FIELDS)[number],
        z.ZodOptional<z.ZodNullable<z.ZodString>>
      >,
    )
    .superRefine((urls, context) => {
      const checked = rule.safeParse({ environment, ...urls });
      if (checked.success) return;
      for (const issue of checked.error.issues) {
        const params = (issue as { params?: Record<string, unknown> }).params;
        context.addIssue({ code: 'custom', path: [...issue.path], message: issue.message, ...(params ? { params } : {}) });
      }
    })
    .describe(`The ${environment.toLowerCase()} account linking URLs: all four, public https:// URLs.`);
}

/**
 * The definition's schema; `options` is asked at each check (a development server may allow
 * loopback endpoints, as the account linking save does).
 */
export function appDefinitionSchemaWith(options: () => LinkingRuleOptions) {
  return z
    .strictObject({
      $schema: z.string().optional().describe('The JSON Schema this file follows (ignored).'),
      version: z.literal(APP_DEFINITION_VERSION).describe('The format version.'),
      app: z
        .strictObject({ id: z.string().min(1).optional().describe('The app’s global id; when given, it must be the app the definition is applied to.') })
        .optional()
        .describe('Which app this definition was exported from.'),
      appInfo: z
        .strictObject({
          general: generalSchema.optional(),
          media: mediaSchema.optional(),
          compatibility: compatibilitySchema.optional(),
          additional: additionalSchema.optional(),
        })
        .optional()
        .describe('App Information: the four tabs.'),
      accountLinking: z
        .strictObject({
          staging: linkingEnvironmentSchema('STAGING', options).optional(),
          production: linkingEnvironmentSchema('PRODUCTION', options).optional(),
        })
        .optional()
        .describe('Account linking, per environment.'),
    })
    .describe('A Ring Appstore app definition: the Configure step’s data. A field left out keeps its value; null clears it.');
}

/** The rules as production applies them: public endpoints only. */
export const appDefinitionSchema = appDefinitionSchemaWith(() => ({}));

/** A definition as written (input). */
export type AppDefinitionInput = z.input<typeof appDefinitionSchema>;
/** A definition once checked: texts normalised, blank texts null. */
export type AppDefinition = z.output<typeof appDefinitionSchema>;

/** The JSON Schema of the definition file, generated from appDefinitionSchema (what a file may hold, before normalisation). */
export function appDefinitionJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(appDefinitionSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return { ...schema, $id: APP_DEFINITION_SCHEMA_ID, title: 'Ring Appstore app definition' };
}

/**
 * The problems of a definition as FieldIssues whose paths lead into the definition: an unknown
 * key is named at its own path (zod reports it on the object holding it).
 */
export function appDefinitionIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return fieldIssues([issue]);
    return issue.keys.map((key) => ({
      path: [...issue.path.map(String), key],
      message: `Unknown field “${key}”: check its spelling against app-definition.schema.json.`,
      code: 'NOT_ALLOWED' as const,
    }));
  });
}

/** RFC 6901: a path as a JSON pointer, e.g. ["appInfo", "general", "publicName"] -> /appInfo/general/publicName. */
export function jsonPointer(path: readonly (string | number)[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The definition's sections and fields as the API's changes name them. */
export const APP_INFO_SECTIONS = ['general', 'media', 'compatibility', 'additional'] as const;
export type AppInfoSection = (typeof APP_INFO_SECTIONS)[number];
export const LINKING_SECTIONS = { staging: 'STAGING', production: 'PRODUCTION' } as const satisfies Record<string, LinkingEnvironment>;

/** Where a definition names media: its path in the definition and the reference given there. */
export interface MediaReferenceAt {
  path: string[];
  ref: string;
}

/** Every media reference of a definition (as written or checked), in document order. */
export function mediaReferences(definition: Pick<AppDefinitionInput, 'appInfo'>): MediaReferenceAt[] {
  const general = definition.appInfo?.general;
  const media = definition.appInfo?.media;
  const refs: MediaReferenceAt[] = [];
  if (general?.icon) refs.push({ path: ['appInfo', 'general', 'icon'], ref: general.icon });
  for (const key of ['mainImage', 'video', 'videoThumbnail'] as const) {
    const ref = media?.[key];
    if (ref) refs.push({ path: ['appInfo', 'media', key], ref });
  }
  for (const [index, ref] of (media?.additionalImages ?? []).entries()) refs.push({ path: ['appInfo', 'media', 'additionalImages', String(index)], ref });
  return refs;
}
