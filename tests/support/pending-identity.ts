// A first sign-in through an identity provider that no account holds yet, kept as the provider's callback keeps it
// (rememberPendingIdentity): the cookie /accedi/completa reads. For the tests of that page's messages.
import { rememberPendingIdentity } from "../../app/models/identity.server.ts";
import { unique } from "./factories.ts";

/** The pending identity's cookie (`name=value`) for a person of this codice fiscale signing in with `provider`. */
export async function pendingSignInCookie({
  provider,
  issuer,
  fiscalCode,
  familyName = "Bianchi",
}: {
  provider: string;
  issuer: string;
  fiscalCode: string | null;
  familyName?: string;
}): Promise<string> {
  const setCookie = await rememberPendingIdentity(
    {
      provider,
      issuer,
      subject: unique(provider),
      email: `${unique("luca")}@${provider}.example.it`,
      emailVerified: true,
      givenName: "Luca",
      familyName,
      fiscalCode,
    },
    "/eventi",
    "id-token",
  );
  return setCookie.split(";")[0]!;
}
