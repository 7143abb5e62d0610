// The public catalogue against a real database (SQLite or PostgreSQL, from DATABASE_URL).
// Test files share one database: every test tags its events with a word of its own and
// searches for it, so other tests' events never get in the way.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCatalogueSearch, type CatalogueFilters } from "../../app/domain/catalogue-filters.ts";
import {
  getPublicEvent,
  PRIVATE_CACHE_CONTROL,
  PUBLIC_CACHE_CONTROL,
  publicPageHeaders,
  searchCatalogue,
} from "../../app/models/catalogue.server.ts";
import { toRomeDateValue } from "../../app/utils/dates.ts";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import {
  eventCreateInput,
  meeting,
  romeDaysFrom,
  romeTime,
  type EditionSpec,
  type EventSpec,
} from "../../prisma/seed-data/event-builder.ts";
import { createUser, unique } from "../support/factories.ts";
import { freeSeatFilterMismatches } from "../support/catalogue-counts.ts";
import { managedEdition } from "../support/scopes.ts";
import { closeSelection, setAdmission } from "../../app/models/application.server.ts";
import { loadEventCalendar } from "../../app/models/calendar-feeds.server.ts";
import { loadCatalogueFeed } from "../../app/models/catalogue-feed.server.ts";
import { cancelEditionWithReason } from "../../app/models/event.server.ts";

const NOW = new Date();
let organiserId = "";

beforeAll(async () => {
  organiserId = (await createUser({ roles: [{ role: "unita-nazionale" }] })).id;
});
afterAll(() => prisma.$disconnect());

function edition(over: Partial<EditionSpec> & { day?: number } = {}): EditionSpec {
  const day = romeDaysFrom(NOW, over.day ?? 10);
  return {
    seatCap: 100,
    seatsTaken: 0,
    enrolmentOpensAt: romeDaysFrom(NOW, -5),
    enrolmentClosesAt: romeDaysFrom(day, -1, "23:59"),
    sessions: [meeting(day, "16:30", "18:30")],
    ...over,
  };
}

function baseSpec(tag: string): EventSpec {
  return {
    title: `Webinar ${tag}`,
    description: "Descrizione di prova.",
    type: "webinar",
    level: "nazionale",
    mode: "online",
    onlineUrl: "https://meet.example.it/stanza-segreta",
    status: "pubblicato",
    createdById: organiserId,
    schoolLevels: ["primaria"],
    audienceRoles: ["docente"],
    themes: ["didattica-metodologie"],
    editions: [edition()],
  };
}

async function makeEvent(tag: string, over: Partial<EventSpec> = {}) {
  const spec: EventSpec = { ...baseSpec(tag), ...over };
  return prisma.event.create({ data: eventCreateInput(spec), select: { id: true } });
}

async function ids(tag: string, filters: CatalogueFilters = {}, page = 1, now = NOW) {
  const result = await searchCatalogue({ q: tag, ...filters }, page, { now });
  return result.events.map((e) => e.id);
}

describe("visibility", () => {
  it("lists published events that have not ended, and nothing else", async () => {
    const tag = unique("vis");
    const published = await makeEvent(tag);
    const running = await makeEvent(tag, {
      editions: [
        edition({
          sessions: [meeting(romeDaysFrom(NOW, -3), "09:00", "11:00"), meeting(romeDaysFrom(NOW, 4), "09:00", "11:00")],
        }),
      ],
    });
    await makeEvent(tag, { status: "bozza" });
    await makeEvent(tag, { status: "chiuso" });
    await makeEvent(tag, { status: "annullato" });
    await makeEvent(tag, { editions: [edition({ day: -2 })] });
    // No sessions yet, so no dates (startsAt/endsAt null): not listed.
    await prisma.event.create({
      data: {
        ...eventCreateInput({ ...baseSpec(tag), editions: [edition()] }),
        editions: undefined,
        startsAt: null,
        endsAt: null,
      },
    });
    const found = await ids(tag);
    expect(new Set(found)).toEqual(new Set([published.id, running.id]));
  });

  it("counts only what it lists", async () => {
    const tag = unique("cnt");
    await makeEvent(tag);
    await makeEvent(tag, { status: "bozza" });
    const r = await searchCatalogue({ q: tag }, 1, { now: NOW });
    expect(r.total).toBe(1);
    expect(r.pageCount).toBe(1);
  });

  it("never reads the online-room link", async () => {
    const tag = unique("url");
    await makeEvent(tag);
    const r = await searchCatalogue({ q: tag }, 1, { now: NOW });
    expect(JSON.stringify(r)).not.toContain("stanza-segreta");
  });
});

