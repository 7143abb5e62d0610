import { describe, expect, it } from "vitest";
import {
  catalogueSearchShape,
  catalogueSearchString,
  CATALOGUE_MAX_QUERY_WORDS,
  dateRangeOf,
  hasActiveFilters,
  pageCount,
  pageWindow,
  parseCatalogueSearch,
  publishedAfter,
  searchWords,
} from "./catalogue-filters.ts";

const parse = (query: string) => parseCatalogueSearch(new URLSearchParams(query));

describe("parseCatalogueSearch", () => {
  it("reads every filter from the URL", () => {
    const r = parse(
      "q=eTwinning+base&level=regionale&type=seminario&region=toscana&mode=online&schoolLevel=primaria&role=dirigente&from=2026-12-01&to=2027-01-31&freeSeats=1&page=3",
    );
    expect(r.ignored).toEqual([]);
    expect(r.page).toBe(3);
    expect(r.filters).toEqual({
      q: "eTwinning base",
      level: "regionale",
      type: "seminario",
      region: "toscana",
      mode: "online",
      schoolLevel: "primaria",
      role: "dirigente",
      from: "2026-12-01",
      to: "2027-01-31",
      freeSeats: true,
    });
  });

  it("treats the empty fields of an untouched GET form as no filter", () => {
    const r = parse("q=&level=&type=&region=&mode=&schoolLevel=&role=&from=&to=&page=");
    expect(r).toEqual({ filters: {}, page: 1, ignored: [] });
    expect(hasActiveFilters(r.filters)).toBe(false);
  });

  it("accepts the checkbox's default 'on' value for free seats", () => {
    expect(parse("freeSeats=on").filters.freeSeats).toBe(true);
  });

  it("drops values outside the vocabularies and reports them, keeping the valid ones", () => {
    const r = parse("level=galattico&type=seminario&region=atlantide&mode=<script>&role=x&schoolLevel=università");
    expect(r.filters).toEqual({ type: "seminario" });
    expect(r.ignored).toEqual(["level", "region", "mode", "schoolLevel", "role"]);
  });

  it("drops impossible or malformed dates", () => {
    const r = parse("from=2027-02-30&to=31/01/2027");
    expect(r.filters).toEqual({});
    expect(r.ignored).toEqual(["from", "to"]);
  });

  it("drops a date range that ends before it starts", () => {
    const r = parse("from=2027-03-01&to=2027-02-01&level=nazionale");
    expect(r.filters).toEqual({ level: "nazionale" });
    expect(r.ignored).toEqual(["from", "to"]);
  });

  it("accepts a one-day range", () => {
    expect(parse("from=2027-03-01&to=2027-03-01").ignored).toEqual([]);
  });

  it("falls back to page 1 for pages that are not positive whole numbers or absurdly large", () => {
    for (const page of ["0", "-2", "1.5", "abc", "99999999"]) {
      const r = parse(`page=${page}`);
      expect(r.page, page).toBe(1);
      expect(r.ignored, page).toEqual(["page"]);
    }
  });

  it("refuses an over-long free text rather than searching for it", () => {
    const r = parse(`q=${"a".repeat(201)}`);
    expect(r.filters.q).toBeUndefined();
    expect(r.ignored).toEqual(["q"]);
  });

  it("ignores a free text made only of punctuation or spaces", () => {
    expect(parse("q=+%2C+-+(+)+").filters.q).toBeUndefined();
  });

  it("uses the first non-empty value of a repeated parameter", () => {
    expect(parse("level=&level=europeo&level=nazionale").filters.level).toBe("europeo");
  });

  it("leaves parameters it does not know alone", () => {
    expect(parse("utm_source=newsletter")).toEqual({ filters: {}, page: 1, ignored: [] });
  });
});

describe("the published-since filter (an alert's email links to its new events, ADR 0088)", () => {
  it("reads a Rome day, or an instant written back as toISOString writes it", () => {
    expect(parse("publishedSince=2026-12-03").filters).toEqual({ publishedSince: "2026-12-03" });
    expect(parse("publishedSince=2026-12-03T08:15Z").filters).toEqual({
      publishedSince: "2026-12-03T08:15:00.000Z",
    });
    expect(catalogueSearchString(parse("region=campania&publishedSince=2026-12-03T08:15:30.5Z&page=2").filters)).toBe(
      "?region=campania&publishedSince=2026-12-03T08%3A15%3A30.500Z",
    );
  });

  it("drops and reports a value that is not a day or an instant, or no real date, never failing", () => {
    for (const bad of [
      "ieri",
      "03/12/2026",
      "2026-02-30",
      "2026-02-31T10:00Z",
      "2026-12-03T08:15+01:00",
      "2026-12-03T25:00Z",
      "1970-01-01",
      "0001-01-01T00:00Z",
      "2026-12-03T08:15:00.000Z' OR 1=1 --",
    ]) {
      const r = parse(`publishedSince=${encodeURIComponent(bad)}&type=webinar`);
      expect(r.filters, bad).toEqual({ type: "webinar" });
      expect(r.ignored, bad).toEqual(["publishedSince"]);
    }
  });

  it("counts from a day's Rome midnight, or strictly after an instant", () => {
    // 3 December: Rome is UTC+1, its midnight is 23:00 UTC the day before; publishedAt must be after the ms before it.
    expect(publishedAfter("2026-12-03")?.toISOString()).toBe("2026-12-02T22:59:59.999Z");
    expect(publishedAfter("2026-07-03")?.toISOString()).toBe("2026-07-02T21:59:59.999Z");
    expect(publishedAfter("2026-12-03T08:15:00.000Z")?.toISOString()).toBe("2026-12-03T08:15:00.000Z");
    expect(publishedAfter("1999-12-31")).toBeNull();
    // 1 January 2000 is a day of the catalogue, though its Rome midnight is still 1999 in UTC.
    expect(publishedAfter("2000-01-01")?.toISOString()).toBe("1999-12-31T22:59:59.999Z");
  });

  it("is a filter like the others: active, in the log's shape", () => {
    const { filters } = parse("publishedSince=2026-12-03");
    expect(hasActiveFilters(filters)).toBe(true);
    expect(catalogueSearchShape(filters, 1)).toBe("publishedSince=2026-12-03");
  });
});

