/**
 * Saving and reading the four App Information tabs. Every save: find the app among the
 * viewer's own, prepare it (validate every given field, collecting all problems, files
 * included; see prepareTab in save-tab.ts) with the tab's field mapper below, then write it.
 * An app definition prepares the same saves and writes them together (app-definition module).
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
import { appIdFrom, findAppSelecting, findOwnedApp } from '../apps/apps.access.ts';
import { type ADDITIONAL_IMAGES_IN_ORDER, additionalImageAssetIds } from '../media/assets.ts';
import { checkUpload, type CheckedFile, type Upload } from '../media/media.service.ts';
import { applyMediaPlan, checkUploads, planMedia, uploadsToCheck, type MediaInput } from './media-plan.ts';
import { APP_INFO_FACTS_SELECT } from './app-info.facts.ts';
import { publicNameKeysCurrent } from './public-name-keys.ts';
import { ADDITIONAL_TAB, COMPATIBILITY_TAB, GENERAL_TAB, MEDIA_TAB, prepareTab, saveTab, saveTabFields, type PreparedTab } from './save-tab.ts';

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

/**
 * Runs a write that may store a public name: a name another app holds (its key is unique)
 * answers ConflictError at `path`. Keys stored under an older rule are made current first,
 * so the comparison is by today's rule.
 */
export async function withPublicNameChecked<T>(storesPublicName: boolean, path: string[], write: () => Promise<T>): Promise<T> {
  if (storesPublicName) await publicNameKeysCurrent();
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw publicNameTaken(path);
    throw error;
  }
}

/**
 * Whether another app holds this public name (or a lookalike) now: for answers that must not
 * wait for the write (a dry run). The unique key stays the guard when writing.
 */
export async function publicNameHeldElsewhere(appId: string, publicName: string): Promise<boolean> {
  const holder = await prisma.generalInfo.findFirst({ where: { publicNameKey: publicNameKey(publicName), NOT: { appId } }, select: { appId: true } });
  return holder !== null;
}

/** A ConflictError for a public name another app holds, at `path`. */
export const publicNameTaken = (path: string[]) => new ConflictError(PUBLIC_NAME_TAKEN, path);

/** Throws the save's problems, if any; else writes it as the tab's own save. */
async function commitTab(viewer: Viewer, appId: string, save: PreparedTab) {
  if (save.issues.length) throw new ValidationError(save.issues);
  await saveTab(save, appId, viewer.id);
}

