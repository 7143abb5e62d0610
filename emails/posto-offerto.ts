import { editionLabel, myEnrolmentsAction, romeDeadline, scheduleParagraphs } from "./common.ts";
import type { Locale } from "../app/domain/vocabulary.ts";
import type { EmailPayload, Template } from "./types.ts";

/**
 * A seat offered to the first in line, until a deadline. It states the edition as it is when the message leaves
 * (the schedule the outbox loads: each session's day and hours, the venue; the room link only once they accept), so
 * the person decides on the dates as they are: an offer made by the save that also moved the sessions (a cap raised
 * with them) is that save's only message to them, and a place offered before a schedule change's message to the
 * people waiting left is no longer told by that one (ADR 0011, addendum 07/12/2026). A payload without a schedule
 * (the place gone, an edition without sessions) says only that a seat is offered. What happens after it is said as
 * "may": the expired offer's seat goes to the next person only if someone is waiting in its line and the edition
 * still gives seats (not once the event is closed or the training is over, ADR 0011, 0084), as "offerta-scaduta"
 * says nothing of where it went. A seat the organiser added by raising the cap (`seatsAdded`) is said as places added to
 * the edition, and one a released regional quota left unused (`quotaReleased`) as places reserved for a region opened
 * to everyone, not as one somebody left; a row queued without either says a seat became free, as before.
 */
export const postoOfferto: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const deadline = p.offerExpiresAt ? romeDeadline(p.offerExpiresAt, locale) : null;
  const schedule = scheduleParagraphs(p, locale, { offered: true });
  if (locale === "en") {
    return {
      subject: deadline ? `A place is offered to you until ${deadline}: ${what}` : `A place is offered to you: ${what}`,
      heading: "A place is offered to you",
      paragraphs: [
        `${why(p, what, locale)}${schedule.length ? " This is the edition as it is now." : ""}`,
        ...schedule,
        deadline
          ? `Accept it or decline it by ${deadline}: if you do not accept it by then, the offer expires and the place may go to the next person on the waiting list.`
          : "Accept it or decline it as soon as you can.",
      ],
      action: { label: "Accept or decline", path: myEnrolmentsAction(locale).path },
    };
  }
  return {
    subject: deadline ? `Posto disponibile, conferma entro ${deadline}: ${what}` : `Posto disponibile: ${what}`,
    heading: "Ti è offerto un posto",
    paragraphs: [
      `${why(p, what, locale)}${schedule.length ? " Ecco l'edizione com'è ora." : ""}`,
      ...schedule,
      deadline
        ? `Accettalo o rinuncia entro ${deadline}: se non lo accetti entro allora, l'offerta scade e il posto può passare alla persona successiva in lista d'attesa.`
        : "Accettalo o rinuncia appena puoi.",
    ],
    action: { label: "Accetta o rinuncia", path: myEnrolmentsAction(locale).path },
  };
};

/** Why a place is offered: places added, a regional quota's opened to everyone, or (without either flag) one freed. */
function why(p: EmailPayload, what: string, locale: Locale): string {
  if (locale === "en") {
    if (p.seatsAdded) return `More places were added to ${what}.`;
    if (p.quotaReleased) return `The organiser of ${what} has opened the places reserved for a region to everyone.`;
    return `A place became free in ${what}.`;
  }
  if (p.seatsAdded) return `Sono stati aggiunti posti in ${what}.`;
  if (p.quotaReleased) return `L'organizzazione di ${what} ha aperto a tutti i posti riservati a una regione.`;
  return `Si è liberato un posto in ${what}.`;
}
