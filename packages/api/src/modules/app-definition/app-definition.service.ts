/**
 * App definitions: an app's Configure data as one document (the format is @ring/domain's
 * appDefinitionSchema). Export reads it; apply checks all of it first (every problem at its
 * JSON pointer), compares it with what is saved, and writes only what differs, through the
 * tabs' and account linking's own prepared saves, all in one transaction with one audit event.
 * Applying the same definition again finds nothing to change and writes nothing.
 *
 * Media: a definition names files by reference (see resolveMedia). New files travel with the
 * mutation (GraphQL multipart, `files: [{ path, file }]`), matched to the references by path;
 * files the app already has are named by their media URL (as exported) or `sha256:<hex>`.
 * Files are compared by content hash, so sending the same bytes again is no change.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  APP_DEFINITION_SCHEMA_ID,
  APP_DEFINITION_VERSION,
  appDefinitionIssues,
  appDefinitionSchemaWith,
  jsonPointer,
  LINKING_FIELDS,
  mediaReferences,
  LINKING_SECTIONS,
  type AppDefinition,
  type AppDefinitionInput,
  type FieldIssue,
  type LinkingEnvironment,
  type MediaReferenceAt,
} from '@ring/domain';
import type { Viewer } from '../../context.ts';
import { ValidationError } from '../../errors.ts';
import { decodeId } from '../../ids.ts';
import { localEndpointsAllowed } from '../../outbound/local-endpoints.ts';
import { accountLinkingForApp, writeAccountLinking, type AccountLinkingView, type SaveLinkingInput } from '../account-linking/account-linking.service.ts';
import {
  loadInfo,
  prepareAdditional,
  prepareCompatibility,
  prepareGeneral,
  prepareMedia,
  publicNameHeldElsewhere,
  publicNameTaken,
  withPublicNameChecked,
  type AdditionalImageInput,
  type LoadedInfo,
} from '../app-info/app-info.service.ts';
import type { PreparedTab } from '../app-info/save-tab.ts';
import { findOwnedApp, lockAppForWrite } from '../apps/apps.access.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { mediaPath } from '../media/media-path.ts';
import { commitWithFiles, mediaContentKey, storedUpload, type Upload } from '../media/media.service.ts';

/** A file sent with a definition: `path` is the reference the definition uses for it. */
export interface DefinitionFile {
  path: string;
  file: Upload;
}

export interface ApplyDefinitionInput {
  appId: string;
  definition: unknown;
  files?: readonly DefinitionFile[] | null;
  dryRun?: boolean | null;
}

/** One field that differs: what is saved and what the definition gives. */
export interface DefinitionChange {
  pointer: string;
  before: unknown;
  after: unknown;
}

export interface ApplyDefinitionResult {
  app: { id: string };
  dryRun: boolean;
  changes: DefinitionChange[];
  warnings: FieldIssue[];
}

type Asset = { id: string; storageKey: string };

// ---------------------------------------------------------------------------- Export

const mediaRef = (asset: Asset | null | undefined) => (asset ? mediaPath(asset.id) : null);

/** The app's saved Configure data as a definition; applying it back changes nothing. */
export async function exportDefinition(appId: string): Promise<AppDefinitionInput> {
  const [info, linking] = await Promise.all([loadInfo(appId), accountLinkingForApp(appId)]);
  const { general, media, compatibility, additional } = info;
  const additionalImages = (media?.additionalImages ?? []).map((image) => mediaPath(image.asset.id));
  return {
    $schema: APP_DEFINITION_SCHEMA_ID,
    version: APP_DEFINITION_VERSION,
    app: { id: encodeGlobalID('App', appId) },
    appInfo: {
      general: {
        publicName: general?.publicName ?? null,
        icon: mediaRef(general?.icon),
        shortDescription: general?.shortDescription ?? null,
        detailedDescription: general?.detailedDescription ?? null,
        // An empty required list is written as null (clear), which the rules accept, rather than [].
        categories: general?.categories.length ? general.categories : null,
        latestRelease: general?.latestRelease ?? null,
      },
      media: {
        mainImage: mediaRef(media?.mainImage),
        additionalImages: additionalImages.length ? additionalImages : null,
        video: mediaRef(media?.video),
        videoThumbnail: mediaRef(media?.videoThumbnail),
      },
      compatibility: {
        features: compatibility?.features ?? null,
        requirements: compatibility?.requirements ?? null,
        customerTypes: compatibility?.customerTypes ?? [],
        supportedDevices: compatibility?.supportedDevices ?? [],
        cameraTypes: compatibility?.cameraTypes ?? [],
      },
      additional: {
        developerInfo: additional?.developerInfo ?? null,
        websiteUrl: additional?.websiteUrl ?? null,
        supportUrl: additional?.supportUrl ?? null,
        privacyPolicyUrl: additional?.privacyPolicyUrl ?? null,
        termsOfServiceUrl: additional?.termsOfServiceUrl ?? null,
      },
    },
    // An environment never saved is left out: there is nothing to apply back.
    accountLinking: Object.fromEntries(
      Object.entries(LINKING_SECTIONS)
        .filter(([, environment]) => linkingOf(linking, environment).version > 0)
        .map(([section, environment]) => [section, linkingUrls(linking, environment)]),
    ),
  };
}

