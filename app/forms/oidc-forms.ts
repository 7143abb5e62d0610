// Forms of the first OpenID Connect sign-in (/accedi/completa): the short profile that creates
// the account, and the password sign-in that links the identity to an existing account.
import { z } from "zod";
import { loginFormSchema, signupFormSchema } from "./account-forms.ts";

/** The sign-up form without a password: names and email come prefilled from the provider. */
export const oidcProfileFormSchema = signupFormSchema.omit({ password: true });
export type OidcProfileForm = z.infer<typeof oidcProfileFormSchema>;

/** Proving control of an existing account: its email and password. */
export const oidcLinkFormSchema = loginFormSchema.omit({ redirectTo: true, keep: true });

/** /profilo/accessi: the identity to unlink. */
export const unlinkIdentityFormSchema = z.object({
  identityId: z.string({ required_error: "validation.required" }).trim().min(1).max(40),
});

/** A missing or unknown intent is refused on `intent` (the action answers 400). */
const unknownIntent = { errorMap: () => ({ message: "validation.invalidChoice" }) };

/**
 * /accedi/completa's two buttons as ONE discriminated union on `intent`: complete the profile
 * (creates the account) or sign in with a password (links the identity to that account).
 */
export const oidcCompleteActionSchema = z.discriminatedUnion(
  "intent",
  [
    oidcProfileFormSchema.extend({ intent: z.literal("crea") }),
    oidcLinkFormSchema.extend({ intent: z.literal("collega") }),
  ],
  unknownIntent,
);

/**
 * POST /auth/oidc/<provider>: sign in (the sign-in page's buttons), link an identity to the
 * signed-in account (/profilo/accessi), or confirm that the signed-in person is the owner of an
 * account without a password by signing in again with one of its identities (/profilo/chiudi,
 * ADR 0082). `redirectTo` is checked by safeRedirectTarget, which takes anything and falls back to
 * the intent's page. A sign-in carries the page's "Mantieni l'accesso su questo dispositivo" (`keep`,
 * ADR 0089, 0092), from the providers' own form on the sign-in page (ADR 0097: never the password's form).
 */
export const oidcStartActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("accedi"), redirectTo: z.unknown(), keep: loginFormSchema.shape.keep }),
    z.object({ intent: z.literal("collega"), redirectTo: z.unknown() }),
    z.object({ intent: z.literal("conferma"), redirectTo: z.unknown() }),
  ],
  unknownIntent,
);
