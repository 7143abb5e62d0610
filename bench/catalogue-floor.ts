// The bare floor of a catalogue search (issue 17 items 2 and 4): plain node:http, no framework, one
// process per core (node:cluster) like `npm start`, doing what the catalogue's GET /eventi does at its
// core on the same database:
//   1. the URL's filters read by the domain's parseCatalogueSearch (app/domain/catalogue-filters.ts);
//   2. Forma's own search, searchCatalogue (app/models/catalogue.server.ts: the same SQL, the same
//      count, the same page of 20 cards, the same database connections and caches);
//   3. the page's cards and pager as Forma writes them (eventCardHtml, paginationListHtml: the strings
//      its server render inserts, ADR 0046) in a bare HTML document, compressed whole like Forma's pages
//      when the request asks for it (compressWhole, app/utils/response-compression.server.ts).
// What Forma adds on top (Express, Remix's handler and router, React's render of the whole page with
// its header, filters form and scripts, the security headers, the request log) is what the
// `Forma / floor` lines of bench/run-catalogue-bench.sh measure. Any other path answers 200 "ok"
// (readiness). Started by that script (node --import tsx bench/catalogue-floor.ts) with DATABASE_URL,
// PORT, HOST and WEB_CONCURRENCY (default: one worker per core).
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import { eventCardHtml } from "../app/components/catalogue/event-card.tsx";
import { paginationListHtml } from "../app/components/catalogue/pagination.tsx";
import { CATALOGUE_PAGE_SIZE, parseCatalogueSearch } from "../app/domain/catalogue-filters.ts";
import { translator } from "../app/i18n/i18n.tsx";
import { searchCatalogue } from "../app/models/catalogue.server.ts";
import { compressWhole, COMPRESSION_THRESHOLD_BYTES } from "../app/utils/response-compression.server.ts";

const workers = Number(process.env.WEB_CONCURRENCY || os.availableParallelism());
const port = Number(process.env.PORT ?? 3490);
const host = process.env.HOST ?? "127.0.0.1";
const t = translator("it");

async function cataloguePage(url: URL): Promise<string> {
  const { filters, page } = parseCatalogueSearch(url.searchParams);
  const result = await searchCatalogue(filters, page, { pageSize: CATALOGUE_PAGE_SIZE });
  const cards = result.events.map((event) => `<li class="col">${eventCardHtml(event, t, "it")}</li>`).join("");
  const pager = paginationListHtml({ filters, page, pageCount: result.pageCount }, t);
  return `<!DOCTYPE html><html lang="it"><head><meta charset="utf-8"><title>Eventi di formazione</title></head>
<body><main><h1>Eventi di formazione</h1><p>${result.total} eventi</p><ol class="list-unstyled row">${cards}</ol>
<nav aria-label="Pagine">${pager}</nav></main></body></html>`;
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://floor");
  if (url.pathname !== "/eventi") {
    res.end("ok");
    return;
  }
  let body: Buffer = Buffer.from(await cataloguePage(url));
  const headers: http.OutgoingHttpHeaders = { "content-type": "text/html; charset=utf-8", vary: "Accept-Encoding" };
  const accepts = String(req.headers["accept-encoding"] ?? "");
  const encoding = /\bbr\b/.test(accepts) ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : null;
  if (encoding && body.length >= COMPRESSION_THRESHOLD_BYTES) {
    body = compressWhole(body, encoding);
    headers["content-encoding"] = encoding;
  }
  headers["content-length"] = body.length;
  res.writeHead(200, headers);
  res.end(body);
}

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
      process.exit(0);
    });
} else {
  http
    .createServer((req, res) => {
      handle(req, res).catch((error: unknown) => {
        console.error(error);
        res.statusCode = 500;
        res.end();
      });
    })
    .listen(port, host);
}
