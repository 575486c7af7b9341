/** Apps as code: export an app to ring-app.json, validate it, see what a push would change, push it. */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppDefinition_ApplyDocument, AppDefinition_ExportDocument, NewAppPage_CreateAppDocument, type AppDefinition_ApplyMutation } from '@ring/client';
import { appDefinitionJsonSchema, jsonPointer, mediaReferences } from '@ring/domain';
import { type Api, succeeded } from '../api.ts';
import {
  badFile,
  DEFINITION_FILE,
  type DefinitionFile,
  problemsOf,
  readDefinitionFile,
  type LocalMedia,
  withHashedMedia,
  writeDefinitionFile,
} from '../definition-file.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import type { Output } from '../output.ts';
import { progressBar } from '../upload-progress.ts';

type ApplyResult = AppDefinition_ApplyMutation['applyAppDefinition'];
type Applied = Extract<ApplyResult, { __typename: 'ApplyAppDefinitionSuccess' }>;

const SCHEMA_FILE = 'ring-app.schema.json';
const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'video/mp4': 'mp4' };

/** Where an export keeps each media file: media/icon.png, media/additional-image-2.jpg... */
const mediaName = (path: string[]) => {
  const [field, index] = path.slice(2);
  const name = (field ?? 'file').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return index === undefined ? name : `${name.replace(/s$/, '')}-${Number(index) + 1}`;
};

export async function exportApp(api: Api, output: Output, appId: string, options: { out: string; force?: boolean }): Promise<void> {
  const target = join(options.out, DEFINITION_FILE);
  if (!options.force && (await stat(target).catch(() => undefined))) {
    throw new CliError(EXIT.USAGE, `${target} exists: use --force to replace it, or --out for another folder.`);
  }
  const { node } = await api.request(AppDefinition_ExportDocument, { id: appId });
  if (node?.__typename !== 'App') throw new CliError(EXIT.FAILED, `No app ${appId} among yours.`, { type: 'NotFoundError' });
  const definition = structuredClone(node.definition) as DefinitionFile['json'];
  await mkdir(join(options.out, 'media'), { recursive: true });
  const written: string[] = [];
  for (const { path, ref } of mediaReferences(definition)) {
    output.progress(`Downloading ${jsonPointer(path)}…`);
    const response = await fetch(new URL(ref, api.url), { headers: { authorization: `Bearer ${api.token}` } }).catch((error: Error) => {
      throw new CliError(EXIT.NETWORK, `Cannot download ${ref}: ${error.message}.`);
    });
    if (!response.ok) throw new CliError(EXIT.FAILED, `Downloading ${ref} answered HTTP ${response.status}.`);
    const extension = EXTENSIONS[response.headers.get('content-type') ?? ''] ?? 'bin';
    const file = `media/${mediaName(path)}.${extension}`;
    await writeFile(join(options.out, file), new Uint8Array(await response.arrayBuffer()));
    let holder = definition as Record<string, unknown>;
    for (const key of path.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
    holder[path.at(-1)!] = file;
    written.push(file);
  }
  await writeFile(join(options.out, SCHEMA_FILE), `${JSON.stringify(appDefinitionJsonSchema(), null, 2)}\n`);
  await writeDefinitionFile({ path: target, json: { $schema: `./${SCHEMA_FILE}`, ...definition } });
  output.result(`Wrote ${target} and ${written.length} media file${written.length === 1 ? '' : 's'} (editors check it against ${SCHEMA_FILE}).`, {
    file: target,
    media: written,
  });
}

async function checkedFile(path: string): Promise<DefinitionFile> {
  const file = await readDefinitionFile(path);
  const problems = await problemsOf(file);
  if (problems.length > 0) throw badFile(path, problems);
  return file;
}

export async function validate(output: Output, path: string): Promise<void> {
  await checkedFile(path);
  output.result(`${path} is valid.`, { file: path, valid: true, problems: [] });
}

/**
 * Applies (or, dry, checks) the file. Media go as their hashes first; only files the API does not
 * have yet are then uploaded, so an unchanged push sends no file.
 */
async function apply(api: Api, appId: string, file: DefinitionFile, dryRun: boolean): Promise<Applied> {
  const { definition, media } = await withHashedMedia(file);
  const input = { appId, definition, dryRun };
  let result: ApplyResult = (await api.request(AppDefinition_ApplyDocument, { input })).applyAppDefinition;
  const missing = missingMedia(result, definition, media);
  if (missing.length > 0) {
    const size = missing.reduce((sum, each) => sum + each.size, 0);
    const files = Object.fromEntries(missing.map((each, index) => [`input.files.${index}.file`, each.file]));
    const variables = { input: { ...input, files: missing.map((each) => ({ path: each.hashRef, file: null as unknown as File })) } };
    const label = `Uploading ${missing.length} file${missing.length === 1 ? '' : 's'}`;
    result = (await api.upload(AppDefinition_ApplyDocument, variables, files, size > 0 ? progressBar(label) : undefined)).applyAppDefinition;
  }
  if (result.__typename === 'ValidationError') {
    throw badFile(
      file.path,
      result.fields.map((field) => ({ pointer: field.pointer, message: field.message, code: field.code })),
    );
  }
  const applied = succeeded(result, 'ApplyAppDefinitionSuccess');
  // Changes name media as sent: show the file's own references again.
  const byHash = new Map(media.map((each) => [each.hashRef, each.ref]));
  const named = (value: unknown): unknown => (typeof value === 'string' ? (byHash.get(value) ?? value) : Array.isArray(value) ? value.map(named) : value);
  return { ...applied, changes: applied.changes.map((change) => ({ ...change, before: change.before, after: named(change.after) })) };
}

/** The local files the API answered UNKNOWN_MEDIA for, found by the pointer of the field naming them. */
function missingMedia(result: ApplyResult, sent: Record<string, unknown>, media: LocalMedia[]): LocalMedia[] {
  if (result.__typename !== 'ValidationError') return [];
  const refAt = new Map(mediaReferences(sent).map(({ path, ref }) => [jsonPointer(path), ref]));
  const unknown = new Set(result.fields.filter((field) => field.code === 'UNKNOWN_MEDIA').map((field) => refAt.get(field.pointer)));
  return media.filter((each) => unknown.has(each.hashRef));
}

const show = (value: unknown) => (value === null || value === undefined ? '(none)' : typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value));

