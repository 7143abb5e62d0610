import { describe, expect, it } from "vitest";
import {
  formatDateRange,
  formatDateTime,
  formatDayDate,
  formatDayMonth,
  formatOnDate,
  isRepeatedRomeTime,
  parseRomeDateTime,
  readRomeDateTime,
  formatShortDate,
  romeDayBounds,
  toRomeInputValue,
} from "./dates.ts";

describe("parseRomeDateTime", () => {
  it("reads winter wall-clock times as CET (UTC+1)", () => {
    expect(parseRomeDateTime("2026-12-01T15:30")?.toISOString()).toBe("2026-12-01T14:30:00.000Z");
  });
  it("reads summer wall-clock times as CEST (UTC+2)", () => {
    expect(parseRomeDateTime("2027-06-10T09:00")?.toISOString()).toBe("2027-06-10T07:00:00.000Z");
  });
  it("refuses impossible or malformed dates", () => {
    expect(parseRomeDateTime("2026-02-30T10:00")).toBeNull();
    expect(parseRomeDateTime("01/12/2026")).toBeNull();
    expect(parseRomeDateTime("2026-12-01T25:00")).toBeNull();
  });
  it("refuses a year typed short instead of reading 0026 as 1926", () => {
    expect(parseRomeDateTime("0026-12-01")).toBeNull();
    expect(parseRomeDateTime("0000-01-01")).toBeNull();
    expect(parseRomeDateTime("0099-12-31T10:00")).toBeNull();
    expect(parseRomeDateTime("1026-12-01")?.getUTCFullYear()).toBe(1026);
  });
  it("round-trips with toRomeInputValue", () => {
    expect(toRomeInputValue(parseRomeDateTime("2027-03-28T03:15")!)).toBe("2027-03-28T03:15");
  });
});

