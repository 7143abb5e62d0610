// The dashboard's figures (issue 16) against hand-computed values on a small fixture
// (tests/support/dashboard-fixture.ts), on the real database: SQLite or PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DASHBOARD_DIMENSIONS, crossingCells, figuresOf, type DashboardFilters } from "../../app/domain/dashboard.ts";
import {
  clearDashboardCache,
  dashboardCounts,
  liveDashboardCounts,
  type DashboardScope,
} from "../../app/models/dashboard.server.ts";
import {
  claimDashboardRebuild,
  dashboardSummaryState,
  rebuildDashboardSummary,
  refreshDashboardSummary,
  renewDashboardRebuild,
} from "../../app/models/dashboard-summary.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createDashboardFixture } from "../support/dashboard-fixture.ts";
import { createUser } from "../support/factories.ts";
import { bodyOf, callRoute, cookieOf, routeRequest, statusOf, type Handler } from "../support/routes.ts";
import * as pageRoute from "../../app/routes/cruscotto.tsx";
import * as csvRoute from "../../app/routes/cruscotto[.]csv.tsx";
import * as xlsxRoute from "../../app/routes/cruscotto[.]xlsx.tsx";
import ExcelJS from "exceljs";

let year = 0;
const filters = (extra: Partial<DashboardFilters> = {}): DashboardFilters => ({ year, by: "region", ...extra });
const S = "suppressed";
const W = "withheld";

