import type { Locale } from "../app/domain/vocabulary.ts";
import { goneProvidersText } from "../app/domain/provider-label.ts";
import { payloadProviderLabel } from "./common.ts";
import type { EmailPayload, Template } from "./types.ts";

export const CONFIRM_EMAIL_PATH = "/conferma-email/";

/**
 * After sign-up: the link that confirms the address (valid 7 days, single use). An account made by a first
 * sign-in with an identity (SPID, CIE…) says in whose name and with what (ADR 0014): the address may be
 * someone else's, and confirming it would put this mailbox behind another person's account.
 */
export const confermaEmail: Template = (p, { locale }) => {
  const path = `${CONFIRM_EMAIL_PATH}${encodeURIComponent(p.token ?? "")}`;
  return locale === "en"
    ? {
        subject: "Confirm your email address",
        heading: "Welcome to Forma",
        paragraphs: [
          ...madeWithParagraphs(p, locale),
          "Please confirm that this is your email address: open the link below and press the button. The link is valid for 7 days.",
        ],
        action: { label: "Confirm my email", path },
        about: "account",
      }
    : {
        subject: "Conferma il tuo indirizzo email",
        heading: "Ti diamo il benvenuto in Forma",
        paragraphs: [
          ...madeWithParagraphs(p, locale),
          "Conferma che questo è il tuo indirizzo email: apri il link qui sotto e premi il pulsante. Il link vale 7 giorni.",
        ],
        action: { label: "Conferma la mia email", path },
        about: "account",
      };
};

/**
 * The two sentences naming an account's maker (payload providerLabel and accountName), for every email that asks the
 * address to confirm (this one, sent first or again, and "account-in-scadenza"); none for an account made with a
 * password. A provider removed from the configuration before the row was queued (payload providerGone) is named as
 * what it was, "un'identità digitale di un fornitore di identità che Forma non offre più (spid-old)", as the
 * confirmation page names it (ADR 0014, addendum of 07/12/2026); rows queued before carried its id as providerLabel.
 */
export function madeWithParagraphs(p: EmailPayload, locale: Locale): string[] {
  const label = payloadProviderLabel(p, locale);
  if ((!label && !p.goneProvider) || !p.accountName) return [];
  const name = p.accountName;
  const gone = !label && p.goneProvider ? goneProvidersText([p.goneProvider], locale) : null;
  if (locale === "en") {
    const made = gone ? `with a digital identity from ${gone},` : `with "${label}"`;
    return [
      `This Forma account was created by signing in ${made} in the name of ${name}, with this email address.`,
      `If you are not ${name}, do not confirm: the account stays unconfirmed and is then deleted.`,
    ];
  }
  const made = gone ? `con un'identità digitale di ${gone},` : `con «${label}»`;
  return [
    `Questo account Forma è stato creato accedendo ${made} a nome di ${name}, con questo indirizzo email.`,
    `Se non sei ${name}, non confermare: l'account resta senza conferma e poi viene cancellato.`,
  ];
}
