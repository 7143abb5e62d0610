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

export type ParticipantProgress = {
  enrolmentId: string;
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  schoolName: string | null;
  schoolCode: string | null;
  /** The person closed the account: the name is a pseudonym ("Account chiuso 3f9a2c"), no certificate is issued. */
  accountClosed: boolean;
  progress: Progress;
};

export type EditionAttendancePlan = {
  syncSessions: (SyncSession & { title: string; startsAt: Date; endsAt: Date })[];
  activities: (AsyncActivity & { title: string; startsAt: Date; endsAt: Date })[];
  minimumPercent: number;
};

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
  return {
    syncSessions: edition.sessions
      .filter((s) => s.delivery !== "asincrona")
      .map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, minutes: s.minutes })),
    activities: edition.sessions
      .filter((s) => s.delivery === "asincrona")
      .map((s) => ({
        id: s.id,
        title: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        minutes: s.minutes,
        required: s.required,
      })),
    minimumPercent: edition.event.completionPercent,
  };
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
  const enrolments = await prisma.enrolment.findMany({
    where: { editionId, status: "iscritto", ...(enrolmentIds ? { id: { in: [...enrolmentIds] } } : {}) },
    select: {
      id: true,
      user: {
        select: {
          id: true,
          firstName: true,
          lastName: true,
          email: true,
          schoolName: true,
          schoolCode: true,
          closedAt: true,
        },
      },
      attendance: { select: { sessionId: true, status: true, minutesAttended: true } },
      activityCompletions: { select: { sessionId: true } },
    },
  });
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
