/**
 * Serving stored media at /media/<asset id>. The bytes never change for an id (a new upload is
 * a new asset), so responses are cacheable for a year and the ETag is the content hash. The
 * Content-Type is the one sniffed at upload, and nosniff keeps browsers from guessing another.
 */
import { prisma } from '@ring/db';
import { mediaStorage } from '../../storage/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notFound = () => new Response('Not found.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } });

export async function serveMedia(id: string, request: Request): Promise<Response> {
  if (!UUID.test(id)) return notFound();
  const asset = await prisma.mediaAsset.findUnique({ where: { id }, select: { storageKey: true, contentType: true, byteSize: true } });
  if (!asset) return notFound();
  const etag = `"${asset.storageKey}"`;
  const headers = {
    etag,
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    'content-type': asset.contentType,
    // A listing image opened directly must not run anything, whatever its bytes.
    'content-security-policy': "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
  };
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === `W/${etag}` || tag.trim() === '*')) {
    return new Response(null, { status: 304, headers });
  }
  const bytes = await mediaStorage().get(asset.storageKey);
  if (!bytes) return notFound();
  return new Response(request.method === 'HEAD' ? null : (bytes as unknown as BodyInit), { status: 200, headers: { ...headers, 'content-length': String(bytes.byteLength) } });
}
