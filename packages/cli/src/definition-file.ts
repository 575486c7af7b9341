/**
 * A definition file on disk (`ring-app.json`): reading and checking it with the same rules the
 * API applies (@ring/domain), and its media, which the file names by paths relative to itself.
 */
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { appDefinitionIssues, appDefinitionSchema, jsonPointer, type AppDefinitionInput, mediaReferences } from '@ring/domain';
import { CliError, EXIT } from './exit-codes.ts';

export const DEFINITION_FILE = 'ring-app.json';

export interface Problem {
  pointer: string;
  message: string;
  code: string;
}

export interface DefinitionFile {
  path: string;
  directory: string;
  /** As written: what is sent (media references aside) and written back. */
  json: AppDefinitionInput & Record<string, unknown>;
}

export async function readDefinitionFile(path: string): Promise<DefinitionFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(EXIT.BAD_FILE, `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(EXIT.BAD_FILE, `${path} is not JSON: ${(error as Error).message}.`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new CliError(EXIT.BAD_FILE, `${path} must hold a JSON object.`);
  return { path, directory: dirname(resolve(path)), json: json as DefinitionFile['json'] };
}

export async function writeDefinitionFile(file: Pick<DefinitionFile, 'path' | 'json'>): Promise<void> {
  await writeFile(file.path, `${JSON.stringify(file.json, null, 2)}\n`);
}

/** A media reference that names a file next to the definition (rather than the app's own media by URL or hash). */
async function localFile(directory: string, ref: string): Promise<string | undefined> {
  if (/^(https?:|sha256:)/i.test(ref)) return undefined;
  const path = resolve(directory, ref);
  const found = await stat(path).catch(() => undefined);
  return found?.isFile() ? path : undefined;
}

/** Every problem the format's rules find (the same rules as the API's), and media files that are missing. */
export async function problemsOf(file: DefinitionFile): Promise<Problem[]> {
  const parsed = appDefinitionSchema.safeParse(file.json);
  const problems: Problem[] = parsed.success
    ? []
    : appDefinitionIssues(parsed.error).map((issue) => ({ pointer: jsonPointer(issue.path), message: issue.message, code: issue.code }));
  if (!parsed.success) return problems;
  for (const { path, ref } of mediaReferences(file.json)) {
    const looksLikeFile = !/^(https?:|sha256:)/i.test(ref) && !/(^|\/)media\/[0-9a-f-]{36}$/i.test(ref);
    if (looksLikeFile && !(await localFile(file.directory, ref))) {
      problems.push({ pointer: jsonPointer(path), message: `No file “${ref}” next to ${DEFINITION_FILE}.`, code: 'UNKNOWN_MEDIA' });
    }
  }
  return problems;
}

export function badFile(path: string, problems: Problem[]): CliError {
  return new CliError(
    EXIT.BAD_FILE,
    [
      `${path} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was sent:`,
      ...problems.map((p) => `  ${p.pointer}: ${p.message}`),
    ].join('\n'),
    { problems },
  );
}

/** A local media file, named to the API by its content hash (which is how the API keys media). */
export interface LocalMedia {
  ref: string;
  file: string;
  hashRef: string;
  size: number;
}

/**
 * The definition as sent: local files replaced by `sha256:<hex>`, so that files the app already
 * has need no upload, and the files behind them in case the API does not have them.
 */
export async function withHashedMedia(file: DefinitionFile): Promise<{ definition: Record<string, unknown>; media: LocalMedia[] }> {
  const definition = structuredClone(file.json) as Record<string, unknown>;
  const media: LocalMedia[] = [];
  for (const { path, ref } of mediaReferences(file.json)) {
    const local = await localFile(file.directory, ref);
    if (!local) continue;
    const bytes = await readFile(local);
    const hashRef = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (!media.some((each) => each.ref === ref)) media.push({ ref, file: local, hashRef, size: bytes.length });
    let node = definition as Record<string, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[path.at(-1)!] = hashRef;
  }
  return { definition, media };
}
