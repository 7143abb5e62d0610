// The seat ledger: every rule about an edition's seats in one place. Pure functions, no HTTP, no
// database. The writers that apply them under the edition's lock are in app/models/seat-ledger.server.ts;
// the enrolment burst applies hasFreeSeat in SQL (app/models/enrolment-seat.server.ts, ADR 0008).
//
// Model (docs/decisions/0011-seat-ledger-and-state-machines.md):
// - Edition.seatCap is the number of seats (null: no cap); Edition.seatsTaken counts every seat held
//   ("iscritto" or "offerta") in every pool.
// - Regional quotas (EditionQuota) reserve seats for one region's teachers. The cap minus every quota's
//   seats is the general pool. Each pool fills and keeps its waitlist on its own.
// - A released quota keeps only the seats its people hold (seats = seatsTaken); the rest go to the general pool.

import { editionOver, regionMayEnrol, trainingOver, type EventRegions } from "./enrolment.ts";
import { REGION_CODES, type RegionCode } from "./vocabulary.ts";

/** A regional quota as the rules read it. */
export type QuotaState = { id: string; regionCode: string; seats: number; seatsTaken: number; releasedAt: Date | null };
/** The edition's counters as the rules read them. */
export type SeatCounters = { seatCap: number | null; seatsTaken: number };

/** A free seat exists when there is no cap or fewer seats are held than the cap. */
export function hasFreeSeat(seatCap: number | null, seatsTaken: number): boolean {
  return seatCap === null || seatsTaken < seatCap;
}

/** Seats left in the whole edition, or null when the edition has no cap ("posti illimitati"). Never negative. */
export function seatsLeft(edition: SeatCounters): number | null {
  if (edition.seatCap === null) return null;
  return Math.max(0, edition.seatCap - edition.seatsTaken);
}

/** How many people a waitlist of `waiting` can receive from one pool with `free` seats. */
export function seatsToFill(free: number, waiting: number): number {
  return Math.max(0, Math.min(waiting, free));
}

/** The pool a teacher's request goes to: their region's quota while it is open, else the general pool. */
export function quotaFor(regionCode: string, quotas: readonly QuotaState[]): QuotaState | null {
  return quotas.find((q) => q.regionCode === regionCode && q.releasedAt === null) ?? null;
}

/** Seats reserved by quotas (released quotas keep the seats their people hold). */
export function reservedSeats(quotas: readonly Pick<QuotaState, "seats">[]): number {
  return quotas.reduce((sum, q) => sum + q.seats, 0);
}

/** Seats held in the general pool: all seats held minus those held in quotas. */
export function generalPoolTaken(seatsTaken: number, quotas: readonly Pick<QuotaState, "seatsTaken">[]): number {
  return seatsTaken - quotas.reduce((sum, q) => sum + q.seatsTaken, 0);
}

/** Free seats of the general pool (Infinity without a cap). */
export function generalPoolFree(seatCap: number | null, seatsTaken: number, quotas: readonly QuotaState[]): number {
  if (seatCap === null) return Number.POSITIVE_INFINITY;
  return Math.max(0, seatCap - reservedSeats(quotas) - generalPoolTaken(seatsTaken, quotas));
}

export function quotaFree(quota: Pick<QuotaState, "seats" | "seatsTaken">): number {
  return Math.max(0, quota.seats - quota.seatsTaken);
}

/** Free seats of the pool a request from this region goes to. */
export function freeSeatsFor(edition: SeatCounters, quotas: readonly QuotaState[], regionCode: string): number {
  const quota = quotaFor(regionCode, quotas);
  return quota ? quotaFree(quota) : generalPoolFree(edition.seatCap, edition.seatsTaken, quotas);
}

/** Every pool and its free seats, the general pool first: the order in which freed seats are given. */
export function poolsWithFreeSeats(
  edition: SeatCounters,
  quotas: readonly QuotaState[],
): { quotaId: string | null; free: number }[] {
  return [
    { quotaId: null, free: generalPoolFree(edition.seatCap, edition.seatsTaken, quotas) },
    ...quotas.map((q) => ({ quotaId: q.id, free: quotaFree(q) })),
  ];
}

/**
 * May a quota reserve seats for this region in this event? Only when the region's teachers may enrol (the
 * eligibility rule's own regionMayEnrol), or its seats stay empty while eligible teachers wait; and only when
 * another region's teachers may enrol too: in a regional event closed to other regions its own region's teachers
 * are the whole audience, so a quota for that region would take every request into its own line and leave the
 * general seats empty. So: any region for a national or European event or a regional one open to all regions;
 * none otherwise. (updateEvent refuses a change of the region rule that would leave an open quota outside it.)
 */
