// Enrolment as transactions: take a seat or a waitlist ticket atomically, cancel, remove,
// offers and their expiry, cap changes, closing and cancelling editions.
//
// Concurrency: every transaction that changes who holds a seat starts by updating the
// edition's row (the seat counter). On PostgreSQL that row lock serialises seat changes per
// edition across all app instances; on SQLite the single writer does the same. A second
// place in the same event is refused by the unique Enrolment.activeKey.
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import {
  ACTIVE_STATUSES,
  activeKeyFor,
  cancellationDeadline,
  canTeacherCancel,
  checkEligibility,
  checkNewQuota,
  generalPoolFree,
  offerDeadline,
  quotaFor,
  quotaFree,
  type QuotaRefusal,
  type QuotaState,
  SEAT_HOLDING_STATUSES,
  type RefusalReason,
} from "~/domain/enrolment.ts";
import { isUniqueViolation } from "~/utils/account.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { INVITATION_METHOD } from "../../emails/index.ts";
import { loadEnrolmentContext, takeSeatOrWaitlistTicket, waitlistPositionOf } from "./enrolment-seat.server.ts";

export { waitlistPositionOf };

type Tx = Prisma.TransactionClient;

/**
 * RFC 5546: a CANCEL must carry a SEQUENCE higher than the last REQUEST. Called in the
 * transaction that ends places with a CANCEL invitation (an edition or event cancelled, a teacher
 * who held a seat leaving or removed), so the invitation and the feeds' STATUS:CANCELLED entries
 * carry the higher number, and a later REQUEST (enrolling again) is not older than the CANCEL.
 */
async function bumpSessionSequences(tx: Tx, editionId: string) {
  await tx.trainingSession.updateMany({ where: { editionId }, data: { sequence: { increment: 1 } } });
}

/**
 * Seat transactions queue on the edition's lock: under a burst many wait for a pool connection
 * (PostgreSQL) or the single writer (SQLite) longer than Prisma's 2 s default.
 */
const SEAT_TRANSACTION = { maxWait: 15_000, timeout: 20_000 } as const;

export type NotificationKind =
  | "iscrizione-confermata"
  | "inserito-in-lista-attesa"
  | "promosso"
  | "posto-offerto"
  | "offerta-scaduta"
  | "iscrizione-annullata"
  | "rimosso"
  | "edizione-annullata"
  | "candidatura-ricevuta"
  | "candidatura-accettata"
  | "candidatura-respinta"
  /** updateEvent moved a session of an edition the teacher holds a place in (updated invitation). */
  | "edizione-modificata"
  /** The day before a synchronous session (app/models/reminders.server.ts); a reminder: see REMINDER_KINDS. */
  | "promemoria-incontro"
  /** The trainer closed the edition and issued the teacher's certificate (app/models/certificate.server.ts). */
  | "attestato-disponibile"
  /** Account messages, user-scoped (app/models/account-tokens.server.ts). */
  | "conferma-email"
  | "reimposta-password"
  /** Account self-service (app/models/account*.server.ts): sent to the address in the payload's "to". */
  | "cambio-email"
  | "email-modificata"
  | "account-chiuso";

const holdsSeat = (status: string) => (SEAT_HOLDING_STATUSES as readonly string[]).includes(status);

/**
 * Writes who changed the enrolment and, when the teacher should hear of it, a notification
 * whose dedupe key names this very change: retried or replayed work cannot notify twice.
 */
export async function recordChange(
  tx: Tx,
  change: {
    enrolmentId: string;
    userId: string;
    actorId: string | null;
    fromStatus: string | null;
    toStatus: string;
    reason?: string | null;
    notify?: NotificationKind;
    payload?: Record<string, unknown>;
  },
) {
  const row = await tx.enrolmentChange.create({
    data: {
      enrolmentId: change.enrolmentId,
      actorId: change.actorId,
      fromStatus: change.fromStatus,
      toStatus: change.toStatus,
      reason: change.reason ?? null,
    },
    select: { id: true },
  });
  if (change.notify) {
    await tx.notification.create({
      data: {
        userId: change.userId,
        kind: change.notify,
        enrolmentId: change.enrolmentId,
        payload: JSON.stringify(change.payload ?? {}),
        dedupeKey: `${change.notify}:${row.id}`,
      },
    });
  }
}

