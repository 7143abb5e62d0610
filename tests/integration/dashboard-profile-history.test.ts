// The dashboard counts each place under the region, school level and role its teacher had when the
// place was created (ADR 0093), not under today's profile: a teacher who moves from Toscana to
// Lombardia leaves last year's Toscana figures where they were. Summary and live count, national
// and referents' views, CSV; on the real database (SQLite or PostgreSQL, DATABASE_URL).
//
// School years far from other tests' data (2061/62 to 2064/65):
// - T1..T5: Toscana, primaria, docente. 2061/62: a Toscana regional webinar (place made 20/09/2061)
//   and a national webinar (21/09/2061). On 01/07/2062 they move to Lombardia. 2062/63: a Lombardia
//   regional webinar (10/09/2062). On 01/07/2063 they become secondaria di I grado, dirigente.
//   2063/64: the national webinar (10/09/2063).
// - C: Toscana, primaria, docente, never changes: the 2061/62 national webinar.
// - M: Toscana; 2064/65 national webinar on 05/09/2064, moves to Lombardia on 01/10/2064, a second
//   national webinar on 10/10/2064: counted once under each profile of that year.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DASHBOARD_DIMENSIONS, type DashboardFilters } from "../../app/domain/dashboard.ts";
import { translator } from "../../app/i18n/i18n.tsx";
import { updateProfile } from "../../app/models/account.server.ts";
import {
  clearDashboardCache,
  dashboardCounts,
  liveDashboardCounts,
  type DashboardScope,
} from "../../app/models/dashboard.server.ts";
import { rebuildDashboardSummary } from "../../app/models/dashboard-summary.server.ts";
import * as csvRoute from "../../app/routes/cruscotto[.]csv.tsx";
import { parseRomeDateTime } from "../../app/utils/dates.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createDashboardEdition } from "../support/dashboard-fixture.ts";
import { createUser, unique } from "../support/factories.ts";
import { callRoute, cookieOf, routeRequest, type Handler } from "../support/routes.ts";

const Y = 2061;
type Teacher = Awaited<ReturnType<typeof createUser>>;
const national: DashboardScope = { kind: "national" };
const toscana: DashboardScope = { kind: "region", regionCode: "toscana" };
const lombardia: DashboardScope = { kind: "region", regionCode: "lombardia" };
const at = (day: string) => parseRomeDateTime(`${day}T10:00`)!;

let organiser: Teacher;
const movers: Teacher[] = [];

async function edition(day: string, level: string, regionCode: string | null) {
  const { event, edition } = await createDashboardEdition({
    organiserId: organiser.id,
    day,
    type: "webinar",
    level,
    regionCode,
    openToAllRegions: false,
    cap: 40,
    taken: 0,
    closed: false,
    title: `Storico ${unique("")}`,
  });
  return { eventId: event.id, editionId: edition.id };
}

async function enrolAt(e: { eventId: string; editionId: string }, user: Teacher, createdAt: Date) {
  await prisma.enrolment.create({
    data: {
      editionId: e.editionId,
      eventId: e.eventId,
      userId: user.id,
      status: "iscritto",
      activeKey: `${e.eventId}:${user.id}`,
      createdAt,
    },
  });
}

async function changeProfile(user: Teacher, fields: Record<string, string>, when: Date) {
  const current = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
  await updateProfile(
    user.id,
    {
      firstName: current.firstName,
      lastName: current.lastName,
      schoolLevel: current.schoolLevel,
      regionCode: current.regionCode,
      professionalRole: current.professionalRole,
      locale: current.locale,
      emailReminders: current.emailReminders,
      ...fields,
    } as Parameters<typeof updateProfile>[1],
    user.id,
    when,
  );
}

beforeAll(async () => {
  organiser = await createUser({ roles: [{ role: "unita-nazionale" }] });
  for (let i = 0; i < 5; i++) movers.push(await createUser({ regionCode: "toscana" }));
  const constant = await createUser({ regionCode: "toscana" });
  const midYear = await createUser({ regionCode: "toscana" });

  const toscanaWebinar = await edition(`${Y}-10-15`, "regionale", "toscana");
  const nationalWebinar = await edition(`${Y}-11-15`, "nazionale", null);
  const lombardiaWebinar = await edition(`${Y + 1}-10-15`, "regionale", "lombardia");
  const laterNational = await edition(`${Y + 2}-10-15`, "nazionale", null);
  for (const t of movers) {
    await enrolAt(toscanaWebinar, t, at(`${Y}-09-20`));
    await enrolAt(nationalWebinar, t, at(`${Y}-09-21`));
  }
  await enrolAt(nationalWebinar, constant, at(`${Y}-09-22`));
  for (const t of movers) await changeProfile(t, { regionCode: "lombardia" }, at(`${Y + 1}-07-01`));
  for (const t of movers) await enrolAt(lombardiaWebinar, t, at(`${Y + 1}-09-10`));
  for (const t of movers) {
    await changeProfile(
      t,
      { schoolLevel: "secondaria-primo-grado", professionalRole: "dirigente" },
      at(`${Y + 2}-07-01`),
    );
  }
  for (const t of movers) await enrolAt(laterNational, t, at(`${Y + 2}-09-10`));

  const first = await edition(`${Y + 3}-10-20`, "nazionale", null);
  const second = await edition(`${Y + 3}-11-20`, "nazionale", null);
  await enrolAt(first, midYear, at(`${Y + 3}-09-05`));
  await changeProfile(midYear, { regionCode: "lombardia" }, at(`${Y + 3}-10-01`));
  await enrolAt(second, midYear, at(`${Y + 3}-10-10`));

  expect(await rebuildDashboardSummary()).toMatchObject({ generation: expect.any(Number) });
  clearDashboardCache();
});

