import { describe, expect, it } from "vitest";
import { AUTO_CATCH_UP_MS, afterLastSessionDue, beforeSessionDue } from "./automatic-message.ts";

const at = (iso: string) => new Date(iso);

describe("automatic messages", () => {
  it("is due from N hours before a session until it starts", () => {
    const start = at("2027-03-10T15:00:00Z");
    expect(beforeSessionDue(start, 24, at("2027-03-09T14:59:59Z"))).toBe(false);
    expect(beforeSessionDue(start, 24, at("2027-03-09T15:00:00Z"))).toBe(true);
    expect(beforeSessionDue(start, 24, at("2027-03-10T14:59:59Z"))).toBe(true);
    expect(beforeSessionDue(start, 24, start)).toBe(false);
  });

  it("is due N days after the last session ends, for the catch-up window only", () => {
    const end = at("2027-03-10T17:00:00Z");
    expect(afterLastSessionDue(end, 2, at("2027-03-12T16:59:59Z"))).toBe(false);
    expect(afterLastSessionDue(end, 2, at("2027-03-12T17:00:00Z"))).toBe(true);
    expect(afterLastSessionDue(end, 0, end)).toBe(true);
    expect(afterLastSessionDue(end, 2, new Date(at("2027-03-12T17:00:00Z").getTime() + AUTO_CATCH_UP_MS))).toBe(false);
  });

  it("counts calendar days in Rome: a day after 18:00 on the Saturday the clocks go back is 18:00 on Sunday", () => {
    // Saturday 24/10/2026 18:00 in Rome is 16:00 UTC; Sunday 25/10 18:00 is 17:00 UTC (winter time).
    const end = at("2026-10-24T16:00:00Z");
    expect(afterLastSessionDue(end, 1, at("2026-10-25T16:30:00Z"))).toBe(false);
    expect(afterLastSessionDue(end, 1, at("2026-10-25T17:00:00Z"))).toBe(true);
    // And in March, when the day has 23 hours: Saturday 27/03/2027 18:00 (17:00 UTC) to Sunday 18:00 (16:00 UTC).
    expect(afterLastSessionDue(at("2027-03-27T17:00:00Z"), 1, at("2027-03-28T16:00:00Z"))).toBe(true);
  });
});
