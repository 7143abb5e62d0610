// The text of a PDF as a reader sees it, extracted with pdf.js (the same engine as Firefox's
// viewer): what a test compares with the names and sentences it expects on the page. Works for
// embedded subset fonts, whose glyphs map back to Unicode through the font's ToUnicode table.
import { createRequire } from "node:module";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// The metrics of the 14 standard fonts, shipped by pdfjs-dist, for a PDF that uses one (none of Forma's since ADR 0079).
const standardFontDataUrl = `${path.join(path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

/** The PDF opened by pdf.js, to read its pages, metadata or structure tree; destroy() it after. */
export function openPdf(pdf: Uint8Array) {
  return getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl,
  }).promise;
}

/** One string per page, text items joined by spaces (pdf.js marks line ends with hasEOL). */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const doc = await openPdf(pdf);
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        text += item.str + (item.hasEOL ? "\n" : "");
      }
      pages.push(text.normalize("NFC"));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** The whole document's text, pages separated by a form feed, runs of spaces collapsed on each line. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  return (await pdfPages(pdf))
    .map((p) =>
      p
        .split("\n")
        .map((l) => l.replace(/[ \t]+/g, " ").trim())
        .join("\n"),
    )
    .join("\f");
}

/**
 * A page's text by how it is marked, for a tagged PDF (PDF/UA: every piece of content is either in
 * the structure or an artifact): `tagged` inside marked content the structure tree points to,
 * `artifacts` inside an Artifact, `untagged` in neither (none, in a well-tagged document).
 */
export async function markedText(pdf: Uint8Array): Promise<{ tagged: string; artifacts: string; untagged: string }[]> {
  const doc = await openPdf(pdf);
  try {
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent({ includeMarkedContent: true });
      const page = { tagged: "", artifacts: "", untagged: "" };
      const open: ("tagged" | "artifacts" | "other")[] = [];
      for (const item of content.items) {
        if ("type" in item) {
          if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") {
            // pdf.js gives the marked content's tag beside its id (its types list only the id).
            const tag = (item as { tag?: string }).tag;
            open.push(tag === "Artifact" ? "artifacts" : item.id ? "tagged" : "other");
          } else if (item.type === "endMarkedContent") {
            open.pop();
          }
          continue;
        }
        if (!("str" in item) || !item.str.trim()) continue;
        const where = open.findLast((m) => m !== "other");
        page[where ?? "untagged"] += `${item.str} `;
      }
      pages.push(page);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** A piece of text as pdf.js places it: page (from 1), left edge and baseline in PDF points from the page's bottom left, width, font size. */
export type PlacedText = { page: number; str: string; x: number; y: number; width: number; size: number };

/** Every non-empty text item of the PDF with its place (pdf.js's transform and width), to check where a text is drawn. */
export async function placedText(pdf: Uint8Array): Promise<PlacedText[]> {
  const doc = await openPdf(pdf);
  try {
    const items: PlacedText[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      for (const item of content.items) {
        if (!("str" in item) || !item.str.trim()) continue;
        const [a, b, , , x, y] = item.transform as number[];
        items.push({
          page: i,
          str: item.str.normalize("NFC"),
          x: x!,
          y: y!,
          width: item.width,
          size: Math.hypot(a!, b!),
        });
      }
    }
    return items;
  } finally {
    await doc.destroy();
  }
}
