// One edition on the public event page, as the server renders it: what it says about the seats left,
// and what its button offers.
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
    admission: "ordine-arrivo",
    sessions: [],
    ...over,
  };
}

const textOf = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, "")
    .replaceAll("&#x27;", "'")
    .replaceAll("&amp;", "&");

function render(locale: Locale, data: EditionDetailsData): Promise<string> {
  return renderInRouter(<EditionDetails edition={data} mode="online" enrolHref="/eventi/e/iscrizione" />, { locale });
}

/** The text of the page's "Posti" cell. */
async function seatsText(locale: Locale, data: EditionDetailsData): Promise<string> {
  const cell = /<dd class="col-sm-9 seats-left">([\s\S]*?)<\/dd>/.exec(await render(locale, data));
  return textOf(cell?.[1] ?? "");
}

/** The text of the link to the enrolment page, or null when there is none. */
async function buttonText(locale: Locale, data: EditionDetailsData): Promise<string | null> {
  const link = /<a class="btn btn-primary"[^>]*>([\s\S]*?)<\/a>/.exec(await render(locale, data));
  return link ? textOf(link[1]!) : null;
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

describe("the button of an edition on the event page", () => {
  it("enrols while a seat is free and joins the waitlist when none is", async () => {
    expect(await buttonText("it", edition({ seatsLeft: 3 }))).toBe("Iscriviti all'edizione 1");
    expect(await buttonText("it", edition({ seatsLeft: 0 }))).toBe("Iscriviti alla lista d'attesa dell'edizione 1");
  });

  it("applies for an edition by application, full or not (applying puts nobody on a waitlist)", async () => {
    for (const seatsLeft of [3, 0]) {
      expect(await buttonText("it", edition({ admission: "candidatura", seatsLeft }))).toBe("Candidati all'edizione 1");
      expect(await buttonText("en", edition({ admission: "candidatura", seatsLeft }))).toBe("Apply for edition 1");
    }
  });

  it("is not there once enrolment is closed (a closed selection included)", async () => {
    expect(await buttonText("it", edition({ admission: "candidatura", enrolmentState: "closed" }))).toBeNull();
  });
});
