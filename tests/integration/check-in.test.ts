// QR self check-in against the real database (SQLite or PostgreSQL): a valid code marks the
// teacher present once (source "check-in", with its history row), or late with the minutes left
// when they check in after the start plus the import's tolerance; codes of other sessions,
// expired codes, check-ins outside the window and people not enrolled are refused with nothing
// written; a line already in the register (the trainer's) is never overwritten. Also the routes:
// sign-in first (keeping the code), nothing written on GET, the trainer's page scoped to trainers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_TOLERANCE_MINUTES } from "../../app/domain/attendance.ts";
import { CHECK_IN_GRACE_SLOTS, CHECK_IN_SLOT_SECONDS, makeCheckInCode, slotOf } from "../../app/domain/check-in.ts";
import { recordAttendance } from "../../app/models/attendance.server.ts";
import { checkIn, checkInKey, trainerCheckInView, type CheckInRefusal } from "../../app/models/check-in.server.ts";
import * as trainerRoute from "../../app/routes/formazione.incontri.$sessionId_.check-in.tsx";
import * as teacherRoute from "../../app/routes/presenza.$sessionId.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { cookieOf, runRoute as call } from "../support/routes.ts";
import { en, it as it_ } from "../../app/i18n/messages/check-in.ts";

afterAll(() => prisma.$disconnect());

const MINUTE = 60_000;

/** An in-person event whose 2-hour session started `startedMinutesAgo` ago, with two enrolled teachers and a trainer. */
async function liveWorkshop(startedMinutesAgo = 60, mode = "in-presenza") {
  const { edition, event } = await createOpenEdition({
    sessionStartsAt: new Date(Date.now() - startedMinutesAgo * MINUTE),
  });
  await prisma.event.update({
    where: { id: event.id },
    data: { mode, venue: "Istituto Dante, Firenze", onlineUrl: null },
  });
  const trainer = await createUser({ firstName: "Fabio", lastName: "Formatore", roles: [{ role: "formatore" }] });
  await prisma.eventTrainer.create({ data: { eventId: event.id, userId: trainer.id } });
  const [anna, bruno] = [await createUser({ firstName: "Anna" }), await createUser({ firstName: "Bruno" })];
  for (const t of [anna, bruno]) {
    await prisma.enrolment.create({
      data: {
        editionId: edition.id,
        eventId: event.id,
        userId: t.id,
        status: "iscritto",
        activeKey: `${event.id}:${t.id}`,
      },
    });
  }
  const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
  const enrolmentOf = (userId: string) =>
    prisma.enrolment.findFirstOrThrow({ where: { editionId: edition.id, userId }, select: { id: true } });
  return { event, edition, session, trainer, anna, bruno, enrolmentOf };
}

const codeFor = (sessionId: string, at: Date) => makeCheckInCode(checkInKey(), sessionId, slotOf(at));

async function linesOf(sessionId: string) {
  return prisma.attendanceRecord.findMany({
    where: { sessionId },
    select: { enrolmentId: true, status: true, source: true, minutesAttended: true },
  });
}
async function historyOf(sessionId: string) {
  return prisma.attendanceChange.findMany({
    where: { sessionId },
    select: { enrolmentId: true, fromStatus: true, toStatus: true, source: true, actorId: true },
  });
}

let workshop: Awaited<ReturnType<typeof liveWorkshop>>;
beforeAll(async () => {
  workshop = await liveWorkshop();
});

