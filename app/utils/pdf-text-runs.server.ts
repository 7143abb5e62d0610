// Text in a PDF as runs of one font each (ADR 0075): Titillium Web (the primary font) has no Greek
// or Cyrillic, so "Zoë Αλέξανδρος" is drawn as "Zoë " in Titillium and "Αλέξανδρος" in Noto Sans
// (the fallback), at the same size and weight. A letter (or digit, or punctuation) neither font has
// (山, م) is replaced by U+FFFD, drawn in the fallback font, and reported, never dropped: pdfkit would
// draw nothing there (or a NUL), and a certificate would name nobody. A symbol neither font has (an
// emoji with its variation selector or skin tone, an arrow, a check mark: isSymbolCharacter) is
// decoration, not a word: it is left out, with a space beside it, and reported ("Robotica 🤖 a scuola"
// prints "Robotica a scuola"; ADR 0075 addendum 07/12/2026), with brackets or quotes it leaves empty ("Coding (✓)"
// prints "Coding", not "Coding ()"; "«✓»" and '"✓"' nothing, not "«»" or '""'; pairs typed empty stay).
//
// Pure functions, the fonts given as glyph tests and a width measure: splitTextRuns cuts the text,
// wrapRuns breaks runs into lines as pdfkit would (at spaces, a word longer than the line at a
// character). pdf.server.ts draws them.

import { isSymbolCharacter, REPLACEMENT_CHARACTER, stripInvisibleCharacters } from "~/domain/printable-text.ts";

export type RunFont = "primary" | "fallback";

/** `lang`: the language of a run written in another language than the document's (drawTextParts, pdf.server.ts). */
export type TextRun = { text: string; font: RunFont; lang?: string };

/** Whether each font has a glyph for a code point (fontkit's font.hasGlyphForCodePoint). */
export type GlyphCoverage = { primary: (codePoint: number) => boolean; fallback: (codePoint: number) => boolean };

/** What a character no font can draw is replaced with (the fallback font draws it): defined in the domain. */
export { REPLACEMENT_CHARACTER };

const graphemes = new Intl.Segmenter("und", { granularity: "grapheme" });

const WHITESPACE = /^\s+$/u;

/** Greek and Cyrillic letters: the fallback's, even the few the primary has (Titillium's π is a maths sign). */
const FALLBACK_SCRIPT = /^[\p{Script=Greek}\p{Script=Cyrillic}]/u;

function codePoints(text: string): number[] {
  return Array.from(text, (ch) => ch.codePointAt(0)!);
}

/** A grapheme of the text once its font is chosen: white space, drawn in a font, or left out (a symbol). */
type Piece = { text: string; font: RunFont | "space" | "omitted" };

const NEWLINE = /[\n\r\u2028\u2029]/u;

const OPENING = /[\p{Ps}\p{Pi}]$/u;
const CLOSING = /^[\p{Pe}\p{Pf}\p{Po}]/u;
const WORD_END = /[\p{L}\p{N}\p{M}]$/u;
const WORD_START = /^[\p{L}\p{N}]/u;

/**
 * Brackets and quotes by their closing one: a pair that held only symbols left out goes with them (emptiedBrackets).
 * Guillemets and typographic quotes too ("«✓»" printed "«»"), in the forms other languages open them with: ‹›, „“ and
 * „” (German, Polish), ‚‘ and ‚’. The straight " and ', the same character both ends, are STRAIGHT_QUOTES.
 */
const OPENINGS_OF: Readonly<Record<string, readonly string[]>> = {
  ")": ["("],
  "]": ["["],
  "}": ["{"],
  "»": ["«"],
  "›": ["‹"],
  "”": ["“", "„"],
  // “ opens a pair too: it closes one only after a „ with nothing but left-out symbols between.
  "“": ["„"],
  // ’ is also the apostrophe: it closes a pair only after a ‘ or ‚ with nothing but left-out symbols between.
  "’": ["‘", "‚"],
  "‘": ["‚"],
};

/**
 * Quotes that open and close with the same character: one closes a pair with the same quote before it when that one
 * opens (at the start, or after a space or a bracket; never after a letter or digit: the apostrophe of "dell'", the
 * inch of 5") and this one closes (not before a letter or digit).
 */
