// Email templates, one module per notification kind (Italian and English, HTML and plain
// text). renderEmail(kind, payloadJson, ctx) is what the outbox worker calls.
import { isCertificateCode } from "../app/domain/certificate.ts";
import { isFreedSeatOutcome, isOfferEndCause, type NotificationKind } from "../app/domain/notification-kinds.ts";
import type { ProviderName } from "../app/domain/provider-label.ts";
import { accountEsistente } from "./account-esistente.ts";
import { attestatoDisponibile } from "./attestato-disponibile.ts";
import { attestatoRevocato } from "./attestato-revocato.ts";
import { accountChiuso } from "./account-chiuso.ts";
import { accountInScadenza } from "./account-in-scadenza.ts";
import { cambioEmail } from "./cambio-email.ts";
import { candidaturaAccettata } from "./candidatura-accettata.ts";
import { candidaturaInRiserva } from "./candidatura-in-riserva.ts";
import { candidaturaRicevuta } from "./candidatura-ricevuta.ts";
import { candidaturaRespinta } from "./candidatura-respinta.ts";
import { confermaEmail } from "./conferma-email.ts";
import { edizioneAnnullata } from "./edizione-annullata.ts";
import { edizioneModificata } from "./edizione-modificata.ts";
import { edizioneModificataInAttesa } from "./edizione-modificata-in-attesa.ts";
import { edizioneModificataOfferta } from "./edizione-modificata-offerta.ts";
import { emailInUso } from "./email-in-uso.ts";
import { emailModificata } from "./email-modificata.ts";
import { identitaCollegata, identitaScollegata } from "./identita-collegata.ts";
import {
  inAttesaDallOrganizzatore,
  inseritoDallOrganizzatore,
  partecipazioneRegistrata,
  posizioneListaAttesaModificata,
} from "./inserito-dall-organizzatore.ts";
import { incontriAnnullati } from "./incontri-annullati.ts";
import { inseritoInListaAttesa } from "./inserito-in-lista-attesa.ts";
import { iscrizioneAnnullata } from "./iscrizione-annullata.ts";
import { iscrizioneConfermata } from "./iscrizione-confermata.ts";
import { renderLayout } from "./layout.ts";
import { messaggioAutomatico } from "./messaggio-automatico.ts";
import { messaggioOrganizzatore } from "./messaggio-organizzatore.ts";
import { offertaScaduta } from "./offerta-scaduta.ts";
import { postoLiberato } from "./posto-liberato.ts";
import { postoOfferto } from "./posto-offerto.ts";
import { promemoriaIncontro } from "./promemoria-incontro.ts";
import { nuoviEventi } from "./nuovi-eventi.ts";
import { promosso } from "./promosso.ts";
import { reimpostaPassword } from "./reimposta-password.ts";
import { rimosso } from "./rimosso.ts";
import { ruoloModificato } from "./ruolo-modificato.ts";
import { spostatoDiEdizione, spostatoInListaAttesa } from "./spostato-di-edizione.ts";
import type { EmailContext, EmailPayload, EmailSender, RenderedEmail, Template } from "./types.ts";

export type { EmailContext, EmailPayload, EmailSender, RenderedEmail } from "./types.ts";
export { escapeHtml } from "./escape.ts";
// What each kind is (a reminder, an account message, its calendar method) is the domain's.
export { ADDRESSED_KINDS, INVITATION_METHOD, REMINDER_KINDS, TOKEN_KINDS } from "../app/domain/notification-kinds.ts";

