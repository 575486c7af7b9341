/**
 * Counting characters as a person would: one user-perceived character (grapheme cluster)
 * counts once, so "é" is one whether it arrives precomposed or as e + combining accent,
 * and an emoji with modifiers is one. Text is NFC-normalised before it is stored.
 */
// Created on first use: loading ICU's segmentation data costs ~10 ms at every server start.
let segmenter: Intl.Segmenter | undefined;

export function characterCount(text: string): number {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}

export function normalizeText(text: string): string {
  return text.normalize('NFC');
}
