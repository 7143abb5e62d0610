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
  moveInRefusal,
  OFFER_HOURS_MAX,
  OFFER_HOURS_MIN,
  freeSeatsFor,
  poolsWithFreeSeats,
  quotaFor,
  releasedQuotaSeats,
  rescheduledOffer,
  seatsTakenCeiling,
  type CapChangeRefusal,
  type MoveInRefusal,
  type QuotaRefusal,
  type QuotaState,
} from "~/domain/seat-ledger.ts";
import {
  editionCancelTransition,
  editionTransition,
  enrolmentSources,
  enrolmentTransition,
  type EditionAction,
  type EditionCancelRefusal,
  type TransitionRefusal,
} from "~/domain/state-machine.ts";
import {
  activeKeyFor,
  checkCancellationCutoff,
  editionOver,
  placeOutlived,
  SEAT_HOLDING_STATUSES,
  UNSEATED_PLACE_STATUSES,
} from "~/domain/enrolment.ts";
import type { OfferEndCause } from "~/domain/notification-kinds.ts";
import { SELECTION_CLOSE_TRANSITIONS } from "~/domain/application.ts";
import { prisma } from "~/utils/db.server.ts";
import type { ManagedEdition } from "./edition-scope.server.ts";
import { bumpSessionSequences, recordChange } from "./enrolment-change.server.ts";
import { refreshEventDates } from "./event-dates.server.ts";
import { EditionNotOpen } from "./enrolment-seat.server.ts";
import { OUTLIVED_REASON } from "~/domain/stored-reasons.ts";

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
      endsOn: true,
      attendanceClosedAt: true,
      admission: true,
      event: { select: { id: true, title: true, status: true } },
    },
  });
}

/**
 * Locks every edition of the event, in one fixed order (their ids), before the event's status changes
 * (changeEventStatus: closing or cancelling it). A seat writer of any of them either commits first or,
 * queued on its edition's lock, finds the event as it now is; two such writers cannot deadlock on the order.
 */
export async function lockEventEditions(tx: Tx, eventId: string, now: Date): Promise<void> {
  const editions = await tx.edition.findMany({ where: { eventId }, orderBy: { id: "asc" }, select: { id: true } });
  for (const { id } of editions) await tx.edition.updateMany({ where: { id }, data: { updatedAt: now } });
}

/**
 * The event was closed ("chiuso"): in the same transaction, after its status and under every edition's
 * lock (lockEventEditions), its editions take no one any more (ADR 0084):
 * - an edition still open for enrolment is closed ("close-enrolment": attiva → iscrizioni-chiuse), so the
 *   writers that read only the edition's row under its lock (the burst's one statement and transaction,
 *   the pools' transaction) refuse as they refuse an early close, with no extra read on the hot path;
 * - an open offer could no longer be accepted: it ends now ("expire", "offerta-scaduta", the teacher is
 *   told) and its seat goes to nobody (fillFreeSeats gives nothing in a closed event);
 * - places in line stay as they are, as they do once an edition is over: nobody is promoted from them;
 * - applications still under review are not selected (rejectPendingApplications): nobody can select them now.
 */
export async function closeEventEditions(tx: Tx, actorId: string | null, eventId: string, now: Date): Promise<void> {
  const editions = await tx.edition.findMany({
    where: { eventId },
    orderBy: { id: "asc" },
    select: { id: true, status: true, number: true, event: { select: { title: true } } },
  });
  for (const edition of editions) {
    const closing = editionTransition("close-enrolment", edition.status);
    if (closing.ok) await tx.edition.update({ where: { id: edition.id }, data: { status: closing.to } });
    // The edition's places in the offers' order, its offers kept in memory: `status` in the WHERE ties the
    // (status, offerExpiresAt) index with the edition's on SQLite without statistics, and SQLite took it, reading
    // every offer of the database under every edition's lock (ADR 0029, addendum of 07/12/2026).
    const places = await tx.enrolment.findMany({
      where: { editionId: edition.id },
      orderBy: [{ waitlistSeq: "asc" }, { id: "asc" }],
      select: { id: true, userId: true, status: true, quotaId: true },
    });
    const offers = places.filter((p) => p.status === "offerta");
    let expired = 0;
    for (const offer of offers) {
      // The teacher is told the event was closed, not that they let the deadline pass.
      const payload = {
        eventTitle: edition.event.title,
        editionNumber: edition.number,
        endedBy: "evento-chiuso" as const,
      };
      if (await expireOfferInLock(tx, edition.id, offer, payload, now, actorId)) expired += 1;
    }
    // Applications still under review can no longer be selected: their teachers are told the selection will not be
    // carried out because the event closed.
    const notSelected = await rejectPendingApplications(tx, edition, actorId, now, "evento-chiuso");
    if (closing.ok || expired > 0 || notSelected > 0) {
      await tx.auditLog.create({
        data: {
          actorId,
          entityType: "edition",
          entityId: edition.id,
          action: "evento-chiuso",
          details: JSON.stringify({ enrolmentClosed: closing.ok, expired, ...(notSelected ? { notSelected } : {}) }),
        },
      });
    }
  }
}

/**
 * Tells every applicant still under review of an edition that they were not selected ("not-select" of the
 * enrolment state table: candidato → non-selezionato, "candidatura-respinta"), under the edition's lock.
 * Closing the selection without a reserve list does it (closeSelection, app/models/application.server.ts),
 * and so does closing the event (closeEventEditions): nobody can select them afterwards, and an application
 * left "in valutazione" for good would tell the teacher something false. `endedBy`: the selection was never made
 * (the event closed): the email says so and why, not that the application was turned down. Returns how many.
 */
