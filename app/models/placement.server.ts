// The organiser places a teacher in an edition (issue 15, item 2): a preview of the address
// (found, unknown, already placed, not eligible), then the place through the seat ledger: a seat
// if the teacher's pool has one, else the waitlist. The place, its change record, the teacher's
// notification and the audit line are written in one transaction that holds the edition's lock.
//
// A seat writer outside app/models/seat-ledger.server.ts: it calls the ledger's exported
// lockEdition and loadQuotas and the domain's freeSeatsFor, under the lock, like takeSeatInPools.
// The writers take the ManagedEdition that only the scope guard makes (requireManagedEdition).
import type { ManagedEdition } from "./edition-scope.server.ts";
import { activeKeyFor, checkEligibility, type RefusalReason } from "~/domain/enrolment.ts";
import {
  isOverridable,
  movedInLine,
  PLACEMENT_REASON_MIN,
  placementTiming,
  type PlacementCheck,
} from "~/domain/placement.ts";
import { freeSeatsFor, poolsWithFreeSeats, quotaFor } from "~/domain/seat-ledger.ts";
import { isUniqueViolation } from "~/utils/account.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { recordChange } from "./enrolment-change.server.ts";
import { loadEnrolmentContext } from "./enrolment-seat.server.ts";
import {
  currentPlaceOf,
  endOutlivedPlaceOf,
  lockEdition,
  raiseCapForOne,
  SEAT_TRANSACTION,
  seatOrWaitlist,
  waitlistPositionIn,
} from "./seat-ledger.server.ts";

export const PLACED_SEAT_KIND = "inserito-dall-organizzatore";
export const PLACED_WAITLIST_KIND = "in-attesa-dall-organizzatore";

export type PlacementPreview = {
  email: string;
  check: PlacementCheck;
  name: string | null;
  /** Eligibility refusals (not-eligible / refused). */
  reasons: RefusalReason[];
  /** not-eligible only: every reason may be overridden with a written reason. */
  overridable: boolean;
  /**
   * found / not-eligible: the pool the person's place would come from (their region's open quota, else the
   * general seats: regionCode null) and whether it has no free seat now (then they wait, or before the
   * edition's end… see placementTiming). Null for the others.
   */
  pool?: { regionCode: string | null; full: boolean } | null;
};

/** The pool a teacher of this region is placed in, now: their region's open quota, else the general seats. */
async function poolOf(editionId: string, regionCode: string) {
  const [edition, quotas] = await Promise.all([
    prisma.edition.findUniqueOrThrow({ where: { id: editionId }, select: { seatCap: true, seatsTaken: true } }),
    prisma.editionQuota.findMany({
      where: { editionId },
      select: { id: true, regionCode: true, seats: true, seatsTaken: true, releasedAt: true },
    }),
  ]);
  return {
    regionCode: quotaFor(regionCode, quotas)?.regionCode ?? null,
    full: freeSeatsFor(edition, quotas, regionCode) <= 0,
  };
}

/** What the teacher is told of a seat given after the edition's end (ADR 0098): no calendar invitation. */
export const RECORDED_SEAT_KIND = "partecipazione-registrata";

/** The edition's end and register, read apart from the enrolment context (placements only, never the hot path). */
async function timingOf(editionId: string, now: Date) {
  const edition = await prisma.edition.findUnique({
    where: { id: editionId },
    select: { endsOn: true, attendanceClosedAt: true },
  });
  return edition ? placementTiming(edition, now) : null;
}

