// Enrolment rules: who may take a place, and when a teacher may cancel. Pure functions: no HTTP,
// no database. Seat arithmetic (free seats, pools, quotas, cap changes, offers) is in
// seat-ledger.ts; the allowed status transitions in state-machine.ts.

export const ENROLMENT_STATUS_LABELS = {
  iscritto: { it: "Iscrizione confermata", en: "Enrolled" },
  "in-attesa": { it: "In lista d'attesa", en: "On the waitlist" },
  offerta: { it: "Posto offerto: da accettare", en: "Seat offered: to accept" },
  annullato: { it: "Iscrizione annullata", en: "Cancelled" },
  rimosso: { it: "Iscrizione rimossa dall'organizzazione", en: "Removed by the organiser" },
  "offerta-scaduta": { it: "Offerta scaduta", en: "Offer expired" },
  "offerta-rifiutata": { it: "Offerta rifiutata", en: "Offer declined" },
  "edizione-annullata": { it: "Edizione annullata", en: "Edition cancelled" },
  candidato: { it: "Candidatura inviata: in valutazione", en: "Application sent: under review" },
  "non-selezionato": { it: "Candidatura non selezionata", en: "Application not selected" },
  spostato: { it: "Iscrizione spostata in un'altra edizione", en: "Moved to another edition" },
  "attesa-conclusa": {
    it: "Lista d'attesa chiusa con la fine dell'edizione",
    en: "Waiting list closed when the edition ended",
  },
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

// Has the edition ended? Defined with the edition's states (state-machine.ts), which refuse to cancel one
// that has; also the rule for "concluded" here.
import { editionHasEnded } from "./state-machine.ts";
export { editionHasEnded };

/**
 * Is the edition's training over? Once its last session (live or activity: the latest end of any of
 * its TrainingSessions) has ended, no seat is given any more: the seat ledger gives a freed seat to
 * nobody (fillDecision), an open offer expires (rescheduledOffer), nobody is moved in (moveInRefusal)
 * and no teacher enrols, joins the waitlist or applies (checkEligibility), even while the window,
 * which may close as late as the edition's last day (endsOn), is still open. Without sessions: never.
 */
export function trainingOver(now: Date, lastSessionEndsAt: Date | null): boolean {
  return lastSessionEndsAt !== null && lastSessionEndsAt.getTime() <= now.getTime();
}

/**
 * Is this place current ("In corso" in "Le mie iscrizioni")? An active status in an edition that
 * has not ended: once the edition ends, a seat is concluded training and a waitlist position, an
 * offer or an application never became one.
 */
export function isCurrentPlace(status: string, editionEndsOn: Date, now: Date): boolean {
  return isActive(status) && !editionHasEnded(editionEndsOn, now);
}

/**
 * Is the edition over for good? Its training is over (trainingOver: its last session has ended) or its last
 * day is past (editionHasEnded, for an edition without sessions): no seat is given in it any more, nobody
 * moves into it (moveInRefusal).
 */
export function editionOver(editionEndsOn: Date, lastSessionEndsAt: Date | null, now: Date): boolean {
  return trainingOver(now, lastSessionEndsAt) || editionHasEnded(editionEndsOn, now);
}

/** Active statuses that hold the teacher's one place in the event but are not (yet) a place in training. */
export const UNSEATED_PLACE_STATUSES = [
  "in-attesa",
  "offerta",
  "candidato",
] as const satisfies readonly EnrolmentStatus[];

/**
 * Has this place outlived its edition (ADR 0011, addendum "places in line end with their edition")? A place
 * in line, an offer or an application in an edition that is over (editionOver) never became training and
 * never will: it ends ("edition-over" of the state table: in-attesa → attesa-conclusa, candidato →
 * non-selezionato; an offer expires) and stops holding the one place per event, so the teacher may take a
 * place in a later edition. The job endOutlivedPlaces ends them; every check of a new place in the event
 * ends the teacher's own first (endOutlivedPlaceOf), and the reads treat it as ended meanwhile.
 */
export function placeOutlived(status: string, editionEndsOn: Date, lastSessionEndsAt: Date | null, now: Date): boolean {
  return (
    (UNSEATED_PLACE_STATUSES as readonly string[]).includes(status) &&
    editionOver(editionEndsOn, lastSessionEndsAt, now)
  );
}

/** The value of Enrolment.activeKey while active: the database allows one per teacher and event. */
export function activeKeyFor(eventId: string, userId: string): string {
  return `${eventId}:${userId}`;
}

export const PROMOTION_MODES = ["automatica", "offerta"] as const;
export type PromotionMode = (typeof PROMOTION_MODES)[number];

export { EDITION_STATES as EDITION_STATUSES, type EditionState as EditionStatus } from "./state-machine.ts";

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
  /** The end of its last session (live or activity; null without sessions): see trainingOver. */
  lastSessionEndsAt: Date | null;
};