describe("checkIn", () => {
  it("marks the teacher present once, with source check-in and a history row", async () => {
    const { session, anna, enrolmentOf } = workshop;
    // Five minutes after the start: on time (within the import's tolerance).
    const now = new Date(session.startsAt.getTime() + 5 * MINUTE);
    expect(await checkIn(anna.id, session.id, codeFor(session.id, now), now)).toEqual({
      ok: true,
      mark: { status: "presente", minutesAttended: null },
    });
    const { id: enrolmentId } = await enrolmentOf(anna.id);
    expect(await linesOf(session.id)).toEqual([
      { enrolmentId, status: "presente", source: "check-in", minutesAttended: null },
    ]);
    expect(await historyOf(session.id)).toEqual([
      { enrolmentId, fromStatus: null, toStatus: "presente", source: "check-in", actorId: anna.id },
    ]);

    // Scanning again: already recorded, nothing more written.
    expect(await checkIn(anna.id, session.id, codeFor(session.id, now), now)).toEqual({
      ok: false,
      reason: "gia-registrata",
    });
    // Even with a code that has expired meanwhile: told it is recorded, not that the code expired.
    const old = new Date(now.getTime() - 5 * MINUTE);
    expect(await checkIn(anna.id, session.id, codeFor(session.id, old), now)).toEqual({
      ok: false,
      reason: "gia-registrata",
    });
    expect(await historyOf(session.id)).toHaveLength(1);
    const view = await trainerCheckInView(
      { ...session, edition: { id: workshop.edition.id, event: { mode: "in-presenza" } } },
      now,
    );
    expect(view).toMatchObject({ kind: "aperto", checkedIn: 1, enrolled: 2 });
  });

  it("refuses a live code of another session, and a code altered by one character", async () => {
    const other = await liveWorkshop();
    const now = new Date();
    const otherCode = codeFor(other.session.id, now);
    expect(await checkIn(other.anna.id, other.session.id, otherCode, now)).toMatchObject({ ok: true });
    // Bruno is enrolled in the first workshop, with the second workshop's code.
    expect(await checkIn(workshop.bruno.id, workshop.session.id, otherCode, now)).toEqual({
      ok: false,
      reason: "non-valido",
    });
    const good = codeFor(workshop.session.id, now);
    const altered = good.slice(0, -1) + (good.endsWith("A") ? "B" : "A");
    expect(await checkIn(workshop.bruno.id, workshop.session.id, altered, now)).toEqual({
      ok: false,
      reason: "non-valido",
    });
    const bruno = await workshop.enrolmentOf(workshop.bruno.id);
    expect((await linesOf(workshop.session.id)).some((l) => l.enrolmentId === bruno.id)).toBe(false);
  });

  it("refuses an expired code and any check-in outside the window", async () => {
    const w = await liveWorkshop();
    const now = new Date();
    const old = new Date(now.getTime() - (CHECK_IN_GRACE_SLOTS + 1) * CHECK_IN_SLOT_SECONDS * 1000);
    expect(await checkIn(w.anna.id, w.session.id, codeFor(w.session.id, old), now)).toEqual({
      ok: false,
      reason: "scaduto",
    });
    const afterEnd = new Date(w.session.endsAt.getTime() + MINUTE);
    expect(await checkIn(w.anna.id, w.session.id, codeFor(w.session.id, afterEnd), afterEnd)).toEqual({
      ok: false,
      reason: "fuori-orario",
    });
    const tooEarly = new Date(w.session.startsAt.getTime() - 31 * MINUTE);
    expect(await checkIn(w.anna.id, w.session.id, codeFor(w.session.id, tooEarly), tooEarly)).toEqual({
      ok: false,
      reason: "fuori-orario",
    });
    expect(await linesOf(w.session.id)).toEqual([]);
  });

  it("refuses people not enrolled in the session's edition", async () => {
    const stranger = await createUser({ firstName: "Carla" });
    const now = new Date();
    expect(await checkIn(stranger.id, workshop.session.id, codeFor(workshop.session.id, now), now)).toEqual({
      ok: false,
      reason: "non-iscritto",
    });
    // A cancelled place does not count either.
    const w = await liveWorkshop();
    await prisma.enrolment.updateMany({
      where: { editionId: w.edition.id, userId: w.bruno.id },
      data: { status: "annullato", activeKey: null },
    });
    expect(await checkIn(w.bruno.id, w.session.id, codeFor(w.session.id, now), now)).toEqual({
      ok: false,
      reason: "non-iscritto",
    });
    expect(await linesOf(w.session.id)).toEqual([]);
  });

  it("does not overwrite a line the trainer already recorded, and tells a teacher recorded absent so", async () => {
    const w = await liveWorkshop();
    const { id: enrolmentId } = await w.enrolmentOf(w.bruno.id);
    const { id: annaEnrolmentId } = await w.enrolmentOf(w.anna.id);
    await recordAttendance(
      w.trainer.id,
      w.session.id,
      [
        { enrolmentId, status: "assente", minutesAttended: null },
        { enrolmentId: annaEnrolmentId, status: "ritardo", minutesAttended: 90 },
      ],
      "registro",
    );
    const now = new Date();
    // Bruno, called absent at the roll, arrives late and scans: told the register says absent, not that he is recorded.
    expect(await checkIn(w.bruno.id, w.session.id, codeFor(w.session.id, now), now)).toEqual({
      ok: false,
      reason: "segnata-assente",
    });
    // Anna, recorded late, is recorded: nothing else to do.
    expect(await checkIn(w.anna.id, w.session.id, codeFor(w.session.id, now), now)).toEqual({
      ok: false,
      reason: "gia-registrata",
    });
    expect(await linesOf(w.session.id)).toEqual(
      expect.arrayContaining([
        { enrolmentId, status: "assente", source: "registro", minutesAttended: null },
        { enrolmentId: annaEnrolmentId, status: "ritardo", source: "registro", minutesAttended: 90 },
      ]),
    );
    expect(await historyOf(w.session.id)).toHaveLength(2);

    // The page the QR code opens says so before any button, in Italian and in English.
    const page = await call(teacherRoute.loader, {
      cookie: await cookieOf(w.bruno.id),
      url: `http://localhost/presenza/${w.session.id}?codice=${encodeURIComponent(codeFor(w.session.id, now))}`,
      params: { sessionId: w.session.id },
    });
    const refusal = (page.data as { refusal: CheckInRefusal }).refusal;
    expect(refusal).toBe("segnata-assente");
    expect(it_[`checkIn.refused.${refusal}`]).toContain("risulti assente");
    expect(it_[`checkIn.refused.${refusal}`]).not.toContain("non serve altro");
    expect(en[`checkIn.refused.${refusal}`]).toContain("records you as absent");

    // An absence recorded as excused is said as such.
    await recordAttendance(
      w.trainer.id,
      w.session.id,
      [{ enrolmentId, status: "giustificato", minutesAttended: null }],
      "registro",
    );
    expect(await checkIn(w.bruno.id, w.session.id, codeFor(w.session.id, now), now)).toEqual({
      ok: false,
      reason: "segnata-giustificata",
    });
    const posted = await call(teacherRoute.action, {
      cookie: await cookieOf(w.bruno.id),
      url: `http://localhost/presenza/${w.session.id}`,
      params: { sessionId: w.session.id },
      form: { codice: codeFor(w.session.id, now) },
    });
    expect(posted).toMatchObject({ status: 409, data: { ok: false, reason: "segnata-giustificata" } });
    expect(await linesOf(w.session.id)).toContainEqual({
      enrolmentId,
      status: "giustificato",
      source: "registro",
      minutesAttended: null,
    });
  });

  it("records an early arrival (window open, session not started) as present, at the time of the check-in", async () => {
    const w = await liveWorkshop(-10);
    const now = new Date();
    expect(await checkIn(w.anna.id, w.session.id, codeFor(w.session.id, now), now)).toEqual({
      ok: true,
      mark: { status: "presente", minutesAttended: null },
    });
    const line = await prisma.attendanceRecord.findFirstOrThrow({
      where: { sessionId: w.session.id },
      select: { status: true, recordedAt: true },
    });
    expect(line).toEqual({ status: "presente", recordedAt: now });
  });

  it("records a check-in after the start plus the import's tolerance as a late entry with the minutes left", async () => {
    // The 2-hour (120-minute) session started an hour ago.
    const w = await liveWorkshop();
    const anna = await w.enrolmentOf(w.anna.id);
    const bruno = await w.enrolmentOf(w.bruno.id);
    // Anna scans exactly at the start plus the tolerance: present, the whole session.
    const onTime = new Date(w.session.startsAt.getTime() + IMPORT_TOLERANCE_MINUTES * MINUTE);
    expect(await checkIn(w.anna.id, w.session.id, codeFor(w.session.id, onTime), onTime)).toEqual({
      ok: true,
      mark: { status: "presente", minutesAttended: null },
    });
    // Bruno arrives 20 minutes before the end: late, 20 minutes, not the 120 of the session.
    const late = new Date(w.session.endsAt.getTime() - 20 * MINUTE);
    expect(await checkIn(w.bruno.id, w.session.id, codeFor(w.session.id, late), late)).toEqual({
      ok: true,
      mark: { status: "ritardo", minutesAttended: 20 },
    });
    expect(await linesOf(w.session.id)).toEqual(
      expect.arrayContaining([
        { enrolmentId: anna.id, status: "presente", source: "check-in", minutesAttended: null },
        { enrolmentId: bruno.id, status: "ritardo", source: "check-in", minutesAttended: 20 },
      ]),
    );
    expect(await historyOf(w.session.id)).toContainEqual({
      enrolmentId: bruno.id,
      fromStatus: null,
      toStatus: "ritardo",
      source: "check-in",
      actorId: w.bruno.id,
    });
    // Scanning again later changes nothing, for the present line and the late one.
    const later = new Date(late.getTime() + 5 * MINUTE);
    for (const who of [w.anna, w.bruno])
      expect(await checkIn(who.id, w.session.id, codeFor(w.session.id, later), later)).toEqual({
        ok: false,
        reason: "gia-registrata",
      });
    expect(await historyOf(w.session.id)).toHaveLength(2);
  });

  it("has no check-in for sessions of online events", async () => {
    const w = await liveWorkshop(60, "online");
    const now = new Date();
    expect(await checkIn(w.anna.id, w.session.id, codeFor(w.session.id, now), now)).toEqual({
      ok: false,
      reason: "non-previsto",
    });
    expect(await linesOf(w.session.id)).toEqual([]);
  });
});