const STRAIGHT_QUOTES: ReadonlySet<string> = new Set(['"', "'"]);

/**
 * The apostrophes (straight, typographic, modifier letter): a symbol left out between two of them inside a word
 * ("D'☃'Amico") leaves one, not two ("D'Amico", not "D''Amico"; ADR 0075 addendum 08/12/2026).
 */
const APOSTROPHES: ReadonlySet<string> = new Set(["'", "\u2019", "\u02bc"]);

/** Whether `piece` is a straight quote that opens: not after a letter or digit (`previous`: the piece before it). */
function opensStraightQuote(piece: Piece, previous: Piece | undefined): boolean {
  return STRAIGHT_QUOTES.has(piece.text) && !WORD_END.test(previous?.text ?? "");
}

/**
 * Brackets (and quotes: «», ‹›, “”, „“, ‘’, and the straight " and ') that held nothing but symbols left out (and
 * spaces) taken out with them, as one piece left out: "(✓)" printed "()", so "Coding (✓) in classe" → "Coding in
 * classe", "Fatto [🤖]." → "Fatto." (leaveOut then takes the spacing), "Coding «✓»" → "Coding", 'Coding "✓"' →
 * "Coding", nested ones too ("((✓))", "«(✓)»"). Pairs empty as typed ("()", "«»", '""') stay, and so does a pair
 * across a line break; an apostrophe after a letter is never an opening quote ("dell'✓'" keeps both).
 */
function emptiedBrackets(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const [i, piece] of pieces.entries()) {
    const drawn = piece.font === "primary" || piece.font === "fallback";
    const openings = drawn ? OPENINGS_OF[piece.text] : undefined;
    const straight = drawn && STRAIGHT_QUOTES.has(piece.text);
    if (openings || straight) {
      let k = out.length - 1;
      while (k >= 0 && (out[k]!.font === "omitted" || (out[k]!.font === "space" && !NEWLINE.test(out[k]!.text)))) k--;
      const opener = out[k];
      const pairs =
        opener !== undefined &&
        out.slice(k + 1).some((p) => p.font === "omitted") &&
        (straight
          ? opener.text === piece.text &&
            opensStraightQuote(opener, out[k - 1]) &&
            !WORD_START.test(pieces[i + 1]?.text ?? "")
          : openings!.includes(opener.text));
      if (pairs) {
        const group = out.splice(k);
        out.push({ text: group.map((p) => p.text).join("") + piece.text, font: "omitted" });
        continue;
      }
    }
    if (drawn && APOSTROPHES.has(piece.text) && WORD_START.test(pieces[i + 1]?.text ?? "")) {
      // Inside a word, between two apostrophes: "D'☃'Amico" printed "D''Amico"; the second goes with the symbol.
      let k = out.length - 1;
      while (k >= 0 && (out[k]!.font === "omitted" || (out[k]!.font === "space" && !NEWLINE.test(out[k]!.text)))) k--;
      const before = out[k];
      const between = out.slice(k + 1);
      if (
        between.some((p) => p.font === "omitted") &&
        before &&
        APOSTROPHES.has(before.text) &&
        WORD_END.test(out[k - 1]?.text ?? "")
      ) {
        const group = out.splice(k + 1);
        out.push({ text: group.map((p) => p.text).join("") + piece.text, font: "omitted" });
        continue;
      }
    }
    out.push(piece);
  }
  return out;
}

/**
 * The symbols left out, and the spacing around them as if they had never been typed: "Robotica 🤖 a scuola" →
 * "Robotica a scuola", "🤖 Robotica" → "Robotica", "«Coding 🤖»" → "«Coding»", "Coding➡️Robotica" →
 * "Coding Robotica" (the symbol stood between two words). A line break is never the space taken away.
 */
