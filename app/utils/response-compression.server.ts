// Response compression (ADR 0038, ADR 0042). Two ways, the same settings:
//   - a body the server holds whole before it writes it (a rendered document, which entry.server.tsx
//     hands over complete since ADR 0035, and Remix's data responses) is compressed in one
//     synchronous call, sized to the body, and sent with its Content-Length;
//   - anything else (streamed resource routes, files, Express's own answers) goes through the
//     compression middleware, which compresses as the body streams.
import zlib from "node:zlib";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import compression from "compression";
import { chooseEncoding, PRECOMPRESSED_ENCODINGS } from "./precompressed-assets.server.ts";

/**
 * Browsers ask for Brotli first ("gzip, deflate, br, zstd"), and the compression package's Brotli
 * keeps zlib's default window of 2^22 bytes: every response allocated a 4 MB window and its hash
 * tables, which cost more than rendering the page (GET /accedi with a browser's Accept-Encoding:
 * 12.1 ms of server CPU against 6.1 with gzip and 5.0 uncompressed; 5.7 ms with a 2^18 window, idle
 * machine, bench/request-pipeline.ts --accept-encoding). A 256 KB window holds a whole page (a
 * catalogue page is about 47 KB), so pages compress to the same bytes; a body compressed whole gets
 * the smallest window that holds it (compressWhole). Quality 3, not the package's 4 (ADR 0038):
 * quality 4's hash table is twice as large, and with 50 responses compressed at once a catalogue
 * page cost 1.7-2.1 ms at quality 4 against 0.9-1.0 at 3, for 7 % more bytes (8,930 against 8,373;
 * bench/compression-levels.ts --concurrency 50). Qualities 0 and 1 compress each write apart when
 * streamed: pages twice as large. The hashed assets are never compressed here: they are sent
 * precompressed (app/utils/precompressed-assets.server.ts). tests/server/http-security.test.ts
 * reads the window from the stream header.
 */
export const BROTLI_WINDOW_BITS = 18;
export const BROTLI_QUALITY = 3;
export const COMPRESSION_OPTIONS: compression.CompressionOptions = {
  brotli: {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [zlib.constants.BROTLI_PARAM_LGWIN]: BROTLI_WINDOW_BITS,
    },
  },
};

/**
 * The quality of a body compressed whole (compressWhole), below the streamed one (ADR 0052): qualities 0
 * and 1 are Brotli's one-pass encoders, whose only drawback in ADR 0038 was per-write compression when
 * streamed; on a whole body that cannot happen. A catalogue page (37 KB) took 0.26-0.29 ms at quality 1
 * against 0.63 ms at 3, for 9 % more bytes (7,758 against 7,119: still fewer than the 8,719 the page
 * took with its cards' data before ADR 0052). Quality 1's encoder keeps a window of at least 2^18
 * bytes in the stream's header whatever the size asked for (it never reaches back further than the
 * body anyway); its hash table is sized to the body.
 */
export const BROTLI_WHOLE_QUALITY = 1;

/** Smaller bodies are sent as they are (the compression package's own threshold). */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

export type WholeBodyEncoding = "br" | "gzip";

/** Cache-Control: no-transform forbids changing the body's encoding (RFC 9111, 5.2.2.6). */
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;

/**
 * The encoding in which to send a body held whole, or null to leave the answer to the compression
 * middleware (HEAD, a body already encoded or marked no-transform, a client that accepts neither
 * Brotli nor gzip: the middleware still answers "deflate"). Brotli first, then gzip, never one the
 * client refuses (q=0), as for the precompressed assets. Call it once the response's headers are set.
 */
export function wholeBodyEncoding(req: ExpressRequest, res: ExpressResponse): WholeBodyEncoding | null {
  if (req.method === "HEAD" || res.statusCode === 204 || res.statusCode === 304) return null;
  if (res.hasHeader("content-encoding")) return null;
  const cacheControl = res.getHeader("cache-control");
  if (cacheControl !== undefined && NO_TRANSFORM.test(String(cacheControl))) return null;
  return (chooseEncoding(req.headers["accept-encoding"], PRECOMPRESSED_ENCODINGS)?.name as WholeBodyEncoding) ?? null;
}

/**
 * The body compressed in one call (Brotli at BROTLI_WHOLE_QUALITY, gzip at its default 6),
 * with the smallest window that holds it (at most 2^18 for Brotli, 2^15 for gzip) and, for Brotli,
 * its size as a hint: no stream, no per-chunk work on libuv's threads, no window larger than the
 * page to allocate and clear.
 */
export function compressWhole(body: Buffer, encoding: WholeBodyEncoding): Buffer {
  if (encoding === "br") {
    // A Brotli window of 2^n bytes holds 2^n - 16 of them (RFC 7932, 9.1).
    const lgwin = Math.min(
      BROTLI_WINDOW_BITS,
      Math.max(zlib.constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(body.length + 16))),
    );
    return zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_WHOLE_QUALITY,
        [zlib.constants.BROTLI_PARAM_LGWIN]: lgwin,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
  }
  // deflate reaches back at most 2^n - 262 bytes in a window of 2^n (zlib's MIN_LOOKAHEAD).
  const windowBits = Math.min(15, Math.max(9, Math.ceil(Math.log2(body.length + 262))));
  return zlib.gzipSync(body, { windowBits });
}

/**
 * Ends the response with `body`, compressed whole in `encoding` when it is worth it, with its
 * Content-Length and Vary: Accept-Encoding either way (as the middleware adds it). The middleware,
 * if mounted, passes an answer already encoded through untouched.
 */
export function endWhole(res: ExpressResponse, body: Buffer, encoding: WholeBodyEncoding) {
  res.vary("Accept-Encoding");
  if (body.length >= COMPRESSION_THRESHOLD_BYTES) {
    body = compressWhole(body, encoding);
    res.setHeader("Content-Encoding", encoding);
  }
  res.setHeader("Content-Length", body.length);
  res.end(body);
}
