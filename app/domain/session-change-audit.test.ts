import { describe, expect, it } from "vitest";
import { auditedSessionChanges } from "./session-change-audit.ts";

const at = (day: number, hour: number) => new Date(Date.UTC(2027, 0, day, hour));

describe("auditedSessionChanges", () => {
  const sessions = [1, 2, 3, 4].map((day) => ({
    id: `s${day}`,
    startsAt: at(day, 14),
    endsAt: at(day, 16),
    place: null,
  }));

  it("names each moved or re-placed session by its number in its edition, with before and now", () => {
    const { sessionChanges, moreSessionChanges } = auditedSessionChanges([
      {
        number: 1,
        sessions: [...sessions.slice(0, 2), { ...sessions[2]!, place: "online" }, sessions[3]!],
        moved: [{ id: "s2", wasStartsAt: at(1, 9), wasEndsAt: at(1, 11) }],
        placeChanged: [{ id: "s3", wasPlace: "in-presenza" }],
      },
    ]);
    expect(sessionChanges).toEqual([
      {
        session: 2,
        startsAt: at(2, 14).toISOString(),
        endsAt: at(2, 16).toISOString(),
        wasStartsAt: at(1, 9).toISOString(),
        wasEndsAt: at(1, 11).toISOString(),
      },
      {
        session: 3,
        startsAt: at(3, 14).toISOString(),
        endsAt: at(3, 16).toISOString(),
        place: "online",
        wasPlace: "in-presenza",
      },
    ]);
    expect(moreSessionChanges).toBe(0);
  });

  it("names the edition when there are several, and counts what is past the cap", () => {
    const all = sessions.map((s) => ({ id: s.id, wasStartsAt: at(20, 9), wasEndsAt: at(20, 11) }));
    const { sessionChanges, moreSessionChanges } = auditedSessionChanges(
      [
        { number: 1, sessions: [] },
        { number: 2, sessions, moved: all },
      ],
      3,
    );
    expect(sessionChanges.map((c) => [c.edition, c.session])).toEqual([
      [2, 1],
      [2, 2],
      [2, 3],
    ]);
    expect(moreSessionChanges).toBe(1);
  });
});
