// The organiser moves many confirmed participants of an edition to another edition of the same event
// in one action (ADR 0085), e.g. when edition 1 is full or about to be cancelled and edition 2 opened:
// - the page (/gestione/edizioni/:id/sposta) lists the confirmed participants ("iscritto") in
//   enrolment order and the editions they may go to (moveTargets: active, first come, not over, no
//   certificates issued);
// - the preview (no write) says who the target's free seats take, in that order, and who stays and
//   why (planBulkMove);
// - the confirmation moves each person in turn through moveToEdition, the single move's own
//   transaction holding both editions' locks: the same rules for each (target status, seat in their
//   pool, never the waitlist here, quotas, closed accounts, certificates, the target's training over),
//   one email and one audit line per edition each, atomic per person. A teacher enrolling in the target
//   meanwhile takes a seat under the same lock, so nobody is seated past its cap: whoever no longer
//   fits stays where they were, and the summary says so;
// - then one audit row "spostamento-multiplo" on the source edition holds the outcome of each person:
//   the summary page reads it back (?esito=<id>), so a reload shows it again and changes nothing.
import { planBulkMove, summariseBulkMove, type BulkPlanOutcome } from "~/domain/bulk-move.ts";
import { prisma } from "~/utils/db.server.ts";
import type { ManagedEdition } from "./edition-scope.server.ts";
import { loadQuotas, moveTargets, moveToEdition, type MoveToEditionRefusal } from "./seat-ledger.server.ts";

export const BULK_MOVE_AUDIT_ACTION = "spostamento-multiplo";

/**
 * A person's outcome: moved (to a seat), or why they stayed. "stays-as-previewed": the confirmed preview said they
 * would stay (a seat freed in the target since does not move them); "beyond-preview": the preview's count of people
 * moved was reached before them.
 */
export type BulkMoveOutcome = "moved" | MoveToEditionRefusal | "stays-as-previewed" | "beyond-preview";

