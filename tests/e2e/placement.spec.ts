// An organiser places a teacher in an edition through the real pages (issue 15, item 2): a new
// Toscana teacher signs up; the Toscana referent opens the edition's "Inserisci partecipanti"
// page, previews the teacher's address (found), places them, and finds them placed (seat or
// waitlist, as the edition's seats say). An unknown address is reported. Every step passes axe,
// at desktop and phone widths. Uses the Toscana webinar for newly hired teachers (participant-messages.spec.ts
// enrols there too; neither counts its participants exactly).
import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolationsAtBothWidths, loginAs, createTeacherAccount } from "./support/index.ts";
import { openEventFromCatalogue, openFirstEditionAsOrganiser } from "./support/catalogue.ts";
import { addFullQuotas, createEndedEdition, createTwoEditionEvent } from "./support/database.ts";

const SEARCH = "Primi passi in eTwinning per i docenti neoassunti della Toscana";
const TITLE = /Primi passi in eTwinning per i docenti neoassunti della Toscana/;
const main = (page: Page) => page.getByRole("main");

/**
 * A new Toscana teacher (the account only: the placement is done by the referent), then the Toscana referent on the
 * "Inserisci partecipanti" page of the event's first edition. Returns the teacher.
 */
async function newTeacherThenPlacementPage(page: Page, lastName: string) {
  const teacher = await createTeacherAccount({ region: "Toscana", lastName });
  await loginAs(page, "referenteToscana");
  const eventId = await openEventFromCatalogue(page, SEARCH, TITLE);
  await openFirstEditionAsOrganiser(page, eventId);
  await main(page).getByRole("link", { name: "Inserisci partecipanti" }).click();
  return teacher;
}

