// Forms of the first OpenID Connect sign-in (/accedi/completa): the short profile that creates
// the account, and the password sign-in that links the identity to an existing account.
import { z } from "zod";
import { emailChangeFormSchema, loginFormSchema, signupFormSchema } from "./account-forms.ts";

/** The sign-up form without a password: names and email come prefilled from the provider. */
export const oidcProfileFormSchema = signupFormSchema.omit({ password: true });
export type OidcProfileForm = z.infer<typeof oidcProfileFormSchema>;

/** Proving control of an existing account: its email and password. */
export const oidcLinkFormSchema = loginFormSchema.omit({ redirectTo: true, keep: true });

/** /profilo/accessi: the identity to unlink, named by the button pressed. */
const unlinkedIdentity = z.string({ required_error: "validation.required" }).trim().min(1).max(40);

/**
 * /profilo/accessi: unlinking asks for the same proof as linking (below): an account with a password gives it…
 */
export const unlinkIdentityFormSchema = z.object({
  identityId: unlinkedIdentity,
  currentPassword: emailChangeFormSchema.shape.currentPassword,
});

/** …and one without has just signed in again with one of its identities (the proof is a cookie, not a field). */
export const unlinkIdentityByIdentityFormSchema = z.object({ identityId: unlinkedIdentity });

/** /profilo/accessi: the provider to link, named by the button pressed. */
const linkedProvider = z.string({ required_error: "validation.required" }).trim().min(1).max(40);

/**
 * /profilo/accessi: linking another provider asks for the proof a change of address asks for (ADR 0014 addendum,
 * ADR 0082): an account with a password gives it…
 */
export const linkIdentityFormSchema = z.object({
  provider: linkedProvider,
  currentPassword: emailChangeFormSchema.shape.currentPassword,
});

/** …and one without has just signed in again with one of its identities (the proof is a cookie, not a field). */
export const linkIdentityByIdentityFormSchema = z.object({ provider: linkedProvider });

/** A missing or unknown intent is refused on `intent` (the action answers 400). */
const unknownIntent = { errorMap: () => ({ message: "validation.invalidChoice" }) };

/** /profilo/accessi's forms as ONE discriminated union on `intent`: unlink an identity, or start linking one. */
export const identitiesActionSchema = z.discriminatedUnion(
  "intent",
  [
    unlinkIdentityFormSchema.extend({ intent: z.literal("scollega") }),
    unlinkIdentityByIdentityFormSchema.extend({ intent: z.literal("scollega-by-identity") }),
    linkIdentityFormSchema.extend({ intent: z.literal("collega") }),
    linkIdentityByIdentityFormSchema.extend({ intent: z.literal("collega-by-identity") }),
  ],
  unknownIntent,
);

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
 * POST /auth/oidc/<provider>: sign in (the sign-in page's buttons), or confirm that the signed-in
 * person is the owner of an account without a password by signing in again with one of its
 * identities (/profilo/chiudi, /profilo, /profilo/accessi; ADR 0082). `redirectTo` is checked by
 * safeRedirectTarget, which takes anything and falls back to the intent's page. A sign-in carries the
 * page's "Mantieni l'accesso su questo dispositivo" (`keep`, ADR 0089, 0092), from the providers' own
 * form on the sign-in page (ADR 0097: never the password's form). Linking an identity starts at
 * /profilo/accessi, which asks for its proof first: "collega" here is refused as an unknown intent.
 */
export const oidcStartActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("accedi"), redirectTo: z.unknown(), keep: loginFormSchema.shape.keep }),
    z.object({ intent: z.literal("conferma"), redirectTo: z.unknown() }),
  ],
  unknownIntent,
);
