// The issuing office's letterhead of an organiser (issue 15, item 5): a logo and a signature
// image (PNG or JPEG, recognised by their first bytes, not by the name or type the browser sent),
// each at most LETTERHEAD_IMAGE_MAX_BYTES, and the signatory's name and role.
export const LETTERHEAD_IMAGE_MAX_BYTES = 512 * 1024;
export const LETTERHEAD_TEXT_MAX = 120;
/**
 * The most pixels a letterhead image may have (2000 × 2000), PNG or JPEG. pdfkit inflates a PNG with an alpha
 * channel whole, in one synchronous call, every time a certificate is drawn: a 249 KB PNG of 8000 × 8000 transparent
 * pixels (zlib packs a blank image about a thousand times) cost 6.5 s of CPU and 900 MB of memory per certificate,
 * and an edition's ZIP draws one per participant. A logo or a signature drawn at most a few centimetres wide needs
 * far fewer. Since review 0017 the certificate decodes a PNG once per process and reuses it for every certificate
 * (letterheadImage, certificate-pdf.server.ts): at this limit, 0.75 s once, not at each certificate.
 * A JPEG is embedded as it is, never decoded by us, but every PDF viewer (and the settings page's browser) decodes it
 * to the size its header declares: a few hundred bytes declaring 65,535 × 65,535 pixels asked each reader of each
 * certificate for some 12 GB. Its size is read from its frame headers (jpegPixelSize), not only from pdfkit's reading.
 */
export const LETTERHEAD_MAX_PIXELS = 2000 * 2000;
/** The side of the largest square image allowed, for the page's message. */
export const LETTERHEAD_MAX_SIDE = Math.sqrt(LETTERHEAD_MAX_PIXELS);

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

/** Whether an image of this size (in pixels) is cheap enough to draw on every certificate and to open. */
export function letterheadImageDrawable(width: number, height: number): boolean {
  return width > 0 && height > 0 && width * height <= LETTERHEAD_MAX_PIXELS;
}

/**
 * A frame header's marker: SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC), which are not frames, and DHP (DE), the
 * frame size of a hierarchical JPEG.
 */
function jpegFrameMarker(marker: number): boolean {
  return (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === 0xde;
}

/**
 * The size a JPEG declares: the largest of its frame headers (height and width, the 16-bit numbers after the sample
 * precision), walking its segments by their lengths and its scans' data up to the next marker; null when it declares
 * none or a segment runs past the end. A thumbnail inside an APP segment (EXIF) is skipped with its segment.
 */
export function jpegPixelSize(bytes: Uint8Array): { width: number; height: number } | null {
  let largest: { width: number; height: number } | null = null;
  let pos = 2; // after SOI
  while (pos + 1 < bytes.length) {
    // Entropy-coded data after a scan's header (and stray bytes): up to the next marker.
    if (bytes[pos] !== 0xff) {
      pos++;
      continue;
    }
    const marker = bytes[pos + 1]!;
    if (marker === 0xff) {
      pos++; // a fill byte
      continue;
    }
    // A stuffed zero in a scan, a restart marker, TEM: no length.
    if (marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    if (marker === 0xd9) break; // EOI
    if (pos + 4 > bytes.length) return null;
    const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    if (length < 2 || pos + 2 + length > bytes.length) return null;
    if (jpegFrameMarker(marker)) {
      if (length < 7) return null;
      const height = (bytes[pos + 5]! << 8) | bytes[pos + 6]!;
      const width = (bytes[pos + 7]! << 8) | bytes[pos + 8]!;
      if (!largest || width * height > largest.width * largest.height) largest = { width, height };
    }
    pos += 2 + length;
  }
  return largest;
}

/** Checks an uploaded image: its type, or why it is refused. An empty upload means "no change". */
export function checkLetterheadImage(
  bytes: Uint8Array,
): { ok: true; type: LetterheadImageType } | { ok: false; problem: LetterheadImageProblem } {
  if (bytes.byteLength > LETTERHEAD_IMAGE_MAX_BYTES) return { ok: false, problem: "too-large" };
  const type = letterheadImageType(bytes);
  return type ? { ok: true, type } : { ok: false, problem: "not-an-image" };
}