function changeLines(applied: Applied, verb: string): string[] {
  if (!applied.changed) return [`No changes: the app already matches the file.`];
  return [
    `${applied.changes.length} field${applied.changes.length === 1 ? '' : 's'} ${verb}:`,
    ...applied.changes.flatMap((change) => [`  ${change.pointer}`, `    - ${show(change.before)}`, `    + ${show(change.after)}`]),
    ...applied.warnings.map((warning) => `warning ${warning.pointer}: ${warning.message}`),
  ];
}

const appIdOf = (file: DefinitionFile, flag: string | undefined) => flag ?? file.json.app?.id;

export async function diff(api: Api, output: Output, path: string, options: { app?: string }): Promise<void> {
  const file = await checkedFile(path);
  const appId = appIdOf(file, options.app);
  if (!appId) throw new CliError(EXIT.USAGE, `${path} names no app (app.id): give --app <id>, or push it to create the app.`);
  const applied = await apply(api, appId, file, true);
  output.result(changeLines(applied, 'would change'), { appId, changed: applied.changed, changes: applied.changes, warnings: applied.warnings });
}

export async function push(api: Api, output: Output, path: string, options: { app?: string; name?: string; acceptCompliance?: boolean }): Promise<void> {
  const file = await checkedFile(path);
  let appId = appIdOf(file, options.app);
  let created: { id: string; credentials: { clientId: string; clientSecret: string; hmacSignatureKey: string } } | undefined;
  if (!appId) {
    const name = options.name ?? file.json.appInfo?.general?.publicName;
    if (!name) throw new CliError(EXIT.USAGE, 'A new app needs a name: give --name, or a publicName in the file.');
    if (!options.acceptCompliance) {
      throw new CliError(
        EXIT.USAGE,
        'Creating an app means accepting the Developer Compliance agreement: read it in the console, then pass --accept-compliance.',
      );
    }
    const result = await api.request(NewAppPage_CreateAppDocument, { input: { name, acceptCompliance: true } });
    const success = succeeded(result.createApp, 'CreateAppSuccess');
    appId = success.app.id;
    const { clientId, clientSecret, hmacSignatureKey } = success.credentials;
    created = { id: appId, credentials: { clientId, clientSecret, hmacSignatureKey } };
    // Written back at once, so that a rerun after a failed apply updates this app instead of creating another.
    file.json = { ...file.json, app: { ...file.json.app, id: appId } };
    await writeDefinitionFile(file);
    output.progress(`Created app ${name} (${appId}); its id is now in ${path}.`);
  }
  const applied = await apply(api, appId, file, false);
  const lines = changeLines(applied, 'changed');
  if (created) {
    lines.unshift(
      'Credentials (shown once, never again; store them in your secret manager now):',
      `  Client ID           ${created.credentials.clientId}`,
      `  Client secret       ${created.credentials.clientSecret}`,
      `  HMAC signature key  ${created.credentials.hmacSignatureKey}`,
    );
  }
  output.result(lines, { appId, created: created !== undefined, credentials: created?.credentials, changed: applied.changed, changes: applied.changes });
}
