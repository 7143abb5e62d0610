// Every shape of catalogue search against one rule, on whichever engine DATABASE_URL names: the
// result sets and counts of searchCatalogue (its SQL, indexes and text index) must be exactly
// what the catalogue's rule computes in plain TypeScript over the same events (published, not
// over, every filter; by start, then id; pages of 5). Run on SQLite and on PostgreSQL, it holds
// both engines to one answer for each shape bench/catalogue-sql.ts times: no filter and deep
// pages, each filter alone, every pair of filters, wider combinations, free text with long,
// short and absent words, date ranges and free seats, with empty results and several pages.
//
// Isolation: the events are dated in 2095 and the searches run "now" on 1 January 2095, so other
// test files' events have ended and are never listed; any still running then join the rule's events.
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dateRangeOf, searchWords, type CatalogueFilters } from "../../app/domain/catalogue-filters.ts";
import {
  EVENT_LEVELS,
  EVENT_MODES,
  EVENT_TYPES,
  PROFESSIONAL_ROLES,
  REGION_CODES,
  SCHOOL_LEVELS,
} from "../../app/domain/vocabulary.ts";
import {
  catalogueEntriesCount,
  catalogueStatements,
  searchCatalogue,
  textCountAndPage,
} from "../../app/models/catalogue.server.ts";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import { pgPool } from "../../app/utils/pg-pool.server.ts";
import { sqlRead, type SqlParam } from "../../app/utils/sql.server.ts";
import { sqliteDirect } from "../../app/utils/sqlite-direct.server.ts";
import { eventCreateInput, meeting, romeTime, type EditionSpec } from "../../prisma/seed-data/event-builder.ts";
import { seededRandom } from "../../scripts/seeded-random.mjs";
import { createUser } from "../support/factories.ts";
import { explain, explainGeneric, planInstance } from "../support/pg-plans.ts";

const NOW = romeTime(2095, 1, 1, "12:00");
const PAGE_SIZE = 5;
const random = seededRandom(2095);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const some = <T>(list: readonly T[], max: number): T[] => [
  ...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(list))),
];

/** Title words: long and short ones, accents, apostrophes; "ia" and "ue" test words under three letters. */
const WORDS = ["inclusione", "città", "coding", "stem", "l'ambiente", "ia", "ue", "perché", "lingue", "debate"];
const REGIONS = REGION_CODES.slice(0, 4);
/** Searches with a word that another of their words contains, and searches of short words only (ADR 0062). */
const CONTAINED_WORDS = ["in inclusione", "lingue ue", "coding cod odi", "ambiente l'ambiente"];
const SHORT_WORDS = ["ia ue", "e", "zq"];

type Stored = {
  id: string;
  status: string;
  type: string;
  level: string;
  regionCode: string | null;
  mode: string;
  searchText: string;
  startsAt: Date | null;
  endsAt: Date | null;
  schoolLevels: string[];
  roles: string[];
  editions: { status: string; seatCap: number | null; seatsTaken: number; enrolmentClosesAt: Date }[];
};
const events: Stored[] = [];

function editionSpec(day: number): EditionSpec {
  const seatCap = pick([null, 10, 30]);
  const start = romeTime(2095, 1, day, "00:00");
  return {
    seatCap,
    // Full, nearly full or empty.
    seatsTaken: seatCap === null ? 500 : pick([0, seatCap - 1, seatCap]),
    enrolmentOpensAt: romeTime(2094, 12, 1),
    // Closed before "now" for some editions, open for the others.
    enrolmentClosesAt: random() < 0.2 ? romeTime(2094, 12, 31) : romeTime(2095, 1, day - 1, "23:59"),
    status: pick(["attiva", "attiva", "attiva", "iscrizioni-chiuse", "annullata"]),
    sessions: [meeting(start, "15:00", "17:00")],
  };
}

