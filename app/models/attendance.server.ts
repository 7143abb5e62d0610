// Register lines of a synchronous session, written by the trainer's register, the webinar report
// import and the QR self check-in. Every change of a line is recorded (who, when, old -> new,
// source) in the same transaction; lines that do not change are not touched.
//
// Access is the caller's job (requireRegisterSession for trainers and organisers; the check-in
// route for the teacher's own line): this module only checks what makes a line valid.
//
// Refusals are thrown as AttendanceRefusedError (a typed error, nothing written):
// - "sessione-asincrona": asynchronous activities have no register (see ActivityCompletion);
// - "non-iniziato": the register opens at the session's start (now < startsAt); the QR check-in
//   (source "check-in") opens earlier, with its window (app/domain/check-in.ts);
// - "righe-non-valide": some lines are wrong, each named with its problem: the enrolment is not
//   an "iscritto" place of the session's edition, the same enrolment twice, an unknown status,
//   missing or out-of-range minutes for late arrival / early exit (0..the session's minutes), or
//   ("modificata") the line has changed since the page that sends it showed it (`shown`), or
//   ("gia-registrata") an arrival mark meets a line that already records the person there, or a
//   check-in (source "check-in") meets any line (the trainer's mark wins), read under the session's lock.
// Minutes sent with a status that is not partial are ignored (stored as null). A line's note (the
// trainer's, at most REGISTER_NOTE_MAX characters, checked by the page's form) is written when the
// mark says it (a string, or null to remove it); a mark without one (check-in, report import) keeps
// the line's note. The history records the note before and after each change.
// A mark with status null takes the line back to "not recorded" (the register's "Nessuna
// registrazione" on a recorded line: a check-in or a "segna presenti" on a session that did not take
// place): the line, its minutes and its note are deleted, under the same checks (`shown` included),
// and the history records the change to null. A session whose lines are all cleared can then be
// moved or removed by the event form (updateEvent refuses both while it has lines).
//
// Cost: a fixed number of statements whatever the number of lines (read the session, the
// enrolments and the existing lines in one query each, createMany for new lines, one updateMany
// per distinct new value, createMany for the history), so a 350-line register saves in one short
// transaction on both engines.
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import {
  changedSinceShown,
  markProblem,
  PRESENT_STATUSES,
  recordsPresence,
  type EndedPlace,
  storedMinutes,
  type AttendanceStatus,
  type LineValue,
  type MarkProblem,
} from "~/domain/attendance.ts";
import { checkInWindow } from "~/domain/check-in.ts";
import { isNationalUnit, referentRegions, type Actor } from "~/domain/permissions.ts";
import { prisma } from "~/utils/db.server.ts";
import type { TrainerEdition } from "./edition-scope.server.ts";

type Tx = Prisma.TransactionClient;

export type AttendanceSource = "registro" | "importazione" | "check-in";

export type RegisterMark = {
  enrolmentId: string;
  /** null: clear the line (deleted, with its minutes and note; nothing happens if there is none). */
  status: AttendanceStatus | null;
  minutesAttended: number | null;
  /** The line's note: text, null to remove it, undefined to leave it as it is. */
  note?: string | null;
  /**
   * The line as the trainer's page showed it, when the page says so: if the register has changed
   * since (another tab, a colleague, a check-in, an import), the line is refused as "modificata"
   * instead of silently overwriting that change.
   */
  shown?: LineValue;
  /**
   * An arrival mark (the trainer's "Segna presente"): refused as "gia-registrata" when the line
   * already records the person there (present, late, left early: recordsPresence), checked inside
   * the transaction; a line recording them absent or excused is replaced.
   */
  arrival?: boolean;
};

export type LineProblem = MarkProblem | "non-iscritto" | "duplicato" | "modificata" | "gia-registrata";

export type AttendanceRefusal =
  | { kind: "sessione-non-trovata" }
  | { kind: "sessione-asincrona" }
  | { kind: "non-iniziato"; startsAt: Date }
  | {
      kind: "righe-non-valide";
      /** `current`: what the register holds now, for a line refused as "modificata". */
      lines: { enrolmentId: string; problem: LineProblem; current?: LineValue }[];
    };

