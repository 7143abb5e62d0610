import { describe, expect, it } from "vitest";
import {
  allowedTransitions,
  canTransition,
  editionIssues,
  enrolmentOpensOnPublishing,
  eventIssues,
  isEditable,
  isPublicEvent,
  isHttpUrl,
  modeIssues,
  regionIssues,
  sessionIssues,
  type EditionRuleInput,
} from "./event-rules.ts";

const at = (iso: string) => new Date(iso);

// An edition on 1–10 December 2026 (UTC instants, Rome is UTC+1 in December).
function edition(overrides: Partial<EditionRuleInput> = {}): EditionRuleInput {
  return {
    startsOn: at("2026-11-30T23:00:00Z"),
    endsOn: at("2026-12-10T22:59:59.999Z"),
    enrolmentOpensAt: at("2026-11-01T08:00:00Z"),
    enrolmentClosesAt: at("2026-11-28T22:00:00Z"),
    sessions: [
      { startsAt: at("2026-12-01T14:00:00Z"), endsAt: at("2026-12-01T16:00:00Z"), delivery: "sincrona", minutes: 120 },
      { startsAt: at("2026-12-02T08:00:00Z"), endsAt: at("2026-12-09T20:00:00Z"), delivery: "asincrona", minutes: 480 },
    ],
    ...overrides,
  };
}

const messages = (issues: { path: (string | number)[]; message: string }[]) =>
  issues.map((i) => `${i.path.join(".")}: ${i.message}`);

describe("region rule", () => {
  it("requires a region for regional events and forbids it otherwise", () => {
    expect(regionIssues("regionale", "toscana")).toEqual([]);
    expect(messages(regionIssues("regionale", null))).toEqual(["regionCode: events.validation.regionRequired"]);
    expect(regionIssues("nazionale", null)).toEqual([]);
    expect(messages(regionIssues("europeo", "lazio"))).toEqual(["regionCode: events.validation.regionForbidden"]);
  });
});

describe("mode rule", () => {
  it("asks for a venue in person, a room online, both when blended", () => {
    expect(messages(modeIssues("in-presenza", null, "https://meet.example.it"))).toEqual([
      "venue: events.validation.venueRequired",
    ]);
    expect(messages(modeIssues("online", "Firenze", null))).toEqual(["onlineUrl: events.validation.onlineUrlRequired"]);
    expect(messages(modeIssues("blended", "", ""))).toEqual([
      "venue: events.validation.venueRequired",
      "onlineUrl: events.validation.onlineUrlRequired",
    ]);
    expect(modeIssues("blended", "Firenze", "https://meet.example.it")).toEqual([]);
  });
  it("accepts only http(s) links", () => {
    expect(isHttpUrl("https://meet.example.it/stanza")).toBe(true);
    expect(isHttpUrl("http://example.it")).toBe(true);
    expect(isHttpUrl("javascript:alert(1)")).toBe(false);
    expect(isHttpUrl("ftp://example.it")).toBe(false);
    expect(isHttpUrl("example.it")).toBe(false);
  });
});

describe("session rules", () => {
  const e = edition();
  it("needs the end after the start", () => {
    const s = {
      startsAt: at("2026-12-01T16:00:00Z"),
      endsAt: at("2026-12-01T16:00:00Z"),
      delivery: "sincrona",
      minutes: 0,
    };
    expect(messages(sessionIssues(s, e))).toEqual(["endsAt: events.validation.sessionEndBeforeStart"]);
  });
  it("keeps sessions within the edition's days", () => {
    const before = {
      startsAt: at("2026-11-30T22:30:00Z"),
      endsAt: at("2026-11-30T23:30:00Z"),
      delivery: "sincrona",
      minutes: 60,
    };
    expect(messages(sessionIssues(before, e))).toEqual(["startsAt: events.validation.sessionOutsideEdition"]);
    const after = {
      startsAt: at("2026-12-10T22:00:00Z"),
      endsAt: at("2026-12-10T23:30:00Z"),
      delivery: "sincrona",
      minutes: 60,
    };
    expect(messages(sessionIssues(after, e))).toEqual(["endsAt: events.validation.sessionOutsideEdition"]);
  });
  it("does not certify more hours than a live session lasts, but an asynchronous one may", () => {
    const live = {
      startsAt: at("2026-12-01T14:00:00Z"),
      endsAt: at("2026-12-01T15:30:00Z"),
      delivery: "sincrona",
      minutes: 120,
    };
    expect(messages(sessionIssues(live, e))).toEqual(["hours: events.validation.sessionHoursExceedDuration"]);
    expect(sessionIssues({ ...live, minutes: 90 }, e)).toEqual([]);
    expect(sessionIssues({ ...live, delivery: "asincrona" }, e)).toEqual([]);
  });
});

