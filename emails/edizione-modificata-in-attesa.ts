import {
  changedWhat,
  editionLabel,
  leaveWaitlistAction,
  movedParagraphs,
  placeChangedParagraphs,
  romeDeadline,
  scheduleParagraphs,
} from "./common.ts";
import type { Template } from "./types.ts";

/**
 * The waiting-list version of "edizione-modificata" (ADR 0011, addendum 07/12/2026): the sessions, place or room
 * of an edition in whose line the teacher waits changed. It states the edition as it now is, as the seat and offer
 * versions do (the schedule loaded when it leaves; no room link: they hold no place), that they are still in line
 * and at which position (as it is when it leaves), and offers to leave the line: the new dates may no longer suit
 * them, and a place they would not take may then go to the next in line (said as "may": a freed seat goes on only
 * while the edition still gives seats). No calendar invitation. A payload
 * without a schedule (the place gone) lists the sessions it was written with.
 */
export const edizioneModificataInAttesa: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const line = (s: { startsAt: string; title: string }) =>
    `• ${romeDeadline(s.startsAt, locale)}${s.title ? ` — ${s.title}` : ""}`;
  const schedule = scheduleParagraphs(p, locale, { waiting: true });
  const sessions = schedule.length ? [] : (p.sessions ?? []).map(line);
  const cancelled = (p.cancelledSessions ?? []).map(line);
  const moved = [...movedParagraphs(p, locale), ...placeChangedParagraphs(p, locale)];
  const action = leaveWaitlistAction(p.enrolmentId, locale);
  if (locale === "en") {
    return {
      subject: `Edition updated, you are on the waiting list: ${what}`,
      heading: "The edition you are waiting for has been updated",
      paragraphs: [
        `The organiser changed ${changedWhat(p, locale)} of ${what}, for which you are on the waiting list. This is the edition as it is now.`,
        ...moved,
        ...schedule,
        ...(sessions.length ? ["The sessions now are:", sessions.join("\n")] : []),
        ...(cancelled.length ? ["These sessions have been cancelled:", cancelled.join("\n")] : []),
        `You are still on the waiting list${p.position !== null ? `, in position ${p.position}` : ""}: if a place becomes free you will receive another message.`,
        "If the new dates no longer suit you, leave the waiting list with the button below, so that a place that becomes free may go to the next person in line.",
      ],
      action,
    };
  }
  return {
    subject: `Edizione aggiornata, sei in lista d'attesa: ${what}`,
    heading: "L'edizione per cui sei in lista d'attesa è stata aggiornata",
    paragraphs: [
      `L'organizzazione ha modificato ${changedWhat(p, locale)} di ${what}, per cui sei in lista d'attesa. Ecco l'edizione com'è ora.`,
      ...moved,
      ...schedule,
      ...(sessions.length ? ["Gli incontri ora sono:", sessions.join("\n")] : []),
      ...(cancelled.length ? ["Questi incontri sono stati annullati:", cancelled.join("\n")] : []),
      `Sei ancora in lista d'attesa${p.position !== null ? `, in posizione ${p.position}` : ""}: se si libera un posto riceverai un altro messaggio.`,
      "Se le nuove date non ti vanno più bene, esci dalla lista d'attesa con il pulsante qui sotto: così un posto che si libera potrà passare alla persona successiva in lista.",
    ],
    action,
  };
};
