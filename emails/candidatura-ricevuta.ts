import { editionLabel, myEnrolmentsAction } from "./common.ts";
import type { Template } from "./types.ts";

export const candidaturaRicevuta: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  return locale === "en"
    ? {
        subject: `Application received: ${what}`,
        heading: "We have received your application",
        paragraphs: [
          `Your application for ${what} has been received.`,
          "The organiser will select the participants: you will receive a message with the outcome.",
        ],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `Candidatura ricevuta: ${what}`,
        heading: "Abbiamo ricevuto la tua candidatura",
        paragraphs: [
          `La tua candidatura per ${what} è stata ricevuta.`,
          "L'organizzazione valuterà le candidature: riceverai un messaggio con l'esito.",
        ],
        action: myEnrolmentsAction(locale),
      };
};
