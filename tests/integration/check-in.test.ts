// QR self check-in against the real database (SQLite or PostgreSQL): a valid code marks the
// teacher present once (source "check-in", with its history row), or late with the minutes left
// when they check in after the start plus the import's tolerance; codes of other sessions,
// expired codes, check-ins outside the window and people not enrolled are refused with nothing
// written; a line already in the register (the trainer's) is never overwritten. Also the routes:
// sign-in first (keeping the code), nothing written on GET, the trainer's page scoped to trainers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_TOLERANCE_MINUTES } from "../../app/domain/attendance.ts";
import { CHECK_IN_GRACE_SLOTS, CHECK_IN_SLOT_SECONDS, makeCheckInCode, slotOf } from "../../app/domain/check-in.ts";
import { AttendanceRefusedError, recordAttendance, registerPlacesWhere } from "../../app/models/attendance.server.ts";
import {
  checkIn,
  checkInKey,
  markPresentByStaff,
  trainerCheckInView,
  type CheckInRefusal,
} from "../../app/models/check-in.server.ts";
import { cancelByTeacher, removeByOrganiser } from "../../app/models/enrolment.server.ts";
import * as myEnrolmentsRoute from "../../app/routes/le-mie-iscrizioni.tsx";
import * as trainerRoute from "../../app/routes/formazione.incontri.$sessionId_.check-in.tsx";
import * as teacherRoute from "../../app/routes/presenza.$sessionId.tsx";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { cookieOf, runRoute as call, type Handler } from "../support/routes.ts";
import { managedEdition, trainerEdition } from "../support/scopes.ts";
import { sqlitePlansOf } from "../support/sqlite-plans.ts";
import { en, it as it_ } from "../../app/i18n/messages/check-in.ts";
import { en as enrolmentEn, it as enrolmentIt } from "../../app/i18n/messages/enrolment.ts";
import { en as siteEn, it as siteIt } from "../../app/i18n/messages/site.ts";

afterAll(() => prisma.$disconnect());

const MINUTE = 60_000;
const messages = { it: { ...enrolmentIt, ...siteIt }, en: { ...enrolmentEn, ...siteEn } };

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

const postgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once another transaction of this database waits for a lock (PostgreSQL: pg_stat_activity, read on
 * another connection; at most 5 s), or after a short pause on SQLite, where a second transaction waits for the one
 * connection anyway (and a query beside the open transaction would wait for it too).
 */
