import { describe, expect, it } from "vitest";
import { copyShiftDays, daysBetween, shiftByDays } from "./event-copy.ts";

describe("copying an event to a new start day", () => {
  it("moves by whole Rome calendar days and keeps the wall-clock time across summer time", () => {
    // 10:00 in Rome on 15 January 2027 (CET, UTC+1) → 10:00 on 15 July 2027 (CEST, UTC+2).
    const winter = new Date("2027-01-15T09:00:00Z");
    const days = daysBetween(winter, new Date("2027-07-15T10:00:00Z"));
    expect(days).toBe(181);
    expect(shiftByDays(winter, days).toISOString()).toBe("2027-07-15T08:00:00.000Z");
    expect(shiftByDays(new Date("2027-07-15T08:00:00Z"), -days).toISOString()).toBe("2027-01-15T09:00:00.000Z");
  });

  it("takes the first edition's first day as the origin", () => {
    const editions = [
      { startsOn: new Date("2027-03-01T23:00:00Z") }, // 2 March in Rome
      { startsOn: new Date("2027-02-09T23:00:00Z") }, // 10 February in Rome
    ];
    expect(copyShiftDays(editions, new Date("2027-02-19T23:00:00Z"))).toBe(10);
    expect(copyShiftDays([], new Date("2027-02-19T23:00:00Z"))).toBe(0);
  });
});
