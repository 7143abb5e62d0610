// Calendars through the real pages: a new teacher enrols in the ITE webinar (no other spec uses
// it), creates the personal calendar address on "Le mie iscrizioni" and a calendar app (the
// request fixture) reads it: the session is there with the online room link. The event's public
// .ics has the same session and never the room link. Files are parsed with ical.js.
import { expect, test, type Page } from "@playwright/test";
import ICAL from "ical.js";
import { enrolOnEventPage, openEventFromCatalogue } from "./support/catalogue.ts";
import { expectNoA11yViolations, createTeacher } from "./support/index.ts";

const TITLE = /eTwinning per la formazione iniziale dei docenti \(ITE\)/;
const ROOM = "https://meet.example.it/ite";
const main = (page: Page) => page.getByRole("main");

type Entry = { uid: string; summary: string; location: string; status: string; sequence: number; start: Date };

function parseIcs(text: string): Entry[] {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone"))
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  return calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location ?? "",
      status: String(vevent.getFirstPropertyValue("status") ?? ""),
      sequence: event.sequence,
      start: event.startDate.toJSDate(),
    };
  });
}

test("a teacher subscribes to the personal calendar: the session with its room link; the public .ics without it", async ({
  page,
  request,
}) => {
  // The ITE webinar is for "Altro" school level and teachers.
  await createTeacher(page, { schoolLevel: "Altro", role: "Docente" });
  await openEventFromCatalogue(page, "formazione iniziale ITE", TITLE);
  const publicIcsHref = await main(page)
    .getByRole("link", { name: "Aggiungi al calendario (.ics)" })
    .getAttribute("href");
  expect(publicIcsHref).toMatch(/^\/eventi\/[^/]+\/calendario\.ics$/);

  await enrolOnEventPage(page);

  // No address until the teacher asks for one.
  const section = main(page).getByRole("region", { name: "Il mio calendario" });
  await expect(section).toContainText("Non hai ancora un indirizzo");
  await section.getByRole("button", { name: "Crea l'indirizzo del calendario" }).click();
  await expect(main(page).getByRole("status")).toContainText("Indirizzo del calendario creato");
  const address = main(page).getByRole("textbox", { name: "Indirizzo del tuo calendario" });
  const feedUrl = await address.inputValue();
  expect(feedUrl).toMatch(/\/calendario\/[A-Za-z0-9_-]{43}\.ics$/);
  await expect(section).toContainText("Google Calendar");
  await expect(section).toContainText("Outlook");
  await expect(section).toContainText("Apple");
  await expectNoA11yViolations(page);

  // A calendar app reads the feed.
  const feed = await request.get(feedUrl);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(feed.headers()["cache-control"]).toBe("private, max-age=300");
  const entries = parseIcs(await feed.text());
  const mine = entries.filter((e) => TITLE.test(e.summary));
  expect(mine).toHaveLength(1);
  expect(mine[0]!.location).toBe(ROOM);
  expect(mine[0]!.status).toBe("CONFIRMED");
  expect(mine[0]!.uid).toMatch(/^session-.+@forma$/);
  // The seed puts the session at 15:00 in Rome.
  expect(
    new Intl.DateTimeFormat("it-IT", { timeZone: "Europe/Rome", hour: "2-digit", minute: "2-digit" }).format(
      mine[0]!.start,
    ),
  ).toBe("15:00");

  // The public file has the same session, and no room link.
  const publicIcs = await request.get(publicIcsHref!);
  expect(publicIcs.status()).toBe(200);
  const publicText = await publicIcs.text();
  expect(publicText).not.toContain(ROOM);
  expect(parseIcs(publicText).map((e) => e.uid)).toContain(mine[0]!.uid);

  // Regenerating revokes the old address.
  await section.getByRole("button", { name: "Rigenera l'indirizzo" }).click();
  await expect(main(page).getByRole("status")).toContainText("quello precedente non funziona più");
  const newUrl = await address.inputValue();
  expect(newUrl).not.toBe(feedUrl);
  expect((await request.get(feedUrl)).status()).toBe(404);
  expect((await request.get(newUrl)).status()).toBe(200);
});
