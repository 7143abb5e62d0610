// An organiser places a teacher in an edition through the real pages (issue 15, item 2): a new
// Toscana teacher signs up; the Toscana referent opens the edition's "Inserisci partecipanti"
// page, previews the teacher's address (found), places them, and finds them placed (seat or
// waitlist, as the edition's seats say). An unknown address is reported. Every step passes axe,
// at desktop and phone widths. Uses the Toscana webinar for newly hired teachers (participant-messages.spec.ts
// enrols there too; neither counts its participants exactly).
import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolationsAtBothWidths, loginAs, createTeacher } from "./support/index.ts";
import { openEventFromCatalogue, openFirstEditionAsOrganiser } from "./support/catalogue.ts";

const SEARCH = "Primi passi in eTwinning per i docenti neoassunti della Toscana";
const TITLE = /Primi passi in eTwinning per i docenti neoassunti della Toscana/;
const main = (page: Page) => page.getByRole("main");

test("a referent places a teacher in an edition by email, after a preview", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const teacherContext = await browser.newContext();
  const teacherPage = await teacherContext.newPage();
  const teacher = await createTeacher(teacherPage, { region: "Toscana", lastName: "Inserita" });
  const eventId = await openEventFromCatalogue(teacherPage, SEARCH, TITLE);
  await teacherContext.close();

  await loginAs(page, "referenteToscana");
  await openFirstEditionAsOrganiser(page, eventId);
  await main(page).getByRole("link", { name: "Inserisci partecipanti" }).click();
  await expect(main(page).getByRole("heading", { level: 1, name: "Inserisci partecipanti" })).toBeVisible();
  await expectNoA11yViolationsAtBothWidths(page);

  const form = page.locator("form#inserisci-partecipante");
  await form.getByLabel(/^Email del docente/).fill(`nessuno-${Date.now().toString(36)}@scuola.example.it`);
  await form.getByRole("button", { name: "Mostra l'anteprima" }).click();
  await expect(main(page).getByTestId("placement-check")).toHaveAttribute("data-check", "unknown");

  await form.getByLabel(/^Email del docente/).fill(teacher.email);
  await form.getByRole("button", { name: "Mostra l'anteprima" }).click();
  await expect(main(page).getByTestId("placement-check")).toHaveAttribute("data-check", "found");
  await expectNoA11yViolationsAtBothWidths(page);

  await form.getByRole("button", { name: "Inserisci nell'edizione" }).click();
  await expect(main(page).getByTestId("placement-done")).toBeVisible();
  await expectNoA11yViolationsAtBothWidths(page);
});
