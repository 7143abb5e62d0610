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
});