describe("order and pagination", () => {
  it("sorts by start date, then by id for events that start together", async () => {
    const tag = unique("ord");
    const late = await makeEvent(tag, { editions: [edition({ day: 30 })] });
    const sameA = await makeEvent(tag, { editions: [edition({ day: 12 })] });
    const early = await makeEvent(tag, { editions: [edition({ day: 5 })] });
    const sameB = await makeEvent(tag, { editions: [edition({ day: 12 })] });
    const same = [sameA.id, sameB.id].sort();
    expect(await ids(tag)).toEqual([early.id, ...same, late.id]);
  });

  it("pages through 45 results 20 at a time without repeating or skipping any", async () => {
    const tag = unique("pag");
    const created: string[] = [];
    for (let i = 0; i < 45; i++) created.push((await makeEvent(tag, { editions: [edition({ day: 3 + (i % 9) })] })).id);
    const p1 = await searchCatalogue({ q: tag }, 1, { now: NOW });
    const p2 = await searchCatalogue({ q: tag }, 2, { now: NOW });
    const p3 = await searchCatalogue({ q: tag }, 3, { now: NOW });
    const p4 = await searchCatalogue({ q: tag }, 4, { now: NOW });
    expect([p1.total, p1.pageCount, p1.events.length, p2.events.length, p3.events.length, p4.events.length]).toEqual([
      45, 3, 20, 20, 5, 0,
    ]);
    // A page past the end still says how many there are (the page query is skipped, not the count).
    expect([p4.total, p4.pageCount]).toEqual([45, 3]);
    const all = [...p1.events, ...p2.events, ...p3.events];
    expect(new Set(all.map((e) => e.id))).toEqual(new Set(created));
    const starts = all.map((e) => e.startsAt!.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});

describe("free text", () => {
  it("needs every word, in title, description or venue, ignoring case and accents", async () => {
    const tag = unique("txt");
    const a = await makeEvent(tag, {
      title: `Città e scuola ${tag}`,
      description: "Progettazione europea con il TwinSpace.",
    });
    const b = await makeEvent(tag, {
      title: `Laboratorio ${tag}`,
      venue: "Liceo Galilei, Città di Castello",
      mode: "in-presenza",
    });
    await makeEvent(tag, { title: `Altro ${tag}` });
    expect(new Set(await ids(`${tag} CITTÀ`))).toEqual(new Set([a.id, b.id]));
    expect(await ids(`${tag} citta twinspace`)).toEqual([a.id]);
    expect(await ids(`${tag} castello`)).toEqual([b.id]);
    expect(await ids(`${tag} progett`)).toEqual([a.id]);
    expect(await ids(`${tag} citta inesistente`)).toEqual([]);
  });

  it("reads % and _ as separators, not as LIKE wildcards", async () => {
    const tag = unique("esc");
    const a = await makeEvent(tag, { title: `Webinar 100% online ${tag}` });
    const b = await makeEvent(tag, { title: `Webinar in presenza ${tag}` });
    expect(new Set(await ids(`${tag} _ % \\`))).toEqual(new Set([a.id, b.id]));
    expect(await ids(`${tag} 100%_online`)).toEqual([a.id]);
  });
});

describe("values that look like SQL", () => {
  it("are searched as text, never run", async () => {
    const tag = unique("sql");
    const e = await makeEvent(tag, { title: `Webinar ${tag} o'neill "quoted" ; -- x` });
    // A word with a quote, a statement separator and a comment: a parameter, so it only matches text.
    expect(await ids(`${tag} o'neill`)).toEqual([e.id]);
    expect(await ids(`${tag} "quoted"`)).toEqual([e.id]);
    expect(await ids(`${tag} ' OR '1'='1`)).toEqual([]);
    expect(await ids(`${tag} '); DROP TABLE "Event"; --`)).toEqual([]);
    expect(await prisma.event.count({ where: { id: e.id } })).toBe(1);
    // A filter value that is not in the vocabulary never reaches the query (parseCatalogueSearch drops it).
    const parsed = parseCatalogueSearch(new URLSearchParams(`q=${tag}&type=webinar' OR 1=1 --`));
    expect(parsed.ignored).toEqual(["type"]);
    expect((await searchCatalogue(parsed.filters, 1, { now: NOW })).events.map((x) => x.id)).toEqual([e.id]);
  });
});

describe("result cards", () => {
  it("carry the same types on both engines: dates as Date, numbers as numbers, an excerpt, no description", async () => {
    const tag = unique("card");
    const long = `${"Parola ".repeat(60)}fine.`;
    const e = await makeEvent(tag, { description: long, venue: null, level: "regionale", regionCode: "toscana" });
    const [card] = (await searchCatalogue({ q: tag }, 1, { now: NOW })).events;
    expect(card).toBeDefined();
    expect(card!.id).toBe(e.id);
    expect(card!.startsAt).toBeInstanceOf(Date);
    expect(card!.endsAt).toBeInstanceOf(Date);
    expect(card!.endsAt!.getTime()).toBeGreaterThan(card!.startsAt!.getTime());
    expect(typeof card!.certifiedMinutes).toBe("number");
    expect(card!.certifiedMinutes).toBe(120);
    expect(card).toMatchObject({
      type: "webinar",
      level: "regionale",
      regionCode: "toscana",
      mode: "online",
      venue: null,
    });
    expect(card!.excerpt.endsWith("…")).toBe(true);
    expect(card!.excerpt.length).toBeLessThanOrEqual(221);
    expect(card).not.toHaveProperty("description");
    const stored = await prisma.event.findUniqueOrThrow({
      where: { id: e.id },
      select: { startsAt: true, endsAt: true },
    });
    expect([card!.startsAt!.getTime(), card!.endsAt!.getTime()]).toEqual([
      stored.startsAt!.getTime(),
      stored.endsAt!.getTime(),
    ]);
  });
});

describe("vocabulary filters", () => {
  it("filters by level, type, region and mode, alone and combined", async () => {
    const tag = unique("voc");
    const regToscanaSeminar = await makeEvent(tag, {
      level: "regionale",
      regionCode: "toscana",
      type: "seminario",
      mode: "in-presenza",
      venue: "Firenze",
    });
    const regLombardiaWebinar = await makeEvent(tag, {
      level: "regionale",
      regionCode: "lombardia",
      type: "webinar",
      mode: "online",
    });
    const natCourse = await makeEvent(tag, { level: "nazionale", type: "corso-online-base", mode: "online" });
    const euSeminar = await makeEvent(tag, {
      level: "europeo",
      type: "seminario-multilaterale",
      mode: "in-presenza",
      venue: "Lisbona",
    });
    expect(new Set(await ids(tag, { level: "regionale" }))).toEqual(
      new Set([regToscanaSeminar.id, regLombardiaWebinar.id]),
    );
    expect(await ids(tag, { type: "corso-online-base" })).toEqual([natCourse.id]);
    expect(await ids(tag, { region: "lombardia" })).toEqual([regLombardiaWebinar.id]);
    expect(new Set(await ids(tag, { mode: "in-presenza" }))).toEqual(new Set([regToscanaSeminar.id, euSeminar.id]));
    expect(await ids(tag, { mode: "in-presenza", level: "europeo" })).toEqual([euSeminar.id]);
    expect(await ids(tag, { region: "toscana", mode: "online" })).toEqual([]);
  });

  it("filters by audience: school level and professional role", async () => {
    const tag = unique("aud");
    const primary = await makeEvent(tag, { schoolLevels: ["infanzia", "primaria"], audienceRoles: ["docente"] });
    const heads = await makeEvent(tag, {
      schoolLevels: ["primaria", "secondaria-secondo-grado"],
      audienceRoles: ["dirigente", "docente"],
    });
    const upper = await makeEvent(tag, {
      schoolLevels: ["secondaria-secondo-grado"],
      audienceRoles: ["docente", "animatore-digitale"],
    });
    expect(new Set(await ids(tag, { schoolLevel: "primaria" }))).toEqual(new Set([primary.id, heads.id]));
    expect(await ids(tag, { role: "dirigente" })).toEqual([heads.id]);
    expect(await ids(tag, { schoolLevel: "secondaria-secondo-grado", role: "animatore-digitale" })).toEqual([upper.id]);
    expect(await ids(tag, { schoolLevel: "infanzia", role: "dirigente" })).toEqual([]);
  });
});

describe("date range", () => {
  // Far in the future so that "not ended yet" never interferes.
  const day = (m: number, d: number, time: string) => romeTime(2031, m, d, time);

  it("matches events that overlap the range, with whole days in Europe/Rome", async () => {
    const tag = unique("dat");
    const december = await makeEvent(tag, {
      editions: [
        edition({
          sessions: [meeting(day(12, 1, "00:00"), "15:00", "17:00"), meeting(day(12, 3, "00:00"), "15:00", "17:00")],
        }),
      ],
    });
    const january = await makeEvent(tag, {
      editions: [edition({ sessions: [meeting(day(13, 10, "00:00"), "15:00", "17:00")] })],
    });
    const long = await makeEvent(tag, {
      editions: [
        edition({
          sessions: [meeting(day(11, 30, "00:00"), "15:00", "17:00"), meeting(day(14, 1, "00:00"), "15:00", "17:00")],
        }),
      ],
    });
    // 31 December 23:30 in Rome is 22:30 UTC: inside "to 31 December" though a naive UTC reading would agree;
    // 1 January 00:30 in Rome is 31 December 23:30 UTC: outside, though a UTC reading would include it.
    const newYearsEve = await makeEvent(tag, {
      editions: [edition({ sessions: [meeting(day(12, 31, "00:00"), "23:30", "23:45")] })],
    });
    const newYear = await makeEvent(tag, {
      editions: [edition({ sessions: [meeting(day(13, 1, "00:00"), "00:30", "01:30")] })],
    });

    const range = (from?: string, to?: string) => ids(tag, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
    expect(new Set(await range("2031-12-02", "2031-12-02"))).toEqual(new Set([december.id, long.id]));
    expect(new Set(await range("2031-12-04", "2031-12-31"))).toEqual(new Set([long.id, newYearsEve.id]));
    expect(new Set(await range("2032-01-01", "2032-01-01"))).toEqual(new Set([long.id, newYear.id]));
    expect(new Set(await range("2032-01-02"))).toEqual(new Set([january.id, long.id]));
    expect(new Set(await range(undefined, "2031-11-30"))).toEqual(new Set([long.id]));
  });

  it("applies a range read from the URL", async () => {
    const tag = unique("url");
    const e = await makeEvent(tag, {
      editions: [edition({ sessions: [meeting(day(5, 5, "00:00"), "10:00", "12:00")] })],
    });
    const { filters } = parseCatalogueSearch(new URLSearchParams(`q=${tag}&from=2031-05-05&to=2031-05-05`));
    expect((await searchCatalogue(filters, 1, { now: NOW })).events.map((x) => x.id)).toEqual([e.id]);
    const { filters: other } = parseCatalogueSearch(new URLSearchParams(`q=${tag}&from=2031-05-06`));
    expect((await searchCatalogue(other, 1, { now: NOW })).total).toBe(0);
  });
});

describe("free seats", () => {
  it("needs an active edition with a seat left whose enrolment has not closed", async () => {
    const tag = unique("free");
    const full = await makeEvent(tag, { editions: [edition({ seatCap: 30, seatsTaken: 30 })] });
    const partly = await makeEvent(tag, { editions: [edition({ seatCap: 30, seatsTaken: 29 })] });
    const unlimited = await makeEvent(tag, { editions: [edition({ seatCap: null, seatsTaken: 5000 })] });
    const windowClosed = await makeEvent(tag, { editions: [edition({ enrolmentClosesAt: romeDaysFrom(NOW, -1) })] });
    const notYetOpen = await makeEvent(tag, {
      editions: [edition({ enrolmentOpensAt: romeDaysFrom(NOW, 2), enrolmentClosesAt: romeDaysFrom(NOW, 8) })],
    });
    const closedEarly = await makeEvent(tag, { editions: [edition({ status: "iscrizioni-chiuse" })] });
    const cancelledEdition = await makeEvent(tag, { editions: [edition({ status: "annullata" })] });
    // Only the second edition still has seats.
    const secondEdition = await makeEvent(tag, {
      editions: [edition({ seatCap: 350, seatsTaken: 350 }), edition({ day: 40, seatCap: 350, seatsTaken: 12 })],
    });
    const all = await ids(tag);
    expect(all).toHaveLength(7);
    expect(new Set(await ids(tag, { freeSeats: true }))).toEqual(
      new Set([partly.id, unlimited.id, notYetOpen.id, secondEdition.id]),
    );
    for (const gone of [full, windowClosed, closedEarly]) expect(all).toContain(gone.id);
    // An event whose only edition is cancelled will not take place: it is not listed at all (see "cancelled editions").
    expect(all).not.toContain(cancelledEdition.id);
  });

  it("leaves out an edition by application once its selection is closed, and counts it again if reopened", async () => {
    // Nobody can apply or enrol once the selection is closed (the event page says "closed"), yet the filter listed
    // the event while the edition had seats left.
    const tag = unique("selection");
    const event = await makeEvent(tag, { editions: [edition({ seatCap: 30, seatsTaken: 0 })] });
    const { id: editionId } = await prisma.edition.findFirstOrThrow({ where: { eventId: event.id } });
    const scope = await managedEdition(organiserId, editionId);
    expect((await setAdmission(scope, "candidatura", NOW)).ok).toBe(true);
    expect(await ids(tag, { freeSeats: true })).toEqual([event.id]);
    expect((await closeSelection(scope, NOW)).ok).toBe(true);
    expect(await ids(tag, { freeSeats: true })).toEqual([]);
    expect(await ids(tag)).toEqual([event.id]);
    // The editions' own rule (alerts, and the reference of the entries) agrees with the entries.
    expect(await freeSeatFilterMismatches([NOW])).toEqual([]);
    // First come, first served again (nobody had applied): its seats are free for anyone.
    expect((await setAdmission(scope, "ordine-arrivo", NOW)).ok).toBe(true);
    expect(await ids(tag, { freeSeats: true })).toEqual([event.id]);
  });

  it("combines with the other filters", async () => {
    const tag = unique("combo");
    const match = await makeEvent(tag, {
      level: "regionale",
      regionCode: "toscana",
      mode: "online",
      title: `Seminario regionale eTwinning ${tag}`,
    });
    await makeEvent(tag, {
      level: "regionale",
      regionCode: "toscana",
      mode: "online",
      title: `Seminario regionale eTwinning ${tag}`,
      editions: [edition({ seatCap: 10, seatsTaken: 10 })],
    });
    await makeEvent(tag, {
      level: "regionale",
      regionCode: "toscana",
      mode: "in-presenza",
      title: `Seminario regionale eTwinning ${tag}`,
    });
    await makeEvent(tag, { level: "nazionale", mode: "online", title: `Seminario nazionale eTwinning ${tag}` });
    expect(
      await ids(`${tag} etwinning regionale`, {
        level: "regionale",
        region: "toscana",
        mode: "online",
        freeSeats: true,
      }),
    ).toEqual([match.id]);
  });
});

describe("cancelled editions", () => {
  const cancel = async (editionId: string) =>
    cancelEditionWithReason(await managedEdition(organiserId, editionId), "Troppo pochi iscritti.", NOW);
  const editionsOf = (eventId: string) =>
    prisma.edition.findMany({ where: { eventId }, orderBy: { number: "asc" }, select: { id: true } });
  const datesOf = (eventId: string) =>
    prisma.event.findUniqueOrThrow({ where: { id: eventId }, select: { startsAt: true, endsAt: true } });

  it("give the event no dates: a cancelled last edition no longer keeps it listed, nor a cancelled first one", async () => {
    // Review 0018: edition 1 in 10 days, edition 2 in 40 days, cancelled: the event read "from… to…" the
    // 40th day, matched a search from the 30th and stayed listed as upcoming after the 10th.
    const tag = unique("annullata");
    const event = await makeEvent(tag, { editions: [edition({ day: 10 }), edition({ day: 40 })] });
    const [, second] = await editionsOf(event.id);
    const fromDay30 = toRomeDateValue(romeDaysFrom(NOW, 30));
    expect(await ids(tag, { from: fromDay30 })).toEqual([event.id]);

    expect((await cancel(second!.id)).ok).toBe(true);
    const dates = await datesOf(event.id);
    expect(dates.startsAt).toEqual(romeDaysFrom(NOW, 10, "16:30"));
    expect(dates.endsAt).toEqual(romeDaysFrom(NOW, 10, "18:30"));
    expect(await ids(tag, { from: fromDay30 })).toEqual([]);
    expect(await ids(tag)).toEqual([event.id]);
    // Once edition 1 has taken place the event is over: no longer listed as upcoming.
    expect(await ids(tag, {}, 1, romeDaysFrom(NOW, 12))).toEqual([]);

    // The other way round: a cancelled first edition no longer sets the start.
    const other = await makeEvent(tag, { editions: [edition({ day: 10 }), edition({ day: 40 })] });
    const [otherFirst] = await editionsOf(other.id);
    expect((await cancel(otherFirst!.id)).ok).toBe(true);
    expect((await datesOf(other.id)).startsAt).toEqual(romeDaysFrom(NOW, 40, "16:30"));
    expect((await searchCatalogue({ q: tag }, 1, { now: NOW })).events.map((e) => [e.id, e.startsAt])).toEqual([
      [event.id, romeDaysFrom(NOW, 10, "16:30")],
      [other.id, romeDaysFrom(NOW, 40, "16:30")],
    ]);
  });

  it("stored before the rule, are no longer counted once migration 20261206230000 has run (events without one unchanged)", async () => {
    // Editions cancelled before 5df1c5e left the event's dates as they were: written here as that code left them.
    const tag = unique("migrazione");
    const lastCancelled = await makeEvent(tag, { editions: [edition({ day: 10 }), edition({ day: 40 })] });
    const allCancelled = await makeEvent(tag, { editions: [edition({ day: 20 })] });
    const untouched = await makeEvent(tag, { editions: [edition({ day: 30 })] });
    const [, second] = await editionsOf(lastCancelled.id);
    const [only] = await editionsOf(allCancelled.id);
    await prisma.edition.updateMany({ where: { id: { in: [second!.id, only!.id] } }, data: { status: "annullata" } });
    const before = await datesOf(untouched.id);
    const fromDay15 = toRomeDateValue(romeDaysFrom(NOW, 15));
    expect(await ids(tag, { from: fromDay15 })).toEqual(expect.arrayContaining([lastCancelled.id, allCancelled.id]));

    const sql = fs.readFileSync(
      path.join(
        databaseEngine === "postgresql" ? "prisma/postgresql/migrations" : "prisma/migrations",
        "20261206230000_event_dates_without_cancelled_editions/migration.sql",
      ),
      "utf8",
    );
    await prisma.$executeRawUnsafe(sql);

    expect(await datesOf(lastCancelled.id)).toEqual({
      startsAt: romeDaysFrom(NOW, 10, "16:30"),
      endsAt: romeDaysFrom(NOW, 10, "18:30"),
    });
    expect(await datesOf(allCancelled.id)).toEqual({ startsAt: null, endsAt: null });
    expect(await datesOf(untouched.id)).toEqual(before);
    // The catalogue's entries follow (its triggers): from the 15th only the untouched event is listed.
    expect(await ids(tag, { from: fromDay15 })).toEqual([untouched.id]);
    expect((await searchCatalogue({ q: tag }, 1, { now: NOW })).total).toBe(2);
  });

  it("take an event whose every edition is cancelled out of the catalogue and its feed; its page says cancelled", async () => {
    const tag = unique("tutteannullate");
    const event = await makeEvent(tag, { editions: [edition({ day: 10 }), edition({ day: 20 })] });
    const [first, second] = await editionsOf(event.id);
    expect((await cancel(first!.id)).ok).toBe(true);
    expect(await ids(tag)).toEqual([event.id]);
    expect((await cancel(second!.id)).ok).toBe(true);
    expect(await datesOf(event.id)).toEqual({ startsAt: null, endsAt: null });
    expect(await ids(tag)).toEqual([]);
    expect((await searchCatalogue({ q: tag }, 1, { now: NOW })).total).toBe(0);
    expect((await loadCatalogueFeed({ q: tag }, { now: NOW })).events).toEqual([]);
    // Still published, and its page still answers (it shows "Annullato": every edition is cancelled).
    const page = await getPublicEvent(event.id);
    expect(page?.editions.map((e) => e.status)).toEqual(["annullata", "annullata"]);
  });
});

describe("event page", () => {
  it("shows published, closed and cancelled events, hides drafts and the online-room link", async () => {
    const tag = unique("page");
    const published = await makeEvent(tag, { status: "pubblicato" });
    const closed = await makeEvent(tag, { status: "chiuso" });
    const cancelled = await makeEvent(tag, { status: "annullato" });
    const draft = await makeEvent(tag, { status: "bozza" });
    // A draft dropped by cancelling it was never offered to anyone: as private as a draft, with its calendar.
    const droppedDraft = await makeEvent(tag, { status: "annullato" });
    await prisma.event.update({ where: { id: droppedDraft.id }, data: { publishedAt: null } });
    expect(await getPublicEvent(droppedDraft.id)).toBeNull();
    expect(await loadEventCalendar(droppedDraft.id)).toBeNull();
    expect(await loadEventCalendar(cancelled.id)).not.toBeNull();
    expect((await getPublicEvent(published.id))?.status).toBe("pubblicato");
    expect((await getPublicEvent(closed.id))?.status).toBe("chiuso");
    expect((await getPublicEvent(cancelled.id))?.status).toBe("annullato");
    expect(await getPublicEvent(draft.id)).toBeNull();
    expect(await getPublicEvent("non-esiste")).toBeNull();
    expect(await getPublicEvent("x".repeat(500))).toBeNull();
    const page = await getPublicEvent(published.id);
    expect(page).not.toHaveProperty("onlineUrl");
    expect(JSON.stringify(page)).not.toContain("stanza-segreta");
  });

  it("gives editions in order with their sessions in date order", async () => {
    const tag = unique("ed");
    const d1 = romeDaysFrom(NOW, 20);
    const d0 = romeDaysFrom(NOW, 5);
    const e = await makeEvent(tag, {
      title: `Corso ${tag}`,
      type: "corso-online-base",
      schoolLevels: ["primaria", "infanzia"],
      audienceRoles: ["docente", "dirigente"],
      themes: ["progettazione-europea", "competenze-digitali"],
      editions: [
        edition({
          seatCap: 350,
          sessions: [meeting(romeDaysFrom(d1, 7), "17:00", "19:00"), meeting(d1, "17:00", "19:00")],
        }),
        edition({
          seatCap: 350,
          seatsTaken: 20,
          sessions: [meeting(romeDaysFrom(d0, 7), "17:00", "19:00"), meeting(d0, "17:00", "19:00")],
        }),
      ],
    });
    const page = (await getPublicEvent(e.id))!;
    expect(page.certifiedMinutes).toBe(240);
    expect(page.editions.map((x) => [x.number, x.seatsTaken])).toEqual([
      [1, 20],
      [2, 0],
    ]);
    for (const ed of page.editions) {
      const starts = ed.sessions.map((s) => s.startsAt.getTime());
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      expect(ed.sessions.map((s) => s.minutes)).toEqual([120, 120]);
    }
    expect(page.schoolLevels.map((s) => s.schoolLevel)).toEqual(["infanzia", "primaria"]);
    expect(page.audienceRoles.map((r) => r.role)).toEqual(["dirigente", "docente"]);
    expect(page.themes.map((t) => t.theme)).toEqual(["competenze-digitali", "progettazione-europea"]);
  });

  it("gives the same types as the data model on both engines, and editions without sessions", async () => {
    const tag = unique("typ");
    const e = await makeEvent(tag, {
      openToAllRegions: true,
      level: "regionale",
      regionCode: "lazio",
      schoolLevels: [],
      audienceRoles: [],
      themes: [],
    });
    const bare = await prisma.edition.create({
      data: {
        eventId: e.id,
        number: 2,
        startsOn: romeDaysFrom(NOW, 50),
        endsOn: romeDaysFrom(NOW, 51),
        seatCap: null,
        enrolmentOpensAt: romeDaysFrom(NOW, -1),
        enrolmentClosesAt: romeDaysFrom(NOW, 49),
      },
      select: { id: true },
    });
    const page = (await getPublicEvent(e.id))!;
    const viaPrisma = await prisma.event.findUniqueOrThrow({
      where: { id: e.id },
      select: {
        openToAllRegions: true,
        startsAt: true,
        editions: {
          orderBy: { number: "asc" },
          select: {
            id: true,
            seatCap: true,
            seatsTaken: true,
            startsOn: true,
            enrolmentClosesAt: true,
            sessions: { select: { id: true } },
          },
        },
      },
    });
    expect(page.openToAllRegions).toBe(true);
    expect(page.startsAt).toEqual(viaPrisma.startsAt);
    expect([page.schoolLevels, page.audienceRoles, page.themes]).toEqual([[], [], []]);
    expect(page.editions.map((ed) => ed.id)).toEqual(viaPrisma.editions.map((ed) => ed.id));
    expect(page.editions[1]).toMatchObject({
      id: bare.id,
      number: 2,
      seatCap: null,
      seatsTaken: 0,
      status: "attiva",
      sessions: [],
    });
    for (const [i, ed] of page.editions.entries()) {
      const ref = viaPrisma.editions[i]!;
      expect(ed.startsOn).toBeInstanceOf(Date);
      expect(ed.startsOn).toEqual(ref.startsOn);
      expect(ed.enrolmentClosesAt).toEqual(ref.enrolmentClosesAt);
      expect([ed.seatCap, ed.seatsTaken]).toEqual([ref.seatCap, ref.seatsTaken]);
      expect(ed.sessions.map((s) => s.id)).toEqual(ref.sessions.map((s) => s.id));
    }
    expect(page.editions[0]!.sessions[0]!.startsAt).toBeInstanceOf(Date);
    expect(typeof page.editions[0]!.sessions[0]!.minutes).toBe("number");
  });
});

describe("HTTP caching of the public pages", () => {
  const request = (cookie?: string) =>
    new Request("http://localhost/eventi", cookie ? { headers: { Cookie: cookie } } : {});

  it("lets anonymous pages be cached, varying on cookies", () => {
    for (const r of [request(), request("forma_lang=en")]) {
      const h = publicPageHeaders(r);
      expect(h.get("Cache-Control")).toBe(PUBLIC_CACHE_CONTROL);
      expect(h.get("Vary")).toBe("Cookie");
    }
    expect(PUBLIC_CACHE_CONTROL).toMatch(/^public, max-age=30\b/);
  });

  it("never stores a page for someone with a session cookie", () => {
    for (const r of [
      request("forma_session=abc"),
      request("forma_lang=it; forma_session=abc"),
      request("a=1;forma_session=x"),
    ]) {
      const h = publicPageHeaders(r);
      expect(h.get("Cache-Control")).toBe(PRIVATE_CACHE_CONTROL);
      expect(h.get("Vary")).toBe("Cookie");
    }
    expect(PRIVATE_CACHE_CONTROL).toContain("no-store");
  });
});