beforeAll(async () => {
  const organiserId = (await createUser({ roles: [{ role: "unita-nazionale" }] })).id;
  for (let i = 0; i < 90; i++) {
    const level = pick(EVENT_LEVELS);
    // Days from 20 December 2094 (over before "now") to March 2095; a few share a day (ties on startsAt).
    const firstDay = -12 + Math.floor(random() * 80);
    const editionDays = [firstDay, ...(random() < 0.3 ? [firstDay + 20 + Math.floor(random() * 10)] : [])];
    const created = await prisma.event.create({
      data: eventCreateInput({
        title: `${pick(["Webinar", "Corso", "Seminario"])}: ${some(WORDS, 3).join(" e ")}`,
        description: `Descrizione ${i % 7 === 0 ? "con l'attestato" : "di prova"}.`,
        venue: random() < 0.3 ? "Forlì" : null,
        type: pick(EVENT_TYPES),
        level,
        regionCode: level === "regionale" ? pick(REGIONS) : null,
        mode: pick(EVENT_MODES),
        status: pick(["pubblicato", "pubblicato", "pubblicato", "pubblicato", "bozza", "chiuso", "annullato"]),
        createdById: organiserId,
        schoolLevels: some(SCHOOL_LEVELS, 3),
        audienceRoles: some(PROFESSIONAL_ROLES, 2),
        themes: ["didattica-metodologie"],
        editions: editionDays.map(editionSpec),
      }),
      select: STORED,
    });
    events.push(storedOf(created));
  }
  // Events an earlier test file left in this database that are still running in 2095 (the
  // hostile-input fuzz, say, may save odd dates): the rule covers them too, as the SQL sees them.
  const others = await prisma.event.findMany({
    where: { id: { notIn: events.map((e) => e.id) }, status: "pubblicato", endsAt: { gte: NOW } },
    select: STORED,
  });
  events.push(...others.map(storedOf));
});

const STORED = {
  id: true,
  status: true,
  type: true,
  level: true,
  regionCode: true,
  mode: true,
  searchText: true,
  startsAt: true,
  endsAt: true,
  schoolLevels: { select: { schoolLevel: true } },
  audienceRoles: { select: { role: true } },
  editions: { select: { status: true, seatCap: true, seatsTaken: true, enrolmentClosesAt: true } },
} as const;

function storedOf(
  row: {
    schoolLevels: { schoolLevel: string }[];
    audienceRoles: { role: string }[];
  } & Omit<Stored, "schoolLevels" | "roles">,
): Stored {
  const { audienceRoles, schoolLevels, ...rest } = row;
  return { ...rest, schoolLevels: schoolLevels.map((s) => s.schoolLevel), roles: audienceRoles.map((r) => r.role) };
}
afterAll(() => prisma.$disconnect());

