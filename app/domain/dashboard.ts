// The monitoring dashboard ("cruscotto", issue 16): its URL filters, the figures computed from
// counted rows, and the small-group rule. Pure: no HTTP, no Prisma (app/models/dashboard.server.ts
// counts; the route shows). ADR 0018 says how and when the counts are made.
import { z } from "zod";
import { stripControlCharacters } from "./text.ts";
import {
  EVENT_LEVELS,
  EVENT_LEVEL_LABELS,
  EVENT_TYPES,
  EVENT_TYPE_LABELS,
  PROFESSIONAL_ROLES,
  PROFESSIONAL_ROLE_LABELS,
  REGION_CODES,
  REGION_LABELS,
  SCHOOL_LEVELS,
  SCHOOL_LEVEL_LABELS,
  labelOf,
  type Locale,
} from "./vocabulary.ts";
import { TZDate } from "@date-fns/tz";
import { TIME_ZONE } from "~/utils/dates.ts";

/** Figures about fewer people than this are not shown: they read "< 5" (issue 16.4). */
export const SMALL_GROUP_THRESHOLD = 5;

/** Earliest and latest school year the filter accepts (the year its September falls in). */
export const FIRST_SCHOOL_YEAR = 2020;
export const LAST_SCHOOL_YEAR = 2100;

/** How a breakdown groups: by the teacher (region, school level, role), the event (type, level) or the month. */
export const DASHBOARD_DIMENSIONS = ["region", "schoolLevel", "role", "type", "level", "month"] as const;
export type DashboardDimension = (typeof DASHBOARD_DIMENSIONS)[number];

/** The label of a group's key in a dimension. */
export function groupLabel(by: DashboardDimension, key: string, locale: Locale): string {
  switch (by) {
    case "region":
      return labelOf(REGION_LABELS, key, locale);
    case "schoolLevel":
      return labelOf(SCHOOL_LEVEL_LABELS, key, locale);
    case "role":
      return labelOf(PROFESSIONAL_ROLE_LABELS, key, locale);
    case "type":
      return labelOf(EVENT_TYPE_LABELS, key, locale);
    case "level":
      return labelOf(EVENT_LEVEL_LABELS, key, locale);
    case "month": {
      const [y, m] = key.split("-").map(Number) as [number, number];
      // "Feb 27" reads as the 27th of February in English: the year in full there ("Feb 2027"); Italian keeps "feb 27".
      return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "it-IT", {
        month: "short",
        year: locale === "en" ? "numeric" : "2-digit",
        timeZone: "UTC",
      }).format(new Date(Date.UTC(y, m - 1, 15)));
    }
  }
}
/** Dimensions that describe the participant: questionnaire answers are anonymous, so no satisfaction by these. */
export const TEACHER_DIMENSIONS: readonly DashboardDimension[] = ["region", "schoolLevel", "role"];

/** The one schema of the dashboard's URL (a GET form, so a view can be shared). */
export const dashboardSearchSchema = z.object({
  // Four digits: Number() would also read "0x7E9" or "2.025e3" as a year.
  year: z
    .string()
    .regex(/^\d{4}$/)
    .transform(Number)
    .pipe(z.number().int().min(FIRST_SCHOOL_YEAR).max(LAST_SCHOOL_YEAR))
    .optional(),
  region: z.enum(REGION_CODES).optional(),
  schoolLevel: z.enum(SCHOOL_LEVELS).optional(),
  role: z.enum(PROFESSIONAL_ROLES).optional(),
  type: z.enum(EVENT_TYPES).optional(),
  level: z.enum(EVENT_LEVELS).optional(),
  by: z.enum(DASHBOARD_DIMENSIONS).optional(),
});
export type DashboardSearch = z.infer<typeof dashboardSearchSchema>;
export type DashboardParam = keyof DashboardSearch;
export const DASHBOARD_PARAMS = Object.keys(dashboardSearchSchema.shape) as DashboardParam[];

export type DashboardFilters = Omit<DashboardSearch, "year" | "by"> & { year: number; by: DashboardDimension };

/**
 * Reads the URL. Empty values mean "no filter"; a value that is not valid is dropped and named in
 * `ignored` (the page says so) instead of failing; unknown parameters are left alone.
 */
export function parseDashboardSearch(
  params: URLSearchParams,
  now: Date,
): { filters: DashboardFilters; ignored: DashboardParam[] } {
  const raw: Record<string, string> = {};
  for (const name of DASHBOARD_PARAMS) {
    const value = params
      .getAll(name)
      .map(stripControlCharacters)
      .find((v) => v.trim() !== "");
    if (value !== undefined) raw[name] = value.trim();
  }
  const ignored = new Set<DashboardParam>();
  let result = dashboardSearchSchema.safeParse(raw);
  while (!result.success) {
    for (const issue of result.error.issues) {
      const name = issue.path[0] as DashboardParam;
      ignored.add(name);
      delete raw[name];
    }
    result = dashboardSearchSchema.safeParse(raw);
  }
  const { year, by, ...rest } = result.data;
  return {
    filters: { ...rest, year: year ?? schoolYearOf(now), by: by ?? "region" },
    ignored: DASHBOARD_PARAMS.filter((p) => ignored.has(p)),
  };
}

/** The URL query string of these filters (the current school year and the default breakdown are kept explicit). */
export function dashboardSearchString(filters: DashboardFilters): string {
  const params = new URLSearchParams();
  for (const name of DASHBOARD_PARAMS) {
    const value = filters[name];
    if (value !== undefined) params.set(name, String(value));
  }
  return params.toString();
}

