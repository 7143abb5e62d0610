import { CATALOGUE, editionLabel } from "./common.ts";
import type { Template } from "./types.ts";

export const offertaScaduta: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  return locale === "en"
    ? {
        subject: `Offer expired: ${what}`,
        heading: "The offered place has expired",
        paragraphs: [
          `The place offered to you in ${what} was not accepted in time and has gone to the next person on the waiting list.`,
        ],
        action: { label: "Browse the catalogue", path: CATALOGUE },
      }
    : {
        subject: `Offerta scaduta: ${what}`,
        heading: "L'offerta del posto è scaduta",
        paragraphs: [
          `Il posto offerto in ${what} non è stato accettato in tempo ed è passato al prossimo in lista d'attesa.`,
        ],
        action: { label: "Sfoglia il catalogo", path: CATALOGUE },
      };
};
