/**
 * Saving and reading the four App Information tabs. Every save: find the app among the
 * viewer's own, validate every given field (collecting all problems), then in one transaction
 * store new files (under their storage keys' locks), lock the tab row (creating it on first
 * save), check `expectedVersion`, write, and bump the version. New files are removed again when
 * the transaction does not commit, and replaced files are collected (under the same locks)
 * after it does.
 */
import { Prisma, prisma } from '@ring/db';
import {
  additionalImageCountProblem,
  additionalInfoSchema,
  checkIcon,
  checkImage,
  checkVideo,
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
import { decodeId } from '../../ids.ts';
import { collectUnreferenced } from '../../storage/index.ts';
import { findOwnedApp, lockAppForWrite } from '../apps/apps.access.ts';
import { publicNameKeysCurrent } from './public-name-keys.ts';
import { assetData, checkUpload, commitWithFiles, type CheckedFile, type Upload } from '../media/media.service.ts';

type Tx = Prisma.TransactionClient;
type TabTable = 'GeneralInfo' | 'MediaInfo' | 'CompatibilityInfo' | 'AdditionalInfo';

/**
 * Locks the tab's row for this transaction, creating it (version 0) on the first save, and
 * checks the caller's expectedVersion against it. The table name is one of four literals.
 */
async function lockTab(tx: Tx, table: TabTable, appId: string, expectedVersion: number | null | undefined): Promise<number> {
  await lockAppForWrite(tx, appId);
  await tx.$executeRawUnsafe(`INSERT INTO "${table}" ("appId") VALUES ($1::uuid) ON CONFLICT DO NOTHING`, appId);
  const rows = await tx.$queryRawUnsafe<Array<{ version: number }>>(`SELECT "version" FROM "${table}" WHERE "appId" = $1::uuid FOR UPDATE`, appId);
  const version = rows[0]!.version;
  if (expectedVersion != null && expectedVersion !== version) {
    throw new ConflictError(`This tab was saved elsewhere in the meantime (version ${version}, you expected ${expectedVersion}). Reload it, then save again.`);
  }
  return version;
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/** Runs the write in one transaction with the save's new files (see commitWithFiles). */
const commit = commitWithFiles;

const given = <T>(value: T | undefined): value is T => value !== undefined;

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

export async function saveGeneral(viewer: Viewer, input: GeneralInput) {
  const app = await findOwnedApp(viewer, input.appId);
  const issues: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const parsed = generalInfoSchema.safeParse(input);
  if (!parsed.success) issues.push(...fieldIssues(parsed.error));
  let icon: CheckedFile | null = null;
  if (input.icon) icon = await checkUpload(input.icon, ['icon'], 'ICON', checkIcon, issues, warnings);
  if (issues.length || !parsed.success) throw new ValidationError(issues);
  const fields = parsed.data;

  // Keys stored under an older rule must be current before this name is compared with them.
  if (given(fields.publicName)) await publicNameKeysCurrent();
  const replaced: string[] = [];
  try {
    await commit(icon ? [icon] : [], async (tx, stored) => {
      const version = await lockTab(tx, 'GeneralInfo', app.id, input.expectedVersion);
      const current = await tx.generalInfo.findUniqueOrThrow({ where: { appId: app.id }, include: { icon: true } });
      let iconId: string | null | undefined;
      if (stored[0]) iconId = (await tx.mediaAsset.create({ data: assetData(app.id, stored[0]) })).id;
      else if (input.icon === null) iconId = null;
      await tx.generalInfo.update({
        where: { appId: app.id },
        data: {
          version: version + 1,
          savedAt: new Date(),
          ...(given(fields.publicName) ? { publicName: fields.publicName, publicNameKey: fields.publicName === null ? null : publicNameKey(fields.publicName), publicNameKeyRule: PUBLIC_NAME_KEY_RULE } : {}),
          ...(given(iconId) ? { iconId } : {}),
          ...(given(fields.shortDescription) ? { shortDescription: fields.shortDescription } : {}),
          ...(given(fields.detailedDescription) ? { detailedDescription: fields.detailedDescription } : {}),
          ...(given(fields.categories) ? { categories: fields.categories ?? [] } : {}),
          ...(given(fields.latestRelease) ? { latestRelease: fields.latestRelease } : {}),
        },
      });
      if (given(iconId) && current.icon) {
        await tx.mediaAsset.delete({ where: { id: current.icon.id } });
        replaced.push(current.icon.storageKey);
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError('Another app already uses this public name, or one that looks the same (letter case, spacing, accents, fullwidth letters, small capitals and lookalike letters do not count as differences). Choose another.', ['publicName']);
    }
    throw error;
  }
  await collectUnreferenced(replaced);
  return { app, warnings };
}

// ---------------------------------------------------------------------------- Media

export interface AdditionalImageInput {
  assetId?: string | null;
  file?: Upload | null;
}

export interface MediaInput {
  appId: string;
  expectedVersion?: number | null;
  mainImage?: Upload | null;
  additionalImages?: AdditionalImageInput[] | null;
  video?: Upload | null;
  videoThumbnail?: Upload | null;
}

type Slot = { keep: string } | { file: CheckedFile };

export async function saveMedia(viewer: Viewer, input: MediaInput) {
  const app = await findOwnedApp(viewer, input.appId);
  const issues: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const files: CheckedFile[] = [];
  const checked = (file: CheckedFile | null) => {
    if (file) files.push(file);
    return file;
  };

  const mainImage = input.mainImage ? checked(await checkUpload(input.mainImage, ['mainImage'], 'MAIN_IMAGE', (facts) => checkImage('Main image', facts), issues, warnings)) : null;

  let slots: Slot[] | null | undefined;
  if (input.additionalImages === null) slots = null;
  else if (input.additionalImages) {
    const count = additionalImageCountProblem(input.additionalImages.length);
    if (count) issues.push({ path: ['additionalImages'], ...count });
    const current = await prisma.additionalImage.findMany({ where: { appId: app.id } });
    const keepable = new Set(current.map((image) => image.assetId));
    const kept = new Set<string>();
    slots = [];
    // Past the maximum nothing is read: the count alone refuses the save.
    for (const [index, item] of input.additionalImages.slice(0, count?.code === 'TOO_MANY' ? 0 : undefined).entries()) {
      const path = ['additionalImages', String(index)];
      const hasId = item.assetId != null;
      const hasFile = item.file != null;
      if (hasId === hasFile) {
        issues.push({ path, code: 'ONE_OF', message: `Additional image ${index + 1}: give either assetId (to keep an image) or file (to upload one), not ${hasId ? 'both' : 'neither'}.` });
        continue;
      }
      if (hasId) {
        let id: string | null = null;
        try {
          id = decodeId(String(item.assetId), 'MediaAsset');
        } catch {
          id = null;
        }
        if (!id || !keepable.has(id)) issues.push({ path, code: 'UNKNOWN_ASSET', message: `Additional image ${index + 1}: that image is not among this app’s additional images.` });
        else if (kept.has(id)) issues.push({ path, code: 'DUPLICATE', message: `Additional image ${index + 1}: the same image is listed twice.` });
        else {
          kept.add(id);
          slots.push({ keep: id });
        }
        continue;
      }
      const file = checked(await checkUpload(item.file!, path, 'ADDITIONAL_IMAGE', (facts) => checkImage(`Additional image ${index + 1}`, facts), issues, warnings));
      if (file) slots.push({ file });
    }
  }

  const video = input.video ? checked(await checkUpload(input.video, ['video'], 'VIDEO', (facts) => checkVideo(facts, { fromBytes: true }), issues, warnings)) : null;
  const thumbnail = input.videoThumbnail
    ? checked(await checkUpload(input.videoThumbnail, ['videoThumbnail'], 'VIDEO_THUMBNAIL', (facts) => checkImage('Video thumbnail', facts), issues, warnings))
    : null;
  if (issues.length) throw new ValidationError(issues);

  const replaced: string[] = [];
  await commit(files, async (tx, stored) => {
    const storedFor = (file: CheckedFile) => stored[files.indexOf(file)]!;
    const version = await lockTab(tx, 'MediaInfo', app.id, input.expectedVersion);
    const current = await tx.mediaInfo.findUniqueOrThrow({
      where: { appId: app.id },
      include: { mainImage: true, video: true, videoThumbnail: true, additionalImages: { include: { asset: true } } },
    });
    const create = async (file: CheckedFile) => (await tx.mediaAsset.create({ data: assetData(app.id, storedFor(file)) })).id;
    const retire = async (asset: { id: string; storageKey: string } | null) => {
      if (!asset) return;
      await tx.mediaAsset.delete({ where: { id: asset.id } });
      replaced.push(asset.storageKey);
    };

    const single = async (upload: Upload | null | undefined, file: CheckedFile | null, old: { id: string; storageKey: string } | null) => {
      if (upload === undefined) return undefined;
      const id = file ? await create(file) : null;
      await retire(old);
      return id;
    };
    // Rows pointing at a retired asset are set null by the foreign key; the update below sets the new one.
    const mainImageId = await single(input.mainImage, mainImage, current.mainImage);
    const videoId = await single(input.video, video, current.video);
    const videoThumbnailId = await single(input.videoThumbnail, thumbnail, current.videoThumbnail);

    if (slots !== undefined) {
      const order: string[] = [];
      for (const slot of slots ?? []) order.push('keep' in slot ? slot.keep : await create(slot.file));
      await tx.additionalImage.deleteMany({ where: { appId: app.id } });
      if (order.length) await tx.additionalImage.createMany({ data: order.map((assetId, position) => ({ appId: app.id, position, assetId })) });
      for (const image of current.additionalImages) if (!order.includes(image.assetId)) await retire(image.asset);
    }

    await tx.mediaInfo.update({
      where: { appId: app.id },
      data: {
        version: version + 1,
        savedAt: new Date(),
        ...(given(mainImageId) ? { mainImageId } : {}),
        ...(given(videoId) ? { videoId } : {}),
        ...(given(videoThumbnailId) ? { videoThumbnailId } : {}),
      },
    });
  });
  await collectUnreferenced(replaced);
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
  const fields = parsed.data;
  await commit([], async (tx) => {
    const version = await lockTab(tx, 'CompatibilityInfo', app.id, input.expectedVersion);
    await tx.compatibilityInfo.update({
      where: { appId: app.id },
      data: {
        version: version + 1,
        savedAt: new Date(),
        ...(given(fields.features) ? { features: fields.features } : {}),
        ...(given(fields.requirements) ? { requirements: fields.requirements } : {}),
        ...(given(fields.customerTypes) ? { customerTypes: fields.customerTypes ?? [] } : {}),
        ...(given(fields.supportedDevices) ? { supportedDevices: fields.supportedDevices ?? [] } : {}),
        ...(given(fields.cameraTypes) ? { cameraTypes: fields.cameraTypes ?? [] } : {}),
      },
    });
  });
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
  const fields = parsed.data;
  await commit([], async (tx) => {
    const version = await lockTab(tx, 'AdditionalInfo', app.id, input.expectedVersion);
    const data: Prisma.AdditionalInfoUpdateInput = { version: version + 1, savedAt: new Date() };
    for (const key of ['developerInfo', 'websiteUrl', 'supportUrl', 'privacyPolicyUrl', 'termsOfServiceUrl'] as const) {
      // A blank URL clears the field like null does.
      if (given(fields[key])) data[key] = fields[key] === '' ? null : fields[key];
    }
    await tx.additionalInfo.update({ where: { appId: app.id }, data });
  });
  return { app, warnings: [] };
}

// ---------------------------------------------------------------------------- Reading

export async function loadInfo(appId: string) {
  const [general, media, compatibility, additional] = await Promise.all([
    prisma.generalInfo.findUnique({ where: { appId }, include: { icon: true } }),
    prisma.mediaInfo.findUnique({
      where: { appId },
      include: { mainImage: true, video: true, videoThumbnail: true, additionalImages: { orderBy: { position: 'asc' }, include: { asset: true } } },
    }),
    prisma.compatibilityInfo.findUnique({ where: { appId } }),
    prisma.additionalInfo.findUnique({ where: { appId } }),
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