/** The school year (1 September to 31 August, Europe/Rome) an instant falls in, named by its first calendar year. */
export function schoolYearOf(instant: Date): number {
  const year = Number(instant.toISOString().slice(0, 4));
  // The year's month starts, computed once per year: the summary's build asks for every edition (13,876 at national
  // volume), and two time-zone conversions each held the event loop about a second (ADR 0021 addendum (6)).
  const september = schoolYearMonths(year)[0]!.from;
  return instant.getTime() >= september.getTime() ? year : year - 1;
}

/** From the Rome midnight of 1 September to the Rome midnight of the next 1 September. */
export function schoolYearRange(year: number): { from: Date; toExclusive: Date } {
  return { from: romeMidnight(year, 9), toExclusive: romeMidnight(year + 1, 9) };
}

/**
 * The school years the page's year filter offers, newest first: next year and the five before it,
 * and the year shown when the address asks for an older or later one (a select without it would
 * show another year than the figures, and send that one with the next filter).
 */
export function schoolYearChoices(current: number, shown: number): number[] {
  const years = Array.from({ length: 6 }, (_, i) => current + 1 - i);
  if (!years.includes(shown)) years.push(shown);
  return years.sort((a, b) => b - a);
}

/** "2025/26" */
export function schoolYearLabel(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
}

/**
 * The twelve months of a school year (September first) with their Rome-midnight starts: keys "YYYY-MM". Computed once
 * per year (the time zone's arithmetic was a tenth of a cold dashboard view's work, asked once per view and reference
 * view); shared, so not to be changed.
 */
export function schoolYearMonths(year: number): readonly { readonly key: string; readonly from: Date }[] {
  let months = monthsByYear.get(year);
  if (!months) {
    months = Object.freeze(
      Array.from({ length: 12 }, (_, i) => {
        const month = ((8 + i) % 12) + 1;
        const calendarYear = month >= 9 ? year : year + 1;
        return Object.freeze({
          key: `${calendarYear}-${String(month).padStart(2, "0")}`,
          from: romeMidnight(calendarYear, month),
        });
      }),
    );
    if (monthsByYear.size >= 256) monthsByYear.clear();
    monthsByYear.set(year, months);
  }
  return months;
}
const monthsByYear = new Map<number, readonly { readonly key: string; readonly from: Date }[]>();

/**
 * A month key ("YYYY-MM") as the date a spreadsheet shows for it: the first day, at UTC midnight
 * (spreadsheet dates have no time zone; exceljs writes a Date by its UTC day).
 */
export function monthKeyDate(key: string): Date {
  const [year, month] = key.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, 1));
}

/**
 * The Rome midnight that opens a month. Built from the numbers, not by parsing "YYYY-MM-01": a
 * stored date in year 9999 (its school year ends in 10000, which no such text can write) made the
 * parse return null and the dashboard's refresh job fail on every run.
 */
function romeMidnight(year: number, month: number): Date {
  return new Date(new TZDate(year, month - 1, 1, 0, 0, TIME_ZONE).getTime());
}

/**
 * Event statuses whose editions offer their seats: published or closed. A draft's seats are not on
 * offer yet (nobody can take them), and a cancelled event's editions are cancelled.
 */
export const SEAT_OFFERING_EVENT_STATUSES = ["pubblicato", "chiuso"] as const;

/**
 * Whether an edition's seats count in the fill rate: capped, not cancelled, of an event that offers
 * them. The live count (its SQL reads SEAT_OFFERING_EVENT_STATUSES) and the summary build agree on it.
 */
export function editionSeatsCount(edition: { seatCap: number | null; status: string; eventStatus: string }): boolean {
  return (
    edition.seatCap !== null &&
    edition.status !== "annullata" &&
    (SEAT_OFFERING_EVENT_STATUSES as readonly string[]).includes(edition.eventStatus)
  );
}

/** What the database counted for one group (all counts of rows, never of names). */
export type GroupCounts = {
  /** Distinct teachers holding a place (status "iscritto"). */
  teachers: number;
  /** Places held (status "iscritto"). */
  enrolled: number;
  /** Requests that queued: waiting, holding an offer, or whose offer expired or was declined. */
  waitlisted: number;
  /** Places held in editions whose register is closed: the base of attendance, no-show and completion. */
  assessed: number;
  /** Of those, with at least one presence (present, late or left early) in the register. */
  attended: number;
  /** Of those, with a valid certificate. */
  completed: number;
  /** Sum of the valid certificates' certified minutes. */
  certifiedMinutes: number;
  /** Seats of the group's editions that offer them (editionSeatsCount) and seats taken: null where seats do not belong to the group. */
  seats: { cap: number; taken: number } | null;
  /** Questionnaire responses and the sum of their overall score (1..5): null where answers cannot be grouped so. */
  satisfaction: { responses: number; sum: number } | null;
};

export const EMPTY_COUNTS: GroupCounts = {
  teachers: 0,
  enrolled: 0,
  waitlisted: 0,
  assessed: 0,
  attended: 0,
  completed: 0,
  certifiedMinutes: 0,
  seats: null,
  satisfaction: null,
};

/**
 * A figure as shown: a number, "suppressed" (a group under 5 people: "< 5"), "withheld" (not small, but hidden so
 * that no "< 5" can be read back by subtraction: complementarySuppression) or null (not applicable / no data).
 */
export type Shown = number | "suppressed" | "withheld" | null;