/** One address as the preview shows it. Closed accounts count as unknown. */
export async function previewPlacement(
  editionId: string,
  email: string,
  now: Date = new Date(),
): Promise<PlacementPreview> {
  const user = await prisma.user.findFirst({
    where: { email, closedAt: null },
    select: { id: true, firstName: true, lastName: true, regionCode: true },
  });
  if (!user) return { email, check: "unknown", name: null, reasons: [], overridable: false };
  const name = `${user.firstName} ${user.lastName}`;
  const context = await loadEnrolmentContext(user.id, editionId);
  if (!context) return { email, check: "unknown", name: null, reasons: [], overridable: false };
  // A place that outlived its edition does not count (placeTeacher ends it before placing).
  const placed = await currentPlaceOf(context.edition.eventId, user.id, now);
  if (placed) return { email, check: "already-placed", name, reasons: [], overridable: false };
  if (context.edition.admission === "candidatura")
    return { email, check: "refused", name, reasons: [], overridable: false };
  const timing = await timingOf(editionId, now);
  if (timing === "register-closed") return { email, check: "register-closed", name, reasons: [], overridable: false };
  // After the edition's end the placement records a participation (ADR 0098): that its training is over is
  // the point, not a refusal ("training-over" is for places in training still to come, or just held).
  const edition = timing === "after-the-fact" ? { ...context.edition, lastSessionEndsAt: null } : context.edition;
  const verdict = checkEligibility(context.teacher, context.event, edition, now);
  if (verdict.ok)
    return {
      email,
      check: "found",
      name,
      reasons: [],
      overridable: false,
      pool: await poolOf(editionId, user.regionCode),
    };
  const overridable = isOverridable(verdict.reason);
  return {
    email,
    check: overridable ? "not-eligible" : "refused",
    name,
    reasons: [verdict.reason],
    overridable,
    pool: overridable ? await poolOf(editionId, user.regionCode) : null,
  };
}

export type PlacementRequest = {
  email: string;
  override: boolean;
  reason: string | null;
  /** The edition being full, raise its cap (one seat for this teacher, never past this number) and seat them. */
  raiseCapTo?: number | null;
};

export type PlacementOutcome =
  | { ok: true; enrolmentId: string; status: "iscritto" | "in-attesa"; waitlistPosition: number | null }
  | {
      ok: false;
      reason:
        | "unknown"
        | "already-placed"
        | "not-eligible"
        | "refused"
        | "reason-required"
        /** The register is closed and the certificates issued: nobody is added (ADR 0098). */
        | "register-closed"
        /** The edition is over and its pool full: a seat or nothing, never the waitlist (ADR 0098). */
        | "ended-full";
    };

/** Places one teacher: a seat if their pool has one, else the waitlist; audited and told. */
export async function placeTeacher(
  scope: ManagedEdition,
  request: PlacementRequest,
  now: Date = new Date(),
): Promise<PlacementOutcome> {
  const { id: editionId, actorId } = scope;
  const preview = await previewPlacement(editionId, request.email, now);
  if (
    preview.check === "unknown" ||
    preview.check === "already-placed" ||
    preview.check === "refused" ||
    preview.check === "register-closed"
  )
    return { ok: false, reason: preview.check };
  const reason = request.reason?.trim() || null;
  if (preview.check === "not-eligible") {
    if (!request.override) return { ok: false, reason: "not-eligible" };
    if (!reason) return { ok: false, reason: "reason-required" };
  }
  const overridden = preview.check === "not-eligible";
  // The account may have been closed since the preview: then there is nobody to place (not an error).
  const user = await prisma.user.findFirst({
    where: { email: request.email, closedAt: null },
    select: { id: true, regionCode: true, email: true },
  });
  if (!user) return { ok: false, reason: "unknown" };
  // Her place that outlived its edition (a place in line of an edition now over…) ends first, under that
  // edition's lock, in its own transaction: the check below then finds no place of hers in the event.
  const { eventId } = await prisma.edition.findUniqueOrThrow({ where: { id: editionId }, select: { eventId: true } });
  await endOutlivedPlaceOf(eventId, user.id, now);
  try {
    return await prisma.$transaction(async (tx) => {
      const edition = await lockEdition(tx, editionId, now);
      // Re-read under the lock: a cancelled edition, or an event closed since the preview, takes nobody.
      if (!edition || edition.status === "annullata" || edition.event.status !== "pubblicato")
        return { ok: false, reason: "refused" } as const;
      // …and where the edition's life is now, under the lock: a register closed since the preview adds nobody.
      const timing = placementTiming(edition, now);
      if (timing === "register-closed") return { ok: false, reason: "register-closed" } as const;
      // …and an account closed since the preview takes no place. A write to the person's row, so that
      // closeAccount's own write to it waits for this placement (and its sweep then releases the place)
      // or, done first, makes this one find the account closed.
      const open = await tx.user.updateMany({ where: { id: user.id, closedAt: null }, data: { updatedAt: now } });
      if (open.count !== 1) return { ok: false, reason: "unknown" } as const;
      const activeKey = activeKeyFor(edition.event.id, user.id);
      const existing = await tx.enrolment.findFirst({ where: { activeKey }, select: { id: true } });
      if (existing) return { ok: false, reason: "already-placed" } as const;
      const seatIn = request.raiseCapTo
        ? await raiseCapForOne(tx, actorId, edition, user.regionCode, request.raiseCapTo, now)
        : edition;
      const capRaised = seatIn.seatCap !== edition.seatCap;
      const { full, seated, quotaId, waitlistSeq } = await seatOrWaitlist(tx, seatIn, user.regionCode, {
        waitlist: timing === "open",
      });
      // Over and full (a cap is raised only when it gives this teacher the seat): nothing written.
      if (full) return { ok: false, reason: "ended-full" } as const;
      const status = seated ? "iscritto" : "in-attesa";
      const created = await tx.enrolment.create({
        data: {
          editionId,
          eventId: edition.event.id,
          userId: user.id,
          quotaId,
          status,
          waitlistSeq,
          activeKey,
        },
        select: { id: true },
      });
      const position = waitlistSeq === null ? null : await waitlistPositionIn(tx, editionId, quotaId, waitlistSeq);
      await recordChange(tx, {
        enrolmentId: created.id,
        userId: user.id,
        actorId,
        fromStatus: null,
        toStatus: status,
        reason,
        notify: !seated ? PLACED_WAITLIST_KIND : timing === "open" ? PLACED_SEAT_KIND : RECORDED_SEAT_KIND,
        payload: {
          eventTitle: edition.event.title,
          editionNumber: edition.number,
          ...(position === null ? {} : { position }),
        },
      });
      await tx.auditLog.create({
        data: {
          actorId,
          entityType: "edition",
          entityId: editionId,
          action: "partecipante-inserito",
          details: JSON.stringify({
            // The person by id only: the change log reads their name as it is now, and a closed account's address is
            // erased (ADR 0013), not kept here.
            userId: user.id,
            status,
            override: overridden,
            ...(timing === "after-the-fact" ? { afterTheFact: true } : {}),
            eligibility: overridden ? preview.reasons : [],
            reason,
            ...(capRaised ? { seatCap: { from: edition.seatCap, to: seatIn.seatCap } } : {}),
          }),
        },
      });
      return { ok: true, enrolmentId: created.id, status, waitlistPosition: position } as const;
    }, SEAT_TRANSACTION);
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "already-placed" };
    throw error;
  }
}

