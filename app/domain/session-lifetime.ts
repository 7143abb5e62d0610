// How long a sign-in lasts (ADR 0003, ADR 0089): shared by the session code and the sign-in page.

/** A session kept on a device ("Mantieni l'accesso su questo dispositivo"): 14 days. */
export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 14;

/**
 * Any other session ends after this long without a request: its expiry slides forward with use (at
 * most every few minutes), and its cookie lasts until the browser closes. A teacher who signs in on
 * a school's shared computer and walks away does not leave it signed in for two weeks.
 */
export const SESSION_IDLE_MINUTES = 120;

/**
 * How long before a session's idle end the page warns and offers to extend it (ADR 0094, WCAG 2.1
 * SC 2.2.1 Timing Adjustable: a warning and at least 20 seconds to extend with a simple action).
 */
export const SESSION_WARNING_MINUTES = 5;

/** Where a page stands with its session's idle end, as the warning dialog reads it. */
export type IdlePhase =
  /** Nothing to show: the warning is due in `warnInMs`. */
  | { kind: "active"; warnInMs: number }
  /** The warning: `secondsLeft` (at least 1) before the session ends. */
  | { kind: "warning"; secondsLeft: number }
  /** The idle end has passed (a laptop asleep, a tab in the background). */
  | { kind: "ended" };

/** The phase of a session whose idle end is `deadline`, at `now` (both epoch milliseconds). */
export function idlePhase(deadline: number, now: number): IdlePhase {
  const left = deadline - now;
  if (left <= 0) return { kind: "ended" };
  const warnInMs = left - SESSION_WARNING_MINUTES * 60_000;
  if (warnInMs > 0) return { kind: "active", warnInMs };
  return { kind: "warning", secondsLeft: Math.ceil(left / 1000) };
}

/** The answer of /sessione and /sessione/rinnova: seconds left on the server's clock (null: kept on the device). */
export type IdleSessionAnswer = { ended: true } | { ended: false; secondsLeft: number | null };

/** Where the sign-in opened from the "session ended" dialog comes back to (a page saying to go back to the tab). */
export const SESSION_RESUMED_PATH = "/sessione/ripresa";
