// The catalogue's cards written as strings on the server (eventCardHtml, ADR 0046) are byte for
// byte what React renders for <EventCard>, which the browser hydrates: every type, level, region
// and mode, with and without venue, excerpt and dates, one day and several, titles and venues
// that need escaping, in both languages.
import { describe, expect, it } from "vitest";
import { EVENT_LEVELS, EVENT_MODES, EVENT_TYPES, REGION_CODES } from "~/domain/vocabulary.ts";
import { renderMarkupOnce } from "~/utils/markup-once.server.ts";
import { renderInRouter } from "../../../tests/support/render-in-router.tsx";
import { EventCard, EventCardItem, textRunHtml, type EventCardData } from "./event-card.tsx";

const TITLES = ["Didattica digitale", `L'ora del "coding" <per> tutti & tutte`, "Cittadinanza — è già", ""];
const VENUES = [null, 'Liceo "Galilei", Roma', "I.C. D'Annunzio & C.", ""];
const EXCERPTS = ["", "Un corso per docenti.", "<b>non</b> è HTML & basta'"];
const DATES: [string | null, string | null][] = [
  ["2027-01-12T08:00:00.000Z", "2027-01-12T16:00:00.000Z"],
  ["2027-03-27T23:30:00.000Z", "2027-03-28T22:30:00.000Z"], // midnight in Rome, across the change to summer time
  ["2027-01-12T08:00:00.000Z", "2027-02-09T17:00:00.000Z"],
  [null, null],
  ["2027-05-01T07:00:00.000Z", null],
];
const MINUTES = [60, 90, 1500, 45, 0];
const TEXT_LANGUAGES = ["it", "en", "fr"];

/** A varied set of cards: each field cycles through its values at its own pace, so combinations vary. */
function cards(): EventCardData[] {
  const out: EventCardData[] = [];
  for (let i = 0; i < 120; i++) {
    out.push({
      id: `ev${i}-x`,
      title: TITLES[i % TITLES.length]!,
      excerpt: EXCERPTS[i % EXCERPTS.length]!,
      type: EVENT_TYPES[i % EVENT_TYPES.length]!,
      level: EVENT_LEVELS[(i >> 1) % EVENT_LEVELS.length]!,
      regionCode: i % 7 === 0 ? null : REGION_CODES[i % REGION_CODES.length]!,
      mode: EVENT_MODES[(i >> 2) % EVENT_MODES.length]!,
      venue: VENUES[(i >> 1) % VENUES.length]!,
      certifiedMinutes: MINUTES[i % MINUTES.length]!,
      startsAt: DATES[i % DATES.length]![0],
      endsAt: DATES[i % DATES.length]![1],
      titleLanguage: TEXT_LANGUAGES[(i >> 3) % TEXT_LANGUAGES.length]!,
      textLanguage: TEXT_LANGUAGES[(i >> 4) % TEXT_LANGUAGES.length]!,
    });
  }
  return out;
}

describe("the catalogue's cards written on the server", () => {
  it("give React's own markup for every kind of card, in both languages", async () => {
    const events = cards();
    for (const locale of ["it", "en"] as const) {
      const list = (server: boolean) =>
        renderInRouter(
          <ul className="list-unstyled">
            {events.map((event) => (
              <EventCardItem key={event.id} event={event} />
            ))}
          </ul>,
          { locale, renderer: server ? renderMarkupOnce : null },
        );
      const plain = (await list(false)).split("</li>");
      const written = (await list(true)).split("</li>");
      expect(plain).toHaveLength(events.length + 1);
      expect(plain[0]).toContain('<li class="mb-3"><article class="card');
      for (let i = 0; i < plain.length; i++) expect(written[i], `${locale} card ${i}`).toBe(plain[i]);
    }
  });

  it("marks a title and excerpt written in another language than the page's with theirs (WCAG 3.1.2)", async () => {
    const italian = { ...cards()[1]!, titleLanguage: "it", textLanguage: "it" };
    const english = { ...italian, id: "ev-en", titleLanguage: "en", textLanguage: "en" };
    // An English title above an Italian description, as the demo's Learning Event has.
    const mixed = { ...italian, id: "ev-mixed", titleLanguage: "en" };
    const html = async (locale: "it" | "en", event: EventCardData) =>
      renderInRouter(<EventCardItem event={event} />, { locale, renderer: renderMarkupOnce });
    expect(await html("it", italian)).not.toContain("lang=");
    expect(await html("it", english)).toContain('<h3 class="card-title h5" id="event-ev-en-title" lang="en">');
    expect(await html("it", english)).toContain('<p class="card-text" lang="en">');
    expect(await html("it", mixed)).toContain('id="event-ev-mixed-title" lang="en">');
    expect(await html("it", mixed)).toContain('<p class="card-text">');
    expect(await html("en", english)).not.toContain("lang=");
    expect(await html("en", italian)).toContain('id="event-ev1-x-title" lang="it">');
    expect(await html("en", italian)).toContain('<p class="card-text" lang="it">');
  });

  it("writes dates and Dates alike, and the card alone as React does", async () => {
    const event = {
      ...cards()[2]!,
      startsAt: new Date("2027-01-12T08:00:00Z"),
      endsAt: new Date("2027-02-09T17:00:00Z"),
    };
    const plain = await renderInRouter(<EventCard event={event} />, { locale: "it" });
    expect(
      await renderInRouter(
        <ul>
          <EventCardItem event={event} />
        </ul>,
        { locale: "it", renderer: renderMarkupOnce },
      ),
    ).toBe(`<ul><li class="mb-3">${plain}</li></ul>`);
    expect(plain).toContain("dal 12/01/2027 al 09/02/2027");
  });

  it("separates adjacent texts with React's comment and skips empty ones", () => {
    expect(textRunHtml(["A", " · ", "B", null])).toBe("A<!-- --> · <!-- -->B");
    expect(textRunHtml(["", "A&B", undefined, "'"])).toBe("A&amp;B<!-- -->&#x27;");
  });
});
