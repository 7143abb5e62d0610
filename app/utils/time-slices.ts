// Long work inside a serving process, cut into slices that give the event loop back. The background jobs run in the
// serving workers, and on SQLite their reads and writes are synchronous (better-sqlite3): a step that holds the loop
// for 500 ms holds every request of that worker for 500 ms. Work written with a slicer gives the loop back (one turn,
// `setImmediate`: the I/O that is ready, hence the requests waiting, then the timers) once a slice's time has run out,
// and otherwise goes on without waiting. ADR 0021 addendum (6).
import { setImmediate as nextTurn } from "node:timers/promises";

/** How long a background job's work runs at most before it gives the event loop back (bar one atomic step). */
export const SLICE_MS = 20;

export type TimeSlicer = {
  /** Whether the slice's time has run out (the work should give the loop back before going on). */
  due(): boolean;
  /** Gives the event loop back if the slice's time has run out, and starts a new slice; otherwise returns at once. */
  pause(): Promise<void>;
  /** How many times it gave the loop back. */
  readonly pauses: number;
};

/** A clock of slices of sliceMs; `now` is for tests. */
export function timeSlicer(sliceMs = SLICE_MS, now: () => number = () => performance.now()): TimeSlicer {
  let sliceStart = now();
  let pauses = 0;
  const due = () => now() - sliceStart >= sliceMs;
  return {
    due,
    async pause() {
      if (!due()) return;
      await nextTurn();
      pauses += 1;
      sliceStart = now();
    },
    get pauses() {
      return pauses;
    },
  };
}

/**
 * Calls fn on each item in order, once, giving the event loop back between two items whenever the slicer's slice has
 * run out. Synchronous fn only: the slice is the time it takes.
 */
export async function forEachInSlices<T>(
  items: Iterable<T>,
  fn: (item: T) => void,
  slicer: TimeSlicer = timeSlicer(),
): Promise<void> {
  for (const item of items) {
    fn(item);
    if (slicer.due()) await slicer.pause();
  }
}
