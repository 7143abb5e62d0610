// Copying an event as a draft with its dates moved to a new start day (issue 15, item 3).
// Pure: no HTTP, no database. app/models/event-copy.server.ts applies it; event-copy.test.ts checks it.
//
// The copy moves by whole calendar days in Europe/Rome and keeps every wall-clock time: a
// session at 10:00 in January copied to a day in July is still at 10:00 (not 11:00, as adding
// the milliseconds across the change to summer time would make it). A time the copy's day does not
// have as it is (02:00-02:59 the night the clocks change) refuses the copy, as the event form
// refuses it typed (ADR 0080): copyClockProblems names each one.
import { TZDate } from "@date-fns/tz";
import { addRomeDays, readRomeDateTime, TIME_ZONE, toRomeDateValue, toRomeInputValue } from "~/utils/dates.ts";

const DAY = 24 * 60 * 60 * 1000;

/** The calendar day (Rome) of an instant, as a UTC-midnight number of days, for differences. */
function romeDayNumber(instant: Date): number {
  const d = new TZDate(instant.getTime(), TIME_ZONE);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY;
}

/** Days between the Rome calendar days of two instants (to − from). */
export function daysBetween(from: Date, to: Date): number {
  return romeDayNumber(to) - romeDayNumber(from);
}

/** The same wall-clock time in Rome, `days` calendar days later (or earlier). */
export const shiftByDays = addRomeDays;

/** Where the copied event starts from: its first edition's first day (editions always have one). */
export function copyOrigin(editions: readonly { startsOn: Date }[]): Date | null {
  let first: Date | null = null;
  for (const e of editions) if (!first || e.startsOn < first) first = e.startsOn;
  return first;
}

/** The shift, in days, that makes the first edition start on `newStartDay` (an instant within that Rome day). */
export function copyShiftDays(editions: readonly { startsOn: Date }[], newStartDay: Date): number {
  const origin = copyOrigin(editions);
  return origin ? daysBetween(origin, newStartDay) : 0;
}

/** What a copied time belongs to: an edition's session (numbered as the event form does) or one of its deadlines. */
export type CopiedTime =
  | { kind: "session"; number: number; title: string }
  | { kind: "enrolmentOpensAt" | "enrolmentClosesAt" | "cancellationCutoffAt" };

/**
 * A time the copy cannot keep: moved by whole days, its Rome wall-clock time (`wallClock`,
 * "YYYY-MM-DDTHH:mm") falls in the hour the clocks skip ("nonexistent") or the one they repeat
 * ("ambiguous") on its new day.
 */
export type CopyClockProblem = {
  edition: number;
  what: CopiedTime;
  wallClock: string;
  reason: "nonexistent" | "ambiguous";
};

/** The Rome wall-clock time `instant` has, `days` calendar days later, and how Rome reads it on that day. */
export function shiftedWallClock(instant: Date, days: number) {
  const wallClock = `${toRomeDateValue(addRomeDays(instant, days))}T${toRomeInputValue(instant).slice(11)}`;
  return { wallClock, reading: readRomeDateTime(wallClock) };
}

type CopiedEdition = {
  number: number;
  enrolmentOpensAt: Date;
  enrolmentClosesAt: Date;
  cancellationCutoffAt: Date | null;
  /** In the event form's order (by start), so the first is "Incontro 1". */
  sessions: readonly { title: string; startsAt: Date; endsAt: Date }[];
};

/**
 * Every session start or end and every deadline whose wall-clock time does not exist, or exists
 * twice, on the day the copy moves it to; empty when the copy may be made. The copy is refused
 * rather than moved an hour or guessed: the event form refuses such a time typed (ADR 0080), and
 * a draft holding one could not be saved again until changed.
 */
export function copyClockProblems(editions: readonly CopiedEdition[], days: number): CopyClockProblem[] {
  const problems: CopyClockProblem[] = [];
  const check = (edition: number, what: CopiedTime, instant: Date | null) => {
    if (!instant) return;
    const { wallClock, reading } = shiftedWallClock(instant, days);
    if (!reading.ok && reading.reason !== "invalid")
      problems.push({ edition, what, wallClock, reason: reading.reason });
  };
  for (const e of editions) {
    e.sessions.forEach((s, i) => {
      const what: CopiedTime = { kind: "session", number: i + 1, title: s.title };
      check(e.number, what, s.startsAt);
      // A session both starting and ending in that hour is named once.
      if (problems.at(-1)?.what !== what) check(e.number, what, s.endsAt);
    });
    check(e.number, { kind: "enrolmentOpensAt" }, e.enrolmentOpensAt);
    check(e.number, { kind: "enrolmentClosesAt" }, e.enrolmentClosesAt);
    check(e.number, { kind: "cancellationCutoffAt" }, e.cancellationCutoffAt);
  }
  return problems;
}
