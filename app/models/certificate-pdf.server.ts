// The certificate (attestato) as a PDF, rendered on download from the certificate's snapshot:
// A4, Italian, standard Helvetica (its WinAnsi encoding covers Italian accents), and a QR code to
// the public verification page drawn as vector squares (qrcode's module matrix, no canvas).
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { hoursInWords, verificationPath } from "~/domain/certificate.ts";
import { EVENT_TYPE_LABELS, labelOf } from "~/domain/vocabulary.ts";
import { formatLongDate } from "~/utils/dates.ts";
import { pdfBytes } from "~/utils/pdf.server.ts";
import type { CertificateSnapshot } from "./certificate.server.ts";

const BLUE = "#003366";

export type CertificatePdfOptions = {
  /** APP_ORIGIN, without trailing slash: the QR code and the printed address. */
  origin: string;
  /** Tests read the text: pdfkit compresses page content by default. */
  compress?: boolean;
};

export function renderCertificatePdf(c: CertificateSnapshot, options: CertificatePdfOptions): Promise<Buffer> {
  const origin = options.origin.replace(/\/+$/, "");
  const url = `${origin}${verificationPath(c.code)}`;
  const doc = new PDFDocument({
    size: "A4",
    margin: 60,
    compress: options.compress ?? true,
    info: {
      Title: `Attestato di partecipazione — ${c.holderName}`,
      Author: "Forma",
      Subject: c.eventTitle,
      Keywords: c.code,
    },
    lang: "it-IT",
  } as PDFKit.PDFDocumentOptions);
  const done = pdfBytes(doc);
  const left = 60;
  const width = doc.page.width - left * 2;
  const centred = { width, align: "center" as const };

  doc
    .rect(30, 30, doc.page.width - 60, doc.page.height - 60)
    .lineWidth(2)
    .strokeColor(BLUE)
    .stroke();
  doc.font("Helvetica").fontSize(11).fillColor("#555555").text(c.organiser, left, 70, centred);
  doc.moveDown(2).font("Helvetica-Bold").fontSize(28).fillColor(BLUE).text("Attestato di partecipazione", centred);
  doc.moveDown(1.5).font("Helvetica").fontSize(13).fillColor("black").text("Si attesta che", centred);
  doc.moveDown(0.6).font("Helvetica-Bold").fontSize(22).text(c.holderName, centred);
  doc.moveDown(0.8).font("Helvetica").fontSize(13).text("ha partecipato all'iniziativa formativa", centred);
  doc.moveDown(0.6).font("Helvetica-Bold").fontSize(16).fillColor(BLUE).text(`«${c.eventTitle}»`, centred);
  doc
    .moveDown(0.4)
    .font("Helvetica")
    .fontSize(12)
    .fillColor("#333333")
    .text(labelOf(EVENT_TYPE_LABELS, c.eventType, "it"), centred);
  const from = formatLongDate(c.editionStartsOn, "it");
  const to = formatLongDate(c.editionEndsOn, "it");
  doc
    .moveDown(1)
    .fontSize(13)
    .fillColor("black")
    .text(from === to ? `svoltasi il ${from}` : `svoltasi dal ${from} al ${to}`, centred);
  doc.moveDown(0.6).text("per un totale di ore certificate pari a", centred);
  doc.moveDown(0.3).font("Helvetica-Bold").fontSize(18).text(hoursInWords(c.certifiedMinutes, "it"), centred);
  doc
    .moveDown(1.2)
    .font("Helvetica")
    .fontSize(12)
    .text(`Rilasciato il ${formatLongDate(c.issuedAt, "it")}`, centred);
  doc.text(`Ente organizzatore: ${c.organiser}`, centred);

  // Verification: the code and the QR code, at the foot of the page.
  const qr = QRCode.create(url, { errorCorrectionLevel: "M" });
  const size = qr.modules.size;
  const qrSide = 110;
  const cell = qrSide / size;
  const qrX = left;
  const qrY = doc.page.height - 90 - qrSide;
  doc.save().fillColor("black");
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (qr.modules.get(row, col)) doc.rect(qrX + col * cell, qrY + row * cell, cell + 0.01, cell + 0.01);
    }
  }
  doc.fill().restore();
  const textX = qrX + qrSide + 20;
  doc
    .font("Helvetica-Bold")
    .fontSize(12)
    .fillColor(BLUE)
    .text("Codice di verifica", textX, qrY + 10, { width: width - qrSide - 20 });
  doc
    .font("Courier-Bold")
    .fontSize(16)
    .fillColor("black")
    .text(c.code, { width: width - qrSide - 20 });
  doc
    .moveDown(0.5)
    .font("Helvetica")
    .fontSize(10)
    .fillColor("#333333")
    .text(`L'autenticità di questo attestato si verifica inquadrando il codice QR o all'indirizzo ${url}`, {
      width: width - qrSide - 20,
    });
  doc.end();
  return done;
}
