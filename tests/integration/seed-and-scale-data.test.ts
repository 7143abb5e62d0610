// The demo seed and the scale-data generator against a real database: idempotence, certified
// hours that match the sessions, derived columns, the demo accounts' password, and when they refuse
// a database (prisma/seed-data/database-in-use.ts).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEligibility } from "../../app/domain/enrolment.ts";
import { deriveEventFields } from "../../app/domain/event-derived-fields.ts";
import { closeAccount } from "../../app/models/account-closure.server.ts";
import { updateProfile } from "../../app/models/account.server.ts";
import { verifyLogin } from "../../app/utils/auth.server.ts";
import { resolveDatabaseTarget } from "../../app/utils/database-url.ts";
import { createPrismaClient, databaseEngine, prisma, type Db } from "../../app/utils/db.server.ts";
import { DEMO_PASSWORD, demoRunRefusal, demoSeedRefusal, seed } from "../../prisma/seed.ts";
import { accountsInUse } from "../../prisma/seed-data/database-in-use.ts";
import { CLOSABLE_WEBINAR_TITLE, PAST_BASE_COURSE_TITLE } from "../../prisma/seed-data/demo-events.ts";
import { generateScaleData, parseOptions } from "../../scripts/generate-scale-data.ts";
import { createUser } from "../support/factories.ts";
import { productionStatistics } from "../support/sqlite-plans.ts";
import { workerDatabase } from "./global-setup.ts";

afterAll(() => prisma.$disconnect());

const root = path.resolve(import.meta.dirname, "../..");
/** This worker's database has other files' accounts (people, to the rule): the generators need the override. */
const ANYWAY = { FORMA_SEED_ANYWAY: "1" };

/** Every edition of these events certifies exactly the event's hours, and the derived columns are right. */
async function expectConsistentEvents(where: { createdById?: { in: string[] }; id?: { startsWith: string } }) {
  const events = await prisma.event.findMany({
    where,
    select: {
      title: true,
      description: true,
      venue: true,
      certifiedMinutes: true,
      startsAt: true,
      endsAt: true,
      searchText: true,
      editions: {
        select: { number: true, status: true, sessions: { select: { startsAt: true, endsAt: true, minutes: true } } },
      },
    },
  });
  expect(events.length).toBeGreaterThan(0);
  for (const e of events) {
    expect(e.editions.length, e.title).toBeGreaterThan(0);
    for (const ed of e.editions) {
      expect(
        ed.sessions.reduce((s, x) => s + x.minutes, 0),
        `${e.title} #${ed.number}`,
      ).toBe(e.certifiedMinutes);
    }
    const derived = deriveEventFields({ ...e, editions: e.editions });
    expect(e.startsAt?.getTime(), e.title).toBe(derived.startsAt?.getTime());
    expect(e.endsAt?.getTime(), e.title).toBe(derived.endsAt?.getTime());
    expect(e.searchText, e.title).toBe(derived.searchText);
  }
  return events;
}

