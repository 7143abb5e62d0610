import { describe, expect, it } from "vitest";
import { formatDateTime, formatHours, parseRomeDateTime, toRomeInputValue } from "./dates.ts";

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
  it("round-trips with toRomeInputValue", () => {
    expect(toRomeInputValue(parseRomeDateTime("2027-03-28T03:15")!)).toBe("2027-03-28T03:15");
  });
});

describe("formatting", () => {
  it("shows Italian dates in Europe/Rome", () => {
    expect(formatDateTime(new Date("2026-12-01T14:30:00Z"), "it")).toBe("01/12/2026, 15:30");
  });
  it("shows hours with the Italian decimal comma", () => {
    expect(formatHours(90, "it")).toBe("1,5");
    expect(formatHours(1500, "en")).toBe("25");
  });
});
