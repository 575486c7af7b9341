/**
 * The skeleton of a text for "do these two look the same?" (after UTS #39, section 4):
 * compatibility forms folded (NFKC: fullwidth Ｒ is R), small capitals read as their letters,
 * case folded, combining marks dropped (so "Ri̇ng" and "Café" match "Ring" and "Cafe"), and
 * every character replaced by the prototype it is confusable with in Unicode's
 * confusables.txt (Cyrillic а is a; m is rn, as rn is) through the unhomoglyph library.
 */
import unhomoglyph from 'unhomoglyph';
import { SMALL_CAPITALS } from './small-capitals.ts';

const SMALL_CAPITAL = new RegExp(`[${Object.keys(SMALL_CAPITALS).join('')}]`, 'gu');
const MARKS = /\p{M}/gu;

const withoutMarks = (text: string) => text.normalize('NFD').replace(MARKS, '');

export function lookalikeSkeleton(text: string): string {
  const folded = withoutMarks(
    text
      .normalize('NFKC')
      .replace(SMALL_CAPITAL, (character) => SMALL_CAPITALS[character]!)
      .toLocaleLowerCase('en'),
  );
  // Prototypes can be capitals or carry marks themselves: fold once more.
  return withoutMarks(unhomoglyph(folded).toLocaleLowerCase('en')).normalize('NFC');
}
