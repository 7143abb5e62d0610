// The client build's hashed files (build/client/assets), compressed once at build time and served
// as they are (ADR 0038). They never change once built, yet the compression middleware compressed
// each one again on every request: Bootstrap Italia's stylesheet (570 KB) alone cost more CPU than
// a catalogue page. vite.config.ts writes NAME.br (Brotli, best quality) and NAME.gz (gzip level 9)
// beside every compressible file at the end of `remix vite:build`; the server picks the one the
// request accepts and sends it with Content-Encoding and Vary: Accept-Encoding.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import express, { type NextFunction, type Request, type Response } from "express";

/** Files worth compressing (text); fonts (woff/woff2) and images are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|map|txt|html|xml|ttf|otf|eot)$/i;
/** Smaller files gain too little to be worth a variant (the compression package's own threshold). */
const MIN_BYTES = 1024;

/** The encodings Forma sends, in its order of preference (also for bodies compressed whole, ADR 0042). */
export const PRECOMPRESSED_ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;
const ENCODINGS = PRECOMPRESSED_ENCODINGS;
type Encoding = (typeof ENCODINGS)[number];

/**
 * Writes FILE.br and FILE.gz for every compressible file in `dir` (and below) that has none yet,
 * keeping only a variant smaller than the file. Returns how many variants it wrote.
 */
export function precompressDirectory(dir: string): number {
  let written = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const content = fs.readFileSync(file);
    if (content.length < MIN_BYTES) continue;
    for (const encoding of ENCODINGS) {
      if (fs.existsSync(file + encoding.suffix)) continue;
      const compressed =
        encoding.name === "br"
          ? zlib.brotliCompressSync(content, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            })
          : zlib.gzipSync(content, { level: zlib.constants.Z_BEST_COMPRESSION });
      if (compressed.length >= content.length) continue;
      fs.writeFileSync(file + encoding.suffix, compressed);
      written++;
    }
  }
  return written;
}

/**
 * The encoding to send among those a file has, by the request's Accept-Encoding: Brotli first,
 * then gzip (as the compression package prefers), never one the client refuses (q=0) or omits.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding | null {
  if (!acceptEncoding || available.length === 0) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const wildcard = accepted.get("*");
  return available.find((e) => (accepted.get(e.name) ?? wildcard ?? 0) > 0) ?? null;
}

/**
 * express.static for the hashed assets, serving a file's precompressed variant when the request
 * accepts it: same caching (immutable, a year), conditional requests and ranges as the file itself,
 * the file's own Content-Type. The variants are listed once at start (the build does not change
 * under a running server). Mount it before the compression middleware: these answers are never
 * compressed again.
 */
export function precompressedAssets(dir: string) {
  const variants = new Map<string, Encoding[]>();
  if (fs.existsSync(dir)) {
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      for (const encoding of ENCODINGS) {
        if (!entry.name.endsWith(encoding.suffix)) continue;
        const urlPath = "/" + path.relative(dir, file.slice(0, -encoding.suffix.length)).split(path.sep).join("/");
        variants.set(urlPath, [...(variants.get(urlPath) ?? []), encoding]);
      }
    }
    for (const list of variants.values()) list.sort((a, b) => ENCODINGS.indexOf(a) - ENCODINGS.indexOf(b));
  }
  const serve = express.static(dir, {
    immutable: true,
    maxAge: "1y",
    setHeaders(res, file) {
      const encoding = (res as Response).locals?.precompressed as Encoding | undefined;
      if (!encoding) return;
      // send would name the type after ".br"/".gz": the type of the file itself, as send gives it.
      const original = file.slice(0, -encoding.suffix.length);
      const type = express.static.mime.lookup(original);
      const charset = express.static.mime.charsets.lookup(type, "");
      res.setHeader("Content-Type", charset ? `${type}; charset=${charset}` : type);
      res.setHeader("Content-Encoding", encoding.name);
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const available = variants.get(req.path);
    if (available) {
      res.vary("Accept-Encoding");
      const encoding = chooseEncoding(req.headers["accept-encoding"], available);
      if (encoding) {
        res.locals.precompressed = encoding;
        req.url = req.path + encoding.suffix;
      }
    }
    serve(req, res, next);
  };
}
