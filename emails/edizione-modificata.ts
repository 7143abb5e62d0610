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
 * The sessions, place or room link of an edition the teacher is enrolled in changed; the
 * invitation attached updates their calendar. Sessions whose times moved are listed first, before
 * and now (movedParagraphs), then a blended event's sessions whose own place changed, before and now
 * (placeChangedParagraphs, ADR 0091); a change of the event's venue or room is not singled out: the
 * message states the edition as it now is.
 */
export const edizioneModificata: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const line = (s: { startsAt: string; title: string }) =>
    `• ${romeDeadline(s.startsAt, locale)}${s.title ? ` — ${s.title}` : ""}`;
  const schedule = scheduleParagraphs(p, locale);
  const sessions = schedule.length ? [] : (p.sessions ?? []).map(line);
  const cancelled = (p.cancelledSessions ?? []).map(line);
  const moved = [...movedParagraphs(p, locale), ...placeChangedParagraphs(p, locale)];
  return locale === "en"
    ? {
        subject: `Edition updated: ${what}`,
        heading: "Your edition has been updated",
        paragraphs: [
          `The organiser changed ${changedWhat(p, locale)} of ${what}. Your enrolment is still valid. This is the edition as it is now.`,
          ...moved,
          ...schedule,
          ...(sessions.length ? ["The sessions now are:", sessions.join("\n")] : []),
          ...(cancelled.length ? ["These sessions have been cancelled:", cancelled.join("\n")] : []),
          p.cancelledApart
            ? "The calendar invitation attached to this message updates the sessions in your calendar; a separate message removes the cancelled ones."
            : cancelled.length
              ? "The calendar invitations attached to this message update your calendar and remove the cancelled sessions."
              : "The calendar invitation attached to this message updates the sessions already in your calendar.",
        ],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `Edizione aggiornata: ${what}`,
        heading: "La tua edizione è stata aggiornata",
        paragraphs: [
          `L'organizzazione ha modificato ${changedWhat(p, locale)} di ${what}. La tua iscrizione resta valida. Ecco l'edizione com'è ora.`,
          ...moved,
          ...schedule,
          ...(sessions.length ? ["Gli incontri ora sono:", sessions.join("\n")] : []),
          ...(cancelled.length ? ["Questi incontri sono stati annullati:", cancelled.join("\n")] : []),
          p.cancelledApart
            ? "L'invito di calendario allegato a questo messaggio aggiorna gli incontri nel tuo calendario; quelli annullati li toglie un messaggio a parte."
            : cancelled.length
              ? "Gli inviti di calendario allegati a questo messaggio aggiornano il tuo calendario e tolgono gli incontri annullati."
              : "L'invito di calendario allegato a questo messaggio aggiorna gli incontri già presenti nel tuo calendario.",
        ],
        action: myEnrolmentsAction(locale),
      };
};