async function someoneWaitsForALock() {
  if (!postgres) return pause(300);
  for (let i = 0; i < 100; i++) {
    const [row] = await prisma.$queryRaw<{ waiting: bigint | number }[]>`
      SELECT COUNT(*) AS "waiting" FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (Number(row?.waiting ?? 0) > 0) return;
    await pause(50);
  }
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

  // The line was read before the write's transaction, so a trainer's mark saved in between was overwritten by the
  // check-in (review, QR check-in finding 2). The seam saves the trainer's mark exactly there.
  it("keeps a trainer's mark saved between the check and the write, and says it", async () => {
    const w = await liveWorkshop();
    const [anna, bruno] = await Promise.all([w.enrolmentOf(w.anna.id), w.enrolmentOf(w.bruno.id)]);
    const now = new Date();
    const trainerSaves = (enrolmentId: string, status: "assente" | "ritardo", minutesAttended: number | null) => ({
      afterCheck: async () => {
        await recordAttendance(w.trainer.id, w.session.id, [{ enrolmentId, status, minutesAttended }], "registro", now);
      },
    });
    // Bruno, called absent at the roll while his check-in was on its way: the absence stays, and he is told.
    expect(
      await checkIn(w.bruno.id, w.session.id, codeFor(w.session.id, now), now, trainerSaves(bruno.id, "assente", null)),
    ).toEqual({ ok: false, reason: "segnata-assente" });
    // Anna's times corrected by the trainer meanwhile (arrived after the break): kept, not replaced by "presente".
    expect(
      await checkIn(w.anna.id, w.session.id, codeFor(w.session.id, now), now, trainerSaves(anna.id, "ritardo", 45)),
    ).toEqual({ ok: false, reason: "gia-registrata" });
    expect(await linesOf(w.session.id)).toEqual(
      expect.arrayContaining([
        { enrolmentId: bruno.id, status: "assente", source: "registro", minutesAttended: null },
        { enrolmentId: anna.id, status: "ritardo", source: "registro", minutesAttended: 45 },
      ]),
    );
    // Only the trainer's two saves are in the history: the check-ins wrote nothing.
    expect((await historyOf(w.session.id)).map((h) => h.source)).toEqual(["registro", "registro"]);
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

// A teacher checked in by QR code (from 30 minutes before the start) or marked present by the trainer could still
// cancel until the deadline (a late seat until the next session), and the seat went to the next in line minutes
// before the session while the register showed them present (review, QR check-in finding 1; ADR 0011 addendum).
describe("cancelling once the register records the teacher present", () => {
  const form = (enrolmentId: string) => ({ intent: "cancel", enrolmentId, confirm: "yes" });
  const statusOf = async (enrolmentId: string) =>
    (await prisma.enrolment.findUniqueOrThrow({ where: { id: enrolmentId }, select: { status: true } })).status;

  it("is refused after a QR check-in or the trainer's mark, on the page and its POST; the organiser still removes", async () => {
    // The session starts in 20 minutes: check-in is open, the teachers' deadline (the start) has not passed.
    const w = await liveWorkshop(-20);
    const carla = await createUser({ firstName: "Carla" });
    await prisma.enrolment.create({
      data: {
        editionId: w.edition.id,
        eventId: w.event.id,
        userId: carla.id,
        status: "iscritto",
        activeKey: `${w.event.id}:${carla.id}`,
      },
    });
    const [anna, bruno, carlaPlace] = await Promise.all([w.anna, w.bruno, carla].map((t) => w.enrolmentOf(t.id)));
    const now = new Date();
    expect(await checkIn(w.anna.id, w.session.id, codeFor(w.session.id, now), now)).toMatchObject({ ok: true });
    expect(
      await markPresentByStaff(await trainerEdition(w.trainer.id, w.edition.id), w.session.id, bruno!.id, now),
    ).toMatchObject({ changed: 1 });

    for (const [who, place] of [
      [w.anna, anna!],
      [w.bruno, bruno!],
    ] as const) {
      expect(await cancelByTeacher(who.id, place.id, now)).toEqual({ ok: false, reason: "recorded-present" });
      // The page offers no cancelling, and says why and what to do instead.
      const loaded = await call(myEnrolmentsRoute.loader as unknown as Handler, {
        cookie: await cookieOf(who.id),
        url: "http://localhost/le-mie-iscrizioni",
      });
      const mine = (
        loaded.data as { enrolments: { id: string; canCancel: boolean; cancelRefusal: string | null }[] }
      ).enrolments.find((e) => e.id === place.id);
      expect(mine).toMatchObject({ canCancel: false, cancelRefusal: "recorded-present" });
      for (const locale of ["it", "en"] as const) {
        const text = textOf(
          await renderRoutePage(myEnrolmentsRoute.default, {
            url: `http://localhost/le-mie-iscrizioni?conferma=${place.id}`,
            loaderData: loaded.data,
            locale,
          }),
        );
        expect(text).toContain(messages[locale]["myEnrolments.cancelRecordedPresent"]);
        expect(text).not.toContain(messages[locale]["myEnrolments.cancel"]);
        expect(text).not.toContain(messages[locale]["confirm.cancel.yes"]);
      }
      // A POST all the same (a page opened before the check-in) is refused with the reason, the place kept.
      const posted = await call(myEnrolmentsRoute.action, {
        cookie: await cookieOf(who.id),
        url: "http://localhost/le-mie-iscrizioni",
        form: form(place.id),
      });
      expect(posted).toMatchObject({
        status: 409,
        data: { error: messages.it["myEnrolments.error.recorded-present"] },
      });
      expect(await statusOf(place.id)).toBe("iscritto");
    }
    // Carla, not in the register yet, still cancels before the start.
    expect(await cancelByTeacher(carla.id, carlaPlace!.id, now)).toEqual({ ok: true });
    // The organiser's removal is not the teacher's cancellation: it goes through.
    const organiser = await prisma.event.findUniqueOrThrow({
      where: { id: w.event.id },
      select: { createdById: true },
    });
    expect(
      await removeByOrganiser(
        await managedEdition(organiser.createdById, w.edition.id),
        anna!.id,
        "Ha lasciato il corso",
        now,
      ),
    ).toEqual({ ok: true });
    expect(await statusOf(anna!.id)).toBe("rimosso");
  });

  it("holds for a seat taken after the start too (cancellable until the next session); an absence does not hold it", async () => {
    // The course began an hour ago; its second session is next week. Both seats were taken half an hour ago
    // (promoted after the start): each may be given up until next week's session (ADR 0011 addendum).
    const w = await liveWorkshop(60);
    const nextWeek = new Date(w.session.startsAt.getTime() + 7 * 24 * 3600_000);
    await prisma.trainingSession.create({
      data: {
        editionId: w.edition.id,
        startsAt: nextWeek,
        endsAt: new Date(nextWeek.getTime() + 2 * 3600_000),
        delivery: "sincrona",
        minutes: 120,
        title: "Incontro 2",
      },
    });
    const [anna, bruno] = await Promise.all([w.enrolmentOf(w.anna.id), w.enrolmentOf(w.bruno.id)]);
    const now = new Date();
    for (const place of [anna, bruno])
      await prisma.enrolmentChange.create({
        data: {
          enrolmentId: place.id,
          at: new Date(now.getTime() - 30 * MINUTE),
          fromStatus: "in-attesa",
          toStatus: "iscritto",
        },
      });
    await recordAttendance(
      w.trainer.id,
      w.session.id,
      [
        { enrolmentId: anna.id, status: "assente", minutesAttended: null },
        { enrolmentId: bruno.id, status: "ritardo", minutesAttended: 40 },
      ],
      "registro",
      now,
    );
    expect(await cancelByTeacher(w.bruno.id, bruno.id, now)).toEqual({ ok: false, reason: "recorded-present" });
    expect(await cancelByTeacher(w.anna.id, anna.id, now)).toEqual({ ok: true });
  });

  it("reads a check-in under way when the teacher cancels: it waits for the register's lock, then refuses", async () => {
    const w = await liveWorkshop(-20);
    const anna = await w.enrolmentOf(w.anna.id);
    let cancelled: ReturnType<typeof cancelByTeacher> | undefined;
    // A check-in's transaction, as recordAttendance makes it: the session's row locked first, then the line written;
    // the teacher's cancellation is sent while it is still open, and the check-in commits once the cancellation
    // waits for a lock (PostgreSQL; without the registers' lock it waited only to write the place, having read no
    // line, and then cancelled it). On SQLite the cancellation waits for the one connection until the commit.
    await prisma.$transaction(async (tx) => {
      await tx.trainingSession.update({ where: { id: w.session.id }, data: { minutes: { increment: 0 } } });
      await tx.attendanceRecord.create({
        data: { sessionId: w.session.id, enrolmentId: anna.id, status: "presente", source: "check-in" },
      });
      cancelled = cancelByTeacher(w.anna.id, anna.id, new Date());
      await someoneWaitsForALock();
    });
    expect(await cancelled).toEqual({ ok: false, reason: "recorded-present" });
    expect(await statusOf(anna.id)).toBe("iscritto");
  });

  // The other order: the cancellation has taken the registers' lock and ended the place, not yet committed, when
  // the teacher's QR check-in (its code, window and place already checked) or the trainer's register save arrives.
  // Each waits for the lock (PostgreSQL) or the one connection (SQLite), then reads the place again in its own
  // transaction and refuses it: no present line for a place that no longer exists, and the teacher is told.
  it("refuses a check-in or a register save that arrives while the cancellation holds the lock, once it commits", async () => {
    const w = await liveWorkshop(-20);
    const [anna, bruno] = await Promise.all([w.enrolmentOf(w.anna.id), w.enrolmentOf(w.bruno.id)]);
    const now = new Date();
    /** The teacher's cancellation, held open before its commit while `meanwhile` is sent and waits. */
    const cancellationHolding = (userId: string, enrolmentId: string, meanwhile: () => void) => {
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const cancelled = cancelByTeacher(userId, enrolmentId, now, null, {
        beforeCommit: async () => {
          holding();
          meanwhile();
          await someoneWaitsForALock();
        },
      });
      return { cancelled, held: Promise.race([held, cancelled]) };
    };

    let annaCancelled: ReturnType<typeof cancelByTeacher> | undefined;
    const checkedIn = await checkIn(w.anna.id, w.session.id, codeFor(w.session.id, now), now, {
      afterCheck: async () => {
        const c = cancellationHolding(w.anna.id, anna.id, () => {});
        annaCancelled = c.cancelled;
        await c.held;
      },
    });
    expect(await annaCancelled).toEqual({ ok: true });
    // Told as the page says it ("Non risulta una tua iscrizione a questa edizione", 403), nothing written.
    expect(checkedIn).toEqual({ ok: false, reason: "non-iscritto" });

    let saved: Promise<unknown> | undefined;
    const c = cancellationHolding(w.bruno.id, bruno.id, () => {
      saved = recordAttendance(
        w.trainer.id,
        w.session.id,
        [{ enrolmentId: bruno.id, status: "presente", minutesAttended: null }],
        "registro",
        now,
        true,
      ).catch((error: unknown) => error);
    });
    expect(await c.cancelled).toEqual({ ok: true });
    const refused = await saved;
    expect(refused).toBeInstanceOf(AttendanceRefusedError);
    expect((refused as AttendanceRefusedError).refusal).toEqual({
      kind: "righe-non-valide",
      lines: [{ enrolmentId: bruno.id, problem: "non-iscritto" }],
    });

    expect([await statusOf(anna.id), await statusOf(bruno.id)]).toEqual(["annullato", "annullato"]);
    expect(await linesOf(w.session.id)).toEqual([]);
    expect(await historyOf(w.session.id)).toEqual([]);
    // The register lists nobody: no line kept a cancelled place on it.
    expect(await prisma.enrolment.count({ where: registerPlacesWhere(w.edition.id, w.session.id) })).toBe(0);
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

  // The trainer's page refreshes every CHECK_IN_REFRESH_SECONDS during the session. SQLite's plans without statistics,
  // as production runs (tests/support/sqlite-plans.ts): the count of seated places by edition and status tied the
  // (status, offerExpiresAt) index with the edition's, and SQLite took it, counting every seated place of the database.
  it("counts the edition's seated places only, through the edition's index (SQLite's plans)", async () => {
    const w = await liveWorkshop();
    const carla = await createUser({ firstName: "Carla" });
    await prisma.enrolment.create({
      data: { editionId: w.edition.id, eventId: w.event.id, userId: carla.id, status: "in-attesa", waitlistSeq: 1 },
    });
    const cookie = await cookieOf(w.trainer.id);
    const load = () =>
      call(trainerRoute.loader, {
        cookie,
        url: `http://localhost/formazione/incontri/${w.session.id}/check-in`,
        params: { sessionId: w.session.id },
      });
    const page = await load();
    expect((page.data as { view: { enrolled: number; checkedIn: number } }).view).toMatchObject({
      enrolled: 2,
      checkedIn: 0,
    });
    if (databaseEngine !== "sqlite") return;
    const statements = await sqlitePlansOf(load);
    const places = statements.filter((st) => /FROM `main`\.`Enrolment`/.test(st.sql));
    expect(places.length).toBeGreaterThan(0);
    for (const st of statements) {
      expect(st.plan.filter((d) => /^SCAN (main\.)?Enrolment\b/.test(d))).toEqual([]);
      expect(st.plan.filter((d) => /Enrolment_status_offerExpiresAt_idx/.test(d))).toEqual([]);
    }
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
