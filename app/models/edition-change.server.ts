// "Edition changed": when updateEvent moves a session (time, delivery or place: the sequence
// increments), every teacher holding a place in that edition gets one notification, written in
// the same transaction, whose email carries the updated invitation (same UIDs, higher SEQUENCE).
// When sessions were deleted, the payload names them (cancelledSessions): the email then also
// carries a METHOD:CANCEL for their UIDs, built from their CancelledSession tombstones.
import { createHash } from "node:crypto";
import type { Tx } from "./audit.server.ts";
import { writeNotificationsOnce } from "./notification-writer.server.ts";

/**
 * Names one change of an edition's schedule: the sessions with their sequence after the change.
 * Sequences only grow, so a later change has another name, and a replay of the same one the same.
 */
export function scheduleChangeKey(sessions: { id: string; sequence: number }[]): string {
  const state = [...sessions]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((s) => `${s.id}@${s.sequence}`)
    .join(",");
  return createHash("sha256").update(state).digest("base64url").slice(0, 22);
}

export type EditionChangeOptions = {
  /** Sessions deleted by this change (their tombstones are written already). */
  cancelledSessionIds?: string[];
  /** Some kept session also moved: the email's main invitation is then the REQUEST, not the CANCEL. */
  rescheduled?: boolean;
};

/** Call inside the transaction that moved the edition's sessions, after the moves. Returns how many were told. */
export async function notifyEditionChanged(
  tx: Tx,
  editionId: string,
  options: EditionChangeOptions = {},
): Promise<number> {
  const edition = await tx.edition.findUnique({
    where: { id: editionId },
    select: {
      number: true,
      status: true,
      event: { select: { title: true } },
      sessions: {
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        select: { id: true, sequence: true, title: true, startsAt: true, endsAt: true },
      },
    },
  });
  if (!edition || edition.status === "annullata") return 0;
  const places = await tx.enrolment.findMany({
    where: { editionId, status: "iscritto" },
    select: { id: true, userId: true },
  });
  if (places.length === 0) return 0;
  const change = scheduleChangeKey(edition.sessions);
  const cancelled = options.cancelledSessionIds?.length
    ? await tx.cancelledSession.findMany({
        where: { editionId, id: { in: options.cancelledSessionIds } },
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        select: { id: true, title: true, startsAt: true, endsAt: true },
      })
    : [];
  const payload = {
    eventTitle: edition.event.title,
    editionNumber: edition.number,
    sessions: edition.sessions.map((s) => ({
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      title: s.title,
    })),
    ...(cancelled.length
      ? {
          rescheduled: options.rescheduled === true,
          cancelledSessions: cancelled.map((s) => ({
            id: s.id,
            startsAt: s.startsAt.toISOString(),
            endsAt: s.endsAt.toISOString(),
            title: s.title,
          })),
        }
      : {}),
  };
  // A replay of the same change finds its rows already there and adds nothing.
  return writeNotificationsOnce(
    tx,
    places.map((p) => ({
      kind: "edizione-modificata" as const,
      userId: p.userId,
      enrolmentId: p.id,
      scheduleKey: change,
      payload,
    })),
  );
}
