import { editionLabel, myEnrolmentsAction } from "./common.ts";
import type { Template } from "./types.ts";

export const rimosso: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  return locale === "en"
    ? {
        subject: `Removed from: ${what}`,
        heading: "The organiser has removed your enrolment",
        paragraphs: [
          `The organiser has removed your enrolment in ${what}.`,
          p.reason ? `Reason: ${p.reason}` : "No reason was given.",
        ],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `Iscrizione rimossa: ${what}`,
        heading: "L'organizzazione ha rimosso la tua iscrizione",
        paragraphs: [
          `L'organizzazione ha rimosso la tua iscrizione a ${what}.`,
          p.reason ? `Motivo: ${p.reason}` : "Non è stato indicato un motivo.",
        ],
        action: myEnrolmentsAction(locale),
      };
};
