import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { forEachInSlices, timeSlicer } from "./time-slices.ts";

/** A clock that moves only when told: each item's work "takes" what the test says. */
function manualClock() {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

/** Counts the event loop's turns while it runs: a turn counted between two items means the work gave the loop back. */
function countTurns() {
  let turns = 0;
  let running = true;
  const spin = () => {
    turns += 1;
    if (running) setImmediate(spin);
  };
  setImmediate(spin);
  return {
    get turns() {
      return turns;
    },
    stop: () => (running = false),
  };
}

describe("forEachInSlices", () => {
  it("visits every item once, in order, and gives the event loop back between items once a slice's time has run out", async () => {
    const clock = manualClock();
    const slicer = timeSlicer(10, clock.now);
    const loop = countTurns();
    const items = Array.from({ length: 10 }, (_, i) => `item ${i}`);
    const seen: { item: string; turns: number }[] = [];
    await forEachInSlices(
      items,
      (item) => {
        seen.push({ item, turns: loop.turns });
        clock.advance(4); // each item's work takes 4 ms: a 10 ms slice runs out after the third item of a slice
      },
      slicer,
    );
    loop.stop();
    expect(seen.map((s) => s.item)).toEqual(items);
    // The loop turned between items 2 and 3, 5 and 6, 8 and 9, and only there.
    const turnedBefore = seen.flatMap((s, i) => (i > 0 && s.turns > seen[i - 1]!.turns ? [i] : []));
    expect(turnedBefore).toEqual([3, 6, 9]);
    expect(slicer.pauses).toBe(3); // not after the last item: its slice had 4 ms of 10 left
  });

  it("does not give the loop back while the slice's time lasts: work shorter than a slice runs in one turn", async () => {
    const clock = manualClock();
    const slicer = timeSlicer(10, clock.now);
    const loop = countTurns();
    const seen: number[] = [];
    await forEachInSlices(
      [1, 2, 3, 4, 5],
      () => {
        seen.push(loop.turns);
        clock.advance(1);
      },
      slicer,
    );
    loop.stop();
    expect(new Set(seen).size).toBe(1);
    expect(slicer.pauses).toBe(0);
  });

  it("lets a timer that fell due run before the work goes on (a request waiting on the worker is served)", async () => {
    const events: string[] = [];
    const slicer = timeSlicer(5);
    // A timer due in 1 ms, then work that spins 3 × 15 ms without awaiting anything of its own.
    setTimeout(() => events.push("timer"), 1);
    await forEachInSlices(
      [1, 2, 3],
      (n) => {
        const until = performance.now() + 15;
        while (performance.now() < until);
        events.push(`item ${n}`);
      },
      slicer,
    );
    await nextTurn();
    expect(events[0]).toBe("item 1");
    expect(events.indexOf("timer")).toBeGreaterThan(0);
    expect(events.indexOf("timer")).toBeLessThan(events.indexOf("item 3"));
  });

  it("works on any iterable (a Map's values), each item once", async () => {
    const map = new Map(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
    const clock = manualClock();
    const slicer = timeSlicer(3, clock.now);
    let sum = 0;
    const order: number[] = [];
    await forEachInSlices(
      map.values(),
      (v) => {
        sum += v;
        order.push(v);
        clock.advance(1);
      },
      slicer,
    );
    expect(sum).toBe((999 * 1000) / 2);
    expect(order).toEqual([...map.values()]);
    expect(slicer.pauses).toBe(333);
  });
});

describe("timeSlicer", () => {
  it("pause() returns at once while the slice lasts, and starts a new slice after giving the loop back", async () => {
    const clock = manualClock();
    const slicer = timeSlicer(10, clock.now);
    clock.advance(9);
    expect(slicer.due()).toBe(false);
    await slicer.pause();
    expect(slicer.pauses).toBe(0);
    clock.advance(1);
    expect(slicer.due()).toBe(true);
    await slicer.pause();
    expect(slicer.pauses).toBe(1);
    expect(slicer.due()).toBe(false);
  });
});
