// Retention (ADR 0013): deletes what has outlived its purpose. Every statement is a plain
// conditional delete, so several instances running it at once only race to delete the same rows.
import { prisma } from "~/utils/db.server.ts";
import { getEnv, type Env } from "~/utils/env.server.ts";
import { sweepOrphanedFiles } from "~/utils/file-store.server.ts";
import { logger } from "~/utils/logger.server.ts";
import { TOKEN_KINDS } from "~/domain/notification-kinds.ts";
import { CANCELLED_KEPT_DAYS } from "./calendar-feeds.server.ts";

const DAY_MS = 86_400_000;

export type RetentionSettings = {
  tokenDays: number;
  notificationDays: number;
  unconfirmedDays: number;
  /** CancelledSession tombstones, by cancelledAt; never less than CANCELLED_KEPT_DAYS (the feeds list them that long). */
  cancelledSessionDays: number;
};

/**
 * Defaults from ADR 0013 (app/utils/env.server.ts), overridable by RETENTION_TOKEN_DAYS,
 * RETENTION_NOTIFICATION_DAYS, RETENTION_UNCONFIRMED_DAYS and RETENTION_CANCELLED_SESSION_DAYS.
 */
export function retentionSettings(env: Env = getEnv()): RetentionSettings {
  return {
    tokenDays: env.RETENTION_TOKEN_DAYS,
    notificationDays: env.RETENTION_NOTIFICATION_DAYS,
    unconfirmedDays: env.RETENTION_UNCONFIRMED_DAYS,
    cancelledSessionDays: Math.max(env.RETENTION_CANCELLED_SESSION_DAYS, CANCELLED_KEPT_DAYS),
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
  unconfirmedAccounts: number;
  cancelledSessions: number;
};

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
  const notifications = await prisma.notification.deleteMany({
    where: {
      OR: [
        {
          deliveryStatus: { in: ["inviata", "non-inviare", "errore"] },
          createdAt: { lt: before(settings.notificationDays) },
        },
        { deliveryStatus: "errore", kind: { in: [...TOKEN_KINDS] }, createdAt: { lt: before(settings.tokenDays) } },
      ],
    },
  });
  const unconfirmedAccounts = await prisma.user.deleteMany({
    where: {
      emailVerifiedAt: null,
      closedAt: null,
      createdAt: { lt: before(settings.unconfirmedDays) },
      enrolments: { none: {} },
      roles: { none: {} },
      eventsCreated: { none: {} },
      trainerOf: { none: {} },
      certificates: { none: {} },
      externalTrainings: { none: {} },
    },
  });
  // A deleted session's tombstone only serves calendars that have not yet dropped it (the feeds'
  // STATUS:CANCELLED, the edition-changed email's METHOD:CANCEL): kept past the feeds' window.
  const cancelledSessions = await prisma.cancelledSession.deleteMany({
    where: { cancelledAt: { lt: before(Math.max(settings.cancelledSessionDays, CANCELLED_KEPT_DAYS)) } },
  });
  // Bytes of files whose row is gone (an event or session deleted with its materials), a day on.
  const orphanedFiles = await sweepOrphanedFiles(before(1));
  const report = {
    orphanedFiles,
    sessions: sessions.count,
    pendingIdentities: pendingIdentities.count,
    tokens: tokens.count,
    rateLimits: rateLimits.count,
    notifications: notifications.count,
    unconfirmedAccounts: unconfirmedAccounts.count,
    cancelledSessions: cancelledSessions.count,
  };
  // Every run says what it removed (zeros included), so a silent job is visibly a job with nothing to do.
  logger.info({ job: "conservazione-dati", removed: report }, "retention: expired data removed");
  return report;
}
