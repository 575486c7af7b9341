/**
 * Files for the API's `File` arguments, sent as the GraphQL multipart request spec says
 * (https://github.com/jaydenseric/graphql-multipart-request-spec): an `operations` part with the
 * variables' files set to null, a `map` part naming where each file goes, then the files.
 */

/** A file as a tool has it: a path on disk (Node), bytes (a Buffer is a Uint8Array), or a Blob/File. */
export type Uploadable = string | Uint8Array | ArrayBuffer | Blob;

/** Files by the variable path they fill, dotted: `input.mainImage`, `input.additionalImages.0.file`. */
export type UploadFiles = Record<string, Uploadable>;

const TYPES_BY_EXTENSION: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', mp4: 'video/mp4' };

/** The API sniffs a file's type from its bytes; the part's own type is only a hint. */
const typeOf = (name: string) => TYPES_BY_EXTENSION[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

/**
 * A File for any Uploadable: a path is read with Node's fs.openAsBlob (without loading the
 * whole file first); bytes and Blobs are wrapped. Also useful with urql or fetch, whose
 * multipart support takes File values in variables.
 */
export async function toFile(file: Uploadable, name?: string): Promise<File> {
  if (typeof file === 'string') {
    const { openAsBlob } = await import('node:fs');
    const fileName = name ?? file.split(/[\\/]/).pop() ?? 'upload';
    const blob = await openAsBlob(file, { type: typeOf(fileName) });
    return new File([blob], fileName, { type: blob.type });
  }
  if (typeof File !== 'undefined' && file instanceof File && name === undefined) return file;
  const fileName = name ?? 'upload';
  if (file instanceof Blob) return new File([file], fileName, { type: file.type || typeOf(fileName) });
  const bytes = file instanceof ArrayBuffer ? new Uint8Array(file) : file;
  return new File([bytes as Uint8Array<ArrayBuffer>], fileName, { type: typeOf(fileName) });
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  for (const [index, key] of keys.entries()) {
    if (index === keys.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (next === null || typeof next !== 'object') {
      node[key] = /^\d+$/.test(keys[index + 1]!) ? [] : {};
    }
    node = node[key] as Record<string, unknown>;
  }
}

/** Files already inside the variables (File or Blob values), by dotted path. */
export function filesIn(value: unknown, path = 'variables', found: Record<string, Blob> = {}): Record<string, Blob> {
  if (typeof Blob !== 'undefined' && value instanceof Blob) found[path] = value;
  else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) filesIn(item, `${path}.${index}`, found);
  } else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) filesIn(item, `${path}.${key}`, found);
  return found;
}

/**
 * The multipart body for one operation: `files` (by variable path, without the `variables.`
 * prefix) plus any File or Blob already in the variables.
 */
export async function multipartBody(
  operation: { query: string; operationName?: string | undefined; variables?: Record<string, unknown> | undefined },
  files: UploadFiles = {},
): Promise<FormData> {
  const variables: Record<string, unknown> = structuredCloneSafe(operation.variables ?? {});
  const parts: Array<[string, File]> = [];
  for (const [path, blob] of Object.entries(filesIn(operation.variables ?? {}))) {
    parts.push([path, await toFile(blob, blob instanceof File ? blob.name : undefined)]);
  }
  for (const [path, file] of Object.entries(files)) parts.push([`variables.${path}`, await toFile(file)]);
  for (const [path] of parts) setPath({ variables } as Record<string, unknown>, path, null);
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: operation.query, operationName: operation.operationName, variables }));
  form.append('map', JSON.stringify(Object.fromEntries(parts.map(([path], index) => [String(index), [path]]))));
  for (const [index, [, file]] of parts.entries()) form.append(String(index), file, file.name);
  return form;
}

/** A deep copy of plain data that keeps the shape but not the Blobs (they become null in `operations`). */
function structuredCloneSafe(value: Record<string, unknown>): Record<string, unknown> {
  const copy = (item: unknown): unknown => {
    if (typeof Blob !== 'undefined' && item instanceof Blob) return null;
    if (Array.isArray(item)) return item.map(copy);
    if (item !== null && typeof item === 'object') return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key, copy(inner)]));
    return item;
  };
  return copy(value) as Record<string, unknown>;
}