export type RefusalReason =
  | "event-not-open"
  | "edition-cancelled"
  | "enrolment-closed-early"
  | "window-not-open"
  | "window-closed"
  /** The edition's last session has ended (trainingOver) while its window is still open (ADR 0098 addendum). */
  | "training-over"
  | "other-region"
  | "audience-school-level"
  | "audience-role"
  /** The edition gives places by application and selection (app/domain/application.ts), not first come. */
  | "application-required";

export type Eligibility = { ok: true } | { ok: false; reason: RefusalReason };

/** The event's region rule: a regional event not open to all regions takes only its own region's teachers. */
export type EventRegions = Pick<EventForEligibility, "level" | "regionCode" | "openToAllRegions">;

/**
 * May the teachers of this region enrol in this event? checkEligibility's region rule ("other-region"), also
 * asked by the seat ledger's quotas (checkNewQuota): a quota for a region that may not enrol would stay empty.
 */
export function regionMayEnrol(event: EventRegions, regionCode: string): boolean {
  return event.level !== "regionale" || event.openToAllRegions || event.regionCode === regionCode;
}

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
  // Cancelled first: a cancelled event's editions are cancelled with it (editionsFollowEvent), and a teacher
  // following an old link is told so, not that the event "does not accept enrolments" (review 0018).
  if (event.status === "annullato" || edition.status === "annullata") return { ok: false, reason: "edition-cancelled" };
  if (event.status !== "pubblicato") return { ok: false, reason: "event-not-open" };
  if (edition.status === "iscrizioni-chiuse") return { ok: false, reason: "enrolment-closed-early" };
  if (now < edition.enrolmentOpensAt) return { ok: false, reason: "window-not-open" };
  if (now >= edition.enrolmentClosesAt) return { ok: false, reason: "window-closed" };
  // The window may close as late as the end of the edition's last day, after its last session: once that
  // session has ended the training is over, and enrolling then would be a place in training already held.
  if (trainingOver(now, edition.lastSessionEndsAt)) return { ok: false, reason: "training-over" };
  const outside = audienceRefusals(teacher, event)[0];
  return outside ? { ok: false, reason: outside } : { ok: true };
}

/** The event's audience: its region rule, school levels and professional roles (an empty list takes everyone). */
export type EventAudience = EventRegions & Pick<EventForEligibility, "schoolLevels" | "audienceRoles">;
export type AudienceRefusal = Extract<RefusalReason, "other-region" | "audience-school-level" | "audience-role">;

/** Which of the event's audience rules this teacher's profile fails, in checkEligibility's order (none: inside). */
export function audienceRefusals(
  teacher: Pick<Teacher, "regionCode" | "schoolLevel" | "professionalRole">,
  event: EventAudience,
): AudienceRefusal[] {
  const refusals: AudienceRefusal[] = [];
  if (!regionMayEnrol(event, teacher.regionCode)) refusals.push("other-region");
  if (event.schoolLevels.length > 0 && !event.schoolLevels.includes(teacher.schoolLevel)) {
    refusals.push("audience-school-level");
  }
  if (event.audienceRoles.length > 0 && !event.audienceRoles.includes(teacher.professionalRole)) {
    refusals.push("audience-role");
  }
  return refusals;
}

/**
 * An edit of the event's audience (region rule, school levels, roles) against the people in line for its seats
 * (waiting or holding an offer): per rule, how many of them the event admits now and would no longer admit. The seat
 * ledger gives freed seats to whoever is first in line, without asking the audience again, so such a change is
 * refused until they are taken out of the line (ADR 0011 addendum). People already outside the audience before the
 * change (placed by the organiser with an override, or whose profile changed since) are not the change's doing and
 * are not counted; seated people keep their seat and are not counted either.
 */
export function newlyOutsideAudience(
  before: EventAudience,
  after: EventAudience,
  inLine: readonly Pick<Teacher, "regionCode" | "schoolLevel" | "professionalRole">[],
): { total: number; byRule: Record<AudienceRefusal, number> } {
  const byRule: Record<AudienceRefusal, number> = { "other-region": 0, "audience-school-level": 0, "audience-role": 0 };
  let total = 0;
  for (const person of inLine) {
    if (audienceRefusals(person, before).length > 0) continue;
    const now = audienceRefusals(person, after);
    if (now.length === 0) continue;
    total += 1;
    for (const rule of now) byRule[rule] += 1;
  }
  return { total, byRule };
}

/**
 * Will this teacher be able to ask for a place once the edition's enrolment opens? checkEligibility
 * judged at the opening when it is still ahead, so an edition announced early is judged on the
 * event, the region and the audience as it will be then (checkEligibility refuses a window not open
 * yet before it looks at the audience). The training plan's suggestions ask this.
 */
export function eligibleOnceOpen(
  teacher: Teacher,
  event: EventForEligibility,
  edition: EditionForEligibility,
  now: Date,
): Eligibility {
  return checkEligibility(teacher, event, edition, now < edition.enrolmentOpensAt ? edition.enrolmentOpensAt : now);
}

