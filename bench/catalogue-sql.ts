// The catalogue's SQL per search shape (issue 17.2): every distinct search of bench/catalogue.mjs's
// search mix (the same 1,500 URLs, built by bench/lib/catalogue-searches.mjs from the database's
// own events, seed 42) run in-process through searchCatalogue (the count and the page statements,
// app/models/catalogue.server.ts), without HTTP or rendering. Prints, per search shape (free text,
// each filter, the number of filters, page depth, and each exact combination), the median, p95 and
// max ms per search and the total, and the mix's mean weighted by its Zipf draw (what the SQL
// costs per request of bench/catalogue.mjs's catalogue-search-mix).
//
//   DATABASE_URL=file:/tmp/national.db npx tsx bench/catalogue-sql.ts [options]
//   DATABASE_URL=postgresql://…/forma_bench npx tsx bench/catalogue-sql.ts --db-pid <postmaster pid> [options]
//
// What is measured: each search runs once to warm the caches, then --repeat times (passes over all
// searches in turn, so noise from other processes spreads evenly); a search's figure is the median
// of its runs. On SQLite the SQL runs in this process: the figure is this process's CPU time
// (process.cpuUsage, user + system), which other processes competing for the CPUs do not inflate.
// On PostgreSQL it is the wall time of the round trips (ms), and with --db-pid the database server's
// CPU time (its backends, from /proc) is added up per shape.
// Options:
//   --now ISO            the instant the searches run at (default: now). Fix it to compare runs.
//   --repeat N           timed passes (default 3)
//   --searches N --seed N --zipf S   as BENCH_SEARCHES / BENCH_SEED / BENCH_ZIPF of bench/catalogue.mjs
//   --urls FILE          the searches saved by --save (the same URLs on another engine or database)
//   --save FILE          writes every search's URL, total and page of event ids (JSON)
//   --compare FILE       fails (exit 1) if any search's total or page differs from FILE's
//   --only REGEX         only the URLs that match
//   --explain N          prints the plan of the count and page statements of the N costliest searches
//   --plans FILE         writes every search's plans (count and page, without timings) as JSON, so two
//                        variants' plans can be compared shape by shape (bench/catalogue-plans.ts)
//   --worst N            lists the N costliest searches (default 15)
//   --live-count         every count from the catalogue itself, as before ADR 0041 (not from "CatalogueCount")
//   --cache-kib N        SQLite: the direct connection's page cache in KiB instead of the app's (ADR 0053); the
//                        process's memory (RSS, heap, external) is printed at the end either way
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { percentile } from "./lib/servers.ts";

const { values: args } = parseArgs({
  options: {
    now: { type: "string" },
    repeat: { type: "string", default: "3" },
    searches: { type: "string", default: process.env.BENCH_SEARCHES ?? "1500" },
    seed: { type: "string", default: process.env.BENCH_SEED ?? "42" },
    zipf: { type: "string", default: process.env.BENCH_ZIPF ?? "0.9" },
    urls: { type: "string" },
    save: { type: "string" },
    compare: { type: "string" },
    only: { type: "string" },
    explain: { type: "string", default: "0" },
    worst: { type: "string", default: "15" },
    plans: { type: "string" },
    "db-pid": { type: "string" },
    "live-count": { type: "boolean", default: false },
    "cache-kib": { type: "string" },
  },
});

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl)
  throw new Error("DATABASE_URL names the database to search (scale data: scripts/generate-scale-data.ts)");
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
const now = args.now ? new Date(args.now) : new Date();
if (Number.isNaN(now.getTime())) throw new Error(`--now ${args.now}: not a date`);
const repeat = Math.max(1, Number(args.repeat));
const zipf = Number(args.zipf);

const { readFixtures, CATALOGUE_URLS } = await import("./catalogue.mjs");
const { buildCatalogueSearches } = await import("./lib/catalogue-searches.mjs");
const { cpuMsOf, processTree } = await import("./lib/process-stats.mjs");
const { parseCatalogueSearch, CATALOGUE_PAGE_SIZE } = await import("../app/domain/catalogue-filters.ts");
const { catalogueStatements, searchCatalogue, textCountAndPage } = await import("../app/models/catalogue.server.ts");
const { databaseEngine } = await import("../app/utils/db.server.ts");
const { sqlRead } = await import("../app/utils/sql.server.ts");

type Saved = { url: string; total: number; ids: string[] };

