// The dashboard's counts (issue 16), read from the summary tables the "cruscotto" job rebuilds
// (app/models/dashboard-summary.server.ts; ADR 0021 says why: counting live took 2–6 s per view at
// national volume) with plain SQL, the same text on both engines (app/utils/sql.server.ts), and kept
// in memory per build, scope and filters. Until a first build exists the same figures are counted live
// (app/models/dashboard-live.server.ts, ADR 0018). Only counts leave this module: no name, no id of a person.
//
// Scope: the national unit sees every region; a USR referent sees the participants of their
// region, in their region's events and in national and European events (never another region's
// regional events, never another region's teachers).
import {
  DASHBOARD_PARAMS,
  EMPTY_COUNTS,
  TEACHER_DIMENSIONS,
  schoolYearMonths,
  type CrossedCell,
  type DashboardDimension,
  type DashboardFilters,
  type GroupCounts,
  type ViewCrossing,
  compactCrossing,
} from "~/domain/dashboard.ts";
import { reachFilterOf } from "~/domain/dashboard-summary.ts";
import { EVENT_LEVELS, EVENT_TYPES } from "~/domain/vocabulary.ts";
import type { ReadSource } from "~/utils/read-replica.server.ts";
import { sqlReadFrom, sqlReadRowsFrom, toInt } from "~/utils/sql.server.ts";
import { Params, cellKeys, liveRawCounts, regionOf } from "./dashboard-live.server.ts";
import { FACT_COUNTERS, dashboardSummaryState } from "./dashboard-summary.server.ts";

export type DashboardScope = { kind: "national" } | { kind: "region"; regionCode: string };

export type DashboardGroup = { key: string; counts: GroupCounts };

export type DashboardCounts = {
  /** When the figures were taken: the start of the summary build they come from (or now, counted live). */
  computedAt: Date;
  totals: GroupCounts;
  /** By the chosen dimension (filters.by), every group with at least one row. */
  breakdown: DashboardGroup[];
  /** The school year's twelve months, September first, every month present. */
  months: DashboardGroup[];
  /** Every region with at least one row: the national unit's tile grid (null for a referent). */
  regions: DashboardGroup[] | null;
  /**
   * The cells the tables above are all unions of (ADR 0018, addendum 07/12/2026 (3)): places by region (national),
   * month and the breakdown at once, seats by month and the breakdown's event type or level; each cell with at
   * least one row, in a set order (the summary and the live count agree on them).
   */
  crossing: ViewCrossing;
};

/** Seats and questionnaire answers, which belong to editions rather than to teachers. */
export type EditionSide = Pick<GroupCounts, "seats" | "satisfaction">;

/**
 * What a source of counts (the summary or a live count) gives for one view: totals, the groups of
 * the breakdown (null when by month), of the months ("0".."11") and of the regions (national unit,
 * when the breakdown is not already by region), and the edition side by month and by event type or level.
 */
export type RawCounts = {
  total: GroupCounts;
  by: Map<string, GroupCounts> | null;
  months: Map<string, GroupCounts>;
  regions: Map<string, GroupCounts> | null;
  monthEditions: Map<string, EditionSide>;
  byEditions: Map<string, EditionSide> | null;
  /**
   * The places by region (national), month ("0".."11") and the breakdown's key at once, and the seats by month and
   * the breakdown's event type or level (`keys` in DashboardCounts.crossing's dimensions, the month as its index).
   */
  placeCells: CrossedCell[];
  seatCells: CrossedCell[];
  /** Each cell given once (the summary's grouped rows); a live count may give one cell in parts, merged here. */
  cellsDistinct?: boolean;
};

/** The dimensions of a view's crossing: the region (national), the month and the breakdown. */
export function crossingDims(scope: DashboardScope, filters: DashboardFilters): DashboardDimension[] {
  const dims: DashboardDimension[] = scope.kind === "national" ? ["region", "month"] : ["month"];
  if (!dims.includes(filters.by)) dims.push(filters.by);
  return dims;
}

