// Sign-in and sign-up as the routes use them: validation already done, rules and storage here.
import { PRIVACY_NOTICE_VERSION } from "~/domain/privacy-notice.ts";
import type { SignupForm } from "~/forms/account-forms.ts";
import { hashPassword, verifyLogin } from "./auth.server.ts";
import { makerOfUnconfirmed } from "~/models/account-maker.server.ts";
import { issueAccountToken } from "~/models/account-tokens.server.ts";
import { writeNotificationsRacing } from "~/models/notification-writer.server.ts";
import { waysIntoHolder } from "~/models/ways-in.server.ts";
import { isUniqueViolation, prisma } from "./db.server.ts";
import {
  checkLoginAddress,
  consumeConfirmationResend,
  consumeLoginAddress,
  consumeLoginAttempt,
  refundLoginAddress,
  resetLoginAttempts,
} from "./rate-limit.server.ts";

// Where callers have always found it; defined beside the client (db.server.ts).
export { isUniqueViolation };

export type LoginOutcome =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/**
 * Two limits (README, "Limiti"): LOGIN_RATE_LIMIT attempts per email and address, and
 * LOGIN_IP_FAILURE_LIMIT failed attempts per address across all emails, both per LOGIN_RATE_WINDOW_SECONDS.
 * The address's failure is counted before the (slow) password check and given back unless the
 * password is wrong: concurrent attempts cannot all pass a check made before any has failed.
 */
export async function attemptLogin(email: string, password: string, ip: string): Promise<LoginOutcome> {
  const byAddress = await checkLoginAddress(ip);
  if (!byAddress.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: byAddress.retryAfterSeconds };
  const taken = await consumeLoginAddress(ip);
  if (!taken.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: taken.retryAfterSeconds };
  const verdict = await consumeLoginAttempt(email, ip);
  if (!verdict.allowed) {
    await refundLoginAddress(ip);
    return { ok: false, reason: "rate-limited", retryAfterSeconds: verdict.retryAfterSeconds };
  }
  const user = await verifyLogin(email, password).catch(async (error: unknown) => {
    await refundLoginAddress(ip); // not checked: no failure
    throw error;
  });
  if (!user) return { ok: false, reason: "invalid" }; // the address's point stays: one failure
  await refundLoginAddress(ip);
  await resetLoginAttempts(email, ip);
  return { ok: true, userId: user.id };
}

type ProfileFields = Pick<
  SignupForm,
  "firstName" | "lastName" | "schoolName" | "schoolCode" | "schoolLevel" | "regionCode" | "professionalRole"
>;

/** The profile's columns as the sign-up, SPID/CIE and profile forms give them (no school: null). */
export function profileColumns(form: ProfileFields) {
  return {
    firstName: form.firstName,
    lastName: form.lastName,
    schoolName: form.schoolName ?? null,
    schoolCode: form.schoolCode ?? null,
    schoolLevel: form.schoolLevel,
    regionCode: form.regionCode,
    professionalRole: form.professionalRole,
  };
}

/**
 * A new account's own columns as the sign-up form and the first SPID/CIE sign-in's profile form
 * (the same form without a password) give them, with the privacy notice in force: both forms link
 * it, and the account records that version.
 */
export function newAccountColumns(form: ProfileFields & { email: string }, locale: string) {
  return {
    email: form.email,
    ...profileColumns(form),
    locale,
    privacyVersion: PRIVACY_NOTICE_VERSION,
    privacyAcceptedAt: new Date(),
  };
}

/** "created": a new, unconfirmed account; "existing": the address had one, its owner gets an email instead. */
export type SignupOutcome = { ok: true; userId: string; created: boolean };

export async function createTeacherAccount(form: SignupForm, locale: string): Promise<SignupOutcome> {
  const passwordHash = await hashPassword(form.password);
  try {
    // The account and its confirmation email (token + notification) are written together.
    const user = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { ...newAccountColumns(form, locale), password: { create: { hash: passwordHash } } },
        select: { id: true },
      });
      await issueAccountToken(tx, created.id, "conferma-email");
      return created;
    });
    return { ok: true, userId: user.id, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // The address has an account: the sign-up page answers as for a new one (it must not reveal
  // which emails exist) and the owner is told by email, at most once an hour.
  const existing = await prisma.user.findUniqueOrThrow({ where: { email: form.email }, select: { id: true } });
  // The email says how this account signs in: one made with SPID or CIE often has no password, and "accedi con la
  // tua password" sent its owner to a password they never had (ADR 0014, addendum of 07/12/2026).
  const ways = await waysIntoHolder({ email: form.email });
  const payload = ways
    ? { waysIn: { password: ways.password, providers: ways.providers, unavailable: ways.unavailable } }
    : undefined;
  // At most one an hour: the key names the hour, and a racing sign-up's copy is skipped.
  await writeNotificationsRacing([
    { kind: "account-esistente", userId: existing.id, at: new Date(), ...(payload ? { payload } : {}) },
  ]);
  return { ok: true, userId: existing.id, created: false };
}

export type ResendOutcome =
  | { ok: true }
  | { ok: false; reason: "already-confirmed" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/**
 * A new email-confirmation link for an account not confirmed yet (rate-limited: CONFIRMATION_RESEND_LIMITS). For an
 * account made with an identity it names the maker, as the first link does (ADR 0014): sent again by whoever made the
 * account with another person's address, it was a plain "conferma il tuo indirizzo" to that person.
 */
export async function resendEmailConfirmation(userId: string): Promise<ResendOutcome> {
  const verdict = await consumeConfirmationResend(userId);
  if (!verdict.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: verdict.retryAfterSeconds };
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
    if (!user || user.emailVerifiedAt) return { ok: false, reason: "already-confirmed" } as const;
    const maker = await makerOfUnconfirmed(tx, userId);
    await issueAccountToken(tx, userId, "conferma-email", new Date(), undefined, maker ?? {});
    return { ok: true } as const;
  });
}
