/**
 * Test media made in code (PNG via node:zlib) or read from small committed fixtures (JPEG, MP4
 * made once with Debian's ffmpeg), and the multipart body browsers send for them (the GraphQL
 * multipart request spec). No API here: the benchmark uses these against a running server.
 */
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

const fixtures = new URL('../fixtures/media/', import.meta.url);
export const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, fixtures)));

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(width: number, height: number, colourType = 2): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = 8; // bit depth
  data[9] = colourType; // 2: RGB, 0: grey
  return chunk('IHDR', data);
}

/**
 * A real, decodable PNG of a flat colour. `size` pads it to exactly that many bytes with a
 * text chunk, for the limits measured in bytes.
 */
export function png(width: number, height: number, options: { size?: number; seed?: number } = {}): Uint8Array {
  const row = Buffer.alloc(1 + width * 3);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 24);
  for (let x = 0; x < width; x++) row.writeUIntBE(seed, 1 + x * 3, 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const parts = [SIGNATURE, ihdr(width, height), chunk('IDAT', deflateSync(raw, { level: 9 }))];
  const end = chunk('IEND', new Uint8Array());
  let total = parts.reduce((sum, part) => sum + part.length, 0) + end.length;
  if (options.size !== undefined) {
    const padding = options.size - total - 12;
    if (padding < 8) throw new Error(`cannot pad a ${total}-byte PNG to ${options.size}`);
    parts.push(chunk('tEXt', Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.alloc(padding - 8, 0x61)])));
    total = options.size;
  }
  return new Uint8Array(Buffer.concat([...parts, end]));
}

/** A PNG as a browser file chooser gets it (playwright's setInputFiles). */
export const pngFile = (name: string, width = 1024, height = 1024) => ({ name, mimeType: 'image/png', buffer: Buffer.from(png(width, height)) });

/** A PNG whose header claims a size its few bytes could never hold (a decompression bomb's shape). */
export function pngClaiming(width: number, height: number): Uint8Array {
  return new Uint8Array(Buffer.concat([SIGNATURE, ihdr(width, height), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', new Uint8Array())]));
}

/**
 * A real, decodable grey PNG of zeros: a few kilobytes that decode to width x height pixels,
 * which at 8192x8192 is the decompression bomb's shape with its data actually there.
 */
export function zeroPng(width: number, height: number): Uint8Array {
  return new Uint8Array(
    Buffer.concat([SIGNATURE, ihdr(width, height, 0), chunk('IDAT', deflateSync(Buffer.alloc((width + 1) * height))), chunk('IEND', new Uint8Array())]),
  );
}

/** A PNG with a sound header and end chunk whose image data is not deflate data at all. */
export function pngWithBadData(width: number, height: number): Uint8Array {
  return new Uint8Array(
    Buffer.concat([SIGNATURE, ihdr(width, height), chunk('IDAT', Buffer.from('these bytes are no image data')), chunk('IEND', new Uint8Array())]),
  );
}

/** The 1024x1024 JPEG fixture with its scan data overwritten: headers and end marker intact. */
export function corruptJpeg(): Uint8Array {
  const bytes = Buffer.from(fixture('icon-1024.jpg'));
  const scan = bytes.indexOf(Buffer.from([0xff, 0xda]));
  return new Uint8Array(Buffer.concat([bytes.subarray(0, scan + 20), Buffer.alloc(200, 0x55), Buffer.from([0xff, 0xd9])]));
}

/** An MP4 padded to exactly `size` bytes with a trailing `free` box (players skip it). */
export function padMp4(bytes: Uint8Array, size: number): Uint8Array {
  const padding = size - bytes.length;
  if (padding < 8) throw new Error('too small to pad');
  const free = Buffer.alloc(padding);
  free.writeUInt32BE(padding, 0);
  free.write('free', 4, 'latin1');
  return new Uint8Array(Buffer.concat([bytes, free]));
}

/**
 * Where the box at `path` (e.g. ['moov', 'trak', 'mdia', 'mdhd']) starts in an MP4, taking the
 * first box of each name; throws when there is none.
 */
export function mp4BoxOffset(bytes: Uint8Array, path: string[]): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 0;
  let end = view.length;
  for (const [depth, name] of path.entries()) {
    let offset = start;
    while (offset + 8 <= end && view.toString('latin1', offset + 4, offset + 8) !== name) offset += view.readUInt32BE(offset);
    if (offset + 8 > end) throw new Error(`no ${path.slice(0, depth + 1).join('/')} box`);
    if (depth === path.length - 1) return offset;
    start = offset + 8;
    end = offset + view.readUInt32BE(offset);
  }
  throw new Error('empty path');
}

/**
 * A copy of an MP4 with 32-bit fields rewritten: each edit names a box and the byte offset of
 * the field from the box's start (its size field). For lying headers made from real files.
 */
export function editMp4(bytes: Uint8Array, edits: Array<{ box: string[]; at: number; value: number; width?: 2 | 4 }>): Uint8Array {
  const copy = Buffer.from(bytes);
  for (const edit of edits) {
    const offset = mp4BoxOffset(copy, edit.box) + edit.at;
    if (edit.width === 2) copy.writeUInt16BE(edit.value, offset);
    else copy.writeUInt32BE(edit.value, offset);
  }
  return new Uint8Array(copy);
}

/** Field offsets from a box's start, for version-0 boxes (what ffmpeg writes for short clips). */
export const MP4_FIELDS = {
  /** mvhd and mdhd: size, type, version+flags, creation, modification, then timescale, duration. */
  timescale: 20,
  duration: 24,
  /** tkhd: width and height in 16.16 fixed point. */
  tkhdWidth: 84,
  tkhdHeight: 88,
  /** stsd: size, type, version+flags, entry count, then the first sample entry (avc1), whose width and height are 16-bit. */
  entryWidth: 16 + 32,
  entryHeight: 16 + 34,
  /** stts: size, type, version+flags, entry count, then (sample count, sample delta) pairs. */
  sttsEntryCount: 12,
  sttsFirstCount: 16,
  sttsFirstDelta: 20,
} as const;

export const ZIP = new Uint8Array(Buffer.from('504b0304140000000800000000000000000000000000000000000500000068656c6c6f', 'hex'));
export const HTML = new Uint8Array(Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'));

export interface UploadFile {
  bytes: Uint8Array;
  name: string;
  /** What the client claims; the server must not believe it. */
  type?: string;
}

/** Sets `value` at a dotted path like "input.additionalImages.1.file" inside `target`. */
function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = target as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

/** The parts of a multipart GraphQL request: operations, map, then the files in order. */
export function multipartBody<TVariables>(
  document: TypedDocumentNode<unknown, TVariables> | string,
  variables: TVariables,
  files: Record<string, UploadFile>,
): FormData {
  const operations = { query: typeof document === 'string' ? document : print(document), variables: structuredClone(variables) as Record<string, unknown> };
  const map: Record<string, string[]> = {};
  const form = new FormData();
  Object.keys(files).forEach((path, index) => {
    setPath(operations.variables, path, null);
    map[String(index)] = [`variables.${path}`];
  });
  form.append('operations', JSON.stringify(operations));
  form.append('map', JSON.stringify(map));
  for (const [index, file] of Object.values(files).entries()) {
    form.append(String(index), new Blob([file.bytes as BlobPart], { type: file.type ?? 'application/octet-stream' }), file.name);
  }
  return form;
}
