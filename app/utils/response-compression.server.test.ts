import zlib from "node:zlib";
import { describe, expect, test } from "vitest";
import { brotliWindowBits } from "../../tests/support/brotli.ts";
import { BROTLI_WINDOW_BITS, compressWhole } from "./response-compression.server.ts";

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
  test("Brotli: the same bytes back, with the smallest window that holds the body, at most 2^18", () => {
    // 2^16 - 16 bytes fit a 2^16 window; one more needs 2^17.
    for (const [size, bits] of [
      [1024, 11],
      [65_520, 16],
      [65_521, 17],
      [47_544, 16],
      [300_000, BROTLI_WINDOW_BITS],
    ] as const) {
      const body = pageLike(size);
      const compressed = compressWhole(body, "br");
      expect(brotliWindowBits(compressed[0]!), String(size)).toBe(bits);
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
