import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  additionalImageCountProblem,
  additionalInfoSchema,
  checkIcon,
  checkImage,
  checkVideo,
  compatibilityInfoSchema,
  generalInfoSchema,
  IMAGE_MAX_BYTES,
  imageDimensionsProblem,
  publicNameKey,
  publicNameProblem,
  VIDEO_MAX_BYTES,
} from '../src/app-info.ts';
import { CATALOG } from '../src/catalog.ts';
import { inlineErrors } from '../src/validation.ts';

const text = (count: number, character = 'a') => character.repeat(count);

describe('public name', () => {
  it('accepts 7 and 30 characters, refuses 6 and 31', () => {
    expect(publicNameProblem('Abcdefg')).toBeNull();
    expect(publicNameProblem('A'.repeat(30))).toBeNull();
    expect(publicNameProblem('Abcdef')?.code).toBe('TOO_SHORT');
    expect(publicNameProblem('A'.repeat(31))?.code).toBe('TOO_LONG');
    expect(publicNameProblem('A'.repeat(50))?.message).toMatch(/7 to 30 characters \(it has 50\)/);
  });

  it('counts an accented letter once, precomposed or decomposed', () => {
    expect(publicNameProblem('Caf\u00e9 Cam')).toBeNull();
    expect(publicNameProblem('Cafe\u0301 Cam')).toBeNull();
    // 6 letters + a decomposed é are 7 characters (8 code points): just inside the minimum.
    expect(publicNameProblem('Abcdefe\u0301')).toBeNull();
    // 29 letters + a decomposed é are 30 characters (31 code points): just inside the maximum.
    expect(publicNameProblem(`${'A'.repeat(29)}e\u0301`)).toBeNull();
    expect(publicNameProblem('Abcde\u0301')?.code).toBe('TOO_SHORT');
  });

  it('allows letters, digits, spaces and the listed symbols', () => {
    expect(publicNameProblem("Ring & Co. - Cam+ (v2): Go! Why? It's, fine")).not.toBeNull(); // too long, but only for its length
    expect(publicNameProblem('Ring & Co.: Cam+ (v2)!')).toBeNull();
    expect(publicNameProblem("O'Brien's Zoë Ñandú?")).toBeNull();
    expect(publicNameProblem('Øresund, Łódź 42')).toBeNull();
  });

  it('refuses emoji, zero-width, control, non-Latin and unlisted symbols, naming the culprit', () => {
    expect(publicNameProblem('Home Cam 😀')).toMatchObject({ code: 'INVALID_CHARACTERS', message: expect.stringContaining('😀') });
    expect(publicNameProblem('Home\u200bCamera')?.message).toContain('U+200B');
    expect(publicNameProblem('Home\u0007Camera')?.code).toBe('INVALID_CHARACTERS');
    expect(publicNameProblem('Home\u034fCamera')?.code).toBe('INVALID_CHARACTERS');
    expect(publicNameProblem('Home Cam #1')?.code).toBe('INVALID_CHARACTERS');
    expect(publicNameProblem('Камера дома')?.code).toBe('INVALID_CHARACTERS');
    expect(publicNameProblem('Home_Camera')?.code).toBe('INVALID_CHARACTERS');
  });

  it('refuses leading, trailing and double spaces', () => {
    expect(publicNameProblem(' Home Camera')?.code).toBe('SPACES');
    expect(publicNameProblem('Home Camera ')?.code).toBe('SPACES');
    expect(publicNameProblem('Home  Camera')?.code).toBe('SPACES');
  });

  it('makes one key for names differing only in letter case or repeated spaces', () => {
    expect(publicNameKey('Home  CAMERA')).toBe(publicNameKey('home camera'));
    expect(publicNameKey('Caf\u00e9 Cam')).toBe(publicNameKey('CAFE\u0301 CAM'));
    expect(publicNameKey('Home Camera')).not.toBe(publicNameKey('Home Cameras'));
  });

  it('gives lookalikes the same key: fullwidth letters, small capitals, combining marks, confusable letters', () => {
    const key = publicNameKey('Ring Camera');
    expect(publicNameKey('Ｒｉｎｇ Ｃａｍｅｒａ')).toBe(key);
    expect(publicNameKey('ʀɪɴɢ ᴄᴀᴍᴇʀᴀ')).toBe(key);
    expect(publicNameKey('Ri\u0307ng Ca\u0308mera')).toBe(key);
    expect(publicNameKey('Rinɡ Camerа')).toBe(key); // U+0261 script g, U+0430 Cyrillic a
    expect(publicNameKey('Ring Carnera')).toBe(key); // rn reads as m
    expect(publicNameKey('Ring Camero')).not.toBe(key);
    expect(publicNameKey('Bell Camera')).not.toBe(key);
  });
});

