import { describe, expect, it } from "vitest";
import {
  linesByStatus,
  changedOnPage,
  changedSinceShown,
  participantMatches,
  certifiedMinutesForSession,
  certifiedPercent,
  linesToCarry,
  markProblem,
  matchParticipants,
  progressOf,
  proposedMark,
  requiredMinutesOf,
  storedMinutes,
} from "./attendance.ts";

const session = { id: "s1", minutes: 120 };

describe("certifiedMinutesForSession", () => {
  it("certifies the whole session when present and nothing when absent or excused", () => {
    expect(certifiedMinutesForSession(session, { sessionId: "s1", status: "presente", minutesAttended: null })).toBe(
      120,
    );
    expect(certifiedMinutesForSession(session, { sessionId: "s1", status: "assente", minutesAttended: 120 })).toBe(0);
    expect(
      certifiedMinutesForSession(session, { sessionId: "s1", status: "giustificato", minutesAttended: null }),
    ).toBe(0);
    expect(certifiedMinutesForSession(session, undefined)).toBe(0);
  });
  it("certifies the minutes attended when late or leaving early, capped at the session", () => {
    expect(certifiedMinutesForSession(session, { sessionId: "s1", status: "ritardo", minutesAttended: 95 })).toBe(95);
    expect(
      certifiedMinutesForSession(session, { sessionId: "s1", status: "uscita-anticipata", minutesAttended: 300 }),
    ).toBe(120);
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
    expect(p).toMatchObject({
      syncMinutes: 180,
      asyncMinutes: 300,
      certifiedMinutes: 480,
      totalMinutes: 600,
      requiredMinutes: 450,
    });
    expect(p.completed).toBe(true);
  });
  it("is not complete without a required activity, whatever the hours", () => {
    const p = progressOf(
      sessions,
      activities,
      sessions.map((s) => ({ sessionId: s.id, status: "presente" as const, minutesAttended: null })),
      new Set(["test"]),
      { minimumPercent: 10 },
    );
    expect(p.missingRequiredActivities).toEqual(["project"]);
    expect(p.completed).toBe(false);
  });
});

describe("requiredMinutesOf and certifiedPercent", () => {
  it("asks for the share of all sessions and activities, rounded up to the minute", () => {
    expect(requiredMinutesOf([{ id: "s1", minutes: 95 }], [{ id: "a", minutes: 30, required: false }])).toEqual({
      totalMinutes: 125,
      requiredMinutes: 94,
    });
    expect(requiredMinutesOf([], [], { minimumPercent: 50 })).toEqual({ totalMinutes: 0, requiredMinutes: 0 });
  });
  it("asks for exactly the percent of the minutes when it is a whole number of minutes (no floating-point excess)", () => {
    // 25 hours: 67% is 1,005 minutes; 1,500 × 0.67 in floating point is 1,005.0000000000001.
    const course = [{ id: "s1", minutes: 1500 }];
    expect(requiredMinutesOf(course, [], { minimumPercent: 67 }).requiredMinutes).toBe(1005);
    for (const percent of [54, 55, 56, 81]) {
      expect(requiredMinutesOf(course, [], { minimumPercent: percent }).requiredMinutes).toBe(15 * percent);
    }
    const exactly = progressOf(
      course,
      [],
      [{ sessionId: "s1", status: "uscita-anticipata", minutesAttended: 1005 }],
      new Set(),
      {
        minimumPercent: 67,
      },
    );
    expect([exactly.completed, certifiedPercent(exactly)]).toEqual([true, 67]);
  });
  it("rounds the certified share down, so a participant just short of the rule never shows it reached", () => {
    expect(certifiedPercent({ certifiedMinutes: 449, totalMinutes: 600 })).toBe(74);
    expect(certifiedPercent({ certifiedMinutes: 600, totalMinutes: 600 })).toBe(100);
    expect(certifiedPercent({ certifiedMinutes: 0, totalMinutes: 0 })).toBe(0);
    expect(certifiedPercent({ certifiedMinutes: 348, totalMinutes: 600 })).toBe(58);
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
    expect(r.matched).toEqual([
      {
        enrolmentId: "e1",
        name: "Maria Rossi",
        minutes: 90,
        rows: 2,
        overlapped: false,
        firstJoinAt: null,
        lastLeaveAt: null,
      },
    ]);
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
    expect(r.ambiguous).toEqual([
      {
        email: "shared@scuola.it",
        enrolmentIds: ["e1", "e2"],
        rows: [{ name: "X", email: "shared@scuola.it", minutes: 60 }],
      },
    ]);
    expect(r.matched).toEqual([]);
  });
});