describe("demo seed", () => {
  it("npm run db:seed refuses a database in use: its accounts share a published password, one is the national unit", async () => {
    await createUser({ email: "dirigente@scuola.example.it" });
    expect(await demoSeedRefusal({})).toMatch(
      /^Dati dimostrativi non caricati: il database ha \d+ account veri, .*\(Forma2026!\), fra cui l'Unità nazionale\. FORMA_SEED_ANYWAY=1/,
    );
    expect(await demoSeedRefusal({ FORMA_SEED_ANYWAY: "1" })).toBeNull();
  });

  it("creates the demo accounts and events once, however often it runs", async () => {
    const first = await seed();
    const second = await seed();
    expect(first.accounts).toBe(37); // the seven demo accounts and 30 course participants
    expect(second.eventsCreated).toBe(0);
    expect(second.eventsSkipped).toBe(first.eventsCreated + first.eventsSkipped);
    expect(first.eventsCreated + first.eventsSkipped).toBeGreaterThanOrEqual(15);
    expect(await prisma.user.count({ where: { email: { endsWith: "@forma.test" } } })).toBe(37);

    const people = await prisma.user.findMany({
      where: { email: { endsWith: "@forma.test" } },
      select: { id: true, email: true, roles: { select: { role: true, regionCode: true } } },
    });
    const byEmail = Object.fromEntries(people.map((p) => [p.email, p]));
    expect(byEmail["referente.toscana@forma.test"]?.roles).toEqual([{ role: "referente-usr", regionCode: "toscana" }]);
    expect(byEmail["referente.lombardia@forma.test"]?.roles).toEqual([
      { role: "referente-usr", regionCode: "lombardia" },
    ]);
    expect(byEmail["formatore@forma.test"]?.roles).toEqual([{ role: "formatore", regionCode: "" }]);
    expect(byEmail["admin@forma.test"]?.roles).toEqual([{ role: "unita-nazionale", regionCode: "" }]);
    expect(byEmail["docente@forma.test"]?.roles).toEqual([]);
    expect(await verifyLogin("docente@forma.test", DEMO_PASSWORD)).toEqual({ id: byEmail["docente@forma.test"]!.id });

    const events = await expectConsistentEvents({ createdById: { in: people.map((p) => p.id) } });
    const statuses = await prisma.event.groupBy({
      by: ["status", "regionCode"],
      where: { createdById: { in: people.map((p) => p.id) }, status: { in: ["bozza", "annullato"] } },
      _count: { _all: true },
    });
    expect(statuses.map((s) => `${s.status}:${s.regionCode ?? ""}`).sort()).toEqual([
      "annullato:",
      "bozza:lombardia",
      "bozza:toscana",
    ]);
    // Everything is upcoming except the finished base course, kept for the registers' demo,
    // and the finished webinar on digital safety, ready to close for the certificates' demo. The cancelled
    // webinar, whose only edition is cancelled, has no dates at all (deriveEventDates).
    expect(events.filter((e) => e.endsAt === null).map((e) => e.title)).toEqual(["Webinar: eTwinning e CLIL"]);
    expect(
      events
        .filter((e) => e.endsAt !== null && e.endsAt < new Date())
        .map((e) => e.title)
        .sort(),
    ).toEqual([PAST_BASE_COURSE_TITLE, CLOSABLE_WEBINAR_TITLE].sort());
    const pastCourse = await prisma.event.findFirstOrThrow({
      where: { title: PAST_BASE_COURSE_TITLE },
      select: {
        editions: {
          select: {
            seatsTaken: true,
            _count: { select: { enrolments: true } },
            sessions: { where: { required: true }, select: { delivery: true } },
          },
        },
      },
    });
    expect(pastCourse.editions).toEqual([
      { seatsTaken: 31, _count: { enrolments: 31 }, sessions: [{ delivery: "asincrona" }] },
    ]);
    expect(
      await prisma.attendanceRecord.count({
        where: { session: { edition: { event: { title: PAST_BASE_COURSE_TITLE } } } },
      }),
    ).toBe(31 * 3);
    const webinar = await prisma.edition.findFirstOrThrow({
      where: { event: { title: CLOSABLE_WEBINAR_TITLE } },
      select: {
        attendanceClosedAt: true,
        seatsTaken: true,
        sessions: { select: { minutes: true } },
        event: { select: { trainers: { select: { userId: true } } } },
        enrolments: {
          select: { user: { select: { email: true } }, attendance: { select: { status: true, source: true } } },
        },
      },
    });
    expect(webinar.attendanceClosedAt).toBeNull();
    expect(webinar.sessions).toEqual([{ minutes: 90 }, { minutes: 90 }]);
    expect(webinar.event.trainers).toEqual([{ userId: byEmail["formatore@forma.test"]!.id }]);
    expect(webinar.seatsTaken).toBe(13);
    expect(webinar.enrolments.map((e) => e.user.email).sort()).toEqual(
      ["docente@forma.test", ...Array.from({ length: 12 }, (_, i) => `corsista${i + 13}@forma.test`)].sort(),
    );
    expect(webinar.enrolments.flatMap((e) => e.attendance)).toEqual(
      Array.from({ length: 26 }, () => ({ status: "presente", source: "registro" })),
    );

    const course = await prisma.event.findFirstOrThrow({
      where: { title: "Corso di base eTwinning", createdById: byEmail["admin@forma.test"]!.id },
      select: {
        certifiedMinutes: true,
        type: true,
        mode: true,
        editions: { select: { seatCap: true } },
        trainers: { select: { userId: true } },
      },
    });
    expect(course).toMatchObject({ certifiedMinutes: 25 * 60, type: "corso-online-base", mode: "online" });
    expect(course.editions).toEqual([{ seatCap: 350 }, { seatCap: 350 }]);
    expect(course.trainers).toEqual([{ userId: byEmail["formatore@forma.test"]!.id }]);
  });
});

