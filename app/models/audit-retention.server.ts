// Retention of the audit log (ADR 0092): RETENTION_AUDIT_DAYS unset keeps every AuditLog row, as
// before (the data controller decides how long); set, the retention job deletes rows older than that
// many days, except those the product still reads for something that is not over:
//   - an edition's rows (its change log, the summary of a bulk move, placements, waitlist reorders,
//     selections) and its places' rows ("enrolment") until that many days after the edition's end;
//   - an event's rows until that many days after the event's end (kept while it has no end date; an event whose
//     every edition was cancelled has none of its own, deriveEventDates: its editions' last day);
//   - the role grants and revocations of a person who holds a role today (the users page answers
//     "who made her a referent?" for a role in force).
// Rows of an edition, event or person that no longer exists follow the plain rule.
// Bounded batches: each pass reads at most AUDIT_BATCH old rows after the previous pass's last one
// (by time and id, so kept rows are not read again) and deletes those not kept with one statement
// naming their ids and the cutoff; instances running it at once only race to delete the same rows.
import { prisma } from "~/utils/db.server.ts";

const DAY_MS = 86_400_000;
export const AUDIT_BATCH = 500;
/** At most this many passes per run (AUDIT_BATCH × this rows read); the next run goes on from the oldest. */
export const AUDIT_MAX_PASSES = 200;

type Candidate = { id: string; at: Date; entityType: string; entityId: string; action: string };

/** The candidates to keep: those whose subject still needs them (see the top of this file). */
async function keptOf(batch: Candidate[], cutoff: Date): Promise<Set<string>> {
  const idsOf = (type: string) => [...new Set(batch.filter((r) => r.entityType === type).map((r) => r.entityId))];
  const enrolmentIds = idsOf("enrolment");
  const roleUserIds = [
    ...new Set(
      batch
        .filter((r) => r.entityType === "user" && (r.action === "role.grant" || r.action === "role.revoke"))
        .map((r) => r.entityId),
    ),
  ];
  const [places, roleHolders, events] = await Promise.all([
    enrolmentIds.length
      ? prisma.enrolment.findMany({ where: { id: { in: enrolmentIds } }, select: { id: true, editionId: true } })
      : [],
    roleUserIds.length
      ? prisma.userRole.findMany({ where: { userId: { in: roleUserIds } }, select: { userId: true } })
      : [],
    idsOf("event").length
      ? prisma.event.findMany({
          where: { id: { in: idsOf("event") } },
          // An event whose every edition was cancelled has no end of its own (deriveEventDates): its editions' last day.
          select: { id: true, endsAt: true, editions: { select: { endsOn: true } } },
        })
      : [],
  ]);
  const editionOfPlace = new Map(places.map((p) => [p.id, p.editionId]));
  const editionIds = [...new Set([...idsOf("edition"), ...places.map((p) => p.editionId)])];
  const editions = editionIds.length
    ? await prisma.edition.findMany({ where: { id: { in: editionIds } }, select: { id: true, endsOn: true } })
    : [];
  const liveEditions = new Set(editions.filter((e) => e.endsOn >= cutoff).map((e) => e.id));
  const endOf = (e: (typeof events)[number]) =>
    e.endsAt ?? (e.editions.length ? new Date(Math.max(...e.editions.map((ed) => ed.endsOn.getTime()))) : null);
  const liveEvents = new Set(
    events
      .map((e) => ({ id: e.id, end: endOf(e) }))
      .filter((e) => e.end === null || e.end >= cutoff)
      .map((e) => e.id),
  );
  const holders = new Set(roleHolders.map((r) => r.userId));
  const kept = new Set<string>();
  for (const row of batch) {
    const keep =
      (row.entityType === "edition" && liveEditions.has(row.entityId)) ||
      (row.entityType === "enrolment" && liveEditions.has(editionOfPlace.get(row.entityId) ?? "")) ||
      (row.entityType === "event" && liveEvents.has(row.entityId)) ||
      (row.entityType === "user" &&
        (row.action === "role.grant" || row.action === "role.revoke") &&
        holders.has(row.entityId));
    if (keep) kept.add(row.id);
  }
  return kept;
}

/** Deletes the audit rows older than `days` that nothing still needs; returns how many. */
export async function purgeAuditLog(now: Date, days: number | null): Promise<number> {
  if (days === null) return 0;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  let deleted = 0;
  let after: { at: Date; id: string } | null = null;
  for (let pass = 0; pass < AUDIT_MAX_PASSES; pass++) {
    const batch: Candidate[] = await prisma.auditLog.findMany({
      where: {
        at: { lt: cutoff },
        ...(after ? { OR: [{ at: { gt: after.at } }, { at: after.at, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      take: AUDIT_BATCH,
      select: { id: true, at: true, entityType: true, entityId: true, action: true },
    });
    if (batch.length === 0) break;
    const kept = await keptOf(batch, cutoff);
    const gone = batch.filter((r) => !kept.has(r.id)).map((r) => r.id);
    if (gone.length) {
      const result = await prisma.auditLog.deleteMany({ where: { id: { in: gone }, at: { lt: cutoff } } });
      deleted += result.count;
    }
    const last = batch[batch.length - 1]!;
    after = { at: last.at, id: last.id };
    if (batch.length < AUDIT_BATCH) break;
  }
  return deleted;
}
