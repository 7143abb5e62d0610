// Closing an account (GDPR article 17), by its owner (/profilo/chiudi) or by the national unit on
// request (/admin/utenti). What is erased, what is kept and why: docs/decisions/0013-account-closure-and-retention.md.
//
// 1. Places still to come are released through the enrolment ledger's own functions, one
//    transaction each, so seat counters, the waitlist and notifications follow the usual rules:
//    cancelByTeacher (app/models/enrolment.server.ts), and removeClosedAccountPlace with the reason
//    "Account chiuso" when the teacher's cancellation deadline has passed. Seats in editions that
//    have already ended are not "released": they carry the register and the certificate. The
//    teacher the waitlist gives the seat to is told by the ledger ("promosso" / "posto-offerto");
//    the edition's organisers (the event's owner while it may still manage the event, and its trainers)
//    get "posto-liberato", written in the erasing transaction below, saying what the waitlist did with the place.
// 2. One transaction erases or replaces the personal data: the User row stays, with a pseudonym
//    ("Account chiuso 3f9a2c") and an address that cannot receive mail (closedAddress), so
//    registers keep the hours and certificates keep their snapshot (Certificate.holderName, as
//    issued); password, sessions, tokens, linked digital identities and the codice fiscale, roles and the events'
//    trainer assignments, notifications,
//    the organiser's letterhead (signature image and signatory), external training (and its files, after commit),
//    application texts and the personal details in the account's audit entries are deleted.
//    The last message goes to the old address ("account-chiuso", address cleared once sent).
//    The organiser's messages they wrote to participants lose their name and address (the
//    payload's "sender", ADR 0076): those still queued leave without it and without Reply-To.
//    Region, school level and role stay on the row for the dashboard; of their history only what
//    attributes a kept place stays (keepOnlyAttributingPeriods, ADR 0093).
// The last open account with the national-unit role is not closed (isLastNationalUnit): nobody
// would be left to grant roles. A member's closure first gives up the role, in its own transaction
// under the role rows' lock (leaveNationalUnitToClose), before any place is released: of two
// members closing at once, one is refused with all its places, the other goes on without the role.
import crypto from "node:crypto";
import { ACTIVE_STATUSES, SEAT_HOLDING_STATUSES, trainingOver } from "~/domain/enrolment.ts";
import type { FreedSeatOutcome } from "~/domain/notification-kinds.ts";
import { ACCOUNT_IN_OFFICE, stillManagesEvent } from "~/domain/permissions.ts";
import { prisma } from "~/utils/db.server.ts";
import { fileStore } from "~/utils/file-store.server.ts";
import { SENDER_KINDS } from "~/domain/notification-kinds.ts";
import { writeAudit, type Tx } from "./audit.server.ts";
import { withdrawApplication } from "./application.server.ts";
import { isLastNationalUnitLocked, leaveNationalUnitToClose, unassignFromAllEvents } from "./roles.server.ts";
import { cancelByTeacher, removeClosedAccountPlace } from "./enrolment.server.ts";
import { writeNotification, writeNotifications, type NotificationInput } from "./notification-writer.server.ts";
import { certificateKey } from "./training-plan.server.ts";
import { CLOSED_ACCOUNT_NAME, CLOSED_REASON } from "~/domain/stored-reasons.ts";

/** The pseudonym a closed account keeps in registers and lists. */
export function pseudonymOf(userId: string) {
  return { firstName: CLOSED_ACCOUNT_NAME, lastName: userId.slice(-6) };
}

/**
 * The address a closed account is given: chiuso-<id>@forma.invalid, in the reserved domain no mailbox
 * has and no form accepts (isReservedAddress). Should an account hold that very address (taken before
 * sign-up refused the domain), a random tail makes another: the closure never fails on the column's
 * uniqueness, which would leave the person's erasure blocked by whoever registered it.
 */
async function closedAddress(tx: Pick<Tx, "user">, userId: string): Promise<string> {
  const address = `chiuso-${userId}@forma.invalid`;
  const holder = await tx.user.findUnique({ where: { email: address }, select: { id: true } });
  if (!holder || holder.id === userId) return address;
  return `chiuso-${userId}-${crypto.randomBytes(6).toString("hex")}@forma.invalid`;
}

/** The active places closing the account would release (editions not yet ended, or a place in line). */
export async function placesToRelease(userId: string, now: Date = new Date(), db: Pick<Tx, "enrolment"> = prisma) {
  return db.enrolment.findMany({
    where: {
      userId,
      status: { in: [...ACTIVE_STATUSES] },
      OR: [{ status: { not: "iscritto" } }, { edition: { endsOn: { gt: now } } }],
    },
    select: { id: true, status: true, editionId: true },
  });
}

