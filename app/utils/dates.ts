// Dates in Forma are instants (UTC in the database) shown and entered in Europe/Rome.
import { TZDate } from "@date-fns/tz";
import type { Locale } from "~/domain/vocabulary.ts";

export const TIME_ZONE = "Europe/Rome";

const intlLocale = (locale: Locale) => (locale === "en" ? "en-GB" : "it-IT");

// Building an Intl formatter costs far more than using one: keep one per locale and options.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** "lunedì 1 dicembre 2026" */
export function formatLongDate(date: Date | string, locale: Locale): string {
  return formatter(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(new Date(date));
}

/**
 * A date in figures is read day first in Italy and month first in the United States: "09/02/2027" is 9 February to an
 * Italian reader and 2 September to many English ones (European seminars have partners from everywhere). Italian keeps
 * its figures; English names the month: "9 February 2027". The options of every short date, here and in the catalogue
 * (app/components/catalogue/format.ts).
 */
export function shortDateOptions(locale: Locale): Intl.DateTimeFormatOptions {
  return locale === "en"
    ? { day: "numeric", month: "long", year: "numeric" }
    : { day: "2-digit", month: "2-digit", year: "numeric" };
}

/** The options of a date with its time: "01/12/2026, 15:30" (it), "1 December 2026, 15:30" (en). */
export function dateTimeOptions(locale: Locale): Intl.DateTimeFormatOptions {
  return { ...shortDateOptions(locale), hour: "2-digit", minute: "2-digit", hour12: false };
}

/** "01/12/2026" (it), "1 December 2026" (en) */
export function formatShortDate(date: Date | string, locale: Locale): string {
  return formatter(locale, shortDateOptions(locale)).format(new Date(date));
}

/** "01/12" (it), "1 December" (en): day and month, in Rome, a change log's short date */
export function formatDayMonth(date: Date | string, locale: Locale): string {
  return formatter(
    locale,
    locale === "en" ? { day: "numeric", month: "long" } : { day: "2-digit", month: "2-digit" },
  ).format(new Date(date));
}

/** "15:30" */
export function formatTime(date: Date | string, locale: Locale): string {
  return formatter(locale, { hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(date));
}

/** "01/12/2026, 15:30" (it), "1 December 2026, 15:30" (en) */
export function formatDateTime(date: Date | string, locale: Locale): string {
  return formatter(locale, dateTimeOptions(locale)).format(new Date(date));
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/;

/**
 * What a typed Rome wall-clock time is: one instant, not a date at all ("invalid"), a time the
 * clocks skip when summer time starts ("nonexistent": 02:00-02:59 on the last Sunday of March), or
 * a time they show twice when it ends ("ambiguous": 02:00-02:59 on the last Sunday of October, once
 * in summer time and again an hour later in winter time). Forms refuse the last two with their own
 * message rather than store a shifted or a guessed instant.
 */
export type RomeDateTimeReading =
  | { ok: true; date: Date }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "nonexistent" }
  | { ok: false; reason: "ambiguous"; earlier: Date; later: Date };

/**
 * Reads "2026-12-01T15:30" (an <input type="datetime-local"> value) or "2026-12-01"
 * as a wall-clock time in Europe/Rome. "invalid" for anything else or impossible dates, and for
 * a year before 1000: JavaScript's Date reads years 0-99 as 1900-1999, so a year typed short
 * ("0026", what a date field sends when "26" is typed) silently became 1926.
 */
export function readRomeDateTime(value: string): RomeDateTimeReading {
  const m = LOCAL_DATE_TIME.exec(value.trim());
  if (!m) return { ok: false, reason: "invalid" };
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4] ?? "00", m[5] ?? "00"].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59)
    return { ok: false, reason: "invalid" };
  const date = new TZDate(year, month - 1, day, hour, minute, TIME_ZONE);
  if (date.getMonth() !== month - 1 || date.getDate() !== day) return { ok: false, reason: "invalid" };
  const instant = new Date(date.getTime());
  const pad = (n: number) => String(n).padStart(2, "0");
  // TZDate moves a time the clocks skip forward by the hour skipped (02:30 became 03:30): the
  // instant's own wall clock then differs from what was typed.
  if (toRomeInputValue(instant) !== `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`)
    return { ok: false, reason: "nonexistent" };
  if (isRepeatedRomeTime(instant)) {
    const other = [instant.getTime() - 3_600_000, instant.getTime() + 3_600_000].find(
      (t) => toRomeInputValue(new Date(t)) === toRomeInputValue(instant),
    )!;
    const [earlier, later] = [instant.getTime(), other].sort((a, b) => a - b) as [number, number];
    return { ok: false, reason: "ambiguous", earlier: new Date(earlier), later: new Date(later) };
  }
  return { ok: true, date: instant };
}

/**
 * readRomeDateTime's instant, or null for anything else: a malformed or impossible date, and a
 * time that does not exist in Rome or that Rome lives twice (the nights clocks change).
 */
export function parseRomeDateTime(value: string): Date | null {
  const reading = readRomeDateTime(value);
  return reading.ok ? reading.date : null;
}

