// Sign-in and sign-up forms: one Zod schema each, shared by the page (client validation
// through Conform) and the action (server validation). Error messages are message keys.
import { z } from "zod";
import { isReservedAddress } from "~/domain/email-address.ts";
import { LOCALES, PROFESSIONAL_ROLES, REGION_CODES, SCHOOL_LEVELS } from "~/domain/vocabulary.ts";
import { choice, personName, printable } from "./fields.ts";

const email = z
  .string({ required_error: "validation.required" })
  .trim()
  .toLowerCase()
  .max(254, "validation.tooLong")
  .email("validation.email");

/**
 * An address an account is to use (sign-up, /accedi/completa, change of address): never one in the
 * reserved ".invalid" domain, which no mailbox has and which closed accounts are given
 * (isReservedAddress). Sign-in and "Password dimenticata?" keep the plain `email`: they create nothing.
 */
const ownAddress = email.refine((address) => !isReservedAddress(address), "validation.emailReserved");

export const loginFormSchema = z.object({
  email,
  password: z.string({ required_error: "validation.required" }).max(200, "validation.passwordTooLong"),
  redirectTo: z.string().optional(),
  /** "Mantieni l'accesso su questo dispositivo" (ADR 0089): unticked, the session ends after idle time and with the browser. */
  keep: z.boolean().optional().default(false),
});

/** At least 10 characters with a letter and a digit (NIST-style length first, no odd composition rules). */
export const newPassword = z
  .string({ required_error: "validation.required" })
  .max(200, "validation.passwordTooLong")
  .refine((p) => p.length >= 10 && /\p{L}/u.test(p) && /\d/.test(p), "validation.passwordWeak");

/** Codice meccanografico: 10 letters and digits (e.g. FIIC80100X), upper-cased. */
const schoolCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{10}$/, "validation.schoolCode")
  .optional();

export const signupFormSchema = z.object({
  firstName: personName(80),
  lastName: personName(80),
  email: ownAddress,
  password: newPassword,
  schoolName: printable(z.string().trim().max(200, "validation.tooLong").optional()),
  schoolCode,
  schoolLevel: choice(SCHOOL_LEVELS),
  regionCode: choice(REGION_CODES),
  professionalRole: choice(PROFESSIONAL_ROLES),
});

export type SignupForm = z.infer<typeof signupFormSchema>;

/** "Password dimenticata?": the address to send the reset link to. */
export const forgotPasswordFormSchema = z.object({ email });

/** The new password from a reset link: the same rules as at sign-up. */
export const resetPasswordFormSchema = z.object({ password: newPassword });

/**
 * /profilo: what a person may change about themselves. The same rules as sign-up; the email
 * address and the password have forms of their own (they need a confirmation).
 */
export const profileFormSchema = z.object({
  firstName: personName(80),
  lastName: personName(80),
  schoolName: printable(z.string().trim().max(200, "validation.tooLong").optional()),
  schoolCode,
  schoolLevel: choice(SCHOOL_LEVELS),
  regionCode: choice(REGION_CODES),
  professionalRole: choice(PROFESSIONAL_ROLES),
  locale: choice(LOCALES),
  /** Reminder emails (REMINDER_KINDS); an unticked checkbox is absent from the form. */
  emailReminders: z.boolean().optional().default(false),
});

export type ProfileForm = z.infer<typeof profileFormSchema>;

/** Password change: the current one, and a new one with the sign-up rules. */
export const passwordChangeFormSchema = z.object({
  currentPassword: z
    .string({ required_error: "validation.required" })
    .min(1, "validation.required")
    .max(200, "validation.passwordTooLong"),
  newPassword,
});

/** Email change: the new address (a link is sent there) and the password, so a borrowed session cannot do it. */
export const emailChangeFormSchema = z.object({
  newEmail: ownAddress,
  currentPassword: z
    .string({ required_error: "validation.required" })
    .min(1, "validation.required")
    .max(200, "validation.passwordTooLong"),
});

/** An account without a password changes its address after signing in again with an identity (ADR 0082). */
export const emailChangeByIdentityFormSchema = z.object({ newEmail: ownAddress });

/** Closing one's own account: the password and an explicit confirmation. */
export const closeAccountFormSchema = z.object({
  currentPassword: z
    .string({ required_error: "validation.required" })
    .min(1, "validation.required")
    .max(200, "validation.passwordTooLong"),
  confirm: z
    .boolean({ required_error: "profile.close.confirmRequired" })
    .refine((v) => v, "profile.close.confirmRequired"),
});

/** Closing an account without a password (SPID/CIE only): the confirmation; the identity was confirmed at the provider (ADR 0082). */
export const closeAccountByIdentityFormSchema = z.object({
  confirm: z
    .boolean({ required_error: "profile.close.confirmRequired" })
    .refine((v) => v, "profile.close.confirmRequired"),
});
