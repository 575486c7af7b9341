/**
 * The Media tab's save as a plan: which uploads to check, then (pure, from the input, the
 * checked files and the app's current additional images) what to keep, add, replace and
 * remove, with every problem found; then the plan applied inside saveTab's transaction.
 */
import type { MediaKind, Prisma } from '@ring/db';
import { additionalImageCountProblem, checkImage, checkVideo, type FieldIssue, type MediaCheck } from '@ring/domain';
import { decodeId } from '../../ids.ts';
import { ADDITIONAL_IMAGES, replaceAdditionalImages } from '../media/assets.ts';
import { checkUpload, type AssetChanges, type CheckedFile, type Upload } from '../media/media.service.ts';
import type { Inspection } from '../media/inspect.ts';

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

/** One upload to read and check, by `path` (where its problems are reported). */
export interface UploadCheck {
  upload: Upload;
  path: string[];
  kind: MediaKind;
  rule: (facts: Inspection) => MediaCheck;
}

/** What checking one upload found. */
export interface CheckedUpload {
  file: CheckedFile | null;
  issues: FieldIssue[];
  warnings: FieldIssue[];
}

/** undefined: leave as it is; null: clear; a file: replace with it. */
type Change = CheckedFile | null | undefined;
type Slot = { keep: string } | { file: CheckedFile };

export interface MediaPlan {
  mainImage: Change;
  video: Change;
  videoThumbnail: Change;
  /** The additional images in their new order, or undefined to leave them. */
  additionalImages: Slot[] | undefined;
  /** Every file to store, in the order they were checked. */
  files: CheckedFile[];
}

const pathKey = (path: string[]) => path.join('.');

/** Past the maximum nothing is read: the count alone refuses the save. */
function itemsToRead(items: AdditionalImageInput[]): AdditionalImageInput[] {
  return items.slice(0, additionalImageCountProblem(items.length)?.code === 'TOO_MANY' ? 0 : undefined);
}

/** An item's file when it gives a file and no assetId (otherwise the item is refused unread). */
const itemUpload = (item: AdditionalImageInput) => (item.assetId == null && item.file != null ? item.file : null);

/** The uploads to check, in the order their problems are reported. */
export function uploadsToCheck(input: MediaInput): UploadCheck[] {
  const checks: UploadCheck[] = [];
  if (input.mainImage) checks.push({ upload: input.mainImage, path: ['mainImage'], kind: 'MAIN_IMAGE', rule: (facts) => checkImage('Main image', facts) });
  for (const [index, item] of itemsToRead(input.additionalImages ?? []).entries()) {
    const upload = itemUpload(item);
    if (upload) {
      checks.push({
        upload,
        path: ['additionalImages', String(index)],
        kind: 'ADDITIONAL_IMAGE',
        rule: (facts) => checkImage(`Additional image ${index + 1}`, facts),
      });
    }
  }
  if (input.video) checks.push({ upload: input.video, path: ['video'], kind: 'VIDEO', rule: (facts) => checkVideo(facts, { fromBytes: true }) });
  if (input.videoThumbnail) {
    checks.push({ upload: input.videoThumbnail, path: ['videoThumbnail'], kind: 'VIDEO_THUMBNAIL', rule: (facts) => checkImage('Video thumbnail', facts) });
  }
  return checks;
}

/** Reads and checks the uploads one after another, keyed by path. */
export async function checkUploads(checks: UploadCheck[]): Promise<Map<string, CheckedUpload>> {
  const checked = new Map<string, CheckedUpload>();
  for (const check of checks) {
    const issues: FieldIssue[] = [];
    const warnings: FieldIssue[] = [];
    const file = await checkUpload(check.upload, check.path, check.kind, check.rule, issues, warnings);
    checked.set(pathKey(check.path), { file, issues, warnings });
  }
  return checked;
}

function decodedAssetId(assetId: string): string | null {
  try {
    return decodeId(assetId, 'MediaAsset');
  } catch {
    return null;
  }
}