const linkingOf = (view: AccountLinkingView, environment: LinkingEnvironment) => (environment === 'STAGING' ? view.staging : view.production);

function linkingUrls(view: AccountLinkingView, environment: LinkingEnvironment) {
  const settings = linkingOf(view, environment);
  return Object.fromEntries(LINKING_FIELDS.map((field) => [field, settings[field] ?? null])) as Record<(typeof LINKING_FIELDS)[number], string | null>;
}

// ---------------------------------------------------------------------------- Media references

/** A media reference resolved: the bytes' content key and how to read them. */
interface ResolvedMedia {
  ref: string;
  key: string;
  upload: Upload;
}

const MEDIA_URL = /(?:^|\/)media\/([0-9a-f-]{36})$/i;
const SHA256 = /^sha256:([0-9a-f]{64})$/i;

/** Every asset the app's tabs use now, the ones a definition may name by URL or hash. */
function currentAssets(info: LoadedInfo): Asset[] {
  const assets = [
    info.general?.icon,
    info.media?.mainImage,
    info.media?.video,
    info.media?.videoThumbnail,
    ...(info.media?.additionalImages ?? []).map((i) => i.asset),
  ];
  return assets.filter((asset): asset is NonNullable<typeof asset> => asset != null);
}

const bytesUpload = (bytes: Uint8Array): Upload => ({ arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer });

/**
 * Resolves the references: a file sent with the definition (by its path), else a media URL of
 * one of the app's current assets (a path or an absolute URL ending /media/<id>), else
 * `sha256:<hex>` of one of them. Anything else is a problem at its pointer.
 */
async function resolveMedia(refs: MediaReferenceAt[], files: readonly DefinitionFile[], assets: Asset[], issues: FieldIssue[]) {
  const sent = new Map<string, Promise<Uint8Array>>();
  for (const file of files)
    sent.set(
      file.path,
      file.file.arrayBuffer().then((buffer) => new Uint8Array(buffer)),
    );
  const resolved = new Map<string, ResolvedMedia>();
  for (const { path, ref } of refs) {
    if (resolved.has(ref)) continue;
    const bytes = sent.get(ref);
    if (bytes) {
      const read = await bytes;
      resolved.set(ref, { ref, key: mediaContentKey(read), upload: bytesUpload(read) });
      continue;
    }
    let pathname = ref;
    try {
      pathname = new URL(ref).pathname;
    } catch {
      // not absolute: compared as a path
    }
    const byUrl = MEDIA_URL.exec(pathname)?.[1]?.toLowerCase();
    const byHash = SHA256.exec(ref)?.[1]?.toLowerCase();
    const asset = assets.find((candidate) => (byUrl ? candidate.id === byUrl : byHash ? candidate.storageKey === byHash : false));
    if (asset) {
      resolved.set(ref, { ref, key: asset.storageKey, upload: storedUpload(asset.storageKey) });
    } else {
      issues.push({
        path,
        code: 'UNKNOWN_MEDIA',
        message: `“${ref}” is neither a file sent with the definition (files[].path) nor one of this app’s current media (its URL or sha256:<hex>).`,
      });
    }
  }
  return resolved;
}

// ---------------------------------------------------------------------------- Apply

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Collects the changes, pointer by pointer, and the fields of a tab's input that differ. */
class Diff {
  readonly changes: DefinitionChange[] = [];
  field<K extends string>(input: Record<string, unknown>, base: string[], key: K, before: unknown, after: unknown, inputValue: unknown = after): void {
    if (same(before, after)) return;
    this.changes.push({ pointer: jsonPointer([...base, key]), before, after });
    input[key] = inputValue;
  }
}

