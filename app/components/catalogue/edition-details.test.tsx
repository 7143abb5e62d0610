// One edition on the public event page, as the server renders it: what it says about the seats left.
import { describe, expect, it } from "vitest";
import type { Locale } from "~/domain/vocabulary.ts";
import { renderInRouter } from "../../../tests/support/render-in-router.tsx";
import { EditionDetails, type EditionDetailsData } from "./edition-details.tsx";

function edition(over: Partial<EditionDetailsData> = {}): EditionDetailsData {
  return {
    id: "ed1",
    number: 1,
    startsOn: "2027-02-10T08:00:00.000Z",
    endsOn: "2027-02-10T10:00:00.000Z",
    seatCap: 30,
    seatsLeft: 1,
    enrolmentOpensAt: "2027-01-01T08:00:00.000Z",
    enrolmentClosesAt: "2027-02-01T08:00:00.000Z",
    enrolmentState: "open",
    sessions: [],
    ...over,
  };
}

/** The text of the page's "Posti" cell. */
async function seatsText(locale: Locale, data: EditionDetailsData): Promise<string> {
  const html = await renderInRouter(<EditionDetails edition={data} mode="online" enrolHref="/eventi/e/iscrizione" />, {
    locale,
  });
  const cell = /<dd class="col-sm-9 seats-left">([\s\S]*?)<\/dd>/.exec(html);
  return (cell?.[1] ?? "").replace(/<[^>]+>/g, "").replace(/<!-- -->/g, "");
}

describe("the seats of an edition on the event page", () => {
  it("says one seat in the singular and more in the plural, in Italian and English", async () => {
    expect(await seatsText("it", edition({ seatsLeft: 1 }))).toBe("1 posto disponibile su 30");
    expect(await seatsText("it", edition({ seatsLeft: 2 }))).toBe("2 posti disponibili su 30");
    expect(await seatsText("en", edition({ seatsLeft: 1 }))).toBe("1 seat available out of 30");
    expect(await seatsText("en", edition({ seatsLeft: 29 }))).toBe("29 seats available out of 30");
    expect(await seatsText("it", edition({ seatsLeft: 0 }))).toBe("Esauriti (30 posti)");
  });
});