/**
 * The page: the edition and whether it is full (whoever is placed now waits, in the general pool,
 * unless the organiser raises the cap: `capRaisable`, a capped edition that is not cancelled), and
 * where it is in its life (`timing`, ADR 0098).
 */
export async function loadPlacementPage(editionId: string, now: Date = new Date()) {
  const edition = await prisma.edition.findUniqueOrThrow({
    where: { id: editionId },
    select: {
      id: true,
      number: true,
      status: true,
      seatCap: true,
      seatsTaken: true,
      endsOn: true,
      attendanceClosedAt: true,
      event: { select: { id: true, title: true, titleLanguage: true } },
    },
  });
  const quotas = await prisma.editionQuota.findMany({
    where: { editionId },
    select: { id: true, regionCode: true, seats: true, seatsTaken: true, releasedAt: true },
  });
  const full = poolsWithFreeSeats(edition, quotas)[0]!.free <= 0;
  return {
    edition,
    full,
    capRaisable: full && edition.seatCap !== null && edition.status !== "annullata",
    timing: placementTiming(edition, now),
  };
}

/** The preview of every address of an uploaded list, in its order. */
export async function previewPlacements(editionId: string, emails: readonly string[], now: Date = new Date()) {
  const rows: PlacementPreview[] = [];
  for (const email of emails) rows.push(await previewPlacement(editionId, email, now));
  return rows;
}

export type BatchRow = {
  email: string;
  outcome: "iscritto" | "in-attesa" | Extract<PlacementOutcome, { ok: false }>["reason"];
};

/**
 * Places every address of a list, one seat transaction each, in order; each row says what happened. The
 * override and its reason apply only to `notEligible`, the addresses the confirmed preview showed as not
 * eligible: one previewed as eligible whose profile changed since is refused ("not-eligible"), not placed
 * under an override the organiser never saw it needed (as the single placement binds it to its preview).
 */
