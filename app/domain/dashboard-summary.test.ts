import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  LEVEL_SLOTS,
  REACH_COUNT_COLUMNS,
  REACH_FILTERS,
  countReach,
  reachFilterOf,
  activityBit,
  activityFilterMask,
  inRegionScope,
  levelMask,
  levelSlotOf,
  schoolMonthOf,
  slotsOfLevel,
  typeMask,
} from "./dashboard-summary.ts";
import { EVENT_LEVELS, EVENT_TYPES } from "./vocabulary.ts";

const bits = (mask: bigint) => mask.toString(2).replace(/0/g, "").length;

describe("activity bits", () => {
  it("give each (event type, level slot) pair its own bit, all within a 64-bit integer", () => {
    const all = new Set<bigint>();
    for (const type of EVENT_TYPES) for (const slot of LEVEL_SLOTS) all.add(activityBit(type, slot));
    expect(all.size).toBe(EVENT_TYPES.length * LEVEL_SLOTS.length);
    const union = [...all].reduce((a, b) => a | b, 0n);
    expect(bits(union)).toBe(all.size);
    expect(union < 1n << 53n).toBe(true); // safe as a JavaScript number and as a BIGINT
    expect(activityBit("sconosciuto", "nazionale")).toBe(0n);
    expect(activityBit("webinar", null)).toBe(0n);
  });

  it("see a regional event as the teacher's own region's or another's", () => {
    expect(levelSlotOf("regionale", "molise", "molise")).toBe("regionale-propria");
    expect(levelSlotOf("regionale", "lazio", "molise")).toBe("regionale-altra");
    expect(levelSlotOf("regionale", null, "molise")).toBe("regionale-altra");
    expect(levelSlotOf("europeo", null, "molise")).toBe("europeo");
    expect(inRegionScope("regionale", "lazio", "molise")).toBe(false);
    expect(inRegionScope("regionale", "molise", "molise")).toBe(true);
    expect(inRegionScope("nazionale", null, "molise")).toBe(true);
  });

  it("filter masks keep the type and level asked for, and never another region's events for a referent", () => {
    expect(slotsOfLevel("regionale")).toEqual(["regionale-propria", "regionale-altra"]);
    expect(slotsOfLevel(undefined)).toEqual([...LEVEL_SLOTS]);
    const everything = activityFilterMask({}, false);
    expect(bits(everything)).toBe(EVENT_TYPES.length * 4);
    const referent = activityFilterMask({}, true);
    expect(bits(referent)).toBe(EVENT_TYPES.length * 3);
    expect(referent & activityBit("laboratorio", "regionale-altra")).toBe(0n);
    expect(referent & activityBit("laboratorio", "regionale-propria")).not.toBe(0n);
    const webinarRegional = activityFilterMask({ type: "webinar", level: "regionale" }, false);
    expect(webinarRegional).toBe(
      activityBit("webinar", "regionale-propria") | activityBit("webinar", "regionale-altra"),
    );
    expect(activityFilterMask({ type: "webinar", level: "regionale" }, true)).toBe(
      activityBit("webinar", "regionale-propria"),
    );
    expect(typeMask("webinar") & levelMask("nazionale")).toBe(activityBit("webinar", "nazionale"));
  });
});

describe("school month of an edition", () => {
  it("uses the Rome midnights of the school year's months", () => {
    // 1 October 2026, Rome midnight = 30 September 22:00 UTC (summer time).
    expect(schoolMonthOf(new Date("2026-09-30T21:59:59Z"))).toEqual({ year: 2026, month: 0 });
    expect(schoolMonthOf(new Date("2026-09-30T22:00:00Z"))).toEqual({ year: 2026, month: 1 });
    // 1 December 2026, Rome midnight = 30 November 23:00 UTC (winter time).
    expect(schoolMonthOf(new Date("2026-11-30T23:00:00Z"))).toEqual({ year: 2026, month: 3 });
    expect(schoolMonthOf(new Date("2027-08-31T21:59:59Z"))).toEqual({ year: 2026, month: 11 });
    expect(schoolMonthOf(new Date("2027-08-31T22:00:00Z"))).toEqual({ year: 2027, month: 0 });
  });

  it("places an edition of any stored year, 9999 included (its school year ends in 10000)", () => {
    // Forms allowed such dates once: one of them made the dashboard's refresh job throw on every run.
    expect(schoolMonthOf(new Date("9999-11-30T23:00:00Z"))).toEqual({ year: 9999, month: 3 });
    expect(schoolMonthOf(new Date("1926-11-30T23:00:00Z"))).toEqual({ year: 1926, month: 3 });
  });
});

describe("teachers counted under every event filter (ADR 0021 addendum (5))", () => {
  /** What a view counted from the masks before the build did (the old per-view read): the definition. */
  const counted = (rows: { masks: bigint[]; teachers: number }[], mask: bigint, month: number | null) =>
    rows.reduce((sum, row) => {
      const masks = month === null ? [row.masks.reduce((a, b) => a | b, 0n)] : [row.masks[month]!];
      return (masks[0]! & mask) !== 0n ? sum + row.teachers : sum;
    }, 0);

  it("gives each filter the counts its mask meets, by month, event type and level, for any activity", () => {
    const allBits = [...EVENT_TYPES].flatMap((type) => LEVEL_SLOTS.map((slot) => activityBit(type, slot)));
    const maskArb = fc.array(fc.constantFrom(...allBits), { maxLength: 4 }).map((b) => b.reduce((a, c) => a | c, 0n));
    const rowArb = fc.record({
      masks: fc.array(fc.oneof(fc.constant(0n), maskArb), { minLength: 12, maxLength: 12 }),
      teachers: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 8 }), (rows) => {
        const result = countReach(rows);
        expect(result).toHaveLength(REACH_FILTERS.length);
        REACH_FILTERS.forEach((filter, i) => {
          const mask = activityFilterMask(
            { type: filter.type || undefined, level: filter.level || undefined },
            filter.referentScope === 1,
          );
          const teachers = counted(rows, mask, null);
          if (teachers === 0) {
            expect(result[i]).toBeNull();
            return;
          }
          expect(result[i]).toEqual({
            teachers,
            months: Array.from({ length: 12 }, (_, m) => counted(rows, mask, m)),
            types: EVENT_TYPES.map((type) => counted(rows, mask & typeMask(type), null)),
            levels: EVENT_LEVELS.map((level) => counted(rows, mask & levelMask(level), null)),
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it("has one filter per (type or none) × (level or none) × scope, and a column per count", () => {
    expect(REACH_FILTERS).toHaveLength((EVENT_TYPES.length + 1) * (EVENT_LEVELS.length + 1) * 2);
    expect(new Set(REACH_FILTERS.map((f) => JSON.stringify(f))).size).toBe(REACH_FILTERS.length);
    expect(reachFilterOf({ type: "webinar" }, true)).toEqual({ type: "webinar", level: "", referentScope: 1 });
    // The table's columns (prisma/schema.prisma) are the counts' own: a vocabulary change needs a migration.
    const model = readFileSync(new URL("../../prisma/schema.prisma", import.meta.url), "utf8").match(
      /model DashboardReachCount \{([\s\S]*?)\n\}/,
    )![1]!;
    const columns = [...model.matchAll(/^\s+(\w+)\s+Int\b/gm)].map((m) => m[1]);
    expect(columns.slice(columns.indexOf("teachers") + 1)).toEqual(REACH_COUNT_COLUMNS);
  });
});
