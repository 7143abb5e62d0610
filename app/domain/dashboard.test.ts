import { describe, expect, it } from "vitest";
import {
  EMPTY_COUNTS,
  figuresOf,
  parseDashboardSearch,
  protectCount,
  protectedAverage,
  protectedPercent,
  schoolYearChoices,
  schoolYearLabel,
  schoolYearMonths,
  schoolYearOf,
  schoolYearRange,
  shownText,
  dashboardSearchString,
  editionSeatsCount,
  monthKeyDate,
} from "./dashboard.ts";

const NOW = new Date("2026-12-01T10:00:00Z");
const parse = (query: string) => parseDashboardSearch(new URLSearchParams(query), NOW);

describe("small-group suppression", () => {
  it("shows no count of 1 to 4 people, and shows 0 and 5 as they are", () => {
    expect(protectCount(0)).toBe(0);
    expect([1, 2, 3, 4].map(protectCount)).toEqual(["suppressed", "suppressed", "suppressed", "suppressed"]);
    expect(protectCount(5)).toBe(5);
    expect(protectCount(1234)).toBe(1234);
  });

  it("suppresses a share of a group under 5, or one that counts 1 to 4 people", () => {
    expect(protectedPercent(2, 4)).toBe("suppressed");
    expect(protectedPercent(0, 4)).toBe("suppressed");
    expect(protectedPercent(3, 100)).toBe("suppressed");
    expect(protectedPercent(5, 8)).toBe(62.5);
    expect(protectedPercent(0, 8)).toBe(0);
    expect(protectedPercent(2, 3 * 1)).toBe("suppressed");
    expect(protectedPercent(0, 0)).toBeNull();
    expect(protectedPercent(10, 30)).toBe(33.3);
  });

  it("suppresses an average of fewer than 5 answers", () => {
    expect(protectedAverage(18, 4)).toBe("suppressed");
    expect(protectedAverage(21, 5)).toBe(4.2);
    expect(protectedAverage(0, 0)).toBeNull();
  });

  it("shows no figure of a group of fewer than 5 teachers, except seats and questionnaires", () => {
    const f = figuresOf({
      ...EMPTY_COUNTS,
      teachers: 4,
      enrolled: 40,
      assessed: 40,
      attended: 30,
      completed: 20,
      certifiedMinutes: 1200,
      seats: { cap: 100, taken: 50 },
      satisfaction: { responses: 10, sum: 42 },
    });
    expect(f.teachers).toBe("suppressed");
    expect(f.enrolled).toBe("suppressed");
    expect(f.attendanceRate).toBe("suppressed");
    expect(f.completionRate).toBe("suppressed");
    expect(f.hoursCertified).toBe("suppressed");
    expect(f.fillRate).toBe(50);
    expect(f.satisfaction).toBe(4.2);
  });

  it("computes every figure of a large enough group", () => {
    const f = figuresOf({
      teachers: 9,
      enrolled: 10,
      waitlisted: 5,
      assessed: 10,
      attended: 5,
      completed: 5,
      certifiedMinutes: 5 * 150 + 20,
      seats: { cap: 40, taken: 10 },
      satisfaction: { responses: 6, sum: 25 },
    });
    expect(f).toEqual({
      teachers: 9,
      enrolled: 10,
      fillRate: 25,
      waitlistPressure: 50,
      attendanceRate: 50,
      noShowRate: 50,
      completionRate: 50,
      hoursCertified: 12,
      satisfaction: 4.2,
    });
  });

  it("reads a suppressed figure as '< 5' and a missing one as a dash", () => {
    expect(shownText("suppressed", "it")).toBe("< 5");
    expect(shownText(null, "en")).toBe("—");
    expect(shownText(62.5, "it", { percent: true })).toBe("62,5%");
    expect(shownText(1234, "en")).toBe("1,234");
  });
});

