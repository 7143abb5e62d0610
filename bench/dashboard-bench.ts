// The dashboard's views on national volume (issue 16.3): a fresh database filled by the scale-data
// generator with --activity (teachers, events, enrolments, waitlists, registers, certificates and
// questionnaire answers), then the summary tables built by the "cruscotto" job's rebuild (ADR 0021,
// timed), then each view's loader work (guard, counts, figures and tables: loadDashboardView) timed
// cold (cache cleared before every run) and warm (served from the in-memory cache). Target: under
// 300 ms per view, cold, on both engines. --verify also counts each view live from the registers
// (the computation of ADR 0018, seconds per view at national volume) and fails if a figure differs.
//
//   npx tsx bench/dashboard-bench.ts [--teachers 100000] [--events 10000] [--per-edition 40] [--rounds 5] [--verify]
//   npx tsx bench/dashboard-bench.ts --engine postgresql --pg-url postgresql://…   (its own new database, dropped at the end)
//   npx tsx bench/dashboard-bench.ts --database-url file:/tmp/dash.db   (a database generated earlier with the
//     same seed: migrated, not generated again, kept at the end)
//   --profile-changes 0.06   after the first rebuild, gives that share of the teachers a profile period (ADR 0093:
//     another region, school level and role until a day of the school year) and rebuilds again, so the history's
//     cost is the difference between two rebuilds of the same data; the views are then timed with the history
import os from "node:os";
import { isDeepStrictEqual, parseArgs } from "node:util";
import pg from "pg";
import { freshDatabase, migrateDatabase } from "./lib/fresh-database.ts";
import { percentile } from "./lib/servers.ts";

const { values: args } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    "pg-url": { type: "string" },
    teachers: { type: "string", default: "100000" },
    events: { type: "string", default: "10000" },
    "per-edition": { type: "string", default: "40" },
    rounds: { type: "string", default: "5" },
    verify: { type: "boolean", default: false },
    "profile-changes": { type: "string", default: "0" },
    "database-url": { type: "string" },
  },
});
const existing = args["database-url"];
const engine =
  args.engine === "postgresql" || args["pg-url"] || existing?.startsWith("postgres") ? "postgresql" : "sqlite";
if (existing) migrateDatabase(existing);
const databaseUrl = existing ?? (await freshDatabase(engine, args["pg-url"]));
process.env.DATABASE_URL = databaseUrl;
process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.NODE_ENV = "production";
process.env.APP_ORIGIN ??= "https://forma.example.it";

const { generateScaleData, parseOptions } = await import("../scripts/generate-scale-data.ts");
const { prisma } = await import("../app/utils/db.server.ts");
const { createUserSession } = await import("../app/utils/auth.server.ts");
const { clearDashboardCache, dashboardCounts, liveDashboardCounts } = await import("../app/models/dashboard.server.ts");
const { rebuildDashboardSummary } = await import("../app/models/dashboard-summary.server.ts");
const { loadDashboardView } = await import("../app/models/dashboard-view.server.ts");
const { PROFESSIONAL_ROLES, REGION_CODES, SCHOOL_LEVELS } = await import("../app/domain/vocabulary.ts");

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
if (existing) console.log(`Scale data: the existing database ${existing.replace(/\/\/[^@]*@/, "//")}`);
else {
  const generated = await generateScaleData(options);
  console.log(
    `Scale data in ${(generated.totalMs / 1000).toFixed(1)} s: ` +
      Object.entries(generated.counts)
        .map(([table, n]) => `${table} ${n.toLocaleString("en-GB")}`)
        .join(", "),
  );
}

// The summary tables, as the background job builds them (ADR 0021).
const rebuildSummary = async (label: string) => {
  // On SQLite the rebuild runs in this process: its CPU time says what it costs whatever else the machine runs.
  const cpu = process.cpuUsage();
  const rebuild = await rebuildDashboardSummary();
  const { user, system } = process.cpuUsage(cpu);
  if ("skipped" in rebuild) throw new Error(`summary rebuild skipped: ${rebuild.skipped}`);
  const periods = await prisma.userProfilePeriod.count();
  console.log(
    `Summary rebuilt ${label} in ${(rebuild.ms / 1000).toFixed(1)} s, ${((user + system) / 1e6).toFixed(1)} s of this process's CPU ` +
      `(${periods.toLocaleString("en-GB")} profile periods; ` +
      `load average ${os.loadavg()[0]!.toFixed(2)}): ` +
      `${rebuild.editions.toLocaleString("en-GB")} editions read; rows written: DashboardFact ${rebuild.facts.toLocaleString("en-GB")}, ` +
      `DashboardReachCount ${rebuild.reach.toLocaleString("en-GB")}, DashboardEditionFact ${rebuild.editionFacts.toLocaleString("en-GB")}`,
  );
};
await rebuildSummary("");

