// How long the dashboard's summary rebuild (ADR 0021, the "cruscotto" job) holds the event loop of the process it
// runs in: the job runs inside the serving workers, and on SQLite every read and write of the build is synchronous
// (better-sqlite3), so while one of its steps runs, every request of that worker waits. A full rebuild runs while
// `perf_hooks.monitorEventLoopDelay({ resolution: 10 })` and a setInterval(…, 10) probe watch the loop; then the same
// for an idle period of equal length (the floor: timers, GC, whatever else the machine runs). Prints the build's
// wall time, the loop delay's max, p99 and p50 (the histogram's tick-to-tick times, so about 10 ms when idle), the
// number of stretches over 50 ms and over 100 ms (gaps between two probe ticks) and the longest ones with when they
// ended in the build. --digest prints a hash of the build's rows (in write order, without ids and generation), to
// check that a change to the build kept its result.
//
//   npx tsx bench/dashboard-build-event-loop.ts --database-url file:/work/bench-data/dash-slices.db [--rounds 2] [--digest]
//   (a database with data already in it, migrated here if needed, e.g. a copy of the national-volume one; PostgreSQL
//   too: --database-url postgresql://…)
// What blocks: node --cpu-prof --cpu-prof-dir /tmp/prof --import tsx bench/dashboard-build-event-loop.ts … --gaps-file /tmp/gaps.json
// (the build's stretches over 50 ms, with the monotonic clock's time they ended, to find in the profile's samples).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { migrateDatabase } from "./lib/fresh-database.ts";
import { percentile } from "./lib/servers.ts";

const { values: args } = parseArgs({
  options: {
    "database-url": { type: "string" },
    rounds: { type: "string", default: "2" },
    digest: { type: "boolean", default: false },
    "gaps-file": { type: "string" },
  },
});
const databaseUrl = args["database-url"];
if (!databaseUrl) throw new Error("--database-url is required (a database with national-volume data in it)");
migrateDatabase(databaseUrl);
process.env.DATABASE_URL = databaseUrl;
process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.NODE_ENV = "production";
process.env.APP_ORIGIN ??= "https://forma.example.it";

const { prisma, databaseEngine } = await import("../app/utils/db.server.ts");
const { rebuildDashboardSummary, dashboardSummaryState } = await import("../app/models/dashboard-summary.server.ts");
const { sqlRead } = await import("../app/utils/sql.server.ts");

const loadavg = () => fs.readFileSync("/proc/loadavg", "utf8").trim();
const PROBE_MS = 10;

/** A gap between two probe ticks: when it ended (ms after the watch began, and µs of the monotonic clock), how long. */
type Gap = { at: number; endUs: number; ms: number };
type Watch = { stop: () => { ms: number; max: number; p99: number; p50: number; gaps: Gap[] } };
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Starts watching the loop: the histogram and a 10 ms interval whose tick-to-tick gaps are kept. Resolves after a few
 * ticks: the histogram records from its second tick on, so a stretch that began before its first would be missed.
 */
async function watchLoop(): Promise<Watch> {
  const histogram = monitorEventLoopDelay({ resolution: PROBE_MS });
  const started = performance.now();
  const gaps: Gap[] = [];
  let last = started;
  const probe = setInterval(() => {
    const now = performance.now();
    gaps.push({ at: now - started, endUs: monotonicUs(), ms: now - last });
    last = now;
  }, PROBE_MS);
  histogram.enable();
  await sleep(3 * PROBE_MS);
  return {
    stop() {
      histogram.disable();
      clearInterval(probe);
      const now = performance.now();
      gaps.push({ at: now - started, endUs: monotonicUs(), ms: now - last }); // a stretch still open at the end counts too
      return {
        ms: now - started,
        max: histogram.max / 1e6,
        p99: histogram.percentile(99) / 1e6,
        p50: histogram.percentile(50) / 1e6,
        gaps,
      };
    },
  };
}

