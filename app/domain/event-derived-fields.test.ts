import { describe, expect, it } from "vitest";
import { deriveEventFields, normaliseSearchText } from "./event-derived-fields.ts";

describe("deriveEventFields", () => {
  it("spans the earliest and latest session of all editions", () => {
    const d = (s: string) => new Date(s);
    const r = deriveEventFields({
      title: "Corso",
      description: "",
      editions: [
        { sessions: [{ startsAt: d("2027-01-10T15:00Z"), endsAt: d("2027-01-10T17:00Z") }] },
        {
          sessions: [
            { startsAt: d("2026-12-01T15:00Z"), endsAt: d("2026-12-01T17:00Z") },
            { startsAt: d("2027-02-01T15:00Z"), endsAt: d("2027-02-01T18:00Z") },
          ],
        },
      ],
    });
    expect(r.startsAt?.toISOString()).toBe("2026-12-01T15:00:00.000Z");
    expect(r.endsAt?.toISOString()).toBe("2027-02-01T18:00:00.000Z");
  });
  it("leaves out cancelled editions: none left, no dates", () => {
    const d = (s: string) => new Date(s);
    const march = { sessions: [{ startsAt: d("2027-03-03T15:00Z"), endsAt: d("2027-03-03T17:00Z") }] };
    const june = { sessions: [{ startsAt: d("2027-06-20T15:00Z"), endsAt: d("2027-06-20T17:00Z") }] };
    const r = deriveEventFields({ title: "x", description: "", editions: [march, { ...june, status: "annullata" }] });
    expect(r.startsAt?.toISOString()).toBe("2027-03-03T15:00:00.000Z");
    expect(r.endsAt?.toISOString()).toBe("2027-03-03T17:00:00.000Z");
    const first = deriveEventFields({
      title: "x",
      description: "",
      editions: [{ ...march, status: "annullata" }, june],
    });
    expect(first.startsAt?.toISOString()).toBe("2027-06-20T15:00:00.000Z");
    const none = deriveEventFields({
      title: "x",
      description: "",
      editions: [
        { ...march, status: "annullata" },
        { ...june, status: "annullata" },
      ],
    });
    expect([none.startsAt, none.endsAt]).toEqual([null, null]);
  });
  it("has no dates without sessions", () => {
    expect(deriveEventFields({ title: "x", description: "y", editions: [] }).startsAt).toBeNull();
  });
});

describe("normaliseSearchText", () => {
  it("folds case and accents so 'citta' finds 'Città'", () => {
    expect(normaliseSearchText("Città  e SCUOLA")).toBe("citta e scuola");
  });
});

describe("normaliseSearchText: typographic quotes and dashes", () => {
  it("reads ’ as ' and – as -, so dell’infanzia finds what dell'infanzia finds", () => {
    expect(normaliseSearchText("Scuola dell’Infanzia")).toBe(normaliseSearchText("scuola dell'infanzia"));
    expect(normaliseSearchText("‘Coding’ — «base» “unplugged” e‐learning")).toBe(
      '\'coding\' - "base" "unplugged" e-learning',
    );
  });
});
