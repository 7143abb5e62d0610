// The issuing office's letterhead of an organiser (issue 15, item 5): logo and signature images
// and the signatory's name and role, kept in the database (OrganiserLetterhead, bytes columns) so
// every instance prints the same, and drawn on the certificates of the events the organiser created
// (certificate-pdf.server.ts).
import PDFDocument from "pdfkit";
import {
  checkLetterheadImage,
  jpegPixelSize,
  letterheadImageDrawable,
  type LetterheadImageProblem,
  type LetterheadImageType,
} from "~/domain/letterhead.ts";
import { ACCOUNT_IN_OFFICE, stillManagesEvent } from "~/domain/permissions.ts";
import { prisma } from "~/utils/db.server.ts";
import { pngChunks, pngPixelsDecodable } from "~/utils/png-check.server.ts";

export type Letterhead = {
  signatoryName: string;
  signatoryRole: string;
  logo: Buffer | null;
  signature: Buffer | null;
};

/** An image change: new bytes, "remove", or undefined to keep what is stored. */
export type ImageChange = Uint8Array | "remove" | undefined;

export type LetterheadProblems = Partial<Record<"logo" | "signature", LetterheadImageProblem>>;

/**
 * The image's size in pixels as pdfkit reads it, or null when pdfkit cannot draw it: a file that
 * starts like a PNG but is broken is refused now, not at download. Reads the header and chunks only
 * (openImage does not inflate the pixels: drawing does, doc.end()).
 */
function pixelSize(bytes: Uint8Array): { width: number; height: number } | null {
  try {
    // pdfkit's openImage parses the image as doc.image() would (not in its type definitions).
    const doc = new PDFDocument({ autoFirstPage: false }) as unknown as {
      openImage(src: Buffer): { width: number; height: number };
    };
    const image = doc.openImage(Buffer.from(bytes));
    return { width: image.width, height: image.height };
  } catch {
    return null;
  }
}

/**
 * Can it go on every certificate: pdfkit reads it, its pixels are few enough (a PNG's to inflate at each drawing, a
 * JPEG's for every viewer to decode), and a PNG's decode. A JPEG's size is the one its frame headers declare
 * (jpegPixelSize): pdfkit stops at the first marker it takes for one (DAC and JPG too) and writes that size in the
 * PDF, while a viewer decodes the real frame, so a JPEG whose two readings differ is not drawable either. pdfkit decodes a PNG with transparency or interlaced in an asynchronous zlib callback,
 * where a broken stream threw out of every handler and ended the process at each certificate drawn with it
 * (review 0014): a PNG is read here first, chunks then pixels (png-check.server.ts), and refused if broken.
 */
function drawableVerdict(bytes: Uint8Array, type: LetterheadImageType): true | LetterheadImageProblem {
  // The chunks before pdfkit's own reading, which loops for ever on some broken lengths.
  const png = type === "image/png" ? pngChunks(bytes) : null;
  if (type === "image/png" && !png) return "not-an-image";
  const size = pixelSize(bytes);
  if (!size) return "not-an-image";
  if (type === "image/jpeg") {
    const declared = jpegPixelSize(bytes);
    if (!declared || declared.width !== size.width || declared.height !== size.height) return "not-an-image";
  }
  if (!letterheadImageDrawable(size.width, size.height)) return "too-many-pixels";
  // Inflated only once the pixels are known to be few enough. A JPEG is embedded as it is, never decoded here.
  return png && !pngPixelsDecodable(png) ? "not-an-image" : true;
}

function checkImage(change: ImageChange) {
  if (change === undefined || change === "remove") return { ok: true as const };
  const verdict = checkLetterheadImage(change);
  if (!verdict.ok) return verdict;
  const drawable = drawableVerdict(change, verdict.type);
  return drawable === true ? verdict : { ok: false as const, problem: drawable };
}

/**
 * A stored image for the certificates, or null when it may not be drawn: one saved before its pixels
 * were limited would cost seconds of CPU and hundreds of MB at every certificate (LETTERHEAD_MAX_PIXELS),
 * one saved before its pixels were decoded at upload may end the process (drawableVerdict).
 */
