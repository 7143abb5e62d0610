import { CATALOGUE, editionLabel } from "./common.ts";
import type { Template } from "./types.ts";

export const candidaturaRespinta: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
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
