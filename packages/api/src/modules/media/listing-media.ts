/**
 * A media asset as a listing shows and judges it (`ListingMedia` in @ring/domain): its bytes'
 * content hash, where it is served and the facts read from its bytes.
 */
import type { ListingMedia } from '@ring/domain';
import { mediaPath } from './media.type.ts';

export interface AssetFacts {
  id: string;
  storageKey: string;
  contentType: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
}

export function listingMediaOf(asset: AssetFacts): ListingMedia;
export function listingMediaOf(asset: AssetFacts | null | undefined): ListingMedia | null;
export function listingMediaOf(asset: AssetFacts | null | undefined): ListingMedia | null {
  if (!asset) return null;
  return {
    key: asset.storageKey,
    url: mediaPath(asset.id),
    contentType: asset.contentType,
    width: asset.width,
    height: asset.height,
    durationMs: asset.durationMs,
  };
}
