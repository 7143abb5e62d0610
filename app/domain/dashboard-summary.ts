// The dashboard's summary tables (ADR 0021): how a teacher's activity in a school year becomes bits,
// so that "teachers reached" (distinct people, not additive) can be counted from a table of a few
// thousand rows instead of the year's enrolments. Pure: no HTTP, no Prisma.
//
// A teacher's activity in a month is the set of (event type, level slot) pairs of the editions
// starting that month in which they hold a place. Level slots are the event level as the teacher's
// USR referent sees it: European, national, their own region's regional events, another region's.
// One bit per pair: 9 types × 4 slots = 36 bits, kept in a BIGINT per month (and their union).
import { schoolYearMonths, schoolYearOf } from "./dashboard.ts";
import { EVENT_LEVELS, EVENT_TYPES } from "./vocabulary.ts";

export const LEVEL_SLOTS = ["europeo", "nazionale", "regionale-propria", "regionale-altra"] as const;
export type LevelSlot = (typeof LEVEL_SLOTS)[number];

/** The level slot of an event for a teacher: a regional event is "own" when it is of the teacher's region. */
export function levelSlotOf(level: string, eventRegion: string | null, teacherRegion: string): LevelSlot | null {
  if (level === "europeo" || level === "nazionale") return level;
  if (level === "regionale") return eventRegion === teacherRegion ? "regionale-propria" : "regionale-altra";
  return null;
}

/** Whether a teacher's referent follows the event: anything but another region's regional events. */
export function inRegionScope(level: string, eventRegion: string | null, teacherRegion: string): boolean {
  return level !== "regionale" || eventRegion === teacherRegion;
}

/** The bit of one (event type, level slot) pair; 0n for a type or level outside the vocabulary. */
export function activityBit(type: string, slot: LevelSlot | null): bigint {
  const t = (EVENT_TYPES as readonly string[]).indexOf(type);
  if (t < 0 || slot === null) return 0n;
  return 1n << BigInt(t * LEVEL_SLOTS.length + LEVEL_SLOTS.indexOf(slot));
}

function maskOf(types: readonly string[], slots: readonly LevelSlot[]): bigint {
  let mask = 0n;
  for (const type of types) for (const slot of slots) mask |= activityBit(type, slot);
  return mask;
}

/** The level slots an event level filter keeps (none: every slot). */
export function slotsOfLevel(level: string | undefined): LevelSlot[] {
  if (level === undefined) return [...LEVEL_SLOTS];
  if (level === "regionale") return ["regionale-propria", "regionale-altra"];
  return LEVEL_SLOTS.filter((s) => s === level);
}

/**
 * The bits a view's event filters keep: its type and level filters, and for a referent's scope
 * never another region's regional events (the teachers read are all of the referent's region).
 */
export function activityFilterMask(filters: { type?: string; level?: string }, referentScope: boolean): bigint {
  const slots = slotsOfLevel(filters.level).filter((s) => !(referentScope && s === "regionale-altra"));
  return maskOf(filters.type ? [filters.type] : EVENT_TYPES, slots);
}

/** The bits of one event type (every slot), and of one event level (every type). */
export function typeMask(type: string): bigint {
  return maskOf([type], LEVEL_SLOTS);
}
export function levelMask(level: string): bigint {
  return maskOf(EVENT_TYPES, slotsOfLevel(level));
}

/**
 * The school year and month (0 = September … 11 = August, Rome midnights) an edition's first day
 * falls in: the same boundaries the live count compares `Edition.startsOn` with.
 */
export function schoolMonthOf(instant: Date): { year: number; month: number } {
  const year = schoolYearOf(instant);
  const months = schoolYearMonths(year);
  let month = 0;
  for (let i = 1; i < months.length; i++) if (instant.getTime() >= months[i]!.from.getTime()) month = i;
  return { year, month };
}

/**
 * The event filters a view can carry, as the summary counts teachers for each (ADR 0021, addendum 07/12/2026 (5)):
 * no type or one type, no level or one level, seen nationally or by a referent (referentScope 1: without other
 * regions' regional events). `type` and `level` are "" for no filter.
 */
export type ReachFilter = { type: string; level: string; referentScope: 0 | 1 };
export const REACH_FILTERS: readonly ReachFilter[] = ["", ...EVENT_TYPES].flatMap((type) =>
  ["", ...EVENT_LEVELS].flatMap((level) => ([0, 1] as const).map((referentScope) => ({ type, level, referentScope }))),
);

