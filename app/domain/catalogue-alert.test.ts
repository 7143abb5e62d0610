import { describe, expect, it } from "vitest";
import {
  alertDigest,
  alertDueBefore,
  alertQueryOf,
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

  it("is due a day after its last check", () => {
    const now = new Date("2026-12-05T07:00:00Z");
    expect(now.getTime() - alertDueBefore(now).getTime()).toBe(ALERT_INTERVAL_MS);
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
  const ev = (id: string) => ({ id, title: `Evento ${id}`, startsAt: "2027-01-14T15:00:00.000Z" });

  it("has a section per search that found something, in the alerts' order, each event listed once", () => {
    expect(
      alertDigest([
        { query: "q=robotica", total: 2, events: [ev("a"), ev("b")] },
        { query: "type=webinar", total: 0, events: [] },
        { query: "region=toscana", total: 3, events: [ev("b"), ev("c"), ev("d")] },
      ]),
    ).toEqual([
      { query: "q=robotica", events: [ev("a"), ev("b")], more: 0 },
      { query: "region=toscana", events: [ev("c"), ev("d")], more: 0 },
    ]);
  });

  it("counts what the check did not fetch, and drops a section with nothing left to say", () => {
    expect(
      alertDigest([
        { query: "q=robotica", total: 12, events: [ev("a"), ev("b")] },
        { query: "mode=online", total: 1, events: [ev("a")] },
        { query: "region=toscana", total: 5, events: [ev("b")] },
      ]),
    ).toEqual([
      { query: "q=robotica", events: [ev("a"), ev("b")], more: 10 },
      { query: "region=toscana", events: [], more: 4 },
    ]);
  });
});
