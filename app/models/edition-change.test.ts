import { describe, expect, it } from "vitest";
import { scheduleChangeKey } from "./edition-change.server.ts";
import { reminderWindow } from "./reminders.server.ts";
import { withoutToken } from "./outbox.server.ts";

describe("scheduleChangeKey", () => {
  it("names the sessions' state: same state same name, any higher sequence another", () => {
    const a = scheduleChangeKey([
      { id: "s1", sequence: 1 },
      { id: "s2", sequence: 0 },
    ]);
    expect(
      scheduleChangeKey([
        { id: "s2", sequence: 0 },
        { id: "s1", sequence: 1 },
      ]),
    ).toBe(a);
    expect(
      scheduleChangeKey([
        { id: "s1", sequence: 2 },
        { id: "s2", sequence: 0 },
      ]),
    ).not.toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("names the deleted sessions too: the same sessions left after another deletion are another change", () => {
    const left = [
      { id: "a", sequence: 0 },
      { id: "b", sequence: 0 },
    ];
    const afterC = scheduleChangeKey(left, [{ id: "c", sequence: 1 }]);
    const afterD = scheduleChangeKey(left, [
      { id: "d", sequence: 1 },
      { id: "c", sequence: 1 },
    ]);
    expect(afterD).not.toBe(afterC);
    expect(scheduleChangeKey(left, [{ id: "c", sequence: 1 }])).toBe(afterC);
    // No deletion yet: the name it always had.
    expect(scheduleChangeKey(left, [])).toBe(scheduleChangeKey(left));
  });
});

describe("reminders", () => {
  it("looks 2 to 26 hours ahead", () => {
    const now = new Date("2026-12-01T08:00:00Z");
    expect(reminderWindow(now)).toEqual({
      from: new Date("2026-12-01T10:00:00Z"),
      to: new Date("2026-12-02T10:00:00Z"),
    });
  });
});

describe("withoutToken", () => {
  it("drops the raw token from a sent account message's payload", () => {
    expect(JSON.parse(withoutToken(JSON.stringify({ token: "secret", a: 1 })))).toEqual({ a: 1 });
    expect(withoutToken("not json")).toBe("{}");
  });
});