describe("demo seed: the README's demo", () => {
  it("has a demo teacher who may enrol in the blended seminar in Campania (secondary schools)", async () => {
    await seed();
    const teacher = await prisma.user.findUniqueOrThrow({
      where: { email: "docente3@forma.test" },
      select: { id: true, regionCode: true, schoolLevel: true, professionalRole: true },
    });
    const event = await prisma.event.findFirstOrThrow({
      where: { title: "Cittadinanza digitale e progetti eTwinning", mode: "blended", regionCode: "campania" },
      select: {
        status: true,
        level: true,
        regionCode: true,
        openToAllRegions: true,
        schoolLevels: { select: { schoolLevel: true } },
        audienceRoles: { select: { role: true } },
        editions: {
          select: {
            status: true,
            enrolmentOpensAt: true,
            enrolmentClosesAt: true,
            sessions: { select: { endsAt: true }, orderBy: { endsAt: "desc" }, take: 1 },
          },
        },
      },
    });
    const audience = {
      ...event,
      schoolLevels: event.schoolLevels.map((s) => s.schoolLevel),
      audienceRoles: event.audienceRoles.map((r) => r.role),
    };
    const { sessions, ...first } = event.editions[0]!;
    const edition = { ...first, lastSessionEndsAt: sessions[0]?.endsAt ?? null };
    expect(checkEligibility(teacher, audience, edition, new Date())).toEqual({ ok: true });
    expect(await verifyLogin("docente3@forma.test", DEMO_PASSWORD)).toEqual({ id: teacher.id });
  });

  it("a re-seed that resets the demo profiles leaves them no profile period (ADR 0093), and nobody else's", async () => {
    await seed();
    const demo = await prisma.user.findUniqueOrThrow({ where: { email: "docente@forma.test" } });
    const other = await createUser({ regionCode: "lazio" });
    // A demo that changed Maria Rossi's region (the profile's one writer keeps the previous values as a period).
    await updateProfile(demo.id, {
      firstName: demo.firstName,
      lastName: demo.lastName,
      schoolName: demo.schoolName ?? undefined,
      schoolCode: demo.schoolCode ?? undefined,
      schoolLevel: demo.schoolLevel,
      regionCode: "lazio",
      professionalRole: demo.professionalRole,
      locale: demo.locale,
      emailReminders: demo.emailReminders,
    } as Parameters<typeof updateProfile>[1]);
    await prisma.userProfilePeriod.create({
      data: {
        userId: other.id,
        regionCode: "umbria",
        schoolLevel: "primaria",
        professionalRole: "docente",
        validUntil: new Date(),
      },
    });
    expect(await prisma.userProfilePeriod.count({ where: { userId: demo.id } })).toBeGreaterThan(0);
    await seed();
    expect(await prisma.user.findUniqueOrThrow({ where: { id: demo.id }, select: { regionCode: true } })).toEqual({
      regionCode: "toscana",
    });
    expect(await prisma.userProfilePeriod.count({ where: { user: { email: { endsWith: "@forma.test" } } } })).toBe(0);
    expect(await prisma.userProfilePeriod.count({ where: { userId: other.id } })).toBe(1);
  });
});