/** Counts computed live are reused this long for the same scope and filters (summary counts: as long as their build). */
export const CACHE_TTL_MS = 5 * 60_000;
const CACHE_MAX_ENTRIES = 500;
const cache = new Map<string, { at: number; value: DashboardCounts }>();

/** Forgets every cached count (tests, and after bulk imports). */
export function clearDashboardCache() {
  cache.clear();
  yearFactsCache.clear();
}

/** The dimensions of a DashboardFact row kept as codes: each a column of small numbers with its values' list. */
const FACT_DIMENSIONS = ["regionCode", "eventType", "eventLevel", "schoolLevel", "role"] as const;
type FactDimension = (typeof FACT_DIMENSIONS)[number];

/** A school year's DashboardFact rows of one build, in columns (ADR 0021 addendum (5)). */
type YearFacts = {
  size: number;
  month: Uint8Array;
  inRegionScope: Uint8Array;
  /** Each dimension's code per row, and the values the codes stand for. */
  codes: Record<FactDimension, Uint16Array>;
  values: Record<FactDimension, string[]>;
  /** The FACT_COUNTERS of row i at i × FACT_COUNTERS.length. */
  counts: Float64Array;
  /** The rows of each region (their indexes). */
  byRegion: Map<string, Uint32Array>;
};

/**
 * A school year's DashboardFact rows of one build, read once per process and kept while the build is recent (a build's
 * rows never change). Every view of that year then groups them in memory (ADR 0021 addendum (5)): a national view
 * narrowed by five filters reads the views of its 32 filter sets (ADR 0018 addendum (3)), which were 66 grouped reads
 * of the table. The national unit's views read the whole year (28,000 rows at national volume, about 0.7 MB here), a
 * referent's only their region's rows (the whole year's when already read). YEAR_FACTS_KEPT sets at most.
 */
const yearFactsCache = new Map<string, Promise<YearFacts>>();
const YEAR_FACTS_KEPT = 32;

function yearFacts(generation: number, year: number, source: ReadSource, region?: string): Promise<YearFacts> {
  const wholeYear = `${generation}|${year}|${source}|`;
  const key = region === undefined ? wholeYear : `${wholeYear}${region}`;
  let pending = yearFactsCache.get(key) ?? (region === undefined ? undefined : yearFactsCache.get(wholeYear));
  if (!pending) {
    pending = sqlReadRowsFrom(
      source,
      `SELECT f."month", f."inRegionScope", ${FACT_DIMENSIONS.map((d) => `f."${d}"`).join(", ")},
              ${FACT_COUNTERS.map((c) => `f."${c}"`).join(", ")}
       FROM "DashboardFact" f
       WHERE f."generation" = $1 AND f."year" = $2${region === undefined ? "" : ` AND f."regionCode" = $3`}
       ORDER BY f."regionCode"`,
      ...(region === undefined ? [generation, year] : [generation, year, region]),
    ).then(factColumns);
    // A failed read is not kept: the next view reads again.
    pending.catch(() => yearFactsCache.delete(key));
    if (yearFactsCache.size >= YEAR_FACTS_KEPT) yearFactsCache.delete(yearFactsCache.keys().next().value!);
    yearFactsCache.set(key, pending);
  }
  return pending;
}

function factColumns(rows: unknown[][]): YearFacts {
  const size = rows.length;
  const facts: YearFacts = {
    size,
    month: new Uint8Array(size),
    inRegionScope: new Uint8Array(size),
    codes: Object.fromEntries(FACT_DIMENSIONS.map((d) => [d, new Uint16Array(size)])) as YearFacts["codes"],
    values: Object.fromEntries(FACT_DIMENSIONS.map((d) => [d, []])) as unknown as YearFacts["values"],
    counts: new Float64Array(size * FACT_COUNTERS.length),
    byRegion: new Map(),
  };
  const codeOf = FACT_DIMENSIONS.map(() => new Map<string, number>());
  const regionRows = new Map<string, number[]>();
  rows.forEach((row, i) => {
    facts.month[i] = toInt(row[0] as number | string);
    facts.inRegionScope[i] = toInt(row[1] as number | string);
    FACT_DIMENSIONS.forEach((dim, d) => {
      const value = String(row[2 + d]);
      let code = codeOf[d]!.get(value);
      if (code === undefined) {
        code = facts.values[dim].push(value) - 1;
        codeOf[d]!.set(value, code);
      }
      facts.codes[dim][i] = code;
    });
    for (let c = 0; c < FACT_COUNTERS.length; c++)
      facts.counts[i * FACT_COUNTERS.length + c] = toInt(row[2 + FACT_DIMENSIONS.length + c] as number | string);
    const region = String(row[2]);
    let of = regionRows.get(region);
    if (!of) regionRows.set(region, (of = []));
    of.push(i);
  });
  for (const [region, indexes] of regionRows) facts.byRegion.set(region, Uint32Array.from(indexes));
  return facts;
}