describe("matchParticipants: times and rows without email", () => {
  it("keeps the first join and the last leave across reconnections, and leaves rows without email unmatched", () => {
    const at = (hhmm: string) => new Date(`2026-10-22T${hhmm}:00Z`);
    const r = matchParticipants(
      [
        { name: "Anna Bianchi", email: "anna@scuola.it", minutes: 30, joinedAt: at("15:20"), leftAt: at("15:50") },
        { name: "Anna B.", email: "ANNA@scuola.it", minutes: 60, joinedAt: at("15:55"), leftAt: at("16:55") },
        { name: "Ospite senza email", email: "", minutes: 120 },
      ],
      [
        { enrolmentId: "e1", email: "anna@scuola.it" },
        { enrolmentId: "e2", email: "" },
      ],
    );
    expect(r.matched).toEqual([
      {
        enrolmentId: "e1",
        name: "Anna Bianchi",
        minutes: 90,
        rows: 2,
        overlapped: false,
        firstJoinAt: at("15:20"),
        lastLeaveAt: at("16:55"),
      },
    ]);
    expect(r.unmatched.map((u) => u.name)).toEqual(["Ospite senza email"]);
  });
});

describe("matchParticipants: overlapping connections", () => {
  const at = (hhmm: string) => new Date(`2026-10-22T${hhmm}:00Z`);
  const row = (minutes: number, from?: string, to?: string) => ({
    name: "Anna Bianchi",
    email: "anna@scuola.it",
    minutes,
    joinedAt: from ? at(from) : null,
    leftAt: to ? at(to) : null,
  });
  const match = (rows: ReturnType<typeof row>[]) =>
    matchParticipants(rows, [{ enrolmentId: "e1", email: "anna@scuola.it" }]).matched[0]!;

  it("counts an hour on the PC and the same hour on the phone once, and says so", () => {
    const anna = match([row(60, "15:00", "16:00"), row(60, "15:00", "16:00")]);
    expect(anna).toMatchObject({ minutes: 60, rows: 2, overlapped: true });
    // Partly overlapping: 15:00–16:00 and 15:30–16:30 are 90 minutes, not 120.
    expect(match([row(60, "15:00", "16:00"), row(60, "15:30", "16:30")])).toMatchObject({
      minutes: 90,
      overlapped: true,
    });
    // One connection inside another: the longer one only.
    expect(match([row(120, "15:00", "17:00"), row(20, "15:40", "16:00")])).toMatchObject({
      minutes: 120,
      overlapped: true,
    });
  });

  it("counts a report pasted twice once", () => {
    const once = [row(30, "15:00", "15:30"), row(50, "15:40", "16:30")];
    expect(match([...once, ...once])).toMatchObject({ minutes: 80, rows: 4, overlapped: true });
  });

  it("adds up reconnections that do not overlap, leaving and joining again in the same minute included", () => {
    expect(match([row(50, "15:00", "15:50"), row(70, "15:50", "17:00")])).toMatchObject({
      minutes: 120,
      overlapped: false,
    });
  });

  it("never counts more than the rows' own durations (a summary row's span includes the gaps)", () => {
    // First join 15:00, last leave 17:00, 90 minutes actually in the meeting.
    expect(match([row(90, "15:00", "17:00")])).toMatchObject({ minutes: 90, overlapped: false });
    // Such a row pasted twice (Teams' participants section, Zoom's unique users): counted once, not 120.
    expect(match([row(60, "15:00", "17:00"), row(60, "15:00", "17:00")])).toMatchObject({
      minutes: 60,
      overlapped: true,
    });
  });

  it("takes a new join seconds before the dropped connection's recorded exit as a reconnection, not a second device", () => {
    const seconds = (hhmmss: string) => new Date(`2026-10-22T${hhmmss}Z`);
    const dropped = { ...row(31), joinedAt: seconds("15:00:00"), leftAt: seconds("15:30:40") };
    const back = { ...row(30), joinedAt: seconds("15:30:05"), leftAt: seconds("16:00:00") };
    expect(match([dropped, back])).toMatchObject({ minutes: 61, overlapped: false });
  });

  it("adds up the durations of rows without both times, on top of the timed rows' union", () => {
    expect(match([row(40), row(30)])).toMatchObject({ minutes: 70, overlapped: false });
    expect(match([row(60, "15:00", "16:00"), row(60, "15:00", "16:00"), row(15, "16:30")])).toMatchObject({
      minutes: 75,
      overlapped: true,
    });
  });
});

