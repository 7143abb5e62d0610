import { editionLabel, MY_ENROLMENTS } from "./common.ts";
import type { Template } from "./types.ts";

/**
 * The edition's register was closed (by its trainer, or by whoever manages the event) and the teacher's
 * certificate (attestato) can be downloaded; both languages say that fact, not who did it. Or the certificate
 * was reissued (replacesCertificateCode): then the email says the earlier one, by its code, is revoked and
 * replaced, since the reissue sends no email of its own about the revocation.
 */
export const attestatoDisponibile: Template = (p, { locale }) => {
  const what = editionLabel(p, locale);
  const replaced = p.replacesCertificateCode;
  if (locale === "en") {
    const download =
      "You can download it from My enrolments after answering a short anonymous satisfaction questionnaire. The certificate carries a code that anyone (for example your head teacher) can check on Forma's verification page.";
    return replaced
      ? {
          subject: `Your certificate has been reissued: ${what}`,
          heading: "Your certificate of attendance has been reissued",
          paragraphs: [
            `A new certificate of attendance for ${what}, with your certified hours, is now available.`,
            `It replaces the certificate with code ${replaced}, which has been revoked and is no longer valid: if you have already handed that one in, hand in the new one instead.`,
            download,
          ],
          action: { label: "Open My enrolments", path: MY_ENROLMENTS },
        }
      : {
          subject: `Your certificate is available: ${what}`,
          heading: "Your certificate of attendance is ready",
          paragraphs: [
            `The register of ${what} has been closed and your certificate of attendance, with your certified hours, is now available.`,
            download,
          ],
          action: { label: "Open My enrolments", path: MY_ENROLMENTS },
        };
  }
  const download =
    "Puoi scaricarlo da Le mie iscrizioni dopo aver risposto a un breve questionario di gradimento anonimo. L'attestato riporta un codice che chiunque (ad esempio la dirigenza della tua scuola) può verificare nella pagina di verifica di Forma.";
  return replaced
    ? {
        subject: `Attestato riemesso: ${what}`,
        heading: "Il tuo attestato di partecipazione è stato riemesso",
        paragraphs: [
          `È disponibile un nuovo attestato di partecipazione a ${what}, con le ore certificate.`,
          `Sostituisce l'attestato con codice ${replaced}, che è stato revocato e non è più valido: se lo hai già consegnato, consegna al suo posto quello nuovo.`,
          download,
        ],
        action: { label: "Apri Le mie iscrizioni", path: MY_ENROLMENTS },
      }
    : {
        subject: `Attestato disponibile: ${what}`,
        heading: "Il tuo attestato di partecipazione è pronto",
        paragraphs: [
          `Il registro di ${what} è stato chiuso e il tuo attestato di partecipazione, con le ore certificate, è ora disponibile.`,
          download,
        ],
        action: { label: "Apri Le mie iscrizioni", path: MY_ENROLMENTS },
      };
};
