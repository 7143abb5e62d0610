// One line of an edition's change log (/gestione/edizioni/:id), as the organiser reads it: the audit
// row's action and details (written by app/models/seat-ledger.server.ts, placement.server.ts,
// application.server.ts, enrolment.server.ts, carried-lines.server.ts) in the page's language. People
// are named by listEditionAudit, which reads their names (the details keep ids only); an edition is
// named by its number.
import { ENROLMENT_STATUS_LABELS } from "~/domain/enrolment.ts";
import { writtenNameIn } from "~/domain/stored-reasons.ts";
import { labelOf, REGION_LABELS, type Locale } from "~/domain/vocabulary.ts";
import type { Translate } from "~/i18n/i18n.tsx";

export type EditionAuditEntry = { action: string; details: Record<string, unknown> };

const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));
const count = (value: unknown) => (typeof value === "number" ? value : Number(value ?? 0) || 0);

export function editionAuditLine(row: EditionAuditEntry, t: Translate, locale: Locale): string {
  const d = row.details;
  const person = writtenNameIn(text(d.personName), locale) || t("organiserEdition.audit.someone");
  const because = text(d.reason) ? `: ${text(d.reason)}` : "";
  const seats = (value: unknown) =>
    value === null || value === undefined ? t("organiserEdition.audit.unlimited") : text(value);
  switch (row.action) {
    case "posti-modificati":
      return t("organiserEdition.audit.seats", { from: seats(d.from), to: seats(d.to) });
    case "iscrizioni-chiuse":
      return t("organiserEdition.audit.enrolmentClosed");
    case "evento-chiuso":
      return t("organiserEdition.audit.eventClosed", { expired: count(d.expired) });
    case "annullata":
      return `${t("organiserEdition.audit.cancelled", { count: count(d.participants) })}${because}`;
    case "offerte-ricalcolate":
      return t("organiserEdition.audit.offersRecomputed", { promoted: count(d.promoted), expired: count(d.expired) });
    case "promozione-modificata":
    case "impostazioni-posti-modificate":
      return t("organiserEdition.audit.seatRules");
    case "quota-aggiunta":
      return t("organiserEdition.audit.quotaAdded", {
        region: labelOf(REGION_LABELS, text(d.regionCode), locale),
        seats: count(d.seats),
      });
    case "quota-rilasciata":
      return t("organiserEdition.audit.quotaReleased", {
        region: labelOf(REGION_LABELS, text(d.regionCode), locale),
        seats: count(d.released),
      });
    case "partecipante-inserito":
      return `${t(d.override ? "organiserEdition.audit.placedOverride" : "organiserEdition.audit.placed", {
        person,
        status: labelOf(ENROLMENT_STATUS_LABELS, text(d.status), locale),
      })}${because}`;
    case "partecipante-rimosso":
      return `${t("organiserEdition.audit.removed", {
        person,
        status: labelOf(ENROLMENT_STATUS_LABELS, text(d.fromStatus), locale),
      })}${because}`;
    case "partecipante-spostato":
      return `${t("organiserEdition.audit.movedTo", { person, number: text(d.toEditionNumber) || "?" })}${because}`;
    case "spostamento-multiplo":
      return `${t("organiserEdition.audit.bulkMoved", {
        number: text(d.toEditionNumber) || "?",
        moved: count(d.moved),
        notMoved: count(d.notMoved),
      })}${because}`;
    case "partecipante-ricevuto":
      return `${t("organiserEdition.audit.movedFrom", { person, number: text(d.fromEditionNumber) || "?" })}${because}`;
    case "registro-riportato":
      return t("organiserEdition.audit.registerCarried", {
        person,
        lines: count(d.lines),
        completions: count(d.completions),
      });
    case "lista-attesa-riordinata":
      return `${t("organiserEdition.audit.reordered", { person, from: text(d.from), to: text(d.to) })}${because}`;
    case "ammissione-modificata":
      return t("organiserEdition.audit.admission");
    case "candidature-impostate":
      return t("organiserEdition.audit.applicationSetup");
    case "candidati-selezionati":
      return t("organiserEdition.audit.selected", { count: Array.isArray(d.enrolments) ? d.enrolments.length : 0 });
    case "selezione-chiusa":
      return t("organiserEdition.audit.selectionClosed");
    default:
      return row.action;
  }
}
