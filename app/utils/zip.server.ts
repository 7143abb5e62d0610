// A ZIP written as a Node stream (fflate) while it is built, for downloads that may be large: the
// builder adds entries and awaits `drained()` so that memory stays flat when the client reads
// slowly. Used by the certificates of an edition and by "I miei dati" (account-export.server.ts).
import { once } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";

export type ZipBuilder = {
  /** The fflate archive, for entries pushed in chunks (ZipDeflate / ZipPassThrough). */
  zip: Zip;
  /** Resolves once the reader has taken what was written so far. */
  drained: () => Promise<void>;
  /** One whole entry: deflated (text) or stored as is (already compressed, e.g. PDF, PNG). */
  add: (name: string, bytes: Uint8Array, options?: { store?: boolean }) => void;
};

/** The archive as a stream; `build` adds its entries, the archive ends when it resolves. */
export function streamZip(build: (archive: ZipBuilder) => Promise<void>): Readable {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      out.destroy(error);
      return;
    }
    out.write(chunk);
    if (final) out.end();
  });
  const archive: ZipBuilder = {
    zip,
    drained: async () => {
      if (out.writableNeedDrain) await once(out, "drain");
    },
    add: (name, bytes, options) => {
      const file = options?.store ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
      zip.add(file);
      file.push(bytes, true);
    },
  };
  build(archive)
    .then(() => zip.end())
    .catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