/** How a withheld figure reads, in either language (the page's definitions say why). */
export const WITHHELD_TEXT: Record<"it" | "en", string> = { it: "riservato", en: "withheld" };

/** Whether a figure is hidden, as "< 5" or withheld. */
export function hidden(value: Shown): value is "suppressed" | "withheld" {
  return value === "suppressed" || value === "withheld";
}

export const FIGURE_KEYS = [
  "teachers",
  "enrolled",
  "fillRate",
  "waitlistPressure",
  "attendanceRate",
  "noShowRate",
  "completionRate",
  "hoursCertified",
  "satisfaction",
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export type Figures = Record<FigureKey, Shown>;
/** Percentages and averages carry one decimal; hours are whole hours (rounded down); counts are counts. */
export const PERCENT_FIGURES: readonly FigureKey[] = [
  "fillRate",
  "waitlistPressure",
  "attendanceRate",
  "noShowRate",
  "completionRate",
];

/** A count of people: 1 to 4 read "< 5"; none is none. */
export function protectCount(count: number): Shown {
  return count > 0 && count < SMALL_GROUP_THRESHOLD ? "suppressed" : count;
}

/**
 * A share of people, in percent with one decimal: "< 5" when the group it is taken of has fewer than
 * 5 people, or when the people it counts are 1 to 4 (so the count cannot be read back); null with no group.
 */
export function protectedPercent(part: number, whole: number): Shown {
  if (whole <= 0) return null;
  if (whole < SMALL_GROUP_THRESHOLD || protectCount(part) === "suppressed") return "suppressed";
  return Math.round((part / whole) * 1000) / 10;
}

/** An average over answers: "< 5" under 5 answers, null with none; one decimal. */
export function protectedAverage(sum: number, answers: number): Shown {
  if (answers <= 0) return null;
  if (answers < SMALL_GROUP_THRESHOLD) return "suppressed";
  return Math.round((sum / answers) * 10) / 10;
}

/**
 * The figures of one group, small groups suppressed. A group of fewer than 5 teachers shows no
 * figure at all (each reads "< 5"), so that no rate or sum can describe one or two people.
 */
export function figuresOf(counts: GroupCounts): Figures {
  const smallGroup = counts.teachers > 0 && counts.teachers < SMALL_GROUP_THRESHOLD;
  const figures: Figures = {
    teachers: protectCount(counts.teachers),
    enrolled: protectCount(counts.enrolled),
    fillRate: counts.seats ? protectedPercent(counts.seats.taken, counts.seats.cap) : null,
    waitlistPressure: waitlistPressure(counts.waitlisted, counts.enrolled),
    attendanceRate: protectedPercent(counts.attended, counts.assessed),
    noShowRate: protectedPercent(counts.assessed - counts.attended, counts.assessed),
    completionRate: protectedPercent(counts.completed, counts.assessed),
    hoursCertified:
      counts.completed === 0
        ? 0
        : counts.completed < SMALL_GROUP_THRESHOLD
          ? "suppressed"
          : Math.floor(counts.certifiedMinutes / 60),
    satisfaction: counts.satisfaction ? protectedAverage(counts.satisfaction.sum, counts.satisfaction.responses) : null,
  };
  if (smallGroup) {
    // Seats and questionnaires are not counted by teacher, so they keep their own rule.
    for (const key of FIGURE_KEYS) {
      if (key !== "fillRate" && key !== "satisfaction" && figures[key] !== null) figures[key] = "suppressed";
    }
  }
  return withholdDependents(figures);
}

/** The rates taken over a group's places: with the number of places they give back the people they count. */
const RATES_OF_PLACES = ["waitlistPressure", "attendanceRate", "noShowRate", "completionRate"] as const;

/**
 * What a row's own figures would give away of a hidden one, withheld too (ADR 0018, addendum 07/12/2026):
 * - attendance and no-shows are shares of the same places and add up to 100%: "< 5" beside 97% was 3%;
 * - with the places hidden, the rates over them are too: a rate with one decimal times a number of places is a
 *   whole number of people for few numbers of places, so the rates would tell the hidden number of places.
 * Changes `figures` and returns it.
 */
export function withholdDependents(figures: Figures): Figures {
  const withhold = (key: FigureKey) => {
    if (typeof figures[key] === "number") figures[key] = "withheld";
  };
  if (hidden(figures.enrolled)) RATES_OF_PLACES.forEach(withhold);
  if (hidden(figures.attendanceRate)) withhold("noShowRate");
  if (hidden(figures.noShowRate)) withhold("attendanceRate");
  return figures;
}

/**
 * The figures that add up over the groups of a table to the totals' (the count each is of, to hide the smallest):
 * places and the people counted among them, over any breakdown (a place has one month, one type, one level and its
 * teacher's profile); seats over the breakdowns that have them (month, type, level). The rates count because the
 * number they are of can be read back (with the places, or an edition's seats from the catalogue). Teachers add up
 * only over the teachers' own dimensions (TEACHER_DIMENSIONS: one teacher in two months is one teacher in the
 * total). Satisfaction does not: an average does not give its sum without its number of answers, which is not shown.
 */
const ADDITIVE_AMOUNTS: Partial<Record<FigureKey, (counts: GroupCounts) => number>> = {
  enrolled: (c) => c.enrolled,
  teachers: (c) => c.teachers,
  waitlistPressure: (c) => c.waitlisted,
  attendanceRate: (c) => c.attended,
  noShowRate: (c) => c.assessed - c.attended,
  completionRate: (c) => c.completed,
  hoursCertified: (c) => c.certifiedMinutes,
  fillRate: (c) => c.seats?.taken ?? 0,
};

/**
 * Complementary (secondary) suppression of a table whose groups (`groups`, by `by`) partition the totals' row
 * (`total`, its figures as shown): the figures of each group as figuresOf gives them, then, as long as a figure that
 * adds up has exactly one hidden group while the total shows a number (the total minus the shown groups would be the
 * hidden one; a group that counts some but shows "—" hides them as well), the smallest other group that shows it (by
 * the count it is of, groups counting some before those counting none, then by key, so that the same groups are
 * hidden in every table of a view) has it withheld, with what its own row would give away (withholdDependents); when
 * no other group shows it, the total's figure is withheld instead, in `total` (the caller's totals' row: each table
 * of a view passes the same, so a total any of them hides is hidden in all). The page, its charts, the CSV and the
 * XLSX all read the result.
 */
export function complementarySuppression(
  groups: readonly { key: string; counts: GroupCounts }[],
  total: Figures,
  by: DashboardDimension,
  inherited: (groupKey: string) => Iterable<FigureKey> = () => [],
): Figures[] {
  // What the group must hide whatever its own counts (withholdFigures: the unfiltered view hides it, protectView).
  const figures = groups.map((g) => withholdFigures(figuresOf(g.counts), inherited(g.key)));
  const keys = (Object.keys(ADDITIVE_AMOUNTS) as FigureKey[]).filter(
    (key) => key !== "teachers" || TEACHER_DIMENSIONS.includes(by),
  );
  for (let changed = true; changed;) {
    changed = false;
    for (const key of keys) {
      if (typeof total[key] !== "number") continue;
      const amount = ADDITIVE_AMOUNTS[key]!;
      // A group whose figure does not apply but still counts some (requests that queued, with no place to be a
      // rate of) hides them as well as a hidden figure does.
      const concealing = figures.filter((f, i) => hidden(f[key]) || (f[key] === null && amount(groups[i]!.counts) > 0));
      if (concealing.length !== 1 || !hidden(concealing[0]![key])) continue;
      const candidates = groups
        .map((g, i) => ({ i, key: g.key, amount: amount(g.counts) }))
        .filter(({ i }) => typeof figures[i]![key] === "number")
        .sort(
          (a, b) => Number(a.amount <= 0) - Number(b.amount <= 0) || a.amount - b.amount || compareKeys(a.key, b.key),
        );
      // No other group shows it (the others have none: "—"): the total is then the hidden group's, and goes.
      const row = candidates[0] ? figures[candidates[0].i]! : total;
      row[key] = "withheld";
      withholdDependents(row);
      changed = true;
    }
  }
  return figures;
}

/**
 * Hides `keys` in a row: a number (0 too) is withheld, "< 5" stays, "—" stays; then what the row would give away of
 * them (withholdDependents). Changes `figures` and returns it.
 */
export function withholdFigures(figures: Figures, keys: Iterable<FigureKey>): Figures {
  for (const key of keys) if (typeof figures[key] === "number") figures[key] = "withheld";
  return withholdDependents(figures);
}

/** A cell of the crossing of a view's tables: its group in each dimension of the crossing, and what it counts. */
export type CrossedCell = { keys: Partial<Record<DashboardDimension, string>>; counts: GroupCounts };

/**
 * The finest cells a view's tables are all unions of (ADR 0018, addendum 07/12/2026 (3)): `places`, the cells of its
 * places by every dimension of the view's tables at once (`dims`: the region — national —, the month, the
 * breakdown), and `seats`, its seats by month and the breakdown's event type or level (seats are the editions'). Two
 * tables of one view (the breakdown by school level and the regions) are two sums over the same cells:
 * crossTableSuppression reads them together. Only which cells exist is kept, and whether a cell holds places (a cell
 * of the teachers' dimensions has teachers exactly then): the audit solves for sums over cells, not for the cells'
 * values. Kept small, as the counts' cache holds it: each cell is one number, the indices of its keys in `keys` (one
 * list per dimension, `base` − 1 for a dimension it has not), in base `base`, times 2, plus 1 when it holds places.
 */
export type ViewCrossing = {
  dims: readonly DashboardDimension[];
  keys: readonly (readonly string[])[];
  base: number;
  places: readonly number[];
  seats: readonly number[];
};

/** The crossing of a view from its cells (`places`: their places; `seats`: their seats), in one order. */
export function compactCrossing(
  dims: readonly DashboardDimension[],
  places: readonly CrossedCell[],
  seats: readonly CrossedCell[],
): ViewCrossing {
  const keys = dims.map((dim) => {
    const present = new Set<string>();
    for (const list of [places, seats])
      for (const cell of list) if (cell.keys[dim] !== undefined) present.add(cell.keys[dim]);
    return [...present].sort();
  });
  const indexOf = keys.map((list) => new Map(list.map((key, i) => [key, i])));
  const base = Math.max(2, ...keys.map((k) => k.length + 1));
  const code = (cell: CrossedCell, placed: boolean) => {
    let value = 0;
    for (let d = dims.length - 1; d >= 0; d--) {
      const key = cell.keys[dims[d]!];
      value = value * base + (key === undefined ? base - 1 : indexOf[d]!.get(key)!);
    }
    return value * 2 + (placed ? 1 : 0);
  };
  const unique = (codes: number[]) => [...new Set(codes)].sort((a, b) => a - b);
  return {
    dims,
    keys,
    base,
    places: unique(places.map((c) => code(c, c.counts.enrolled > 0))),
    seats: unique(seats.map((c) => code(c, true))),
  };
}

/** The cells of a crossing as keys (`placed`: it holds places), for the audit and for reading one back. */
export function crossingCells(
  crossing: ViewCrossing,
  which: "places" | "seats",
): { keys: Partial<Record<DashboardDimension, string>>; placed: boolean }[] {
  return crossing[which].map((code) => {
    const keys: Partial<Record<DashboardDimension, string>> = {};
    let rest = Math.floor(code / 2);
    crossing.dims.forEach((dim, d) => {
      const index = rest % crossing.base;
      rest = Math.floor(rest / crossing.base);
      if (index !== crossing.base - 1) keys[dim] = crossing.keys[d]![index]!;
    });
    return { keys, placed: code % 2 === 1 };
  });
}

/** The dimensions over which seats add up (each edition has one month, type and level; none has a teacher). */
const SEAT_DIMENSIONS: readonly DashboardDimension[] = ["month", "type", "level"];

/** One table of a view being protected: its groups as counted and their figures as shown (changed in place). */
export type ShownTable = {
  by: DashboardDimension;
  groups: readonly { key: string; counts: GroupCounts }[];
  figures: Figures[];
};

/**
 * Suppression across the tables of one view (ADR 0018, addendum 07/12/2026 (3)): complementarySuppression protects
 * each table alone, but a view's tables partition the same people, so a group one table hides can be the sum of
 * groups another shows (a region whose teachers are the only lower-secondary ones: the breakdown by school level
 * shows the region's withheld figures). For each figure that adds up, the numbers the view shows (its groups', its
 * total's) are equations over the crossing's cells that count some (`crossing`; a cell with none is known to be
 * empty); a hidden group is read back exactly when its cells' sum is a linear combination of them. As long as one
 * is, a group that shows the figure is withheld: the first that leaves it unknown (groups meeting it before others,
 * then the smallest, as complementarySuppression orders them), or the first of them when none does alone; when no
 * group is left, the total's figure. Repeated until no hidden group follows from the view's numbers; in every table
 * of the same dimension alike (the breakdown by region and the tiles). Changes `tables` and `total`; says whether it
 * withheld anything.
 */
export function crossTableSuppression(tables: readonly ShownTable[], total: Figures, crossing: ViewCrossing): boolean {
  let any = false;
  // The cells and their groups depend on the figure only through its kind (teachers, placed, requests, seats) and on the
  // tables only through their dimensions: made once per crossing, kind and dimensions (a reference hiding audits
  // the same view's crossing in every round of unfilteredHiding, and protectView again).
  let known = cellStructures.get(crossing);
  if (!known) cellStructures.set(crossing, (known = new Map()));
  const dimsKey = [...new Set(tables.map((t) => t.by))].join("\u0000");
  const structureOf = (figure: FigureKey): CellStructure | null => {
    const kind =
      figure === "teachers" || figure === "fillRate" ? figure : countsOnlyPlaces(figure) ? "placed" : "requests";
    const id = `${kind}\u0001${dimsKey}`;
    if (!known.has(id)) known.set(id, cellStructure(tables, crossing, figure));
    return known.get(id)!;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const key of Object.keys(ADDITIVE_AMOUNTS) as FigureKey[]) {
      if (withholdOneComplement(tables, total, key, structureOf(key))) changed = any = true;
    }
  }
  return any;
}

