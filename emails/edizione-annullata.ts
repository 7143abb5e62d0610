import { CATALOGUE, editionLabel } from "./common.ts";
import type { Template } from "./types.ts";

/**
 * An edition the teacher was enrolled in, waiting or offered a seat was cancelled. When another
 * edition of the same event is still open for enrolment (eventPath), the email says so and links
 * to the event's page, where it can be chosen; otherwise to the catalogue. To an applicant still under
 * review (`wasApplication`) it says that the selection will not be carried out, not that an enrolment ended.
 */
export const edizioneAnnullata: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  return locale === "en"
    ? {
        subject: `Edition cancelled: ${what}`,
        heading: "The edition has been cancelled",
        paragraphs: [
          p.wasApplication
            ? `${what} has been cancelled by the organiser before the selection: the selection will not be carried out, and your application has ended.`
            : `${what} has been cancelled by the organiser: your enrolment has ended.`,
          p.reason ? `Reason: ${p.reason}` : "No reason was given.",
          ...(p.eventPath
            ? ["Another edition of this event is still open for enrolment: you can choose it on the event's page."]
            : []),
        ],
        action: p.eventPath
          ? { label: "See the other editions", path: p.eventPath }
          : { label: "Browse the catalogue", path: CATALOGUE },
      }
    : {
        subject: `Edizione annullata: ${what}`,
        heading: "L'edizione è stata annullata",
        paragraphs: [
          p.wasApplication
            ? `L'organizzazione ha annullato ${what} prima della selezione: la selezione non si farà e la tua candidatura è chiusa.`
            : `L'organizzazione ha annullato ${what}: la tua iscrizione è chiusa.`,
          p.reason ? `Motivo: ${p.reason}` : "Non è stato indicato un motivo.",
          ...(p.eventPath
            ? [
                "Un'altra edizione di questa iniziativa ha ancora le iscrizioni aperte: puoi sceglierla nella sua pagina.",
              ]
            : []),
        ],
        action: p.eventPath
          ? { label: "Vedi le altre edizioni", path: p.eventPath }
          : { label: "Sfoglia il catalogo", path: CATALOGUE },
      };
};
