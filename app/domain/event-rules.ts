// Cross-field rules of an event (iniziativa) and its editions and sessions, and the lifecycle
// of its status. Pure functions: the event form's schema (app/forms/event-form.ts) runs them
// with paths, and the publishing model re-runs them before a status change.
// Each rule returns issues whose message is a message key (app/i18n/messages/events-admin.ts).
import type { EventLevel, EventMode, EventStatus, SessionDelivery } from "./vocabulary.ts";

export type RuleIssue = { path: (string | number)[]; message: string };

export type SessionRuleInput = {
  startsAt: Date;
  endsAt: Date;
  delivery: SessionDelivery | string;
  minutes: number;
};

export type EditionRuleInput = {
  /** First instant of the edition's first day (Europe/Rome). */
  startsOn: Date;
  /** Last instant of the edition's last day (Europe/Rome). */
  endsOn: Date;
  enrolmentOpensAt: Date;
  enrolmentClosesAt: Date;
  sessions: SessionRuleInput[];
};

export const MAX_CERTIFIED_MINUTES = 1000 * 60;

/** Regional events name their region; national and European events must not. */
export function regionIssues(level: EventLevel | string, regionCode: string | null | undefined): RuleIssue[] {
  if (level === "regionale" && !regionCode)
    return [{ path: ["regionCode"], message: "events.validation.regionRequired" }];
  if (level !== "regionale" && regionCode)
    return [{ path: ["regionCode"], message: "events.validation.regionForbidden" }];
  return [];
}

export function needsVenue(mode: EventMode | string): boolean {
  return mode === "in-presenza" || mode === "blended";
}

export function needsOnlineUrl(mode: EventMode | string): boolean {
  return mode === "online" || mode === "blended";
}

/** A venue for in-person and blended events, an online room for online and blended ones. */
export function modeIssues(
  mode: EventMode | string,
  venue: string | null | undefined,
  onlineUrl: string | null | undefined,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (needsVenue(mode) && !venue) issues.push({ path: ["venue"], message: "events.validation.venueRequired" });
  if (needsOnlineUrl(mode) && !onlineUrl)
    issues.push({ path: ["onlineUrl"], message: "events.validation.onlineUrlRequired" });
  return issues;
}

/** Only http(s) links: no javascript:, data: or other schemes reach the catalogue's pages. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function durationMinutes(s: { startsAt: Date; endsAt: Date }): number {
  return Math.floor((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000);
}

/** A session ends after it starts, lies within its edition's days, and a live one certifies no more than it lasts. */
export function sessionIssues(
  session: SessionRuleInput,
  edition: Pick<EditionRuleInput, "startsOn" | "endsOn">,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (session.endsAt.getTime() <= session.startsAt.getTime()) {
    issues.push({ path: ["endsAt"], message: "events.validation.sessionEndBeforeStart" });
    return issues;
  }
  if (session.startsAt < edition.startsOn) {
    issues.push({ path: ["startsAt"], message: "events.validation.sessionOutsideEdition" });
  }
  if (session.endsAt > edition.endsOn) {
    issues.push({ path: ["endsAt"], message: "events.validation.sessionOutsideEdition" });
  }
  if (session.delivery === "sincrona" && session.minutes > durationMinutes(session)) {
    issues.push({ path: ["hours"], message: "events.validation.sessionHoursExceedDuration" });
  }
  return issues;
}

/**
 * An edition's schedule: its days in order, an enrolment window that opens before it closes and
 * closes by the edition's end, at least one session, each session valid.
 */
export function editionScheduleIssues(edition: EditionRuleInput): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const daysInOrder = edition.startsOn <= edition.endsOn;
  if (!daysInOrder) issues.push({ path: ["endsOn"], message: "events.validation.editionEndBeforeStart" });
  if (edition.enrolmentClosesAt <= edition.enrolmentOpensAt) {
    issues.push({ path: ["enrolmentClosesAt"], message: "events.validation.enrolmentClosesBeforeOpens" });
  } else if (edition.enrolmentClosesAt > edition.endsOn) {
    issues.push({ path: ["enrolmentClosesAt"], message: "events.validation.enrolmentClosesAfterEdition" });
  }
  if (edition.sessions.length === 0) {
    issues.push({ path: ["sessions"], message: "events.validation.sessionsRequired" });
    return issues;
  }
  edition.sessions.forEach((session, i) => {
    if (!daysInOrder) return;
    for (const issue of sessionIssues(session, edition))
      issues.push({ ...issue, path: ["sessions", i, ...issue.path] });
  });
  return issues;
}

