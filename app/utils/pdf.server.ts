// pdfkit writes a document as a stream; Forma's PDFs (certificate, training plan, register) are
// small, so they are collected into one Buffer and sent whole.
//
// Text is set in Titillium Web (the typeface of Italian public-service sites, SIL OFL), embedded
// and subset by pdfkit: the 14 standard PDF fonts only know WinAnsi, which garbles Polish, Czech,
// Romanian or Slovenian names (Ł, ř, ș, ț, č…). The TTF files come from the
// @expo-google-fonts/titillium-web package, read once per process.
import fs from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

/** Font names to pass to doc.font() once the document was made by createPdf(). */
export const FONT = { regular: "Forma-Regular", semibold: "Forma-SemiBold", bold: "Forma-Bold" } as const;

const FONT_FILES: Record<keyof typeof FONT, string> = {
  regular: "@expo-google-fonts/titillium-web/400Regular/TitilliumWeb_400Regular.ttf",
  semibold: "@expo-google-fonts/titillium-web/600SemiBold/TitilliumWeb_600SemiBold.ttf",
  bold: "@expo-google-fonts/titillium-web/700Bold/TitilliumWeb_700Bold.ttf",
};

let fontData: Record<keyof typeof FONT, Buffer> | undefined;

function fonts(): Record<keyof typeof FONT, Buffer> {
  if (!fontData) {
    const require = createRequire(import.meta.url);
    const read = (file: string) => fs.readFileSync(require.resolve(file));
    fontData = { regular: read(FONT_FILES.regular), semibold: read(FONT_FILES.semibold), bold: read(FONT_FILES.bold) };
  }
  return fontData;
}

/** A pdfkit document with Forma's Unicode fonts registered, the regular one selected. */
export function createPdf(options: PDFKit.PDFDocumentOptions): InstanceType<typeof PDFDocument> {
  const data = fonts();
  // The regular font as the default, so that no standard Helvetica is set up and left unused.
  const doc = new PDFDocument({ ...options, font: data.regular } as unknown as PDFKit.PDFDocumentOptions);
  for (const key of Object.keys(FONT) as (keyof typeof FONT)[]) doc.registerFont(FONT[key], data[key]);
  doc.font(FONT.regular);
  return doc;
}

/** The document's bytes once doc.end() has been called. Call before drawing: pdfkit streams as it goes. */
export function pdfBytes(doc: InstanceType<typeof PDFDocument>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}