/** The breakdowns that group places by a fact's dimension (by region and by month group by region and month anyway). */
const FACT_BY_DIMENSIONS = {
  schoolLevel: "schoolLevel",
  role: "role",
  type: "eventType",
  level: "eventLevel",
} as const;

/**
 * A view's places from the year's facts: the rows its filters keep (a referent's: the events their office follows),
 * summed by region, month and the breakdown's value (`key`, "" when by region or month), as a grouped read gives them.
 */
function factGroups(
  facts: YearFacts,
  filters: DashboardFilters,
  region: string | undefined,
  referent: boolean,
  by: FactDimension | null,
): Row[] {
  // A filter's value as a code (-1: no row has it, so none is kept); null: no filter.
  const wanted = (dim: FactDimension, value: string | undefined) =>
    value === undefined ? null : facts.values[dim].indexOf(value);
  const conditions = (
    [
      ["schoolLevel", wanted("schoolLevel", filters.schoolLevel)],
      ["role", wanted("role", filters.role)],
      ["eventType", wanted("eventType", filters.type)],
      ["eventLevel", wanted("eventLevel", filters.level)],
    ] as const
  ).flatMap(([dim, code]) => (code === null ? [] : [{ column: facts.codes[dim], code }]));
  const regions = facts.values.regionCode.length;
  const keys = by ? facts.values[by].length : 1;
  const byCodes = by ? facts.codes[by] : null;
  const width = FACT_COUNTERS.length;
  const { sums, seen, touched } = groupScratch(regions * 12 * keys, width);
  let touchedCount = 0;
  const regionCodes = facts.codes.regionCode;
  const visit = (i: number) => {
    for (const { column, code } of conditions) if (column[i] !== code) return;
    if (referent && facts.inRegionScope[i] !== 1) return;
    const group = (regionCodes[i]! * 12 + facts.month[i]!) * keys + (byCodes ? byCodes[i]! : 0);
    if (seen[group] === 0) {
      seen[group] = 1;
      touched[touchedCount++] = group;
    }
    for (let c = 0; c < width; c++) sums[group * width + c]! += facts.counts[i * width + c]!;
  };
  if (region === undefined) for (let i = 0; i < facts.size; i++) visit(i);
  else for (const i of facts.byRegion.get(region) ?? []) visit(i);
  const groups: Row[] = [];
  for (let t = 0; t < touchedCount; t++) {
    const group = touched[t]!;
    const k = group % keys;
    const regionAndMonth = (group - k) / keys;
    const row: Row = {
      region: facts.values.regionCode[Math.floor(regionAndMonth / 12)]!,
      month: regionAndMonth % 12,
      key: by ? facts.values[by][k]! : "",
    };
    FACT_COUNTERS.forEach((c, i) => {
      row[c] = sums[group * width + i]!;
      sums[group * width + i] = 0;
    });
    seen[group] = 0;
    groups.push(row);
  }
  return groups;
}

/**
 * factGroups' sums by group, reused from one view to the next (it runs without yielding, and leaves them zero): a view
 * of a national filter set allocated about 130 KB for them, 66 views for a view narrowed by five filters.
 */
