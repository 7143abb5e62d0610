import { describe, expect, it } from "vitest";
import { isOverridable, movedInLine, placementTiming } from "./placement.ts";

describe("placement overrides", () => {
  it("lets the organiser override audience, region and window refusals, never a closed event or edition", () => {
    for (const r of [
      "enrolment-closed-early",
      "window-not-open",
      "window-closed",
      "other-region",
      "audience-school-level",
      "audience-role",
    ] as const) {
      expect(isOverridable(r)).toBe(true);
    }
    expect(isOverridable("event-not-open")).toBe(false);
    expect(isOverridable("edition-cancelled")).toBe(false);
  });
});

describe("movedInLine", () => {
  it("moves one person up, down, to the front or back, the others keeping their order", () => {
    const line = ["a", "b", "c", "d"];
    expect(movedInLine(line, "c", 1)).toEqual(["c", "a", "b", "d"]);
    expect(movedInLine(line, "a", 3)).toEqual(["b", "c", "a", "d"]);
    expect(movedInLine(line, "b", 99)).toEqual(["a", "c", "d", "b"]);
    expect(movedInLine(line, "d", 0)).toEqual(["d", "a", "b", "c"]);
    expect(movedInLine(line, "x", 1)).toBeNull();
  });
});

describe("placementTiming", () => {
  const endsOn = new Date("2027-03-10T17:00:00Z");
  it("is an ordinary place until the edition's end, after it the record of a participation", () => {
    expect(placementTiming({ endsOn, attendanceClosedAt: null }, new Date("2027-03-10T16:59:59Z"))).toBe("open");
    expect(placementTiming({ endsOn, attendanceClosedAt: null }, new Date("2027-03-10T17:00:01Z"))).toBe(
      "after-the-fact",
    );
  });
  it("adds nobody once the register is closed, even before the end (the time stored is what counts)", () => {
    const closed = new Date("2027-03-11T09:00:00Z");
    expect(placementTiming({ endsOn, attendanceClosedAt: closed }, new Date("2027-03-12T09:00:00Z"))).toBe(
      "register-closed",
    );
    expect(placementTiming({ endsOn, attendanceClosedAt: closed }, new Date("2027-03-01T09:00:00Z"))).toBe(
      "register-closed",
    );
  });
});