export async function rejectPendingApplications(
  tx: Tx,
  edition: { id: string; number: number; event: { title: string } },
  actorId: string | null,
  now: Date,
  endedBy?: OfferEndCause,
): Promise<number> {
  const { action, from, to } = SELECTION_CLOSE_TRANSITIONS.reject;
  // The edition's places, those under review kept in memory, and the update by their ids: with `status` in the
  // WHERE, SQLite without statistics took the (status, offerExpiresAt) index over the edition's (and over the
  // primary key for `id IN …`), reading every application of the database under the edition's lock (ADR 0029,
  // addendum of 07/12/2026). The update's guard stays, written as `NOT (status <> ?)`, which SQLite does not match
  // to an index (it then finds the rows by the primary key): every writer of a place's status takes its edition's
  // lock first, held here, so none changes meanwhile; the guard still refuses to end a place no longer under review.
  const sources: readonly string[] = enrolmentSources(action);
  const pending = (
    await tx.enrolment.findMany({ where: { editionId: edition.id }, select: { id: true, userId: true, status: true } })
  ).filter((p) => sources.includes(p.status));
  if (pending.length === 0) return 0;
  await tx.enrolment.updateMany({
    where: { id: { in: pending.map((p) => p.id) }, NOT: { status: { not: from } } },
    data: { status: to, activeKey: null, endedAt: now },
  });
  for (const e of pending) {
    await recordChange(tx, {
      enrolmentId: e.id,
      userId: e.userId,
      actorId,
      fromStatus: from,
      toStatus: to,
      notify: "candidatura-respinta",
      payload: { eventTitle: edition.event.title, editionNumber: edition.number, ...(endedBy ? { endedBy } : {}) },
    });
  }
  return pending.length;
}

/** The edition's quotas as the domain rules read them. */
/**
 * Ends an open offer before its deadline, under its edition's lock: the teacher is told
 * ("offerta-scaduta", with the cause: `endedBy`) and the seat the offer held is released (passed on by
 * releaseSeat, to nobody in a closed event). False when the place is no longer an offer. Used by the
 * event's close and by a schedule change that puts the training in the past.
 */
async function expireOfferInLock(
  tx: Tx,
  editionId: string,
  offer: { id: string; userId: string; status: string; quotaId: string | null },
  payload: { eventTitle: string; editionNumber: number; endedBy: OfferEndCause },
  now: Date,
  actorId: string | null,
): Promise<boolean> {
  const transition = enrolmentTransition("expire", offer.status);
  if (!transition.ok) return false;
  await tx.enrolment.update({
    where: { id: offer.id },
    data: { status: transition.to, activeKey: null, waitlistSeq: null, offerExpiresAt: null, endedAt: now },
  });
  await recordChange(tx, {
    enrolmentId: offer.id,
    userId: offer.userId,
    actorId,
    fromStatus: offer.status,
    toStatus: transition.to,
    notify: "offerta-scaduta",
    payload,
  });
  await releaseSeat(tx, editionId, offer.quotaId, now, actorId);
  return true;
}

export function loadQuotas(tx: Tx, editionId: string): Promise<QuotaState[]> {
  return tx.editionQuota.findMany({
    where: { editionId },
    orderBy: { regionCode: "asc" },
    select: { id: true, regionCode: true, seats: true, seatsTaken: true, releasedAt: true },
  });
}

/**
 * When the edition's last session starts (offers never outlive it) and when its last session
 * ends (no seat is given after it), or nulls without sessions.
 */
export async function lastSessionTimes(
  tx: Tx,
  editionId: string,
): Promise<{ startsAt: Date | null; endsAt: Date | null }> {
  const times = await tx.trainingSession.aggregate({
    where: { editionId },
    _max: { startsAt: true, endsAt: true },
  });
  return { startsAt: times._max.startsAt ?? null, endsAt: times._max.endsAt ?? null };
}

/**
 * Gives free seats to the waitlist, first come first served, pool by pool (the general pool
 * and each quota): promoted at once, or offered with a deadline, as the edition and
 * fillDecision say. Call it inside a transaction that locked the edition.
 */
/**
 * Gives the edition's free seats to its waiting lines; returns the places it promoted ("promosso", with their
 * invitation). `seatsAdded`: the free seats are the ones a raised cap just added (changeSeatCap, updateEvent), which
 * the offer's and the place's emails say instead of a seat somebody left ("posto-offerto", "promosso", payload
 * `seatsAdded`; ADR 0011 addenda). `quotaReleased`: they are the seats a released regional quota left unused
 * (releaseQuota), said as places reserved for a region opened to everyone (payload `quotaReleased`).
 */
export async function fillFreeSeats(
  tx: Tx,
  editionId: string,
  now: Date,
  actorId: string | null,
  { seatsAdded = false, quotaReleased = false }: { seatsAdded?: boolean; quotaReleased?: boolean } = {},
): Promise<{ promoted: string[] }> {
  const promoted: string[] = [];
  const edition = await tx.edition.findUniqueOrThrow({
    where: { id: editionId },
    select: {
      seatCap: true,
      seatsTaken: true,
      status: true,
      promotionMode: true,
      offerHours: true,
      number: true,
      event: { select: { title: true, status: true } },
    },
  });
  if (!editionTransition("fill", edition.status).ok) return { promoted };
  // A closed or cancelled event gives no new seat in any edition (ADR 0084): a seat freed there goes to
  // nobody, as once the training is over. Read under the edition's lock, which the event's close takes too.
  if (edition.event.status !== "pubblicato") return { promoted };
  const last = await lastSessionTimes(tx, editionId);
  const decision = fillDecision(edition.promotionMode, edition.offerHours, now, last.startsAt, last.endsAt);
  if (decision.kind === "none") return { promoted };
  const quotas = await loadQuotas(tx, editionId);
  const payload = {
    eventTitle: edition.event.title,
    editionNumber: edition.number,
    ...(seatsAdded ? { seatsAdded: true } : {}),
    ...(quotaReleased ? { quotaReleased: true } : {}),
  };
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
        promoted.push(next.id);
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
  return { promoted };
}

