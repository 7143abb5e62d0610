// Alerts for new events (ADR 0088): a person saves a catalogue search and, at most once a day, gets
// an email with the events published since the last check that the search finds. The rules here;
// the database side in app/models/catalogue-alert.server.ts.
import { catalogueSearchString, parseCatalogueSearch, type CatalogueFilters } from "./catalogue-filters.ts";
import {
  EVENT_LEVEL_LABELS,
  EVENT_MODE_LABELS,
  EVENT_TYPE_LABELS,
  labelOf,
  PROFESSIONAL_ROLE_LABELS,
  REGION_LABELS,
  SCHOOL_LEVEL_LABELS,
  type Locale,
} from "./vocabulary.ts";

/** A person keeps at most this many alerts: each may send an email a day. */
export const MAX_ALERTS_PER_PERSON = 10;
/** An alert's email lists at most this many new events, then links to the search for the rest. */
export const ALERT_EVENTS_PER_EMAIL = 10;
/** An alert is checked (and may send an email) at most once in this interval. */
export const ALERT_INTERVAL_MS = 24 * 3600_000;

/**
 * The stored form of a search: the catalogue's own query string, in its parameters' order, without
 * the page, as the catalogue's links write it. The same search typed in another order (or with a
 * page) is the same alert. Only what the catalogue would apply is kept: a value it ignores is dropped.
 */
export function alertQueryOf(search: string): string {
  const { filters } = parseCatalogueSearch(new URLSearchParams(search));
  return catalogueSearchString(alertFiltersOf(filters)).replace(/^\?/, "");
}

/**
 * The filters an alert applies. A date range would stop matching once it has passed, "free seats" is
 * about today, not about a new event, and "published since" is what each check adds itself: an alert
 * keeps none of them.
 */
export function alertFiltersOf(filters: CatalogueFilters): CatalogueFilters {
  const { from: _from, to: _to, freeSeats: _freeSeats, publishedSince: _publishedSince, ...kept } = filters;
  return kept;
}

/**
 * What of a catalogue search an alert would not keep (alertFiltersOf), for the catalogue's offer to say so before
 * it is created: its dates, "free seats only", both, or null. ("Published since" is not offered as a filter.)
 */
export function droppedByAlert(search: string): "dates" | "freeSeats" | "both" | null {
  const { filters } = parseCatalogueSearch(new URLSearchParams(search));
  const dates = Boolean(filters.from || filters.to);
  return dates && filters.freeSeats ? "both" : dates ? "dates" : filters.freeSeats ? "freeSeats" : null;
}

/** The filters of a stored alert. */
export function filtersOfAlert(query: string): CatalogueFilters {
  return alertFiltersOf(parseCatalogueSearch(new URLSearchParams(query)).filters);
}

/**
 * How far behind the clock a check looks (ADR 0088, addendum 07/12/2026). An event's `publishedAt` is read before its
 * publication commits (up to SEAT_TRANSACTION's wait and timeout, 35 s, behind other writers), and on another
 * instance's clock: a check up to "now" could miss an event not yet committed and still move its watermark past it,
 * for good. A check covers events published until ALERT_SETTLE_MS ago, which have all committed by then.
 */
export const ALERT_SETTLE_MS = 5 * 60_000;

/** The instant a check at `now` looks up to (and records as its alerts' last check). */
export function alertCheckedUntil(now: Date): Date {
  return new Date(now.getTime() - ALERT_SETTLE_MS);
}

/** When an alert is due: its last check is at least ALERT_INTERVAL_MS old. */
export function alertDueBefore(now: Date): Date {
  return new Date(now.getTime() - ALERT_INTERVAL_MS);
}

/**
 * An alert in words, for its list and its email: the free text in quotes, then each filter's value
 * in the catalogue form's order ("«robotica» · Webinar · Toscana"); every event when it has none.
 */
export function describeAlert(filters: CatalogueFilters, locale: Locale): string {
  const parts = [
    filters.q ? `«${filters.q.trim()}»` : "",
    labelOf(EVENT_TYPE_LABELS, filters.type, locale),
    labelOf(EVENT_LEVEL_LABELS, filters.level, locale),
    labelOf(REGION_LABELS, filters.region, locale),
    labelOf(EVENT_MODE_LABELS, filters.mode, locale),
    labelOf(SCHOOL_LEVEL_LABELS, filters.schoolLevel, locale),
    labelOf(PROFESSIONAL_ROLE_LABELS, filters.role, locale),
  ].filter(Boolean);
  if (parts.length > 0) return parts.join(" · ");
  return locale === "en" ? "Every new event" : "Tutti i nuovi eventi";
}

/**
 * A new event as an alert's email lists it (ISO first day), with the language its title is written in
 * (Event.titleLanguage: the email marks a title in another language than its own). Rows queued before it carried
 * none: nothing is marked.
 */
export type AlertEvent = { id: string; title: string; startsAt: string; titleLanguage?: string };

/**
 * What one alert's check found: its search, the start of the check (ISO: the events are those published after it),
 * the first events (at most ALERT_EVENTS_PER_EMAIL) and how many in all.
 */
export type AlertFinding = { query: string; since: string; total: number; events: AlertEvent[] };

/**
 * One search's part of a person's email: the events to list under it, how many more the catalogue has, and the
 * check's start, which the search's link carries (none in rows queued before it did).
 */
export type AlertDigestSection = { query: string; since?: string; events: AlertEvent[]; more: number };

/**
 * The catalogue's query string of a section's search narrowed to the events published since its check's start
 * (`publishedSince`, the catalogue's filter): the link that shows the events the email could not list.
 */
export function alertSectionQuery(section: Pick<AlertDigestSection, "query" | "since">): string {
  if (!section.since) return section.query;
  return catalogueSearchString({ ...filtersOfAlert(section.query), publishedSince: section.since }).replace(/^\?/, "");
}

/**
 * A person's daily email (ADR 0088, one email per person): a section per alert that found something,
 * in the order of the person's alerts. An event found by several searches is listed once, under the
 * first; a later section left with nothing to list and nothing more is dropped. `more` counts the
 * events beyond those the check fetched, which the search's link shows.
 */
export function alertDigest(findings: AlertFinding[]): AlertDigestSection[] {
  const listed = new Set<string>();
  const sections: AlertDigestSection[] = [];
  for (const finding of findings) {
    if (finding.total <= 0) continue;
    const events = finding.events.filter((e) => !listed.has(e.id));
    for (const e of events) listed.add(e.id);
    const more = Math.max(0, finding.total - finding.events.length);
    if (events.length > 0 || more > 0) sections.push({ query: finding.query, since: finding.since, events, more });
  }
  return sections;
}
