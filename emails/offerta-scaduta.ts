import { CATALOGUE, editionLabel } from "./common.ts";
import type { Template } from "./types.ts";

/**
 * An offered place that can no longer be accepted. The deadline passed, or the offer ended before it
 * (`endedBy`): the organiser closed the event, or moved the sessions so that the training is over. In
 * those cases the message says so and does not tell the teacher they let the deadline pass.
 */
export const offertaScaduta: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const early = p.endedBy !== undefined;
  if (locale === "en") {
    // Not "gone to the next person": there may be nobody left waiting, and a seat freed once the
    // training is over goes to nobody (ADR 0011).
    const why =
      p.endedBy === "evento-chiuso"
        ? `The organiser closed the event before your offer's deadline: the place offered to you in ${what} is no longer available, and the offer has ended.`
        : p.endedBy === "formazione-conclusa"
          ? `The organiser updated the sessions of ${what}: the training has now taken place, so the place offered to you can no longer be accepted and the offer has ended before its deadline.`
          : `The place offered to you in ${what} was not accepted by its deadline: the offer has expired and the place is no longer held for you.`;
    return {
      subject: early ? `Offer ended: ${what}` : `Offer expired: ${what}`,
      heading: early ? "The offered place is no longer available" : "The offered place has expired",
      paragraphs: [why],
      action: { label: "Browse the catalogue", path: CATALOGUE },
    };
  }
  const why =
    p.endedBy === "evento-chiuso"
      ? `L'organizzazione ha chiuso l'evento prima della scadenza della tua offerta: il posto offerto in ${what} non è più disponibile e l'offerta è terminata.`
      : p.endedBy === "formazione-conclusa"
        ? `L'organizzazione ha aggiornato gli incontri di ${what}: la formazione risulta già svolta, quindi il posto offerto non può più essere accettato e l'offerta è terminata prima della scadenza.`
        : `Il posto offerto in ${what} non è stato accettato entro il termine: l'offerta è scaduta e il posto non è più riservato a te.`;
  return {
    subject: early ? `Offerta terminata: ${what}` : `Offerta scaduta: ${what}`,
    heading: early ? "Il posto offerto non è più disponibile" : "L'offerta del posto è scaduta",
    paragraphs: [why],
    action: { label: "Sfoglia il catalogo", path: CATALOGUE },
  };
};