/** cellStructure's answers, per crossing (the counts' cache holds the crossings: a structure lives as long as they do). */
const cellStructures = new WeakMap<ViewCrossing, Map<string, CellStructure | null>>();

/** A group of a dimension as the view shows it, with the crossing's cells (indices) it sums. */
type AuditGroup = {
  dim: DashboardDimension;
  key: string;
  amount: number;
  cells: number[];
  /** Its figure is known: a number in some table, or a "—" that counts none. */
  shown: boolean;
  /** A number in some table: it can be withheld. */
  number: boolean;
  hides: boolean;
};

/** The unknown cells of a kind of figure over the dimensions it adds up over, and the cells of each group. */
type CellStructure = { dims: DashboardDimension[]; size: number; cellsByGroup: Map<string, number[]> };

function withholdOneComplement(
  tables: readonly ShownTable[],
  total: Figures,
  figure: FigureKey,
  structure: CellStructure | null,
): boolean {
  const amountOf = ADDITIVE_AMOUNTS[figure]!;
  if (!structure) return false;
  const { dims, size, cellsByGroup } = structure;
  // The groups, one per dimension and key however many tables show it (shown: a number in any of them).
  const groups = new Map<string, AuditGroup>();
  for (const table of tables) {
    if (!dims.includes(table.by)) continue;
    table.groups.forEach((g, i) => {
      const id = `${table.by}\u0000${g.key}`;
      let group = groups.get(id);
      if (!group) {
        const cellsOf = cellsByGroup.get(id) ?? [];
        group = {
          dim: table.by,
          key: g.key,
          amount: amountOf(g.counts),
          cells: cellsOf,
          shown: false,
          number: false,
          hides: false,
        };
        groups.set(id, group);
      }
      // An equation: a number, or a "—" that counts none (no places to be a rate of, and no request that queued).
      const value = table.figures[i]![figure];
      if (typeof value === "number") group.shown = group.number = true;
      else if (value === null && amountOf(g.counts) <= 0) group.shown = true;
      else if (hidden(value)) group.hides = true;
    });
  }
  const all = Array.from({ length: size }, (_, j) => j);
  const list = [...groups.values()].filter((g) => g.cells.length > 0);
  const equations = list.filter((g) => g.shown).map((g) => g.cells);
  const totalShown = typeof total[figure] === "number";
  if (totalShown) equations.push(all);
  const targets = list.filter((g) => g.hides);
  if (targets.length === 0) return false;
  const spanned = spanOf(equations, size);
  const target = targets.find((t) => spanned(t.cells));
  if (!target) return false;
  const inTarget = new Set(target.cells);
  const meets = (g: AuditGroup) => g.cells.some((c) => inTarget.has(c));
  const candidates = list
    .filter((g) => g.number && g !== target)
    .sort(
      (a, b) =>
        Number(!meets(a)) - Number(!meets(b)) ||
        Number(a.amount <= 0) - Number(b.amount <= 0) ||
        a.amount - b.amount ||
        compareKeys(a.dim, b.dim) ||
        compareKeys(a.key, b.key),
    );
  const without = (g: AuditGroup) => {
    const rest = list.filter((o) => o.shown && o !== g).map((o) => o.cells);
    if (totalShown) rest.push(all);
    return rest;
  };
  // Shown by one table of its dimension and hidden by another (the breakdown by region and the tiles): shown is read.
  const chosen = target.number
    ? target
    : (candidates.find((g) => !inSpan(target.cells, without(g), size)) ?? candidates[0]);
  if (!chosen) {
    if (!totalShown) return false;
    total[figure] = "withheld";
    withholdDependents(total);
    return true;
  }
  for (const table of tables) {
    if (table.by !== chosen.dim) continue;
    table.groups.forEach((g, i) => {
      if (g.key === chosen.key) withholdFigures(table.figures[i]!, [figure]);
    });
  }
  return true;
}