describe("proposedMark", () => {
  const session = {
    minutes: 120,
    startsAt: new Date("2026-10-22T15:00:00Z"),
    endsAt: new Date("2026-10-22T17:00:00Z"),
  };
  const at = (hhmm: string) => new Date(`2026-10-22T${hhmm}:00Z`);
  it("proposes present from the session minus the tolerance, and caps reconnections at the session", () => {
    expect(proposedMark({ minutes: 110, firstJoinAt: null, lastLeaveAt: null }, session)).toEqual({
      status: "presente",
      minutesAttended: null,
    });
    expect(proposedMark({ minutes: 200, firstJoinAt: null, lastLeaveAt: null }, session)).toEqual({
      status: "presente",
      minutesAttended: null,
    });
    expect(proposedMark({ minutes: 109, firstJoinAt: null, lastLeaveAt: null }, session)).toEqual({
      status: "ritardo",
      minutesAttended: 109,
    });
  });
  it("tells early exit from late arrival by the connection times", () => {
    expect(proposedMark({ minutes: 60, firstJoinAt: at("15:02"), lastLeaveAt: at("16:02") }, session)).toEqual({
      status: "uscita-anticipata",
      minutesAttended: 60,
    });
    expect(proposedMark({ minutes: 60, firstJoinAt: at("16:00"), lastLeaveAt: at("17:00") }, session)).toEqual({
      status: "ritardo",
      minutesAttended: 60,
    });
    expect(proposedMark({ minutes: 60, firstJoinAt: null, lastLeaveAt: null }, session)).toEqual({
      status: "ritardo",
      minutesAttended: 60,
    });
  });
  it("proposes absent for a row with no time at all", () => {
    expect(proposedMark({ minutes: 0, firstJoinAt: null, lastLeaveAt: null }, session)).toEqual({
      status: "assente",
      minutesAttended: null,
    });
  });
});

describe("markProblem and storedMinutes", () => {
  it("needs whole minutes within the session for partial statuses only", () => {
    expect(markProblem("presente", null, 120)).toBeNull();
    expect(markProblem("assente", 999, 120)).toBeNull();
    expect(markProblem("ritardo", null, 120)).toBe("minuti-mancanti");
    expect(markProblem("uscita-anticipata", 121, 120)).toBe("minuti-non-validi");
    expect(markProblem("ritardo", -1, 120)).toBe("minuti-non-validi");
    expect(markProblem("ritardo", 10.5, 120)).toBe("minuti-non-validi");
    expect(markProblem("ritardo", 0, 120)).toBeNull();
    expect(markProblem("ritardo", 120, 120)).toBeNull();
    expect(markProblem("boh", null, 120)).toBe("stato-non-valido");
  });
  it("keeps minutes only for partial statuses", () => {
    expect(storedMinutes("presente", 30)).toBeNull();
    expect(storedMinutes("ritardo", 30)).toBe(30);
  });
});

