import { describe, expect, it } from 'vitest';
import { appNameSchema, APP_NAME_MAX_LENGTH } from '../src/apps.ts';
import { generalInfoSchema, publicNameProblem, PUBLIC_NAME_MAX, SHORT_DESCRIPTION_MAX } from '../src/app-info.ts';
import { apiTokenNameSchema, developerNameSchema, passwordSchema } from '../src/identity.ts';
import {
  characterCount,
  codePointCount,
  COMBINING_MARKS_PER_CHARACTER,
  CODE_POINTS_PER_CHARACTER,
  UTF8_BYTES_PER_CHARACTER,
  utf8ByteCount,
} from '../src/text.ts';
import { inlineErrors } from '../src/validation.ts';

// Marks from U+0300-U+036F: two UTF-8 bytes each, and allowed in public names.
const marks = (count: number) => Array.from({ length: count }, (_, index) => String.fromCodePoint(0x300 + (index % 0x4f))).join('');
const issue = (schema: { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string; params?: unknown }[] } } }, value: string) => {
  const result = schema.safeParse(value);
  return result.success ? null : result.error!.issues[0]!;
};

describe('counting ASCII text without walking it', () => {
  it('counts as the grapheme segmenter does: CR LF is one character, a lone CR or LF one each', () => {
    const segmented = (text: string) => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].length;
    for (const text of ['', 'Doorbell', 'a\r\nb', '\r\n\r\n', '\r\r\n\n', 'tab\there\u0000\u007f', 'x\n'.repeat(50)]) {
      expect(characterCount(text)).toBe(segmented(text));
      expect(codePointCount(text)).toBe(text.length);
      expect(utf8ByteCount(text)).toBe(Buffer.byteLength(text));
    }
    // One non-ASCII character anywhere takes the full path.
    expect(characterCount('e\u0301\r\n')).toBe(2);
    expect(utf8ByteCount('\u00e9\r\n')).toBe(4);
  });
});

describe('text size rules beside every limit in characters', () => {
  it('refuses the one-character, 4,000,001-code-point app name with a message naming the field', () => {
    const name = `a${'\u0301'.repeat(4_000_000)}`;
    expect(characterCount(name.slice(0, 1000))).toBe(1);
    const started = performance.now();
    const problem = issue(appNameSchema, name);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(problem?.message).toBe(`App name is too large: at most 400 Unicode code points (4 per character of its 100-character limit); it has 4,000,001.`);
  });

  it('caps code points at 4 per character of the limit: 400 in, 401 out (app name)', () => {
    const max = APP_NAME_MAX_LENGTH * CODE_POINTS_PER_CHARACTER;
    // Characters of 1 letter + 3 marks: 100 of them are 400 code points (and 700 bytes).
    const inside = `${'e'}${marks(3)}`.repeat(APP_NAME_MAX_LENGTH);
    expect(codePointCount(inside)).toBe(max);
    expect(appNameSchema.safeParse(inside).success).toBe(true);
    const outside = `${`${'e'}${marks(3)}`.repeat(APP_NAME_MAX_LENGTH - 1)}e${marks(4)}`;
    expect(codePointCount(outside)).toBe(max + 1);
    expect(characterCount(outside)).toBe(APP_NAME_MAX_LENGTH);
    expect(issue(appNameSchema, outside)?.params).toEqual({ code: 'TOO_MANY_CODE_POINTS' });
  });

  it('caps UTF-8 bytes at 12 per character of the limit: 1,200 in, 1,201 out (app name)', () => {
    const max = APP_NAME_MAX_LENGTH * UTF8_BYTES_PER_CHARACTER;
    // The flag of Scotland is one character of 7 code points and 28 bytes (a tag sequence).
    const scotland = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';
    const name = (twoByteLetters: number) => `${scotland.repeat(40)}${'\u00e9'.repeat(twoByteLetters)}${'a'.repeat(60 - twoByteLetters)}`;
    expect(characterCount(name(20))).toBe(APP_NAME_MAX_LENGTH);
    expect(codePointCount(name(21))).toBeLessThanOrEqual(APP_NAME_MAX_LENGTH * CODE_POINTS_PER_CHARACTER);
    expect(utf8ByteCount(name(20))).toBe(max);
    expect(appNameSchema.safeParse(name(20)).success).toBe(true);
    expect(utf8ByteCount(name(21))).toBe(max + 1);
    expect(issue(appNameSchema, name(21))?.message).toMatch(/^App name is too large: at most 1,200 bytes of UTF-8 .*it has 1,201\.$/);
  });

  it('caps combining marks at 8 per character: 8 in, 9 out, naming the field', () => {
    expect(COMBINING_MARKS_PER_CHARACTER).toBe(8);
    expect(appNameSchema.safeParse(`Cam e${marks(8)}`).success).toBe(true);
    expect(issue(appNameSchema, `Cam e${marks(9)}`)?.message).toBe(
      'App name has a character with 9 combining marks; at most 8 may be stacked on one character.',
    );
    expect(publicNameProblem(`Ring Cam q${marks(8)}`)).toBeNull();
    expect(publicNameProblem(`Ring Cam q${marks(9)}`)).toEqual({
      code: 'TOO_MANY_COMBINING_MARKS',
      message: expect.stringMatching(/^Public name has a character with 9/),
    });
  });

  it('holds public names to 120 code points: 120 in, 121 out', () => {
    const inside = 'q\u0334\u0335\u0336'.repeat(PUBLIC_NAME_MAX);
    expect(codePointCount(inside)).toBe(120);
    expect(publicNameProblem(inside)).toBeNull();
    const outside = `${inside}\u0337`;
    expect(codePointCount(outside)).toBe(121);
    expect(publicNameProblem(outside)).toEqual({
      code: 'TOO_MANY_CODE_POINTS',
      message: expect.stringMatching(/^Public name is too large: at most 120 Unicode code points/),
    });
  });

  it('holds every tab text field and the identity names to the same rules, naming the field', () => {
    const huge = `q${'\u0301'.repeat(SHORT_DESCRIPTION_MAX * 4)}`;
    expect(inlineErrors(generalInfoSchema, { shortDescription: huge }).shortDescription).toMatch(
      /^Short description is too large: at most 500 Unicode code points/,
    );
    expect(inlineErrors(generalInfoSchema, { shortDescription: `q${marks(9)}` }).shortDescription).toMatch(
      /^Short description has a character with 9 combining marks/,
    );
    expect(issue(developerNameSchema, `a${'\u0301'.repeat(400)}`)?.message).toMatch(/^Name is too large: at most 400 Unicode code points/);
    expect(issue(apiTokenNameSchema, `a${marks(9)}`)?.message).toMatch(/^Token name has a character with 9 combining marks/);
    expect(issue(passwordSchema, `${'p'.repeat(10)}${'\u0301'.repeat(800)}`)?.message).toMatch(/^Password is too large: at most 800 Unicode code points/);
  });
});
