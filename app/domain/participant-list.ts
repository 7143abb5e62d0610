// The organiser's participant list of an edition (issue 15, item 5): a search by name, email or
// school and a status filter, both in the URL (?q=…&stato=…&pagina=…), and the page size. Plain
// rules, no HTTP or database: app/models/participant-list.server.ts runs the query.
import { ACTIVE_STATUSES, ENROLMENT_STATUS_LABELS, type EnrolmentStatus } from "./enrolment.ts";
import { stripControlCharacters } from "./text.ts";
import { REGION_CODES, type RegionCode } from "./vocabulary.ts";

/**
 * The filters: each active status, "completati" (seated with a valid certificate) and "conclusi"
 * (every place that ended: cancelled, removed, moved, offer expired or declined, edition cancelled,
 * not selected).
 */
export const PARTICIPANT_FILTERS = [
  "tutti",
  "iscritto",
  "in-attesa",
  "offerta",
  "candidato",
  "completati",
  "conclusi",
] as const;
export type ParticipantFilter = (typeof PARTICIPANT_FILTERS)[number];

export const PARTICIPANTS_PAGE_SIZE = 25;
export const PARTICIPANT_SEARCH_MAX = 100;

export const ENDED_STATUSES = (Object.keys(ENROLMENT_STATUS_LABELS) as EnrolmentStatus[]).filter(
  (s) => !(ACTIVE_STATUSES as readonly string[]).includes(s),
);

/**
 * `region`: only people whose profile is in that region (?regione=…): a national edition of 350
 * seats read region by region; null: every region.
 */
export type ParticipantQuery = { q: string; filter: ParticipantFilter; page: number; region?: RegionCode | null };

/** The list's query from the URL; anything unexpected falls back to the whole list, page 1. */
export function parseParticipantQuery(params: URLSearchParams): ParticipantQuery {
  // NUL and other control characters are dropped, as in forms (PostgreSQL refuses NUL in text).
  const q = stripControlCharacters(params.get("q") ?? "")
    .trim()
    .replace(/\s+/g, " ")
    .slice(0, PARTICIPANT_SEARCH_MAX);
  const stato = params.get("stato") ?? "tutti";
  const filter = (PARTICIPANT_FILTERS as readonly string[]).includes(stato) ? (stato as ParticipantFilter) : "tutti";
  const page = Math.min(10_000, Math.max(1, Number.parseInt(params.get("pagina") ?? "1", 10) || 1));
  const regione = params.get("regione") ?? "";
  const region = (REGION_CODES as readonly string[]).includes(regione) ? (regione as RegionCode) : null;
  return { q, filter, page, region };
}

/** The URL search of a list query (defaults left out), e.g. for the pages' links. */
export function participantQueryString(query: ParticipantQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.filter !== "tutti") params.set("stato", query.filter);
  if (query.region) params.set("regione", query.region);
  if (query.page > 1) params.set("pagina", String(query.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The enrolment statuses a filter keeps (null: every status). "completati" adds the certificate condition. */
export function filterStatuses(filter: ParticipantFilter): readonly string[] | null {
  switch (filter) {
    case "tutti":
      return null;
    case "completati":
      return ["iscritto"];
    case "conclusi":
      return ENDED_STATUSES;
    default:
      return [filter];
  }
}

/** A LIKE pattern for a substring match, lower-cased, with %, _ and the escape character escaped ("\\"). */
export function containsPattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
