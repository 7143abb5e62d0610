// Enrolment as the teacher lives it: take a seat or a waitlist ticket, cancel, accept or decline
// an offer, offers' expiry, removal by the organiser. The edition-level seat writers (cap changes,
// quotas, filling the waitlist, closing and cancelling editions) are in seat-ledger.server.ts;
// the allowed transitions in app/domain/state-machine.ts.
//
// Concurrency: every transaction that changes who holds a seat starts by locking the edition's
// row (lockEdition). On PostgreSQL that row lock serialises seat changes per edition across all
// app instances; on SQLite the single writer does the same. A second place in the same event is
// refused by the unique Enrolment.activeKey.
import {
  activeKeyFor,
  cancellationDeadline,
  firstStartAfter,
  seatCancellationDeadline,
  checkEligibility,
  teacherCancelRefusal,
  type RefusalReason,
} from "~/domain/enrolment.ts";
import { INVITATION_METHOD, type EnrolmentChangeKind } from "~/domain/notification-kinds.ts";
import { checkAnswers, readQuestions, type AnswerError } from "~/domain/application.ts";
import { SEAT_HOLDING_STATUSES } from "~/domain/enrolment.ts";
import { enrolmentSources, enrolmentTransition, type EnrolmentAction } from "~/domain/state-machine.ts";
import { isUniqueViolation } from "~/utils/account.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { presenceRecordedLocked } from "./attendance.server.ts";
import type { ManagedEdition } from "./edition-scope.server.ts";
import { carryEarlierLines, hasEarlierLines } from "./carried-lines.server.ts";
import { bumpSessionSequences, recordChange } from "./enrolment-change.server.ts";
import { countAttempt, enrolmentAttempt, type EnrolmentAttempt } from "~/utils/rate-limit.server.ts";
import {
  accountClosed,
  AlreadyHeld,
  AttemptsExceeded,
  EditionNotOpen,
  loadEnrolmentContext,
  takeSeatOrWaitlistTicket,
  waitlistPositionOf,
  type EnrolmentContext,
} from "./enrolment-seat.server.ts";
import {
  endOutlivedPlaceOf,
  lockEdition,
  releaseSeat,
  SEAT_TRANSACTION,
  takeSeatInPools,
  type Tx,
} from "./seat-ledger.server.ts";

const holdsSeat = (status: string) => (SEAT_HOLDING_STATUSES as readonly string[]).includes(status);