function storedImage(bytes: Uint8Array | null): Buffer | null {
  if (!bytes) return null;
  const verdict = checkLetterheadImage(bytes);
  return verdict.ok && drawableVerdict(bytes, verdict.type) === true ? Buffer.from(bytes) : null;
}

/** The organiser's letterhead as the settings page shows it (images as data URLs), or empty fields. */
export async function loadLetterheadSettings(userId: string) {
  const row = await prisma.organiserLetterhead.findUnique({ where: { userId } });
  const dataUrl = (bytes: Uint8Array | null, type: string | null) =>
    bytes && type ? `data:${type};base64,${Buffer.from(bytes).toString("base64")}` : null;
  return {
    signatoryName: row?.signatoryName ?? "",
    signatoryRole: row?.signatoryRole ?? "",
    logo: dataUrl(row?.logo ?? null, row?.logoMimeType ?? null),
    signature: dataUrl(row?.signature ?? null, row?.signatureMimeType ?? null),
  };
}

/** Saves the letterhead; an image that is too large or not a PNG/JPEG is refused and nothing is written. */
export async function saveLetterhead(
  userId: string,
  input: { signatoryName: string; signatoryRole: string; logo: ImageChange; signature: ImageChange },
): Promise<{ ok: true } | { ok: false; problems: LetterheadProblems }> {
  const problems: LetterheadProblems = {};
  for (const field of ["logo", "signature"] as const) {
    const verdict = checkImage(input[field]);
    if (!verdict.ok) problems[field] = verdict.problem;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const { logo, signature } = input;
  const data = {
    signatoryName: input.signatoryName,
    signatoryRole: input.signatoryRole,
    ...(logo === undefined
      ? {}
      : logo === "remove"
        ? { logo: null, logoMimeType: null }
        : { logo: Buffer.from(logo), logoMimeType: typeOf(logo) }),
    ...(signature === undefined
      ? {}
      : signature === "remove"
        ? { signature: null, signatureMimeType: null }
        : { signature: Buffer.from(signature), signatureMimeType: typeOf(signature) }),
  };
  await prisma.$transaction([
    prisma.organiserLetterhead.upsert({ where: { userId }, create: { userId, ...data }, update: data }),
    prisma.auditLog.create({
      data: {
        actorId: userId,
        entityType: "user",
        entityId: userId,
        action: "carta-intestata-modificata",
        details: JSON.stringify({
          signatoryName: input.signatoryName,
          signatoryRole: input.signatoryRole,
          logo: input.logo === undefined ? "invariato" : input.logo === "remove" ? "rimosso" : "caricato",
          signature:
            input.signature === undefined ? "invariato" : input.signature === "remove" ? "rimosso" : "caricato",
        }),
      },
    }),
  ]);
  return { ok: true };
}

function typeOf(bytes: Uint8Array): string | null {
  const verdict = checkLetterheadImage(bytes);
  return verdict.ok ? verdict.type : null;
}

/**
 * The letterhead of the organiser who created the edition's event, or null when they set none, or no longer
 * answer for the event: a closed account (its letterhead is deleted at closure) or one whose roles today do not
 * let it manage the event (revoked, or moved to another region). The certificate then names the issuing body.
 */
export async function letterheadForEdition(editionId: string): Promise<Letterhead | null> {
  const edition = await prisma.edition.findUnique({
    where: { id: editionId },
    select: {
      event: {
        select: {
          level: true,
          regionCode: true,
          createdBy: { select: { ...ACCOUNT_IN_OFFICE, letterhead: true } },
        },
      },
    },
  });
  if (!edition || !stillManagesEvent(edition.event.createdBy, edition.event)) return null;
  const row = edition.event.createdBy.letterhead;
  if (!row) return null;
  return {
    signatoryName: row.signatoryName,
    signatoryRole: row.signatoryRole,
    logo: storedImage(row.logo),
    signature: storedImage(row.signature),
  };
}
