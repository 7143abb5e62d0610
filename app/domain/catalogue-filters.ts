// The public catalogue's filters, read from the URL (a GET form, so a search can be shared).
// Pure: no HTTP, no Prisma. A value that is not valid is dropped and reported in `ignored`,
// so the page can say so instead of failing.
import { z } from "zod";
import { normaliseSearchText } from "./event-derived-fields.ts";
import { stripControlCharacters } from "./text.ts";
import {
  EVENT_LEVELS,
  EVENT_MODES,
  EVENT_TYPES,
  PROFESSIONAL_ROLES,
  REGION_CODES,
  SCHOOL_LEVELS,
} from "./vocabulary.ts";
import { parseRomeDateTime } from "~/utils/dates.ts";

export const CATALOGUE_PAGE_SIZE = 20;
/** Beyond this a page number is not a real navigation (10,000 events = 500 pages). */
export const CATALOGUE_MAX_PAGE = 1000;
export const CATALOGUE_MAX_QUERY_LENGTH = 200;
/** Words beyond this are not searched (each word is one LIKE over the page of events). */
export const CATALOGUE_MAX_QUERY_WORDS = 8;

const EDGE_PUNCTUATION = /^[.,;:!?()[\]{}"'«»“”‘’\-–—]+|[.,;:!?()[\]{}"'«»“”‘’\-–—]+$/gu;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const romeDay = z
  .string()
  .regex(DATE_ONLY)
  .refine((v) => parseRomeDateTime(v) !== null);
/** An instant as toISOString() writes it (UTC, "Z"), seconds and milliseconds optional. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z$/;
/**
 * "Published since": a Rome day (from its midnight on) or an instant (strictly after it: an alert's email links
 * to the events published after its check's start, ADR 0088), written back in its canonical form. Before the
 * year 2000 or after 9999 it is not a date of the catalogue.
 */
const publishedSince = z.string().transform((v, ctx) => {
  const value = DATE_ONLY.test(v) ? v : UTC_INSTANT.test(v) ? canonicalInstant(v) : null;
  if (value === null || publishedAfter(value) === null) {
    ctx.addIssue({ code: z.ZodIssueCode.custom });
    return z.NEVER;
  }
  return value;
});

function canonicalInstant(v: string): string | null {
  const d = new Date(v);
  // Date reads "2026-02-31T10:00Z" as 3 March: an instant is only what it says.
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v.slice(0, 10) ? null : d.toISOString();
}

/** One schema per URL parameter, so that a bad value invalidates that parameter only. */
const paramSchemas = {
  q: z.string().trim().max(CATALOGUE_MAX_QUERY_LENGTH),
  level: z.enum(EVENT_LEVELS),
  type: z.enum(EVENT_TYPES),
  region: z.enum(REGION_CODES),
  mode: z.enum(EVENT_MODES),
  schoolLevel: z.enum(SCHOOL_LEVELS),
  role: z.enum(PROFESSIONAL_ROLES),
  from: romeDay,
  to: romeDay,
  freeSeats: z.enum(["1", "on", "true"]),
  publishedSince,
  page: z.coerce.number().int().min(1).max(CATALOGUE_MAX_PAGE),
} as const;

export type CatalogueParam = keyof typeof paramSchemas;
export const CATALOGUE_PARAMS = Object.keys(paramSchemas) as CatalogueParam[];

/** The filters as the URL carries them (strings as typed, dates as YYYY-MM-DD). */
export type CatalogueFilters = {
  q?: string;
  level?: z.infer<(typeof paramSchemas)["level"]>;
  type?: z.infer<(typeof paramSchemas)["type"]>;
  region?: z.infer<(typeof paramSchemas)["region"]>;
  mode?: z.infer<(typeof paramSchemas)["mode"]>;
  schoolLevel?: z.infer<(typeof paramSchemas)["schoolLevel"]>;
  role?: z.infer<(typeof paramSchemas)["role"]>;
  from?: string;
  to?: string;
  freeSeats?: boolean;
  /** Only events published since this Rome day ("YYYY-MM-DD") or after this instant (ISO, UTC): publishedAfter. */
  publishedSince?: string;
};

export type ParsedCatalogueSearch = {
  filters: CatalogueFilters;
  page: number;
  /** Parameters whose value was not valid and was therefore not applied. */
  ignored: CatalogueParam[];
};

/**
 * Reads the catalogue's URL parameters. Empty values (an untouched field of the GET form)
 * mean "no filter"; unknown parameters are not filters and are left alone; a repeated
 * parameter uses its first non-empty value.
 */
export function parseCatalogueSearch(params: URLSearchParams): ParsedCatalogueSearch {
  const filters: CatalogueFilters = {};
  const ignored: CatalogueParam[] = [];
  let page = 1;
  for (const name of CATALOGUE_PARAMS) {
    // NUL and other control characters are dropped, as in forms (PostgreSQL refuses NUL in text).
    const raw = params
      .getAll(name)
      .map(stripControlCharacters)
      .find((v) => v.trim() !== "");
    if (raw === undefined) continue;
    const result = paramSchemas[name].safeParse(raw);
    if (!result.success) {
      ignored.push(name);
      continue;
    }
    const value = result.data;
    switch (name) {
      case "q":
        if (searchWords(value as string).length > 0) filters.q = value as string;
        break;
      case "freeSeats":
        filters.freeSeats = true;
        break;
      case "page":
        page = value as number;
        break;
      default:
        (filters as Record<string, unknown>)[name] = value;
    }
  }
  // A range that ends before it starts matches nothing: say so rather than show an empty page.
  if (filters.from && filters.to && filters.to < filters.from) {
    delete filters.from;
    delete filters.to;
    ignored.push("from", "to");
  }
  return { filters, page, ignored };
}

/** The words of the free-text filter, normalised like Event.searchText; every one must match. */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  // LIKE reads % and _ as wildcards and SQLite has no default escape character, so they
  // separate words instead: "100%" searches "100" (a wider match, never a wildcard one).
  const words = normaliseSearchText(q.replace(/[%_\\]/g, " "))
    .split(" ")
    // Punctuation at the edges ("eTwinning," or "(base)") would stop a word from matching;
    // other symbols ("C++", "#scuola") are searched as typed.
    .map((w) => w.replace(EDGE_PUNCTUATION, ""))
    .filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, CATALOGUE_MAX_QUERY_WORDS);
}