beforeAll(async () => {
  ({ year } = await createDashboardFixture());
  // The dashboard reads the summary tables: built here by the background job's own function.
  expect(await rebuildDashboardSummary()).toMatchObject({ generation: expect.any(Number) });
  clearDashboardCache();
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("dashboard counts", () => {
  it("national totals match the hand count", async () => {
    const { totals } = await dashboardCounts({ kind: "national" }, filters());
    expect(totals).toEqual({
      teachers: 8,
      enrolled: 16,
      waitlisted: 2,
      assessed: 8,
      attended: 6,
      completed: 5,
      certifiedMinutes: 600,
      seats: { cap: 40, taken: 16 },
      satisfaction: { responses: 8, sum: 34 },
    });
    expect(figuresOf(totals)).toEqual({
      teachers: 8,
      enrolled: 16,
      fillRate: 40,
      waitlistPressure: S,
      // 75% beside no-shows "< 5" gave them back (25% of 8 places): withheld with them (ADR 0018, 07/12/2026).
      attendanceRate: W,
      noShowRate: S,
      completionRate: 62.5,
      hoursCertified: 10,
      satisfaction: 4.3,
    });
  });

  it("a referent sees their region's teachers in their own and national events, not another region's", async () => {
    const counts = await dashboardCounts({ kind: "region", regionCode: "molise" }, filters({ by: "schoolLevel" }));
    expect(counts.totals).toEqual({
      teachers: 6,
      enrolled: 11,
      waitlisted: 2,
      assessed: 6,
      attended: 5,
      completed: 4,
      certifiedMinutes: 480,
      seats: { cap: 20, taken: 5 },
      satisfaction: { responses: 3, sum: 13 },
    });
    expect(figuresOf(counts.totals)).toEqual({
      teachers: 6,
      enrolled: 11,
      fillRate: 25,
      waitlistPressure: S,
      attendanceRate: W,
      noShowRate: S,
      completionRate: S,
      hoursCertified: S,
      satisfaction: S,
    });
    expect(counts.regions).toBeNull();
    const byLevel = Object.fromEntries(counts.breakdown.map((g) => [g.key, g.counts]));
    expect(Object.keys(byLevel).sort()).toEqual(["primaria", "secondaria-primo-grado"]);
    expect(byLevel.primaria).toMatchObject({ teachers: 4, enrolled: 8, seats: null, satisfaction: null });
    expect(byLevel["secondaria-primo-grado"]).toMatchObject({ teachers: 2, enrolled: 3, waitlisted: 2 });
    // Groups of fewer than 5 teachers show no figure at all.
    for (const g of counts.breakdown) {
      const f = figuresOf(g.counts);
      expect(f.teachers).toBe(S);
      expect(f.enrolled).toBe(S);
      expect(f.attendanceRate).toBe(S);
    }
    // Lazio never appears in a Molise referent's counts.
    const lazio = await dashboardCounts({ kind: "region", regionCode: "lazio" }, filters());
    expect(lazio.totals).toMatchObject({ teachers: 2, enrolled: 4, waitlisted: 0 });
  });

  it("breaks down by region, event type and month", async () => {
    const byRegion = await dashboardCounts({ kind: "national" }, filters({ by: "region" }));
    const regions = Object.fromEntries(byRegion.breakdown.map((g) => [g.key, g.counts]));
    expect(regions.molise).toMatchObject({ teachers: 6, enrolled: 12, waitlisted: 2, seats: null });
    expect(regions.lazio).toMatchObject({ teachers: 2, enrolled: 4, waitlisted: 0 });
    expect(byRegion.regions).toEqual(byRegion.breakdown);

    const byType = await dashboardCounts({ kind: "national" }, filters({ by: "type" }));
    const types = Object.fromEntries(byType.breakdown.map((g) => [g.key, g.counts]));
    expect(types.webinar).toEqual({
      teachers: 8,
      enrolled: 8,
      waitlisted: 2,
      assessed: 8,
      attended: 6,
      completed: 5,
      certifiedMinutes: 600,
      seats: { cap: 10, taken: 8 },
      satisfaction: { responses: 5, sum: 21 },
    });
    expect(figuresOf(types.webinar!).satisfaction).toBe(4.2);
    expect(types.seminario).toMatchObject({ teachers: 5, enrolled: 5, seats: { cap: 20, taken: 5 } });
    expect(figuresOf(types.seminario!).satisfaction).toBe(S);
    expect(types.laboratorio).toMatchObject({ teachers: 3, enrolled: 3, seats: { cap: 10, taken: 3 } });
    expect(figuresOf(types.laboratorio!).fillRate).toBe(S);
    expect(byType.regions?.map((g) => g.key).sort()).toEqual(["lazio", "molise"]);

    const { months } = byType;
    expect(months.map((m) => m.key)[0]).toBe(`${year}-09`);
    expect(months.map((m) => m.counts.enrolled)).toEqual([0, 8, 3, 0, 5, 0, 0, 0, 0, 0, 0, 0]);
    expect(months[1]!.counts.seats).toEqual({ cap: 10, taken: 8 });

    // The cells its tables are unions of (ADR 0018, addendum (3)): places by region, month and type at once (each
    // holding places), seats by month and type (the draft's are not on offer).
    expect(byType.crossing.dims).toEqual(["region", "month", "type"]);
    const cell = (c: ReturnType<typeof crossingCells>[number]) =>
      `${c.keys.region} ${c.keys.month} ${c.keys.type}${c.placed ? "" : " (no place)"}`;
    expect(crossingCells(byType.crossing, "places").map(cell).sort()).toEqual([
      `lazio ${year}-10 webinar`,
      `lazio ${year}-11 laboratorio`,
      `molise ${year}-10 webinar`,
      `molise ${year}-11 laboratorio`,
      `molise ${year + 1}-01 seminario`,
    ]);
    expect(
      crossingCells(byType.crossing, "seats")
        .map((c) => `${c.keys.month} ${c.keys.type}`)
        .sort(),
    ).toEqual([`${year}-10 webinar`, `${year}-11 laboratorio`, `${year + 1}-01 seminario`]);
  });

  it("filters by region, school level and event level", async () => {
    const molise = await dashboardCounts({ kind: "national" }, filters({ region: "molise", by: "level" }));
    expect(molise.totals).toMatchObject({ teachers: 6, enrolled: 12, seats: { cap: 20, taken: 5 } });
    const primaria = await dashboardCounts({ kind: "national" }, filters({ schoolLevel: "primaria" }));
    // M1–M4 and the two Lazio teachers (primaria by default).
    expect(primaria.totals).toMatchObject({ teachers: 6, enrolled: 13, seats: null, satisfaction: null });
    const national = await dashboardCounts({ kind: "national" }, filters({ level: "nazionale" }));
    expect(national.totals).toMatchObject({ teachers: 8, enrolled: 8, seats: { cap: 10, taken: 8 } });
    const empty = await dashboardCounts({ kind: "national" }, filters({ year: year + 5 }));
    expect(empty.totals).toMatchObject({ teachers: 0, enrolled: 0, seats: null, satisfaction: null });
    expect(figuresOf(empty.totals).attendanceRate).toBeNull();
  });
});

describe("seats on offer", () => {
  it("leaves a draft event's seats out of the fill rate, in the summary and the live count", async () => {
    // The fixture's Molise draft seminar (cap 30, January) offers no seat yet: 5 of Molise's 20 seats are taken.
    const molise: DashboardScope = { kind: "region", regionCode: "molise" };
    for (const read of [dashboardCounts, liveDashboardCounts]) {
      const totals = (await read(molise, filters({ by: "type" }))).totals;
      expect(totals.seats).toEqual({ cap: 20, taken: 5 });
      expect(figuresOf(totals).fillRate).toBe(25);
      const byType = await read({ kind: "national" }, filters({ by: "type" }));
      expect(byType.breakdown.find((g) => g.key === "seminario")!.counts.seats).toEqual({ cap: 20, taken: 5 });
      expect(byType.totals.seats).toEqual({ cap: 40, taken: 16 });
      const january = byType.months[4]!;
      expect(january.key).toBe(`${year + 1}-01`);
      expect(january.counts.seats).toEqual({ cap: 20, taken: 5 });
    }
  });
});

describe("dashboard summary (ADR 0021)", () => {
  const scopes: DashboardScope[] = [
    { kind: "national" },
    { kind: "region", regionCode: "molise" },
    { kind: "region", regionCode: "lazio" },
  ];
  const narrowings: Partial<DashboardFilters>[] = [
    {},
    { region: "molise" },
    { region: "lazio" },
    { schoolLevel: "primaria" },
    { role: "docente" },
    { type: "webinar" },
    { type: "seminario", level: "regionale" },
    { level: "regionale" },
    { level: "nazionale" },
    { level: "europeo" },
    { region: "molise", schoolLevel: "secondaria-primo-grado", type: "webinar" },
  ];

  it("gives the live count's figures for every scope, filter and breakdown", async () => {
    const state = await dashboardSummaryState();
    let compared = 0;
    for (const scope of scopes) {
      for (const narrowing of narrowings) {
        for (const by of DASHBOARD_DIMENSIONS) {
          const f = filters({ ...narrowing, by });
          const summary = await dashboardCounts(scope, f);
          const live = await liveDashboardCounts(scope, f);
          // Read from the build, not counted live: the page tells the build's time.
          expect(summary.computedAt).toEqual(state!.builtAt);
          const { computedAt: _s, ...summaryFigures } = summary;
          const { computedAt: _l, ...liveFigures } = live;
          expect(summaryFigures, `${JSON.stringify(scope)} ${JSON.stringify(f)}`).toEqual(liveFigures);
          compared += 1;
        }
      }
    }
    expect(compared).toBe(scopes.length * narrowings.length * DASHBOARD_DIMENSIONS.length);
  });

  it("shows figures as of the last build: later changes appear after the next rebuild, which one instance does at a time", async () => {
    const later = year + 4;
    await createDashboardFixture(later);
    const before = await dashboardCounts({ kind: "national" }, filters({ year: later }));
    expect(before.totals).toMatchObject({ teachers: 0, enrolled: 0 });
    // Fresh: the job skips.
    expect(await refreshDashboardSummary(new Date(), 15 * 60_000)).toEqual({ skipped: "fresh" });
    // Another instance is rebuilding (it holds the lease): this one does not, and the figures stay.
    // (Two rebuilds started together here do not prove it: on a small database the first may end
    // before the second has a connection, and then the second rightly runs.)
    const holder = await prisma.dashboardSummary.update({
      where: { id: "cruscotto" },
      data: { lastGeneration: { increment: 1 }, leaseUntil: new Date(Date.now() + 30 * 60_000) },
    });
    expect(await rebuildDashboardSummary()).toEqual({ skipped: "busy" });
    expect(await refreshDashboardSummary(new Date(Date.now() + 20 * 60_000), 15 * 60_000)).toEqual({
      skipped: "busy",
    });
    expect((await dashboardCounts({ kind: "national" }, filters({ year: later }))).totals).toMatchObject({
      teachers: 0,
    });
    // That instance died: once its lease has run out, the next rebuild takes over.
    await prisma.dashboardSummary.update({
      where: { id: "cruscotto" },
      data: { leaseUntil: new Date(Date.now() - 1) },
    });
    const rebuilt = await rebuildDashboardSummary();
    expect(rebuilt).toMatchObject({ generation: holder.lastGeneration + 1 });
    // The dead instance, had it gone on, could no longer switch the dashboard to its build.
    expect(
      await prisma.dashboardSummary.count({ where: { id: "cruscotto", lastGeneration: holder.lastGeneration } }),
    ).toBe(0);
    const after = await dashboardCounts({ kind: "national" }, filters({ year: later }));
    expect(after.totals).toMatchObject({ teachers: 8, enrolled: 16, seats: { cap: 40, taken: 16 } });
    expect(after.computedAt.getTime()).toBeGreaterThan(before.computedAt.getTime());
    // The fixture's own year is unchanged by the rebuild.
    const own = await dashboardCounts({ kind: "national" }, filters());
    expect(own.totals).toMatchObject({ teachers: 8, enrolled: 16, waitlisted: 2 });
    // Old generations are removed: only the build read now and the one before it remain.
    const generations = await prisma.dashboardFact.groupBy({ by: ["generation"] });
    expect(generations.length).toBeLessThanOrEqual(2);
  });

  it("a rebuild cut short (its instance died, or the database went away and took the release with it) holds the lease minutes, not half an hour; a live one keeps it by renewing it", async () => {
    // An hour ago, so that every build below is older than the one the other tests read.
    const t0 = Date.now() - 60 * 60_000;
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);
    // A build took the lease at t0 and died there: it never renewed nor released it.
    const dead = await claimDashboardRebuild(at(0));
    expect(dead).not.toBeNull();
    // A minute on it may still be running: nobody else builds.
    expect(await rebuildDashboardSummary(at(1))).toEqual({ skipped: "busy" });
    // Six minutes on it is taken over (before, the lease lasted 30 minutes: figures up to ~45 minutes old).
    expect(await rebuildDashboardSummary(at(6))).toMatchObject({ generation: dead!.generation + 1 });

    // A live build renews its lease as it goes, so it is never taken over however long it runs…
    const live = (await claimDashboardRebuild(at(10)))!;
    expect(await renewDashboardRebuild(live.generation, at(14))).toBe(true);
    expect(await rebuildDashboardSummary(at(16))).toEqual({ skipped: "busy" });
    expect(await renewDashboardRebuild(live.generation, at(18))).toBe(true);
    expect(await rebuildDashboardSummary(at(22))).toEqual({ skipped: "busy" });
    // …unless it stalls longer than the lease: the next instance takes over, and the stalled build learns it
    // at its next step (the renewal fails), so it stops; it could not switch the dashboard either.
    expect(await rebuildDashboardSummary(at(24))).toMatchObject({ generation: live.generation + 1 });
    expect(await renewDashboardRebuild(live.generation, at(24))).toBe(false);
    const state = await prisma.dashboardSummary.findUniqueOrThrow({ where: { id: "cruscotto" } });
    expect(state).toMatchObject({ generation: live.generation + 1, builtAt: at(24), leaseUntil: null });

    // The figures the other tests read: a build of now.
    expect(await rebuildDashboardSummary()).toMatchObject({ generation: live.generation + 2 });
    clearDashboardCache();
  });
});

describe("dashboard routes", () => {
  const get = async (handler: Handler, cookie: string | undefined, query: string) =>
    callRoute(handler, routeRequest(`http://localhost/cruscotto?${query}`, { cookie }));

  it("are for organisers only, and a referent cannot ask for another region's figures", async () => {
    const teacher = await cookieOf((await createUser()).id);
    const referent = await cookieOf(
      (await createUser({ roles: [{ role: "referente-usr", regionCode: "molise" }] })).id,
    );
    expect(statusOf(await get(pageRoute.loader as Handler, undefined, ""))).toBe(302);
    expect(statusOf(await get(pageRoute.loader as Handler, teacher, ""))).toBe(403);
    expect(statusOf(await get(csvRoute.loader as Handler, teacher, "table=totals"))).toBe(403);
    for (const handler of [pageRoute.loader, csvRoute.loader, xlsxRoute.loader] as Handler[]) {
      expect(statusOf(await get(handler, referent, `year=${year}&region=lazio&table=totals`))).toBe(403);
    }
    const own = bodyOf<Awaited<ReturnType<typeof pageRoute.loader>>>(
      await get(pageRoute.loader as Handler, referent, `year=${year}&region=molise`),
    );
    expect(own.scope).toEqual({ kind: "region", regionCode: "molise" });
    expect(own.tables.regions).toBeUndefined();
    expect(own.tables.totals!.rows[0]!.figures).toMatchObject({ teachers: 6, enrolled: 11, completionRate: S });
    // The default breakdown of a referent is by school level (by region would be one row).
    expect(own.filters.by).toBe("schoolLevel");
    expect(own.ignored).toEqual([]);
    // A shared national link breaking down by region: the page says the breakdown was not applied
    // (it silently showed another one).
    const shared = bodyOf<Awaited<ReturnType<typeof pageRoute.loader>>>(
      await get(pageRoute.loader as Handler, referent, `year=${year}&region=molise&by=region`),
    );
    expect(shared.filters.by).toBe("schoolLevel");
    expect(shared.ignored).toEqual(["by"]);
    const sharedCsv = (await get(
      csvRoute.loader as Handler,
      referent,
      `year=${year}&by=region&table=breakdown`,
    )) as Response;
    expect(sharedCsv.headers.get("Content-Disposition")).toContain(`cruscotto-molise-${year}-per-ordine-di-scuola`);
    // Nothing but counts and labels leaves the server.
    expect(JSON.stringify(own)).not.toMatch(/Rossi|Maria|@/);
  });

  it("a referent of two regions chooses between their own, by default the first of them, and no other", async () => {
    // The dashboard showed whichever of the two regions the session's roles listed first, with no way to the other.
    type Page = Awaited<ReturnType<typeof pageRoute.loader>>;
    const referentOf = async (regions: string[]) =>
      cookieOf((await createUser({ roles: regions.map((regionCode) => ({ role: "referente-usr", regionCode })) })).id);
    const both = await referentOf(["molise", "lazio"]);
    // Whichever order the roles were granted (and are read) in, the same region comes first.
    for (const cookie of [both, await referentOf(["lazio", "molise"])]) {
      const first = bodyOf<Page>(await get(pageRoute.loader as Handler, cookie, `year=${year}`));
      expect(first.regionChoices).toEqual(["lazio", "molise"]);
      expect(first.scope).toEqual({ kind: "region", regionCode: "lazio" });
      expect(first.filters.region).toBe("lazio");
    }
    const chosen = bodyOf<Page>(await get(pageRoute.loader as Handler, both, `year=${year}&region=molise`));
    expect(chosen.scope).toEqual({ kind: "region", regionCode: "molise" });
    expect(chosen.tables.totals!.rows[0]!.figures).toMatchObject({ teachers: 6, enrolled: 11 });
    expect(chosen.regionChoices).toEqual(["lazio", "molise"]);
    // Another region stays refused, on the page and the downloads.
    for (const handler of [pageRoute.loader, csvRoute.loader, xlsxRoute.loader] as Handler[]) {
      expect(statusOf(await get(handler, both, `year=${year}&region=toscana&table=totals`))).toBe(403);
    }
    // One region, or the national unit (whose region filter lists every region): nothing to choose here.
    const one = await referentOf(["molise"]);
    expect(bodyOf<Page>(await get(pageRoute.loader as Handler, one, `year=${year}`)).regionChoices).toEqual([]);
  });

  it("the national unit gets every region's tile and downloads CSV and XLSX with small groups suppressed", async () => {
    const admin = await cookieOf((await createUser({ roles: [{ role: "unita-nazionale" }] })).id);
    const page = bodyOf<Awaited<ReturnType<typeof pageRoute.loader>>>(
      await get(pageRoute.loader as Handler, admin, `year=${year}&by=type`),
    );
    // The year filter offers the year shown (the fixture's is far from today), so the select shows it.
    expect(page.years).toContain(year);
    expect(page.years).toEqual([...page.years].sort((a, b) => b - a));
    expect(page.tables.regions!.rows).toHaveLength(21);
    const lazio = page.tables.regions!.rows.find((r) => r.key === "lazio")!;
    expect(lazio.figures.teachers).toBe(S);
    // No table of the page gives back a "< 5" as the total minus the groups it shows.
    for (const table of [page.tables.regions!, page.tables.breakdown!, page.tables.months!]) {
      for (const key of ["enrolled", "hoursCertified", "fillRate", "completionRate"] as const) {
        if (typeof page.tables.totals!.rows[0]!.figures[key] !== "number") continue;
        const hiddenRows = table.rows.filter((r) => r.figures[key] === S || r.figures[key] === W);
        expect(hiddenRows.length, `${table.id} ${key}`).not.toBe(1);
      }
    }
    const regionTeachers = page.tables.regions!.rows.filter(
      (r) => r.figures.teachers === S || r.figures.teachers === W,
    );
    expect(regionTeachers.map((r) => r.key)).toEqual(["lazio", "molise"]);
    expect(page.tables.breakdown!.rows.map((r) => r.label)).toEqual(["Webinar", "Seminario", "Laboratorio"]);

    const csv = (await get(csvRoute.loader as Handler, admin, `year=${year}&table=regions`)) as Response;
    expect(csv.status).toBe(200);
    // Italian words only: it was named "cruscotto-nazionale-<year>-regions.csv" (and "-schoolLevel" by school level).
    expect(csv.headers.get("Content-Disposition")).toContain(`cruscotto-nazionale-${year}-regioni.csv`);
    const byType = (await get(csvRoute.loader as Handler, admin, `year=${year}&table=breakdown&by=type`)) as Response;
    expect(byType.headers.get("Content-Disposition")).toContain(`cruscotto-nazionale-${year}-per-tipologia.csv`);
    // Named in the file's language, as its headers are.
    const english = (await get(csvRoute.loader as Handler, admin, `year=${year}&table=regions&lang=en`)) as Response;
    expect(english.headers.get("Content-Disposition")).toContain(`dashboard-national-${year}-regions.csv`);
    const lines = (await csv.text()).replace("\uFEFF", "").split("\r\n");
    // The first line says what the figures are of (here: unfiltered), the header line follows.
    expect(lines[0]).toBe(
      `Cruscotto di monitoraggio, anno scolastico ${year}/${String((year + 1) % 100).padStart(2, "0")} · Regione del personale docente: tutte`,
    );
    expect(lines[1]).toBe(
      "Regione;Personale docente raggiunto;Iscrizioni;Riempimento dei posti;Pressione lista d'attesa (per 100 posti assegnati);Frequenza;Mancate presenze;Completamento;Ore certificate;Soddisfazione media (1–5)",
    );
    expect(lines).toContain("Lazio;< 5;< 5;—;< 5;< 5;< 5;< 5;< 5;—");
    // Molise's 6 teachers and 12 places were the national 8 and 16 minus Lazio's "< 5": withheld, with the rates over
    // those places (the national total minus Molise gave Lazio's 2 teachers and 4 places back).
    expect(lines).toContain("Molise;riservato;riservato;—;< 5;riservato;< 5;< 5;< 5;—");
    // The English file: headers and labels in English, numbers in the file's own convention like the Italian one's
    // (the ";" is for Excel in Italian settings, where "83.3%" and "4.3" stayed text and "1,234" read as 1.234).
    const englishLines = (await english.text()).replace("\uFEFF", "").split("\r\n");
    expect(englishLines[0]).toMatch(/^Monitoring dashboard, school year \d{4}\/\d{2} · Teachers' region: all$/);
    expect(englishLines[1]).toMatch(/^Region;Teachers reached;Enrolments;Seats filled;/);
    expect(englishLines).toContain("Molise;withheld;withheld;—;< 5;withheld;< 5;< 5;< 5;—");

    // The totals' first column holds the scope, and its header says so with the school year.
    const totals = (await get(csvRoute.loader as Handler, admin, `year=${year}&table=totals`)) as Response;
    const totalLines = (await totals.text()).replace("\uFEFF", "").split("\r\n");
    expect(totalLines[1]!.split(";")[0]).toBe(
      `Ambito, anno scolastico ${year}/${String((year + 1) % 100).padStart(2, "0")}`,
    );
    expect(totalLines[2]).toBe("Tutte le regioni;8;16;40%;< 5;riservato;< 5;62,5%;10;4,3");
    const englishTotals = (await get(
      csvRoute.loader as Handler,
      admin,
      `year=${year}&table=totals&lang=en`,
    )) as Response;
    expect((await englishTotals.text()).replace("\uFEFF", "").split("\r\n")[2]).toBe(
      "All regions;8;16;40%;< 5;withheld;< 5;62,5%;10;4,3",
    );

    const xlsx = (await get(xlsxRoute.loader as Handler, admin, `year=${year}&table=totals`)) as Response;
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A1").value).toMatch(
      /^Cruscotto di monitoraggio, anno scolastico .* · Regione del personale docente: tutte$/,
    );
    expect(sheet.getCell("A2").value).toMatch(/^Ambito, anno scolastico /);
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      "Tutte le regioni",
      8,
      16,
      0.4,
      "< 5",
      "riservato",
      "< 5",
      0.625,
      10,
      4.3,
    ]);

    // Months are dates in the spreadsheet (sortable, named in the spreadsheet's language), figures numbers.
    for (const query of [`year=${year}&table=months`, `year=${year}&by=month&table=breakdown`]) {
      const months = (await get(xlsxRoute.loader as Handler, admin, query)) as Response;
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await months.arrayBuffer());
      const monthSheet = book.worksheets[0]!;
      expect(monthSheet.getCell("A2").value).toBe("Mese");
      expect(monthSheet.getCell("A3").value).toEqual(new Date(Date.UTC(year, 8, 1)));
      expect(monthSheet.getCell("A14").value).toEqual(new Date(Date.UTC(year + 1, 7, 1)));
      expect(monthSheet.getCell("A4").numFmt).toBe("mmm yyyy");
      expect(monthSheet.getCell("C4").value).toBe(8);
    }

    // In the CSV a month is written as spreadsheets read one in any language ("set 26" was read as 26 September).
    const monthsCsv = (await get(csvRoute.loader as Handler, admin, `year=${year}&table=months`)) as Response;
    const monthLines = (await monthsCsv.text()).replace("\uFEFF", "").split("\r\n");
    expect(monthLines[2]!.split(";")[0]).toBe(`${year}-09`);
    expect(monthLines[13]!.split(";")[0]).toBe(`${year + 1}-08`);

    const unknown = (await get(csvRoute.loader as Handler, admin, `year=${year}&table=nomi`)) as Response;
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toBe("Tabella non valida: usa table=totals, breakdown, months, regions.");
    expect(statusOf(await get(csvRoute.loader as Handler, admin, "year=abc&table=totals"))).toBe(200);
  });

  it("the view narrowed to a region the national view withholds withholds it too: 8 − 6 gave Lazio's 2 back", async () => {
    const admin = await cookieOf((await createUser({ roles: [{ role: "unita-nazionale" }] })).id);
    const view = async (query: string) =>
      bodyOf<Awaited<ReturnType<typeof pageRoute.loader>>>(
        await get(pageRoute.loader as Handler, admin, `year=${year}&${query}`),
      );
    const national = await view("by=type");
    expect(national.tables.totals!.rows[0]!.figures).toMatchObject({ teachers: 8, enrolled: 16 });
    const molise = national.tables.regions!.rows.find((r) => r.key === "molise")!;
    expect(molise.figures).toMatchObject({ teachers: W, enrolled: W });

    // Narrowed to Molise: its own counts are 6 teachers and 12 places, withheld as nationally, in every table.
    const narrowed = await view("region=molise&by=schoolLevel");
    expect(narrowed.tables.totals!.rows[0]!.figures).toMatchObject({ teachers: W, enrolled: W });
    for (const table of [narrowed.tables.breakdown!, narrowed.tables.months!, narrowed.tables.regions!])
      for (const row of table.rows) {
        expect(typeof row.figures.teachers, `${table.id} ${row.key}`).not.toBe("number");
        expect(typeof row.figures.enrolled, `${table.id} ${row.key}`).not.toBe("number");
      }
    // Narrowed to the webinars (shown nationally), Molise's row stays withheld: the rows of every event type
    // added up to Molise's places.
    const webinars = await view("type=webinar&by=level");
    expect(webinars.tables.totals!.rows[0]!.figures.enrolled).toBe(8);
    const moliseWebinars = webinars.tables.regions!.rows.find((r) => r.key === "molise")!;
    expect(typeof moliseWebinars.figures.enrolled).not.toBe("number");

    // The downloads read the same figures.
    const csv = (await get(csvRoute.loader as Handler, admin, `year=${year}&region=molise&table=totals`)) as Response;
    const line = (await csv.text()).replace("\uFEFF", "").split("\r\n")[2]!;
    expect(line.split(";").slice(0, 3)).toEqual(["Molise", "riservato", "riservato"]);
    const xlsx = (await get(xlsxRoute.loader as Handler, admin, `year=${year}&region=molise&table=totals`)) as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const row = workbook.worksheets[0]!.getRow(3).values as unknown[];
    expect(row.slice(1, 4)).toEqual(["Molise", "riservato", "riservato"]);
  });

  it("a national download narrowed to a region and a school level says so in its name, its first line and its scope", async () => {
    // It was "cruscotto-nazionale-<year>-totali.csv" with a row "Tutte le regioni;…" holding Molise's primary figures.
    const admin = await cookieOf((await createUser({ roles: [{ role: "unita-nazionale" }] })).id);
    const query = `year=${year}&region=molise&schoolLevel=primaria&table=totals`;
    const page = bodyOf<Awaited<ReturnType<typeof pageRoute.loader>>>(
      await get(pageRoute.loader as Handler, admin, query),
    );
    expect(page.scope).toEqual({ kind: "national" });
    expect(page.tables.totals!.rows[0]!.label).toBe("Molise");
    const yearLabel = `${year}/${String((year + 1) % 100).padStart(2, "0")}`;

    const csv = (await get(csvRoute.loader as Handler, admin, query)) as Response;
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Disposition")).toContain(`filename="cruscotto-molise-${year}-totali-primaria.csv"`);
    const lines = (await csv.text()).replace("\uFEFF", "").split("\r\n");
    expect(lines[0]).toBe(
      `Cruscotto di monitoraggio, anno scolastico ${yearLabel} · Regione del personale docente: Molise · Ordine di scuola: Scuola primaria`,
    );
    expect(lines[1]).toMatch(/^Ambito, anno scolastico /);
    expect(lines[2]).toMatch(/^Molise;/);

    // Every filter, in the file's language; the codes in its name.
    const english = (await get(
      csvRoute.loader as Handler,
      admin,
      `year=${year}&region=molise&schoolLevel=primaria&role=docente&type=webinar&level=nazionale&table=breakdown&by=type&lang=en`,
    )) as Response;
    expect(english.headers.get("Content-Disposition")).toContain(
      `filename="dashboard-molise-${year}-type-primaria-docente-webinar-nazionale.csv"`,
    );
    expect((await english.text()).replace("\uFEFF", "").split("\r\n")[0]).toBe(
      `Monitoring dashboard, school year ${yearLabel} · Teachers' region: Molise · School level: Primary school · Role: Teacher · Event type: Webinar · Event level: National`,
    );

    const xlsx = (await get(xlsxRoute.loader as Handler, admin, query)) as Response;
    expect(xlsx.headers.get("Content-Disposition")).toContain(
      `filename="cruscotto-molise-${year}-totali-primaria.xlsx"`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe(lines[0]);
    expect(sheet.getCell("A3").value).toBe("Molise");
  });
});
