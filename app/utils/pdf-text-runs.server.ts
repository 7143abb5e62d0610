// Text in a PDF as runs of one font each (ADR 0075): Titillium Web (the primary font) has no Greek
// or Cyrillic, so "Zoë Αλέξανδρος" is drawn as "Zoë " in Titillium and "Αλέξανδρος" in Noto Sans
// (the fallback), at the same size and weight. A character neither font has (山, م, an emoji) is
// replaced by U+FFFD, drawn in the fallback font, and reported, never dropped: pdfkit would draw
// nothing there (or a NUL), and a certificate would name nobody.
//
// Pure functions, the fonts given as glyph tests and a width measure: splitTextRuns cuts the text,
// wrapRuns breaks runs into lines as pdfkit would (at spaces, a word longer than the line at a
// character). pdf.server.ts draws them.

import { stripInvisibleCharacters } from "~/domain/printable-text.ts";

export type RunFont = "primary" | "fallback";

/** `lang`: the language of a run written in another language than the document's (drawTextParts, pdf.server.ts). */
export type TextRun = { text: string; font: RunFont; lang?: string };

/** Whether each font has a glyph for a code point (fontkit's font.hasGlyphForCodePoint). */
export type GlyphCoverage = { primary: (codePoint: number) => boolean; fallback: (codePoint: number) => boolean };

/** What a character no font can draw is replaced with (the fallback font draws it). */
export const REPLACEMENT_CHARACTER = "\uFFFD";

const graphemes = new Intl.Segmenter("und", { granularity: "grapheme" });

const WHITESPACE = /^\s+$/u;

/** Greek and Cyrillic letters: the fallback's, even the few the primary has (Titillium's π is a maths sign). */
const FALLBACK_SCRIPT = /^[\p{Script=Greek}\p{Script=Cyrillic}]/u;

function codePoints(text: string): number[] {
  return Array.from(text, (ch) => ch.codePointAt(0)!);
}

/**
 * The text (NFC) cut into runs of the primary and the fallback font. A character (grapheme: a
 * letter with its accents) goes to the primary font when it has every code point of it, else to
 * the fallback, else it becomes REPLACEMENT_CHARACTER in the fallback and is listed in `missing`.
 * Greek and Cyrillic letters go to the fallback whenever it has them, so that a word is drawn in one
 * font ("Παπαδόπουλος" with Titillium's π in the middle looked patched). White space stays in the
 * run it follows, so runs change at words, not around spaces. Invisible format characters (a zero-width
 * space, a soft hyphen, printed as "�" and "-") are left out, as the forms now remove them at input
 * (app/domain/printable-text.ts): a title stored before prints as it reads.
 */
export function splitTextRuns(text: string, fonts: GlyphCoverage): { runs: TextRun[]; missing: string[] } {
  const runs: TextRun[] = [];
  const missing: string[] = [];
  const push = (piece: string, font: RunFont) => {
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += piece;
    else runs.push({ text: piece, font });
  };
  for (const { segment } of graphemes.segment(stripInvisibleCharacters(text).normalize("NFC"))) {
    const last = runs[runs.length - 1];
    if (WHITESPACE.test(segment)) {
      push(segment, last?.font ?? "primary");
      continue;
    }
    const cps = codePoints(segment);
    if (FALLBACK_SCRIPT.test(segment) && cps.every(fonts.fallback)) push(segment, "fallback");
    else if (cps.every(fonts.primary)) push(segment, "primary");
    else if (cps.every(fonts.fallback)) push(segment, "fallback");
    else {
      if (!missing.includes(segment)) missing.push(segment);
      push(REPLACEMENT_CHARACTER, "fallback");
    }
  }
  return { runs, missing };
}

/** Whether the text needs only the primary font (then pdfkit lays it out alone, as always). */
export function primaryOnly(runs: TextRun[]): boolean {
  return runs.every((r) => r.font === "primary");
}

export type RunLine = { runs: TextRun[]; width: number };

type Atom = { text: string; font: RunFont; lang?: string };

