// Two builds' catalogue documents in ONE process, interleaved pass by pass in ABBA order (so the machine's
// drift and the order weigh on both alike): the bench's search mix through each build's request handler as
// Forma's HTTP app calls it (a document request), each page then compressed in one call at that build's
// Brotli quality, as compressWhole does. Prints this process's CPU ms per search, per pass and mean/median.
//   DATABASE_URL=file:$PWD/bench/.tmp/catalogue-bench.db npx tsx bench/catalogue-page-ab.ts \
//     --build /tmp/base/build --quality 3 --build build --quality 1 [--passes 8] [--requests 600]
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import type { RequestState } from "../app/utils/http-app.server.ts";

const { values: args } = parseArgs({
  options: {
    build: { type: "string", multiple: true, default: [] },
    quality: { type: "string", multiple: true, default: [] },
    passes: { type: "string", default: "8" },
    requests: { type: "string", default: "600" },
    now: { type: "string", default: "2026-12-02T01:00:00Z" },
  },
});
if (args.build.length !== 2 || args.quality.length !== 2)
  throw new Error("--build A --quality qa --build B --quality qb");
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL names the bench database");
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.LOG_LEVEL ??= "warn";

const { catalogueMix } = await import("./lib/catalogue-mix.ts");
const { createRequestHandler } = await import("@remix-run/node");
const { sequence } = await catalogueMix(databaseUrl, {
  now: new Date(args.now),
  searches: 1500,
  seed: 42,
  zipf: 0.9,
  requests: Number(args.requests),
});
const handlers: ReturnType<typeof createRequestHandler>[] = [];
for (const build of args.build)
  handlers.push(
    createRequestHandler(await import(pathToFileURL(path.resolve(build, "server/index.js")).href), "production"),
  );

async function page(handle: ReturnType<typeof createRequestHandler>, url: string): Promise<Buffer> {
  const forma: RequestState = { databaseUnavailable: false, cspNonce: "YmVuY2gtbm9uY2U=", documentRequest: true };
  await handle(new Request(`http://127.0.0.1${url}`), { forma });
  const chunks: Buffer[] = [];
  for await (const chunk of forma.document!.body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
async function pass(k: number): Promise<number> {
  const quality = Number(args.quality[k]);
  const cpu = process.cpuUsage();
  for (const url of sequence) {
    const body = await page(handlers[k]!, url);
    zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
        [zlib.constants.BROTLI_PARAM_LGWIN]: 16,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
  }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / sequence.length;
}

// Warm-up: JIT, the SQLite page cache, both builds' statement caches.
for (let i = 0; i < 2; i++)
  for (const handle of handlers) for (const url of sequence.slice(0, 300)) await page(handle, url);
const loadBefore = os.loadavg();
const results: number[][] = [[], []];
for (let p = 0; p < Number(args.passes); p++)
  for (const k of p % 2 === 0 ? [0, 1] : [1, 0]) results[k]!.push(await pass(k));
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
console.log(`${sequence.length} searches per pass, load ${load(loadBefore)} → ${load(os.loadavg())}`);
args.build.forEach((build, k) => {
  const xs = results[k]!;
  const sorted = [...xs].sort((a, b) => a - b);
  const median = (sorted[(xs.length - 1) >> 1]! + sorted[xs.length >> 1]!) / 2;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `${build} (Brotli ${args.quality[k]}): passes ${xs.map((x) => x.toFixed(2)).join(" ")}, mean ${mean.toFixed(2)}, median ${median.toFixed(2)} ms`,
  );
});
process.exit(0);
