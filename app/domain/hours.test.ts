import { describe, expect, it } from "vitest";
import { hoursForInput, hoursInWords, parseHoursToMinutes } from "./hours.ts";

describe("parseHoursToMinutes (the one hours parser)", () => {
  it("reads whole hours and decimals with a comma or a dot", () => {
    expect(parseHoursToMinutes("25")).toBe(1500);
    expect(parseHoursToMinutes("1,5")).toBe(90);
    expect(parseHoursToMinutes("12,5")).toBe(750);
    expect(parseHoursToMinutes(" 1.25 ")).toBe(75);
    expect(parseHoursToMinutes("0,1")).toBe(6);
    expect(parseHoursToMinutes("2,75")).toBe(165);
    expect(parseHoursToMinutes("0")).toBe(0);
  });

  it("refuses, never rounds, hours that are not a whole number of minutes", () => {
    expect(parseHoursToMinutes("1,33")).toBeNull();
    expect(parseHoursToMinutes("0,33")).toBeNull();
    expect(parseHoursToMinutes("1.01")).toBeNull();
  });

  it("refuses anything else", () => {
    for (const bad of ["", " ", "-1", "1,333", "abc", "1,5h", "1.2.3", "12345", ",5", "1e2"])
      expect(parseHoursToMinutes(bad)).toBeNull();
  });
});

describe("hoursInWords (the one way hours are shown to people)", () => {
  it("writes hours and minutes in Italian", () => {
    expect(hoursInWords(1230)).toBe("20 ore e 30 minuti");
    expect(hoursInWords(60)).toBe("1 ora");
    expect(hoursInWords(61)).toBe("1 ora e 1 minuto");
    expect(hoursInWords(45)).toBe("45 minuti");
    expect(hoursInWords(180)).toBe("3 ore");
    expect(hoursInWords(0)).toBe("0 ore");
  });

  it("and in English", () => {
    expect(hoursInWords(1230, "en")).toBe("20 hours and 30 minutes");
    expect(hoursInWords(60, "en")).toBe("1 hour");
    expect(hoursInWords(175, "en")).toBe("2 hours and 55 minutes");
  });

  it("writes 175 minutes as the certificate does, not as decimal hours", () => {
    expect(hoursInWords(175, "it")).toBe("2 ore e 55 minuti");
    expect(hoursInWords(90, "it")).toBe("1 ora e 30 minuti");
  });
});

describe("hoursForInput (a form field's value, read back by parseHoursToMinutes)", () => {
  it("writes decimal hours in the language's convention, without grouping", () => {
    expect(hoursForInput(90, "it")).toBe("1,5");
    expect(hoursForInput(90, "en")).toBe("1.5");
    expect(hoursForInput(63, "it")).toBe("1,05");
    expect(hoursForInput(600_000, "it")).toBe("10000");
  });

  it("gives back what it was given through the parser", () => {
    for (const minutes of [6, 15, 63, 90, 165, 1500, 5994])
      for (const locale of ["it", "en"] as const)
        expect(parseHoursToMinutes(hoursForInput(minutes, locale))).toBe(minutes);
  });
});