/**
 * The profile history a closed account keeps (ADR 0093): the User row keeps region, school level and
 * role (the dashboard counts its places, under the pseudonym), and of its past states only those some
 * place was made under, each ending just after the last such place. Every place keeps the profile the
 * dashboard counts it under, and the history says nothing the kept places do not already date: when
 * the person changed profile between two places, and states no place was made in, are erased.
 */
export async function keepOnlyAttributingPeriods(tx: Pick<Tx, "userProfilePeriod" | "enrolment">, userId: string) {
  const periods = await tx.userProfilePeriod.findMany({ where: { userId }, orderBy: { validUntil: "asc" } });
  let since: Date | null = null;
  for (const period of periods) {
    const last = await tx.enrolment.findFirst({
      where: { userId, createdAt: { ...(since ? { gte: since } : {}), lt: period.validUntil } },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    });
    since = period.validUntil;
    if (!last) await tx.userProfilePeriod.delete({ where: { id: period.id } });
    else {
      await tx.userProfilePeriod.update({
        where: { id: period.id },
        data: { validUntil: new Date(last.createdAt.getTime() + 1) },
      });
    }
  }
}

/** A place was given to the account while its places were being released: release again, then close. */
class PlaceTakenMeanwhile extends Error {}

/**
 * The account holds the national-unit role again (granted after leaveNationalUnitToClose) and no
 * other open account does: refused, nothing erased (the places already released stay released).
 */
class LastNationalUnit extends Error {}

/**
 * What is shown before an account is closed, on the national unit's panel (on the person's request) and on the
 * person's own /profilo/chiudi: who, how many active places closing it releases, the roles it revokes and how many
 * events lose this trainer; null for an unknown or already closed account.
 */
export async function closureSummary(userId: string, now: Date = new Date()) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      email: true,
      closedAt: true,
      // What closing takes away besides the places: the roles, and the events left without this trainer.
      roles: { orderBy: [{ role: "asc" }, { regionCode: "asc" }], select: { role: true, regionCode: true } },
      _count: { select: { trainerOf: true } },
    },
  });
  if (!user || user.closedAt) return null;
  const places = (await placesToRelease(userId, now)).length;
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    places,
    roles: user.roles,
    trainerEvents: user._count.trainerOf,
  };
}

type FreedPlace = { enrolmentId: string; editionId: string; nextInLine: FreedSeatOutcome | null };

/**
 * The first in line of each of the edition's waiting lines (the general pool and each regional quota: each
 * counts its own waitlistSeq), whoever the freed seat can go to.
 */
async function firstInLine(editionId: string) {
  const quotas = await prisma.editionQuota.findMany({ where: { editionId }, select: { id: true } });
  const firsts = await Promise.all(
    [null, ...quotas.map((q) => q.id)].map((quotaId) =>
      prisma.enrolment.findFirst({
        where: { editionId, quotaId, status: "in-attesa" },
        orderBy: { waitlistSeq: "asc" },
        select: { id: true },
      }),
    ),
  );
  return firsts.flatMap((row) => (row ? [row.id] : []));
}

/**
 * What the waitlist did with a freed seat: the first of a line that now holds it or is offered it; null when
 * nobody was waiting. People waiting and nobody given the seat: why, as fillFreeSeats decides it (the event is
 * closed, ADR 0084; the training is over, fillDecision), or "non-assegnato" (those waiting are in another
 * pool's line, or the edition still holds more seats than its cap).
 */
async function nextInLineAfter(editionId: string, waiting: string[], now: Date): Promise<FreedPlace["nextInLine"]> {
  if (waiting.length === 0) return null;
  const moved = await prisma.enrolment.findMany({
    where: { id: { in: waiting }, status: { in: [...SEAT_HOLDING_STATUSES] } },
    select: { status: true },
  });
  if (moved.some((m) => m.status === "iscritto")) return "promosso";
  if (moved.length > 0) return "offerta";
  const edition = await prisma.edition.findUniqueOrThrow({
    where: { id: editionId },
    select: { event: { select: { status: true } } },
  });
  if (edition.event.status !== "pubblicato") return "evento-chiuso";
  const last = await prisma.trainingSession.aggregate({ where: { editionId }, _max: { endsAt: true } });
  return trainingOver(now, last._max.endsAt ?? null) ? "formazione-conclusa" : "non-assegnato";
}

