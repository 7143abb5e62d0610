// Sessions leave the teacher's calendar, in a message of its own whose one invitation is their
// METHOD:CANCEL (RFC 6047: one iTIP method per message). Two cases: the organiser deleted sessions of the
// teacher's edition (cancelledSessions), or moved the teacher, with a seat, to another edition
// (movedToEditionNumber: the sessions of the edition they left). The move's own message, with the new
// sessions, is held if the teacher gave that seat up before it left (ADR 0109): this one says so.
import { editionLabel, myEnrolmentsAction, romeDeadline } from "./common.ts";
import type { Template } from "./types.ts";

export const incontriAnnullati: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const to = p.movedToEditionNumber;
  if (to !== undefined) {
    return locale === "en"
      ? {
          subject: `Sessions removed from your calendar: ${what}`,
          heading: "The sessions of your previous edition leave your calendar",
          paragraphs: [
            `The organiser moved your place from ${what} to edition ${to}: the sessions of ${what} are no longer yours.`,
            `The calendar invitation attached to this message removes them from your calendar. The sessions of edition ${to} come with the message about the move, while that place is yours.`,
          ],
          action: myEnrolmentsAction(locale),
        }
      : {
          subject: `Incontri tolti dal calendario: ${what}`,
          heading: "Gli incontri dell'edizione precedente escono dal tuo calendario",
          paragraphs: [
            `L'organizzazione ha spostato la tua iscrizione da ${what} all'edizione ${to}: gli incontri di ${what} non ti riguardano più.`,
            `L'invito di calendario allegato a questo messaggio li toglie dal tuo calendario. Gli incontri dell'edizione ${to} arrivano con il messaggio sullo spostamento, finché quel posto è tuo.`,
          ],
          action: myEnrolmentsAction(locale),
        };
  }
  const cancelled = (p.cancelledSessions ?? [])
    .map((s) => `• ${romeDeadline(s.startsAt, locale)}${s.title ? ` — ${s.title}` : ""}`)
    .join("\n");
  return locale === "en"
    ? {
        subject: `Sessions cancelled: ${what}`,
        heading: "Some sessions have been cancelled",
        paragraphs: [
          `The organiser cancelled these sessions of ${what}:`,
          cancelled,
          "The calendar invitation attached to this message removes them from your calendar.",
          p.rescheduled
            ? "The other changes to the edition are in a separate message, with the invitation that updates the other sessions."
            : "The other sessions of the edition stay as they were.",
        ],
        action: myEnrolmentsAction(locale),
      }
    : {
        subject: `Incontri annullati: ${what}`,
        heading: "Alcuni incontri sono stati annullati",
        paragraphs: [
          `L'organizzazione ha annullato questi incontri di ${what}:`,
          cancelled,
          "L'invito di calendario allegato a questo messaggio li toglie dal tuo calendario.",
          p.rescheduled
            ? "Le altre modifiche all'edizione sono in un messaggio a parte, con l'invito che aggiorna gli altri incontri."
            : "Gli altri incontri dell'edizione restano come erano.",
        ],
        action: myEnrolmentsAction(locale),
      };
};
