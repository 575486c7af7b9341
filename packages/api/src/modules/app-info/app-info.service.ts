/**
 * Saving and reading the four App Information tabs. Every save: find the app among the
 * viewer's own, validate every given field (collecting all problems, files included), then
 * saveTab (save-tab.ts) with the tab's field mapper below.
 */
import { Prisma, prisma } from '@ring/db';
import {
  additionalInfoSchema,
  checkIcon,
  compatibilityInfoSchema,
  generalInfoSchema,
  missingAdditional,
  missingCompatibility,
  missingGeneral,
  missingMedia,
  publicNameKey,
  PUBLIC_NAME_KEY_RULE,
  fieldIssues,
  type FieldIssue,
} from '@ring/domain';
import type { Viewer } from '../../context.ts';
import { ConflictError, ValidationError } from '../../errors.ts';
import { findOwnedApp } from '../apps/apps.access.ts';
import { additionalImageAssetIds, ADDITIONAL_IMAGES_IN_ORDER } from '../media/assets.ts';
import { checkUpload, type CheckedFile, type Upload } from '../media/media.service.ts';
import { applyMediaPlan, checkUploads, planMedia, uploadsToCheck, type MediaInput } from './media-plan.ts';
import { publicNameKeysCurrent } from './public-name-keys.ts';
import { ADDITIONAL_TAB, COMPATIBILITY_TAB, GENERAL_TAB, MEDIA_TAB, saveTab } from './save-tab.ts';

export type { AdditionalImageInput, MediaInput } from './media-plan.ts';

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

const given = <T>(value: T | undefined): value is T => value !== undefined;

/** The fields given: a field left out keeps its value. */
function givenFields<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** The lists given, null clearing a list like []. */
function givenLists<T extends Record<string, string[] | null | undefined>>(lists: T): { [K in keyof T]?: string[] } {
  const given: { [K in keyof T]?: string[] } = {};
  for (const key of Object.keys(lists) as Array<keyof T>) if (lists[key] !== undefined) given[key] = lists[key] ?? [];
  return given;
}

// ---------------------------------------------------------------------------- General

export interface GeneralInput {
  appId: string;
  expectedVersion?: number | null;
  publicName?: string | null;
  icon?: Upload | null;
  shortDescription?: string | null;
  detailedDescription?: string | null;
  categories?: string[] | null;
  latestRelease?: string | null;
}

const PUBLIC_NAME_TAKEN =
  'Another app already uses this public name, or one that looks the same (letter case, spacing, accents, fullwidth letters, small capitals and lookalike letters do not count as differences). Choose another.';