export type EnrolOutcome =
  /** waitlistPosition: null when seated, or when the caller asked not to compute it. */
  | { ok: true; enrolmentId: string; status: "iscritto" | "in-attesa"; waitlistPosition: number | null }
  | { ok: false; reason: RefusalReason | "already-enrolled" | "not-found" | "account-closed" }
  /** The edition's registration questions were not answered as they ask (errors by question id). */
  | { ok: false; reason: "invalid-answers"; errors: Record<string, AnswerError> }
  /** Over the enrolment rate limit (only when the caller handed the attempt to count: options.attempt). */
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/** A teacher asks for a place: a seat if one is free, otherwise the next waitlist ticket. */
export async function enrol(
  userId: string,
  editionId: string,
  now: Date = new Date(),
  options: {
    /** The waitlist position costs a count over the line; a caller that shows it later can skip it. */
    withPosition?: boolean;
    /** Answers to the edition's registration questions ({ questionId: answer }); ignored when it asks none. */
    answers?: Readonly<Record<string, unknown>>;
    /** The teacher (userId's row) as the request's session lookup read it: not read again. */
    teacher?: EnrolmentContext["teacher"];
    /**
     * The teacher's enrolment attempt (rate limit), counted exactly once whatever the outcome: by the
     * seat transaction itself when the request gets that far (one write instead of two, ADR 0023),
     * else on its own; over the limit the answer is "rate-limited" and no place is taken.
     */
    attempt?: EnrolmentAttempt;
    /** The event the request names (the page's URL): an edition of another event is "not-found". */
    eventId?: string;
    /** Internal: the teacher's place that outlived its edition was already ended for this request (asked once). */
    outlivedEnded?: boolean;
  } = {},
): Promise<EnrolOutcome> {
  const attempt = options.attempt?.userId === userId ? options.attempt : undefined;
  /** A refusal before the seat transaction (or after it was undone): the attempt still counts. */
  const refuse = async (outcome: EnrolOutcome): Promise<EnrolOutcome> => {
    if (!attempt) return outcome;
    const verdict = await countAttempt(attempt);
    return verdict.allowed
      ? outcome
      : { ok: false, reason: "rate-limited", retryAfterSeconds: verdict.retryAfterSeconds };
  };
  const known = options.teacher?.id === userId ? options.teacher : undefined;
  const context = await loadEnrolmentContext(userId, editionId, known);
  if (!context || (options.eventId !== undefined && context.edition.eventId !== options.eventId)) {
    return refuse({ ok: false, reason: "not-found" });
  }
  const { teacher, edition, event } = context;
  const eligibility = checkEligibility(teacher, event, edition, now);
  if (!eligibility.ok) return refuse(eligibility);
  // Places given by selection are asked for with an application (app/models/application.server.ts).
  if (edition.admission === "candidatura") return refuse({ ok: false, reason: "application-required" });
  // Registration questions: read with the edition above (no extra query), checked here, stored with the
  // enrolment in its own insert. An edition without questions stores the column's default.
  let answers: string | undefined;
  if (edition.questions !== "[]") {
    const questions = readQuestions(edition.questions);
    if (questions.length > 0) {
      const checked = checkAnswers(questions, options.answers ?? {});
      if (!checked.ok) return refuse({ ok: false, reason: "invalid-answers", errors: checked.errors });
      answers = JSON.stringify(checked.answers);
    }
  }

  const request = {
    editionId,
    eventId: edition.eventId,
    userId,
    activeKey: activeKeyFor(edition.eventId, userId),
    payload: { eventTitle: event.title, editionNumber: edition.number },
    answers,
  };
  // Whether the attempt is already counted (the pools' path counts it first, on its own).
  let counted = false;
  try {
    let result: {
      enrolmentId: string;
      status: "iscritto" | "in-attesa";
      waitlistSeq: number | null;
      quotaId: string | null;
    };
    if (edition.hasQuotas) {
      if (attempt) {
        const verdict = await countAttempt(attempt);
        counted = true;
        if (!verdict.allowed)
          return { ok: false, reason: "rate-limited", retryAfterSeconds: verdict.retryAfterSeconds };
      }
      result = await takeSeatInPools({ ...request, regionCode: teacher.regionCode }, now);
    } else {
      // The attempt is counted by the seat transaction (kept when it commits, even over the limit).
      result = { ...(await takeSeatOrWaitlistTicket({ ...request, now, attempt })), quotaId: null };
      counted = true;
      if (result.status === "iscritto" && edition.hadEndedPlace)
        await carryLinesAfterBurst(editionId, result.enrolmentId, userId, now);
    }
    return {
      ok: true,
      enrolmentId: result.enrolmentId,
      status: result.status,
      waitlistPosition:
        result.waitlistSeq === null || options.withPosition === false
          ? null
          : await waitlistPositionOf(editionId, result.waitlistSeq, result.quotaId),
    };
  } catch (error) {
    if (error instanceof AttemptsExceeded) {
      return { ok: false, reason: "rate-limited", retryAfterSeconds: error.retryAfterSeconds };
    }
    // The edition was cancelled or closed while the request waited for its lock: nothing was taken
    // (the attempt is counted). The refusal is the one the edition now gives.
    if (error instanceof EditionNotOpen) {
      // The teacher's account was closed meanwhile (another tab): no place, and it says so (ADR 0084).
      if (await accountClosed(userId)) return { ok: false, reason: "account-closed" };
      const fresh = await loadEnrolmentContext(userId, editionId);
      if (!fresh) return { ok: false, reason: "not-found" };
      // Regional quotas added, or admission by application chosen, while the request waited for the lock: the
      // first-come write took nothing, and the request goes the way the edition now asks (the pools, or the
      // application's refusal), its attempt already counted.
      if (fresh.edition.hasQuotas !== edition.hasQuotas || fresh.edition.admission !== edition.admission)
        return enrol(userId, editionId, now, { ...options, attempt: undefined, teacher: fresh.teacher });
      const verdict = checkEligibility(fresh.teacher, fresh.event, fresh.edition, now);
      return verdict.ok ? { ok: false, reason: "enrolment-closed-early" } : verdict;
    }
    // A place already held: the seat write found it and kept the attempt's count (ADR 0030), or met the
    // unique key and was undone, its count with it.
    if (isUniqueViolation(error)) {
      const attemptCounted = counted || (error instanceof AlreadyHeld && error.attemptCounted);
      // The place held may be one that outlived its edition (a place in line, an offer or an application of an
      // edition now over): it ends now, under its edition's lock, and the request is asked again, its attempt
      // counted once (ADR 0011, addendum "places in line end with their edition").
      if (!options.outlivedEnded && (await endOutlivedPlaceOf(edition.eventId, userId, now))) {
        return enrol(userId, editionId, now, {
          ...options,
          attempt: attemptCounted ? undefined : options.attempt,
          teacher,
          outlivedEnded: true,
        });
      }
      return attemptCounted
        ? { ok: false, reason: "already-enrolled" }
        : refuse({ ok: false, reason: "already-enrolled" });
    }
    if (attempt && !counted) await countAttempt(attempt).catch(() => undefined);
    throw error;
  }
}

