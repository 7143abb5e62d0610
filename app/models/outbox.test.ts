import { describe, expect, it } from "vitest";
import { backoffDelay, OUTBOX_DEFAULTS } from "./outbox.server.ts";

describe("backoffDelay", () => {
  it("doubles from one minute and stops at one hour", () => {
    const minutes = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffDelay(n) / 60_000);
    expect(minutes).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(backoffDelay(0)).toBe(60_000);
    expect(backoffDelay(1000)).toBe(3_600_000);
  });

  it("takes small delays for tests", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 10, 50))).toEqual([10, 20, 40, 50]);
  });

  it("gives up about a day after the first failure", () => {
    let total = 0;
    for (let n = 1; n < OUTBOX_DEFAULTS.maxAttempts; n += 1) total += backoffDelay(n);
    expect(total / 3_600_000).toBeGreaterThan(20);
    expect(total / 3_600_000).toBeLessThan(28);
  });
});
