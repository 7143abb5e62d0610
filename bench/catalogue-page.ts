// The catalogue's result page in-process (issue 17.2): bench/catalogue.mjs's search mix (the same
// 1,500 searches, the same Zipf draw) through a production build's Remix request handler, without
// HTTP, Express or compression, then the same draw through searchCatalogue alone (the page's two
// SQL statements and their mapping, app/models/catalogue.server.ts). Prints this process's CPU ms
// per request (process.cpuUsage: other processes competing for the CPUs do not inflate it) for the
// whole page and for its SQL, their difference (everything the page does outside its SQL: the root
// and the document, the URL's parsing, the cards, the loader data, the rendering), and the HTML
// bytes per page. Give --build another build's folder to compare two versions in the same window.
//
//   DATABASE_URL=file:bench/.tmp/catalogue-bench.db npx tsx bench/catalogue-page.ts [options]
// Options:
//   --build DIR        a production build (default ./build, from `npx remix vite:build`)
//   --requests N       requests drawn from the mix per pass (default 2000)
//   --passes N         timed passes, page and SQL alternated (default 3); the median pass is printed
//   --now ISO          the instant the searches run at (default: now)
//   --searches N --seed N --zipf S   as BENCH_SEARCHES / BENCH_SEED / BENCH_ZIPF of bench/catalogue.mjs
//   --sql-only / --page-only         run only one of the two
//   --data             client navigations: GET /eventi.data?… (the loaders' turbo-stream) instead of the document
//   --save-html FILE   also writes the HTML of every distinct page of the draw, in Italian and in English,
//                      as JSON (URL → HTML), and nothing else: run it with two builds and compare the files
//                      with bench/catalogue-html-compare.ts to show that a change leaves every page the same
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { RequestState } from "../app/utils/http-app.server.ts";

const { values: args } = parseArgs({
  options: {
    build: { type: "string", default: "build" },
    requests: { type: "string", default: "2000" },
    passes: { type: "string", default: "3" },
    now: { type: "string" },
    searches: { type: "string", default: process.env.BENCH_SEARCHES ?? "1500" },
    seed: { type: "string", default: process.env.BENCH_SEED ?? "42" },
    zipf: { type: "string", default: process.env.BENCH_ZIPF ?? "0.9" },
    "sql-only": { type: "boolean", default: false },
    "page-only": { type: "boolean", default: false },
    "save-html": { type: "string" },
    // The client navigation's request instead of the document: GET /eventi.data?… (single fetch, turbo-stream).
    data: { type: "boolean", default: false },
  },
});

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL names the database to search (bench/.tmp/catalogue-bench.db)");
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.LOG_LEVEL ??= "warn";

const now = args.now ? new Date(args.now) : new Date();
const { catalogueMix } = await import("./lib/catalogue-mix.ts");
const { parseCatalogueSearch } = await import("../app/domain/catalogue-filters.ts");
const { searchCatalogue } = await import("../app/models/catalogue.server.ts");
const { createRequestHandler } = await import("@remix-run/node");

const { urls, sequence } = await catalogueMix(databaseUrl, {
  now,
  searches: Number(args.searches),
  seed: Number(args.seed),
  zipf: Number(args.zipf),
  requests: Number(args.requests),
});

const build = await import(pathToFileURL(path.resolve(args.build, "server/index.js")).href);
const handle = createRequestHandler(build, "production");

let bytes = 0;
/** The page's HTML: Forma's HTTP app gets it as a Node stream beside the Response (ADR 0026), anyone else in the body. */
async function html(response: Response, document: RequestState["document"]) {
  if (document?.response !== response) return response.text();
  const chunks: Buffer[] = [];
  for await (const chunk of document.body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}
/** "/eventi?q=x" → "/eventi.data?q=x": what Remix's client asks for on a client-side navigation. */
const dataUrl = (url: string) => url.replace(/^\/eventi/, "/eventi.data");
async function page(url: string) {
  // The context Forma's HTTP app gives (app/utils/http-app.server.ts): React's stream is read as the app pipes it.
  const forma: RequestState = {
    databaseUnavailable: false,
    cspNonce: "YmVuY2gtbm9uY2U=",
    documentRequest: !args.data,
  };
  const response = await handle(new Request(`http://127.0.0.1${args.data ? dataUrl(url) : url}`), { forma });
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  const text = await html(response, forma.document);
  bytes += Buffer.byteLength(text);
}
async function sql(url: string) {
  const { filters, page } = parseCatalogueSearch(new URL(url, "http://x").searchParams);
  await searchCatalogue(filters, page);
}

async function pass(run: (url: string) => Promise<void>): Promise<number> {
  const cpu0 = process.cpuUsage();
  for (const url of sequence) await run(url);
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / 1000 / sequence.length;
}

if (args["save-html"]) {
  // Every distinct page of the draw, once in each language (the forma_lang cookie, app/utils/locale.server.ts,
  // whose value Remix writes as base64 JSON).
  const pages: Record<string, string> = {};
  for (const url of [...new Set(sequence)]) {
    for (const lang of ["it", "en"]) {
      const forma: RequestState = {
        databaseUnavailable: false,
        cspNonce: "YmVuY2gtbm9uY2U=",
        documentRequest: !args.data,
      };
      const request = new Request(`http://127.0.0.1${args.data ? dataUrl(url) : url}`, {
        headers: { Cookie: `forma_lang=${encodeURIComponent(Buffer.from(JSON.stringify(lang)).toString("base64"))}` },
      });
      const response = await handle(request, { forma });
      pages[`${lang} ${url}`] = `${response.status}\n${await html(response, forma.document)}`;
    }
  }
  fs.writeFileSync(args["save-html"], JSON.stringify(pages));
  console.log(`${Object.keys(pages).length} pages written to ${args["save-html"]}`);
  process.exit(0);
}

const loadBefore = os.loadavg();
// Warm-up: JIT, the SQLite page cache, both statement caches.
for (const url of sequence.slice(0, 500)) {
  if (!args["sql-only"]) await page(url);
  if (!args["page-only"]) await sql(url);
}
const pageMs: number[] = [];
const sqlMs: number[] = [];
bytes = 0;
for (let p = 0; p < Number(args.passes); p++) {
  if (!args["sql-only"]) pageMs.push(await pass(page));
  if (!args["page-only"]) sqlMs.push(await pass(sql));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const f = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "–");
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
console.log(
  `build ${args.build}${args.data ? ", .data requests" : ""}, ${sequence.length} requests × ${args.passes} passes of the mix (${urls.length} searches, Zipf ${args.zipf}), load average before: ${load(loadBefore)}, after: ${load(os.loadavg())}`,
);
console.log(
  "| CPU ms per request | page (handler, no HTTP) | SQL (searchCatalogue) | page − SQL | HTML bytes per page |",
);
console.log("|---|---:|---:|---:|---:|");
const pages = pageMs.length * sequence.length;
console.log(
  `| median pass (passes: ${pageMs.map(f).join(", ") || "–"} / ${sqlMs.map(f).join(", ") || "–"}) | ${f(median(pageMs))} | ${f(median(sqlMs))} | ${f(median(pageMs) - median(sqlMs))} | ${pages ? Math.round(bytes / pages) : "–"} |`,
);
process.exit(0);
