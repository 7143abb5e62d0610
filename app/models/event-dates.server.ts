// The event's dates (Event.startsAt/endsAt) recomputed from its editions as stored, for a writer that changes
// which editions count without going through the event form: cancelling an edition (cancelEditionInTransaction).
// The rule is deriveEventDates's (app/domain/event-derived-fields.ts): editions not cancelled only.
import { deriveEventDates } from "~/domain/event-derived-fields.ts";
import type { Tx } from "./audit.server.ts";

/**
 * Writes the event's dates from its editions, in the caller's transaction. The event's row is written first
 * (its updatedAt), so the editions are read under its lock: two editions of one event cancelled at once
 * (each under its own edition's lock) take turns here, and the second reads the first's cancellation
 * instead of writing dates that still count it (PostgreSQL; SQLite has a single writer anyway).
 */
export async function refreshEventDates(tx: Tx, eventId: string, now: Date): Promise<void> {
  const locked = await tx.event.updateMany({ where: { id: eventId }, data: { updatedAt: now } });
  if (locked.count === 0) return;
  const editions = await tx.edition.findMany({
    where: { eventId },
    select: { status: true, startsOn: true, endsOn: true, sessions: { select: { startsAt: true, endsAt: true } } },
  });
  await tx.event.update({
    where: { id: eventId },
    data: { ...deriveEventDates(editions), updatedAt: now },
    select: { id: true },
  });
}