/**
 * The status each of the teacher's buttons in "Le mie iscrizioni" leaves a place in (withdrawing an
 * application ends it as "annullato" too).
 */
export const TEACHER_ACTION_RESULTS = {
  cancel: "annullato",
  accept: "iscritto",
  decline: "offerta-rifiutata",
  withdraw: "annullato",
} as const satisfies Record<string, EnrolmentStatus>;
export type TeacherAction = keyof typeof TEACHER_ACTION_RESULTS;

/**
 * A teacher's action refused because the place is no longer in a state it applies to: was it
 * already done? A second submission of the same button (a double click without JavaScript, the
 * same page open in another tab, the back button) finds the place where the first one left it,
 * and is answered as done, not as a refusal of something that did happen.
 */
export function teacherActionAlreadyDone(action: TeacherAction, status: string): boolean {
  return TEACHER_ACTION_RESULTS[action] === status;
}

/**
 * The edition the enrolment form selects first: the one the teacher came for (?edizione=), else the
 * first with a seat left (or no cap), else the first. Selecting the first when it was full and a
 * later one had seats sent a click on "Conferma l'iscrizione" to the waitlist.
 */
export function defaultEditionId(
  editions: readonly { id: string; seatsLeft: number | null }[],
  chosenId: string | null,
): string | undefined {
  return (
    editions.find((e) => e.id === chosenId)?.id ??
    (editions.find((e) => e.seatsLeft === null || e.seatsLeft > 0) ?? editions[0])?.id
  );
}

/** Until when a teacher may cancel: the organiser's cut-off, or the start of the first session. */
export function cancellationDeadline(cutoff: Date | null, firstSessionStartsAt: Date | null): Date | null {
  return cutoff ?? firstSessionStartsAt;
}

/**
 * Until when a teacher may give up this seat (ADR 0011, addendum of 07/12/2026). A seat taken before the edition's
 * deadline (cancellationDeadline) keeps it. A seat taken at or after it (promoted from the waitlist once the course
 * had started, an offer accepted, placed or moved in by the organiser) would otherwise never be given up: it may be,
 * until the start of the first session after the seat was taken (`nextStartAfterSeat`, see firstStartAfter); with
 * no session left to start, the training is all but over and the edition's deadline, passed, stands.
 */
export function seatCancellationDeadline(
  editionDeadline: Date | null,
  seatTakenAt: Date | null,
  nextStartAfterSeat: Date | null,
): Date | null {
  if (editionDeadline === null || seatTakenAt === null || seatTakenAt < editionDeadline) return editionDeadline;
  return nextStartAfterSeat ?? editionDeadline;
}

/** The earliest of `starts` strictly after `after` (the next session once a seat is taken), or null. */
export function firstStartAfter(starts: readonly Date[], after: Date | null): Date | null {
  if (after === null) return null;
  let first: Date | null = null;
  for (const s of starts) if (s > after && (first === null || s < first)) first = s;
  return first;
}

/** The organiser's cut-off may not fall after the first session starts (the default deadline). */
export function checkCancellationCutoff(
  cutoff: Date | null,
  firstSessionStartsAt: Date | null,
): { ok: true } | { ok: false; reason: "cutoff-after-start" } {
  if (cutoff && firstSessionStartsAt && cutoff > firstSessionStartsAt)
    return { ok: false, reason: "cutoff-after-start" };
  return { ok: true };
}

/**
 * Why the teacher may not end this place themselves at `now`, or null when they may (ADR 0011, addendum "a teacher
 * the register records present"). Leaving the waitlist or declining an offer is always possible. A seat is given up
 * only before its deadline ("deadline-passed", said first: it is refused whatever the register says), and only
 * while no register line of the edition records the teacher there (`recordedPresent`: present, late, left early,
 * by their own QR check-in or the trainer's mark): once they have come, giving the seat up would pass it to the
 * next in line while the register shows them present ("recorded-present": they write to the organiser instead).
 * An application is withdrawn under its own rule (canWithdraw in application.ts): "not-allowed" here, as any
 * place no longer active.
 */
export function teacherCancelRefusal(
  status: string,
  deadline: Date | null,
  now: Date,
  recordedPresent = false,
): "not-allowed" | "deadline-passed" | "recorded-present" | null {
  if (!isActive(status) || status === "candidato") return "not-allowed";
  if (status !== "iscritto") return null;
  if (deadline !== null && now >= deadline) return "deadline-passed";
  return recordedPresent ? "recorded-present" : null;
}

export function canTeacherCancel(status: string, deadline: Date | null, now: Date, recordedPresent = false): boolean {
  return teacherCancelRefusal(status, deadline, now, recordedPresent) === null;
}

/** 1-based position in line from the tickets still waiting ahead. */
export function waitlistPosition(ticketsAhead: number): number {
  return ticketsAhead + 1;
}
