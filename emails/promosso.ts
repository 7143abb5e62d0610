import { cancellationParagraphs, editionLabel, myEnrolmentsAction, scheduleParagraphs } from "./common.ts";
import type { Template } from "./types.ts";

/**
 * A seat from the waiting list: one became free and is the teacher's; or (fromOffer) the organiser moved the
 * sessions so that no time was left to answer the teacher's open offer, and the offered seat became theirs at
 * once (rescheduleOffers, ADR 0011); or (seatsAdded) the organiser raised the edition's cap and one of the seats added
 * is theirs (changeSeatCap, updateEvent): said as places added, not as one somebody left; or (quotaReleased) the
 * organiser opened the places reserved for a region to everyone and one of those left unused is theirs (releaseQuota).
 * A row queued without the fields says a seat became free, as before.
 */
export const promosso: Template = (p, ctx) => {
  const { locale } = ctx;
  const what = editionLabel(p, locale);
  const schedule = scheduleParagraphs(p, locale);
  if (locale === "en") {
    return {
      subject: `You have a place: ${what}`,
      heading: p.fromOffer
        ? "The place you were offered is now yours"
        : p.seatsAdded
          ? "There is a new place for you"
          : p.quotaReleased
            ? "There is a place for you"
            : "A place has become free for you",
      paragraphs: [
        p.fromOffer
          ? `The organiser moved the sessions of ${what}: no time is left to answer the offer of a place, so the place you were offered is now yours and your enrolment is confirmed.`
          : p.seatsAdded
            ? `More places were added to ${what} and one is yours: your enrolment is confirmed.`
            : p.quotaReleased
              ? `The organiser of ${what} has opened the places reserved for a region to everyone, and one is yours: your enrolment is confirmed.`
              : `A place became free in ${what} and it is yours: your enrolment is confirmed.`,
        ...schedule,
        ...cancellationParagraphs(p, ctx, false),
      ],
      action: myEnrolmentsAction(locale),
    };
  }
  return {
    subject: `Hai un posto: ${what}`,
    heading: p.fromOffer
      ? "Il posto che ti era stato offerto è tuo"
      : p.seatsAdded
        ? "C'è un nuovo posto per te"
        : p.quotaReleased
          ? "C'è un posto per te"
          : "Si è liberato un posto per te",
    paragraphs: [
      p.fromOffer
        ? `L'organizzazione ha spostato gli incontri di ${what}: non resta più tempo per rispondere all'offerta del posto, quindi il posto che ti era stato offerto è ora tuo e la tua iscrizione è confermata.`
        : p.seatsAdded
          ? `Sono stati aggiunti posti in ${what} e uno è tuo: la tua iscrizione è confermata.`
          : p.quotaReleased
            ? `L'organizzazione di ${what} ha aperto a tutti i posti riservati a una regione, e uno è tuo: la tua iscrizione è confermata.`
            : `Si è liberato un posto in ${what} ed è tuo: la tua iscrizione è confermata.`,
      ...schedule,
      ...cancellationParagraphs(p, ctx, false),
    ],
    action: myEnrolmentsAction(locale),
  };
};
