// The demo seed and the scale-data generator against a real database: idempotence, certified
// hours that match the sessions, derived columns, the demo accounts' password.
import { afterAll, describe, expect, it } from "vitest";
import { checkEligibility } from "../../app/domain/enrolment.ts";
import { deriveEventFields } from "../../app/domain/event-derived-fields.ts";
import { updateProfile } from "../../app/models/account.server.ts";
import { verifyLogin } from "../../app/utils/auth.server.ts";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import { DEMO_PASSWORD, demoSeedRefusal, seed } from "../../prisma/seed.ts";
import { CLOSABLE_WEBINAR_TITLE, PAST_BASE_COURSE_TITLE } from "../../prisma/seed-data/demo-events.ts";
import { generateScaleData, parseOptions } from "../../scripts/generate-scale-data.ts";
import { createUser } from "../support/factories.ts";

afterAll(() => prisma.$disconnect());

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
      editions: { select: { number: true, sessions: { select: { startsAt: true, endsAt: true, minutes: true } } } },
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
    // and the finished webinar on digital safety, ready to close for the certificates' demo.
    expect(
      events
        .filter((e) => e.endsAt! < new Date())
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
        editions: { select: { status: true, enrolmentOpensAt: true, enrolmentClosesAt: true } },
      },
    });
    const audience = {
      ...event,
      schoolLevels: event.schoolLevels.map((s) => s.schoolLevel),
      audienceRoles: event.audienceRoles.map((r) => r.role),
    };
    expect(checkEligibility(teacher, audience, event.editions[0]!, new Date())).toEqual({ ok: true });
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

describe("scale data", () => {
  // The generator ends with ANALYZE, as a real database wants. Its statistics, of this worker's small and
  // lopsided data, would then steer the SQLite plans that later files in the same worker assert
  // (catalogue-shapes.test.ts saw "SCAN k" instead of its index when it ran after this file): drop them, so a
  // file's plans never depend on which files ran before it.
  afterAll(async () => {
    if (databaseEngine !== "sqlite") return;
    await prisma.$executeRawUnsafe("DROP TABLE IF EXISTS sqlite_stat1");
    await prisma.$executeRawUnsafe("DROP TABLE IF EXISTS sqlite_stat4");
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
    const result = await generateScaleData(options);
    expect(result.counts.Event).toBe(60);
    expect(result.counts.User).toBe(300 + 1 + 21 + 60);
    expect(result.counts.Password).toBe(result.counts.User);
    expect(Object.values(result.byStatus).reduce((a, b) => a + b, 0)).toBe(60);
    expect(await prisma.event.count({ where: { id: { startsWith: "s9001e" } } })).toBe(60);
    const regions = await prisma.user.groupBy({ by: ["regionCode"], where: { id: { startsWith: "s9001u" } } });
    expect(regions.length).toBeGreaterThan(10);
    await expectConsistentEvents({ id: { startsWith: "s9001e" } });
    await expect(generateScaleData(options)).rejects.toThrow(/già i dati di scala/);
  });

  it("with --activity also writes enrolments, registers, certificates and answers that agree", async () => {
    const result = await generateScaleData(
      parseOptions(["--seed", "9002", "--teachers", "300", "--events", "60", "--from", "2030-09-01", "--activity"]),
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
