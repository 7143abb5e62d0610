// Formatting for the catalogue's components. The Intl formatters are built once per locale and
// reused: building one per call (as app/utils/dates.ts does) was the largest single cost of
// rendering a result page (40 dates). Same output as app/utils/dates.ts. Hours: hoursInWords (app/domain/hours.ts).
import type { Locale } from "~/domain/vocabulary.ts";
import type { Translate } from "~/i18n/i18n.tsx";
import { dateTimeOptions, shortDateOptions, TIME_ZONE } from "~/utils/dates.ts";

const intlLocale = (locale: Locale) => (locale === "en" ? "en-GB" : "it-IT");
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: Locale, kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${kind}:${locale}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, ...options });
    cache.set(key, f);
  }
  return f;
}

/** "lunedì 1 dicembre 2026" */
export const longDate = (d: Date | string, locale: Locale) =>
  dateFormat(locale, "long", { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(new Date(d));
const HOUR_MS = 3_600_000;
/** Short dates already written, per language, by UTC hour: a page writes 40 of them (ADR 0059). */
const shortDates = { it: new Map<number, string>(), en: new Map<number, string>() };
/** About two years and a quarter of hours per language; past that the kept texts are forgotten and written anew. */
const SHORT_DATES_KEPT = 20_000;

/**
 * "01/12/2026" (it), "1 December 2026" (en: shortDateOptions). Europe/Rome's offset from UTC is a whole number of hours and changes on a whole UTC
 * hour (01:00 UTC), so every instant of one UTC hour falls on the same day in Rome: the text is
 * Intl's for the first instant of that hour in the language, kept in a plain Map (a bounded LRU's
 * reordering on every read cost more than the lookup) instead of formatted again for every card.
 */
export function shortDate(d: Date | string, locale: Locale): string {
  const ms = typeof d === "string" ? Date.parse(d) : d.getTime();
  if (!Number.isFinite(ms)) return dateFormat(locale, "short", shortDateOptions(locale)).format(new Date(d));
  const hour = Math.floor(ms / HOUR_MS);
  const cache = shortDates[locale];
  let text = cache.get(hour);
  if (text === undefined) {
    text = dateFormat(locale, "short", shortDateOptions(locale)).format(hour * HOUR_MS);
    if (cache.size >= SHORT_DATES_KEPT) cache.clear();
    cache.set(hour, text);
  }
  return text;
}
/** "15:30" */
export const time = (d: Date | string, locale: Locale) =>
  dateFormat(locale, "time", { hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(d));
/** "01/12/2026, 15:30" (it), "1 December 2026, 15:30" (en) */
export const dateTime = (d: Date | string, locale: Locale) =>
  dateFormat(locale, "dateTime", dateTimeOptions(locale)).format(new Date(d));

/** Counts already written, per language (a page writes one; Intl's format cost as much as a card). */
const countNumbers = { it: new Map<number, string>(), en: new Map<number, string>() };

/** A count with the locale's grouping: "12.345" in Italian (4 digits stay "7976"), "12,345" in English. */
export function countNumber(n: number, locale: Locale): string {
  let text = countNumbers[locale].get(n);
  if (text !== undefined) return text;
  text = countFormat(locale).format(n);
  if (countNumbers[locale].size >= 10_000) countNumbers[locale].clear();
  countNumbers[locale].set(n, text);
  return text;
}

function countFormat(locale: Locale): Intl.NumberFormat {
  const key = `count:${locale}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale));
    cache.set(key, f);
  }
  return f;
}

/**
 * When a session takes place, in one line ("Prossimi incontri" of the plan, page and PDF): an
 * asynchronous activity is the days it is open, its last day the deadline (dayRangeText:
 * "dal 01/12/2026 al 14/12/2026"); a live session its date and times ("01/12/2026, 15:30–17:00"),
 * with the date at both ends when it ends on another day in Rome ("01/12/2026, 22:00 – 02/12/2026, 01:00").
 */
export function sessionSpanText(
  t: Translate,
  session: { startsAt: Date | string; endsAt: Date | string; delivery: string },
  locale: Locale,
): string {
  const { startsAt, endsAt } = session;
  if (session.delivery === "asincrona") return dayRangeText(t, startsAt, endsAt, locale);
  if (shortDate(startsAt, locale) === shortDate(endsAt, locale))
    return `${dateTime(startsAt, locale)}–${time(endsAt, locale)}`;
  return `${dateTime(startsAt, locale)} – ${dateTime(endsAt, locale)}`;
}

/** "12/01/2027" for one day, "dal 12/01/2027 al 09/02/2027" for several (days in Europe/Rome). */
export function dayRangeText(t: Translate, from: Date | string, to: Date | string, locale: Locale): string {
  // The short date names the whole calendar day in Europe/Rome (dd/mm/yyyy in both languages), so
  // equal texts are the same day: two formats per range instead of four.
  const a = shortDate(from, locale);
  const b = shortDate(to, locale);
  return a === b ? a : t("catalogue.card.dateRange", { from: a, to: b });
}
