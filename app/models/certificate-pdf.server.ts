// The certificate (attestato di partecipazione) as a PDF, rendered on download from the
// certificate's snapshot, in the shape of an Italian attestato: the issuing body (with a slot for
// its logo), "Si attesta che" the teacher, the initiative, its dates ("dal 31 ottobre al 1° novembre
// 2026") and place, the certified hours, place and date of issue, the signature block of the person
// responsible for the initiative, and the verification code with its QR code (qrcode's module
// matrix drawn as vector squares, no canvas). A4, Italian, Titillium Web embedded (createPdf):
// every name prints, Łukasz Wróbel and Ștefan Țurcanu too; what the holder, the organiser or the
// event typed goes through drawText, so Αλέξανδρος and Дмитрий print in Noto Sans (ADR 0075).
// The same page in English is the rendering a holder may also download (ADR 0096): its words come
// from certificateLines (app/domain/certificate-text.ts), the layout is this one for both.
import { verificationPath } from "~/domain/certificate.ts";
import { certificateLines, type StatedCertificate } from "~/domain/certificate-text.ts";
import { ACCOUNT_IN_OFFICE, stillManagesEvent } from "~/domain/permissions.ts";
import { nameAsPrinted } from "~/domain/person-name.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { prisma } from "~/utils/db.server.ts";
import {
  createPdf,
  documentStructure,
  drawText,
  FONT,
  heightOfText,
  pdfBytes,
  TAGGED_PDF,
  warnUnprintableNames,
  type FontName,
} from "~/utils/pdf.server.ts";
import anyAscii from "any-ascii";
import { createHash } from "node:crypto";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { streamZip } from "~/utils/zip.server.ts";
import { validCertificatesOfEdition } from "./certificate.server.ts";
import type { ManagedEdition } from "./edition-scope.server.ts";
import { letterheadForEdition, type Letterhead } from "./letterhead.server.ts";

const BLUE = "#003366";
const GREY = "#444444";

/** A centred paragraph of the certificate's body; gap: the space before it, in lines of the paragraph before. */
type Paragraph = { gap: number; text: string; font: FontName; size: number; color: string; minSize?: number };

/**
 * The smallest the holder's and the signatory's names are drawn: a name with a word wider than the line (a long
 * surname without spaces) is drawn smaller down to these, rather than broken inside the word (ADR 0075, addendum
 * 08/12/2026).
 */
const HOLDER_MIN_SIZE = 10;
const SIGNATORY_MIN_SIZE = 8;

/** What the certificate prints besides what it states (StatedCertificate), read at download: who signs, the codice fiscale. */
export type CertificateDetails = {
  /** The person responsible for the initiative (the event's organiser), null when unknown. */
  responsible: string | null;
  /** The holder's codice fiscale, printed under the name when the account has one. */
  fiscalCode?: string | null;
  /**
   * The letterhead of the organiser who created the event (OrganiserLetterhead, letterhead.server.ts):
   * its logo in the slot, its signatory's role, name and signature image in the signature block.
   */
  letterhead?: Letterhead | null;
  /** The holder's and the responsible person's user ids, named in the log when their name prints as "�" only. */
  holderId?: string | null;
  responsibleId?: string | null;
};

export type CertificatePdfOptions = {
  /** APP_ORIGIN, without trailing slash: the QR code and the printed address. */
  origin: string;
  details?: CertificateDetails;
  /** "it": the official certificate (the default); "en": its English rendering (ADR 0096). */
  locale?: Locale;
  /** The issuing body's logo (PNG or JPEG), drawn in the slot at the top left when given. */
  logo?: Buffer;
  /** Tests read the text: pdfkit compresses page content by default. */
  compress?: boolean;
};

