// A strict reading of an iCalendar text against the rules of RFC 5545 and RFC 5546 that lenient
// parsers (ical.js, the big calendar programs) let pass and some clients or validators do not:
// every content line ends with CRLF (the last one too), at most 75 octets, no control characters,
// the calendar's properties before its first component, parameter values without a DQUOTE inside,
// TEXT values escaped, each VEVENT with one UID, DTSTAMP (UTC) and DTSTART, a VTIMEZONE for every
// TZID, and for an iTIP REQUEST or CANCEL an ORGANIZER, an ATTENDEE and a SEQUENCE in every entry.
// Returns the problems found, in words; an empty list means none.

type Property = { name: string; params: string; value: string };
type Component = { name: string; properties: Property[] };

// name *(";" param) ":" value, with param-value = paramtext / quoted-string (no DQUOTE inside).
// Control characters are refused by CONTROL below, on the whole line.
const CONTENT_LINE = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
// NAME and X-WR-CALNAME are TEXT too on paper, but the readers met (ical.js, libical) do not
// unescape them and would show "\,": Forma writes the calendar's name as it is (ical-generator's way).
const TEXT_PROPERTIES = new Set(["SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"]);

export function icsProblems(text: string): string[] {
  const problems: string[] = [];
  if (!text.endsWith("\r\n")) problems.push("the last line does not end with CRLF");
  if (/[^\r]\n|^\n/.test(text) || /\r(?!\n)/.test(text)) problems.push("a line ends with a bare LF or CR");
  const physical = text.split("\r\n");
  if (physical[physical.length - 1] === "") physical.pop();
  const lines: string[] = [];
  physical.forEach((line, i) => {
    const octets = Buffer.byteLength(line, "utf8");
    if (octets > 75) problems.push(`line ${i + 1} is ${octets} octets long`);
    if (CONTROL.test(line)) problems.push(`line ${i + 1} holds a control character: ${JSON.stringify(line)}`);
    if (line.startsWith(" ") || line.startsWith("\t")) {
      if (lines.length === 0) problems.push("the text starts with a continuation line");
      else lines[lines.length - 1] += line.slice(1);
    } else lines.push(line);
  });

  const open: string[] = [];
  const components: Component[] = [];
  let calendar: Component | null = null;
  let calendarHasComponent = false;
  for (const line of lines) {
    const m = CONTENT_LINE.exec(line);
    if (!m) {
      problems.push(`not a content line: ${JSON.stringify(line)}`);
      continue;
    }
    const [, rawName, params, value] = m as unknown as [string, string, string, string];
    const name = rawName.toUpperCase();
    if (name === "BEGIN") {
      if (open.length === 1) calendarHasComponent = true;
      open.push(value);
      const component = { name: value, properties: [] };
      components.push(component);
      if (value === "VCALENDAR" && open.length === 1) calendar = component;
      continue;
    }
    if (name === "END") {
      const top = open.pop();
      if (top !== value) problems.push(`END:${value} closes ${top ?? "nothing"}`);
      continue;
    }
    if (open.length === 0) {
      problems.push(`property ${name} outside VCALENDAR`);
      continue;
    }
    if (open.length === 1 && calendarHasComponent) problems.push(`calendar property ${name} after a component`);
    const current = [...components].reverse().find((c) => c.name === open[open.length - 1])!;
    current.properties.push({ name, params, value });
    if (TEXT_PROPERTIES.has(name) && /[;,\\]/.test(value.replace(/\\[\\;,nN]/g, ""))) {
      problems.push(`${name} has an unescaped , ; or \\: ${JSON.stringify(value)}`);
    }
  }
  if (open.length > 0) problems.push(`not closed: ${open.join(", ")}`);
  if (!calendar) return [...problems, "no VCALENDAR"];

  const one = (c: Component, name: string) => c.properties.filter((p) => p.name === name);
  for (const required of ["VERSION", "PRODID"]) {
    if (one(calendar, required).length !== 1) problems.push(`VCALENDAR without one ${required}`);
  }
  const method = one(calendar, "METHOD")[0]?.value ?? null;
  const zones = new Set(
    components.filter((c) => c.name === "VTIMEZONE").map((c) => one(c, "TZID")[0]?.value ?? "(no TZID)"),
  );
  for (const event of components.filter((c) => c.name === "VEVENT")) {
    const uid = one(event, "UID")[0]?.value ?? "(no UID)";
    for (const required of ["UID", "DTSTAMP", "DTSTART"]) {
      if (one(event, required).length !== 1) problems.push(`${uid}: ${one(event, required).length} ${required}`);
    }
    const stamp = one(event, "DTSTAMP")[0];
    if (stamp && !/^\d{8}T\d{6}Z$/.test(stamp.value)) problems.push(`${uid}: DTSTAMP is not a UTC date-time`);
    for (const p of [...one(event, "DTSTART"), ...one(event, "DTEND")]) {
      const tzid = /;TZID=([^;:]+)/.exec(p.params)?.[1];
      if (tzid && !zones.has(tzid)) problems.push(`${uid}: ${p.name} names ${tzid} without its VTIMEZONE`);
      if (!tzid && /^\d{8}T\d{6}$/.test(p.value)) problems.push(`${uid}: ${p.name} is a floating time`);
    }
    if (method === "REQUEST" || method === "CANCEL") {
      if (one(event, "ORGANIZER").length !== 1) problems.push(`${uid}: a ${method} without ORGANIZER`);
      if (one(event, "ATTENDEE").length < 1) problems.push(`${uid}: a ${method} without ATTENDEE`);
      if (one(event, "SEQUENCE").length !== 1) problems.push(`${uid}: a ${method} without SEQUENCE`);
    }
    if (method === "CANCEL" && one(event, "STATUS")[0]?.value !== "CANCELLED") {
      problems.push(`${uid}: an entry of a CANCEL not STATUS:CANCELLED`);
    }
  }
  return problems;
}
