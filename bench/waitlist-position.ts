// What "Le mie iscrizioni"'s one statement costs for a seated teacher and for teachers near the head
// and the tail of a long waitlist (its position is a COUNT of the tickets ahead: ADR 0030, 0050),
// in process, on either engine: microseconds per call of loadMyEnrolmentsPage.
//   npx tsx bench/waitlist-position.ts [--waiting 1050] [--engine postgresql --pg-url postgresql://…]
import { parseArgs } from "node:util";
import { freshDatabase } from "./lib/fresh-database.ts";

const { values: args } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    "pg-url": { type: "string" },
    waiting: { type: "string", default: "1050" },
    seated: { type: "string", default: "450" },
    calls: { type: "string", default: "2000" },
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
if (engine === "postgresql") await prisma.$executeRawUnsafe(`ANALYZE`);
const calls = Number(args.calls);
for (const [label, userId] of [
  ["seated", users[0]!],
  ["waiting, 1st", users[seated]!],
  ["waiting, middle", users[seated + Math.floor(waiting / 2)]!],
  ["waiting, last", users[seated + waiting - 1]!],
] as const) {
  for (let i = 0; i < 200; i++) await loadMyEnrolmentsPage(userId);
  const start = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await loadMyEnrolmentsPage(userId);
  const cpu = process.cpuUsage(start);
  const position = (await loadMyEnrolmentsPage(userId)).enrolments[0]!.position;
  console.log(
    `${engine} ${label} (position ${position}): ${(((performance.now() - t0) * 1000) / calls).toFixed(1)} µs wall, ` +
      `${((cpu.user + cpu.system) / calls).toFixed(1)} µs Node CPU per call`,
  );
}
await prisma.$disconnect();
