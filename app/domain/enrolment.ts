// Enrolment rules: who may take a place, when, and what happens to the waitlist.
// Pure functions: no HTTP, no database. app/models/enrolment.server.ts applies them
// inside transactions; enrolment.test.ts checks each rule.

export const ENROLMENT_STATUS_LABELS = {
  iscritto: { it: "Iscritto", en: "Enrolled" },
  "in-attesa": { it: "In lista d'attesa", en: "On the waitlist" },
  offerta: { it: "Posto offerto: da accettare", en: "Seat offered: to accept" },
  annullato: { it: "Iscrizione annullata", en: "Cancelled" },
  rimosso: { it: "Rimosso dall'organizzatore", en: "Removed by the organiser" },
  "offerta-scaduta": { it: "Offerta scaduta", en: "Offer expired" },
  "offerta-rifiutata": { it: "Offerta rifiutata", en: "Offer declined" },
  "edizione-annullata": { it: "Edizione annullata", en: "Edition cancelled" },
  candidato: { it: "Candidatura inviata: in valutazione", en: "Application sent: under review" },
  "non-selezionato": { it: "Candidatura non selezionata", en: "Application not selected" },
} as const;
export type EnrolmentStatus = keyof typeof ENROLMENT_STATUS_LABELS;

/** Statuses that hold a place or a place in line (an application under review holds no seat, but one place per event). */
export const ACTIVE_STATUSES = [
  "iscritto",
  "in-attesa",
  "offerta",
  "candidato",
] as const satisfies readonly EnrolmentStatus[];
/** Statuses that occupy one of the edition's seats (an offered seat is kept for the person offered it). */
export const SEAT_HOLDING_STATUSES = ["iscritto", "offerta"] as const satisfies readonly EnrolmentStatus[];

export function isActive(status: string): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

/** The value of Enrolment.activeKey while active: the database allows one per teacher and event. */
export function activeKeyFor(eventId: string, userId: string): string {
  return `${eventId}:${userId}`;
}

export const PROMOTION_MODES = ["automatica", "offerta"] as const;
export type PromotionMode = (typeof PROMOTION_MODES)[number];

export const EDITION_STATUSES = ["attiva", "iscrizioni-chiuse", "annullata"] as const;
export type EditionStatus = (typeof EDITION_STATUSES)[number];

export type Teacher = { id: string; regionCode: string; schoolLevel: string; professionalRole: string };
export type EventForEligibility = {
  status: string;
  level: string;
  regionCode: string | null;
  openToAllRegions: boolean;
  schoolLevels: readonly string[];
  audienceRoles: readonly string[];
};
export type EditionForEligibility = {
  status: string;
  enrolmentOpensAt: Date;
  enrolmentClosesAt: Date;
};

export type RefusalReason =
  | "event-not-open"
  | "edition-cancelled"
  | "enrolment-closed-early"
  | "window-not-open"
  | "window-closed"
  | "other-region"
  | "audience-school-level"
  | "audience-role"
  /** The edition gives places by application and selection (app/domain/application.ts), not first come. */
  | "application-required";

export type Eligibility = { ok: true } | { ok: false; reason: RefusalReason };

/**
 * May this teacher ask for a place in this edition now? (Whether a seat is free is decided
 * later, atomically, by the seat counter; holding a place elsewhere in the event is refused
 * by the database through activeKey.)
 */
export function checkEligibility(
  teacher: Teacher,
  event: EventForEligibility,
  edition: EditionForEligibility,
  now: Date,
): Eligibility {
  if (event.status !== "pubblicato") return { ok: false, reason: "event-not-open" };
  if (edition.status === "annullata") return { ok: false, reason: "edition-cancelled" };
  if (edition.status === "iscrizioni-chiuse") return { ok: false, reason: "enrolment-closed-early" };
  if (now < edition.enrolmentOpensAt) return { ok: false, reason: "window-not-open" };
  if (now >= edition.enrolmentClosesAt) return { ok: false, reason: "window-closed" };
  if (event.level === "regionale" && !event.openToAllRegions && event.regionCode !== teacher.regionCode) {
    return { ok: false, reason: "other-region" };
  }
  if (event.schoolLevels.length > 0 && !event.schoolLevels.includes(teacher.schoolLevel)) {
    return { ok: false, reason: "audience-school-level" };
  }
  if (event.audienceRoles.length > 0 && !event.audienceRoles.includes(teacher.professionalRole)) {
    return { ok: false, reason: "audience-role" };
  }
  return { ok: true };
}