function leaveOut(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  const removable = (piece: Piece | undefined) => piece?.font === "space" && !NEWLINE.test(piece.text);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (piece.font !== "omitted") {
      out.push(piece);
      continue;
    }
    let j = i;
    while (pieces[j + 1]?.font === "omitted") j++;
    const before = out[out.length - 1];
    const after = pieces[j + 1];
    const spaceBefore = before === undefined || before.font === "space";
    const spaceAfter = after === undefined || after.font === "space";
    if (spaceBefore && spaceAfter) {
      if (removable(after))
        j++; // the space after goes
      else if (removable(before)) out.pop(); // else the one before
    } else if (spaceBefore) {
      if (CLOSING.test(after!.text) && removable(before)) out.pop(); // "pratica 🤖»" → "pratica»"
    } else if (spaceAfter) {
      const opens = OPENING.test(before.text) || opensStraightQuote(before, out[out.length - 2]);
      if (opens && removable(after)) j++; // "«🤖 Coding" → "«Coding", '"🤖 Coding' → '"Coding'"
    } else if (WORD_END.test(before.text) && !APOSTROPHES.has(before.text) && WORD_START.test(after!.text))
      out.push({ text: " ", font: "space" });
    i = j;
  }
  return out;
}

/**
 * The text (NFC) cut into runs of the primary and the fallback font. A character (grapheme: a
 * letter with its accents) goes to the primary font when it has every code point of it, else to
 * the fallback. Greek and Cyrillic letters go to the fallback whenever it has them, so that a word
 * is drawn in one font ("Παπαδόπουλος" with Titillium's π in the middle looked patched). In a character
 * neither font draws whole, the symbols neither draws are left out (an emoji, the U+FE0F variation
 * selector after ©, a keycap's frame) and what remains is drawn; a character left with nothing is listed
 * in `omitted` (leaveOut takes a space beside it, emptiedBrackets the brackets it leaves empty), one that
 * still cannot be drawn (a letter: 山) becomes REPLACEMENT_CHARACTER in the fallback and is listed in
 * `missing`. White space stays in the run it
 * follows, so runs change at words, not around spaces. Invisible format characters (a zero-width
 * space, a soft hyphen, printed as "�" and "-") are left out, as the forms now remove them at input
 * (app/domain/printable-text.ts): a title stored before prints as it reads.
 */
export function splitTextRuns(
  text: string,
  fonts: GlyphCoverage,
): { runs: TextRun[]; missing: string[]; omitted: string[] } {
  const missing: string[] = [];
  const omitted: string[] = [];
  const fontFor = (segment: string): RunFont | null => {
    const cps = codePoints(segment);
    if (FALLBACK_SCRIPT.test(segment) && cps.every(fonts.fallback)) return "fallback";
    if (cps.every(fonts.primary)) return "primary";
    if (cps.every(fonts.fallback)) return "fallback";
    return null;
  };
  const drawn = (ch: string) => fonts.primary(ch.codePointAt(0)!) || fonts.fallback(ch.codePointAt(0)!);
  const pieces: Piece[] = [];
  for (const { segment } of graphemes.segment(stripInvisibleCharacters(text).normalize("NFC"))) {
    if (WHITESPACE.test(segment)) {
      pieces.push({ text: segment, font: "space" });
      continue;
    }
    const font = fontFor(segment);
    if (font) {
      pieces.push({ text: segment, font });
      continue;
    }
    const kept = Array.from(segment)
      .filter((ch) => drawn(ch) || !isSymbolCharacter(ch))
      .join("");
    const keptFont = kept === "" ? null : fontFor(kept);
    if (kept === "") {
      if (!omitted.includes(segment)) omitted.push(segment);
      pieces.push({ text: segment, font: "omitted" });
    } else if (keptFont) pieces.push({ text: kept, font: keptFont });
    else {
      if (!missing.includes(segment)) missing.push(segment);
      pieces.push({ text: REPLACEMENT_CHARACTER, font: "fallback" });
    }
  }
  const runs: TextRun[] = [];
  for (const piece of leaveOut(emptiedBrackets(pieces))) {
    const last = runs[runs.length - 1];
    const font = piece.font === "space" ? (last?.font ?? "primary") : (piece.font as RunFont);
    if (last && last.font === font) last.text += piece.text;
    else runs.push({ text: piece.text, font });
  }
  return { runs, missing, omitted };
}