/**
 * A seat for a teacher of `regionCode` in the locked edition: in their region's quota if it has
 * one, else the general pool; when that pool is full, a ticket in its waitlist instead (unless
 * `waitlist` is false: then nothing is written and `full` says why). Call it under the edition's lock.
 */
export async function seatOrWaitlist(
  tx: Tx,
  edition: { id: string; seatCap: number | null; seatsTaken: number },
  regionCode: string,
  options: { waitlist: boolean } = { waitlist: true },
): Promise<{ full: boolean; seated: boolean; quotaId: string | null; waitlistSeq: number | null }> {
  const quotas = await loadQuotas(tx, edition.id);
  const quota = quotaFor(regionCode, quotas);
  const quotaId = quota?.id ?? null;
  if (freeSeatsFor(edition, quotas, regionCode) > 0) {
    await tx.edition.update({ where: { id: edition.id }, data: { seatsTaken: { increment: 1 } } });
    if (quota) await tx.editionQuota.update({ where: { id: quota.id }, data: { seatsTaken: { increment: 1 } } });
    return { full: false, seated: true, quotaId, waitlistSeq: null };
  }
  if (!options.waitlist) return { full: true, seated: false, quotaId, waitlistSeq: null };
  const waitlistSeq = quota
    ? (await tx.editionQuota.update({ where: { id: quota.id }, data: { waitlistSeq: { increment: 1 } } })).waitlistSeq
    : (await tx.edition.update({ where: { id: edition.id }, data: { waitlistSeq: { increment: 1 } } })).waitlistSeq;
  return { full: false, seated: false, quotaId, waitlistSeq };
}

