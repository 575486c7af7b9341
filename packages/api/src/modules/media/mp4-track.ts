/**
 * Duration and resolution of an MP4, read from its video track's own tables as mp4box parsed
 * them. The movie header (mvhd) is a summary any editor can rewrite without touching a frame;
 * what a player shows is the track's samples: the sum of the stts sample deltas over the
 * track's mdhd timescale is how long it plays, and the sample entry (avc1) gives the coded
 * frame size. The track header (tkhd) gives the display size: the smaller of the two counts.
 */

/** The parts of mp4box's box tree read here. */
export interface ParsedMovie {
  moov?: {
    traks?: Array<{
      tkhd?: { width?: number; height?: number };
      mdia?: {
        hdlr?: { handler?: string };
        mdhd?: { timescale?: number };
        minf?: { stbl?: { stts?: { sample_counts?: number[]; sample_deltas?: number[] }; stsd?: { entries?: Array<{ width?: number; height?: number }> } } };
      };
    }>;
  };
}

export interface VideoTrackFacts {
  /** Null when the track has no timing to go by (timescale 0, no samples, or no sample time). */
  durationMs: number | null;
  width: number | null;
  height: number | null;
}

/** Null when the movie has no video track. */
export function videoTrackFacts(movie: ParsedMovie): VideoTrackFacts | null {
  const track = movie.moov?.traks?.find((trak) => trak.mdia?.hdlr?.handler === 'vide');
  if (!track) return null;
  const timescale = track.mdia?.mdhd?.timescale ?? 0;
  const stts = track.mdia?.minf?.stbl?.stts;
  const counts = stts?.sample_counts ?? [];
  const deltas = stts?.sample_deltas ?? [];
  let units = 0;
  for (const [index, count] of counts.entries()) units += count * (deltas[index] ?? 0);
  const durationMs = timescale > 0 && units > 0 ? Math.round((units / timescale) * 1000) : null;

  const entry = track.mdia?.minf?.stbl?.stsd?.entries?.[0];
  const coded = entry?.width && entry?.height ? { width: entry.width, height: entry.height } : null;
  // tkhd sizes are 16.16 fixed point; 0 means the file does not say.
  const displayWidth = Math.floor((track.tkhd?.width ?? 0) / 65536);
  const displayHeight = Math.floor((track.tkhd?.height ?? 0) / 65536);
  const display = displayWidth > 0 && displayHeight > 0 ? { width: displayWidth, height: displayHeight } : null;
  const shorter = (size: { width: number; height: number }) => Math.min(size.width, size.height);
  const size = coded && display ? (shorter(display) < shorter(coded) ? display : coded) : (coded ?? display);
  return { durationMs, width: size?.width ?? null, height: size?.height ?? null };
}