/**
 * The burst's seat (raw SQL, ADR 0008) writes no line: a seated place then takes the teacher's earlier lines in
 * the edition as recordChange does for every other writer (carryEarlierLines, ADR 0019 addendum), in a
 * transaction of its own under the edition's lock, if the place is still seated. Called only when the context's
 * read (one statement, as before) found an ended place of the teacher in the edition: the burst's statements,
 * its lock and its round trips stay as they were for everybody else.
 */
async function carryLinesAfterBurst(editionId: string, enrolmentId: string, userId: string, now: Date) {
  if (!(await hasEarlierLines(prisma, enrolmentId, userId))) return;
  await prisma.$transaction(async (tx) => {
    await lockEdition(tx, editionId, now);
    const place = await tx.enrolment.findUnique({ where: { id: enrolmentId }, select: { status: true } });
    if (place?.status === "iscritto") await carryEarlierLines(tx, { enrolmentId, userId, actorId: userId });
  }, SEAT_TRANSACTION);
}

/**
 * The enrol POST's call (app/routes/eventi.$eventId_.iscrizione.tsx), one entry point for the route
 * and the seat ledger's property test (tests/integration/ledger-model.test.ts), so the test drives
 * the writer the route drives: the teacher's row as the session lookup read it, the attempt counted
 * against the enrolment rate limit by enrol() itself, in the seat transaction's write (ADR 0023), and
 * no waitlist position ("Le mie iscrizioni", where the POST redirects, shows it).
 */
export function enrolAsRequested(
  teacher: EnrolmentContext["teacher"],
  eventId: string,
  editionId: string,
  now: Date,
  answers?: Readonly<Record<string, unknown>>,
): Promise<EnrolOutcome> {
  return enrol(teacher.id, editionId, now, {
    withPosition: false,
    answers,
    teacher,
    attempt: enrolmentAttempt(teacher.id),
    eventId,
  });
}

/**
 * A test seam of the teacher's cancellation (no production caller passes it): `beforeCommit` runs inside the
 * transaction once the place is ended and the seat given on, with every lock still held, so a test can send a
 * check-in or a register save that must wait for the commit (tests/integration/check-in.test.ts).
 */
export type EndSeams = { beforeCommit?: () => Promise<void> };

