// A person's own account (/profilo): profile, password, signed-in sessions. Validation is done
// by the forms (app/forms/account-forms.ts); the rules and storage are here, and every change
// is written with its audit entry in one transaction.
//
// What a profile change does not touch: enrolments already made, registers and certificates.
// Eligibility (region, school level, role) is checked when a teacher enrols, and a certificate
// copies the holder's name when it is issued (Certificate.holderName), so a new school or region
// applies to future enrolments only. The dashboard counts a place under the region, school level
// and role the person had when it was created: a change of one of them keeps the previous values as
// a UserProfilePeriod, written here with the change (ADR 0093; the only writer of these columns
// after sign-up).
import type { ProfileForm } from "~/forms/account-forms.ts";
import { deviceLabel } from "~/domain/user-agent.ts";
import type { Translate } from "~/i18n/i18n.tsx";
import { attemptLogin, profileColumns } from "~/utils/account.server.ts";
import { hashPassword } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { consumeEmailChangeAttempt } from "~/utils/rate-limit.server.ts";
import { getCookieSession, SESSION_ID_KEY } from "~/utils/session.server.ts";
import { issueAccountToken } from "./account-tokens.server.ts";
import { writeAudit } from "./audit.server.ts";
import { writeNotificationsOnce } from "./notification-writer.server.ts";

export async function loadProfile(userId: string) {
  return prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      firstName: true,
      lastName: true,
      schoolName: true,
      schoolCode: true,
      schoolLevel: true,
      regionCode: true,
      professionalRole: true,
      locale: true,
      emailReminders: true,
      emailVerifiedAt: true,
      emailRefusedAt: true,
      emailRefusal: true,
      trainerProfile: true,
    },
  });
}

const PROFILE_FIELDS = [
  "firstName",
  "lastName",
  "schoolName",
  "schoolCode",
  "schoolLevel",
  "regionCode",
  "professionalRole",
  "locale",
  "emailReminders",
] as const;

/** The profile fields the dashboard groups by: a change of one of them is kept in the person's history (ADR 0093). */
const ATTRIBUTED_FIELDS = ["regionCode", "schoolLevel", "professionalRole"] as const;

/**
 * A test seam of updateProfile (no production caller passes it): `afterRead` runs inside each attempt's
 * transaction, after the current values are read and before the conditional write, so a test can let
 * another save commit in between and see the retry (tests/integration/profile-save-races.test.ts).
 */
export type ProfileSaveSeams = { afterRead?: (attempt: number) => Promise<void> };

/**
 * Saves the profile; the audit entry lists each changed field with its old and new value. When the
 * region, school level or role changes, the previous three values are kept until `now` (UserProfilePeriod).
 */
export async function updateProfile(
  userId: string,
  form: ProfileForm,
  actorId: string = userId,
  now: Date = new Date(),
  seams: ProfileSaveSeams = {},
) {
  const next = { ...profileColumns(form), locale: form.locale, emailReminders: form.emailReminders };
  for (let attempt = 1; ; attempt++) {
    try {
      return await saveProfile(userId, next, actorId, now, () => seams.afterRead?.(attempt));
    } catch (error) {
      if (!(error instanceof ProfileChangedMeanwhile) || attempt >= 3) throw error;
    }
  }
}

/** Another save changed the region, school level or role between this save's read and its write. */
class ProfileChangedMeanwhile extends Error {}