/**
 * The date range as instants: from the start of `from` to the end of `to`, both days in
 * Europe/Rome. `toExclusive` is the midnight that follows `to`.
 */
export function dateRangeOf(filters: Pick<CatalogueFilters, "from" | "to">): { from?: Date; toExclusive?: Date } {
  const range: { from?: Date; toExclusive?: Date } = {};
  if (filters.from) range.from = parseRomeDateTime(filters.from) ?? undefined;
  if (filters.to) {
    const [y, m, d] = filters.to.split("-").map(Number) as [number, number, number];
    // The next calendar day (Date.UTC handles month and year ends), then its Rome midnight,
    // which is right on the days the clocks change.
    const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
    range.toExclusive = parseRomeDateTime(next) ?? undefined;
  }
  return range;
}

/**
 * The instant an event's publication must come after to pass the "published since" filter: the instant itself, or
 * for a Rome day the millisecond before its midnight (so an event published at midnight passes). Null when the
 * value is not a date of the catalogue.
 */
export function publishedAfter(value: string): Date | null {
  const at = DATE_ONLY.test(value) ? parseRomeDateTime(value) : new Date(value);
  if (at === null || Number.isNaN(at.getTime())) return null;
  // A Rome day's own year (its midnight is still the year before in UTC on 1 January); an instant's in UTC.
  const year = DATE_ONLY.test(value) ? Number(value.slice(0, 4)) : at.getUTCFullYear();
  if (year < 2000 || year > 9999) return null;
  return DATE_ONLY.test(value) ? new Date(at.getTime() - 1) : at;
}

/** The URL query string for these filters and page (page 1 is left out), for links. */
export function catalogueSearchString(filters: CatalogueFilters, page = 1): string {
  const params = new URLSearchParams();
  for (const name of CATALOGUE_PARAMS) {
    if (name === "page") continue;
    const value = filters[name as keyof CatalogueFilters];
    if (value === undefined || value === false || value === "") continue;
    params.set(name, value === true ? "1" : String(value));
  }
  if (page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/**
 * What a search asks for, for the request log: each filter with its value (the values are the catalogue's own
 * vocabulary and dates), the page, and of the free text only how many words and how long each is (what a
 * search's cost depends on): a visitor may type anything there, a person's name included, so the words stay
 * out of the log. E.g. "q=2w:9,6 type=webinar freeSeats page=3"; "" for the first page of everything.
 */
export function catalogueSearchShape(filters: CatalogueFilters, page: number): string {
  const parts: string[] = [];
  for (const name of CATALOGUE_PARAMS) {
    if (name === "page") continue;
    const value = filters[name as keyof CatalogueFilters];
    if (value === undefined || value === false || value === "") continue;
    if (name === "q") {
      const words = searchWords(value as string);
      parts.push(`q=${words.length}w:${words.map((w) => [...w].length).join(",")}`);
    } else parts.push(value === true ? name : `${name}=${String(value)}`);
  }
  if (page > 1) parts.push(`page=${page}`);
  return parts.join(" ");
}

export function hasActiveFilters(filters: CatalogueFilters): boolean {
  return Object.values(filters).some((v) => v !== undefined && v !== false && v !== "");
}

export function pageCount(total: number, pageSize = CATALOGUE_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * Page numbers to link to: the first, the last, and a window around the current one;
 * null marks a gap ("…").
 */
export function pageWindow(current: number, last: number, radius = 2): (number | null)[] {
  const pages: (number | null)[] = [];
  for (let p = 1; p <= last; p++) {
    if (p === 1 || p === last || Math.abs(p - current) <= radius) {
      pages.push(p);
    } else if (pages[pages.length - 1] !== null) {
      pages.push(null);
    }
  }
  return pages;
}
