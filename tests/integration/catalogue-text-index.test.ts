// The catalogue's free text through its index (docs/decisions/0012-catalogue-text-index.md): FTS5
// trigrams on SQLite, pg_trgm on PostgreSQL. Whatever the engine, a search finds exactly the
// events whose text contains every word (lower case, no accents, typographic quotes folded): the
// same rule computed here in plain TypeScript, so both engines are held to one answer. The index
// follows every write of an event's text (insert, update, delete).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchWords } from "../../app/domain/catalogue-filters.ts";
import { deriveEventFields, normaliseSearchText } from "../../app/domain/event-derived-fields.ts";
import { searchCatalogue } from "../../app/models/catalogue.server.ts";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import { eventCreateInput, meeting, romeDaysFrom, type EventSpec } from "../../prisma/seed-data/event-builder.ts";
import { textIndexKeyDrift } from "../support/catalogue-counts.ts";
import { createUser, unique } from "../support/factories.ts";

const NOW = new Date();
const tag = unique("fts");
let organiserId = "";
const texts: { id: string; text: string }[] = [];

const EVENTS: { title: string; description: string; venue?: string }[] = [
  { title: "L'educazione civica e la cittadinanza digitale", description: "Seminario regionale per docenti." },
  { title: "Città e comunità: perché progettare insieme?", description: "Laboratorio in presenza.", venue: "Firenze" },
  { title: "Coding e robotica", description: "C++ e Scratch per la scuola primaria — livello base." },
  { title: "eTwinning: progettare in #scuola", description: "Webinar nazionale sull’uso della piattaforma." },
  { title: "Über Schüler und Lehrer", description: "Été européen: un séminaire multilatéral." },
  { title: "Area STEM", description: "IA e AI a scuola: cosa cambia." },
  { title: "Corso di base", description: "25 ore, 350 posti per edizione." },
  { title: "Inclusione", description: "Didattica inclusiva e «bisogni educativi speciali»." },
];

const QUERIES = [
  "",
  "educazione",
  "l'educazione",
  "l’educazione",
  "civica digitale",
  "citta",
  "città perché",
  "c++",
  "#scuola",
  "scuola",
  "ia",
  "ue",
  "ele",
  "twinn",
  "schuler",
  "ete europeen",
  "stem",
  "robot primaria",
  "25 ore",
  "350",
  "«bisogni»",
  "firenze laboratorio",
  "xyzzy",
  "progettare",
];

function spec(title: string, description: string, venue?: string): EventSpec {
  const day = romeDaysFrom(NOW, 10);
  return {
    title: `${title} ${tag}`,
    description,
    ...(venue ? { venue } : {}),
    type: "webinar",
    level: "nazionale",
    mode: "online",
    onlineUrl: "https://meet.example.it/stanza",
    status: "pubblicato",
    createdById: organiserId,
    schoolLevels: ["primaria"],
    audienceRoles: ["docente"],
    themes: ["didattica-metodologie"],
    editions: [
      {
        seatCap: 100,
        seatsTaken: 0,
        enrolmentOpensAt: romeDaysFrom(NOW, -5),
        enrolmentClosesAt: romeDaysFrom(day, -1, "23:59"),
        sessions: [meeting(day, "16:30", "18:30")],
      },
    ],
  };
}

/** What the search must find among this file's events: every word is in the event's text. */
function expected(query: string): string[] {
  const words = searchWords(`${tag} ${query}`);
  return texts
    .filter((e) => words.every((w) => e.text.includes(w)))
    .map((e) => e.id)
    .sort();
}

async function found(query: string): Promise<string[]> {
  const result = await searchCatalogue({ q: `${tag} ${query}` }, 1, { now: NOW, pageSize: 50 });
  return result.events.map((e) => e.id).sort();
}

beforeAll(async () => {
  organiserId = (await createUser({ roles: [{ role: "unita-nazionale" }] })).id;
  for (const e of EVENTS) {
    const created = await prisma.event.create({
      data: eventCreateInput(spec(e.title, e.description, e.venue)),
      select: { id: true, searchText: true },
    });
    texts.push({ id: created.id, text: created.searchText });
  }
});
afterAll(() => prisma.$disconnect());

