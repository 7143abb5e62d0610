import { describe, expect, it } from "vitest";
import { certifiedMinutesForSession, matchParticipants, progressOf } from "./attendance.ts";

const session = { id: "s1", minutes: 120 };

describe("certifiedMinutesForSession", () => {
  it("certifies the whole session when present and nothing when absent or excused", () => {
    expect(certifiedMinutesForSession(session, { sessionId: "s1", status: "presente", minutesAttended: null })).toBe(120);
    expect(certifiedMinutesForSession(session, { sessionId: "s1", status: "assente", minutesAttended: 120 })).toBe(0);
    expect(certifiedMinutesForSession(session, { sessionId: "s1", status: "giustificato", minutesAttended: null })).toBe(0);
    expect(certifiedMinutesForSession(session, undefined)).toBe(0);
  });
  it("certifies the minutes attended when late or leaving early, capped at the session", () => {
    expect(certifiedMinutesForSession(session, { sessionId: "s1", status: "ritardo", minutesAttended: 95 })).toBe(95);
    expect(certifiedMinutesForSession(session, { sessionId: "s1", status: "uscita-anticipata", minutesAttended: 300 })).toBe(120);
  });
});

describe("progressOf", () => {
  const sessions = [
    { id: "s1", minutes: 120 },
    { id: "s2", minutes: 120 },
  ];
  const activities = [
    { id: "test", minutes: 60, required: false },
    { id: "project", minutes: 300, required: true },
  ];
  it("adds attended synchronous time and completed activities, and applies the 75% rule", () => {
    const p = progressOf(
      sessions,
      activities,
      [
        { sessionId: "s1", status: "presente", minutesAttended: null },
        { sessionId: "s2", status: "ritardo", minutesAttended: 60 },
      ],
      new Set(["project"]),
    );
    expect(p).toMatchObject({ syncMinutes: 180, asyncMinutes: 300, certifiedMinutes: 480, totalMinutes: 600, requiredMinutes: 450 });
    expect(p.completed).toBe(true);
  });
  it("is not complete without a required activity, whatever the hours", () => {
    const p = progressOf(
      sessions,
      activities,
      sessions.map((s) => ({ sessionId: s.id, status: "presente" as const, minutesAttended: null })),
      new Set(["test"]),
      { minimumShare: 0.1 },
    );
    expect(p.missingRequiredActivities).toEqual(["project"]);
    expect(p.completed).toBe(false);
  });
});

describe("matchParticipants", () => {
  it("matches by email regardless of case and spaces, adds reconnections, lists the unmatched", () => {
    const r = matchParticipants(
      [
        { name: "Maria Rossi", email: " Maria.Rossi@Scuola.it ", minutes: 50 },
        { name: "Maria Rossi", email: "maria.rossi@scuola.it", minutes: 40 },
        { name: "Ospite", email: "ospite@example.com", minutes: 120 },
      ],
      [{ enrolmentId: "e1", email: "maria.rossi@scuola.it" }],
    );
    expect(r.matched).toEqual([{ enrolmentId: "e1", minutes: 90, rows: 2 }]);
    expect(r.unmatched.map((u) => u.email)).toEqual(["ospite@example.com"]);
    expect(r.ambiguous).toEqual([]);
  });
  it("reports an email shared by two enrolments as ambiguous instead of guessing", () => {
    const r = matchParticipants(
      [{ name: "X", email: "shared@scuola.it", minutes: 60 }],
      [
        { enrolmentId: "e1", email: "shared@scuola.it" },
        { enrolmentId: "e2", email: "SHARED@scuola.it" },
      ],
    );
    expect(r.ambiguous).toEqual([{ email: "shared@scuola.it", enrolmentIds: ["e1", "e2"] }]);
    expect(r.matched).toEqual([]);
  });
});
