// Applications ("candidature") as transactions: apply, withdraw, the organiser's questions and
// criteria, scores, selection within the seat cap and closing the selection.
//
// Same concurrency rule as enrolment.server.ts: every transaction starts by updating the
// edition's row (lockEdition), so applications, selections and the closing of the selection are
// serialised per edition on both engines, and on SQLite a transaction never reads before it
// writes. One place per event is held by the unique Enrolment.activeKey, as for enrolments.
// Organiser functions take a ManagedEdition (edition-scope.server.ts): only the scope guard makes one,
// and an applicant named by id must belong to that edition (another edition's is "not-found").
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import {
  admissionSwitchRefusal,
  APPLICANTS_PAGE_SIZE,
  applicantsPage,
  applicantsPageOf,
  canWithdraw,
  checkAnswers,
  checkMotivation,
  checkScores,
  exceedsCap,
  rankApplicants,
  readCriteria,
  reserveTickets,
  RESERVE_PROMOTION_MODE,
  SELECTION_CLOSE_TRANSITIONS,
  readQuestions,
  readRecord,
  selectableSeats,
  selectionRefusal,
  type AdmissionMode,
  type AdmissionSwitchRefusal,
  type AnswerError,
  type CloseSelectionPreview,
  type SelectTopPreview,
  type Criterion,
  type Question,
  type ScoreError,
} from "~/domain/application.ts";
import { ACTIVE_STATUSES, activeKeyFor, checkEligibility, type RefusalReason } from "~/domain/enrolment.ts";
import {
  editionTransition,
  enrolmentSources,
  enrolmentTransition,
  type EditionAction,
} from "~/domain/state-machine.ts";
import { isUniqueViolation } from "~/utils/account.server.ts";
import { prisma } from "~/utils/db.server.ts";
import type { ManagedEdition } from "./edition-scope.server.ts";
import { loadEnrolmentContext } from "./enrolment-seat.server.ts";
import { recordChange } from "./enrolment-change.server.ts";
import { fillDecision } from "~/domain/seat-ledger.ts";
import {
  endOutlivedPlaceOf,
  fillFreeSeats,
  lastSessionTimes,
  loadQuotas,
  rejectPendingApplications,
  takeSelectedSeats,
  type EditionRefusal,
} from "./seat-ledger.server.ts";
import { WITHDRAWN_REASON } from "~/domain/stored-reasons.ts";

type Tx = Prisma.TransactionClient;

const EDITION_FIELDS = {
  id: true,
  eventId: true,
  number: true,
  status: true,
  seatCap: true,
  seatsTaken: true,
  enrolmentOpensAt: true,
  enrolmentClosesAt: true,
  admission: true,
  applicationQuestions: true,
  selectionCriteria: true,
  selectionClosedAt: true,
  waitlistSeq: true,
  event: { select: { title: true, status: true } },
} as const;

/**
 * Locks the edition (as enrolment.server.ts's lockEdition: a write first, so the row lock on
 * PostgreSQL and the write lock on SQLite are held) and reads what applications need; null if
 * there is no such edition.
 */
async function lockForApplications(tx: Tx, editionId: string, now: Date) {
  const locked = await tx.edition.updateMany({ where: { id: editionId }, data: { updatedAt: now } });
  if (locked.count === 0) return null;
  return tx.edition.findUniqueOrThrow({ where: { id: editionId }, select: EDITION_FIELDS });
}

/**
 * An organiser's application action under the lock: the edition's state table
 * (app/domain/state-machine.ts) must allow `action` from its status, or the typed refusal comes back.
 */
async function lockForAction(tx: Tx, editionId: string, action: EditionAction, now: Date) {
  const edition = await lockForApplications(tx, editionId, now);
  if (!edition) return { ok: false, reason: "not-found" } as const;
  const verdict = editionTransition(action, edition.status);
  if (!verdict.ok) return { ok: false, reason: verdict.reason } as const;
  return { ok: true, edition } as const;
}

