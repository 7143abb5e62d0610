import type { Template } from "./types.ts";

/**
 * Sent to the old address once an email change is confirmed. A security notice: it says whom to
 * write to (the service's address, as the site's footer gives it) and its footer never says
 * "if it was not you, ignore it" ("account-notice").
 */
export const emailModificata: Template = (p, { locale, contactEmail }) =>
  locale === "en"
    ? {
        subject: "The email address of your Forma account has changed",
        heading: "Your email address has changed",
        paragraphs: [
          `Your Forma account now uses ${p.newEmail ?? "another address"}: messages will go there from now on.`,
          `If you did not make this change, write to the national unit at once at ${contactEmail} and reset your password.`,
        ],
        about: "account-notice",
      }
    : {
        subject: "L'indirizzo email del tuo account Forma è cambiato",
        heading: "Il tuo indirizzo email è cambiato",
        paragraphs: [
          `Il tuo account Forma usa ora ${p.newEmail ?? "un altro indirizzo"}: da adesso le comunicazioni arriveranno lì.`,
          `Se non hai chiesto tu questo cambio, scrivi subito all'Unità nazionale all'indirizzo ${contactEmail} e reimposta la password.`,
        ],
        about: "account-notice",
      };
