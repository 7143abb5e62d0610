// The dashboard's views on national volume (issue 16.3): a fresh database filled by the scale-data
// generator with --activity (teachers, events, enrolments, waitlists, registers, certificates and
// questionnaire answers), then each view's loader work (guard, counts, figures and tables:
// loadDashboardView) timed cold (cache cleared before every run) and warm (served from the
// five-minute cache). Target: under 300 ms per view, cold, on both engines.
//
//   npx tsx bench/dashboard-bench.ts [--teachers 100000] [--events 10000] [--per-edition 40] [--rounds 5]
//   npx tsx bench/dashboard-bench.ts --engine postgresql --pg-url postgresql://…   (its own new database, dropped at the end)
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { freshDatabase } from "./lib/fresh-database.ts";
import { percentile } from "./lib/servers.ts";

const { values: args } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    "pg-url": { type: "string" },
    teachers: { type: "string", default: "100000" },
    events: { type: "string", default: "10000" },
    "per-edition": { type: "string", default: "40" },
    rounds: { type: "string", default: "5" },
  },
});
const engine = args.engine === "postgresql" || args["pg-url"] ? "postgresql" : "sqlite";
const databaseUrl = await freshDatabase(engine, args["pg-url"]);
process.env.DATABASE_URL = databaseUrl;
process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.NODE_ENV = "production";
process.env.APP_ORIGIN ??= "https://forma.example.it";

const { generateScaleData, parseOptions } = await import("../scripts/generate-scale-data.ts");
const { prisma } = await import("../app/utils/db.server.ts");
const { createUserSession } = await import("../app/utils/auth.server.ts");
const { clearDashboardCache } = await import("../app/models/dashboard.server.ts");
const { loadDashboardView } = await import("../app/models/dashboard-view.server.ts");

const rounds = Number(args.rounds);
const from = "2026-09-01";
console.log(`# Dashboard views — ${engine}, ${os.cpus().length} CPU, Node ${process.version}`);
const options = parseOptions([
  "--teachers",
  args.teachers!,
  "--events",
  args.events!,
  "--from",
  from,
  "--per-edition",
  args["per-edition"]!,
  "--activity",
]);
const generated = await generateScaleData(options);
console.log(
  `Scale data in ${(generated.totalMs / 1000).toFixed(1)} s: ` +
    Object.entries(generated.counts)
      .map(([table, n]) => `${table} ${n.toLocaleString("en-GB")}`)
      .join(", "),
);

const cookieOf = async (userId: string) =>
  (await createUserSession(new Request("http://localhost/"), userId)).split(";")[0]!;
const national = await cookieOf(`s${options.seed}u_nu`);
const lombardia = await cookieOf(`s${options.seed}u_ref_lombardia`);
const molise = await cookieOf(`s${options.seed}u_ref_molise`);

const views: { name: string; cookie: string; query: string }[] = [
  { name: "national, by region (default)", cookie: national, query: "year=2026" },
  { name: "national, by month", cookie: national, query: "year=2026&by=month" },
  { name: "national, by event type", cookie: national, query: "year=2026&by=type" },
  { name: "national, by role, primary school", cookie: national, query: "year=2026&by=role&schoolLevel=primaria" },
  { name: "national, Lombardia, by level", cookie: national, query: "year=2026&region=lombardia&by=level" },
  { name: "referent Lombardia, by school level", cookie: lombardia, query: "year=2026" },
  { name: "referent Lombardia, European, by month", cookie: lombardia, query: "year=2026&level=europeo&by=month" },
  { name: "referent Molise, by event type", cookie: molise, query: "year=2026&by=type" },
];

const run = async (view: (typeof views)[number]) => {
  const started = performance.now();
  const result = await loadDashboardView(
    new Request(`http://localhost/cruscotto?${view.query}`, { headers: { Cookie: view.cookie } }),
  );
  const ms = performance.now() - started;
  if (!result.tables.totals) throw new Error(`${view.name}: no totals`);
  return ms;
};

console.log(`\n| view | cold median ms | cold max ms | warm median ms | under 300 ms |`);
console.log(`|---|---:|---:|---:|---|`);
let over = 0;
for (const view of views) {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < rounds; i++) {
    clearDashboardCache();
    cold.push(await run(view));
    warm.push(await run(view));
  }
  cold.sort((a, b) => a - b);
  warm.sort((a, b) => a - b);
  const median = percentile(cold, 50);
  const max = Math.max(...cold);
  if (max >= 300) over += 1;
  console.log(
    `| ${view.name} | ${median.toFixed(1)} | ${max.toFixed(1)} | ${percentile(warm, 50).toFixed(1)} | ${max < 300 ? "yes" : "NO"} |`,
  );
}
console.log(over === 0 ? "\nEvery view under 300 ms (cold)." : `\n${over} view(s) at or over 300 ms (cold).`);

await prisma.$disconnect();
if (engine === "postgresql") {
  const { closePgPool } = await import("../app/utils/pg-pool.server.ts");
  await closePgPool();
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: args["pg-url"] });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
