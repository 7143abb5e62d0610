// The issuing office's letterhead of an organiser (issue 15, item 5): a logo and a signature
// image (PNG or JPEG, recognised by their first bytes, not by the name or type the browser sent),
// each at most LETTERHEAD_IMAGE_MAX_BYTES, and the signatory's name and role.
export const LETTERHEAD_IMAGE_MAX_BYTES = 512 * 1024;
export const LETTERHEAD_TEXT_MAX = 120;
/**
 * The most pixels a PNG may have (2000 × 2000). pdfkit inflates a PNG with an alpha channel whole, in
 * one synchronous call, every time a certificate is drawn: a 249 KB PNG of 8000 × 8000 transparent
 * pixels (zlib packs a blank image about a thousand times) cost 6.5 s of CPU and 900 MB of memory per
 * certificate, and an edition's ZIP draws one per participant. A logo or a signature drawn at most a
 * few centimetres wide needs far fewer. A JPEG is embedded as it is, never decoded: no limit.
 * Since review 0017 the certificate decodes a PNG once per process and reuses it for every certificate
 * (letterheadImage, certificate-pdf.server.ts): at this limit, 0.75 s once, not at each certificate.
 */
export const LETTERHEAD_PNG_MAX_PIXELS = 2000 * 2000;
/** The side of the largest square PNG allowed, for the page's message. */
export const LETTERHEAD_PNG_MAX_SIDE = Math.sqrt(LETTERHEAD_PNG_MAX_PIXELS);

export type LetterheadImageType = "image/png" | "image/jpeg";

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/** The image's type from its signature, or null when it is neither PNG nor JPEG. */
export function letterheadImageType(bytes: Uint8Array): LetterheadImageType | null {
  const starts = (signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (bytes.length > PNG.length && starts(PNG)) return "image/png";
  if (bytes.length > JPEG.length && starts(JPEG)) return "image/jpeg";
  return null;
}

export type LetterheadImageProblem = "too-large" | "not-an-image" | "too-many-pixels";

/** Whether an image of this type and size (in pixels) is cheap enough to draw on every certificate. */
export function letterheadImageDrawable(type: LetterheadImageType, width: number, height: number): boolean {
  if (!(width > 0 && height > 0)) return false;
  return type === "image/jpeg" || width * height <= LETTERHEAD_PNG_MAX_PIXELS;
}

/** Checks an uploaded image: its type, or why it is refused. An empty upload means "no change". */
export function checkLetterheadImage(
  bytes: Uint8Array,
): { ok: true; type: LetterheadImageType } | { ok: false; problem: LetterheadImageProblem } {
  if (bytes.byteLength > LETTERHEAD_IMAGE_MAX_BYTES) return { ok: false, problem: "too-large" };
  const type = letterheadImageType(bytes);
  return type ? { ok: true, type } : { ok: false, problem: "not-an-image" };
}
