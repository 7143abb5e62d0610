// Formatting for the catalogue's components. The Intl formatters are built once per locale and
// reused: building one per call (as app/utils/dates.ts does) was the largest single cost of
// rendering a result page (40 dates, 20 hour counts). Same output as app/utils/dates.ts.
import type { Locale } from "~/domain/vocabulary.ts";
import type { Translate } from "~/i18n/i18n.tsx";
import { TIME_ZONE } from "~/utils/dates.ts";

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
/** "01/12/2026" */
export const shortDate = (d: Date | string, locale: Locale) =>
  dateFormat(locale, "short", { day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(d));
/** "15:30" */
export const time = (d: Date | string, locale: Locale) =>
  dateFormat(locale, "time", { hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(d));
/** "01/12/2026, 15:30" */
export const dateTime = (d: Date | string, locale: Locale) =>
  dateFormat(locale, "dateTime", {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(new Date(d));

function hoursNumber(minutes: number, locale: Locale): string {
  const key = `hours:${locale}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 });
    cache.set(key, f);
  }
  return f.format(minutes / 60);
}

/** A count with the locale's grouping: "12.345" in Italian (4 digits stay "7976"), "12,345" in English. */
export function countNumber(n: number, locale: Locale): string {
  const key = `count:${locale}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale));
    cache.set(key, f);
  }
  return f.format(n);
}

/** "25 ore", "1 ora", "1,5 ore". */
export function hoursText(t: Translate, minutes: number, locale: Locale): string {
  return minutes === 60 ? t("catalogue.hours.one") : t("catalogue.hours.many", { hours: hoursNumber(minutes, locale) });
}

/** "12/01/2027" for one day, "dal 12/01/2027 al 09/02/2027" for several (days in Europe/Rome). */
export function dayRangeText(t: Translate, from: Date | string, to: Date | string, locale: Locale): string {
  // The short date names the whole calendar day in Europe/Rome (dd/mm/yyyy in both languages), so
  // equal texts are the same day: two formats per range instead of four.
  const a = shortDate(from, locale);
  const b = shortDate(to, locale);
  return a === b ? a : t("catalogue.card.dateRange", { from: a, to: b });
}
