/**
 * The browser's judgement of a chosen file, before anything is uploaded: the same facts the
 * API learns (type from the bytes, with the same file-type and image-size libraries; never the
 * file's name or declared type) checked by the same rules from @ring/domain (checkIcon,
 * checkImage, checkVideo), so a file the API would refuse is refused here first. Video
 * duration and resolution come from the browser's own media parser instead of mp4box.
 */
import { checkIcon, checkImage, checkVideo, IMAGE_MAX_BYTES, type MediaCheck, type MediaFacts } from '@ring/domain';

export type MediaRule = { kind: 'icon' } | { kind: 'image'; label: string } | { kind: 'video' };

// Enough of an oversized file to learn its type and dimensions without reading it all.
const HEADER_BYTES = 512 * 1024;

async function videoFacts(file: File): Promise<Pick<MediaFacts, 'width' | 'height' | 'durationMs'>> {
  const url = URL.createObjectURL(file);
  try {
    const video = document.createElement('video');
    video.preload = 'metadata';
    await new Promise((resolve) => {
      video.onloadedmetadata = resolve;
      video.onerror = resolve;
      video.src = url;
    });
    return {
      width: video.videoWidth || null,
      height: video.videoHeight || null,
      durationMs: Number.isFinite(video.duration) ? Math.round(video.duration * 1000) : null,
    };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** What the API's rules say about this file, and the facts they were given. */
export async function checkMediaFile(rule: MediaRule, file: File): Promise<MediaCheck & { facts: MediaFacts }> {
  const [{ fileTypeFromBuffer }, { imageSize }] = await Promise.all([import('file-type'), import('image-size')]);
  const bytes = new Uint8Array(await file.slice(0, file.size <= IMAGE_MAX_BYTES ? file.size : HEADER_BYTES).arrayBuffer());
  const contentType = (await fileTypeFromBuffer(bytes))?.mime ?? null;
  const facts: MediaFacts = { contentType, byteSize: file.size };
  if (rule.kind === 'video') {
    if (contentType === 'video/mp4') Object.assign(facts, await videoFacts(file));
    return { ...checkVideo(facts), facts };
  }
  if (contentType === 'image/png' || contentType === 'image/jpeg') {
    try {
      const size = imageSize(bytes);
      facts.width = size.width;
      facts.height = size.height;
    } catch {
      // Unmeasurable: the rules report the dimensions as unknown.
    }
  }
  return { ...(rule.kind === 'icon' ? checkIcon(facts) : checkImage(rule.label, facts)), facts };
}