// The searches: the mix's own (built from this database's events), or a saved list.
let urls: string[];
if (args.urls) {
  urls = (JSON.parse(fs.readFileSync(args.urls, "utf8")) as Saved[]).map((s) => s.url);
} else {
  const { vocabulary } = await readFixtures(databaseUrl, now.getTime());
  urls = buildCatalogueSearches(vocabulary, {
    count: Number(args.searches),
    seed: Number(args.seed),
    headUrls: CATALOGUE_URLS,
  });
}
const rank = new Map(urls.map((u, i) => [u, i]));
if (args.only) {
  const only = new RegExp(args.only);
  urls = urls.filter((u) => only.test(u));
}

type Search = {
  url: string;
  filters: ReturnType<typeof parseCatalogueSearch>["filters"];
  page: number;
  /** Zipf weight of the search's rank in the mix: how often bench/catalogue.mjs asks for it. */
  weight: number;
  ms: number[];
  dbMs: number;
  /** This process's CPU over the timed runs (on PostgreSQL: the driver, the statement text and the mapping). */
  cpuMs: number;
  total: number;
  ids: string[];
};

const searches: Search[] = urls.map((url) => {
  const { filters, page } = parseCatalogueSearch(new URL(url, "http://x").searchParams);
  return {
    url,
    filters,
    page,
    weight: 1 / Math.pow(rank.get(url)! + 1, zipf),
    ms: [],
    dbMs: 0,
    cpuMs: 0,
    total: 0,
    ids: [],
  };
});

// The PostgreSQL server's processes (the postmaster's children: the pool's backends among them).
let dbPids: number[] = [];
const dbCpuMs = () => (dbPids.length ? cpuMsOf(dbPids) : 0);

async function runOnce(s: Search, timed: boolean) {
  const db0 = timed ? dbCpuMs() : 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await searchCatalogue(s.filters, s.page, { now, liveCount: args["live-count"] });
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (!timed) {
    s.total = result.total;
    s.ids = result.events.map((e) => e.id);
    return;
  }
  s.dbMs += dbCpuMs() - db0;
  s.cpuMs += (cpu.user + cpu.system) / 1000;
  s.ms.push(databaseEngine === "sqlite" ? (cpu.user + cpu.system) / 1000 : wall);
}

if (args["cache-kib"] && databaseEngine === "sqlite") {
  await sqlRead("SELECT 1"); // the app sets its own cache size on the first read
  const { sqliteDirect } = await import("../app/utils/sqlite-direct.server.ts");
  sqliteDirect().pragma(`cache_size = -${Number(args["cache-kib"])}`);
}
const loadBefore = os.loadavg();
const started = Date.now();
for (const s of searches) await runOnce(s, false);
const dbPid = args["db-pid"] ?? process.env.BENCH_DB_PID;
if (dbPid && databaseEngine === "postgresql") dbPids = processTree(dbPid).slice(1);
for (let r = 0; r < repeat; r++) for (const s of searches) await runOnce(s, true);
const loadAfter = os.loadavg();

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const costOf = (s: Search) => median(s.ms);

// Shapes: which filters a search uses, how many words its free text has, how deep its page is.
const FILTER_NAMES = [
  "q",
  "type",
  "region",
  "level",
  "schoolLevel",
  "mode",
  "role",
  "freeSeats",
  "from",
  "to",
] as const;
const active = (s: Search) => FILTER_NAMES.filter((n) => s.filters[n] !== undefined && s.filters[n] !== false);
const depth = (s: Search) => (s.page === 1 ? "page 1" : s.page <= 5 ? "pages 2-5" : "page > 5");
const { searchWords } = await import("../app/domain/catalogue-filters.ts");

