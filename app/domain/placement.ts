// Placing a teacher in an edition by the organiser (issue 15, item 2): which eligibility refusals
// the organiser may override with a written reason, and the bounds of the form.
import { editionHasEnded, type RefusalReason } from "./enrolment.ts";

/** Refusals no override lifts: the event is not published, or the edition is cancelled. */
export const HARD_REFUSALS: ReadonlySet<RefusalReason> = new Set<RefusalReason>([
  "event-not-open",
  "edition-cancelled",
]);

export function isOverridable(reason: RefusalReason): boolean {
  return !HARD_REFUSALS.has(reason);
}

/**
 * Where a placement falls in the edition's life (ADR 0098):
 * - `open`: before the edition's end, a place like any other (a seat, else the waitlist; the teacher gets the
 *   sessions as a calendar invitation);
 * - `after-the-fact`: the edition is over but its register is still open: the organiser records a participation
 *   after the fact (someone the trainer saw at the door): a seat or nothing, never a waitlist ticket that no seat
 *   will ever reach, and the teacher is told without an invitation to sessions already past;
 * - `register-closed`: the register is closed and the certificates issued: nobody is added any more.
 */
export type PlacementTiming = "open" | "after-the-fact" | "register-closed";

export function placementTiming(
  edition: { endsOn: Date; attendanceClosedAt: Date | null },
  now: Date,
): PlacementTiming {
  if (edition.attendanceClosedAt !== null) return "register-closed";
  return editionHasEnded(edition.endsOn, now) ? "after-the-fact" : "open";
}

export const PLACEMENT_REASON_MIN = 5;
export const PLACEMENT_REASON_MAX = 500;

/** Bounds of an uploaded CSV of addresses (app/domain/placement-csv.ts; here so pages need no CSV parser). */
export const PLACEMENT_CSV_MAX_BYTES = 64 * 1024;
export const PLACEMENT_CSV_MAX_ROWS = 200;

/** What the preview says of one address. */
export type PlacementCheck =
  | "found"
  | "unknown"
  | "already-placed"
  | "not-eligible"
  /** The edition takes places by application, or is cancelled, or its event is not published. */
  | "refused"
  /** The edition's register is closed and its certificates issued (placementTiming). */
  | "register-closed";

/**
 * The waitlist after moving one person to a 1-based position (clamped to the line), the others
 * keeping their order; null when that person is not in the line.
 */
export function movedInLine<T>(line: readonly T[], moved: T, toPosition: number): T[] | null {
  const from = line.indexOf(moved);
  if (from < 0) return null;
  const rest = line.filter((x) => x !== moved);
  const at = Math.min(Math.max(Math.trunc(toPosition), 1), line.length) - 1;
  return [...rest.slice(0, at), moved, ...rest.slice(at)];
}
