import { describe, expect, it } from "vitest";
import {
  containsPattern,
  ENDED_STATUSES,
  filterStatuses,
  parseParticipantQuery,
  participantQueryString,
} from "./participant-list.ts";

describe("participant list query", () => {
  it("reads search, status and page from the URL, and falls back on anything unexpected", () => {
    expect(
      parseParticipantQuery(new URLSearchParams("q=  Rossi   Maria &stato=in-attesa&pagina=3&regione=molise")),
    ).toEqual({
      q: "Rossi Maria",
      filter: "in-attesa",
      page: 3,
      region: "molise",
    });
    expect(parseParticipantQuery(new URLSearchParams("stato=DROP&pagina=-4&regione=atlantide"))).toEqual({
      q: "",
      filter: "tutti",
      page: 1,
      region: null,
    });
    expect(parseParticipantQuery(new URLSearchParams(`q=${"x".repeat(300)}`)).q).toHaveLength(100);
  });

  it("drops NUL and other control characters from the search (PostgreSQL refuses NUL in text)", () => {
    expect(parseParticipantQuery(new URLSearchParams("q=Ros%00si%1F%7F")).q).toBe("Rossi");
    expect(parseParticipantQuery(new URLSearchParams("q=%00")).q).toBe("");
  });

  it("writes the same query back, leaving the defaults out", () => {
    expect(participantQueryString({ q: "", filter: "tutti", page: 1 })).toBe("");
    expect(participantQueryString({ q: "ic firenze", filter: "completati", page: 2 })).toBe(
      "?q=ic+firenze&stato=completati&pagina=2",
    );
    expect(participantQueryString({ q: "", filter: "iscritto", page: 1, region: "puglia" })).toBe(
      "?stato=iscritto&regione=puglia",
    );
  });

  it("maps each filter to its statuses: ended places include moved and removed ones", () => {
    expect(filterStatuses("tutti")).toBeNull();
    expect(filterStatuses("offerta")).toEqual(["offerta"]);
    expect(filterStatuses("completati")).toEqual(["iscritto"]);
    expect(ENDED_STATUSES).toEqual(expect.arrayContaining(["annullato", "rimosso", "spostato", "edizione-annullata"]));
    expect(ENDED_STATUSES).not.toContain("iscritto");
    expect(filterStatuses("conclusi")).toBe(ENDED_STATUSES);
  });

  it("escapes LIKE's wildcards so they match themselves", () => {
    expect(containsPattern("Rossi")).toBe("%rossi%");
    expect(containsPattern("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });
});