/**
 * The plan, with every problem (`issues`, in input order) and warning. `keepable` holds the
 * asset ids of the app's current additional images, the only ones an item may keep.
 */
export function planMedia(input: MediaInput, checked: Map<string, CheckedUpload>, keepable: ReadonlySet<string>) {
  const issues: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const files: CheckedFile[] = [];
  const take = (path: string[]) => {
    const result = checked.get(pathKey(path));
    if (!result) return null;
    issues.push(...result.issues);
    warnings.push(...result.warnings);
    if (result.file) files.push(result.file);
    return result.file;
  };
  const change = (upload: Upload | null | undefined, path: string[]): Change => (upload === undefined ? undefined : upload === null ? null : take(path));

  const mainImage = change(input.mainImage, ['mainImage']);
  let additionalImages: Slot[] | undefined;
  if (input.additionalImages === null) additionalImages = [];
  else if (input.additionalImages) {
    const count = additionalImageCountProblem(input.additionalImages.length);
    if (count) issues.push({ path: ['additionalImages'], ...count });
    additionalImages = [];
    const kept = new Set<string>();
    for (const [index, item] of itemsToRead(input.additionalImages).entries()) {
      const path = ['additionalImages', String(index)];
      const hasId = item.assetId != null;
      if (hasId === (item.file != null)) {
        issues.push({
          path,
          code: 'ONE_OF',
          message: `Additional image ${index + 1}: give either assetId (to keep an image) or file (to upload one), not ${hasId ? 'both' : 'neither'}.`,
        });
      } else if (hasId) {
        const id = decodedAssetId(String(item.assetId));
        if (!id || !keepable.has(id))
          issues.push({ path, code: 'UNKNOWN_ASSET', message: `Additional image ${index + 1}: that image is not among this app’s additional images.` });
        else if (kept.has(id)) issues.push({ path, code: 'DUPLICATE', message: `Additional image ${index + 1}: the same image is listed twice.` });
        else {
          kept.add(id);
          additionalImages.push({ keep: id });
        }
      } else {
        const file = take(path);
        if (file) additionalImages.push({ file });
      }
    }
  }
  const video = change(input.video, ['video']);
  const videoThumbnail = change(input.videoThumbnail, ['videoThumbnail']);
  const plan: MediaPlan = { mainImage, video, videoThumbnail, additionalImages, files };
  return { plan, issues, warnings };
}

/** Applies the plan inside saveTab's transaction; answers the MediaInfo columns to write. */
export async function applyMediaPlan(changes: AssetChanges, appId: string, plan: MediaPlan): Promise<Prisma.MediaInfoUncheckedUpdateInput> {
  const current = await changes.tx.mediaInfo.findUniqueOrThrow({
    where: { appId },
    include: { mainImage: true, video: true, videoThumbnail: true, additionalImages: ADDITIONAL_IMAGES },
  });
  const replace = async (change: Change, old: { id: string; storageKey: string } | null) => {
    if (change === undefined) return {};
    changes.release(old);
    return { id: change ? await changes.attach(change) : null };
  };
  const mainImage = await replace(plan.mainImage, current.mainImage);
  const video = await replace(plan.video, current.video);
  const videoThumbnail = await replace(plan.videoThumbnail, current.videoThumbnail);

  if (plan.additionalImages) {
    const order: string[] = [];
    for (const slot of plan.additionalImages) order.push('keep' in slot ? slot.keep : await changes.attach(slot.file));
    await replaceAdditionalImages(changes.tx, appId, order);
    for (const image of current.additionalImages) if (!order.includes(image.assetId)) changes.release(image.asset);
  }
  return {
    ...('id' in mainImage ? { mainImageId: mainImage.id } : {}),
    ...('id' in video ? { videoId: video.id } : {}),
    ...('id' in videoThumbnail ? { videoThumbnailId: videoThumbnail.id } : {}),
  };
}
