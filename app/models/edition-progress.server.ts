// Each participant's certified hours and completion in one edition: the register lines, the
// completed asynchronous activities and the event's completion rule, put through the rules of
// app/domain/attendance.ts. Used by the trainer's edition page, the certificate issue, the
// teacher's enrolments and the hours report, so every view counts hours the same way.
import {
  progressOf,
  type AsyncActivity,
  type AttendanceMark,
  type AttendanceStatus,
  type Progress,
  type SyncSession,
} from "~/domain/attendance.ts";
import { prisma } from "~/utils/db.server.ts";
import { sqlRead, toBool, toDate, toInt } from "~/utils/sql.server.ts";

export type ParticipantProgress = {
  enrolmentId: string;
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  schoolName: string | null;
  schoolCode: string | null;
  /** The region of the person's profile (a code, e.g. "toscana"). */
  regionCode: string | null;
  /** The person closed the account: the name is a pseudonym ("Account chiuso 3f9a2c"), no certificate is issued. */
  accountClosed: boolean;
  progress: Progress;
};

export type EditionAttendancePlan = {
  syncSessions: (SyncSession & { title: string; startsAt: Date; endsAt: Date })[];
  activities: (AsyncActivity & { title: string; startsAt: Date; endsAt: Date })[];
  minimumPercent: number;
};

type PlanSession = {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  delivery: string;
  minutes: number;
  required: boolean;
};

/** An edition's plan from its sessions in date order and its event's completion share. */
function attendancePlanOf(sessions: readonly PlanSession[], minimumPercent: number): EditionAttendancePlan {
  return {
    syncSessions: sessions
      .filter((s) => s.delivery !== "asincrona")
      .map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, minutes: s.minutes })),
    activities: sessions
      .filter((s) => s.delivery === "asincrona")
      .map((s) => ({
        id: s.id,
        title: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        minutes: s.minutes,
        required: s.required,
      })),
    minimumPercent,
  };
}

/** The edition's synchronous sessions, asynchronous activities and completion share, in date order. */
export async function editionAttendancePlan(editionId: string): Promise<EditionAttendancePlan | null> {
  const edition = await prisma.edition.findUnique({
    where: { id: editionId },
    select: {
      event: { select: { completionPercent: true } },
      sessions: {
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        select: { id: true, title: true, startsAt: true, endsAt: true, delivery: true, minutes: true, required: true },
      },
    },
  });
  if (!edition) return null;
  return attendancePlanOf(edition.sessions, edition.event.completionPercent);
}

/** `$from+1, $from+2, …`: one placeholder per value of an IN list. */
function placeholders(count: number, from = 0): string {
  return Array.from({ length: count }, (_, i) => `$${from + i + 1}`).join(", ");
}

/**
 * The progress of some places, each in its own edition (one teacher's "Le mie iscrizioni", review 0019, teacher,
 * finding 3): the same rules as editionProgress, in two statements however many places there are (their editions'
 * sessions; their register lines with their completed activities), where a call per place took several each.
 * `minimumPercent` is each place's event's completion share. Keyed by enrolment id.
 */
