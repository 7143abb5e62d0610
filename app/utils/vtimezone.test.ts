import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { TIME_ZONE } from "./dates.ts";
import { vtimezoneFor } from "./vtimezone.ts";

/** Reads a local Rome wall-clock time through the VTIMEZONE and returns the UTC instant. */
const zone = new ICAL.Timezone(new ICAL.Component(ICAL.parse(vtimezoneFor(TIME_ZONE)!) as unknown[]));
function utcOf(local: string): string {
  const time = ICAL.Time.fromDateTimeString(local);
  time.zone = zone;
  return time.toJSDate().toISOString();
}

describe("vtimezoneFor", () => {
  it("gives Europe/Rome only", () => {
    expect(vtimezoneFor("Europe/Rome")).toContain("TZID:Europe/Rome");
    expect(vtimezoneFor("America/New_York")).toBeNull();
  });

  it("is a valid VTIMEZONE with CET and CEST", () => {
    const text = vtimezoneFor(TIME_ZONE)!;
    const comp = new ICAL.Component(ICAL.parse(text) as unknown[]);
    expect(comp.name).toBe("vtimezone");
    expect(comp.getAllSubcomponents("daylight")).toHaveLength(1);
    expect(comp.getAllSubcomponents("standard")).toHaveLength(1);
    expect(text).toContain("TZNAME:CET");
    expect(text).toContain("TZNAME:CEST");
    expect(text.split("\r\n").every((line) => line.length <= 75)).toBe(true);
  });

  it.each([
    ["2027-01-14T15:00:00", "2027-01-14T14:00:00.000Z"], // winter
    ["2027-07-14T15:00:00", "2027-07-14T13:00:00.000Z"], // summer
    ["2026-03-29T01:30:00", "2026-03-29T00:30:00.000Z"], // before the March change (last Sunday)
    ["2026-03-29T03:30:00", "2026-03-29T01:30:00.000Z"], // after it
    ["2026-10-24T15:00:00", "2026-10-24T13:00:00.000Z"], // the day before the October change
    ["2026-10-25T15:00:00", "2026-10-25T14:00:00.000Z"], // the afternoon of the change
    ["2030-03-30T15:00:00", "2030-03-30T14:00:00.000Z"], // Saturday before the last Sunday of March 2030
    ["2030-03-31T15:00:00", "2030-03-31T13:00:00.000Z"],
  ])("places %s Rome at %s", (local, utc) => {
    expect(utcOf(local)).toBe(utc);
  });

  it("agrees with the platform's tz database for every hour of a year", () => {
    const format = new Intl.DateTimeFormat("sv-SE", {
      timeZone: TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    // Every 3 hours of a year (about 2,900 instants). Rome's wall clock for an instant, as "YYYY-MM-DDTHH:MM:SS".
    const local = (t: number) => format.format(new Date(t)).replace(" ", "T");
    const start = Date.UTC(2027, 0, 1);
    let checked = 0;
    for (let t = start; t < start + 365 * 86_400_000; t += 3 * 3_600_000) {
      // The October hour that happens twice cannot name one instant: skip it.
      if (local(t) === local(t - 3_600_000) || local(t) === local(t + 3_600_000)) continue;
      expect(utcOf(local(t)), local(t)).toBe(new Date(t).toISOString());
      checked += 1;
    }
    expect(checked).toBeGreaterThan(2900);
  });
});