afterAll(async () => {
  await prisma.$disconnect();
});

const filters = (year: number, extra: Partial<DashboardFilters> = {}): DashboardFilters => ({
  year,
  by: "region",
  ...extra,
});
const groups = (counts: Awaited<ReturnType<typeof dashboardCounts>>) =>
  Object.fromEntries(
    counts.breakdown.map((g) => [g.key, { teachers: g.counts.teachers, enrolled: g.counts.enrolled }]),
  );

describe("dashboard attribution by the profile at the time of the place (ADR 0093)", () => {
  for (const [source, read] of [
    ["summary", dashboardCounts],
    ["live count", liveDashboardCounts],
  ] as const) {
    it(`${source}: last year's places stay in Toscana, this year's go to Lombardia`, async () => {
      // 2061/62: every place in Toscana, as the teachers were then (the constant teacher as before).
      expect(groups(await read(national, filters(Y)))).toEqual({ toscana: { teachers: 6, enrolled: 11 } });
      expect((await read(toscana, filters(Y))).totals).toMatchObject({ teachers: 6, enrolled: 11 });
      expect((await read(lombardia, filters(Y))).totals).toMatchObject({ teachers: 0, enrolled: 0 });
      expect((await read(national, filters(Y, { region: "toscana" }))).totals).toMatchObject({ enrolled: 11 });
      // 2062/63: after the move.
      expect(groups(await read(national, filters(Y + 1)))).toEqual({ lombardia: { teachers: 5, enrolled: 5 } });
      expect((await read(lombardia, filters(Y + 1))).totals).toMatchObject({ teachers: 5, enrolled: 5 });
      expect((await read(toscana, filters(Y + 1))).totals).toMatchObject({ teachers: 0, enrolled: 0 });
    });

    it(`${source}: school level and role as they were`, async () => {
      const level = (year: number) => read(national, filters(year, { by: "schoolLevel" })).then(groups);
      const role = (year: number) => read(national, filters(year, { by: "role" })).then(groups);
      expect(await level(Y)).toEqual({ primaria: { teachers: 6, enrolled: 11 } });
      expect(await level(Y + 1)).toEqual({ primaria: { teachers: 5, enrolled: 5 } });
      expect(await level(Y + 2)).toEqual({ "secondaria-primo-grado": { teachers: 5, enrolled: 5 } });
      expect(await role(Y + 1)).toEqual({ docente: { teachers: 5, enrolled: 5 } });
      expect(await role(Y + 2)).toEqual({ dirigente: { teachers: 5, enrolled: 5 } });
      const filtered = await read(national, filters(Y, { schoolLevel: "secondaria-primo-grado" }));
      expect(filtered.totals).toMatchObject({ teachers: 0, enrolled: 0 });
    });

    it(`${source}: a change during the school year counts the teacher once under each profile`, async () => {
      const view = await read(national, filters(Y + 3));
      expect(groups(view)).toEqual({ toscana: { teachers: 1, enrolled: 1 }, lombardia: { teachers: 1, enrolled: 1 } });
      expect(view.totals).toMatchObject({ teachers: 2, enrolled: 2 });
      expect((await read(toscana, filters(Y + 3))).totals).toMatchObject({ teachers: 1, enrolled: 1 });
    });
  }

  it("the summary gives the live count's figures in every scope and breakdown of these years", async () => {
    for (const year of [Y, Y + 1, Y + 2, Y + 3]) {
      for (const scope of [national, toscana, lombardia]) {
        for (const by of DASHBOARD_DIMENSIONS) {
          const f = filters(year, { by });
          const { computedAt: _s, ...summary } = await dashboardCounts(scope, f);
          const { computedAt: _l, ...live } = await liveDashboardCounts(scope, f);
          expect(summary, `${year} ${JSON.stringify(scope)} ${by}`).toEqual(live);
        }
      }
    }
  });

  it("the page says which profile a place counts under", () => {
    expect(translator("it")("dashboard.definitions.text")).toContain("quelli del profilo al momento dell'iscrizione");
    expect(translator("en")("dashboard.definitions.text")).toContain("those the teacher had when they enrolled");
  });

  it("the CSV of a closed school year does not change when teachers move", async () => {
    const admin = await cookieOf((await createUser({ roles: [{ role: "unita-nazionale" }] })).id);
    const referent = await cookieOf(
      (await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] })).id,
    );
    const csv = async (cookie: string, query: string) => {
      const response = (await callRoute(
        csvRoute.loader as Handler,
        routeRequest(`http://localhost/cruscotto.csv?${query}`, { cookie }),
      )) as Response;
      expect(response.status).toBe(200);
      return (await response.text()).replace("\uFEFF", "").split("\r\n");
    };
    const regions = await csv(admin, `year=${Y}&table=regions`);
    expect(regions.find((l) => l.startsWith("Toscana;"))).toMatch(/^Toscana;6;11;/);
    expect(regions.find((l) => l.startsWith("Lombardia;"))).toMatch(/^Lombardia;0;0;/);
    const nextYear = await csv(admin, `year=${Y + 1}&table=regions`);
    expect(nextYear.find((l) => l.startsWith("Lombardia;"))).toMatch(/^Lombardia;5;5;/);
    expect(nextYear.find((l) => l.startsWith("Toscana;"))).toMatch(/^Toscana;0;0;/);
    const own = await csv(referent, `year=${Y}&table=totals`);
    // Line 0 names the view (the year and the filters), line 1 is the header.
    expect(own[2]).toMatch(/^Toscana;6;11;/);
  });
});
