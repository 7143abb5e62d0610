// drawText read back from the bytes it produces (pdf.js, tests/support/pdf-text.ts): the letters a
// person's name may hold come out of the PDF as they went in.
import { describe, expect, it } from "vitest";
import { pdfText } from "../../tests/support/pdf-text.ts";
import { createPdf, drawText, FONT, pdfBytes, type FontName } from "./pdf.server.ts";

async function pdfWith(lines: string[], font: FontName): Promise<Buffer> {
  const doc = createPdf({ size: "A4", margin: 50 });
  const done = pdfBytes(doc);
  for (const line of lines) drawText(doc, line, { font, size: 14 });
  doc.end();
  return done;
}

// Rendering and reading back a PDF takes seconds on a loaded machine: above the unit default of 5 s.
describe("drawText", { timeout: 30_000 }, () => {
  it("keeps Turkish Ş ş Ţ ţ (cedilla) and Romanian Ș ș Ț ț (comma below) apart, at every weight", async () => {
    // Titillium Web's 'locl' feature, which fontkit applied whatever the language, turned the cedilla
    // letters into the comma-below ones: Şükrü printed as Șükrü, and the text copied one as the other.
    const lines = ["Şükrü Ţepeş Işık Ayşe", "Ștefan Țurcanu Ioniță Mureș", "Şerban Ștefănescu ţ ț ş ș"];
    for (const font of Object.values(FONT)) {
      expect((await pdfText(await pdfWith(lines, font))).split("\n").filter(Boolean)).toEqual(lines);
    }
  });
});
