import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/i18n.tsx";
import { formatDateTime, formatLongDate, formatShortDate, formatTime, parseRomeDateTime } from "~/utils/dates.ts";
import { countNumber, dateTime, dayRangeText, longDate, sessionSpanText, shortDate, time } from "./format.ts";

describe("a session's time span (the plan's upcoming sessions, page and PDF)", () => {
  const at = (text: string) => parseRomeDateTime(text)!;
  const it_ = translator("it");
  const en = translator("en");
  it("gives an asynchronous activity the days it is open, its deadline included", () => {
    const activity = { startsAt: at("2026-12-01T00:00"), endsAt: at("2026-12-14T23:59"), delivery: "asincrona" };
    expect(sessionSpanText(it_, activity, "it")).toBe("dal 01/12/2026 al 14/12/2026");
    expect(sessionSpanText(en, activity, "en")).toBe("from 1 December 2026 to 14 December 2026");
  });

  it("gives a live session its date and times, and the date at both ends across midnight in Rome", () => {
    const evening = { startsAt: at("2026-12-01T15:30"), endsAt: at("2026-12-01T17:00"), delivery: "sincrona" };
    expect(sessionSpanText(it_, evening, "it")).toBe("01/12/2026, 15:30–17:00");
    const night = { startsAt: at("2026-12-01T22:00"), endsAt: at("2026-12-02T01:00"), delivery: "sincrona" };
    expect(sessionSpanText(it_, night, "it")).toBe("01/12/2026, 22:00 – 02/12/2026, 01:00");
  });
});

describe("catalogue formatting (cached formatters)", () => {
  const instants = ["2026-12-01T16:30:00Z", "2027-03-28T00:30:00Z", "2027-06-30T22:15:00Z"];
  it("matches app/utils/dates.ts in both languages", () => {
    for (const locale of ["it", "en"] as const) {
      for (const d of instants) {
        expect(shortDate(d, locale)).toBe(formatShortDate(d, locale));
        expect(longDate(d, locale)).toBe(formatLongDate(d, locale));
        expect(time(d, locale)).toBe(formatTime(d, locale));
        expect(dateTime(d, locale)).toBe(formatDateTime(d, locale));
      }
    }
  });
  it("writes every instant's short date as a new formatter would, the kept hours included", () => {
    // Every 7 minutes over the two changes of the clocks of 2027 and the months around them, each hour's
    // instants in both languages (the first one of an hour fills the kept text the others read), then again.
    const spans = [
      [Date.UTC(2027, 2, 20), Date.UTC(2027, 3, 5)],
      [Date.UTC(2027, 9, 20), Date.UTC(2027, 10, 5)],
      [Date.UTC(2026, 11, 30), Date.UTC(2027, 0, 3)],
    ] as const;
    for (let pass = 0; pass < 2; pass++) {
      for (const [from, to] of spans) {
        for (let ms = from; ms < to; ms += 7 * 60_000 + pass * 13_000) {
          for (const locale of ["it", "en"] as const) {
            expect(shortDate(new Date(ms), locale)).toBe(formatShortDate(new Date(ms), locale));
            expect(shortDate(new Date(ms).toISOString(), locale)).toBe(formatShortDate(new Date(ms), locale));
          }
        }
      }
    }
    expect(() => shortDate("not a date", "it")).toThrow(RangeError);
  });
  it("compares days in Europe/Rome, not UTC", () => {
    const t = translator("it");
    // 23:30 UTC on 30 June is already 1 July in Rome.
    expect(dayRangeText(t, "2027-06-30T20:00:00Z", "2027-06-30T23:30:00Z", "it")).toBe("dal 30/06/2027 al 01/07/2027");
    expect(dayRangeText(t, "2027-06-30T06:00:00Z", "2027-06-30T21:30:00Z", "it")).toBe("30/06/2027");
  });
  it("writes counts with the locale's separators, as a new formatter would", () => {
    // Twice each: the second reads the kept text.
    for (const n of [0, 20, 7976, 12345, 1234567, 0, 20, 7976, 12345, 1234567]) {
      expect(countNumber(n, "it")).toBe(new Intl.NumberFormat("it-IT").format(n));
      expect(countNumber(n, "en")).toBe(new Intl.NumberFormat("en-GB").format(n));
    }
    expect(countNumber(12345, "it")).toBe("12.345");
    expect(countNumber(12345, "en")).toBe("12,345");
  });
});