describe("demo seed: run again after trying the demo", () => {
  it("an account closed on the demo is not an account in use, and the next seed makes the demo account anew", async () => {
    await seed();
    const docente = await prisma.user.findUniqueOrThrow({ where: { email: "docente@forma.test" } });
    const inUse = await accountsInUse(prisma);
    expect(await closeAccount(docente.id, docente.id)).toMatchObject({ ok: true });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: docente.id }, select: { email: true } })).toEqual({
      email: `chiuso-${docente.id}@forma.invalid`,
    });
    expect(await accountsInUse(prisma)).toBe(inUse);
    await seed();
    const anew = await prisma.user.findUniqueOrThrow({ where: { email: "docente@forma.test" } });
    expect(anew.id).not.toBe(docente.id);
    expect(await verifyLogin("docente@forma.test", DEMO_PASSWORD)).toEqual({ id: anew.id });
  });

  describe("on a database of its own", () => {
    let url: string;
    let db: Db;
    beforeAll(async () => {
      url = await workerDatabase(`${process.env.VITEST_POOL_ID ?? "1"}_seed${Date.now().toString(36)}`);
      db = createPrismaClient(resolveDatabaseTarget(url));
    });
    afterAll(() => db.$disconnect());

    const demoData = new Date("2026-11-02T09:00:00Z");
    const account = (email: string, createdAt: Date, more: { id?: string; closedAt?: Date } = {}) =>
      db.user.create({
        data: {
          email,
          firstName: "Maria",
          lastName: "Rossi",
          schoolLevel: "primaria",
          regionCode: "toscana",
          professionalRole: "docente",
          createdAt,
          ...more,
        },
      });
    /** `npm run demo`'s seed step (package.json), on this database. */
    const demoSeedStep = () =>
      spawnSync(path.join(root, "node_modules/.bin/tsx"), ["prisma/seed.ts", "--demo"], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url, FORMA_SEED_ANYWAY: "" },
        encoding: "utf8",
      });

    it("npm run demo after a closure or a sign-up on the demo: the seed steps aside and the server starts; on a database in use before the demo it stops", async () => {
      const later = (hours: number) => new Date(demoData.getTime() + hours * 3_600_000);
      expect(await demoRunRefusal({}, db)).toBeNull();
      await account("admin@forma.test", demoData);
      await account("docente@forma.test", demoData);
      // What trying the demo leaves: a demo account closed from its profile, and the scale data's accounts.
      await account("chiuso-cdemo01@forma.invalid", later(1), { id: "cdemo01", closedAt: later(1) });
      await account("unita.nazionale.s7@forma-scala.example.it", later(1));
      await account("maria.rossi.0@scuola.example.it", later(1), { id: "s7u0" });
      expect(await demoSeedRefusal({}, db)).toBeNull();

      // A sign-up on the demo is a person's account: the demo data is not loaded over it, and the server starts.
      await account("me@example.com", later(2));
      expect(await demoSeedRefusal({}, db)).toMatch(/^Dati dimostrativi non caricati: il database ha 1 account veri/);
      expect(await demoRunRefusal({}, db)).toMatchObject({ start: true });
      const started = demoSeedStep();
      expect(started.stderr).toMatch(/il server parte con i dati di prima/);
      expect(started.status).toBe(0);
      expect(await db.user.count({ where: { email: { endsWith: "@forma.test" } } })).toBe(2);

      // An account older than the demo data: a database in use before it, where npm run demo stops.
      await account("dirigente@scuola.example.it", new Date(demoData.getTime() - 86_400_000));
      expect(await demoRunRefusal({}, db)).toMatchObject({ start: false });
      const stopped = demoSeedStep();
      expect(stopped.stderr).toMatch(/Dati dimostrativi non caricati: il database ha 2 account veri/);
      expect(stopped.status).toBe(1);
      expect(await demoRunRefusal(ANYWAY, db)).toBeNull();
    });
  });
});

