// The public catalogue: what anyone may read about published events, without signing in.
//
// Plain SQL through app/utils/sql.server.ts (the same text on SQLite and PostgreSQL), because
// these pages are the busiest of the service and Prisma 6's query compiler costs 0.3–1.4 ms of
// CPU per statement here (docs/decisions/0008-enrolment-hot-path.md, docs/performance.md):
// - a result page is 2 statements (1 when nothing matches): COUNT(*) and the page of events, on Event's own indexed
//   columns (status, startsAt, endsAt, level, regionCode; searchText for free text). Event_catalogue_idx holds every
//   filter column in the catalogue's order, so a count reads no event row and a page reads only its own
//   (docs/decisions/0029-catalogue-sql-plans.md);
// - an event page is 3 statements run together: the event, its audience and themes, and its
//   editions joined with their sessions; then, only when an edition has regional quotas, their quotas.
// The WHERE clause is built from the parsed filters (app/domain/catalogue-filters.ts) with
// parameters only: no value from the URL is ever written into the SQL text.
// The online-room link (Event.onlineUrl) is never read here.
// `source` says whether a read may be answered by the read replica (ADR 0017); the route decides
// (lagTolerantSource); callers that say nothing read the primary.
import { publicEventSql } from "~/domain/event-rules.ts";
import type { QuotaState } from "~/domain/seat-ledger.ts";
import {
  CATALOGUE_PAGE_SIZE,
  dateRangeOf,
  pageCount,
  publishedAfter,
  searchWords,
  type CatalogueFilters,
} from "~/domain/catalogue-filters.ts";
import { databaseEngine } from "~/utils/db.server.ts";
import type { ReadSource } from "~/utils/read-replica.server.ts";
import { sqlDate, sqlReadFrom, sqlReadFromPrepared, toBool, toDate, toInt, type SqlParam } from "~/utils/sql.server.ts";
import { quotasOfEvent } from "./edition-quotas.server.ts";
import * as sessionRows from "./edition-session-rows.server.ts";

const EXCERPT_LENGTH = 220;

/** FTS5's trigram tokenizer answers LIKE from its index for a pattern of at least 3 characters. */
const TRIGRAM_LENGTH = 3;

/** pg_trgm takes its trigrams from runs of letters and digits: a word without a run of three has none. */
const TRIGRAM_RUN = /[\p{L}\p{N}]{3}/u;

/**
 * An FTS5 query that every word must match as a substring: each word one quoted phrase (a `"` is
 * doubled, FTS5's only escape inside a phrase), AND-ed. With the trigram tokenizer a phrase is the
 * sequence of its trigrams, so it matches exactly the texts that contain the word.
 */
export function ftsPhrases(words: string[]): string {
  return words.map((w) => `"${w.replaceAll('"', '""')}"`).join(" AND ");
}

/**
 * The words of a search that its WHERE tests: on SQLite, a word that is part of another word of the same search is
 * left out ("in eTwinning" tests "etwinning" only), since every text that contains the longer word contains it too:
 * the same events, without reading each match's text for the short word
 * (docs/decisions/0062-catalogue-words-inside-other-words.md). PostgreSQL keeps every word (its statements are named
 * by their shape, ADR 0058).
 */
function catalogueWords(q: string | undefined): string[] {
  const words = searchWords(q);
  if (databaseEngine !== "sqlite") return words;
  return words.filter((w) => !words.some((other) => other !== w && other.includes(w)));
}

/** The words of a search that SQLite's FTS5 trigram index answers (none on PostgreSQL, whose LIKE has pg_trgm). */
function ftsWords(words: string[]): string[] {
  return databaseEngine === "sqlite" ? words.filter((w) => [...w].length >= TRIGRAM_LENGTH) : [];
}

/** A WHERE clause and its parameters ($1… in the order of `params`). */
export type SqlWhere = { sql: string; params: SqlParam[] };

/**
 * The catalogue's WHERE clause on `Event` aliased `e`: published, not over yet, and every active
 * filter. Values go in as parameters; only fixed text and $n placeholders go into the SQL.
 * `seats: "editions"` tests free seats on the editions themselves on both engines (the rule the entries follow:
 * the reference of tests/support/catalogue-counts.ts and of a live count). `keys` (SQLite) reads the event's columns
 * and free seats from its copy on the text index's key (catalogueKeys, ADR 0053), and returns the FTS5 match apart.
 */
