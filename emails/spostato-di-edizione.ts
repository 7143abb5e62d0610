// The organiser moved the teacher to another edition of the same event (app/models/seat-ledger.server.ts,
// moveToEdition): with a seat there (the new sessions come as a calendar invitation) or, that
// edition being full, on its waitlist. The place in the old edition has ended.
import { cancellationParagraphs, editionLabel, myEnrolmentsAction, scheduleParagraphs } from "./common.ts";
import type { EmailPayload, Template } from "./types.ts";
import type { Locale } from "../app/domain/vocabulary.ts";

function fromWhat(p: EmailPayload, locale: Locale): string {
  // Italian: "all'edizione 1" (the place "in" it), English: "edition 1".
  if (p.fromEditionNumber === undefined) return locale === "en" ? "your previous edition" : "all'edizione precedente";
  return locale === "en" ? `edition ${p.fromEditionNumber}` : `all'edizione ${p.fromEditionNumber}`;
}

function reasonLine(p: EmailPayload, locale: Locale): string[] {
  return p.reason ? [locale === "en" ? `Reason: ${p.reason}` : `Motivo: ${p.reason}`] : [];
}

export const spostatoDiEdizione: Template = (p, ctx) => {
  const { locale } = ctx;
  const what = editionLabel(p, locale);
  const from = fromWhat(p, locale);
  const schedule = scheduleParagraphs(p, locale);
  return locale === "en"
    ? {
        subject: `Your place has moved: ${what}`,
        heading: "The organiser moved you to another edition",
        paragraphs: [
          `The organiser moved your place from ${from} to ${what}: you have a seat there. Your place in ${from} has ended.`,
          ...reasonLine(p, locale),
          ...schedule,
          ...cancellationParagraphs(p, ctx, true),
        ],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `La tua iscrizione è stata spostata: ${what}`,
        heading: "La tua iscrizione è passata a un'altra edizione",
        paragraphs: [
          `L'organizzazione ha spostato la tua iscrizione a ${what}: hai un posto. L'iscrizione ${from} è terminata.`,
          ...reasonLine(p, locale),
          ...schedule,
          ...cancellationParagraphs(p, ctx, true),
        ],
        action: myEnrolmentsAction(locale),
      };
};

export const spostatoInListaAttesa: Template = (p, ctx) => {
  const { locale } = ctx;
  const what = editionLabel(p, locale);
  const from = fromWhat(p, locale);
  const where =
    p.position !== null ? (locale === "en" ? `, in position ${p.position}` : `, in posizione ${p.position}`) : "";
  return locale === "en"
    ? {
        subject: `You are on the waiting list: ${what}`,
        heading: "The organiser moved you to another edition",
        paragraphs: [
          `The organiser moved your place from ${from} to ${what}, whose places are taken: you are on its waiting list${where}. Your place in ${from} has ended.`,
          ...reasonLine(p, locale),
          "If a place becomes free you will receive another message.",
        ],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `Sei in lista d'attesa: ${what}`,
        heading: "La tua iscrizione è passata a un'altra edizione",
        paragraphs: [
          `L'organizzazione ha spostato la tua iscrizione a ${what}, i cui posti sono esauriti: sei in lista d'attesa${where}. L'iscrizione ${from} è terminata.`,
          ...reasonLine(p, locale),
          "Se si libera un posto riceverai un altro messaggio.",
        ],
        action: myEnrolmentsAction(locale),
      };
};
