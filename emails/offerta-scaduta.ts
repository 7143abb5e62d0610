import { CATALOGUE, editionLabel } from "./common.ts";
import type { Template } from "./types.ts";

export const offertaScaduta: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  return locale === "en"
    ? {
        subject: `Offer expired: ${what}`,
        heading: "The offered place has expired",
        paragraphs: [
          // Not "gone to the next person": there may be nobody left waiting, and a seat freed once the
          // training is over goes to nobody (ADR 0011).
          `The place offered to you in ${what} was not accepted by its deadline: the offer has expired and the place is no longer held for you.`,
        ],
        action: { label: "Browse the catalogue", path: CATALOGUE },
      }
    : {
        subject: `Offerta scaduta: ${what}`,
        heading: "L'offerta del posto è scaduta",
        paragraphs: [
          `Il posto offerto in ${what} non è stato accettato entro il termine: l'offerta è scaduta e il posto non è più riservato a te.`,
        ],
        action: { label: "Sfoglia il catalogo", path: CATALOGUE },
      };
};