export function catalogueWhere(
  filters: CatalogueFilters,
  now: Date,
  options: { seats?: "entries" | "editions"; keys?: boolean; likeText?: boolean } = {},
): SqlWhere & { match?: string } {
  const params: SqlParam[] = [];
  const param = (value: SqlParam) => {
    params.push(value);
    return `$${params.length}`;
  };
  const range = dateRangeOf(filters);
  // Upcoming (or running) events overlapping the requested range.
  const endsFrom = range.from && range.from > now ? range.from : now;
  // "Has not ended" is written NOT (endsAt < t) on purpose: as endsAt >= t, SQLite's planner
  // picks the (status, endsAt) index and sorts every upcoming event to return 20 of them
  // (8-10 ms at 10,000 events); this way it walks (status, startsAt) in catalogue order and
  // stops after one page (< 1 ms). Same rows: a NULL endsAt (no sessions) fails both forms.
  const words = catalogueWords(filters.q);
  // `likeText`: every word reads the text (LIKE), none the FTS5 index (a region's few hundred events, ADR 0057).
  const indexed = options.likeText ? [] : ftsWords(words);
  // On SQLite, a statement with indexed free text starts from the FTS5 matches, each looked up in
  // Event_catalogue_id_idx (id first, every filter column: no row read), because SQLite has no statistics on an
  // FTS5 query's matches: a unary `+` (a no-op on any value) keeps the planner off the status indexes
  // (docs/decisions/0029-catalogue-sql-plans.md). A region keeps its own index (a few hundred events): starting
  // from the matches of a common word costs more. Same rows either way; PostgreSQL plans by itself.
  // With `keys` (SQLite), `e` is the copy of the events' catalogue columns kept on the text index's keys
  // (catalogueKeys): a free text's MATCH is in the FROM, and its placeholder comes back as `match`.
  const byText = indexed.length > 0 && !filters.region && !options.keys;
  const and = [`${byText ? "+" : ""}e."status" = 'pubblicato'`, `NOT (e."endsAt" < ${param(sqlDate(endsFrom))})`];
  if (range.toExclusive) and.push(`e."startsAt" < ${param(sqlDate(range.toExclusive))}`);
  if (filters.level) and.push(`e."level" = ${param(filters.level)}`);
  if (filters.type) and.push(`e."type" = ${param(filters.type)}`);
  if (filters.region) and.push(`e."regionCode" = ${param(filters.region)}`);
  if (filters.mode) and.push(`e."mode" = ${param(filters.mode)}`);
  // "Published since" (an alert's email links to its new events, ADR 0088): rare, so it has no index or copy of
  // its own; with `keys` the copy has no "publishedAt", and each candidate's event row is probed by id.
  const after = filters.publishedSince ? publishedAfter(filters.publishedSince) : null;
  if (after && options.keys) {
    and.push(
      `EXISTS (SELECT 1 FROM "Event" pe WHERE pe."id" = e."id" AND pe."publishedAt" > ${param(sqlDate(after))})`,
    );
  } else if (after) and.push(`e."publishedAt" > ${param(sqlDate(after))}`);
  // searchWords() has removed % _ and \, so a word is never a LIKE pattern of its own. Both the
  // column and the words are lower-cased and without accents (LIKE is case-sensitive on PostgreSQL).
  // The same substring match is answered by a trigram index (docs/decisions/0012-catalogue-text-index.md):
  // on PostgreSQL pg_trgm's GIN index serves this very LIKE; on SQLite the FTS5 trigram table
  // "EventSearch" does, for words of three characters or more (shorter ones read the column).
  let match: string | undefined;
  if (indexed.length > 0 && options.keys) match = param(ftsPhrases(indexed));
  else if (indexed.length > 0) {
    // One FTS5 query for all the long words: each a phrase of its trigrams, which matches exactly
    // where the word is a substring (LIKE '%word%'), AND-ed inside FTS5. One IN (LIKE) per word
    // made SQLite materialise every word's whole match list and re-check LIKE on each row's text:
    // 40-95 ms for three common words at 10,000 events, 7 ms this way (docs/performance.md).
    and.push(
      `e."id" IN (SELECT s."eventId" FROM "EventSearch" s WHERE "EventSearch" MATCH ${param(ftsPhrases(indexed))})`,
    );
  }
  // On PostgreSQL a word without a trigram (a run of three letters or digits, TRIGRAM_RUN) is tested with strpos, the
  // same substring test as LIKE '%word%' for a word without wildcards, which pg_trgm's index does not serve: as LIKE,
  // a generic plan of its named statement scanned the whole GIN index for it ("q=e": 58 ms instead of 4;
  // docs/decisions/0058-postgresql-catalogue-named-statements.md). Those words come after the others, so the
  // statement's text depends on how many words of each kind the search has, not on their order.
  const untrigrammed = (w: string) => databaseEngine === "postgresql" && !TRIGRAM_RUN.test(w);
  const unindexed = words.filter((w) => !indexed.includes(w));
  for (const word of unindexed.filter((w) => !untrigrammed(w))) and.push(`e."searchText" LIKE ${param(`%${word}%`)}`);
  for (const word of unindexed.filter(untrigrammed)) and.push(`strpos(e."searchText", ${param(word)}) > 0`);
  // Audience and seats are correlated EXISTS: probed only for rows the other conditions keep.
  // (IN (subquery) made the unselective counts a little cheaper on SQLite but materialised the
  // whole subquery for every page and every selective search: 0.3 ms -> 10 ms.)
  // With `keys` (SQLite) the audience is the copy's lists of the event's values, each between commas (ADR 0057):
  // ',value,' is in the list exactly when the event has that row (a value holds no comma), read from the row or the
  // index the rest of the statement already reads, where the EXISTS probed another table's index per event.
  if (filters.schoolLevel && options.keys)
    and.push(`instr(e."schoolLevels", ${param(`,${filters.schoolLevel},`)}) > 0`);
  else if (filters.schoolLevel) {
    and.push(
      `EXISTS (SELECT 1 FROM "EventSchoolLevel" sl WHERE sl."eventId" = e."id" AND sl."schoolLevel" = ${param(filters.schoolLevel)})`,
    );
  }
  if (filters.role && options.keys) and.push(`instr(e."roles", ${param(`,${filters.role},`)}) > 0`);
  else if (filters.role) {
    and.push(
      `EXISTS (SELECT 1 FROM "EventAudienceRole" ar WHERE ar."eventId" = e."id" AND ar."role" = ${param(filters.role)})`,
    );
  }
  // "Free seats" is the whole edition's: fewer seats taken than the cap, every pool counted (seatsTaken < seatCap).
  // With regional quotas that is exactly "a seat free in some pool" (the pools split the cap, and none holds more
  // than its seats: app/domain/seat-ledger.ts, ADR 0011), i.e. a free seat for someone. The catalogue does not know
  // its reader's region (its loader reads no session: a result page is the same for everyone, and visitors' copies
  // are cached), so it keeps an edition whose
  // only free seats are reserved for a region: the event page then tells a signed-in teacher her own pool's seats
  // and everyone the reserved ones (editionSeats in app/domain/edition-availability.ts). Hiding such editions would
  // hide them from that region's teachers too. This keeps the filter on the columns and the "freeSeats" entries
  // it already reads (ADRs 0041, 0053, 0054).
  if (filters.freeSeats && options.keys) {
    // The close of the event's "freeSeats" entry (ADR 0041: the latest close of its active editions with a free
    // seat; none without one), copied on the event's key (ADR 0053): the same condition as the EXISTS below for a
    // published event with an end, which the rest of this WHERE asks for.
    and.push(`e."freeSeatsClosesAt" > ${param(sqlDate(now))}`);
  } else if (filters.freeSeats && databaseEngine === "postgresql" && options.seats !== "editions") {
    // PostgreSQL reads the same fact from the event's "freeSeats" entry, which the triggers keep in the writer's own
    // transaction (ADR 0041): it exists exactly when the event (published, with an end) has an active edition with a
    // free seat, and its closesAt is the latest close of those editions, so "one of them still open at t" is
    // closesAt > t. Same events; the planner probes the partial index "CatalogueEntry_freeSeats_idx" (eventId, with
    // closesAt, of the free-seat entries only) per candidate or merges it with the events, reading no row, instead of
    // a sequential scan of every edition's row (13,900 at 10,000 events) and a hash. SQLite reads its copy on the text
    // index's key when the search starts there (above, ADR 0053) and otherwise keeps probing the editions
    // (docs/decisions/0054-postgresql-free-seats-from-the-catalogue-entry.md).
    and.push(
      `EXISTS (SELECT 1 FROM "CatalogueEntry" fs WHERE fs."eventId" = e."id" AND fs."key" = 'freeSeats'` +
        ` AND fs."closesAt" > ${param(sqlDate(now))})`,
    );
  } else if (filters.freeSeats) {
    // What the free-seats filter and the event page agree on (domain/edition-availability.ts):
    // an edition someone can still enrol in has not been closed or cancelled by the organiser, nor had its
    // selection closed (an edition by application: selectionClosed in domain/application.ts),
    // its enrolment window has not closed, and it has a seat (no cap, or fewer taken than the cap).
    and.push(
      `EXISTS (SELECT 1 FROM "Edition" ed WHERE ed."eventId" = e."id" AND ed."status" = 'attiva'` +
        ` AND NOT (ed."admission" = 'candidatura' AND ed."selectionClosedAt" IS NOT NULL)` +
        ` AND ed."enrolmentClosesAt" > ${param(sqlDate(now))} AND (ed."seatCap" IS NULL OR ed."seatsTaken" < ed."seatCap"))`,
    );
  }
  return { sql: and.join(" AND "), params, ...(match ? { match } : {}) };
}