// ADR 0093: the same data with a share of the teachers having changed profile during the school year.
const profileChanges = Number(args["profile-changes"]);
if (!(profileChanges >= 0 && profileChanges <= 1)) throw new Error("--profile-changes takes a share between 0 and 1");
if (profileChanges > 0) {
  await prisma.userProfilePeriod.deleteMany({});
  const teachers = await prisma.user.findMany({
    where: { closedAt: null },
    select: { id: true, regionCode: true, schoolLevel: true, professionalRole: true },
    orderBy: { id: "asc" },
  });
  const every = Math.max(1, Math.round(1 / profileChanges));
  const chosen = teachers.filter((_, i) => i % every === 0);
  const other = <T extends string>(values: readonly T[], current: string, i: number) =>
    values.filter((value) => value !== current)[i % (values.length - 1)]!;
  const schoolYearStart = Date.parse("2026-09-01T00:00:00Z");
  const rows = chosen.map((teacher, i) => ({
    userId: teacher.id,
    regionCode: other(REGION_CODES, teacher.regionCode, i),
    schoolLevel: other(SCHOOL_LEVELS, teacher.schoolLevel, i),
    professionalRole: other(PROFESSIONAL_ROLES, teacher.professionalRole, i),
    // a day between September and May of the generated school year
    validUntil: new Date(schoolYearStart + ((i * 7919) % 270) * 86_400_000),
  }));
  // Alternated, so that neither side gets the warmer caches: with, without, with.
  const label = `with ${(profileChanges * 100).toFixed(1)} % of ${teachers.length.toLocaleString("en-GB")} accounts changed`;
  for (const withHistory of [true, false, true]) {
    await prisma.userProfilePeriod.deleteMany({});
    if (withHistory)
      for (let i = 0; i < rows.length; i += 2_000)
        await prisma.userProfilePeriod.createMany({ data: rows.slice(i, i + 2_000) });
    await rebuildSummary(withHistory ? label : "again without history");
  }
}

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
  // Views narrowed by several filters: each reads the views of every wider filter set first (ADR 0018 addendum (3) b).
  {
    name: "national, Lombardia, primary, European, by month",
    cookie: national,
    query: "year=2026&region=lombardia&schoolLevel=primaria&level=europeo&by=month",
  },
  {
    name: "national, all five filters, by month",
    cookie: national,
    query: "year=2026&region=lombardia&schoolLevel=primaria&role=docente&type=webinar&level=regionale&by=month",
  },
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
  return { ms, result };
};

if (args.verify) {
  // The summary's figures against the live count of ADR 0018, view by view (slow at national volume).
  for (const view of views) {
    const { result } = await run(view);
    const started = performance.now();
    const live = await liveDashboardCounts(result.scope, result.filters);
    const liveMs = performance.now() - started;
    const summary = await dashboardCounts(result.scope, result.filters);
    const same = isDeepStrictEqual({ ...summary, computedAt: null }, { ...live, computedAt: null });
    console.log(`verify ${view.name}: ${same ? "same figures" : "DIFFERENT"} (live count ${liveMs.toFixed(0)} ms)`);
    if (!same) process.exitCode = 1;
  }
}

console.log(`\n| view | cold median ms | cold max ms | warm median ms | under 300 ms | load average |`);
console.log(`|---|---:|---:|---:|---|---:|`);
let over = 0;
for (const view of views) {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < rounds; i++) {
    clearDashboardCache();
    cold.push((await run(view)).ms);
    warm.push((await run(view)).ms);
  }
  cold.sort((a, b) => a - b);
  warm.sort((a, b) => a - b);
  const median = percentile(cold, 50);
  const max = Math.max(...cold);
  if (max >= 300) over += 1;
  console.log(
    `| ${view.name} | ${median.toFixed(1)} | ${max.toFixed(1)} | ${percentile(warm, 50).toFixed(1)} | ${max < 300 ? "yes" : "NO"} | ${os.loadavg()[0]!.toFixed(2)} |`,
  );
}
console.log(over === 0 ? "\nEvery view under 300 ms (cold)." : `\n${over} view(s) at or over 300 ms (cold).`);

await prisma.$disconnect();
if (engine === "postgresql") {
  const { closePgPool } = await import("../app/utils/pg-pool.server.ts");
  await closePgPool();
}
if (engine === "postgresql" && !existing) {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: args["pg-url"] });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
