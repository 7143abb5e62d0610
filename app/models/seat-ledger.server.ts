// The seat ledger's writers: every change of an edition's seats, pools, quotas or status, except
// the enrolment burst itself (app/models/enrolment-seat.server.ts, raw SQL that applies the same
// hasFreeSeat rule, ADR 0008). Rules come from app/domain/seat-ledger.ts (arithmetic) and
// app/domain/state-machine.ts (allowed transitions); docs/decisions/0011 describes the model.
//
// Concurrency: each writer starts by locking the edition (lockEdition: a write to its row, so the
// PostgreSQL row lock or SQLite's write lock is held to the end of the transaction) and then reads
// and checks under that lock. A refused change writes nothing.
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import {
  capRaised,
  checkCapChange,
  checkNewQuota,
  fillDecision,
  OFFER_HOURS_MAX,
  OFFER_HOURS_MIN,
  freeSeatsFor,
  poolsWithFreeSeats,
  quotaFor,
  releasedQuotaSeats,
  type CapChangeRefusal,
  type QuotaRefusal,
  type QuotaState,
} from "~/domain/seat-ledger.ts";
import {
  editionTransition,
  enrolmentSources,
  enrolmentTransition,
  type EditionAction,
  type TransitionRefusal,
} from "~/domain/state-machine.ts";
import { checkCancellationCutoff } from "~/domain/enrolment.ts";
import { prisma } from "~/utils/db.server.ts";
import type { ManagedEdition } from "./edition-scope.server.ts";
import { bumpSessionSequences, recordChange } from "./enrolment-change.server.ts";

export type Tx = Prisma.TransactionClient;

/**
 * Seat transactions queue on the edition's lock: under a burst many wait for a pool connection
 * (PostgreSQL) or the single writer (SQLite) longer than Prisma's 2 s default.
 */
export const SEAT_TRANSACTION = { maxWait: 15_000, timeout: 20_000 } as const;