export type CatalogueCard = {
  id: string;
  title: string;
  type: string;
  level: string;
  regionCode: string | null;
  mode: string;
  venue: string | null;
  certifiedMinutes: number;
  startsAt: Date | null;
  endsAt: Date | null;
  excerpt: string;
  /** The language the title and description are written in (the card's lang, WCAG 3.1.2). */
  titleLanguage: string;
  /** The language the description (the excerpt) is written in. */
  textLanguage: string;
};

export type CataloguePage = {
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  events: CatalogueCard[];
};

type CardRow = {
  id: string;
  title: string;
  description: string;
  type: string;
  level: string;
  regionCode: string | null;
  mode: string;
  venue: string | null;
  certifiedMinutes: number | bigint;
  startsAt: Date | string | null;
  endsAt: Date | string | null;
  titleLanguage: string;
  textLanguage: string;
};

/**
 * A statement as the catalogue runs it: SQL text and its parameters; `unnamed` (PostgreSQL): run as an unnamed
 * statement, parsed and planned on every call, instead of a named one (ADR 0058).
 */
export type SqlStatement = { sql: string; params: SqlParam[]; unnamed?: boolean };

/** The columns of a card (CardRow), from `Event` aliased `e`. */
const CARD_COLUMNS = `e."id", e."title", e."description", e."type", e."level", e."regionCode", e."mode", e."venue",
  e."certifiedMinutes", e."startsAt", e."endsAt", e."titleLanguage", e."textLanguage"`;

/**
 * SQLite: the events as "EventSearch_key" copies them (kept equal by the triggers of migration 20261202043000;
 * docs/decisions/0053-catalogue-free-text-by-integer-key.md), as a table aliased `e` with the columns of `Event` that
 * catalogueWhere reads ("id" being the event's id, and "freeSeatsClosesAt" the close of its free-seats entry);
 * with `match` (a placeholder), only those whose text matches that FTS5 query, each match's FTS5 rowid being its key.
 * One lookup by integer key per match, where reading FTS5's "eventId" column, then each id in
 * Event_catalogue_id_idx (and, for a word too short for a trigram, the event's row) cost two to three times as much;
 * and the free-seats filter a column, where it probed each event's editions.
 */
function catalogueKeys(match?: string, index?: string): string {
  const columns = `k."eventId" AS "id", k."status", k."startsAt", k."endsAt", k."type", k."mode", k."level",
      k."regionCode", k."searchText", k."freeSeatsClosesAt", k."schoolLevels", k."roles"`;
  if (match) {
    // CROSS JOIN: the matches first, each key by its integer key. The copy's indexes (ADR 0057) hold the filters'
    // columns, and SQLite, without statistics on an FTS5 match, would otherwise walk one of them and run the match
    // once per event (seconds).
    return `(SELECT ${columns} FROM "EventSearch" s CROSS JOIN "EventSearch_key" k ON k."id" = s."rowid"
      WHERE "EventSearch" MATCH ${match}) e`;
  }
  // A page walks the copy in the catalogue's order, whatever the planner's statistics say (ADR 0057).
  return `(SELECT ${columns} FROM "EventSearch_key" k${index ? ` INDEXED BY "${index}"` : ""}) e`;
}