describe(`free text through the ${databaseEngine} text index`, () => {
  it("stores the normalised text the rule is computed on", () => {
    expect(texts[0]!.text).toBe(
      normaliseSearchText(`L'educazione civica e la cittadinanza digitale ${tag} Seminario regionale per docenti.`),
    );
  });

  it.each(QUERIES)("“%s” finds exactly the events containing every word", async (query) => {
    expect(await found(query)).toEqual(expected(query));
  });

  it("the queries cover matches and non-matches, short and long words", () => {
    const sizes = QUERIES.map((q) => expected(q).length);
    expect(sizes).toContain(0);
    expect(sizes.some((n) => n === 1)).toBe(true);
    expect(sizes.some((n) => n > 1)).toBe(true);
  });

  it("follows an event's text when it changes and when the event is deleted", async () => {
    const target = texts[6]!;
    const title = `Corso avanzato ${tag}`;
    const { searchText } = deriveEventFields({ title, description: "Nuovo programma.", venue: null, editions: [] });
    await prisma.event.update({ where: { id: target.id }, data: { title, searchText } });
    target.text = searchText;
    expect(await found("avanzato")).toEqual([target.id]);
    // The old text's "350" no longer finds it. (Not simply []: the tag holds the process id and the
    // time in base 36, which may themselves contain "350", as in one CI run; then every event matches.)
    expect(await found("350")).not.toContain(target.id);
    expect(await found("350")).toEqual(expected("350"));

    // The catalogue's columns of a match are read from the text index's keys on SQLite (ADR 0053): an event that
    // closes, moves out of the range asked, or changes type, mode, level or region is no longer found.
    const region = { q: `${tag} avanzato`, region: "toscana" } as const;
    const at = async (filters: Parameters<typeof searchCatalogue>[0]) =>
      (await searchCatalogue(filters, 1, { now: NOW, pageSize: 50 })).events.map((e) => e.id);
    expect(await at(region)).toEqual([]);
    await prisma.event.update({ where: { id: target.id }, data: { regionCode: "toscana", level: "regionale" } });
    expect(await at({ ...region, level: "regionale", type: "webinar", mode: "online" })).toEqual([target.id]);
    await prisma.event.update({ where: { id: target.id }, data: { type: "corso-online-base", mode: "blended" } });
    expect(await at({ ...region, type: "webinar" })).toEqual([]);
    expect(await at({ ...region, type: "corso-online-base", mode: "blended" })).toEqual([target.id]);
    await prisma.event.update({ where: { id: target.id }, data: { status: "chiuso" } });
    expect(await found("avanzato")).toEqual([]);
    await prisma.event.update({
      where: { id: target.id },
      data: { status: "pubblicato", endsAt: romeDaysFrom(NOW, -1) },
    });
    expect(await found("avanzato")).toEqual([]);
    const startsAt = romeDaysFrom(NOW, 400);
    await prisma.event.update({ where: { id: target.id }, data: { startsAt, endsAt: romeDaysFrom(NOW, 401) } });
    expect(await found("avanzato")).toEqual([target.id]);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    expect(await at({ ...region, to: day(romeDaysFrom(NOW, 30)) })).toEqual([]);
    expect(await at({ ...region, from: day(romeDaysFrom(NOW, 399)) })).toEqual([target.id]);
    // "Ed" (two letters) is checked on the keys' copy of the text on SQLite.
    expect(await found("avanzato ed")).toEqual([]);
    const edited = deriveEventFields({
      title: `${title} ed`,
      description: "Nuovo programma.",
      venue: null,
      editions: [],
    });
    await prisma.event.update({ where: { id: target.id }, data: { searchText: edited.searchText } });
    target.text = edited.searchText;
    expect(await found("avanzato ed")).toEqual([target.id]);
    expect(await textIndexKeyDrift()).toEqual([]);

    // So is its audience (ADR 0057: the keys' lists of school levels and roles): an event is found by a school
    // level or a role only while it has that row, with free text (the match's keys) and without (a count and a
    // page read from the keys' catalogue index; other files' events may be listed too).
    const from = day(romeDaysFrom(NOW, 399));
    const has = async (filters: Parameters<typeof searchCatalogue>[0]) => {
      const withText = (await at({ ...region, ...filters })).includes(target.id);
      const withoutText = (await at({ from, ...filters })).includes(target.id);
      expect(withoutText).toBe(withText);
      return withText;
    };
    await prisma.eventSchoolLevel.deleteMany({ where: { eventId: target.id } });
    await prisma.eventAudienceRole.deleteMany({ where: { eventId: target.id } });
    expect(await has({ schoolLevel: "cpia" })).toBe(false);
    await prisma.eventSchoolLevel.createMany({
      data: ["primaria", "cpia"].map((schoolLevel) => ({ eventId: target.id, schoolLevel })),
    });
    await prisma.eventAudienceRole.create({ data: { eventId: target.id, role: "dirigente" } });
    expect(await has({ schoolLevel: "cpia", role: "dirigente" })).toBe(true);
    expect(await has({ schoolLevel: "infanzia" })).toBe(false);
    expect(await textIndexKeyDrift()).toEqual([]);
    await prisma.eventSchoolLevel.delete({
      where: { eventId_schoolLevel: { eventId: target.id, schoolLevel: "cpia" } },
    });
    await prisma.eventAudienceRole.update({
      where: { eventId_role: { eventId: target.id, role: "dirigente" } },
      data: { role: "docente" },
    });
    expect(await has({ schoolLevel: "cpia" })).toBe(false);
    expect(await has({ role: "dirigente" })).toBe(false);
    expect(await has({ schoolLevel: "primaria", role: "docente" })).toBe(true);
    expect(await textIndexKeyDrift()).toEqual([]);

    await prisma.event.delete({ where: { id: target.id } });
    expect(await found("avanzato")).toEqual([]);
    texts.splice(6, 1);
    expect(await found("")).toEqual(expected(""));
  });

  it("the index is in place and used", async () => {
    if (databaseEngine === "sqlite") {
      const triggers = await prisma.$queryRawUnsafe<{ name: string }[]>(
        `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Event' AND name LIKE 'Event_search%' ORDER BY name`,
      );
      expect(triggers.map((t) => t.name)).toEqual([
        "Event_search_columns",
        "Event_search_delete",
        "Event_search_insert",
        "Event_search_update",
      ]);
      const [counts] = await prisma.$queryRawUnsafe<{ events: number | bigint; indexed: number | bigint }[]>(
        `SELECT (SELECT COUNT(*) FROM "Event") AS events, (SELECT COUNT(*) FROM "EventSearch") AS indexed`,
      );
      expect(Number(counts!.indexed)).toBe(Number(counts!.events));
      const plan = await prisma.$queryRawUnsafe<{ detail: string }[]>(
        `EXPLAIN QUERY PLAN SELECT "eventId" FROM "EventSearch" WHERE "EventSearch" MATCH '"educazione"'`,
      );
      expect(plan.map((p) => p.detail).join(" ")).toMatch(/VIRTUAL TABLE INDEX/);
      // Contentless (ADR 0033): the index keeps the event ids, not a second copy of every event's text.
      const [table] = await prisma.$queryRawUnsafe<{ sql: string }[]>(
        `SELECT sql FROM sqlite_master WHERE name = 'EventSearch'`,
      );
      expect(table!.sql).toMatch(/content\s*=\s*''/);
      const [stored] = await prisma.$queryRawUnsafe<{ withText: number | bigint; withId: number | bigint }[]>(
        `SELECT COUNT("searchText") AS "withText", COUNT("eventId") AS "withId" FROM "EventSearch"`,
      );
      expect(Number(stored!.withText)).toBe(0);
      expect(Number(stored!.withId)).toBe(Number(counts!.events));
      // The triggers find an event's entry by rowid (ADR 0040): every entry's rowid is its event's number in
      // "EventSearch_key" (an INTEGER PRIMARY KEY, which VACUUM keeps), one number per event.
      const [keyed] = await prisma.$queryRawUnsafe<{ entries: number | bigint; keys: number | bigint }[]>(
        `SELECT (SELECT COUNT(*) FROM "EventSearch" s JOIN "EventSearch_key" k ON k."id" = s."rowid" AND k."eventId" = s."eventId") AS entries,
                (SELECT COUNT(*) FROM "EventSearch_key") AS keys`,
      );
      expect(Number(keyed!.entries)).toBe(Number(counts!.events));
      expect(Number(keyed!.keys)).toBe(Number(counts!.events));
      expect(await textIndexKeyDrift()).toEqual([]);
    } else {
      const indexes = await prisma.$queryRawUnsafe<{ indexdef: string }[]>(
        `SELECT indexdef FROM pg_indexes WHERE tablename = 'Event' AND indexname = 'Event_searchText_trgm_idx'`,
      );
      expect(indexes[0]?.indexdef).toMatch(/USING gin \("searchText" gin_trgm_ops\)/);
    }
  });
});