describe("scale data", () => {
  // The generator ends with ANALYZE, as a real database wants. Its statistics, of this worker's small and
  // lopsided data, would then steer the SQLite plans that later files in the same worker assert
  // (catalogue-shapes.test.ts saw "SCAN k" instead of its index when it ran after this file): drop them, so a
  // file's plans never depend on which files ran before it, and write the migrations' one estimate again (ADR 0113).
  afterAll(() => {
    if (databaseEngine === "sqlite") productionStatistics();
  });

  it("writes what it was asked for, consistently, and refuses to run twice with one seed", async () => {
    const options = parseOptions([
      "--seed",
      "9001",
      "--teachers",
      "300",
      "--events",
      "60",
      "--from",
      "2030-09-01",
      "--chunk",
      "100",
    ]);
    const result = await generateScaleData(options, prisma, ANYWAY);
    expect(result.counts.Event).toBe(60);
    expect(result.counts.User).toBe(300 + 1 + 21 + 60);
    expect(result.counts.Password).toBe(result.counts.User);
    expect(Object.values(result.byStatus).reduce((a, b) => a + b, 0)).toBe(60);
    expect(await prisma.event.count({ where: { id: { startsWith: "s9001e" } } })).toBe(60);
    const regions = await prisma.user.groupBy({ by: ["regionCode"], where: { id: { startsWith: "s9001u" } } });
    expect(regions.length).toBeGreaterThan(10);
    await expectConsistentEvents({ id: { startsWith: "s9001e" } });
    await expect(generateScaleData(options, prisma, ANYWAY)).rejects.toThrow(/già i dati di scala/);
  });

  it("refuses a database in use: its national unit, referents and trainers have a published password", async () => {
    await createUser({ email: "real@school.it" });
    const options = parseOptions(["--seed", "9003", "--teachers", "1", "--events", "1", "--from", "2030-09-01"]);
    await expect(generateScaleData(options, prisma, {})).rejects.toThrow(
      /^Dati di scala non caricati: il database ha \d+ account veri, .*\(Forma2026!\), fra cui l'Unità nazionale\. FORMA_SEED_ANYWAY=1 .* the database is in use$/,
    );
    expect(await prisma.user.count({ where: { id: { startsWith: "s9003" } } })).toBe(0);
  });

  it("makes the Corso di base the national unit's 25-hour course, as the demo has it", async () => {
    await generateScaleData(
      parseOptions(["--seed", "9004", "--teachers", "10", "--events", "80", "--from", "2030-09-01"]),
      prisma,
      ANYWAY,
    );
    const courses = await prisma.event.findMany({
      where: { id: { startsWith: "s9004e" }, type: "corso-online-base" },
      select: {
        level: true,
        regionCode: true,
        openToAllRegions: true,
        certifiedMinutes: true,
        createdById: true,
        editions: { select: { seatCap: true, sessions: { select: { delivery: true, minutes: true } } } },
      },
    });
    expect(courses.length).toBeGreaterThan(0);
    for (const course of courses) {
      expect(course).toMatchObject({
        level: "nazionale",
        regionCode: null,
        openToAllRegions: false,
        certifiedMinutes: 25 * 60,
        createdById: "s9004u_nu",
      });
      for (const edition of course.editions) {
        expect(edition.seatCap).toBe(350);
        // Five 2-hour webinars and three asynchronous units of 300 minutes.
        expect(edition.sessions.map((s) => `${s.delivery} ${s.minutes}`).sort()).toEqual([
          ...Array.from({ length: 3 }, () => "asincrona 300"),
          ...Array.from({ length: 5 }, () => "sincrona 120"),
        ]);
      }
    }
  });

  it("with --activity also writes enrolments, registers, certificates and answers that agree", async () => {
    const result = await generateScaleData(
      parseOptions(["--seed", "9002", "--teachers", "300", "--events", "60", "--from", "2030-09-01", "--activity"]),
      prisma,
      ANYWAY,
    );
    expect(result.counts.Enrolment).toBeGreaterThan(100);
    expect(result.counts.AttendanceRecord).toBeGreaterThan(0);
    expect(result.counts.Certificate).toBeGreaterThan(0);
    expect(result.counts.QuestionnaireResponse).toBeGreaterThan(0);
    // Every certificate belongs to an enrolled participant, present in a closed register.
    const certificates = await prisma.certificate.findMany({
      where: { id: { startsWith: "s9002n" } },
      select: { enrolment: { select: { status: true, edition: { select: { attendanceClosedAt: true } } } } },
    });
    expect(certificates).toHaveLength(result.counts.Certificate!);
    for (const c of certificates) {
      expect(c.enrolment.status).toBe("iscritto");
      expect(c.enrolment.edition.attendanceClosedAt).not.toBeNull();
    }
  });

  it("rejects malformed options", () => {
    expect(() => parseOptions(["--teachers", "molti"])).toThrow(/--teachers/);
    expect(() => parseOptions(["--from", "01/09/2026"])).toThrow(/--from/);
  });
});