let scratch = { sums: new Float64Array(0), seen: new Uint8Array(0), touched: new Int32Array(0) };
function groupScratch(groups: number, width: number) {
  if (scratch.seen.length < groups) {
    scratch = {
      sums: new Float64Array(groups * width),
      seen: new Uint8Array(groups),
      touched: new Int32Array(groups),
    };
  }
  return scratch;
}

/**
 * `source`: "replica" lets the read replica answer (ADR 0017); the page decides with
 * lagTolerantSource. The state row and the rows it names are read from the same server.
 */
export async function dashboardCounts(
  scope: DashboardScope,
  filters: DashboardFilters,
  now: Date = new Date(),
  source: ReadSource = "primary",
): Promise<DashboardCounts> {
  const state = await dashboardSummaryState(source);
  const built = state && state.generation > 0 && state.builtAt ? state : null;
  // The filters in one order (a view and the reference views of its filter set share their counts).
  const key = JSON.stringify([built?.generation ?? 0, scope, DASHBOARD_PARAMS.map((name) => filters[name] ?? null)]);
  const hit = cache.get(key);
  if (hit && (built || now.getTime() - hit.at < CACHE_TTL_MS)) return hit.value;
  const value = built
    ? assemble(scope, filters, await summaryRawCounts(built.generation, scope, filters, source), built.builtAt!)
    : assemble(scope, filters, await liveRawCounts(scope, filters, source), now);
  if (cache.size >= CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { at: now.getTime(), value });
  return value;
}

/** The same view counted live from the registers (tests and the benchmark compare it with the summary). */
export async function liveDashboardCounts(
  scope: DashboardScope,
  filters: DashboardFilters,
  now: Date = new Date(),
): Promise<DashboardCounts> {
  return assemble(scope, filters, await liveRawCounts(scope, filters), now);
}

/** The columns of the teacher dimensions in the summary tables. */
const TEACHER_COLUMNS = { region: "regionCode", schoolLevel: "schoolLevel", role: "role" } as const;

type Row = Record<string, string | number | null>;
const int = (row: Row, name: string) => toInt((row[name] ?? 0) as number | string);

type PlaceCounts = Omit<GroupCounts, "seats" | "satisfaction">;

/** The additive counts of places (teachers included: callers only add disjoint groups of teachers). */
const PLACE_COUNTS = [
  "teachers",
  "enrolled",
  "waitlisted",
  "assessed",
  "attended",
  "completed",
  "certifiedMinutes",
] as const satisfies readonly (keyof PlaceCounts)[];

/** Adds b's additive counts into a, in place. */
function addPlaceCounts(a: PlaceCounts, b: PlaceCounts) {
  for (const key of PLACE_COUNTS) a[key] += b[key];
}

/**
 * Adds b's additive counts into the group of that key, in place: each group's object is made here and belongs to the
 * fold (a fresh object per row and group cost more than the reads at national volume).
 */
function addInto(map: Map<string, GroupCounts>, key: string, b: PlaceCounts) {
  let a = map.get(key);
  if (!a) map.set(key, (a = { ...EMPTY_COUNTS }));
  addPlaceCounts(a, b);
}

/**
 * One view from the summary of one build: one grouped read of DashboardFact (places), one of
 * DashboardReachCount (distinct teachers, counted for the view's event filters) and one of DashboardEditionFact
 * (seats, answers).
 */
