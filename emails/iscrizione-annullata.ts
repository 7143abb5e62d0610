import { CATALOGUE, editionLabel } from "./common.ts";
import type { Template } from "./types.ts";

export const iscrizioneAnnullata: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  return locale === "en"
    ? {
        subject: `Enrolment cancelled: ${what}`,
        heading: "Your enrolment is cancelled",
        paragraphs: [`Your enrolment in ${what} has been cancelled as you asked.`],
        action: { label: "Browse the catalogue", path: CATALOGUE },
      }
    : {
        subject: `Iscrizione annullata: ${what}`,
        heading: "La tua iscrizione è annullata",
        paragraphs: [`La tua iscrizione a ${what} è stata annullata come hai chiesto.`],
        action: { label: "Sfoglia il catalogo", path: CATALOGUE },
      };
};
