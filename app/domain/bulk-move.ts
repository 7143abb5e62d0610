// Moving many participants of an edition to another edition of the same event at once (ADR 0085):
// who the target can take, in which order, and the summary told afterwards. Pure functions; the
// writer (app/models/bulk-move.server.ts) moves each person through the single move's own
// transaction (moveToEdition), so every rule of a move applies to each of them.
//
// Order: enrolment order, the place's creation in this edition (the first to enrol is the first
// moved). Seats: each person takes a seat in their pool of the target (their region's quota while it
// is open, else the general pool: freeSeatsFor), never the waitlist; someone whose pool is full stays
// where they are, and someone later in a pool with seats left is still moved.
import { freeSeatsFor, quotaFor, type QuotaState, type SeatCounters } from "./seat-ledger.ts";

/** At most this many people in one bulk move (an edition of 350 seats is the largest in use). */
export const BULK_MOVE_MAX = 2000;

/** One confirmed participant as the plan reads them, in enrolment order. */
export type BulkCandidate = {
  enrolmentId: string;
  regionCode: string;
  /** The account is closed: its place stays (moveToEdition refuses "account-closed"). */
  accountClosed: boolean;
  /** The place holds a valid certificate: it stays where it was certified ("has-certificate"). */
  certified: boolean;
  /** The person already holds a place in the target ("already-placed"). */
  placedInTarget: boolean;
};

/** What the plan expects for a person: a seat in the target, or why they stay. */
export type BulkPlanOutcome = "fits" | "target-full" | "account-closed" | "has-certificate" | "already-placed";

/**
 * Who of `candidates` (in enrolment order) the target's free seats take, pool by pool, as the moves
 * will take them one after the other. The target's counters are those read now: teachers enrolling
 * meanwhile may leave fewer seats when the moves run (the summary then says so).
 */
export function planBulkMove(
  target: SeatCounters,
  quotas: readonly QuotaState[],
  candidates: readonly BulkCandidate[],
): { enrolmentId: string; outcome: BulkPlanOutcome }[] {
  let edition: SeatCounters = { seatCap: target.seatCap, seatsTaken: target.seatsTaken };
  const pools = quotas.map((q) => ({ ...q }));
  return candidates.map((c) => {
    const outcome = ((): BulkPlanOutcome => {
      if (c.accountClosed) return "account-closed";
      if (c.certified) return "has-certificate";
      if (c.placedInTarget) return "already-placed";
      if (freeSeatsFor(edition, pools, c.regionCode) <= 0) return "target-full";
      edition = { ...edition, seatsTaken: edition.seatsTaken + 1 };
      const quota = quotaFor(c.regionCode, pools);
      if (quota) quota.seatsTaken += 1;
      return "fits";
    })();
    return { enrolmentId: c.enrolmentId, outcome };
  });
}

/**
 * "23 moved, 4 not moved: 3 no seats left, 1 account closed": how many were moved and, for the rest,
 * how many for each reason (most frequent first, then by name, so the same outcome reads the same).
 */
export function summariseBulkMove(outcomes: readonly { outcome: string }[], moved = "moved") {
  const counts = new Map<string, number>();
  for (const { outcome } of outcomes) if (outcome !== moved) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  const reasons = [...counts.entries()]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  const notMoved = reasons.reduce((n, r) => n + r.count, 0);
  return { moved: outcomes.length - notMoved, notMoved, reasons };
}
