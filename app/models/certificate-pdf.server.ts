// The certificate (attestato di partecipazione) as a PDF, rendered on download from the
// certificate's snapshot, in the shape of an Italian attestato: the issuing body (with a slot for
// its logo), "Si attesta che" the teacher, the initiative, its dates ("dal 31 ottobre al 1° novembre
// 2026") and place, the certified hours, place and date of issue, the signature block of the person
// responsible for the initiative, and the verification code with its QR code (qrcode's module
// matrix drawn as vector squares, no canvas). A4, Italian, Titillium Web embedded (createPdf):
// every name prints, Łukasz Wróbel and Ștefan Țurcanu too; what the holder, the organiser or the
// event typed goes through drawText, so Αλέξανδρος and Дмитрий print in Noto Sans (ADR 0075).
import { hoursInWords, issuePlaceOf, verificationPath } from "~/domain/certificate.ts";
import { EVENT_TYPE_LABELS, labelOf } from "~/domain/vocabulary.ts";
import { formatDateRange, formatOnDate } from "~/utils/dates.ts";
import { prisma } from "~/utils/db.server.ts";
import { createPdf, drawText, FONT, pdfBytes } from "~/utils/pdf.server.ts";
import QRCode from "qrcode";
import { streamZip } from "~/utils/zip.server.ts";
import { validCertificatesOfEdition, type CertificateSnapshot } from "./certificate.server.ts";
import type { ManagedEdition } from "./edition-scope.server.ts";
import { letterheadForEdition, type Letterhead } from "./letterhead.server.ts";

const BLUE = "#003366";
const GREY = "#444444";

/** What the certificate says besides its snapshot: where the initiative took place, who signs. */
export type CertificateDetails = {
  /** "in modalità online", "presso Liceo Galilei, Firenze"… (null: not printed). */
  place: string | null;
  /** The organiser's seat: "Firenze", "Milano"… */
  issuePlace: string;
  /** The person responsible for the initiative (the event's organiser), null when unknown. */
  responsible: string | null;
  /** The holder's codice fiscale, printed under the name when the account has one. */
  fiscalCode?: string | null;
  /**
   * The letterhead of the organiser who created the event (OrganiserLetterhead, letterhead.server.ts):
   * its logo in the slot, its signatory's role, name and signature image in the signature block.
   */
  letterhead?: Letterhead | null;
};

export type CertificatePdfOptions = {
  /** APP_ORIGIN, without trailing slash: the QR code and the printed address. */
  origin: string;
  details?: CertificateDetails;
  /** The issuing body's logo (PNG or JPEG), drawn in the slot at the top left when given. */
  logo?: Buffer;
  /** Tests read the text: pdfkit compresses page content by default. */
  compress?: boolean;
};

/**
 * Venue, issue place and responsible person of a certificate's edition, and the holder's codice
 * fiscale when known (read at download time).
 */
export async function certificateDetails(editionId: string, holderId?: string): Promise<CertificateDetails> {
  const holder = holderId
    ? await prisma.user.findUnique({ where: { id: holderId }, select: { fiscalCode: true } })
    : null;
  const fiscalCode = holder?.fiscalCode?.trim().toUpperCase() || null;
  const edition = await prisma.edition.findUnique({
    where: { id: editionId },
    select: {
      event: {
        select: {
          mode: true,
          venue: true,
          level: true,
          regionCode: true,
          createdBy: { select: { firstName: true, lastName: true } },
        },
      },
    },
  });
  if (!edition) return { place: null, issuePlace: issuePlaceOf("nazionale", null), responsible: null, fiscalCode };
  const letterhead = await letterheadForEdition(editionId);
  const { event } = edition;
  const venue = event.venue?.trim() || null;
  const place =
    event.mode === "online" || !venue
      ? event.mode === "in-presenza"
        ? null
        : "in modalità online"
      : event.mode === "blended"
        ? `presso ${venue} e online`
        : `presso ${venue}`;
  return {
    place,
    issuePlace: issuePlaceOf(event.level, event.regionCode),
    responsible: `${event.createdBy.firstName} ${event.createdBy.lastName}`.trim() || null,
    fiscalCode,
    letterhead,
  };
}

