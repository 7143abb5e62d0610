import type { Template } from "./types.ts";

/** Sent to the address of an account that has just been closed (by its owner or the national unit). */
export const accountChiuso: Template = (p, { locale }) =>
  locale === "en"
    ? {
        subject: "Your Forma account has been closed",
        heading: "Your account has been closed",
        paragraphs: [
          "Your personal data has been erased from Forma and the places you held have been released.",
          "Certificates already issued stay verifiable with their code; registers keep the hours under a pseudonym.",
        ],
        about: "account",
      }
    : {
        subject: "Il tuo account Forma è stato chiuso",
        heading: "Il tuo account è stato chiuso",
        paragraphs: [
          "I tuoi dati personali sono stati cancellati da Forma e i posti che occupavi sono stati liberati.",
          "Gli attestati già emessi restano verificabili con il loro codice; nei registri le ore restano sotto uno pseudonimo.",
        ],
        about: "account",
      };
