// pdfkit writes a document as a stream; Forma's PDFs (certificate, training plan, register) are
// small, so they are collected into one Buffer and sent whole.
import type PDFDocument from "pdfkit";

/** The document's bytes once doc.end() has been called. Call before drawing: pdfkit streams as it goes. */
export function pdfBytes(doc: InstanceType<typeof PDFDocument>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}