type Group = { name: string; members: Search[] };
function group(name: string, pick: (s: Search) => boolean): Group {
  return { name, members: searches.filter(pick) };
}
const features: Group[] = [
  group("all searches", () => true),
  group("no filter", (s) => active(s).length === 0),
  group("free text (any)", (s) => s.filters.q !== undefined),
  group("free text, 1 word", (s) => searchWords(s.filters.q).length === 1),
  group("free text, 2+ words", (s) => searchWords(s.filters.q).length >= 2),
  group("free text with a word < 3 chars", (s) => searchWords(s.filters.q).some((w) => [...w].length < 3)),
  group("free text alone", (s) => active(s).join() === "q"),
  ...FILTER_NAMES.filter((n) => n !== "q").map((n) => group(`${n} (with anything)`, (s) => active(s).includes(n))),
  ...FILTER_NAMES.filter((n) => n !== "q").map((n) => group(`${n} alone`, (s) => active(s).join() === n)),
  group("1 filter", (s) => active(s).length === 1),
  group("2 filters", (s) => active(s).length === 2),
  group("3 filters", (s) => active(s).length === 3),
  group("4+ filters", (s) => active(s).length >= 4),
  group("page 1", (s) => s.page === 1),
  group("pages 2-5", (s) => s.page > 1 && s.page <= 5),
  group("page > 5 (deep)", (s) => s.page > 5),
  group("no result", (s) => s.total === 0),
  group("1-20 results", (s) => s.total > 0 && s.total <= 20),
  group("21-1,000 results", (s) => s.total > 20 && s.total <= 1000),
  group("> 1,000 results", (s) => s.total > 1000),
];
const shapes = new Map<string, Search[]>();
for (const s of searches) {
  const key = `${active(s).join("+") || "(none)"} · ${depth(s)}`;
  shapes.set(key, [...(shapes.get(key) ?? []), s]);
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "–");
const unit = databaseEngine === "sqlite" ? "CPU ms" : "ms";
const withDb = dbPids.length > 0;
function row(name: string, members: Search[]) {
  const costs = members.map(costOf).sort((a, b) => a - b);
  const total = costs.reduce((a, b) => a + b, 0);
  const totals = members.map((s) => s.total).sort((a, b) => a - b);
  const db = withDb ? ` ${fmt(members.reduce((a, s) => a + s.dbMs, 0) / repeat / members.length)} |` : "";
  return `| ${name} | ${members.length} | ${fmt(median(costs))} | ${fmt(percentile(costs, 95))} | ${fmt(costs[costs.length - 1] ?? NaN)} | ${fmt(total)} |${db} ${median(totals)} |`;
}
const header = (first: string) =>
  `| ${first} | searches | median ${unit} | p95 | max | total |${withDb ? " database CPU ms/search |" : ""} median results |\n|---|---:|---:|---:|---:|---:|${withDb ? "---:|" : ""}---:|`;