export class AttendanceRefusedError extends Error {
  constructor(readonly refusal: AttendanceRefusal) {
    super(`Registro presenze: ${refusal.kind}`);
    this.name = "AttendanceRefusedError";
  }
}

/** Long registers wait for the session's lock behind a burst of check-ins: more than Prisma's 2 s default. */
const REGISTER_TRANSACTION = { maxWait: 15_000, timeout: 20_000 } as const;

/**
 * Whether a session's register can be written at `now`: synchronous and already started, or, for a
 * check-in at arrival (the participant's own QR code, or the trainer marking someone who has just
 * arrived: `atArrival`), inside the check-in window that opens before the start.
 */
export function registerOpenRefusal(
  session: { delivery: string; startsAt: Date; endsAt: Date },
  now: Date,
  source: AttendanceSource = "registro",
  atArrival = source === "check-in",
): Extract<AttendanceRefusal, { kind: "sessione-asincrona" | "non-iniziato" }> | null {
  if (session.delivery === "asincrona") return { kind: "sessione-asincrona" };
  const opensAt = atArrival ? checkInWindow(session).opensAt : session.startsAt;
  if (now.getTime() < opensAt.getTime()) return { kind: "non-iniziato", startsAt: session.startsAt };
  return null;
}

/**
 * Saves the given lines of one session's register in one transaction and returns how many
 * changed. Throws AttendanceRefusedError (nothing saved) when the session or any line is refused.
 */