/**
 * The people told that a place of the edition was freed: the event's owner while they may still manage it
 * (stillManagesEvent: not after their role was revoked or moved to another region), and its trainers (assigned
 * to the event now); open accounts only.
 */
async function organisersOf(editionId: string, closingUserId: string) {
  const edition = await prisma.edition.findUniqueOrThrow({
    where: { id: editionId },
    select: {
      number: true,
      event: {
        select: {
          title: true,
          level: true,
          regionCode: true,
          createdBy: { select: ACCOUNT_IN_OFFICE },
          trainers: { select: { user: { select: { id: true, closedAt: true } } } },
        },
      },
    },
  });
  const people = new Map<string, string>();
  const owner = edition.event.createdBy;
  if (stillManagesEvent(owner, edition.event)) people.set(owner.id, `/gestione/edizioni/${editionId}`);
  for (const { user } of edition.event.trainers) {
    if (!user.closedAt && !people.has(user.id)) people.set(user.id, `/formazione/edizioni/${editionId}`);
  }
  people.delete(closingUserId);
  return { eventTitle: edition.event.title, editionNumber: edition.number, people };
}

/**
 * Removes the closing organiser's name and address from the messages they wrote to participants
 * (sent or still queued): a queued one then leaves without naming them and without Reply-To.
 */
export async function eraseSender(tx: Tx, userId: string): Promise<number> {
  const rows = await tx.notification.findMany({
    where: { kind: { in: [...SENDER_KINDS] }, payload: { contains: userId } },
    select: { id: true, payload: true },
  });
  let erased = 0;
  for (const row of rows) {
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload);
    } catch {
      continue;
    }
    if (!payload || typeof payload !== "object") continue;
    const { sender, ...rest } = payload as Record<string, unknown>;
    if (!sender || typeof sender !== "object" || (sender as { id?: unknown }).id !== userId) continue;
    await tx.notification.update({
      where: { id: row.id },
      data: { payload: JSON.stringify(rest) },
      select: { id: true },
    });
    erased += 1;
  }
  return erased;
}

export type ClosureOutcome =
  | { ok: true; releasedPlaces: number }
  | { ok: false; reason: "not-found" | "already-closed" }
  /** The only open national-unit account (isLastNationalUnit): nothing was closed. */
  | { ok: false; reason: "last-national-unit" };

