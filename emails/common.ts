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
        : `${formatLongDate(x.startsAt, locale)}, ${formatTime(x.startsAt, locale)}–${formatTime(x.endsAt, locale)}`;
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
