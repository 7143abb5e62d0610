// A teacher who comes back to an edition finds their register there (ADR 0019, addendum "a teacher's lines
// follow them back into an edition"): the lines and activity completions of their earlier, ended place in the
// same edition move to the new place when it is seated — enrolling again after a removal or a cancellation,
// placed again by the organiser, moved back A → B → A, promoted from the waitlist — so the register lists the
// person once with their line, and the hours and progress count what they did. A place still waiting carries
// nothing. Against a real database (SQLite or PostgreSQL, DATABASE_URL), through the models the routes call.
import { afterAll, describe, expect, it } from "vitest";
import { loadRegister, recordAttendance } from "../../app/models/attendance.server.ts";
import {
  apply as applyFor,
  saveApplicationSetup,
  selectApplicants,
  setAdmission,
} from "../../app/models/application.server.ts";
import { editionProgress } from "../../app/models/edition-progress.server.ts";
import { cancelByTeacher, enrol, removeByOrganiser } from "../../app/models/enrolment.server.ts";
import { placeTeacher } from "../../app/models/placement.server.ts";
import { moveToEdition } from "../../app/models/seat-ledger.server.ts";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import { addEdition, createUser, unique } from "../support/factories.ts";
import { registerEdition } from "../support/registers.ts";
import { managedEdition } from "../support/scopes.ts";
import { sqlitePlansOf } from "../support/sqlite-plans.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

const DAY = 24 * 3600_000;

/**
 * Edition 1 of an event: session 1 started an hour ago (its register open), session 2 next week, a required
 * asynchronous activity; the teacher seated, marked present at session 1 and with the activity completed.
 * Edition 2 of the same event is ahead.
 */
async function cameAndLeft(seatCap: number | null = 350) {
  const teacher = await createUser({
    email: `${unique("back")}@scuola.example.it`,
    firstName: "Ada",
    lastName: "Neri",
  });
  const { edition, event, organiser, trainer, session, enrolments } = await registerEdition({
    sessionStartsAt: new Date(Date.now() - 3600_000),
    teachers: [teacher],
  });
  const later = new Date(Date.now() + 7 * DAY);
  await prisma.edition.update({
    where: { id: edition.id },
    data: { seatCap, seatsTaken: 1, endsOn: new Date(later.getTime() + 2 * 3600_000) },
  });
  await prisma.trainingSession.create({
    data: {
      editionId: edition.id,
      startsAt: later,
      endsAt: new Date(later.getTime() + 2 * 3600_000),
      delivery: "sincrona",
      minutes: 120,
      title: "Incontro 2",
    },
  });
  const activity = await prisma.trainingSession.create({
    data: {
      editionId: edition.id,
      startsAt: new Date(Date.now() - DAY),
      endsAt: later,
      delivery: "asincrona",
      minutes: 60,
      required: true,
      title: "Test di autovalutazione",
    },
  });
  const place = enrolments[0]!;
  await recordAttendance(
    trainer.id,
    session.id,
    [{ enrolmentId: place.id, status: "ritardo", minutesAttended: 90, note: "arrivata dopo la pausa" }],
    "registro",
  );
  await prisma.activityCompletion.create({
    data: { sessionId: activity.id, enrolmentId: place.id, recordedById: trainer.id },
  });
  const other = await addEdition(event.id);
  return {
    teacher,
    edition,
    other,
    organiser,
    session,
    activity,
    place,
    scope: await managedEdition(organiser.id, edition.id),
  };
}

type Scenario = Awaited<ReturnType<typeof cameAndLeft>>;

