import type { Template } from "./types.ts";

export const CONFIRM_EMAIL_PATH = "/conferma-email/";

/** After sign-up: the link that confirms the address (valid 7 days, single use). */
export const confermaEmail: Template = (p, { locale }) => {
  const path = `${CONFIRM_EMAIL_PATH}${encodeURIComponent(p.token ?? "")}`;
  return locale === "en"
    ? {
        subject: "Confirm your email address",
        heading: "Welcome to Forma",
        paragraphs: [
          "Please confirm that this is your email address: open the link below and press the button. The link is valid for 7 days.",
        ],
        action: { label: "Confirm my email", path },
        about: "account",
      }
    : {
        subject: "Conferma il tuo indirizzo email",
        heading: "Ti diamo il benvenuto in Forma",
        paragraphs: [
          "Conferma che questo è il tuo indirizzo email: apri il link qui sotto e premi il pulsante. Il link vale 7 giorni.",
        ],
        action: { label: "Conferma la mia email", path },
        about: "account",
      };
};
