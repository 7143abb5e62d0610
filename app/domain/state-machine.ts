// The states of editions, enrolments (places and applications) and certificates, and the only
// transitions allowed between them, declared once: one table of from → to per action. Every writer
// asks `transition(...)` under the edition's lock (app/models/seat-ledger.server.ts,
// enrolment.server.ts, application.server.ts, certificate.server.ts) and, when refused, changes
// nothing and returns the typed reason (messages in app/i18n/messages/enrolment.ts, key
// `transition.<reason>`). docs/decisions/0011-seat-ledger-and-state-machines.md explains the model.

// ─── Edition ──────────────────────────────────────────────────────────────────

/**
 * Has the edition ended? Its endsOn is its last instant (the event form stores the end of its last
 * day, 23:59:59.999 in Europe/Rome), so it has ended once that instant is past. The one rule for
 * "concluded" in "Le mie iscrizioni" and in the training plan, and for an edition that can no longer be
 * cancelled (editionCancelTransition).
 */
export function editionHasEnded(editionEndsOn: Date, now: Date): boolean {
  return editionEndsOn < now;
}

export const EDITION_STATES = ["attiva", "iscrizioni-chiuse", "annullata"] as const;
export type EditionState = (typeof EDITION_STATES)[number];

/** Edition actions. A "same state" action (the seat actions) is allowed only from the listed states. */
export const EDITION_TRANSITIONS = {
  "close-enrolment": { attiva: "iscrizioni-chiuse" },
  cancel: { attiva: "annullata", "iscrizioni-chiuse": "annullata" },
  "change-seat-cap": { attiva: "attiva", "iscrizioni-chiuse": "iscrizioni-chiuse" },
  "add-quota": { attiva: "attiva", "iscrizioni-chiuse": "iscrizioni-chiuse" },
  "release-quota": { attiva: "attiva", "iscrizioni-chiuse": "iscrizioni-chiuse" },
  "change-promotion": { attiva: "attiva", "iscrizioni-chiuse": "iscrizioni-chiuse" },
  "change-offer-settings": { attiva: "attiva", "iscrizioni-chiuse": "iscrizioni-chiuse" },
  /** Freed seats given to the waitlist (promotion or offer). */
  fill: { attiva: "attiva", "iscrizioni-chiuse": "iscrizioni-chiuse" },
  select: { attiva: "attiva", "iscrizioni-chiuse": "iscrizioni-chiuse" },
  /** Applications: the admission switch, questions and criteria, scores, closing the selection. */
  "set-admission": { attiva: "attiva", "iscrizioni-chiuse": "iscrizioni-chiuse" },
  "set-up-applications": { attiva: "attiva", "iscrizioni-chiuse": "iscrizioni-chiuse" },
  score: { attiva: "attiva", "iscrizioni-chiuse": "iscrizioni-chiuse" },
  "close-selection": { attiva: "attiva", "iscrizioni-chiuse": "iscrizioni-chiuse" },
  /** The organiser moves a participant out of this edition to another of the event (its seat is freed). */
  "move-out": { attiva: "attiva", "iscrizioni-chiuse": "iscrizioni-chiuse" },
  /** …and into this one: only while it takes people (a closed or cancelled edition refuses). */
  "move-in": { attiva: "attiva" },
  /**
   * The trainer closes the register and issues the certificates (certificate.server.ts,
   * issueCertificates): a cancelled edition took place for nobody, so it is refused there
   * ("edition-cancelled") and its register stays open.
   */
  "close-attendance": { attiva: "attiva", "iscrizioni-chiuse": "iscrizioni-chiuse" },
  /** The organiser changed the sessions: open offers are bounded again (seat-ledger.server.ts, rescheduleOffers). */
  reschedule: { attiva: "attiva", "iscrizioni-chiuse": "iscrizioni-chiuse" },
} as const satisfies Record<string, Partial<Record<EditionState, EditionState>>>;
export type EditionAction = keyof typeof EDITION_TRANSITIONS;
export const EDITION_TERMINAL: readonly EditionState[] = ["annullata"];

// ─── Enrolment (a place, a place in line, an offer, or an application) ─────────────
export const ENROLMENT_STATES = [
  "iscritto",
  "in-attesa",
  "offerta",
  "candidato",
  "annullato",
  "rimosso",
  "offerta-scaduta",
  "offerta-rifiutata",
  "edizione-annullata",
  "non-selezionato",
  "spostato",
  "attesa-conclusa",
] as const;
export type EnrolmentState = (typeof ENROLMENT_STATES)[number];

