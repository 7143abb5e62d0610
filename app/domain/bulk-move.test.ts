import { describe, expect, it } from "vitest";
import { planBulkMove, summariseBulkMove, type BulkCandidate } from "./bulk-move.ts";
import type { QuotaState } from "./seat-ledger.ts";

const person = (id: string, over: Partial<BulkCandidate> = {}): BulkCandidate => ({
  enrolmentId: id,
  regionCode: "toscana",
  accountClosed: false,
  certified: false,
  placedInTarget: false,
  ...over,
});

const outcomes = (rows: { enrolmentId: string; outcome: string }[]) => rows.map((r) => `${r.enrolmentId}:${r.outcome}`);

describe("planBulkMove", () => {
  it("takes people in enrolment order while the target has free seats; the rest stay", () => {
    const plan = planBulkMove({ seatCap: 5, seatsTaken: 3 }, [], [person("a"), person("b"), person("c")]);
    expect(outcomes(plan)).toEqual(["a:fits", "b:fits", "c:target-full"]);
  });

  it("takes everyone into an edition without a cap", () => {
    const plan = planBulkMove({ seatCap: null, seatsTaken: 40 }, [], [person("a"), person("b")]);
    expect(outcomes(plan)).toEqual(["a:fits", "b:fits"]);
  });

  it("skips closed accounts, certified places and people already placed there, without using their seats", () => {
    const plan = planBulkMove(
      { seatCap: 2, seatsTaken: 0 },
      [],
      [
        person("a", { accountClosed: true }),
        person("b", { certified: true }),
        person("c", { placedInTarget: true }),
        person("d"),
        person("e"),
        person("f"),
      ],
    );
    expect(outcomes(plan)).toEqual([
      "a:account-closed",
      "b:has-certificate",
      "c:already-placed",
      "d:fits",
      "e:fits",
      "f:target-full",
    ]);
  });

  it("fills each pool on its own: a later person of a region with quota seats left still fits", () => {
    // Cap 4: Lazio's quota keeps 2 (1 taken), the general pool 2 (1 taken).
    const lazio: QuotaState = { id: "q", regionCode: "lazio", seats: 2, seatsTaken: 1, releasedAt: null };
    const plan = planBulkMove(
      { seatCap: 4, seatsTaken: 2 },
      [lazio],
      [person("a"), person("b"), person("c", { regionCode: "lazio" }), person("d", { regionCode: "lazio" })],
    );
    expect(outcomes(plan)).toEqual(["a:fits", "b:target-full", "c:fits", "d:target-full"]);
    // The counters given are not changed.
    expect(lazio.seatsTaken).toBe(1);
  });

  it("a released quota's region goes to the general pool", () => {
    const released: QuotaState = { id: "q", regionCode: "lazio", seats: 0, seatsTaken: 0, releasedAt: new Date() };
    const plan = planBulkMove({ seatCap: 1, seatsTaken: 0 }, [released], [person("a", { regionCode: "lazio" })]);
    expect(outcomes(plan)).toEqual(["a:fits"]);
  });
});

describe("summariseBulkMove", () => {
  it("counts the moved and, per reason, the others, most frequent first", () => {
    const rows = [
      ...Array.from({ length: 23 }, () => ({ outcome: "moved" })),
      { outcome: "target-full" },
      { outcome: "account-closed" },
      { outcome: "target-full" },
      { outcome: "target-full" },
    ];
    expect(summariseBulkMove(rows)).toEqual({
      moved: 23,
      notMoved: 4,
      reasons: [
        { reason: "target-full", count: 3 },
        { reason: "account-closed", count: 1 },
      ],
    });
    expect(summariseBulkMove([])).toEqual({ moved: 0, notMoved: 0, reasons: [] });
  });
});
