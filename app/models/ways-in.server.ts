// How an existing account is entered, for the pages and emails that tell someone to sign in to it (ADR 0014, addenda
// of session 18 and of 07/12/2026): "sign in with your password" is a dead end for an account made with SPID or CIE,
// which often has none.
import { prisma } from "~/utils/db.server.ts";
import { passwordSignInEnabled, providerById } from "./oidc.server.ts";

/**
 * How the account that holds a codice fiscale, or an address, is entered: whether its password works (it has one and
 * password sign-in is on) and the labels of its identities' providers, oldest first. Null: no account holds it. For
 * /accedi/completa, which tells a first identity how to join the account that exists already, and for sign-up's
 * "account-esistente" email, which tells the address's owner how to sign in (createTeacherAccount).
 */
export type HolderWaysIn = { password: boolean; providerLabels: string[] };

export async function waysIntoHolder(where: { fiscalCode: string } | { email: string }): Promise<HolderWaysIn | null> {
  const holder = await prisma.user.findUnique({
    where,
    select: {
      closedAt: true,
      password: { select: { userId: true } },
      identities: { select: { provider: true }, orderBy: { linkedAt: "asc" } },
    },
  });
  if (!holder || holder.closedAt) return null;
  const providers = [...new Set(holder.identities.map((i) => i.provider))];
  return {
    password: Boolean(holder.password) && passwordSignInEnabled(),
    providerLabels: providers.map((id) => providerById(id)?.label ?? id),
  };
}