/** The inverse of parseRomeDateTime: a Date as "YYYY-MM-DDTHH:mm" in Europe/Rome (for form defaults). */
export function toRomeInputValue(date: Date | string): string {
  const d = new TZDate(new Date(date).getTime(), TIME_ZONE);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Whether Rome's wall clock shows this instant's time twice: the hour from 02:00 to 03:00 on the
 * night summer time ends (last Sunday of October) is lived once in summer time and again in
 * winter time. A local time of that hour does not say which (RFC 5545 reads the first, some
 * readers the second), so calendar files write such instants in UTC.
 */
export function isRepeatedRomeTime(date: Date): boolean {
  const wallClock = toRomeInputValue(date);
  return (
    wallClock === toRomeInputValue(new Date(date.getTime() - 3_600_000)) ||
    wallClock === toRomeInputValue(new Date(date.getTime() + 3_600_000))
  );
}

/** The same day as YYYY-MM-DD in Europe/Rome. */
export function toRomeDateValue(date: Date | string): string {
  return toRomeInputValue(date).slice(0, 10);
}

/**
 * The same wall-clock time in Rome, `days` calendar days later (or earlier): a day is not always
 * 24 hours (23 and 25 the nights the clocks change), and "the next day at the same time" is what
 * people mean. A time that does not exist on the new day (the hour skipped in March) moves forward.
 */
export function addRomeDays(instant: Date, days: number): Date {
  const d = new TZDate(instant.getTime(), TIME_ZONE);
  const moved = new TZDate(
    d.getFullYear(),
    d.getMonth(),
    d.getDate() + days,
    d.getHours(),
    d.getMinutes(),
    d.getSeconds(),
    d.getMilliseconds(),
    TIME_ZONE,
  );
  return new Date(moved.getTime());
}

/**
 * The Rome calendar day an instant falls in, as the instants of its first minute and of the next
 * day's: 24 hours apart, except the days clocks change (23 in March, 25 in October).
 */
export function romeDayBounds(instant: Date): { start: Date; end: Date } {
  const [year, month, day] = toRomeDateValue(instant).split("-").map(Number) as [number, number, number];
  const start = new TZDate(year, month - 1, day, 0, 0, TIME_ZONE);
  const end = new TZDate(year, month - 1, day + 1, 0, 0, TIME_ZONE);
  return { start: new Date(start.getTime()), end: new Date(end.getTime()) };
}

type DayParts = { day: number; month: string; year: string };

function dayParts(date: Date | string, locale: Locale): DayParts {
  const parts = formatter(locale, { day: "numeric", month: "long", year: "numeric" }).formatToParts(new Date(date));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return { day: Number(get("day")), month: get("month"), year: get("year") };
}

/** The day number as Italian writes it in running text: "1°" for the first of the month. */
const dayNumber = (day: number, locale: Locale) => (locale === "it" && day === 1 ? "1°" : String(day));

/** Italian elides the article before the days read with a vowel: l'8, l'11 (dall'8, all'11). */
const elides = (day: number) => day === 8 || day === 11;

/** "1° novembre 2026", "30 novembre 2026" (it); "1 November 2026" (en): a date without weekday. */
export function formatDayDate(date: Date | string, locale: Locale): string {
  const p = dayParts(date, locale);
  return `${dayNumber(p.day, locale)} ${p.month} ${p.year}`;
}

/** "il 30 novembre 2026", "l'8 dicembre 2026", "il 1° marzo 2027" (it); "on 30 November 2026" (en). */
export function formatOnDate(date: Date | string, locale: Locale): string {
  if (locale === "en") return `on ${formatDayDate(date, locale)}`;
  const p = dayParts(date, locale);
  return `${elides(p.day) ? "l'" : "il "}${formatDayDate(date, locale)}`;
}

/**
 * A period in running text, without weekdays and without repeating what the two ends share:
 * "dal 31 ottobre al 1° novembre 2026", "dal 3 al 5 novembre 2026", "dall'8 all'11 marzo 2027",
 * "dal 30 dicembre 2026 al 2 gennaio 2027"; one day is "il 24 dicembre 2026" (it).
 * English: "from 31 October to 1 November 2026", "on 24 December 2026".
 */
export function formatDateRange(from: Date | string, to: Date | string, locale: Locale): string {
  const a = dayParts(from, locale);
  const b = dayParts(to, locale);
  if (a.day === b.day && a.month === b.month && a.year === b.year) return formatOnDate(from, locale);
  const start =
    a.year !== b.year
      ? `${dayNumber(a.day, locale)} ${a.month} ${a.year}`
      : a.month !== b.month
        ? `${dayNumber(a.day, locale)} ${a.month}`
        : dayNumber(a.day, locale);
  const end = `${dayNumber(b.day, locale)} ${b.month} ${b.year}`;
  if (locale === "en") return `from ${start} to ${end}`;
  return `${elides(a.day) ? "dall'" : "dal "}${start} ${elides(b.day) ? "all'" : "al "}${end}`;
}