async function summaryRawCounts(
  generation: number,
  scope: DashboardScope,
  filters: DashboardFilters,
  source: ReadSource,
): Promise<RawCounts> {
  const region = regionOf(scope, filters);
  const referent = scope.kind === "region";
  // The teacher column the breakdown groups by, besides the region every read groups by.
  const teacherBy = filters.by === "schoolLevel" || filters.by === "role" ? TEACHER_COLUMNS[filters.by] : null;
  const eventBy = filters.by === "type" || filters.by === "level" ? filters.by : null;

  // Conditions on the teacher (both teacher tables have the same columns).
  const teacherWhere = (p: Params, alias: string) => {
    const where = [`${alias}."generation" = ${p.add(generation)}`, `${alias}."year" = ${p.add(filters.year)}`];
    if (region) where.push(`${alias}."regionCode" = ${p.add(region)}`);
    if (filters.schoolLevel) where.push(`${alias}."schoolLevel" = ${p.add(filters.schoolLevel)}`);
    if (filters.role) where.push(`${alias}."role" = ${p.add(filters.role)}`);
    return where;
  };

  // Places: the year's DashboardFact rows of this build (read once, app memory), grouped by region, month and the
  // breakdown's column; folded into every table here.
  const factBy = filters.by === "region" || filters.by === "month" ? null : FACT_BY_DIMENSIONS[filters.by];

  // Distinct teachers: counted by the build for the view's event filters (ADR 0021 addendum (5)), summed here over
  // the teacher filters.
  const rp = new Params();
  const reachWhere = teacherWhere(rp, "r");
  const reachFilter = reachFilterOf(filters, referent);
  reachWhere.push(
    `r."eventType" = ${rp.add(reachFilter.type)}`,
    `r."eventLevel" = ${rp.add(reachFilter.level)}`,
    `r."referentScope" = ${rp.add(reachFilter.referentScope)}`,
  );
  const eventKeys: readonly string[] = eventBy === "type" ? EVENT_TYPES : eventBy === "level" ? EVENT_LEVELS : [];
  const reachColumns = [`SUM(r."teachers") AS "all"`];
  for (let i = 0; i < 12; i++) reachColumns.push(`SUM(r."m${i}") AS "m${i}"`);
  eventKeys.forEach((_, i) => reachColumns.push(`SUM(r."${eventBy === "type" ? "t" : "l"}${i}") AS "k${i}"`));
  const reachSql = `SELECT r."regionCode" AS "region", ${teacherBy ? `r."${teacherBy}"` : "''"} AS "key", ${reachColumns.join(", ")}
     FROM "DashboardReachCount" r
     WHERE ${reachWhere.join(" AND ")}
     GROUP BY r."regionCode"${teacherBy ? `, r."${teacherBy}"` : ""}`;

  const editionsCounted = !filters.schoolLevel && !filters.role;
  const ep = new Params();
  const editionWhere = [`e."generation" = ${ep.add(generation)}`, `e."year" = ${ep.add(filters.year)}`];
  if (filters.type) editionWhere.push(`e."eventType" = ${ep.add(filters.type)}`);
  if (filters.level) editionWhere.push(`e."eventLevel" = ${ep.add(filters.level)}`);
  if (region) editionWhere.push(`e."eventLevel" = 'regionale'`, `e."eventRegion" = ${ep.add(region)}`);
  const editionBy = eventBy === "type" ? `e."eventType"` : eventBy === "level" ? `e."eventLevel"` : null;
  const editionSql = `SELECT e."month" AS "month", ${editionBy ?? "''"} AS "key",
            SUM(e."cappedEditions") AS "capped", SUM(e."seatCap") AS "cap", SUM(e."seatsTaken") AS "taken",
            SUM(e."responses") AS "responses", SUM(e."answerSum") AS "answerSum"
     FROM "DashboardEditionFact" e
     WHERE ${editionWhere.join(" AND ")}
     GROUP BY e."month"${editionBy ? `, ${editionBy}` : ""}`;

  const [factRows, reachRows, editionRows] = await Promise.all([
    yearFacts(generation, filters.year, source, referent ? region : undefined).then((facts) =>
      factGroups(facts, filters, region, referent, factBy),
    ),
    sqlReadFrom<Row>(source, reachSql, ...rp.values),
    editionsCounted ? sqlReadFrom<Row>(source, editionSql, ...ep.values) : Promise.resolve([] as Row[]),
  ]);

  // Which groups exist (at least one enrolment row, as a live GROUP BY would list them).
  const total = new Map<string, GroupCounts>();
  const by = new Map<string, GroupCounts>();
  const months = new Map<string, GroupCounts>();
  const regions = new Map<string, GroupCounts>();
  const byKeyOf = (row: Row) => (filters.by === "region" ? String(row.region) : String(row.key));
  const placeCells: CrossedCell[] = [];
  const eventByKey = filters.by === "type" || filters.by === "level";
  for (const row of factRows) {
    if (int(row, "rows") === 0) continue;
    const counts = {
      teachers: 0,
      enrolled: int(row, "enrolled"),
      waitlisted: int(row, "waitlisted"),
      assessed: int(row, "assessed"),
      attended: int(row, "attended"),
      completed: int(row, "completed"),
      certifiedMinutes: int(row, "certifiedMinutes"),
    };
    addInto(total, "all", counts);
    placeCells.push({
      keys: cellKeys(scope, filters, String(row.region), String(row.month), filters.by === "month" ? "" : byKeyOf(row)),
      counts: { ...EMPTY_COUNTS, ...counts },
    });
    addInto(months, String(row.month), counts);
    if (filters.by !== "month") addInto(by, byKeyOf(row), counts);
    if (scope.kind === "national") addInto(regions, String(row.region), counts);
  }
  const addTeachers = (map: Map<string, GroupCounts>, key: string, teachers: number) => {
    const group = map.get(key);
    if (group && teachers > 0) group.teachers += teachers;
  };
  for (const row of reachRows) {
    addTeachers(total, "all", int(row, "all"));
    for (let i = 0; i < 12; i++) addTeachers(months, String(i), int(row, `m${i}`));
    if (scope.kind === "national") addTeachers(regions, String(row.region), int(row, "all"));
    if (filters.by === "region") addTeachers(by, String(row.region), int(row, "all"));
    else if (teacherBy) addTeachers(by, String(row.key), int(row, "all"));
    else eventKeys.forEach((key, i) => addTeachers(by, key, int(row, `k${i}`)));
  }

  const monthEditions = new Map<string, EditionSide>();
  const byEditions = new Map<string, EditionSide>();
  const addEditions = (map: Map<string, EditionSide>, key: string, row: Row) => {
    const a = map.get(key) ?? { seats: null, satisfaction: null };
    const capped = int(row, "capped");
    const responses = int(row, "responses");
    map.set(key, {
      seats:
        capped > 0
          ? { cap: (a.seats?.cap ?? 0) + int(row, "cap"), taken: (a.seats?.taken ?? 0) + int(row, "taken") }
          : a.seats,
      satisfaction:
        responses > 0
          ? {
              responses: (a.satisfaction?.responses ?? 0) + responses,
              sum: (a.satisfaction?.sum ?? 0) + int(row, "answerSum"),
            }
          : a.satisfaction,
    });
  };
  const seatCells: CrossedCell[] = [];
  for (const row of editionRows) {
    if (int(row, "capped") === 0 && int(row, "responses") === 0) continue;
    addEditions(monthEditions, String(row.month), row);
    if (editionBy) addEditions(byEditions, String(row.key), row);
    if (int(row, "capped") > 0) {
      seatCells.push({
        keys: { month: String(row.month), ...(eventByKey ? { [filters.by]: String(row.key) } : {}) },
        counts: { ...EMPTY_COUNTS, seats: { cap: int(row, "cap"), taken: int(row, "taken") } },
      });
    }
  }
  return {
    total: total.get("all") ?? EMPTY_COUNTS,
    by: filters.by === "month" ? null : by,
    months,
    regions: scope.kind === "national" && filters.by !== "region" ? regions : null,
    monthEditions,
    byEditions: eventBy ? byEditions : null,
    placeCells,
    seatCells,
    cellsDistinct: true,
  };
}