/** A free seat exists when there is no cap or fewer seats are held than the cap. */
export function hasFreeSeat(seatCap: number | null, seatsTaken: number): boolean {
  return seatCap === null || seatsTaken < seatCap;
}

/** How many people the waitlist can receive after a change of cap or a freed seat. */
export function seatsToFill(seatCap: number | null, seatsTaken: number, waiting: number): number {
  if (seatCap === null) return waiting;
  return Math.max(0, Math.min(waiting, seatCap - seatsTaken));
}

/** Until when a teacher may cancel: the organiser's cut-off, or the start of the first session. */
export function cancellationDeadline(cutoff: Date | null, firstSessionStartsAt: Date | null): Date | null {
  return cutoff ?? firstSessionStartsAt;
}

export function canTeacherCancel(status: string, deadline: Date | null, now: Date): boolean {
  if (!isActive(status)) return false;
  // An application is withdrawn under its own rule (canWithdraw in application.ts).
  if (status === "candidato") return false;
  // Leaving the waitlist or declining an offer is always possible; giving up a seat only before the deadline.
  if (status !== "iscritto") return true;
  return deadline === null || now < deadline;
}

export function offerDeadline(now: Date, offerHours: number): Date {
  return new Date(now.getTime() + offerHours * 60 * 60 * 1000);
}

/** 1-based position in line from the tickets still waiting ahead. */
export function waitlistPosition(ticketsAhead: number): number {
  return ticketsAhead + 1;
}

// ---------------------------------------------------------------------------------------------
// Quotas: seats of an edition reserved for the teachers of one region. The cap minus every
// quota's seats is the general pool. Each pool fills and waitlists on its own.

export type QuotaState = { id: string; regionCode: string; seats: number; seatsTaken: number; releasedAt: Date | null };
export type SeatPool = { quota: QuotaState | null; free: number };

/** The pool a teacher's request goes to: their region's quota while it is open, else the general pool. */
export function quotaFor(regionCode: string, quotas: readonly QuotaState[]): QuotaState | null {
  return quotas.find((q) => q.regionCode === regionCode && q.releasedAt === null) ?? null;
}

/** Free seats of the general pool (Infinity without a cap). Edition.seatsTaken counts every pool. */
export function generalPoolFree(seatCap: number | null, seatsTaken: number, quotas: readonly QuotaState[]): number {
  if (seatCap === null) return Number.POSITIVE_INFINITY;
  const reserved = quotas.reduce((sum, q) => sum + q.seats, 0);
  const takenInQuotas = quotas.reduce((sum, q) => sum + q.seatsTaken, 0);
  return Math.max(0, seatCap - reserved - (seatsTaken - takenInQuotas));
}

export function quotaFree(quota: QuotaState): number {
  return Math.max(0, quota.seats - quota.seatsTaken);
}

export type QuotaRefusal = "no-cap" | "invalid-seats" | "region-has-quota" | "not-enough-free-seats";

/** A new quota can only reserve seats the general pool still has free. */
export function checkNewQuota(
  edition: { seatCap: number | null; seatsTaken: number },
  quotas: readonly QuotaState[],
  regionCode: string,
  seats: number,
): { ok: true } | { ok: false; reason: QuotaRefusal } {
  if (edition.seatCap === null) return { ok: false, reason: "no-cap" };
  if (!Number.isInteger(seats) || seats < 1) return { ok: false, reason: "invalid-seats" };
  if (quotas.some((q) => q.regionCode === regionCode)) return { ok: false, reason: "region-has-quota" };
  if (generalPoolFree(edition.seatCap, edition.seatsTaken, quotas) < seats)
    return { ok: false, reason: "not-enough-free-seats" };
  return { ok: true };
}

/** Releasing a quota keeps the seats its people hold and gives the rest to the general pool. */
export function releasedQuotaSeats(quota: QuotaState): number {
  return quota.seatsTaken;
}
