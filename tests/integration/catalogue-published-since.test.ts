// The catalogue's "published since" filter (publishedSince: a Rome day or an instant), which an alert's email
// links to for the events it could not list (ADR 0088), against a real database: every path of the catalogue's
// search on both engines (free text through the text index, free text within a region, a filter whose count the
// summary tables answered without it, no free text at all), the JSON feed, and the page with a bad value.
import { afterAll, describe, expect, it } from "vitest";
import { parseCatalogueSearch, type CatalogueFilters } from "../../app/domain/catalogue-filters.ts";
import { loadCatalogueFeed } from "../../app/models/catalogue-feed.server.ts";
import { searchCatalogue } from "../../app/models/catalogue.server.ts";
import * as catalogueRoute from "../../app/routes/eventi._index.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, unique } from "../support/factories.ts";
import { runRoute, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

const HOUR = 3600_000;

/**
 * Four events found by a word of their own, in Campania, for primary schools, published an hour apart from a
 * unique instant far away (no other test's event is published then): ids in publication order.
 */
async function eventsPublishedFrom(start: Date) {
  const word = unique("pubblicazione")
    .replace(/[^a-z0-9]/gi, "")
    .toLowerCase();
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) {
    const { event } = await createOpenEdition({
      title: `Laboratorio di ${word}`,
      level: "regionale",
      regionCode: "campania",
      schoolLevels: ["primaria"],
    });
    await prisma.event.update({
      where: { id: event.id },
      data: { searchText: `laboratorio di ${word}`, publishedAt: new Date(start.getTime() + i * HOUR) },
    });
    ids.push(event.id);
  }
  return { word, ids };
}

/** A unique far instant, at 10:00 in Rome (UTC+1 in January), so each file run has its own. */
function farStart(): Date {
  const year = 2400 + Math.floor(Math.random() * 5000);
  return new Date(`${year}-01-15T09:00:00.000Z`);
}

const idsOf = async (filters: CatalogueFilters) => {
  const page = await searchCatalogue(filters, 1, { pageSize: 50 });
  return { total: page.total, ids: page.events.map((e) => e.id).sort() };
};

describe("the catalogue's published-since filter", () => {
  it("shows only the events published after an instant, on every path of the search", async () => {
    const start = farStart();
    const { word, ids } = await eventsPublishedFrom(start);
    // After the first one's publication: the other three (strictly after, as an alert's check counts).
    const since = { publishedSince: start.toISOString() };
    const later = ids.slice(1).sort();
    const searches: CatalogueFilters[] = [
      { q: word, ...since }, // free text through the text index (SQLite: FTS5 and the key copy)
      { q: word, region: "campania", ...since }, // free text within a region (SQLite: the key copy's text)
      { q: word, schoolLevel: "primaria", ...since }, // free text and an audience (PostgreSQL: materialised ids)
      { schoolLevel: "primaria", ...since }, // a count the summary tables answer without the filter
      { region: "campania", ...since }, // no free text: the key copy (SQLite), the catalogue's index (PostgreSQL)
      since, // nothing else: the summary count of every event, without it
    ];
    for (const filters of searches) {
      expect(await idsOf(filters), JSON.stringify(filters)).toEqual({ total: 3, ids: later });
    }
    // Without it, the same search finds all four.
    expect((await idsOf({ q: word })).total).toBe(4);
    // The feed reads the same search.
    expect((await loadCatalogueFeed(since)).events.map((e) => e.id).sort()).toEqual(later);
  });

  it("counts a Rome day from its midnight", async () => {
    const start = farStart(); // 10:00 in Rome: the four events on the same day, 10:00 to 13:00
    const { word, ids } = await eventsPublishedFrom(start);
    const day = start.toISOString().slice(0, 10);
    expect(await idsOf({ q: word, publishedSince: day })).toEqual({ total: 4, ids: [...ids].sort() });
    const next = new Date(start.getTime() + 24 * HOUR).toISOString().slice(0, 10);
    expect(await idsOf({ q: word, publishedSince: next })).toEqual({ total: 0, ids: [] });
  });

  it("a value that is not a date is reported and not applied: the page answers, never a 500", async () => {
    const start = farStart();
    const { word } = await eventsPublishedFrom(start);
    for (const bad of ["ieri", "2026-02-30", "9999-99-99T99:99Z", "x".repeat(5000)]) {
      const response = await runRoute(catalogueRoute.loader as unknown as Handler, {
        url: `http://localhost/eventi?q=${word}&publishedSince=${encodeURIComponent(bad)}`,
      });
      expect(response.status, bad).toBe(200);
      expect(response.data, bad).toMatchObject({ ignored: ["publishedSince"], total: 4 });
    }
    const { filters } = parseCatalogueSearch(new URLSearchParams(`q=${word}&publishedSince=${start.toISOString()}`));
    expect((await searchCatalogue(filters, 1)).total).toBe(3);
  });
});