describe('tab schemas', () => {
  it('limits the General texts at 125, 500 and 300 characters, counting as a person would', () => {
    const ok = generalInfoSchema.safeParse({ shortDescription: text(125), detailedDescription: text(500), latestRelease: text(300) });
    expect(ok.success).toBe(true);
    const errors = inlineErrors(generalInfoSchema, { shortDescription: text(126), detailedDescription: text(501), latestRelease: text(301) });
    expect(Object.keys(errors).sort()).toEqual(['detailedDescription', 'latestRelease', 'shortDescription']);
    // 125 emoji with skin-tone modifiers are 125 characters, though 500 UTF-16 units.
    expect(generalInfoSchema.safeParse({ shortDescription: '👍🏽'.repeat(125) }).success).toBe(true);
  });

  it('leaves omitted fields out, turns null and blank text into a cleared field', () => {
    const parsed = generalInfoSchema.parse({ shortDescription: '   ', latestRelease: null });
    expect(parsed).toEqual({ shortDescription: null, latestRelease: null });
    expect('detailedDescription' in parsed).toBe(false);
  });

  it('needs one or more known categories, each once', () => {
    expect(generalInfoSchema.safeParse({ categories: ['HOME_SECURITY'] }).success).toBe(true);
    expect(inlineErrors(generalInfoSchema, { categories: [] }).categories).toMatch(/at least one/);
    expect(inlineErrors(generalInfoSchema, { categories: ['NOPE'] }).categories).toMatch(/Unknown category: NOPE/);
    expect(inlineErrors(generalInfoSchema, { categories: ['PETS', 'PETS'] }).categories).toMatch(/once/);
  });

  it('limits Compatibility texts at 400 and 500 and its lists to the catalog', () => {
    expect(
      compatibilityInfoSchema.safeParse({
        features: text(400),
        requirements: text(500),
        customerTypes: ['HOMEOWNER'],
        supportedDevices: ['VIDEO_DOORBELL_4'],
        cameraTypes: ['DOORBELL'],
      }).success,
    ).toBe(true);
    const errors = inlineErrors(compatibilityInfoSchema, {
      features: text(401),
      requirements: text(501),
      customerTypes: ['X'],
      supportedDevices: ['Y'],
      cameraTypes: ['Z'],
    });
    expect(Object.keys(errors).sort()).toEqual(['cameraTypes', 'customerTypes', 'features', 'requirements', 'supportedDevices']);
  });

  it('limits developer info at 400 and checks the four URLs', () => {
    expect(additionalInfoSchema.safeParse({ developerInfo: text(400), websiteUrl: 'https://example.com' }).success).toBe(true);
    const errors = inlineErrors(additionalInfoSchema, {
      developerInfo: text(401),
      websiteUrl: 'http://example.com',
      supportUrl: 'https://user:pw@example.com',
      privacyPolicyUrl: 'example.com/privacy',
      termsOfServiceUrl: `https://example.com/${'a'.repeat(2048)}`,
    });
    expect(Object.keys(errors).sort()).toEqual(['developerInfo', 'privacyPolicyUrl', 'supportUrl', 'termsOfServiceUrl', 'websiteUrl']);
  });
});

