import { editionLabel, myEnrolmentsAction, scheduleParagraphs } from "./common.ts";
import type { Template } from "./types.ts";

export const iscrizioneConfermata: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const schedule = scheduleParagraphs(p, locale);
  return locale === "en"
    ? {
        subject: `Enrolment confirmed: ${what}`,
        heading: "Your enrolment is confirmed",
        paragraphs: [
          `You have a place in ${what}.`,
          ...schedule,
          "If you can no longer attend, please cancel your enrolment so that the place goes to a colleague on the waiting list.",
        ],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `Iscrizione confermata: ${what}`,
        heading: "La tua iscrizione è confermata",
        paragraphs: [
          `Hai un posto in ${what}.`,
          ...schedule,
          "Se non potrai partecipare, annulla l'iscrizione: il posto andrà a chi è in lista d'attesa.",
        ],
        action: myEnrolmentsAction(locale),
      };
};