export async function placesProgress(
  places: readonly { enrolmentId: string; editionId: string; minimumPercent: number }[],
): Promise<Map<string, { plan: EditionAttendancePlan; progress: Progress }>> {
  const result = new Map<string, { plan: EditionAttendancePlan; progress: Progress }>();
  if (places.length === 0) return result;
  const editionIds = [...new Set(places.map((p) => p.editionId))];
  const enrolmentIds = places.map((p) => p.enrolmentId);
  const inPlaces = placeholders(enrolmentIds.length);
  const [sessionRows, lineRows] = await Promise.all([
    sqlRead<{
      editionId: string;
      id: string;
      title: string;
      startsAt: Date | string;
      endsAt: Date | string;
      delivery: string;
      minutes: number | bigint | string;
      required: boolean | number | bigint | string;
    }>(
      `SELECT "editionId", "id", "title", "startsAt", "endsAt", "delivery", "minutes", "required"
       FROM "TrainingSession" WHERE "editionId" IN (${placeholders(editionIds.length)})
       ORDER BY "startsAt" ASC, "id" ASC`,
      ...editionIds,
    ),
    // A register line (with its status) or a completed activity (status null), the one kind told by "line".
    sqlRead<{
      line: number | bigint | string;
      enrolmentId: string;
      sessionId: string;
      status: string | null;
      minutesAttended: number | bigint | string | null;
    }>(
      `SELECT 1 AS "line", "enrolmentId", "sessionId", "status", "minutesAttended"
       FROM "AttendanceRecord" WHERE "enrolmentId" IN (${inPlaces})
       UNION ALL
       SELECT 0, "enrolmentId", "sessionId", NULL, NULL
       FROM "ActivityCompletion" WHERE "enrolmentId" IN (${inPlaces})`,
      ...enrolmentIds,
    ),
  ]);
  const sessionsOf = new Map<string, PlanSession[]>();
  for (const r of sessionRows) {
    const list = sessionsOf.get(r.editionId) ?? [];
    list.push({
      id: r.id,
      title: r.title,
      startsAt: toDate(r.startsAt),
      endsAt: toDate(r.endsAt),
      delivery: r.delivery,
      minutes: toInt(r.minutes),
      required: toBool(r.required),
    });
    sessionsOf.set(r.editionId, list);
  }
  const marksOf = new Map<string, AttendanceMark[]>();
  const doneOf = new Map<string, Set<string>>();
  for (const r of lineRows) {
    if (toInt(r.line) === 1) {
      const marks = marksOf.get(r.enrolmentId) ?? [];
      marks.push({
        sessionId: r.sessionId,
        status: r.status as AttendanceStatus,
        minutesAttended: toInt(r.minutesAttended),
      });
      marksOf.set(r.enrolmentId, marks);
    } else {
      const done = doneOf.get(r.enrolmentId) ?? new Set<string>();
      done.add(r.sessionId);
      doneOf.set(r.enrolmentId, done);
    }
  }
  for (const p of places) {
    const plan = attendancePlanOf(sessionsOf.get(p.editionId) ?? [], p.minimumPercent);
    result.set(p.enrolmentId, {
      plan,
      progress: progressOf(
        plan.syncSessions,
        plan.activities,
        marksOf.get(p.enrolmentId) ?? [],
        doneOf.get(p.enrolmentId) ?? new Set(),
        { minimumPercent: plan.minimumPercent },
      ),
    });
  }
  return result;
}

/**
 * Progress of every enrolled participant ("iscritto") of the edition, ordered by surname, name.
 * `enrolmentIds` narrows it to some participants (one teacher's own view).
 */
export async function editionProgress(
  editionId: string,
  enrolmentIds?: readonly string[],
): Promise<{ plan: EditionAttendancePlan; participants: ParticipantProgress[] } | null> {
  const plan = await editionAttendancePlan(editionId);
  if (!plan) return null;
  // The edition's places, the seated ones kept below: with `status` in the WHERE, SQLite without statistics ties the
  // (status, offerExpiresAt) index with the edition's and took it, reading every seated place of the database for
  // the trainer's edition page and each issue of certificates (ADR 0029, addendum of 07/12/2026).
  const places = await prisma.enrolment.findMany({
    where: { editionId, ...(enrolmentIds ? { id: { in: [...enrolmentIds] } } : {}) },
    select: {
      id: true,
      status: true,
      user: {
        select: {
          id: true,
          firstName: true,
          lastName: true,
          email: true,
          schoolName: true,
          schoolCode: true,
          regionCode: true,
          closedAt: true,
        },
      },
      attendance: { select: { sessionId: true, status: true, minutesAttended: true } },
      activityCompletions: { select: { sessionId: true } },
    },
  });
  const enrolments = places.filter((e) => e.status === "iscritto");
  const participants = enrolments.map((e) => {
    const marks: AttendanceMark[] = e.attendance.map((a) => ({
      sessionId: a.sessionId,
      status: a.status as AttendanceStatus,
      minutesAttended: a.minutesAttended,
    }));
    const done = new Set(e.activityCompletions.map((c) => c.sessionId));
    return {
      enrolmentId: e.id,
      userId: e.user.id,
      firstName: e.user.firstName,
      lastName: e.user.lastName,
      email: e.user.email,
      schoolName: e.user.schoolName,
      schoolCode: e.user.schoolCode,
      regionCode: e.user.regionCode,
      accountClosed: e.user.closedAt !== null,
      progress: progressOf(plan.syncSessions, plan.activities, marks, done, { minimumPercent: plan.minimumPercent }),
    };
  });
  participants.sort(
    (a, b) =>
      a.lastName.localeCompare(b.lastName, "it") ||
      a.firstName.localeCompare(b.firstName, "it") ||
      a.enrolmentId.localeCompare(b.enrolmentId),
  );
  return { plan, participants };
}
