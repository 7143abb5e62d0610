// One reading of hours typed by people: the organiser's event and session hours, the teacher's
// external training hours and hours target. Pure, no HTTP, no database; hours.test.ts checks it.
//
// The rule: a whole number of hours, or hours with a comma or a dot and at most two decimals
// ("25", "1,5", "0.75", " 2,75 "), that make a WHOLE number of minutes. Anything else is refused
// (null), never rounded: "1,33" hours is 79.8 minutes, so it is refused and the person is asked to
// write what the certificate says ("1,5", "1,25", or whole minutes as 1,05 = 63 minutes…).
// Silent rounding would store hours nobody wrote. Zero is read as 0: each caller applies its own
// range (more than zero, at most MAX…), with its own message.

const HOURS = /^(\d{1,4})(?:[.,](\d{1,2}))?$/;

/** "25" → 1500, "1,5" → 90, "0.25" → 15, "0,1" → 6; null for "1,33", "-1", "1,333", "1.5h", "". */
export function parseHoursToMinutes(text: string): number | null {
  const m = HOURS.exec(text.trim());
  if (!m) return null;
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  // minutes = hundredths * 60 / 100 must be whole
  if ((hundredths * 60) % 100 !== 0) return null;
  return (hundredths * 60) / 100;
}
