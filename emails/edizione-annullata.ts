import { CATALOGUE, editionLabel } from "./common.ts";
import type { Template } from "./types.ts";

export const edizioneAnnullata: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  return locale === "en"
    ? {
        subject: `Edition cancelled: ${what}`,
        heading: "The edition has been cancelled",
        paragraphs: [
          `${what} has been cancelled by the organiser: your enrolment has ended.`,
          p.reason ? `Reason: ${p.reason}` : "No reason was given.",
        ],
        action: { label: "Browse the catalogue", path: CATALOGUE },
      }
    : {
        subject: `Edizione annullata: ${what}`,
        heading: "L'edizione è stata annullata",
        paragraphs: [
          `L'organizzatore ha annullato ${what}: la tua iscrizione è chiusa.`,
          p.reason ? `Motivo: ${p.reason}` : "Non è stato indicato un motivo.",
        ],
        action: { label: "Sfoglia il catalogo", path: CATALOGUE },
      };
};
