import { editionLabel } from "./common.ts";
import type { Template } from "./types.ts";

/**
 * To the organisers of an edition (the event's owner, its trainers): a participant's account was
 * closed and their place was released (app/models/account-closure.server.ts). Says what the
 * waitlist did with it; never who the participant was (their data is erased), nor who closed the
 * account: the participant or the national unit (/admin/utenti), so it says neither. "Nobody was waiting"
 * only when nobody was; people waiting and nobody given the seat (a closed event, a training over) is said so.
 */
export const postoLiberato: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const en = locale === "en";
  const told = {
    promosso: en
      ? "The next teacher on the waiting list has been given the place and told."
      : "Il posto è andato alla prima persona in lista d'attesa, che ha ricevuto un avviso.",
    offerta: en
      ? "The place has been offered to the next teacher on the waiting list, who has been told."
      : "Il posto è stato offerto alla prima persona in lista d'attesa, che ha ricevuto un avviso.",
    "evento-chiuso": en
      ? "The place has not been given to anyone: the event is closed, so those on the waiting list stay on it."
      : "Il posto non è stato assegnato: l'evento è chiuso, quindi chi è in lista d'attesa resta in attesa.",
    "formazione-conclusa": en
      ? "The place has not been given to anyone: the training is over, so those on the waiting list stay on it."
      : "Il posto non è stato assegnato: la formazione è conclusa, quindi chi è in lista d'attesa resta in attesa.",
    "non-assegnato": en
      ? "The place has not been given to anyone on the waiting list, who stay on it: the edition's page shows its places and waiting lists."
      : "Il posto non è stato assegnato a chi è in lista d'attesa, che resta in attesa: la pagina dell'edizione mostra posti e liste d'attesa.",
  } as const;
  const nobodyWaited = en
    ? "Nobody was waiting: the place is now free."
    : "La lista d'attesa era vuota: il posto ora è libero.";
  const next = p.nextInLine ? told[p.nextInLine] : nobodyWaited;
  return en
    ? {
        subject: `A place was freed: ${what}`,
        heading: "A participant's account has been closed",
        paragraphs: [
          `The Forma account of a participant of ${what} has been closed, so their place was released.`,
          next,
        ],
        action: { label: "Open the edition", path: p.editionPath ?? "/gestione/eventi" },
        about: "organiser",
      }
    : {
        subject: `Posto liberato: ${what}`,
        heading: "L'account di una persona iscritta è stato chiuso",
        paragraphs: [
          `L'account Forma di una persona iscritta a ${what} è stato chiuso e il suo posto è stato liberato.`,
          next,
        ],
        action: { label: "Apri l'edizione", path: p.editionPath ?? "/gestione/eventi" },
        about: "organiser",
      };
};