type EndOutcome =
  | { ok: true }
  | {
      ok: false;
      reason:
        "not-found" | "not-allowed" | "deadline-passed" | "recorded-present" | "offer-expired" | "has-certificate";
    };

/** Ends an active enrolment and gives a freed seat to the waitlist, in one transaction. */
async function endEnrolment(
  enrolmentId: string,
  options: {
    now: Date;
    actorId: string | null;
    /** The action of ENROLMENT_TRANSITIONS (app/domain/state-machine.ts) that ends the place. */
    action: Extract<EnrolmentAction, "cancel-by-teacher" | "remove" | "decline" | "expire">;
    reason?: string | null;
    notify?: EnrolmentChangeKind;
    /** The edition the caller's scope covers: an enrolment of another edition is refused as not found. */
    editionId?: string;
    /**
     * A removal by the organiser: the edition's change log (/gestione/edizioni/:id/modifiche) says who
     * removed whom, when, from which status and why, as it does for placements and moves.
     */
    logRemoval?: boolean;
    /**
     * The teacher whose place it must be: another's is refused as not found before anything else
     * is said of it (neither its status nor its deadline).
     */
    userId?: string;
    /**
     * Extra condition checked under the lock (e.g. the teacher's cancellation deadline), with the seat's deadline
     * and, for a seat, whether the register records its holder present (presenceRecordedLocked).
     */
    check?: (
      enrolment: { status: string; userId: string; offerExpiresAt: Date | null },
      deadline: Date | null,
      recordedPresent: boolean,
    ) => EndOutcome;
    /** A test seam (see EndSeams). */
    seams?: EndSeams;
  },
): Promise<EndOutcome> {
  const found = await prisma.enrolment.findUnique({
    where: { id: enrolmentId },
    select: { editionId: true, userId: true },
  });
  if (
    !found ||
    (options.editionId !== undefined && found.editionId !== options.editionId) ||
    (options.userId !== undefined && found.userId !== options.userId)
  )
    return { ok: false, reason: "not-found" };
  return prisma.$transaction(async (tx) => {
    const edition = (await lockEdition(tx, found.editionId, options.now))!;
    const enrolment = await tx.enrolment.findUniqueOrThrow({
      where: { id: enrolmentId },
      select: { id: true, status: true, userId: true, offerExpiresAt: true, quotaId: true },
    });
    const transition = enrolmentTransition(options.action, enrolment.status);
    if (!transition.ok) return { ok: false, reason: "not-allowed" } as const;
    const toStatus = transition.to;
    // A participant holding a valid certificate took part and was certified: removing them would end
    // the place behind a certificate that stays valid (as moving them would, seat-ledger's moveToEdition).
    if (options.action === "remove" && (await tx.certificate.count({ where: { enrolmentId, revokedAt: null } })) > 0) {
      return { ok: false, reason: "has-certificate" } as const;
    }
    if (options.check) {
      const sessions = await tx.trainingSession.findMany({
        where: { editionId: found.editionId },
        orderBy: { startsAt: "asc" },
        select: { startsAt: true },
      });
      const cutoff = await tx.edition.findUniqueOrThrow({
        where: { id: found.editionId },
        select: { cancellationCutoffAt: true },
      });
      const editionDeadline = cancellationDeadline(cutoff.cancellationCutoffAt, sessions[0]?.startsAt ?? null);
      // A seat taken after that deadline may be given up until the next session starts (seatCancellationDeadline).
      const seatTaken =
        enrolment.status === "iscritto"
          ? await tx.enrolmentChange.findFirst({
              where: { enrolmentId, toStatus: "iscritto" },
              orderBy: { at: "desc" },
              select: { at: true },
            })
          : null;
      const seatTakenAt = seatTaken?.at ?? null;
      const starts = sessions.map((s) => s.startsAt);
      // Read under the registers' lock, in this transaction: a check-in cannot slip in between (ADR 0011 addendum).
      const recordedPresent =
        enrolment.status === "iscritto" ? await presenceRecordedLocked(tx, found.editionId, enrolmentId) : false;
      const verdict = options.check(
        enrolment,
        seatCancellationDeadline(editionDeadline, seatTakenAt, firstStartAfter(starts, seatTakenAt)),
        recordedPresent,
      );
      if (!verdict.ok) return verdict;
    }
    await tx.enrolment.update({
      where: { id: enrolmentId },
      data: {
        status: toStatus,
        activeKey: null,
        waitlistSeq: null,
        offerExpiresAt: null,
        endedAt: options.now,
        reason: options.reason ?? null,
      },
    });
    // A seat holder had a REQUEST: their CANCEL must be newer.
    if (enrolment.status === "iscritto" && options.notify && INVITATION_METHOD[options.notify] === "CANCEL") {
      await bumpSessionSequences(tx, found.editionId);
    }
    await recordChange(tx, {
      enrolmentId,
      userId: enrolment.userId,
      actorId: options.actorId,
      fromStatus: enrolment.status,
      toStatus,
      reason: options.reason,
      notify: options.notify,
      payload: { eventTitle: edition.event.title, editionNumber: edition.number, reason: options.reason ?? null },
    });
    if (options.logRemoval) {
      await tx.auditLog.create({
        data: {
          actorId: options.actorId,
          entityType: "edition",
          entityId: found.editionId,
          action: "partecipante-rimosso",
          details: JSON.stringify({
            userId: enrolment.userId,
            enrolmentId,
            fromStatus: enrolment.status,
            status: toStatus,
            reason: options.reason ?? null,
          }),
        },
      });
    }
    if (holdsSeat(enrolment.status)) {
      await releaseSeat(tx, found.editionId, enrolment.quotaId, options.now, options.actorId);
    }
    await options.seams?.beforeCommit?.();
    return { ok: true } as const;
  }, SEAT_TRANSACTION);
}

