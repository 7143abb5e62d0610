import { formatLongDate } from "../app/utils/dates.ts";
import { CONFIRM_EMAIL_PATH, madeWithParagraphs } from "./conferma-email.ts";
import type { Template } from "./types.ts";

/**
 * A never-confirmed account is about to be deleted (retention, ADR 0086): when, and a new link that confirms the
 * address (valid until then, single use). Sent once per account, some days before. An account made with an identity
 * names its maker before the link, as its first link did (ADR 0014): the warning pushes the owner to confirm.
 */
export const accountInScadenza: Template = (p, { locale }) => {
  const path = `${CONFIRM_EMAIL_PATH}${encodeURIComponent(p.token ?? "")}`;
  const day = p.deleteAfter ? formatLongDate(p.deleteAfter, locale) : null;
  return locale === "en"
    ? {
        subject: "Confirm your email address or your Forma account will be deleted",
        heading: "Your account is about to be deleted",
        paragraphs: [
          day
            ? `The email address of your Forma account has never been confirmed. If it is not confirmed, the account and what it holds will be deleted from ${day} (Italian time), as the privacy notice says.`
            : "The email address of your Forma account has never been confirmed. If it is not confirmed, the account and what it holds will be deleted in a few days, as the privacy notice says.",
          // Made with an identity: whose it is, before the push to confirm (ADR 0014), as the first link said.
          ...madeWithParagraphs(p, locale),
          "To keep it, open the link below and press the button: the link works until then and can be used once.",
          "If you no longer need the account, do nothing.",
        ],
        action: { label: "Confirm my email", path },
        about: "account",
      }
    : {
        subject: "Conferma il tuo indirizzo o il tuo account Forma sarà cancellato",
        heading: "Il tuo account sta per essere cancellato",
        paragraphs: [
          day
            ? `L'indirizzo email del tuo account Forma non è mai stato confermato. Se non lo confermi, l'account e i dati che contiene saranno cancellati a partire da ${day} (ora italiana), come indicato nell'informativa privacy.`
            : "L'indirizzo email del tuo account Forma non è mai stato confermato. Se non lo confermi, l'account e i dati che contiene saranno cancellati tra pochi giorni, come indicato nell'informativa privacy.",
          ...madeWithParagraphs(p, locale),
          "Per tenerlo, apri il link qui sotto e premi il pulsante: il link vale fino ad allora e si può usare una sola volta.",
          "Se l'account non ti serve più, non devi fare nulla.",
        ],
        action: { label: "Conferma la mia email", path },
        about: "account",
      };
};