describe("school years", () => {
  it("runs from 1 September to 31 August, Rome time", () => {
    expect(schoolYearOf(NOW)).toBe(2026);
    expect(schoolYearOf(new Date("2026-08-31T21:59:00Z"))).toBe(2025); // 23:59 in Rome, 31 August
    expect(schoolYearOf(new Date("2026-08-31T22:00:00Z"))).toBe(2026); // midnight in Rome, 1 September
    expect(schoolYearRange(2025)).toEqual({
      from: new Date("2025-08-31T22:00:00Z"),
      toExclusive: new Date("2026-08-31T22:00:00Z"),
    });
    expect(schoolYearLabel(2025)).toBe("2025/26");
    expect(schoolYearLabel(2099)).toBe("2099/00");
  });

  it("has twelve months from September, each starting at Rome midnight", () => {
    const months = schoolYearMonths(2025);
    expect(months.map((m) => m.key)).toEqual([
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
    ]);
    expect(months[4]!.from).toEqual(new Date("2025-12-31T23:00:00Z"));
  });
});

describe("parseDashboardSearch", () => {
  it("reads every filter and defaults to this school year by region", () => {
    expect(parse("")).toEqual({ filters: { year: 2026, by: "region" }, ignored: [] });
    const r = parse("year=2025&region=toscana&schoolLevel=primaria&role=dirigente&type=webinar&level=europeo&by=month");
    expect(r.ignored).toEqual([]);
    expect(r.filters).toEqual({
      year: 2025,
      region: "toscana",
      schoolLevel: "primaria",
      role: "dirigente",
      type: "webinar",
      level: "europeo",
      by: "month",
    });
    expect(parse(dashboardSearchString(r.filters)).filters).toEqual(r.filters);
  });

  it("drops and names invalid values, keeps the valid ones", () => {
    const r = parse("year=1999&region=atlantide&type=webinar&by=name&level=");
    expect(r.filters).toEqual({ year: 2026, by: "region", type: "webinar" });
    expect(r.ignored).toEqual(["year", "region", "by"]);
    expect(parse("year=2025.5&role=%00").ignored).toEqual(["year"]);
    for (const year of ["0x7E9", "2.025e3", "+2025", "02025"])
      expect(parse(`year=${encodeURIComponent(year)}`).ignored).toEqual(["year"]);
    expect(parse("year=2025").filters.year).toBe(2025);
  });
});

describe("editionSeatsCount", () => {
  const edition = { seatCap: 30, status: "attiva", eventStatus: "pubblicato" };
  it("counts the seats of capped editions of published or closed events", () => {
    expect(editionSeatsCount(edition)).toBe(true);
    expect(editionSeatsCount({ ...edition, status: "iscrizioni-chiuse", eventStatus: "chiuso" })).toBe(true);
  });
  it("leaves out uncapped and cancelled editions, and a draft's seats, which are not on offer", () => {
    expect(editionSeatsCount({ ...edition, seatCap: null })).toBe(false);
    expect(editionSeatsCount({ ...edition, status: "annullata" })).toBe(false);
    expect(editionSeatsCount({ ...edition, eventStatus: "bozza" })).toBe(false);
    expect(editionSeatsCount({ ...edition, eventStatus: "annullato" })).toBe(false);
  });
});

describe("schoolYearChoices", () => {
  it("offers next year and the five before it, newest first", () => {
    expect(schoolYearChoices(2026, 2026)).toEqual([2027, 2026, 2025, 2024, 2023, 2022]);
  });
  it("adds the year shown when the address asks for one outside them, in its place", () => {
    expect(schoolYearChoices(2026, 2020)).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2020]);
    expect(schoolYearChoices(2026, 2091)).toEqual([2091, 2027, 2026, 2025, 2024, 2023, 2022]);
  });
});

describe("monthKeyDate", () => {
  it("is the month's first day at UTC midnight, the day a spreadsheet shows", () => {
    expect(monthKeyDate("2026-09").toISOString()).toBe("2026-09-01T00:00:00.000Z");
    expect(monthKeyDate("2027-08").toISOString()).toBe("2027-08-01T00:00:00.000Z");
    expect(schoolYearMonths(2026).map((m) => monthKeyDate(m.key).getUTCMonth())).toEqual([
      8, 9, 10, 11, 0, 1, 2, 3, 4, 5, 6, 7,
    ]);
  });
});
