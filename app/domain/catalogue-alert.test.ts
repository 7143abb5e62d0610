import { describe, expect, it } from "vitest";
import {
  alertDigest,
  alertCheckedUntil,
  alertDueBefore,
  ALERT_SETTLE_MS,
  alertQueryOf,
  alertSectionQuery,
  ALERT_INTERVAL_MS,
  describeAlert,
  filtersOfAlert,
} from "./catalogue-alert.ts";

describe("an alert's search", () => {
  it("is the catalogue's canonical query string: same search in any order, without page, dates or free seats", () => {
    expect(alertQueryOf("region=toscana&type=webinar")).toBe("type=webinar&region=toscana");
    expect(alertQueryOf("?type=webinar&page=3&region=toscana")).toBe("type=webinar&region=toscana");
    expect(alertQueryOf("type=webinar&from=2027-01-01&to=2027-02-01&freeSeats=1")).toBe("type=webinar");
    expect(alertQueryOf("q=l%27inclusione+digitale&mode=online")).toBe("q=l%27inclusione+digitale&mode=online");
  });

  it("drops what the catalogue would ignore, so a hostile query string stores nothing odd", () => {
    expect(alertQueryOf("region=atlantide&type=<script>&evil=1")).toBe("");
    expect(alertQueryOf("")).toBe("");
  });

  it("reads back the filters it stored", () => {
    expect(filtersOfAlert("type=webinar&region=toscana&q=robotica")).toEqual({
      type: "webinar",
      region: "toscana",
      q: "robotica",
    });
  });

  it("never keeps the published-since filter: each check adds its own", () => {
    expect(alertQueryOf("type=webinar&publishedSince=2026-12-03")).toBe("type=webinar");
  });

  it("links a section to its search's events published since the check's start, or to the search for an old row", () => {
    expect(alertSectionQuery({ query: "type=webinar&region=toscana", since: "2026-12-04T07:00:00.000Z" })).toBe(
      "type=webinar&region=toscana&publishedSince=2026-12-04T07%3A00%3A00.000Z",
    );
    expect(alertSectionQuery({ query: "", since: "2026-12-04T07:00:00.000Z" })).toBe(
      "publishedSince=2026-12-04T07%3A00%3A00.000Z",
    );
    expect(alertSectionQuery({ query: "type=webinar" })).toBe("type=webinar");
  });

  it("is due a day after its last check", () => {
    const now = new Date("2026-12-05T07:00:00Z");
    expect(now.getTime() - alertDueBefore(now).getTime()).toBe(ALERT_INTERVAL_MS);
  });

  it("is checked up to a settled instant, five minutes before the check", () => {
    const now = new Date("2026-12-05T07:00:00Z");
    expect(alertCheckedUntil(now)).toEqual(new Date("2026-12-05T06:55:00Z"));
    expect(ALERT_SETTLE_MS).toBe(5 * 60_000);
  });
});

describe("an alert in words", () => {
  it("quotes the free text and names each filter in the person's language; every event without filters", () => {
    const filters = filtersOfAlert("q=robotica&type=webinar&region=toscana&mode=online");
    expect(describeAlert(filters, "it")).toMatch(/^«robotica» · Webinar · Toscana · /);
    expect(describeAlert(filters, "en")).toMatch(/^«robotica» · Webinar · Tuscany · /);
    expect(describeAlert({}, "it")).toBe("Tutti i nuovi eventi");
    expect(describeAlert({}, "en")).toBe("Every new event");
  });
});

describe("a person's daily email of alerts", () => {
  const SINCE = "2026-12-04T07:00:00.000Z";
  const ev = (id: string) => ({ id, title: `Evento ${id}`, startsAt: "2027-01-14T15:00:00.000Z" });

  it("has a section per search that found something, in the alerts' order, each event listed once", () => {
    expect(
      alertDigest([
        { query: "q=robotica", since: SINCE, total: 2, events: [ev("a"), ev("b")] },
        { query: "type=webinar", since: SINCE, total: 0, events: [] },
        { query: "region=toscana", since: SINCE, total: 3, events: [ev("b"), ev("c"), ev("d")] },
      ]),
    ).toEqual([
      { query: "q=robotica", since: SINCE, events: [ev("a"), ev("b")], more: 0 },
      { query: "region=toscana", since: SINCE, events: [ev("c"), ev("d")], more: 0 },
    ]);
  });

  it("counts what the check did not fetch, and drops a section with nothing left to say", () => {
    expect(
      alertDigest([
        { query: "q=robotica", since: SINCE, total: 12, events: [ev("a"), ev("b")] },
        { query: "mode=online", since: SINCE, total: 1, events: [ev("a")] },
        { query: "region=toscana", since: SINCE, total: 5, events: [ev("b")] },
      ]),
    ).toEqual([
      { query: "q=robotica", since: SINCE, events: [ev("a"), ev("b")], more: 10 },
      { query: "region=toscana", since: SINCE, events: [], more: 4 },
    ]);
  });
});
