import { describe, expect, it } from "vitest";
import { parseHoursToMinutes } from "./hours.ts";

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