export function quotaRegionAllowed(event: EventRegions, regionCode: string): boolean {
  return regionMayEnrol(event, regionCode) && REGION_CODES.some((r) => r !== regionCode && regionMayEnrol(event, r));
}

/** The regions the edition page offers for a new quota (quotaRegionAllowed). */
export function quotaRegions(event: EventRegions): RegionCode[] {
  return REGION_CODES.filter((r) => quotaRegionAllowed(event, r));
}

export type QuotaRefusal =
  "no-cap" | "invalid-seats" | "region-has-quota" | "not-enough-free-seats" | "by-application" | "region-not-eligible";

/**
 * A new quota can only reserve seats the general pool still has free, only for a region quotaRegionAllowed
 * accepts, and only in an edition whose seats go first come, first served: the selection of an edition by
 * application seats people in the general pool only, so a quota's seats there would stay empty (setAdmission
 * refuses the switch to applications while quotas exist).
 */
export function checkNewQuota(
  edition: SeatCounters & { admission?: string; event: EventRegions },
  quotas: readonly QuotaState[],
  regionCode: string,
  seats: number,
): { ok: true } | { ok: false; reason: QuotaRefusal } {
  if (edition.admission === "candidatura") return { ok: false, reason: "by-application" };
  if (!quotaRegionAllowed(edition.event, regionCode)) return { ok: false, reason: "region-not-eligible" };
  if (edition.seatCap === null) return { ok: false, reason: "no-cap" };
  if (!Number.isInteger(seats) || seats < 1) return { ok: false, reason: "invalid-seats" };
  if (quotas.some((q) => q.regionCode === regionCode)) return { ok: false, reason: "region-has-quota" };
  if (generalPoolFree(edition.seatCap, edition.seatsTaken, quotas) < seats)
    return { ok: false, reason: "not-enough-free-seats" };
  return { ok: true };
}

/** Releasing a quota keeps the seats its people hold and gives the rest to the general pool. */
export function releasedQuotaSeats(quota: Pick<QuotaState, "seatsTaken">): number {
  return quota.seatsTaken;
}

/**
 * Why a cap change is refused:
 * - "invalid": not a whole number of at least 1;
 * - "below-taken": fewer seats than people already hold one;
 * - "below-quotas": fewer seats than the quotas reserve plus the general pool's seats held;
 * - "quota-needs-cap": quotas split a cap, so the cap cannot be removed while there are some.
 */
export type CapChangeRefusal = "invalid" | "below-taken" | "below-quotas" | "quota-needs-cap";

/**
 * THE cap-change rule: the edition page and the event form both apply it, under the edition's lock.
 * A cap may never drop below the seats held, nor below what the quotas reserve plus what the
 * general pool holds (else a quota's own seats would overbook the edition).
 */
export function checkCapChange(
  edition: SeatCounters,
  quotas: readonly QuotaState[],
  newCap: number | null,
): { ok: true } | { ok: false; reason: CapChangeRefusal } {
  if (newCap !== null && (!Number.isInteger(newCap) || newCap < 1)) return { ok: false, reason: "invalid" };
  if (newCap !== null && newCap < edition.seatsTaken) return { ok: false, reason: "below-taken" };
  if (quotas.length > 0) {
    if (newCap === null) return { ok: false, reason: "quota-needs-cap" };
    if (newCap < reservedSeats(quotas) + generalPoolTaken(edition.seatsTaken, quotas))
      return { ok: false, reason: "below-quotas" };
  }
  return { ok: true };
}

/** A raised or removed cap gives seats to the waitlist at once. */
export function capRaised(before: number | null, after: number | null): boolean {
  return before !== null && (after === null || after > before);
}

/** Free seats the selection may still give: everyone left if there is no cap. Selection seats the general pool. */
export function selectableSeats(
  seatCap: number | null,
  seatsTaken: number,
  candidates: number,
  quotas: readonly QuotaState[] = [],
): number {
  return Math.max(0, Math.min(candidates, generalPoolFree(seatCap, seatsTaken, quotas)));
}

/** Whether seating `adding` more people (by selection) would exceed the cap. */
export function exceedsCap(
  seatCap: number | null,
  seatsTaken: number,
  adding: number,
  quotas: readonly QuotaState[] = [],
): boolean {
  return adding > generalPoolFree(seatCap, seatsTaken, quotas);
}

/**
 * The most seats the edition may hold for `adding` more people to still fit in the general pool:
 * the guard of the statement that seats a selection (seatsTaken ≤ this), the same rule as
 * exceedsCap written as a bound on the counter. null without a cap.
 */
export function seatsTakenCeiling(
  seatCap: number | null,
  adding: number,
  quotas: readonly Pick<QuotaState, "seats" | "seatsTaken">[] = [],
): number | null {
  if (seatCap === null) return null;
  return seatCap - quotas.reduce((n, q) => n + quotaFree(q), 0) - adding;
}

