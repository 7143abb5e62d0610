// One edition on the public event page, as the server renders it: what it says about the seats left,
// and what its button offers.
import { describe, expect, it } from "vitest";
import type { Locale } from "~/domain/vocabulary.ts";
import { renderInRouter } from "../../../tests/support/render-in-router.tsx";
import { EditionDetails, type EditionDetailsData } from "./edition-details.tsx";

/** An edition without quotas (one pool: the cap), enrolment open; `full` follows the seats left unless given. */
function edition(over: Partial<EditionDetailsData> = {}): EditionDetailsData {
  const seatsLeft = over.seatsLeft === undefined ? 1 : over.seatsLeft;
  return {
    pool: "edition",
    poolSeats: 30,
    full: seatsLeft === 0,
    reserved: [],
    id: "ed1",
    number: 1,
    startsOn: "2027-02-10T08:00:00.000Z",
    endsOn: "2027-02-10T10:00:00.000Z",
    seatCap: 30,
    seatsLeft,
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

describe("the seats of an edition with regional quotas", () => {
  const reserved = [
    { regionCode: "lazio", seats: 10, free: 8 },
    { regionCode: "toscana", seats: 1, free: 0 },
  ];

  /** The text of the "Posti riservati per regione" cell, one line per region. */
  async function reservedText(locale: Locale, data: EditionDetailsData): Promise<string[]> {
    const cell = /<dd class="col-sm-9 seats-reserved">([\s\S]*?)<\/dd>/.exec(await render(locale, data));
    return [...(cell?.[1] ?? "").matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!));
  }

  it("says which pool the seats are of: the reader's region's, or those no region reserved", async () => {
    const general = edition({ pool: "general", poolSeats: 20, seatsLeft: 3, reserved });
    expect(await seatsText("it", general)).toBe("3 posti disponibili su 20 non riservati a una regione");
    expect(await seatsText("en", general)).toBe("3 seats available out of 20 not reserved for a region");
    expect(await seatsText("it", { ...general, seatsLeft: 0, full: true })).toBe(
      "Esauriti i posti non riservati a una regione (20 posti)",
    );
    const region = edition({ pool: "region", poolSeats: 10, seatsLeft: 1, reserved });
    expect(await seatsText("it", region)).toBe("1 posto disponibile su 10 riservati alla tua regione");
    expect(await seatsText("it", { ...region, poolSeats: 1 })).toBe(
      "1 posto disponibile su 1 riservato alla tua regione",
    );
    expect(await seatsText("en", region)).toBe("1 seat available out of 10 reserved for your region");
    expect(await seatsText("it", { ...region, seatsLeft: 0, full: true })).toBe(
      "Esauriti i posti riservati alla tua regione (10 posti)",
    );
  });

  it("tells everyone the seats each region reserved and how many are free", async () => {
    const data = edition({ pool: "general", poolSeats: 20, seatsLeft: 3, reserved });
    expect(await reservedText("it", data)).toEqual(["Lazio: 10 posti, 8 liberi", "Toscana: 1 posto, nessuno libero"]);
    expect(await reservedText("en", data)).toEqual(["Lazio: 10 seats, 8 free", "Tuscany: 1 seat, none free"]);
    expect(await render("it", edition())).not.toContain("seats-reserved");
  });

  it("offers the waitlist when the reader's pool is full, though other regions' seats are free", async () => {
    const data = edition({ pool: "general", poolSeats: 20, seatsLeft: 0, full: true, reserved });
    expect(await buttonText("it", data)).toBe("Iscriviti alla lista d'attesa dell'edizione 1");
    // A visitor is shown the general pool, full, but may be from Lazio: enrolling is offered.
    expect(await buttonText("it", { ...data, full: false })).toBe("Iscriviti all'edizione 1");
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

describe("an open edition the signed-in teacher may not enrol in", () => {
  /** The text of the reason shown instead of the button, or null. */
  async function refusalText(locale: Locale, data: EditionDetailsData): Promise<string | null> {
    const note = /<p[^>]*data-testid="enrol-refusal"[^>]*>([\s\S]*?)<\/p>/.exec(await render(locale, data));
    return note ? textOf(note[1]!) : null;
  }

  it("says she holds a place in another edition of the event, and offers no button", async () => {
    const data = edition({ number: 2, refusal: { reason: "held", editionNumber: 1, status: "in-attesa" } });
    expect(await buttonText("it", data)).toBeNull();
    expect(await refusalText("it", data)).toBe(
      "Questa iniziativa è già tra le tue iscrizioni: edizione 1, stato «In lista d'attesa». Si può avere un solo posto per iniziativa. Gestisci nelle tue iscrizioni",
    );
    expect(await refusalText("en", data)).toContain("This event is already among your enrolments: edition 1");
  });

  it("gives the enrol page's reason for another region or audience, and offers no button", async () => {
    const otherRegion = edition({ refusal: { reason: "other-region", regionCode: "toscana" } });
    expect(await buttonText("it", otherRegion)).toBeNull();
    expect(await refusalText("it", otherRegion)).toBe(
      "L'iniziativa è riservata al personale delle scuole della regione Toscana.",
    );
    expect(await refusalText("en", otherRegion)).toBe("This event is for staff of schools in Tuscany only.");
    const audience = edition({ refusal: { reason: "audience-role", regionCode: null } });
    expect(await buttonText("it", audience)).toBeNull();
    expect(await refusalText("it", audience)).toBe("L'iniziativa non è rivolta al tuo ruolo.");
  });

  it("offers the button to whoever may enrol, and to a visitor (no refusal known)", async () => {
    expect(await buttonText("it", edition({ refusal: null }))).toBe("Iscriviti all'edizione 1");
    expect(await refusalText("it", edition({ refusal: null }))).toBeNull();
  });
});

describe("the signed-in teacher's place in the edition", () => {
  /** The sentence of "La tua iscrizione", without its link. */
  async function statusText(locale: Locale, data: EditionDetailsData): Promise<string> {
    const note = /data-testid="my-status"[\s\S]*?<p class="mb-0">([\s\S]*?)<a /.exec(await render(locale, data));
    return textOf(note?.[1] ?? "").trim();
  }

  // An offer comes from a seat somebody left, a cap the organiser raised or a reserve list after a selection: the page
  // does not know which, and said "Si è liberato un posto per te" also when nobody had left one.
  it("says a seat is offered, with its deadline, not that one became free", async () => {
    const offered = edition({
      mine: { status: "offerta", position: null, offerExpiresAt: "2027-02-05T17:30:00.000Z", rooms: {} },
    });
    const it_ = await statusText("it", offered);
    const en = await statusText("en", offered);
    expect(it_).toBe("Ti è offerto un posto: accettalo entro 05/02/2027, 18:30.");
    expect(en).toMatch(/^A seat is offered to you: accept it by .+2027.+\.$/);
    expect(it_).not.toMatch(/liberato/);
    expect(en).not.toMatch(/is free|became free/);
  });
});
