// What the PDFs can print (the certificate, the signed register, the training plan: ADR 0075). Their
// fonts are Titillium Web with Noto Sans as fallback (app/utils/pdf.server.ts); a letter neither draws
// comes out as "�" and a symbol (an emoji, an arrow) is left out (pdf-text-runs.server.ts), and a certificate
// keeps its title and venue for good
// (ADR 0100). Free text that reaches a PDF (an event's title and venue, an activity's title, the
// letterhead's signatory, a school's name, an external training's title and organiser) is therefore
// read at input as follows: invisible format characters are removed (a zero-width space pasted from a
// web page, a soft hyphen from Word, which Noto Sans prints as a visible "-"), and characters no font
// draws (emoji, arrows, check marks, CJK…) are refused. Shared by the forms (browser and server), the
// closing page (a title stored before the rule) and drawText (pdf-text-runs.server.ts).
// pdf-text-runs.server.test.ts checks PRINTABLE_RANGES against the fonts themselves, every code point.

/**
 * Invisible format characters (Unicode category Cf): zero-width space, joiners, word joiner, soft
 * hyphen, byte order mark, direction marks… Nothing a reader sees, never printed as meant.
 */
const INVISIBLE_FORMAT = /\p{Cf}/gu;

/**
 * The code points both PDF fonts draw, in every weight (regular, semibold, bold), by either of them:
 * white space and invisible format characters apart. Generated from the fonts; the test says when
 * they change.
 */
export const PRINTABLE_RANGES: readonly (readonly [number, number])[] = [
  [0x0021, 0x007e],
  [0x00a1, 0x00ac],
  [0x00ae, 0x0377],
  [0x037a, 0x037f],
  [0x0384, 0x038a],
  [0x038c, 0x038c],
  [0x038e, 0x03a1],
  [0x03a3, 0x03e1],
  [0x03f0, 0x052f],
  [0x0900, 0x097f],
  [0x10fb, 0x10fb],
  [0x1ab0, 0x1ac0],
  [0x1ac5, 0x1ac5],
  [0x1ac7, 0x1ace],
  [0x1c80, 0x1c88],
  [0x1d00, 0x1df9],
  [0x1dfb, 0x1f15],
  [0x1f18, 0x1f1d],
  [0x1f20, 0x1f45],
  [0x1f48, 0x1f4d],
  [0x1f50, 0x1f57],
  [0x1f59, 0x1f59],
  [0x1f5b, 0x1f5b],
  [0x1f5d, 0x1f5d],
  [0x1f5f, 0x1f7d],
  [0x1f80, 0x1fb4],
  [0x1fb6, 0x1fc4],
  [0x1fc6, 0x1fd3],
  [0x1fd6, 0x1fdb],
  [0x1fdd, 0x1fef],
  [0x1ff2, 0x1ff4],
  [0x1ff6, 0x1ffe],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2070, 0x2071],
  [0x2074, 0x208e],
  [0x2090, 0x209c],
  [0x20a0, 0x20c0],
  [0x20f0, 0x20f0],
  [0x2100, 0x215f],
  [0x2183, 0x2184],
  [0x2189, 0x2189],
  [0x2202, 0x2202],
  [0x2206, 0x2206],
  [0x220f, 0x220f],
  [0x2211, 0x2212],
  [0x221a, 0x221a],
  [0x221e, 0x221e],
  [0x222b, 0x222b],
  [0x2248, 0x2248],
  [0x2260, 0x2260],
  [0x2264, 0x2265],
  [0x25ca, 0x25ca],
  [0x25cc, 0x25cc],
  [0x2c60, 0x2c7f],
  [0x2de0, 0x2e5d],
  [0xa640, 0xa69f],
  [0xa700, 0xa7ca],
  [0xa7d0, 0xa7d1],
  [0xa7d3, 0xa7d3],
  [0xa7d5, 0xa7d9],
  [0xa7f2, 0xa7ff],
  [0xa8ff, 0xa8ff],
  [0xa92e, 0xa92e],
  [0xab30, 0xab6b],
  [0xf6be, 0xf6be],
  [0xf6c3, 0xf6c3],
  [0xfb00, 0xfb06],
  [0xfe20, 0xfe2f],
  [0xfffc, 0xfffd],
  [0x10780, 0x10785],
  [0x10787, 0x107b0],
  [0x107b2, 0x107ba],
  [0x1df00, 0x1df1e],
];

const WHITE_SPACE = /^\s$/u;

/** What a letter no PDF font draws is printed as (pdf-text-runs.server.ts): the fallback font draws it. */
export const REPLACEMENT_CHARACTER = "\uFFFD";

/** The text without invisible format characters (U+200B–U+200F, U+2060, U+FEFF, U+00AD and the other Cf). */
export function stripInvisibleCharacters(text: string): string {
  return text.replace(INVISIBLE_FORMAT, "");
}

/**
 * Symbols (Unicode S*: emoji, arrows, check marks, stars, currency and maths signs…) and what only dresses an emoji
 * (Extended_Pictographic, variation selectors such as U+FE0F, enclosing marks such as the keycap U+20E3; skin tones
 * and regional indicators are symbols already): decoration rather than words. A PDF leaves out such a character when
 * no font draws it, where a letter or a digit is printed "�" (pdf-text-runs.server.ts, ADR 0075 addendum 07/12/2026).
 */
const SYMBOL = /^[\p{S}\p{Extended_Pictographic}\p{Variation_Selector}\p{Me}]$/u;

/** Whether the character (a code point) is a symbol or part of an emoji: see SYMBOL. */
export function isSymbolCharacter(ch: string): boolean {
  return SYMBOL.test(ch);
}

/** Whether the PDFs draw this character (a code point): white space, or one the fonts have. */
export function isPrintableCharacter(ch: string): boolean {
  if (WHITE_SPACE.test(ch)) return true;
  const cp = ch.codePointAt(0);
  if (cp === undefined) return false;
  let low = 0;
  let high = PRINTABLE_RANGES.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [from, to] = PRINTABLE_RANGES[mid]!;
    if (cp < from) high = mid - 1;
    else if (cp > to) low = mid + 1;
    else return true;
  }
  return false;
}

/**
 * The distinct characters of the text the PDFs cannot print, in order of appearance (none: it prints
 * as typed). Invisible format characters do not count: they are removed, at input and when drawn.
 */
export function unprintableCharacters(text: string): string[] {
  const found: string[] = [];
  for (const ch of stripInvisibleCharacters(text).normalize("NFC"))
    if (!isPrintableCharacter(ch) && !found.includes(ch)) found.push(ch);
  return found;
}

/** Whether every character of the text prints (invisible format characters apart). */
export function isPrintableText(text: string): boolean {
  return unprintableCharacters(text).length === 0;
}