/** "new" is the state before the row exists. */
export const ENROLMENT_TRANSITIONS = {
  enrol: { new: ["iscritto", "in-attesa"] },
  apply: { new: ["candidato"] },
  promote: { "in-attesa": ["iscritto"] },
  offer: { "in-attesa": ["offerta"] },
  accept: { offerta: ["iscritto"] },
  /**
   * The edition's schedule changed and too little time is left to answer the offer before its last
   * session starts (rescheduledOffer in app/domain/seat-ledger.ts): the offered seat becomes a place.
   */
  "promote-offer": { offerta: ["iscritto"] },
  decline: { offerta: ["offerta-rifiutata"] },
  expire: { offerta: ["offerta-scaduta"] },
  "cancel-by-teacher": { iscritto: ["annullato"], "in-attesa": ["annullato"], offerta: ["annullato"] },
  withdraw: { candidato: ["annullato"] },
  remove: { iscritto: ["rimosso"], "in-attesa": ["rimosso"], offerta: ["rimosso"], candidato: ["rimosso"] },
  /** Selection: an applicant takes a seat (applications.server.ts, select). */
  select: { candidato: ["iscritto"] },
  /** Closing the selection without a reserve list: the applicants still under review are told no. */
  "not-select": { candidato: ["non-selezionato"] },
  /**
   * Closing the selection with a reserve list: the applicants still under review join it in ranking
   * order; a freed seat then reaches them by "offer" (in-attesa → offerta) like any waitlist.
   */
  reserve: { candidato: ["in-attesa"] },
  "cancel-edition": {
    iscritto: ["edizione-annullata"],
    "in-attesa": ["edizione-annullata"],
    offerta: ["edizione-annullata"],
    candidato: ["edizione-annullata"],
  },
  /**
   * The organiser moves the teacher to another edition of the same event (seat-ledger.server.ts,
   * moveToEdition): this place ends as "spostato" (its history stays with it) and a new place
   * in the other edition, linked by movedFromId, starts seated or waiting ("move-in").
   */
  "move-out": { iscritto: ["spostato"], "in-attesa": ["spostato"], offerta: ["spostato"] },
  "move-in": { new: ["iscritto", "in-attesa"] },
  /**
   * The edition is over (placeOutlived in app/domain/enrolment.ts): a place in line and an application that
   * never became training end, and the teacher's one place in the event with them (seat-ledger.server.ts,
   * endOutlivedPlaces and endOutlivedPlaceOf). An offer still open then ends by "expire".
   */
  "edition-over": { "in-attesa": ["attesa-conclusa"], candidato: ["non-selezionato"] },
} as const satisfies Record<string, Partial<Record<EnrolmentState | "new", readonly EnrolmentState[]>>>;
export type EnrolmentAction = keyof typeof ENROLMENT_TRANSITIONS;
export const ENROLMENT_TERMINAL: readonly EnrolmentState[] = [
  "annullato",
  "rimosso",
  "offerta-scaduta",
  "offerta-rifiutata",
  "edizione-annullata",
  "non-selezionato",
  "spostato",
  "attesa-conclusa",
];

// ─── Certificate ──────────────────────────────────────────────────────────────
export const CERTIFICATE_STATES = ["valido", "revocato"] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];
/**
 * "issue" creates a certificate only for a place that never held one ("new"): a revoked certificate
 * stays revoked and "Emetti gli attestati mancanti" does not replace it. "reissue" is the explicit act
 * that creates a new valid certificate linked from the old one (Certificate.replacedById).
 */
export const CERTIFICATE_TRANSITIONS = {
  issue: { new: "valido" },
  revoke: { valido: "revocato" },
  reissue: { valido: "revocato", revocato: "revocato" },
} as const satisfies Record<string, Partial<Record<CertificateState | "new", CertificateState>>>;
export type CertificateAction = keyof typeof CERTIFICATE_TRANSITIONS;
export const CERTIFICATE_TERMINAL: readonly CertificateState[] = ["revocato"];

export function certificateState(c: { revokedAt: Date | string | null }): CertificateState {
  return c.revokedAt ? "revocato" : "valido";
}

// ─── Checking a transition ─────────────────────────────────────────────────────

/** Why a transition is refused: the edition is cancelled / enrolment is closed, or the record is in a state the action does not start from. */
export type TransitionRefusal = "edition-cancelled" | "edition-closed" | "wrong-state";
export type Transition<S> = { ok: true; to: S } | { ok: false; reason: TransitionRefusal; from: string };

/** A refusal of the edition's state machine, or of a missing edition. */
export function isTransitionRefusal(reason: string): reason is TransitionRefusal | "not-found" {
  return ["edition-cancelled", "edition-closed", "wrong-state", "not-found"].includes(reason);
}

