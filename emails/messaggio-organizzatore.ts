import { messageParagraphs } from "../app/domain/participant-message.ts";
import { editionLabel, myEnrolmentsAction, senderParagraphs } from "./common.ts";
import type { Template } from "./types.ts";

/**
 * The organiser's own subject and text, said to come from the organiser of the edition and, when
 * the payload names them, from whom: a reply reaches them (Reply-To, ADR 0076).
 */
export const messaggioOrganizzatore: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const text = messageParagraphs(p.messageBody ?? "");
  return locale === "en"
    ? {
        subject: `${p.messageSubject ?? "Message from the organiser"} – ${what}`,
        heading: p.messageSubject ?? "Message from the organiser",
        paragraphs: [`The organiser of ${what} writes to its participants:`, ...text, ...senderParagraphs(p, locale)],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `${p.messageSubject ?? "Messaggio dell'organizzazione"} – ${what}`,
        heading: p.messageSubject ?? "Messaggio dell'organizzazione",
        paragraphs: [`L'organizzazione di ${what} scrive a chi partecipa:`, ...text, ...senderParagraphs(p, locale)],
        action: myEnrolmentsAction(locale),
      };
};