// --- the routes, called as Remix does ---------------------------------------------------------

describe("check-in routes", () => {
  it("sends signed-out teachers to sign in with the code kept, and writes nothing on GET", async () => {
    const w = await liveWorkshop();
    const code = codeFor(w.session.id, new Date());
    const path = `/presenza/${w.session.id}?codice=${encodeURIComponent(code)}`;
    const signedOut = await call(teacherRoute.loader, {
      url: `http://localhost${path}`,
      params: { sessionId: w.session.id },
    });
    expect(signedOut.status).toBe(302);
    expect(signedOut.location).toBe(`/accedi?redirectTo=${encodeURIComponent(path)}`);

    const cookie = await cookieOf(w.anna.id);
    const page = await call(teacherRoute.loader, {
      cookie,
      url: `http://localhost${path}`,
      params: { sessionId: w.session.id },
    });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ refusal: null, code, session: { event: { title: w.event.title } } });
    expect(await linesOf(w.session.id)).toEqual([]);

    const posted = await call(teacherRoute.action, {
      cookie,
      url: `http://localhost/presenza/${w.session.id}`,
      params: { sessionId: w.session.id },
      form: { codice: code },
    });
    expect(posted).toMatchObject({ status: 200, data: { ok: true } });
    expect(await linesOf(w.session.id)).toHaveLength(1);

    const again = await call(teacherRoute.loader, {
      cookie,
      url: `http://localhost${path}`,
      params: { sessionId: w.session.id },
    });
    expect(again.data).toMatchObject({ refusal: "gia-registrata" });
    const expired = await call(teacherRoute.action, {
      cookie: await cookieOf(w.bruno.id),
      url: `http://localhost/presenza/${w.session.id}`,
      params: { sessionId: w.session.id },
      form: { codice: "0.AAAAAAAAAAAAAAAAAAAAAA" },
    });
    expect(expired).toMatchObject({ status: 409, data: { ok: false, reason: "non-valido" } });
  });

  it("tells a teacher who checks in late that the line is a late entry, with the minutes left", async () => {
    // The session started an hour ago: well past the tolerance.
    const w = await liveWorkshop();
    const posted = await call(teacherRoute.action, {
      cookie: await cookieOf(w.anna.id),
      url: `http://localhost/presenza/${w.session.id}`,
      params: { sessionId: w.session.id },
      form: { codice: codeFor(w.session.id, new Date()) },
    });
    const line = await prisma.attendanceRecord.findFirstOrThrow({
      where: { sessionId: w.session.id },
      select: { status: true, minutesAttended: true, recordedAt: true },
    });
    // The whole minutes from the check-in to the end (about 60 of the session's 120).
    const minutesLeft = Math.floor((w.session.endsAt.getTime() - line.recordedAt.getTime()) / MINUTE);
    expect(line).toMatchObject({ status: "ritardo", minutesAttended: minutesLeft });
    expect(minutesLeft).toBeLessThan(w.session.minutes - IMPORT_TOLERANCE_MINUTES);
    expect(posted).toMatchObject({ status: 200, data: { ok: true, lateMinutes: minutesLeft } });
    expect(it_["checkIn.doneLate"]).toContain("entrata in ritardo");
    expect(en["checkIn.doneLate"]).toContain("late entry");
  });

  it("shows the trainer the code's URL and the count; refuses teachers", async () => {
    const w = await liveWorkshop();
    const res = await call(trainerRoute.loader, {
      cookie: await cookieOf(w.trainer.id),
      url: `http://localhost/formazione/incontri/${w.session.id}/check-in`,
      params: { sessionId: w.session.id },
    });
    expect(res.status).toBe(200);
    const view = (res.data as { view: { kind: string; url: string; svg: string; checkedIn: number } }).view;
    expect(view.kind).toBe("aperto");
    expect(view.url).toMatch(new RegExp(`/presenza/${w.session.id}\\?codice=`));
    expect(view.svg).toContain("<svg");
    expect(view.checkedIn).toBe(0);
    const teacher = await call(trainerRoute.loader, {
      cookie: await cookieOf(w.anna.id),
      url: `http://localhost/formazione/incontri/${w.session.id}/check-in`,
      params: { sessionId: w.session.id },
    });
    expect(teacher.status).toBe(403);
  });
});
