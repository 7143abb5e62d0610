import { describe, expect, it } from "vitest";
import { isOverridable, movedInLine } from "./placement.ts";

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