/** An edition's sessions add up to the event's certified hours. */
export function editionHoursIssues(edition: Pick<EditionRuleInput, "sessions">, certifiedMinutes: number): RuleIssue[] {
  if (edition.sessions.length === 0 || sumMinutes(edition.sessions) === certifiedMinutes) return [];
  return [{ path: ["sessions"], message: "events.validation.hoursDoNotAddUp" }];
}

/** An edition's own rules: its schedule, and sessions whose hours add up to the event's certified hours. */
export function editionIssues(edition: EditionRuleInput, certifiedMinutes: number): RuleIssue[] {
  return [...editionScheduleIssues(edition), ...editionHoursIssues(edition, certifiedMinutes)];
}

export function sumMinutes(sessions: readonly { minutes: number }[]): number {
  return sessions.reduce((total, s) => total + s.minutes, 0);
}

export type EventRuleInput = {
  level: EventLevel | string;
  regionCode: string | null | undefined;
  mode: EventMode | string;
  venue: string | null | undefined;
  onlineUrl: string | null | undefined;
  certifiedMinutes: number;
  editions: EditionRuleInput[];
};

/** Every cross-field rule of an event, with paths as the event form names its fields. */
export function eventIssues(event: EventRuleInput): RuleIssue[] {
  const issues = [
    ...regionIssues(event.level, event.regionCode),
    ...modeIssues(event.mode, event.venue, event.onlineUrl),
  ];
  event.editions.forEach((edition, i) => {
    for (const issue of editionIssues(edition, event.certifiedMinutes))
      issues.push({ ...issue, path: ["editions", i, ...issue.path] });
  });
  return issues;
}

/**
 * Is the event's page public? Published and closed events are; a cancelled one only if it was once published (its
 * teachers were offered it). A draft dropped by cancelling it was never anyone's business: like a draft, it is a 404.
 */
export function isPublicEvent(event: { status: string; publishedAt: Date | null }): boolean {
  if (event.status === "pubblicato" || event.status === "chiuso") return true;
  return event.status === "annullato" && event.publishedAt !== null;
}

/** The same rule as isPublicEvent, as an SQL condition on the event table's alias (`e.` or ``). */
export function publicEventSql(alias = ""): string {
  return `(${alias}"status" IN ('pubblicato', 'chiuso') OR (${alias}"status" = 'annullato' AND ${alias}"publishedAt" IS NOT NULL))`;
}

/** The longest reason an organiser may give for cancelling an event or an edition (sent to every participant). */
export const CANCELLATION_REASON_MAX = 500;

/** The status changes an organiser may make: a draft is published or dropped; a published event is closed or cancelled. */
const TRANSITIONS: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  bozza: ["pubblicato", "annullato"],
  pubblicato: ["chiuso", "annullato"],
  chiuso: [],
  annullato: [],
};

export function allowedTransitions(from: EventStatus | string): readonly EventStatus[] {
  return TRANSITIONS[from as EventStatus] ?? [];
}

export function canTransition(from: EventStatus | string, to: EventStatus | string): boolean {
  return allowedTransitions(from).includes(to as EventStatus);
}

/** Closed and cancelled events are history: their content no longer changes. */
export function isEditable(status: EventStatus | string): boolean {
  return status === "bozza" || status === "pubblicato";
}

/**
 * What the publishing step says of enrolment: the first moment any edition opens it, or "now" when that moment
 * has passed already (a draft whose window opened while it was being prepared opens at publication). Null
 * without editions.
 */
export function enrolmentOpensOnPublishing(
  editions: readonly { enrolmentOpensAt: Date }[],
  now: Date,
): { kind: "now" } | { kind: "at"; at: Date } | null {
  if (editions.length === 0) return null;
  const first = Math.min(...editions.map((e) => e.enrolmentOpensAt.getTime()));
  return first <= now.getTime() ? { kind: "now" } : { kind: "at", at: new Date(first) };
}
