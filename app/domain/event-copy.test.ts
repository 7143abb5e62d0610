import { describe, expect, it } from "vitest";
import { parseRomeDateTime, toRomeInputValue } from "~/utils/dates.ts";
import { copyClockProblems, copyShiftDays, daysBetween, shiftByDays } from "./event-copy.ts";

describe("copying an event to a new start day", () => {
  it("moves by whole Rome calendar days and keeps the wall-clock time across summer time", () => {
    // 10:00 in Rome on 15 January 2027 (CET, UTC+1) → 10:00 on 15 July 2027 (CEST, UTC+2).
    const winter = new Date("2027-01-15T09:00:00Z");
    const days = daysBetween(winter, new Date("2027-07-15T10:00:00Z"));
    expect(days).toBe(181);
    expect(shiftByDays(winter, days).toISOString()).toBe("2027-07-15T08:00:00.000Z");
    expect(shiftByDays(new Date("2027-07-15T08:00:00Z"), -days).toISOString()).toBe("2027-01-15T09:00:00.000Z");
  });

  it("takes the first edition's first day as the origin", () => {
    const editions = [
      { startsOn: new Date("2027-03-01T23:00:00Z") }, // 2 March in Rome
      { startsOn: new Date("2027-02-09T23:00:00Z") }, // 10 February in Rome
    ];
    expect(copyShiftDays(editions, new Date("2027-02-19T23:00:00Z"))).toBe(10);
    expect(copyShiftDays([], new Date("2027-02-19T23:00:00Z"))).toBe(0);
  });
});

describe("a copy landing on the night the clocks change", () => {
  const rome = (value: string) => parseRomeDateTime(value)!;
  // An edition from Saturday 20 March 2088: its second session at 02:30-03:30 on the Sunday after.
  const edition = {
    number: 1,
    startsOn: rome("2088-03-20"),
    enrolmentOpensAt: rome("2088-03-01T09:00"),
    enrolmentClosesAt: rome("2088-03-18T23:59"),
    cancellationCutoffAt: rome("2088-03-14T02:15"),
    sessions: [
      { title: "Apertura", startsAt: rome("2088-03-20T21:00"), endsAt: rome("2088-03-20T23:00") },
      { title: "", startsAt: rome("2088-03-21T02:30"), endsAt: rome("2088-03-21T03:30") },
    ],
  };

  it("names a session whose time the clocks skip on its new day, rather than moving it an hour on", () => {
    // Copied a week on: the second session falls on Sunday 28 March 2088, when 02:00-02:59 does not exist.
    const days = copyShiftDays([edition], rome("2088-03-27"));
    expect(days).toBe(7);
    // What the copy used to store: 03:30, an hour later than the session it copied.
    expect(toRomeInputValue(shiftByDays(edition.sessions[1]!.startsAt, days))).toBe("2088-03-28T03:30");
    expect(copyClockProblems([edition], days)).toEqual([
      {
        edition: 1,
        what: { kind: "session", number: 2, title: "" },
        wallClock: "2088-03-28T02:30",
        reason: "nonexistent",
      },
    ]);
  });

  it("names a session or deadline whose time Rome lives twice on its new day", () => {
    // Copied to Saturday 30 October 2088: the session falls on Sunday 31 October at 02:30, lived twice;
    // the cancellation deadline (02:15 six days earlier) on Monday 25 October, an ordinary night.
    const days = copyShiftDays([edition], rome("2088-10-30"));
    expect(copyClockProblems([edition], days)).toEqual([
      {
        edition: 1,
        what: { kind: "session", number: 2, title: "" },
        wallClock: "2088-10-31T02:30",
        reason: "ambiguous",
      },
    ]);
    // Copied so that the deadline falls on that night instead.
    const deadlineDays = copyShiftDays([edition], rome("2088-11-06"));
    expect(copyClockProblems([edition], deadlineDays)).toEqual([
      { edition: 1, what: { kind: "cancellationCutoffAt" }, wallClock: "2088-10-31T02:15", reason: "ambiguous" },
    ]);
  });

  it("finds nothing on an ordinary night, nor for times outside 02:00-02:59 on the night itself", () => {
    expect(copyClockProblems([edition], copyShiftDays([edition], rome("2088-03-20")))).toEqual([]);
    expect(copyClockProblems([edition], copyShiftDays([edition], rome("2088-03-28")))).toEqual([]);
  });
});