/** The edition's confirmed participants (all, or those of `ids`), in enrolment order. */
function confirmedInOrder(editionId: string, ids?: readonly string[]) {
  return prisma.enrolment.findMany({
    where: { editionId, status: "iscritto", ...(ids ? { id: { in: [...ids] } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      createdAt: true,
      user: {
        select: { id: true, firstName: true, lastName: true, email: true, regionCode: true, closedAt: true },
      },
      certificates: { where: { revokedAt: null }, select: { id: true }, take: 1 },
    },
  });
}

type Confirmed = Awaited<ReturnType<typeof confirmedInOrder>>[number];

const personOf = (p: Confirmed) => ({
  enrolmentId: p.id,
  firstName: p.user.firstName,
  lastName: p.user.lastName,
  email: p.user.email,
  enrolledAt: p.createdAt,
});

/** The page: the confirmed participants in enrolment order and the editions they may go to. */
export async function loadBulkMovePage(editionId: string, now: Date = new Date()) {
  const [edition, people, targets] = await Promise.all([
    prisma.edition.findUniqueOrThrow({
      where: { id: editionId },
      select: {
        id: true,
        number: true,
        status: true,
        event: { select: { id: true, title: true, titleLanguage: true } },
      },
    }),
    confirmedInOrder(editionId),
    moveTargets(editionId, now),
  ]);
  return {
    edition,
    people: people.map((p) => ({ ...personOf(p), certified: p.certificates.length > 0, closed: !!p.user.closedAt })),
    targets,
  };
}

/**
 * What the confirmation would do now, writing nothing: for each of `enrolmentIds` still confirmed
 * here, in enrolment order, a seat in the target or why they stay. Null when the target is not one
 * the page offers (another event's edition, cancelled, closed, over…).
 */
export async function previewBulkMove(
  editionId: string,
  targetEditionId: string,
  enrolmentIds: readonly string[],
  now: Date = new Date(),
) {
  const target = (await moveTargets(editionId, now)).find((t) => t.id === targetEditionId);
  if (!target) return null;
  const [people, quotas] = await Promise.all([
    confirmedInOrder(editionId, enrolmentIds),
    loadQuotas(prisma, target.id),
  ]);
  const placed = new Set(
    (
      await prisma.enrolment.findMany({
        where: { editionId: target.id, userId: { in: people.map((p) => p.user.id) }, activeKey: { not: null } },
        select: { userId: true },
      })
    ).map((e) => e.userId),
  );
  const plan = planBulkMove(
    target,
    quotas,
    people.map((p) => ({
      enrolmentId: p.id,
      regionCode: p.user.regionCode,
      accountClosed: p.user.closedAt !== null,
      certified: p.certificates.length > 0,
      placedInTarget: placed.has(p.user.id),
    })),
  );
  const rows = people.map((p, i) => ({ ...personOf(p), outcome: plan[i]!.outcome as BulkPlanOutcome }));
  return {
    target,
    rows,
    fits: rows.filter((r) => r.outcome === "fits").length,
    // Ticked people no longer confirmed here (moved, cancelled since the page was shown).
    gone: enrolmentIds.length - people.length,
  };
}

export type BulkMoveRow = { enrolmentId: string; userId: string | null; outcome: BulkMoveOutcome };

/**
 * Moves each of `enrolmentIds` still confirmed in the scope's edition to the target, one after the
 * other in enrolment order, each through moveToEdition (its own transaction, both editions locked,
 * no waitlist: a person whose pool of the target is full stays where they are). The page's confirmation
 * also sends what its preview said: `move`, the people it said would be moved (the others are reported as
 * "stays-as-previewed" and not tried, though a seat may have been freed since), and `expected`, how many
 * (never more are moved: the rest are "beyond-preview"). Ids not confirmed here (any more) are reported and
 * left alone. Writes the summary's audit row; returns its id and the
 * outcome of each person, or null (nothing written) when the target is not another edition of the same event.
 */
export async function moveManyToEdition(
  scope: ManagedEdition,
  request: {
    targetEditionId: string;
    enrolmentIds: readonly string[];
    reason: string | null;
    move?: readonly string[];
    expected?: number;
  },
  now: Date = new Date(),
): Promise<{ auditId: string; rows: BulkMoveRow[] } | null> {
  // A target that is no other edition of this event (a crafted or stale form) moves nobody and writes no summary,
  // which would name that edition's number as where people were moved: null, as the preview answers it.
  const target = await prisma.edition.findFirst({
    where: { id: request.targetEditionId, eventId: scope.event.id, NOT: { id: scope.id } },
    select: { id: true },
  });
  if (!target) return null;
  const reason = request.reason?.trim() || null;
  const ids = [...new Set(request.enrolmentIds)];
  const people = await confirmedInOrder(scope.id, ids);
  const rows: BulkMoveRow[] = [];
  const previewedToMove = request.move ? new Set(request.move) : null;
  let moved = 0;
  for (const p of people) {
    if (previewedToMove && !previewedToMove.has(p.id)) {
      rows.push({ enrolmentId: p.id, userId: p.user.id, outcome: "stays-as-previewed" });
      continue;
    }
    if (request.expected !== undefined && moved >= request.expected) {
      rows.push({ enrolmentId: p.id, userId: p.user.id, outcome: "beyond-preview" });
      continue;
    }
    const r = await moveToEdition(
      scope,
      { enrolmentId: p.id, targetEditionId: request.targetEditionId, waitlist: false, reason },
      now,
    );
    if (r.ok) moved += 1;
    rows.push({ enrolmentId: p.id, userId: p.user.id, outcome: r.ok ? "moved" : r.reason });
  }
  const confirmed = new Set(people.map((p) => p.id));
  const others = ids.filter((id) => !confirmed.has(id));
  if (others.length > 0) {
    // Of this edition but no longer confirmed: "wrong-state"; not of this edition at all: "not-found".
    const here = await prisma.enrolment.findMany({
      where: { editionId: scope.id, id: { in: others } },
      select: { id: true, userId: true },
    });
    const userOf = new Map(here.map((e) => [e.id, e.userId]));
    for (const id of others)
      rows.push({
        enrolmentId: id,
        userId: userOf.get(id) ?? null,
        outcome: userOf.has(id) ? "wrong-state" : "not-found",
      });
  }
  const summary = summariseBulkMove(rows);
  const audit = await prisma.auditLog.create({
    data: {
      actorId: scope.actorId,
      entityType: "edition",
      entityId: scope.id,
      action: BULK_MOVE_AUDIT_ACTION,
      details: JSON.stringify({
        toEditionId: request.targetEditionId,
        reason,
        moved: summary.moved,
        notMoved: summary.notMoved,
        rows,
      }),
    },
    select: { id: true },
  });
  return { auditId: audit.id, rows };
}

/**
 * The summary page of a bulk move of this edition (the audit row moveManyToEdition wrote): when, to
 * which edition, how many were moved and why the others stayed, with each person's name. Null when
 * the id names no bulk move of this edition.
 */
export async function loadBulkMoveOutcome(editionId: string, auditId: string) {
  const row = await prisma.auditLog.findFirst({
    where: { id: auditId, entityType: "edition", entityId: editionId, action: BULK_MOVE_AUDIT_ACTION },
    select: { at: true, details: true },
  });
  if (!row) return null;
  const details = JSON.parse(row.details) as { toEditionId: string; reason: string | null; rows: BulkMoveRow[] };
  const [target, places] = await Promise.all([
    prisma.edition.findUnique({ where: { id: details.toEditionId }, select: { number: true } }),
    // Only this edition's places (a moved place stays here, ended): an id of another edition, which the
    // move refused as "not-found", must not show whose place it is.
    prisma.enrolment.findMany({
      where: { editionId, id: { in: details.rows.map((r) => r.enrolmentId) } },
      select: { id: true, user: { select: { firstName: true, lastName: true, email: true } } },
    }),
  ]);
  const personOfPlace = new Map(places.map((p) => [p.id, p.user]));
  const rows = details.rows.map((r) => {
    const user = personOfPlace.get(r.enrolmentId);
    return {
      enrolmentId: r.enrolmentId,
      // Name parts, not a string: the page says a closed account's pseudonym in its language (listedName).
      name: user ? { firstName: user.firstName, lastName: user.lastName } : null,
      email: user?.email ?? null,
      outcome: r.outcome,
    };
  });
  return {
    at: row.at,
    toEditionNumber: target?.number ?? null,
    reason: details.reason,
    rows,
    summary: summariseBulkMove(rows),
  };
}
