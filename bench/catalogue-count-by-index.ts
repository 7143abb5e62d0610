// ADR 0049's option (b) on SQLite: each unselective count as the summary reads it (catalogueSummaryCount: the per-day
// counts, plus today's entries) against counting "CatalogueEntry" by its index alone (no "CatalogueCount"), in this
// process (CPU ms per statement, the app's cache size), on the national data of bench/catalogue.mjs.
//
//   npx tsx bench/catalogue-count-by-index.ts --db bench/.tmp/catalogue-bench.db [--now ISO] [--runs 300]
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

const { values: args } = parseArgs({
  options: {
    db: { type: "string" },
    now: { type: "string", default: "2026-12-01T12:00:00Z" },
    runs: { type: "string", default: "300" },
  },
});
if (!args.db) throw new Error("--db names the SQLite database (bench/catalogue.mjs's national data)");
process.env.DATABASE_URL ??= `file:${args.db}`;
const { catalogueSummaryCount } = await import("../app/models/catalogue.server.ts");
const { loadAverage } = await import("./lib/servers.ts");

const db = new Database(args.db, { readonly: true });
db.pragma("cache_size = -65536");
const now = new Date(args.now);
const text = (sql: string) => sql.replace(/\$(\d+)/g, "@p$1");
const summary = catalogueSummaryCount("", now);
// The same statement with the days after today counted from the entries' index instead of summed from the counts.
const byIndexSql = summary.sql.replace(
  /SELECT COALESCE\(SUM\(cc\."n"\), 0\) FROM "CatalogueCount" cc WHERE cc\."key" = \$1 AND cc\."day" > \$2/,
  `SELECT COUNT(*) FROM "CatalogueEntry" cc WHERE cc."key" = $1 AND cc."day" > $2`,
);
if (byIndexSql === summary.sql) throw new Error("catalogueSummaryCount's statement changed: update this bench");
const statements = { summary: db.prepare(text(summary.sql)), "entries by index": db.prepare(text(byIndexSql)) };

console.log(`load average: ${loadAverage()}`);
for (const key of ["", "freeSeats", "schoolLevel:primaria", "role:docente"]) {
  const params = Object.fromEntries(catalogueSummaryCount(key, now).params.map((p, i) => [`p${i + 1}`, p]));
  const cells = Object.entries(statements).map(([name, statement]) => {
    const { total } = statement.get(params) as { total: number };
    const start = process.cpuUsage();
    for (let i = 0; i < Number(args.runs); i++) statement.get(params);
    const cpu = process.cpuUsage(start);
    return `${name} ${((cpu.user + cpu.system) / 1000 / Number(args.runs)).toFixed(3)} ms (${total})`;
  });
  console.log(`"${key}": ${cells.join(" | ")}`);
}
