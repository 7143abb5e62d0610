// A periodic memory sample of this process, for finding what holds memory under load
// (docs/decisions/0025-memory-per-worker.md). Off unless FORMA_MEMORY_LOG_SECONDS is set: then
// every that many seconds one "memory" log line with process.memoryUsage(), V8's heap spaces and,
// on Linux, /proc/self/status's split of the resident set (anonymous, file, shared memory).
// No endpoint: it is read from the logs, like every other figure of a running server.
import fs from "node:fs";
import v8 from "node:v8";
import { logger } from "./logger.server.ts";
import { preparedCount } from "./sqlite-direct.server.ts";

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

/** Resident memory by kind from /proc/self/status (Linux), in MB; {} elsewhere. */
function residentSplit(): Record<string, number> {
  let status: string;
  try {
    status = fs.readFileSync("/proc/self/status", "utf8");
  } catch {
    return {};
  }
  const out: Record<string, number> = {};
  for (const [field, name] of [
    ["VmHWM", "peakRss"],
    ["RssAnon", "rssAnon"],
    ["RssFile", "rssFile"],
    ["RssShmem", "rssShmem"],
  ] as const) {
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1];
    if (kb !== undefined) out[name] = Math.round((Number(kb) / 1024) * 10) / 10;
  }
  return out;
}

/** One sample: every figure in MB (but the count of cached SQLite statements). */
export function memorySample(): Record<string, number> {
  const usage = process.memoryUsage();
  const spaces: Record<string, number> = {};
  for (const s of v8.getHeapSpaceStatistics()) spaces[s.space_name.replace(/_space$/, "")] = mb(s.space_size);
  const heap = v8.getHeapStatistics();
  return {
    rss: mb(usage.rss),
    heapTotal: mb(usage.heapTotal),
    heapUsed: mb(usage.heapUsed),
    external: mb(usage.external),
    arrayBuffers: mb(usage.arrayBuffers),
    v8Malloced: mb(heap.malloced_memory),
    ...Object.fromEntries(Object.entries(spaces).map(([k, v]) => [`space_${k}`, v])),
    ...residentSplit(),
    sqliteStatements: preparedCount(),
  };
}

/** The interval from FORMA_MEMORY_LOG_SECONDS, or null (off) when unset, empty or not a positive number. */
export function memoryLogSeconds(raw = process.env.FORMA_MEMORY_LOG_SECONDS): number | null {
  if (raw === undefined || raw.trim() === "") return null;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : null;
}

let timer: NodeJS.Timeout | undefined;

export function startMemoryLog(): void {
  const seconds = memoryLogSeconds();
  if (seconds === null || timer) return;
  timer = setInterval(() => logger.info({ memory: memorySample() }, "memory"), seconds * 1000);
  timer.unref();
}

export function stopMemoryLog(): void {
  clearInterval(timer);
  timer = undefined;
}
