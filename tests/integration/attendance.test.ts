// Attendance registers against the real database (SQLite or PostgreSQL): recordAttendance writes
// history only for lines that change and refuses lines of other editions, asynchronous activities
// and sessions not yet started; access through the register scope; the webinar report import
// (parsing, matching, preview, confirmation); the register and hours exports.
import { afterAll, describe, expect, it } from "vitest";
import { AttendanceRefusedError, recordAttendance } from "../../app/models/attendance.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createTeachers, createUser } from "../support/factories.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

const HOUR = 3600_000;

/** An edition whose 2-hour webinar started an hour ago, with `count` enrolled teachers and a trainer. */
async function pastEdition(count: number) {
  const { edition, event, organiser } = await createOpenEdition({ sessionStartsAt: new Date(Date.now() - HOUR) });
  const trainer = await createUser({ firstName: "Fabio", lastName: "Formatore" });
  await prisma.eventTrainer.create({ data: { eventId: event.id, userId: trainer.id } });
  const teachers = await createTeachers(count);
  await prisma.enrolment.createMany({
    data: teachers.map((t) => ({ editionId: edition.id, eventId: event.id, userId: t.id, status: "iscritto", activeKey: `${event.id}:${t.id}` })),
  });
  const enrolments = await prisma.enrolment.findMany({ where: { editionId: edition.id }, select: { id: true, userId: true, user: { select: { email: true, lastName: true } } }, orderBy: { id: "asc" } });
  const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
  return { edition, event, organiser, trainer, enrolments, session };
}

async function refusalOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AttendanceRefusedError) return error.refusal;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("recordAttendance", () => {
  it("creates lines, writes history only for lines that change, and counts the changes", async () => {
    const { trainer, enrolments, session } = await pastEdition(3);
    const [a, b, c] = enrolments.map((e) => e.id) as [string, string, string];
    const first = await recordAttendance(trainer.id, session.id, [
      { enrolmentId: a, status: "presente", minutesAttended: null },
      { enrolmentId: b, status: "presente", minutesAttended: 30 },
      { enrolmentId: c, status: "ritardo", minutesAttended: 90 },
    ], "registro");
    expect(first).toEqual({ changed: 3 });
    const again = await recordAttendance(trainer.id, session.id, [
      { enrolmentId: a, status: "presente", minutesAttended: null },
      { enrolmentId: b, status: "assente", minutesAttended: null },
      { enrolmentId: c, status: "ritardo", minutesAttended: 90 },
    ], "importazione");
    expect(again).toEqual({ changed: 1 });
    const lines = await prisma.attendanceRecord.findMany({ where: { sessionId: session.id }, select: { enrolmentId: true, status: true, minutesAttended: true, source: true } });
    expect(new Map(lines.map((l) => [l.enrolmentId, l]))).toEqual(new Map([
      [a, { enrolmentId: a, status: "presente", minutesAttended: null, source: "registro" }],
      [b, { enrolmentId: b, status: "assente", minutesAttended: null, source: "importazione" }],
      [c, { enrolmentId: c, status: "ritardo", minutesAttended: 90, source: "registro" }],
    ]));
    const history = await prisma.attendanceChange.findMany({ where: { sessionId: session.id, enrolmentId: b }, orderBy: { at: "asc" } });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.actorId, h.source])).toEqual([
      [null, "presente", trainer.id, "registro"],
      ["presente", "assente", trainer.id, "importazione"],
    ]);
    expect(await prisma.attendanceChange.count({ where: { sessionId: session.id } })).toBe(4);
  });

  it("refuses other editions' enrolments, withdrawn places, bad minutes, unstarted sessions and asynchronous activities, saving nothing", async () => {
    const { trainer, enrolments, session, edition } = await pastEdition(3);
    const other = await pastEdition(1);
    await prisma.enrolment.update({ where: { id: enrolments[2]!.id }, data: { status: "annullata", activeKey: null } });
    const refusal = await refusalOf(recordAttendance(trainer.id, session.id, [
      { enrolmentId: enrolments[0]!.id, status: "ritardo", minutesAttended: null },
      { enrolmentId: enrolments[1]!.id, status: "uscita-anticipata", minutesAttended: 121 },
      { enrolmentId: enrolments[2]!.id, status: "presente", minutesAttended: null },
      { enrolmentId: other.enrolments[0]!.id, status: "presente", minutesAttended: null },
    ], "registro"));
    expect(refusal).toEqual({ kind: "righe-non-valide", lines: [
      { enrolmentId: enrolments[0]!.id, problem: "minuti-mancanti" },
      { enrolmentId: enrolments[1]!.id, problem: "minuti-non-validi" },
      { enrolmentId: enrolments[2]!.id, problem: "non-iscritto" },
      { enrolmentId: other.enrolments[0]!.id, problem: "non-iscritto" },
    ] });
    expect(await prisma.attendanceRecord.count({ where: { sessionId: session.id } })).toBe(0);

    const later = await prisma.trainingSession.create({ data: { editionId: edition.id, startsAt: new Date(Date.now() + HOUR), endsAt: new Date(Date.now() + 3 * HOUR), delivery: "sincrona", minutes: 120 } });
    expect(await refusalOf(recordAttendance(trainer.id, later.id, [{ enrolmentId: enrolments[0]!.id, status: "presente", minutesAttended: null }], "registro"))).toMatchObject({ kind: "non-iniziato" });
    const activity = await prisma.trainingSession.create({ data: { editionId: edition.id, startsAt: new Date(Date.now() - 5 * HOUR), endsAt: new Date(Date.now() - HOUR), delivery: "asincrona", minutes: 60 } });
    expect(await refusalOf(recordAttendance(trainer.id, activity.id, [{ enrolmentId: enrolments[0]!.id, status: "presente", minutesAttended: null }], "registro"))).toEqual({ kind: "sessione-asincrona" });
    // From the start onwards the register is open.
    expect(await recordAttendance(trainer.id, later.id, [{ enrolmentId: enrolments[0]!.id, status: "presente", minutesAttended: null }], "registro", new Date(later.startsAt.getTime()))).toEqual({ changed: 1 });
  });

  it("saves a 350-line register in one call", async () => {
    const { trainer, enrolments, session } = await pastEdition(350);
    const marks = enrolments.map((e, i) => ({ enrolmentId: e.id, status: i % 10 === 0 ? ("ritardo" as const) : ("presente" as const), minutesAttended: i % 10 === 0 ? i % 120 : null }));
    expect(await recordAttendance(trainer.id, session.id, marks, "registro")).toEqual({ changed: 350 });
    const changedAgain = marks.map((m, i) => (i < 100 ? { ...m, status: "assente" as const, minutesAttended: null } : m));
    expect(await recordAttendance(trainer.id, session.id, changedAgain, "registro")).toEqual({ changed: 100 });
    expect(await prisma.attendanceRecord.count({ where: { sessionId: session.id, status: "assente" } })).toBe(100);
    expect(await prisma.attendanceChange.count({ where: { sessionId: session.id } })).toBe(450);
  });
});
