// Concurrent writers of the catalogue's counts on PostgreSQL (docs/decisions/0049-catalogue-counts-without-shared-rows.md).
// --events events ending on the same day, each with one edition of one seat and the role "docente"; --connections
// clients, each owning its share of the events (no two clients ever touch the same event, edition or entry), run
// transactions for --seconds: one event's edition filled or freed and its role removed or added, in a random order.
// Every transaction changes the free-seat and the role counts of that one day: with ADR 0041's shared count rows
// (--shared-row: the trigger function as it was) they wait for each other and deadlock when they take the two rows in
// opposite orders; with ADR 0049 each writes rows of its own, folded every 5 s here as the app's job does.
// Prints transactions/s, latency percentiles, deadlocks, the database's CPU per transaction (its processes, /proc),
// checks the counts against a recount (catalogueSummaryDrift), and times the count statement (catalogueSummaryCount)
// with the rows left unfolded, after the fold, and with 10,000 unfolded rows.
//
//   npx tsx bench/catalogue-count-writers.ts --pg-url postgresql://postgres@127.0.0.1:54404/forma --db-pid <postmaster>
//     [--shared-row] [--events 40] [--connections 8] [--seconds 10]
import { parseArgs } from "node:util";
import pg from "pg";
import { freshDatabase } from "./lib/fresh-database.ts";
import { cpuMsOf, processTree } from "./lib/process-stats.mjs";
import { loadAverage, percentile } from "./lib/servers.ts";

const { values: args } = parseArgs({
  options: {
    "pg-url": { type: "string" },
    "db-pid": { type: "string" },
    "shared-row": { type: "boolean", default: false },
    events: { type: "string", default: "40" },
    connections: { type: "string", default: "8" },
    seconds: { type: "string", default: "10" },
  },
});
process.env.DATABASE_URL = await freshDatabase("postgresql", args["pg-url"]);
process.env.NODE_ENV = "production";
const { createOpenEdition } = await import("../tests/support/factories.ts");
const { catalogueSummaryDrift } = await import("../tests/support/catalogue-counts.ts");
const { catalogueSummaryCount } = await import("../app/models/catalogue.server.ts");
const { foldCatalogueCounts } = await import("../app/models/catalogue-counts.server.ts");
const { pgPool } = await import("../app/utils/pg-pool.server.ts");
const { prisma } = await import("../app/utils/db.server.ts");

const DAY = 24 * 3600_000;
const sessionStartsAt = new Date(Date.now() + 30 * DAY);
const editions: { eventId: string; editionId: string }[] = [];
for (let i = 0; i < Number(args.events); i++) {
  const { event, edition } = await createOpenEdition({ seatCap: 1, sessionStartsAt, audienceRoles: ["docente"] });
  editions.push({ eventId: event.id, editionId: edition.id });
}
await foldCatalogueCounts();
if (args["shared-row"]) {
  // ADR 0041's trigger function: every change of an entry updates the one row of its (key, day).
  await pgPool()
    .query(`CREATE OR REPLACE FUNCTION "catalogue_count_changed"() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO "CatalogueCount" ("key", "day", "n") VALUES (NEW."key", NEW."day", 1)
      ON CONFLICT ("key", "day", "tx") DO UPDATE SET "n" = "CatalogueCount"."n" + 1;
    ELSE
      UPDATE "CatalogueCount" SET "n" = "n" - 1 WHERE "key" = OLD."key" AND "day" = OLD."day" AND "tx" = 0;
    END IF;
    RETURN NULL;
  END$$`);
}

const TOGGLE_SEAT = `UPDATE "Edition" SET "seatsTaken" = 1 - "seatsTaken" WHERE "id" = $1`;
const TOGGLE_ROLE = `WITH gone AS (DELETE FROM "EventAudienceRole" WHERE "eventId" = $1 AND "role" = 'docente' RETURNING 1)
  INSERT INTO "EventAudienceRole" ("eventId", "role") SELECT $1, 'docente' WHERE NOT EXISTS (SELECT 1 FROM gone)`;

const connections = Number(args.connections);
let until = 0;
const latencies: number[] = [];
const failures = new Map<string, number>();
const dbPids = () => (args["db-pid"] ? processTree(args["db-pid"]) : []);

// Every client connected before the database's CPU is read, and ended after: its backend's time counts whole.
const clients = await Promise.all(
  Array.from({ length: connections }, async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    return c;
  }),
);

async function run(c: pg.Client, k: number) {
  const mine = editions.filter((_, i) => i % connections === k);
  while (Date.now() < until) {
    const e = mine[Math.floor(Math.random() * mine.length)]!;
    const steps: [string, string][] = [
      [TOGGLE_SEAT, e.editionId],
      [TOGGLE_ROLE, e.eventId],
    ];
    if (Math.random() < 0.5) steps.reverse();
    const t0 = performance.now();
    try {
      await c.query("BEGIN");
      for (const [sql, id] of steps) await c.query(sql, [id]);
      await c.query("COMMIT");
      latencies.push(performance.now() - t0);
    } catch (error) {
      await c.query("ROLLBACK");
      const code = (error as { code?: string }).code ?? "other";
      failures.set(code, (failures.get(code) ?? 0) + 1);
    }
  }
}

