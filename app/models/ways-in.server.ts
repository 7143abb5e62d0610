// How an existing account is entered, for the pages and emails that tell someone to sign in to it (ADR 0014, addenda
// of session 18 and of 07/12/2026): "sign in with your password" is a dead end for an account made with SPID or CIE,
// which often has none.
import { providerNameOf, type ProviderName } from "~/domain/provider-label.ts";
import { prisma } from "~/utils/db.server.ts";
import { passwordSignInEnabled, providerById } from "./oidc.server.ts";

/**
 * How the account that holds a codice fiscale, or an address, is entered: whether its password works (it has one and
 * password sign-in is on) and the labels of its identities' providers, oldest first, as configured (label and
 * labelEn: the page or the email names each in its reader's language, providerLabelIn). Null: no account holds it. For
 * /accedi/completa, which tells a first identity how to join the account that exists already, and for sign-up's
 * "account-esistente" email, which tells the address's owner how to sign in (createTeacherAccount).
 */
export type HolderWaysIn = {
  password: boolean;
  /** The providers still configured: each a way in (a button of /accedi). */
  providers: ProviderName[];
  /**
   * The ids of the providers removed from OIDC_PROVIDERS since an identity was linked through them (oldest first): no
   * way in any more, named only to say why none is left (goneProvidersText), never as a button to press.
   */
  unavailable: string[];
};

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
  const ids = [...new Set(holder.identities.map((i) => i.provider))];
  return {
    password: Boolean(holder.password) && passwordSignInEnabled(),
    providers: ids.flatMap((id) => {
      const provider = providerById(id);
      return provider ? [providerNameOf(provider)] : [];
    }),
    unavailable: ids.filter((id) => !providerById(id)),
  };
}
