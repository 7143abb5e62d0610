// The secret token of a teacher's personal calendar feed (/calendario/<token>.ics): calendar
// apps cannot sign in, so the token in the URL is the credential; regenerating it revokes the old URL.
import { randomBytes } from "node:crypto";
import { prisma } from "~/utils/db.server.ts";
import { sqlRead } from "~/utils/sql.server.ts";
import type { Tx } from "./audit.server.ts";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Whether a string has the shape of a feed token (checked before any read). */
export function isCalendarToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** A new secret for the personal feed: 32 random bytes, base64url (43 characters). */
export function newCalendarToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Creates or replaces the user's feed token; the old URL stops working at once. */
export async function regenerateCalendarToken(userId: string): Promise<string> {
  const token = newCalendarToken();
  await prisma.user.update({ where: { id: userId }, data: { calendarToken: token }, select: { id: true } });
  return token;
}

export async function getCalendarToken(userId: string): Promise<string | null> {
  const rows = await sqlRead<{ calendarToken: string | null }>(
    `SELECT "calendarToken" FROM "User" WHERE "id" = $1`,
    userId,
  );
  return rows[0]?.calendarToken ?? null;
}

/**
 * Revokes the personal feed's URL inside an account recovery (a reset that confirms a pre-taken address, an email
 * change undone: ADR 0107): whoever held the account may have kept it. True when there was one to revoke.
 */
export async function revokeCalendarFeed(tx: Tx, userId: string): Promise<boolean> {
  const revoked = await tx.user.updateMany({
    where: { id: userId, calendarToken: { not: null } },
    data: { calendarToken: null },
  });
  return revoked.count === 1;
}