const under = (prefix: string[], issues: FieldIssue[]) => issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path] }));

export async function applyDefinition(viewer: Viewer, input: ApplyDefinitionInput): Promise<ApplyDefinitionResult> {
  const app = await findOwnedApp(viewer, input.appId);
  const parsed = appDefinitionSchemaWith(() => ({ allowLocalEndpoints: localEndpointsAllowed() })).safeParse(input.definition);
  if (!parsed.success) throw new ValidationError(appDefinitionIssues(parsed.error), 'The app definition is not valid; nothing was saved.');
  const definition: AppDefinition = parsed.data;
  const issues: FieldIssue[] = [];
  if (definition.app?.id !== undefined && !sameApp(definition.app.id, app.id)) {
    issues.push({ path: ['app', 'id'], code: 'NOT_ALLOWED', message: 'This definition names another app (app.id); apply it to that app, or remove app.id.' });
  }

  const [info, linking] = await Promise.all([loadInfo(app.id), accountLinkingForApp(app.id)]);
  const { general, media, compatibility, additional } = definition.appInfo ?? {};
  const resolved = await resolveMedia(mediaReferences(definition), input.files ?? [], currentAssets(info), issues);
  // A reference that did not resolve is already a problem; its field is left out of the comparison.
  const known = (ref: string | null | undefined) => ref == null || resolved.has(ref);
  const keyOf = (ref: string | null | undefined) => (ref == null ? null : resolved.get(ref)!.key);
  const uploadOf = (ref: string | null | undefined) => (ref == null ? null : resolved.get(ref)!.upload);

  const diff = new Diff();
  const saves: PreparedTab[] = [];
  let storesPublicName = false;

  if (general) {
    const row = info.general;
    const changed: Record<string, unknown> = {};
    const base = ['appInfo', 'general'];
    for (const key of ['publicName', 'shortDescription', 'detailedDescription', 'latestRelease'] as const) {
      if (general[key] !== undefined) diff.field(changed, base, key, row?.[key] ?? null, general[key]);
    }
    if (general.categories !== undefined) diff.field(changed, base, 'categories', row?.categories ?? [], general.categories ?? []);
    if (general.icon !== undefined && known(general.icon) && keyOf(general.icon) !== (row?.icon?.storageKey ?? null)) {
      diff.field(changed, base, 'icon', mediaRef(row?.icon), general.icon, uploadOf(general.icon));
    }
    if (Object.keys(changed).length) {
      const save = await prepareGeneral(app.id, { ...changed, expectedVersion: row?.version ?? 0 } as Parameters<typeof prepareGeneral>[1]);
      storesPublicName = save.storesPublicName;
      saves.push({ ...save, issues: under(base, save.issues), warnings: under(base, save.warnings) });
    }
  }

  if (media) {
    const row = info.media;
    const changed: Record<string, unknown> = {};
    const base = ['appInfo', 'media'];
    const slots = { mainImage: row?.mainImage, video: row?.video, videoThumbnail: row?.videoThumbnail };
    for (const key of ['mainImage', 'video', 'videoThumbnail'] as const) {
      if (media[key] !== undefined && known(media[key]) && keyOf(media[key]) !== (slots[key]?.storageKey ?? null)) {
        diff.field(changed, base, key, mediaRef(slots[key]), media[key], uploadOf(media[key]));
      }
    }
    if (media.additionalImages !== undefined && (media.additionalImages ?? []).every(known)) {
      const current = (row?.additionalImages ?? []).map((image) => image.asset);
      const wanted = media.additionalImages ?? [];
      if (
        !same(
          current.map((asset) => asset.storageKey),
          wanted.map(keyOf),
        )
      ) {
        // An image already among the additional ones is kept (moved if need be), not stored again.
        const unused = [...current];
        const items: AdditionalImageInput[] = wanted.map((ref) => {
          const index = unused.findIndex((asset) => asset.storageKey === keyOf(ref));
          if (index < 0) return { file: uploadOf(ref) };
          const [kept] = unused.splice(index, 1);
          return { assetId: encodeGlobalID('MediaAsset', kept!.id) };
        });
        diff.field(changed, base, 'additionalImages', current.map(mediaRef), media.additionalImages, media.additionalImages === null ? null : items);
      }
    }
    if (Object.keys(changed).length) {
      const save = await prepareMedia(app.id, { ...changed, expectedVersion: row?.version ?? 0 } as Parameters<typeof prepareMedia>[1]);
      saves.push({ ...save, issues: under(base, save.issues), warnings: under(base, save.warnings) });
    }
  }

  if (compatibility) {
    const row = info.compatibility;
    const changed: Record<string, unknown> = {};
    const base = ['appInfo', 'compatibility'];
    for (const key of ['features', 'requirements'] as const)
      if (compatibility[key] !== undefined) diff.field(changed, base, key, row?.[key] ?? null, compatibility[key]);
    for (const key of ['customerTypes', 'supportedDevices', 'cameraTypes'] as const) {
      if (compatibility[key] !== undefined) diff.field(changed, base, key, row?.[key] ?? [], compatibility[key] ?? []);
    }
    if (Object.keys(changed).length) {
      const save = prepareCompatibility(app.id, { ...changed, expectedVersion: row?.version ?? 0 } as Parameters<typeof prepareCompatibility>[1]);
      saves.push({ ...save, issues: under(base, save.issues) });
    }
  }

  if (additional) {
    const row = info.additional;
    const changed: Record<string, unknown> = {};
    const base = ['appInfo', 'additional'];
    for (const key of ['developerInfo', 'websiteUrl', 'supportUrl', 'privacyPolicyUrl', 'termsOfServiceUrl'] as const) {
      if (additional[key] !== undefined) diff.field(changed, base, key, row?.[key] ?? null, additional[key]);
    }
    if (Object.keys(changed).length) {
      const save = prepareAdditional(app.id, { ...changed, expectedVersion: row?.version ?? 0 } as Parameters<typeof prepareAdditional>[1]);
      saves.push({ ...save, issues: under(base, save.issues) });
    }
  }

  const linkingSaves: SaveLinkingInput[] = [];
  for (const [section, environment] of Object.entries(LINKING_SECTIONS)) {
    const urls = definition.accountLinking?.[section as keyof typeof LINKING_SECTIONS];
    if (!urls) continue;
    const before = linkingUrls(linking, environment);
    // Saved trimmed, as the environment's own save stores them; the schema has refused a missing one.
    const after = Object.fromEntries(LINKING_FIELDS.map((field) => [field, (urls[field] ?? '').trim()])) as Record<(typeof LINKING_FIELDS)[number], string>;
    const changed: Record<string, unknown> = {};
    for (const field of LINKING_FIELDS) diff.field(changed, ['accountLinking', section], field, before[field], after[field]);
    if (Object.keys(changed).length) linkingSaves.push({ environment, expectedVersion: linkingOf(linking, environment).version, ...after });
  }

  issues.push(...saves.flatMap((save) => save.issues));
  if (issues.length) throw new ValidationError(issues, 'The app definition is not valid; nothing was saved.');
  // A dry run writes nothing, so it asks whether the name is held; an apply learns it from the
  // unique key inside its transaction, which then rolls back whole.
  const publicNamePath = ['appInfo', 'general', 'publicName'];
  if (input.dryRun && general?.publicName && storesPublicName && (await publicNameHeldElsewhere(app.id, general.publicName))) {
    throw publicNameTaken(publicNamePath);
  }
  const result = { app, dryRun: input.dryRun === true, changes: diff.changes, warnings: saves.flatMap((save) => save.warnings) };
  if (result.dryRun || !diff.changes.length) return result;

  await withPublicNameChecked(storesPublicName, publicNamePath, () =>
    commitWithFiles(
      app.id,
      saves.flatMap((save) => save.files),
      async (changes) => {
        await lockAppForWrite(changes.tx, app.id);
        for (const save of saves) await save.write(changes);
        for (const save of linkingSaves) await writeAccountLinking(changes.tx, app.id, save);
        const sections = [...new Set(diff.changes.map((change) => change.pointer.split('/').slice(1, 3).join('.')))];
        await recordAudit(changes.tx, {
          actorId: viewer.id,
          appId: app.id,
          action: 'configure.definition-applied',
          detail: { changes: diff.changes.length, sections },
        });
      },
    ),
  );
  return result;
}

function sameApp(globalId: string, appId: string): boolean {
  try {
    return decodeId(globalId, 'App') === appId;
  } catch {
    return false;
  }
}