export async function recordAttendance(
  actorId: string,
  sessionId: string,
  marks: ReadonlyArray<RegisterMark>,
  source: AttendanceSource,
  now: Date = new Date(),
  /** A check-in at arrival (see registerOpenRefusal): the register opens with the check-in window. */
  atArrival = source === "check-in",
): Promise<{ changed: number }> {
  return prisma.$transaction(async (tx) => {
    // A write to the session's row first: on PostgreSQL the row lock serialises concurrent saves
    // of this register (a trainer and 30 check-ins at once), on SQLite it takes the write lock
    // before the reads, so the lines read below are still current when written.
    const session = await lockSession(tx, sessionId);
    if (!session) throw new AttendanceRefusedError({ kind: "sessione-non-trovata" });
    const closed = registerOpenRefusal(session, now, source, atArrival);
    if (closed) throw new AttendanceRefusedError(closed);

    const ids = [...new Set(marks.map((m) => m.enrolmentId))];
    const enrolled = await tx.enrolment.findMany({
      where: { id: { in: ids }, editionId: session.editionId, status: "iscritto" },
      select: { id: true },
    });
    const enrolledIds = new Set(enrolled.map((e) => e.id));
    const problems: { enrolmentId: string; problem: LineProblem }[] = [];
    const seen = new Set<string>();
    for (const mark of marks) {
      const problem: LineProblem | null = seen.has(mark.enrolmentId)
        ? "duplicato"
        : !enrolledIds.has(mark.enrolmentId)
          ? "non-iscritto"
          : mark.status === null
            ? null
            : markProblem(mark.status, mark.minutesAttended, session.minutes);
      seen.add(mark.enrolmentId);
      if (problem) problems.push({ enrolmentId: mark.enrolmentId, problem });
    }
    if (problems.length > 0) throw new AttendanceRefusedError({ kind: "righe-non-valide", lines: problems });

    const existing = await tx.attendanceRecord.findMany({
      where: { sessionId, enrolmentId: { in: ids } },
      select: { id: true, enrolmentId: true, status: true, minutesAttended: true, note: true },
    });
    const current = new Map(existing.map((r) => [r.enrolmentId, r]));
    const moved = marks.flatMap((mark): { enrolmentId: string; problem: LineProblem; current: LineValue }[] => {
      const line = current.get(mark.enrolmentId);
      const held: LineValue = {
        status: (line?.status as AttendanceStatus | undefined) ?? null,
        minutesAttended: line?.minutesAttended ?? null,
        note: line?.note ?? null,
      };
      if (mark.arrival && recordsPresence(held.status))
        return [{ enrolmentId: mark.enrolmentId, problem: "gia-registrata", current: held }];
      // A check-in writes a new line only: whatever the register holds (a trainer's "assente" or corrected times
      // saved since the teacher's page was checked) is read here, under the session's lock, and kept (ADR 0010).
      if (source === "check-in" && held.status !== null)
        return [{ enrolmentId: mark.enrolmentId, problem: "gia-registrata", current: held }];
      if (!mark.shown) return [];
      const next: LineValue =
        mark.status === null
          ? { status: null, minutesAttended: null, note: null }
          : {
              status: mark.status,
              minutesAttended: storedMinutes(mark.status, mark.minutesAttended),
              ...(mark.note === undefined ? {} : { note: mark.note }),
            };
      return changedSinceShown(mark.shown, held, next)
        ? [{ enrolmentId: mark.enrolmentId, problem: "modificata", current: held }]
        : [];
    });
    if (moved.length > 0) throw new AttendanceRefusedError({ kind: "righe-non-valide", lines: moved });

    const created: Prisma.AttendanceRecordCreateManyInput[] = [];
    /** Changed lines grouped by their new value (a note undefined: kept as it is): one updateMany per group. */
    const updates = new Map<string, { status: string; minutes: number | null; note?: string | null; ids: string[] }>();
    const history: Prisma.AttendanceChangeCreateManyInput[] = [];
    /** Lines taken back to "not recorded". */
    const cleared: string[] = [];
    for (const mark of marks) {
      const before = current.get(mark.enrolmentId);
      if (mark.status === null) {
        if (!before) continue;
        cleared.push(before.id);
        history.push({
          sessionId,
          enrolmentId: mark.enrolmentId,
          at: now,
          actorId,
          fromStatus: before.status,
          fromMinutes: before.minutesAttended,
          toStatus: null,
          toMinutes: null,
          fromNote: before.note,
          toNote: null,
          source,
        });
        continue;
      }
      const minutes = storedMinutes(mark.status, mark.minutesAttended);
      const note = mark.note === undefined ? (before?.note ?? null) : mark.note;
      if (before && before.status === mark.status && before.minutesAttended === minutes && before.note === note)
        continue;
      if (before) {
        const key = `${mark.status}:${minutes ?? ""}:${mark.note === undefined ? "" : JSON.stringify(mark.note)}`;
        const group = updates.get(key) ?? {
          status: mark.status,
          minutes,
          ...(mark.note === undefined ? {} : { note: mark.note }),
          ids: [],
        };
        group.ids.push(before.id);
        updates.set(key, group);
      } else {
        created.push({
          sessionId,
          enrolmentId: mark.enrolmentId,
          status: mark.status,
          minutesAttended: minutes,
          note,
          source,
          recordedById: actorId,
          recordedAt: now,
        });
      }
      history.push({
        sessionId,
        enrolmentId: mark.enrolmentId,
        at: now,
        actorId,
        fromStatus: before?.status ?? null,
        fromMinutes: before?.minutesAttended ?? null,
        toStatus: mark.status,
        toMinutes: minutes,
        fromNote: before?.note ?? null,
        toNote: note,
        source,
      });
    }
    if (created.length > 0) await tx.attendanceRecord.createMany({ data: created });
    if (cleared.length > 0) await tx.attendanceRecord.deleteMany({ where: { id: { in: cleared } } });
    for (const group of updates.values()) {
      await tx.attendanceRecord.updateMany({
        where: { id: { in: group.ids } },
        data: {
          status: group.status,
          minutesAttended: group.minutes,
          ...(group.note === undefined ? {} : { note: group.note }),
          source,
          recordedById: actorId,
          recordedAt: now,
        },
      });
    }
    if (history.length > 0) await tx.attendanceChange.createMany({ data: history });
    return { changed: history.length };
  }, REGISTER_TRANSACTION);
}

