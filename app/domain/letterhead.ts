// The issuing office's letterhead of an organiser (issue 15, item 5): a logo and a signature
// image (PNG or JPEG, recognised by their first bytes, not by the name or type the browser sent),
// each at most LETTERHEAD_IMAGE_MAX_BYTES, and the signatory's name and role.
export const LETTERHEAD_IMAGE_MAX_BYTES = 512 * 1024;
export const LETTERHEAD_TEXT_MAX = 120;

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

export type LetterheadImageProblem = "too-large" | "not-an-image";

/** Checks an uploaded image: its type, or why it is refused. An empty upload means "no change". */
export function checkLetterheadImage(
  bytes: Uint8Array,
): { ok: true; type: LetterheadImageType } | { ok: false; problem: LetterheadImageProblem } {
  if (bytes.byteLength > LETTERHEAD_IMAGE_MAX_BYTES) return { ok: false, problem: "too-large" };
  const type = letterheadImageType(bytes);
  return type ? { ok: true, type } : { ok: false, problem: "not-an-image" };
}