describe("readRomeDateTime: the nights Rome's clocks change", () => {
  it("refuses a time skipped when summer time starts instead of moving it an hour later", () => {
    for (const typed of ["2027-03-28T02:00", "2027-03-28T02:30", "2027-03-28T02:59", "2026-03-29T02:30"]) {
      expect(readRomeDateTime(typed), typed).toEqual({ ok: false, reason: "nonexistent" });
      expect(parseRomeDateTime(typed), typed).toBeNull();
    }
    expect(readRomeDateTime("2027-03-28T01:59")).toEqual({ ok: true, date: new Date("2027-03-28T00:59:00.000Z") });
    expect(readRomeDateTime("2027-03-28T03:00")).toEqual({ ok: true, date: new Date("2027-03-28T01:00:00.000Z") });
  });
  it("refuses a time lived twice when summer time ends, naming both instants, instead of picking one", () => {
    expect(readRomeDateTime("2026-10-25T02:30")).toEqual({
      ok: false,
      reason: "ambiguous",
      earlier: new Date("2026-10-25T00:30:00.000Z"),
      later: new Date("2026-10-25T01:30:00.000Z"),
    });
    for (const typed of ["2026-10-25T02:00", "2026-10-25T02:59", "2027-10-31T02:30"]) {
      expect(readRomeDateTime(typed).ok, typed).toBe(false);
      expect(parseRomeDateTime(typed), typed).toBeNull();
    }
    expect(readRomeDateTime("2026-10-25T01:59")).toEqual({ ok: true, date: new Date("2026-10-24T23:59:00.000Z") });
    expect(readRomeDateTime("2026-10-25T03:00")).toEqual({ ok: true, date: new Date("2026-10-25T02:00:00.000Z") });
  });
  it("reads the days themselves and malformed values as before", () => {
    expect(readRomeDateTime("2027-03-28")).toEqual({ ok: true, date: new Date("2027-03-27T23:00:00.000Z") });
    expect(readRomeDateTime("2026-10-25")).toEqual({ ok: true, date: new Date("2026-10-24T22:00:00.000Z") });
    expect(readRomeDateTime("2026-02-30T10:00")).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("formatting", () => {
  it("shows Italian dates in Europe/Rome", () => {
    expect(formatDateTime(new Date("2026-12-01T14:30:00Z"), "it")).toBe("01/12/2026, 15:30");
  });

  it("names the month in English: 09/02/2027 is 2 September to a reader who writes the month first", () => {
    // An English email's deadline and an English page's dates were "09/02/2027, 12:00" (review of the English
    // interface, 07/12/2026); Italian keeps its figures.
    const instant = new Date("2027-02-09T11:00:00Z");
    expect(formatDateTime(instant, "en")).toBe("9 February 2027 at 12:00");
    expect(formatShortDate(instant, "en")).toBe("9 February 2027");
    expect(formatDayMonth(instant, "en")).toBe("9 February");
    expect(formatShortDate(instant, "it")).toBe("09/02/2027");
    expect(formatDayMonth(instant, "it")).toBe("09/02");
    // Still Rome's day: 23:30 UTC on 28 February is 1 March in Rome.
    expect(formatShortDate(new Date("2027-02-28T23:30:00Z"), "en")).toBe("1 March 2027");
  });
});

describe("dates in running text", () => {
  // Midnight in Rome is the evening before in UTC: the day must be read in Europe/Rome.
  const rome = (d: string) => parseRomeDateTime(d)!;
  it("writes the first of the month as 1° in Italian, with no weekday", () => {
    expect(formatDayDate(rome("2026-11-01"), "it")).toBe("1° novembre 2026");
    expect(formatDayDate(rome("2026-11-30"), "it")).toBe("30 novembre 2026");
    expect(formatDayDate(rome("2026-11-01"), "en")).toBe("1 November 2026");
  });
  it("puts the right article before a single day", () => {
    expect(formatOnDate(rome("2026-11-30"), "it")).toBe("il 30 novembre 2026");
    expect(formatOnDate(rome("2026-12-08"), "it")).toBe("l'8 dicembre 2026");
    expect(formatOnDate(rome("2027-03-11"), "it")).toBe("l'11 marzo 2027");
    expect(formatOnDate(rome("2027-03-01"), "it")).toBe("il 1° marzo 2027");
    expect(formatOnDate(rome("2026-11-30"), "en")).toBe("on 30 November 2026");
  });
  it("writes a period without repeating what both ends share", () => {
    expect(formatDateRange(rome("2026-10-31T09:00"), rome("2026-11-01T18:00"), "it")).toBe(
      "dal 31 ottobre al 1° novembre 2026",
    );
    expect(formatDateRange(rome("2026-11-03"), rome("2026-11-05"), "it")).toBe("dal 3 al 5 novembre 2026");
    expect(formatDateRange(rome("2027-03-08"), rome("2027-03-11"), "it")).toBe("dall'8 all'11 marzo 2027");
    expect(formatDateRange(rome("2026-12-30"), rome("2027-01-02"), "it")).toBe(
      "dal 30 dicembre 2026 al 2 gennaio 2027",
    );
    expect(formatDateRange(rome("2026-12-24T09:00"), rome("2026-12-24T18:00"), "it")).toBe("il 24 dicembre 2026");
    expect(formatDateRange(rome("2026-10-31"), rome("2026-11-01"), "en")).toBe("from 31 October to 1 November 2026");
  });
});

describe("isRepeatedRomeTime", () => {
  it("is true only in the hour Rome lives twice, when summer time ends", () => {
    for (const iso of ["2027-10-31T00:00:00Z", "2027-10-31T00:59:00Z", "2027-10-31T01:00:00Z", "2027-10-31T01:59:00Z"])
      expect(isRepeatedRomeTime(new Date(iso)), iso).toBe(true);
    for (const iso of ["2027-10-30T23:59:00Z", "2027-10-31T02:00:00Z", "2027-03-28T01:30:00Z", "2027-01-14T14:00:00Z"])
      expect(isRepeatedRomeTime(new Date(iso)), iso).toBe(false);
  });
});

describe("romeDayBounds", () => {
  const bounds = (iso: string) => {
    const { start, end } = romeDayBounds(new Date(iso));
    return [start.toISOString(), end.toISOString()];
  };
  it("is Rome's day, not UTC's: 00:30 in Rome is still the previous day in UTC", () => {
    expect(bounds("2026-12-04T23:30:00Z")).toEqual(["2026-12-04T23:00:00.000Z", "2026-12-05T23:00:00.000Z"]);
  });
  it("lasts 25 hours on the night summer time ends and 23 on the night it starts", () => {
    expect(bounds("2026-10-25T12:00:00Z")).toEqual(["2026-10-24T22:00:00.000Z", "2026-10-25T23:00:00.000Z"]);
    expect(bounds("2027-03-28T12:00:00Z")).toEqual(["2027-03-27T23:00:00.000Z", "2027-03-28T22:00:00.000Z"]);
  });
  it("crosses the end of a month and of a year", () => {
    expect(bounds("2026-12-31T20:00:00Z")).toEqual(["2026-12-30T23:00:00.000Z", "2026-12-31T23:00:00.000Z"]);
  });
});
