// The organiser placed the teacher in an edition (app/models/placement.server.ts): with a seat
// (the sessions come as a calendar invitation) or, the edition being full, on its waitlist.
import { cancellationParagraphs, editionLabel, myEnrolmentsAction, scheduleParagraphs } from "./common.ts";
import type { Template } from "./types.ts";

export const inseritoDallOrganizzatore: Template = (p, ctx) => {
  const { locale } = ctx;
  const what = editionLabel(p, locale);
  const schedule = scheduleParagraphs(p, locale);
  return locale === "en"
    ? {
        subject: `You have been enrolled: ${what}`,
        heading: "The organiser enrolled you",
        paragraphs: [
          `The organiser of ${what} has given you a place.`,
          ...schedule,
          ...cancellationParagraphs(p, ctx, true),
        ],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `Hai un posto assegnato dall'organizzazione: ${what}`,
        heading: "L'organizzazione ti ha assegnato un posto",
        paragraphs: [
          `L'organizzazione di ${what} ti ha assegnato un posto.`,
          ...schedule,
          ...cancellationParagraphs(p, ctx, true),
        ],
        action: myEnrolmentsAction(locale),
      };
};

/**
 * The organiser recorded the teacher's participation in an edition already over (ADR 0098): a seat,
 * told without the schedule's invitation (the sessions are past) nor the advice to cancel.
 */
export const partecipazioneRegistrata: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  return locale === "en"
    ? {
        subject: `Participation recorded: ${what}`,
        heading: "The organiser recorded your participation",
        paragraphs: [
          `The organiser of ${what}, which has ended, has recorded your participation and given you a place in it.`,
          "Your attendance and any certificate follow the edition's register: you will find them under “My enrolments”.",
        ],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `Partecipazione registrata: ${what}`,
        heading: "L'organizzazione ha registrato la tua partecipazione",
        paragraphs: [
          `L'organizzazione di ${what}, già conclusa, ha registrato la tua partecipazione e ti ha assegnato un posto.`,
          "Presenze ed eventuale attestato seguono il registro dell'edizione: li trovi in «Le mie iscrizioni».",
        ],
        action: myEnrolmentsAction(locale),
      };
};

export const inAttesaDallOrganizzatore: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  return locale === "en"
    ? {
        subject: `You are on the waiting list: ${what}`,
        heading: "The organiser put you on the waiting list",
        paragraphs: [
          `The organiser of ${what} added you, but its places are taken: you are on its waiting list${p.position !== null ? `, in position ${p.position}` : ""}.`,
          "If a place becomes free you will receive another message.",
        ],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `Sei in lista d'attesa: ${what}`,
        heading: "L'organizzazione ha messo il tuo nome in lista d'attesa",
        paragraphs: [
          `L'organizzazione di ${what} ha chiesto un posto per te, ma i posti sono esauriti: sei in lista d'attesa${p.position !== null ? `, in posizione ${p.position}` : ""}.`,
          "Se si libera un posto riceverai un altro messaggio.",
        ],
        action: myEnrolmentsAction(locale),
      };
};

/**
 * The organiser moved the teacher in the waitlist, with the reason; or released the quota whose line the teacher
 * waited in (quotaReleased), which put them at the end of the general line.
 */
export const posizioneListaAttesaModificata: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const en = locale === "en";
  const where =
    p.position !== null
      ? en
        ? `you are now in position ${p.position}`
        : `ora sei in posizione ${p.position}`
      : en
        ? "your position has changed"
        : "la tua posizione è cambiata";
  const change = p.quotaReleased
    ? en
      ? `The organiser of ${what} has opened the places reserved for your region to everyone: you now wait in the general waiting list, after those already in it, and ${where}.`
      : `L'organizzazione di ${what} ha aperto a tutti i posti riservati alla tua regione: ora attendi nella lista d'attesa generale, dopo chi vi era già, e ${where}.`
    : en
      ? `The organiser of ${what} changed the order of its waiting list: ${where}.`
      : `L'organizzazione di ${what} ha modificato l'ordine della lista d'attesa: ${where}.`;
  return en
    ? {
        subject: `Your place on the waiting list changed: ${what}`,
        heading: "Your place on the waiting list changed",
        paragraphs: [change, ...(p.reason ? [`Reason: ${p.reason}`] : [])],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `La tua posizione in lista d'attesa è cambiata: ${what}`,
        heading: "La tua posizione in lista d'attesa è cambiata",
        paragraphs: [change, ...(p.reason ? [`Motivo: ${p.reason}`] : [])],
        action: myEnrolmentsAction(locale),
      };
};