export async function closeAccount(userId: string, actorId: string, now: Date = new Date()): Promise<ClosureOutcome> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { closedAt: true } });
  if (!user) return { ok: false, reason: "not-found" };
  if (user.closedAt) return { ok: false, reason: "already-closed" };
  // Before any place is released, under the role rows' lock. Should the closure fail after this, the
  // account stays open without the national-unit role (not given back: ADR 0013, addendum of 06/12/2026).
  if (!(await leaveNationalUnitToClose(userId, actorId))) return { ok: false, reason: "last-national-unit" };

  let released = 0;
  const freed: FreedPlace[] = [];
  /** The places already tried (one that cannot be released, e.g. behind a certificate, is kept as before). */
  const tried = new Set<string>();
  // An organiser may place the person (placement.server.ts) while their places are released: the
  // closing transaction below writes the person's row first, the lock a placement takes too, and
  // then looks again; a place taken meanwhile sends the closure back to release it (a few rounds).
  for (let round = 0; ; round++) {
    for (const place of await placesToRelease(userId, now)) {
      if (tried.has(place.id)) continue;
      tried.add(place.id);
      const holdsSeat = (SEAT_HOLDING_STATUSES as readonly string[]).includes(place.status);
      const waiting = holdsSeat ? await firstInLine(place.editionId) : [];
      // An application under review is withdrawn (cancelling applies to places only); whatever the
      // teacher can no longer end themselves (a seat past its cut-off, or where the register records
      // them present; a selection closed) is removed.
      let outcome: { ok: boolean; reason?: string } =
        place.status === "candidato"
          ? await withdrawApplication(userId, place.id, now)
          : await cancelByTeacher(userId, place.id, now);
      if (
        !outcome.ok &&
        (outcome.reason === "deadline-passed" ||
          outcome.reason === "recorded-present" ||
          outcome.reason === "not-allowed")
      ) {
        outcome = await removeClosedAccountPlace(actorId, userId, place.id, CLOSED_REASON, now);
      }
      if (!outcome.ok) continue;
      released += 1;
      if (holdsSeat) {
        freed.push({
          enrolmentId: place.id,
          editionId: place.editionId,
          nextInLine: await nextInLineAfter(place.editionId, waiting, now),
        });
      }
    }
    const organiserNotes: NotificationInput[] = [];
    for (const place of freed) {
      const { people, eventTitle, editionNumber } = await organisersOf(place.editionId, userId);
      for (const [organiserId, editionPath] of people) {
        organiserNotes.push({
          kind: "posto-liberato",
          userId: organiserId,
          freedEnrolmentId: place.enrolmentId,
          payload: {
            eventTitle,
            editionNumber,
            editionPath,
            ...(place.nextInLine ? { nextInLine: place.nextInLine } : {}),
          },
        });
      }
    }

    let trainings;
    try {
      trainings = await prisma.$transaction(async (tx) => {
        const before = await tx.user.findUniqueOrThrow({
          where: { id: userId },
          select: { email: true, closedAt: true },
        });
        if (before.closedAt) return null;
        await tx.user.update({ where: { id: userId }, data: { updatedAt: now }, select: { id: true } });
        if (await isLastNationalUnitLocked(tx, userId)) throw new LastNationalUnit();
        if ((await placesToRelease(userId, now, tx)).some((p) => !tried.has(p.id))) throw new PlaceTakenMeanwhile();
        const files = await tx.externalTraining.findMany({
          where: { userId, certificateMimeType: { not: null } },
          select: { id: true },
        });
        await tx.user.update({
          where: { id: userId },
          data: {
            ...pseudonymOf(userId),
            email: await closedAddress(tx, userId),
            schoolName: null,
            schoolCode: null,
            calendarToken: null,
            emailReminders: false,
            trainingTargetMinutes: null,
            trainerProfile: null,
            emailVerifiedAt: null,
            // When it was warned it would be deleted unconfirmed (ADR 0086): a date about the person, gone too.
            deletionWarnedAt: null,
            emailRefusedAt: null,
            emailRefusal: null,
            // The codice fiscale identifies the person outright, and would keep them from a new account.
            fiscalCode: null,
            closedAt: now,
          },
        });
        await tx.password.deleteMany({ where: { userId } });
        await tx.userSession.deleteMany({ where: { userId } });
        await tx.accountToken.deleteMany({ where: { userId } });
        // The linked SPID/CIE identities: left in place, they would sign the closed account in again.
        await tx.userIdentity.deleteMany({ where: { userId } });
        await tx.userRole.deleteMany({ where: { userId } });
        // Off the events they were a trainer of, as revoking the role does (revokeRole): the assignment stayed, and
        // "Account chiuso 3f9a2c" was the trainer on the organiser's page and the register to be signed.
        // Each event's change log says so (the pseudonym: the closure erases the name).
        const pseudonym = pseudonymOf(userId);
        const unassigned = await unassignFromAllEvents(tx, userId, actorId, {
          name: `${pseudonym.firstName} ${pseudonym.lastName}`,
          cause: "account-closed",
        });
        await tx.externalTraining.deleteMany({ where: { userId } });
        // The organiser's letterhead: a signatory's name and a handwritten signature (bytes in the row, no stored file).
        await tx.organiserLetterhead.deleteMany({ where: { userId } });
        await tx.catalogueAlert.deleteMany({ where: { userId } });
        await tx.notification.deleteMany({ where: { userId } });
        await eraseSender(tx, userId);
        await tx.enrolment.updateMany({ where: { userId }, data: { motivation: null, answers: "{}" } });
        await keepOnlyAttributingPeriods(tx, userId);
        // The account's own audit entries may name its addresses: keep who did what and when, not the details.
        await tx.auditLog.updateMany({ where: { entityType: "user", entityId: userId }, data: { details: "{}" } });
        await writeAudit(tx, {
          actorId,
          entityType: "user",
          entityId: userId,
          action: "account-chiuso",
          details: {
            byOwner: actorId === userId,
            releasedPlaces: released,
            ...(unassigned ? { unassignedEvents: unassigned } : {}),
          },
        });
        // The organisers hear of the freed places with the closure itself (no name: it is erased).
        await writeNotifications(tx, organiserNotes);
        await writeNotification(tx, { kind: "account-chiuso", userId, payload: { to: before.email } });
        return files;
      });
    } catch (error) {
      if (error instanceof PlaceTakenMeanwhile && round < 3) continue;
      // The places released before are not taken back (a role granted to the account meanwhile, rare).
      if (error instanceof LastNationalUnit) return { ok: false, reason: "last-national-unit" };
      throw error;
    }
    if (!trainings) return { ok: false, reason: "already-closed" };
    // Files go once the rows are gone (a failed delete leaves an orphan file for the retention job, not a broken row).
    await fileStore().delete(trainings.map((t) => certificateKey(t.id)));
    return { ok: true, releasedPlaces: released };
  }
}