/** The teacher's current place in edition 1 holds the line and the completion; the register lists them once. */
async function expectRegisterOn(s: Scenario, enrolmentId: string) {
  expect(enrolmentId).not.toBe(s.place.id);
  expect(
    await prisma.attendanceRecord.findMany({ where: { sessionId: s.session.id, enrolment: { userId: s.teacher.id } } }),
  ).toMatchObject([{ enrolmentId, status: "ritardo", minutesAttended: 90, note: "arrivata dopo la pausa" }]);
  expect(
    await prisma.activityCompletion.findMany({
      where: { sessionId: s.activity.id, enrolment: { userId: s.teacher.id } },
    }),
  ).toMatchObject([{ enrolmentId }]);

  const register = await loadRegister(s.session.id);
  const rows = register!.participants.filter((p) => p.email === s.teacher.email);
  expect(rows).toMatchObject([{ enrolmentId, line: { status: "ritardo", minutesAttended: 90 }, ended: null }]);

  const progress = await editionProgress(s.edition.id);
  const mine = progress!.participants.filter((p) => p.userId === s.teacher.id);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ enrolmentId });
  // 90 minutes of session 1 and the 60 of the activity: what the teacher did counts on the current place.
  expect(mine[0]!.progress.certifiedMinutes).toBe(150);

  const audit = await prisma.auditLog.findMany({
    where: { entityType: "edition", entityId: s.edition.id, action: "registro-riportato" },
  });
  expect(audit).toHaveLength(1);
  expect(JSON.parse(audit[0]!.details)).toMatchObject({
    userId: s.teacher.id,
    enrolmentId,
    lines: 1,
    completions: 1,
  });
}

