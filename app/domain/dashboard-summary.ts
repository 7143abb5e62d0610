// The dashboard's summary tables (ADR 0021): how a teacher's activity in a school year becomes bits,
// so that "teachers reached" (distinct people, not additive) can be counted from a table of a few
// thousand rows instead of the year's enrolments. Pure: no HTTP, no Prisma.
//
// A teacher's activity in a month is the set of (event type, level slot) pairs of the editions
// starting that month in which they hold a place. Level slots are the event level as the teacher's
// USR referent sees it: European, national, their own region's regional events, another region's.
// One bit per pair: 9 types × 4 slots = 36 bits, kept in a BIGINT per month (and their union).
import { schoolYearMonths, schoolYearOf } from "./dashboard.ts";
import { EVENT_TYPES } from "./vocabulary.ts";

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

/** Every bit of the vocabulary: a mask a teacher's activity always meets when it is not empty. */
export const ALL_ACTIVITY_BITS = activityFilterMask({}, false);
