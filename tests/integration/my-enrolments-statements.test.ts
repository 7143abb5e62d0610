// "Le mie iscrizioni", the page every enrolment, cancellation and offer answer redirects to (ADR 0030), recomputed the
// register of every course the teacher had ever followed on each visit, several statements per course (review 0019,
// teacher, finding 3). Now a place with a valid certificate needs no register (its hours are the certificate's) and
// the others' hours so far are read for all of them at once: the statements are as many for a teacher with sixty
// past courses as for one with two, and the hours are editionProgress's.
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { progressWithReasons } from "../../app/models/certificate.server.ts";
import { editionProgress } from "../../app/models/edition-progress.server.ts";
import { loadMyEnrolmentsPage } from "../../app/models/enrolment-views.server.ts";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import { sqliteDirect } from "../../app/utils/sqlite-direct.server.ts";
import { createCertificate, createOpenEdition, createUser } from "../support/factories.ts";

afterAll(() => prisma.$disconnect());

const DAY = 24 * 3600_000;

/**
 * How many statements the database drivers executed while `work` ran: better-sqlite3's Statement `all`/`get`/`run`/
 * `iterate` on SQLite (the direct connection's cached statements and Prisma's adapter alike), node-postgres' Client
 * `query` on PostgreSQL (both pools and Prisma's adapter).
 */
async function statementsRun(work: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const spies = [];
  if (databaseEngine === "sqlite") {
    const statement = Object.getPrototypeOf(sqliteDirect().prepare("SELECT 1")) as Database.Statement;
    for (const method of ["all", "get", "run", "iterate"] as const) {
      const original = statement[method] as (...args: unknown[]) => unknown;
      spies.push(
        vi.spyOn(statement, method).mockImplementation(function (this: Database.Statement, ...args: unknown[]) {
          count += 1;
          return original.apply(this, args);
        } as never),
      );
    }
  } else {
    const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    spies.push(
      vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
        count += 1;
        return original.apply(this, args);
      } as never),
    );
  }
  try {
    await work();
    return count;
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}

/**
 * A teacher with `count` concluded courses holding a certificate and `count` started ones holding none (a 2-hour live
 * session, present or 45 minutes late, and a required 1-hour activity, completed or not), plus one upcoming.
 */
async function teacherWithHistory(count: number) {
  const teacher = await createUser();
  const { event, edition: upcoming } = await createOpenEdition();
  await prisma.enrolment.create({
    data: { editionId: upcoming.id, eventId: event.id, userId: teacher.id, status: "iscritto", activeKey: null },
  });
  const started: { enrolmentId: string; editionId: string }[] = [];
  for (let i = 0; i < 2 * count; i++) {
    const startsAt = new Date(Date.now() - (10 + i) * DAY);
    const endsAt = new Date(startsAt.getTime() + 2 * 3600_000);
    const edition = await prisma.edition.create({
      data: {
        eventId: event.id,
        number: i + 2,
        startsOn: startsAt,
        endsOn: new Date(startsAt.getTime() + 2 * DAY),
        enrolmentOpensAt: new Date(startsAt.getTime() - 20 * DAY),
        enrolmentClosesAt: new Date(startsAt.getTime() - DAY),
        sessions: {
          create: [
            { startsAt, endsAt, delivery: "sincrona", minutes: 120, title: "Incontro 1" },
            {
              startsAt,
              endsAt: new Date(startsAt.getTime() + 2 * DAY),
              delivery: "asincrona",
              minutes: 60,
              required: true,
              title: `Attività ${i}`,
            },
          ],
        },
      },
      include: { sessions: true },
    });
    const place = await prisma.enrolment.create({
      data: { editionId: edition.id, eventId: event.id, userId: teacher.id, status: "iscritto", activeKey: null },
    });
    const live = edition.sessions.find((s) => s.delivery === "sincrona")!;
    const activity = edition.sessions.find((s) => s.delivery === "asincrona")!;
    await prisma.attendanceRecord.create({
      data:
        i % 3 === 0
          ? { sessionId: live.id, enrolmentId: place.id, status: "ritardo", minutesAttended: 75 }
          : { sessionId: live.id, enrolmentId: place.id, status: "presente" },
    });
    if (i % 2 === 0)
      await prisma.activityCompletion.create({ data: { sessionId: activity.id, enrolmentId: place.id } });
    if (i < count) await createCertificate({ enrolmentId: place.id, userId: teacher.id }, edition);
    else started.push({ enrolmentId: place.id, editionId: edition.id });
  }
  return { teacher, started };
}

describe("Le mie iscrizioni of a teacher with many past courses", () => {
  it("runs as many statements for sixty past courses as for two, with each course's hours as editionProgress counts them", async () => {
    const few = await teacherWithHistory(1);
    const many = await teacherWithHistory(30);

    // Once first: the direct SQLite connection sets its page cache on its first read of the process.
    await loadMyEnrolmentsPage(few.teacher.id);
    const fewStatements = await statementsRun(() => loadMyEnrolmentsPage(few.teacher.id));
    const manyStatements = await statementsRun(() => loadMyEnrolmentsPage(many.teacher.id));
    // The places, the certificates, the questionnaires answered, the started editions' sessions, their lines.
    expect(fewStatements).toBeLessThanOrEqual(5);
    expect(manyStatements).toBe(fewStatements);

    const page = await loadMyEnrolmentsPage(many.teacher.id);
    expect(page.enrolments).toHaveLength(61);
    // Certified places show the certificate's hours and no register; the upcoming one neither.
    expect(page.enrolments.filter((e) => e.certificate)).toHaveLength(30);
    for (const e of page.enrolments.filter((e) => e.certificate)) expect(e.progress).toBeNull();
    // Each started place without a certificate: the hours so far as the trainer's pages count them.
    for (const place of many.started) {
      const mine = page.enrolments.find((e) => e.id === place.enrolmentId)!;
      const counted = (await editionProgress(place.editionId, [place.enrolmentId]))!;
      expect(mine.progress).toEqual(progressWithReasons(counted.plan, counted.participants[0]!));
    }
    const shown = page.enrolments.filter((e) => e.progress).map((e) => e.progress!);
    expect(shown).toHaveLength(30);
    // Both outcomes are among them: late and activity missing, present with it done.
    expect(shown.some((p) => p.completed)).toBe(true);
    expect(shown.some((p) => !p.completed && p.missingActivities.length === 1)).toBe(true);
  });
});