export async function saveGeneral(viewer: Viewer, input: GeneralInput) {
  const app = await findOwnedApp(viewer, input.appId);
  const issues: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const parsed = generalInfoSchema.safeParse(input);
  if (!parsed.success) issues.push(...fieldIssues(parsed.error));
  let icon: CheckedFile | null = null;
  if (input.icon) icon = await checkUpload(input.icon, ['icon'], 'ICON', checkIcon, issues, warnings);
  if (issues.length || !parsed.success) throw new ValidationError(issues);
  const { publicName, shortDescription, detailedDescription, categories, latestRelease } = parsed.data;

  // Keys stored under an older rule must be current before this name is compared with them.
  if (given(publicName)) await publicNameKeysCurrent();
  try {
    await saveTab(GENERAL_TAB, { appId: app.id, actorId: viewer.id, expectedVersion: input.expectedVersion, files: icon ? [icon] : [] }, async (changes) => {
      let iconId: { iconId?: string | null } = {};
      if (input.icon !== undefined) {
        const current = await changes.tx.generalInfo.findUniqueOrThrow({ where: { appId: app.id }, include: { icon: true } });
        changes.release(current.icon);
        iconId = { iconId: icon ? await changes.attach(icon) : null };
      }
      return {
        ...givenFields({ shortDescription, detailedDescription, latestRelease }),
        ...givenLists({ categories }),
        ...(given(publicName)
          ? { publicName, publicNameKey: publicName === null ? null : publicNameKey(publicName), publicNameKeyRule: PUBLIC_NAME_KEY_RULE }
          : {}),
        ...iconId,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(PUBLIC_NAME_TAKEN, ['publicName']);
    throw error;
  }
  return { app, warnings };
}

// ---------------------------------------------------------------------------- Media

export async function saveMedia(viewer: Viewer, input: MediaInput) {
  const app = await findOwnedApp(viewer, input.appId);
  const keepable = input.additionalImages ? await additionalImageAssetIds(app.id) : new Set<string>();
  const { plan, issues, warnings } = planMedia(input, await checkUploads(uploadsToCheck(input)), keepable);
  if (issues.length) throw new ValidationError(issues);
  await saveTab(MEDIA_TAB, { appId: app.id, actorId: viewer.id, expectedVersion: input.expectedVersion, files: plan.files }, (changes) =>
    applyMediaPlan(changes, app.id, plan),
  );
  return { app, warnings };
}

// ---------------------------------------------------------------------------- Compatibility and Additional

export interface CompatibilityInput {
  appId: string;
  expectedVersion?: number | null;
  features?: string | null;
  requirements?: string | null;
  customerTypes?: string[] | null;
  supportedDevices?: string[] | null;
  cameraTypes?: string[] | null;
}

export async function saveCompatibility(viewer: Viewer, input: CompatibilityInput) {
  const app = await findOwnedApp(viewer, input.appId);
  const parsed = compatibilityInfoSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error));
  const { features, requirements, customerTypes, supportedDevices, cameraTypes } = parsed.data;
  await saveTab(COMPATIBILITY_TAB, { appId: app.id, actorId: viewer.id, expectedVersion: input.expectedVersion }, () => ({
    ...givenFields({ features, requirements }),
    ...givenLists({ customerTypes, supportedDevices, cameraTypes }),
  }));
  return { app, warnings: [] };
}

export interface AdditionalInput {
  appId: string;
  expectedVersion?: number | null;
  developerInfo?: string | null;
  websiteUrl?: string | null;
  supportUrl?: string | null;
  privacyPolicyUrl?: string | null;
  termsOfServiceUrl?: string | null;
}

export async function saveAdditional(viewer: Viewer, input: AdditionalInput) {
  const app = await findOwnedApp(viewer, input.appId);
  const parsed = additionalInfoSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error));
  const { developerInfo, websiteUrl, supportUrl, privacyPolicyUrl, termsOfServiceUrl } = parsed.data;
  // The schema already turns blank text into null and refuses a blank URL.
  await saveTab(ADDITIONAL_TAB, { appId: app.id, actorId: viewer.id, expectedVersion: input.expectedVersion }, () =>
    givenFields({ developerInfo, websiteUrl, supportUrl, privacyPolicyUrl, termsOfServiceUrl }),
  );
  return { app, warnings: [] };
}

// ---------------------------------------------------------------------------- Reading

type InfoDb = Pick<Prisma.TransactionClient, 'generalInfo' | 'mediaInfo' | 'compatibilityInfo' | 'additionalInfo'>;

/** The four tabs' rows with their assets; pass a transaction as `db` to read what it sees (freezing a version does). */
export async function loadInfo(appId: string, db: InfoDb = prisma) {
  const [general, media, compatibility, additional] = await Promise.all([
    db.generalInfo.findUnique({ where: { appId }, include: { icon: true } }),
    db.mediaInfo.findUnique({
      where: { appId },
      include: { mainImage: true, video: true, videoThumbnail: true, additionalImages: ADDITIONAL_IMAGES_IN_ORDER },
    }),
    db.compatibilityInfo.findUnique({ where: { appId } }),
    db.additionalInfo.findUnique({ where: { appId } }),
  ]);
  const missing = {
    general: missingGeneral(general),
    media: missingMedia(media ? { mainImageId: media.mainImageId, additionalImageCount: media.additionalImages.length } : null),
    compatibility: missingCompatibility(compatibility),
    additional: missingAdditional(additional),
  };
  return { appId, general, media, compatibility, additional, missing };
}

export type LoadedInfo = Awaited<ReturnType<typeof loadInfo>>;

const loadsPerRequest = new WeakMap<object, Map<string, ReturnType<typeof loadInfo>>>();

/**
 * loadInfo once per query (`context`): App.info and App.guidelineChecks in one query read the
 * same rows, so asking for both costs no more statements than asking for one. Mutations load
 * afresh: a later mutation of the same document must see the rows an earlier one wrote.
 */
export function loadInfoOnce(context: object, operation: 'query' | 'mutation' | 'subscription', appId: string) {
  if (operation !== 'query') return loadInfo(appId);
  let loads = loadsPerRequest.get(context);
  if (!loads) {
    loads = new Map();
    loadsPerRequest.set(context, loads);
  }
  let load = loads.get(appId);
  if (!load) {
    load = loadInfo(appId);
    loads.set(appId, load);
  }
  return load;
}
