// Retention (ADR 0013): deletes what has outlived its purpose. Every statement is a plain
// conditional delete, so several instances running it at once only race to delete the same rows.
import { prisma } from "~/utils/db.server.ts";
import { getEnv, type Env } from "~/utils/env.server.ts";
import { sweepOrphanedFiles } from "~/utils/file-store.server.ts";
import { logger } from "~/utils/logger.server.ts";
import { TOKEN_KINDS } from "~/domain/notification-kinds.ts";
import { makerOfUnconfirmed } from "./account-maker.server.ts";
import { warnBeforeDeletion } from "./account-tokens.server.ts";
import { purgeAuditLog } from "./audit-retention.server.ts";
import { CANCELLED_KEPT_DAYS } from "./calendar-feeds.server.ts";

const DAY_MS = 86_400_000;

export type RetentionSettings = {
  tokenDays: number;
  notificationDays: number;
  unconfirmedDays: number;
  /**
   * How many days before its deletion a never-confirmed account is warned by email (ADR 0086); never more than
   * unconfirmedDays. An account is deleted only once this many days have passed since its warning.
   */
  unconfirmedWarningDays: number;
  /** CancelledSession tombstones, by cancelledAt; never less than CANCELLED_KEPT_DAYS (the feeds list them that long). */
  cancelledSessionDays: number;
  /** AuditLog rows (ADR 0092); null: kept, the data controller has set no period (RETENTION_AUDIT_DAYS unset). */
  auditDays: number | null;
};

/**
 * Defaults from ADR 0013 and 0086 (app/utils/env.server.ts), overridable by RETENTION_TOKEN_DAYS,
 * RETENTION_NOTIFICATION_DAYS, RETENTION_UNCONFIRMED_DAYS, RETENTION_UNCONFIRMED_WARNING_DAYS,
 * RETENTION_CANCELLED_SESSION_DAYS and (no default) RETENTION_AUDIT_DAYS.
 */
export function retentionSettings(env: Env = getEnv()): RetentionSettings {
  return {
    tokenDays: env.RETENTION_TOKEN_DAYS,
    notificationDays: env.RETENTION_NOTIFICATION_DAYS,
    unconfirmedDays: env.RETENTION_UNCONFIRMED_DAYS,
    unconfirmedWarningDays: Math.min(env.RETENTION_UNCONFIRMED_WARNING_DAYS, env.RETENTION_UNCONFIRMED_DAYS),
    cancelledSessionDays: Math.max(env.RETENTION_CANCELLED_SESSION_DAYS, CANCELLED_KEPT_DAYS),
    auditDays: env.RETENTION_AUDIT_DAYS ?? null,
  };
}

export type RetentionReport = {
  /** Stored file bytes no row describes any more (file-store.server.ts, sweepOrphanedFiles). */
  orphanedFiles: number;
  sessions: number;
  /** Expired first SPID/CIE sign-ins never completed (their claims: names, codice fiscale, ID token). */
  pendingIdentities: number;
  tokens: number;
  rateLimits: number;
  notifications: number;
  /** Never-confirmed accounts told by email that they will be deleted (once each, ADR 0086). */
  unconfirmedWarned: number;
  unconfirmedAccounts: number;
  cancelledSessions: number;
  /** Audit rows past RETENTION_AUDIT_DAYS that nothing still needs (ADR 0092); 0 when it is unset. */
  auditRows: number;
};

/** Old notifications are deleted this many at a time (one short write transaction each; SQLite takes at most 999 parameters). */
export const NOTIFICATION_DELETE_BATCH = 500;

