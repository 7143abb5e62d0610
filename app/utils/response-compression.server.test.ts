import zlib from "node:zlib";
import { describe, expect, test } from "vitest";
import { brotliWindowBits } from "../../tests/support/brotli.ts";
import { BROTLI_WHOLE_QUALITY, BROTLI_WINDOW_BITS, compressWhole } from "./response-compression.server.ts";

/** Text that compresses like a page: words repeated with variation, `size` bytes. */
function pageLike(size: number): Buffer {
  const words = ["formazione", "docenti", "scuola", "l'attività", "è", "regionale", "webinar", "più"];
  const parts: string[] = [];
  for (let i = 0, length = 0; length < size; i++) {
    const part = `${words[(i * 7) % words.length]} ${i % 97} `;
    parts.push(part);
    length += Buffer.byteLength(part);
  }
  return Buffer.from(parts.join("")).subarray(0, size);
}

describe("compressWhole (ADR 0042)", () => {
  test("Brotli: the same bytes back, at quality 1, whose encoder writes a 2^18 window whatever the size", () => {
    // Quality 1 (ADR 0052) keeps at least 2^18 in the header; never more than the streamed settings' window.
    expect(BROTLI_WHOLE_QUALITY).toBe(1);
    for (const size of [1024, 65_520, 65_521, 47_544, 300_000]) {
      const body = pageLike(size);
      const compressed = compressWhole(body, "br");
      expect(brotliWindowBits(compressed[0]!), String(size)).toBe(BROTLI_WINDOW_BITS);
      expect(zlib.brotliDecompressSync(compressed).equals(body), String(size)).toBe(true);
      expect(compressed.length, String(size)).toBeLessThan(size / 2);
    }
  });

  test("gzip: the same bytes back, whatever the size", () => {
    for (const size of [1024, 40_000, 300_000]) {
      const body = pageLike(size);
      const compressed = compressWhole(body, "gzip");
      expect(zlib.gunzipSync(compressed).equals(body), String(size)).toBe(true);
      expect(compressed.length, String(size)).toBeLessThan(size / 2);
    }
  });
});
