// /formazione lists the trainer's registers left empty or incomplete after their session
// (listTrainerRegistersToFill), against the real database: only live sessions already over, of the
// trainer's own editions with someone enrolled, not cancelled, within 90 days, while some current
// place has no line; a closed edition's stay until filled in. The closing page names the same
// registers before its button (closureSummary's registerGaps): review 0018, finding 4.
import { afterAll, describe, expect, it } from "vitest";
import { recordAttendance } from "../../app/models/attendance.server.ts";
import * as homeRoute from "../../app/routes/formazione._index.tsx";
import * as closingRoute from "../../app/routes/formazione.edizioni.$editionId_.chiusura.tsx";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import { formatDayMonth } from "../../app/utils/dates.ts";
import { createTeachers } from "../support/factories.ts";
import { registerEdition } from "../support/registers.ts";
import { renderRoutePage } from "../support/render-route.ts";
import { explain, pgStatementsOf, planInstance } from "../support/pg-plans.ts";
import { scansOf, sqlitePlansOf } from "../support/sqlite-plans.ts";
import { bodyOf, callRoute, cookieOf, runRoute, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

const HOUR = 3600_000;
const DAY = 24 * HOUR;

async function toFillOf(userId: string): Promise<string[]> {
  const page = await callRoute(
    homeRoute.loader as Handler,
    new Request("http://localhost/formazione", { headers: { Cookie: await cookieOf(userId) } }),
  );
  return bodyOf<{ toFill: { id: string }[] }>(page).toFill.map((s) => s.id);
}

describe("registers to fill in", () => {
  it("are the trainer's live sessions already over whose register is still empty", async () => {
    const [teacher] = await createTeachers(1);
    // Over three hours ago (2 hours long): its register is empty.
    const empty = await registerEdition({ sessionStartsAt: new Date(Date.now() - 3 * HOUR), teachers: [teacher!] });
    const trainer = empty.trainer;
    // Still going: not listed before it ends.
    const running = await registerEdition({ sessionStartsAt: new Date(Date.now() - HOUR), teachers: [teacher!] });
    await prisma.eventTrainer.create({ data: { eventId: running.event.id, userId: trainer.id } });
    // An asynchronous activity of the first edition, over too: it has no register.
    await prisma.trainingSession.create({
      data: {
        editionId: empty.edition.id,
        title: "Test di autovalutazione",
        delivery: "asincrona",
        minutes: 60,
        startsAt: new Date(Date.now() - 10 * DAY),
        endsAt: new Date(Date.now() - 2 * DAY),
      },
    });

    expect(await toFillOf(trainer.id)).toEqual([empty.session.id]);
    // Another trainer does not see it.
    const other = await registerEdition({ sessionStartsAt: new Date(Date.now() - 3 * HOUR), teachers: [teacher!] });
    expect(await toFillOf(other.trainer.id)).not.toContain(empty.session.id);

    // One line recorded: the register is no longer empty.
    await recordAttendance(
      trainer.id,
      empty.session.id,
      [{ enrolmentId: empty.enrolments[0]!.id, status: "presente", minutesAttended: null }],
      "registro",
    );
    expect(await toFillOf(trainer.id)).toEqual([]);
  });

  it("include a register with some lines but not every current place's (the QR check-ins alone), saying how many miss", async () => {
    const teachers = await createTeachers(3);
    const fixture = await registerEdition({ sessionStartsAt: new Date(Date.now() - 3 * HOUR), teachers });
    const [a, b, c] = fixture.enrolments;
    const mark = (enrolmentId: string) => ({ enrolmentId, status: "presente" as const, minutesAttended: null });
    await recordAttendance(fixture.trainer.id, fixture.session.id, [mark(a!.id)], "check-in");
    const cookie = await cookieOf(fixture.trainer.id);
    const home = async () => {
      const page = await runRoute(homeRoute.loader as Handler, { cookie, url: "http://localhost/formazione" });
      return { page, toFill: (page.data as { toFill: { id: string; missing: number; empty: boolean }[] }).toFill };
    };
    expect((await home()).toFill).toEqual([
      expect.objectContaining({ id: fixture.session.id, missing: 2, empty: false }),
    ]);
    const { page } = await home();
    const html = await renderRoutePage(homeRoute.default, {
      path: "/formazione",
      url: "http://localhost/formazione",
      loaderData: page.data,
    });
    expect(html).toContain("2 righe mancanti.");

    // Only current places count: B's place removed, C's line is the one missing.
    await prisma.enrolment.update({ where: { id: b!.id }, data: { status: "rimosso" } });
    expect((await home()).toFill).toEqual([expect.objectContaining({ id: fixture.session.id, missing: 1 })]);
    await recordAttendance(fixture.trainer.id, fixture.session.id, [mark(c!.id)], "registro");
    expect((await home()).toFill).toEqual([]);
  });

  it("leave out cancelled editions, editions with no one enrolled, and sessions of over 90 days ago", async () => {
    const [teacher] = await createTeachers(1);
    const over = new Date(Date.now() - 3 * HOUR);
    const cancelled = await registerEdition({ sessionStartsAt: over, teachers: [teacher!] });
    await prisma.edition.update({ where: { id: cancelled.edition.id }, data: { status: "annullata" } });
    const closed = await registerEdition({ sessionStartsAt: over, teachers: [teacher!] });
    await prisma.edition.update({ where: { id: closed.edition.id }, data: { attendanceClosedAt: new Date() } });
    const nobody = await registerEdition({ sessionStartsAt: over, teachers: [] });
    const old = await registerEdition({ sessionStartsAt: new Date(Date.now() - 91 * DAY), teachers: [teacher!] });
    const recent = await registerEdition({ sessionStartsAt: over, teachers: [teacher!] });
    for (const fixture of [cancelled, nobody, old, recent]) {
      expect(await toFillOf(fixture.trainer.id)).toEqual(fixture === recent ? [recent.session.id] : []);
    }
    // A closed edition's empty register stays listed until filled in: closing again issues the certificates of
    // those who complete with it. The line says so, with the way to the closing page.
    expect(await toFillOf(closed.trainer.id)).toEqual([closed.session.id]);
    const page = await runRoute(homeRoute.loader as Handler, {
      cookie: await cookieOf(closed.trainer.id),
      url: "http://localhost/formazione",
    });
    const html = await renderRoutePage(homeRoute.default, {
      path: "/formazione",
      url: "http://localhost/formazione",
      loaderData: page.data,
    });
    expect(html).toContain("registro vuoto.");
    expect(html).toContain(`href="/formazione/edizioni/${closed.edition.id}/chiusura"`);
  });
});

describe("the closing page", () => {
  it("names, before its button, each live session already started whose register is empty or misses current places", async () => {
    const teachers = await createTeachers(4);
    // Session 1, three days ago: its only line is of a place since removed, so it is empty for the current ones.
    const fixture = await registerEdition({ sessionStartsAt: new Date(Date.now() - 72 * HOUR), teachers });
    const { edition, trainer, enrolments } = fixture;
    const [a, b, c, gone] = enrolments;
    const live = (startsAt: Date) => ({
      editionId: edition.id,
      delivery: "sincrona",
      minutes: 120,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
    });
    const full = await prisma.trainingSession.create({ data: live(new Date(Date.now() - 48 * HOUR)) });
    const partial = await prisma.trainingSession.create({ data: live(new Date(Date.now() - 24 * HOUR)) });
    // Not started yet, and an asynchronous activity: neither has a register to fill in now.
    await prisma.trainingSession.create({ data: live(new Date(Date.now() + 24 * HOUR)) });
    await prisma.trainingSession.create({ data: { ...live(new Date(Date.now() - 60 * HOUR)), delivery: "asincrona" } });
    // The edition ended with its last session that has taken place (the fixture's endsOn is session 1's end).
    await prisma.edition.update({ where: { id: edition.id }, data: { endsOn: new Date(Date.now() - 22 * HOUR) } });
    const mark = (enrolmentId: string) => ({ enrolmentId, status: "presente" as const, minutesAttended: null });
    await recordAttendance(trainer.id, fixture.session.id, [mark(gone!.id)], "registro");
    await recordAttendance(
      trainer.id,
      full.id,
      [a, b, c, gone].map((e) => mark(e!.id)),
      "registro",
    );
    await recordAttendance(trainer.id, partial.id, [mark(a!.id)], "check-in");
    await prisma.enrolment.update({ where: { id: gone!.id }, data: { status: "rimosso" } });

    const cookie = await cookieOf(trainer.id);
    const url = `http://localhost/formazione/edizioni/${edition.id}/chiusura`;
    const params = { editionId: edition.id };
    const load = () => runRoute(closingRoute.loader as Handler, { cookie, url, params });
    const page = await load();
    expect(page.status).toBe(200);
    expect((page.data as { summary: { registerGaps: unknown[] } }).summary.registerGaps).toEqual([
      expect.objectContaining({ sessionId: fixture.session.id, number: 1, missing: 3, empty: true }),
      expect.objectContaining({ sessionId: partial.id, number: 3, missing: 2, empty: false }),
    ]);

    // React marks the seam of two adjacent texts with an empty comment: read without them.
    const html = (
      await renderRoutePage(closingRoute.default, {
        path: "/formazione/edizioni/:editionId/chiusura",
        url,
        loaderData: page.data,
      })
    ).replace(/<!-- -->/g, "");
    const gaps = html.indexOf('data-testid="register-gaps"');
    expect(gaps).toBeGreaterThan(-1);
    expect(gaps).toBeLessThan(html.indexOf('type="submit"'));
    expect(html).toContain("2 registri non sono completi");
    const day = (d: Date) => formatDayMonth(d, "it");
    for (const [id, line] of [
      [fixture.session.id, `Incontro 1 (${day(fixture.session.startsAt)})</a>: registro vuoto`],
      [partial.id, `Incontro 3 (${day(partial.startsAt)})</a>: 2 righe mancanti`],
    ] as const) {
      expect(html).toMatch(
        new RegExp(`<li><a [^>]*href="/formazione/incontri/${id}"[^>]*>${line.replace(/[()]/g, "\\$&")}</li>`),
      );
    }

    // Filled in (absences too): nothing left to name.
    await recordAttendance(
      trainer.id,
      fixture.session.id,
      [a, b, c].map((e) => ({ ...mark(e!.id), status: "assente" as const })),
      "registro",
    );
    await recordAttendance(
      trainer.id,
      partial.id,
      [b, c].map((e) => mark(e!.id)),
      "registro",
    );
    const filled = await load();
    expect((filled.data as { summary: { registerGaps: unknown[] } }).summary.registerGaps).toEqual([]);
    expect(
      await renderRoutePage(closingRoute.default, {
        path: "/formazione/edizioni/:editionId/chiusura",
        url,
        loaderData: filled.data,
      }),
    ).not.toContain('data-testid="register-gaps"');
  });
});

describe("the statements of /formazione", () => {
  // A relation `_count` in a Prisma select is read by joining the rows to the count of every parent's children: the
  // page counted the places (and the sessions) of every edition of the database on each visit, for the few it lists.
  // SQLite's plans without statistics, as production runs (tests/support/sqlite-plans.ts).
  it("read only the trainer's editions' places and sessions, never a whole table of them (SQLite's plans)", async () => {
    if (databaseEngine !== "sqlite") return;
    const teachers = await createTeachers(2);
    const fixture = await registerEdition({ sessionStartsAt: new Date(Date.now() - 3 * HOUR), teachers });
    const statements = await sqlitePlansOf(() => toFillOf(fixture.trainer.id));
    expect(statements.length).toBeGreaterThan(0);
    for (const table of ["Enrolment", "TrainingSession", "AttendanceRecord"]) {
      expect(scansOf(statements, table).map((s) => [s.sql, s.plan])).toEqual([]);
    }
    const plans = statements.flatMap((s) => s.plan);
    expect(plans.filter((d) => /^MATERIALIZE aggr_selection/.test(d))).toEqual([]);
    // Nor every confirmed place of the database through the (status, offerExpiresAt) index, the pick SQLite made
    // for that count without statistics.
    expect(plans.filter((d) => /Enrolment_status_offerExpiresAt_idx \(status=\?\)$/.test(d))).toEqual([]);
    // The count of current places: each listed edition's, through its index.
    expect(plans).toContainEqual(
      expect.stringMatching(
        /^SEARCH main\.Enrolment USING (COVERING )?INDEX Enrolment_editionId_quotaId_status_waitlistSeq_idx \(editionId=\?/,
      ),
    );
  });

  // The trainer's three lists (editions, sessions of the day, registers to fill) filtered the sessions or editions by
  // their event's trainers and status: an EXISTS no plan starts from, so SQLite walked every published and closed
  // event's entry of an Event status index (9,210 at national volume) probing each one's trainers. They now start from
  // the trainer's assignments (ADR 0108, addendum of 07/12/2026).
  async function trainerOfFiveEditions() {
    const teachers = await createTeachers(2);
    const first = await registerEdition({ sessionStartsAt: new Date(Date.now() - 3 * HOUR), teachers });
    // Four registers to fill (SQLite prices an `editionId IN` of n ids at n equalities: the places of two were
    // counted through the edition's index, of four through the status index), and a session later today.
    for (const hours of [-27, -51, -75, 1]) {
      const startsAt = new Date(Date.now() + hours * HOUR);
      const more = await registerEdition({ sessionStartsAt: startsAt, teachers });
      await prisma.eventTrainer.create({ data: { eventId: more.event.id, userId: first.trainer.id } });
    }
    const editions = await prisma.edition.findMany({
      where: { event: { trainers: { some: { userId: first.trainer.id } } } },
      select: { id: true, eventId: true, sessions: { select: { id: true } } },
    });
    expect(editions).toHaveLength(5);
    return { trainer: first.trainer, editions };
  }

  it("start from the trainer's assignments, then their editions' sessions and places (SQLite's plans)", async () => {
    if (databaseEngine !== "sqlite") return;
    const { trainer } = await trainerOfFiveEditions();
    const statements = await sqlitePlansOf(() => toFillOf(trainer.id));
    const plans = statements.flatMap((s) => s.plan);
    // Never an Event status index as a loop (every published event's entry), nor the day's window of everyone's
    // sessions, nor a table read whole.
    expect(plans.filter((d) => /^SEARCH \S+ USING (COVERING )?INDEX Event_\w+ \(status=\?/.test(d))).toEqual([]);
    expect(plans.filter((d) => /TrainingSession_startsAt_idx/.test(d))).toEqual([]);
    for (const table of ["Event", "Edition", "EventTrainer", "TrainingSession", "Enrolment"]) {
      expect(scansOf(statements, table).map((s) => [s.sql, s.plan])).toEqual([]);
    }
    expect(plans).toContainEqual(
      expect.stringMatching(
        /^SEARCH main\.EventTrainer USING (COVERING )?INDEX EventTrainer_userId_idx \(userId=\?\)$/,
      ),
    );
    // The editions by their events, the sessions by their editions (the day's: and their start).
    expect(plans).toContainEqual(
      expect.stringMatching(/^SEARCH \S+ USING (COVERING )?INDEX Edition_eventId\w* \(eventId=\?\)$/),
    );
    expect(plans).toContainEqual(
      expect.stringMatching(
        /^SEARCH main\.TrainingSession USING INDEX TrainingSession_editionId_startsAt_idx \(editionId=\? AND startsAt<\?\)$/,
      ),
    );
    // The current places of the four editions listed: `status = ?` beside an `editionId IN` of several ids would
    // take the (status, offerExpiresAt) index, every current place of the database.
    expect(plans.filter((d) => /Enrolment_status_offerExpiresAt_idx/.test(d))).toEqual([]);
    expect(plans).toContainEqual(
      expect.stringMatching(
        /^SEARCH main\.Enrolment USING (COVERING )?INDEX Enrolment_editionId_quotaId_status_waitlistSeq_idx \(editionId=\?\)$/,
      ),
    );
  });

  // The three lists each read the trainer's assignments, the same statement three times on each visit of the page
  // (noticed on 08/12/2026): the loader now reads them once and gives them to each list.
  it("read the trainer's assignments once per visit, for the three lists (both engines)", async () => {
    const { trainer, editions } = await trainerOfFiveEditions();
    const visit = async () =>
      bodyOf<{ editions: { id: string }[]; today: { id: string }[]; toFill: { id: string }[] }>(
        await callRoute(
          homeRoute.loader as Handler,
          new Request("http://localhost/formazione", { headers: { Cookie: await cookieOf(trainer.id) } }),
        ),
      );
    let page: Awaited<ReturnType<typeof visit>> | undefined;
    const run = async () => {
      page = await visit();
    };
    const sql =
      databaseEngine === "sqlite"
        ? (await sqlitePlansOf(run)).map((s) => s.sql)
        : (await pgStatementsOf(run)).map((s) => s.sql);
    expect(sql.filter((s) => /\bFROM [`"]\w+[`"]\.[`"]EventTrainer[`"]/.test(s))).toHaveLength(1);
    // And the three lists are the trainer's: five editions, four registers to fill, and of the day the session that
    // ended an hour ago or the one in an hour (at least one of them is on today's Rome date, whatever the hour).
    expect(page!.editions.map((e) => e.id).sort()).toEqual(editions.map((e) => e.id).sort());
    expect(page!.toFill).toHaveLength(4);
    const sessions = editions.flatMap((e) => e.sessions.map((s) => s.id));
    expect(page!.today.length).toBeGreaterThan(0);
    for (const session of page!.today) expect(sessions).toContain(session.id);
  });

  // PostgreSQL plans by its statistics (tests/support/pg-plans.ts): the statements the page sends are recorded, then
  // EXPLAINed on tables of an instance's proportions (5,000 events, a fifth of them with one of 30 trainers, about 33
  // each as in the scale data; 5,000 editions, 15,000 sessions and places), the test's ids replaced by a planned
  // trainer's. (At 600 events PostgreSQL rightly reads EventTrainer's 120 rows whole: two pages.)
  it("start from the trainer's assignments on PostgreSQL too (its plans on an instance's proportions)", async () => {
    if (databaseEngine !== "postgresql") return;
    const { trainer, editions } = await trainerOfFiveEditions();
    const statements = await pgStatementsOf(() => toFillOf(trainer.id));
    const staff = 50;
    await planInstance(
      { users: 2000, staff, trainers: 30, events: 5000, editions: 5000, sessions: 15_000, enrolments: 15_000 },
      async (client) => {
        const planned = `plan-u${staff + 1}`;
        const { rows } = await client.query<{ eventId: string; editionId: string; sessionId: string }>(
          `SELECT et."eventId", ed."id" AS "editionId", MIN(s."id") AS "sessionId" FROM "EventTrainer" et
           JOIN "Edition" ed ON ed."eventId" = et."eventId" JOIN "TrainingSession" s ON s."editionId" = ed."id"
           WHERE et."userId" = $1 GROUP BY et."eventId", ed."id" ORDER BY ed."id" LIMIT 5`,
          [planned],
        );
        expect(rows).toHaveLength(5);
        const ids = new Map<unknown, string>([[trainer.id, planned]]);
        editions.forEach((edition, i) => {
          ids.set(edition.eventId, rows[i]!.eventId);
          ids.set(edition.id, rows[i]!.editionId);
          for (const session of edition.sessions) ids.set(session.id, rows[i]!.sessionId);
        });
        const ours = statements.filter((s) =>
          /"(Event|EventTrainer|Edition|TrainingSession|Enrolment|AttendanceRecord)"/.test(s.sql),
        );
        expect(ours.length).toBeGreaterThan(0);
        const plans: string[] = [];
        for (const statement of ours) {
          const params = statement.params.map((p) => ids.get(p) ?? p);
          plans.push(`${statement.sql}\n${await explain(client, statement.sql, params)}`);
        }
        expect(
          plans.filter((p) => /Seq Scan on "(Event|Edition|EventTrainer|TrainingSession|Enrolment)"/.test(p)),
        ).toEqual([]);
        expect(plans.join("\n")).toMatch(
          /(Index (Only )?Scan using|Bitmap Index Scan on) "EventTrainer_userId_idx"[^\n]*\n\s+Index Cond: \("userId" = /,
        );
        // The sessions by their editions (the day's: and their start), never by everyone's window of dates.
        expect(plans.join("\n")).toMatch(
          /(Index (Only )?Scan using|Bitmap Index Scan on) "TrainingSession_editionId_startsAt_idx"[^\n]*\n\s+Index Cond: \(+"editionId" = /,
        );
        expect(plans.join("\n")).not.toMatch(
          /"TrainingSession_startsAt_idx"|"Event_\w+" [^\n]*\n\s+Index Cond: \(+status = /,
        );
      },
    );
  });
});
