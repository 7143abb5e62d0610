// Forms of the first OpenID Connect sign-in (/accedi/completa): the short profile that creates
// the account, and the password sign-in that links the identity to an existing account.
import { z } from "zod";
import { loginFormSchema, signupFormSchema } from "./account-forms.ts";

/** The sign-up form without a password: names and email come prefilled from the provider. */
export const oidcProfileFormSchema = signupFormSchema.omit({ password: true });
export type OidcProfileForm = z.infer<typeof oidcProfileFormSchema>;

/** Proving control of an existing account: its email and password. */
export const oidcLinkFormSchema = loginFormSchema.omit({ redirectTo: true });

/** /profilo/accessi: the identity to unlink. */
export const unlinkIdentityFormSchema = z.object({
  identityId: z.string({ required_error: "validation.required" }).trim().min(1).max(40),
});