/**
 * The teacher gives up a seat (before the cut-off, and while no register line of the edition records them
 * present: "recorded-present", teacherCancelRefusal), leaves the waitlist, or declines an offer; the
 * optional reason is kept on the place for the organiser, like a removal's.
 */
export function cancelByTeacher(
  userId: string,
  enrolmentId: string,
  now: Date = new Date(),
  reason: string | null = null,
  seams: EndSeams = {},
): Promise<EndOutcome> {
  return endEnrolment(enrolmentId, {
    now,
    actorId: userId,
    action: "cancel-by-teacher",
    seams,
    reason,
    notify: "iscrizione-annullata",
    userId,
    check: (e, deadline, recordedPresent) => {
      const refusal = teacherCancelRefusal(e.status, deadline, now, recordedPresent);
      return refusal === null ? { ok: true } : { ok: false, reason: refusal };
    },
  });
}

/**
 * The organiser removes a participant of a managed edition, with a reason the participant is told,
 * and the edition's change log says who removed whom, when, from which status and why.
 * An enrolment of another edition is refused ("not-found") and nothing changes.
 */
export function removeByOrganiser(
  scope: ManagedEdition,
  enrolmentId: string,
  reason: string,
  now: Date = new Date(),
): Promise<EndOutcome> {
  return endEnrolment(enrolmentId, {
    now,
    actorId: scope.actorId,
    editionId: scope.id,
    action: "remove",
    reason,
    notify: "rimosso",
    logRemoval: true,
  });
}

/**
 * A closed account's place whose cancellation deadline has passed (account-closure.server.ts):
 * removed with the closure's reason, only if it is that account's place.
 */
export function removeClosedAccountPlace(
  actorId: string,
  userId: string,
  enrolmentId: string,
  reason: string,
  now: Date = new Date(),
): Promise<EndOutcome> {
  return endEnrolment(enrolmentId, {
    now,
    actorId,
    action: "remove",
    reason,
    notify: "rimosso",
    userId,
  });
}

export function declineOffer(userId: string, enrolmentId: string, now: Date = new Date()) {
  return endEnrolment(enrolmentId, {
    now,
    actorId: userId,
    action: "decline",
    userId,
    check: (e) => (e.status === "offerta" ? { ok: true } : { ok: false, reason: "not-allowed" }),
  });
}