/** The General tab's save of `input` for the app `appId` (the caller has found it among the viewer's own), checked. */
export async function prepareGeneral(appId: string, input: Omit<GeneralInput, 'appId'>): Promise<PreparedTab & { storesPublicName: boolean }> {
  const issues: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const parsed = generalInfoSchema.safeParse(input);
  if (!parsed.success) issues.push(...fieldIssues(parsed.error));
  let icon: CheckedFile | null = null;
  if (input.icon) icon = await checkUpload(input.icon, ['icon'], 'ICON', checkIcon, issues, warnings);
  const { publicName, shortDescription, detailedDescription, categories, latestRelease } = parsed.success ? parsed.data : {};
  const save = prepareTab(GENERAL_TAB, { appId, expectedVersion: input.expectedVersion, files: icon ? [icon] : [], issues, warnings }, async (changes) => {
    let iconId: { iconId?: string | null } = {};
    if (input.icon !== undefined) {
      const current = await changes.tx.generalInfo.findUniqueOrThrow({ where: { appId }, include: { icon: true } });
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
  return { ...save, storesPublicName: given(publicName) };
}

export async function saveGeneral(viewer: Viewer, input: GeneralInput) {
  const app = await findOwnedApp(viewer, input.appId);
  const save = await prepareGeneral(app.id, input);
  await withPublicNameChecked(save.storesPublicName && !save.issues.length, ['publicName'], () => commitTab(viewer, app.id, save));
  return { app, warnings: save.warnings };
}

// ---------------------------------------------------------------------------- Media

export async function prepareMedia(appId: string, input: Omit<MediaInput, 'appId'>): Promise<PreparedTab> {
  const keepable = input.additionalImages ? await additionalImageAssetIds(appId) : new Set<string>();
  const { plan, issues, warnings } = planMedia({ ...input, appId }, await checkUploads(uploadsToCheck({ ...input, appId })), keepable);
  return prepareTab(MEDIA_TAB, { appId, expectedVersion: input.expectedVersion, files: plan.files, issues, warnings }, (changes) =>
    applyMediaPlan(changes, appId, plan),
  );
}

export async function saveMedia(viewer: Viewer, input: MediaInput) {
  const app = await findOwnedApp(viewer, input.appId);
  const save = await prepareMedia(app.id, input);
  await commitTab(viewer, app.id, save);
  return { app, warnings: save.warnings };
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

export function prepareCompatibility(appId: string, input: Omit<CompatibilityInput, 'appId'>): PreparedTab {
  const parsed = compatibilityInfoSchema.safeParse(input);
  const issues = parsed.success ? [] : fieldIssues(parsed.error);
  return prepareTab(COMPATIBILITY_TAB, { appId, expectedVersion: input.expectedVersion, issues }, () => compatibilityFields(parsed.success ? parsed.data : {}));
}

type CompatibilityFields = Partial<Pick<CompatibilityInput, 'features' | 'requirements' | 'customerTypes' | 'supportedDevices' | 'cameraTypes'>>;

function compatibilityFields({ features, requirements, customerTypes, supportedDevices, cameraTypes }: CompatibilityFields) {
  return { ...givenFields({ features, requirements }), ...givenLists({ customerTypes, supportedDevices, cameraTypes }) };
}

export async function saveCompatibility(viewer: Viewer, input: CompatibilityInput) {
  const appId = appIdFrom(input.appId);
  const parsed = compatibilityInfoSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error));
  // One statement (saveTabFields), which also checks that the app is the viewer's: the tab has
  // no files and nothing to read first. An app definition writes it through
  // prepareCompatibility, in its own transaction.
  const save = { appId, actorId: viewer.id, ownerId: viewer.id, expectedVersion: input.expectedVersion };
  await saveTabFields(COMPATIBILITY_TAB, save, compatibilityFields(parsed.data));
  return { app: { id: appId }, warnings: [] };
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

export function prepareAdditional(appId: string, input: Omit<AdditionalInput, 'appId'>): PreparedTab {
  const parsed = additionalInfoSchema.safeParse(input);
  const issues = parsed.success ? [] : fieldIssues(parsed.error);
  const { developerInfo, websiteUrl, supportUrl, privacyPolicyUrl, termsOfServiceUrl } = parsed.success ? parsed.data : {};
  // The schema already turns blank text into null and refuses a blank URL.
  return prepareTab(ADDITIONAL_TAB, { appId, expectedVersion: input.expectedVersion, issues }, () =>
    givenFields({ developerInfo, websiteUrl, supportUrl, privacyPolicyUrl, termsOfServiceUrl }),
  );
}

export async function saveAdditional(viewer: Viewer, input: AdditionalInput) {
  const appId = appIdFrom(input.appId);
  const parsed = additionalInfoSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error));
  const { developerInfo, websiteUrl, supportUrl, privacyPolicyUrl, termsOfServiceUrl } = parsed.data;
  // One statement, as saveCompatibility.
  await saveTabFields(
    ADDITIONAL_TAB,
    { appId, actorId: viewer.id, ownerId: viewer.id, expectedVersion: input.expectedVersion },
    givenFields({ developerInfo, websiteUrl, supportUrl, privacyPolicyUrl, termsOfServiceUrl }),
  );
  return { app: { id: appId }, warnings: [] };
}

// ---------------------------------------------------------------------------- Reading

/**
 * The four tabs of an app in one statement (the tab rows joined to the app's); pass a
 * transaction as `db` to read what it sees (freezing a version does).
 */
export async function loadInfo(appId: string, db?: Prisma.TransactionClient) {
  const rows = await findAppSelecting(appId, APP_INFO_FACTS_SELECT, db);
  return infoFromRows(appId, rows ?? { generalInfo: null, mediaInfo: null, compatibilityInfo: null, additionalInfo: null });
}

/** The tab rows as APP_INFO_FACTS_SELECT (app-info.facts.ts) loads them with the app. */
export interface InfoRows {
  generalInfo: Prisma.GeneralInfoGetPayload<{ include: { icon: true } }> | null;
  mediaInfo: Prisma.MediaInfoGetPayload<{
    include: { mainImage: true; video: true; videoThumbnail: true; additionalImages: typeof ADDITIONAL_IMAGES_IN_ORDER };
  }> | null;
  compatibilityInfo: Prisma.CompatibilityInfoGetPayload<object> | null;
  additionalInfo: Prisma.AdditionalInfoGetPayload<object> | null;
}

/** App.info from the tab rows loaded with the app (or by loadInfo). */
export function infoFromRows(appId: string, rows: InfoRows) {
  const { generalInfo: general, mediaInfo: media, compatibilityInfo: compatibility, additionalInfo: additional } = rows;
  const missing = {
    general: missingGeneral(general),
    media: missingMedia(media ? { mainImageId: media.mainImageId, additionalImageCount: media.additionalImages.length } : null),
    compatibility: missingCompatibility(compatibility),
    additional: missingAdditional(additional),
  };
  return { appId, general, media, compatibility, additional, missing };
}

export type LoadedInfo = ReturnType<typeof infoFromRows>;