describe("searchWords", () => {
  it("folds case and accents like Event.searchText and strips edge punctuation", () => {
    expect(searchWords("  Città, (eTwinning)  SCUOLA  ")).toEqual(["citta", "etwinning", "scuola"]);
  });
  it("keeps symbols that are not punctuation", () => {
    expect(searchWords("C++ #scuola")).toEqual(["c++", "#scuola"]);
  });
  it("never passes LIKE wildcards through: % _ and \\ separate words", () => {
    expect(searchWords("100% a_b c\\d")).toEqual(["100", "a", "b", "c", "d"]);
    expect(searchWords("%%% _")).toEqual([]);
  });
  it("keeps inner apostrophes and hyphens, drops duplicates", () => {
    expect(searchWords("dell'infanzia e-learning dell'infanzia")).toEqual(["dell'infanzia", "e-learning"]);
  });
  it(`searches at most ${CATALOGUE_MAX_QUERY_WORDS} words`, () => {
    expect(searchWords("a b c d e f g h i j")).toHaveLength(CATALOGUE_MAX_QUERY_WORDS);
  });
});

describe("dateRangeOf", () => {
  it("spans whole days in Europe/Rome (winter, UTC+1)", () => {
    const r = dateRangeOf({ from: "2026-12-01", to: "2026-12-31" });
    expect(r.from?.toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(r.toExclusive?.toISOString()).toBe("2026-12-31T23:00:00.000Z");
  });
  it("handles summer time and month ends", () => {
    const r = dateRangeOf({ from: "2027-06-30", to: "2027-06-30" });
    expect(r.from?.toISOString()).toBe("2027-06-29T22:00:00.000Z");
    expect(r.toExclusive?.toISOString()).toBe("2027-06-30T22:00:00.000Z");
  });
  it("handles the night the clocks go forward", () => {
    // 28 March 2027: the day before starts at UTC+1, the next midnight is at UTC+2.
    expect(dateRangeOf({ to: "2027-03-28" }).toExclusive?.toISOString()).toBe("2027-03-28T22:00:00.000Z");
    expect(dateRangeOf({ to: "2027-12-31" }).toExclusive?.toISOString()).toBe("2027-12-31T23:00:00.000Z");
  });
});

describe("catalogueSearchString", () => {
  it("round-trips through the parser", () => {
    const filters = { q: "città digitale", level: "europeo", freeSeats: true, from: "2027-01-01" } as const;
    const s = catalogueSearchString(filters, 4);
    const back = parse(s.slice(1));
    expect(back.filters).toEqual(filters);
    expect(back.page).toBe(4);
  });
  it("leaves out page 1 and empty filters", () => {
    expect(catalogueSearchString({}, 1)).toBe("");
    expect(catalogueSearchString({ level: "nazionale" }, 1)).toBe("?level=nazionale");
  });
});

describe("catalogueSearchShape", () => {
  it("names every filter with its value and the page, and of the free text only its words' lengths", () => {
    const { filters, page } = parse(
      "q=Mario+Rossi,+Città&type=webinar&region=lombardia&freeSeats=1&from=2027-01-01&page=3",
    );
    const shape = catalogueSearchShape(filters, page);
    expect(shape).toBe("q=3w:5,5,5 type=webinar region=lombardia from=2027-01-01 freeSeats page=3");
    expect(shape.toLowerCase()).not.toMatch(/mario|rossi|citt/);
  });
  it("is empty for the first page of everything", () => {
    expect(catalogueSearchShape({}, 1)).toBe("");
  });
});

describe("pagination helpers", () => {
  it("counts pages, with at least one", () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(20)).toBe(1);
    expect(pageCount(21)).toBe(2);
  });
  it("shows first, last and a window around the current page", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 5)).toEqual([1, 2, 3, null, 5]);
    expect(pageWindow(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    expect(pageWindow(20, 20)).toEqual([1, null, 18, 19, 20]);
  });
});
