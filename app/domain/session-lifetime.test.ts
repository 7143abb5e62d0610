import { describe, expect, it } from "vitest";
import { idlePhase, SESSION_IDLE_MINUTES, SESSION_WARNING_MINUTES } from "./session-lifetime.ts";

const MINUTE = 60_000;
const now = Date.UTC(2026, 11, 5, 12, 0, 0);

describe("when the idle warning shows (ADR 0094)", () => {
  it("nothing until the warning is due, and says when it is", () => {
    expect(idlePhase(now + SESSION_IDLE_MINUTES * MINUTE, now)).toEqual({
      kind: "active",
      warnInMs: (SESSION_IDLE_MINUTES - SESSION_WARNING_MINUTES) * MINUTE,
    });
    expect(idlePhase(now + SESSION_WARNING_MINUTES * MINUTE + 1, now)).toEqual({ kind: "active", warnInMs: 1 });
  });

  it("warns from SESSION_WARNING_MINUTES before the end, with the seconds left rounded up", () => {
    expect(idlePhase(now + SESSION_WARNING_MINUTES * MINUTE, now)).toEqual({
      kind: "warning",
      secondsLeft: SESSION_WARNING_MINUTES * 60,
    });
    expect(idlePhase(now + 1500, now)).toEqual({ kind: "warning", secondsLeft: 2 });
    expect(idlePhase(now + 1, now)).toEqual({ kind: "warning", secondsLeft: 1 });
  });

  it("ended at the deadline and after it (a laptop woken hours later)", () => {
    expect(idlePhase(now, now)).toEqual({ kind: "ended" });
    expect(idlePhase(now - 3 * 60 * MINUTE, now)).toEqual({ kind: "ended" });
  });

  it("gives at least the 20 seconds WCAG 2.2.1 asks for, and warns before the idle end", () => {
    expect(SESSION_WARNING_MINUTES * 60).toBeGreaterThanOrEqual(20);
    expect(SESSION_WARNING_MINUTES).toBeLessThan(SESSION_IDLE_MINUTES);
  });
});
