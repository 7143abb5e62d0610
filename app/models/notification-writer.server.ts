// The one writer of Notification rows (ADR 0016). Every message a person should get is a row
// written here, in the transaction of the change it tells of; the outbox worker
// (outbox.server.ts) sends it. What a row holds and its dedupe key come from
// app/domain/notification.ts, per kind. The only other INSERT INTO "Notification" is the
// enrolment hot path's raw SQL (enrolment-seat.server.ts, ADR 0008), which takes its key and
// payload from the same domain builder. app/domain/one-definition.test.ts fails if another module
// writes notifications.
import {
  notificationRow,
  type KeyAroundPerson,
  type NotificationInput,
  type NotificationRow,
} from "~/domain/notification.ts";
import { databaseEngine, isUniqueViolation, prisma } from "~/utils/db.server.ts";
import { sqlReadPrepared } from "~/utils/sql.server.ts";
import type { Tx } from "./audit.server.ts";

export type { NotificationInput } from "~/domain/notification.ts";

type Options = {
  /**
   * createdAt and nextAttemptAt of the rows (the change's own clock, e.g. a certificate issued at
   * `now`); by default the database's now.
   */
  at?: Date;
};

function withTimes(rows: NotificationRow[], at: Date | undefined) {
  return at ? rows.map((r) => ({ ...r, createdAt: at, nextAttemptAt: at })) : rows;
}

async function existingKeys(db: Tx, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.notification.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } });
  return new Set(rows.map((n) => n.dedupeKey));
}

/**
 * Writes one notification in the caller's transaction. A second row with the same dedupe key
 * fails the transaction: the change it tells of was already made (use writeNotificationsOnce
 * when a replay is expected).
 */
export async function writeNotification(tx: Tx, input: NotificationInput, options: Options = {}): Promise<void> {
  await tx.notification.create({ data: withTimes([notificationRow(input)], options.at)[0]!, select: { id: true } });
}

/** Writes these notifications in the caller's transaction, in one statement. Returns how many. */
export async function writeNotifications(tx: Tx, inputs: NotificationInput[], options: Options = {}): Promise<number> {
  if (inputs.length === 0) return 0;
  const { count } = await tx.notification.createMany({ data: withTimes(inputs.map(notificationRow), options.at) });
  return count;
}

/**
 * Writes those of these notifications not written yet (by dedupe key), in the caller's
 * transaction: a replayed change adds nothing. Read first, because a duplicate key would abort the
 * whole transaction on PostgreSQL. Returns how many were written.
 */
export async function writeNotificationsOnce(
  tx: Tx,
  inputs: NotificationInput[],
  options: Options = {},
): Promise<number> {
  const rows = inputs.map(notificationRow);
  const done = await existingKeys(
    tx,
    rows.map((r) => r.dedupeKey),
  );
  const fresh = rows.filter((r) => !done.has(r.dedupeKey));
  if (fresh.length === 0) return 0;
  const { count } = await tx.notification.createMany({ data: withTimes(fresh, options.at) });
  return count;
}

/**
 * For jobs and requests outside a transaction that may race each other (reminders, automatic
 * messages on every instance, two sign-ups with one address): each row is written on its own
 * and a row another run wrote first is skipped (its unique key refuses the duplicate). Returns
 * how many this call wrote.
 */
export async function writeNotificationsRacing(inputs: NotificationInput[], options: Options = {}): Promise<number> {
  const rows = inputs.map(notificationRow);
  const done = await existingKeys(
    prisma,
    rows.map((r) => r.dedupeKey),
  );
  let written = 0;
  for (const row of withTimes(
    rows.filter((r) => !done.has(r.dedupeKey)),
    options.at,
  )) {
    try {
      await prisma.notification.create({ data: row, select: { id: true } });
      written += 1;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // another run or instance wrote it first
    }
  }
  return written;
}

/**
 * Whom a periodic job writes to among an edition's confirmed places: the teachers with reminders on (the reminders),
 * or every account not closed (the automatic messages).
 */
export type PlacesToNotify = "reminders-on" | "open-accounts";

// On SQLite a unary `+` (a no-op on the value) keeps the planner off the (status, offerExpiresAt) index: with no
// statistics it ties with the edition's index and took it, reading every confirmed place of every edition for each
// session (as ADR 0029 does for the catalogue). PostgreSQL plans by its statistics.
const placesNotYetNotifiedSql = (holder: string) =>
  `SELECT e."id", e."userId"
   FROM "Enrolment" e JOIN "User" u ON u."id" = e."userId"
   WHERE e."editionId" = $1 AND ${databaseEngine === "sqlite" ? "+" : ""}e."status" = 'iscritto' AND ${holder}
     AND NOT EXISTS (SELECT 1 FROM "Notification" n WHERE n."dedupeKey" = CAST($2 AS TEXT) || e."userId" || CAST($3 AS TEXT))`;

/** The statement of placesNotYetNotified, per PlacesToNotify (exported for the test of its SQLite plan). */
export const PLACES_NOT_YET_NOTIFIED: Record<PlacesToNotify, string> = {
  "reminders-on": placesNotYetNotifiedSql('u."emailReminders"'),
  "open-accounts": placesNotYetNotifiedSql('u."closedAt" IS NULL'),
};

/**
 * The confirmed places (iscritto) of an edition whose holder has no notification with the key
 * `key.head + userId + key.tail` yet: what a job run every few minutes in every instance (reminders, automatic
 * messages) still has to write. One statement: each place is one probe of the unique index on "dedupeKey", and
 * only the missing ones come back, so a run with nothing new reads no participant row and writes nothing. What
 * it returns is written with writeNotificationsRacing: another instance may write the same rows meanwhile.
 */
export function placesNotYetNotified(
  editionId: string,
  key: KeyAroundPerson,
  holders: PlacesToNotify,
): Promise<{ id: string; userId: string }[]> {
  return sqlReadPrepared<{ id: string; userId: string }>(
    PLACES_NOT_YET_NOTIFIED[holders],
    editionId,
    key.head,
    key.tail,
  );
}