/** A waitlist ticket's position in its pool's line: the tickets still waiting ahead of it, plus one. */
export async function waitlistPositionIn(tx: Tx, editionId: string, quotaId: string | null, waitlistSeq: number) {
  return (
    (await tx.enrolment.count({
      where: { editionId, status: "in-attesa", quotaId, waitlistSeq: { lt: waitlistSeq } },
    })) + 1
  );
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
    // Re-read under the lock: an edition cancelled or closed since the eligibility check takes no one, nor one
    // that has turned to admission by application meanwhile.
    if (!edition || edition.status !== "attiva" || edition.admission !== "ordine-arrivo")
      throw new EditionNotOpen(request.editionId);
    // …nor an account closed meanwhile (the teacher's other tab): a write to the person's row while it is
    // open, as a placement's, so closeAccount's own write to it waits for this seat (and its sweep then
    // releases the place) or, done first, makes this one find the account closed (ADR 0084).
    const open = await tx.user.updateMany({ where: { id: request.userId, closedAt: null }, data: { updatedAt: now } });
    if (open.count !== 1) throw new EditionNotOpen(request.editionId);
    const { seated, quotaId, waitlistSeq } = await seatOrWaitlist(tx, edition, request.regionCode);
    const status = seated ? "iscritto" : "in-attesa";
    const created = await tx.enrolment.create({
      data: {
        editionId: request.editionId,
        eventId: request.eventId,
        userId: request.userId,
        quotaId,
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
    return { enrolmentId: created.id, status, waitlistSeq, quotaId };
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

/** What rescheduleOffers made of an edition's open offers (notifyEditionChanged tells the people). */
export type RescheduledOffers = {
  /** Still offers, with their deadline cut to the new last session's start or not. */
  offered: { enrolmentId: string; shortened: boolean }[];
  /** Offers turned into places ("promosso" tells them). */
  promoted: string[];
  /** Offers ended because the training is over ("offerta-scaduta" tells them). */
  expired: string[];
};

/**
 * The organiser changed the edition's sessions (updateEvent, in the same transaction, after the
 * sessions are written): every open offer is bounded again by the rule a new offer meets
 * (rescheduledOffer / boundedOffer, app/domain/seat-ledger.ts), under the edition's lock. A
 * deadline past the new last session's start is cut to it; with less than MIN_OFFER_MINUTES left
 * the person is promoted at once (offerta → iscritto, "promosso", as fillFreeSeats promotes); once
 * the training is over the offer ends (offerta → offerta-scaduta, "offerta-scaduta") and its seat
 * goes to nobody (releaseSeat → fillFreeSeats). Offers already past their deadline are left to the
 * expiry job. A cancelled edition holds no offers: nothing to do.
 */
export async function rescheduleOffers(
  tx: Tx,
  editionId: string,
  now: Date,
  actorId: string | null,
): Promise<RescheduledOffers> {
  const result: RescheduledOffers = { offered: [], promoted: [], expired: [] };
  const edition = await lockEdition(tx, editionId, now);
  if (!edition || !editionTransition("reschedule", edition.status).ok) return result;
  // The edition's places in the offers' order, its offers kept in memory: `status` in the WHERE ties the
  // (status, offerExpiresAt) index with the edition's on SQLite without statistics, and SQLite took it, reading
  // every offer of the database under the edition's lock at each save of its sessions (ADR 0029, addendum of
  // 07/12/2026).
  const offers = (
    await tx.enrolment.findMany({
      where: { editionId },
      orderBy: [{ waitlistSeq: "asc" }, { id: "asc" }],
      select: { id: true, userId: true, status: true, quotaId: true, offerExpiresAt: true },
    })
  ).filter((p) => p.status === "offerta");
  if (offers.length === 0) return result;
  const last = await lastSessionTimes(tx, editionId);
  const payload = { eventTitle: edition.event.title, editionNumber: edition.number };
  const shortened: { enrolmentId: string; from: string; to: string }[] = [];
  for (const offer of offers) {
    // An offer always has a deadline (fillFreeSeats writes it); none would be the expiry job's case.
    if (!offer.offerExpiresAt) continue;
    const verdict = rescheduledOffer(offer.offerExpiresAt, now, last.startsAt, last.endsAt);
    if (verdict.kind === "lapsed") continue;
    if (verdict.kind === "keep") {
      result.offered.push({ enrolmentId: offer.id, shortened: false });
    } else if (verdict.kind === "shorten") {
      await tx.enrolment.update({ where: { id: offer.id }, data: { offerExpiresAt: verdict.expiresAt } });
      shortened.push({
        enrolmentId: offer.id,
        from: offer.offerExpiresAt.toISOString(),
        to: verdict.expiresAt.toISOString(),
      });
      result.offered.push({ enrolmentId: offer.id, shortened: true });
    } else if (verdict.kind === "promote") {
      const transition = enrolmentTransition("promote-offer", offer.status);
      if (!transition.ok) continue;
      // The seat is the one the offer held: seatsTaken and the pools do not change.
      await tx.enrolment.update({
        where: { id: offer.id },
        data: { status: transition.to, offerExpiresAt: null, waitlistSeq: null },
      });
      await recordChange(tx, {
        enrolmentId: offer.id,
        userId: offer.userId,
        actorId,
        fromStatus: offer.status,
        toStatus: transition.to,
        notify: "promosso",
        // Told as the schedule change it is (no time left to answer the offer), not as a seat that became free.
        payload: { ...payload, fromOffer: true },
      });
      result.promoted.push(offer.id);
    } else if (
      await expireOfferInLock(tx, editionId, offer, { ...payload, endedBy: "formazione-conclusa" }, now, actorId)
    ) {
      result.expired.push(offer.id);
    }
  }
  if (shortened.length || result.promoted.length || result.expired.length) {
    await tx.auditLog.create({
      data: {
        actorId,
        entityType: "edition",
        entityId: editionId,
        action: "offerte-ricalcolate",
        details: JSON.stringify({ shortened, promoted: result.promoted, expired: result.expired }),
      },
    });
  }
  return result;
}

/**
 * Ends the places of the locked edition that outlived it (placeOutlived, app/domain/enrolment.ts): once it is
 * over, each place in line and each application still under review ends ("edition-over": in-attesa →
 * attesa-conclusa, candidato → non-selezionato) and an offer still open expires ("expire", its seat released
 * to nobody: the lines are ended first). Each gives back the teacher's one place in the event (activeKey), so a
 * later edition can take her. No email for the places in line: the edition is over and "Le mie iscrizioni" says
 * how the place ended. An application is told ("candidatura-respinta", endedBy "formazione-conclusa": the selection
 * was not carried out), since its receipt promised an outcome (ADR 0084 addendum of 07/12/2026); an offer's end
 * is told as rescheduleOffers tells it ("offerta-scaduta", "formazione-conclusa"). Nothing to do while the edition
 * is not over. Call it under the edition's lock; returns how many places ended. Safe to run again: an ended place
 * is in none of these states, so nobody is told twice.
 */
export async function endOutlivedPlacesIn(
  tx: Tx,
  edition: { id: string; number: number; endsOn: Date; event: { title: string } },
  now: Date,
): Promise<number> {
  const last = await lastSessionTimes(tx, edition.id);
  if (!editionOver(edition.endsOn, last.endsAt, now)) return 0;
  const places = await tx.enrolment.findMany({
    where: { editionId: edition.id, status: { in: [...UNSEATED_PLACE_STATUSES] } },
    orderBy: [{ waitlistSeq: "asc" }, { id: "asc" }],
    select: { id: true, userId: true, status: true, quotaId: true },
  });
  let ended = 0;
  for (const place of places.filter((p) => p.status !== "offerta")) {
    const transition = enrolmentTransition("edition-over", place.status);
    if (!transition.ok) continue;
    await tx.enrolment.update({
      where: { id: place.id },
      data: {
        status: transition.to,
        activeKey: null,
        waitlistSeq: null,
        offerExpiresAt: null,
        endedAt: now,
        // Said on the place where the state alone does not say it: an application "non selezionata" because the
        // edition ended, not by the selection ("attesa-conclusa" says it by itself; its change keeps the reason).
        reason: transition.to === "non-selezionato" ? OUTLIVED_REASON : null,
      },
    });
    const application = transition.to === "non-selezionato";
    await recordChange(tx, {
      enrolmentId: place.id,
      userId: place.userId,
      actorId: null,
      fromStatus: place.status,
      toStatus: transition.to,
      reason: OUTLIVED_REASON,
      ...(application
        ? {
            notify: "candidatura-respinta" as const,
            payload: {
              eventTitle: edition.event.title,
              editionNumber: edition.number,
              endedBy: "formazione-conclusa" as const,
            },
          }
        : {}),
    });
    ended += 1;
  }
  const payload = {
    eventTitle: edition.event.title,
    editionNumber: edition.number,
    endedBy: "formazione-conclusa" as const,
  };
  for (const offer of places.filter((p) => p.status === "offerta")) {
    if (await expireOfferInLock(tx, edition.id, offer, payload, now, null)) ended += 1;
  }
  return ended;
}

/**
 * The job (app/utils/background-jobs.server.ts, beside the offers' expiry): ends every place that outlived its
 * edition, one edition per transaction under its lock (endOutlivedPlacesIn). Safe to run from several
 * instances at once and after downtime: it works from what the database says is over, and a second run over
 * the same edition finds nothing left. Returns how many places ended.
 */
export async function endOutlivedPlaces(now: Date = new Date(), batchSize = 100): Promise<number> {
  let ended = 0;
  const done = new Set<string>();
  for (;;) {
    const editions = await prisma.enrolment.findMany({
      where: {
        status: { in: [...UNSEATED_PLACE_STATUSES] },
        editionId: { notIn: [...done] },
        // editionOver, as a query: the last day is past, or every session has ended.
        edition: {
          OR: [
            { endsOn: { lt: now } },
            { sessions: { some: { endsAt: { lte: now } }, none: { endsAt: { gt: now } } } },
          ],
        },
      },
      distinct: ["editionId"],
      take: batchSize,
      select: { editionId: true },
    });
    if (editions.length === 0) return ended;
    for (const { editionId } of editions) {
      done.add(editionId);
      ended += await prisma.$transaction(async (tx) => {
        const edition = await lockEdition(tx, editionId, now);
        return edition ? endOutlivedPlacesIn(tx, edition, now) : 0;
      }, SEAT_TRANSACTION);
    }
  }
}

/** The teacher's place in the event (activeKey), with what placeOutlived reads. */
async function heldPlace(eventId: string, userId: string) {
  const held = await prisma.enrolment.findUnique({
    where: { activeKey: activeKeyFor(eventId, userId) },
    select: { id: true, status: true, editionId: true, edition: { select: { number: true, endsOn: true } } },
  });
  if (!held) return null;
  const last = await lastSessionTimes(prisma, held.editionId);
  return { ...held, lastSessionEndsAt: last.endsAt };
}

/**
 * The place the teacher holds in the event and that still counts (one that outlived its edition does not:
 * placeOutlived), for the pages that say "already placed"; null when none.
 */
export async function currentPlaceOf(
  eventId: string,
  userId: string,
  now: Date,
): Promise<{ id: string; status: string; editionNumber: number } | null> {
  const held = await heldPlace(eventId, userId);
  if (!held || placeOutlived(held.status, held.edition.endsOn, held.lastSessionEndsAt, now)) return null;
  return { id: held.id, status: held.status, editionNumber: held.edition.number };
}

/**
 * Before a new place for this teacher in this event is refused as already held (enrolment, application,
 * placement): if the place she holds outlived its edition, its edition's outlived places end now under that
 * edition's lock, in a transaction of their own (never inside the new place's, which holds another edition's
 * lock: two editions' locks are only taken in a fixed order), so the answer does not wait for the job. True
 * when her place no longer holds the event (the caller asks again); false when it still counts.
 */
export async function endOutlivedPlaceOf(eventId: string, userId: string, now: Date): Promise<boolean> {
  const held = await heldPlace(eventId, userId);
  if (!held) return true;
  if (!placeOutlived(held.status, held.edition.endsOn, held.lastSessionEndsAt, now)) return false;
  await prisma.$transaction(async (tx) => {
    const edition = await lockEdition(tx, held.editionId, now);
    if (edition) await endOutlivedPlacesIn(tx, edition, now);
  }, SEAT_TRANSACTION);
  const after = await prisma.enrolment.findUnique({ where: { id: held.id }, select: { activeKey: true } });
  return after?.activeKey == null;
}

/** Seats `count` people chosen by selection in the general pool; false (nothing written) when they do not fit. */
export async function takeSelectedSeats(tx: Tx, editionId: string, count: number): Promise<boolean> {
  const edition = await tx.edition.findUniqueOrThrow({ where: { id: editionId }, select: { seatCap: true } });
  const ceiling = seatsTakenCeiling(edition.seatCap, count, await loadQuotas(tx, editionId));
  // The cap is re-checked in the statement that counts the seats (the caller holds the lock anyway).
  const counted = await tx.edition.updateMany({
    where: { id: editionId, ...(ceiling === null ? {} : { seatsTaken: { lte: ceiling } }) },
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
    if (r.raised) await fillFreeSeats(tx, editionId, now, actorId, { seatsAdded: true });
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

export type CancelEditionOutcome = { ok: true } | { ok: false; reason: EditionCancelRefusal | "not-found" };

/**
 * Cancels an edition: every active enrolment ends and every participant is told. Refused once it took
 * place: "attendance-closed" (register closed, certificates issued) or "ended" (its last day is over,
 * register still open) — editionCancelTransition; nothing changes and nobody is told.
 */
export async function cancelEdition(
  scope: ManagedEdition,
  reason: string,
  now: Date = new Date(),
): Promise<CancelEditionOutcome> {
  const { id: editionId, actorId } = scope;
  return prisma.$transaction((tx) => cancelEditionInTransaction(tx, actorId, editionId, reason, now), SEAT_TRANSACTION);
}

/** cancelEdition inside a caller's transaction (e.g. cancelling the whole event). */
export async function cancelEditionInTransaction(
  tx: Tx,
  actorId: string | null,
  editionId: string,
  reason: string,
  now: Date,
): Promise<CancelEditionOutcome> {
  const edition = await lockEdition(tx, editionId, now);
  if (!edition) return { ok: false, reason: "not-found" };
  const locked = editionCancelTransition(edition, now);
  if (!locked.ok) return { ok: false, reason: locked.reason };
  const sources = enrolmentSources("cancel-edition");
  const active = await tx.enrolment.findMany({
    where: { editionId, status: { in: sources } },
    select: { id: true, userId: true, status: true },
  });
  await tx.edition.update({ where: { id: editionId }, data: { status: locked.to, seatsTaken: 0 } });
  // The event's dates are those of its editions still to take place: without this one, the catalogue stops
  // listing the event for its dates (or at all, once every edition is cancelled). Same transaction, same lock.
  await refreshEventDates(tx, edition.event.id, now);
  await bumpSessionSequences(tx, editionId);
  // Its quotas hold nobody and will never take anyone: released with it, so none stays open to block a change of
  // the event's regions (updateEvent) that no button could release any more (ADR 0011).
  await tx.editionQuota.updateMany({ where: { editionId }, data: { seatsTaken: 0 } });
  await tx.editionQuota.updateMany({ where: { editionId, releasedAt: null }, data: { seats: 0, releasedAt: now } });
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
  // Another edition of the same (still published) event open for enrolment: the email points to
  // the event's page, where it is, rather than to the whole catalogue.
  const otherEditionOpen =
    active.length > 0 &&
    (await tx.event.count({ where: { id: edition.event.id, status: "pubblicato" } })) > 0 &&
    (await tx.edition.count({
      where: { eventId: edition.event.id, id: { not: editionId }, status: "attiva", enrolmentClosesAt: { gt: now } },
    })) > 0;
  for (const e of active) {
    await recordChange(tx, {
      enrolmentId: e.id,
      userId: e.userId,
      actorId,
      fromStatus: e.status,
      toStatus: "edizione-annullata",
      reason,
      notify: "edizione-annullata",
      payload: {
        eventTitle: edition.event.title,
        editionNumber: edition.number,
        reason,
        ...(otherEditionOpen ? { eventPath: `/eventi/${edition.event.id}` } : {}),
        // An applicant still under review is told the selection will not be carried out, not that an enrolment ended.
        ...(e.status === "candidato" ? { wasApplication: true } : {}),
      },
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
  return prisma.$transaction((tx) => addQuotaIn(tx, scope, regionCode, seats, now), SEAT_TRANSACTION);
}

/** addQuota's transaction (the race tests hold it open while a teacher enrols). */
export async function addQuotaIn(
  tx: Tx,
  scope: ManagedEdition,
  regionCode: string,
  seats: number,
  now: Date,
): Promise<QuotaOutcome> {
  const { id: editionId, actorId } = scope;
  const locked = await lockFor(tx, editionId, "add-quota", now);
  if (!locked.ok) return locked;
  // The event's region rule, read under the edition's lock: updateEvent takes every edition's lock before it
  // changes the rule, so this reads it as a save racing this quota left it.
  const event = await tx.event.findUniqueOrThrow({
    where: { id: locked.edition.event.id },
    select: { level: true, regionCode: true, openToAllRegions: true },
  });
  const verdict = checkNewQuota({ ...locked.edition, event }, await loadQuotas(tx, editionId), regionCode, seats);
  if (!verdict.ok) return verdict;
  await tx.editionQuota.create({ data: { editionId, regionCode, seats } });
  // On the edition's row, under its lock: a first-come seat write waiting for that lock finds it and takes no
  // general seat (enrolment-seat.server.ts); the request then takes its place in the pools.
  await tx.edition.update({ where: { id: editionId }, data: { hasQuotas: true } });
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
}

/**
 * Gives a quota's unused seats to the general pool (the seats its people hold stay theirs) and
 * fills them from the general waitlist. Teachers of that region then enrol in the general pool, and
 * those who waited in the quota's line join the general line, after everyone already in it, in
 * their own order: the quota will never free a seat again (each seat freed in it goes to the
 * general pool), so its line would never move.
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
    const waiting = await tx.enrolment.findMany({
      where: { editionId, quotaId, status: "in-attesa" },
      orderBy: [{ waitlistSeq: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    if (waiting.length > 0) {
      // The general line's next tickets, taken at once: the last one handed out is `last`.
      const { waitlistSeq: last } = await tx.edition.update({
        where: { id: editionId },
        data: { waitlistSeq: { increment: waiting.length } },
        select: { waitlistSeq: true },
      });
      for (const [i, w] of waiting.entries()) {
        const waitlistSeq = last - waiting.length + 1 + i;
        await tx.enrolment.update({ where: { id: w.id }, data: { quotaId: null, waitlistSeq } });
      }
    }
    // Nobody left a seat: the offer's and the place's emails say the places reserved for a region were opened to
    // everyone (quotaReleased), not "Si è liberato un posto" (ADR 0011, addendum 07/12/2026).
    await fillFreeSeats(tx, editionId, now, actorId, { quotaReleased: true });
    // Those still waiting are told they are in the general line now, at its end (their position is stated
    // when the message leaves); those the release gave a seat to were told by "promosso" or "posto-offerto".
    if (waiting.length > 0) {
      // Read by their ids, those still waiting kept in memory, in the line's order: `id IN … AND status = ?` took
      // the (status, offerExpiresAt) index over the primary key on SQLite without statistics, reading every place
      // in line of the database under the edition's lock (ADR 0029, addendum of 07/12/2026).
      const after = new Map(
        (
          await tx.enrolment.findMany({
            where: { id: { in: waiting.map((w) => w.id) } },
            select: { id: true, userId: true, status: true },
          })
        ).map((p) => [p.id, p]),
      );
      const stillWaiting = waiting.flatMap((w) => {
        const place = after.get(w.id);
        return place?.status === "in-attesa" ? [place] : [];
      });
      const edition = await tx.edition.findUniqueOrThrow({
        where: { id: editionId },
        select: { number: true, event: { select: { title: true } } },
      });
      for (const place of stillWaiting) {
        await recordChange(tx, {
          enrolmentId: place.id,
          userId: place.userId,
          actorId,
          fromStatus: "in-attesa",
          toStatus: "in-attesa",
          notify: "posizione-lista-attesa-modificata",
          payload: {
            eventTitle: edition.event.title,
            editionNumber: edition.number,
            quotaReleased: true,
          },
        });
      }
    }
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

/**
 * The placement page's "raise the seat cap and place them" (issue 15): when the teacher's pool is
 * full and the cap is below `upTo`, the cap rises by one through the cap-change rule
 * (setSeatCapLocked, audited), so the seat goes to the teacher being placed and not to the
 * waitlist. A list placed with the same `upTo` raises the cap one seat per person, never past it.
 * Returns the edition as the seat is then taken in. Call it under the edition's lock.
 */
export async function raiseCapForOne<E extends { id: string; seatCap: number | null; seatsTaken: number }>(
  tx: Tx,
  actorId: string,
  edition: E,
  regionCode: string,
  upTo: number,
  now: Date,
): Promise<E> {
  if (edition.seatCap === null || edition.seatCap >= upTo) return edition;
  const quotas = await loadQuotas(tx, edition.id);
  const raised = { ...edition, seatCap: edition.seatCap + 1 };
  // Only when the raise gives this teacher a seat (not a full regional quota's teacher).
  if (freeSeatsFor(edition, quotas, regionCode) > 0 || freeSeatsFor(raised, quotas, regionCode) === 0) return edition;
  const r = await setSeatCapLocked(tx, actorId, edition.id, raised.seatCap, now);
  return r.ok ? raised : edition;
}

export const MOVED_SEAT_KIND = "spostato-di-edizione";
export const MOVED_WAITLIST_KIND = "spostato-in-lista-attesa";

export type MoveToEditionRefusal =
  | "not-found"
  | "wrong-state"
  | "edition-cancelled"
  | "edition-closed"
  | "by-application"
  | "target-full"
  | "already-placed"
  | "has-certificate"
  | "account-closed"
  | "event-not-open"
  | MoveInRefusal;

export type MoveToEditionOutcome =
  | { ok: true; enrolmentId: string; status: "iscritto" | "in-attesa"; waitlistPosition: number | null }
  | { ok: false; reason: MoveToEditionRefusal };

/**
 * The organiser moves a participant to another edition of the same event (issue 15, item 2), in one
 * transaction holding both editions' locks: the place in this edition ends as "spostato" (its
 * changes, notifications and attendance stay with it) and frees its seat, which goes to this
 * edition's waitlist by the usual rule (releaseSeat); a new place in the target edition, linked by
 * movedFromId, takes a seat in the teacher's pool or, when `waitlist` allows, a ticket in its line.
 * Refused with a typed reason, writing nothing: the place is not active here, the target is not
 * another edition of the event, is cancelled or closed, admits by application, is full and the
 * organiser did not accept the waitlist, already holds a place of the teacher, the place has a
 * valid certificate, or the teacher's account is closed; the target's training is over or its
 * certificates were issued (moveInRefusal). Audited on both editions; the teacher is told by email.
 */
export async function moveToEdition(
  scope: ManagedEdition,
  request: { enrolmentId: string; targetEditionId: string; waitlist: boolean; reason: string | null },
  now: Date = new Date(),
): Promise<MoveToEditionOutcome> {
  const { id: sourceId, actorId } = scope;
  const reason = request.reason?.trim() || null;
  if (request.targetEditionId === sourceId) return { ok: false, reason: "not-found" };
  return prisma.$transaction(async (tx) => {
    // Both editions, always in the same order: two moves in opposite directions cannot deadlock.
    const [firstId, secondId] = [sourceId, request.targetEditionId].sort();
    const first = await lockEdition(tx, firstId!, now);
    const second = await lockEdition(tx, secondId!, now);
    const [source, target] = firstId === sourceId ? [first, second] : [second, first];
    if (!source || !target || source.event.id !== target.event.id) return { ok: false, reason: "not-found" } as const;
    // A closed event is history (no enrolment, no placement even with an override): nobody moves in it.
    if (source.event.status !== "pubblicato") return { ok: false, reason: "event-not-open" } as const;
    const place = await tx.enrolment.findFirst({
      where: { id: request.enrolmentId, editionId: sourceId },
      select: {
        id: true,
        userId: true,
        status: true,
        quotaId: true,
        activeKey: true,
        user: { select: { regionCode: true, closedAt: true } },
      },
    });
    if (!place) return { ok: false, reason: "not-found" } as const;
    // A closed account keeps the places of editions already over (its history), and takes no new one.
    if (place.user.closedAt) return { ok: false, reason: "account-closed" } as const;
    const out = enrolmentTransition("move-out", place.status);
    if (!out.ok || !place.activeKey) return { ok: false, reason: "wrong-state" } as const;
    const leaving = editionTransition("move-out", source.status);
    if (!leaving.ok) return { ok: false, reason: leaving.reason } as const;
    const entering = editionTransition("move-in", target.status);
    if (!entering.ok) return { ok: false, reason: entering.reason } as const;
    // Read under the target's lock: its training over, or its certificates issued, it takes nobody (ADR 0085).
    const over = moveInRefusal(target, (await lastSessionTimes(tx, target.id)).endsAt, now);
    if (over) return { ok: false, reason: over } as const;
    const { admission } = await tx.edition.findUniqueOrThrow({ where: { id: target.id }, select: { admission: true } });
    if (admission === "candidatura") return { ok: false, reason: "by-application" } as const;
    const there = await tx.enrolment.findFirst({
      where: { editionId: target.id, userId: place.userId, activeKey: { not: null } },
      select: { id: true },
    });
    if (there) return { ok: false, reason: "already-placed" } as const;
    const certified = await tx.certificate.count({ where: { enrolmentId: place.id, revokedAt: null } });
    if (certified > 0) return { ok: false, reason: "has-certificate" } as const;
    // The target's seat or ticket first: a full target without the waitlist writes nothing.
    const taken = await seatOrWaitlist(tx, target, place.user.regionCode, { waitlist: request.waitlist });
    if (taken.full) return { ok: false, reason: "target-full" } as const;
    const status = taken.seated ? "iscritto" : "in-attesa";
    const into = enrolmentTransition("move-in", null, status);
    if (!into.ok) return { ok: false, reason: "wrong-state" } as const;
    // The old place ends and hands its activeKey (one place per teacher and event) to the new one.
    await tx.enrolment.update({
      where: { id: place.id },
      data: { status: out.to, activeKey: null, waitlistSeq: null, offerExpiresAt: null, endedAt: now, reason },
    });
    // A seat holder had the old sessions by invitation: the move's email cancels them, newer than that REQUEST.
    if (place.status === "iscritto") await bumpSessionSequences(tx, source.id);
    const created = await tx.enrolment.create({
      data: {
        editionId: target.id,
        eventId: target.event.id,
        userId: place.userId,
        quotaId: taken.quotaId,
        status,
        waitlistSeq: taken.waitlistSeq,
        activeKey: place.activeKey,
        movedFromId: place.id,
      },
      select: { id: true },
    });
    const position =
      taken.waitlistSeq === null ? null : await waitlistPositionIn(tx, target.id, taken.quotaId, taken.waitlistSeq);
    // Moved with a seat to a seat: the new edition's REQUEST and the old edition's CANCEL are two iTIP methods,
    // so two messages (RFC 6047); the CANCEL is told on the old place, its sessions' SEQUENCE bumped above.
    // Moved to a waitlist, the move's own message has no REQUEST and carries the CANCEL.
    const cancelApart = place.status === "iscritto" && taken.seated;
    await recordChange(tx, {
      enrolmentId: place.id,
      userId: place.userId,
      actorId,
      fromStatus: place.status,
      toStatus: out.to,
      reason,
      ...(cancelApart
        ? {
            notify: "incontri-annullati" as const,
            payload: {
              eventTitle: target.event.title,
              editionNumber: source.number,
              movedToEditionNumber: target.number,
            },
          }
        : {}),
    });
    await recordChange(tx, {
      enrolmentId: created.id,
      userId: place.userId,
      actorId,
      fromStatus: null,
      toStatus: status,
      reason,
      notify: taken.seated ? MOVED_SEAT_KIND : MOVED_WAITLIST_KIND,
      payload: {
        eventTitle: target.event.title,
        editionNumber: target.number,
        fromEditionNumber: source.number,
        fromEditionHeldSeat: place.status === "iscritto",
        ...(cancelApart ? { cancelledApart: true } : {}),
        ...(position === null ? {} : { position }),
        ...(reason ? { reason } : {}),
      },
    });
    const details = {
      userId: place.userId,
      fromEnrolmentId: place.id,
      toEnrolmentId: created.id,
      fromEditionId: source.id,
      toEditionId: target.id,
      fromStatus: place.status,
      status,
      reason,
    };
    await tx.auditLog.createMany({
      data: [
        {
          actorId,
          entityType: "edition",
          entityId: source.id,
          action: "partecipante-spostato",
          details: JSON.stringify(details),
        },
        {
          actorId,
          entityType: "edition",
          entityId: target.id,
          action: "partecipante-ricevuto",
          details: JSON.stringify(details),
        },
      ],
    });
    // The seat it held in this edition goes to the next in line (promoted or offered).
    if ((SEAT_HOLDING_STATUSES as readonly string[]).includes(place.status))
      await releaseSeat(tx, source.id, place.quotaId, now, actorId);
    return { ok: true, enrolmentId: created.id, status, waitlistPosition: position } as const;
  }, SEAT_TRANSACTION);
}

/**
 * The other editions of the event a participant of `editionId` may be moved to, with their free seats:
 * active, first come first served, and still able to train them (moveInRefusal: not over, no
 * certificates issued). moveToEdition asks the same again under the target's lock.
 */
export async function moveTargets(editionId: string, now: Date = new Date()) {
  const edition = await prisma.edition.findUniqueOrThrow({ where: { id: editionId }, select: { eventId: true } });
  const others = await prisma.edition.findMany({
    where: { eventId: edition.eventId, id: { not: editionId }, status: "attiva", admission: { not: "candidatura" } },
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      startsOn: true,
      endsOn: true,
      seatCap: true,
      seatsTaken: true,
      attendanceClosedAt: true,
    },
  });
  const lastEnds =
    others.length === 0
      ? []
      : await prisma.trainingSession.groupBy({
          by: ["editionId"],
          where: { editionId: { in: others.map((e) => e.id) } },
          _max: { endsAt: true },
        });
  const lastEndOf = new Map(lastEnds.map((r) => [r.editionId, r._max.endsAt ?? null]));
  return others
    .filter((e) => moveInRefusal(e, lastEndOf.get(e.id) ?? null, now) === null)
    .map(({ endsOn: _endsOn, attendanceClosedAt: _closed, ...e }) => ({
      ...e,
      free: e.seatCap === null ? null : Math.max(0, e.seatCap - e.seatsTaken),
    }));
}
