// PostgreSQL's free-seat condition, the event's "freeSeats" entry against the editions' EXISTS (ADR 0054), on the same
// database: every search of a saved mix (bench/catalogue-sql.ts --save) with free seats and a filter that no summary
// count answers (so that catalogueStatements' liveCount changes the seat condition alone), each statement EXPLAIN
// ANALYZEd in turn for both variants (the order alternating), --rounds times. Prints the mean over the searches of each
// search's median execution and planning time in the server, and the statement's shared buffers. No timing of the
// network or of Node: what the database does, less sensitive to the other processes of a shared machine than CPU totals.
//   DATABASE_URL=postgresql://…/forma_bench_catalogue npx tsx bench/catalogue-free-seats-ab.ts --urls saved.json [--now ISO] [--rounds 5]
import fs from "node:fs";
import { parseArgs } from "node:util";
import { parseCatalogueSearch } from "../app/domain/catalogue-filters.ts";
import { catalogueStatements } from "../app/models/catalogue.server.ts";
import { sqlRead } from "../app/utils/sql.server.ts";

const { values: args } = parseArgs({
  options: {
    urls: { type: "string" },
    now: { type: "string", default: "2026-12-02T12:00:00Z" },
    rounds: { type: "string", default: "5" },
  },
});
if (!args.urls) throw new Error("--urls <file saved by bench/catalogue-sql.ts --save> is required");
const saved = JSON.parse(fs.readFileSync(args.urls, "utf8")) as { url: string }[];
const now = new Date(args.now);
const searches = [...new Set(saved.map((s) => s.url))]
  .map((url) => parseCatalogueSearch(new URL(url, "http://x").searchParams))
  .filter(({ filters: f }) => f.freeSeats && (f.q || f.type || f.region || f.level || f.mode || f.from || f.to));
const rounds = Number(args.rounds);
const res = { editions: { exec: 0, plan: 0, buf: 0 }, entries: { exec: 0, plan: 0, buf: 0 } };
for (const { filters, page } of searches) {
  const runs: Record<string, { exec: number[]; plan: number[]; buf: number }> = {
    editions: { exec: [], plan: [], buf: 0 },
    entries: { exec: [], plan: [], buf: 0 },
  };
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? ["editions", "entries"] : ["entries", "editions"];
    for (const v of order) {
      const st = catalogueStatements(filters, page, { now, pageSize: 20, liveCount: v === "editions" }).countAndPage;
      const rows = await sqlRead<{ "QUERY PLAN": string }>(
        `EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) ${st.sql}`,
        ...st.params,
      );
      const text = rows.map((x) => x["QUERY PLAN"]).join("\n");
      runs[v]!.exec.push(Number(/Execution Time: ([\d.]+)/.exec(text)![1]));
      runs[v]!.plan.push(Number(/Planning Time: ([\d.]+)/.exec(text)![1]));
      runs[v]!.buf += Number(/Buffers: shared hit=(\d+)/.exec(text)?.[1] ?? 0);
    }
  }
  const med = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  for (const v of ["editions", "entries"] as const) {
    res[v].exec += med(runs[v]!.exec);
    res[v].plan += med(runs[v]!.plan);
    res[v].buf += runs[v]!.buf / rounds;
  }
}
const n = searches.length;
for (const v of ["editions", "entries"] as const) {
  console.log(
    `${v}: ${n} free-seat searches with other filters, median per search: execution ${(res[v].exec / n).toFixed(2)} ms, planning ${(res[v].plan / n).toFixed(2)} ms, shared buffers ${(res[v].buf / n).toFixed(0)}`,
  );
}
process.exit(0);
