import { editionLabel, MY_ENROLMENTS } from "./common.ts";
import type { Template } from "./types.ts";

/** The trainer closed the edition and the teacher's certificate (attestato) can be downloaded. */
export const attestatoDisponibile: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  return locale === "en"
    ? {
        subject: `Your certificate is available: ${what}`,
        heading: "Your certificate of attendance is ready",
        paragraphs: [
          `The trainer has closed ${what} and your certificate of attendance, with your certified hours, is now available.`,
          "You can download it from My enrolments after answering a short anonymous satisfaction questionnaire. The certificate carries a code that anyone (for example your head teacher) can check on Forma's verification page.",
        ],
        action: { label: "Open My enrolments", path: MY_ENROLMENTS },
      }
    : {
        subject: `Attestato disponibile: ${what}`,
        heading: "Il tuo attestato di partecipazione è pronto",
        paragraphs: [
          `Il registro di ${what} è stato chiuso e il tuo attestato di partecipazione, con le ore certificate, è ora disponibile.`,
          "Puoi scaricarlo da Le mie iscrizioni dopo aver risposto a un breve questionario di gradimento anonimo. L'attestato riporta un codice che chiunque (ad esempio la dirigenza della tua scuola) può verificare nella pagina di verifica di Forma.",
        ],
        action: { label: "Apri Le mie iscrizioni", path: MY_ENROLMENTS },
      };
};
