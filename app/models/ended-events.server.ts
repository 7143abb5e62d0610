// Events closed or cancelled before ADR 0084 shipped: their editions were left "attiva" and their offers
// open until the deadline. Every seat path reads the event's status, so nobody got a seat, but the
// teacher holding such an offer saw one she could not accept and was told nothing until it lapsed.
// The reconciliation applies to them the step the close (or the cancellation) takes today,
// editionsFollowEvent, in one transaction per event under the same locks (ADR 0090).
import { prisma } from "~/utils/db.server.ts";
import type { Tx } from "./audit.server.ts";
import { editionsFollowEvent } from "./event.server.ts";
import { lockEventEditions, SEAT_TRANSACTION } from "./seat-ledger.server.ts";

/** A closed or cancelled event that still has an edition open for enrolment or an open offer. */
const UNSETTLED = {
  status: { in: ["chiuso", "annullato"] },
  editions: { some: { OR: [{ status: "attiva" }, { enrolments: { some: { status: "offerta" } } }] } },
};

/** Rolls back one event's attempt (a cancellation that reached a certified edition). */
class CancelRefused extends Error {}

/**
 * Settles every unsettled ended event (see the top of this file); returns how many it changed. Safe in
 * several instances at once and run after run: each event is settled in its own transaction, which
 * first takes every edition's lock in id order (as the close does) and then looks again; a second run
 * waits for the first and finds the edition closed and the offers ended, and writes nothing (no second
 * email: expireOfferInLock ends only a place still "offerta").
 */
export async function reconcileEndedEvents(now: Date = new Date()): Promise<number> {
  const events = await prisma.event.findMany({ where: UNSETTLED, orderBy: { id: "asc" }, select: { id: true } });
  let settled = 0;
  for (const { id } of events) if (await settleEvent(id, now)) settled += 1;
  return settled;
}

async function settleEvent(eventId: string, now: Date): Promise<boolean> {
  const attempt = (asCancellation: boolean) =>
    prisma.$transaction((tx) => settleEventInTransaction(tx, eventId, now, asCancellation), SEAT_TRANSACTION);
  try {
    return await attempt(true);
  } catch (error) {
    if (error instanceof CancelRefused) return attempt(false);
    throw error;
  }
}

/**
 * One event's settlement, in the caller's transaction: every edition's lock in id order first, then the
 * event looked at again (settled meanwhile by another instance: nothing to do, false). A cancelled event
 * is settled as a cancellation when it can be (its stored reason told to every participant); one
 * cancelled without a stored reason, or (asCancellation false) holding a certified edition the
 * cancellation refused, gets the close's step: no new seat, open offers end.
 */
export async function settleEventInTransaction(
  tx: Tx,
  eventId: string,
  now: Date,
  asCancellation = true,
): Promise<boolean> {
  await lockEventEditions(tx, eventId, now);
  const event = await tx.event.findFirst({
    where: { id: eventId, ...UNSETTLED },
    select: { status: true, cancellationReason: true },
  });
  if (!event) return false;
  const cancelling = asCancellation && event.status === "annullato" && event.cancellationReason !== null;
  const status = cancelling ? "annullato" : "chiuso";
  const done = await editionsFollowEvent(tx, null, eventId, status, cancelling ? event.cancellationReason : null, now);
  if (!done) throw new CancelRefused();
  return true;
}