async function saveProfile(
  userId: string,
  next: ReturnType<typeof profileColumns> & { locale: string; emailReminders: boolean },
  actorId: string,
  now: Date,
  afterRead: () => Promise<void> | undefined,
) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: Object.fromEntries(PROFILE_FIELDS.map((f) => [f, true])) as Record<(typeof PROFILE_FIELDS)[number], true>,
    });
    await afterRead();
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const f of PROFILE_FIELDS) {
      if (before[f] !== next[f]) changes[f] = { from: before[f], to: next[f] };
    }
    if (Object.keys(changes).length === 0) return { changed: [] as string[] };
    // Written only if the three attributed fields are still as read, so that two saves at once cannot
    // both record the same previous state (the later one waits for the first's row lock, then finds no row).
    const { count } = await tx.user.updateMany({
      where: {
        id: userId,
        regionCode: before.regionCode,
        schoolLevel: before.schoolLevel,
        professionalRole: before.professionalRole,
      },
      data: next,
    });
    if (count === 0) throw new ProfileChangedMeanwhile();
    if (ATTRIBUTED_FIELDS.some((f) => f in changes)) {
      // The state this save ends began when the last recorded one ended. A save tried again because
      // another committed meanwhile was called (its `now`) before that other one: ending the state at
      // `now` would date it before the one it follows, and the dashboard's lookup (the first period
      // ending after a place) would attribute earlier places to it. It ends just after instead.
      const last = await tx.userProfilePeriod.findFirst({
        where: { userId },
        orderBy: { validUntil: "desc" },
        select: { validUntil: true },
      });
      const validUntil =
        last && last.validUntil.getTime() >= now.getTime() ? new Date(last.validUntil.getTime() + 1) : now;
      await tx.userProfilePeriod.create({
        data: {
          userId,
          regionCode: before.regionCode,
          schoolLevel: before.schoolLevel,
          professionalRole: before.professionalRole,
          validUntil,
        },
        select: { id: true },
      });
    }
    await writeAudit(tx, {
      actorId,
      entityType: "user",
      entityId: userId,
      action: "profilo-modificato",
      details: { changes },
    });
    return { changed: Object.keys(changes) };
  });
}

export type SessionRow = { id: string; device: string | null; createdAt: Date; lastUsedAt: Date; current: boolean };

/** The account's sessions that are still valid, most recently used first. */
export async function listSessions(userId: string, currentSessionId: string | null, now: Date = new Date()) {
  const rows = await prisma.userSession.findMany({
    where: { userId, expiresAt: { gt: now } },
    orderBy: [{ lastUsedAt: "desc" }, { id: "asc" }],
    select: { id: true, userAgent: true, createdAt: true, lastUsedAt: true },
  });
  return rows.map((r): SessionRow => ({
    id: r.id,
    device: deviceLabel(r.userAgent),
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    current: r.id === currentSessionId,
  }));
}

/** Ends one of the person's own sessions (another person's id changes nothing). */
/**
 * Ends every session of the account but the one asking ("sign out everywhere else": a lost phone, a
 * school computer left signed in; an account without a password has no password change to do it).
 * Returns how many were ended; one audit entry says how many.
 */
export async function endOtherSessions(userId: string, currentSessionId: string | null): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.userSession.deleteMany({
      where: { userId, ...(currentSessionId ? { id: { not: currentSessionId } } : {}) },
    });
    if (count > 0) {
      await writeAudit(tx, {
        actorId: userId,
        entityType: "user",
        entityId: userId,
        action: "altre-sessioni-chiuse",
        details: { count },
      });
    }
    return count;
  });
}

export async function endSession(userId: string, sessionId: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.userSession.deleteMany({ where: { id: sessionId, userId } });
    if (count === 1) {
      await writeAudit(tx, {
        actorId: userId,
        entityType: "user",
        entityId: userId,
        action: "sessione-chiusa",
        details: { sessionId },
      });
    }
    return count === 1;
  });
}

/** A current password that does not check out: wrong, or too many wrong guesses (counted as sign-ins are). */
export type PasswordRefusal =
  { ok: false; reason: "wrong-password" } | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/**
 * The current password asked again before a change, checked with the sign-in's own limits
 * (attemptLogin: per email and address, and failures per address): whoever holds a session
 * without knowing the password cannot try guesses here faster than at /accedi. Null: it is right.
 * Password change, email change and account closure (/profilo/chiudi) all ask through it.
 */
export async function checkCurrentPassword(
  email: string,
  password: string,
  ip: string,
): Promise<PasswordRefusal | null> {
  const outcome = await attemptLogin(email, password, ip);
  if (outcome.ok) return null;
  return outcome.reason === "rate-limited" ? outcome : { ok: false, reason: "wrong-password" };
}

/** What the form says under the password field when checkCurrentPassword refused it. */
export function passwordRefusalText(t: Translate, refusal: PasswordRefusal): string {
  return refusal.reason === "rate-limited"
    ? t("auth.login.rateLimited", { minutes: Math.ceil(refusal.retryAfterSeconds / 60) })
    : t("profile.password.wrong");
}

/** What the form says under the new address when EMAIL_CHANGE_LIMITS refused the change. */
export function emailChangeLimitText(t: Translate, retryAfterSeconds: number): string {
  return t("profile.email.rateLimited", { minutes: Math.ceil(retryAfterSeconds / 60) });
}

export type PasswordChangeOutcome = { ok: true; endedSessions: number } | PasswordRefusal;

