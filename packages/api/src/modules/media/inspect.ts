/**
 * What a file is, from its bytes alone: the client's file name and declared type are never
 * consulted. Images are measured from their header, refused on those dimensions alone when
 * they are too large to decode safely, and otherwise decoded in full (libvips, through sharp)
 * to prove they are real images; MP4s are checked box by box, parsed with mp4box, and
 * judged by their video track's tables (see mp4-track.ts).
 */
import { IMAGE_MAX_PIXELS, imageDimensionsProblem, type MediaFacts, type MediaProblem } from '@ring/domain';
import { videoTrackFacts, type ParsedMovie } from './mp4-track.ts';

/**
 * The parsers (about 60 modules, ~100 ms to load) are needed only once a file is uploaded:
 * loaded then, or ahead by warmMediaInspection(), not at every start.
 */
const loadParsers = async () => {
  const [{ fileTypeFromBuffer }, { imageSize }, { createFile, MP4BoxBuffer }, { default: sharp }] = await Promise.all([
    import('file-type'),
    import('image-size'),
    import('mp4box'),
    import('sharp'),
  ]);
  // Every upload is new bytes: caching decoded images would only hold memory.
  sharp.cache(false);
  return { fileTypeFromBuffer, imageSize, createFile, MP4BoxBuffer, sharp };
};
type Parsers = Awaited<ReturnType<typeof loadParsers>>;
let loading: Promise<Parsers> | undefined;

function mediaParsers(): Promise<Parsers> {
  loading ??= loadParsers().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Loads the parsers ahead of the first upload. */
export async function warmMediaInspection(): Promise<void> {
  await mediaParsers();
}

export interface Inspection extends MediaFacts {
  /** The bytes are of a known type but broken (truncated, unreadable). */
  problem?: MediaProblem;
}

const PNG_IEND = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

function imageProblem(contentType: string, bytes: Uint8Array): MediaProblem | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A header alone measures fine; a cut-off file would show as a broken image in the Appstore.
  if (contentType === 'image/png' && buffer.lastIndexOf(PNG_IEND) < 0)
    return { code: 'TRUNCATED', message: 'The PNG file is incomplete (no end chunk); upload it again.' };
  if (contentType === 'image/jpeg' && buffer.lastIndexOf(Buffer.from([0xff, 0xd9])) < buffer.length - 64) {
    return { code: 'TRUNCATED', message: 'The JPEG file is incomplete (no end marker); upload it again.' };
  }
  return null;
}

/**
 * Whether the whole image decodes. libjpeg reports corrupt scan data only as warnings, so JPEGs
 * fail on warnings; libpng warns about harmless things (an odd colour profile), so PNGs fail on
 * errors, which include bad image data and a bad checksum. The pixel limit is enforced again
 * by libvips from the header, in case the two header readers ever disagree.
 */
async function decodes(bytes: Uint8Array, contentType: string, width: number, height: number, { sharp }: Parsers): Promise<boolean> {
  try {
    const { info } = await sharp(bytes, {
      limitInputPixels: IMAGE_MAX_PIXELS,
      failOn: contentType === 'image/jpeg' ? 'warning' : 'error',
      sequentialRead: true,
    })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return info.width === width && info.height === height;
  } catch {
    return false;
  }
}

interface Box {
  type: string;
  start: number;
  size: number;
}

/** The top-level boxes; throws when a box claims more bytes than the file has. */
function topLevelBoxes(bytes: Uint8Array): Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: Box[] = [];
  let offset = 0;
  while (offset < bytes.byteLength) {
    if (offset + 8 > bytes.byteLength) throw new Error('truncated box header');
    let size = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (size === 1) {
      if (offset + 16 > bytes.byteLength) throw new Error('truncated box header');
      size = Number(view.getBigUint64(offset + 8));
    } else if (size === 0) {
      size = bytes.byteLength - offset;
    }
    if (size < 8 || offset + size > bytes.byteLength) throw new Error(`box ${type} runs past the end of the file`);
    boxes.push({ type, start: offset, size });
    offset += size;
  }
  return boxes;
}

function inspectMp4(bytes: Uint8Array, { createFile, MP4BoxBuffer }: Parsers): Inspection {
  const base: Inspection = { contentType: 'video/mp4', byteSize: bytes.byteLength };
  const truncated = {
    ...base,
    problem: { code: 'TRUNCATED' as const, message: 'The MP4 file is incomplete or damaged (its boxes run past the end of the file); export it again.' },
  };
  let boxes: Box[];
  try {
    boxes = topLevelBoxes(bytes);
  } catch {
    return truncated;
  }
  if (!boxes.some((box) => box.type === 'moov') || !boxes.some((box) => box.type === 'mdat')) return truncated;
  const state: { movie: ParsedMovie | null; failed: boolean } = { movie: null, failed: false };
  const file = createFile();
  file.onReady = () => {
    state.movie = file as unknown as ParsedMovie;
  };
  file.onError = () => {
    state.failed = true;
  };
  try {
    // Only the boxes that describe the movie: the media data (mdat) and padding (free, skip)
    // are most of a file's bytes and mp4box would copy them for nothing (npm run bench:
    // 20 concurrent 5 MB uploads).
    const header = Buffer.concat(
      boxes.filter((box) => box.type === 'ftyp' || box.type === 'moov').map((box) => bytes.subarray(box.start, box.start + box.size)),
    );
    file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(header.buffer.slice(header.byteOffset, header.byteOffset + header.byteLength) as ArrayBuffer, 0));
    file.flush();
  } catch {
    state.failed = true;
  }
  if (state.failed || !state.movie) return truncated;
  const track = videoTrackFacts(state.movie);
  if (!track) return { ...base, problem: { code: 'NO_VIDEO_TRACK', message: 'The MP4 file has no video track.' } };
  return { ...base, ...track };
}

const MP4_BRANDS = /^(isom|iso[2-9]|mp41|mp42|avc1|dash|M4V |mmp4|msnv|f4v )$/;

function hasMp4Ftyp(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 16) return false;
  const type = String.fromCharCode(...bytes.subarray(4, 8));
  if (type !== 'ftyp') return false;
  const size = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  const end = Math.min(size, bytes.byteLength);
  for (let offset = 8; offset + 4 <= end; offset += 4) {
    if (offset === 12) continue; // minor version, not a brand
    if (MP4_BRANDS.test(String.fromCharCode(...bytes.subarray(offset, offset + 4)))) return true;
  }
  return false;
}

export async function inspectMedia(bytes: Uint8Array): Promise<Inspection> {
  const byteSize = bytes.byteLength;
  const loaded = await mediaParsers();
  if (hasMp4Ftyp(bytes)) return inspectMp4(bytes, loaded);
  const detected = await loaded.fileTypeFromBuffer(bytes);
  const contentType = detected?.mime ?? null;
  if (contentType === 'image/png' || contentType === 'image/jpeg') {
    try {
      const { width, height } = loaded.imageSize(bytes);
      const problem = imageProblem(contentType, bytes);
      if (problem) return { contentType, byteSize, width, height, problem };
      // Dimensions the rules refuse are never decoded: that is how a bomb is stopped.
      if (imageDimensionsProblem('Image', width, height)) return { contentType, byteSize, width, height };
      return { contentType, byteSize, width, height, decoded: await decodes(bytes, contentType, width, height, loaded) };
    } catch {
      return { contentType, byteSize, problem: { code: 'UNREADABLE', message: 'The image could not be read; it may be damaged.' } };
    }
  }
  return { contentType, byteSize };
}