/** The status of one of the teacher's own places (null: not hers, or no such place). */
export async function teacherPlaceStatus(userId: string, enrolmentId: string): Promise<string | null> {
  const place = await prisma.enrolment.findFirst({ where: { id: enrolmentId, userId }, select: { status: true } });
  return place?.status ?? null;
}

/** The teacher accepts an offered seat before its deadline. */
export async function acceptOffer(userId: string, enrolmentId: string, now: Date = new Date()): Promise<EndOutcome> {
  return prisma.$transaction((tx) => acceptOfferIn(tx, userId, enrolmentId, now), SEAT_TRANSACTION);
}

/**
 * acceptOffer's transaction. The offer's edition is locked first, as every writer of its places locks
 * it: the offer's expiry, a removal, closing or cancelling the event (closeEventEditions) read the
 * place under that lock and then write it whatever it holds, so an acceptance that wrote the row
 * without the lock, committed while one of them waited for the row, was overwritten on PostgreSQL
 * (iscritto → offerta-scaduta, the teacher told both). Now the one that comes second sees what the
 * first did: a closed event's or expired offer's acceptance is refused, an accepted seat stays.
 */
export async function acceptOfferIn(tx: Tx, userId: string, enrolmentId: string, now: Date): Promise<EndOutcome> {
  const place = await tx.enrolment.findFirst({ where: { id: enrolmentId, userId }, select: { editionId: true } });
  if (!place) return { ok: false, reason: "not-found" } as const;
  await lockEdition(tx, place.editionId, now);
  // Only in a published event: closing it ends its open offers (closeEventEditions) under the same lock (ADR 0084).
  const accepted = await tx.enrolment.updateMany({
    where: {
      id: enrolmentId,
      userId,
      status: { in: enrolmentSources("accept") },
      offerExpiresAt: { gt: now },
      edition: { event: { status: "pubblicato" } },
    },
    data: { status: "iscritto", offerExpiresAt: null, waitlistSeq: null },
  });
  if (accepted.count === 0) {
    const e = await tx.enrolment.findFirst({ where: { id: enrolmentId, userId }, select: { status: true } });
    if (!e) return { ok: false, reason: "not-found" } as const;
    return { ok: false, reason: e.status === "offerta" ? "offer-expired" : "not-allowed" } as const;
  }
  const info = await tx.enrolment.findUniqueOrThrow({
    where: { id: enrolmentId },
    select: { edition: { select: { number: true, event: { select: { title: true } } } } },
  });
  await recordChange(tx, {
    enrolmentId,
    userId,
    actorId: userId,
    fromStatus: "offerta",
    toStatus: "iscritto",
    notify: "iscrizione-confermata",
    payload: { eventTitle: info.edition.event.title, editionNumber: info.edition.number },
  });
  return { ok: true } as const;
}

/**
 * Expires every offer past its deadline and passes each seat on. Safe to run from several
 * instances at once and after downtime: each offer is expired by exactly one conditional update.
 */
export async function expireOverdueOffers(now: Date = new Date(), batchSize = 200): Promise<number> {
  let expired = 0;
  for (;;) {
    const overdue = await prisma.enrolment.findMany({
      where: { status: "offerta", offerExpiresAt: { lte: now } },
      orderBy: { offerExpiresAt: "asc" },
      take: batchSize,
      select: { id: true },
    });
    if (overdue.length === 0) return expired;
    for (const { id } of overdue) {
      const r = await endEnrolment(id, {
        now,
        actorId: null,
        action: "expire",
        notify: "offerta-scaduta",
        check: (e) =>
          e.status === "offerta" && e.offerExpiresAt !== null && e.offerExpiresAt <= now
            ? { ok: true }
            : { ok: false, reason: "not-allowed" },
      });
      if (r.ok) expired += 1;
    }
    if (overdue.length < batchSize) return expired;
  }
}