/**
 * Whether a register line of the edition records the teacher of this place there (present, late, left early:
 * recordsPresence, by their QR check-in, the trainer's mark or a report import), read under the lock every
 * register writer takes first (lockSession: a write to the session's row; here to every live session of the
 * edition), inside the caller's transaction. A check-in or a mark under way commits first and is read here; one
 * that comes later waits for the caller's transaction and then reads the place as it left it (recordAttendance
 * takes only "iscritto" places). The teacher's lines of earlier places in the edition are on this one once it is
 * seated (carryEarlierLines). Used by the teacher's own cancellation (endEnrolment, ADR 0011 addendum).
 */
export async function presenceRecordedLocked(tx: Tx, editionId: string, enrolmentId: string): Promise<boolean> {
  await tx.trainingSession.updateMany({
    where: { editionId, delivery: "sincrona" },
    data: { minutes: { increment: 0 } },
  });
  const line = await tx.attendanceRecord.findFirst({
    where: { enrolmentId, status: { in: [...PRESENT_STATUSES] } },
    select: { id: true },
  });
  return line !== null;
}

async function lockSession(tx: Tx, sessionId: string) {
  try {
    return await tx.trainingSession.update({
      where: { id: sessionId },
      // A write that changes nothing ("minutes = minutes + 0") but takes the row's lock.
      data: { minutes: { increment: 0 } },
      select: { id: true, editionId: true, delivery: true, startsAt: true, endsAt: true, minutes: true },
    });
  } catch (error) {
    if (typeof error === "object" && error !== null && (error as { code?: string }).code === "P2025") return null;
    throw error;
  }
}

/**
 * The places a session's register lists (ADR 0019, addendum): every current place ("iscritto") and every
 * place that has a line for this session, whatever happened to it since (moved to another edition,
 * removed, cancelled, the account closed): a register printed or read after a move is still that day's.
 */
export function registerPlacesWhere(editionId: string, sessionId: string): Prisma.EnrolmentWhereInput {
  return { editionId, OR: [{ status: "iscritto" }, { attendance: { some: { sessionId } } }] };
}

/**
 * What ended a place listed in a register (null while it is current, "iscritto"): its status, when, and
 * for a move the number of the edition it went to. Its line stays, read-only (recordAttendance refuses it).
 */
export async function endedPlaces(
  places: ReadonlyArray<{ id: string; status: string; endedAt: Date | null }>,
): Promise<Map<string, EndedPlace>> {
  const ended = places.filter((p) => p.status !== "iscritto");
  const moved = ended.filter((p) => p.status === "spostato").map((p) => p.id);
  const targets =
    moved.length === 0
      ? []
      : await prisma.enrolment.findMany({
          where: { movedFromId: { in: moved } },
          select: { movedFromId: true, edition: { select: { number: true } } },
        });
  const movedTo = new Map(targets.map((t) => [t.movedFromId, t.edition.number]));
  return new Map(
    ended.map((p) => [p.id, { status: p.status, endedAt: p.endedAt, movedToEdition: movedTo.get(p.id) ?? null }]),
  );
}

/**
 * Everything the register page shows: its places by surname with their line (the ended ones marked with
 * `ended`, read-only), and the history.
 */
