import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DASHBOARD_DIMENSIONS,
  EMPTY_COUNTS,
  FIGURE_KEYS,
  TEACHER_DIMENSIONS,
  compactCrossing,
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
  protectView,
  unfilteredHiding,
  type DashboardDimension,
  type FilterDimension,
  type FigureKey,
  type Figures,
  type GroupCounts,
  type TableCounts,
  type ViewCrossing,
  groupLabel,
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

/** One group's counts, consistent with one another (places ≥ teachers, attended ≤ assessed…). */
const groupCountsArb = fc
  .record({
    enrolled: fc.nat({ max: 30 }),
    teacherShare: fc.double({ min: 0, max: 1, noNaN: true }),
    waitlisted: fc.nat({ max: 12 }),
    assessedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    attendedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    completedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    minutesEach: fc.integer({ min: 60, max: 300 }),
    seats: fc.option(fc.record({ cap: fc.nat({ max: 30 }), takenShare: fc.double({ min: 0, max: 1, noNaN: true }) })),
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
    fc.assert(
      fc.property(
        fc.array(groupCountsArb, { minLength: 1, maxLength: 21 }),
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

// Two views subtracted (ADR 0018, addendum 07/12/2026 (2)): what the scope's unfiltered view hides stays hidden in
// every filtered view, as its totals and as a row of any table.

/** Fine cells: a group of `d` crossed with a group of `e`, and what each adds up to. */
type Cell = { d: string; e: string; counts: GroupCounts };

/** The groups of the cells selected, by `dim` ("d" or "e"), in the order of first appearance. */
function groupsBy(cells: Cell[], dim: "d" | "e"): { key: string; counts: GroupCounts }[] {
  const keys = [...new Set(cells.map((c) => c[dim]))];
  return keys.map((key) => ({ key, counts: sumOf(cells.filter((c) => c[dim] === key)) }));
}

/** The figures of a view counted from cells: a view filtered on `d`, `e`, both or neither. */
type ShownView = {
  name: string;
  totals: { cells: Cell[]; figures: Figures };
  /** Each row with the dimension of its table and its group. */
  rows: { cells: Cell[]; figures: Figures; dim?: "d" | "e"; key?: string }[];
};

/** The cells of a view as its crossing (ADR 0018, addendum 07/12/2026 (3)): places by both dimensions at once. */
function crossingOf(cells: Cell[], d: DashboardDimension, e: DashboardDimension): ViewCrossing {
  return compactCrossing(
    [d, e],
    cells.map((c) => ({ keys: { [d]: c.d, [e]: c.e }, counts: c.counts })),
    cells.flatMap((c) => (c.counts.seats ? [{ keys: { [d]: c.d, [e]: c.e }, counts: c.counts }] : [])),
  );
}

function viewsOf(cells: Cell[], d: DashboardDimension, e: DashboardDimension): ShownView[] {
  const tablesOf = (selected: Cell[], dims: ("d" | "e")[]): TableCounts[] =>
    dims.map((dim) => ({ by: dim === "d" ? d : e, groups: groupsBy(selected, dim) }));
  const unfiltered = unfilteredHiding(sumOf(cells), tablesOf(cells, ["d", "e"]), [crossingOf(cells, d, e)]);
  const view = (name: string, selected: Cell[], dims: ("d" | "e")[], filters: Record<string, string>): ShownView => {
    const tables = tablesOf(selected, dims);
    const shown = protectView(sumOf(selected), tables, filters, unfiltered, crossingOf(selected, d, e));
    return {
      name,
      totals: { cells: selected, figures: shown.totals },
      rows: tables.flatMap((t, i) =>
        t.groups.map((g, j) => ({
          cells: selected.filter((c) => c[dims[i]!] === g.key),
          dim: dims[i]!,
          key: g.key,
          figures: shown.tables[i]![j]!,
        })),
      ),
    };
  };
  const filterable = (dim: DashboardDimension) => dim !== "month";
  const views = [view("unfiltered", cells, ["d", "e"], {})];
  for (const key of new Set(cells.map((c) => c.d)))
    if (filterable(d))
      views.push(
        view(
          `${d}=${key}`,
          cells.filter((c) => c.d === key),
          ["e"],
          { [d]: key },
        ),
      );
  for (const key of new Set(cells.map((c) => c.e)))
    if (filterable(e))
      views.push(
        view(
          `${e}=${key}`,
          cells.filter((c) => c.e === key),
          ["d"],
          { [e]: key },
        ),
      );
  if (filterable(d) && filterable(e)) {
    // A view narrowed to one cell has two wider views, each with one filter fewer (ADR 0018, addendum (3)): what each
    // hides for the cell's row (complements it chose) its totals hide.
    const narrowed = (dim: "d" | "e", key: string) => {
      const selected = cells.filter((c) => c[dim] === key);
      const other = dim === "d" ? "e" : "d";
      return unfilteredHiding(
        sumOf(selected),
        tablesOf(selected, [other]),
        [crossingOf(selected, d, e)],
        [{ dim: (dim === "d" ? d : e) as FilterDimension, value: key, hiding: unfiltered }],
      );
    };
    for (const c of cells) {
      const hiding = unfilteredHiding(
        c.counts,
        [],
        [],
        [
          { dim: d as FilterDimension, value: c.d, hiding: narrowed("e", c.e) },
          { dim: e as FilterDimension, value: c.e, hiding: narrowed("d", c.d) },
        ],
      );
      const shown = protectView(c.counts, [], { [d]: c.d, [e]: c.e }, hiding);
      views.push({ name: `${d}=${c.d},${e}=${c.e}`, totals: { cells: [c], figures: shown.totals }, rows: [] });
    }
  }
  return views;
}

const cellNames = (cells: Cell[]) => cells.map((c) => `${c.d}×${c.e}`).join("+");

/** The count a figure is of, for the linear algebra below (a rate with its places is that count). */
const AMOUNT: Partial<Record<FigureKey, (c: GroupCounts) => number>> = {
  teachers: (c) => c.teachers,
  enrolled: (c) => c.enrolled,
  waitlistPressure: (c) => c.waitlisted,
  attendanceRate: (c) => c.attended,
  noShowRate: (c) => c.assessed - c.attended,
  completionRate: (c) => c.completed,
  hoursCertified: (c) => c.certifiedMinutes,
};

/**
 * Whether the figure `key` of `target` (a set of cells) follows from what `views` show of it: each number shown (and
 * each "—" that counts none) is an equation over the cells' unknown amounts; the target is read back by subtraction
 * exactly when its indicator is a linear combination of those equations (Gaussian elimination on 0/1 rows).
 */
function determined(target: Cell[], key: FigureKey, views: ShownView[], all: Cell[]): boolean {
  const amount = AMOUNT[key]!;
  const vector = (cells: Cell[]) => all.map((c) => (cells.includes(c) ? 1 : 0));
  const equations: number[][] = [];
  for (const v of views)
    for (const { cells, figures } of [v.totals, ...v.rows]) {
      const value = figures[key];
      if (typeof value === "number" || (value === null && amount(sumOf(cells)) === 0)) equations.push(vector(cells));
    }
  const rank = (rows: number[][]) => {
    const m = rows.map((r) => [...r]);
    let r = 0;
    for (let col = 0; col < all.length && r < m.length; col++) {
      const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[col]!) > 1e-9);
      if (pivot < 0) continue;
      [m[r], m[pivot]] = [m[pivot]!, m[r]!];
      for (let i = 0; i < m.length; i++) {
        if (i === r || Math.abs(m[i]![col]!) < 1e-9) continue;
        const factor = m[i]![col]! / m[r]![col]!;
        m[i] = m[i]!.map((x, j) => x - factor * m[r]![j]!);
      }
      r++;
    }
    return r;
  };
  return rank([...equations, vector(target)]) === rank(equations);
}

describe("one view's tables protected together", () => {
  // Molise's 6 teachers are the only lower-secondary ones. The regions read Lazio "< 5" and Molise withheld beside
  // it; the breakdown by school level of the same view showed lower secondary: 6 teachers and 12 places, Molise's,
  // and the total minus Toscana and Molise gave Lazio's 2 back.
  const cells: Cell[] = [
    { d: "lazio", e: "primaria", counts: group("x", 2, 4).counts },
    { d: "molise", e: "secondaria-primo-grado", counts: group("x", 6, 12).counts },
    { d: "toscana", e: "primaria", counts: group("x", 20, 40).counts },
    { d: "toscana", e: "infanzia", counts: group("x", 8, 10).counts },
  ];
  const tables: TableCounts[] = [
    { by: "region", groups: groupsBy(cells, "d") },
    { by: "schoolLevel", groups: groupsBy(cells, "e") },
  ];
  const asShown = (figures: { totals: Figures; tables: Figures[][] }): ShownView => ({
    name: "unfiltered",
    totals: { cells, figures: figures.totals },
    rows: tables.flatMap((t, i) =>
      t.groups.map((g, j) => ({
        cells: cells.filter((c) => (i === 0 ? c.d : c.e) === g.key),
        figures: figures.tables[i]![j]!,
      })),
    ),
  });

  it("a region withheld is not a school level shown: no hidden group follows from the view's own numbers", () => {
    const crossing = crossingOf(cells, "region", "schoolLevel");
    const hiding = unfilteredHiding(sumOf(cells), tables, [crossing]);
    const view = asShown(protectView(sumOf(cells), tables, {}, hiding, crossing));
    const [lazio, molise] = view.rows;
    expect(lazio!.figures.teachers).toBe("suppressed");
    expect(molise!.figures.teachers).toBe("withheld");
    // Lower secondary was Molise: it is withheld now, in the view and in what the view tells the filtered ones.
    const lowerSecondary = view.rows.find((r) => r.cells.length === 1 && r.cells[0]!.e === "secondaria-primo-grado");
    expect(lowerSecondary!.figures).toMatchObject({ teachers: "withheld", enrolled: "withheld" });
    expect([...hiding.groups.schoolLevel!.get("secondaria-primo-grado")!]).toEqual(
      expect.arrayContaining(["teachers", "enrolled"]),
    );
    for (const key of ["teachers", "enrolled", "completionRate", "hoursCertified"] as const)
      for (const row of view.rows)
        if (hidden(row.figures[key]))
          expect(determined(row.cells, key, [view], cells), `${key} of ${cellNames(row.cells)}`).toBe(false);
  });

  it("hides nothing more where no table's groups coincide with another's (large counts unchanged)", () => {
    // Three regions with both school levels, and Lazio's 2 primary teachers: the school levels do not give Lazio.
    const dense: Cell[] = [
      { d: "lazio", e: "primaria", counts: group("x", 2, 4).counts },
      ...["lombardia", "toscana", "umbria"].flatMap((d, i) => [
        { d, e: "primaria", counts: group("x", 10 + i, 20 + i).counts },
        { d, e: "secondaria-primo-grado", counts: group("x", 12 + i, 30 + i).counts },
      ]),
    ];
    const denseTables: TableCounts[] = [
      { by: "region", groups: groupsBy(dense, "d") },
      { by: "schoolLevel", groups: groupsBy(dense, "e") },
    ];
    const crossing = crossingOf(dense, "region", "schoolLevel");
    const alone = protectView(sumOf(dense), denseTables, {}, unfilteredHiding(sumOf(dense), denseTables));
    const together = protectView(
      sumOf(dense),
      denseTables,
      {},
      unfilteredHiding(sumOf(dense), denseTables, [crossing]),
      crossing,
    );
    expect(together).toEqual(alone);
    expect(together.tables[1]!.map((f) => f.teachers)).toEqual([35, 39]);
  });

  // Lazio's lower-secondary cell holds no places, only 2 requests on the waiting list (a cell of the crossing, not
  // "placed"); Molise's 3 lower-secondary teachers and 6 places read "< 5", Toscana is withheld beside it.
  const sparse: Cell[] = [
    { d: "lazio", e: "primaria", counts: group("x", 7, 14).counts },
    { d: "lazio", e: "secondaria-primo-grado", counts: { ...EMPTY_COUNTS, waitlisted: 2 } },
    { d: "molise", e: "secondaria-primo-grado", counts: group("x", 3, 6).counts },
    { d: "toscana", e: "primaria", counts: group("x", 6, 12).counts },
    { d: "umbria", e: "secondaria-primo-grado", counts: group("x", 8, 16).counts },
  ];

  it("a cell holding no places counts no teachers: a school level minus the regions shown reads a region back", () => {
    // The view narrowed to Lazio would show that cell's 0 teachers, and lower secondary (11) minus Umbria (8) minus
    // that 0 is Molise's 3. The audit leaves such cells out of the teachers' unknowns (cellStructure): counted as
    // unknown, the view showed Lazio 7, Umbria 8 and lower secondary 11 (and the Lazio view its 0).
    const views = viewsOf(sparse, "region", "schoolLevel");
    const [unfiltered] = views;
    const teachersOf = (view: ShownView, dim: "d" | "e", key: string) =>
      view.rows.find((r) => r.dim === dim && r.key === key)!.figures.teachers;
    expect(teachersOf(unfiltered!, "d", "molise")).toBe("suppressed");
    // Lower secondary and Umbria are not both shown: one of them is withheld.
    expect(
      [teachersOf(unfiltered!, "e", "secondaria-primo-grado"), teachersOf(unfiltered!, "d", "umbria")].some(hidden),
    ).toBe(true);
    // And no figure hidden in any view follows from what the views show, the 0 of Lazio's cell included.
    for (const view of views)
      for (const row of [view.totals, ...view.rows])
        for (const key of ["teachers"] as const)
          if (hidden(row.figures[key]))
            expect(determined(row.cells, key, views, sparse), `${view.name}: ${key} of ${cellNames(row.cells)}`).toBe(
              false,
            );
  });
  it("nor any places: the same cell's 0 places, shown, gave Molise's suppressed places back", () => {
    // With teachers alone left out, the unfiltered view showed lower secondary 22 places and Umbria 16, the view
    // narrowed to Lazio that cell's 0 places (its row exists for the requests waiting), and 22 − 16 − 0 was Molise's 6.
    // A cell's places are exactly what its "placed" tells: the places' audit leaves those without out too.
    const views = viewsOf(sparse, "region", "schoolLevel");
    const [unfiltered] = views;
    expect(unfiltered!.rows.find((r) => r.key === "molise")!.figures.enrolled).toBe("suppressed");
    for (const view of views)
      for (const row of [view.totals, ...view.rows])
        if (hidden(row.figures.enrolled))
          expect(
            determined(row.cells, "enrolled", views, sparse),
            `${view.name}: places of ${cellNames(row.cells)}`,
          ).toBe(false);
  });
  it("nor anything counted of places: attendance, absences, completions and certified hours of that cell are none", () => {
    // The cell's row in the view narrowed to Lazio shows "—" for each rate and 0 certified hours: no place, so nothing
    // attended, assessed, completed or certified there. Left as unknowns, lower secondary's figure minus Umbria's
    // minus that none read Molise's hidden one back, as its places did.
    const views = viewsOf(sparse, "region", "schoolLevel");
    for (const key of ["attendanceRate", "noShowRate", "completionRate", "hoursCertified"] as const)
      for (const view of views)
        for (const row of [view.totals, ...view.rows])
          if (hidden(row.figures[key]))
            expect(determined(row.cells, key, views, sparse), `${view.name}: ${key} of ${cellNames(row.cells)}`).toBe(
              false,
            );
  });
});

describe("a filtered view's complements carried to narrower views", () => {
  // Nationally nothing is small. Narrowed to primaria, Toscana's 2 teachers read "< 5" and Umbria's 6 are withheld
  // beside them; the view narrowed to primaria and Umbria showed its total, 6: 28 − 20 (Lazio) − 6 = Toscana's 2.
  const cells: Cell[] = ["toscana", "umbria", "lazio"].flatMap((d, i) => [
    { d, e: "primaria", counts: group("x", [2, 6, 20][i]!, [4, 12, 40][i]!).counts },
    { d, e: "secondaria-primo-grado", counts: group("x", 30, 60).counts },
  ]);
  const crossing = (selected: Cell[]) => crossingOf(selected, "region", "schoolLevel");
  const all = unfilteredHiding(
    sumOf(cells),
    [
      { by: "region", groups: groupsBy(cells, "d") },
      { by: "schoolLevel", groups: groupsBy(cells, "e") },
    ],
    [crossing(cells)],
  );
  const primaria = cells.filter((c) => c.e === "primaria");
  const umbria = cells.filter((c) => c.d === "umbria");
  const primariaTables: TableCounts[] = [{ by: "region", groups: groupsBy(primaria, "d") }];
  const primariaHiding = unfilteredHiding(
    sumOf(primaria),
    primariaTables,
    [crossing(primaria)],
    [{ dim: "schoolLevel", value: "primaria", hiding: all }],
  );
  const umbriaHiding = unfilteredHiding(
    sumOf(umbria),
    [{ by: "schoolLevel", groups: groupsBy(umbria, "e") }],
    [crossing(umbria)],
    [{ dim: "region", value: "umbria", hiding: all }],
  );
  const cell = umbria.filter((c) => c.e === "primaria");

  it("the view narrowed to primaria and Umbria hides what the view narrowed to primaria withheld for Umbria", () => {
    expect(all.totals.size).toBe(0);
    const primariaView = protectView(sumOf(primaria), primariaTables, {}, primariaHiding, crossing(primaria));
    expect(primariaView.tables[0]!.map((f) => f.teachers)).toEqual(["suppressed", "withheld", 20]);
    expect([...primariaHiding.groups.region!.get("umbria")!]).toEqual(expect.arrayContaining(["teachers", "enrolled"]));
    const both = protectView(
      sumOf(cell),
      [],
      {},
      unfilteredHiding(
        sumOf(cell),
        [],
        [],
        [
          { dim: "schoolLevel", value: "primaria", hiding: umbriaHiding },
          { dim: "region", value: "umbria", hiding: primariaHiding },
        ],
      ),
    );
    expect(figuresOf(sumOf(cell))).toMatchObject({ teachers: 6, enrolled: 12 });
    expect(both.totals).toMatchObject({ teachers: "withheld", enrolled: "withheld" });
    // Toscana's "< 5" cannot be solved for from the view narrowed to primaria and the one narrowed to both.
    const views: ShownView[] = [
      {
        name: "primaria",
        totals: { cells: primaria, figures: primariaView.totals },
        rows: groupsBy(primaria, "d").map((g, i) => ({
          cells: primaria.filter((c) => c.d === g.key),
          figures: primariaView.tables[0]![i]!,
        })),
      },
      { name: "primaria, umbria", totals: { cells: cell, figures: both.totals }, rows: [] },
    ];
    for (const key of ["teachers", "enrolled"] as const)
      expect(determined(primaria.slice(0, 1), key, views, cells), key).toBe(false);
  });
});

describe("no two views subtracted", () => {
  // Lazio's 2 teachers read "< 5" and Molise's 6 are withheld beside them in the national regions; but the view
  // narrowed to Molise showed its 6 as its total: 28 − 20 (Toscana) − 6 = Lazio's 2.
  const cells: Cell[] = [
    { d: "lazio", e: "primaria", counts: group("x", 2, 4).counts },
    { d: "molise", e: "primaria", counts: group("x", 5, 6).counts },
    { d: "molise", e: "secondaria-primo-grado", counts: group("x", 1, 6).counts },
    { d: "toscana", e: "primaria", counts: group("x", 5, 5).counts },
    { d: "toscana", e: "secondaria-primo-grado", counts: group("x", 15, 35).counts },
  ];
  const unfiltered = unfilteredHiding(sumOf(cells), [
    { by: "region", groups: groupsBy(cells, "d") },
    { by: "schoolLevel", groups: groupsBy(cells, "e") },
  ]);
  const only = (d: string) => cells.filter((c) => c.d === d);

  it("a view narrowed to a region the national view withholds withholds the same figures, in every row", () => {
    expect([...unfiltered.groups.region!.get("lazio")!]).toContain("teachers");
    expect([...unfiltered.groups.region!.get("molise")!]).toEqual(expect.arrayContaining(["teachers", "enrolled"]));
    const molise = protectView(
      sumOf(only("molise")),
      [{ by: "schoolLevel", groups: groupsBy(only("molise"), "e") }],
      { region: "molise" },
      unfiltered,
    );
    // Its own figures would show 6 teachers and 12 places (figuresOf); the national view withholds them.
    expect(figuresOf(sumOf(only("molise")))).toMatchObject({ teachers: 6, enrolled: 12 });
    expect(molise.totals).toMatchObject({ teachers: "withheld", enrolled: "withheld", completionRate: "withheld" });
    // Its primary-school row (5 teachers) too: the rows add up to the total.
    expect(molise.tables[0]![0]).toMatchObject({ teachers: "withheld", enrolled: "withheld" });
    expect(molise.tables[0]![1]).toMatchObject({ teachers: "suppressed", enrolled: "suppressed" });
    // Toscana, shown nationally, shows its figures narrowed to it.
    const toscana = protectView(
      sumOf(only("toscana")),
      [{ by: "schoolLevel", groups: groupsBy(only("toscana"), "e") }],
      { region: "toscana" },
      unfiltered,
    );
    expect(toscana.totals).toEqual(figuresOf(sumOf(only("toscana"))));
  });

  it("a view narrowed to a school level hides the rows of the regions the national view hides", () => {
    // Primary school by region: Molise's 5 teachers and 6 places would show (its own complement is Toscana's 5,
    // smaller), and the primary- and lower-secondary views' Molise rows added up to the withheld 12.
    const primaria = cells.filter((c) => c.e === "primaria");
    const shown = protectView(
      sumOf(primaria),
      [{ by: "region", groups: groupsBy(primaria, "d") }],
      { schoolLevel: "primaria" },
      unfiltered,
    ).tables[0]!;
    expect(shown.map((f) => f.enrolled)).toEqual(["suppressed", "withheld", 5]);
    expect(complementarySuppression(groupsBy(primaria, "d"), figuresOf(sumOf(primaria)), "region")[1]!.enrolled).toBe(
      6,
    );
  });

  it("keeps the months the unfiltered view hides hidden in every view, and a hidden total's parts", () => {
    const months: Cell[] = [
      { d: "toscana", e: "2026-09", counts: group("x", 3, 3).counts },
      { d: "toscana", e: "2026-10", counts: group("x", 10, 10).counts },
      { d: "umbria", e: "2026-10", counts: group("x", 10, 10).counts },
      { d: "umbria", e: "2026-11", counts: group("x", 30, 40).counts },
    ];
    const hiding = unfilteredHiding(sumOf(months), [
      { by: "region", groups: groupsBy(months, "d") },
      { by: "month", groups: groupsBy(months, "e") },
    ]);
    expect([...hiding.groups.month!.get("2026-10")!]).toContain("enrolled");
    for (const region of ["toscana", "umbria"]) {
      const selected = months.filter((c) => c.d === region);
      const view = protectView(sumOf(selected), [{ by: "month", groups: groupsBy(selected, "e") }], { region }, hiding);
      // October's 20 places were Toscana's 10 plus Umbria's 10, each shown in its region's view.
      const october = groupsBy(selected, "e").findIndex((g) => g.key === "2026-10");
      expect(view.tables[0]![october]!.enrolled).toBe("withheld");
    }
    // A total withheld hides every row of the figure in every table of the view.
    const view = protectView(
      sumOf(months),
      [{ by: "month", groups: groupsBy(months, "e") }],
      {},
      { totals: new Set(["completionRate"]), groups: {} },
    );
    expect(view.totals.completionRate).toBe("withheld");
    expect(view.tables[0]!.map((f) => f.completionRate)).toEqual(["suppressed", "withheld", "withheld"]);
  });

  it("the unfiltered view hides exactly what it tells the filtered views it hides", () => {
    const view = protectView(
      sumOf(cells),
      [
        { by: "region", groups: groupsBy(cells, "d") },
        { by: "schoolLevel", groups: groupsBy(cells, "e") },
      ],
      {},
      unfiltered,
    );
    const hiddenOf = (f: Figures) => FIGURE_KEYS.filter((k) => hidden(f[k])).sort();
    expect(hiddenOf(view.totals)).toEqual([...unfiltered.totals].sort());
    groupsBy(cells, "d").forEach((g, i) =>
      expect(hiddenOf(view.tables[0]![i]!)).toEqual([...unfiltered.groups.region!.get(g.key)!].sort()),
    );
  });

  it("no filtered view shows what the unfiltered view hides for the same group, nor adds up to it (any data)", () => {
    const dimensions = fc
      .tuple(fc.constantFrom(...DASHBOARD_DIMENSIONS), fc.constantFrom(...DASHBOARD_DIMENSIONS))
      .filter(([d, e]) => d !== e && d !== "month");
    fc.assert(
      fc.property(
        dimensions,
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(groupCountsArb, { minLength: 16, maxLength: 16 }),
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        ([d, e], dCount, eCount, counts, present) => {
          // Cells with no rows do not exist (a group is listed when it has some); seats belong to no such cell.
          const cells: Cell[] = [];
          for (let i = 0; i < dCount; i++)
            for (let j = 0; j < eCount; j++)
              if (present[i * 4 + j])
                cells.push({ d: `d${i}`, e: `e${j}`, counts: { ...counts[i * 4 + j]!, seats: null } });
          if (cells.length === 0) return;
          const views = viewsOf(cells, d, e);
          const [root, ...filtered] = views;
          // Teachers add up over the teachers' own dimensions only (one teacher in two months is one in the total).
          const additiveKeys = (Object.keys(AMOUNT) as FigureKey[]).filter(
            (k) => k !== "teachers" || (TEACHER_DIMENSIONS.includes(d) && TEACHER_DIMENSIONS.includes(e)),
          );
          const hiding = unfilteredHiding(sumOf(cells), [
            { by: d, groups: groupsBy(cells, "d") },
            { by: e, groups: groupsBy(cells, "e") },
          ]);
          const hiddenFor = (dim: "d" | "e", key: string) =>
            hiding.groups[dim === "d" ? d : e]?.get(key) ?? new Set<FigureKey>();
          // 1. A view narrowed to a group shows none of the figures the unfiltered view hides for it, in its totals
          // or any row; a row of a group the unfiltered view hides shows none of them either.
          for (const view of filtered) {
            const [first] = view.totals.cells;
            const narrowedTo = view.name.split(",").map((part) => (part.startsWith(`${d}=`) ? "d" : "e"));
            const above = new Set([...hiding.totals, ...narrowedTo.flatMap((dim) => [...hiddenFor(dim, first![dim])])]);
            for (const key of above)
              expect(typeof view.totals.figures[key], `${key} in ${view.name}`).not.toBe("number");
            for (const row of view.rows) {
              const own = new Set([...above, ...hiddenFor(row.dim!, row.key!)]);
              for (const key of own)
                expect(typeof row.figures[key], `${key} of ${row.key} in ${view.name}`).not.toBe("number");
            }
          }
          // 2. No view gives back what it hides from its own numbers: its tables (by d and by e in the unfiltered
          // view) count the same people, so each is a sum over the same cells (ADR 0018, addendum (3)).
          for (const view of views)
            for (const key of additiveKeys)
              for (const row of view.rows)
                if (hidden(row.figures[key]) && AMOUNT[key]!(sumOf(row.cells)) > 0)
                  expect(
                    determined(row.cells, key, [view], cells),
                    `${key} of ${cellNames(row.cells)} in ${view.name} alone`,
                  ).toBe(false);
          // 3. What a view narrowed to one group of d hides in its table by e cannot be read back from it and the views
          // narrowed to each of its rows (their totals): a complement it chose is carried to the narrower views.
          if (d !== "month" && e !== "month")
            for (const view of filtered.filter((v) => v.name.startsWith(`${d}=`) && !v.name.includes(","))) {
              const narrower = filtered.filter((v) => v.name.startsWith(`${view.name},`));
              for (const key of additiveKeys)
                for (const row of view.rows)
                  if (hidden(row.figures[key]) && !determined(row.cells, key, [view], cells))
                    expect(
                      determined(row.cells, key, [view, ...narrower], cells),
                      `${key} of ${cellNames(row.cells)} in ${view.name} and its narrower views`,
                    ).toBe(false);
            }
          // 4. What the unfiltered table by d hides cannot be read back from it and every view narrowed to one of
          // its groups (their totals and their rows by the other dimension): nothing more than the table gives.
          if (d === "month") return;
          const keys = additiveKeys;
          const byD = groupsBy(cells, "d").length;
          const table: ShownView = { name: "unfiltered", totals: root!.totals, rows: root!.rows.slice(0, byD) };
          const along = filtered.filter((v) => v.name.startsWith(`${d}=`) && !v.name.includes(","));
          for (const key of keys)
            for (const item of table.rows)
              if (hidden(item.figures[key]) && !determined(item.cells, key, [table], cells))
                expect(
                  determined(item.cells, key, [table, ...along], cells),
                  `${key} of ${cellNames(item.cells)}`,
                ).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
    // Gaussian elimination over every view of 300 random tables: a second or two, more on a busy machine.
  }, 30_000);
});

describe("the dashboard's month labels", () => {
  it("write the year in full in English: «Feb 27» reads as 27 February (review of the English interface, 07/12/2026)", () => {
    expect(groupLabel("month", "2027-02", "en")).toBe("Feb 2027");
    expect(groupLabel("month", "2027-02", "it")).toBe("feb 27");
  });
});