describe("participantMatches", () => {
  const p = { firstName: "Niccolò", lastName: "D'Angelo", email: "n.dangelo@scuola.example.it" };
  it("matches every word typed in the name or email, ignoring accents and case", () => {
    expect(participantMatches("niccolo", p)).toBe(true);
    expect(participantMatches("  D'ANGELO   Niccolò ", p)).toBe(true);
    expect(participantMatches("dangelo@scuola", p)).toBe(true);
    expect(participantMatches("niccolo rossi", p)).toBe(false);
    expect(participantMatches("   ", p)).toBe(false);
  });
});

describe("changedOnPage and changedSinceShown (a register saved from a page opened earlier)", () => {
  const none = { status: null, minutesAttended: null };
  const present = { status: "presente" as const, minutesAttended: null };
  const late45 = { status: "ritardo" as const, minutesAttended: 45 };

  it("writes only the lines changed on the page; a form that does not say what it showed writes every line", () => {
    expect(changedOnPage({ ...present, shown: present })).toBe(false);
    // Minutes typed beside a status that does not keep them change nothing.
    expect(changedOnPage({ status: "presente", minutesAttended: 30, shown: present })).toBe(false);
    expect(changedOnPage({ ...late45, shown: { status: "ritardo", minutesAttended: 30 } })).toBe(true);
    expect(changedOnPage({ ...present, shown: none })).toBe(true);
    expect(changedOnPage(present)).toBe(true);
  });

  it("refuses to overwrite a line changed by someone else since the page showed it, unless it now holds the same", () => {
    const absent = { status: "assente" as const, minutesAttended: null };
    expect(changedSinceShown(present, present, absent)).toBe(false);
    expect(changedSinceShown(present, late45, absent)).toBe(true);
    expect(changedSinceShown(none, present, absent)).toBe(true);
    expect(changedSinceShown(present, absent, absent)).toBe(false);
    expect(changedSinceShown(late45, { status: "ritardo", minutesAttended: 50 }, present)).toBe(true);
    // The note: a change of its own when the page says it; ignored when a side does not (import, check-in).
    const noted = { ...present, note: "collegata da telefono" };
    expect(changedOnPage({ ...noted, shown: { ...present, note: null } })).toBe(true);
    expect(changedOnPage({ ...noted, shown: noted })).toBe(false);
    expect(changedOnPage({ ...present, note: null, shown: present })).toBe(false);
    expect(changedSinceShown({ ...present, note: null }, noted, { ...present, note: "altro" })).toBe(true);
    // A mark without a note (it keeps the line's) and the same status loses nothing of a note written since.
    expect(changedSinceShown({ ...present, note: null }, noted, present)).toBe(false);
  });
});

describe("linesToCarry", () => {
  it("carries one line per session: the new place's own first, then the place that ended last", () => {
    const lastEnded = {
      lines: [
        { sessionId: "s1", id: "b1" },
        { sessionId: "s2", id: "b2" },
      ],
    };
    const endedBefore = {
      lines: [
        { sessionId: "s1", id: "a1" },
        { sessionId: "s3", id: "a3" },
      ],
    };
    expect(linesToCarry([lastEnded, endedBefore], new Set(["s2"]))).toEqual([
      { sessionId: "s1", id: "b1" },
      { sessionId: "s3", id: "a3" },
    ]);
  });

  it("carries nothing from no earlier place", () => {
    expect(linesToCarry([], new Set())).toEqual([]);
  });
});

describe("linesByStatus", () => {
  it("counts each status in the statuses' order, leaving out unrecorded lines and statuses no line holds", () => {
    expect(linesByStatus(["assente", "presente", null, "presente", undefined, "ritardo"])).toEqual([
      { status: "presente", count: 2 },
      { status: "ritardo", count: 1 },
      { status: "assente", count: 1 },
    ]);
    expect(linesByStatus([null, undefined])).toEqual([]);
  });
});