/**
 * The responsible person of a certificate's edition and the holder's codice fiscale when known (read at download
 * time); where and at what level the training was held is what the certificate recorded at issue (ADR 0100).
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
          level: true,
          regionCode: true,
          createdBy: { select: { ...ACCOUNT_IN_OFFICE, firstName: true, lastName: true } },
        },
      },
    },
  });
  if (!edition) return { responsible: null, fiscalCode, holderId: holderId ?? null, responsibleId: null };
  const letterhead = await letterheadForEdition(editionId);
  const { createdBy } = edition.event;
  const signs = stillManagesEvent(createdBy, edition.event);
  return {
    // A closed account's name is a pseudonym ("Account chiuso 3f9a2c"), and an organiser whose role was revoked or
    // moved to another region no longer answers for the training: neither they nor their letterhead sign, the
    // issuing body recorded at issue does (ADR 0100, addendum).
    responsible: signs ? `${createdBy.firstName} ${createdBy.lastName}`.trim() || null : null,
    fiscalCode,
    letterhead,
    holderId: holderId ?? null,
    responsibleId: signs ? createdBy.id : null,
  };
}

/** A PDF object as pdfkit's image code writes it: its dictionary and the bytes written to its stream. */
type RecordedObject = { data: Record<string, unknown>; chunks: (Buffer | string)[] };

/** An image as pdfkit embeds it (its objects recorded), ready to go into any number of documents. */
type PreparedImage = { width: number; height: number; root: RecordedObject };

/** The subset of pdfkit's document and image internals an image's embedding goes through. */
type EmbeddingDocument = { ref(data?: Record<string, unknown>): { end(chunk?: Buffer | string): void } };
type OpenedImage = { width: number; height: number; obj: unknown; embed(doc: EmbeddingDocument): void };

/**
 * A PNG decoded once, as pdfkit embeds it: pdfkit inflates a PNG with transparency, splits its alpha channel
 * and deflates both again in every document it draws it in, about 0.75 s for a 2000 × 2000 logo and signature
 * (the largest allowed, LETTERHEAD_MAX_PIXELS), so each certificate of an edition's ZIP cost that again
 * (350 certificates: about 5 minutes, review 0017). The image is embedded once into a recorder standing for
 * the document (pdfkit's ref() and end(), the only calls its image code makes), and its objects are written
 * again into each certificate (embedRecorded): same objects, same bytes, no decoding.
 */
