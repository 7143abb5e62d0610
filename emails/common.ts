import { formatDateTime, formatLongDate, formatShortDate, formatTime } from "../app/utils/dates.ts";
import type { Locale } from "../app/domain/vocabulary.ts";
import type { EmailPayload } from "./types.ts";

/** "Titolo (edizione 2)" / "Title (edition 2)". */
export function editionLabel(p: EmailPayload, locale: Locale): string {
  if (p.editionNumber === null) return p.eventTitle;
  return locale === "en"
    ? `${p.eventTitle} (edition ${p.editionNumber})`
    : `${p.eventTitle} (edizione ${p.editionNumber})`;
}

/** A deadline in Europe/Rome: "05/12/2026, 18:30 (ora italiana)". */
export function romeDeadline(iso: string, locale: Locale): string {
  return `${formatDateTime(iso, locale)} (${locale === "en" ? "Italian time" : "ora italiana"})`;
}

export const MY_ENROLMENTS = "/le-mie-iscrizioni";
export const CATALOGUE = "/eventi";

export function myEnrolmentsAction(locale: Locale) {
  return { label: locale === "en" ? "Open My enrolments" : "Apri Le mie iscrizioni", path: MY_ENROLMENTS };
}

export function greeting(firstName: string, locale: Locale): string {
  const name = firstName.trim();
  if (locale === "en") return name ? `Dear ${name},` : "Hello,";
  return name ? `Gentile ${name},` : "Gentile docente,";
}

/**
 * When and where: one line per session ("• martedì 10 febbraio 2027, 15:00–17:00 — Title", an
 * asynchronous activity as its period), then the place and/or the room link as the event's mode
 * says. Empty when the payload has no schedule.
 */
/** "sabato 30 ottobre 2027, 09:00–12:00" (Rome): a synchronous session's day and hours. */
function sessionWhen(startsAt: string, endsAt: string, locale: Locale): string {
  return `${formatLongDate(startsAt, locale)}, ${formatTime(startsAt, locale)}–${formatTime(endsAt, locale)}`;
}

/**
 * The sessions an edition change moved, before and now ("• Mattina: era …, ora …"), under their
 * own heading; none when the change moved no time (a place, a room link, a deleted session).
 */
export function movedParagraphs(p: EmailPayload, locale: Locale): string[] {
  const moved = p.movedSessions ?? [];
  if (moved.length === 0) return [];
  const en = locale === "en";
  const lines = moved.map((m) => {
    const was = sessionWhen(m.wasStartsAt, m.wasEndsAt, locale);
    const now = sessionWhen(m.startsAt, m.endsAt, locale);
    return `• ${m.title ? `${m.title}: ` : ""}${en ? `was ${was}, now ${now}` : `era ${was}, ora ${now}`}`;
  });
  return [
    en
      ? `${moved.length === 1 ? "Session moved" : "Sessions moved"} (Italian time):`
      : `${moved.length === 1 ? "Incontro spostato" : "Incontri spostati"} (ora italiana):`,
    lines.join("\n"),
  ];
}

export function scheduleParagraphs(p: EmailPayload, locale: Locale): string[] {
  const s = p.schedule;
  if (!s || s.sessions.length === 0) return [];
  const en = locale === "en";
  const lines = s.sessions.map((x) => {
    const when =
      x.delivery === "asincrona"
        ? en
          ? `activity to complete from ${formatShortDate(x.startsAt, locale)} to ${formatShortDate(x.endsAt, locale)}`
          : `attività da svolgere dal ${formatShortDate(x.startsAt, locale)} al ${formatShortDate(x.endsAt, locale)}`
        : sessionWhen(x.startsAt, x.endsAt, locale);
    return `• ${when}${x.title ? ` — ${x.title}` : ""}`;
  });
  const out = [
    en
      ? `${s.sessions.length === 1 ? "Session" : "Sessions"} (Italian time):`
      : `${s.sessions.length === 1 ? "Incontro" : "Incontri"} (ora italiana):`,
    lines.join("\n"),
  ];
  const venue = s.venue?.trim();
  if (s.mode !== "online" && venue) out.push(en ? `Place: ${venue}` : `Luogo: ${venue}`);
  if (s.mode !== "in-presenza" && s.onlineUrl) {
    out.push(en ? `Online room link: ${s.onlineUrl}` : `Link della stanza online: ${s.onlineUrl}`);
  } else if (s.mode !== "in-presenza") {
    out.push(
      en
        ? "The online room link will be on My enrolments before the first session."
        : "Il link della stanza online sarà in Le mie iscrizioni prima del primo incontro.",
    );
  }
  return out;
}

/**
 * Who wrote an organiser's message and that a reply reaches them (the email's Reply-To is their
 * address, ADR 0076); none for an old payload without the sender.
 */
export function senderParagraphs(p: EmailPayload, locale: Locale): string[] {
  if (!p.sender) return [];
  const { name, email } = p.sender;
  return [
    locale === "en"
      ? `Message from ${name} (${email}). To reply, reply to this email: your answer goes to ${name}.`
      : `Messaggio di ${name} (${email}). Per rispondere, rispondi a questa email: la risposta arriva a ${name}.`,
  ];
}
