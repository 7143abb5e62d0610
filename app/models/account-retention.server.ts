// Retention (ADR 0013): deletes what has outlived its purpose. Every statement is a plain
// conditional delete, so several instances running it at once only race to delete the same rows.
import { prisma } from "~/utils/db.server.ts";

const DAY_MS = 86_400_000;

export type RetentionSettings = { tokenDays: number; notificationDays: number; unconfirmedDays: number };

function days(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

/** Defaults from ADR 0013, overridable by RETENTION_TOKEN_DAYS, RETENTION_NOTIFICATION_DAYS, RETENTION_UNCONFIRMED_DAYS. */
export function retentionSettings(): RetentionSettings {
  return {
    tokenDays: days("RETENTION_TOKEN_DAYS", 30),
    notificationDays: days("RETENTION_NOTIFICATION_DAYS", 365),
    unconfirmedDays: days("RETENTION_UNCONFIRMED_DAYS", 30),
  };
}

export type RetentionReport = {
  sessions: number;
  tokens: number;
  rateLimits: number;
  notifications: number;
  unconfirmedAccounts: number;
};

export async function purgeExpired(
  now: Date = new Date(),
  settings: RetentionSettings = retentionSettings(),
): Promise<RetentionReport> {
  const before = (d: number) => new Date(now.getTime() - d * DAY_MS);
  const sessions = await prisma.userSession.deleteMany({ where: { expiresAt: { lte: now } } });
  const tokens = await prisma.accountToken.deleteMany({
    where: {
      OR: [{ usedAt: { lt: before(settings.tokenDays) } }, { expiresAt: { lt: before(settings.tokenDays) } }],
    },
  });
  const rateLimits = await prisma.rateLimit.deleteMany({ where: { expire: { lt: BigInt(now.getTime()) } } });
  const notifications = await prisma.notification.deleteMany({
    where: {
      deliveryStatus: { in: ["inviata", "non-inviare"] },
      createdAt: { lt: before(settings.notificationDays) },
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
  const report = {
    sessions: sessions.count,
    tokens: tokens.count,
    rateLimits: rateLimits.count,
    notifications: notifications.count,
    unconfirmedAccounts: unconfirmedAccounts.count,
  };
  if (Object.values(report).some((n) => n > 0)) console.info("[retention] removed", JSON.stringify(report));
  return report;
}
