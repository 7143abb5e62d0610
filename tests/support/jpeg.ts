// JPEG headers made in memory, for the letterhead's upload tests: a file's frame header declares its size (pdfkit
// and every viewer read it there); the scan's data is a few bytes, as nobody here decodes it.

/** A segment: its marker, its length (the data's plus the two length bytes) and its data. */
export function jpegSegment(marker: number, data: number[]): number[] {
  const length = data.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...data];
}

/** A baseline frame header (SOF0 unless `marker` says another) declaring width × height, three components. */
export function jpegFrame(width: number, height: number, marker = 0xc0): number[] {
  return jpegSegment(marker, [
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ]);
}

const JFIF = jpegSegment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const SCAN = [...jpegSegment(0xda, [3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0]), 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56];

/** A JPEG whose segments between the JFIF header and the scan are `segments` (by default one SOF0 of width × height). */
export function jpegHeader(width: number, height: number, segments: number[] = jpegFrame(width, height)): Uint8Array {
  return new Uint8Array([0xff, 0xd8, ...JFIF, ...segments, ...SCAN, 0xff, 0xd9]);
}