/**
 * SQLite, free text with indexed words: the count and the page in one statement that evaluates the FTS5 MATCH
 * once (docs/decisions/0040-one-fts5-match-per-search.md); null for any other search (the two statements of
 * catalogueStatements, or PostgreSQL's countAndPage). The matching events' ids and start times are
 * materialised once (the WHERE of the count on the FTS5 matches and their keys' columns: no event row
 * read); the total counts them and the page sorts them, then reads its own rows by id. As two statements, the
 * page's `IN (SELECT … MATCH …)` ran the match again: it was most of a free-text search's SQL (ADR 0033).
 * Like countAndPage, every row carries the total, and one row of NULL columns comes back when the page is empty.
 */
export function textCountAndPage(
  filters: CatalogueFilters,
  page: number,
  options: { now: Date; pageSize: number },
): SqlStatement | null {
  if (ftsWords(catalogueWords(filters.q)).length === 0 || keysRead(filters)) return null;
  const where = catalogueWhere(filters, options.now, { keys: true });
  const n = where.params.length;
  return {
    sql: `WITH m AS MATERIALIZED (SELECT e."id", e."startsAt" FROM ${catalogueKeys(where.match!)} WHERE ${where.sql})
      SELECT c."total", p.* FROM (SELECT COUNT(*) AS "total" FROM m) c LEFT JOIN (
        SELECT ${CARD_COLUMNS} FROM "Event" e WHERE e."id" IN (
          SELECT m."id" FROM m ORDER BY m."startsAt" ASC, m."id" ASC LIMIT $${n + 1} OFFSET $${n + 2})) p ON true
      ORDER BY p."startsAt" ASC, p."id" ASC`,
    params: [...where.params, options.pageSize, (page - 1) * options.pageSize],
  };
}

/**
 * The key of "CatalogueCount" that answers this search's count (docs/decisions/0041-catalogue-counts-per-filter-value.md),
 * or null when the count must read the catalogue: no filter at all ("") or one school level, one role, or free seats
 * alone, with no free text, dates or filter on the event's own columns. Those are the unselective counts, which
 * probed an EXISTS for each of the ~7,900 upcoming events.
 */
export function catalogueCountKey(filters: CatalogueFilters): string | null {
  const keys = catalogueEntryKeys(filters);
  return keys === null || keys.length > 1 ? null : (keys[0] ?? "");
}

/**
 * The keys of "CatalogueEntry" of this search's school level, role and free seats (free seats first), or null when
 * it has free text, dates (of the event or of its publication) or a filter on the event's own columns, which those
 * entries do not carry.
 */
function catalogueEntryKeys(filters: CatalogueFilters): string[] | null {
  const { schoolLevel, role, freeSeats, ...rest } = filters;
  if (
    searchWords(rest.q).length > 0 ||
    rest.type ||
    rest.region ||
    rest.level ||
    rest.mode ||
    rest.from ||
    rest.to ||
    rest.publishedSince
  ) {
    return null;
  }
  return [
    freeSeats ? "freeSeats" : null,
    schoolLevel ? `schoolLevel:${schoolLevel}` : null,
    role ? `role:${role}` : null,
  ].filter((k) => k !== null);
}

/**
 * The count of a search of two or three of school level, role and free seats and nothing else, from the entries
 * the triggers keep (ADR 0041; docs/decisions/0047-catalogue-slow-search-shapes.md): the first key's upcoming
 * entries (index range on key, day, end and close) that have an entry of each other key. `keys` as
 * catalogueEntryKeys gives them: free seats, if asked, first (only the first key's close is checked). An event has the entry
 * `schoolLevel:<v>` or `role:<v>` exactly when it is published with an end and has that value, and `freeSeats`
 * when it also has an active edition with a free seat, `closesAt` being the latest such edition's close: so an
 * entry counts under the catalogue's WHERE when its event has not ended and its close (if any) is after the
 * instant. Probing EventSchoolLevel, EventAudienceRole and every edition's row for each of the ~7,900 upcoming
 * events instead cost 20-30 ms on SQLite. Placeholders from $first, like catalogueSummaryCount.
 */
export function catalogueEntriesCount(keys: string[], now: Date, first = 1): SqlStatement {
  const [today, at] = [`$${first}`, `$${first + 1}`];
  const key = (i: number) => `$${first + 2 + i}`;
  // The other keys are a school level and a role (free seats comes first), whose entries have no close: each is
  // probed in the primary key alone (eventId, key), reading no row.
  const others = keys
    .slice(1)
    .map(
      (_, i) =>
        ` AND EXISTS (SELECT 1 FROM "CatalogueEntry" c${i + 1}` +
        ` WHERE c${i + 1}."eventId" = c0."eventId" AND c${i + 1}."key" = ${key(i + 1)})`,
    );
  return {
    sql: `SELECT COUNT(*) AS "total" FROM "CatalogueEntry" c0 WHERE c0."key" = ${key(0)} AND c0."day" >= ${today}
      AND NOT (c0."endsAt" < ${at}) AND (c0."closesAt" IS NULL OR c0."closesAt" > ${at})${others.join("")}`,
    params: [now.toISOString().slice(0, 10), sqlDate(now), ...keys],
  };
}

/** The count that answers this search from the triggers' tables (ADR 0041, ADR 0047), or null: count the catalogue. */
function summaryCount(filters: CatalogueFilters, now: Date, first = 1): SqlStatement | null {
  const keys = catalogueEntryKeys(filters);
  if (keys === null) return null;
  return keys.length <= 1 ? catalogueSummaryCount(keys[0] ?? "", now, first) : catalogueEntriesCount(keys, now, first);
}