/**
 * Whether a figure counts only what places hold (teachers placed, places, those assessed, attended, completed, their
 * certified minutes): a cell of the crossing without places counts none of it, and a narrower view shows that. The
 * waiting list counts requests, which a cell without places can hold; the fill rate counts seats.
 */
function countsOnlyPlaces(figure: FigureKey): boolean {
  return figure !== "waitlistPressure" && figure !== "fillRate";
}

function cellStructure(tables: readonly ShownTable[], crossing: ViewCrossing, figure: FigureKey): CellStructure | null {
  const usable = (dim: DashboardDimension) =>
    crossing.dims.includes(dim) &&
    (figure === "teachers"
      ? TEACHER_DIMENSIONS.includes(dim)
      : figure === "fillRate"
        ? SEAT_DIMENSIONS.includes(dim)
        : true);
  const dims = [...new Set(tables.map((t) => t.by))].filter(usable);
  // Over one dimension the tables are one table: complementarySuppression's business.
  if (dims.length < 2) return null;
  // The unknowns: the cells, projected on these dimensions, whatever they count of the figure (that a cell counts
  // none is not shown: "< 5" on a completion rate may be none of two people). What is counted of places (countsOnlyPlaces):
  // the cells with places, the others known to count none (a row of a cell's requests shows its 0 places and
  // teachers, "—" for each rate and 0 certified hours); the waiting list: every cell.
  // Read from the crossing's codes (compactCrossing) without decoding them: a projection is the digits of `dims`.
  const { base } = crossing;
  const digitOf = dims.map((dim) => base ** crossing.dims.indexOf(dim));
  const signatures = new Map<number, number>();
  // Per dimension of `dims`, per key index (base − 1: the cell has no key there), the cells of that group.
  const cellsOfKey = dims.map(() => new Map<number, number[]>());
  const digits = new Array<number>(dims.length);
  for (const code of crossing[figure === "fillRate" ? "seats" : "places"]) {
    if (countsOnlyPlaces(figure) && code % 2 === 0) continue;
    const rest = Math.floor(code / 2);
    let signature = 0;
    for (let i = 0; i < dims.length; i++) {
      digits[i] = Math.floor(rest / digitOf[i]!) % base;
      signature = signature * base + digits[i]!;
    }
    if (signatures.has(signature)) continue;
    const j = signatures.size;
    signatures.set(signature, j);
    for (let i = 0; i < dims.length; i++) {
      const list = cellsOfKey[i]!.get(digits[i]!);
      if (list) list.push(j);
      else cellsOfKey[i]!.set(digits[i]!, [j]);
    }
  }
  if (signatures.size === 0) return null;
  const cellsByGroup = new Map<string, number[]>();
  dims.forEach((dim, i) => {
    const keys = crossing.keys[crossing.dims.indexOf(dim)]!;
    for (const [index, cells] of cellsOfKey[i]!)
      cellsByGroup.set(`${dim}\u0000${index === base - 1 ? "" : keys[index]!}`, cells);
  });
  return { dims, size: signatures.size, cellsByGroup };
}