test("a referent places a teacher in an edition by email, after a preview", async ({ page }) => {
  test.setTimeout(120_000);
  const teacher = await newTeacherThenPlacementPage(page, "Inserita");
  await expect(main(page).getByRole("heading", { level: 1, name: "Inserisci partecipanti" })).toBeVisible();
  await expectNoA11yViolationsAtBothWidths(page);

  const form = page.locator("form#inserisci-partecipante");
  await form
    .getByLabel(/^Email della persona da inserire/)
    .fill(`nessuno-${Date.now().toString(36)}@scuola.example.it`);
  await form.getByRole("button", { name: "Mostra l'anteprima" }).click();
  await expect(main(page).getByTestId("placement-check")).toHaveAttribute("data-check", "unknown");

  await form.getByLabel(/^Email della persona da inserire/).fill(teacher.email);
  await form.getByRole("button", { name: "Mostra l'anteprima" }).click();
  await expect(main(page).getByTestId("placement-check")).toHaveAttribute("data-check", "found");
  await expectNoA11yViolationsAtBothWidths(page);

  // The button names the person the preview showed. Once the field holds another address, the preview no
  // longer says who would be placed: the button goes (it placed the address typed, a person never seen).
  const place = form.getByRole("button", { name: /^Inserisci .*Inserita nell'edizione$/ });
  await expect(place).toBeVisible();
  await form.getByLabel(/^Email della persona da inserire/).fill(`altra-${teacher.email}`);
  await expect(place).toHaveCount(0);
  await expect(main(page).getByTestId("placement-preview-stale")).toBeVisible();
  await form.getByLabel(/^Email della persona da inserire/).fill(teacher.email);
  await place.click();
  await expect(main(page).getByTestId("placement-done")).toBeVisible();
  await expectNoA11yViolationsAtBothWidths(page);
});

test("after the edition's end the page says a placement records a participation, and its outcome says it was recorded (ADR 0098)", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { editionId } = await createEndedEdition();
  const teacher = await createTeacherAccount({ region: "Toscana", lastName: "Aposteriori" });
  await loginAs(page, "referenteToscana", { redirectTo: `/gestione/edizioni/${editionId}/inserisci` });
  await expect(main(page).getByTestId("placement-after-the-fact")).toHaveText(
    /^L'edizione è conclusa: inserire ora una persona registra la sua partecipazione a posteriori/,
  );
  // Nothing on the page says the person could go on a waitlist: no such sentence, no empty waitlist section.
  await expect(main(page)).not.toContainText("la persona va in lista d'attesa");
  await expect(main(page).getByRole("heading", { name: "Lista d'attesa" })).toHaveCount(0);
  await expectNoA11yViolationsAtBothWidths(page);

  const form = page.locator("form#inserisci-partecipante");
  await form.getByLabel(/^Email della persona da inserire/).fill(teacher.email);
  await form.getByRole("button", { name: "Mostra l'anteprima" }).click();
  await expect(main(page).getByTestId("placement-check")).toHaveAttribute("data-check", "found");
  await expectNoA11yViolationsAtBothWidths(page);

  // The outcome said "Iscrizione fatta: la persona ha un posto.", as if the person would now take part.
  await form.getByRole("button", { name: /^Inserisci .*Aposteriori nell'edizione$/ }).click();
  await expect(main(page).getByTestId("placement-done")).toHaveText(
    "Partecipazione registrata: la persona ha un posto nell'edizione conclusa.",
  );
  await expectNoA11yViolationsAtBothWidths(page);
  // Seated, never on a waiting list.
  await page.goto(`/gestione/edizioni/${editionId}`);
  const row = main(page).getByRole("row", { name: /Aposteriori/ });
  await expect(row.getByTestId("participant-status")).toContainText("Iscrizione confermata");
});

test("a CSV's confirm button counts those who will be placed: outside the requirements only with the override", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const teacher = await newTeacherThenPlacementPage(page, "DaCsv");
  // A file over the 64 KB limit is refused in the browser, before it is sent: the input says why.
  const file = main(page).locator("#placement-file");
  await file.setInputFiles({ name: "grande.csv", mimeType: "text/csv", buffer: Buffer.alloc(65 * 1024 + 1, "a") });
  await expect(file).toHaveJSProperty("validationMessage", "Il file supera 64 KB: scegline uno più piccolo.");
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  await main(page).getByRole("button", { name: "Mostra l'anteprima" }).last().click();
  await expect(file).toBeFocused();
  expect(posts).toEqual([]);
  // One Toscana teacher (found) and a Lombardia one (a regional event: outside the requirements).
  await main(page)
    .locator("#placement-file")
    .setInputFiles({
      name: "docenti.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`email\n${teacher.email}\ndocente2@forma.test\n`),
    });
  await main(page).getByRole("button", { name: "Mostra l'anteprima" }).last().click();
  const preview = main(page).getByTestId("csv-preview");
  await expect(preview.locator('[data-check="found"]')).toHaveCount(1);
  await expect(preview.locator('[data-check="not-eligible"]')).toHaveCount(1);

  await expect(main(page).getByRole("button", { name: "Inserisci 1 docente" })).toBeVisible();
  await main(page).getByText("Inserisci comunque, in deroga, la persona che non soddisfa i requisiti").click();
  await expect(main(page).getByRole("button", { name: "Inserisci 2 docenti" })).toBeVisible();
  await main(page).getByText("Inserisci comunque, in deroga, la persona che non soddisfa i requisiti").click();
  await expect(main(page).getByRole("button", { name: "Inserisci 1 docente" })).toBeVisible();
});

test("the placement page's title follows the interface language", async ({ page }) => {
  // The <title> was written in Italian in the route itself: the English interface said
  // "Inserisci partecipanti · … · Forma" in the browser's tab and to a screen reader (WCAG 2.4.2, 3.1.1).
  await loginAs(page, "referenteToscana");
  const eventId = await openEventFromCatalogue(page, SEARCH, TITLE);
  await openFirstEditionAsOrganiser(page, eventId);
  await main(page).getByRole("link", { name: "Inserisci partecipanti" }).click();
  await expect(page).toHaveTitle(/^Inserisci partecipanti · Primi passi in eTwinning .* · Forma$/);
  await page.goto(`${new URL(page.url()).pathname}?lang=en`);
  await expect(main(page).getByRole("heading", { level: 1, name: "Add participants" })).toBeVisible();
  await expect(page).toHaveTitle(/^Add participants · Primi passi in eTwinning .* · Forma$/);
});

test("the waitlist's pools are headed with their region, and each move control says whose place it moves", async ({
  page,
}) => {
  // Every waiting person had the same "Sposta in un'altra posizione", "Nuova posizione…", "Motivo…" and
  // "Sposta", and every regional pool the same heading "Posti riservati a una regione": a screen reader's
  // list of fields, buttons or headings could not tell them apart (WCAG 2.4.6).
  const { suffix } = await createTwoEditionEvent(); // edition 1: Cecchi waits in the general pool
  await addFullQuotas(suffix, [
    { regionCode: "lazio", seated: "corsista13@forma.test", waiting: "corsista14@forma.test" },
    { regionCode: "puglia", seated: "corsista17@forma.test", waiting: "corsista18@forma.test" },
  ]);
  await loginAs(page, "referenteToscana", { redirectTo: `/gestione/edizioni/e2e_ed1_${suffix}/inserisci` });
  const waitlist = main(page).getByRole("region", { name: "Lista d'attesa" });
  await expect(waitlist.getByRole("heading", { level: 3 })).toHaveText([
    "Posti generali",
    "Posti riservati: Lazio",
    "Posti riservati: Puglia",
  ]);
  await expect(main(page).getByTestId("waitlist-person")).toHaveCount(3);
  for (const name of ["Elena Cecchi", "Tommaso Testa", "Claudio Costa"]) {
    const person = main(page).getByTestId("waitlist-person").filter({ hasText: name });
    // The visible words first, then whose place (hidden).
    await expect(person.locator("summary")).toHaveText(`Sposta in un'altra posizione – ${name}`);
    await person.locator("summary").click();
    await expect(
      main(page).getByRole("spinbutton", { name: `Nuova posizione (1 = prima in lista) – ${name}` }),
    ).toBeVisible();
    // The reason is printed in the email the person gets ("Motivo: …"): the label says so, as the others do.
    await expect(
      main(page).getByRole("textbox", { name: `Motivo dello spostamento (comunicato alla persona) – ${name}` }),
    ).toBeVisible();
    await expect(main(page).getByRole("button", { name: `Sposta – ${name}`, exact: true })).toBeVisible();
  }
  await expectNoA11yViolationsAtBothWidths(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a CSV's teacher placed by override on a full edition gets the raised seat the box promised", async ({
    page,
  }) => {
    // Without JavaScript the page cannot know the override is ticked: the raise sent the cap plus
    // the found teachers only (here none: "Aumenta i posti a 2", the cap already), and the
    // teacher placed by the override went to the waiting list.
    const { suffix } = await createTwoEditionEvent(); // edition 1: 2 seats, both taken
    await loginAs(page, "referenteToscana", { redirectTo: `/gestione/edizioni/e2e_ed1_${suffix}/inserisci` });
    await main(page)
      .locator("#placement-file")
      .setInputFiles({
        name: "docenti.csv",
        mimeType: "text/csv",
        buffer: Buffer.from("email\ndocente2@forma.test\n"),
      });
    await main(page).getByRole("button", { name: "Mostra l'anteprima" }).last().click();
    await expect(main(page).getByTestId("csv-preview").locator('[data-check="not-eligible"]')).toHaveCount(1);
    await main(page).getByText("Inserisci comunque, in deroga, la persona che non soddisfa i requisiti").click();
    await main(page)
      .getByRole("textbox", { name: /^Motivo della deroga/ })
      .fill("Docente della rete regionale");
    await main(page)
      .getByText(/^Aumenta i posti di uno per ogni persona inserita, fino a 3,/)
      .click();
    await main(page)
      .getByRole("button", { name: /^Inserisci \d docent/ })
      .click();
    await expect(main(page).getByTestId("csv-done").locator("li")).toHaveAttribute("data-outcome", "iscritto");
  });

  test("a refused waitlist move shows its form open again, with the error and what was typed", async ({ page }) => {
    // The move form sits in a <details>: the page the server sent back after a refusal had it
    // closed, so the error and the typed position and reason were hidden and nothing seemed to
    // happen; and a missing reason was told as "Per la deroga…", the override's message.
    const { suffix } = await createTwoEditionEvent();
    await loginAs(page, "referenteToscana", { redirectTo: `/gestione/edizioni/e2e_ed1_${suffix}/inserisci` });
    const person = main(page).getByTestId("waitlist-person");
    await expect(person).toHaveCount(1);
    await person.getByText("Sposta in un'altra posizione").click();
    await person.getByRole("spinbutton", { name: /^Nuova posizione/ }).fill("1");
    await person.getByRole("textbox", { name: /^Motivo/ }).fill("x");
    await person.getByRole("button", { name: "Sposta" }).click();

    const again = main(page).getByTestId("waitlist-person");
    await expect(again.locator("details")).toHaveJSProperty("open", true);
    await expect(again.getByText("Scrivi il motivo dello spostamento (almeno 5 caratteri).")).toBeVisible();
    await expect(again.getByRole("textbox", { name: /^Motivo/ })).toHaveValue("x");
    await expect(again.getByRole("spinbutton", { name: /^Nuova posizione/ })).toHaveValue("1");
  });
});
