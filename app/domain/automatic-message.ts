// Automatic messages of an edition (issue 15): "N hours before each session" and "N days after
// the last session". When one is due: pure functions; the job is app/models/automatic-messages.server.ts.
import { addRomeDays } from "~/utils/dates.ts";

export const AUTO_RULES = ["prima-di-ogni-incontro", "dopo-ultimo-incontro"] as const;
export type AutoRule = (typeof AUTO_RULES)[number];

/** Hours before a session (1 hour to 7 days), days after the last one (0 = the same day it ends, up to 60). */
export const AUTO_AMOUNT_BOUNDS: Record<AutoRule, { min: number; max: number }> = {
  "prima-di-ogni-incontro": { min: 1, max: 168 },
  "dopo-ultimo-incontro": { min: 0, max: 60 },
};

/**
 * How long after its due time a message is still written: a job that was down (deploy, outage)
 * catches up within it, but a rule set long after the fact does not write a stale message.
 */
export const AUTO_CATCH_UP_MS = 3 * 24 * 3600_000;

const HOUR = 3600_000;

/**
 * The longest a message stays due once written, in whole days: from 168 hours before a session until it starts, or
 * the catch-up after "days after". Its sent row (whose dedupe key is all that stops a second copy) must be kept
 * longer than this: RETENTION_NOTIFICATION_DAYS is at least one day more (app/utils/env.server.ts).
 */
export const AUTO_LONGEST_DUE_DAYS = Math.ceil(
  Math.max(AUTO_AMOUNT_BOUNDS["prima-di-ogni-incontro"].max * HOUR, AUTO_CATCH_UP_MS) / (24 * HOUR),
);

export function isAutoRule(value: string): value is AutoRule {
  return (AUTO_RULES as readonly string[]).includes(value);
}

/** "amount hours before": due from startsAt − amount hours until the session starts. */
export function beforeSessionDue(startsAt: Date, hours: number, now: Date): boolean {
  return now.getTime() >= startsAt.getTime() - hours * HOUR && now.getTime() < startsAt.getTime();
}

/**
 * "amount days after the last session": due from the same time `amount` calendar days after its end
 * (Rome's, so one hour more or less across the night the clocks change), for AUTO_CATCH_UP_MS.
 */
export function afterLastSessionDue(lastEndsAt: Date, days: number, now: Date): boolean {
  const due = addRomeDays(lastEndsAt, days).getTime();
  return now.getTime() >= due && now.getTime() < due + AUTO_CATCH_UP_MS;
}