// ─── Offers ────────────────────────────────────────────────────────────────────

/** Offer windows (Edition.offerHours): from 1 hour to 14 days. */
export const OFFER_HOURS_MIN = 1;
export const OFFER_HOURS_MAX = 24 * 14;

/** Below this, an offer could not reasonably be answered before the edition's last session starts. */
export const MIN_OFFER_MINUTES = 60;

export type FillDecision = { kind: "promote" } | { kind: "offer"; expiresAt: Date } | { kind: "none" };

/**
 * THE offer-window rule (ADR 0011), for a new offer and for an offer whose edition's schedule
 * changed alike: an offer wanted until `until` lasts until then but never past the start of the
 * edition's last session (the window shrinks to that instant); when less than MIN_OFFER_MINUTES
 * would remain (or the last session has started), the person is promoted at once instead.
 */
export function boundedOffer(
  now: Date,
  until: Date,
  lastSessionStartsAt: Date | null,
): { kind: "promote" } | { kind: "offer"; expiresAt: Date } {
  const limit = lastSessionStartsAt ? Math.min(until.getTime(), lastSessionStartsAt.getTime()) : until.getTime();
  if (limit - now.getTime() < MIN_OFFER_MINUTES * 60 * 1000) return { kind: "promote" };
  return { kind: "offer", expiresAt: new Date(limit) };
}

/**
 * How a freed seat reaches the next person in line. With promotion by offer, the offer lasts
 * Edition.offerHours, bounded by the edition's last session as boundedOffer says (promoted at
 * once when too little time would remain), so the seat is not lost to an offer nobody can
 * answer in time (ADR 0011).
 * Once the last session has ended the training is over: a seat freed then (a no-show removed, a
 * cap raised) goes to nobody, and whoever is still waiting stays where they are.
 */
export function fillDecision(
  promotionMode: string,
  offerHours: number,
  now: Date,
  lastSessionStartsAt: Date | null,
  lastSessionEndsAt: Date | null = null,
): FillDecision {
  if (trainingOver(now, lastSessionEndsAt)) return { kind: "none" };
  if (promotionMode !== "offerta") return { kind: "promote" };
  return boundedOffer(now, new Date(now.getTime() + offerHours * 60 * 60 * 1000), lastSessionStartsAt);
}

/**
 * What an open offer becomes when its edition's sessions change:
 * - "lapsed": its deadline has passed already; the expiry job ends it as usual (nothing else changes);
 * - "keep": the new schedule does not cut it (an offer is never lengthened);
 * - "shorten": the last session now starts before the deadline: the offer ends at that instant;
 * - "promote": less than MIN_OFFER_MINUTES would remain (or the last session has started), as
 *   boundedOffer says for a new offer: the person takes the seat at once;
 * - "expire": the last session has ended, the training is over: as fillDecision gives a seat
 *   freed then to nobody, the offer ends (and its seat goes to nobody).
 */
export type RescheduledOffer =
  | { kind: "lapsed" }
  | { kind: "keep" }
  | { kind: "shorten"; expiresAt: Date }
  | { kind: "promote" }
  | { kind: "expire" };

export function rescheduledOffer(
  offerExpiresAt: Date,
  now: Date,
  lastSessionStartsAt: Date | null,
  lastSessionEndsAt: Date | null,
): RescheduledOffer {
  if (offerExpiresAt.getTime() <= now.getTime()) return { kind: "lapsed" };
  if (trainingOver(now, lastSessionEndsAt)) return { kind: "expire" };
  if (lastSessionStartsAt === null || offerExpiresAt.getTime() <= lastSessionStartsAt.getTime())
    return { kind: "keep" };
  const bounded = boundedOffer(now, offerExpiresAt, lastSessionStartsAt);
  return bounded.kind === "promote" ? bounded : { kind: "shorten", expiresAt: bounded.expiresAt };
}

/** Why an edition takes nobody moved into it although its status is "attiva" (ADR 0085). */
export type MoveInRefusal = "target-over" | "target-certified";

/**
 * An organiser's move (one participant or many) brings people into an edition that can still train
 * them: not one whose register was closed with certificates issued, nor one whose training is over
 * (its last session has ended, or its last day has passed: editionHasEnded). Its status (cancelled,
 * enrolment closed) is the state table's "move-in". The writer asks this under the edition's lock;
 * the move pages list only the editions it lets through.
 */
export function moveInRefusal(
  target: { attendanceClosedAt: Date | null; endsOn: Date },
  lastSessionEndsAt: Date | null,
  now: Date,
): MoveInRefusal | null {
  if (target.attendanceClosedAt !== null) return "target-certified";
  if (editionOver(target.endsOn, lastSessionEndsAt, now)) return "target-over";
  return null;
}