/**
 * The count of the upcoming events with this key, from the triggers' tables (ADR 0041): every event of a day after
 * today counts (its day is when it stops counting), and today's few entries are checked against the instant as the
 * catalogue's WHERE does. Placeholders from $first, so that PostgreSQL's one statement can append it to the page's.
 */
export function catalogueSummaryCount(key: string, now: Date, first = 1): SqlStatement {
  const [k, today, at] = [`$${first}`, `$${first + 1}`, `$${first + 2}`];
  return {
    sql: `SELECT (SELECT COALESCE(SUM(cc."n"), 0) FROM "CatalogueCount" cc WHERE cc."key" = ${k} AND cc."day" > ${today})
      + (SELECT COUNT(*) FROM "CatalogueEntry" ce WHERE ce."key" = ${k} AND ce."day" = ${today}
         AND NOT (ce."endsAt" < ${at}) AND (ce."closesAt" IS NULL OR ce."closesAt" > ${at})) AS "total"`,
    params: [key, now.toISOString().slice(0, 10), sqlDate(now)],
  };
}

/**
 * SQLite, a search without free text that no count of "CatalogueCount" answers (ADR 0041: those answer no filter and
 * one school level, role or free seats alone): the count from the events' copy on the text index's keys
 * (catalogueKeys, ADR 0053), from one of its indexes alone (docs/decisions/0057-sqlite-catalogue-from-the-key-copy.md):
 * a region's entries, a type's, a mode's or a level's, or the copy in the catalogue's order for the other filters,
 * which carries the audience and free seats. The catalogue's count read Event_catalogue_idx whole for a type or a
 * mode (its entries are wide), an index and each event's row for a level or a region, and probed the audience or
 * editions of each upcoming event; two or three of school level, role and free seats probed the entries' primary key
 * per entry (ADR 0047). Free text is textCountAndPage's (indexed words) or reads the text. Null otherwise.
 */
function keysCount(filters: CatalogueFilters, now: Date): SqlStatement | null {
  if (!keysRead(filters) || catalogueCountKey(filters) !== null) return null;
  const where = catalogueWhere(filters, now, { keys: true, likeText: true });
  const from = catalogueKeys(undefined, filters.region ? "EventSearch_key_region_idx" : undefined);
  return { sql: `SELECT COUNT(*) AS "total" FROM ${from} WHERE ${where.sql}`, params: where.params };
}

/**
 * SQLite, a search without free text, or with a region, or whose words are all too short for a trigram: the key copy
 * answers it from its indexes alone, a region's free text from the text of each of the region's events that the
 * other filters keep, read from the copy (ADR 0057), and short words from the copy's text, whose rows are a fraction
 * of the event's (ADR 0062).
 */
function keysRead(filters: CatalogueFilters): boolean {
  if (databaseEngine !== "sqlite") return false;
  const words = catalogueWords(filters.q);
  return words.length === 0 || filters.region !== undefined || ftsWords(words).length === 0;
}

/**
 * SQLite, the page of a search with a region, school level, role, free seats or short words that keysRead allows: its ids from
 * the copy walked in the catalogue's order (EventSearch_key_region_idx within a region, EventSearch_key_catalogue_idx
 * otherwise: every filter column, the audience and free seats included), then the page's own event rows (ADR 0057).
 * The catalogue's page walked Event_catalogue_idx probing each event's audience (EventSchoolLevel,
 * EventAudienceRole) or editions until the page was full (7-15 ms for a deep page), or the region's index reading
 * each event's row. Null otherwise (the catalogue's page stops after a few entries of its own index).
 */
function keysPage(filters: CatalogueFilters, now: Date, slice: (n: number) => string): SqlStatement | null {
  const probed = filters.region || filters.schoolLevel || filters.role || filters.freeSeats;
  // Words too short for a trigram (keysRead) read the copy's text, where the catalogue's page read each event's row.
  if (!keysRead(filters) || !(probed || catalogueWords(filters.q).length > 0)) return null;
  const where = catalogueWhere(filters, now, { keys: true, likeText: true });
  const order = `ORDER BY e."startsAt" ASC, e."id" ASC`;
  const index = filters.region ? "EventSearch_key_region_idx" : "EventSearch_key_catalogue_idx";
  return {
    sql: `SELECT ${CARD_COLUMNS} FROM "Event" e WHERE e."id" IN (
        SELECT e."id" FROM ${catalogueKeys(undefined, index)} WHERE ${where.sql} ${order} ${slice(where.params.length)}) ${order}`,
    params: where.params,
  };
}

/**
 * The two statements of a result page: the count, then (when the page is not past the end) the
 * page of events; and PostgreSQL's one statement of both. Exported for bench/catalogue-sql.ts,
 * which times and EXPLAINs exactly these.
 */