function refusal(from: string): { ok: false; reason: TransitionRefusal; from: string } {
  const reason: TransitionRefusal =
    from === "annullata" ? "edition-cancelled" : from === "iscrizioni-chiuse" ? "edition-closed" : "wrong-state";
  return { ok: false, reason, from };
}

export function editionTransition(action: EditionAction, from: string): Transition<EditionState> {
  const to = (EDITION_TRANSITIONS[action] as Partial<Record<string, EditionState>>)[from];
  return to ? { ok: true, to } : refusal(from);
}

/**
 * Cancelling an edition: the "cancel" row of the table, and never once it has taken place:
 * - its register is closed (attendanceClosedAt: the trainer closed it and certificates were issued):
 *   "attendance-closed";
 * - it has ended (editionHasEnded: its last day is over), register still open (the usual gap between
 *   the last session and the trainer's closing): "ended". Its participants attended; cancelling would
 *   tell them it was cancelled, send a calendar CANCEL for sessions held and end their places as
 *   "edizione-annullata", so the register could never issue their certificates.
 * Concluded training cannot turn into "edizione annullata", from its page or by cancelling its event
 * (ADR 0084, addendum of 06/12/2026). An edition that has started and not ended may still be cancelled.
 */
export type EditionCancelRefusal = TransitionRefusal | "attendance-closed" | "ended";
export function editionCancelTransition(
  edition: { status: string; attendanceClosedAt: Date | string | null; endsOn: Date },
  now: Date,
): { ok: true; to: EditionState } | { ok: false; reason: EditionCancelRefusal; from: string } {
  const verdict = editionTransition("cancel", edition.status);
  if (verdict.ok && edition.attendanceClosedAt !== null)
    return { ok: false, reason: "attendance-closed", from: edition.status };
  if (verdict.ok && editionHasEnded(edition.endsOn, now)) return { ok: false, reason: "ended", from: edition.status };
  return verdict;
}

/**
 * What cancelling the whole event would do to its editions (the confirmation says it, the refusal names
 * them): the numbers of those it cancels and of those already concluded, which refuse it (the event's
 * cancellation is then refused as a whole). Editions cancelled earlier are in neither.
 */
export function eventCancellationPlan(
  editions: readonly { number: number; status: string; attendanceClosedAt: Date | string | null; endsOn: Date }[],
  now: Date,
): { cancels: number[]; concluded: number[] } {
  const cancels: number[] = [];
  const concluded: number[] = [];
  for (const edition of [...editions].sort((a, b) => a.number - b.number)) {
    const verdict = editionCancelTransition(edition, now);
    if (verdict.ok) cancels.push(edition.number);
    else if (verdict.reason === "attendance-closed" || verdict.reason === "ended") concluded.push(edition.number);
  }
  return { cancels, concluded };
}

/** The states an enrolment may reach from `from` by `action` (the first one when `to` is not given). */
export function enrolmentTransition(
  action: EnrolmentAction,
  from: string | null,
  to?: EnrolmentState,
): Transition<EnrolmentState> {
  const allowed = (ENROLMENT_TRANSITIONS[action] as Partial<Record<string, readonly EnrolmentState[]>>)[from ?? "new"];
  const target = to ?? allowed?.[0];
  return allowed && target && allowed.includes(target)
    ? { ok: true, to: target }
    : { ok: false, reason: "wrong-state", from: from ?? "new" };
}

/** Enrolment states an action starts from (for the WHERE of a conditional update). */
export function enrolmentSources(action: EnrolmentAction): EnrolmentState[] {
  return Object.keys(ENROLMENT_TRANSITIONS[action]).filter((s) => s !== "new") as EnrolmentState[];
}

export function certificateTransition(
  action: CertificateAction,
  from: CertificateState | null,
): Transition<CertificateState> {
  const to = (CERTIFICATE_TRANSITIONS[action] as Partial<Record<string, CertificateState>>)[from ?? "new"];
  return to ? { ok: true, to } : { ok: false, reason: "wrong-state", from: from ?? "new" };
}

/** Every (from, to) pair the tables allow, for the model-based test's "no transition out of a terminal state". */
export function allowedEnrolmentPairs(): Set<string> {
  const pairs = new Set<string>();
  for (const table of Object.values(ENROLMENT_TRANSITIONS) as Record<string, readonly string[]>[]) {
    for (const [from, tos] of Object.entries(table)) for (const to of tos) pairs.add(`${from}>${to}`);
  }
  return pairs;
}
