import { editionLabel, myEnrolmentsAction, romeDeadline } from "./common.ts";
import type { Template } from "./types.ts";

/** The schedule or place of an edition the teacher is enrolled in changed; the invitation attached updates their calendar. */
export const edizioneModificata: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const line = (s: { startsAt: string; title: string }) =>
    `• ${romeDeadline(s.startsAt, locale)}${s.title ? ` — ${s.title}` : ""}`;
  const sessions = (p.sessions ?? []).map(line);
  const cancelled = (p.cancelledSessions ?? []).map(line);
  return locale === "en"
    ? {
        subject: `Schedule changed: ${what}`,
        heading: "The schedule of your edition has changed",
        paragraphs: [
          `The organiser changed ${cancelled.length ? "the sessions" : "the time or place"} of ${what}. Your enrolment is still valid.`,
          ...(sessions.length ? ["The sessions now are:", sessions.join("\n")] : []),
          ...(cancelled.length ? ["These sessions have been cancelled:", cancelled.join("\n")] : []),
          cancelled.length
            ? "The calendar invitations attached to this message update your calendar and remove the cancelled sessions."
            : "The calendar invitation attached to this message updates the sessions already in your calendar.",
        ],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `Orari modificati: ${what}`,
        heading: "Gli orari della tua edizione sono cambiati",
        paragraphs: [
          `L'organizzatore ha modificato ${cancelled.length ? "gli incontri" : "orario o luogo"} di ${what}. La tua iscrizione resta valida.`,
          ...(sessions.length ? ["Gli incontri ora sono:", sessions.join("\n")] : []),
          ...(cancelled.length ? ["Questi incontri sono stati annullati:", cancelled.join("\n")] : []),
          cancelled.length
            ? "Gli inviti di calendario allegati a questo messaggio aggiornano il tuo calendario e tolgono gli incontri annullati."
            : "L'invito di calendario allegato a questo messaggio aggiorna gli incontri già presenti nel tuo calendario.",
        ],
        action: myEnrolmentsAction(locale),
      };
};