describe('media rules', () => {
  const png = (width: number, height: number, byteSize = 1000) => ({ contentType: 'image/png', byteSize, width, height });

  it('icon: exactly 1024x1024, at most 2 MB, PNG or JPEG', () => {
    expect(checkIcon(png(1024, 1024, IMAGE_MAX_BYTES)).errors).toEqual([]);
    expect(checkIcon({ ...png(1024, 1024), contentType: 'image/jpeg' }).errors).toEqual([]);
    expect(checkIcon(png(1024, 1023)).errors.map((error) => error.code)).toEqual(['WRONG_DIMENSIONS']);
    expect(checkIcon(png(1024, 1024, IMAGE_MAX_BYTES + 1)).errors.map((error) => error.code)).toEqual(['TOO_LARGE']);
    expect(checkIcon({ contentType: 'image/gif', byteSize: 10, width: 1024, height: 1024 }).errors.map((error) => error.code)).toEqual(['UNSUPPORTED_TYPE']);
    expect(checkIcon({ contentType: null, byteSize: 10 }).errors[0]?.message).toMatch(/PNG or JPEG/);
  });

  it('refuses an image claiming more than 8192 pixels on a side, whatever its use', () => {
    expect(checkImage('Main image', png(8192, 2048)).errors).toEqual([]);
    expect(checkImage('Main image', png(8193, 100)).errors.map((error) => error.code)).toEqual(['TOO_MANY_PIXELS']);
    expect(checkIcon(png(50_000, 50_000)).errors.map((error) => error.code)).toEqual(['TOO_MANY_PIXELS']);
  });

  it('refuses more than 4096x4096 pixels in all and fewer than 1x1, before any decoding', () => {
    expect(checkImage('Main image', png(4096, 4096)).errors).toEqual([]);
    expect(checkImage('Main image', png(4097, 4096)).errors.map((error) => error.code)).toEqual(['TOO_MANY_PIXELS']);
    expect(checkImage('Main image', png(8192, 8192)).errors[0]?.message).toMatch(
      /^Main image must be at most 8,192 pixels on a side and 16,777,216 pixels in all .*8192x8192/,
    );
    expect(imageDimensionsProblem('Icon', 4096, 4096)).toBeNull();
    expect(imageDimensionsProblem('Icon', 4097, 4096)?.code).toBe('TOO_MANY_PIXELS');
    expect(checkImage('Main image', png(1, 1)).errors).toEqual([]);
    for (const [width, height] of [
      [0, 0],
      [0, 1],
      [1, 0],
    ] as const) {
      expect(checkImage('Main image', png(width, height)).errors, `${width}x${height}`).toEqual([
        { code: 'NO_PIXELS', message: `Main image must be at least 1x1 pixels; this one is ${width}x${height}.` },
      ]);
    }
    expect(checkIcon(png(0, 0)).errors.map((error) => error.code)).toEqual(['NO_PIXELS']);
  });

  it('refuses an image whose bytes did not decode, naming it', () => {
    expect(checkIcon({ ...png(1024, 1024), decoded: false }).errors).toEqual([
      { code: 'UNREADABLE', message: expect.stringMatching(/^Icon could not be decoded.*PNG or JPEG/) },
    ]);
    expect(checkImage('Video thumbnail', { ...png(1024, 1024), decoded: true }).errors).toEqual([]);
  });

  it('images: another size is a warning, not an error', () => {
    expect(checkImage('Main image', png(1024, 1024))).toEqual({ errors: [], warnings: [] });
    const check = checkImage('Main image', png(800, 600));
    expect(check.errors).toEqual([]);
    expect(check.warnings[0]?.message).toMatch(/800x600/);
    expect(checkImage('Main image', png(1024, 1024, IMAGE_MAX_BYTES + 1)).errors[0]?.code).toBe('TOO_LARGE');
  });

  it('video: MP4, 30 s, shorter side 720, 5 MB', () => {
    const mp4 = { contentType: 'video/mp4', byteSize: VIDEO_MAX_BYTES, width: 1280, height: 720, durationMs: 30_000 };
    expect(checkVideo(mp4).errors).toEqual([]);
    expect(checkVideo({ ...mp4, width: 720, height: 1280 }).errors).toEqual([]);
    expect(checkVideo({ ...mp4, durationMs: 30_001 }).errors.map((error) => error.code)).toEqual(['TOO_LONG']);
    expect(checkVideo({ ...mp4, height: 719 }).errors.map((error) => error.code)).toEqual(['RESOLUTION_TOO_LOW']);
    expect(checkVideo({ ...mp4, byteSize: VIDEO_MAX_BYTES + 1 }).errors.map((error) => error.code)).toEqual(['TOO_LARGE']);
    expect(checkVideo({ ...mp4, contentType: 'video/quicktime' }).errors.map((error) => error.code)).toEqual(['UNSUPPORTED_TYPE']);
  });

  it('video read from its bytes: refuses a duration or resolution that could not be read, naming what is allowed', () => {
    const mp4 = { contentType: 'video/mp4', byteSize: 1000, durationMs: 30_000, width: 1280, height: 720 };
    const fromBytes = { fromBytes: true };
    expect(checkVideo(mp4, fromBytes).errors).toEqual([]);
    expect(checkVideo({ ...mp4, durationMs: null }, fromBytes).errors).toEqual([
      { code: 'UNKNOWN_DURATION', message: expect.stringMatching(/^Video duration could not be read.*at most 30 seconds/) },
    ]);
    expect(checkVideo({ ...mp4, durationMs: undefined }, fromBytes).errors.map((error) => error.code)).toEqual(['UNKNOWN_DURATION']);
    expect(checkVideo({ ...mp4, width: null, height: null }, fromBytes).errors).toEqual([
      { code: 'UNKNOWN_RESOLUTION', message: expect.stringMatching(/^Video resolution could not be read.*720 pixels/) },
    ]);
    expect(checkVideo({ ...mp4, width: 0 }, fromBytes).errors.map((error) => error.code)).toEqual(['UNKNOWN_RESOLUTION']);
    // A browser that cannot measure the video leaves it to the server.
    expect(checkVideo({ ...mp4, durationMs: null, width: null, height: null }).errors).toEqual([]);
  });

  it('names sizes in KB and MB, never rounding an oversized file down to the limit', () => {
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1024 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MB');
    expect(formatBytes(IMAGE_MAX_BYTES)).toBe('2 MB');
    expect(formatBytes(IMAGE_MAX_BYTES + 1)).toBe('2.01 MB');
    expect(checkImage('Main image', png(1024, 1024, IMAGE_MAX_BYTES + 1)).errors[0]?.message).toBe('Main image must be at most 2 MB; this file is 2.01 MB.');
    expect(checkVideo({ contentType: 'video/mp4', byteSize: VIDEO_MAX_BYTES + 1, width: 1280, height: 720, durationMs: 1000 }).errors[0]?.message).toBe(
      'Video must be at most 5 MB; this file is 5.01 MB.',
    );
  });

  it('additional images: 1 to 5', () => {
    expect(additionalImageCountProblem(1)).toBeNull();
    expect(additionalImageCountProblem(5)).toBeNull();
    expect(additionalImageCountProblem(0)?.code).toBe('TOO_FEW');
    expect(additionalImageCountProblem(6)?.code).toBe('TOO_MANY');
  });
});

describe('catalog', () => {
  it('has SCREAMING_SNAKE_CASE ids, unique within each list, and the Ring devices the listing names', () => {
    for (const list of Object.values(CATALOG)) {
      expect(list.length).toBeGreaterThan(3);
      for (const option of list) expect(option.id).toMatch(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/);
      expect(new Set(list.map((option) => option.id)).size).toBe(list.length);
    }
    const devices = CATALOG.supportedDevices.map((option) => option.label);
    for (const label of [
      'Video Doorbell 4',
      'Stick Up Cam Battery',
      'Floodlight Cam Wired Pro',
      'Spotlight Cam Plus',
      'Indoor Cam (2nd Gen)',
      'Alarm Base Station',
    ])
      expect(devices).toContain(label);
    expect(CATALOG.cameraTypes.map((option) => option.label)).toEqual(expect.arrayContaining(['Doorbell', 'Indoor', 'Outdoor', 'Floodlight', 'Spotlight']));
  });
});