/** The text the runs draw, in order (a text Titillium draws whole goes to pdfkit's text() as this). */
export function runsText(runs: TextRun[]): string {
  return runs.map((r) => r.text).join("");
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

/** A hyphen a line may break after, inside a word: "Maximilianus-" | "Johannesburgensis" (as pdfkit does). */
const HYPHENS: ReadonlySet<string> = new Set(["-", "\u2010"]);

/**
 * A paragraph's atoms as the pieces a line may not break inside: each word (after the spaces before it) cut after
 * each hyphen between two letters ("Maximilianus-Johannesburgensis" is "Maximilianus-" and "Johannesburgensis").
 */
function wordsOf(paragraph: Atom[]): { space: Atom[]; word: Atom[] }[] {
  const words: { space: Atom[]; word: Atom[] }[] = [];
  let space: Atom[] = [];
  let word: Atom[] = [];
  paragraph.forEach((a, i) => {
    if (WHITESPACE.test(a.text)) {
      if (word.length) {
        words.push({ space, word });
        space = [];
        word = [];
      }
      space.push(a);
      return;
    }
    word.push(a);
    const next = paragraph[i + 1];
    if (HYPHENS.has(a.text) && WORD_END.test(paragraph[i - 1]?.text ?? "") && WORD_START.test(next?.text ?? "")) {
      words.push({ space, word });
      space = [];
      word = [];
    }
  });
  if (word.length || space.length) words.push({ space, word });
  return words;
}

function atomsOf(runs: TextRun[]): Atom[] {
  return runs.flatMap((r) =>
    Array.from(graphemes.segment(r.text), ({ segment }) =>
      r.lang === undefined ? { text: segment, font: r.font } : { text: segment, font: r.font, lang: r.lang },
    ),
  );
}

/**
 * The width of the widest piece of the runs a line may not break inside (a word, or its part between hyphens): a
 * text whose widest piece is wider than the line breaks inside a word (wrapRuns), unless drawn smaller (drawText's
 * minSize, pdf.server.ts).
 */
export function widestWord(runs: TextRun[], measure: (text: string, font: RunFont) => number): number {
  const atoms = atomsOf(runs);
  let widest = 0;
  const paragraphs: Atom[][] = [[]];
  for (const a of atoms) {
    if (a.text === "\n" || a.text === "\r\n") paragraphs.push([]);
    else paragraphs[paragraphs.length - 1]!.push(a);
  }
  for (const paragraph of paragraphs)
    for (const { word } of wordsOf(paragraph))
      widest = Math.max(
        widest,
        merge(word).reduce((sum, r) => sum + measure(r.text, r.font), 0),
      );
  return widest;
}

/**
 * Runs broken into lines no wider than maxWidth (Infinity: one line per paragraph), breaking at
 * spaces and after a hyphen inside a word like pdfkit, a word wider than the line at a character (never leaving
 * one letter alone), and at "\n". Spaces at a line's end are dropped. `measure` is the width of a text in a font
 * at the size being drawn.
 */
export function wrapRuns(
  runs: TextRun[],
  maxWidth: number,
  measure: (text: string, font: RunFont) => number,
): RunLine[] {
  const width = (atoms: Atom[]) => merge(atoms).reduce((sum, r) => sum + measure(r.text, r.font), 0);
  const atoms = atomsOf(runs);
  // Paragraphs at "\n"; each one a sequence of words and the spaces between them.
  const paragraphs: Atom[][] = [[]];
  for (const a of atoms) {
    if (a.text === "\n" || a.text === "\r\n") paragraphs.push([]);
    else paragraphs[paragraphs.length - 1]!.push(a);
  }
  const lines: RunLine[] = [];
  for (const paragraph of paragraphs) {
    const words = wordsOf(paragraph);
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
      // A word wider than the line on its own: broken at characters (graphemes: a letter keeps its accents), never
      // leaving a letter alone on either side of the break ("…bergerdorf" and "f" read as two words).
      while (width(line) > maxWidth && line.length > 1) {
        let fit = line.length - 1;
        while (fit > 1 && width(line.slice(0, fit)) > maxWidth) fit--;
        if (line.length >= 4) fit = Math.max(2, Math.min(fit, line.length - 2));
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
