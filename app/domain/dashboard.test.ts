import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DASHBOARD_DIMENSIONS,
  EMPTY_COUNTS,
  FIGURE_KEYS,
  TEACHER_DIMENSIONS,
  complementarySuppression,
  figuresOf,
  hidden,
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
  type DashboardDimension,
  type FigureKey,
  type Figures,
  type GroupCounts,
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

// Complementary suppression (ADR 0018, addendum 07/12/2026): a table's groups add up to the totals' row, so a group
// hidden alone was the total minus the groups shown (the national teachers minus the regions shown, and so on).

/** The figures that add up over a breakdown by `by`: places, the people among them and seats; teachers by profile only. */
function additiveFigures(by: DashboardDimension): FigureKey[] {
  const keys: FigureKey[] = [
    "enrolled",
    "fillRate",
    "waitlistPressure",
    "attendanceRate",
    "noShowRate",
    "completionRate",
    "hoursCertified",
  ];
  return TEACHER_DIMENSIONS.includes(by) ? ["teachers", ...keys] : keys;
}

/** The counts of the totals' row: the sum of the groups' (they partition it). */
function sumOf(groups: { counts: GroupCounts }[]): GroupCounts {
  const total: GroupCounts = { ...EMPTY_COUNTS };
  for (const { counts: c } of groups) {
    total.teachers += c.teachers;
    total.enrolled += c.enrolled;
    total.waitlisted += c.waitlisted;
    total.assessed += c.assessed;
    total.attended += c.attended;
    total.completed += c.completed;
    total.certifiedMinutes += c.certifiedMinutes;
    if (c.seats)
      total.seats = { cap: (total.seats?.cap ?? 0) + c.seats.cap, taken: (total.seats?.taken ?? 0) + c.seats.taken };
    if (c.satisfaction)
      total.satisfaction = {
        responses: (total.satisfaction?.responses ?? 0) + c.satisfaction.responses,
        sum: (total.satisfaction?.sum ?? 0) + c.satisfaction.sum,
      };
  }
  return total;
}

/**
 * The figures someone could read back by subtraction: for each figure that adds up and whose total shows a number,
 * the group hidden alone. The total minus the groups shown is then that group's, exactly for counts of people.
 */
function recoverable(total: Figures, rows: Figures[], by: DashboardDimension, counts?: GroupCounts[]): string[] {
  return additiveFigures(by).flatMap((key) => {
    if (typeof total[key] !== "number") return [];
    // A "—" hides a count only where requests queued with no place to be a rate of ("—" elsewhere counts none).
    const conceals = (r: Figures, i: number) =>
      hidden(r[key]) || (key === "waitlistPressure" && r[key] === null && (counts?.[i]?.waitlisted ?? 0) > 0);
    const hiddenRows = rows.flatMap((r, i) => (conceals(r, i) ? [i] : []));
    return hiddenRows.length === 1 && hidden(rows[hiddenRows[0]!]![key]) ? [`${key} of group ${hiddenRows[0]}`] : [];
  });
}

/** A group of `teachers` teachers holding `enrolled` places, all in closed registers, nobody waiting. */
function group(
  key: string,
  teachers: number,
  enrolled: number,
  attended = enrolled,
): { key: string; counts: GroupCounts } {
  return {
    key,
    counts: {
      ...EMPTY_COUNTS,
      teachers,
      enrolled,
      assessed: enrolled,
      attended,
      completed: attended,
      certifiedMinutes: attended * 120,
    },
  };
}

