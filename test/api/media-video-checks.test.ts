/**
 * MP4 duration and resolution come from the video track's own tables (the sample durations in
 * stts over the track's mdhd timescale; the avc1 sample entry and tkhd sizes), not from the
 * movie header alone, which an editor can make say anything. The files are real fixtures with
 * header fields rewritten. Storage is not what these test: local files only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AppInfoPage_SaveMediaAssetsDocument } from '@ring/client';
import { useMediaStorage } from '@ring/api/storage';
import { newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { editMp4, fixture, MP4_FIELDS, upload } from '../support/media.ts';
import { startStorage } from '../support/storage.ts';

beforeAll(async () => {
  useMediaStorage((await startStorage('local')).storage);
});

const MVHD = ['moov', 'mvhd'];
const MDHD = ['moov', 'trak', 'mdia', 'mdhd'];
const TKHD = ['moov', 'trak', 'tkhd'];
const STSD = ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsd'];
const STTS = ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stts'];

async function saveVideo(bytes: Uint8Array) {
  const developer = await newDeveloper('video');
  const app = await insertApp(developer.id);
  const response = await upload(
    AppInfoPage_SaveMediaAssetsDocument,
    { input: { appId: app.globalId } as never },
    { 'input.video': { bytes, name: 'clip.mp4' } },
    { token: developer.token },
  );
  return response.data?.saveMediaAssets;
}

describe('MP4 checks from the video track', () => {
  it('judges the duration by the track’s samples: a 31 s clip whose movie header says 29 s is refused; a 30 s clip whose movie header says 40 s is accepted', async () => {
    const shortened = editMp4(fixture('video-31s-1280x720.mp4'), [{ box: MVHD, at: MP4_FIELDS.duration, value: 29_000 }]);
    expect(await saveVideo(shortened)).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['video'], code: 'TOO_LONG', message: expect.stringMatching(/31.0 s/) }],
    });
    const lengthened = editMp4(fixture('video-30s-1280x720.mp4'), [{ box: MVHD, at: MP4_FIELDS.duration, value: 40_000 }]);
    expect(await saveVideo(lengthened)).toMatchObject({ __typename: 'SaveMediaAssetsSuccess', info: { media: { video: { durationMs: 30_000 } } } });
  });

  it('refuses a video whose duration cannot be known (track timescale 0, no sample time), and reads the track when only the movie timescale is 0', async () => {
    const noTimescale = editMp4(fixture('video-30s-1280x720.mp4'), [{ box: MDHD, at: MP4_FIELDS.timescale, value: 0 }]);
    const noSampleTime = editMp4(fixture('video-30s-1280x720.mp4'), [{ box: STTS, at: MP4_FIELDS.sttsFirstDelta, value: 0 }]);
    for (const bytes of [noTimescale, noSampleTime]) {
      expect(await saveVideo(bytes)).toMatchObject({
        __typename: 'ValidationError',
        fields: [{ path: ['video'], code: 'UNKNOWN_DURATION', message: expect.stringMatching(/^Video duration could not be read.*30 seconds/) }],
      });
    }
    const movieTimescaleZero = editMp4(fixture('video-31s-1280x720.mp4'), [{ box: MVHD, at: MP4_FIELDS.timescale, value: 0 }]);
    expect(await saveVideo(movieTimescaleZero)).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['video'], code: 'TOO_LONG', message: expect.stringMatching(/31.0 s/) }],
    });
  });

  it('judges the resolution by the smaller of the sample entry and the track header: neither can lie a 719p or 360p clip up to 720p', async () => {
    const entryLies = editMp4(fixture('video-5s-1280x719.mp4'), [{ box: STSD, at: MP4_FIELDS.entryHeight, value: 720, width: 2 }]);
    expect(await saveVideo(entryLies)).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['video'], code: 'RESOLUTION_TOO_LOW', message: expect.stringMatching(/1280x719/) }],
    });
    const trackSmaller = editMp4(fixture('video-30s-1280x720.mp4'), [
      { box: TKHD, at: MP4_FIELDS.tkhdWidth, value: 640 * 65536 },
      { box: TKHD, at: MP4_FIELDS.tkhdHeight, value: 360 * 65536 },
    ]);
    expect(await saveVideo(trackSmaller)).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['video'], code: 'RESOLUTION_TOO_LOW', message: expect.stringMatching(/640x360/) }],
    });
    expect(await saveVideo(fixture('video-30s-1280x720.mp4'))).toMatchObject({
      __typename: 'SaveMediaAssetsSuccess',
      info: { media: { video: { width: 1280, height: 720, durationMs: 30_000 } } },
    });
  });
});
