// pdfkit writes a document as a stream; Forma's PDFs (certificate, training plan, register) are
// small, so they are collected into one Buffer and sent whole.
//
// Text is set in Titillium Web (the typeface of Italian public-service sites, SIL OFL), embedded
// and subset by pdfkit: the 14 standard PDF fonts only know WinAnsi, which garbles Polish, Czech,
// Romanian or Slovenian names (Ł, ř, ș, ț, č…). Titillium has no Greek or Cyrillic: those letters
// are drawn in Noto Sans (SIL OFL) at the same weight, in runs (drawText, pdf-text-runs.server.ts,
// ADR 0075). The TTF files come from the @expo-google-fonts/titillium-web and
// @expo-google-fonts/noto-sans packages, read once per process.
import fs from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import { printsOnlyReplacement } from "~/domain/person-name.ts";
import { logger } from "./logger.server.ts";
import {
  primaryOnly,
  runsText,
  splitTextRuns,
  widestWord,
  withEllipsis,
  wrapRuns,
  type GlyphCoverage,
  type RunFont,
  type RunLine,
} from "./pdf-text-runs.server.ts";

/** Font names to pass to doc.font() once the document was made by createPdf(). */
export const FONT = { regular: "Forma-Regular", semibold: "Forma-SemiBold", bold: "Forma-Bold" } as const;

export type FontWeight = keyof typeof FONT;
export type FontName = (typeof FONT)[FontWeight];

/** The fallback font of each weight, registered by createPdf beside FONT. */
const FALLBACK: Record<FontWeight, string> = {
  regular: "Forma-Fallback-Regular",
  semibold: "Forma-Fallback-SemiBold",
  bold: "Forma-Fallback-Bold",
};

const FONT_FILES: Record<FontWeight, { primary: string; fallback: string }> = {
  regular: {
    primary: "@expo-google-fonts/titillium-web/400Regular/TitilliumWeb_400Regular.ttf",
    fallback: "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
  },
  semibold: {
    primary: "@expo-google-fonts/titillium-web/600SemiBold/TitilliumWeb_600SemiBold.ttf",
    fallback: "@expo-google-fonts/noto-sans/600SemiBold/NotoSans_600SemiBold.ttf",
  },
  bold: {
    primary: "@expo-google-fonts/titillium-web/700Bold/TitilliumWeb_700Bold.ttf",
    fallback: "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
  },
};

type WeightFonts = {
  primary: Buffer;
  fallback: Buffer;
  coverage: GlyphCoverage;
  /** The primary font's ascent in ems: where pdfkit puts the baseline below a line's top. */
  ascent: number;
};

let fontData: Record<FontWeight, WeightFonts> | undefined;

/**
 * Whether the font draws the code point: it has a glyph and, unless the character is white space,
 * the glyph has an outline. Titillium Web maps Ţ (U+0162) to an empty glyph of zero width, which
 * printed nothing: "Ţepeş" came out as "epeş". Such a character goes to the fallback font.
 */
function drawable(font: fontkit.Font): (codePoint: number) => boolean {
  const known = new Map<number, boolean>();
  return (cp) => {
    let draws = known.get(cp);
    if (draws === undefined) {
      draws =
        font.hasGlyphForCodePoint(cp) &&
        (/^\s$/u.test(String.fromCodePoint(cp)) || font.glyphForCodePoint(cp).path.commands.length > 0);
      known.set(cp, draws);
    }
    return draws;
  };
}

function fonts(): Record<FontWeight, WeightFonts> {
  if (!fontData) {
    const require = createRequire(import.meta.url);
    const read = (file: string) => fs.readFileSync(require.resolve(file));
    const load = (weight: FontWeight): WeightFonts => {
      const primary = read(FONT_FILES[weight].primary);
      const fallback = read(FONT_FILES[weight].fallback);
      const primaryFont = fontkit.create(primary) as fontkit.Font;
      const fallbackFont = fontkit.create(fallback) as fontkit.Font;
      return {
        primary,
        fallback,
        coverage: { primary: drawable(primaryFont), fallback: drawable(fallbackFont) },
        ascent: primaryFont.ascent / primaryFont.unitsPerEm,
      };
    };
    fontData = { regular: load("regular"), semibold: load("semibold"), bold: load("bold") };
  }
  return fontData;
}

