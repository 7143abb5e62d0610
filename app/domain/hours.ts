// One reading of hours typed by people: the organiser's event and session hours, the teacher's
// external training hours and hours target; and one way of writing hours for people to read
// (hoursInWords). Pure, no HTTP, no database; hours.test.ts checks it.
//
// The rule: a whole number of hours, or hours with a comma or a dot and at most two decimals
// ("25", "1,5", "0.75", " 2,75 "), that make a WHOLE number of minutes. Anything else is refused
// (null), never rounded: "1,33" hours is 79.8 minutes, so it is refused and the person is asked to
// write what the certificate says ("1,5", "1,25", or whole minutes as 1,05 = 63 minutes…).
// Silent rounding would store hours nobody wrote. Zero is read as 0: each caller applies its own
// range (more than zero, at most MAX…), with its own message.

import type { Locale } from "./vocabulary.ts";

const HOURS = /^(\d{1,4})(?:[.,](\d{1,2}))?$/;

/** "25" → 1500, "1,5" → 90, "0.25" → 15, "0,1" → 6; null for "1,33", "-1", "1,333", "1.5h", "". */
export function parseHoursToMinutes(text: string): number | null {
  const m = HOURS.exec(text.trim());
  if (!m) return null;
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  // minutes = hundredths * 60 / 100 must be whole
  if ((hundredths * 60) % 100 !== 0) return null;
  return (hundredths * 60) / 100;
}

/**
 * Hours as every page, PDF and message shows them to people, the certificate's words:
 * 1230 -> "20 ore e 30 minuti", 60 -> "1 ora", 45 -> "45 minuti", 175 -> "2 ore e 55 minuti" (English: "20 hours and 30
 * minutes"). The one formatter: a teacher reads the same figure on the certificate, the training plan and its PDF, the
 * enrolments page and the catalogue (before, the plan wrote 175 minutes as "2,92 ore", the certificate "2 ore e 55
 * minuti"). Only a form field's value is written as decimal hours (hoursForInput), and the spreadsheet exports' numbers.
 */
export function hoursInWords(minutes: number, locale: Locale = "it"): string {
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  const en = locale === "en";
  const hours = h === 1 ? (en ? "1 hour" : "1 ora") : `${h} ${en ? "hours" : "ore"}`;
  const mins = m === 1 ? (en ? "1 minute" : "1 minuto") : `${m} ${en ? "minutes" : "minuti"}`;
  if (h === 0) return m === 0 ? (en ? "0 hours" : "0 ore") : mins;
  if (m === 0) return hours;
  return `${hours} ${en ? "and" : "e"} ${mins}`;
}

const inputFormats: Partial<Record<Locale, Intl.NumberFormat>> = {};

/**
 * Minutes as decimal hours in a form field, to be read back by parseHoursToMinutes: 90 -> "1,5" (it) / "1.5" (en),
 * 63 -> "1,05". Never shown as text: people read hoursInWords.
 */
export function hoursForInput(minutes: number, locale: Locale): string {
  inputFormats[locale] ??= new Intl.NumberFormat(locale === "en" ? "en-GB" : "it-IT", {
    maximumFractionDigits: 2,
    useGrouping: false,
  });
  return inputFormats[locale].format(minutes / 60);
}