const cpuBefore = cpuMsOf(dbPids());
const started = Date.now();
until = started + Number(args.seconds) * 1000;
let folds = 0;
const folder = args["shared-row"]
  ? null
  : setInterval(() => void foldCatalogueCounts().then((n) => (folds += n > 0 ? 1 : 0)), 5_000);
await Promise.all(clients.map((c, k) => run(c, k)));
if (folder) clearInterval(folder);
const elapsed = (Date.now() - started) / 1000;
const cpu = cpuMsOf(dbPids()) - cpuBefore;
await Promise.all(clients.map((c) => c.end()));
latencies.sort((a, b) => a - b);

const countMs = async (key: string, runs = 300) => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = catalogueSummaryCount(key, new Date());
    const t0 = performance.now();
    await pgPool().query(s.sql, s.params);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return percentile(times, 50).toFixed(3);
};
/** The count statement's plan, buffers and execution time, with the table's dead rows (not yet vacuumed). */
const explain = async (key: string) => {
  const s = catalogueSummaryCount(key, new Date());
  const plan = await pgPool().query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
  const dead = await pgPool().query<{ n: string }>(
    `SELECT n_dead_tup AS "n" FROM pg_stat_user_tables WHERE relname = 'CatalogueCount'`,
  );
  const lines = plan.rows.map((r) => r["QUERY PLAN"]);
  const scan = lines.filter((l) => /CatalogueCount|Buffers|Execution/.test(l)).map((l) => l.trim());
  return `${dead.rows[0]?.n ?? "?"} dead rows: ${scan.join(" | ")}`;
};
const unfolded = async () =>
  Number(
    (await pgPool().query<{ n: string }>(`SELECT COUNT(*) AS "n" FROM "CatalogueCount" WHERE "tx" <> 0`)).rows[0]!.n,
  );

console.log(`mode: ${args["shared-row"] ? "ADR 0041, shared (key, day) rows" : "ADR 0049, rows per transaction"}`);
console.log(`load average: ${loadAverage()}`);
console.log(
  `${latencies.length} transactions in ${elapsed.toFixed(1)} s (${(latencies.length / elapsed).toFixed(0)}/s), ` +
    `${connections} connections, ${editions.length} events; failed: ${JSON.stringify(Object.fromEntries(failures))}`,
);
console.log(
  `latency ms p50 ${percentile(latencies, 50).toFixed(2)} p95 ${percentile(latencies, 95).toFixed(2)} ` +
    `p99 ${percentile(latencies, 99).toFixed(2)} max ${(latencies.at(-1) ?? 0).toFixed(2)}`,
);
if (args["db-pid"]) console.log(`database CPU per transaction: ${(cpu / Math.max(1, latencies.length)).toFixed(3)} ms`);
const drift = await catalogueSummaryDrift();
console.log(`counts against a recount: ${drift.length === 0 ? "exact" : drift.join("; ")}`);
if (!args["shared-row"]) {
  console.log(`folds that moved rows during the run: ${folds}`);
  const left = await unfolded();
  console.log(
    `count statement median ms (freeSeats / role), ${left} rows unfolded: ${await countMs("freeSeats")} / ${await countMs("role:docente")}`,
  );
  await foldCatalogueCounts();
  console.log(
    `… after the fold (${await unfolded()} left): ${await countMs("freeSeats")} / ${await countMs("role:docente")}`,
  );
  console.log(`  ${await explain("freeSeats")}`);
  await pgPool().query(`VACUUM "CatalogueCount"`);
  console.log(`… after VACUUM: ${await countMs("freeSeats")} / ${await countMs("role:docente")}`);
  console.log(`  ${await explain("freeSeats")}`);
  // 10,000 rows of transactions not yet folded (zero changes: the totals stay the same).
  await pgPool().query(`INSERT INTO "CatalogueCount" ("key", "day", "tx", "n")
    SELECT 'freeSeats', (SELECT MIN("day") FROM "CatalogueCount" WHERE "key" = 'freeSeats'), g, 0 FROM generate_series(1, 10000) g`);
  console.log(`… with 10,000 unfolded rows of the key: ${await countMs("freeSeats")}`);
  console.log(`  ${await explain("freeSeats")}`);
  await foldCatalogueCounts();
  if ((await catalogueSummaryDrift()).length > 0) throw new Error("the fold of the zero rows changed a count");
} else {
  console.log(
    `count statement median ms (freeSeats / role): ${await countMs("freeSeats")} / ${await countMs("role:docente")}`,
  );
  console.log(`  ${await explain("freeSeats")}`);
}
await pgPool().end();
await prisma.$disconnect();
