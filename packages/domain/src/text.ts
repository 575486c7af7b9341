/**
 * Counting characters as a person would: one user-perceived character (grapheme cluster)
 * counts once, so "é" is one whether it arrives precomposed or as e + combining accent,
 * and an emoji with modifiers is one. Text is NFC-normalised before it is stored.
 *
 * A grapheme cluster has no upper size, though: one "character" of four million combining
 * marks is one grapheme and eight megabytes. So beside every limit in characters, the same
 * text is also held to a size in code points and in UTF-8 bytes, and no character may stack
 * more than a few combining marks. The ratios leave room for every real script and emoji
 * (a family emoji is 7 code points and 25 bytes, a flag 2 and 8), not for padding.
 */
import type { FieldErrorCode } from './field-error-codes.ts';

// Created on first use: loading ICU's segmentation data costs ~10 ms at every server start.
let segmenter: Intl.Segmenter | undefined;

/** At most this many code points per allowed character, on average over the text. */
export const CODE_POINTS_PER_CHARACTER = 4;
/** At most this many UTF-8 bytes per allowed character, on average over the text. */
export const UTF8_BYTES_PER_CHARACTER = 12;
/** At most this many combining marks (Unicode category M) in any one character. */
export const COMBINING_MARKS_PER_CHARACTER = 8;

// Most text is ASCII, where every count below is known without walking it (the segmenter was
// the largest part of a tab save's validation): one code point and one byte per UTF-16 unit,
// no combining marks, and one character per unit except CR LF, which is one grapheme.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range starts at NUL.
const NON_ASCII = /[^\u0000-\u007F]/;
const isAscii = (text: string) => !NON_ASCII.test(text);

export function characterCount(text: string): number {
  if (isAscii(text)) return text.length - (text.match(/\r\n/g)?.length ?? 0);
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}

export function normalizeText(text: string): string {
  return text.normalize('NFC');
}

export function codePointCount(text: string): number {
  if (isAscii(text)) return text.length;
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

export function utf8ByteCount(text: string): number {
  if (isAscii(text)) return text.length;
  let bytes = 0;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    // A lone surrogate is written as U+FFFD (3 bytes) by every UTF-8 encoder.
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

const combiningMark = /\p{M}/u;

/** The most combining marks any one character of the text carries. */
export function mostCombiningMarks(text: string): number {
  if (isAscii(text)) return 0;
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let most = 0;
  for (const { segment } of segmenter.segment(text)) {
    let marks = 0;
    for (const character of segment) if (combiningMark.test(character)) marks += 1;
    if (marks > most) most = marks;
  }
  return most;
}

export interface TextSizeProblem {
  code: 'TOO_MANY_CODE_POINTS' | 'TOO_MANY_BYTES' | 'TOO_MANY_COMBINING_MARKS';
  message: string;
}

/**
 * The size rules that come with a limit of `maxCharacters` characters, or null when the text
 * keeps them. Checked before characters are counted: counting is the expensive part.
 */
export function textSizeProblem(label: string, text: string, maxCharacters: number): TextSizeProblem | null {
  const maxCodePoints = maxCharacters * CODE_POINTS_PER_CHARACTER;
  // Cheap bound first: UTF-16 length is at least the code point count.
  if (text.length > maxCodePoints) {
    const codePoints = codePointCount(text);
    if (codePoints > maxCodePoints) {
      return {
        code: 'TOO_MANY_CODE_POINTS',
        message: `${label} is too large: at most ${maxCodePoints.toLocaleString('en')} Unicode code points (${CODE_POINTS_PER_CHARACTER} per character of its ${maxCharacters}-character limit); it has ${codePoints.toLocaleString('en')}.`,
      };
    }
  }
  const maxBytes = maxCharacters * UTF8_BYTES_PER_CHARACTER;
  const bytes = utf8ByteCount(text);
  if (bytes > maxBytes) {
    return {
      code: 'TOO_MANY_BYTES',
      message: `${label} is too large: at most ${maxBytes.toLocaleString('en')} bytes of UTF-8 (${UTF8_BYTES_PER_CHARACTER} per character of its ${maxCharacters}-character limit); it has ${bytes.toLocaleString('en')}.`,
    };
  }
  const marks = mostCombiningMarks(text);
  if (marks > COMBINING_MARKS_PER_CHARACTER) {
    return {
      code: 'TOO_MANY_COMBINING_MARKS',
      message: `${label} has a character with ${marks} combining marks; at most ${COMBINING_MARKS_PER_CHARACTER} may be stacked on one character.`,
    };
  }
  return null;
}

/**
 * Every rule of a limit of `maxCharacters` characters: the size rules above, then the count
 * itself ("Name must be at most 100 characters (it has 101).", or `tooLong` when given).
 */
export function textLimitProblem(
  label: string,
  text: string,
  maxCharacters: number,
  tooLong?: (count: number) => string,
): { code: FieldErrorCode; message: string } | null {
  const sizeProblem = textSizeProblem(label, text, maxCharacters);
  if (sizeProblem) return sizeProblem;
  const count = characterCount(text);
  if (count > maxCharacters)
    return { code: 'TOO_LONG', message: tooLong?.(count) ?? `${label} must be at most ${maxCharacters} characters (it has ${count}).` };
  return null;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text from outside (a webhook receiver's answer, a network error) made storable: PostgreSQL
 * text refuses NUL outright, and a lone surrogate is not Unicode at all; both are dropped.
 */
export function storableText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this removes (PostgreSQL text cannot hold it).
  return text.replace(/\u0000/g, '').replace(LONE_SURROGATE, '');
}
