// Copying an event as a draft with its dates moved to a new start day (issue 15, item 3).
// Pure: no HTTP, no database. app/models/event-copy.server.ts applies it; event-copy.test.ts checks it.
//
// The copy moves by whole calendar days in Europe/Rome and keeps every wall-clock time: a
// session at 10:00 in January copied to a day in July is still at 10:00 (not 11:00, as adding
// the milliseconds across the change to summer time would make it).
import { TZDate } from "@date-fns/tz";
import { addRomeDays, TIME_ZONE } from "~/utils/dates.ts";

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