export const TEMPLATES: Record<NotificationKind, Template> = {
  "iscrizione-confermata": iscrizioneConfermata,
  "inserito-in-lista-attesa": inseritoInListaAttesa,
  promosso,
  "posto-offerto": postoOfferto,
  "offerta-scaduta": offertaScaduta,
  "iscrizione-annullata": iscrizioneAnnullata,
  rimosso,
  "edizione-annullata": edizioneAnnullata,
  "candidatura-ricevuta": candidaturaRicevuta,
  "candidatura-accettata": candidaturaAccettata,
  "candidatura-respinta": candidaturaRespinta,
  "candidatura-in-riserva": candidaturaInRiserva,
  "edizione-modificata": edizioneModificata,
  "edizione-modificata-offerta": edizioneModificataOfferta,
  "edizione-modificata-in-attesa": edizioneModificataInAttesa,
  "promemoria-incontro": promemoriaIncontro,
  "nuovi-eventi": nuoviEventi,
  "attestato-disponibile": attestatoDisponibile,
  "attestato-revocato": attestatoRevocato,
  "conferma-email": confermaEmail,
  "reimposta-password": reimpostaPassword,
  "account-esistente": accountEsistente,
  "cambio-email": cambioEmail,
  "email-modificata": emailModificata,
  "account-chiuso": accountChiuso,
  "account-in-scadenza": accountInScadenza,
  "messaggio-organizzatore": messaggioOrganizzatore,
  "messaggio-automatico": messaggioAutomatico,
  "posto-liberato": postoLiberato,
  "email-in-uso": emailInUso,
  "identita-collegata": identitaCollegata,
  "identita-scollegata": identitaScollegata,
  "ruolo-modificato": ruoloModificato,
  "inserito-dall-organizzatore": inseritoDallOrganizzatore,
  "in-attesa-dall-organizzatore": inAttesaDallOrganizzatore,
  "partecipazione-registrata": partecipazioneRegistrata,
  "posizione-lista-attesa-modificata": posizioneListaAttesaModificata,
  "spostato-di-edizione": spostatoDiEdizione,
  "spostato-in-lista-attesa": spostatoInListaAttesa,
  "incontri-annullati": incontriAnnullati,
};

export class UnknownEmailKindError extends Error {
  constructor(kind: string) {
    super(`Nessun modello email per il tipo "${kind}"`);
    this.name = "UnknownEmailKindError";
  }
}

export function isTemplateKind(kind: string): kind is NotificationKind {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, kind);
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** An address fit for a Reply-To header: one mailbox, no spaces, quotes, brackets or line breaks. */
const MAILBOX = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+$/;

/** The sender of a stored payload, or null when absent or malformed (old payloads, erased ones). */
export function parseSender(v: unknown): EmailSender | null {
  if (!v || typeof v !== "object") return null;
  const o = v as Record<string, unknown>;
  const id = str(o.id);
  // Line breaks and tabs in a name become spaces: the name is shown in the text and in a header.
  const name = str(o.name)?.replace(/\s+/g, " ").trim();
  const email = str(o.email)?.trim();
  if (!id || !name || !email || email.length > 254 || !MAILBOX.test(email)) return null;
  return { id, name, email };
}