export async function purgeExpired(
  now: Date = new Date(),
  settings: RetentionSettings = retentionSettings(),
): Promise<RetentionReport> {
  const before = (d: number) => new Date(now.getTime() - d * DAY_MS);
  const sessions = await prisma.userSession.deleteMany({ where: { expiresAt: { lte: now } } });
  // A new pending sign-in also clears the expired ones, but with no further sign-in nothing else would.
  const pendingIdentities = await prisma.pendingIdentity.deleteMany({ where: { expiresAt: { lte: now } } });
  const tokens = await prisma.accountToken.deleteMany({
    where: {
      OR: [{ usedAt: { lt: before(settings.tokenDays) } }, { expiresAt: { lt: before(settings.tokenDays) } }],
    },
  });
  const rateLimits = await prisma.rateLimit.deleteMany({ where: { expire: { lt: BigInt(now.getTime()) } } });
  // Emails that could not be delivered ("errore": the outbox gave up; /admin/email resends those of the last 7
  // days) go too: kept for ever before, with their payload. An account message (TOKEN_KINDS) that failed still
  // holds its raw link and the address it was for, e.g. a closed account's last message to an address that no
  // longer exists: it goes with the links, after tokenDays.
  // In batches by id (ADR 0108): one statement over months of messages (after a job outage, or a shorter
  // RETENTION_NOTIFICATION_DAYS) held SQLite's only write lock for all of it, and enrolments waited behind it.
  const oldNotifications = {
    OR: [
      {
        deliveryStatus: { in: ["inviata", "non-inviare", "errore"] },
        createdAt: { lt: before(settings.notificationDays) },
      },
      { deliveryStatus: "errore", kind: { in: [...TOKEN_KINDS] }, createdAt: { lt: before(settings.tokenDays) } },
    ],
  };
  const notifications = { count: 0 };
  for (;;) {
    const batch = await prisma.notification.findMany({
      where: oldNotifications,
      select: { id: true },
      take: NOTIFICATION_DELETE_BATCH,
    });
    if (batch.length === 0) break;
    const deleted = await prisma.notification.deleteMany({
      where: { id: { in: batch.map((n) => n.id) }, ...oldNotifications },
    });
    notifications.count += deleted.count;
    if (batch.length < NOTIFICATION_DELETE_BATCH) break;
  }
  // A sign-up never confirmed (password or SPID/CIE with an address it did not vouch for) and holding nothing else is
  // deleted after unconfirmedDays, but never without a warning (ADR 0086): one email, unconfirmedWarningDays before,
  // with a new link to confirm. The deletion waits for that many days after the warning, so an account the job finds
  // already past its window (a job that did not run, a window shortened) still gets the full notice.
  const abandoned = {
    emailVerifiedAt: null,
    closedAt: null,
    enrolments: { none: {} },
    roles: { none: {} },
    eventsCreated: { none: {} },
    trainerOf: { none: {} },
    certificates: { none: {} },
    externalTrainings: { none: {} },
  };
  const toWarn = await prisma.user.findMany({
    where: {
      ...abandoned,
      deletionWarnedAt: null,
      createdAt: { lt: before(settings.unconfirmedDays - settings.unconfirmedWarningDays) },
    },
    select: { id: true, createdAt: true },
  });
  let unconfirmedWarned = 0;
  for (const account of toWarn) {
    const deleteAfter = new Date(
      Math.max(
        account.createdAt.getTime() + settings.unconfirmedDays * DAY_MS,
        now.getTime() + settings.unconfirmedWarningDays * DAY_MS,
      ),
    );
    // An account made with an identity: the warning names its maker, as its first confirmation link did (ADR 0014).
    const maker = await makerOfUnconfirmed(prisma, account.id);
    if (await warnBeforeDeletion(account.id, deleteAfter, now, maker ?? {})) unconfirmedWarned += 1;
  }
  const unconfirmedAccounts = await prisma.user.deleteMany({
    where: {
      ...abandoned,
      createdAt: { lt: before(settings.unconfirmedDays) },
      deletionWarnedAt: { lte: before(settings.unconfirmedWarningDays) },
    },
  });
  // A deleted session's tombstone only serves calendars that have not yet dropped it (the feeds'
  // STATUS:CANCELLED, the edition-changed email's METHOD:CANCEL): kept past the feeds' window.
  const cancelledSessions = await prisma.cancelledSession.deleteMany({
    where: { cancelledAt: { lt: before(Math.max(settings.cancelledSessionDays, CANCELLED_KEPT_DAYS)) } },
  });
  // The audit log, when the data controller has set a period (ADR 0092), in bounded batches.
  const auditRows = await purgeAuditLog(now, settings.auditDays);
  // Bytes of files whose row is gone (an event or session deleted with its materials), a day on.
  const orphanedFiles = await sweepOrphanedFiles(before(1));
  const report = {
    orphanedFiles,
    sessions: sessions.count,
    pendingIdentities: pendingIdentities.count,
    tokens: tokens.count,
    rateLimits: rateLimits.count,
    notifications: notifications.count,
    unconfirmedWarned,
    unconfirmedAccounts: unconfirmedAccounts.count,
    cancelledSessions: cancelledSessions.count,
    auditRows,
  };
  // Every run says what it removed (zeros included), so a silent job is visibly a job with nothing to do.
  logger.info({ job: "conservazione-dati", removed: report }, "retention: expired data removed");
  return report;
}
