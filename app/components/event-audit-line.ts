// One line of an event's change log (/gestione/eventi/:id), as the organiser reads it: the
// audit row's action and details (app/models/audit.server.ts) in the page's language.
import type { AuditedSessionChange } from "~/domain/session-change-audit.ts";
import { writtenNameIn } from "~/domain/stored-reasons.ts";
import { EVENT_STATUS_LABELS, labelOf, type Locale } from "~/domain/vocabulary.ts";
import type { Translate } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { formatDayMonth, formatTime } from "~/utils/dates.ts";

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

/** A blended event's session's place (null: both, ADR 0091). */
function placeWords(place: unknown, t: Translate): string {
  if (place === "in-presenza") return t("events.admin.audit.placeInPerson");
  if (place === "online") return t("events.admin.audit.placeOnline");
  return t("events.admin.audit.placeBoth");
}

/**
 * The sessions a save moved or held elsewhere (details.sessionChanges, app/domain/session-change-audit.ts):
 * "Incontro 2 del 12/01: ora online (era in presenza)", "…: ora 14/01 16:00–18:00 (era 12/01 15:00–17:00)",
 * dates and times in Rome, then "e altri N incontri" for those past the cap.
 */
export function sessionChangeWords(d: Record<string, unknown>, t: Translate, locale: Locale): string[] {
  const changes = (Array.isArray(d.sessionChanges) ? d.sessionChanges : []) as AuditedSessionChange[];
  const when = (from: string, to: string) =>
    `${formatDayMonth(from, locale)} ${formatTime(from, locale)}–${formatTime(to, locale)}`;
  const lines = changes.map((c) => {
    const moved = typeof c.wasStartsAt === "string" && typeof c.wasEndsAt === "string";
    const placed = "wasPlace" in c;
    const date = formatDayMonth(moved ? c.wasStartsAt! : c.startsAt, locale);
    const session =
      typeof c.edition === "number"
        ? t("events.admin.audit.editionSession", { edition: c.edition, number: c.session, date })
        : t("events.admin.audit.session", { number: c.session, date });
    const now = [moved ? when(c.startsAt, c.endsAt) : null, placed ? placeWords(c.place, t) : null];
    const was = [moved ? when(c.wasStartsAt!, c.wasEndsAt!) : null, placed ? placeWords(c.wasPlace, t) : null];
    return t("events.admin.audit.sessionNowWas", {
      session,
      now: now.filter(Boolean).join(", "),
      was: was.filter(Boolean).join(", "),
    });
  });
  const more = typeof d.moreSessionChanges === "number" ? d.moreSessionChanges : 0;
  return more > 0 ? [...lines, t("events.admin.audit.sessionsMore", { count: more })] : lines;
}

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
      return `${t("events.admin.audit.trainerAssign")}: ${writtenNameIn(String(d.name ?? ""), locale)}`;
    case "trainer.unassign":
      return `${t("events.admin.audit.trainerUnassign")}: ${writtenNameIn(String(d.name ?? ""), locale)}`;
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
      const sessions = sessionChangeWords(d, t, locale);
      return `${t("events.admin.audit.update")}: ${what}${extra.length ? ` (${extra.join(", ")})` : ""}${
        sessions.length ? `. ${sessions.join("; ")}` : ""
      }`;
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
      return t("events.admin.audit.certificateRevoked", {
        name: writtenNameIn(text(d.holderName), locale),
        code: text(d.code),
      });
    case "attestato-riemesso":
      return t("events.admin.audit.certificateReissued", {
        name: writtenNameIn(text(d.holderName), locale),
        code: text(d.code),
      });
    default:
      return row.action;
  }
}
