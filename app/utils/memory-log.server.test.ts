import { describe, expect, it } from "vitest";
import { memoryLogSeconds, memorySample } from "./memory-log.server.ts";

describe("memory log", () => {
  it("is off unless FORMA_MEMORY_LOG_SECONDS is a positive number", () => {
    expect(memoryLogSeconds(undefined)).toBeNull();
    expect(memoryLogSeconds("")).toBeNull();
    expect(memoryLogSeconds("0")).toBeNull();
    expect(memoryLogSeconds("-5")).toBeNull();
    expect(memoryLogSeconds("often")).toBeNull();
    expect(memoryLogSeconds("2")).toBe(2);
    expect(memoryLogSeconds("0.5")).toBe(0.5);
  });

  it("samples the process's memory in MB, the heap within the resident set", () => {
    const sample = memorySample();
    expect(sample.rss).toBeGreaterThan(0);
    expect(sample.heapUsed).toBeGreaterThan(0);
    expect(sample.heapUsed).toBeLessThanOrEqual(sample.heapTotal!);
    expect(sample.space_old).toBeGreaterThan(0);
    expect(sample.sqliteStatements).toBe(0);
  });
});
