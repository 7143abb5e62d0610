// A person's first or last name is printed on official PDFs (the certificate, the signed register,
// the training plan), whose fonts are Titillium Web with Noto Sans as fallback (app/utils/pdf.server.ts):
// together they draw Latin, Greek and Cyrillic, not Chinese, Japanese, Arabic… (ADR 0075). A name
// is accepted only in letters the PDFs can print, as on the person's documents. Shared by the
// forms (browser and server); what the fonts draw has one definition, isPrintableCharacter
// (app/domain/printable-text.ts, checked against the fonts by pdf-text-runs.server.test.ts), which a
// name's letters must pass as well.
import {
  isPrintableCharacter,
  isSymbolCharacter,
  REPLACEMENT_CHARACTER,
  stripInvisibleCharacters,
} from "./printable-text.ts";

/** Characters between the letters of a name: space, apostrophes, hyphens, full stop, middle dot (Gal·la). */
const NAME_PUNCTUATION = new Set([" ", "'", "\u2019", "\u02bc", "-", "\u2010", ".", "\u00b7"]);

const SCRIPT_LETTER = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]$/u;
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;

/**
 * Whether one character (a code point) may appear in a name: a Latin, Greek or Cyrillic letter or
 * combining accent below U+2000 that the PDFs print (isPrintableCharacter: the latest letters of
 * Cyrillic Extended-C, U+1C89–1C8A, are in neither font), a combining diacritical mark (U+0300–036F,
 * a name typed decomposed), or NAME_PUNCTUATION. Fullwidth Latin (Ａ), the letters added to Latin Extended-D and later blocks
 * are not printable and not needed in a name.
 */
export function isNameCharacter(ch: string): boolean {
  if (NAME_PUNCTUATION.has(ch)) return true;
  const cp = ch.codePointAt(0);
  if (cp === undefined || !LETTER_OR_MARK.test(ch)) return false;
  if (cp >= 0x0300 && cp <= 0x036f) return true;
  if (cp >= 0x2000) return false;
  return SCRIPT_LETTER.test(ch) && isPrintableCharacter(ch);
}

/** The distinct characters of `name` that a name may not contain, in order of appearance. */
export function nonNameCharacters(name: string): string[] {
  const found: string[] = [];
  for (const ch of name) if (!isNameCharacter(ch) && !found.includes(ch)) found.push(ch);
  return found;
}

/**
 * The characters of a person's first and last name that the PDFs cannot print. Names saved before
 * the rule (ADR 0075), or given by an identity provider before the person corrected them, may still
 * hold some: the person is asked to correct them, and the trainer sees them before issuing a certificate.
 */
export function unprintableNameCharacters(person: { firstName: string; lastName: string }): string[] {
  return nonNameCharacters(`${person.firstName} ${person.lastName}`);
}

/** Whether every character of `name` may appear in a name (the empty name too: "required" says the rest). */
export function isPrintableName(name: string): boolean {
  return nonNameCharacters(name).length === 0;
}

const GRAPHEMES = new Intl.Segmenter("und", { granularity: "grapheme" });

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether the PDFs leave out this character (a grapheme): every code point of it a symbol no font draws (an emoji). */
function leftOutOfPdfs(grapheme: string): boolean {
  return Array.from(grapheme).every((ch) => !isPrintableCharacter(ch) && isSymbolCharacter(ch));
}

/**
 * A person's name (or a part of it printed alone: a register's first-name cell) as the PDFs are given it. The PDFs leave
 * out a symbol no font draws, with the brackets or quotes it leaves empty ("Maria «🌸» Rossi" prints "Maria Rossi":
 * pdf-text-runs.server.ts); a name made of nothing else (an emoji-only name saved before the rule, ADR 0075, or given
 * by an identity provider) then printed as nothing: a certificate certified nobody, a register's row had no name, the
 * plan said "Docente:". Such a name is given with each of those symbols as U+FFFD, which the PDFs print, as they print
 * a letter no font has (山 → "�"): the document shows that a name is there and cannot be printed, and the closing page
 * and the profile already ask for it to be corrected (unprintableNameCharacters). A name with any letter or digit left
 * to print is returned as it is.
 */
export function nameAsPrinted(name: string): string {
  const graphemes = Array.from(GRAPHEMES.segment(stripInvisibleCharacters(name).normalize("NFC")), (g) => g.segment);
  if (!graphemes.some(leftOutOfPdfs)) return name;
  if (graphemes.some((g) => !leftOutOfPdfs(g) && LETTER_OR_DIGIT.test(g))) return name;
  return graphemes.map((g) => (leftOutOfPdfs(g) ? REPLACEMENT_CHARACTER : g)).join("");
}

/**
 * Whether the PDFs print nothing of the name but "�" (with its spaces and punctuation): no letter or digit of it is one
 * the fonts draw, and at least one is not (山田 → "��", 🤖 🌸 → "� �" by nameAsPrinted; "� �" itself too). Such a document names nobody
 * readably: the PDF modules log it for an operator (the document and the user's id, never the name), who can ask the
 * person to correct it or add a font (ADR 0075, addendum 08/12/2026). "Taro 山田" prints "Taro ��": false.
 */
export function printsOnlyReplacement(name: string): boolean {
  const graphemes = Array.from(GRAPHEMES.segment(stripInvisibleCharacters(name).normalize("NFC")), (g) => g.segment);
  let replaced = false;
  for (const g of graphemes) {
    if (leftOutOfPdfs(g) || g === REPLACEMENT_CHARACTER) replaced = true;
    else if (LETTER_OR_DIGIT.test(g)) {
      if (Array.from(g).every(isPrintableCharacter)) return false;
      replaced = true;
    }
  }
  return replaced;
}