/** Takes the edition's row lock (PostgreSQL) / the write lock (SQLite) before seats change; null if there is none. */
export async function lockEdition(tx: Tx, editionId: string, now: Date) {
  const locked = await tx.edition.updateMany({ where: { id: editionId }, data: { updatedAt: now } });
  if (locked.count === 0) return null;
  return tx.edition.findUniqueOrThrow({
    where: { id: editionId },
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
export function loadQuotas(tx: Tx, editionId: string): Promise<QuotaState[]> {
  return tx.editionQuota.findMany({
    where: { editionId },
    orderBy: { regionCode: "asc" },
    select: { id: true, regionCode: true, seats: true, seatsTaken: true, releasedAt: true },
  });
}

/** When the edition's last session starts (offers never outlive it), or null without sessions. */
async function lastSessionStart(tx: Tx, editionId: string): Promise<Date | null> {
  const last = await tx.trainingSession.findFirst({
    where: { editionId },
    orderBy: { startsAt: "desc" },
    select: { startsAt: true },
  });
  return last?.startsAt ?? null;
}

/**
 * Gives free seats to the waitlist, first come first served, pool by pool (the general pool
 * and each quota): promoted at once, or offered with a deadline, as the edition and
 * fillDecision say. Call it inside a transaction that locked the edition.
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
  if (!editionTransition("fill", edition.status).ok) return;
  const quotas = await loadQuotas(tx, editionId);
  const payload = { eventTitle: edition.event.title, editionNumber: edition.number };
  const decision = fillDecision(edition.promotionMode, edition.offerHours, now, await lastSessionStart(tx, editionId));
  // "offer" (in-attesa → offerta: also how a reserve list after a selection gets a seat) or "promote"
  // (in-attesa → iscritto), as the enrolment state table declares.
  const action = decision.kind === "offer" ? "offer" : "promote";
  let given = 0;
  for (const pool of poolsWithFreeSeats(edition, quotas)) {
    let free = pool.free;
    let givenInPool = 0;
    while (free > 0) {
      const next = await tx.enrolment.findFirst({
        where: { editionId, quotaId: pool.quotaId, status: { in: enrolmentSources(action) } },
        orderBy: { waitlistSeq: "asc" },
        select: { id: true, userId: true, status: true },
      });
      if (!next) break;
      const transition = enrolmentTransition(action, next.status);
      if (!transition.ok) break;
      if (decision.kind === "offer") {
        await tx.enrolment.update({
          where: { id: next.id },
          data: { status: transition.to, offerExpiresAt: decision.expiresAt },
        });
        await recordChange(tx, {
          enrolmentId: next.id,
          userId: next.userId,
          actorId,
          fromStatus: next.status,
          toStatus: transition.to,
          notify: "posto-offerto",
          payload: { ...payload, offerExpiresAt: decision.expiresAt.toISOString() },
        });
      } else {
        await tx.enrolment.update({ where: { id: next.id }, data: { status: transition.to, waitlistSeq: null } });
        await recordChange(tx, {
          enrolmentId: next.id,
          userId: next.userId,
          actorId,
          fromStatus: next.status,
          toStatus: transition.to,
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
export async function takeSeatInPools(
  request: {
    editionId: string;
    eventId: string;
    userId: string;
    regionCode: string;
    activeKey: string;
    payload: Record<string, unknown>;
    /** The registration answers (JSON), when the edition asks questions. */
    answers?: string;
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
    if (!edition) throw new Error(`Edition ${request.editionId} not found`);
    const quotas = await loadQuotas(tx, request.editionId);
    const quota = quotaFor(request.regionCode, quotas);
    const seated = freeSeatsFor(edition, quotas, request.regionCode) > 0;
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
        ...(request.answers ? { answers: request.answers } : {}),
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

/**
 * A seat holder's place ended (cancelled, removed, offer declined or expired): the seat returns to
 * its pool and goes to the next in line. Call it inside a transaction that locked the edition.
 */
export async function releaseSeat(
  tx: Tx,
  editionId: string,
  quotaId: string | null,
  now: Date,
  actorId: string | null,
) {
  await tx.edition.update({ where: { id: editionId }, data: { seatsTaken: { decrement: 1 } } });
  if (quotaId) {
    const quota = await tx.editionQuota.update({
      where: { id: quotaId },
      data: { seatsTaken: { decrement: 1 } },
      select: { releasedAt: true },
    });
    // A released quota keeps no free seats: the freed seat goes to the general pool.
    if (quota.releasedAt) {
      await tx.editionQuota.update({ where: { id: quotaId }, data: { seats: { decrement: 1 } } });
    }
  }
  await fillFreeSeats(tx, editionId, now, actorId);
}

/** Seats `count` people chosen by selection in the general pool; false (nothing written) when they do not fit. */
export async function takeSelectedSeats(tx: Tx, editionId: string, count: number): Promise<boolean> {
  const edition = await tx.edition.findUniqueOrThrow({ where: { id: editionId }, select: { seatCap: true } });
  const quotas = await loadQuotas(tx, editionId);
  const reserved = quotas.reduce((n, q) => n + q.seats - q.seatsTaken, 0);
  // The cap is re-checked in the statement that counts the seats (the caller holds the lock anyway).
  const counted = await tx.edition.updateMany({
    where: {
      id: editionId,
      ...(edition.seatCap === null ? {} : { seatsTaken: { lte: edition.seatCap - reserved - count } }),
    },
    data: { seatsTaken: { increment: count } },
  });
  return counted.count === 1;
}

export type EditionRefusal = TransitionRefusal | "not-found";

/** Locks the edition and checks that `action` is allowed from its status. */
async function lockFor(tx: Tx, editionId: string, action: EditionAction, now: Date) {
  const edition = await lockEdition(tx, editionId, now);
  if (!edition) return { ok: false, reason: "not-found" } as const;
  const verdict = editionTransition(action, edition.status);
  if (!verdict.ok) return { ok: false, reason: verdict.reason } as const;
  return { ok: true, edition, to: verdict.to } as const;
}

export type SeatCapOutcome = { ok: true } | { ok: false; reason: CapChangeRefusal | EditionRefusal };

/**
 * THE cap change, for the edition page and the event form alike: locks the edition, checks its
 * status and checkCapChange, writes the cap and its audit line. The caller gives any new seats to
 * the waitlist (fillFreeSeats) once the rest of its change is written; `raised` says whether to.
 */
export async function setSeatCapLocked(
  tx: Tx,
  actorId: string,
  editionId: string,
  seatCap: number | null,
  now: Date,
): Promise<SeatCapOutcome & { raised?: boolean }> {
  const locked = await lockFor(tx, editionId, "change-seat-cap", now);
  if (!locked.ok) return locked;
  const { edition } = locked;
  if (edition.seatCap === seatCap) return { ok: true, raised: false };
  const verdict = checkCapChange(edition, await loadQuotas(tx, editionId), seatCap);
  if (!verdict.ok) return verdict;
  await tx.edition.update({ where: { id: editionId }, data: { seatCap }, select: { id: true } });
  await tx.auditLog.create({
    data: {
      actorId,
      entityType: "edition",
      entityId: editionId,
      action: "posti-modificati",
      details: JSON.stringify({ from: edition.seatCap, to: seatCap }),
    },
  });
  return { ok: true, raised: capRaised(edition.seatCap, seatCap) };
}

/** Changes an edition's cap from its page; a raised cap is filled from the waitlist at once. */
export async function changeSeatCap(
  scope: ManagedEdition,
  seatCap: number | null,
  now: Date = new Date(),
): Promise<SeatCapOutcome> {
  const { id: editionId, actorId } = scope;
  return prisma.$transaction(async (tx) => {
    const r = await setSeatCapLocked(tx, actorId, editionId, seatCap, now);
    if (!r.ok) return r;
    if (r.raised) await fillFreeSeats(tx, editionId, now, actorId);
    return { ok: true } as const;
  }, SEAT_TRANSACTION);
}

export type EditionOutcome = { ok: true } | { ok: false; reason: EditionRefusal };

/** Stops new enrolments before the window would close (refused on a cancelled or already closed edition). */
export async function closeEnrolmentEarly(scope: ManagedEdition, now: Date = new Date()): Promise<EditionOutcome> {
  const { id: editionId, actorId } = scope;
  return prisma.$transaction(async (tx) => {
    const locked = await lockFor(tx, editionId, "close-enrolment", now);
    if (!locked.ok) return locked;
    await tx.edition.update({ where: { id: editionId }, data: { status: locked.to } });
    await tx.auditLog.create({
      data: { actorId, entityType: "edition", entityId: editionId, action: "iscrizioni-chiuse", details: "{}" },
    });
    return { ok: true } as const;
  }, SEAT_TRANSACTION);
}

/** Cancels an edition: every active enrolment ends and every participant is told. */
export async function cancelEdition(
  scope: ManagedEdition,
  reason: string,
  now: Date = new Date(),
): Promise<EditionOutcome> {
  const { id: editionId, actorId } = scope;
  return prisma.$transaction((tx) => cancelEditionInTransaction(tx, actorId, editionId, reason, now), SEAT_TRANSACTION);
}

/** cancelEdition inside a caller's transaction (e.g. cancelling the whole event). */
export async function cancelEditionInTransaction(
  tx: Tx,
  actorId: string,
  editionId: string,
  reason: string,
  now: Date,
): Promise<EditionOutcome> {
  const locked = await lockFor(tx, editionId, "cancel", now);
  if (!locked.ok) return locked;
  const { edition } = locked;
  const sources = enrolmentSources("cancel-edition");
  const active = await tx.enrolment.findMany({
    where: { editionId, status: { in: sources } },
    select: { id: true, userId: true, status: true },
  });
  await tx.edition.update({ where: { id: editionId }, data: { status: locked.to, seatsTaken: 0 } });
  await bumpSessionSequences(tx, editionId);
  await tx.editionQuota.updateMany({ where: { editionId }, data: { seatsTaken: 0 } });
  await tx.enrolment.updateMany({
    where: { editionId, status: { in: sources } },
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
  return { ok: true };
}

/** How freed seats reach the waitlist from now on (offers already made keep their deadline). */
export async function changePromotionMode(
  scope: ManagedEdition,
  mode: "automatica" | "offerta",
  offerHours: number,
  now: Date = new Date(),
): Promise<{ ok: true } | { ok: false; reason: EditionRefusal | "invalid" }> {
  const { id: editionId, actorId } = scope;
  if (!Number.isInteger(offerHours) || offerHours < OFFER_HOURS_MIN || offerHours > OFFER_HOURS_MAX)
    return { ok: false, reason: "invalid" };
  return prisma.$transaction(async (tx) => {
    const locked = await lockFor(tx, editionId, "change-promotion", now);
    if (!locked.ok) return locked;
    const before = { promotionMode: locked.edition.promotionMode, offerHours: locked.edition.offerHours };
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
    return { ok: true } as const;
  }, SEAT_TRANSACTION);
}

export type QuotaOutcome = { ok: true } | { ok: false; reason: QuotaRefusal | EditionRefusal | "released" };

/** Reserves seats of the edition for the teachers of one region. */
export async function addQuota(
  scope: ManagedEdition,
  regionCode: string,
  seats: number,
  now: Date = new Date(),
): Promise<QuotaOutcome> {
  const { id: editionId, actorId } = scope;
  return prisma.$transaction(async (tx) => {
    const locked = await lockFor(tx, editionId, "add-quota", now);
    if (!locked.ok) return locked;
    const verdict = checkNewQuota(locked.edition, await loadQuotas(tx, editionId), regionCode, seats);
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
  scope: ManagedEdition,
  quotaId: string,
  now: Date = new Date(),
): Promise<QuotaOutcome> {
  const { id: editionId, actorId } = scope;
  return prisma.$transaction(async (tx) => {
    const locked = await lockFor(tx, editionId, "release-quota", now);
    if (!locked.ok) return locked;
    const quota = await tx.editionQuota.findFirst({ where: { id: quotaId, editionId } });
    if (!quota) return { ok: false, reason: "not-found" } as const;
    if (quota.releasedAt) return { ok: false, reason: "released" } as const;
    await tx.editionQuota.update({
      where: { id: quotaId },
      data: { seats: releasedQuotaSeats(quota), releasedAt: now },
    });
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

export type EditionSettingsOutcome =
  { ok: true } | { ok: false; reason: EditionRefusal | "invalid" | "cutoff-after-start" };

/**
 * The edition page's settings for freed seats and cancellations: promotion mode, offer window
 * (Edition.offerHours; offers never outlive the last session anyway, see fillDecision) and the
 * teachers' cancellation cut-off (Edition.cancellationCutoffAt; not after the first session starts).
 */
export async function changeEditionSettings(
  scope: ManagedEdition,
  settings: { promotionMode: "automatica" | "offerta"; offerHours: number; cancellationCutoffAt: Date | null },
  now: Date = new Date(),
): Promise<EditionSettingsOutcome> {
  const { id: editionId, actorId } = scope;
  const { promotionMode, offerHours, cancellationCutoffAt } = settings;
  if (!Number.isInteger(offerHours) || offerHours < OFFER_HOURS_MIN || offerHours > OFFER_HOURS_MAX)
    return { ok: false, reason: "invalid" };
  return prisma.$transaction(async (tx) => {
    const locked = await lockFor(tx, editionId, "change-offer-settings", now);
    if (!locked.ok) return locked;
    const before = await tx.edition.findUniqueOrThrow({
      where: { id: editionId },
      select: {
        promotionMode: true,
        offerHours: true,
        cancellationCutoffAt: true,
        sessions: { orderBy: { startsAt: "asc" }, take: 1, select: { startsAt: true } },
      },
    });
    const verdict = checkCancellationCutoff(cancellationCutoffAt, before.sessions[0]?.startsAt ?? null);
    if (!verdict.ok) return verdict;
    await tx.edition.update({ where: { id: editionId }, data: { promotionMode, offerHours, cancellationCutoffAt } });
    await tx.auditLog.create({
      data: {
        actorId,
        entityType: "edition",
        entityId: editionId,
        action: "impostazioni-posti-modificate",
        details: JSON.stringify({
          from: {
            promotionMode: before.promotionMode,
            offerHours: before.offerHours,
            cancellationCutoffAt: before.cancellationCutoffAt,
          },
          to: { promotionMode, offerHours, cancellationCutoffAt },
        }),
      },
    });
    return { ok: true } as const;
  }, SEAT_TRANSACTION);
}
