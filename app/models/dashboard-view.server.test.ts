import { describe, expect, it } from "vitest";
import { groupLabel } from "./dashboard-view.server.ts";

describe("the dashboard's month labels", () => {
  it("write the year in full in English: «Feb 27» reads as 27 February (review of the English interface, 07/12/2026)", () => {
    expect(groupLabel("month", "2027-02", "en")).toBe("Feb 2027");
    expect(groupLabel("month", "2027-02", "it")).toBe("feb 27");
  });
});
