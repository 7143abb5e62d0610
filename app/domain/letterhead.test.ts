import { describe, expect, it } from "vitest";
import { jpegFrame, jpegHeader, jpegSegment } from "../../tests/support/jpeg.ts";
import {
  checkLetterheadImage,
  jpegPixelSize,
  LETTERHEAD_IMAGE_MAX_BYTES,
  LETTERHEAD_MAX_SIDE,
  letterheadImageDrawable,
  letterheadImageType,
} from "./letterhead.ts";

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);

describe("letterhead images", () => {
  it("recognises PNG and JPEG by their first bytes, not by a name", () => {
    expect(letterheadImageType(png)).toBe("image/png");
    expect(letterheadImageType(jpeg)).toBe("image/jpeg");
    expect(letterheadImageType(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(letterheadImageType(new TextEncoder().encode("GIF89a......"))).toBeNull();
    expect(letterheadImageType(png.slice(0, 8))).toBeNull();
  });

  it("refuses an image over the size cap and anything that is not PNG or JPEG", () => {
    expect(checkLetterheadImage(png)).toEqual({ ok: true, type: "image/png" });
    const big = new Uint8Array(LETTERHEAD_IMAGE_MAX_BYTES + 1);
    big.set(png);
    expect(checkLetterheadImage(big)).toEqual({ ok: false, problem: "too-large" });
    expect(checkLetterheadImage(new Uint8Array([1, 2, 3, 4, 5]))).toEqual({ ok: false, problem: "not-an-image" });
  });

  it("reads a JPEG's size from its frame header, past an EXIF thumbnail's and not from a DAC segment", () => {
    expect(jpegPixelSize(jpegHeader(400, 120))).toEqual({ width: 400, height: 120 });
    // Progressive (SOF2) as baseline; the largest frame of a file with two.
    expect(jpegPixelSize(jpegHeader(0, 0, jpegFrame(640, 480, 0xc2)))).toEqual({ width: 640, height: 480 });
    expect(jpegPixelSize(jpegHeader(0, 0, [...jpegFrame(40, 40), ...jpegFrame(30_000, 30_000, 0xc1)]))).toEqual({
      width: 30_000,
      height: 30_000,
    });
    // An APP1 segment holding a thumbnail's own frame header is skipped whole.
    const exif = jpegSegment(0xe1, [0x45, 0x78, 0x69, 0x66, 0, 0, 0xff, 0xd8, ...jpegFrame(60_000, 60_000)]);
    expect(jpegPixelSize(jpegHeader(0, 0, [...exif, ...jpegFrame(200, 100)]))).toEqual({ width: 200, height: 100 });
    // DAC (FFCC) and DHT (FFC4) are not frames, whatever their bytes read like.
    const dac = jpegSegment(0xcc, [8, 0, 10, 0, 10, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(jpegPixelSize(jpegHeader(0, 0, [...dac, ...jpegFrame(50_000, 50_000)]))).toEqual({
      width: 50_000,
      height: 50_000,
    });
    // No frame, or a segment running past the end: no size.
    expect(jpegPixelSize(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
    expect(jpegPixelSize(jpegHeader(400, 120).subarray(0, 24))).toBeNull();
  });

  it("allows at most the same number of pixels to a JPEG as to a PNG", () => {
    // A JPEG was allowed any size: a few hundred bytes declaring 30,000 × 30,000 pixels.
    expect(letterheadImageDrawable(LETTERHEAD_MAX_SIDE, LETTERHEAD_MAX_SIDE)).toBe(true);
    expect(letterheadImageDrawable(LETTERHEAD_MAX_SIDE + 1, LETTERHEAD_MAX_SIDE)).toBe(false);
    expect(letterheadImageDrawable(30_000, 30_000)).toBe(false);
    expect(letterheadImageDrawable(400, 0)).toBe(false);
  });
});