function row(label: string, figures: ReturnType<Watch["stop"]>, buildMs?: number) {
  const sorted = figures.gaps.map((g) => g.ms).sort((a, b) => a - b);
  const over = (ms: number) => sorted.filter((g) => g > ms).length;
  return {
    line:
      `| ${label} | ${((buildMs ?? figures.ms) / 1000).toFixed(2)} | ${figures.max.toFixed(1)} | ${figures.p99.toFixed(1)} | ` +
      `${figures.p50.toFixed(1)} | ${(sorted.at(-1) ?? 0).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} | ` +
      `${over(50)} | ${over(100)} | ${os.loadavg()[0]!.toFixed(2)} |`,
    longest: [...figures.gaps]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 8)
      .map((g) => `${g.ms.toFixed(0)} ms (ended at ${(g.at / 1000).toFixed(2)} s)`)
      .join(", "),
  };
}

/** A hash of the current build's rows, in the order they were written (by id), without id and generation. */
async function buildDigest() {
  const state = await dashboardSummaryState();
  const hash = crypto.createHash("sha256");
  const counts: string[] = [];
  for (const table of ["DashboardFact", "DashboardReachCount", "DashboardEditionFact"]) {
    const rows = await sqlRead<Record<string, unknown>>(
      `SELECT * FROM "${table}" WHERE "generation" = $1 ORDER BY "id"`,
      state!.generation,
    );
    for (const r of rows) {
      const { id: _id, generation: _generation, ...rest } = r;
      hash.update(JSON.stringify(Object.values(rest).map((v) => (typeof v === "bigint" ? Number(v) : v))));
      hash.update("\n");
    }
    counts.push(`${table} ${rows.length.toLocaleString("en-GB")}`);
  }
  return `${hash.digest("hex").slice(0, 16)} (${counts.join(", ")})`;
}

// A serving worker has made its first Prisma and SQL calls long before the job runs: not measured here either.
await dashboardSummaryState();
await sqlRead(`SELECT COUNT(*) AS "n" FROM "Edition"`);

console.log(
  `# Dashboard rebuild and the event loop — ${databaseEngine}, ${os.cpus().length} CPU, Node ${process.version}`,
);
console.log(`Database: ${databaseUrl.replace(/\/\/[^@]*@/, "//")}`);
console.log(`load before: ${loadavg()}`);
console.log(
  `\n| period | wall s | loop delay max ms | p99 ms | p50 ms | probe longest gap ms | probe p99 ms | gaps > 50 ms | gaps > 100 ms | load |`,
);
console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
const notes: string[] = [];
const buildGaps: (Gap & { round: number })[] = [];
for (let round = 1; round <= Number(args.rounds); round++) {
  await sleep(200); // let the previous period's timers and GC settle
  const watch = await watchLoop();
  const cpu = process.cpuUsage();
  const buildStarted = performance.now();
  const rebuild = await rebuildDashboardSummary();
  const wallMs = performance.now() - buildStarted;
  const { user, system } = process.cpuUsage(cpu);
  const build = watch.stop();
  if ("skipped" in rebuild) throw new Error(`summary rebuild skipped: ${rebuild.skipped}`);
  const built = row(`build ${round}`, build, wallMs);
  buildGaps.push(...build.gaps.filter((g) => g.ms > 50).map((g) => ({ ...g, round })));
  console.log(built.line);
  notes.push(
    `build ${round}: ${(rebuild.ms / 1000).toFixed(2)} s by its own clock, ${((user + system) / 1e6).toFixed(1)} s CPU; ` +
      `${rebuild.editions} editions in ${rebuild.enrolmentReads} reads of enrolments; rows DashboardFact ${rebuild.facts}, DashboardReachCount ${rebuild.reach}, DashboardEditionFact ${rebuild.editionFacts}; ` +
      `longest gaps: ${built.longest}`,
  );
  await sleep(200);
  const idleWatch = await watchLoop();
  await sleep(wallMs);
  const idle = row(`idle ${round}`, idleWatch.stop());
  console.log(idle.line);
  notes.push(`idle ${round}: longest gaps: ${idle.longest}`);
}
console.log("");
for (const note of notes) console.log(note);
// The build's stretches over 50 ms, to line up with a CPU profile of the same run (its timestamps are of the same clock).
if (args["gaps-file"]) fs.writeFileSync(args["gaps-file"], JSON.stringify(buildGaps));
if (args.digest) console.log(`digest of the last build: ${await buildDigest()}`);
console.log(`load after: ${loadavg()}`);

await prisma.$disconnect();
if (databaseEngine === "postgresql") {
  const { closePgPool } = await import("../app/utils/pg-pool.server.ts");
  await closePgPool();
}
