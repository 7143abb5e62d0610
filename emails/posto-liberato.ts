import { editionLabel } from "./common.ts";
import type { Template } from "./types.ts";

/**
 * To the organisers of an edition (the event's owner, its trainers): a participant closed their
 * account and their place was released (app/models/account-closure.server.ts). Says what the
 * waitlist did with it; never who the participant was (their data is erased).
 */
export const postoLiberato: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const en = locale === "en";
  const next =
    p.nextInLine === "promosso"
      ? en
        ? "The next teacher on the waiting list has been given the place and told."
        : "Il posto è andato alla prima persona in lista d'attesa, che ha ricevuto un avviso."
      : p.nextInLine === "offerta"
        ? en
          ? "The place has been offered to the next teacher on the waiting list, who has been told."
          : "Il posto è stato offerto alla prima persona in lista d'attesa, che ha ricevuto un avviso."
        : en
          ? "Nobody was waiting: the place is now free."
          : "La lista d'attesa era vuota: il posto ora è libero.";
  return en
    ? {
        subject: `A place was freed: ${what}`,
        heading: "A participant closed their account",
        paragraphs: [`A participant of ${what} closed their Forma account, so their place was released.`, next],
        action: { label: "Open the edition", path: p.editionPath ?? "/gestione/eventi" },
        about: "organiser",
      }
    : {
        subject: `Posto liberato: ${what}`,
        heading: "Una persona iscritta ha chiuso il proprio account",
        paragraphs: [
          `Una persona iscritta a ${what} ha chiuso il proprio account Forma e il suo posto è stato liberato.`,
          next,
        ],
        action: { label: "Apri l'edizione", path: p.editionPath ?? "/gestione/eventi" },
        about: "organiser",
      };
};