describe("edition rules", () => {
  it("accepts a consistent edition", () => {
    expect(editionIssues(edition(), 600)).toEqual([]);
  });
  it("says when the sessions' hours do not add up to the certified hours", () => {
    expect(messages(editionIssues(edition(), 1500))).toEqual(["sessions: events.validation.hoursDoNotAddUp"]);
  });
  it("needs at least one session", () => {
    expect(messages(editionIssues(edition({ sessions: [] }), 600))).toEqual([
      "sessions: events.validation.sessionsRequired",
    ]);
  });
  it("checks the edition's days and the enrolment window", () => {
    expect(messages(editionIssues(edition({ endsOn: at("2026-11-29T00:00:00Z") }), 600))).toContain(
      "endsOn: events.validation.editionEndBeforeStart",
    );
    expect(messages(editionIssues(edition({ enrolmentClosesAt: at("2026-11-01T08:00:00Z") }), 600))).toEqual([
      "enrolmentClosesAt: events.validation.enrolmentClosesBeforeOpens",
    ]);
    expect(messages(editionIssues(edition({ enrolmentClosesAt: at("2026-12-11T08:00:00Z") }), 600))).toEqual([
      "enrolmentClosesAt: events.validation.enrolmentClosesAfterEdition",
    ]);
    // Enrolment may stay open until the edition's last instant.
    expect(editionIssues(edition({ enrolmentClosesAt: at("2026-12-10T22:59:59.999Z") }), 600)).toEqual([]);
  });
  it("puts session issues at the session's path within the event", () => {
    const bad = edition();
    bad.sessions[1] = { ...bad.sessions[1]!, endsAt: at("2026-12-02T07:00:00Z") };
    const issues = eventIssues({
      level: "nazionale",
      regionCode: null,
      mode: "online",
      venue: null,
      onlineUrl: "https://meet.example.it",
      certifiedMinutes: 600,
      editions: [edition(), bad],
    });
    expect(messages(issues)).toEqual(["editions.1.sessions.1.endsAt: events.validation.sessionEndBeforeStart"]);
  });
});

describe("lifecycle", () => {
  it("publishes or drops a draft, closes or cancels a published event, and nothing else", () => {
    expect(canTransition("bozza", "pubblicato")).toBe(true);
    expect(canTransition("bozza", "annullato")).toBe(true);
    expect(canTransition("pubblicato", "chiuso")).toBe(true);
    expect(canTransition("pubblicato", "annullato")).toBe(true);
    expect(canTransition("bozza", "chiuso")).toBe(false);
    expect(canTransition("pubblicato", "bozza")).toBe(false);
    expect(canTransition("chiuso", "pubblicato")).toBe(false);
    expect(canTransition("annullato", "bozza")).toBe(false);
    expect(canTransition("pubblicato", "pubblicato")).toBe(false);
    expect(allowedTransitions("sconosciuto")).toEqual([]);
  });
  it("allows editing drafts and published events only", () => {
    expect(isEditable("bozza")).toBe(true);
    expect(isEditable("pubblicato")).toBe(true);
    expect(isEditable("chiuso")).toBe(false);
    expect(isEditable("annullato")).toBe(false);
  });
});

describe("isPublicEvent", () => {
  it("shows published and closed events, and a cancelled one only if it was once published", () => {
    const at = new Date("2026-10-01T08:00:00Z");
    expect(isPublicEvent({ status: "pubblicato", publishedAt: at })).toBe(true);
    expect(isPublicEvent({ status: "chiuso", publishedAt: at })).toBe(true);
    expect(isPublicEvent({ status: "annullato", publishedAt: at })).toBe(true);
    expect(isPublicEvent({ status: "annullato", publishedAt: null })).toBe(false);
    expect(isPublicEvent({ status: "bozza", publishedAt: null })).toBe(false);
  });
});

describe("enrolmentOpensOnPublishing", () => {
  const now = new Date("2026-12-06T12:00:00Z");
  it("says the earliest opening of the editions, or now when it has passed, or nothing without editions", () => {
    const later = new Date("2027-02-01T08:00:00Z");
    const earlier = new Date("2027-01-15T08:00:00Z");
    expect(enrolmentOpensOnPublishing([{ enrolmentOpensAt: later }, { enrolmentOpensAt: earlier }], now)).toEqual({
      kind: "at",
      at: earlier,
    });
    expect(enrolmentOpensOnPublishing([{ enrolmentOpensAt: later }, { enrolmentOpensAt: now }], now)).toEqual({
      kind: "now",
    });
    expect(enrolmentOpensOnPublishing([], now)).toBeNull();
  });
});