/** Atoms joined into runs of one font and one language. */
function merge(atoms: Atom[]): TextRun[] {
  const runs: TextRun[] = [];
  for (const a of atoms) {
    const last = runs[runs.length - 1];
    if (last && last.font === a.font && last.lang === a.lang) last.text += a.text;
    else
      runs.push(a.lang === undefined ? { text: a.text, font: a.font } : { text: a.text, font: a.font, lang: a.lang });
  }
  return runs;
}

/**
 * Runs broken into lines no wider than maxWidth (Infinity: one line per paragraph), breaking at
 * spaces like pdfkit, a word wider than the line at a character, and at "\n". Spaces at a line's
 * end are dropped. `measure` is the width of a text in a font at the size being drawn.
 */
export function wrapRuns(
  runs: TextRun[],
  maxWidth: number,
  measure: (text: string, font: RunFont) => number,
): RunLine[] {
  const width = (atoms: Atom[]) => merge(atoms).reduce((sum, r) => sum + measure(r.text, r.font), 0);
  const atoms: Atom[] = runs.flatMap((r) =>
    Array.from(graphemes.segment(r.text), ({ segment }) =>
      r.lang === undefined ? { text: segment, font: r.font } : { text: segment, font: r.font, lang: r.lang },
    ),
  );
  // Paragraphs at "\n"; each one a sequence of words and the spaces between them.
  const paragraphs: Atom[][] = [[]];
  for (const a of atoms) {
    if (a.text === "\n" || a.text === "\r\n") paragraphs.push([]);
    else paragraphs[paragraphs.length - 1]!.push(a);
  }
  const lines: RunLine[] = [];
  for (const paragraph of paragraphs) {
    const words: { space: Atom[]; word: Atom[] }[] = [];
    let space: Atom[] = [];
    let word: Atom[] = [];
    for (const a of paragraph) {
      if (WHITESPACE.test(a.text)) {
        if (word.length) {
          words.push({ space, word });
          space = [];
          word = [];
        }
        space.push(a);
      } else word.push(a);
    }
    if (word.length || space.length) words.push({ space, word });

    let line: Atom[] = [];
    const flush = () => {
      while (line.length && WHITESPACE.test(line[line.length - 1]!.text)) line.pop();
      lines.push({ runs: merge(line), width: width(line) });
      line = [];
    };
    for (const w of words) {
      if (w.word.length === 0) continue; // spaces at the paragraph's end
      if (line.length === 0) line = [...w.word];
      else {
        const candidate = [...line, ...w.space, ...w.word];
        if (width(candidate) <= maxWidth) line = candidate;
        else {
          flush();
          line = [...w.word];
        }
      }
      // A word wider than the line on its own: broken at characters.
      while (width(line) > maxWidth && line.length > 1) {
        let fit = line.length - 1;
        while (fit > 1 && width(line.slice(0, fit)) > maxWidth) fit--;
        const rest = line.slice(fit);
        line = line.slice(0, fit);
        flush();
        line = rest;
      }
    }
    flush();
  }
  return lines;
}

/**
 * The line cut to fit maxWidth with an ellipsis (in the primary font) at its end, as pdfkit's
 * `ellipsis: true` does to the last line that fits.
 */
export function withEllipsis(
  line: RunLine,
  maxWidth: number,
  measure: (text: string, font: RunFont) => number,
  ellipsis = "…",
): RunLine {
  const atoms: Atom[] = line.runs.flatMap((r) =>
    Array.from(graphemes.segment(r.text), ({ segment }) => ({ text: segment, font: r.font })),
  );
  const tail = measure(ellipsis, "primary");
  let kept = atoms;
  const widthOf = (a: Atom[]) => merge(a).reduce((sum, r) => sum + measure(r.text, r.font), 0);
  while (kept.length && widthOf(kept) + tail > maxWidth) kept = kept.slice(0, -1);
  while (kept.length && WHITESPACE.test(kept[kept.length - 1]!.text)) kept = kept.slice(0, -1);
  const runs = merge([...kept, { text: ellipsis, font: "primary" }]);
  return { runs, width: widthOf(kept) + tail };
}
