import { cancellationParagraphs, editionLabel, myEnrolmentsAction, scheduleParagraphs } from "./common.ts";
import type { Template } from "./types.ts";

export const iscrizioneConfermata: Template = (p, ctx) => {
  const { locale } = ctx;
  const what = editionLabel(p, locale);
  const schedule = scheduleParagraphs(p, locale);
  return locale === "en"
    ? {
        subject: `Enrolment confirmed: ${what}`,
        heading: "Your enrolment is confirmed",
        paragraphs: [`You have a place in ${what}.`, ...schedule, ...cancellationParagraphs(p, ctx, true)],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `Iscrizione confermata: ${what}`,
        heading: "La tua iscrizione è confermata",
        paragraphs: [`Hai un posto in ${what}.`, ...schedule, ...cancellationParagraphs(p, ctx, true)],
        action: myEnrolmentsAction(locale),
      };
};
