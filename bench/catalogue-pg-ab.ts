// The catalogue's PostgreSQL statement in two variants in the same window (ADR 0058): bench/catalogue.mjs's search
// mix (the same 1,500 searches, the same Zipf draw), each search's one statement (searchCatalogue's, through
// catalogueStatements' countAndPage or textCountAndPage) run by variant A and variant B in turn, alternating which
// goes first, each variant on its own connection (a pool of one, as the app's pool builds it). Prints, per variant,
// the database backend's CPU per search (from /proc/<pid>/schedstat, nanoseconds) and this process's, for the whole
// draw and per group of searches. Check the results first with bench/catalogue-sql.ts --compare.
//
//   DATABASE_URL=postgresql://…/forma_bench_catalogue npx tsx bench/catalogue-pg-ab.ts --a unnamed --b named \
//     [--requests 1500] [--now ISO] [--rounds 2]
// A variant is a comma-separated list of:
//   unnamed | named          an unnamed statement (parsed and planned on every call) or a named one (prepared once
//                            per connection)
//   custom | generic | auto  the connection's plan_cache_mode (default auto)
//   set:NAME=VALUE           any other setting of the variant's connection (e.g. set:work_mem=8MB)
//   env:NAME=VALUE           an environment variable set while the variant's statement is built (scratch switches)
//   socket:DIR               connect through the Unix socket in DIR (the server's unix_socket_directories, e.g.
//                            /tmp/forma-postgres-54351 for scripts/throwaway-postgres.sh) instead of DATABASE_URL's host
//   spread:N                 N connections, each search on the next one in turn (as a pool of N whose connections are all
//                            in use spreads a closed loop's searches), instead of one; their CPU is added up
// --gap-ms N: a pause of N ms before each search (default 0, back to back), so each one finds its backend and this
// process asleep, as a lone request does in an evenly spaced open loop (ADR 0063).
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    a: { type: "string", default: "unnamed" },
    b: { type: "string", default: "named" },
    requests: { type: "string", default: "1500" },
    rounds: { type: "string", default: "1" },
    "gap-ms": { type: "string", default: "0" },
    now: { type: "string", default: "2026-12-02T08:00:00Z" },
    searches: { type: "string", default: process.env.BENCH_SEARCHES ?? "1500" },
    seed: { type: "string", default: process.env.BENCH_SEED ?? "42" },
    zipf: { type: "string", default: process.env.BENCH_ZIPF ?? "0.9" },
  },
});
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl?.startsWith("postgres")) throw new Error("DATABASE_URL names a PostgreSQL database (scale data)");
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.DATABASE_HOT_POOL_SIZE = "1";
const now = new Date(args.now);

const { catalogueMix } = await import("./lib/catalogue-mix.ts");
const { parseCatalogueSearch, CATALOGUE_PAGE_SIZE, searchWords } = await import("../app/domain/catalogue-filters.ts");
const { catalogueStatements, catalogueCountKey } = await import("../app/models/catalogue.server.ts");
const { newPlainPool } = await import("../app/utils/pg-pool.server.ts");
const { statementName } = await import("../app/utils/sql.server.ts");

const { sequence } = await catalogueMix(databaseUrl, {
  now,
  searches: Number(args.searches),
  seed: Number(args.seed),
  zipf: Number(args.zipf),
  requests: Number(args.requests),
});

type Variant = {
  spec: string;
  named: boolean;
  env: [string, string][];
  pools: ReturnType<typeof newPlainPool>[];
  backends: number[];
  turn: number;
};
async function variantOf(spec: string): Promise<Variant> {
  const parts = spec.split(",").filter(Boolean);
  const settings: string[] = [];
  const env: [string, string][] = [];
  let named = false;
  let url = databaseUrl!;
  let spread = 1;
  for (const part of parts) {
    if (part === "named") named = true;
    else if (part === "unnamed") named = false;
    else if (part === "custom") settings.push("plan_cache_mode = force_custom_plan");
    else if (part === "generic") settings.push("plan_cache_mode = force_generic_plan");
    else if (part === "auto") settings.push("plan_cache_mode = auto");
    else if (part.startsWith("set:")) settings.push(part.slice(4).replace("=", " = "));
    else if (part.startsWith("env:")) env.push(part.slice(4).split("=") as [string, string]);
    else if (part.startsWith("spread:")) spread = Number(part.slice(7));
    else if (part.startsWith("socket:")) {
      const u = new URL(url);
      u.searchParams.set("host", part.slice(7));
      url = u.toString();
    } else throw new Error(`unknown variant part: ${part}`);
  }
  const pools = Array.from({ length: spread }, () => newPlainPool(url, spec));
  const backends: number[] = [];
  for (const pool of pools) {
    for (const s of settings) await pool.query(`SET ${s}`);
    backends.push(Number((await pool.query("SELECT pg_backend_pid() AS pid")).rows[0].pid));
  }
  return { spec, named, env, pools, backends, turn: 0 };
}