/**
 * Whether the sum of the cells `target` is a linear combination of the sums `equations` (each a set of cell indices
 * out of `size`): the least-squares projection of the target on the equations, through their Gram matrix (pivoted
 * Cholesky, so that equations that depend on others, such as a total beside every group of a table, drop out), leaves
 * no residue. `spanOf` factors the equations once and answers for any number of targets.
 */
export function inSpan(target: readonly number[], equations: readonly (readonly number[])[], size: number): boolean {
  return spanOf(equations, size)(target);
}

export function spanOf(
  equations: readonly (readonly number[])[],
  size: number,
): (target: readonly number[]) => boolean {
  const m = equations.length;
  // Which equations each cell is in.
  const of: number[][] = Array.from({ length: size }, () => []);
  equations.forEach((cells, i) => cells.forEach((c) => of[c]!.push(i)));
  const gram = Array.from({ length: m }, () => new Float64Array(m));
  for (const list of of) for (const i of list) for (const j of list) gram[i]![j]! += 1;
  // Pivoted Cholesky: gram ≈ Σ l lᵀ over the independent equations (`pivots`, in order).
  const diagonal = Float64Array.from(gram, (row, i) => row[i]!);
  const columns: Float64Array[] = [];
  const pivots: number[] = [];
  const used = new Uint8Array(m);
  const tolerance = 1e-9 * Math.max(1, ...diagonal);
  for (;;) {
    let pivot = -1;
    for (let i = 0; i < m; i++) if (!used[i] && (pivot < 0 || diagonal[i]! > diagonal[pivot]!)) pivot = i;
    if (pivot < 0 || diagonal[pivot]! <= tolerance) break;
    used[pivot] = 1;
    const root = Math.sqrt(diagonal[pivot]!);
    const column = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let value = gram[i]![pivot]!;
      for (const l of columns) value -= l[i]! * l[pivot]!;
      column[i] = value / root;
    }
    columns.push(column);
    pivots.push(pivot);
    for (let i = 0; i < m; i++) if (!used[i]) diagonal[i]! -= column[i]! ** 2;
  }
  return (target) => {
    // b = the target's overlap with each equation; y solves L y = b; the residue is |t|² − |y|².
    const b = new Float64Array(m);
    for (const c of target) for (const i of of[c]!) b[i]! += 1;
    const y: number[] = [];
    pivots.forEach((pivot, k) => {
      let rhs = b[pivot]!;
      for (let j = 0; j < k; j++) rhs -= columns[j]![pivot]! * y[j]!;
      y.push(rhs / columns[k]![pivot]!);
    });
    const residue = target.length - y.reduce((sum, v) => sum + v * v, 0);
    return residue < 1e-6 * Math.max(1, target.length);
  };
}

