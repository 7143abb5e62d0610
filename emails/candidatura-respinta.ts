import { CATALOGUE, editionLabel } from "./common.ts";
import type { Template } from "./types.ts";

/**
 * An application under review that ended without a place. Closed by the organiser's selection: it was not accepted.
 * Or ended before any selection (`endedBy`, ADR 0084 addendum of 07/12/2026): the organiser closed the event
 * ("evento-chiuso"), or the edition ended with the selection never closed ("formazione-conclusa"). Then the message
 * says the selection was not carried out and why, not that the application was weighed and turned down.
 */
export const candidaturaRespinta: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  if (p.endedBy !== undefined) {
    const why =
      locale === "en"
        ? p.endedBy === "evento-chiuso"
          ? `The organiser closed the event before completing the selection for ${what}: the selection will not be carried out, and your application has ended without an outcome.`
          : `${what} has ended without the organiser completing the selection: the selection will not be carried out, and your application has ended without an outcome.`
        : p.endedBy === "evento-chiuso"
          ? `L'organizzazione ha chiuso l'iniziativa prima di completare la selezione per ${what}: la selezione non si farà e la tua candidatura si è chiusa senza esito.`
          : `${what} si è conclusa senza che l'organizzazione completasse la selezione: la selezione non si farà e la tua candidatura si è chiusa senza esito.`;
    return locale === "en"
      ? {
          subject: `Selection not carried out: ${what}`,
          heading: "The selection was not carried out",
          paragraphs: [why, "This is no judgement on your application. Other training is in the catalogue."],
          action: { label: "Browse the catalogue", path: CATALOGUE },
        }
      : {
          subject: `Selezione non svolta: ${what}`,
          heading: "La selezione non si è svolta",
          paragraphs: [why, "Non è un giudizio sulla tua candidatura. Trovi altre proposte nel catalogo."],
          action: { label: "Sfoglia il catalogo", path: CATALOGUE },
        };
  }
  return locale === "en"
    ? {
        subject: `Application not accepted: ${what}`,
        heading: "Your application was not accepted",
        paragraphs: [
          `The selection for ${what} is closed and your application was not accepted this time.`,
          "Thank you for applying: other training is in the catalogue.",
        ],
        action: { label: "Browse the catalogue", path: CATALOGUE },
      }
    : {
        subject: `Candidatura non accolta: ${what}`,
        heading: "La tua candidatura non è stata accolta",
        paragraphs: [
          `La selezione per ${what} è chiusa e questa volta la tua candidatura non è stata accolta.`,
          "Grazie per la tua candidatura: trovi altre proposte nel catalogo.",
        ],
        action: { label: "Sfoglia il catalogo", path: CATALOGUE },
      };
};