/** Takes the edition's row lock (PostgreSQL) / the write lock (SQLite) before seats change. */
async function lockEdition(tx: Tx, editionId: string, now: Date) {
  return tx.edition.update({
    where: { id: editionId },
    data: { updatedAt: now },
    select: {
      id: true,
      seatCap: true,
      seatsTaken: true,
      status: true,
      promotionMode: true,
      offerHours: true,
      number: true,
      event: { select: { id: true, title: true } },
    },
  });
}

/** The edition's quotas as the domain rules read them. */
function loadQuotas(tx: Tx, editionId: string): Promise<QuotaState[]> {
  return tx.editionQuota.findMany({
    where: { editionId },
    orderBy: { regionCode: "asc" },
    select: { id: true, regionCode: true, seats: true, seatsTaken: true, releasedAt: true },
  });
}

/**
 * Gives free seats to the waitlist, first come first served, pool by pool (the general pool
 * and each quota): promoted at once, or offered with a deadline, as the edition says.
 * Call it inside a transaction that locked the edition.
 */
export async function fillFreeSeats(tx: Tx, editionId: string, now: Date, actorId: string | null) {
  const edition = await tx.edition.findUniqueOrThrow({
    where: { id: editionId },
    select: {
      seatCap: true,
      seatsTaken: true,
      status: true,
      promotionMode: true,
      offerHours: true,
      number: true,
      event: { select: { title: true } },
    },
  });
  if (edition.status === "annullata") return;
  const quotas = await loadQuotas(tx, editionId);
  const pools: { quotaId: string | null; free: number }[] = [
    { quotaId: null, free: generalPoolFree(edition.seatCap, edition.seatsTaken, quotas) },
    ...quotas.map((q) => ({ quotaId: q.id, free: quotaFree(q) })),
  ];
  const payload = { eventTitle: edition.event.title, editionNumber: edition.number };
  let given = 0;
  for (const pool of pools) {
    let free = pool.free;
    let givenInPool = 0;
    while (free > 0) {
      const next = await tx.enrolment.findFirst({
        where: { editionId, quotaId: pool.quotaId, status: "in-attesa" },
        orderBy: { waitlistSeq: "asc" },
        select: { id: true, userId: true },
      });
      if (!next) break;
      if (edition.promotionMode === "offerta") {
        const expiresAt = offerDeadline(now, edition.offerHours);
        await tx.enrolment.update({ where: { id: next.id }, data: { status: "offerta", offerExpiresAt: expiresAt } });
        await recordChange(tx, {
          enrolmentId: next.id,
          userId: next.userId,
          actorId,
          fromStatus: "in-attesa",
          toStatus: "offerta",
          notify: "posto-offerto",
          payload: { ...payload, offerExpiresAt: expiresAt.toISOString() },
        });
      } else {
        await tx.enrolment.update({ where: { id: next.id }, data: { status: "iscritto", waitlistSeq: null } });
        await recordChange(tx, {
          enrolmentId: next.id,
          userId: next.userId,
          actorId,
          fromStatus: "in-attesa",
          toStatus: "iscritto",
          notify: "promosso",
          payload,
        });
      }
      free -= 1;
      givenInPool += 1;
    }
    if (pool.quotaId && givenInPool > 0) {
      await tx.editionQuota.update({ where: { id: pool.quotaId }, data: { seatsTaken: { increment: givenInPool } } });
    }
    given += givenInPool;
  }
  if (given > 0) {
    await tx.edition.update({ where: { id: editionId }, data: { seatsTaken: { increment: given } } });
  }
}

/**
 * Enrolment in an edition split into quotas: the teacher's region's quota, else the general
 * pool, each with its own seats and waitlist. Quota editions are small (conference places by
 * region), so this runs as a model-query transaction that locks the edition first.
 */