/** Which characters each font of a weight has a glyph for (tests check the name rule against it). */
export function glyphCoverage(weight: FontWeight): GlyphCoverage {
  return fonts()[weight].coverage;
}

/** A pdfkit document with Forma's Unicode fonts registered, the regular one selected. */
export function createPdf(options: PDFKit.PDFDocumentOptions): InstanceType<typeof PDFDocument> {
  const data = fonts();
  // The regular font as the default, so that no standard Helvetica is set up and left unused.
  const doc = new PDFDocument({ ...options, font: data.regular.primary } as unknown as PDFKit.PDFDocumentOptions);
  for (const key of Object.keys(FONT) as FontWeight[]) {
    doc.registerFont(FONT[key], data[key].primary);
    doc.registerFont(FALLBACK[key], data[key].fallback);
  }
  doc.font(FONT.regular);
  return doc;
}

type Doc = InstanceType<typeof PDFDocument>;

/**
 * OpenType features for text a person typed: no 'locl'. fontkit applies a font's localised forms
 * whatever the language, and Titillium Web's turn the Turkish Ş ş Ţ ţ (cedilla) into the Romanian
 * Ș ș Ț ț (comma below): Şükrü printed as Șükrü, and, one glyph standing for both letters, the text
 * copied out of the PDF named one as the other. We never know a name's language, so no localised
 * forms at all. (fontkit takes an object of features on or off; pdfkit's types only list arrays.)
 */
