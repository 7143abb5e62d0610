// What a run of the reminders job (every 15 minutes in every instance) and of the automatic messages job (every 5)
// costs once everything due is written: a session stays in the reminders' window about 96 runs, and each run after
// the first has nothing new to write. In process, on a throwaway database: SQLite under /tmp by default.
//   npx tsx bench/reminder-tick.ts [--sessions 500] [--participants 100] [--rounds 5] [--db /tmp/FILE.db]
//                                  [--engine postgresql --pg-url postgresql://…]
// Seeds `sessions` online editions of one synchronous session each, starting between 3 and 25 hours from now, with
// `participants` confirmed teachers each and a "24 hours before each session" automatic message; runs one tick of
// each job (which writes every reminder and message due), then times `rounds` more ticks at the same instant (nothing
// new: each writes 0). Prints wall and CPU milliseconds per tick (median, min, max) and the rows each tick wrote.
// --db: a SQLite file kept after the run; given again (or a copy of it), the seed and its instant (FILE.json) are
// reused, so two checkouts (e.g. a `git archive` of main under /tmp with node_modules linked) time the same data,
// and the first tick, already written, is one more tick with nothing new. Without it, a throwaway file under /tmp.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { freshDatabase, migrateDatabase } from "./lib/fresh-database.ts";

const { values: args } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    "pg-url": { type: "string" },
    sessions: { type: "string", default: "500" },
    participants: { type: "string", default: "100" },
    rounds: { type: "string", default: "5" },
    db: { type: "string" },
  },
});
const engine = args.engine === "postgresql" ? "postgresql" : "sqlite";
const rounds = Number(args.rounds);
type Seed = { now: string; sessions: number; participants: number };
const seedFile = args.db ? `${args.db}.json` : null;
const seeded: Seed | null = seedFile && fs.existsSync(seedFile) ? JSON.parse(fs.readFileSync(seedFile, "utf8")) : null;
const sessions = seeded?.sessions ?? Number(args.sessions);
const participants = seeded?.participants ?? Number(args.participants);

if (engine === "sqlite") {
  const file = args.db ?? `/tmp/forma-reminder-tick-${process.pid}-${Date.now()}.db`;
  process.env.DATABASE_URL = `file:${file}`;
  migrateDatabase(process.env.DATABASE_URL);
  if (!args.db && !process.env.FORMA_BENCH_KEEP_DB) {
    process.once("exit", () => {
      for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
    });
  }
} else {
  process.env.DATABASE_URL = await freshDatabase(engine, args["pg-url"]);
}
process.env.NODE_ENV = "production";
process.env.LOG_LEVEL ??= "warn";
const { createOpenEdition, createTeachers } = await import("../tests/support/factories.ts");
const { writeSessionReminders } = await import("../app/models/reminders.server.ts");
const { writeAutomaticMessages } = await import("../app/models/automatic-messages.server.ts");
const { prisma } = await import("../app/utils/db.server.ts");

const HOUR = 3600_000;
const now = new Date(seeded?.now ?? Date.now());
if (seeded) {
  console.log(
    `${engine}: ${sessions} sessions × ${participants} participants, seeded before (${args.db}), ticks at ${now.toISOString()}`,
  );
} else {
  const seedStarted = Date.now();
  const teachers = await createTeachers(sessions * participants);
  const enrolments = [];
  for (let i = 0; i < sessions; i += 1) {
    // Spread over the day ahead, inside the reminders' window (2–26 h): 3 h to 25 h from now.
    const startsAt = new Date(Math.ceil((now.getTime() + 3 * HOUR + (i * 22 * HOUR) / sessions) / 60_000) * 60_000);
    const { edition, organiser } = await createOpenEdition({ sessionStartsAt: startsAt, closesAt: startsAt });
    await prisma.editionAutoMessage.create({
      data: {
        editionId: edition.id,
        rule: "prima-di-ogni-incontro",
        amount: 24,
        subject: "Ci vediamo domani",
        body: "Vi aspettiamo all'incontro.",
        updatedById: organiser.id,
      },
    });
    for (const t of teachers.slice(i * participants, (i + 1) * participants)) {
      enrolments.push({
        editionId: edition.id,
        eventId: edition.eventId,
        userId: t.id,
        status: "iscritto",
        activeKey: `${edition.eventId}:${t.id}`,
      });
    }
  }
  for (let i = 0; i < enrolments.length; i += 1000) {
    await prisma.enrolment.createMany({ data: enrolments.slice(i, i + 1000) });
  }
  if (seedFile) fs.writeFileSync(seedFile, JSON.stringify({ now: now.toISOString(), sessions, participants }));
  console.log(
    `${engine}: ${sessions} sessions × ${participants} participants (${enrolments.length} places), seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s, ticks at ${now.toISOString()}`,
  );
}

async function timed(run: () => Promise<number>) {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const written = await run();
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, written };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (n: number) => n.toFixed(1);

for (const [job, run] of [
  ["promemoria-incontri", () => writeSessionReminders(now)],
  ["messaggi-automatici", () => writeAutomaticMessages(now)],
] as const) {
  const first = await timed(run);
  console.log(`${job}: first tick wrote ${first.written} rows in ${fmt(first.wallMs)} ms (CPU ${fmt(first.cpuMs)} ms)`);
  const next = [];
  for (let r = 0; r < rounds; r += 1) next.push(await timed(run));
  const wall = next.map((t) => t.wallMs);
  const cpu = next.map((t) => t.cpuMs);
  console.log(
    `${job}: next ${rounds} ticks wrote ${next.map((t) => t.written).join(", ")} rows; ` +
      `wall median ${fmt(median(wall))} ms (min ${fmt(Math.min(...wall))}, max ${fmt(Math.max(...wall))}), ` +
      `CPU median ${fmt(median(cpu))} ms (this process; the database's own on PostgreSQL is not counted)`,
  );
}
// The plan of the read of the places still missing, where the code has one (placesNotYetNotified): one session's.
const writer: Record<string, unknown> = await import("../app/models/notification-writer.server.ts");
if (writer.PLACES_NOT_YET_NOTIFIED) {
  const sql = (writer.PLACES_NOT_YET_NOTIFIED as Record<string, string>)["reminders-on"]!;
  const session = await prisma.trainingSession.findFirstOrThrow({
    where: { startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
  });
  const params = [session.editionId, `promemoria-incontro:${session.id}:`, `:${session.startsAt.toISOString()}`];
  const { sqlRead } = await import("../app/utils/sql.server.ts");
  const rows =
    engine === "sqlite"
      ? await sqlRead<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, ...params)
      : await sqlRead<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, ...params);
  console.log("plan of one session's read:");
  for (const r of rows) console.log(`  ${"detail" in r ? r.detail : r["QUERY PLAN"]}`);
}
await prisma.$disconnect();