export async function placeTeachers(
  scope: ManagedEdition,
  request: {
    emails: readonly string[];
    override: boolean;
    notEligible: readonly string[];
    reason: string | null;
    raiseCapTo?: number | null;
  },
  now: Date = new Date(),
): Promise<BatchRow[]> {
  const rows: BatchRow[] = [];
  const overridable = new Set(request.notEligible.map((e) => e.toLowerCase()));
  for (const email of request.emails) {
    const override = request.override && overridable.has(email.toLowerCase());
    const r = await placeTeacher(
      scope,
      { email, override, reason: request.reason, raiseCapTo: request.raiseCapTo ?? null },
      now,
    );
    rows.push({ email, outcome: r.ok ? r.status : r.reason });
  }
  return rows;
}

export const MOVED_KIND = "posizione-lista-attesa-modificata";

/** The edition's waitlist, pool by pool (the general pool first), in order. */
export async function loadWaitlist(editionId: string) {
  const rows = await prisma.enrolment.findMany({
    where: { editionId, status: "in-attesa" },
    orderBy: [{ waitlistSeq: "asc" }, { id: "asc" }],
    select: {
      id: true,
      quotaId: true,
      quota: { select: { regionCode: true } },
      user: { select: { firstName: true, lastName: true, email: true } },
    },
  });
  const pools = new Map<string | null, typeof rows>();
  for (const r of rows) pools.set(r.quotaId, [...(pools.get(r.quotaId) ?? []), r]);
  return [...pools.entries()]
    .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a.localeCompare(b)))
    .map(([quotaId, line]) => ({
      quotaId,
      /** The region a quota's seats are reserved for (its heading names it); null for the general pool. */
      regionCode: line[0]!.quota?.regionCode ?? null,
      line: line.map((r, i) => ({
        enrolmentId: r.id,
        position: i + 1,
        name: `${r.user.firstName} ${r.user.lastName}`,
        email: r.user.email,
      })),
    }));
}

export type MoveOutcome =
  { ok: true; from: number; to: number } | { ok: false; reason: "not-waiting" | "reason-required" | "same-position" };

/**
 * Moves one waitlisted person to a position of their pool's line, with the organiser's reason:
 * the line's tickets (waitlistSeq) are given out again in the new order, so the pool's counter
 * and the order freed seats follow stay consistent. Audited; the person moved is told.
 */
export async function moveInWaitlist(
  scope: ManagedEdition,
  request: { enrolmentId: string; toPosition: number; reason: string },
  now: Date = new Date(),
): Promise<MoveOutcome> {
  const { id: editionId, actorId } = scope;
  const reason = request.reason.trim();
  if (reason.length < PLACEMENT_REASON_MIN) return { ok: false, reason: "reason-required" };
  return prisma.$transaction(async (tx) => {
    const edition = await lockEdition(tx, editionId, now);
    if (!edition) return { ok: false, reason: "not-waiting" } as const;
    const moved = await tx.enrolment.findFirst({
      where: { id: request.enrolmentId, editionId, status: "in-attesa" },
      select: { id: true, userId: true, quotaId: true },
    });
    if (!moved) return { ok: false, reason: "not-waiting" } as const;
    const line = await tx.enrolment.findMany({
      where: { editionId, status: "in-attesa", quotaId: moved.quotaId },
      orderBy: [{ waitlistSeq: "asc" }, { id: "asc" }],
      select: { id: true, waitlistSeq: true },
    });
    const ids = line.map((l) => l.id);
    const order = movedInLine(ids, moved.id, request.toPosition)!;
    const from = ids.indexOf(moved.id) + 1;
    const to = order.indexOf(moved.id) + 1;
    if (from === to) return { ok: false, reason: "same-position" } as const;
    const tickets = line.map((l) => l.waitlistSeq!).sort((a, b) => a - b);
    for (const [i, id] of order.entries()) {
      if (ids[i] !== id) await tx.enrolment.update({ where: { id }, data: { waitlistSeq: tickets[i]! } });
    }
    await recordChange(tx, {
      enrolmentId: moved.id,
      userId: moved.userId,
      actorId,
      fromStatus: "in-attesa",
      toStatus: "in-attesa",
      reason,
      notify: MOVED_KIND,
      payload: { eventTitle: edition.event.title, editionNumber: edition.number, position: to, reason },
    });
    await tx.auditLog.create({
      data: {
        actorId,
        entityType: "edition",
        entityId: editionId,
        action: "lista-attesa-riordinata",
        details: JSON.stringify({
          enrolmentId: moved.id,
          userId: moved.userId,
          quotaId: moved.quotaId,
          from,
          to,
          reason,
        }),
      },
    });
    return { ok: true, from, to } as const;
  }, SEAT_TRANSACTION);
}