export function catalogueStatements(
  filters: CatalogueFilters,
  page: number,
  options: { now: Date; pageSize: number; liveCount?: boolean },
): { count: SqlStatement; page: SqlStatement; offset: number; countAndPage: SqlStatement } {
  // A live count (tests' reference, benches) tests free seats on the editions, the rule the entries follow.
  const where = catalogueWhere(filters, options.now, { seats: options.liveCount ? "editions" : "entries" });
  const n = where.params.length;
  const offset = (page - 1) * options.pageSize;
  const order = `ORDER BY e."startsAt" ASC, e."id" ASC`;
  const slice = `LIMIT $${n + 1} OFFSET $${n + 2}`;
  // PostgreSQL fetches the heap row of every index entry an Index Scan passes, the ones OFFSET skips and
  // the ones an EXISTS rejects included (a deep page even chose a sort of every upcoming row). So the page's
  // ids come from Event_catalogue_idx alone (Index Only Scan), and only those rows are read (ADR 0029).
  // SQLite reads a row only when a returned column needs it, so its page is the plain statement.
  const rowsOf = (where: string) => `SELECT ${CARD_COLUMNS} FROM "Event" e WHERE ${where}`;
  const idFirstPage = (where: string) =>
    rowsOf(`e."id" IN (SELECT e."id" FROM "Event" e WHERE ${where} ${order} ${slice})`);
  // ADR 0041/0047: an unselective count reads what the triggers keep (liveCount: the catalogue itself, for benches).
  const summarised = options.liveCount ? null : summaryCount(filters, options.now);
  const liveCountSql = `SELECT COUNT(*) AS "total" FROM "Event" e WHERE ${where.sql}`;
  const liveCount = { sql: liveCountSql, params: where.params };
  // SQLite: the key copy (ADR 0057) before the entries' count of two or three keys (ADR 0047), which it beats.
  const count = (options.liveCount ? null : keysCount(filters, options.now)) ?? summarised ?? liveCount;
  const keysSlice = (n: number) => `LIMIT $${n + 1} OFFSET $${n + 2}`;
  const fromKeys = options.liveCount ? null : keysPage(filters, options.now, keysSlice);
  const joinedCount = summarised ? summaryCount(filters, options.now, where.params.length + 3)! : liveCount;
  const countSql = joinedCount.sql;
  return {
    count,
    page: fromKeys
      ? { sql: fromKeys.sql, params: [...fromKeys.params, options.pageSize, offset] }
      : {
          sql:
            databaseEngine === "postgresql"
              ? `${idFirstPage(where.sql)} ${order}`
              : `${rowsOf(where.sql)} ${order} ${slice}`,
          params: [...where.params, options.pageSize, offset],
        },
    // PostgreSQL: the count and the page in one statement, one round trip instead of two (ADR 0034). Both halves
    // share the same WHERE and parameters. The count is one row; the page joins it laterally and runs only when
    // the page is not past the end: a condition on the outer row alone inside a subquery kept apart by OFFSET 0 is
    // a one-time filter, so an empty result (or a page past the end) still reads the catalogue once, not twice.
    // That row comes back once with NULL columns when no event is on the page.
    // Each part is evaluated once (docs/decisions/0048-postgresql-search-evaluated-once.md): a summary count is a
    // materialised CTE (as a subquery PostgreSQL pulled its expression up into both the total and the page's
    // condition, and read "CatalogueCount" twice); and a search whose WHERE is costly per row (free text: pg_trgm's
    // index and a recheck of every match's text; school level, role, free seats: a join of another table) keeps its
    // matching ids and start times in a materialised CTE, which the count counts and the page sorts, instead of
    // evaluating that WHERE in both halves. A search on the event's own columns only still walks Event_catalogue_idx
    // in order for its page, which stops after its rows.
    countAndPage: pgCountAndPage(
      filters,
      where.sql,
      { sql: countSql, summary: summarised !== null },
      {
        page: idFirstPage(where.sql),
        slice,
        offset: `$${where.params.length + 2}`,
        params: [...where.params, options.pageSize, offset, ...(summarised ? joinedCount.params : [])],
      },
    ),
    offset,
  };
}

/**
 * PostgreSQL's one statement of a search (catalogueStatements' countAndPage; see the comment there): `count` is the
 * count's SQL (a summary count, or the catalogue's own), `page` the id-first page, its slice and parameters (the
 * summary count's included).
 */
function pgCountAndPage(
  filters: CatalogueFilters,
  where: string,
  count: { sql: string; summary: boolean },
  page: { page: string; slice: string; offset: string; params: SqlParam[] },
): SqlStatement {
  const statement = (withSql: string, countFrom: string, pageSql: string) => ({
    sql: `${withSql} SELECT c."total", p.* FROM ${countFrom} c LEFT JOIN LATERAL (
       ${pageSql} AND c."total" > ${page.offset} OFFSET 0) p ON true
       ORDER BY p."startsAt" ASC, p."id" ASC`,
    params: page.params,
  });
  if (count.summary) return statement(`WITH c AS MATERIALIZED (${count.sql})`, "c", page.page);
  const text = searchWords(filters.q).length > 0;
  const joins = Boolean(filters.schoolLevel || filters.role || filters.freeSeats);
  if (!text && !joins) return statement("", `(${count.sql})`, page.page);
  const matched = statement(
    `WITH m AS MATERIALIZED (SELECT e."id", e."startsAt" FROM "Event" e WHERE ${where})`,
    `(SELECT COUNT(*) AS "total" FROM m)`,
    `SELECT ${CARD_COLUMNS} FROM "Event" e WHERE e."id" IN (
         SELECT m."id" FROM m ORDER BY m."startsAt" ASC, m."id" ASC ${page.slice})`,
  );
  // Free text with an audience or seat filter: its generic plan cost more than planning each call (ADR 0058).
  return text && joins ? { ...matched, unnamed: true } : matched;
}

export async function searchCatalogue(
  filters: CatalogueFilters,
  page: number,
  options: { now?: Date; pageSize?: number; source?: ReadSource; liveCount?: boolean } = {},
): Promise<CataloguePage> {
  const now = options.now ?? new Date();
  const source = options.source ?? "primary";
  const pageSize = options.pageSize ?? CATALOGUE_PAGE_SIZE;
  const liveCount = options.liveCount;
  const textOnce = textCountAndPage(filters, page, { now, pageSize });
  if (textOnce) return countedPage(await sqlReadFrom(source, textOnce.sql, ...textOnce.params), page, pageSize);
  const statements = catalogueStatements(filters, page, { now, pageSize, liveCount });
  if (databaseEngine === "postgresql") {
    // A named statement (ADR 0058): parsed once per connection, and planned once for the shapes whose generic plan
    // PostgreSQL finds as good as a custom one; free text with an audience or seat filter is planned each call.
    const read = statements.countAndPage.unnamed ? sqlReadFrom : sqlReadFromPrepared;
    return countedPage(
      await read(source, statements.countAndPage.sql, ...statements.countAndPage.params),
      page,
      pageSize,
    );
  }
  const counts = await sqlReadFrom<{ total: number | bigint }>(
    source,
    statements.count.sql,
    ...statements.count.params,
  );
  const total = toInt(counts[0]?.total ?? 0);
  // The count comes first so that an empty result (or a page past the end) costs one statement:
  // looking for a first row that does not exist walks the whole (status, startsAt) index.
  const rows =
    statements.offset < total ? await sqlReadFrom<CardRow>(source, statements.page.sql, ...statements.page.params) : [];
  return resultPage(total, page, pageSize, rows);
}