function statementOf(v: Variant, url: string) {
  const saved = v.env.map(([k]) => [k, process.env[k]] as const);
  for (const [k, value] of v.env) process.env[k] = value;
  try {
    const { filters, page } = parseCatalogueSearch(new URL(url, "http://x").searchParams);
    return catalogueStatements(filters, page, { now, pageSize: CATALOGUE_PAGE_SIZE }).countAndPage;
  } finally {
    for (const [k, value] of saved) {
      if (value === undefined) delete process.env[k];
      else process.env[k] = value;
    }
  }
}

async function run(v: Variant, url: string) {
  const s = statementOf(v, url);
  const query =
    v.named && !s.unnamed
      ? { name: statementName(s.sql), text: s.sql, values: s.params }
      : { text: s.sql, values: s.params };
  const pool = v.pools[v.turn++ % v.pools.length]!;
  const rows = (await pool.query(query)).rows as { total: string; id: string | null }[];
  return `${rows[0]?.total}:${rows.map((r) => r.id).join(",")}`;
}

/** The backends' CPU time in ms (schedstat: nanoseconds on the CPU). */
const backendMs = (pids: number[]) =>
  pids.reduce((ms, pid) => ms + Number(fs.readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]) / 1e6, 0);
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

function groupOf(url: string): string {
  const { filters } = parseCatalogueSearch(new URL(url, "http://x").searchParams);
  if (catalogueCountKey(filters) !== null) return "summary count";
  const text = searchWords(filters.q).length > 0;
  const joins = Boolean(filters.schoolLevel || filters.role || filters.freeSeats);
  if (text && joins) return "free text + audience/seats";
  if (text) return "free text";
  if (joins) return "audience/seats";
  return "event columns only";
}

const variants = [await variantOf(args.a!), await variantOf(args.b!)];
// Warm-up: every distinct search of the draw once per variant (and past the 5 custom plans of a named statement).
const distinct = [...new Set(sequence)];
for (let i = 0; i < 6; i++) for (const url of distinct) for (const v of variants) await run(v, url);
for (const url of distinct) {
  const [a, b] = [await run(variants[0]!, url), await run(variants[1]!, url)];
  if (a !== b) throw new Error(`${url}: A and B differ (${a} / ${b})`);
}

const loadBefore = os.loadavg();
const sums = new Map<string, { n: number; db: [number, number]; node: [number, number] }>();
const add = (group: string, k: number, db: number, node: number) => {
  const s = sums.get(group) ?? { n: 0, db: [0, 0], node: [0, 0] };
  if (k === 0) s.n++;
  s.db[k]! += db;
  s.node[k]! += node;
  sums.set(group, s);
};
const groups = new Map(distinct.map((u) => [u, groupOf(u)]));
const gapMs = Number(args["gap-ms"]);
const pause = () => new Promise((resolve) => setTimeout(resolve, gapMs));
for (let round = 0; round < Number(args.rounds); round++) {
  for (const [i, url] of sequence.entries()) {
    for (const k of (i + round) % 2 ? [1, 0] : [0, 1]) {
      const v = variants[k]!;
      if (gapMs > 0) await pause();
      const [d0, c0] = [backendMs(v.backends), cpuMs()];
      await run(v, url);
      const [db, node] = [backendMs(v.backends) - d0, cpuMs() - c0];
      add("the mix", k, db, node);
      add(groups.get(url)!, k, db, node);
    }
  }
}
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
console.log(
  `A = ${variants[0]!.spec}, B = ${variants[1]!.spec}; ${sequence.length} searches × ${args.rounds} rounds, ${gapMs} ms before each`,
);
console.log(`load average before: ${load(loadBefore)}, after: ${load(os.loadavg())}`);
console.log("| CPU ms per search | searches | database A | database B | this process A | this process B |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const [group, s] of [...sums.entries()].sort((x, y) => y[1].n - x[1].n)) {
  const f = (ms: number) => (ms / s.n).toFixed(3);
  console.log(`| ${group} | ${s.n} | ${f(s.db[0])} | ${f(s.db[1])} | ${f(s.node[0])} | ${f(s.node[1])} |`);
}
// Each backend's memory (its contexts, named statements' plans included) goes to the server's log.
for (const pid of variants.flatMap((v) => v.backends))
  await variants[0]!.pools[0]!.query("SELECT pg_log_backend_memory_contexts($1)", [pid]);
console.log(`backends (memory contexts in the server log): A ${variants[0]!.backends}, B ${variants[1]!.backends}`);
await Promise.all(variants.flatMap((v) => v.pools.map((p) => p.end())));
