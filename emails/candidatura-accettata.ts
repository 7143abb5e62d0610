import { cancellationParagraphs, editionLabel, myEnrolmentsAction, scheduleParagraphs } from "./common.ts";
import type { Template } from "./types.ts";

export const candidaturaAccettata: Template = (p, ctx) => {
  const { locale } = ctx;
  const what = editionLabel(p, locale);
  const schedule = scheduleParagraphs(p, locale);
  return locale === "en"
    ? {
        subject: `Application accepted: ${what}`,
        heading: "Your application has been accepted",
        paragraphs: [
          `You have been selected for ${what}: you have a place.`,
          ...schedule,
          ...cancellationParagraphs(p, ctx, false),
        ],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `Candidatura accettata: ${what}`,
        heading: "La tua candidatura è stata accettata",
        paragraphs: [
          `La selezione per ${what} si è conclusa a tuo favore: hai un posto.`,
          ...schedule,
          ...cancellationParagraphs(p, ctx, false),
        ],
        action: myEnrolmentsAction(locale),
      };
};
