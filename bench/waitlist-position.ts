// What "Le mie iscrizioni"'s one statement costs for a seated teacher and for teachers near the head
// and the tail of a long waitlist (its position is a COUNT of the tickets ahead: ADR 0030, 0050),
// in process, on either engine: microseconds per call of loadMyEnrolmentsPage.
//   npx tsx bench/waitlist-position.ts [--waiting 1050] [--engine postgresql --pg-url postgresql://… [--db-cpu]]
// On PostgreSQL the four calls are measured twice: right after the enrolments (the table analysed, its visibility map
// not yet set: every index entry the count passes costs a heap fetch) and after VACUUM "Enrolment" (an index-only
// range count, as once autovacuum has run: ADR 0054). Each pass also prints the count's plan for the last ticket
// (heap fetches, buffers), and with --db-cpu the database server's CPU per call (its backends, from /proc: the server on this machine).
import { parseArgs } from "node:util";
import { freshDatabase } from "./lib/fresh-database.ts";

const { values: args } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    "pg-url": { type: "string" },
    waiting: { type: "string", default: "1050" },
    seated: { type: "string", default: "450" },
    calls: { type: "string", default: "2000" },
    "db-cpu": { type: "boolean", default: false },
  },
});
const engine = args.engine === "postgresql" ? "postgresql" : "sqlite";
process.env.DATABASE_URL = await freshDatabase(engine, args["pg-url"]);
process.env.NODE_ENV = "production";
const { createOpenEdition, createTeachers } = await import("../tests/support/factories.ts");
const { enrol } = await import("../app/models/enrolment.server.ts");
const { loadMyEnrolmentsPage } = await import("../app/models/enrolment-views.server.ts");
const { prisma } = await import("../app/utils/db.server.ts");

const seated = Number(args.seated);
const waiting = Number(args.waiting);
const { edition } = await createOpenEdition({ seatCap: seated });
const users: string[] = [];
for (const t of await createTeachers(seated + waiting)) {
  const r = await enrol(t.id, edition.id);
  if (!r.ok) throw new Error(r.reason);
  users.push(t.id);
}
const { cpuMsOf } = await import("./lib/process-stats.mjs");
// The backends of this database's connections (not autovacuum's workers, which come and go): their CPU from /proc.
const backends = async () =>
  args["db-cpu"] && engine === "postgresql"
    ? (
        await prisma.$queryRawUnsafe<{ pid: number }[]>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`,
        )
      ).map((r) => Number(r.pid))
    : [];
const calls = Number(args.calls);
const last = users[seated + waiting - 1]!;

async function measure(pass: string) {
  for (const [label, userId] of [
    ["seated", users[0]!],
    ["waiting, 1st", users[seated]!],
    ["waiting, middle", users[seated + Math.floor(waiting / 2)]!],
    ["waiting, last", last],
  ] as const) {
    for (let i = 0; i < 200; i++) await loadMyEnrolmentsPage(userId);
    // Per backend, so that a connection the pool closes meanwhile takes nothing off the sum.
    const dbPids = await backends();
    const db0 = dbPids.map((pid) => cpuMsOf([pid]));
    const start = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) await loadMyEnrolmentsPage(userId);
    const cpu = process.cpuUsage(start);
    const dbMs = dbPids.reduce((sum, pid, i) => {
      const now = cpuMsOf([pid]);
      return now > 0 ? sum + now - db0[i]! : sum;
    }, 0);
    const db = dbPids.length ? `, ${((dbMs * 1000) / calls).toFixed(1)} µs database CPU` : "";
    const position = (await loadMyEnrolmentsPage(userId)).enrolments[0]!.position;
    console.log(
      `${engine}${pass} ${label} (position ${position}): ${(((performance.now() - t0) * 1000) / calls).toFixed(1)} µs wall, ` +
        `${((cpu.user + cpu.system) / calls).toFixed(1)} µs Node CPU${db} per call`,
    );
  }
  if (engine !== "postgresql") return;
  // The count of the tickets ahead of the last one, as the page's statement runs it (ADR 0030).
  // Its execution time inside the server, the median of 200 (robust to a descheduled run on a shared machine).
  const explain = () =>
    prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT COUNT(*) FROM "Enrolment" w, "Enrolment" en
       WHERE en."userId" = $1 AND w."editionId" = en."editionId" AND w."quotaId" IS NULL AND w."status" = 'in-attesa'
         AND w."waitlistSeq" < en."waitlistSeq"`,
      last,
    );
  const executions: number[] = [];
  let lines: string[] = [];
  for (let i = 0; i < 200; i++) {
    lines = (await explain()).map((r) => r["QUERY PLAN"]);
    executions.push(Number(/Execution Time: ([\d.]+)/.exec(lines.join("\n"))?.[1]));
  }
  executions.sort((a, b) => a - b);
  console.log(
    `  the count for the last ticket alone: median execution ${executions[100]!.toFixed(3)} ms;${lines
      .filter((l) => /Scan on "?Enrolment"? w|Heap Fetches|Buffers|Execution Time/.test(l))
      .map((l) => `\n   ${l.trim()}`)
      .join("")}`,
  );
}

if (engine === "postgresql") {
  await prisma.$executeRawUnsafe(`ANALYZE`);
  await measure(", analysed, not vacuumed:");
  await prisma.$executeRawUnsafe(`VACUUM (ANALYZE) "Enrolment"`);
  await measure(", after VACUUM:");
} else {
  await measure("");
}
await prisma.$disconnect();
