// The VTIMEZONE component calendar files need for times written in Europe/Rome.
// Italy has followed the EU rule since 1996: summer time (CEST, UTC+2) from 01:00 UTC on the last
// Sunday of March to 01:00 UTC on the last Sunday of October, i.e. 02:00 -> 03:00 local in March
// and 03:00 -> 02:00 local in October; CET (UTC+1) the rest of the year. Two yearly RRULEs say
// exactly that, so a calendar client can place any session of any year without a tz database.
// Pure: used as ical-generator's `timezone.generator` and unit-tested next to it.

import { TIME_ZONE } from "./dates.ts";

const ROME_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  `TZID:${TIME_ZONE}`,
  `X-LIC-LOCATION:${TIME_ZONE}`,
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

/** The VTIMEZONE text for a TZID, or null for zones Forma never writes (ical-generator then adds none). */
export function vtimezoneFor(tzid: string): string | null {
  return tzid === TIME_ZONE ? ROME_VTIMEZONE : null;
}