function prepareImage(bytes: Buffer): Promise<PreparedImage> {
  const scratch = new PDFDocument({ autoFirstPage: false }) as unknown as { openImage(src: Buffer): OpenedImage };
  const image = scratch.openImage(bytes);
  return new Promise((resolve, reject) => {
    const recorder: EmbeddingDocument = {
      ref(data = {}) {
        const recorded: RecordedObject = { data, chunks: [] };
        return Object.assign(recorded, {
          end(chunk?: Buffer | string) {
            if (chunk !== undefined) recorded.chunks.push(chunk);
            // The image's own object is ended last, after its mask, palette and decoding parameters.
            if (recorded === image.obj) resolve({ width: image.width, height: image.height, root: recorded });
          },
        });
      },
    };
    try {
      image.embed(recorder);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** The recorded objects written into a document: pdfkit's own refs, each with its bytes, nested refs too. */
function embedRecorded(doc: EmbeddingDocument, root: RecordedObject) {
  const isRecorded = (v: unknown): v is RecordedObject =>
    typeof v === "object" && v !== null && "chunks" in v && "data" in v;
  const value = (v: unknown): unknown => (isRecorded(v) ? write(v) : Array.isArray(v) ? v.map(value) : v);
  const write = (r: RecordedObject) => {
    const ref = doc.ref(Object.fromEntries(Object.entries(r.data).map(([k, v]) => [k, value(v)])));
    // pdfkit's image code ends each object with one chunk, or none.
    ref.end(
      r.chunks.length === 0
        ? undefined
        : r.chunks.length === 1
          ? r.chunks[0]
          : Buffer.concat(r.chunks.map((c) => Buffer.from(c))),
    );
    return ref;
  };
  return write(root);
}

/**
 * Prepared images by the SHA-256 of their bytes, oldest first: a letterhead changes seldom, its certificates are
 * many. A few MB each at most (a 2000 × 2000 image with its mask, deflated), so a few letterheads are kept.
 */
const preparedImages = new Map<string, Promise<PreparedImage>>();
const PREPARED_IMAGES_MAX = 8;

/**
 * What the certificate hands doc.image() for a letterhead image: a PNG decoded once per process (prepareImage),
 * an object pdfkit takes as an image already opened; a JPEG as it is (pdfkit embeds its bytes, never decodes them).
 */
async function letterheadImage(bytes: Buffer, label: string): Promise<PDFKit.Mixins.ImageSrc> {
  if (bytes.subarray(0, 4).toString("latin1") !== "\x89PNG") return bytes;
  const key = createHash("sha256").update(bytes).digest("hex");
  let prepared = preparedImages.get(key);
  if (!prepared) {
    prepared = prepareImage(bytes);
    preparedImages.set(key, prepared);
    prepared.catch(() => preparedImages.delete(key));
    while (preparedImages.size > PREPARED_IMAGES_MAX) preparedImages.delete(preparedImages.keys().next().value!);
  }
  const { width, height, root } = await prepared;
  return {
    width,
    height,
    // pdfkit names an image's resource by its label (its own are I1, I2…): one per image in a document.
    label,
    obj: null,
    embed(doc) {
      this.obj = embedRecorded(doc, root);
    },
  } satisfies OpenedImage & { label: string } as unknown as PDFKit.Mixins.ImageSrc;
}

export async function renderCertificatePdf(c: StatedCertificate, options: CertificatePdfOptions): Promise<Buffer> {
  const origin = options.origin.replace(/\/+$/, "");
  // The English rendering's address and QR code open the same verification page in English (?lang=en, which the
  // page remembers: ADR 0102): a partner abroad who scans it read the page in Italian (review of the English
  // interface, 07/12/2026). The Italian certificate's address is unchanged.
  const url = `${origin}${verificationPath(c.code)}${options.locale === "en" ? "?lang=en" : ""}`;
  const details = options.details ?? { responsible: null };
  const letterhead = details.letterhead ?? null;
  const logoBytes = options.logo ?? letterhead?.logo ?? null;
  const [logo, signature] = await Promise.all([
    logoBytes ? letterheadImage(logoBytes, "FormaLogo") : null,
    letterhead?.signature ? letterheadImage(letterhead.signature, "FormaSignature") : null,
  ]);
  const lines = certificateLines(
    c,
    {
      fiscalCode: details.fiscalCode ?? null,
      signatoryRole: letterhead?.signatoryRole || null,
      signatory:
        letterhead?.signatoryName || (details.responsible && nameAsPrinted(details.responsible)) || c.organiser,
    },
    options.locale ?? "it",
    url,
  );
  // A name printed as "�" only names nobody readably: logged for an operator, without the name (ADR 0075).
  warnUnprintableNames({ document: "certificate", code: c.code, locale: options.locale ?? "it" }, [
    { userId: details.holderId ?? null, name: c.holderName },
    ...(details.responsible && !letterhead?.signatoryName
      ? [{ userId: details.responsibleId ?? null, name: details.responsible }]
      : []),
  ]);
  const doc = createPdf({
    size: "A4",
    margin: 60,
    compress: options.compress ?? true,
    info: {
      Title: lines.documentTitle,
      Author: c.organiser,
      Subject: c.eventTitle,
      Keywords: c.code,
    },
    lang: lines.lang,
    // A tagged PDF (PDF/UA, WCAG 2.1 1.3.1 and 1.3.2 for PDFs): headings, paragraphs and figures
    // with their text alternative, in reading order; the frame and the signature line are artifacts.
    // Viewers and screen readers show the Title, not the file name (WCAG PDF18).
    ...TAGGED_PDF,
  } as PDFKit.PDFDocumentOptions);
  const done = pdfBytes(doc);
  const left = 60;
  const width = doc.page.width - left * 2;
  // Headings, paragraphs and figures in reading order; the frame and the signature line are artifacts.
  const { document, tag, artifact } = documentStructure(doc);

  artifact(() =>
    doc
      .rect(30, 30, doc.page.width - 60, doc.page.height - 60)
      .lineWidth(2)
      .strokeColor(BLUE)
      .stroke(),
  );

  // Issuing body: the logo slot (64 pt square at the top left) and the organiser's name.
  const slot = 64;
  if (logo) {
    tag("Figure", () => doc.image(logo, left, 56, { fit: [slot, slot], align: "center", valign: "center" }), {
      alt: lines.logoAlt,
    });
  }
  // A part in another language than the document's (the organiser's Italian name, an Italian title in the English
  // rendering) is marked with it (WCAG 3.1.2 language of parts).
  const langOf = (line: { lang?: string }) => (line.lang ? { lang: line.lang } : {});
  tag(
    "P",
    () => {
      doc.fillColor(BLUE);
      drawText(doc, lines.organiser.text, {
        font: FONT.semibold,
        size: 13,
        x: left + slot + 12,
        y: 70,
        width: width - 2 * (slot + 12),
        align: "center",
      });
    },
    langOf(lines.organiser),
  );
  doc.y = Math.max(doc.y, 56 + slot);

  // The body, from the heading to the certified hours, as a list of paragraphs, so that it can be
  // measured before it is drawn: a long name, title or venue shrinks the variable paragraphs
  // (scale) until the body and the signature block fit above the verification code, and the
  // certificate stays one page (before, a 160-character name and a 200-character title pushed the
  // signature note and the verification code onto a second page, the QR code left alone on it).
  const qrSide = 100;
  const qrY = doc.page.height - 80 - qrSide;
  const bodyTop = doc.y;
  const paragraphs = (scale: number): Paragraph[] => [
    { gap: 1.4, text: lines.heading, font: FONT.bold, size: 28 * Math.max(scale, 0.8), color: BLUE },
    { gap: 1.2, text: lines.certify, font: FONT.regular, size: 13, color: "black" },
    // A name made only of symbols no font draws prints them as "�", never as no name (nameAsPrinted).
    {
      gap: 0.5,
      text: nameAsPrinted(lines.holder),
      font: FONT.bold,
      size: 24 * scale,
      color: "black",
      minSize: HOLDER_MIN_SIZE,
    },
    ...(lines.fiscalCode
      ? [{ gap: 0.2, text: lines.fiscalCode, font: FONT.regular, size: 12, color: "black" } satisfies Paragraph]
      : []),
    { gap: 0.6, text: lines.attended, font: FONT.regular, size: 13, color: "black" },
    { gap: 0.5, text: lines.title.text, font: FONT.bold, size: 17 * scale, color: BLUE },
    ...(lines.titleNote
      ? [{ gap: 0.1, text: lines.titleNote, font: FONT.regular, size: 11, color: GREY } satisfies Paragraph]
      : []),
    { gap: 0.3, text: lines.type, font: FONT.regular, size: 12, color: GREY },
    {
      gap: 0.9,
      text: lines.held,
      font: FONT.regular,
      size: 13 * Math.max(scale, 0.75),
      color: "black",
    },
    { gap: 0.3, text: lines.totalIntro, font: FONT.regular, size: 13, color: "black" },
    { gap: 0.2, text: lines.hours, font: FONT.bold, size: 18, color: "black" },
  ];
  // The gap before a paragraph is in lines of the paragraph before it (as pdfkit's moveDown), the
  // first one in lines of the organiser's name above.
  const gapsAndHeights = (list: Paragraph[], scale: number) => {
    let previous = { font: FONT.semibold as FontName, size: 13 };
    return list.map((p) => {
      const gap = p.gap * doc.font(previous.font).fontSize(previous.size).currentLineHeight(true) * scale;
      previous = p;
      return { gap, height: heightOfText(doc, p.text, { font: p.font, size: p.size, width, minSize: p.minSize }) };
    });
  };
  const half = width / 2;
  const signX = left + half + 10;
  const signWidth = half - 10;
  const role = lines.role.text;
  const signatory = lines.signatory;
  const note = lines.signatureNote;
  const issued = lines.issued;
  // The signature block's type sizes at a scale: the letterhead's role and signatory (120 characters each at
  // most) shrink, down to 70 %, once the body is at its smallest, before the title is cut (review 0017: with every
  // text at its longest the note on the printed signature was drawn over the verification code).
  const signSizes = (s: number) => ({ role: 11 * s, signatory: 13 * s, note: Math.max(7, 8 * s) });
  // Role, name, the line (lower with a signature image), the note under it; the issue line beside.
  const signatureBlockHeight = (s: number) => {
    const sizes = signSizes(s);
    const nameBottom =
      heightOfText(doc, role, { font: FONT.regular, size: sizes.role, width: signWidth }) +
      2 +
      heightOfText(doc, signatory, {
        font: FONT.semibold,
        size: sizes.signatory,
        width: signWidth,
        minSize: SIGNATORY_MIN_SIZE,
      });
    const noteBottom =
      nameBottom +
      (letterhead?.signature ? 40 : 26) +
      4 +
      doc.font(FONT.regular).fontSize(sizes.note).heightOfString(note, { width: signWidth, align: "center" });
    return Math.max(noteBottom, 18 + heightOfText(doc, issued, { font: FONT.regular, size: 12, width: half - 10 }));
  };
  let signScale = 1;
  let room = qrY - 16 - bodyTop - signatureBlockHeight(signScale);
  let scale = 1;
  let blockGap = 40;
  let measured = gapsAndHeights(paragraphs(scale), scale);
  const total = () => measured.reduce((sum, m) => sum + m.gap + m.height, 0);
  while (total() + blockGap > room && scale > 0.55) {
    scale = Math.round((scale - 0.05) * 100) / 100;
    measured = gapsAndHeights(paragraphs(scale), scale);
    blockGap = 40 * scale;
  }
  while (total() + 12 > room && signScale > 0.7) {
    signScale = Math.round((signScale - 0.05) * 100) / 100;
    room = qrY - 16 - bodyTop - signatureBlockHeight(signScale);
  }
  if (total() + blockGap > room) blockGap = Math.max(12, room - total());
  // Past the smallest scale (longer than any name and title the forms accept), the event title is
  // cut with an ellipsis rather than the page overflowing.
  const overflow = Math.max(0, total() + blockGap - room);
  let y = bodyTop;
  paragraphs(scale).forEach((p, i) => {
    y += measured[i]!.gap;
    const isTitle = p.text === lines.title.text;
    const limit = isTitle && overflow > 0 ? Math.max(p.size * 1.5, measured[i]!.height - overflow) : undefined;
    // A title written in another language than the certificate's is marked with it (WCAG 3.1.2
    // language of parts), so a screen reader reads an English seminar's title in English.
    const lang = isTitle ? lines.title.lang : undefined;
    tag(
      i === 0 ? "H1" : "P",
      () => {
        doc.fillColor(p.color);
        drawText(doc, p.text, {
          font: p.font,
          size: p.size,
          minSize: p.minSize,
          x: left,
          y,
          width,
          align: "center",
          ...(limit === undefined ? {} : { height: limit, ellipsis: true }),
        });
      },
      lang ? { lang } : {},
    );
    y = limit === undefined ? y + measured[i]!.height : doc.y;
  });

  // Place and date of issue (left), signature block of the person responsible (right).
  const blockY = y + blockGap;
  tag("P", () => {
    doc.fillColor("black");
    drawText(doc, issued, { font: FONT.regular, size: 12, x: left, y: blockY + 18, width: half - 10 });
  });
  tag(
    "P",
    () => {
      doc.fillColor(GREY);
      drawText(doc, role, {
        font: FONT.regular,
        size: signSizes(signScale).role,
        x: signX,
        y: blockY,
        width: signWidth,
        align: "center",
      });
    },
    langOf(lines.role),
  );
  tag("P", () => {
    doc.fillColor("black");
    drawText(doc, signatory, {
      font: FONT.semibold,
      size: signSizes(signScale).signatory,
      minSize: SIGNATORY_MIN_SIZE,
      x: signX,
      y: doc.y + 2,
      width: signWidth,
      align: "center",
    });
  });
  // The signature image sits on the line (at most 36 pt high, the line lower to make room).
  const nameBottom = doc.y;
  const lineY = nameBottom + (letterhead?.signature ? 40 : 26);
  if (signature) {
    tag(
      "Figure",
      () =>
        doc.image(signature, signX + 20, nameBottom + 2, {
          fit: [signWidth - 40, 36],
          align: "center",
          valign: "bottom",
        }),
      { alt: lines.signatureAlt },
    );
  }
  artifact(() =>
    doc
      .moveTo(signX + 20, lineY)
      .lineTo(signX + signWidth - 20, lineY)
      .lineWidth(0.6)
      .strokeColor(GREY)
      .stroke(),
  );
  tag("P", () =>
    doc
      .font(FONT.regular)
      .fontSize(signSizes(signScale).note)
      .fillColor(GREY)
      .text(note, signX, lineY + 4, { width: signWidth, align: "center" }),
  );

  // Verification: the code and the QR code, at the foot of the page.
  const qr = QRCode.create(url, { errorCorrectionLevel: "M" });
  const size = qr.modules.size;
  const cell = qrSide / size;
  const qrX = left;
  const textX = qrX + qrSide + 20;
  const textWidth = width - qrSide - 20;
  tag("H2", () =>
    doc
      .font(FONT.bold)
      .fontSize(12)
      .fillColor(BLUE)
      .text(lines.verificationHeading, textX, qrY + 8, { width: textWidth }),
  );
  // The code in Titillium Web, embedded like every other font (it was the standard Courier-Bold, the
  // one font of the certificate not embedded, which PDF/UA and PDF/A refuse); its alphabet has no
  // look-alike letters, the spacing keeps the groups apart.
  tag("P", () =>
    doc.font(FONT.bold).fontSize(16).fillColor("black").text(c.code, { width: textWidth, characterSpacing: 1 }),
  );
  tag("P", () =>
    doc
      .moveDown(0.5)
      .font(FONT.regular)
      .fontSize(10)
      .fillColor(GREY)
      .text(lines.verificationText, { width: textWidth }),
  );
  tag(
    "Figure",
    () => {
      doc.save().fillColor("black");
      for (let row = 0; row < size; row++) {
        for (let col = 0; col < size; col++) {
          if (qr.modules.get(row, col)) doc.rect(qrX + col * cell, qrY + row * cell, cell + 0.01, cell + 0.01);
        }
      }
      doc.fill().restore();
    },
    { alt: lines.qrAlt },
  );
  document.end();
  doc.end();
  return done;
}

/**
 * A holder's name as a file name: ASCII letters, digits and dashes only, the other letters spelled
 * in Latin ones by any-ascii ("Łukasz Wróbel" → "Lukasz-Wrobel", "Ελένη Παππά" → "Eleni-Pappa",
 * "Иван Петров" → "Ivan-Petrov"): a Greek or Cyrillic name left nothing, and the entry was
 * "attestato-attestato-<code>.pdf". ZIP entry names stay ASCII for the tools that ignore UTF-8 names.
 */
export function fileNameOf(holderName: string): string {
  return (
    anyAscii(holderName)
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
        details: { ...shared, fiscalCode: fiscalCodes.get(c.userId) ?? null, holderId: c.userId },
      });
      add(`attestato-${fileNameOf(c.holderName)}-${c.code}.pdf`, pdf, { store: true });
      await drained();
    }
  });
  return { count: certificates.length, stream };
}
