// The import preview on each webinar report fixture (tests/fixtures/webinar-reports: Teams in
// English and Italian, UTF-16LE; Google Meet; Zoom with meeting data, English and Italian; Excel's
// Windows-1252), through the import route against the real database: the enrolled teachers are
// recognised, their lines proposed, the guest left out, and the report's meeting date shown next to
// the session's with a warning when the days differ.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_REPORT_BYTES, MAX_REPORT_ROWS, MAX_ROW_MINUTES } from "../../app/domain/webinar-report.ts";
import { confirmationBytes } from "../../app/models/attendance-import.server.ts";
import { bodyLimitFor } from "../../app/utils/body-limit.server.ts";
import * as importRoute from "../../app/routes/formazione.incontri.$sessionId_.importa.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { registerEdition, userWithEmail } from "../support/registers.ts";
import { bodyOf, callRoute, cookieOf, statusOf, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

const ANNA = "anna.rossi@scuola.example.it";
const NICCOLO = "niccolo.dangelo@scuola.example.it";
const LUCIA = "lucia.bianchi@scuola.example.it";
/** The fixtures' meeting: 22 October 2026 from 17:00 in Rome. */
const MEETING_DAY = new Date("2026-10-22T15:00:00Z");

type Preview = {
  preview: {
    matched: { email: string; minutes: number; proposed: { status: string; minutesAttended: number | null } }[];
    unmatched: { email: string }[];
    absent: { email: string }[];
  };
  report: { meetingStartsAt: Date | null; dateDiffers: boolean };
};

let teachers: { id: string }[];
beforeAll(async () => {
  teachers = [
    await userWithEmail(ANNA, "Anna", "Rossi"),
    await userWithEmail(NICCOLO, "Niccolò", "D’Angelo"),
    await userWithEmail(LUCIA, "Lucia", "Bianchi"),
  ];
});

async function previewOf(fixture: string, sessionStartsAt: Date) {
  const { trainer, session } = await registerEdition({ sessionStartsAt, teachers });
  const upload = new FormData();
  upload.append("intent", "preview");
  const bytes = fs.readFileSync(new URL(`../fixtures/webinar-reports/${fixture}`, import.meta.url));
  upload.append("report", new File([new Uint8Array(bytes)], fixture, { type: "text/csv" }));
  const result = await callRoute(
    importRoute.action as Handler,
    new Request(`http://localhost/formazione/incontri/${session.id}/importa`, {
      method: "POST",
      body: upload,
      headers: { Cookie: await cookieOf(trainer.id) },
    }),
    { sessionId: session.id },
  );
  expect(statusOf(result), JSON.stringify(bodyOf(result))).toBe(200);
  // Nothing is written by the preview.
  expect(await prisma.attendanceRecord.count({ where: { sessionId: session.id } })).toBe(0);
  return bodyOf<Preview>(result);
}

const proposals = (body: Preview) =>
  Object.fromEntries(body.preview.matched.map((m) => [m.email, [m.proposed.status, m.proposed.minutesAttended]]));

const EXPECTED: Record<string, { meeting: string | null; lucia: number; unmatched: string[] }> = {
  "teams-en.csv": { meeting: "2026-10-22T14:58:40.000Z", lucia: 45, unmatched: [""] },
  "teams-it.csv": { meeting: "2026-10-22T14:58:40.000Z", lucia: 45, unmatched: [] },
  "meet.csv": { meeting: null, lucia: 45, unmatched: ["ospite@altrove.example.org"] },
  "zoom-en.csv": { meeting: "2026-10-22T14:58:12.000Z", lucia: 46, unmatched: ["formatore@scuola.example.it"] },
  "zoom-it.csv": { meeting: "2026-10-22T14:58:12.000Z", lucia: 46, unmatched: [] },
  "excel-cp1252.csv": { meeting: "2026-10-22T14:58:00.000Z", lucia: 45, unmatched: [] },
};

describe("webinar report import preview, one fixture each", () => {
  for (const [fixture, expected] of Object.entries(EXPECTED)) {
    it(`${fixture}: the three enrolled teachers recognised, the meeting's date shown`, async () => {
      const body = await previewOf(fixture, MEETING_DAY);
      expect(proposals(body)).toEqual({
        [ANNA]: ["presente", null],
        [NICCOLO]: ["presente", null],
        [LUCIA]: ["ritardo", expected.lucia],
      });
      expect(body.preview.unmatched.map((u) => u.email)).toEqual(expected.unmatched);
      expect(body.preview.absent).toEqual([]);
      expect(body.report.meetingStartsAt ? new Date(body.report.meetingStartsAt).toISOString() : null).toBe(
        expected.meeting,
      );
      expect(body.report.dateDiffers).toBe(false);
    });
  }

  it("warns when the report's meeting was on another day than the session; a report without a date never warns", async () => {
    const otherDay = new Date("2026-10-29T16:00:00Z");
    expect((await previewOf("teams-it.csv", otherDay)).report.dateDiffers).toBe(true);
    expect((await previewOf("zoom-en.csv", otherDay)).report.dateDiffers).toBe(true);
    const meet = await previewOf("meet.csv", otherDay);
    expect(meet.report).toEqual({ meetingStartsAt: null, dateDiffers: false });
  });
});

describe("what the preview accepts, the confirmation takes", () => {
  it("a row at the most minutes a row may count is confirmed, not called out of date; one minute more is refused at the upload", async () => {
    const { trainer, session } = await registerEdition({ sessionStartsAt: MEETING_DAY, teachers });
    const post = async (fields: [string, string | File][]) => {
      const form = new FormData();
      for (const [name, value] of fields) form.append(name, value);
      return callRoute(
        importRoute.action as Handler,
        new Request(`http://localhost/formazione/incontri/${session.id}/importa`, {
          method: "POST",
          body: form,
          headers: { Cookie: await cookieOf(trainer.id) },
        }),
        { sessionId: session.id },
      );
    };
    const csv = (minutes: string) =>
      new File([`Email,Minuti\n${ANNA},${minutes}\n${LUCIA},45\n`], "rapporto.csv", { type: "text/csv" });

    const over = await post([
      ["intent", "preview"],
      ["report", csv(String(MAX_ROW_MINUTES + 1))],
    ]);
    expect(statusOf(over)).toBe(400);
    expect(bodyOf<{ error: string }>(over).error).toBe(
      `Righe non valide: riga 2: minuti non validi (${MAX_ROW_MINUTES + 1})`,
    );

    const preview = await post([
      ["intent", "preview"],
      ["report", csv(String(MAX_ROW_MINUTES))],
    ]);
    expect(statusOf(preview)).toBe(200);
    const confirmed = await post([
      ["intent", "confirm"],
      ["rows", bodyOf<{ rows: string }>(preview).rows],
    ]);
    expect(statusOf(confirmed), JSON.stringify(bodyOf(confirmed))).toBe(302);
    expect(await prisma.attendanceRecord.count({ where: { sessionId: session.id } })).toBe(3);
  });

  it("a report of the most rows a report may have is confirmed within the page's limit; one too large to confirm is refused at the upload", async () => {
    const { trainer, session } = await registerEdition({ sessionStartsAt: MEETING_DAY, teachers });
    const path = `/formazione/incontri/${session.id}/importa`;
    const post = async (fields: [string, string | File][]) => {
      const form = new FormData();
      for (const [name, value] of fields) form.append(name, value);
      return callRoute(
        importRoute.action as Handler,
        new Request(`http://localhost${path}`, {
          method: "POST",
          body: form,
          headers: { Cookie: await cookieOf(trainer.id) },
        }),
        { sessionId: session.id },
      );
    };
    const report = (rows: number, name: (i: number) => string) => {
      const lines = [`Nome,Email,Minuti`, `Anna Rossi,${ANNA},45`];
      for (let i = 1; i < rows; i++) lines.push(`${name(i)},ospite.${i}@altrove.example.org,30`);
      return new File([lines.join("\n")], "rapporto.csv", { type: "text/csv" });
    };

    // As many rows as a report may have, with ordinary names: the confirmation fits the page's limit.
    const full = report(MAX_REPORT_ROWS, (i) => `Ospite Numero ${i}`);
    expect(full.size).toBeLessThanOrEqual(MAX_REPORT_BYTES);
    const preview = await post([
      ["intent", "preview"],
      ["report", full],
    ]);
    expect(statusOf(preview)).toBe(200);
    const rows = bodyOf<{ rows: string }>(preview).rows;
    expect(confirmationBytes(rows)).toBeLessThan(bodyLimitFor(path));

    // Names full of typographic apostrophes (three bytes in the file, nine once urlencoded): the file is within its
    // 2 MB, its confirmation would not be. Told at the upload, not with a 413 at the confirmation.
    const heavy = report(9000, (i) => `${"’".repeat(60)}${i}`);
    expect(heavy.size).toBeLessThanOrEqual(MAX_REPORT_BYTES);
    const refused = await post([
      ["intent", "preview"],
      ["report", heavy],
    ]);
    expect(statusOf(refused)).toBe(400);
    expect(bodyOf<{ error: string }>(refused).error).toMatch(/^Il rapporto ha troppi dati per essere confermato/);
  });
});