/** The summary's filter for a view's event filters and scope. */
export function reachFilterOf(filters: { type?: string; level?: string }, referentScope: boolean): ReachFilter {
  return { type: filters.type ?? "", level: filters.level ?? "", referentScope: referentScope ? 1 : 0 };
}

/**
 * A group's teacher counts under one ReachFilter: `teachers` with any activity the filter keeps, by month (12, the
 * school year's order) and by event type and level (EVENT_TYPES and EVENT_LEVELS order): what a view shows for the
 * group, as the filter's mask met by the teacher's masks.
 */
export type ReachCounts = { teachers: number; months: number[]; types: number[]; levels: number[] };

/** The count columns of DashboardReachCount after `teachers`, in ReachCounts order. */
export const REACH_COUNT_COLUMNS = [
  ...Array.from({ length: 12 }, (_, i) => `m${i}`),
  ...EVENT_TYPES.map((_, i) => `t${i}`),
  ...EVENT_LEVELS.map((_, i) => `l${i}`),
];

/** A mask as two 32-bit halves (the bits are 36: JavaScript's bitwise operators take 32). */
type Halves = { lo: number; hi: number };
const halvesOf = (mask: bigint): Halves => ({ lo: Number(mask & 0xffffffffn) | 0, hi: Number(mask >> 32n) | 0 });
const meets = (aLo: number, aHi: number, b: Halves) => ((aLo & b.lo) | (aHi & b.hi)) !== 0;

let masks: { kept: Halves[]; byType: Halves[]; byLevel: Halves[] } | null = null;
/** The masks of REACH_FILTERS, of each event type and of each level, computed once. */
function reachMasks() {
  masks ??= {
    kept: REACH_FILTERS.map((filter) =>
      halvesOf(
        activityFilterMask(
          { type: filter.type || undefined, level: filter.level || undefined },
          filter.referentScope === 1,
        ),
      ),
    ),
    byType: EVENT_TYPES.map((type) => halvesOf(typeMask(type))),
    byLevel: EVENT_LEVELS.map((level) => halvesOf(levelMask(level))),
  };
  return masks;
}

/**
 * Counts one group of teachers (same school year, region, school level and role) under every ReachFilter, from
 * each teacher's twelve monthly masks (`teachers` of them with the same masks). Returns the filters' counts in
 * REACH_FILTERS order, null where no teacher of the group is kept.
 */
export function countReach(rows: readonly { masks: readonly bigint[]; teachers: number }[]): (ReachCounts | null)[] {
  // Row r's union of months at r × 13, its months after it, as 32-bit halves (one conversion per mask: masks are < 2⁵³).
  const lo = new Int32Array(rows.length * 13);
  const hi = new Int32Array(rows.length * 13);
  rows.forEach((row, r) => {
    let anyLo = 0;
    let anyHi = 0;
    for (let m = 0; m < 12; m++) {
      const value = Number(row.masks[m] ?? 0n);
      const l = (value % 4294967296) | 0;
      const h = Math.floor(value / 4294967296) | 0;
      lo[r * 13 + 1 + m] = l;
      hi[r * 13 + 1 + m] = h;
      anyLo |= l;
      anyHi |= h;
    }
    lo[r * 13] = anyLo;
    hi[r * 13] = anyHi;
  });
  const { kept: keptByFilter, byType, byLevel } = reachMasks();
  return keptByFilter.map((kept) => {
    const counts: ReachCounts = {
      teachers: 0,
      months: Array<number>(12).fill(0),
      types: Array<number>(EVENT_TYPES.length).fill(0),
      levels: Array<number>(EVENT_LEVELS.length).fill(0),
    };
    for (let r = 0; r < rows.length; r++) {
      const aLo = lo[r * 13]! & kept.lo;
      const aHi = hi[r * 13]! & kept.hi;
      if ((aLo | aHi) === 0) continue;
      const teachers = rows[r]!.teachers;
      counts.teachers += teachers;
      for (let m = 0; m < 12; m++)
        if (meets(lo[r * 13 + 1 + m]!, hi[r * 13 + 1 + m]!, kept)) counts.months[m]! += teachers;
      for (let t = 0; t < byType.length; t++) if (meets(aLo, aHi, byType[t]!)) counts.types[t]! += teachers;
      for (let l = 0; l < byLevel.length; l++) if (meets(aLo, aHi, byLevel[l]!)) counts.levels[l]! += teachers;
    }
    return counts.teachers > 0 ? counts : null;
  });
}
