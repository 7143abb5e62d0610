// Real PNGs made in memory (one colour, 8-bit RGB or RGBA, interlaced or not), for upload tests: no binary
// fixture needed; and broken ones, made from their parts, for the tests that must refuse them.
import { ADAM7_PASSES } from "../../app/utils/png-check.server.ts";
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A chunk: its length (the data's unless given, e.g. a broken one), type, data and CRC. */
function chunk(type: string, data: Buffer, declaredLength = data.length): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(declaredLength);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A width × height PNG filled with one colour. */
export function solidPng(width: number, height: number, rgb: [number, number, number] = [0, 51, 102]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(pixels)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type PngParts = {
  /** The filtered rows (a filter byte, then the pixels' bytes, for each), before deflating. */
  rows: Buffer;
  /** The chunks, from IHDR to IEND; a test changes or adds some to break the file. */
  chunks: { type: string; data: Buffer }[];
};

/**
 * The parts of a width × height PNG of one colour with transparency (8-bit RGBA, colour type 6: pdfkit decodes its
 * pixels to split the alpha channel), interlaced (Adam7) on request; png() makes the file.
 */
export function rgbaPngParts(
  width: number,
  height: number,
  options: { interlaced?: boolean; rgba?: [number, number, number, number] } = {},
): PngParts {
  const rgba = options.rgba ?? [0, 51, 102, 128];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, options.interlaced ? 1 : 0], 8);
  const passes = options.interlaced ? ADAM7_PASSES : ([[0, 0, 1, 1]] as const);
  const rows: Buffer[] = [];
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.max(0, Math.ceil((width - x0) / dx));
    const h = Math.max(0, Math.ceil((height - y0) / dy));
    // An empty pass has no rows at all, not even their filter bytes.
    if (w === 0) continue;
    const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgba).flat())]);
    for (let y = 0; y < h; y++) rows.push(row);
  }
  const filtered = Buffer.concat(rows);
  return {
    rows: filtered,
    chunks: [
      { type: "IHDR", data: header },
      { type: "IDAT", data: deflateSync(filtered) },
      { type: "IEND", data: Buffer.alloc(0) },
    ],
  };
}

/** The PNG file of these chunks (a chunk with `length` declares it instead of its data's). */
export function png(chunks: { type: string; data: Buffer; length?: number }[]): Buffer {
  return Buffer.concat([SIGNATURE, ...chunks.map((c) => chunk(c.type, c.data, c.length))]);
}

/**
 * A width × height RGBA PNG whose pixels and transparency vary (from `seed`: a different image for each seed), as a
 * scanned logo or signature with a transparent background: what pdfkit must decode and split (its alpha channel).
 */
export function rgbaPng(width: number, height: number, seed = 0): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, not interlaced
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      rows.set([(x + seed) % 256, y % 256, seed % 256, (x * y + seed) % 256], y * (width * 4 + 1) + 1 + x * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
