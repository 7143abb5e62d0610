// A session's register says what its recorded lines hold, status by status, under "Registrati X su Y" (review of
// trainers' daily work, 08/12/2026): the trainer checks "28 presenti, 2 assenti" against the room's head count, and
// "Registrati 31 su 31" alone did not say it. Against a real database (SQLite or PostgreSQL), through the route.
import { afterAll, describe, expect, it } from "vitest";
import { recordAttendance } from "../../app/models/attendance.server.ts";
import * as registerRoute from "../../app/routes/formazione.incontri.$sessionId.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createTeachers } from "../support/factories.ts";
import { registerEdition } from "../support/registers.ts";
import { renderRoutePage } from "../support/render-route.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

async function registerHtml(trainerId: string, sessionId: string): Promise<string> {
  const url = `http://localhost/formazione/incontri/${sessionId}`;
  const page = await runRoute(registerRoute.loader as Handler, {
    cookie: await cookieOf(trainerId),
    url,
    params: { sessionId },
  });
  expect(page.status).toBe(200);
  return renderRoutePage(registerRoute.default, {
    url,
    path: "/formazione/incontri/:sessionId",
    loaderData: page.data,
  });
}

const tallyOf = (html: string) =>
  html.match(/<p data-testid="register-tally">(.*?)<\/p>/)?.[1]?.replace(/<!-- -->/g, "");

describe("the register's lines by status", () => {
  it("counts the recorded lines of each status, leaves out the statuses no line holds, and says nothing when empty", async () => {
    const teachers = await createTeachers(5);
    const { trainer, session, enrolments } = await registerEdition({
      sessionStartsAt: new Date(Date.now() - 3 * 3600_000),
      teachers,
    });
    // Nothing recorded yet: the summary only.
    const empty = await registerHtml(trainer.id, session.id);
    expect(empty).toContain("Registrati 0 su 5.");
    expect(tallyOf(empty)).toBeUndefined();

    const [a, b, c, d] = enrolments;
    await recordAttendance(
      trainer.id,
      session.id,
      [
        { enrolmentId: a!.id, status: "presente", minutesAttended: null },
        { enrolmentId: b!.id, status: "presente", minutesAttended: null },
        { enrolmentId: c!.id, status: "ritardo", minutesAttended: 60 },
        { enrolmentId: d!.id, status: "assente", minutesAttended: null },
      ],
      "registro",
    );
    const html = await registerHtml(trainer.id, session.id);
    expect(html).toContain("Registrati 4 su 5.");
    expect(tallyOf(html)).toBe("Nelle righe registrate: 2 presenti, 1 entrata in ritardo, 1 assente.");
  });
});
