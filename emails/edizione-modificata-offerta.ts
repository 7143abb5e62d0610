import {
  changedWhat,
  editionLabel,
  movedParagraphs,
  myEnrolmentsAction,
  placeChangedParagraphs,
  romeDeadline,
  scheduleParagraphs,
} from "./common.ts";
import type { Template } from "./types.ts";

/**
 * The offer version of "edizione-modificata": the sessions, place or room of an edition in which the
 * teacher holds an offered seat changed. It states the edition as it now is, as the seat holders'
 * version does (the schedule loaded when it leaves: each session's day and hours, an asynchronous
 * activity as its period, the venue; the room link only once they accept), and the deadline to accept,
 * brought forward when the last session now starts before the old one (ADR 0011: an offer never
 * outlives the edition). No calendar invitation: the teacher holds no place until they accept. A payload
 * without a schedule (the place gone) lists the sessions it was written with.
 */
export const edizioneModificataOfferta: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const line = (s: { startsAt: string; title: string }) =>
    `• ${romeDeadline(s.startsAt, locale)}${s.title ? ` — ${s.title}` : ""}`;
  const schedule = scheduleParagraphs(p, locale, { offered: true });
  const sessions = schedule.length ? [] : (p.sessions ?? []).map(line);
  const cancelled = (p.cancelledSessions ?? []).map(line);
  const moved = [...movedParagraphs(p, locale), ...placeChangedParagraphs(p, locale)];
  const deadline = p.offerExpiresAt ? romeDeadline(p.offerExpiresAt, locale) : null;
  if (locale === "en") {
    return {
      subject: deadline ? `Edition updated, accept by ${deadline}: ${what}` : `Edition updated: ${what}`,
      heading: "The edition of your offered place has been updated",
      paragraphs: [
        `The organiser changed ${changedWhat(p, locale)} of ${what}, in which a place is offered to you. This is the edition as it is now.`,
        ...moved,
        ...schedule,
        ...(sessions.length ? ["The sessions now are:", sessions.join("\n")] : []),
        ...(cancelled.length ? ["These sessions have been cancelled:", cancelled.join("\n")] : []),
        deadline
          ? p.offerShortened
            ? `The deadline to accept has been brought forward, because an offer never lasts past the start of the last session: accept or decline by ${deadline}; if you do not accept it by then, the offer expires and the place may go to the next person on the waiting list.`
            : `Your offer is still valid: accept or decline by ${deadline}; if you do not accept it by then, the offer expires and the place may go to the next person on the waiting list.`
          : "Accept or decline the place as soon as you can.",
        "You will receive the calendar invitation once you accept the place.",
      ],
      action: { label: "Accept or decline", path: myEnrolmentsAction(locale).path },
    };
  }
  return {
    subject: deadline ? `Edizione aggiornata, conferma entro ${deadline}: ${what}` : `Edizione aggiornata: ${what}`,
    heading: "L'edizione del posto che ti è offerto è stata aggiornata",
    paragraphs: [
      `L'organizzazione ha modificato ${changedWhat(p, locale)} di ${what}, in cui ti è offerto un posto. Ecco l'edizione com'è ora.`,
      ...moved,
      ...schedule,
      ...(sessions.length ? ["Gli incontri ora sono:", sessions.join("\n")] : []),
      ...(cancelled.length ? ["Questi incontri sono stati annullati:", cancelled.join("\n")] : []),
      deadline
        ? p.offerShortened
          ? `La scadenza per accettare è stata anticipata, perché un'offerta non dura oltre l'inizio dell'ultimo incontro: accetta o rinuncia entro ${deadline}; se non accetti entro allora, l'offerta scade e il posto può passare alla persona successiva in lista d'attesa.`
          : `La tua offerta resta valida: accetta o rinuncia entro ${deadline}; se non accetti entro allora, l'offerta scade e il posto può passare alla persona successiva in lista d'attesa.`
        : "Accetta o rinuncia al posto appena puoi.",
      "Riceverai l'invito di calendario quando avrai accettato il posto.",
    ],
    action: { label: "Accetta o rinuncia", path: myEnrolmentsAction(locale).path },
  };
};