/** The catalogue's rule (app/models/catalogue.server.ts, catalogueWhere) over the stored events. */
function expected(filters: CatalogueFilters): Stored[] {
  const range = dateRangeOf(filters);
  const endsFrom = range.from && range.from > NOW ? range.from : NOW;
  const words = searchWords(filters.q);
  return events
    .filter(
      (e) =>
        e.status === "pubblicato" &&
        e.endsAt !== null &&
        e.endsAt >= endsFrom &&
        (!range.toExclusive || (e.startsAt !== null && e.startsAt < range.toExclusive)) &&
        (!filters.level || e.level === filters.level) &&
        (!filters.type || e.type === filters.type) &&
        (!filters.region || e.regionCode === filters.region) &&
        (!filters.mode || e.mode === filters.mode) &&
        (!filters.schoolLevel || e.schoolLevels.includes(filters.schoolLevel)) &&
        (!filters.role || e.roles.includes(filters.role)) &&
        (!filters.freeSeats ||
          e.editions.some(
            (ed) =>
              ed.status === "attiva" &&
              ed.enrolmentClosesAt > NOW &&
              (ed.seatCap === null || ed.seatsTaken < ed.seatCap),
          )) &&
        words.every((w) => e.searchText.includes(w)),
    )
    .sort((a, b) => a.startsAt!.getTime() - b.startsAt!.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

type Search = { filters: CatalogueFilters; page: number };
type ExecutedStatement = { sql: string; params: unknown };

/**
 * Runs each search through searchCatalogue and hands `inspect` the statements it executed, as the engine's driver
 * ran them: better-sqlite3's Statement `all`/`get` on SQLite, the pool's `query` on PostgreSQL (spies that call
 * through, removed afterwards).
 */
async function forEachSearchStatements(
  searches: Search[],
  inspect: (search: Search, executed: ExecutedStatement[]) => Promise<void> | void,
): Promise<void> {
  const run: ExecutedStatement[] = [];
  const spies = [];
  if (databaseEngine === "sqlite") {
    const statementPrototype = Object.getPrototypeOf(sqliteDirect().prepare("SELECT 1")) as Database.Statement;
    for (const method of ["all", "get"] as const) {
      const original = statementPrototype[method] as (...args: unknown[]) => unknown;
      spies.push(
        vi.spyOn(statementPrototype, method).mockImplementation(function (this: Database.Statement, ...args) {
          run.push({ sql: this.source, params: args[0] });
          return original.apply(this, args);
        }),
      );
    }
  } else {
    const pool = pgPool();
    const original = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    spies.push(
      // Text and values, or a named statement's config (ADR 0058).
      vi.spyOn(pool, "query").mockImplementation(((...args: unknown[]) => {
        const [first, values] = args as [string | { text: string; values: unknown[] }, unknown[]];
        run.push(
          typeof first === "string" ? { sql: first, params: values } : { sql: first.text, params: first.values },
        );
        return original(...args);
      }) as typeof pool.query),
    );
  }
  try {
    for (const search of searches) {
      run.length = 0;
      await searchCatalogue(search.filters, search.page, { now: NOW, pageSize: PAGE_SIZE });
      await inspect(search, [...run]);
    }
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}

/** The searches: every shape the bench times, with values drawn from what the events use. */
function shapes(): { filters: CatalogueFilters; page: number }[] {
  const value = {
    q: () => pick([...WORDS, "inclusione coding", "ia stem", "l’ambiente", "CITTA", "forli", "attestato", "xyzzy"]),
    type: () => pick(events).type,
    level: () => pick(EVENT_LEVELS),
    region: () => pick(REGIONS),
    mode: () => pick(EVENT_MODES),
    schoolLevel: () => pick(SCHOOL_LEVELS),
    role: () => pick(PROFESSIONAL_ROLES),
    freeSeats: () => true,
    from: () => `2095-0${1 + Math.floor(random() * 3)}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`,
    to: () => `2095-0${2 + Math.floor(random() * 2)}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`,
  } as const;
  type Name = keyof typeof value;
  const names = Object.keys(value) as Name[];
  const make = (chosen: Name[]): CatalogueFilters =>
    Object.fromEntries(chosen.map((n) => [n, value[n]()])) as CatalogueFilters;
  const list: { filters: CatalogueFilters; page: number }[] = [];
  // No filter, every page and one past the end.
  for (let page = 1; page <= Math.ceil(expected({}).length / PAGE_SIZE) + 1; page++) list.push({ filters: {}, page });
  // Each filter alone (every value of the small vocabularies), free text word by word.
  for (const level of EVENT_LEVELS) list.push({ filters: { level }, page: 1 });
  for (const mode of EVENT_MODES) list.push({ filters: { mode }, page: 1 });
  for (const region of REGIONS) list.push({ filters: { region }, page: 1 });
  for (const schoolLevel of SCHOOL_LEVELS) list.push({ filters: { schoolLevel }, page: 1 });
  for (const role of PROFESSIONAL_ROLES) list.push({ filters: { role }, page: 1 });
  for (const type of EVENT_TYPES.filter((t) => events.some((e) => e.type === t)))
    list.push({ filters: { type }, page: 1 });
  // A word inside another word of the same search, and words all too short for a trigram (ADR 0062).
  for (const q of [...WORDS, "xyzzy", "di", "l'attestato", ...CONTAINED_WORDS, ...SHORT_WORDS])
    list.push({ filters: { q }, page: 1 }, { filters: { q }, page: 2 });
  list.push({ filters: { freeSeats: true }, page: 1 }, { filters: { freeSeats: true }, page: 3 });
  // Every pair of filters, three draws each; then wider combinations and deeper pages.
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++)
      for (let k = 0; k < 3; k++) list.push({ filters: make([names[i]!, names[j]!]), page: 1 });
  for (let k = 0; k < 60; k++) {
    const chosen = new Set<Name>();
    const width = 3 + Math.floor(random() * 3);
    while (chosen.size < width) chosen.add(pick(names));
    list.push({ filters: make([...chosen]), page: 1 });
  }
  for (let k = 0; k < 20; k++) list.push({ filters: make([pick(names)]), page: 2 + Math.floor(random() * 3) });
  return list;
}

type PgPlanNode = { "Relation Name"?: string; Plans?: PgPlanNode[] };

/** The "CatalogueEntry" keys of a search's school level, role and free seats, in the order the count probes them. */
const entryKeys = (f: CatalogueFilters) =>
  [f.freeSeats && "freeSeats", f.schoolLevel && `schoolLevel:${f.schoolLevel}`, f.role && `role:${f.role}`].filter(
    (k): k is string => typeof k === "string",
  );

describe(`every search shape on ${databaseEngine} agrees with the catalogue's rule`, () => {
  it("counts and pages exactly the events the rule selects, in order", async () => {
    const searches = shapes();
    const mismatches: string[] = [];
    let nonEmpty = 0;
    let multiPage = 0;
    for (const { filters, page } of searches) {
      const want = expected(filters);
      const got = await searchCatalogue(filters, page, { now: NOW, pageSize: PAGE_SIZE });
      const wantPage = want.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((e) => e.id);
      const gotPage = got.events.map((e) => e.id);
      if (got.total !== want.length || gotPage.join() !== wantPage.join())
        mismatches.push(`${JSON.stringify(filters)} page ${page}: ${got.total} ≠ ${want.length} or page differs`);
      if (want.length > 0) nonEmpty++;
      if (want.length > PAGE_SIZE) multiPage++;
    }
    expect(mismatches).toEqual([]);
    // The draws cover empty and non-empty results, one page and several.
    expect(searches.length).toBeGreaterThan(250);
    expect(nonEmpty).toBeGreaterThan(searches.length / 3);
    expect(searches.length - nonEmpty).toBeGreaterThan(20);
    expect(multiPage).toBeGreaterThan(30);
  });

  // On PostgreSQL a result page is one statement (ADR 0034): the count, and the page joined to it, which runs only
  // when the page is not past the end. Its results are the ones checked above; here, that an empty result or a
  // page past the end reads no page (the one-time filter), and that a page in range comes with its count.
  it("counts and pages in one PostgreSQL statement, reading no page past the end", async () => {
    if (databaseEngine !== "postgresql") {
      // (an unselective count reads "CatalogueCount" instead, ADR 0041: liveCount asks for the catalogue's own)
      expect(catalogueStatements({}, 1, { now: NOW, pageSize: PAGE_SIZE, liveCount: true }).count.sql).toMatch(
        /^SELECT COUNT\(\*\)/,
      );
      return;
    }
    const lastPage = Math.ceil(expected({}).length / PAGE_SIZE);
    type PlanNode = {
      "Node Type": string;
      "One-Time Filter"?: string;
      "Parent Relationship"?: string;
      "Actual Loops": number;
      Plans?: PlanNode[];
    };
    const pageLoops = async (filters: CatalogueFilters, page: number) => {
      const { sql, params } = catalogueStatements(filters, page, { now: NOW, pageSize: PAGE_SIZE }).countAndPage;
      const [row] = await sqlRead<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
        ...params,
      );
      const gates: PlanNode[] = [];
      const walk = (node: PlanNode) => {
        if (node["One-Time Filter"]) gates.push(node);
        node.Plans?.forEach(walk);
      };
      walk(row!["QUERY PLAN"][0].Plan);
      expect(gates).toHaveLength(1);
      // The page's loops (the summary count of ADR 0041 hangs its subqueries on the gate as InitPlans, run once).
      return gates[0]!
        .Plans!.filter((child) => child["Parent Relationship"] !== "InitPlan")
        .map((child) => child["Actual Loops"]);
    };
    expect(await pageLoops({ q: "xyzzy" }, 1)).toEqual([0]);
    expect(await pageLoops({}, lastPage + 1)).toEqual([0]);
    expect(await pageLoops({}, lastPage)).toEqual([1]);
    const { sql, params } = catalogueStatements({}, 2, { now: NOW, pageSize: PAGE_SIZE }).countAndPage;
    const rows = await sqlRead<{ total: string; id: string }>(sql, ...params);
    expect(rows.map((r) => r.id)).toEqual(
      expected({})
        .slice(PAGE_SIZE, 2 * PAGE_SIZE)
        .map((e) => e.id),
    );
    expect(rows.every((r) => Number(r.total) === expected({}).length)).toBe(true);
  });

  // On SQLite a free-text search with indexed words evaluates its FTS5 MATCH once for the count and the page (ADR 0040):
  // every statement searchCatalogue runs is recorded as better-sqlite3 executes it (a spy that calls through), and
  // the plans of all of them together must scan EventSearch once, outside any correlated subquery (one that would run
  // per row). With the count and the page as two statements, or a CTE SQLite does not materialise, there are two.
  // A search with a region reads no FTS5 match at all: the text of each of the region's events the other filters
  // keep, from the text index's keys (ADR 0057).
  it("evaluates a free-text search's FTS5 match once on SQLite, for the count and the page", async () => {
    if (databaseEngine !== "sqlite") {
      expect(textCountAndPage({ q: "inclusione" }, 1, { now: NOW, pageSize: PAGE_SIZE })).toBeNull();
      return;
    }
    const searches = [
      ...shapes().filter((s) => searchWords(s.filters.q).some((w) => [...w].length >= 3)),
      { filters: { q: "inclusione" }, page: 1 },
      { filters: { q: "inclusione" }, page: 99 },
      { filters: { q: "xyzzy" }, page: 1 },
    ];
    const scans: string[] = [];
    await forEachSearchStatements(searches, async ({ filters, page }, executed) => {
      let matches = 0;
      for (const { sql, params } of executed) {
        const plan = sqliteDirect()
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all(params as Record<string, unknown>) as { id: number; parent: number; detail: string }[];
        const byId = new Map(plan.map((r) => [r.id, r]));
        const correlated = (r: { parent: number; detail: string } | undefined): boolean =>
          !!r && (r.detail.includes("CORRELATED") || correlated(byId.get(r.parent)));
        for (const r of plan.filter((r) => /^SCAN s VIRTUAL TABLE INDEX \d+:M/.test(r.detail))) {
          matches += correlated(r) ? 2 : 1;
        }
      }
      scans.push(`${JSON.stringify(filters)} page ${page}: ${executed.length} statements, ${matches} matches`);
    });
    expect(scans.length).toBeGreaterThan(50);
    const regional = (s: string) => s.includes(`"region":`);
    expect(scans.filter((s) => !regional(s) && !s.endsWith(": 1 statements, 1 matches"))).toEqual([]);
    expect(scans.filter(regional).length).toBeGreaterThan(5);
    expect(scans.filter((s) => regional(s) && !s.endsWith(" 0 matches"))).toEqual([]);
  });

  // SQLite tests only the words that no other word of the search contains (ADR 0062): every text that contains
  // "inclusione" contains "in", so the LIKE of "in" on each match's text would keep every match. The first test
  // checks the results; here, that no statement reads a text for them. A search of short words only (no trigram,
  // so no FTS5 match) reads the copy of the text on the key, not the events' rows.
  // PostgreSQL keeps every word (ADR 0062) and has no key copy: there a search with a word of three letters finds its
  // matches by pg_trgm's index on that word, the other words tested on those matches only; a search of short words
  // only tests them with strpos, which that index cannot serve (ADR 0058), and never reads it; either way the page's
  // own rows are read by id. Checked on the statement's plan with its values and on the generic plan of its named
  // statement (ADR 0058), both read on tables of the national data's proportions (tests/support/pg-plans.ts): 3,000
  // events of ~1 kB, three in four upcoming, each word of the texts in 2 in 100.
  it("tests on SQLite only the words no other word contains and short words on the key copy; PostgreSQL a word by pg_trgm", async () => {
    const searches = [
      ...CONTAINED_WORDS.map((q) => ({ filters: { q }, page: 1 })),
      ...SHORT_WORDS.map((q) => ({ filters: { q }, page: 1 })),
      { filters: { q: "ia", type: EVENT_TYPES[0] }, page: 2 },
    ];
    const read: string[] = [];
    const ranOnPostgresql: { q: string; executed: ExecutedStatement[] }[] = [];
    await forEachSearchStatements(searches, async ({ filters }, executed) => {
      const texts = executed.filter(({ sql }) => /LIKE|strpos/.test(sql));
      if (databaseEngine === "postgresql") {
        expect(texts.length).toBeGreaterThan(0);
        ranOnPostgresql.push({ q: filters.q!, executed });
        return;
      }
      if (CONTAINED_WORDS.includes(filters.q!)) {
        read.push(...texts.map(() => `${filters.q}: a text read`));
        return;
      }
      for (const { sql, params } of executed) {
        const plan = sqliteDirect()
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all(params as Record<string, unknown>) as { detail: string }[];
        read.push(...plan.filter((r) => /^(SCAN|SEARCH) /.test(r.detail)).map((r) => `${filters.q}: ${r.detail}`));
      }
    });
    if (databaseEngine === "sqlite") {
      // The page's own rows are read by primary key (SEARCH e USING INDEX sqlite_autoindex_Event_1 (id=?)).
      expect(
        read.filter((d) => !/: (SCAN k|SEARCH k USING|SEARCH e USING INDEX sqlite_autoindex_Event_1)/.test(d)),
      ).toEqual([]);
      expect(read.filter((d) => /: (SCAN|SEARCH) k/.test(d)).length).toBeGreaterThanOrEqual(SHORT_WORDS.length);
      return;
    }
    expect(ranOnPostgresql).toHaveLength(searches.length);
    const plans = await planInstance(
      { users: 100, events: 3000, pastDays: 365, futureDays: 3 * 365 },
      async (client) => {
        const plans: { q: string; plan: string; as: string }[] = [];
        for (const { q, executed } of ranOnPostgresql) {
          for (const { sql, params } of executed) {
            plans.push({ q, as: `${q}, custom plan`, plan: await explain(client, sql, params as unknown[]) });
            plans.push({ q, as: `${q}, generic plan`, plan: await explainGeneric(client, sql, params as unknown[]) });
          }
        }
        return plans;
      },
      NOW,
    );
    const trigrammed = (q: string) => searchWords(q).some((w) => /[\p{L}\p{N}]{3}/u.test(w));
    expect(plans.filter(({ q }) => trigrammed(q)).length).toBeGreaterThanOrEqual(CONTAINED_WORDS.length);
    expect(plans.filter(({ q }) => !trigrammed(q)).length).toBeGreaterThanOrEqual(SHORT_WORDS.length);
    for (const { q, plan, as } of plans) {
      // The page's rows, by id (the statement's outer "Event" e).
      expect(plan, as).toMatch(
        /Index (Only )?Scan using "Event_(pkey|catalogue_id_idx)" on "Event" e[^\n]*\n\s+Index Cond: \(id = /,
      );
      if (trigrammed(q)) {
        expect(plan, as).not.toMatch(/Seq Scan on "Event"/);
        expect(plan, as).toMatch(
          /Bitmap Index Scan on "Event_searchText_trgm_idx"[^\n]*\n\s+Index Cond: \([^\n]*"searchText" ~~ ('%|\$\d)/,
        );
      } else {
        // Three events in four are upcoming: their texts are read whichever way, and pg_trgm's index is not.
        expect(plan, as).not.toMatch(/Event_searchText_trgm_idx/);
        expect(plan, as).toMatch(/strpos\("searchText"/);
      }
    }
  });

  // A search of two or three of school level, role and free seats (and nothing else) counts the triggers' entries
  // (ADR 0047): the first key's upcoming entries from their index, each other key probed in the entries' primary key.
  // Counted from the catalogue, it probed EventSchoolLevel, EventAudienceRole and the editions' rows for each of the
  // ~7,900 upcoming events of the national data (20-30 ms on SQLite). The results are checked by the first test;
  // here, that the count reads no other table. SQLite counts them from the events' copy on the text index's keys,
  // which carries the audience and free seats (ADR 0057), from its catalogue index alone (no row read): probing the
  // entries' primary key per entry still cost 10-13 ms there.
  it("counts school level, role and free seats together from the entries, or SQLite's key copy, alone", async () => {
    const combos: CatalogueFilters[] = [
      { schoolLevel: "primaria", freeSeats: true },
      { role: "docente", freeSeats: true },
      { schoolLevel: "infanzia", role: "dirigente" },
      { schoolLevel: "cpia", role: "docente", freeSeats: true },
    ];
    const read: string[] = [];
    for (const filters of combos) {
      const { count, countAndPage } = catalogueStatements(filters, 1, { now: NOW, pageSize: PAGE_SIZE });
      if (databaseEngine === "postgresql") expect(count).toEqual(catalogueEntriesCount(entryKeys(filters), NOW));
      expect(countAndPage.sql).toContain(`FROM "CatalogueEntry" c0`);
      if (databaseEngine === "sqlite") {
        const plan = await sqlRead<{ detail: string }>(`EXPLAIN QUERY PLAN ${count.sql}`, ...count.params);
        read.push(...plan.filter((r) => /^(SCAN|SEARCH) /.test(r.detail)).map((r) => r.detail));
      } else {
        const [row] = await sqlRead<{ "QUERY PLAN": [{ Plan: PgPlanNode }] }>(
          `EXPLAIN (FORMAT JSON) ${count.sql}`,
          ...count.params,
        );
        const walk = (node: PgPlanNode): void => {
          if (node["Relation Name"]) read.push(node["Relation Name"]);
          node.Plans?.forEach(walk);
        };
        walk(row!["QUERY PLAN"][0].Plan);
      }
    }
    if (databaseEngine === "sqlite") {
      expect(read.length).toBeGreaterThanOrEqual(combos.length);
      expect(
        read.filter(
          (d) => !/^SEARCH k USING COVERING INDEX EventSearch_key_(catalogue|region)_idx \(status=\?\)$/.test(d),
        ),
      ).toEqual([]);
    } else {
      expect(new Set(read)).toEqual(new Set(["CatalogueEntry"]));
    }
  });

  // On PostgreSQL each part of a search is evaluated once (ADR 0048): a free-text match (pg_trgm's index and the
  // recheck of each match's text), an audience or free-seat join (the "freeSeats" entries, ADR 0054), a summary
  // count's read of "CatalogueCount". Every statement searchCatalogue runs is recorded as the pool executes it (a spy
  // that calls through) and EXPLAINed: each table a costly condition reads is scanned once in all of them together. Evaluated in both halves of the one
  // statement (the count, then the page), as before, each is scanned twice.
  it("evaluates a PostgreSQL search's text match, audience and seat joins and summary count once", async () => {
    if (databaseEngine !== "postgresql") {
      expect(catalogueStatements({ q: "inclusione" }, 1, { now: NOW, pageSize: PAGE_SIZE }).countAndPage.sql).toMatch(
        /^WITH m AS MATERIALIZED/,
      );
      return;
    }
    type PlanNode = {
      "Relation Name"?: string;
      Alias?: string;
      Filter?: string;
      "Recheck Cond"?: string;
      Plans?: PlanNode[];
    };
    const searches = [
      ...shapes().filter(
        (s) => searchWords(s.filters.q).length > 0 || s.filters.schoolLevel || s.filters.role || s.filters.freeSeats,
      ),
      { filters: {}, page: 1 },
      { filters: {}, page: 99 },
      { filters: { q: "xyzzy" }, page: 1 },
    ];
    const scans: string[] = [];
    await forEachSearchStatements(searches, async ({ filters, page }, executed) => {
      const counted = new Map<string, number>();
      for (const { sql, params } of executed) {
        const [row] = await sqlRead<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
          `EXPLAIN (FORMAT JSON) ${sql}`,
          ...(params as SqlParam[]),
        );
        const walk = (node: PlanNode) => {
          const relation = node["Relation Name"];
          // A scan of Event that tests the free text (a Bitmap Heap Scan's recheck, or a filter), or of a table
          // only an audience, seat or summary condition reads.
          const text = relation === "Event" && /~~|strpos/.test(`${node.Filter ?? ""} ${node["Recheck Cond"] ?? ""}`);
          const joined = ["EventSchoolLevel", "EventAudienceRole", "Edition", "CatalogueCount"].includes(
            relation ?? "",
          );
          // The free-seat condition's probe of the event's "freeSeats" entry (alias fs, ADR 0054).
          const seats = relation === "CatalogueEntry" && node.Alias === "fs";
          if (text || joined || seats) {
            const name = text ? "Event (text)" : seats ? "CatalogueEntry (free seats)" : relation!;
            counted.set(name, (counted.get(name) ?? 0) + 1);
          }
          node.Plans?.forEach(walk);
        };
        walk(row!["QUERY PLAN"][0].Plan);
      }
      scans.push(
        `${JSON.stringify(filters)} page ${page}: ${executed.length} statements, ${[...counted].map(([t, n]) => `${t} ×${n}`).join(", ")}`,
      );
    });
    expect(scans.length).toBeGreaterThan(50);
    expect(scans.filter((s) => !/: 1 statements, /.test(s) || /×[2-9]/.test(s))).toEqual([]);
    // No search reads the editions: free seats is the event's "freeSeats" entry (ADR 0054), not a join of every
    // edition (a sequential scan of "Edition" and a hash, the costliest filter of ADR 0048's measurements).
    expect(scans.filter((s) => s.includes("Edition ×"))).toEqual([]);
    // The checks above saw every kind of scan they guard.
    for (const name of [
      "Event (text)",
      "EventSchoolLevel",
      "EventAudienceRole",
      "CatalogueEntry (free seats)",
      "CatalogueCount",
    ]) {
      expect(scans.some((s) => s.includes(`${name} ×1`))).toBe(true);
    }
  });

  // A named statement's generic plan (ADR 0058) does not know the words: as LIKE '%e%', a word without a trigram made it
  // scan pg_trgm's whole index for every event (58 ms for "q=e" on the national data, where the custom plan read the
  // table). Such words are tested with strpos, a condition that index cannot serve (it serves LIKE, ~~), so no plan
  // of theirs reads it; a word with trigrams keeps its LIKE. The plans' conditions are checked, not the index chosen,
  // which depends on the table's size. On SQLite the index is FTS5's trigram table: a word of fewer than three
  // characters goes to a LIKE on the text (the table would match nothing), a longer one to the MATCH.
  it("tests words too short for the text index by a condition the index cannot serve (strpos on PostgreSQL, LIKE beside SQLite's MATCH)", async () => {
    const statement = (q: string, extra: CatalogueFilters = {}) =>
      catalogueStatements({ q, ...extra }, 1, { now: NOW, pageSize: PAGE_SIZE }).countAndPage;
    if (databaseEngine === "sqlite") {
      const conditions = (q: string, extra: CatalogueFilters = {}) => {
        const { sql } = statement(q, extra);
        return { match: sql.includes("MATCH"), like: sql.includes("LIKE") };
      };
      expect(conditions("e")).toEqual({ match: false, like: true });
      expect(conditions("ia ue", { level: EVENT_LEVELS[0] })).toEqual({ match: false, like: true });
      expect(conditions("c'è")).toEqual({ match: true, like: false });
      expect(conditions("inclusione")).toEqual({ match: true, like: false });
      expect(conditions("ia inclusione", { schoolLevel: SCHOOL_LEVELS[0] })).toEqual({ match: true, like: true });
    } else {
      const conditions = async (q: string, extra: CatalogueFilters = {}) => {
        const { sql, params } = statement(q, extra);
        const [row] = await sqlRead<{ "QUERY PLAN": unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, ...params);
        const plan = JSON.stringify(row!["QUERY PLAN"]);
        return { like: plan.includes("~~"), strpos: plan.includes("strpos") };
      };
      expect(await conditions("e")).toEqual({ like: false, strpos: true });
      expect(await conditions("c'è")).toEqual({ like: false, strpos: true });
      expect(await conditions("ia ue", { level: EVENT_LEVELS[0] })).toEqual({ like: false, strpos: true });
      expect(await conditions("inclusione")).toEqual({ like: true, strpos: false });
      expect(await conditions("ia inclusione", { schoolLevel: SCHOOL_LEVELS[0] })).toEqual({
        like: true,
        strpos: true,
      });
    }
    // The same text for the same kinds of words, whatever their order: one named statement, not one per order.
    expect(statement("ia inclusione").sql).toBe(statement("inclusione ia").sql);
  });

  it("lists events with free seats, running events and ties on the start day", () => {
    const listed = expected({});
    expect(listed.some((e) => e.startsAt! < NOW)).toBe(true);
    expect(new Set(listed.map((e) => e.startsAt!.getTime())).size).toBeLessThan(listed.length);
    expect(expected({ freeSeats: true }).length).toBeGreaterThan(0);
    expect(expected({ freeSeats: true }).length).toBeLessThan(listed.length);
  });
});