const weightSum = searches.reduce((a, s) => a + s.weight, 0);
const weighted = searches.reduce((a, s) => a + s.weight * costOf(s), 0) / weightSum;
console.log(
  `# Catalogue SQL per search shape — ${databaseEngine}, ${searches.length} searches, ${repeat} timed passes, now ${now.toISOString()}`,
);
console.log(
  `${os.cpus().length} CPUs, Node ${process.version}; load average before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(" ")}; ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
console.log(
  `Per search: the median of its timed runs of searchCatalogue (count + page of ${CATALOGUE_PAGE_SIZE}), in ${unit}${databaseEngine === "sqlite" ? " of this process" : " (wall, round trips included)"}.`,
);
console.log(
  `Mix mean weighted by the Zipf ${zipf} draw (bench/catalogue.mjs's catalogue-search-mix): ${fmt(weighted)} ${unit} per request; unweighted mean ${fmt(searches.reduce((a, s) => a + costOf(s), 0) / searches.length)}.\n`,
);
if (databaseEngine === "postgresql") {
  const perSearch = (pick: (s: Search) => number, w: (s: Search) => number) =>
    searches.reduce((a, s) => a + w(s) * (pick(s) / repeat), 0) / searches.reduce((a, s) => a + w(s), 0);
  const weightOf = (s: Search) => s.weight;
  const one = () => 1;
  console.log(
    `CPU per search, mean weighted by the Zipf draw (unweighted): this process ${fmt(perSearch((s) => s.cpuMs, weightOf))} ms (${fmt(perSearch((s) => s.cpuMs, one))})${withDb ? `, database ${fmt(perSearch((s) => s.dbMs, weightOf))} ms (${fmt(perSearch((s) => s.dbMs, one))})` : ""}.\n`,
  );
}
console.log(header("shape"));
for (const g of features) if (g.members.length) console.log(row(g.name, g.members));
console.log(`\n${header("exact combination · page")}`);
const byTotal = [...shapes.entries()].sort(
  (a, b) => b[1].reduce((x, s) => x + costOf(s), 0) - a[1].reduce((x, s) => x + costOf(s), 0),
);
for (const [name, members] of byTotal.slice(0, 40)) console.log(row(name, members));
if (byTotal.length > 40) {
  const rest = byTotal.slice(40).flatMap(([, m]) => m);
  console.log(row(`${byTotal.length - 40} other combinations`, rest));
}

const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
const memory = process.memoryUsage();
console.log(
  `\nMemory after the timed passes${args["cache-kib"] ? ` (page cache ${args["cache-kib"]} KiB)` : ""}: RSS ${mib(memory.rss)} MiB, heap used ${mib(memory.heapUsed)} of ${mib(memory.heapTotal)} MiB, external ${mib(memory.external)} MiB (array buffers ${mib(memory.arrayBuffers)}).`,
);

const worst = [...searches].sort((a, b) => costOf(b) - costOf(a));
console.log(`\nCostliest searches (${unit}, results):`);
for (const s of worst.slice(0, Number(args.worst))) console.log(`- ${fmt(costOf(s))}  ${s.total}  ${s.url}`);

// What the weighted mean is made of: the searches whose weight × cost is largest (the mix's head).
const shares = [...searches].sort((a, b) => b.weight * costOf(b) - a.weight * costOf(a));
console.log(`\nLargest shares of the weighted mean (ms of the mean, CPU ms, results):`);
for (const s of shares.slice(0, Number(args.worst)))
  console.log(`- ${fmt((s.weight * costOf(s)) / weightSum)}  ${fmt(costOf(s))}  ${s.total}  ${s.url}`);

/**
 * The plan of each statement a search runs, one string per plan line: its count and (when it runs) page, or on
 * SQLite a free-text search's one statement (ADR 0040).
 */
async function plansOf(s: Search, explain: string) {
  const st = catalogueStatements(s.filters, s.page, { now, pageSize: CATALOGUE_PAGE_SIZE });
  const once = textCountAndPage(s.filters, s.page, { now, pageSize: CATALOGUE_PAGE_SIZE });
  const plans: Record<string, string[]> = {};
  const statements = once
    ? ([["count and page", once]] as const)
    : ([
        ["count", st.count],
        ["page", st.page],
      ] as const);
  for (const [name, statement] of statements) {
    if (name === "page" && st.offset >= s.total) continue;
    const rows = await sqlRead<Record<string, unknown>>(explain + statement.sql, ...statement.params);
    plans[name] = rows.map((r) => String(r.detail ?? r["QUERY PLAN"]));
  }
  return plans;
}

for (const s of worst.slice(0, Number(args.explain))) {
  console.log(`\n## Plan: ${s.url} (${fmt(costOf(s))} ${unit}, ${s.total} results)`);
  const explain = databaseEngine === "sqlite" ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, COSTS OFF, BUFFERS) ";
  for (const [name, lines] of Object.entries(await plansOf(s, explain))) {
    console.log(`${name}:`);
    for (const line of lines) console.log(`    ${line}`);
  }
}
if (args.plans) {
  const explain = databaseEngine === "sqlite" ? "EXPLAIN QUERY PLAN " : "EXPLAIN (COSTS OFF) ";
  const all: { url: string; shape: string; ms: number; plans: Record<string, string[]> }[] = [];
  for (const s of searches) {
    const shape = `${active(s).join("+") || "(none)"} · ${depth(s)}`;
    all.push({ url: s.url, shape, ms: costOf(s), plans: await plansOf(s, explain) });
  }
  fs.writeFileSync(args.plans, JSON.stringify(all, null, 1));
}

const saved: Saved[] = searches.map((s) => ({ url: s.url, total: s.total, ids: s.ids }));
if (args.save) fs.writeFileSync(args.save, JSON.stringify(saved, null, 1));
if (args.compare) {
  const reference = new Map((JSON.parse(fs.readFileSync(args.compare, "utf8")) as Saved[]).map((s) => [s.url, s]));
  let differ = 0;
  let compared = 0;
  for (const s of saved) {
    const ref = reference.get(s.url);
    if (!ref) continue;
    compared++;
    if (ref.total !== s.total || ref.ids.join() !== s.ids.join()) {
      differ++;
      if (differ <= 10)
        console.log(`DIFFERS ${s.url}: ${ref.total} → ${s.total}; page ${ref.ids.join()} → ${s.ids.join()}`);
    }
  }
  console.log(`\nCompared with ${args.compare}: ${compared} searches, ${differ} differ.`);
  if (differ > 0 || compared === 0) process.exitCode = 1;
}
process.exit();
