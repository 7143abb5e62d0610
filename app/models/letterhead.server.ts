// The issuing office's letterhead of an organiser (issue 15, item 5): logo and signature images
// and the signatory's name and role, kept in the database (OrganiserLetterhead, bytes columns) so
// every instance prints the same, and drawn on the certificates of the events the organiser created
// (certificate-pdf.server.ts).
import PDFDocument from "pdfkit";
import { checkLetterheadImage, type LetterheadImageProblem } from "~/domain/letterhead.ts";
import { prisma } from "~/utils/db.server.ts";

export type Letterhead = {
  signatoryName: string;
  signatoryRole: string;
  logo: Buffer | null;
  signature: Buffer | null;
};

/** An image change: new bytes, "remove", or undefined to keep what is stored. */
export type ImageChange = Uint8Array | "remove" | undefined;

export type LetterheadProblems = Partial<Record<"logo" | "signature", LetterheadImageProblem>>;

/** pdfkit must be able to draw it: a file that starts like a PNG but is broken is refused now, not at download. */
function drawable(bytes: Uint8Array): boolean {
  try {
    // pdfkit's openImage parses the image as doc.image() would (not in its type definitions).
    const doc = new PDFDocument({ autoFirstPage: false }) as unknown as { openImage(src: Buffer): unknown };
    doc.openImage(Buffer.from(bytes));
    return true;
  } catch {
    return false;
  }
}

function checkImage(change: ImageChange) {
  if (change === undefined || change === "remove") return { ok: true as const };
  const verdict = checkLetterheadImage(change);
  if (!verdict.ok) return verdict;
  return drawable(change) ? verdict : { ok: false as const, problem: "not-an-image" as const };
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

/** The letterhead of the organiser who created the edition's event, or null when they set none. */
export async function letterheadForEdition(editionId: string): Promise<Letterhead | null> {
  const edition = await prisma.edition.findUnique({
    where: { id: editionId },
    select: { event: { select: { createdBy: { select: { letterhead: true } } } } },
  });
  const row = edition?.event.createdBy.letterhead;
  if (!row) return null;
  return {
    signatoryName: row.signatoryName,
    signatoryRole: row.signatoryRole,
    logo: row.logo ? Buffer.from(row.logo) : null,
    signature: row.signature ? Buffer.from(row.signature) : null,
  };
}