const payloadOf = (edition: { number: number; event: { title: string } }) => ({
  eventTitle: edition.event.title,
  editionNumber: edition.number,
});

// ─── Teacher ────────────────────────────────────────────────────────────────

export type ApplyRefusal =
  RefusalReason | "already-enrolled" | "not-found" | "not-application" | "selection-closed" | "account-closed";
export type ApplyOutcome =
  | { ok: true; enrolmentId: string }
  | { ok: false; reason: ApplyRefusal }
  | {
      ok: false;
      reason: "invalid";
      motivation: ReturnType<typeof checkMotivation>;
      answers: Record<string, AnswerError>;
    };

/**
 * A teacher applies: same eligibility as enrolment, a motivation and an answer to every
 * question. The application holds the teacher's one place in the event but no seat.
 */
export async function apply(
  userId: string,
  editionId: string,
  input: { motivation: string; answers: Record<string, unknown> },
  now: Date = new Date(),
): Promise<ApplyOutcome> {
  const context = await loadEnrolmentContext(userId, editionId);
  if (!context) return { ok: false, reason: "not-found" };
  const outcome = await applyOnce(context, userId, editionId, input, now);
  // The place held may be one that outlived its edition: it ends now, and the application is asked again (once).
  if (
    !outcome.ok &&
    outcome.reason === "already-enrolled" &&
    (await endOutlivedPlaceOf(context.edition.eventId, userId, now))
  )
    return applyOnce(context, userId, editionId, input, now);
  return outcome;
}