/**
 * The new password, checked against the current one first; every other session of the account
 * ends (whoever knew the old password is signed out), the current one stays.
 */
export async function changePassword(
  userId: string,
  currentSessionId: string | null,
  currentPassword: string,
  newPassword: string,
  /** The client's address, for the limits on wrong passwords. */
  ip: string,
): Promise<PasswordChangeOutcome> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const refused = await checkCurrentPassword(user.email, currentPassword, ip);
  if (refused) return refused;
  const hash = await hashPassword(newPassword); // before the transaction: argon2 takes a while
  return prisma.$transaction(async (tx) => {
    await tx.password.upsert({ where: { userId }, create: { userId, hash }, update: { hash } });
    const ended = await tx.userSession.deleteMany({
      where: { userId, ...(currentSessionId ? { id: { not: currentSessionId } } : {}) },
    });
    // Reset links asked for before are spent too: the password they would replace is gone. So are
    // pending changes of address: one asked for by whoever knew the old password must not outlive it.
    await tx.accountToken.updateMany({
      where: { userId, purpose: { in: ["reimposta-password", "cambio-email"] }, usedAt: null },
      data: { usedAt: new Date() },
    });
    await writeAudit(tx, {
      actorId: userId,
      entityType: "user",
      entityId: userId,
      action: "password-modificata",
      details: { endedSessions: ended.count },
    });
    return { ok: true as const, endedSessions: ended.count };
  });
}

export type EmailChangeRequest =
  | { ok: true }
  | { ok: false; reason: "same" }
  | PasswordRefusal
  /** More changes asked for this hour than EMAIL_CHANGE_LIMITS allows: nothing is sent. */
  | { ok: false; reason: "too-many-changes"; retryAfterSeconds: number };

/**
 * An email change starts with a link sent to the new address (issueAccountToken "cambio-email");
 * the account keeps its address until the link is used (confirmEmailChange). Older pending
 * change links are spent.
 *
 * An address that already has an account gets the same answer (the page must not reveal which
 * addresses exist, as sign-up does): no link, but an "email-in-uso" message to that address's
 * owner, at most one an hour; the asker's older pending links are spent all the same.
 *
 * Each request that passes the proof counts against EMAIL_CHANGE_LIMITS (free and taken addresses
 * alike): past it nothing is written or sent until the hour is over.
 */
export async function requestEmailChange(
  userId: string,
  newEmail: string,
  /**
   * How the owner proved it is them: the current password (checked here, with the client's address
   * for the limits on wrong passwords), or, for an account without a password, a fresh sign-in with
   * one of its identities that the caller has checked (recentlyReauthenticated, ADR 0082).
   */
  confirmation: { currentPassword: string; ip: string } | "identity-confirmed",
  now: Date = new Date(),
): Promise<EmailChangeRequest> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  if (confirmation !== "identity-confirmed") {
    const refused = await checkCurrentPassword(user.email, confirmation.currentPassword, confirmation.ip);
    if (refused) return refused;
  }
  const email = newEmail.toLowerCase();
  if (email === user.email) return { ok: false, reason: "same" };
  const allowed = await consumeEmailChangeAttempt(userId);
  if (!allowed.allowed) return { ok: false, reason: "too-many-changes", retryAfterSeconds: allowed.retryAfterSeconds };
  const holder = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  await prisma.$transaction(async (tx) => {
    await tx.accountToken.updateMany({
      where: { userId, purpose: "cambio-email", usedAt: null },
      data: { usedAt: now },
    });
    if (holder) {
      // At most one an hour (the key names the hour): a second request this hour adds nothing.
      await writeNotificationsOnce(tx, [{ kind: "email-in-uso", userId: holder.id, at: now }]);
    } else {
      await issueAccountToken(tx, userId, "cambio-email", now, email);
    }
    await writeAudit(tx, {
      actorId: userId,
      entityType: "user",
      entityId: userId,
      action: "cambio-email-richiesto",
      // The same entry for a taken address as for a free one: this entry is the asker's own data (their
      // data export includes it), and must not tell them that the address has an account.
      details: { to: email },
    });
  });
  return { ok: true };
}

/** The UserSession id behind the request's cookie (null when there is none). */
export async function currentSessionId(request: Request): Promise<string | null> {
  const id = (await getCookieSession(request)).get(SESSION_ID_KEY);
  return typeof id === "string" ? id : null;
}
