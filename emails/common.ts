import { formatDateTime } from "../app/utils/dates.ts";
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
