// The catalogue's SQL on two SQLite databases in the same window (a schema or index change, ADR 0033):
// bench/catalogue.mjs's search mix (the same 1,500 searches, the same Zipf draw), each search's count and
// page (catalogueStatements, app/models/catalogue.server.ts) run on A and on B in turn, alternating which
// goes first, with the app's SQLite cache size. Prints this process's CPU ms per search for each database,
// for the whole draw and for its free-text searches. Check first that both give the same results
// (bench/catalogue-sql.ts --save on A, --compare on B).
// --a-live-count: A counts every search from the catalogue itself, as before ADR 0041 (a code change on one database:
// --a and --b may then name the same file). Also prints the unselective searches that B answers from
// "CatalogueCount" (catalogueCountKey) apart.
//
//   npx tsx bench/catalogue-sql-ab.ts --a bench/.tmp/before.db --b bench/.tmp/after.db [--requests 1500] [--now ISO]
import os from "node:os";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

const { values: args } = parseArgs({
  options: {
    a: { type: "string" },
    b: { type: "string" },
    requests: { type: "string", default: "1500" },
    now: { type: "string", default: new Date().toISOString() },
    searches: { type: "string", default: process.env.BENCH_SEARCHES ?? "1500" },
    seed: { type: "string", default: process.env.BENCH_SEED ?? "42" },
    zipf: { type: "string", default: process.env.BENCH_ZIPF ?? "0.9" },
    "a-live-count": { type: "boolean", default: false },
  },
});
if (!args.a || !args.b) throw new Error("--a and --b name the two database files");
process.env.NODE_ENV = "production";
process.env.DATABASE_URL ??= `file:${args.a}`;
const now = new Date(args.now);
const { readFixtures, CATALOGUE_URLS } = await import("./catalogue.mjs");
const { buildCatalogueSearches, zipfDraw } = await import("./lib/catalogue-searches.mjs");
const { parseCatalogueSearch } = await import("../app/domain/catalogue-filters.ts");
const { catalogueStatements, catalogueCountKey, textCountAndPage } = await import("../app/models/catalogue.server.ts");

const { vocabulary } = await readFixtures(`file:${args.a}`, now.getTime());
const urls: string[] = buildCatalogueSearches(vocabulary, {
  count: Number(args.searches),
  seed: Number(args.seed),
  headUrls: CATALOGUE_URLS,
});
const draw = zipfDraw(urls.length, Number(args.zipf), Number(args.seed) + 1);
const sequence = Array.from({ length: Number(args.requests) }, () => urls[draw()]!);

// As app/utils/sql.server.ts reads: $n parameters bound by name, the same cache size (64 MiB).
const open = (file: string) => {
  const db = new Database(file, { readonly: true });
  db.pragma("cache_size = -65536");
  return db;
};
const dbs = [open(args.a), open(args.b)];
const named = (params: unknown[]) => Object.fromEntries(params.map((p, i) => [`p${i + 1}`, p]));
const text = (sql: string) => sql.replace(/\$(\d+)/g, "@p$1");
type Variant = { liveCount: boolean };
function search(db: Database.Database, url: string, variant: Variant) {
  const { filters, page } = parseCatalogueSearch(new URL(url, "http://x").searchParams);
  const once = textCountAndPage(filters, page, { now, pageSize: 20 });
  if (once) return db.prepare(text(once.sql)).all(named(once.params));
  const statements = catalogueStatements(filters, page, { now, pageSize: 20, liveCount: variant.liveCount });
  const row = db.prepare(text(statements.count.sql)).get(named(statements.count.params)) as { total: number };
  if (statements.offset < Number(row.total)) db.prepare(text(statements.page.sql)).all(named(statements.page.params));
}
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

const loadBefore = os.loadavg();
const variants: Variant[] = [{ liveCount: Boolean(args["a-live-count"]) }, { liveCount: false }];
for (const url of sequence.slice(0, 300)) dbs.forEach((db, k) => search(db, url, variants[k]!));
const all = [0, 0];
const freeText = [0, 0];
const summarised = [0, 0];
let freeTextSearches = 0;
let summarisedSearches = 0;
sequence.forEach((url, i) => {
  const isText = /[?&]q=/.test(url);
  const isSummarised = catalogueCountKey(parseCatalogueSearch(new URL(url, "http://x").searchParams).filters) !== null;
  if (isText) freeTextSearches++;
  if (isSummarised) summarisedSearches++;
  for (const k of i % 2 ? [1, 0] : [0, 1]) {
    const t = cpuMs();
    search(dbs[k]!, url, variants[k]!);
    const ms = cpuMs() - t;
    all[k]! += ms;
    if (isText) freeText[k]! += ms;
    if (isSummarised) summarised[k]! += ms;
  }
});
const per = (ms: number, n: number) => (ms / n).toFixed(2);
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
console.log(`load average before: ${load(loadBefore)}, after: ${load(os.loadavg())}`);
console.log("| CPU ms per search | A | B |\n|---|---:|---:|");
console.log(
  `| the mix (${sequence.length} searches) | ${per(all[0]!, sequence.length)} | ${per(all[1]!, sequence.length)} |`,
);
console.log(
  `| its free-text searches (${freeTextSearches}) | ${per(freeText[0]!, freeTextSearches)} | ${per(freeText[1]!, freeTextSearches)} |`,
);
console.log(
  `| its unselective searches (no filter, one school level, one role or free seats alone: ${summarisedSearches}) | ${per(summarised[0]!, summarisedSearches)} | ${per(summarised[1]!, summarisedSearches)} |`,
);
console.log(
  `| CPU ms of the whole draw in those unselective searches | ${summarised[0]!.toFixed(0)} of ${all[0]!.toFixed(0)} | ${summarised[1]!.toFixed(0)} of ${all[1]!.toFixed(0)} |`,
);