async function applyOnce(
  context: NonNullable<Awaited<ReturnType<typeof loadEnrolmentContext>>>,
  userId: string,
  editionId: string,
  input: { motivation: string; answers: Record<string, unknown> },
  now: Date,
): Promise<ApplyOutcome> {
  try {
    return await prisma.$transaction(async (tx): Promise<ApplyOutcome> => {
      const edition = await lockForApplications(tx, editionId, now);
      if (!edition) return { ok: false, reason: "not-found" };
      if (edition.admission !== "candidatura") return { ok: false, reason: "not-application" };
      // The event's status as read under the edition's lock, which closing or cancelling the event takes
      // too (ADR 0084): an application that waited on the close is refused as the closed event refuses.
      const event = { ...context.event, status: edition.event.status };
      // The last session's end as the context read it: an application after the training is over is refused.
      const lastSessionEndsAt = context.edition.lastSessionEndsAt;
      const eligibility = checkEligibility(context.teacher, event, { ...edition, lastSessionEndsAt }, now);
      if (!eligibility.ok) return eligibility;
      // …and an account closed meanwhile (the teacher's other tab) takes no place: a write to the person's
      // row while it is open, as a placement's, so closeAccount's own write to it waits for this one (and
      // its sweep then withdraws the application) or, done first, makes this one find the account closed.
      const open = await tx.user.updateMany({ where: { id: userId, closedAt: null }, data: { updatedAt: now } });
      if (open.count !== 1) return { ok: false, reason: "account-closed" };
      if (edition.selectionClosedAt) return { ok: false, reason: "selection-closed" };
      const motivationError = checkMotivation(input.motivation);
      const answers = checkAnswers(readQuestions(edition.applicationQuestions), input.answers);
      if (motivationError || !answers.ok) {
        return { ok: false, reason: "invalid", motivation: motivationError, answers: answers.ok ? {} : answers.errors };
      }
      const enrolment = await tx.enrolment.create({
        data: {
          editionId,
          eventId: edition.eventId,
          userId,
          status: "candidato",
          activeKey: activeKeyFor(edition.eventId, userId),
          motivation: input.motivation.trim(),
          answers: JSON.stringify(answers.answers),
          createdAt: now,
        },
        select: { id: true },
      });
      await recordChange(tx, {
        enrolmentId: enrolment.id,
        userId,
        actorId: userId,
        fromStatus: null,
        toStatus: "candidato",
        notify: "candidatura-ricevuta",
        payload: payloadOf(edition),
      });
      return { ok: true, enrolmentId: enrolment.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "already-enrolled" };
    throw error;
  }
}

export type WithdrawOutcome = { ok: true } | { ok: false; reason: "not-found" | "not-allowed" };

/** The teacher withdraws an application, while it is under review and the selection is open. */
export async function withdrawApplication(
  userId: string,
  enrolmentId: string,
  now: Date = new Date(),
): Promise<WithdrawOutcome> {
  const found = await prisma.enrolment.findFirst({ where: { id: enrolmentId, userId }, select: { editionId: true } });
  if (!found) return { ok: false, reason: "not-found" };
  return prisma.$transaction(async (tx) => {
    const edition = (await lockForApplications(tx, found.editionId, now))!;
    const enrolment = await tx.enrolment.findUniqueOrThrow({ where: { id: enrolmentId }, select: { status: true } });
    // "withdraw" of the enrolment state table (candidato → annullato), only while the selection is open.
    const transition = enrolmentTransition("withdraw", enrolment.status);
    if (!transition.ok || !canWithdraw(enrolment.status, edition.selectionClosedAt))
      return { ok: false, reason: "not-allowed" } as const;
    await tx.enrolment.update({
      where: { id: enrolmentId },
      data: { status: transition.to, activeKey: null, endedAt: now },
    });
    await recordChange(tx, {
      enrolmentId,
      userId,
      actorId: userId,
      fromStatus: enrolment.status,
      toStatus: transition.to,
      reason: WITHDRAWN_REASON,
    });
    return { ok: true } as const;
  });
}

// ─── Organiser: set-up ───────────────────────────────────────────────────────

export type AdmissionOutcome =
  { ok: true } | { ok: false; reason: EditionRefusal | AdmissionSwitchRefusal | "has-quotas" };

/**
 * First come or by application: switchable only while nobody holds or awaits a place, and never once the
 * selection was closed (admissionSwitchRefusal): the closed selection and what its people were told stay.
 */
export async function setAdmission(
  scope: ManagedEdition,
  admission: AdmissionMode,
  now: Date = new Date(),
): Promise<AdmissionOutcome> {
  const { id: editionId, actorId } = scope;
  return prisma.$transaction(async (tx) => {
    const locked = await lockForAction(tx, editionId, "set-admission", now);
    if (!locked.ok) return locked;
    const { edition } = locked;
    if (edition.admission === admission) return { ok: true } as const;
    const active = await tx.enrolment.count({ where: { editionId, status: { in: [...ACTIVE_STATUSES] } } });
    // Every place it ever had, asked only of a closed selection (the only rule that reads it).
    const ever = edition.selectionClosedAt ? await tx.enrolment.count({ where: { editionId } }) : 0;
    const refused = admissionSwitchRefusal(edition, { active, ever });
    if (refused) return { ok: false, reason: refused } as const;
    // The selection seats people in the general pool only: a quota's seats would stay empty (checkNewQuota).
    if (admission === "candidatura" && (await tx.editionQuota.count({ where: { editionId, releasedAt: null } })) > 0)
      return { ok: false, reason: "has-quotas" } as const;
    // A selection closed here was closed before anyone applied (admissionSwitchRefusal): it decided nothing, and
    // the edition starts over under its new mode.
    await tx.edition.update({ where: { id: editionId }, data: { admission, selectionClosedAt: null } });
    await tx.auditLog.create({
      data: {
        actorId,
        entityType: "edition",
        entityId: editionId,
        action: "ammissione-modificata",
        details: JSON.stringify({ from: edition.admission, to: admission }),
      },
    });
    return { ok: true } as const;
  });
}

export type SetupOutcome =
  | { ok: true }
  | { ok: false; reason: EditionRefusal | "not-application" }
  | { ok: false; reason: "questions-locked" | "criteria-locked" };

/**
 * Saves the questions and criteria (applications), or the registration questions of a first-come
 * edition. Questions are frozen once someone has applied or enrolled (their answers refer to
 * them); criteria once someone has been scored.
 */
export async function saveApplicationSetup(
  scope: ManagedEdition,
  setup: { questions: Question[]; criteria: Criterion[] },
  now: Date = new Date(),
): Promise<SetupOutcome> {
  const { id: editionId, actorId } = scope;
  return prisma.$transaction(async (tx): Promise<SetupOutcome> => {
    const locked = await lockForAction(tx, editionId, "set-up-applications", now);
    if (!locked.ok) return locked;
    const { edition } = locked;
    // First-come editions ask registration questions too, but rank nobody: no criteria.
    const byApplication = edition.admission === "candidatura";
    if (!byApplication && setup.criteria.length > 0) return { ok: false, reason: "not-application" };
    const questions = JSON.stringify(setup.questions);
    const criteria = byApplication
      ? JSON.stringify(setup.criteria)
      : JSON.stringify(readCriteria(edition.selectionCriteria));
    const questionsChanged = questions !== JSON.stringify(readQuestions(edition.applicationQuestions));
    const criteriaChanged = criteria !== JSON.stringify(readCriteria(edition.selectionCriteria));
    if (questionsChanged && (await tx.enrolment.count({ where: { editionId } })) > 0) {
      return { ok: false, reason: "questions-locked" };
    }
    if (criteriaChanged && (await tx.enrolment.count({ where: { editionId, totalScore: { not: null } } })) > 0) {
      return { ok: false, reason: "criteria-locked" };
    }
    if (!questionsChanged && !criteriaChanged) return { ok: true };
    await tx.edition.update({
      where: { id: editionId },
      data: { applicationQuestions: questions, selectionCriteria: criteria },
    });
    await tx.auditLog.create({
      data: {
        actorId,
        entityType: "edition",
        entityId: editionId,
        action: "candidature-impostate",
        details: JSON.stringify({ questions: setup.questions, criteria: setup.criteria }),
      },
    });
    return { ok: true };
  });
}

// ─── Organiser: scores and selection ─────────────────────────────────────────

export type ScoreOutcome =
  | { ok: true; total: number }
  | { ok: false; reason: EditionRefusal | "not-candidate" | "selection-closed" | "no-criteria" }
  | { ok: false; reason: "invalid"; errors: Record<string, ScoreError> };

/** Scores an applicant on every criterion and sets the priority flag; written to the audit log. */
export async function scoreApplicant(
  scope: ManagedEdition,
  enrolmentId: string,
  input: { scores: Record<string, unknown>; priority: boolean },
  now: Date = new Date(),
): Promise<ScoreOutcome> {
  const { id: editionId, actorId } = scope;
  return prisma.$transaction(async (tx): Promise<ScoreOutcome> => {
    const locked = await lockForAction(tx, editionId, "score", now);
    if (!locked.ok) return locked;
    const { edition } = locked;
    if (edition.selectionClosedAt) return { ok: false, reason: "selection-closed" };
    const criteria = readCriteria(edition.selectionCriteria);
    if (criteria.length === 0) return { ok: false, reason: "no-criteria" };
    const checked = checkScores(criteria, input.scores);
    if (!checked.ok) return { ok: false, reason: "invalid", errors: checked.errors };
    const updated = await tx.enrolment.updateMany({
      where: { id: enrolmentId, editionId, status: { in: enrolmentSources("select") } },
      data: { scores: JSON.stringify(checked.scores), totalScore: checked.total, priority: input.priority },
    });
    if (updated.count !== 1) {
      const exists = await tx.enrolment.count({ where: { id: enrolmentId, editionId } });
      return { ok: false, reason: exists ? "not-candidate" : "not-found" };
    }
    await tx.auditLog.create({
      data: {
        actorId,
        entityType: "enrolment",
        entityId: enrolmentId,
        action: "candidatura-valutata",
        details: JSON.stringify({ scores: checked.scores, total: checked.total, priority: input.priority }),
      },
    });
    return { ok: true, total: checked.total };
  });
}

export type SelectOutcome =
  | { ok: true; selected: number }
  | {
      ok: false;
      reason: EditionRefusal | "not-application" | "selection-closed" | "not-candidate" | "nobody";
    }
  | { ok: false; reason: "over-cap"; free: number; requested: number };

type Selection = { kind: "top"; count: number } | { kind: "ids"; ids: string[] };

async function select(scope: ManagedEdition, which: Selection, now: Date): Promise<SelectOutcome> {
  const { id: editionId, actorId } = scope;
  return prisma.$transaction(async (tx): Promise<SelectOutcome> => {
    const edition = await lockForApplications(tx, editionId, now);
    if (!edition) return { ok: false, reason: "not-found" };
    // The edition's state table, then its event: a closed or cancelled event gives no new seat (ADR 0084).
    // The organiser's ranking reads the same rule to offer no selection it would refuse.
    const refused = selectionRefusal(edition, edition.event);
    if (refused) return { ok: false, reason: refused };
    if (edition.admission !== "candidatura") return { ok: false, reason: "not-application" };
    if (edition.selectionClosedAt) return { ok: false, reason: "selection-closed" };
    const candidates = await tx.enrolment.findMany({
      where: { editionId, status: { in: enrolmentSources("select") } },
      select: { id: true, userId: true, status: true, priority: true, totalScore: true, createdAt: true },
    });
    let chosen: typeof candidates;
    if (which.kind === "top") {
      chosen = rankApplicants(candidates).slice(0, which.count);
    } else {
      const ids = new Set(which.ids);
      chosen = candidates.filter((c) => ids.has(c.id));
      if (chosen.length !== ids.size) return { ok: false, reason: "not-candidate" };
    }
    if (chosen.length === 0) return { ok: false, reason: "nobody" };
    const requested = which.kind === "top" ? which.count : chosen.length;
    // Selection seats people in the general pool: the regional quotas' seats are not its to give.
    const quotas = await loadQuotas(tx, editionId);
    if (exceedsCap(edition.seatCap, edition.seatsTaken, chosen.length, quotas)) {
      return {
        ok: false,
        reason: "over-cap",
        free: selectableSeats(edition.seatCap, edition.seatsTaken, Number.MAX_SAFE_INTEGER, quotas),
        requested,
      };
    }
    for (const c of chosen) {
      // "select" of the enrolment state table (candidato → iscritto), checked under the lock.
      const transition = enrolmentTransition("select", c.status);
      if (!transition.ok) return { ok: false, reason: "not-candidate" };
      await tx.enrolment.update({ where: { id: c.id }, data: { status: transition.to } });
      await recordChange(tx, {
        enrolmentId: c.id,
        userId: c.userId,
        actorId,
        fromStatus: c.status,
        toStatus: transition.to,
        notify: "candidatura-accettata",
        payload: payloadOf(edition),
      });
    }
    // The seat ledger counts the seats (cannot fail under the lock; if it ever did, the whole selection is undone).
    if (!(await takeSelectedSeats(tx, editionId, chosen.length)))
      throw new Error(`Selection would exceed the seat cap of edition ${editionId}`);
    await tx.auditLog.create({
      data: {
        actorId,
        entityType: "edition",
        entityId: editionId,
        action: "candidati-selezionati",
        details: JSON.stringify({ enrolments: chosen.map((c) => c.id) }),
      },
    });
    return { ok: true, selected: chosen.length };
  });
}

/**
 * "Seleziona i primi N": the first N in the ranking take seats. Refused as a whole if N is more
 * than the free seats (the organiser is told how many are free); fewer applicants than N is fine.
 */
export function selectTop(scope: ManagedEdition, count: number, now: Date = new Date()) {
  if (!Number.isInteger(count) || count < 1) return Promise.resolve({ ok: false, reason: "nobody" } as SelectOutcome);
  return select(scope, { kind: "top", count }, now);
}

/** Selects the given applicants (all or none), within the seat cap. */
export function selectApplicants(scope: ManagedEdition, enrolmentIds: string[], now: Date = new Date()) {
  return select(scope, { kind: "ids", ids: enrolmentIds }, now);
}

export type CloseOutcome =
  | { ok: true; notSelected: number; reserve: number; alreadyClosed: boolean }
  | { ok: false; reason: EditionRefusal | "not-application" };

/**
 * "Chiudi la selezione", once (closing again changes nothing and tells nobody). Everyone still
 * under review either joins the reserve list in ranking order and is told their position
 * (options.reserve, SELECTION_CLOSE_TRANSITIONS.reserve), or is told they were not selected.
 * With a reserve list the edition hands freed seats on by offer with a deadline
 * (RESERVE_PROMOTION_MODE), and seats already free are offered at once, first ranked first;
 * afterwards withdrawals, removals, declined and expired offers pass seats on through the
 * ordinary waitlist functions of enrolment.server.ts (cancelByTeacher, removeByOrganiser,
 * declineOffer, acceptOffer, expireOverdueOffers).
 */
export async function closeSelection(
  scope: ManagedEdition,
  now: Date = new Date(),
  options: { reserve: boolean } = { reserve: false },
): Promise<CloseOutcome> {
  const { id: editionId, actorId } = scope;
  return prisma.$transaction(async (tx): Promise<CloseOutcome> => {
    const locked = await lockForAction(tx, editionId, "close-selection", now);
    if (!locked.ok) return locked;
    const { edition } = locked;
    // A reserve list is new places in line: none in a closed or cancelled event (ADR 0084). Closing the
    // selection without one (everyone still under review is told no) is still allowed.
    if (options.reserve && edition.event.status !== "pubblicato") return { ok: false, reason: "edition-closed" };
    if (edition.admission !== "candidatura") return { ok: false, reason: "not-application" };
    if (edition.selectionClosedAt) return { ok: true, notSelected: 0, reserve: 0, alreadyClosed: true };
    const reserve = options.reserve;
    // "reserve" or "not-select" of the enrolment state table, from every applicant still under review.
    const mode = SELECTION_CLOSE_TRANSITIONS[reserve ? "reserve" : "reject"];
    const rest = await tx.enrolment.findMany({
      where: { editionId, status: { in: enrolmentSources(mode.action) } },
      select: { id: true, userId: true, priority: true, totalScore: true, createdAt: true },
    });
    await tx.edition.update({ where: { id: editionId }, data: { selectionClosedAt: now } });
    if (reserve) {
      const { from, to } = mode;
      const tickets = reserveTickets(rest, edition.waitlistSeq);
      for (const { applicant, ticket, position } of tickets) {
        await tx.enrolment.update({ where: { id: applicant.id }, data: { status: to, waitlistSeq: ticket } });
        await recordChange(tx, {
          enrolmentId: applicant.id,
          userId: applicant.userId,
          actorId,
          fromStatus: from,
          toStatus: to,
          notify: "candidatura-in-riserva",
          payload: { ...payloadOf(edition), position },
        });
      }
      await tx.edition.update({
        where: { id: editionId },
        data: { waitlistSeq: edition.waitlistSeq + tickets.length, promotionMode: RESERVE_PROMOTION_MODE },
      });
      // Seats left free by the selection go to the reserve list now, as later freed seats will.
      if (tickets.length > 0) await fillFreeSeats(tx, editionId, now, actorId);
    } else {
      await rejectPendingApplications(
        tx,
        { id: editionId, number: edition.number, event: edition.event },
        actorId,
        now,
      );
    }
    await tx.auditLog.create({
      data: {
        actorId,
        entityType: "edition",
        entityId: editionId,
        action: "selezione-chiusa",
        details: JSON.stringify(reserve ? { reserve: rest.length } : { notSelected: rest.length }),
      },
    });
    return {
      ok: true,
      notSelected: reserve ? 0 : rest.length,
      reserve: reserve ? rest.length : 0,
      alreadyClosed: false,
    };
  });
}

// ─── Reads ───────────────────────────────────────────────────────────────────

/**
 * What "Chiudi la selezione" would do if confirmed now, from the rules closeSelection and fillFreeSeats apply
 * (SELECTION_CLOSE_TRANSITIONS, selectableSeats over the general pool, fillDecision with RESERVE_PROMOTION_MODE):
 * how many applicants are told what, and how many free seats go at once to the reserve list. Null when the
 * selection cannot be closed (no such edition, not by application, or closed already).
 */
export async function closeSelectionPreview(
  editionId: string,
  options: { reserve: boolean },
  now: Date = new Date(),
): Promise<CloseSelectionPreview | null> {
  const edition = await prisma.edition.findUnique({
    where: { id: editionId },
    select: { admission: true, selectionClosedAt: true, seatCap: true, seatsTaken: true, offerHours: true },
  });
  if (!edition || edition.admission !== "candidatura" || edition.selectionClosedAt) return null;
  const mode = SELECTION_CLOSE_TRANSITIONS[options.reserve ? "reserve" : "reject"];
  const [underReview, quotas, last] = await Promise.all([
    prisma.enrolment.count({ where: { editionId, status: { in: enrolmentSources(mode.action) } } }),
    loadQuotas(prisma, editionId),
    lastSessionTimes(prisma, editionId),
  ]);
  const giving = options.reserve
    ? fillDecision(RESERVE_PROMOTION_MODE, edition.offerHours, now, last.startsAt, last.endsAt).kind
    : "none";
  return {
    reserve: options.reserve,
    underReview,
    unlimited: edition.seatCap === null,
    seatsAtOnce: giving === "none" ? 0 : selectableSeats(edition.seatCap, edition.seatsTaken, underReview, quotas),
    giving,
    offerHours: edition.offerHours,
  };
}

/** How many unscored applicants "Seleziona le prime N"'s step names (the rest only counted). */
export const SELECT_TOP_NAMED_MAX = 10;

/**
 * What "Seleziona le prime N" would do if confirmed now, for its second step (?seleziona=N): the ranking and
 * the seat rules select() applies (rankApplicants, exceedsCap and selectableSeats over the general pool), so
 * the step says how many take a seat (each emailed), how many of them nobody has scored yet (they come after
 * every scored one, in order of application: ADR 0011's addendum) and whose those are, or that N is over the
 * free seats. Null when nobody can be selected now (no such edition, not by application, selection closed,
 * event not published, N not a whole number from 1).
 */
export async function selectTopPreview(editionId: string, count: number): Promise<SelectTopPreview | null> {
  if (!Number.isInteger(count) || count < 1) return null;
  const edition = await prisma.edition.findUnique({
    where: { id: editionId },
    select: {
      admission: true,
      selectionClosedAt: true,
      seatCap: true,
      seatsTaken: true,
      event: { select: { status: true } },
    },
  });
  if (
    !edition ||
    edition.admission !== "candidatura" ||
    edition.selectionClosedAt ||
    edition.event.status !== "pubblicato"
  )
    return null;
  const [candidates, quotas] = await Promise.all([
    prisma.enrolment.findMany({
      where: { editionId, status: { in: enrolmentSources("select") } },
      select: {
        id: true,
        priority: true,
        totalScore: true,
        createdAt: true,
        user: { select: { firstName: true, lastName: true } },
      },
    }),
    loadQuotas(prisma, editionId),
  ]);
  const chosen = rankApplicants(candidates).slice(0, count);
  const unscored = chosen.filter((c) => c.totalScore === null);
  return {
    requested: count,
    seated: chosen.length,
    unscored: unscored.length,
    unscoredNamed: unscored.slice(0, SELECT_TOP_NAMED_MAX).map((c) => ({ id: c.id, ...c.user })),
    overCap: exceedsCap(edition.seatCap, edition.seatsTaken, chosen.length, quotas),
    free: selectableSeats(edition.seatCap, edition.seatsTaken, Number.MAX_SAFE_INTEGER, quotas),
  };
}

/** Every applicant under review of the edition, ranked (only what the ranking reads). */
async function rankedCandidates(editionId: string) {
  const rows = await prisma.enrolment.findMany({
    where: { editionId, status: "candidato" },
    select: { id: true, totalScore: true, priority: true, createdAt: true },
  });
  return rankApplicants(rows);
}

/**
 * The edition's application set-up and one page of its ranked applicants (APPLICANTS_PAGE_SIZE, ranks global),
 * for the organiser's page: the ranking is computed over every applicant from the columns it reads, and only
 * the page's rows are read with their motivation, answers, scores and person (an edition may receive hundreds).
 */
export async function loadApplicationsForOrganiser(editionId: string, askedPage: string | null = null) {
  const edition = await prisma.edition.findUnique({
    where: { id: editionId },
    select: {
      admission: true,
      applicationQuestions: true,
      selectionCriteria: true,
      selectionClosedAt: true,
      seatCap: true,
      seatsTaken: true,
      status: true,
      event: { select: { status: true } },
    },
  });
  if (!edition) return null;
  const [ranking, activeCount, everCount] = await Promise.all([
    rankedCandidates(editionId),
    prisma.enrolment.count({ where: { editionId, status: { in: [...ACTIVE_STATUSES] } } }),
    edition.selectionClosedAt ? prisma.enrolment.count({ where: { editionId } }) : 0,
  ]);
  const admissionLocked = admissionSwitchRefusal(edition, { active: activeCount, ever: everCount });
  const { page, pages } = applicantsPage(askedPage, ranking.length);
  const first = (page - 1) * APPLICANTS_PAGE_SIZE;
  const shown = ranking.slice(first, first + APPLICANTS_PAGE_SIZE);
  // Nobody under review (every first-come edition): no second read.
  const rows =
    shown.length === 0
      ? []
      : await prisma.enrolment.findMany({
          where: { id: { in: shown.map((r) => r.id) }, editionId, status: "candidato" },
          select: {
            id: true,
            motivation: true,
            answers: true,
            scores: true,
            totalScore: true,
            priority: true,
            createdAt: true,
            user: {
              select: {
                firstName: true,
                lastName: true,
                email: true,
                schoolName: true,
                schoolCode: true,
                regionCode: true,
              },
            },
          },
        });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const applicants = shown.flatMap((ranked, i) => {
    const r = byId.get(ranked.id);
    return r
      ? [
          {
            ...r,
            rank: first + i + 1,
            answers: readRecord<string>(r.answers, "string"),
            scores: readRecord<number>(r.scores, "number"),
          },
        ]
      : [];
  });
  return {
    admission: edition.admission as AdmissionMode,
    questions: readQuestions(edition.applicationQuestions),
    criteria: readCriteria(edition.selectionCriteria),
    selectionClosedAt: edition.selectionClosedAt,
    /** Why nobody can be selected now (closed or cancelled event, cancelled edition), null while the selection may go on. */
    selectionRefused: selectionRefusal(edition, edition.event),
    eventStatus: edition.event.status,
    /** Why the admission mode can no longer change (admissionSwitchRefusal), null while it can. */
    admissionLocked,
    canSwitchAdmission: admissionLocked === null && edition.status !== "annullata",
    applicants,
    total: ranking.length,
    page,
    pages,
    selectable: selectableSeats(edition.seatCap, edition.seatsTaken, ranking.length),
  };
}

/** The ranking page an applicant under review is on now (after a score moved them), 1 if not under review. */
export async function applicantsPageFor(editionId: string, enrolmentId: string): Promise<number> {
  const index = (await rankedCandidates(editionId)).findIndex((r) => r.id === enrolmentId);
  return index < 0 ? 1 : applicantsPageOf(index + 1);
}

/** The edition's criteria, for the score form's schema. */
export async function loadSelectionCriteria(editionId: string): Promise<Criterion[]> {
  const edition = await prisma.edition.findUnique({ where: { id: editionId }, select: { selectionCriteria: true } });
  return edition ? readCriteria(edition.selectionCriteria) : [];
}
