// One line of an event's change log (/gestione/eventi/:id), as the organiser reads it: the
// audit row's action and details (app/models/audit.server.ts) in the page's language.
import { EVENT_STATUS_LABELS, labelOf, type Locale } from "~/domain/vocabulary.ts";
import type { Translate } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";

export type EventAuditEntry = { action: string; details: Record<string, unknown> };

/** The audit log names changed fields as the form labels them. */
const FIELD_LABEL: Record<string, MessageKey> = {
  title: "events.form.title",
  description: "events.form.description",
  type: "events.form.type",
  level: "events.form.level",
  regionCode: "events.form.region",
  openToAllRegions: "events.form.openToAllRegions",
  mode: "events.form.mode",
  venue: "events.form.venue",
  onlineUrl: "events.form.onlineUrl",
  language: "events.form.language",
  titleLanguage: "events.form.titleLanguage",
  textLanguage: "events.form.textLanguage",
  certifiedMinutes: "events.form.certifiedHours",
  completionPercent: "events.form.completionPercent",
  schoolLevels: "events.form.schoolLevels",
  audienceRoles: "events.form.audienceRoles",
  themes: "events.form.themes",
  editions: "events.form.editions",
};

const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));

export function eventAuditLine(row: EventAuditEntry, t: Translate, locale: Locale): string {
  const d = row.details;
  switch (row.action) {
    case "create":
      return t("events.admin.audit.create");
    case "status":
      return t("events.admin.audit.status", {
        from: labelOf(EVENT_STATUS_LABELS, String(d.from ?? ""), locale),
        to: labelOf(EVENT_STATUS_LABELS, String(d.to ?? ""), locale),
      });
    case "trainer.assign":
      return `${t("events.admin.audit.trainerAssign")}: ${String(d.name ?? "")}`;
    case "trainer.unassign":
      return `${t("events.admin.audit.trainerUnassign")}: ${String(d.name ?? "")}`;
    case "update": {
      const changed = Array.isArray(d.changed) ? (d.changed as string[]) : [];
      const editions = (d.editions ?? {}) as { added?: string[]; removed?: string[] };
      const extra = [
        editions.added?.length ? t("events.admin.audit.editionsAdded", { count: editions.added.length }) : null,
        editions.removed?.length ? t("events.admin.audit.editionsRemoved", { count: editions.removed.length }) : null,
      ].filter(Boolean);
      const what = changed.length
        ? t("events.admin.audit.changedFields", {
            fields: changed.map((f) => (FIELD_LABEL[f] ? t(FIELD_LABEL[f]) : f)).join(", "),
          })
        : t("events.admin.audit.noChanges");
      return `${t("events.admin.audit.update")}: ${what}${extra.length ? ` (${extra.join(", ")})` : ""}`;
    }
    case "scheda-modificata":
      return t("events.admin.audit.sheetEdited");
    case "allegato-aggiunto":
      return t("events.admin.audit.attachmentAdded", { title: text(d.title) });
    case "materiale-aggiunto":
      return t("events.admin.audit.materialAdded", { title: text(d.title) });
    case "file-rimosso":
      return t("events.admin.audit.fileRemoved", { title: text(d.title) });
    case "copy":
      return t("events.admin.audit.copiedFrom", { title: text(d.title) });
    case "template-on":
      return t("events.admin.audit.templateOn");
    case "template-off":
      return t("events.admin.audit.templateOff");
    case "attestati-emessi":
      return t("events.admin.audit.certificatesIssued", {
        number: text(d.editionNumber),
        count: Number(d.issued ?? 0),
      });
    case "attestato-revocato":
      return t("events.admin.audit.certificateRevoked", { name: text(d.holderName), code: text(d.code) });
    case "attestato-riemesso":
      return t("events.admin.audit.certificateReissued", { name: text(d.holderName), code: text(d.code) });
    default:
      return row.action;
  }
}