/** The view's tables from either source: months in school-year order, the breakdown sorted, the edition side merged. */
function assemble(scope: DashboardScope, filters: DashboardFilters, raw: RawCounts, computedAt: Date): DashboardCounts {
  const monthKeys = schoolYearMonths(filters.year).map((m) => m.key);
  const withEdition = (counts: GroupCounts, extra: EditionSide | undefined) => ({
    ...counts,
    seats: extra?.seats ?? null,
    satisfaction: extra?.satisfaction ?? null,
  });
  const editionsCounted = !filters.schoolLevel && !filters.role;
  const months = monthKeys.map((key, i) => ({
    key,
    counts: withEdition(
      raw.months.get(String(i)) ?? EMPTY_COUNTS,
      editionsCounted ? (raw.monthEditions.get(String(i)) ?? { seats: null, satisfaction: null }) : undefined,
    ),
  }));
  // Seats and answers are additive over months (each edition starts in one month): the totals are their sums.
  const totals = withEdition(raw.total, editionsCounted ? sumEditionSide(raw.monthEditions) : undefined);
  let breakdown: DashboardGroup[];
  if (filters.by === "month") breakdown = months;
  else {
    breakdown = [...raw.by!.entries()]
      .map(([key, counts]) => ({
        key,
        counts: TEACHER_DIMENSIONS.includes(filters.by) ? counts : withEdition(counts, raw.byEditions?.get(key)),
      }))
      .sort((a, b) => b.counts.enrolled - a.counts.enrolled || a.key.localeCompare(b.key));
  }
  const regions =
    scope.kind !== "national"
      ? null
      : filters.by === "region"
        ? breakdown
        : [...raw.regions!.entries()]
            .map(([key, counts]) => ({ key, counts }))
            .sort((a, b) => a.key.localeCompare(b.key));
  // The cells in the months' keys, merged where a source gave one cell in parts, in one order whatever the source.
  const crossing = compactCrossing(
    crossingDims(scope, filters),
    raw.cellsDistinct ? withMonthKeys(raw.placeCells, monthKeys) : mergedCells(raw.placeCells, monthKeys),
    !editionsCounted
      ? []
      : raw.cellsDistinct
        ? withMonthKeys(raw.seatCells, monthKeys)
        : mergedCells(raw.seatCells, monthKeys),
  );
  return { computedAt, totals, breakdown, months, regions, crossing };
}