/** The result of a statement that counts and pages together: the total on every row, one row of NULLs for an empty page. */
function countedPage(rows: (CardRow & { total: number | bigint | string })[], page: number, pageSize: number) {
  return resultPage(toInt(rows[0]?.total ?? 0), page, pageSize, rows[0]?.id === null ? [] : rows);
}

function resultPage(total: number, page: number, pageSize: number, rows: CardRow[]): CataloguePage {
  return {
    total,
    page,
    pageCount: pageCount(total, pageSize),
    pageSize,
    events: rows.map((r) => ({
      id: r.id,
      title: r.title,
      type: r.type,
      level: r.level,
      regionCode: r.regionCode,
      mode: r.mode,
      venue: r.venue,
      certifiedMinutes: toInt(r.certifiedMinutes),
      startsAt: toDate(r.startsAt),
      endsAt: toDate(r.endsAt),
      excerpt: excerptOf(r.description),
      titleLanguage: r.titleLanguage,
      textLanguage: r.textLanguage,
    })),
  };
}

/**
 * HTTP caching of the public pages. A visitor without a session cookie sees a page that depends
 * only on the URL and the language cookie, so a browser or a shared cache (nginx, a CDN) may keep
 * it for 30 s and serve it stale for 60 s more while it revalidates. With a session cookie the
 * page names the user in its header: private, never stored. `Vary: Cookie` keeps the two apart
 * (and the Italian and English pages). Seat counts may thus be up to 90 s old on a cached page;
 * the enrolment page itself is never cached and always decides on fresh data.
 */
export const SESSION_COOKIE_NAME = "forma_session";
export const PUBLIC_CACHE_CONTROL = "public, max-age=30, stale-while-revalidate=60";
export const PRIVATE_CACHE_CONTROL = "private, no-store";

export function publicPageHeaders(request: Request): Headers {
  const cookies = request.headers.get("Cookie") ?? "";
  const signedIn = cookies.split(";").some((c) => c.trim().startsWith(`${SESSION_COOKIE_NAME}=`));
  return new Headers({ "Cache-Control": signedIn ? PRIVATE_CACHE_CONTROL : PUBLIC_CACHE_CONTROL, Vary: "Cookie" });
}

/**
 * The start of a description, cut at a word boundary: its words joined by single spaces (the text
 * with each run of whitespace made one space, trimmed), cut at `length` characters. One pass over
 * the words that stops as soon as `length` characters are known, with no regular expression (ADR 0059):
 * a page computes 20 of them.
 */
export function excerptOf(text: string, length = EXCERPT_LENGTH): string {
  const n = text.length;
  let flat = "";
  let i = 0;
  while (flat.length <= length) {
    while (i < n && isWhitespace(text.charCodeAt(i))) i++;
    if (i === n) return flat; // every word read: the flattened text is within the length
    let end = i + 1;
    while (end < n && !isWhitespace(text.charCodeAt(end))) end++;
    flat = flat === "" ? text.slice(i, end) : `${flat} ${text.slice(i, end)}`;
    i = end;
  }
  const cut = flat.slice(0, length);
  const lastSpace = cut.lastIndexOf(" ");
  const head = lastSpace > length * 0.6 ? cut.slice(0, lastSpace) : cut;
  let keep = head.length;
  while (keep > 0 && isTrailingPunctuation(head.charCodeAt(keep - 1))) keep--;
  return `${head.slice(0, keep)}…`;
}