describe("a teacher's register lines follow them back into an edition", () => {
  it("enrolling again after being removed: the new place has the line and the completion", async () => {
    const s = await cameAndLeft();
    expect(await removeByOrganiser(s.scope, s.place.id, "Inserita per errore")).toEqual({ ok: true });
    const again = await enrol(s.teacher.id, s.edition.id);
    expect(again).toMatchObject({ ok: true, status: "iscritto" });
    if (!again.ok) return;
    await expectRegisterOn(s, again.enrolmentId);
    // The ended place keeps its history (changes) but no line any more.
    expect(await prisma.attendanceRecord.count({ where: { enrolmentId: s.place.id } })).toBe(0);
    expect(await prisma.enrolmentChange.count({ where: { enrolmentId: s.place.id } })).toBeGreaterThan(0);
  });

  it("enrolling again after leaving, into a full edition: the waiting place carries nothing until it is seated", async () => {
    const s = await cameAndLeft(1);
    // Recorded present at session 1, the teacher cannot cancel even before the organiser's cut-off (here, still
    // ahead; ADR 0011 addendum "a teacher the register records present"): the organiser removes the place.
    await prisma.edition.update({
      where: { id: s.edition.id },
      data: { cancellationCutoffAt: new Date(Date.now() + DAY) },
    });
    expect(await cancelByTeacher(s.teacher.id, s.place.id)).toEqual({ ok: false, reason: "recorded-present" });
    expect(await removeByOrganiser(s.scope, s.place.id, "Ha chiesto di lasciare il posto")).toEqual({ ok: true });
    const someoneElse = await createUser();
    expect(await enrol(someoneElse.id, s.edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    const again = await enrol(s.teacher.id, s.edition.id);
    expect(again).toMatchObject({ ok: true, status: "in-attesa" });
    if (!again.ok) return;
    // Waiting: not in the course, so the line stays on the ended place, listed read-only by the register.
    expect(await prisma.attendanceRecord.count({ where: { enrolmentId: s.place.id } })).toBe(1);
    expect(await prisma.attendanceRecord.count({ where: { enrolmentId: again.enrolmentId } })).toBe(0);

    const other = await prisma.enrolment.findFirstOrThrow({
      where: { editionId: s.edition.id, userId: someoneElse.id },
    });
    expect(await cancelByTeacher(someoneElse.id, other.id)).toEqual({ ok: true });
    expect(await prisma.enrolment.findUniqueOrThrow({ where: { id: again.enrolmentId } })).toMatchObject({
      status: "iscritto",
    });
    await expectRegisterOn(s, again.enrolmentId);
  });

  it("placed again by the organiser: the new place has the line and the completion", async () => {
    const s = await cameAndLeft();
    expect(await removeByOrganiser(s.scope, s.place.id, "Inserita per errore")).toEqual({ ok: true });
    const placed = await placeTeacher(s.scope, { email: s.teacher.email, override: false, reason: null });
    expect(placed).toMatchObject({ ok: true, status: "iscritto" });
    if (!placed.ok) return;
    await expectRegisterOn(s, placed.enrolmentId);
  });

  it("moved to edition 2 and back: the place in edition 1 has the line again, edition 2 has none", async () => {
    const s = await cameAndLeft();
    const there = await moveToEdition(s.scope, {
      enrolmentId: s.place.id,
      targetEditionId: s.other.id,
      waitlist: false,
      reason: "Richiesta della scuola",
    });
    expect(there).toMatchObject({ ok: true, status: "iscritto" });
    if (!there.ok) return;
    // Moved away, the line stays on the place that ended in edition 1 (ADR 0019).
    expect(await prisma.attendanceRecord.count({ where: { enrolmentId: s.place.id } })).toBe(1);
    const back = await moveToEdition(await managedEdition(s.organiser.id, s.other.id), {
      enrolmentId: there.enrolmentId,
      targetEditionId: s.edition.id,
      waitlist: false,
      reason: "La scuola ha cambiato idea",
    });
    expect(back).toMatchObject({ ok: true, status: "iscritto" });
    if (!back.ok) return;
    await expectRegisterOn(s, back.enrolmentId);
    expect(await prisma.attendanceRecord.count({ where: { enrolmentId: there.enrolmentId } })).toBe(0);
  });

  it("applying again once the edition admits by application: the application carries nothing, the selection does", async () => {
    const s = await cameAndLeft();
    expect(await removeByOrganiser(s.scope, s.place.id, "Inserita per errore")).toEqual({ ok: true });
    expect(await setAdmission(s.scope, "candidatura")).toEqual({ ok: true });
    expect(await saveApplicationSetup(s.scope, { questions: [], criteria: [] })).toEqual({ ok: true });
    const applied = await applyFor(s.teacher.id, s.edition.id, {
      motivation: "Vorrei riprendere il corso da dove l'ho lasciato.",
      answers: {},
    });
    expect(applied).toMatchObject({ ok: true });
    const application = await prisma.enrolment.findFirstOrThrow({
      where: { editionId: s.edition.id, userId: s.teacher.id, status: "candidato" },
    });
    expect(await prisma.attendanceRecord.count({ where: { enrolmentId: application.id } })).toBe(0);
    expect(await selectApplicants(s.scope, [application.id])).toMatchObject({ ok: true });
    await expectRegisterOn(s, application.id);
  });
});

describe("an edition's progress (the trainer's edition page, each issue of certificates)", () => {
  // SQLite's plans without statistics, as production runs (tests/support/sqlite-plans.ts): the seated places by edition
  // and status tied the (status, offerExpiresAt) index with the edition's, and SQLite took it, reading every seated
  // place of the database.
  it("lists the seated places only, read through the edition's index (SQLite's plans)", async () => {
    const teachers = [await createUser(), await createUser(), await createUser()];
    const s = await registerEdition({ sessionStartsAt: new Date(Date.now() - 3 * 3600_000), teachers });
    await prisma.enrolment.update({
      where: { id: s.enrolments.find((e) => e.userId === teachers[2]!.id)!.id },
      data: { status: "annullata", activeKey: null, endedAt: new Date() },
    });
    const run = () => editionProgress(s.edition.id);
    expect((await run())!.participants.map((p) => p.userId).sort()).toEqual([teachers[0]!.id, teachers[1]!.id].sort());
    if (databaseEngine !== "sqlite") return;
    const statements = await sqlitePlansOf(run);
    expect(statements.filter((st) => /FROM `main`\.`Enrolment`/.test(st.sql)).length).toBeGreaterThan(0);
    for (const st of statements) {
      expect(st.plan.filter((d) => /^SCAN (main\.)?Enrolment\b/.test(d))).toEqual([]);
      expect(st.plan.filter((d) => /Enrolment_status_offerExpiresAt_idx/.test(d))).toEqual([]);
    }
  });
});
