import { describe, expect, it } from "vitest";
import { isOverridable } from "./placement.ts";

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
