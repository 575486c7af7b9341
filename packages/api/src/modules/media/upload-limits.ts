import { VIDEO_MAX_BYTES } from '@ring/domain';

/**
 * Per-request upload limits, enforced by the multipart parser as the body streams in, so an
 * oversized request is refused at the limit instead of being buffered. The largest legitimate
 * upload is one saveMediaAssets: a main image, five additional images, a video and a thumbnail
 * (8 files), the video being the largest file (5 MB). Non-file parts are `operations` and
 * `map`, a few kilobytes of JSON; 100 kB leaves room for long queries without letting a
 * "field" carry a file's worth of bytes.
 */
export const FORM_DATA_LIMITS = {
  // The largest file the rules allow (a 5 MB video) plus a margin, so a file just over a limit
  // reaches validation and gets a ValidationError naming its field; a far larger one is cut
  // off here while it streams, with 413.
  fileSize: VIDEO_MAX_BYTES + 1024 * 1024,
  files: 8,
  fieldSize: 100_000,
  fields: 4,
  parts: 12,
};
