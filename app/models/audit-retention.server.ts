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
// Bounded batches: each pass reads at most AUDIT_BATCH old rows that nothing keeps, after the previous
// pass's last one (by time and id), and deletes them with one statement naming their ids and the cutoff;
// instances running it at once only race to delete the same rows. The rule is in the read itself (one
// statement, the same text on both engines): rows it keeps are passed over in the database, so however
// many of them are older than the rows to delete (a long edition's place changes, a national scale's
// running editions), a run reaches the others. Before, the batches carried kept rows too, and a run that
// met more than AUDIT_BATCH × AUDIT_MAX_PASSES of them before any other stopped there, every run.
import { prisma } from "~/utils/db.server.ts";
import { sqlDate, sqlRead, toDate } from "~/utils/sql.server.ts";

const DAY_MS = 86_400_000;
export const AUDIT_BATCH = 500;
/** At most this many passes per run (AUDIT_BATCH rows deleted at most in each); the next run goes on. */
export const AUDIT_MAX_PASSES = 200;

/**
 * The audit rows older than the cutoff ($1) that nothing keeps, after ($2, $3) in (at, id) order; $4 rows.
 * Kept (see the top of this file): an edition's rows while it ended on or after the cutoff, its places' rows
 * likewise, an event's rows while its end (its own, else its editions' last day) is on or after the cutoff or
 * unknown, the role grants and revocations of a person who holds a role today.
 */
const DELETABLE_AFTER = `SELECT a."id", a."at" FROM "AuditLog" a
  WHERE a."at" < $1 AND (a."at" > $2 OR (a."at" = $2 AND a."id" > $3))
    AND NOT (
      (a."entityType" = 'edition' AND EXISTS (
        SELECT 1 FROM "Edition" ed WHERE ed."id" = a."entityId" AND ed."endsOn" >= $1))
      OR (a."entityType" = 'enrolment' AND EXISTS (
        SELECT 1 FROM "Enrolment" en JOIN "Edition" ed ON ed."id" = en."editionId"
        WHERE en."id" = a."entityId" AND ed."endsOn" >= $1))
      OR (a."entityType" = 'event' AND EXISTS (
        SELECT 1 FROM "Event" ev WHERE ev."id" = a."entityId" AND (ev."endsAt" >= $1 OR (ev."endsAt" IS NULL AND (
          NOT EXISTS (SELECT 1 FROM "Edition" ed WHERE ed."eventId" = ev."id")
          OR EXISTS (SELECT 1 FROM "Edition" ed WHERE ed."eventId" = ev."id" AND ed."endsOn" >= $1))))))
      OR (a."entityType" = 'user' AND a."action" IN ('role.grant', 'role.revoke') AND EXISTS (
        SELECT 1 FROM "UserRole" r WHERE r."userId" = a."entityId"))
    )
  ORDER BY a."at", a."id"
  LIMIT $4`;

/** Deletes the audit rows older than `days` that nothing still needs; returns how many. */
export async function purgeAuditLog(
  now: Date,
  days: number | null,
  limits: { batch: number; maxPasses: number } = { batch: AUDIT_BATCH, maxPasses: AUDIT_MAX_PASSES },
): Promise<number> {
  if (days === null) return 0;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  let deleted = 0;
  // Before every row: the epoch and the empty id.
  let after = { at: new Date(0), id: "" };
  for (let pass = 0; pass < limits.maxPasses; pass++) {
    const batch = await sqlRead<{ id: string; at: Date | string }>(
      DELETABLE_AFTER,
      sqlDate(cutoff),
      sqlDate(after.at),
      after.id,
      limits.batch,
    );
    if (batch.length === 0) break;
    const result = await prisma.auditLog.deleteMany({
      where: { id: { in: batch.map((r) => r.id) }, at: { lt: cutoff } },
    });
    deleted += result.count;
    const last = batch[batch.length - 1]!;
    after = { at: toDate(last.at), id: last.id };
    if (batch.length < limits.batch) break;
  }
  return deleted;
}