export function renderCertificatePdf(c: CertificateSnapshot, options: CertificatePdfOptions): Promise<Buffer> {
  const origin = options.origin.replace(/\/+$/, "");
  const url = `${origin}${verificationPath(c.code)}`;
  const details = options.details ?? { place: null, issuePlace: issuePlaceOf("nazionale", null), responsible: null };
  const doc = createPdf({
    size: "A4",
    margin: 60,
    compress: options.compress ?? true,
    info: {
      Title: `Attestato di partecipazione — ${c.holderName}`,
      Author: c.organiser,
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

  // Issuing body: the logo slot (64 pt square at the top left) and the organiser's name.
  const slot = 64;
  const letterhead = details.letterhead ?? null;
  const logo = options.logo ?? letterhead?.logo ?? null;
  if (logo) doc.image(logo, left, 56, { fit: [slot, slot], align: "center", valign: "center" });
  doc.fillColor(BLUE);
  drawText(doc, c.organiser, {
    font: FONT.semibold,
    size: 13,
    x: left + slot + 12,
    y: 70,
    width: width - 2 * (slot + 12),
    align: "center",
  });
  doc.y = Math.max(doc.y, 56 + slot);

  doc
    .moveDown(1.4)
    .font(FONT.bold)
    .fontSize(28)
    .fillColor(BLUE)
    .text("Attestato di partecipazione", left, doc.y, centred);
  doc.moveDown(1.2).font(FONT.regular).fontSize(13).fillColor("black").text("Si attesta che", centred);
  doc.moveDown(0.5);
  drawText(doc, c.holderName, { font: FONT.bold, size: 24, ...centred });
  if (details.fiscalCode) {
    doc.moveDown(0.2);
    drawText(doc, `codice fiscale ${details.fiscalCode}`, { font: FONT.regular, size: 12, ...centred });
  }
  doc.moveDown(0.6).font(FONT.regular).fontSize(13).text("ha partecipato all'iniziativa formativa", centred);
  doc.moveDown(0.5).fillColor(BLUE);
  drawText(doc, `«${c.eventTitle}»`, { font: FONT.bold, size: 17, ...centred });
  doc
    .moveDown(0.3)
    .font(FONT.regular)
    .fontSize(12)
    .fillColor(GREY)
    .text(labelOf(EVENT_TYPE_LABELS, c.eventType, "it"), centred);
  const when = formatDateRange(c.editionStartsOn, c.editionEndsOn, "it");
  doc.moveDown(0.9).fillColor("black");
  drawText(doc, `svoltasi ${when}${details.place ? ` ${details.place}` : ""},`, {
    font: FONT.regular,
    size: 13,
    ...centred,
  });
  doc.moveDown(0.3).text("per un totale di ore certificate pari a", centred);
  doc.moveDown(0.2).font(FONT.bold).fontSize(18).text(hoursInWords(c.certifiedMinutes, "it"), centred);

  // Place and date of issue (left), signature block of the person responsible (right).
  const blockY = doc.y + 40;
  const half = width / 2;
  doc.fillColor("black");
  drawText(doc, `Rilasciato a ${details.issuePlace} ${formatOnDate(c.issuedAt, "it")}`, {
    font: FONT.regular,
    size: 12,
    x: left,
    y: blockY + 18,
    width: half - 10,
  });
  const signX = left + half + 10;
  const signWidth = half - 10;
  doc.fillColor(GREY);
  drawText(doc, letterhead?.signatoryRole || "Responsabile dell'iniziativa formativa", {
    font: FONT.regular,
    size: 11,
    x: signX,
    y: blockY,
    width: signWidth,
    align: "center",
  });
  doc.fillColor("black");
  drawText(doc, letterhead?.signatoryName || details.responsible || c.organiser, {
    font: FONT.semibold,
    size: 13,
    x: signX,
    y: doc.y + 2,
    width: signWidth,
    align: "center",
  });
  // The signature image sits on the line (at most 36 pt high, the line lower to make room).
  const nameBottom = doc.y;
  const lineY = nameBottom + (letterhead?.signature ? 40 : 26);
  if (letterhead?.signature) {
    doc.image(letterhead.signature, signX + 20, nameBottom + 2, {
      fit: [signWidth - 40, 36],
      align: "center",
      valign: "bottom",
    });
  }
  doc
    .moveTo(signX + 20, lineY)
    .lineTo(signX + signWidth - 20, lineY)
    .lineWidth(0.6)
    .strokeColor(GREY)
    .stroke();
  doc
    .font(FONT.regular)
    .fontSize(8)
    .fillColor(GREY)
    .text(
      "Firma autografa sostituita a mezzo stampa ai sensi dell'art. 3, comma 2, del D.Lgs. 39/1993",
      signX,
      lineY + 4,
      { width: signWidth, align: "center" },
    );

  // Verification: the code and the QR code, at the foot of the page.
  const qr = QRCode.create(url, { errorCorrectionLevel: "M" });
  const size = qr.modules.size;
  const qrSide = 100;
  const cell = qrSide / size;
  const qrX = left;
  const qrY = doc.page.height - 80 - qrSide;
  doc.save().fillColor("black");
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (qr.modules.get(row, col)) doc.rect(qrX + col * cell, qrY + row * cell, cell + 0.01, cell + 0.01);
    }
  }
  doc.fill().restore();
  const textX = qrX + qrSide + 20;
  const textWidth = width - qrSide - 20;
  doc
    .font(FONT.bold)
    .fontSize(12)
    .fillColor(BLUE)
    .text("Codice di verifica", textX, qrY + 8, { width: textWidth });
  doc.font("Courier-Bold").fontSize(16).fillColor("black").text(c.code, { width: textWidth });
  doc
    .moveDown(0.5)
    .font(FONT.regular)
    .fontSize(10)
    .fillColor(GREY)
    .text(`L'autenticità di questo attestato si verifica inquadrando il codice QR o all'indirizzo ${url}`, {
      width: textWidth,
    });
  doc.end();
  return done;
}

/** Latin letters that do not decompose into a base letter and an accent (Ł, Ø, ß…). */
const PLAIN_LETTERS: Record<string, string> = {
  Ł: "L",
  ł: "l",
  Ø: "O",
  ø: "o",
  Đ: "D",
  đ: "d",
  Ħ: "H",
  ħ: "h",
  ß: "ss",
  Æ: "AE",
  æ: "ae",
  Œ: "OE",
  œ: "oe",
};

/** A holder's name as a file name: ASCII letters, digits and dashes only ("Łukasz Wróbel" → "Lukasz-Wrobel"). */
function fileNameOf(holderName: string): string {
  return (
    holderName
      .replace(/[ŁłØøĐđĦħßÆæŒœ]/g, (c) => PLAIN_LETTERS[c]!)
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "attestato"
  );
}

/**
 * Every valid certificate of the edition as one ZIP of PDFs (issue 15, item 5), rendered one at a
 * time as the download is read: "attestato-<holder>-<code>.pdf", with the edition's letterhead.
 * Taking a ManagedEdition, only an organiser who manages the event (or the national unit) gets it.
 */
export async function editionCertificatesZip(scope: ManagedEdition, origin: string) {
  const certificates = await validCertificatesOfEdition(scope.id);
  const shared = await certificateDetails(scope.id);
  const holders = await prisma.user.findMany({
    where: { id: { in: [...new Set(certificates.map((c) => c.userId))] } },
    select: { id: true, fiscalCode: true },
  });
  const fiscalCodes = new Map(holders.map((h) => [h.id, h.fiscalCode?.trim().toUpperCase() || null]));
  const stream = streamZip(async ({ add, drained }) => {
    for (const c of certificates) {
      const pdf = await renderCertificatePdf(c, {
        origin,
        details: { ...shared, fiscalCode: fiscalCodes.get(c.userId) ?? null },
      });
      add(`attestato-${fileNameOf(c.holderName)}-${c.code}.pdf`, pdf, { store: true });
      await drained();
    }
  });
  return { count: certificates.length, stream };
}