describe("complementary suppression", () => {
  it("hides a second region beside one of fewer than 5 teachers, so the national total minus the others is not it", () => {
    // Lazio's 3 teachers read "< 5", but 8 + 20 + 3 = 31: the total minus Molise and Toscana gave them back.
    const regions = [group("lazio", 3, 4), group("molise", 8, 10), group("toscana", 20, 30)];
    const totalCounts = sumOf(regions);
    const total = figuresOf(totalCounts);
    expect(total.teachers).toBe(31);
    const before = regions.map((g) => figuresOf(g.counts));
    expect(recoverable(total, before, "region")).toContain("teachers of group 0");
    expect(31 - (before[1]!.teachers as number) - (before[2]!.teachers as number)).toBe(3);

    const after = complementarySuppression(regions, total, "region");
    expect(recoverable(total, after, "region")).toEqual([]);
    // Lazio as before; Molise, the smaller of the others, withheld (not "< 5": it is not small); Toscana shown.
    expect(after[0]).toEqual(before[0]);
    expect(after[1]).toMatchObject({ teachers: "withheld", enrolled: "withheld", attendanceRate: "withheld" });
    expect(after[2]).toEqual(before[2]);
    // The rates over Molise's hidden places go with them: 100% of a number of places would tell it.
    expect(after[1]!.noShowRate).toBe("withheld");
    expect(after[1]!.completionRate).toBe("withheld");
  });

  it("hides no second group when none is hidden, or two already are", () => {
    const none = [group("a", 8, 10), group("b", 20, 30)];
    expect(complementarySuppression(none, figuresOf(sumOf(none)), "region")).toEqual(
      none.map((g) => figuresOf(g.counts)),
    );
    const two = [group("a", 3, 4), group("b", 2, 2), group("c", 20, 30)];
    const after = complementarySuppression(two, figuresOf(sumOf(two)), "schoolLevel");
    expect(after[2]).toEqual(figuresOf(two[2]!.counts));
    expect(recoverable(figuresOf(sumOf(two)), after, "schoolLevel")).toEqual([]);
  });

  it("withholds the total's figure when no other group shows it: the total was then the hidden group's", () => {
    // One teacher holds the only places of closed registers (5, none attended): the others' attendance is "—".
    const groups = [group("a", 1, 5, 0), { key: "b", counts: { ...EMPTY_COUNTS, teachers: 6, enrolled: 6 } }];
    const total = figuresOf(sumOf(groups));
    expect(total.attendanceRate).toBe(0);
    const after = complementarySuppression(groups, total, "region");
    expect(after[0]!.attendanceRate).toBe("suppressed");
    expect(after[1]!.attendanceRate).toBeNull();
    expect(total).toMatchObject({ attendanceRate: "withheld", noShowRate: "withheld" });
    expect(recoverable(total, after, "region")).toEqual([]);
  });

  it("hides the months' places but not their teachers, who do not add up over months", () => {
    // One teacher in two months is one teacher in the total: a month's teachers cannot be subtracted out.
    const months = [group("2026-09", 3, 3), group("2026-10", 12, 14), group("2026-11", 25, 40)];
    const total = figuresOf({ ...sumOf(months), teachers: 30 });
    const after = complementarySuppression(months, total, "month");
    expect(recoverable(total, after, "month")).toEqual([]);
    expect(after[1]).toMatchObject({ teachers: 12, enrolled: "withheld" });
  });

  it("keeps attendance and no-shows hidden together in a row: '< 5' beside 97% was 3%", () => {
    const f = figuresOf({ ...EMPTY_COUNTS, teachers: 60, enrolled: 100, assessed: 100, attended: 97, completed: 90 });
    expect(f.noShowRate).toBe("suppressed");
    expect(f.attendanceRate).toBe("withheld");
    expect(f.completionRate).toBe(90);
    expect(shownText("withheld", "it")).toBe("riservato");
    expect(shownText("withheld", "en")).toBe("withheld");
  });

  it("never lets a hidden figure be read back by subtraction, and never shows one that was hidden (any table)", () => {
    const counts = fc
      .record({
        enrolled: fc.nat({ max: 30 }),
        teacherShare: fc.double({ min: 0, max: 1, noNaN: true }),
        waitlisted: fc.nat({ max: 12 }),
        assessedShare: fc.double({ min: 0, max: 1, noNaN: true }),
        attendedShare: fc.double({ min: 0, max: 1, noNaN: true }),
        completedShare: fc.double({ min: 0, max: 1, noNaN: true }),
        minutesEach: fc.integer({ min: 60, max: 300 }),
        seats: fc.option(
          fc.record({ cap: fc.nat({ max: 30 }), takenShare: fc.double({ min: 0, max: 1, noNaN: true }) }),
        ),
        responses: fc.option(fc.integer({ min: 1, max: 12 })),
      })
      .map((r): GroupCounts => {
        const teachers = r.enrolled === 0 ? 0 : Math.max(1, Math.round(r.enrolled * r.teacherShare));
        const assessed = Math.round(r.enrolled * r.assessedShare);
        const attended = Math.round(assessed * r.attendedShare);
        const completed = Math.round(attended * r.completedShare);
        return {
          teachers,
          enrolled: r.enrolled,
          waitlisted: r.waitlisted,
          assessed,
          attended,
          completed,
          certifiedMinutes: completed * r.minutesEach,
          seats: r.seats ? { cap: r.seats.cap, taken: Math.round(r.seats.cap * r.seats.takenShare) } : null,
          satisfaction: r.responses ? { responses: r.responses, sum: r.responses * 4 } : null,
        };
      });
    fc.assert(
      fc.property(
        fc.array(counts, { minLength: 1, maxLength: 21 }),
        fc.constantFrom(...DASHBOARD_DIMENSIONS),
        (list, by) => {
          const groups = list.map((c, i) => ({ key: `g${String(i).padStart(2, "0")}`, counts: c }));
          const total = figuresOf(sumOf(groups));
          const shownTotal = { ...total };
          const after = complementarySuppression(groups, total, by);
          expect(recoverable(total, after, by, list)).toEqual([]);
          // The total too is only ever more hidden (withheld where no other group could be).
          for (const key of FIGURE_KEYS) if (total[key] !== shownTotal[key]) expect(total[key]).toBe("withheld");
          groups.forEach((g, i) => {
            const own = figuresOf(g.counts);
            const row = after[i]!;
            for (const key of FIGURE_KEYS) {
              // Only ever more hidden: a "< 5" stays one, a number is shown or withheld, never changed.
              if (own[key] === "suppressed") expect(row[key]).toBe("suppressed");
              else if (row[key] !== own[key]) expect(row[key]).toBe("withheld");
            }
            // Within the row: attendance and no-shows hidden together; hidden places hide the rates over them.
            if (row.attendanceRate !== null && row.noShowRate !== null)
              expect(hidden(row.attendanceRate)).toBe(hidden(row.noShowRate));
            if (hidden(row.enrolled))
              for (const key of ["waitlistPressure", "attendanceRate", "noShowRate", "completionRate"] as const)
                expect(typeof row[key]).not.toBe("number");
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
