// Reaching an event through the real pages: a teacher from the catalogue, an organiser from the
// event's management page.
import { expect, type Page } from "@playwright/test";

const main = (page: Page) => page.getByRole("main");

/** The catalogue's results for a search: where a test may sign in (`loginAs`/`createTeacher`'s redirectTo). */
export function catalogueSearchPath(search: string): string {
  return `/eventi?q=${encodeURIComponent(search)}`;
}

/**
 * Opens a published event from the catalogue by a search; answers its id (the last part of its address). The
 * results are loaded unless the page already shows them (signed in onto them): the same page, not loaded twice.
 */
export async function openEventFromCatalogue(page: Page, search: string, title: RegExp): Promise<string> {
  const here = new URL(page.url());
  const onResults = here.pathname === "/eventi" && [...here.searchParams].join() === ["q", search].join();
  if (!onResults) await page.goto(catalogueSearchPath(search));
  await main(page).getByRole("link", { name: title }).first().click();
  await expect(main(page).getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

/**
 * Finds the event in the catalogue, opens it and takes a seat in its first edition ("Conferma
 * l'iscrizione"), as a signed-in teacher does; ends on "Le mie iscrizioni". Returns the event's id.
 */
export async function enrolFromCatalogue(page: Page, search: string, title: RegExp): Promise<string> {
  const eventId = await openEventFromCatalogue(page, search, title);
  await enrolOnEventPage(page);
  return eventId;
}

/** On an event's page: takes a seat in its first edition; ends on "Le mie iscrizioni". */
export async function enrolOnEventPage(page: Page): Promise<void> {
  await main(page)
    .getByRole("link", { name: /^Iscriviti/ })
    .first()
    .click();
  await main(page).getByRole("button", { name: "Conferma l'iscrizione" }).click();
  await expect(page).toHaveURL(/\/le-mie-iscrizioni/);
}

/** The organiser's page of the event's first edition, from the event's management page. */
export async function openFirstEditionAsOrganiser(page: Page, eventId: string): Promise<void> {
  await page.goto(`/gestione/eventi/${eventId}`);
  await main(page)
    .getByRole("link", { name: /posti dell'edizione 1/ })
    .first()
    .click();
}
