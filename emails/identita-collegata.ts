import { goneProvidersText } from "../app/domain/provider-label.ts";
import type { Locale } from "../app/domain/vocabulary.ts";
import { payloadProviderLabel } from "./common.ts";
import type { EmailPayload, Template } from "./types.ts";

/**
 * Which identity, after "un'identità digitale": its provider's label in brackets; for a provider removed from the
 * configuration since, what it was, as the pages say it ("di un fornitore di identità che Forma non offre più
 * (spid-old)", ADR 0014, addendum of 07/12/2026), never its bare id as a label; nothing when the payload names none.
 */
function whichIdentity(p: EmailPayload, locale: Locale): string {
  if (p.goneProvider) {
    const gone = goneProvidersText([p.goneProvider], locale);
    return locale === "en" ? ` from ${gone}` : ` di ${gone}`;
  }
  const label = payloadProviderLabel(p, locale);
  return label ? ` (${label})` : "";
}

/** The profile page that lists the account's identities, where one is unlinked. */
const IDENTITIES_PATH = "/profilo/accessi";

/**
 * A digital identity (SPID, CIE, EU Login…) was linked to the account: a lasting way in that does not need the
 * password, so its owner is told at the account's address, as of a change of address (ADR 0014, addendum). A
 * security notice like "email-modificata": it says whom to write to (the service's address) and its footer never
 * says "if it was not you, ignore it" ("account-notice"), which would undo the body for the one reader it alarms.
 */
export const identitaCollegata: Template = (p, { locale, contactEmail }) => {
  const which = whichIdentity(p, locale);
  return locale === "en"
    ? {
        subject: "A digital identity has been linked to your Forma account",
        heading: "Digital identity linked",
        paragraphs: [
          `A digital identity${which} has been linked to your Forma account: from now on whoever uses it signs in to your account without a password.`,
          `If you did not link it, unlink it at once from your profile, end your other sessions and write to the national unit at ${contactEmail}.`,
        ],
        action: { label: "See the linked identities", path: IDENTITIES_PATH },
        about: "account-notice",
      }
    : {
        subject: "Al tuo account Forma è stata collegata un'identità digitale",
        heading: "Identità digitale collegata",
        paragraphs: [
          `Al tuo account Forma è stata collegata un'identità digitale${which}: da ora chi la usa entra nel tuo account senza password.`,
          `Se non l'hai collegata tu, scollegala subito dal tuo profilo, chiudi le altre sessioni e scrivi all'Unità nazionale all'indirizzo ${contactEmail}.`,
        ],
        action: { label: "Vedi le identità collegate", path: IDENTITIES_PATH },
        about: "account-notice",
      };
};

/** A digital identity was unlinked from the account: it no longer signs in to it. */
export const identitaScollegata: Template = (p, { locale, contactEmail }) => {
  const which = whichIdentity(p, locale);
  return locale === "en"
    ? {
        subject: "A digital identity has been unlinked from your Forma account",
        heading: "Digital identity unlinked",
        paragraphs: [
          `A digital identity${which} has been unlinked from your Forma account: it no longer signs in to it.`,
          `If you did not unlink it, check the sessions and identities on your profile and write to the national unit at ${contactEmail}.`,
        ],
        action: { label: "See the linked identities", path: IDENTITIES_PATH },
        about: "account-notice",
      }
    : {
        subject: "Dal tuo account Forma è stata scollegata un'identità digitale",
        heading: "Identità digitale scollegata",
        paragraphs: [
          `Dal tuo account Forma è stata scollegata un'identità digitale${which}: non permette più di entrarci.`,
          `Se non l'hai scollegata tu, controlla le sessioni e le identità del tuo profilo e scrivi all'Unità nazionale all'indirizzo ${contactEmail}.`,
        ],
        action: { label: "Vedi le identità collegate", path: IDENTITIES_PATH },
        about: "account-notice",
      };
};
