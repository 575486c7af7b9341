/**
 * Latin small capitals and the letter each looks like (ᴀ → a). UTS #39's confusables data
 * (used through unhomoglyph) does not map them, and NFKC leaves them alone, yet "ʀɪɴɢ ᴄᴀᴍ"
 * reads as "RING CAM". Generated from the Unicode character names ("LATIN LETTER SMALL
 * CAPITAL R") with Python's unicodedata: every small capital whose name ends in one letter.
 */
export const SMALL_CAPITALS: Readonly<Record<string, string>> = {
  '\u{262}': 'g', // LATIN LETTER SMALL CAPITAL G
  '\u{26A}': 'i', // LATIN LETTER SMALL CAPITAL I
  '\u{274}': 'n', // LATIN LETTER SMALL CAPITAL N
  '\u{280}': 'r', // LATIN LETTER SMALL CAPITAL R
  '\u{28F}': 'y', // LATIN LETTER SMALL CAPITAL Y
  '\u{299}': 'b', // LATIN LETTER SMALL CAPITAL B
  '\u{29C}': 'h', // LATIN LETTER SMALL CAPITAL H
  '\u{29F}': 'l', // LATIN LETTER SMALL CAPITAL L
  '\u{1D00}': 'a', // LATIN LETTER SMALL CAPITAL A
  '\u{1D04}': 'c', // LATIN LETTER SMALL CAPITAL C
  '\u{1D05}': 'd', // LATIN LETTER SMALL CAPITAL D
  '\u{1D07}': 'e', // LATIN LETTER SMALL CAPITAL E
  '\u{1D0A}': 'j', // LATIN LETTER SMALL CAPITAL J
  '\u{1D0B}': 'k', // LATIN LETTER SMALL CAPITAL K
  '\u{1D0D}': 'm', // LATIN LETTER SMALL CAPITAL M
  '\u{1D0F}': 'o', // LATIN LETTER SMALL CAPITAL O
  '\u{1D18}': 'p', // LATIN LETTER SMALL CAPITAL P
  '\u{1D1B}': 't', // LATIN LETTER SMALL CAPITAL T
  '\u{1D1C}': 'u', // LATIN LETTER SMALL CAPITAL U
  '\u{1D20}': 'v', // LATIN LETTER SMALL CAPITAL V
  '\u{1D21}': 'w', // LATIN LETTER SMALL CAPITAL W
  '\u{1D22}': 'z', // LATIN LETTER SMALL CAPITAL Z
  '\u{A730}': 'f', // LATIN LETTER SMALL CAPITAL F
  '\u{A731}': 's', // LATIN LETTER SMALL CAPITAL S
  '\u{A7AE}': 'i', // LATIN CAPITAL LETTER SMALL CAPITAL I
  '\u{A7AF}': 'q', // LATIN LETTER SMALL CAPITAL Q
  '\u{10784}': 'b', // MODIFIER LETTER SMALL CAPITAL B
  '\u{10792}': 'g', // MODIFIER LETTER SMALL CAPITAL G
  '\u{10796}': 'h', // MODIFIER LETTER SMALL CAPITAL H
  '\u{107AA}': 'r', // MODIFIER LETTER SMALL CAPITAL R
  '\u{107B2}': 'y', // MODIFIER LETTER SMALL CAPITAL Y
};
