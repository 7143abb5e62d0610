import type { Template } from "./types.ts";

/**
 * Sent to the address of an account that has just been closed (by its owner or the national unit).
 * A notice of what was done: it says whom to write to (the service's address, as the site's footer
 * gives it), and its footer never says "if it was not you, ignore it" ("account-notice").
 */
export const accountChiuso: Template = (p, { locale, contactEmail }) =>
  locale === "en"
    ? {
        subject: "Your Forma account has been closed",
        heading: "Your account has been closed",
        paragraphs: [
          "Your personal data has been erased from Forma and the places you held have been released.",
          "Certificates already issued stay verifiable with their code; registers keep the hours under a pseudonym.",
          `If you did not ask for this closure, or for any question, write to the national unit at ${contactEmail}.`,
        ],
        about: "account-notice",
      }
    : {
        subject: "Il tuo account Forma è stato chiuso",
        heading: "Il tuo account è stato chiuso",
        paragraphs: [
          "I tuoi dati personali sono stati cancellati da Forma e i posti che occupavi sono stati liberati.",
          "Gli attestati già emessi restano verificabili con il loro codice; nei registri le ore restano sotto uno pseudonimo.",
          `Se non hai chiesto tu la chiusura, o per qualsiasi domanda, scrivi all'Unità nazionale all'indirizzo ${contactEmail}.`,
        ],
        about: "account-notice",
      };
