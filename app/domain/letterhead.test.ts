import { describe, expect, it } from "vitest";
import { checkLetterheadImage, LETTERHEAD_IMAGE_MAX_BYTES, letterheadImageType } from "./letterhead.ts";

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
});
