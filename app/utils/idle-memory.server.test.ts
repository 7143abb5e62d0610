import { describe, expect, it } from "vitest";
import {
  COMPACT_CEILING_MB,
  compactionWorthIt,
  idleReleaseSeconds,
  RELEASE_MIN_GROWTH_MB,
  releaseDue,
} from "./idle-memory.server.ts";

describe("memory given back at rest", () => {
  it("waits 5 quiet seconds unless FORMA_IDLE_RELEASE_SECONDS says otherwise; 0 turns it off", () => {
    expect(idleReleaseSeconds(undefined)).toBe(5);
    expect(idleReleaseSeconds("")).toBe(5);
    expect(idleReleaseSeconds("0")).toBe(0);
    expect(idleReleaseSeconds("12")).toBe(12);
    expect(() => idleReleaseSeconds("-1")).toThrow(/FORMA_IDLE_RELEASE_SECONDS/);
    expect(() => idleReleaseSeconds("soon")).toThrow(/FORMA_IDLE_RELEASE_SECONDS/);
    expect(() => idleReleaseSeconds("2.5")).toThrow(/FORMA_IDLE_RELEASE_SECONDS/);
  });

  it("collects only after enough quiet seconds and enough growth since the last release", () => {
    const grown = { quietSeconds: 5, rssMb: 250, baselineMb: 250 - RELEASE_MIN_GROWTH_MB };
    expect(releaseDue(grown, 5)).toBe(true);
    // Still busy a second ago (under load the count restarts every busy second).
    expect(releaseDue({ ...grown, quietSeconds: 4 }, 5)).toBe(false);
    // Quiet, but nothing grown since the last release: nothing to give back, no collection.
    expect(releaseDue({ ...grown, rssMb: grown.baselineMb + RELEASE_MIN_GROWTH_MB - 1 }, 5)).toBe(false);
    // Off.
    expect(releaseDue({ ...grown, quietSeconds: 3600 }, 0)).toBe(false);
  });

  it("compacts only a fragmented old generation, and only when its copy fits under the ceiling", () => {
    expect(compactionWorthIt(RELEASE_MIN_GROWTH_MB, 40, COMPACT_CEILING_MB - 40)).toBe(true);
    expect(compactionWorthIt(RELEASE_MIN_GROWTH_MB - 1, 40, 150)).toBe(false);
    expect(compactionWorthIt(60, 40, COMPACT_CEILING_MB - 39)).toBe(false);
  });
});
