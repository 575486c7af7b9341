/**
 * Serving stored media at /media/<asset id> (or a version's frozen copy's id). The bytes never change for an id (a new upload is
 * a new asset), but an asset can be deleted, and a copy cached as immutable for a year could
 * never be taken back. So caches keep a copy but revalidate it on every use (`no-cache`): the
 * ETag is the content hash, an unchanged asset costs a 304 without its bytes, and a deleted
 * one answers 404. The Content-Type is the one sniffed at upload, and nosniff keeps browsers
 * from guessing another. Byte ranges are answered (Safari plays video only from a server
 * that does), from either storage driver.
 */
import { prisma } from '@ring/db';
import { mediaStorage } from '../../storage/index.ts';
import { parseByteRange } from './byte-range.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notFound = () =>
  new Response('Not found.', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' },
  });

const matchesETag = (header: string, etag: string) => header.split(',').some((tag) => tag.trim() === etag || tag.trim() === `W/${etag}` || tag.trim() === '*');

export async function serveMedia(id: string, request: Request): Promise<Response> {
  if (!UUID.test(id)) return notFound();
  // A draft's asset, or else a certification version's frozen copy (version-media.ts).
  const asset =
    (await prisma.mediaAsset.findUnique({ where: { id }, select: { storageKey: true, contentType: true, byteSize: true } })) ??
    (await prisma.appVersionMedia.findUnique({ where: { id }, select: { storageKey: true, contentType: true, byteSize: true } }));
  if (!asset) return notFound();
  const etag = `"${asset.storageKey}"`;
  const headers: Record<string, string> = {
    etag,
    'cache-control': 'public, no-cache',
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
    'content-type': asset.contentType,
    // A listing image opened directly must not run anything, whatever its bytes.
    'content-security-policy': "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
  };
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch && matchesETag(ifNoneMatch, etag)) return new Response(null, { status: 304, headers });
  const bytes = await mediaStorage().get(asset.storageKey);
  if (!bytes) return notFound();
  const size = bytes.byteLength;
  const body = (slice: Uint8Array) => (request.method === 'HEAD' ? null : (slice as unknown as BodyInit));

  // If-Range: the range only if the client's copy is this one (a strong ETag, compared exactly).
  const ifRange = request.headers.get('if-range');
  const range = ifRange === null || ifRange.trim() === etag ? parseByteRange(request.headers.get('range'), size) : null;
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } });
  }
  if (range) {
    const slice = bytes.subarray(range.start, range.end + 1);
    return new Response(body(slice), {
      status: 206,
      headers: { ...headers, 'content-range': `bytes ${range.start}-${range.end}/${size}`, 'content-length': String(slice.byteLength) },
    });
  }
  return new Response(body(bytes), { status: 200, headers: { ...headers, 'content-length': String(size) } });
}
