// Whether pdfkit can draw a PNG without taking the process down. pdfkit reads a PNG with png-js: its
// constructor walks the chunks trusting their lengths (a length of 2³¹ or more is negative to it, and an
// unknown chunk of length -12 sends it back to the same chunk for ever; an IHDR or a tRNS it reads with
// another length than the chunk's loses the chunk boundaries). Drawing an image with transparency or
// interlaced inflates its pixels in an asynchronous zlib callback that throws on a broken stream or an
// unknown row filter: nothing can catch that, and the Node process ends (review 0014, finding 1). So
// an image is checked here, synchronously and where a failure is only a refusal, before pdfkit sees it.
import { inflateSync } from "node:zlib";

export type PngHeader = {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
};

/** A PNG's header and its pixel data (the IDAT chunks joined), as png-js reads them. */
export type PngChunks = { header: PngHeader; pixelData: Buffer };

/** Bit depths the PNG specification allows for each colour type, and the channels of a pixel. */
const COLOR_TYPES: Record<number, { depths: number[]; channels: number }> = {
  0: { depths: [1, 2, 4, 8, 16], channels: 1 },
  2: { depths: [8, 16], channels: 3 },
  3: { depths: [1, 2, 4, 8], channels: 1 },
  4: { depths: [8, 16], channels: 2 },
  6: { depths: [8, 16], channels: 4 },
};

/**
 * The chunks of a PNG laid out as the specification says (IHDR first and 13 bytes long, every chunk and
 * its CRC inside the file, tRNS only for colour types that have one, IEND at the end), or null. On such
 * a file png-js finds the same chunks and stops at IEND; on any other it may loop or allocate for ever.
 */
export function pngChunks(bytes: Uint8Array): PngChunks | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data: Uint8Array[] = [];
  let header: PngHeader | null = null;
  let pos = 8;
  while (pos + 8 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const start = pos + 8;
    const end = start + length + 4;
    if (length > 0x7fffffff || end > bytes.length) return null;
    if (type === "IHDR") {
      if (length !== 13 || pos !== 8) return null;
      const colorType = bytes[start + 9]!;
      const kind = COLOR_TYPES[colorType];
      header = {
        width: view.getUint32(start),
        height: view.getUint32(start + 4),
        bitDepth: bytes[start + 8]!,
        colorType,
        interlaced: bytes[start + 12] === 1,
      };
      const methods = bytes[start + 10] === 0 && bytes[start + 11] === 0 && bytes[start + 12]! <= 1;
      if (!kind || !kind.depths.includes(header.bitDepth) || !methods) return null;
      if (header.width === 0 || header.height === 0 || header.width > 0x7fffffff || header.height > 0x7fffffff) {
        return null;
      }
    } else if (!header) {
      return null;
    } else if (type === "tRNS") {
      if (header.colorType === 4 || header.colorType === 6) return null;
    } else if (type === "IDAT") {
      data.push(bytes.subarray(start, start + length));
    } else if (type === "IEND") {
      return { header, pixelData: Buffer.concat(data) };
    }
    pos = end;
  }
  return null;
}

/** PNG's Adam7 interlacing (ISO 15948, 8.2): each pass's first column and row, then its steps across and down. */
export const ADAM7_PASSES = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/**
 * Whether png-js decodes the pixels without throwing: the data inflates (at most to the bytes its rows take,
 * so a small stream that inflates to hundreds of MB is refused too) and every row it reads starts with a
 * filter it knows (0–4). The rows are walked as png-js walks them, passes of an interlaced image included
 * (it reads a filter byte for each row of an empty pass too: a tiny interlaced image it misreads is refused).
 * Call it after the pixel limit (LETTERHEAD_MAX_PIXELS): it inflates the whole image.
 */
export function pngPixelsDecodable({ header, pixelData }: PngChunks): boolean {
  const { width, height } = header;
  const pixelBytes = (header.bitDepth * COLOR_TYPES[header.colorType]!.channels) / 8;
  const passes: readonly (readonly [number, number, number, number])[] = header.interlaced
    ? ADAM7_PASSES
    : [[0, 0, 1, 1]];
  const rows = passes.map(([x0, y0, dx, dy]) => ({
    count: Math.max(0, Math.ceil((height - y0) / dy)),
    // png-js copies pixelBytes × w bytes a row, rounding up (a fractional count for depths under 8).
    length: Math.ceil(pixelBytes * Math.max(0, Math.ceil((width - x0) / dx))),
  }));
  const needed = rows.reduce((sum, r) => sum + r.count * (1 + r.length), 0);
  let pixels: Buffer;
  try {
    pixels = inflateSync(pixelData, { maxOutputLength: Math.max(1, needed) });
  } catch {
    return false;
  }
  let pos = 0;
  for (const { count, length } of rows) {
    for (let row = 0; row < count && pos < pixels.length; row++) {
      if (pixels[pos]! > 4) return false;
      pos += 1 + length;
    }
  }
  return true;
}
