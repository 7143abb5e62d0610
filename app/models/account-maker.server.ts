// Who made an account whose address is not confirmed yet, when a first sign-in with a digital identity made it at
// /accedi/completa (ADR 0014, addendum "the confirmation names the account's maker"). The address may be someone
// else's: every email that asks it to confirm names the maker, the first link, a link sent again from the account
// ("Invia di nuovo il link di conferma") and the retention job's warning before deletion (ADR 0086) alike.
import type { Tx } from "./audit.server.ts";
import { providerById } from "./oidc.server.ts";
import type { prisma } from "~/utils/db.server.ts";

/**
 * What the emails say (payload fields providerLabel, providerLabelEn when configured, and accountName,
 * emails/conferma-email.ts): the template names the provider in the recipient's language. A provider removed from
 * OIDC_PROVIDERS before the email is queued (a link sent again, the retention job's warning) has no label left: its id
 * and providerGone, and the template names it as what it was (goneProvidersText), as "identita-scollegata" does.
 */
export type AccountMaker =
  | { providerLabel: string; providerLabelEn?: string; accountName: string }
  | { provider: string; providerGone: true; accountName: string };

/** The identity's provider, with its configured labels (or, removed since, its id and the flag), and the account's name. */
export function accountMaker(provider: string, name: { firstName: string; lastName: string }): AccountMaker {
  const accountName = `${name.firstName} ${name.lastName}`.trim();
  const configured = providerById(provider);
  if (!configured) return { provider, providerGone: true, accountName };
  return {
    providerLabel: configured.label,
    ...(configured.labelEn ? { providerLabelEn: configured.labelEn } : {}),
    accountName,
  };
}

/**
 * The maker of an open account not confirmed yet that was made with an identity; null for one made with a password,
 * confirmed, closed or gone. An unconfirmed account holds no identity but the one that made it (linking waits for a
 * confirmed address, ADR 0014), as the confirmation page reads it (emailConfirmationOf).
 */
export async function makerOfUnconfirmed(db: Tx | typeof prisma, userId: string): Promise<AccountMaker | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      firstName: true,
      lastName: true,
      emailVerifiedAt: true,
      closedAt: true,
      identities: { select: { provider: true }, orderBy: { linkedAt: "asc" }, take: 1 },
    },
  });
  const identity = user && !user.emailVerifiedAt && !user.closedAt ? user.identities[0] : undefined;
  return user && identity ? accountMaker(identity.provider, user) : null;
}
