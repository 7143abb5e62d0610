// What pdfkit's PNG reader (png-js) would loop on, or throw on in a callback nothing catches, refused before it
// sees the file (the letterhead's images, tests/integration/certificates-bulk.test.ts).
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { png, rgbaPngParts } from "../../tests/support/png.ts";
import { pngChunks, pngPixelsDecodable } from "./png-check.server.ts";

const checked = (bytes: Uint8Array) => {
  const chunks = pngChunks(bytes);
  return chunks ? pngPixelsDecodable(chunks) : "chunks";
};

describe("pngChunks and pngPixelsDecodable", () => {
  const parts = rgbaPngParts(30, 10);
  const [ihdr, idat, iend] = parts.chunks;
  const withIdat = (data: Buffer) => png([ihdr!, { ...idat!, data }, iend!]);

  it("accept a sound PNG, interlaced or not, its pixel data split over several IDAT chunks too", () => {
    expect(checked(png(parts.chunks))).toBe(true);
    expect(checked(png(rgbaPngParts(300, 100, { interlaced: true }).chunks))).toBe(true);
    const data = idat!.data;
    const split = png([
      ihdr!,
      { type: "IDAT", data: data.subarray(0, 7) },
      { type: "IDAT", data: data.subarray(7) },
      iend!,
    ]);
    expect(checked(split)).toBe(true);
    expect(pngChunks(png(parts.chunks))?.header).toEqual({
      width: 30,
      height: 10,
      bitDepth: 8,
      colorType: 6,
      interlaced: false,
    });
  });

  it("refuse chunks png-js would walk wrongly: lengths it reads negative or past the end, IHDR not first, tRNS in RGBA, no IEND", () => {
    expect(checked(png([ihdr!, { type: "abCd", data: Buffer.alloc(0), length: 0xfffffff4 }, idat!, iend!]))).toBe(
      "chunks",
    );
    expect(checked(png([ihdr!, { type: "abCd", data: Buffer.alloc(0), length: 1000 }, idat!, iend!]))).toBe("chunks");
    expect(checked(png([idat!, ihdr!, iend!]))).toBe("chunks");
    expect(checked(png([{ ...ihdr!, data: Buffer.concat([ihdr!.data, Buffer.alloc(4)]) }, idat!, iend!]))).toBe(
      "chunks",
    );
    expect(checked(png([ihdr!, { type: "tRNS", data: Buffer.alloc(12) }, idat!, iend!]))).toBe("chunks");
    expect(checked(png([ihdr!, idat!]))).toBe("chunks");
    // A colour type or bit depth the specification does not have.
    const header = Buffer.from(ihdr!.data);
    header[9] = 5;
    expect(checked(png([{ type: "IHDR", data: header }, idat!, iend!]))).toBe("chunks");
  });

  it("refuse pixels png-js would throw on: a broken stream, an unknown row filter, more data than the rows", () => {
    const deflated = idat!.data;
    expect(checked(withIdat(deflated.subarray(0, deflated.length - 5)))).toBe(false);
    expect(checked(withIdat(Buffer.alloc(0)))).toBe(false);
    const rows = Buffer.from(parts.rows);
    rows[5 * (1 + 30 * 4)] = 5;
    expect(checked(withIdat(deflateSync(rows)))).toBe(false);
    // A small stream that inflates far past what the rows take is not inflated whole at each certificate.
    expect(checked(withIdat(deflateSync(Buffer.alloc(10 * 1024 * 1024))))).toBe(false);
  });

  it("refuse a tiny interlaced image png-js misreads: it reads a filter byte for each row of an empty pass", () => {
    // 2 × 2: png-js takes the sixth pass's filter byte, then its first red byte (200), as the filters of empty passes.
    expect(checked(png(rgbaPngParts(2, 2, { interlaced: true, rgba: [200, 0, 0, 255] }).chunks))).toBe(false);
    expect(checked(png(rgbaPngParts(2, 2, { interlaced: true, rgba: [3, 0, 0, 255] }).chunks))).toBe(true);
  });
});
