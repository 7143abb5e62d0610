// The history of an enrolment (EnrolmentChange) and the notification that tells the teacher of a
// change, written together in the caller's transaction.
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import type { EnrolmentChangeKind } from "~/domain/notification-kinds.ts";
import { carryEarlierLines } from "./carried-lines.server.ts";
import { writeNotification } from "./notification-writer.server.ts";

export type Tx = Prisma.TransactionClient;

/**
 * Writes who changed the enrolment and, when the teacher should hear of it, a notification
 * whose dedupe key names this very change: retried or replayed work cannot notify twice.
 * A place that becomes seated ("iscritto": created seated, promoted, an offer accepted, selected, moved in)
 * takes the register lines of the teacher's earlier places in its edition (carryEarlierLines, ADR 0019
 * addendum), in the same transaction. Every writer but the enrolment burst's raw SQL passes here; enrol()
 * calls it after the burst.
 */
export async function recordChange(
  tx: Tx,
  change: {
    enrolmentId: string;
    userId: string;
    actorId: string | null;
    fromStatus: string | null;
    toStatus: string;
    reason?: string | null;
    notify?: EnrolmentChangeKind;
    payload?: Record<string, unknown>;
  },
) {
  const row = await tx.enrolmentChange.create({
    data: {
      enrolmentId: change.enrolmentId,
      actorId: change.actorId,
      fromStatus: change.fromStatus,
      toStatus: change.toStatus,
      reason: change.reason ?? null,
    },
    select: { id: true },
  });
  if (change.toStatus === "iscritto" && change.fromStatus !== "iscritto") {
    await carryEarlierLines(tx, { enrolmentId: change.enrolmentId, userId: change.userId, actorId: change.actorId });
  }
  if (change.notify) {
    await writeNotification(tx, {
      kind: change.notify,
      userId: change.userId,
      enrolmentId: change.enrolmentId,
      changeId: row.id,
      payload: change.payload,
    });
  }
}

/**
 * RFC 5546: a CANCEL must carry a SEQUENCE higher than the last REQUEST. Called in the
 * transaction that ends places with a CANCEL invitation (an edition or event cancelled, a teacher
 * who held a seat leaving or removed), so the invitation and the feeds' STATUS:CANCELLED entries
 * carry the higher number, and a later REQUEST (enrolling again) is not older than the CANCEL.
 */
export async function bumpSessionSequences(tx: Tx, editionId: string) {
  await tx.trainingSession.updateMany({ where: { editionId }, data: { sequence: { increment: 1 } } });
}