/** A table of a view as counted: its groups (each a partition of the totals') and what they are (`by`). */
export type TableCounts = { by: DashboardDimension; groups: readonly { key: string; counts: GroupCounts }[] };

/** The dimensions a view can be filtered by (months are a breakdown only, the school year picks disjoint editions). */
export const FILTER_DIMENSIONS = ["region", "schoolLevel", "role", "type", "level"] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

/**
 * What the scope's unfiltered view (its school year, no other filter) hides, as the reference of every view of that
 * scope and year (ADR 0018, addendum 07/12/2026 (2)): for each dimension, the figures each group hides ("< 5" or
 * withheld) in the unfiltered view's tables by that dimension; and the figures its totals hide.
 */
export type UnfilteredHiding = {
  totals: ReadonlySet<FigureKey>;
  groups: Partial<Record<DashboardDimension, ReadonlyMap<string, ReadonlySet<FigureKey>>>>;
};

export const NOTHING_HIDDEN: UnfilteredHiding = { totals: new Set(), groups: {} };

function hiddenKeys(figures: Figures): Set<FigureKey> {
  return new Set(FIGURE_KEYS.filter((key) => hidden(figures[key])));
}

/**
 * A wider view's hiding, for a narrower one (ADR 0018, addendum 07/12/2026 (3)): the view without the filter `dim`
 * (its hiding, `hiding`), whose tables by `dim` have the narrower view's whole as the row `value`.
 */
export type ParentHiding = { dim: FilterDimension; value: string; hiding: UnfilteredHiding };

/**
 * What a view filtered by several values must hide before its own rule, from each view with one filter fewer: its
 * totals hide what each of them hides in its totals and in its row of the dropped filter's value (the complements a
 * filtered view chose: the view narrowed to primaria withholds Umbria beside Toscana's "< 5", so the view narrowed to
 * primaria and Umbria withholds its totals), and each of its groups' rows what each of them hides in that group's row
 * (or the narrower views' rows would add up to it).
 */
export function inheritedHiding(parents: readonly ParentHiding[]): UnfilteredHiding {
  const totals = new Set<FigureKey>();
  const groups: Partial<Record<DashboardDimension, Map<string, Set<FigureKey>>>> = {};
  for (const { dim, value, hiding } of parents) {
    hiding.totals.forEach((key) => totals.add(key));
    hiding.groups[dim]?.get(value)?.forEach((key) => totals.add(key));
    for (const by of DASHBOARD_DIMENSIONS) {
      for (const [key, set] of hiding.groups[by] ?? []) {
        const map = (groups[by] ??= new Map());
        const into = map.get(key) ?? new Set<FigureKey>();
        set.forEach((k) => into.add(k));
        map.set(key, into);
      }
    }
  }
  return { totals, groups };
}

/**
 * The unfiltered view's hiding, from its totals and every table it can show (by each dimension, as the page shows
 * them: the breakdown's groups, the twelve months, the twenty-one regions' tiles): complementary suppression of each,
 * each table also hiding what another table of the same dimension hides and what the totals hide, then suppression
 * across the tables of each of its views (`crossings`: each view's cells, over the tables of its `dims`;
 * crossTableSuppression), repeated until nothing more is hidden, so that protectView on the unfiltered view itself
 * hides exactly this (whatever its breakdown: a total withheld by the table by role is withheld in the view broken
 * down by type as well). The same for a filtered view's filter set (`parents`: the hiding of each view with one filter
 * fewer, inheritedHiding), the reference of every view of that filter set and of the narrower ones.
 */
