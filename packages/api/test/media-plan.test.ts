import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { planMedia, uploadsToCheck, type CheckedUpload, type MediaInput } from '../src/modules/app-info/media-plan.ts';
import type { CheckedFile, Upload } from '../src/modules/media/media.service.ts';

const upload = (): Upload => ({ arrayBuffer: async () => new ArrayBuffer(0) });
const file = (path: string[]): CheckedFile => ({ path, kind: 'ADDITIONAL_IMAGE', bytes: new Uint8Array(), facts: { byteSize: 0 } as CheckedFile['facts'] });
const passed = (...paths: string[][]) => new Map<string, CheckedUpload>(paths.map((path) => [path.join('.'), { file: file(path), issues: [], warnings: [] }]));
const keptA = '11111111-1111-4111-8111-111111111111';
const keptB = '22222222-2222-4222-8222-222222222222';
const asset = (id: string) => encodeGlobalID('MediaAsset', id);
const input = (rest: Partial<MediaInput>): MediaInput => ({ appId: 'app', ...rest });

describe('the media tab plan', () => {
  it('keeps, adds and reorders additional images; what is not listed is left for removal', () => {
    const { plan, issues } = planMedia(
      input({ additionalImages: [{ assetId: asset(keptB) }, { file: upload() }] }),
      passed(['additionalImages', '1']),
      new Set([keptA, keptB]),
    );
    expect(issues).toEqual([]);
    expect(plan.additionalImages).toEqual([{ keep: keptB }, { file: expect.objectContaining({ path: ['additionalImages', '1'] }) }]);
    expect(plan.files).toHaveLength(1);
    expect(plan.mainImage).toBeUndefined();
  });

  it('null clears: the main image and every additional image', () => {
    const { plan } = planMedia(input({ mainImage: null, additionalImages: null }), new Map(), new Set([keptA]));
    expect(plan.mainImage).toBeNull();
    expect(plan.additionalImages).toEqual([]);
  });

  it('refuses unknown, repeated and ambiguous items, each at its own path', () => {
    const { issues } = planMedia(
      input({ additionalImages: [{ assetId: asset(keptA) }, { assetId: asset(keptA) }, { assetId: asset(keptB) }, {}] }),
      new Map(),
      new Set([keptA]),
    );
    expect(issues.map((issue) => [issue.path.join('.'), issue.code])).toEqual([
      ['additionalImages.1', 'DUPLICATE'],
      ['additionalImages.2', 'UNKNOWN_ASSET'],
      ['additionalImages.3', 'ONE_OF'],
    ]);
  });

  it('reads no file past the maximum count (5 read, 6 not)', () => {
    const items = (count: number) => input({ additionalImages: Array.from({ length: count }, () => ({ file: upload() })) });
    expect(uploadsToCheck(items(5))).toHaveLength(5);
    expect(uploadsToCheck(items(6))).toHaveLength(0);
    expect(planMedia(items(6), new Map(), new Set()).issues.map((issue) => issue.code)).toEqual(['TOO_MANY']);
  });

  it('an item with both assetId and file is refused without reading the file', () => {
    expect(uploadsToCheck(input({ additionalImages: [{ assetId: asset(keptA), file: upload() }] }))).toEqual([]);
  });
});