/** Reads a stored payload defensively: a missing or malformed field becomes null. */
export function parsePayload(json: string | Record<string, unknown>, extra: Partial<EmailPayload> = {}): EmailPayload {
  let raw: Record<string, unknown> = {};
  if (typeof json === "string") {
    try {
      const parsed: unknown = JSON.parse(json);
      if (parsed && typeof parsed === "object") raw = parsed as Record<string, unknown>;
    } catch {
      raw = {};
    }
  } else {
    raw = json;
  }
  const expires = str(raw.offerExpiresAt);
  const iso = (v: unknown) => {
    const text = str(v);
    return text && !Number.isNaN(Date.parse(text)) ? text : null;
  };
  const optional: Partial<EmailPayload> = {};
  const starts = iso(raw.sessionStartsAt);
  if (starts) optional.sessionStartsAt = starts;
  const ends = iso(raw.sessionEndsAt);
  if (ends) optional.sessionEndsAt = ends;
  if (str(raw.sessionTitle)) optional.sessionTitle = str(raw.sessionTitle)!;
  if (str(raw.onlineUrl)) optional.onlineUrl = str(raw.onlineUrl)!;
  if (str(raw.venue)) optional.venue = str(raw.venue)!;
  if (str(raw.token)) optional.token = str(raw.token)!;
  if (str(raw.to)) optional.to = str(raw.to)!;
  if (str(raw.newEmail)) optional.newEmail = str(raw.newEmail)!;
  // A provider's label, and its English one, from the configuration: one line each.
  const providerLabel = str(raw.providerLabel)?.replace(/\s+/g, " ").trim();
  if (providerLabel) optional.providerLabel = providerLabel;
  const providerLabelEn = str(raw.providerLabelEn)?.replace(/\s+/g, " ").trim();
  if (providerLabel && providerLabelEn) optional.providerLabelEn = providerLabelEn;
  // A provider removed from the configuration: its id (one line), named by the template as what it was.
  const goneProvider =
    raw.providerGone === true && !providerLabel ? str(raw.provider)?.replace(/\s+/g, " ").trim() : null;
  if (goneProvider) optional.goneProvider = goneProvider;
  if (raw.firstPassword === true) optional.firstPassword = true;
  const accountName = str(raw.accountName)?.replace(/\s+/g, " ").trim();
  if (accountName) optional.accountName = accountName;
  // "account-esistente": a password that works or not, and the providers' labels (one line each, as providerLabel):
  // { label, labelEn? } each, or the label alone in a row queued before labelEn.
  if (raw.waysIn && typeof raw.waysIn === "object") {
    const w = raw.waysIn as Record<string, unknown>;
    const line = (v: unknown) => str(v)?.replace(/\s+/g, " ").trim();
    const providers = (Array.isArray(w.providers) ? w.providers : []).flatMap((v: unknown): ProviderName[] => {
      const named = v && typeof v === "object" ? (v as Record<string, unknown>) : { label: v };
      const label = line(named.label);
      const labelEn = line(named.labelEn);
      if (!label) return [];
      return [labelEn ? { label, labelEn } : { label }];
    });
    // The ids of removed providers (ways-in.server.ts): one line each, as the labels.
    const unavailable = (Array.isArray(w.unavailable) ? w.unavailable : []).flatMap((v: unknown) => {
      const id = line(v);
      return id ? [id] : [];
    });
    optional.waysIn = { password: w.password === true, providers, ...(unavailable.length ? { unavailable } : {}) };
  }
  const deleteAfter = iso(raw.deleteAfter);
  if (deleteAfter) optional.deleteAfter = deleteAfter;
  if ((raw.action === "grant" || raw.action === "revoke") && str(raw.role)) {
    const unassigned = num(raw.unassignedEvents);
    optional.roleChange = {
      action: raw.action,
      role: str(raw.role)!,
      regionCode: str(raw.regionCode) ?? "",
      changedAt: iso(raw.changedAt),
      unassignedEvents: unassigned !== null && unassigned >= 0 ? Math.floor(unassigned) : null,
    };
  }
  if (str(raw.messageSubject)) optional.messageSubject = str(raw.messageSubject)!;
  if (str(raw.messageBody)) optional.messageBody = str(raw.messageBody)!;
  const sender = parseSender(raw.sender);
  if (sender) optional.sender = sender;
  const editionPath = str(raw.editionPath);
  if (editionPath && /^\/[a-z0-9/_-]*$/i.test(editionPath)) optional.editionPath = editionPath;
  const enrolmentId = str(raw.enrolmentId);
  if (enrolmentId && /^[a-z0-9_-]{1,64}$/i.test(enrolmentId)) optional.enrolmentId = enrolmentId;
  const eventPath = str(raw.eventPath);
  if (eventPath && /^\/eventi\/[a-z0-9_-]+$/i.test(eventPath)) optional.eventPath = eventPath;
  const replaces = str(raw.replacesCertificateCode);
  if (replaces && isCertificateCode(replaces)) optional.replacesCertificateCode = replaces;
  const fromEdition = num(raw.fromEditionNumber);
  if (fromEdition !== null) optional.fromEditionNumber = fromEdition;
  if (raw.fromEditionHeldSeat === true) optional.fromEditionHeldSeat = true;
  if (raw.cancelledApart === true) optional.cancelledApart = true;
  const movedTo = num(raw.movedToEditionNumber);
  if (movedTo !== null) optional.movedToEditionNumber = movedTo;
  if (raw.quotaReleased === true) optional.quotaReleased = true;
  if (raw.offerShortened === true) optional.offerShortened = true;
  if (raw.fromOffer === true) optional.fromOffer = true;
  if (raw.seatsAdded === true) optional.seatsAdded = true;
  if (raw.wasApplication === true) optional.wasApplication = true;
  if (isOfferEndCause(raw.endedBy)) optional.endedBy = raw.endedBy;
  if (isFreedSeatOutcome(raw.nextInLine)) optional.nextInLine = raw.nextInLine;
  // "nuovi-eventi": a section per search (a query string of the catalogue: no "?", no line break), the
  // check's start (an instant, when the row has one), its events with an id, a title, a date and the title's language
  // (when the row has it), and how many more. Rows queued before ADR 0088's email became
  // one per person carry a single search in alertQuery/alertEvents/alertTotal.
  const alertEvents = (v: unknown) =>
    (Array.isArray(v) ? v : []).flatMap((e: unknown) => {
      const o = (e && typeof e === "object" ? e : {}) as Record<string, unknown>;
      const id = str(o.id);
      const title = str(o.title);
      const startsAt = iso(o.startsAt);
      // A language tag ("it", "en", "fr"…) or nothing: rows queued before events carried it have none.
      const lang = str(o.titleLanguage);
      const titleLanguage = lang && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(lang) ? { titleLanguage: lang } : {};
      return id && /^[a-z0-9_-]+$/i.test(id) && title && startsAt ? [{ id, title, startsAt, ...titleLanguage }] : [];
    });
  const alertQuery = (v: unknown) => (typeof v === "string" && /^[^\s?#]*$/.test(v) ? v : null);
  const section = (query: unknown, events: unknown, more: number, since: unknown = null) => {
    const q = alertQuery(query);
    const from = iso(since);
    return q === null
      ? []
      : [
          {
            query: q,
            ...(from ? { since: new Date(from).toISOString() } : {}),
            events: alertEvents(events),
            more: Math.max(0, Math.floor(more)),
          },
        ];
  };
  if (Array.isArray(raw.alertSections)) {
    optional.alertSections = raw.alertSections.flatMap((v: unknown) => {
      const o = (v && typeof v === "object" ? v : {}) as Record<string, unknown>;
      return section(o.query, o.events, num(o.more) ?? 0, o.since);
    });
  } else if (raw.alertQuery !== undefined) {
    const events = alertEvents(raw.alertEvents);
    optional.alertSections = section(
      raw.alertQuery,
      raw.alertEvents,
      (num(raw.alertTotal) ?? events.length) - events.length,
    );
  }
  const sessionList = (v: unknown) =>
    (Array.isArray(v) ? v : []).flatMap((s: unknown) => {
      const o = (s && typeof s === "object" ? s : {}) as Record<string, unknown>;
      const a = iso(o.startsAt);
      const b = iso(o.endsAt);
      return a && b ? [{ id: str(o.id), startsAt: a, endsAt: b, title: str(o.title) ?? "" }] : [];
    });
  if (Array.isArray(raw.sessions)) {
    optional.sessions = sessionList(raw.sessions).map(({ startsAt, endsAt, title }) => ({ startsAt, endsAt, title }));
  }
  if (Array.isArray(raw.movedSessions)) {
    optional.movedSessions = raw.movedSessions.flatMap((s: unknown) => {
      const o = (s && typeof s === "object" ? s : {}) as Record<string, unknown>;
      const [startsAt, endsAt, wasStartsAt, wasEndsAt] = [o.startsAt, o.endsAt, o.wasStartsAt, o.wasEndsAt].map(iso);
      return startsAt && endsAt && wasStartsAt && wasEndsAt
        ? [{ title: str(o.title) ?? "", startsAt, endsAt, wasStartsAt, wasEndsAt }]
        : [];
    });
  }
  if (Array.isArray(raw.placeChangedSessions)) {
    const placeOf = (v: unknown) => (v === "in-presenza" || v === "online" ? v : null);
    optional.placeChangedSessions = raw.placeChangedSessions.flatMap((s: unknown) => {
      const o = (s && typeof s === "object" ? s : {}) as Record<string, unknown>;
      const [startsAt, endsAt] = [o.startsAt, o.endsAt].map(iso);
      return startsAt && endsAt
        ? [{ title: str(o.title) ?? "", startsAt, endsAt, place: placeOf(o.place), wasPlace: placeOf(o.wasPlace) }]
        : [];
    });
  }
  if (Array.isArray(raw.cancelledSessions)) {
    optional.cancelledSessions = sessionList(raw.cancelledSessions).flatMap((s) => (s.id ? [{ ...s, id: s.id }] : []));
    optional.rescheduled = raw.rescheduled === true;
  }
  return {
    eventTitle: str(raw.eventTitle) ?? "",
    editionNumber: num(raw.editionNumber),
    offerExpiresAt: expires && !Number.isNaN(Date.parse(expires)) ? expires : null,
    reason: str(raw.reason),
    position: num(raw.position),
    ...optional,
    ...extra,
  };
}

export function renderEmail(kind: string, payload: EmailPayload, ctx: EmailContext): RenderedEmail {
  if (!isTemplateKind(kind)) throw new UnknownEmailKindError(kind);
  const origin = ctx.origin.replace(/\/+$/, "");
  const context = { ...ctx, origin };
  const title = payload.eventTitle;
  const foreign =
    title && ctx.titleLanguage && ctx.titleLanguage !== ctx.locale ? [{ text: title, lang: ctx.titleLanguage }] : [];
  return renderLayout(TEMPLATES[kind](payload, context), context, foreign);
}