export async function loadRegister(sessionId: string) {
  const session = await prisma.trainingSession.findUnique({
    where: { id: sessionId },
    select: { id: true, editionId: true, startsAt: true, endsAt: true },
  });
  if (!session) return null;
  const [enrolments, history, syncSessions] = await Promise.all([
    prisma.enrolment.findMany({
      where: registerPlacesWhere(session.editionId, sessionId),
      select: {
        id: true,
        status: true,
        endedAt: true,
        user: { select: { firstName: true, lastName: true, email: true } },
        attendance: {
          where: { sessionId },
          select: { status: true, minutesAttended: true, note: true, source: true, recordedAt: true },
        },
      },
    }),
    prisma.attendanceChange.findMany({
      where: { sessionId },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: HISTORY_LIMIT,
      select: {
        id: true,
        at: true,
        actorId: true,
        fromStatus: true,
        fromMinutes: true,
        toStatus: true,
        toMinutes: true,
        fromNote: true,
        toNote: true,
        source: true,
        enrolment: { select: { user: { select: { firstName: true, lastName: true } } } },
      },
    }),
    prisma.trainingSession.findMany({
      where: { editionId: session.editionId, delivery: { not: "asincrona" } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: { id: true },
    }),
  ]);
  const historyCount = await prisma.attendanceChange.count({ where: { sessionId } });
  const actorIds = [...new Set(history.map((h) => h.actorId).filter((id): id is string => id !== null))];
  const actors = await prisma.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, firstName: true, lastName: true },
  });
  // Names, not strings: the page says a closed account's pseudonym in its language (nameIn).
  const actorName = new Map(actors.map((a) => [a.id, { firstName: a.firstName, lastName: a.lastName }]));
  const ended = await endedPlaces(enrolments);
  const participants = enrolments
    .map((e) => ({
      enrolmentId: e.id,
      firstName: e.user.firstName,
      lastName: e.user.lastName,
      email: e.user.email,
      line: e.attendance[0] ?? null,
      ended: ended.get(e.id) ?? null,
    }))
    .sort(bySurname);
  return {
    number: syncSessions.findIndex((s) => s.id === sessionId) + 1,
    participants,
    history: history.map((h) => ({
      id: h.id,
      at: h.at,
      actor: h.actorId ? (actorName.get(h.actorId) ?? null) : null,
      participant: { firstName: h.enrolment.user.firstName, lastName: h.enrolment.user.lastName },
      fromStatus: h.fromStatus,
      fromMinutes: h.fromMinutes,
      toStatus: h.toStatus,
      toMinutes: h.toMinutes,
      fromNote: h.fromNote,
      toNote: h.toNote,
      source: h.source,
    })),
    historyCount,
  };
}

/** The register page shows the latest changes; the CSV export has every line. */
export const HISTORY_LIMIT = 500;

export function bySurname(
  a: { lastName: string; firstName: string; email: string },
  b: { lastName: string; firstName: string; email: string },
) {
  return (
    a.lastName.localeCompare(b.lastName, "it") ||
    a.firstName.localeCompare(b.firstName, "it") ||
    a.email.localeCompare(b.email)
  );
}

/** For the edition page: how many register lines each synchronous session has. */
export async function registerCounts(editionId: string): Promise<Map<string, number>> {
  const rows = await prisma.attendanceRecord.groupBy({
    by: ["sessionId"],
    where: { session: { editionId }, enrolment: { status: "iscritto" } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.sessionId, r._count._all]));
}

/** For the edition page: completed activities as "sessionId:enrolmentId" keys. */
export async function activityCompletionKeys(editionId: string): Promise<Set<string>> {
  const rows = await prisma.activityCompletion.findMany({
    where: { session: { editionId } },
    select: { sessionId: true, enrolmentId: true },
  });
  return new Set(rows.map((r) => `${r.sessionId}:${r.enrolmentId}`));
}

/**
 * Applies the activities form of an edition: `done` holds the "sessionId:enrolmentId" boxes ticked on
 * the page, `shown` those the page showed ticked when it was loaded. Only the boxes changed on the page
 * are written: ticked there (in `done`, not in `shown`) becomes completed, unticked there (in `shown`, not
 * in `done`) is removed; any other box is left as the database holds it, so a page opened before someone
 * else's save (another trainer's "completed for everyone", another tab) does not undo it. Each change is
 * recorded in the history ("completata" -> null or null -> "completata"). Lines of enrolments that are not
 * "iscritto" in this edition, or activities of other editions, are ignored.
 */
