// What compressing one page costs, setting by setting: CPU ms per response and bytes on the wire for
// Brotli qualities 0..5 (window 2^18, as the server uses) and gzip levels 1..6, on pages fetched
// uncompressed from a running production server. Each response is compressed as the compression
// package does it (a fresh zlib stream per response, fed the page in the chunks React writes, about
// 2 KB each, then ended), so the figure includes the stream's allocation. CPU time of this process
// (user + system, libuv's threads included), not wall time: it stays meaningful on a busy machine.
//   npx tsx bench/compression-levels.ts --url http://127.0.0.1:3900/accedi --url http://127.0.0.1:3900/eventi [--times 200]
//   (a --url may also name a file holding a page saved earlier, e.g. with curl)
import fs from "node:fs";
import { parseArgs } from "node:util";
import zlib from "node:zlib";

const { values: args } = parseArgs({
  options: {
    url: { type: "string", multiple: true, default: [] },
    times: { type: "string", default: "200" },
    chunk: { type: "string", default: "2048" },
    // Responses compressed at once (interleaved, as under 50 connections): each holds its own encoder.
    concurrency: { type: "string", default: "1" },
  },
});
if (!args.url.length) throw new Error("--url <page> at least once");
const TIMES = Number(args.times);
const CHUNK = Number(args.chunk);
const CONCURRENCY = Number(args.concurrency);

type Setting = { name: string; stream: () => zlib.BrotliCompress | zlib.Gzip };
const settings: Setting[] = [
  ...[0, 1, 2, 3, 4, 5].map((quality) => ({
    name: `br q${quality}`,
    stream: () =>
      zlib.createBrotliCompress({
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 },
      }),
  })),
  ...[1, 2, 3, 4, 5, 6].map((level) => ({ name: `gzip ${level}`, stream: () => zlib.createGzip({ level }) })),
];

/** One response's compression: the page written chunk by chunk into a fresh stream; its output size. */
function compressOnce(page: Buffer, setting: Setting): Promise<number> {
  return new Promise((resolve, reject) => {
    const stream = setting.stream();
    let size = 0;
    stream.on("data", (out: Buffer) => (size += out.length));
    stream.on("end", () => resolve(size));
    stream.on("error", reject);
    for (let offset = 0; offset < page.length; offset += CHUNK) stream.write(page.subarray(offset, offset + CHUNK));
    stream.end();
  });
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const load = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

const pages: { url: string; body: Buffer }[] = [];
for (const url of args.url) {
  if (!/^https?:/.test(url)) {
    pages.push({ url: `file://${url}`, body: fs.readFileSync(url) });
    continue;
  }
  const response = await fetch(url, { headers: { "accept-encoding": "identity" } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  pages.push({ url, body: Buffer.from(await response.arrayBuffer()) });
}

console.log(
  `${TIMES} responses per setting and page, ${CONCURRENCY} at once, chunks of ${CHUNK} bytes, load before: ${load()}`,
);
const header = pages.map((p) => `${new URL(p.url).pathname}${new URL(p.url).search} (${p.body.length} B)`);
console.log(`| setting | ${header.map((h) => `${h}: ms | bytes`).join(" | ")} |`);
console.log(`|---|${header.map(() => "---:|---:").join("|")}|`);
for (const setting of settings) {
  const cells: string[] = [];
  for (const page of pages) {
    for (let i = 0; i < Math.ceil(TIMES / 10); i++) await compressOnce(page.body, setting); // warm-up
    const before = cpuMs();
    let bytes = 0;
    for (let i = 0; i < TIMES; i += CONCURRENCY) {
      const batch = Array.from({ length: Math.min(CONCURRENCY, TIMES - i) }, () => compressOnce(page.body, setting));
      bytes = (await Promise.all(batch))[0]!;
    }
    cells.push(`${((cpuMs() - before) / TIMES).toFixed(3)} | ${bytes}`);
  }
  console.log(`| ${setting.name} | ${cells.join(" | ")} |`);
}
console.log(`load after: ${load()}`);