/** JavaScript's `\s`: Unicode's white space and line terminators, and U+FEFF. */
function isWhitespace(c: number): boolean {
  if (c > 32 && c < 0xa0) return false;
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** What an excerpt does not end with before its ellipsis: whitespace, `,` `.` `;` `:` `–` `-`. */
function isTrailingPunctuation(c: number): boolean {
  return c === 44 || c === 46 || c === 59 || c === 58 || c === 0x2013 || c === 45 || isWhitespace(c);
}

export type PublicSession = {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  delivery: string;
  /** A blended event's live session held in one place only (ADR 0091); null = both. */
  place: string | null;
  minutes: number;
  /** Asynchronous activities only: needed for the certificate. */
  required: boolean;
};

export type PublicEdition = {
  id: string;
  number: number;
  startsOn: Date;
  endsOn: Date;
  seatCap: number | null;
  seatsTaken: number;
  enrolmentOpensAt: Date;
  enrolmentClosesAt: Date;
  status: string;
  /** Why the edition was cancelled (status "annullata"), as the organiser wrote it. */
  cancellationReason: string | null;
  /** "ordine-arrivo" | "candidatura" */
  admission: string;
  /** When the organiser closed the selection (an edition by application). */
  selectionClosedAt: Date | null;
  /** Its regional quotas (ADR 0011), by region; none for an edition that never had one. */
  quotas: QuotaState[];
  sessions: PublicSession[];
};

export type PublicEvent = {
  id: string;
  title: string;
  description: string;
  type: string;
  level: string;
  regionCode: string | null;
  mode: string;
  venue: string | null;
  language: string;
  /** The language the title, description and sheet are written in (the page's lang for them, WCAG 3.1.2). */
  titleLanguage: string;
  /** The language the description and sheet are written in. */
  textLanguage: string;
  certifiedMinutes: number;
  /** Completion rule: minimum share of the hours for the certificate (besides required activities). */
  completionPercent: number;
  status: string;
  /** Why the event was cancelled (status "annullato"), as the organiser wrote it. */
  cancellationReason: string | null;
  openToAllRegions: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  /** Sorted by value, like the lists below. */
  schoolLevels: { schoolLevel: string }[];
  audienceRoles: { role: string }[];
  themes: { theme: string }[];
  /** By number; each edition's sessions by start, then id. */
  editions: PublicEdition[];
};

const PUBLIC_EVENT_SQL = `
  SELECT e."id", e."title", e."description", e."type", e."level", e."regionCode", e."mode", e."venue",
         e."language", e."titleLanguage", e."textLanguage", e."certifiedMinutes", e."completionPercent", e."status", e."openToAllRegions", e."startsAt", e."endsAt",
         e."cancellationReason"
  FROM "Event" e
  WHERE e."id" = $1 AND ${publicEventSql("e.")}`;

// One list of the event's vocabulary values; each kind sorted by value.
const PUBLIC_EVENT_TAGS_SQL = `
  SELECT 'level' AS "kind", "schoolLevel" AS "value" FROM "EventSchoolLevel" WHERE "eventId" = $1
  UNION ALL
  SELECT 'role' AS "kind", "role" AS "value" FROM "EventAudienceRole" WHERE "eventId" = $1
  UNION ALL
  SELECT 'theme' AS "kind", "theme" AS "value" FROM "EventTheme" WHERE "eventId" = $1
  ORDER BY "kind", "value"`;

// Editions with their sessions, one row per session (an edition without sessions gives one row of NULLs).
const PUBLIC_EVENT_EDITIONS_SQL = `
  SELECT ed."id", ed."number", ed."startsOn", ed."endsOn", ed."seatCap", ed."seatsTaken",
         ed."enrolmentOpensAt", ed."enrolmentClosesAt", ed."status", ed."cancellationReason",
         ed."admission", ed."selectionClosedAt", ed."hasQuotas",
         s."id" AS "sessionId", s."title" AS "sessionTitle", s."startsAt" AS "sessionStartsAt",
         s."endsAt" AS "sessionEndsAt", s."delivery" AS "sessionDelivery", s."minutes" AS "sessionMinutes", s."place" AS "sessionPlace",
         s."required" AS "sessionRequired"
  FROM "Edition" ed
  LEFT JOIN "TrainingSession" s ON s."editionId" = ed."id"
  WHERE ed."eventId" = $1
  ORDER BY ed."number" ASC, s."startsAt" ASC, s."id" ASC`;

type EventRow = CardRow & {
  language: string;
  completionPercent: number | bigint;
  status: string;
  openToAllRegions: boolean | number | bigint;
  cancellationReason: string | null;
};

type EditionSessionRow = sessionRows.EditionSessionColumns & {
  cancellationReason: string | null;
  admission: string;
  selectionClosedAt: Date | string | null;
  hasQuotas: boolean | number | bigint;
  sessionRequired: boolean | number | bigint | null;
};

/** An event as the public sees it, or null if it does not exist or is not public (a draft). */
export async function getPublicEvent(id: string, source: ReadSource = "primary"): Promise<PublicEvent | null> {
  if (!id || id.length > 64) return null;
  // The three reads are independent (the last two return nothing for an unknown id), so they run together.
  const [events, tags, editionRows] = await Promise.all([
    sqlReadFrom<EventRow>(source, PUBLIC_EVENT_SQL, id),
    sqlReadFrom<{ kind: string; value: string }>(source, PUBLIC_EVENT_TAGS_SQL, id),
    sqlReadFrom<EditionSessionRow>(source, PUBLIC_EVENT_EDITIONS_SQL, id),
  ]);
  const e = events[0];
  if (!e) return null;
  const editions = sessionRows.editionsFromRows<EditionSessionRow, PublicSession, PublicEdition>(
    editionRows,
    (r) => ({
      ...sessionRows.editionFields(r),
      seatsTaken: toInt(r.seatsTaken),
      cancellationReason: r.cancellationReason,
      admission: r.admission,
      selectionClosedAt: toDate(r.selectionClosedAt),
      quotas: [],
      sessions: [],
    }),
    (r) => ({ ...sessionRows.sessionFields(r), required: toBool(r.sessionRequired ?? false) }),
  );
  // Most editions have no quota: a fourth read only for an event one of whose editions has some.
  if (editionRows.some((r) => toBool(r.hasQuotas))) {
    const quotas = await quotasOfEvent(id, source);
    for (const edition of editions) edition.quotas = quotas.get(edition.id) ?? [];
  }
  const valuesOf = (kind: string) => tags.filter((t) => t.kind === kind).map((t) => t.value);
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    type: e.type,
    level: e.level,
    regionCode: e.regionCode,
    mode: e.mode,
    venue: e.venue,
    language: e.language,
    titleLanguage: e.titleLanguage,
    textLanguage: e.textLanguage,
    certifiedMinutes: toInt(e.certifiedMinutes),
    completionPercent: toInt(e.completionPercent),
    status: e.status,
    cancellationReason: e.cancellationReason,
    openToAllRegions: toBool(e.openToAllRegions),
    startsAt: toDate(e.startsAt),
    endsAt: toDate(e.endsAt),
    schoolLevels: valuesOf("level").map((schoolLevel) => ({ schoolLevel })),
    audienceRoles: valuesOf("role").map((role) => ({ role })),
    themes: valuesOf("theme").map((theme) => ({ theme })),
    editions,
  };
}