export async function setActivityCompletions(
  scope: TrainerEdition,
  activityIds: readonly string[],
  { done, shown }: { done: ReadonlySet<string>; shown: ReadonlySet<string> },
  now: Date = new Date(),
): Promise<{ changed: number }> {
  const { id: editionId, actorId } = scope;
  return prisma.$transaction(async (tx) => {
    const activities = await tx.trainingSession.findMany({
      where: { id: { in: [...activityIds] }, editionId, delivery: "asincrona" },
      select: { id: true },
    });
    if (activities.length === 0) return { changed: 0 };
    const ids = activities.map((a) => a.id);
    // Serialise with other saves of these activities (see lockSession).
    await tx.trainingSession.updateMany({ where: { id: { in: ids } }, data: { minutes: { increment: 0 } } });
    const [enrolments, existing] = await Promise.all([
      tx.enrolment.findMany({ where: { editionId, status: "iscritto" }, select: { id: true } }),
      tx.activityCompletion.findMany({
        where: { sessionId: { in: ids } },
        select: { sessionId: true, enrolmentId: true },
      }),
    ]);
    const has = new Set(existing.map((c) => `${c.sessionId}:${c.enrolmentId}`));
    const toCreate: Prisma.ActivityCompletionCreateManyInput[] = [];
    const toRemove: { sessionId: string; enrolmentId: string }[] = [];
    for (const sessionId of ids) {
      for (const { id: enrolmentId } of enrolments) {
        const key = `${sessionId}:${enrolmentId}`;
        // Not changed on the page: whatever was saved meanwhile stays.
        if (done.has(key) === shown.has(key)) continue;
        if (done.has(key) && !has.has(key))
          toCreate.push({ sessionId, enrolmentId, completedAt: now, recordedById: actorId });
        if (!done.has(key) && has.has(key)) toRemove.push({ sessionId, enrolmentId });
      }
    }
    if (toCreate.length > 0) await tx.activityCompletion.createMany({ data: toCreate });
    for (const sessionId of ids) {
      const enrolmentIds = toRemove.filter((r) => r.sessionId === sessionId).map((r) => r.enrolmentId);
      if (enrolmentIds.length > 0)
        await tx.activityCompletion.deleteMany({ where: { sessionId, enrolmentId: { in: enrolmentIds } } });
    }
    const history: Prisma.AttendanceChangeCreateManyInput[] = [
      ...toCreate.map((c) => ({
        sessionId: c.sessionId,
        enrolmentId: c.enrolmentId,
        at: now,
        actorId,
        fromStatus: null,
        toStatus: "completata",
        source: "registro",
      })),
      ...toRemove.map((r) => ({
        ...r,
        at: now,
        actorId,
        fromStatus: "completata",
        toStatus: null,
        source: "registro",
      })),
    ];
    if (history.length > 0) await tx.attendanceChange.createMany({ data: history });
    return { changed: history.length };
  }, REGISTER_TRANSACTION);
}

/** "Incontro N": the session's place among its edition's synchronous sessions (0 when asynchronous). */
export async function sessionNumberOf(editionId: string, sessionId: string): Promise<number> {
  const sessions = await prisma.trainingSession.findMany({
    where: { editionId, delivery: { not: "asincrona" } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return sessions.findIndex((s) => s.id === sessionId) + 1;
}

/**
 * For organisers: the editions of the events they manage (canManageEvent: every event for the
 * national unit, their regions' regional events for a referent) that have started, latest first.
 */
export async function listManagedStartedEditions(actor: Actor, now: Date = new Date(), take = 50) {
  const national = isNationalUnit(actor);
  const regions = referentRegions(actor);
  if (!national && regions.length === 0) return [];
  return prisma.edition.findMany({
    where: {
      startsOn: { lte: now },
      event: {
        status: { in: ["pubblicato", "chiuso"] },
        ...(national ? {} : { level: "regionale", regionCode: { in: regions } }),
      },
    },
    orderBy: [{ startsOn: "desc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      number: true,
      status: true,
      startsOn: true,
      endsOn: true,
      seatsTaken: true,
      attendanceClosedAt: true,
      event: { select: { id: true, title: true, titleLanguage: true } },
    },
  });
}

/** Enrolments that already have a line in this session's register ("segna tutti presenti" leaves them alone). */
export async function recordedEnrolmentIds(sessionId: string): Promise<Set<string>> {
  const rows = await prisma.attendanceRecord.findMany({ where: { sessionId }, select: { enrolmentId: true } });
  return new Set(rows.map((r) => r.enrolmentId));
}
