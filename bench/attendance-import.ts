// Issue 4: import of a webinar platform's participants report of 350 rows into a session's
// register, on a real database with 350 enrolled teachers. Times, as the import page runs them:
//  - parse: parseParticipantsReport (UTF-8 check, BOM, `;` detection, csv-parse, header mapping,
//    minutes from join/leave times for the rows without minutes);
//  - preview: buildImportPreview (session, enrolments and current lines read from the database,
//    matchParticipants, proposed lines);
//  - total = parse + preview (what the trainer waits for after "Carica e mostra l'anteprima");
//  and once, the confirmation (recordAttendance of the 350 proposed lines) and its replay (0 changes).
// The report: 330 enrolled teachers once, 10 of them reconnecting (a second row), 10 unknown
// emails; the other 20 enrolled are missing (proposed absent). Median and p95 of --runs runs after 3 warm-ups.
//
//   npx tsx bench/attendance-import.ts [--runs 30]
//   npx tsx bench/attendance-import.ts --engine postgresql --pg-url postgresql://postgres@127.0.0.1:54329/forma
import os from "node:os";
import { parseArgs } from "node:util";
import { freshDatabase } from "./lib/fresh-database.ts";
import { percentile } from "./lib/servers.ts";

const { values: args } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    "pg-url": { type: "string" },
    runs: { type: "string", default: "30" },
  },
});
const engine = args["pg-url"] || args.engine === "postgresql" ? "postgresql" : "sqlite";
process.env.DATABASE_URL = await freshDatabase(engine, args["pg-url"]);
process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";

const { createOpenEdition, createTeachers } = await import("../tests/support/factories.ts");
const { prisma } = await import("../app/utils/db.server.ts");
const { parseParticipantsReport, buildImportPreview, importMarks } =
  await import("../app/models/attendance-import.server.ts");
const { recordAttendance } = await import("../app/models/attendance.server.ts");

console.log(`# Webinar report import, 350 rows — ${engine}`);
console.log(
  `machine: nproc ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);

const ENROLLED = 350;
const started = new Date(Date.now() - 3 * 3600_000);
const { edition, event, organiser } = await createOpenEdition({ sessionStartsAt: started, seatCap: ENROLLED });
const teachers = await createTeachers(ENROLLED);
await prisma.enrolment.createMany({
  data: teachers.map((t) => ({
    editionId: edition.id,
    eventId: event.id,
    userId: t.id,
    status: "iscritto",
    activeKey: `${event.id}:${t.id}`,
  })),
});
const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });

// 330 enrolled once + 10 reconnections + 10 unknown = 350 rows; join/leave times in Rome wall-clock.
const hhmm = (minutesAfterStart: number) => {
  const d = new Date(started.getTime() + minutesAfterStart * 60_000);
  return new Intl.DateTimeFormat("it-IT", {
    timeZone: "Europe/Rome",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(d);
};
const lines = ["Nome;Email;Ingresso;Uscita;Minuti"];
teachers.slice(0, 330).forEach((t, i) => {
  const late = i % 5 === 0 ? 35 : 0;
  lines.push(`Docente ${i};${t.email};${hhmm(late)};${hhmm(120)};${i % 3 === 0 ? "" : 120 - late}`);
});
teachers.slice(0, 10).forEach((t, i) => lines.push(`Docente ${i};${t.email.toUpperCase()};${hhmm(60)};${hhmm(90)};30`));
for (let i = 0; i < 10; i += 1) lines.push(`Ospite ${i};ospite${i}@altrove.example;${hhmm(0)};${hhmm(50)};50`);
const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join("\r\n"), "utf8")]));
console.log(`report: ${lines.length - 1} rows, ${(bytes.length / 1024).toFixed(1)} KiB; ${ENROLLED} enrolled`);

const runs = Number(args.runs);
const parseMs: number[] = [];
const previewMs: number[] = [];
const totalMs: number[] = [];
let last: Awaited<ReturnType<typeof buildImportPreview>> = null;
for (let i = 0; i < runs + 3; i += 1) {
  const t0 = performance.now();
  const parsed = parseParticipantsReport(bytes, session.startsAt);
  const t1 = performance.now();
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
  last = await buildImportPreview(session.id, parsed.rows);
  const t2 = performance.now();
  if (i >= 3) {
    parseMs.push(t1 - t0);
    previewMs.push(t2 - t1);
    totalMs.push(t2 - t0);
  }
}
if (!last) throw new Error("no preview");
console.log(
  `preview: ${last.matched.length} matched, ${last.unmatched.length} unmatched, ${last.ambiguous.length} ambiguous, ${last.absent.length} absent`,
);
const fmt = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`;
};
console.log(`parse   (${runs} runs): ${fmt(parseMs)}`);
console.log(`preview (${runs} runs): ${fmt(previewMs)}`);
console.log(`total   (${runs} runs): ${fmt(totalMs)}`);

let t = performance.now();
const first = await recordAttendance(organiser.id, session.id, importMarks(last), "importazione");
console.log(`confirm: ${first.changed} lines saved in ${(performance.now() - t).toFixed(1)} ms`);
t = performance.now();
const replay = parseParticipantsReport(bytes, session.startsAt);
if (!replay.ok) throw new Error("unreadable report");
const again = await recordAttendance(
  organiser.id,
  session.id,
  importMarks((await buildImportPreview(session.id, replay.rows))!),
  "importazione",
);
console.log(
  `confirm again (parse + preview + save): ${again.changed} lines changed in ${(performance.now() - t).toFixed(1)} ms`,
);
await prisma.$disconnect();