const TEXT_FEATURES = { locl: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[];

/** What drawText takes: the font and size to set, where, and pdfkit's layout options it supports. */
export type DrawTextOptions = {
  font: FontName;
  size: number;
  /** Top left corner; doc.x and doc.y when absent (as pdfkit's text()). */
  x?: number;
  y?: number;
  /** Wrap at this width (default: to the right margin, as pdfkit). */
  width?: number;
  align?: "left" | "center" | "right";
  /** With ellipsis: the lines that fit in this height, the last one ending with "…". */
  height?: number;
  ellipsis?: boolean;
  lineBreak?: boolean;
  /**
   * For a name (ADR 0075, addendum 08/12/2026): when a word, or its part between hyphens, is wider than the line at
   * `size`, the whole text is drawn smaller, down to this size, so that it breaks only at spaces and after hyphens;
   * at this size a word still too wide breaks between letters (never one alone on a line). Absent: `size` always.
   */
  minSize?: number;
};

function weightOf(font: FontName): FontWeight {
  return (Object.keys(FONT) as FontWeight[]).find((k) => FONT[k] === font)!;
}

/**
 * A PDF as a log line names it: its kind and what identifies it (a certificate's code, a register's session, a plan's
 * school year), never a person's name.
 */
export type PdfDocumentRef = { document: "certificate" | "register" | "training-plan" } & Record<
  string,
  string | number | null
>;

/**
 * Logs, once for each person, the people whose name the PDF prints as "�" only (printsOnlyReplacement): the document
 * and the user's id, so that an operator can have the name corrected or the fonts extended; never the name itself,
 * which the server log must not hold. The code points are logged by drawText as for any other text.
 */
export function warnUnprintableNames(ref: PdfDocumentRef, people: { userId: string | null; name: string }[]) {
  const logged = new Set<string | null>();
  for (const { userId, name } of people) {
    if (logged.has(userId) || !printsOnlyReplacement(name)) continue;
    logged.add(userId);
    logger.warn({ ...ref, userId }, "PDF prints a person's name as U+FFFD only: no font draws its letters");
  }
}

/** The code points of each character, "U+1F916": logged instead of the text, which may be a person's name. */
const codePointsOf = (characters: string[]) =>
  characters.map((m) => Array.from(m, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`));

function runsOf(text: string, weight: FontWeight, warn: boolean) {
  const { runs, missing, omitted } = splitTextRuns(text, fonts()[weight].coverage);
  if (warn && missing.length) {
    logger.warn({ codePoints: codePointsOf(missing) }, "PDF text has characters no font can draw: printed as U+FFFD");
  }
  if (warn && omitted.length) {
    logger.warn({ codePoints: codePointsOf(omitted) }, "PDF text has symbols no font can draw: left out");
  }
  return runs;
}

function measurer(doc: Doc, weight: FontWeight, size: number) {
  return (text: string, font: RunFont) =>
    doc
      .font(font === "primary" ? FONT[weight] : FALLBACK[weight])
      .fontSize(size)
      .widthOfString(text, { features: TEXT_FEATURES });
}

/**
 * The size to draw the text at: options.size, or smaller down to options.minSize when a piece of it a line may not
 * break inside (widestWord) is wider than the line; `shrunk` when it is not options.size, or when a piece is wider
 * than the line even at minSize: then the text is laid out in runs (wrapRuns, which breaks only at spaces and after
 * hyphens, and never leaves a letter alone), not by pdfkit, which breaks a word anywhere, inside a letter's accents too.
 */
function fittedSize(doc: Doc, text: string, options: DrawTextOptions, maxWidth: number) {
  if (options.minSize === undefined || !Number.isFinite(maxWidth)) return { size: options.size, shrunk: false };
  const weight = weightOf(options.font);
  const widest = widestWord(runsOf(text, weight, false), measurer(doc, weight, options.size));
  if (widest <= maxWidth) return { size: options.size, shrunk: false };
  // Widths grow with the size; a hundredth of a point down, so the widest piece fits.
  const size = Math.max(options.minSize, Math.floor(((options.size * maxWidth) / widest) * 100) / 100);
  return { size: Math.min(size, options.size), shrunk: true };
}

/**
 * The text laid out in runs, or `{ primary }`: the text to hand to pdfkit's text() as it is, Titillium drawing it
 * whole. That is the runs' text, not the text given: invisible characters and symbols left out (a zero-width space
 * or an emoji in an otherwise Latin title printed a missing glyph there).
 */
function layout(doc: Doc, text: string, options: DrawTextOptions, maxWidth: number, warn = true, inRuns = false) {
  const weight = weightOf(options.font);
  const runs = runsOf(text, weight, warn);
  if (primaryOnly(runs) && !inRuns) return { primary: runsText(runs) };
  const measure = measurer(doc, weight, options.size);
  let lines = wrapRuns(runs, options.width === undefined ? maxWidth : options.width, measure);
  doc.font(options.font).fontSize(options.size);
  const lineHeight = doc.currentLineHeight(true);
  if (options.height !== undefined) {
    const fit = Math.max(1, Math.floor(options.height / lineHeight));
    if (lines.length > fit) {
      const kept = lines.slice(0, fit);
      if (options.ellipsis) kept[fit - 1] = withEllipsis(kept[fit - 1]!, options.width ?? maxWidth, measure);
      lines = kept;
    }
  }
  return { weight, lines, lineHeight, measure };
}

/**
 * Draws text that may hold a name or anything a person typed, in options.font at options.size:
 * letters Titillium Web lacks (Greek, Cyrillic) in Noto Sans, a letter no font has as U+FFFD
 * with a warning in the log, a symbol no font has (an emoji) left out with a warning too. Text Titillium draws whole goes to pdfkit's text() unchanged; mixed
 * text is laid out line by line the same way (wrapping at spaces, left/center/right, shared
 * baseline), leaving doc.x, doc.y, the font and the size as text() would.
 */
export function drawText(doc: Doc, text: string, options: DrawTextOptions): Doc {
  const { font, x, y, minSize: _minSize, ...layoutOptions } = options;
  const textOptions = { ...layoutOptions, features: TEXT_FEATURES };
  doc.font(font).fontSize(options.size);
  const startX = x ?? doc.x;
  const startY = y ?? doc.y;
  const maxWidth =
    options.width ?? (options.lineBreak === false ? Infinity : doc.page.width - startX - doc.page.margins.right);
  const { size, shrunk } = fittedSize(doc, text, options, maxWidth);
  doc.font(font).fontSize(size);
  const mixed = layout(doc, text, { ...options, size }, maxWidth, true, shrunk);
  if (mixed.primary !== undefined) {
    doc.font(font).fontSize(size);
    return x === undefined && y === undefined
      ? doc.text(mixed.primary, textOptions)
      : doc.text(mixed.primary, startX, startY, textOptions);
  }
  const { weight, lines, lineHeight, measure } = mixed;
  const boxWidth = options.width ?? (Number.isFinite(maxWidth) ? maxWidth : 0);
  let top = startY;
  for (const line of lines) {
    if (options.height === undefined && top + lineHeight > doc.page.maxY() && top > doc.page.margins.top) {
      doc.addPage();
      top = doc.page.margins.top;
    }
    drawLine(doc, line, weight, size, startX + offset(line, options.align, boxWidth), top, measure);
    top += lineHeight;
  }
  doc.font(font).fontSize(options.size);
  doc.x = startX;
  doc.y = top;
  return doc;
}

function offset(line: RunLine, align: DrawTextOptions["align"], boxWidth: number): number {
  if (align === "center") return (boxWidth - line.width) / 2;
  if (align === "right") return boxWidth - line.width;
  return 0;
}

/** Draws one run; `mark` wraps it in the marked content of its language (drawTextParts). */
type RunMarker = (lang: string | undefined, draw: () => void) => void;

function drawLine(
  doc: Doc,
  line: RunLine,
  weight: FontWeight,
  size: number,
  x: number,
  top: number,
  measure: (text: string, font: RunFont) => number,
  mark: RunMarker = (_lang, draw) => draw(),
) {
  // Every run on the primary font's baseline, where pdfkit's text() puts a Titillium line.
  const baseline = top + fonts()[weight].ascent * size;
  let cursor = x;
  for (const run of line.runs) {
    const width = measure(run.text, run.font);
    const at = cursor;
    mark(run.lang, () =>
      doc
        .font(run.font === "primary" ? FONT[weight] : FALLBACK[weight])
        .fontSize(size)
        .text(run.text, at, baseline, { lineBreak: false, baseline: "alphabetic", features: TEXT_FEATURES }),
    );
    cursor += width;
  }
}

/**
 * A piece of a line and, when it is written in another language than the document (an event's title in English in
 * an Italian plan), that language: a screen reader reads the piece in it (WCAG 3.1.2, PDF/UA's Lang on a Span).
 */
export type TextPart = { text: string; lang?: string };

/**
 * The text cut into parts around each of `values` (an event's title, a session's title) that has a language other
 * than the document's (`lang` absent or equal to `documentLang`: nothing is cut), at its first occurrence.
 */
export function markParts(
  text: string,
  values: { text: string; lang: string | null | undefined }[],
  documentLang: string,
): TextPart[] {
  let parts: TextPart[] = [{ text }];
  for (const value of values) {
    if (!value.lang || value.lang === documentLang || !value.text) continue;
    const i = parts.findIndex((p) => p.lang === undefined && p.text.includes(value.text));
    if (i < 0) continue;
    const part = parts[i]!;
    const at = part.text.indexOf(value.text);
    const cut: TextPart[] = [
      { text: part.text.slice(0, at) },
      { text: value.text, lang: value.lang },
      { text: part.text.slice(at + value.text.length) },
    ].filter((p) => p.text !== "");
    parts = [...parts.slice(0, i), ...cut, ...parts.slice(i + 1)];
  }
  return parts;
}

/**
 * drawText for a text made of parts, some of another language: laid out as one text (the same lines as drawText
 * would draw), each run handed to `mark` with its part's language, to be drawn inside the marked content of its
 * structure element (documentStructure's tagText: a Span with Lang for a foreign part).
 */
function drawTextParts(doc: Doc, parts: TextPart[], options: DrawTextOptions, mark: RunMarker): Doc {
  const { font, size } = options;
  doc.font(font).fontSize(size);
  const startX = options.x ?? doc.x;
  const startY = options.y ?? doc.y;
  const maxWidth =
    options.width ?? (options.lineBreak === false ? Infinity : doc.page.width - startX - doc.page.margins.right);
  const weight = weightOf(font);
  const runs = parts.flatMap((part) =>
    runsOf(part.text, weight, true).map((run) => (part.lang ? { ...run, lang: part.lang } : run)),
  );
  const measure = measurer(doc, weight, size);
  const lines = wrapRuns(runs, maxWidth, measure);
  doc.font(font).fontSize(size);
  const lineHeight = doc.currentLineHeight(true);
  const boxWidth = options.width ?? (Number.isFinite(maxWidth) ? maxWidth : 0);
  let top = startY;
  for (const line of lines) {
    if (top + lineHeight > doc.page.maxY() && top > doc.page.margins.top) {
      doc.addPage();
      top = doc.page.margins.top;
    }
    drawLine(doc, line, weight, size, startX + offset(line, options.align, boxWidth), top, measure, mark);
    top += lineHeight;
  }
  doc.font(font).fontSize(size);
  doc.x = startX;
  doc.y = top;
  return doc;
}

/** The height drawText would take for the text at this width (pdfkit's heightOfString for Titillium-only text). */
export function heightOfText(doc: Doc, text: string, options: DrawTextOptions & { width: number }): number {
  doc.font(options.font).fontSize(options.size);
  const { size, shrunk } = fittedSize(doc, text, options, options.width);
  doc.font(options.font).fontSize(size);
  // Measuring only: drawText warns about the same text when it draws it.
  const mixed = layout(doc, text, { ...options, size }, options.width, false, shrunk);
  doc.font(options.font).fontSize(options.size);
  if (mixed.primary !== undefined)
    return doc.heightOfString(mixed.primary, { width: options.width, features: TEXT_FEATURES });
  return mixed.lines.length * mixed.lineHeight;
}

/** The document's bytes once doc.end() has been called. Call before drawing: pdfkit streams as it goes. */
export function pdfBytes(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

/**
 * What makes a createPdf document a tagged PDF (PDF/UA-style, WCAG 2.1 1.3.1 and 1.3.2 for PDFs,
 * ADR 0079): a structure tree and mark info, the Title shown by viewers instead of the file name
 * (WCAG PDF18), PDF 1.7. Spread into createPdf's options beside `lang` and `info.Title`.
 */
export const TAGGED_PDF = { tagged: true, displayTitle: true, pdfVersion: "1.7" } as const;

type StructureElement = PDFKit.PDFStructureElement;
type StructureOptions = { alt?: string; lang?: string };

/**
 * The document's structure, to draw a tagged PDF in reading order: the `Document` element, and
 * - tag(type, draw, options, parent): what `draw` draws as one element (P, H1, H2, Figure, TH, TD, Lbl, LBody…),
 *   in `parent` (default: the Document);
 * - group(type, parent): an element that only holds others (L, LI, Table, TR), or whose text addText draws;
 * - header(type, draw, scope, parent): a table header cell (TH) with its Scope attribute (Column or Row);
 * - artifact(draw, type): what `draw` draws as an artifact, outside the structure: frames, rules, cell
 *   borders (Layout), running headers and footers, page numbers (Pagination).
 * An artifact closes the marked content it is drawn in: draw it between elements, never inside `draw`.
 */
export function documentStructure(doc: Doc) {
  const document = doc.struct("Document");
  doc.addStructure(document);
  const tag = (type: string, draw: () => void, options: StructureOptions = {}, parent: StructureElement = document) => {
    const element = doc.struct(type, options, draw);
    parent.add(element);
    return element;
  };
  const group = (type: string, parent: StructureElement = document) => {
    const element = doc.struct(type);
    parent.add(element);
    return element;
  };
  const header = (draw: () => void, scope: "Column" | "Row", parent: StructureElement) => {
    const element = doc.struct("TH", {}, draw);
    // The table attribute owner's Scope (ISO 32000-1, 14.8.5.7): which cells this header names.
    (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = {
      O: "Table",
      Scope: scope,
    };
    parent.add(element);
    return element;
  };
  const artifact = (draw: () => void, type: "Layout" | "Pagination" = "Layout") => {
    doc.markContent("Artifact", { type });
    draw();
    doc.endMarkedContent();
  };
  /**
   * drawText of the parts as content of `element`, already in the structure (group): a part of another language is
   * a Span with its Lang inside it, the rest the element's own content. Called again, on a later page, it adds to
   * the same element (a table cell cut across pages).
   */
  const addText = (element: StructureElement, parts: TextPart[], options: DrawTextOptions) => {
    if (!parts.some((p) => p.lang)) {
      element.add(() => drawText(doc, parts.map((p) => p.text).join(""), options));
      return;
    }
    drawTextParts(doc, parts, options, (lang, draw) => element.add(lang ? doc.struct("Span", { lang }, draw) : draw));
  };
  /**
   * tag(type) around drawText of the parts: a part of another language is a Span with its Lang inside the element
   * (an English title in a line of the Italian plan), the rest the element's own content. Parts all of the
   * document's language: the same as tag(type, () => drawText(…)).
   */
  const tagText = (type: string, parts: TextPart[], options: DrawTextOptions, parent: StructureElement = document) => {
    if (!parts.some((p) => p.lang)) {
      return tag(type, () => drawText(doc, parts.map((p) => p.text).join(""), options), {}, parent);
    }
    const element = group(type, parent);
    addText(element, parts, options);
    element.end();
    return element;
  };
  return { document, tag, group, header, artifact, tagText, addText };
}
