// The webinar report parser on the fixtures written as the platforms write them
// (tests/fixtures/webinar-reports, made by generate.mjs there): one test per fixture, then the
// encodings, durations and times one by one.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  decodeReport,
  MAX_REPORT_ROWS,
  MAX_ROW_MINUTES,
  parseMinutesCell,
  parseParticipantsReport,
  parseReportTime,
} from "./webinar-report.ts";

const fixture = (name: string) =>
  new Uint8Array(fs.readFileSync(new URL(`../../tests/fixtures/webinar-reports/${name}`, import.meta.url)));

/** The session the fixtures' meeting was for: 22 October 2026, 17:00 in Rome. */
const SESSION_STARTS = new Date("2026-10-22T15:00:00Z");
const ANNA = "anna.rossi@scuola.example.it";
const NICCOLO = "niccolo.dangelo@scuola.example.it";
const LUCIA = "lucia.bianchi@scuola.example.it";

function parsed(name: string) {
  const result = parseParticipantsReport(fixture(name), SESSION_STARTS);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problem)}`);
  return result;
}
const minutesByEmail = (rows: { email: string; minutes: number }[]) => rows.map((r) => [r.email, r.minutes]);

describe("webinar report fixtures", () => {
  it("Teams in English: UTF-16LE with BOM, tabs, the summary's start, only section 2 (not the connections of section 3)", () => {
    const report = parsed("teams-en.csv");
    expect(report.encoding).toBe("utf-16le");
    expect(report.meetingStartsAt).toEqual(new Date("2026-10-22T14:58:40Z"));
    expect(minutesByEmail(report.rows)).toEqual([
      [ANNA, 123],
      [NICCOLO, 114],
      [LUCIA, 45],
      ["", 30],
    ]);
    expect(report.rows[1]).toEqual({
      name: "Niccolò D’Angelo",
      email: NICCOLO,
      minutes: 114,
      joinedAt: new Date("2026-10-22T15:03:05Z"),
      leftAt: new Date("2026-10-22T16:57:20Z"),
    });
  });

  it("Teams in Italian: Riepilogo/Partecipanti, day-first two-digit-year dates, durations '1 h 54 min'", () => {
    const report = parsed("teams-it.csv");
    expect(report.encoding).toBe("utf-16le");
    expect(report.meetingStartsAt).toEqual(new Date("2026-10-22T14:58:40Z"));
    expect(minutesByEmail(report.rows)).toEqual([
      [ANNA, 123],
      [NICCOLO, 114],
      [LUCIA, 45],
    ]);
    expect(report.rows[2]!.joinedAt).toEqual(new Date("2026-10-22T15:00:10Z"));
  });

  it("Google Meet: first and last name columns, durations '1 hr 54 min', times of day on the session's day, no date", () => {
    const report = parsed("meet.csv");
    expect(report.encoding).toBe("utf-8");
    expect(report.meetingStartsAt).toBeNull();
    expect(minutesByEmail(report.rows)).toEqual([
      [ANNA, 122],
      [NICCOLO, 114],
      [LUCIA, 45],
      ["ospite@altrove.example.org", 30],
    ]);
    expect(report.rows[1]).toMatchObject({
      name: "Niccolò D’Angelo",
      joinedAt: new Date("2026-10-22T15:03:00Z"),
      leftAt: new Date("2026-10-22T16:57:00Z"),
    });
  });

  it("Zoom with meeting data: the meeting block (with the host's email) is not the header; its start is the meeting's", () => {
    const report = parsed("zoom-en.csv");
    expect(report.meetingStartsAt).toEqual(new Date("2026-10-22T14:58:12Z"));
    expect(minutesByEmail(report.rows)).toEqual([
      ["formatore@scuola.example.it", 124],
      [ANNA, 123],
      [NICCOLO, 115],
      [LUCIA, 20],
      [LUCIA, 26],
    ]);
    expect(report.rows[2]!.name).toBe("Niccolò D’Angelo (Niccolò)");
  });

  it("Zoom in Italian: ID riunione/Argomento block, 'E-mail utente', day-first dates", () => {
    const report = parsed("zoom-it.csv");
    expect(report.meetingStartsAt).toEqual(new Date("2026-10-22T14:58:12Z"));
    expect(minutesByEmail(report.rows)).toEqual([
      [ANNA, 123],
      [NICCOLO, 115],
      [LUCIA, 20],
      [LUCIA, 26],
    ]);
    expect(report.rows[2]!.leftAt).toEqual(new Date("2026-10-22T15:20:00Z"));
  });

  it("Excel on Windows: Windows-1252 is decoded (ò and ’), surname and name joined, the date from the earliest join", () => {
    const bytes = fixture("excel-cp1252.csv");
    expect(bytes.includes(0xf2) && bytes.includes(0x92)).toBe(true);
    const report = parsed("excel-cp1252.csv");
    expect(report.encoding).toBe("windows-1252");
    expect(report.meetingStartsAt).toEqual(new Date("2026-10-22T14:58:00Z"));
    expect(report.rows.map((r) => [r.name, r.email, r.minutes])).toEqual([
      ["Anna Rossi", ANNA, 122],
      ["Niccolò D’Angelo", NICCOLO, 114],
      ["Lucia Bianchi", LUCIA, 45],
    ]);
  });
});

describe("decodeReport", () => {
  it("reads UTF-8 with and without BOM, UTF-16 with a BOM either way or without one, Windows-1252 otherwise", () => {
    const text = "Email;Minuti\nniccolò@x.it;3\n";
    expect(decodeReport(Buffer.from(text, "utf8"))).toEqual({ ok: true, text, encoding: "utf-8" });
    expect(decodeReport(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toMatchObject({
      text,
      encoding: "utf-8",
    });
    const le = Buffer.from(text, "utf16le");
    expect(decodeReport(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toMatchObject({ text, encoding: "utf-16le" });
    expect(decodeReport(le)).toMatchObject({ text, encoding: "utf-16le" });
    const be = Buffer.from(le).swap16();
    expect(decodeReport(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatchObject({ text, encoding: "utf-16be" });
    expect(decodeReport(Buffer.from([0x4e, 0x69, 0x63, 0x63, 0x6f, 0x6c, 0xf2, 0x20, 0x44, 0x92, 0x41]))).toEqual({
      ok: true,
      text: "Niccolò D’A",
      encoding: "windows-1252",
    });
  });

  it("refuses spreadsheets, PDFs, other binary files and a UTF-8 BOM followed by invalid bytes", () => {
    expect(decodeReport(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toEqual({
      ok: false,
      problem: { code: "binary" },
    });
    expect(decodeReport(Buffer.from("%PDF-1.7"))).toEqual({ ok: false, problem: { code: "binary" } });
    expect(decodeReport(new Uint8Array([0x41, 0x00, 0x00, 0x00, 0x41, 0x41, 0x41]))).toEqual({
      ok: false,
      problem: { code: "binary" },
    });
    expect(decodeReport(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xf2, 0x41]))).toEqual({
      ok: false,
      problem: { code: "encoding" },
    });
  });
});

describe("parseMinutesCell", () => {
  it.each([
    ["95", 95],
    ["95,5", 96],
    ["1:35", 95],
    ["1:35:40", 96],
    ["1h 54m", 114],
    ["1h 54m 3s", 114],
    ["2h 1m 38s", 122],
    ["1 h 54 min", 114],
    ["1 h 54 min 40 s", 115],
    ["1 hr 54 min", 114],
    ["2 hr", 120],
    ["54 min", 54],
    ["45m 10s", 45],
    ["40s", 1],
    ["2 ore 5 minuti", 125],
    ["1 ora 1 minuto", 61],
  ])("%s is %i minutes", (cell, minutes) => {
    expect(parseMinutesCell(cell)).toBe(minutes);
  });

  it("empty is null, anything else is NaN", () => {
    expect(parseMinutesCell("  ")).toBeNull();
    for (const cell of ["tanti", "1 giorno", "h", "1h 54x", "54 min 1h"]) expect(parseMinutesCell(cell)).toBeNaN();
  });
});

describe("parseReportTime", () => {
  it("reads Teams' two-digit years with a comma, AM/PM times of day and refuses impossible times", () => {
    expect(parseReportTime("10/22/26, 4:58:40 PM", SESSION_STARTS)).toEqual(new Date("2026-10-22T14:58:40Z"));
    expect(parseReportTime("22/10/26, 16:58:40", SESSION_STARTS)).toEqual(new Date("2026-10-22T14:58:40Z"));
    expect(parseReportTime("5:03 PM", SESSION_STARTS)).toEqual(new Date("2026-10-22T15:03:00Z"));
    expect(parseReportTime("12:10 AM", SESSION_STARTS)).toEqual(new Date("2026-10-21T22:10:00Z"));
    expect(parseReportTime("13:10 PM", SESSION_STARTS)).toBeNull();
    expect(parseReportTime("31/02/2026 10:00", SESSION_STARTS)).toBeNull();
  });
});

describe("the limits the confirmation checks again", () => {
  const report = (lines: string[]) => new TextEncoder().encode(["Email,Minuti", ...lines].join("\n"));

  it("a row counting more minutes than a row may, typed or from its times, is refused at the upload with its line", () => {
    const typed = parseParticipantsReport(
      report([`a@x.it,${MAX_ROW_MINUTES}`, "b@x.it,100001", `c@x.it,${"9".repeat(400)}`]),
      SESSION_STARTS,
    );
    expect(typed).toEqual({
      ok: false,
      problem: {
        code: "rows",
        rows: [
          { line: 3, kind: "minutes", value: "100001" },
          { line: 4, kind: "minutes", value: "9".repeat(40) },
        ],
      },
    });
    const timed = parseParticipantsReport(
      new TextEncoder().encode("Email,Join time,Leave time\na@x.it,2026-10-22 17:00,2027-01-22 17:00\n"),
      SESSION_STARTS,
    );
    expect(timed).toEqual({ ok: false, problem: { code: "rows", rows: [{ line: 2, kind: "times" }] } });
  });

  it("a report of more rows than one import takes is refused at the upload, not after the preview", () => {
    const rows = Array.from({ length: MAX_REPORT_ROWS + 1 }, (_, i) => `p${i}@x.it,5`);
    expect(parseParticipantsReport(report(rows), SESSION_STARTS)).toEqual({
      ok: false,
      problem: { code: "tooManyRows", rows: MAX_REPORT_ROWS + 1, max: MAX_REPORT_ROWS },
    });
    expect(parseParticipantsReport(report(rows.slice(1)), SESSION_STARTS)).toMatchObject({ ok: true });
  });
});

describe("a session near or across midnight: a time alone is read on the day nearest the session", () => {
  // 22:00 on 22 October to 01:00 on 23 October, Rome (CEST, UTC+2).
  const session = { startsAt: new Date("2026-10-22T20:00:00Z"), endsAt: new Date("2026-10-22T23:00:00Z") };
  const report = new TextEncoder().encode(
    ["Email,Join time,Leave time", "a@x.it,21:58,00:58", "b@x.it,00:10,00:50", "c@x.it,22:30,23:15"].join("\n"),
  );

  it("takes a time after midnight alone on the night after the start, not the small hours before it", () => {
    const parsed = parseParticipantsReport(report, session);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    const [a, b, c] = parsed.rows;
    // Was refused: the leave time, on the start's day, came before the join.
    expect(a).toMatchObject({
      minutes: 180,
      joinedAt: new Date("2026-10-22T19:58:00Z"),
      leftAt: new Date("2026-10-22T22:58:00Z"),
    });
    // Was taken 23 hours early: on time, then gone before the session's end.
    expect(b).toMatchObject({
      minutes: 40,
      joinedAt: new Date("2026-10-22T22:10:00Z"),
      leftAt: new Date("2026-10-22T22:50:00Z"),
    });
    expect(c).toMatchObject({ joinedAt: new Date("2026-10-22T20:30:00Z"), leftAt: new Date("2026-10-22T21:15:00Z") });
  });

  it("a session that ran past midnight: a leave after it is the night after, not the small hours before", () => {
    // 21:00-23:45 on 20 November, Rome (CET, UTC+1): one participant stayed on until 00:10.
    const late = parseParticipantsReport(new TextEncoder().encode("Email,Join time,Leave time\na@x.it,20:58,00:10\n"), {
      startsAt: new Date("2026-11-20T20:00:00Z"),
      endsAt: new Date("2026-11-20T22:45:00Z"),
    });
    // Was refused: the leave time, on the start's day, came before the join.
    expect(late).toMatchObject({
      ok: true,
      rows: [{ minutes: 192, joinedAt: new Date("2026-11-20T19:58:00Z"), leftAt: new Date("2026-11-20T23:10:00Z") }],
    });
  });

  it("a session starting just after midnight: a join before it is the evening before", () => {
    // 00:15-01:30 on 21 November, Rome: joined at 23:58 on the 20th.
    const early = parseParticipantsReport(
      new TextEncoder().encode("Email,Join time,Leave time\na@x.it,23:58,01:31\n"),
      {
        startsAt: new Date("2026-11-20T23:15:00Z"),
        endsAt: new Date("2026-11-21T00:30:00Z"),
      },
    );
    expect(early).toMatchObject({
      ok: true,
      rows: [{ minutes: 93, joinedAt: new Date("2026-11-20T22:58:00Z"), leftAt: new Date("2026-11-21T00:31:00Z") }],
    });
  });

  it("a daytime session reads times alone on its own day", () => {
    // 17:00-19:00 on 22 October, Rome: 08:00 is nearer that afternoon than the evening before or the night after.
    const parsed = parseParticipantsReport(
      new TextEncoder().encode("Email,Join time,Leave time\na@x.it,16:58,19:02\nb@x.it,08:00,09:00\n"),
      { startsAt: SESSION_STARTS, endsAt: new Date("2026-10-22T17:00:00Z") },
    );
    expect(parsed).toMatchObject({
      ok: true,
      rows: [
        { joinedAt: new Date("2026-10-22T14:58:00Z"), leftAt: new Date("2026-10-22T17:02:00Z") },
        { joinedAt: new Date("2026-10-22T06:00:00Z"), leftAt: new Date("2026-10-22T07:00:00Z") },
      ],
    });
  });
});
