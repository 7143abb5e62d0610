// Enrolment through the real pages: a teacher enrols, another joins the waitlist and is
// promoted when the first cancels; with offers, the next teacher accepts an offered seat.
// Each test works on its own seeded event, so the two can run in parallel.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createTwoEditionEvent } from "./support/database.ts";
import { expectNoA11yViolations, hydrated, loginAs, createTeacher } from "./support/index.ts";

const main = (page: Page) => page.getByRole("main");

/** The catalogue's search for (part of) an event's title. */
const searchFor = (search: string) => `/eventi?q=${encodeURIComponent(search)}`;

/** Opens a published event from the catalogue by (part of) its title (searched here, unless the search is open). */
async function openEvent(page: Page, search: string, title: RegExp) {
  const url = new URL(page.url() === "about:blank" ? "http://x/" : page.url());
  if (url.pathname + url.search !== searchFor(search)) await page.goto(searchFor(search));
  await main(page).getByRole("link", { name: title }).first().click();
  await expect(main(page).getByRole("heading", { level: 1, name: title })).toBeVisible();
}

/** As the national unit: open the enrolment page of the event's first edition. */
async function openEditionAsOrganiser(page: Page, search: string, title: RegExp) {
  await loginAs(page, "admin", { redirectTo: searchFor(search) });
  await openEvent(page, search, title);
  const eventId = new URL(page.url()).pathname.split("/").pop();
  await page.goto(`/gestione/eventi/${eventId}`);
  await main(page)
    .getByRole("link", { name: /Iscrizioni, lista d'attesa e posti/ })
    .first()
    .click();
  await expect(main(page).getByRole("heading", { level: 1, name: /Iscrizioni/ })).toBeVisible();
}

async function setSeats(page: Page, seats: number) {
  await main(page)
    .getByLabel(/Nuovo numero di posti/)
    .fill(String(seats));
  await main(page).getByRole("button", { name: "Modifica il numero di posti" }).click();
  await expect(main(page).getByRole("status")).toContainText("Modifica salvata");
}

async function newTeacherPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const teacher = await createTeacher(page);
  return { page, teacher, close: () => context.close() };
}

/**
 * The training plan of the school year of the European seminar's edition, which the seed dates 130
 * days after its run (prisma/seed-data/demo-events.ts): its list of places, its European / in-person
 * grid cell and its line of upcoming hours.
 */
async function openPlanOf(page: Page) {
  const rome = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome", year: "numeric", month: "numeric" });
  const parts = rome.formatToParts(new Date(Date.now() + 130 * 24 * 3600_000));
  const year = Number(parts.find((p) => p.type === "year")!.value);
  const startYear = Number(parts.find((p) => p.type === "month")!.value) >= 9 ? year : year - 1;
  await page.goto(`/il-mio-piano?anno=${startYear}-${startYear + 1}`);
  await expect(main(page).getByRole("heading", { level: 1, name: "Il mio piano formativo" })).toBeVisible();
  return {
    active: main(page).getByTestId("plan-active").getByRole("listitem"),
    cell: main(page).getByTestId("cell-europeo-in-presenza"),
    upcoming: main(page).getByTestId("plan-upcoming"),
  };
}

/** From the event page to its enrolment page (the first edition's "Iscriviti" link). */
async function openEnrolPage(page: Page, search: string, title: RegExp) {
  await openEvent(page, search, title);
  await main(page)
    .getByRole("link", { name: /^Iscriviti/ })
    .first()
    .click();
  await expect(main(page).getByRole("heading", { level: 1, name: "Iscrizione" })).toBeVisible();
}

/** Enrols from the event page; the confirm button says whether a seat or a waitlist place is asked for. */
async function enrolFromEventPage(page: Page, search: string, title: RegExp, expect_: "seat" | "waitlist" = "seat") {
  await openEnrolPage(page, search, title);
  const label = expect_ === "seat" ? "Conferma l'iscrizione" : "Entra in lista d'attesa";
  await main(page).getByRole("button", { name: label }).click();
  await expect(page).toHaveURL(/\/le-mie-iscrizioni/);
}

function myEnrolment(page: Page, title: RegExp) {
  return main(page)
    .getByTestId("enrolment")
    .filter({ has: page.getByRole("link", { name: title }) });
}

test("a teacher enrols; another joins the waitlist and is promoted when the first cancels", async ({
  page,
  browser,
}) => {
  const search = "comunità di pratica";
  const title = /Webinar europeo: la scuola eTwinning come comunità di pratica/;
  await openEditionAsOrganiser(page, search, title);
  await setSeats(page, 1);

  const first = await newTeacherPage(browser);
  await enrolFromEventPage(first.page, search, title);
  await expect(main(first.page).getByRole("status")).toContainText("Iscrizione confermata");
  await expect(myEnrolment(first.page, title).getByTestId("enrolment-status")).toHaveText("Iscrizione confermata");
  await expectNoA11yViolations(first.page);

  const second = await newTeacherPage(browser);
  await enrolFromEventPage(second.page, search, title, "waitlist");
  await expect(main(second.page).getByRole("status")).toContainText("sei in lista d'attesa");
  await expect(main(second.page).getByRole("status")).toContainText("in posizione 1");
  await expect(myEnrolment(second.page, title)).toContainText("Posizione in lista d'attesa: 1");

  // A third joins the waitlist and leaves it: she had no seat, so she is told she left the list, not that an enrolment
  // was cancelled (the outcome said "Iscrizione annullata.": review as a teacher, 08/12/2026).
  const third = await newTeacherPage(browser);
  await enrolFromEventPage(third.page, search, title, "waitlist");
  await expect(main(third.page).getByRole("status")).toContainText("in posizione 2");
  await myEnrolment(third.page, title).getByRole("button", { name: "Esci dalla lista d'attesa" }).click();
  await myEnrolment(third.page, title).getByRole("button", { name: "Sì, esci dalla lista d'attesa" }).click();
  await expect(main(third.page).getByRole("status")).toHaveText("Hai lasciato la lista d'attesa.");
  await expect(third.page).toHaveTitle("Lista d'attesa lasciata – Le mie iscrizioni · Forma");
  await third.close();

  // The first teacher gives up the seat…
  await myEnrolment(first.page, title).getByRole("button", { name: "Annulla l'iscrizione" }).click();
  // A second step asks for confirmation (it works without JavaScript: a GET, then the POST).
  await expect(myEnrolment(first.page, title).getByTestId("confirm-cancel")).toContainText(
    "Vuoi annullare l'iscrizione?",
  );
  await expect(myEnrolment(first.page, title).getByTestId("enrolment-status")).toHaveText("Iscrizione confermata");
  await myEnrolment(first.page, title).getByRole("button", { name: "Sì, annulla l'iscrizione" }).click();
  await expect(main(first.page).getByRole("status")).toContainText("Iscrizione annullata");

  // …and the second is promoted at once.
  await second.page.reload();
  await expect(myEnrolment(second.page, title).getByTestId("enrolment-status")).toHaveText("Iscrizione confermata");

  // The organiser sees the new state.
  await page.reload();
  await expect(main(page).getByTestId("count-enrolled")).toHaveText("1");
  await expect(main(page).getByTestId("count-waitlisted")).toHaveText("0");
  await expectNoA11yViolations(page);
  await first.close();
  await second.close();
});

test("with offers, the next teacher on the waitlist accepts the freed seat", async ({ page, browser }) => {
  const search = "STEM e sostenibilità";
  const title = /Seminario multilaterale europeo: STEM e sostenibilità/;
  await openEditionAsOrganiser(page, search, title);
  await setSeats(page, 1);
  // Bootstrap Italia draws the radio on its label: click the label, as a person does.
  await main(page).locator("label", { hasText: "riceve un'offerta" }).click();
  await expect(main(page).getByLabel(/riceve un'offerta/)).toBeChecked();
  await main(page).getByRole("button", { name: "Salva la regola per i posti liberati" }).click();
  await expect(main(page).getByRole("status")).toContainText("Modifica salvata");

  const holder = await newTeacherPage(browser);
  await enrolFromEventPage(holder.page, search, title);
  const waiting = await newTeacherPage(browser);
  await enrolFromEventPage(waiting.page, search, title, "waitlist");
  await expect(myEnrolment(waiting.page, title)).toContainText("Posizione in lista d'attesa: 1");
  // In the training plan a waitlist position is what it is: listed with its status, no hours, not in the grid.
  const plan = await openPlanOf(waiting.page);
  await expect(plan.active.filter({ hasText: title })).toContainText("In lista d'attesa");
  await expect(plan.active.filter({ hasText: title })).toContainText("nessun posto: ore non contate");
  await expect(plan.cell).not.toContainText(title);
  await expect(plan.upcoming).toHaveText(/fuori dal totale: 0 ore$/);
  await waiting.page.goto("/le-mie-iscrizioni");

  await myEnrolment(holder.page, title).getByRole("button", { name: "Annulla l'iscrizione" }).click();
  // A second step asks for confirmation (it works without JavaScript: a GET, then the POST).
  await expect(myEnrolment(holder.page, title).getByTestId("confirm-cancel")).toContainText(
    "Vuoi annullare l'iscrizione?",
  );
  await expect(myEnrolment(holder.page, title).getByTestId("enrolment-status")).toHaveText("Iscrizione confermata");
  await myEnrolment(holder.page, title).getByRole("button", { name: "Sì, annulla l'iscrizione" }).click();
  await expect(main(holder.page).getByRole("status")).toContainText("Iscrizione annullata");

  await waiting.page.reload();
  // The teacher creates the calendar address, then answers the offer in another tab: the first tab's
  // buttons are stale. Its refused "decline" shows the error alone, not next to the earlier success.
  await main(waiting.page).getByRole("button", { name: "Crea l'indirizzo del calendario" }).click();
  await expect(main(waiting.page).getByText("Indirizzo del calendario creato.")).toBeVisible();
  const staleTab = await waiting.page.context().newPage();
  await staleTab.goto(waiting.page.url());
  await expect(myEnrolment(staleTab, title).getByTestId("enrolment-status")).toHaveText("Posto offerto: da accettare");
  // Declining is irreversible: a second step (a GET, then the POST) says what it does, its question focused,
  // and the offer stays until it is confirmed.
  await myEnrolment(staleTab, title).getByRole("button", { name: "Rinuncia al posto offerto" }).click();
  const declineStep = myEnrolment(staleTab, title).getByTestId("confirm-decline");
  await expect(declineStep.getByRole("heading", { name: "Vuoi rinunciare al posto offerto?" })).toBeFocused();
  await expect(declineStep).toContainText("Il posto potrà passare alla persona successiva in lista d'attesa");
  await expect(myEnrolment(staleTab, title).getByTestId("enrolment-status")).toHaveText("Posto offerto: da accettare");
  const offered = myEnrolment(waiting.page, title);
  await expect(offered.getByTestId("enrolment-status")).toHaveText("Posto offerto: da accettare");
  await expect(offered).toContainText("accettalo entro il");
  await offered.getByRole("button", { name: "Accetta il posto" }).click();
  await expect(main(waiting.page).getByText("Posto accettato")).toBeVisible();
  await expect(myEnrolment(waiting.page, title).getByTestId("enrolment-status")).toHaveText("Iscrizione confermata");
  await declineStep.getByRole("button", { name: "Sì, rinuncia al posto" }).click();
  // The refusal says what the place is now: accepted in the other tab.
  await expect(main(staleTab).getByRole("alert")).toContainText(
    "Questa iscrizione non può più essere modificata: ora è «Iscrizione confermata».",
  );
  await expect(main(staleTab).getByText("Indirizzo del calendario creato.")).toHaveCount(0);
  await staleTab.close();
  // With the seat, the seminar is training in progress: in the grid, its 16 hours upcoming.
  const seated = await openPlanOf(waiting.page);
  await expect(seated.cell).toContainText(title);
  await expect(seated.cell).toContainText("16 ore · in corso");
  await expect(seated.upcoming).toHaveText(/fuori dal totale: 16 ore$/);
  await holder.close();
  await waiting.close();
});

/**
 * What the server is asked, in order, while `act` runs: every request to the app itself, minus the
 * static assets (fingerprinted, cached for a year) and the favicon. bench/enrolment-burst.ts
 * --client js replays exactly these requests; this test is what keeps the two the same.
 */
async function appRequestsDuring(page: Page, act: () => Promise<void>) {
  const seen: string[] = [];
  const listener = async (response: import("@playwright/test").Response) => {
    const url = new URL(response.url());
    if (url.origin !== new URL(page.url()).origin) return;
    if (url.pathname.startsWith("/assets/") || url.pathname === "/favicon.svg") return;
    const request = response.request();
    // Ids and version hashes vary per run: the shape of each request is what is pinned.
    const path = `${url.pathname}${url.search}`
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":uuid")
      .replace(/\bc[a-z0-9]{24}\b/g, ":id")
      .replace(/version=[0-9a-f]+/, "version=:v");
    seen.push(`${request.method()} ${decodeURIComponent(path)} ${response.status()}`);
  };
  page.on("response", listener);
  await act();
  page.off("response", listener);
  return seen;
}

test("a browser enrols with two requests and no document, and a refusal is one (what the enrolment bench replays)", async ({
  browser,
}) => {
  // An edition without a seat cap: the teacher is seated whatever other tests do.
  const search = "usare ESEP";
  const title = /Come registrarsi e usare ESEP\/eTwinning/;
  const context = await browser.newContext();
  const first = await context.newPage();
  await createTeacher(first);
  await openEnrolPage(first, search, title);
  // The same enrolment page in a second tab, for a second try once the first has enrolled.
  const second = await context.newPage();
  await second.goto(first.url());
  await expect(main(second).getByRole("heading", { level: 1, name: "Iscrizione" })).toBeVisible();

  const enrolment = await appRequestsDuring(first, async () => {
    await main(first)
      .getByRole("button", { name: /Conferma l'iscrizione|Entra in lista d'attesa/ })
      .click();
    await expect(first).toHaveURL(/\/le-mie-iscrizioni\?esito=/);
    await expect(main(first).getByRole("status")).toContainText("Iscrizione confermata");
    // Remix asks for the routes of a page's new links 100 ms after they render (lazy route
    // discovery): the QR code's link is discovered when clicked instead (ADR 0060).
    await expect(first.waitForRequest((r) => r.url().includes("/__manifest"), { timeout: 1500 })).rejects.toThrow();
  });
  // The action answers the redirect inside its data (202), then the next page's data only: no
  // document is rendered for a browser with JavaScript.
  expect(enrolment).toEqual([
    "POST /eventi/:id/iscrizione.data?edizione=:id 202",
    "GET /le-mie-iscrizioni.data?esito=:uuid 200",
  ]);
  // The QR code's link still leads to its page, its route asked for on the way.
  const pass = await appRequestsDuring(first, async () => {
    await main(first).getByRole("link", { name: "Il mio QR di presenza" }).first().click();
    await expect(first).toHaveURL(/\/le-mie-iscrizioni\/[^/]+\/qr$/);
  });
  expect(pass[0]).toMatch(/^GET \/__manifest\?p=\/le-mie-iscrizioni\/:uuid\/qr&version=:v 200$/);

  const refusal = await appRequestsDuring(second, async () => {
    await main(second)
      .getByRole("button", { name: /Conferma l'iscrizione|Entra in lista d'attesa/ })
      .click();
    await expect(main(second).getByRole("alert")).toContainText("Hai già un posto");
  });
  // A refusal (409) is the action's answer alone: the page's data is not loaded again (a revalidation
  // would have come before the answer was shown).
  expect(refusal).toEqual(["POST /eventi/:id/iscrizione.data?edizione=:id 409"]);
  await context.close();
});

test("a one-day edition is offered with its one date", async ({ browser }) => {
  const teacher = await newTeacherPage(browser);
  await openEnrolPage(
    teacher.page,
    "comunità di pratica",
    /Webinar europeo: la scuola eTwinning come comunità di pratica/,
  );
  // The webinar's one meeting: "Edizione 1: 18/12/2026", not "18/12/2026 – 18/12/2026".
  await expect(main(teacher.page).locator("label", { hasText: /^Edizione 1:/ })).toHaveText(
    /^Edizione 1: \d{2}\/\d{2}\/\d{4}$/,
  );
  await teacher.close();
});

test("back on the enrolment page after enrolling, the teacher is shown her place, not a second enrolment form", async ({
  browser,
}) => {
  // Sicily's webinar, with no seat cap, which no other spec enrols in: a teacher of a Sicilian school.
  const search = "progetti accessibili";
  const title = /eTwinning per l'inclusione: progetti accessibili a tutti gli studenti/;
  const context = await browser.newContext();
  const teacher = { page: await context.newPage(), close: () => context.close() };
  await createTeacher(teacher.page, { region: "Sicilia" });
  await enrolFromEventPage(teacher.page, search, title);
  await expect(main(teacher.page).getByRole("status")).toContainText("Iscrizione confermata");

  // The back button (or a bookmark, or the link of an email) leads to the enrolment page again.
  await teacher.page.goBack();
  await expect(main(teacher.page).getByRole("heading", { level: 1, name: "Iscrizione" })).toBeVisible();
  const eventPath = new URL(teacher.page.url()).pathname.replace(/\/iscrizione$/, "");
  const held = main(teacher.page).getByTestId("enrol-held");
  await expect(held).toContainText(
    "Questa iniziativa è già tra le tue iscrizioni: edizione 1, stato «Iscrizione confermata».",
  );
  await expect(main(teacher.page).getByRole("button", { name: "Conferma l'iscrizione" })).toHaveCount(0);
  await expect(main(teacher.page).getByRole("radio")).toHaveCount(0);
  await expectNoA11yViolations(teacher.page);

  // The same in English, and its link leads to the place.
  await teacher.page.goto(`${new URL(teacher.page.url()).pathname}?lang=en`);
  await expect(main(teacher.page).getByTestId("enrol-held")).toContainText(
    "This event is already among your enrolments: edition 1, status “Enrolled”.",
  );
  await main(teacher.page).getByTestId("enrol-held").getByRole("link", { name: "Manage it in My enrolments" }).click();
  await expect(teacher.page).toHaveURL(/\/le-mie-iscrizioni$/);
  await expect(myEnrolment(teacher.page, title).getByTestId("enrolment-status")).toHaveText(
    /Iscrizione confermata|Enrolled/,
  );
  await teacher.close();

  // A teacher of another region is told on the event page why she may not enrol (the enrol page's words),
  // not offered a button that leads only to that refusal.
  const other = await newTeacherPage(browser);
  await other.page.goto(eventPath);
  await expect(main(other.page).getByTestId("enrol-refusal")).toHaveText(
    "L'iniziativa è riservata al personale delle scuole della regione Sicilia.",
  );
  await expect(main(other.page).getByRole("link", { name: "Iscriviti all'edizione 1" })).toHaveCount(0);
  await expectNoA11yViolations(other.page);
  await other.close();
});

test("the enrol button names what the click does for the edition chosen; without scripts, with mixed editions, a neutral name", async ({
  browser,
}) => {
  // Edition 1 full (2 of 2), edition 2 with seats. Review 0018: coming from "Iscriviti alla lista d'attesa
  // dell'edizione 1", the only button read "Conferma l'iscrizione" and the click joined the waitlist.
  const { suffix } = await createTwoEditionEvent();
  const enrolPath = `/eventi/e2e_ev_${suffix}/iscrizione?edizione=e2e_ed1_${suffix}`;
  const teacher = await newTeacherPage(browser);
  await teacher.page.goto(enrolPath);
  await hydrated(teacher.page);
  const form = main(teacher.page);
  await expect(form.getByRole("radio", { name: /^Edizione 1/ })).toBeChecked();
  await expect(form.getByRole("button", { name: "Entra in lista d'attesa" })).toBeVisible();
  // Bootstrap Italia's label lies over its radio: the teacher clicks the label.
  await form.locator("label", { hasText: /^Edizione 2:/ }).click();
  await expect(form.getByRole("radio", { name: /^Edizione 2/ })).toBeChecked();
  await expect(form.getByRole("button", { name: "Conferma l'iscrizione" })).toBeVisible();
  await form.locator("label", { hasText: /^Edizione 1:/ }).click();
  await form.getByRole("button", { name: "Entra in lista d'attesa" }).click();
  await expect(teacher.page).toHaveURL(/\/le-mie-iscrizioni/);
  await teacher.close();

  // Without scripts the name cannot follow the radios: it says neither a seat nor the waitlist, and the form works.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await createTeacher(page, {}, { redirectTo: enrolPath });
  await expect(main(page).getByRole("button")).toHaveText(["Invia la richiesta"]);
  await main(page)
    .locator("label", { hasText: /^Edizione 2:/ })
    .click();
  await main(page).getByRole("button", { name: "Invia la richiesta" }).click();
  await expect(page).toHaveURL(/\/le-mie-iscrizioni/);
  await context.close();
});
