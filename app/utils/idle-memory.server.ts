// Gives the JavaScript heap back once a worker falls quiet after load
// (docs/decisions/0031-memory-back-at-rest.md and 0037-memory-reducing-collection.md). V8 collects only
// when JavaScript allocates, so after a burst a worker keeps the heap the burst grew, garbage
// included, for as long as no request comes. When the event loop has been almost idle for
// FORMA_IDLE_RELEASE_SECONDS (default 5; 0 = never) and the resident set is at least
// RELEASE_MIN_GROWTH_MB above its level after the last release, a young-generation collection runs;
// SETTLE_SECONDS of quiet later, a full one (and a compacting one if the old generation stays
// fragmented); V8 then hands the emptied pages back. The young collection first is what makes the
// full one give memory back (ADR 0037): V8 shrinks the young generation and compacts the old one only
// when the allocation rate it measured over its last collections is low, and without it the last
// collection it knows of was under load. Under load the event loop is never idle for seconds,
// so it never runs there; a request arriving during it waits for it (one full collection).
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import { logger } from "./logger.server.ts";

const MB = 1024 * 1024;
/** Event loop utilisation (0..1) below which a second counts as quiet. */
export const QUIET_UTILISATION = 0.02;
/** Growth of the resident set since the last release (MB) worth a collection. */
export const RELEASE_MIN_GROWTH_MB = 16;

/** The quiet seconds from FORMA_IDLE_RELEASE_SECONDS: default 5, 0 (off) when "0". */
export function idleReleaseSeconds(raw = process.env.FORMA_IDLE_RELEASE_SECONDS): number {
  if (raw === undefined || raw.trim() === "") return 5;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`FORMA_IDLE_RELEASE_SECONDS must be a whole number of seconds (found "${raw}")`);
  return n;
}

/**
 * Quiet seconds between the young-generation collection and the full one. V8 decides at each full
 * collection whether to reduce memory (shrink the young generation to its minimum, compact the old
 * one) from the allocation rate over its collections of the last 5 seconds: a full collection with
 * no collection since the load sees the load's rate and keeps the heap committed (ADR 0037: 125 ->
 * 124 MB); one 6 s after a young collection sees the quiet and gives the slack back (105 -> 54 MB).
 */
export const SETTLE_SECONDS = 6;

/** The state of one worker, sampled once a second; youngAt: the quiet second of the young collection. */
export type IdleState = { quietSeconds: number; rssMb: number; baselineMb: number; youngAt?: number };

/** Whether to release now: quiet for long enough, and grown enough since the last release. */
export function releaseDue(state: IdleState, afterSeconds: number): boolean {
  return (
    afterSeconds > 0 && state.quietSeconds >= afterSeconds && state.rssMb - state.baselineMb >= RELEASE_MIN_GROWTH_MB
  );
}

/**
 * What to collect this second: nothing, the young generation (when a release falls due), or the
 * full heap (SETTLE_SECONDS of quiet after the young collection, even if that one already gave the
 * growth back: V8 may shrink the young generation there, and the old one still holds the slack).
 */
export function idleStep(state: IdleState, afterSeconds: number): "none" | "young" | "full" {
  if (afterSeconds <= 0) return "none";
  if (state.youngAt !== undefined) return state.quietSeconds - state.youngAt >= SETTLE_SECONDS ? "full" : "none";
  return releaseDue(state, afterSeconds) ? "young" : "none";
}

/** Resident set (MB) under which a compacting collection may run: it can add its live heap (ADR 0031). */
export const COMPACT_CEILING_MB = 260;

/**
 * V8's gc(), made available at run time (node --expose-gc is not needed, and no other code gets a
 * global gc): a full collection, then, when the old generation is still fragmented (survivors spread
 * over pages that stay committed), one that compacts it. Compacting copies the survivors to new
 * pages before the old ones are given back, so the resident set briefly grows by the live old
 * generation: it runs only when that stays under COMPACT_CEILING_MB.
 */
function collector(): { young: () => void; full: (rssMb: number) => boolean } {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as (options?: { type: "minor" | "major" }) => void;
  const young = () => gc({ type: "minor" });
  const full = (rssMb: number) => {
    gc();
    const old = v8.getHeapSpaceStatistics().find((s) => s.space_name === "old_space");
    if (!old) return false;
    const freeMb = (old.space_size - old.space_used_size) / MB;
    if (!compactionWorthIt(freeMb, old.space_used_size / MB, rssMb)) return false;
    v8.setFlagsFromString("--compact-on-every-full-gc");
    try {
      gc();
    } finally {
      v8.setFlagsFromString("--no-compact-on-every-full-gc");
    }
    return true;
  };
  return { young, full };
}

/** Whether to compact: enough committed but unused old generation, and room for the copy. */
export function compactionWorthIt(freeOldMb: number, liveOldMb: number, rssMb: number): boolean {
  return freeOldMb >= RELEASE_MIN_GROWTH_MB && rssMb + liveOldMb <= COMPACT_CEILING_MB;
}

let timer: NodeJS.Timeout | undefined;

export function startIdleMemoryRelease(): void {
  const afterSeconds = idleReleaseSeconds();
  if (afterSeconds === 0 || timer) return;
  const collect = collector();
  const rssMb = () => process.memoryUsage.rss() / MB;
  let last = performance.eventLoopUtilization();
  const state: IdleState = { quietSeconds: 0, rssMb: rssMb(), baselineMb: rssMb() };
  let rebase = false;
  timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    state.quietSeconds = busy < QUIET_UTILISATION ? state.quietSeconds + 1 : 0;
    if (state.quietSeconds === 0) state.youngAt = undefined;
    state.rssMb = rssMb();
    if (rebase) {
      // V8 hands freed pages back on a background thread: the level a second later is the new base.
      state.baselineMb = state.rssMb;
      rebase = false;
    }
    const step = idleStep(state, afterSeconds);
    if (step === "none") return;
    if (step === "young") {
      collect.young();
      state.youngAt = state.quietSeconds;
      last = performance.eventLoopUtilization();
      return;
    }
    const started = performance.now();
    const heapBefore = process.memoryUsage().heapTotal;
    const compacted = collect.full(state.rssMb);
    logger.info(
      {
        compacted,
        rssMb: Math.round(state.rssMb),
        heapTotalMb: Math.round(heapBefore / MB),
        heapTotalAfterMb: Math.round(process.memoryUsage().heapTotal / MB),
        ms: Math.round(performance.now() - started),
      },
      "idle: memory released",
    );
    state.quietSeconds = 0;
    state.youngAt = undefined;
    state.baselineMb = state.rssMb;
    rebase = true;
    // The collection itself counts as busy time in the next second's utilisation: skip it.
    last = performance.eventLoopUtilization();
  }, 1000);
  timer.unref();
}

export function stopIdleMemoryRelease(): void {
  clearInterval(timer);
  timer = undefined;
}
