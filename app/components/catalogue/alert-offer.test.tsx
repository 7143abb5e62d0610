// The catalogue's offer of an alert says which of the search's filters an alert does not keep (ADR 0088).
import { describe, expect, it } from "vitest";
import type { Locale } from "~/domain/vocabulary.ts";
import { renderInRouter } from "../../../tests/support/render-in-router.tsx";
import { AlertOffer } from "./alert-offer.tsx";

const textOf = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, "")
    .replaceAll("&#x27;", "'")
    .replaceAll("&amp;", "&");

/** The text of the note on what an alert does not keep, or null when there is none. */
async function droppedNote(locale: Locale, search: string): Promise<string | null> {
  const html = await renderInRouter(<AlertOffer search={search} />, { locale, location: `/eventi${search}` });
  const note = /<p[^>]*data-testid="alert-offer-dropped"[^>]*>([\s\S]*?)<\/p>/.exec(html);
  return note ? textOf(note[1]!) : null;
}

describe("the catalogue's alert offer", () => {
  it("says an alert does not keep the dates, 'free seats only', or both", async () => {
    expect(await droppedNote("it", "?region=toscana&from=2027-03-01")).toBe(
      "L'avviso non terrà conto del periodo di svolgimento: ti segnalerà i nuovi eventi con gli altri filtri, in qualsiasi data.",
    );
    expect(await droppedNote("it", "?to=2027-03-31")).toContain("periodo di svolgimento");
    expect(await droppedNote("it", "?region=toscana&freeSeats=1")).toBe(
      "L'avviso non terrà conto di «Solo con posti disponibili»: ti segnalerà i nuovi eventi con gli altri filtri.",
    );
    expect(await droppedNote("it", "?region=toscana&from=2027-03-01&to=2027-03-31&freeSeats=1")).toContain(
      "del periodo di svolgimento né di «Solo con posti disponibili»",
    );
    expect(await droppedNote("en", "?region=toscana&from=2027-03-01")).toBe(
      "The alert will not keep the dates: it will tell you of new events with the other filters, whatever their dates.",
    );
  });

  it("says nothing more when the alert keeps the whole search", async () => {
    expect(await droppedNote("it", "?type=webinar&region=toscana")).toBeNull();
    expect(await droppedNote("it", "")).toBeNull();
  });
});