export function unfilteredHiding(
  totals: GroupCounts,
  tables: readonly TableCounts[],
  crossings: readonly ViewCrossing[] = [],
  parents: readonly ParentHiding[] = [],
): UnfilteredHiding {
  const above = inheritedHiding(parents);
  const totalFigures = withholdFigures(figuresOf(totals), above.totals);
  const groups: Partial<Record<DashboardDimension, Map<string, Set<FigureKey>>>> = {};
  const setOf = (by: DashboardDimension, key: string) => {
    const map = (groups[by] ??= new Map());
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    return set;
  };
  for (let changed = true; changed;) {
    changed = false;
    const totalHidden = hiddenKeys(totalFigures);
    const shown: ShownTable[] = tables.map((table) => ({
      by: table.by,
      groups: table.groups,
      figures: complementarySuppression(table.groups, totalFigures, table.by, (key) => [
        ...totalHidden,
        ...(groups[table.by]?.get(key) ?? []),
        ...(above.groups[table.by]?.get(key) ?? []),
      ]),
    }));
    for (const crossing of crossings) {
      crossTableSuppression(
        shown.filter((t) => crossing.dims.includes(t.by)),
        totalFigures,
        crossing,
      );
    }
    for (const table of shown) {
      table.groups.forEach((g, i) => {
        const set = setOf(table.by, g.key);
        for (const key of hiddenKeys(table.figures[i]!)) {
          if (!set.has(key)) {
            set.add(key);
            changed = true;
          }
        }
      });
    }
    if (hiddenKeys(totalFigures).size !== totalHidden.size) changed = true;
  }
  return { totals: hiddenKeys(totalFigures), groups };
}

/**
 * The figures of a view of a scope and school year, protected against subtraction within the view and against the
 * scope's unfiltered view (ADR 0018, addenda 07/12/2026): a figure the unfiltered view hides for a group stays
 * hidden
 * - in every row and the totals of any view filtered to that group (`filters`: the region of the national unit's
 *   region filter, the school level, role, event type and level; the view filtered to a withheld region gave its
 *   total, and so the "< 5" beside it, back),
 * - in that group's row of every table of every view (a view filtered to "primaria" hides the rows of the regions
 *   the unfiltered view hides, or the regions of all the filtered views would add up to the hidden one),
 * and a figure its totals hide is hidden in every view. Then each table gets complementary suppression as before,
 * the rows hidden from above counting as hidden, and, given the view's cells (`crossing`), its tables are protected
 * together (crossTableSuppression: a group one table hides is not the sum of groups another shows). What the
 * unfiltered view shows, a filtered view shows or hides on its own rule (what it withholds beside its own "< 5" is
 * not carried further: the addendum says what that leaves).
 */
export function protectView(
  totals: GroupCounts,
  tables: readonly TableCounts[],
  filters: Partial<Record<FilterDimension, string>>,
  unfiltered: UnfilteredHiding,
  crossing?: ViewCrossing,
): { totals: Figures; tables: Figures[][] } {
  const everywhere = new Set(unfiltered.totals);
  for (const by of FILTER_DIMENSIONS) {
    const value = filters[by];
    if (value !== undefined) for (const key of unfiltered.groups[by]?.get(value) ?? []) everywhere.add(key);
  }
  for (;;) {
    const totalFigures = withholdFigures(figuresOf(totals), everywhere);
    const rows = tables.map((table) =>
      complementarySuppression(table.groups, totalFigures, table.by, (key) => [
        ...everywhere,
        ...(unfiltered.groups[table.by]?.get(key) ?? []),
      ]),
    );
    if (crossing) {
      crossTableSuppression(
        tables.map((table, i) => ({ by: table.by, groups: table.groups, figures: rows[i]! })),
        totalFigures,
        crossing,
      );
    }
    // A total hidden (its own "< 5", or withheld by a table) hides its parts in every table: the groups of another
    // table would add up to it. Again with those hidden from the start, until the totals hide nothing more.
    const more = [...hiddenKeys(totalFigures)].filter((key) => !everywhere.has(key));
    if (more.length === 0) return { totals: totalFigures, tables: rows };
    more.forEach((key) => everywhere.add(key));
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Requests that queued per 100 places held ("< 5" when either side counts 1 to 4 people). */
function waitlistPressure(waitlisted: number, enrolled: number): Shown {
  if (enrolled === 0) return waitlisted === 0 ? null : protectCount(waitlisted) === "suppressed" ? "suppressed" : null;
  if (protectCount(waitlisted) === "suppressed" || enrolled < SMALL_GROUP_THRESHOLD) return "suppressed";
  return Math.round((waitlisted / enrolled) * 1000) / 10;
}

/** A figure as text: "< 5", "riservato" / "withheld", "—" (not applicable) or the number as `number` writes it. */
export function figureText(value: Shown, number: (value: number) => string, locale: "it" | "en"): string {
  if (value === null) return "—";
  if (value === "suppressed") return `< ${SMALL_GROUP_THRESHOLD}`;
  if (value === "withheld") return WITHHELD_TEXT[locale];
  return number(value);
}

/**
 * A figure as text for the page (tables, charts): "< 5", "riservato", "—" or the number in the locale's format. The CSV writes
 * its numbers in its own convention instead (tableTextRows), the XLSX as numbers.
 */
export function shownText(value: Shown, locale: "it" | "en", options: { percent?: boolean } = {}): string {
  return figureText(
    value,
    (n) => {
      const text = new Intl.NumberFormat(locale === "en" ? "en-GB" : "it-IT", { maximumFractionDigits: 1 }).format(n);
      return options.percent ? `${text}%` : text;
    },
    locale,
  );
}
