import { cancellationParagraphs, editionLabel, myEnrolmentsAction, scheduleParagraphs } from "./common.ts";
import type { Template } from "./types.ts";

export const promosso: Template = (p, ctx) => {
  const { locale } = ctx;
  const what = editionLabel(p, locale);
  const schedule = scheduleParagraphs(p, locale);
  return locale === "en"
    ? {
        subject: `You have a place: ${what}`,
        heading: "A place has become free for you",
        paragraphs: [
          `A place became free in ${what} and it is yours: your enrolment is confirmed.`,
          ...schedule,
          ...cancellationParagraphs(p, ctx, false),
        ],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `Hai un posto: ${what}`,
        heading: "Si è liberato un posto per te",
        paragraphs: [
          `Si è liberato un posto in ${what} ed è tuo: la tua iscrizione è confermata.`,
          ...schedule,
          ...cancellationParagraphs(p, ctx, false),
        ],
        action: myEnrolmentsAction(locale),
      };
};
