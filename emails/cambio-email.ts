import type { Template } from "./types.ts";

export const CONFIRM_NEW_EMAIL_PATH = "/conferma-nuova-email/";

/** Sent to the new address of an email change: the link that makes it the account's (24 hours, single use). */
export const cambioEmail: Template = (p, { locale }) => {
  const path = `${CONFIRM_NEW_EMAIL_PATH}${encodeURIComponent(p.token ?? "")}`;
  return locale === "en"
    ? {
        subject: "Confirm your new email address",
        heading: "Confirm your new address",
        paragraphs: [
          "You asked to use this address for your Forma account. Open the link below and press the button: the change applies only then. The link is valid for 24 hours.",
          "If you did not ask for it, ignore this message: nothing changes.",
        ],
        action: { label: "Confirm the new address", path },
        about: "account",
      }
    : {
        subject: "Conferma il nuovo indirizzo email",
        heading: "Conferma il nuovo indirizzo",
        paragraphs: [
          "Hai chiesto di usare questo indirizzo per il tuo account Forma. Apri il link qui sotto e premi il pulsante: il cambio vale solo allora. Il link vale 24 ore.",
          "Se non l'hai chiesto tu, ignora questo messaggio: non cambia nulla.",
        ],
        action: { label: "Conferma il nuovo indirizzo", path },
        about: "account",
      };
};
