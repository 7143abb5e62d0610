// Email templates, one module per notification kind (Italian and English, HTML and plain
// text). renderEmail(kind, payloadJson, ctx) is what the outbox worker calls.
import type { NotificationKind } from "../app/models/enrolment.server.ts";
import { candidaturaAccettata } from "./candidatura-accettata.ts";
import { candidaturaRicevuta } from "./candidatura-ricevuta.ts";
import { candidaturaRespinta } from "./candidatura-respinta.ts";
import { edizioneAnnullata } from "./edizione-annullata.ts";
import { inseritoInListaAttesa } from "./inserito-in-lista-attesa.ts";
import { iscrizioneAnnullata } from "./iscrizione-annullata.ts";
import { iscrizioneConfermata } from "./iscrizione-confermata.ts";
import { renderLayout } from "./layout.ts";
import { offertaScaduta } from "./offerta-scaduta.ts";
import { postoOfferto } from "./posto-offerto.ts";
import { promosso } from "./promosso.ts";
import { rimosso } from "./rimosso.ts";
import type { EmailContext, EmailPayload, RenderedEmail, Template } from "./types.ts";

export type { EmailContext, EmailPayload, RenderedEmail } from "./types.ts";
export { escapeHtml } from "./escape.ts";

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
};

/**
 * Kinds that are reminders (e.g. a future "promemoria-sessione" the day before a session).
 * None of the current kinds is one; the outbox skips these ("non-inviare") for users with
 * User.emailReminders = false. Transactional messages always go out.
 */
export const REMINDER_KINDS: ReadonlySet<string> = new Set<string>([]);

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
  return {
    eventTitle: str(raw.eventTitle) ?? "",
    editionNumber: num(raw.editionNumber),
    offerExpiresAt: expires && !Number.isNaN(Date.parse(expires)) ? expires : null,
    reason: str(raw.reason),
    position: num(raw.position),
    ...extra,
  };
}

export function renderEmail(kind: string, payload: EmailPayload, ctx: EmailContext): RenderedEmail {
  if (!isTemplateKind(kind)) throw new UnknownEmailKindError(kind);
  const origin = ctx.origin.replace(/\/+$/, "");
  const context = { ...ctx, origin };
  return renderLayout(TEMPLATES[kind](payload, context), context);
}