async function takeSeatInPools(
  request: {
    editionId: string;
    eventId: string;
    userId: string;
    regionCode: string;
    activeKey: string;
    payload: Record<string, unknown>;
  },
  now: Date,
): Promise<{
  enrolmentId: string;
  status: "iscritto" | "in-attesa";
  waitlistSeq: number | null;
  quotaId: string | null;
}> {
  return prisma.$transaction(async (tx) => {
    const edition = await lockEdition(tx, request.editionId, now);
    const quotas = await loadQuotas(tx, request.editionId);
    const quota = quotaFor(request.regionCode, quotas);
    const seated = quota ? quotaFree(quota) > 0 : generalPoolFree(edition.seatCap, edition.seatsTaken, quotas) > 0;
    let waitlistSeq: number | null = null;
    if (seated) {
      await tx.edition.update({ where: { id: request.editionId }, data: { seatsTaken: { increment: 1 } } });
      if (quota) await tx.editionQuota.update({ where: { id: quota.id }, data: { seatsTaken: { increment: 1 } } });
    } else if (quota) {
      waitlistSeq = (await tx.editionQuota.update({ where: { id: quota.id }, data: { waitlistSeq: { increment: 1 } } }))
        .waitlistSeq;
    } else {
      waitlistSeq = (
        await tx.edition.update({ where: { id: request.editionId }, data: { waitlistSeq: { increment: 1 } } })
      ).waitlistSeq;
    }
    const status = seated ? "iscritto" : "in-attesa";
    const created = await tx.enrolment.create({
      data: {
        editionId: request.editionId,
        eventId: request.eventId,
        userId: request.userId,
        quotaId: quota?.id ?? null,
        status,
        waitlistSeq,
        activeKey: request.activeKey,
      },
      select: { id: true },
    });
    await recordChange(tx, {
      enrolmentId: created.id,
      userId: request.userId,
      actorId: request.userId,
      fromStatus: null,
      toStatus: status,
      notify: seated ? "iscrizione-confermata" : "inserito-in-lista-attesa",
      payload: request.payload,
    });
    return { enrolmentId: created.id, status, waitlistSeq, quotaId: quota?.id ?? null };
  }, SEAT_TRANSACTION);
}

export type EnrolOutcome =
  /** waitlistPosition: null when seated, or when the caller asked not to compute it. */
  | { ok: true; enrolmentId: string; status: "iscritto" | "in-attesa"; waitlistPosition: number | null }
  | { ok: false; reason: RefusalReason | "already-enrolled" | "not-found" };

/** A teacher asks for a place: a seat if one is free, otherwise the next waitlist ticket. */
export async function enrol(
  userId: string,
  editionId: string,
  now: Date = new Date(),
  /** The waitlist position costs a count over the line; a caller that shows it later can skip it. */
  options: { withPosition?: boolean } = {},
): Promise<EnrolOutcome> {
  const context = await loadEnrolmentContext(userId, editionId);
  if (!context) return { ok: false, reason: "not-found" };
  const { teacher, edition, event } = context;
  const eligibility = checkEligibility(teacher, event, edition, now);
  if (!eligibility.ok) return eligibility;
  // Places given by selection are asked for with an application (app/models/application.server.ts).
  if (edition.admission === "candidatura") return { ok: false, reason: "application-required" };

  const request = {
    editionId,
    eventId: edition.eventId,
    userId,
    activeKey: activeKeyFor(edition.eventId, userId),
    payload: { eventTitle: event.title, editionNumber: edition.number },
  };
  try {
    const result = edition.hasQuotas
      ? await takeSeatInPools({ ...request, regionCode: teacher.regionCode }, now)
      : { ...(await takeSeatOrWaitlistTicket({ ...request, now })), quotaId: null };
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
    if (isUniqueViolation(error)) return { ok: false, reason: "already-enrolled" };
    throw error;
  }
}

type EndOutcome =
  { ok: true } | { ok: false; reason: "not-found" | "not-allowed" | "deadline-passed" | "offer-expired" };

