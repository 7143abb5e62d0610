// Register lines of a synchronous session, written by the trainer's register, the webinar report
// import and the QR self check-in. Every change of a line is recorded (who, when, old -> new,
// source) in the same transaction; lines that do not change are not touched.
//
// Access is the caller's job (requireRegisterSession for trainers and organisers; the check-in
// route for the teacher's own line): this module only checks what makes a line valid.
//
// Refusals are thrown as AttendanceRefusedError (a typed error, nothing written):
// - "sessione-asincrona": asynchronous activities have no register (see ActivityCompletion);
// - "non-iniziato": the register opens at the session's start (now < startsAt);
// - "righe-non-valide": some lines are wrong, each named with its problem: the enrolment is not
//   an "iscritto" place of the session's edition, the same enrolment twice, an unknown status,
//   missing or out-of-range minutes for late arrival / early exit (0..the session's minutes).
// Minutes sent with a status that is not partial are ignored (stored as null).
//
// Cost: a fixed number of statements whatever the number of lines (read the session, the
// enrolments and the existing lines in one query each, createMany for new lines, one updateMany
// per distinct new value, createMany for the history), so a 350-line register saves in one short
// transaction on both engines.
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { markProblem, storedMinutes, type AttendanceStatus, type MarkProblem } from "~/domain/attendance.ts";
import { prisma } from "~/utils/db.server.ts";

type Tx = Prisma.TransactionClient;

export type AttendanceSource = "registro" | "importazione" | "check-in";

export type RegisterMark = { enrolmentId: string; status: AttendanceStatus; minutesAttended: number | null };

export type LineProblem = MarkProblem | "non-iscritto" | "duplicato";

export type AttendanceRefusal =
  | { kind: "sessione-non-trovata" }
  | { kind: "sessione-asincrona" }
  | { kind: "non-iniziato"; startsAt: Date }
  | { kind: "righe-non-valide"; lines: { enrolmentId: string; problem: LineProblem }[] };

export class AttendanceRefusedError extends Error {
  constructor(readonly refusal: AttendanceRefusal) {
    super(`Registro presenze: ${refusal.kind}`);
    this.name = "AttendanceRefusedError";
  }
}

/** Long registers wait for the session's lock behind a burst of check-ins: more than Prisma's 2 s default. */
const REGISTER_TRANSACTION = { maxWait: 15_000, timeout: 20_000 } as const;

/** Whether a session's register can be written at `now`: synchronous and already started. */
export function registerOpenRefusal(session: { delivery: string; startsAt: Date }, now: Date): AttendanceRefusal | null {
  if (session.delivery === "asincrona") return { kind: "sessione-asincrona" };
  if (now.getTime() < session.startsAt.getTime()) return { kind: "non-iniziato", startsAt: session.startsAt };
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
): Promise<{ changed: number }> {
  return prisma.$transaction(async (tx) => {
    // A write to the session's row first: on PostgreSQL the row lock serialises concurrent saves
    // of this register (a trainer and 30 check-ins at once), on SQLite it takes the write lock
    // before the reads, so the lines read below are still current when written.
    const session = await lockSession(tx, sessionId);
    if (!session) throw new AttendanceRefusedError({ kind: "sessione-non-trovata" });
    const closed = registerOpenRefusal(session, now);
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
          : markProblem(mark.status, mark.minutesAttended, session.minutes);
      seen.add(mark.enrolmentId);
      if (problem) problems.push({ enrolmentId: mark.enrolmentId, problem });
    }
    if (problems.length > 0) throw new AttendanceRefusedError({ kind: "righe-non-valide", lines: problems });

    const existing = await tx.attendanceRecord.findMany({
      where: { sessionId, enrolmentId: { in: ids } },
      select: { id: true, enrolmentId: true, status: true, minutesAttended: true },
    });
    const current = new Map(existing.map((r) => [r.enrolmentId, r]));

    const created: Prisma.AttendanceRecordCreateManyInput[] = [];
    /** Changed lines grouped by their new value: one updateMany per group. */
    const updates = new Map<string, { status: string; minutes: number | null; ids: string[] }>();
    const history: Prisma.AttendanceChangeCreateManyInput[] = [];
    for (const mark of marks) {
      const minutes = storedMinutes(mark.status, mark.minutesAttended);
      const before = current.get(mark.enrolmentId);
      if (before && before.status === mark.status && before.minutesAttended === minutes) continue;
      if (before) {
        const key = `${mark.status}:${minutes ?? ""}`;
        const group = updates.get(key) ?? { status: mark.status, minutes, ids: [] };
        group.ids.push(before.id);
        updates.set(key, group);
      } else {
        created.push({ sessionId, enrolmentId: mark.enrolmentId, status: mark.status, minutesAttended: minutes, source, recordedById: actorId, recordedAt: now });
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
        source,
      });
    }
    if (created.length > 0) await tx.attendanceRecord.createMany({ data: created });
    for (const group of updates.values()) {
      await tx.attendanceRecord.updateMany({
        where: { id: { in: group.ids } },
        data: { status: group.status, minutesAttended: group.minutes, source, recordedById: actorId, recordedAt: now },
      });
    }
    if (history.length > 0) await tx.attendanceChange.createMany({ data: history });
    return { changed: history.length };
  }, REGISTER_TRANSACTION);
}

async function lockSession(tx: Tx, sessionId: string) {
  try {
    return await tx.trainingSession.update({
      where: { id: sessionId },
      // A write that changes nothing ("minutes = minutes + 0") but takes the row's lock.
      data: { minutes: { increment: 0 } },
      select: { id: true, editionId: true, delivery: true, startsAt: true, minutes: true },
    });
  } catch (error) {
    if (typeof error === "object" && error !== null && (error as { code?: string }).code === "P2025") return null;
    throw error;
  }
}
