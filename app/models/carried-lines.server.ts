// A teacher's register lines and activity completions follow them to their new place in the same edition
// (ADR 0019, addendum "a teacher's lines follow them back into an edition"). A teacher who had a place in an
// edition, lost it (cancelled, removed, moved to another edition, an offer let go…) and is seated there again —
// enrolling again, placed by the organiser, moved back, selected, promoted from the waitlist — is the same person
// in the same room: the sessions they attended are theirs. The lines are re-pointed to the new place, in the
// transaction that seats it, so the register, the hours, the progress and the certificate read them once, on the
// current place. Called by recordChange for every change to "iscritto", and by enrol() after the burst's seat.
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { linesToCarry } from "~/domain/attendance.ts";
import { ENROLMENT_TERMINAL } from "~/domain/state-machine.ts";
import { writeAudit } from "./audit.server.ts";

export type Tx = Prisma.TransactionClient;

/**
 * The teacher's ended places in the edition of `enrolmentId` that hold lines or completions, the one that ended
 * last first. Left out: a place with a certificate (valid or revoked: its lines are what it certified), and every
 * place of an edition whose register is closed (read-only once the certificates are issued).
 */
function earlierPlacesWhere(enrolmentId: string, userId: string): Prisma.EnrolmentWhereInput {
  return {
    userId,
    id: { not: enrolmentId },
    status: { in: [...ENROLMENT_TERMINAL] },
    edition: { attendanceClosedAt: null, enrolments: { some: { id: enrolmentId } } },
    certificates: { none: {} },
    OR: [{ attendance: { some: {} } }, { activityCompletions: { some: {} } }],
  };
}

/** Whether a seated place has earlier lines to take (one read; nothing to do for almost every place). */
export async function hasEarlierLines(db: Tx, enrolmentId: string, userId: string): Promise<boolean> {
  return (await db.enrolment.count({ where: earlierPlacesWhere(enrolmentId, userId) })) > 0;
}

/**
 * Re-points to the seated place `enrolmentId` the lines and completions of the teacher's earlier ended places in
 * the same edition (linesToCarry: one per session, the new place's own first, then the place that ended last).
 * The caller's transaction has just seated the place. The sessions concerned are locked as the register's writers
 * lock them (recordAttendance, setActivityCompletions), so no line is written for the place meanwhile. The line's
 * history (AttendanceChange) stays as it was written; the edition's change log says what was carried.
 */
export async function carryEarlierLines(
  tx: Tx,
  place: { enrolmentId: string; userId: string; actorId: string | null },
): Promise<{ lines: number; completions: number }> {
  const { enrolmentId, userId } = place;
  const earlier = await tx.enrolment.findMany({
    where: earlierPlacesWhere(enrolmentId, userId),
    orderBy: [{ endedAt: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      editionId: true,
      attendance: { select: { id: true, sessionId: true, enrolmentId: true } },
      activityCompletions: { select: { sessionId: true, enrolmentId: true } },
    },
  });
  if (earlier.length === 0) return { lines: 0, completions: 0 };
  const editionId = earlier[0]!.editionId;
  const sessionIds = [
    ...new Set(earlier.flatMap((p) => [...p.attendance, ...p.activityCompletions].map((l) => l.sessionId))),
  ];
  await tx.trainingSession.updateMany({ where: { id: { in: sessionIds } }, data: { minutes: { increment: 0 } } });
  const [heldLines, heldCompletions] = await Promise.all([
    tx.attendanceRecord.findMany({ where: { enrolmentId }, select: { sessionId: true } }),
    tx.activityCompletion.findMany({ where: { enrolmentId }, select: { sessionId: true } }),
  ]);
  const lines = linesToCarry(
    earlier.map((p) => ({ lines: p.attendance })),
    new Set(heldLines.map((l) => l.sessionId)),
  );
  const completions = linesToCarry(
    earlier.map((p) => ({ lines: p.activityCompletions })),
    new Set(heldCompletions.map((c) => c.sessionId)),
  );
  if (lines.length > 0)
    await tx.attendanceRecord.updateMany({ where: { id: { in: lines.map((l) => l.id) } }, data: { enrolmentId } });
  for (const from of earlier) {
    const sessions = completions.filter((c) => c.enrolmentId === from.id).map((c) => c.sessionId);
    if (sessions.length > 0)
      await tx.activityCompletion.updateMany({
        where: { enrolmentId: from.id, sessionId: { in: sessions } },
        data: { enrolmentId },
      });
  }
  if (lines.length + completions.length > 0)
    await writeAudit(tx, {
      actorId: place.actorId,
      entityType: "edition",
      entityId: editionId,
      action: "registro-riportato",
      details: {
        userId,
        enrolmentId,
        fromEnrolmentIds: [...new Set([...lines, ...completions].map((l) => l.enrolmentId))],
        lines: lines.length,
        completions: completions.length,
      },
    });
  return { lines: lines.length, completions: completions.length };
}