/** Ends an active enrolment and gives a freed seat to the waitlist, in one transaction. */
async function endEnrolment(
  enrolmentId: string,
  options: {
    now: Date;
    actorId: string | null;
    toStatus: "annullato" | "rimosso" | "offerta-rifiutata" | "offerta-scaduta";
    reason?: string | null;
    notify?: NotificationKind;
    /** Extra condition checked under the lock (e.g. the teacher's cancellation deadline). */
    check?: (
      enrolment: { status: string; userId: string; offerExpiresAt: Date | null },
      deadline: Date | null,
    ) => EndOutcome;
  },
): Promise<EndOutcome> {
  const found = await prisma.enrolment.findUnique({ where: { id: enrolmentId }, select: { editionId: true } });
  if (!found) return { ok: false, reason: "not-found" };
  return prisma.$transaction(async (tx) => {
    const edition = await lockEdition(tx, found.editionId, options.now);
    const enrolment = await tx.enrolment.findUniqueOrThrow({
      where: { id: enrolmentId },
      select: { id: true, status: true, userId: true, offerExpiresAt: true, quotaId: true },
    });
    if (!(ACTIVE_STATUSES as readonly string[]).includes(enrolment.status))
      return { ok: false, reason: "not-allowed" } as const;
    if (options.check) {
      const firstSession = await tx.trainingSession.findFirst({
        where: { editionId: found.editionId },
        orderBy: { startsAt: "asc" },
        select: { startsAt: true },
      });
      const cutoff = await tx.edition.findUniqueOrThrow({
        where: { id: found.editionId },
        select: { cancellationCutoffAt: true },
      });
      const verdict = options.check(
        enrolment,
        cancellationDeadline(cutoff.cancellationCutoffAt, firstSession?.startsAt ?? null),
      );
      if (!verdict.ok) return verdict;
    }
    await tx.enrolment.update({
      where: { id: enrolmentId },
      data: {
        status: options.toStatus,
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
      toStatus: options.toStatus,
      reason: options.reason,
      notify: options.notify,
      payload: { eventTitle: edition.event.title, editionNumber: edition.number, reason: options.reason ?? null },
    });
    if (holdsSeat(enrolment.status)) {
      await tx.edition.update({ where: { id: found.editionId }, data: { seatsTaken: { decrement: 1 } } });
      if (enrolment.quotaId) {
        const quota = await tx.editionQuota.update({
          where: { id: enrolment.quotaId },
          data: { seatsTaken: { decrement: 1 } },
          select: { releasedAt: true },
        });
        // A released quota keeps no free seats: the freed seat goes to the general pool.
        if (quota.releasedAt) {
          await tx.editionQuota.update({ where: { id: enrolment.quotaId }, data: { seats: { decrement: 1 } } });
        }
      }
      await fillFreeSeats(tx, found.editionId, options.now, options.actorId);
    }
    return { ok: true } as const;
  }, SEAT_TRANSACTION);
}

/** The teacher gives up a seat (before the cut-off), leaves the waitlist, or declines an offer. */
export function cancelByTeacher(userId: string, enrolmentId: string, now: Date = new Date()): Promise<EndOutcome> {
  return endEnrolment(enrolmentId, {
    now,
    actorId: userId,
    toStatus: "annullato",
    notify: "iscrizione-annullata",
    check: (e, deadline) => {
      if (e.userId !== userId) return { ok: false, reason: "not-found" };
      return canTeacherCancel(e.status, deadline, now) ? { ok: true } : { ok: false, reason: "deadline-passed" };
    },
  });
}

/** The organiser removes a participant, with a reason the participant is told. Scope is checked by the caller. */
export function removeByOrganiser(actorId: string, enrolmentId: string, reason: string, now: Date = new Date()) {
  return endEnrolment(enrolmentId, { now, actorId, toStatus: "rimosso", reason, notify: "rimosso" });
}

export function declineOffer(userId: string, enrolmentId: string, now: Date = new Date()) {
  return endEnrolment(enrolmentId, {
    now,
    actorId: userId,
    toStatus: "offerta-rifiutata",
    check: (e) =>
      e.userId !== userId
        ? { ok: false, reason: "not-found" }
        : e.status === "offerta"
          ? { ok: true }
          : { ok: false, reason: "not-allowed" },
  });
}

/** The teacher accepts an offered seat before its deadline. */
export async function acceptOffer(userId: string, enrolmentId: string, now: Date = new Date()): Promise<EndOutcome> {
  return prisma.$transaction(async (tx) => {
    const accepted = await tx.enrolment.updateMany({
      where: { id: enrolmentId, userId, status: "offerta", offerExpiresAt: { gt: now } },
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
  }, SEAT_TRANSACTION);
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
        toStatus: "offerta-scaduta",
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

export type SeatCapOutcome = { ok: true } | { ok: false; reason: "below-taken" | "invalid" };

/** Changes an edition's cap; a raised cap is filled from the waitlist at once. Scope is checked by the caller. */
export async function changeSeatCap(
  actorId: string,
  editionId: string,
  seatCap: number | null,
  now: Date = new Date(),
): Promise<SeatCapOutcome> {
  if (seatCap !== null && (!Number.isInteger(seatCap) || seatCap < 1)) return { ok: false, reason: "invalid" };
  return prisma.$transaction(async (tx) => {
    const edition = await lockEdition(tx, editionId, now);
    if (seatCap !== null && seatCap < edition.seatsTaken) return { ok: false, reason: "below-taken" } as const;
    const quotas = await loadQuotas(tx, editionId);
    if (quotas.length > 0) {
      // The general pool may shrink to its seats taken, never below; quotas need a cap.
      if (seatCap === null) return { ok: false, reason: "invalid" } as const;
      const generalTaken = edition.seatsTaken - quotas.reduce((n, q) => n + q.seatsTaken, 0);
      if (seatCap < quotas.reduce((n, q) => n + q.seats, 0) + generalTaken)
        return { ok: false, reason: "below-taken" } as const;
    }
    await tx.edition.update({ where: { id: editionId }, data: { seatCap } });
    await tx.auditLog.create({
      data: {
        actorId,
        entityType: "edition",
        entityId: editionId,
        action: "posti-modificati",
        details: JSON.stringify({ from: edition.seatCap, to: seatCap }),
      },
    });
    await fillFreeSeats(tx, editionId, now, actorId);
    return { ok: true } as const;
  }, SEAT_TRANSACTION);
}

/** Stops new enrolments before the window would close. */
export async function closeEnrolmentEarly(actorId: string, editionId: string, now: Date = new Date()) {
  await prisma.$transaction(async (tx) => {
    await lockEdition(tx, editionId, now);
    await tx.edition.update({ where: { id: editionId }, data: { status: "iscrizioni-chiuse" } });
    await tx.auditLog.create({
      data: { actorId, entityType: "edition", entityId: editionId, action: "iscrizioni-chiuse", details: "{}" },
    });
  }, SEAT_TRANSACTION);
}

/** Cancels an edition: every active enrolment ends and every participant is told. */
export async function cancelEdition(actorId: string, editionId: string, reason: string, now: Date = new Date()) {
  await prisma.$transaction((tx) => cancelEditionInTransaction(tx, actorId, editionId, reason, now), SEAT_TRANSACTION);
}

/** cancelEdition inside a caller's transaction (e.g. cancelling the whole event). */
export async function cancelEditionInTransaction(
  tx: Tx,
  actorId: string,
  editionId: string,
  reason: string,
  now: Date,
) {
  const edition = await lockEdition(tx, editionId, now);
  if (edition.status === "annullata") return;
  const active = await tx.enrolment.findMany({
    where: { editionId, status: { in: [...ACTIVE_STATUSES] } },
    select: { id: true, userId: true, status: true },
  });
  await tx.edition.update({ where: { id: editionId }, data: { status: "annullata", seatsTaken: 0 } });
  await bumpSessionSequences(tx, editionId);
  await tx.editionQuota.updateMany({ where: { editionId }, data: { seatsTaken: 0 } });
  await tx.enrolment.updateMany({
    where: { editionId, status: { in: [...ACTIVE_STATUSES] } },
    data: {
      status: "edizione-annullata",
      activeKey: null,
      waitlistSeq: null,
      offerExpiresAt: null,
      endedAt: now,
      reason,
    },
  });
  for (const e of active) {
    await recordChange(tx, {
      enrolmentId: e.id,
      userId: e.userId,
      actorId,
      fromStatus: e.status,
      toStatus: "edizione-annullata",
      reason,
      notify: "edizione-annullata",
      payload: { eventTitle: edition.event.title, editionNumber: edition.number, reason },
    });
  }
  await tx.auditLog.create({
    data: {
      actorId,
      entityType: "edition",
      entityId: editionId,
      action: "annullata",
      details: JSON.stringify({ reason, participants: active.length }),
    },
  });
}

/** How freed seats reach the waitlist from now on (offers already made keep their deadline). */
export async function changePromotionMode(
  actorId: string,
  editionId: string,
  mode: "automatica" | "offerta",
  offerHours: number,
) {
  if (!Number.isInteger(offerHours) || offerHours < 1 || offerHours > 24 * 14)
    return { ok: false, reason: "invalid" } as const;
  await prisma.$transaction(async (tx) => {
    const before = await tx.edition.findUniqueOrThrow({
      where: { id: editionId },
      select: { promotionMode: true, offerHours: true },
    });
    await tx.edition.update({ where: { id: editionId }, data: { promotionMode: mode, offerHours } });
    await tx.auditLog.create({
      data: {
        actorId,
        entityType: "edition",
        entityId: editionId,
        action: "promozione-modificata",
        details: JSON.stringify({ from: before, to: { promotionMode: mode, offerHours } }),
      },
    });
  }, SEAT_TRANSACTION);
  return { ok: true } as const;
}

/** The edition an enrolment belongs to (for scope checks before an organiser acts on it). */
export function editionOfEnrolment(enrolmentId: string) {
  return prisma.enrolment.findUnique({ where: { id: enrolmentId }, select: { editionId: true } });
}

export type QuotaOutcome = { ok: true } | { ok: false; reason: QuotaRefusal | "not-found" | "released" };

/** Reserves seats of the edition for the teachers of one region. Scope is checked by the caller. */
export async function addQuota(
  actorId: string,
  editionId: string,
  regionCode: string,
  seats: number,
  now: Date = new Date(),
): Promise<QuotaOutcome> {
  return prisma.$transaction(async (tx) => {
    const edition = await lockEdition(tx, editionId, now);
    const quotas = await loadQuotas(tx, editionId);
    const verdict = checkNewQuota(edition, quotas, regionCode, seats);
    if (!verdict.ok) return verdict;
    await tx.editionQuota.create({ data: { editionId, regionCode, seats } });
    await tx.auditLog.create({
      data: {
        actorId,
        entityType: "edition",
        entityId: editionId,
        action: "quota-aggiunta",
        details: JSON.stringify({ regionCode, seats }),
      },
    });
    return { ok: true } as const;
  }, SEAT_TRANSACTION);
}

/**
 * Gives a quota's unused seats to the general pool (the seats its people hold stay theirs) and
 * fills them from the general waitlist. Teachers of that region then enrol in the general pool.
 */
export async function releaseQuota(
  actorId: string,
  editionId: string,
  quotaId: string,
  now: Date = new Date(),
): Promise<QuotaOutcome> {
  return prisma.$transaction(async (tx) => {
    await lockEdition(tx, editionId, now);
    const quota = await tx.editionQuota.findFirst({ where: { id: quotaId, editionId } });
    if (!quota) return { ok: false, reason: "not-found" } as const;
    if (quota.releasedAt) return { ok: false, reason: "released" } as const;
    await tx.editionQuota.update({ where: { id: quotaId }, data: { seats: quota.seatsTaken, releasedAt: now } });
    await tx.auditLog.create({
      data: {
        actorId,
        entityType: "edition",
        entityId: editionId,
        action: "quota-rilasciata",
        details: JSON.stringify({ regionCode: quota.regionCode, released: quota.seats - quota.seatsTaken }),
      },
    });
    await fillFreeSeats(tx, editionId, now, actorId);
    return { ok: true } as const;
  }, SEAT_TRANSACTION);
}
