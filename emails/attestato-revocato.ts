import { editionLabel, myEnrolmentsAction } from "./common.ts";
import type { Template } from "./types.ts";

/** A certificate of the teacher's was revoked (it stays revoked; a reissue, if any, is a separate message). */
export const attestatoRevocato: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  return locale === "en"
    ? {
        subject: `Certificate revoked: ${what}`,
        heading: "Your certificate of attendance has been revoked",
        paragraphs: [
          `Your certificate of attendance for ${what} has been revoked and is no longer valid.`,
          p.reason ? `Reason: ${p.reason}` : "No reason was given.",
        ],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `Attestato revocato: ${what}`,
        heading: "Il tuo attestato di partecipazione è stato revocato",
        paragraphs: [
          `Il tuo attestato di partecipazione a ${what} è stato revocato e non è più valido.`,
          p.reason ? `Motivo: ${p.reason}` : "Non è stato indicato un motivo.",
        ],
        action: myEnrolmentsAction(locale),
      };
};
