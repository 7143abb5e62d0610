// What the public catalogue says about an edition: can one enrol now, and how many seats are left.
// Pure rules shared by the event page and the enrolment page; the catalogue's "free seats" filter applies the
// same ones in SQL (app/models/catalogue.server.ts).

import { selectionClosed } from "./application.ts";
import {
  checkEligibility,
  trainingOver,
  type EditionForEligibility,
  type Eligibility,
  type EventForEligibility,
  type RefusalReason,
  type Teacher,
} from "./enrolment.ts";
import {
  freeSeatsFor,
  generalPoolFree,
  hasFreeSeat,
  quotaFor,
  quotaFree,
  reservedSeats,
  seatsLeft,
  type QuotaState,
  type SeatCounters,
} from "./seat-ledger.ts";

export type EnrolmentWindowState =
  /** The window is open and the edition is active: enrolment is possible now. */
  | "open"
  /** The window opens later. */
  | "not-yet-open"
  /**
   * The window has closed, the organiser closed enrolment early or (an edition by application) closed the
   * selection, or the event is closed.
   */
  | "closed"
  /**
   * The edition's last session has ended: the training is over and nobody enrols any more, even while the
   * window (which may close as late as the edition's last day) is still open (trainingOver, ADR 0098 addendum).
   */
  | "over"
  /** The edition or the whole event was cancelled. */
  | "cancelled";

export type EditionForAvailability = {
  enrolmentOpensAt: Date | string;
  enrolmentClosesAt: Date | string;
  /** "attiva" | "iscrizioni-chiuse" | "annullata" */
  status: string;
  seatCap: number | null;
  seatsTaken: number;
  /** "ordine-arrivo" | "candidatura" */
  admission: string;
  /** When the organiser closed the selection of an edition by application. */
  selectionClosedAt: Date | string | null;
  /** The end of its last session (live or activity; null without sessions). */
  lastSessionEndsAt: Date | string | null;
};

/** eventStatus: "pubblicato" | "chiuso" | "annullato" (drafts are never public). */
export function enrolmentWindowState(
  edition: EditionForAvailability,
  eventStatus: string,
  now: Date,
): EnrolmentWindowState {
  if (eventStatus === "annullato" || edition.status === "annullata") return "cancelled";
  const lastEnd = edition.lastSessionEndsAt === null ? null : new Date(edition.lastSessionEndsAt);
  if (trainingOver(now, lastEnd)) return "over";
  if (eventStatus !== "pubblicato" || edition.status !== "attiva" || selectionClosed(edition)) return "closed";
  const t = now.getTime();
  if (t < new Date(edition.enrolmentOpensAt).getTime()) return "not-yet-open";
  if (t >= new Date(edition.enrolmentClosesAt).getTime()) return "closed";
  return "open";
}

/**
 * May this teacher ask for a place in this edition now? The enrol page's verdict on each edition (loadEnrolPage), which
 * the event page asks too: an edition by application whose selection the organiser closed takes no more; otherwise
 * checkEligibility (window, region, audience).
 */
export function editionEligibility(
  teacher: Teacher,
  event: EventForEligibility,
  edition: EditionForEligibility & { admission: string; selectionClosedAt: Date | string | null },
  now: Date,
): Eligibility {
  return selectionClosed(edition)
    ? { ok: false, reason: "enrolment-closed-early" }
    : checkEligibility(teacher, event, edition, now);
}

/**
 * Why the enrol page would refuse a signed-in teacher an edition: the place she holds in another edition of the
 * event (one place per event: the enrol page's `held`), or editionEligibility's reason (another region, outside
 * the audience), with the event's region for its sentence (enrolmentRefusalMessage).
 */
export type EnrolRefusal =
  { reason: "held"; editionNumber: number; status: string } | { reason: RefusalReason; regionCode: string | null };

/**
 * What the event page shows a signed-in teacher instead of an open edition's "Iscriviti" button: the reason the
 * enrol page would give her (EnrolRefusal), or null when she may enrol (the button). A visitor is not asked.
 */
export function enrolRefusalOf(
  teacher: Teacher,
  event: EventForEligibility,
  edition: EditionForEligibility & { admission: string; selectionClosedAt: Date | string | null },
  heldElsewhere: { editionNumber: number; status: string } | null,
  now: Date,
): EnrolRefusal | null {
  if (heldElsewhere) return { reason: "held", ...heldElsewhere };
  const eligibility = editionEligibility(teacher, event, edition, now);
  return eligibility.ok ? null : { reason: eligibility.reason, regionCode: event.regionCode };
}

// Seats left: the seat ledger's rule (app/domain/seat-ledger.ts).
export { seatsLeft } from "./seat-ledger.ts";

/**
 * The pool whose seats a reader is shown (ADR 0011: regional quotas and the general pool):
 * - "edition": no open regional quota, so the edition is one pool (its cap);
 * - "general": the seats no open quota reserves, where the request of a teacher whose region has no open quota
 *   goes (and what a visitor is shown);
 * - "region": the signed-in teacher's region's open quota, where her request goes.
 */
export type SeatPool = "edition" | "general" | "region";

/** What the event page and the enrolment page say about an edition's seats to one reader. */
export type EditionSeats = {
  pool: SeatPool;
  /** The seats of that pool (null: no cap). */
  poolSeats: number | null;
  /** Its free seats (null: no cap). */
  seatsLeft: number | null;
  /**
   * Whether enrolling now would only join a waitlist: for a teacher, her own pool is full (the pool her
   * enrolment goes to, as the seat ledger decides); for a visitor, who could be from any region, every pool is.
   */
  full: boolean;
  /** The open regional quotas, for everyone to read: the seats each region has reserved and how many are free. */
  reserved: { regionCode: string; seats: number; free: number }[];
};

/**
 * An edition's seats as one reader sees them: a signed-in teacher (`regionCode`) is shown the free seats of the
 * pool her enrolment would go to (freeSeatsFor, the rule the enrolment itself applies); a visitor (null) the
 * general pool. Both are told which regions have seats reserved. Released quotas reserve nothing any more
 * (they keep only the seats their people hold, which the general pool counts as taken).
 */
export function editionSeats(
  edition: SeatCounters,
  quotas: readonly QuotaState[],
  regionCode: string | null,
): EditionSeats {
  const open = quotas.filter((q) => q.releasedAt === null);
  if (edition.seatCap === null || open.length === 0) {
    const left = seatsLeft(edition);
    return { pool: "edition", poolSeats: edition.seatCap, seatsLeft: left, full: left === 0, reserved: [] };
  }
  const reserved = open.map((q) => ({ regionCode: q.regionCode, seats: q.seats, free: quotaFree(q) }));
  const own = regionCode === null ? null : quotaFor(regionCode, quotas);
  const left =
    regionCode === null
      ? generalPoolFree(edition.seatCap, edition.seatsTaken, quotas)
      : freeSeatsFor(edition, quotas, regionCode);
  return {
    pool: own ? "region" : "general",
    poolSeats: own ? own.seats : edition.seatCap - reservedSeats(open),
    seatsLeft: left,
    full: regionCode === null ? !hasFreeSeat(edition.seatCap, edition.seatsTaken) : left === 0,
    reserved,
  };
}