/** Cells given once each, their month as its key (compactCrossing orders them). */
function withMonthKeys(cells: readonly CrossedCell[], monthKeys: readonly string[]): CrossedCell[] {
  return cells.map((cell) => ({
    keys: { ...cell.keys, month: monthKeys[Number(cell.keys.month)]! },
    counts: cell.counts,
  }));
}

function mergedCells(cells: readonly CrossedCell[], monthKeys: readonly string[]): CrossedCell[] {
  const merged = new Map<string, CrossedCell>();
  for (const cell of cells) {
    const k = cell.keys;
    const month = monthKeys[Number(k.month)]!;
    // The cells of one list have the same dimensions (the view's crossing): their values in one order name them.
    const id = `${k.region ?? "\u0001"}\u0000${k.schoolLevel ?? "\u0001"}\u0000${k.role ?? "\u0001"}\u0000${k.type ?? "\u0001"}\u0000${k.level ?? "\u0001"}\u0000${month}`;
    const before = merged.get(id);
    // A cell's counts are never changed: a merge makes new ones.
    if (!before) {
      merged.set(id, { keys: { ...k, month }, counts: cell.counts });
      continue;
    }
    const a = before.counts;
    const b = cell.counts;
    before.counts = {
      ...a,
      seats:
        a.seats || b.seats
          ? { cap: (a.seats?.cap ?? 0) + (b.seats?.cap ?? 0), taken: (a.seats?.taken ?? 0) + (b.seats?.taken ?? 0) }
          : null,
      satisfaction: null,
    };
    // A cell's teachers are 0: distinct teachers are counted by group, never per cell.
    addPlaceCounts(before.counts, b);
  }
  // In the order of their ids (compactCrossing orders them again).
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, cell]) => cell);
}

function sumEditionSide(groups: Map<string, EditionSide>) {
  let seats = null as GroupCounts["seats"];
  let satisfaction = null as GroupCounts["satisfaction"];
  for (const g of groups.values()) {
    if (g.seats) seats = { cap: (seats?.cap ?? 0) + g.seats.cap, taken: (seats?.taken ?? 0) + g.seats.taken };
    if (g.satisfaction)
      satisfaction = {
        responses: (satisfaction?.responses ?? 0) + g.satisfaction.responses,
        sum: (satisfaction?.sum ?? 0) + g.satisfaction.sum,
      };
  }
  return { seats, satisfaction };
}
