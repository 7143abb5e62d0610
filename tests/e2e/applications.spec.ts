// Applications (candidature) through the real pages. The national unit opens the national
// conference's enrolment window and switches its edition to admission by application, with
// questions and criteria; two teachers apply with a motivation and answers; the national unit
// scores them, selects the first (one seat) and closes the selection; the first teacher sees the
// application accepted, the second sees it not selected.
// Uses "Conferenza nazionale eTwinning 2027", which no other spec touches.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoA11yViolations, hydrated, loginAs, createTeacher, type TeacherSignup } from "./support/index.ts";

const SEARCH = "Conferenza nazionale eTwinning 2027";
const TITLE = /Conferenza nazionale eTwinning 2027/;

const main = (page: Page) => page.getByRole("main");

/** A datetime-local value in Europe/Rome, `offsetHours` from now. */
function romeInputValue(offsetHours: number): string {
  const at = new Date(Date.now() + offsetHours * 3600_000);
  return at.toLocaleString("sv-SE", { timeZone: "Europe/Rome" }).slice(0, 16).replace(" ", "T");
}

async function eventIdOf(page: Page): Promise<string> {
  await page.goto(`/eventi?q=${encodeURIComponent(SEARCH)}`);
  await main(page).getByRole("link", { name: TITLE }).first().click();
  await expect(main(page).getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** As the national unit: open the enrolment window now (it opens in 60 days in the seed). */
async function openEnrolmentWindow(page: Page, eventId: string) {
  await page.goto(`/gestione/eventi/${eventId}/modifica`);
  await main(page)
    .getByLabel(/^Apertura delle iscrizioni/)
    .first()
    .fill(romeInputValue(-24));
  await main(page).getByRole("button", { name: "Salva le modifiche" }).click();
  await expect(page).toHaveURL(new RegExp(`/gestione/eventi/${eventId}\\?esito=salvato$`));
}

async function openEditionPage(page: Page, eventId: string) {
  await page.goto(`/gestione/eventi/${eventId}`);
  await main(page)
    .getByRole("link", { name: /posti dell'edizione 1|Gestisci iscrizioni/ })
    .first()
    .click();
  await expect(main(page).getByRole("heading", { level: 1, name: /Iscrizioni/ })).toBeVisible();
}

async function saved(page: Page) {
  await expect(main(page).getByRole("status").filter({ hasText: "Modifica salvata" })).toBeVisible();
}

async function newTeacher(browser: Browser, lastName: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const teacher = await createTeacher(page, { lastName });
  return { page, teacher, close: () => context.close() };
}

async function applyAs(
  page: Page,
  eventId: string,
  answers: { motivation: string; projects: string; english: string },
) {
  await page.goto(`/eventi/${eventId}/iscrizione`);
  await hydrated(page);
  const form = main(page).getByRole("region", { name: /^Candidatura/ });
  await expect(main(page).getByRole("button", { name: "Conferma l'iscrizione" })).toHaveCount(0);
  await form.getByRole("textbox", { name: /^Motivazione/ }).fill(answers.motivation);
  await form.getByRole("textbox", { name: /^Progetti eTwinning realizzati/ }).fill(answers.projects);
  await form.getByRole("combobox", { name: /^Livello di inglese/ }).selectOption(answers.english);
  await form.getByRole("button", { name: "Invia la candidatura" }).click();
  await expect(page).toHaveURL(/\/le-mie-iscrizioni/);
  await expect(main(page).getByRole("status")).toContainText("Candidatura inviata");
}

function myApplication(page: Page) {
  return main(page)
    .getByTestId("enrolment")
    .filter({ has: page.getByRole("link", { name: TITLE }) });
}

function applicantRow(page: Page, teacher: TeacherSignup) {
  return main(page).getByTestId("applicant").filter({ hasText: teacher.email });
}

async function score(page: Page, teacher: TeacherSignup, experience: string, motivation: string) {
  const row = applicantRow(page, teacher);
  await row.getByLabel(/^Esperienza \(da 0 a 10\)/).fill(experience);
  await row.getByLabel(/^Motivazione \(da 0 a 5\)/).fill(motivation);
  await row.getByRole("button", { name: /^Salva la valutazione/ }).click();
  await saved(page);
  // Back at the applicant's row (re-ranked), focused, not at the top of the page.
  const id = await row.getAttribute("id");
  expect(id).toMatch(/^candidatura-/);
  await expect(page).toHaveURL(new RegExp(`#${id}$`));
  await expect(row).toBeFocused();
}

test("teachers apply; the national unit scores, selects within the seats and closes; each teacher is told", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await loginAs(page, "admin");
  const eventId = await eventIdOf(page);
  await openEnrolmentWindow(page, eventId);
  await openEditionPage(page, eventId);

  // Switch to admission by application, with questions and criteria, and one seat.
  // Bootstrap Italia draws the radio inside its label: click the label, as a person would.
  await main(page).locator("label", { hasText: "Su candidatura, con selezione" }).click();
  await expect(main(page).getByLabel("Su candidatura, con selezione")).toBeChecked();
  await main(page).getByRole("button", { name: "Salva la modalità" }).click();
  await saved(page);
  await main(page)
    .getByLabel(/^Domande per chi si candida/)
    .fill("Progetti eTwinning realizzati\nLivello di inglese: A2 | B1 | B2 | C1");
  await main(page)
    .getByLabel(/^Criteri di valutazione/)
    .fill("Esperienza (max 10)\nMotivazione");
  await main(page).getByRole("button", { name: "Salva domande e criteri" }).click();
  // A criterion without its maximum is refused, with the line named next to the field.
  const criteria = main(page).getByLabel(/^Criteri di valutazione/);
  await expect(criteria).toHaveAttribute("aria-invalid", "true");
  await expect(main(page).getByRole("alert").filter({ hasText: "Riga 2" })).toBeVisible();
  await criteria.fill("Esperienza (max 10)\nMotivazione (max 5)");
  await main(page).getByRole("button", { name: "Salva domande e criteri" }).click();
  await saved(page);
  await main(page)
    .getByLabel(/Nuovo numero di posti/)
    .fill("1");
  await main(page).getByRole("button", { name: "Modifica il numero di posti" }).click();
  await saved(page);
  await expectNoA11yViolations(page);

  // The first teacher applies; a motivation that is too short is refused first.
  const chosen = await newTeacher(browser, "Scelta");
  await chosen.page.goto(`/eventi/${eventId}/iscrizione`);
  // A click before the page's scripts run meets the browser's own check of the required fields (Conform sets
  // noValidate once hydrated): nothing is sent, so no field is marked by the server's answer.
  await hydrated(chosen.page);
  const form = main(chosen.page).getByRole("region", { name: /^Candidatura/ });
  await form.getByRole("textbox", { name: /^Motivazione/ }).fill("Troppo breve");
  await form.getByRole("button", { name: "Invia la candidatura" }).click();
  await expect(form.getByRole("textbox", { name: /^Motivazione/ })).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("almeno 20 caratteri");
  await expect(form.getByRole("textbox", { name: /^Progetti eTwinning realizzati/ })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expectNoA11yViolations(chosen.page);
  await applyAs(chosen.page, eventId, {
    motivation: "Vorrei portare la mia classe in un progetto europeo sulla cittadinanza digitale.",
    projects: "Tre progetti eTwinning con scuole spagnole e polacche",
    english: "B2",
  });
  await expect(myApplication(chosen.page).getByTestId("enrolment-status")).toHaveText(
    "Candidatura inviata: in valutazione",
  );
  // Withdrawing is irreversible: a second step says so, its question focused; going back keeps the application.
  await myApplication(chosen.page).getByRole("button", { name: "Ritira la candidatura" }).click();
  const withdrawStep = myApplication(chosen.page).getByTestId("confirm-withdraw");
  await expect(withdrawStep.getByRole("heading", { name: "Vuoi ritirare la candidatura?" })).toBeFocused();
  await expect(withdrawStep).toContainText("Il ritiro è definitivo");
  await withdrawStep.getByRole("link", { name: "No, torna alle mie iscrizioni" }).click();
  await expect(myApplication(chosen.page).getByTestId("enrolment-status")).toHaveText(
    "Candidatura inviata: in valutazione",
  );

  const other = await newTeacher(browser, "Altra");
  await applyAs(other.page, eventId, {
    motivation: "Mi interessa conoscere colleghi di altre regioni per avviare un gemellaggio.",
    projects: "Nessuno finora",
    english: "A2",
  });

  // The national unit scores both: the ranking follows the total.
  await page.reload();
  await expect(main(page).getByTestId("count-candidates")).toHaveText("2");
  await score(page, other.teacher, "2", "3");
  await score(page, chosen.teacher, "9", "4,5");
  await expect(applicantRow(page, chosen.teacher).getByRole("rowheader")).toHaveAccessibleName("1");
  await expect(applicantRow(page, chosen.teacher).getByTestId("applicant-total")).toHaveText("Totale: 13,5");
  await expect(applicantRow(page, other.teacher).getByRole("rowheader")).toHaveAccessibleName("2");
  // On a phone each applicant is a card: the ranking fits the width (it scrolled sideways, the scores and the
  // select button out of sight), each field named, and it is still a table with its rank as the row's header.
  await page.setViewportSize({ width: 390, height: 844 });
  const applicants = main(page).getByTestId("applicants");
  const fit = await applicants.evaluate((t) => ({ table: t.scrollWidth, box: t.parentElement!.clientWidth }));
  expect(fit.table, "the applicants fit the phone's width").toBeLessThanOrEqual(fit.box);
  await expect(applicants.locator("xpath=..")).not.toHaveAttribute("tabindex");
  const card = applicantRow(page, chosen.teacher);
  await expect(card.getByRole("rowheader")).toHaveAccessibleName("1");
  await expect(card.getByRole("rowheader")).toContainText("Posizione");
  const within = await card.evaluate((row) =>
    [...row.querySelectorAll("th, td, input, button")].every((el) => el.getBoundingClientRect().right <= innerWidth),
  );
  expect(within, "every field and button of the card within the screen").toBe(true);
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });

  // Asking for more than the free seats is refused with the numbers, before any confirmation.
  const editionUrl = page.url().replace(/[?#].*$/, "");
  await main(page)
    .getByLabel(/^Quante candidature selezionare/)
    .fill("2");
  await main(page).getByRole("button", { name: "Seleziona le prime N" }).click();
  await expect(main(page).getByRole("alert")).toContainText("hai chiesto 2 posti, ne resta 1");
  // N defaults to the free seats; a second step says who takes a seat, and whether they were all scored.
  await page.goto(editionUrl);
  await expect(main(page).getByLabel(/^Quante candidature selezionare/)).toHaveValue("1");
  await main(page).getByRole("button", { name: "Seleziona le prime N" }).click();
  const selectStep = main(page).getByRole("region", { name: "Vuoi selezionare la prima candidatura?" });
  await expect(selectStep.getByRole("heading")).toBeFocused();
  await expect(selectStep).toContainText("riceverà subito l'email «candidatura accettata»");
  await expect(selectStep).toContainText("Sono tutte già valutate.");
  await expect(main(page).getByTestId("count-enrolled")).toHaveText("0");
  await selectStep.getByRole("button", { name: "Sì, seleziona" }).click();
  await saved(page);
  await expect(main(page).getByTestId("count-enrolled")).toHaveText("1");
  await expect(main(page).getByTestId("count-candidates")).toHaveText("1");
  await expect(main(page).getByTestId("seats-left")).toHaveText("0");
  // Closing keeps the applicant not selected on the reserve list (the default on an edition with a seat cap).
  await expect(main(page).getByLabel("Tieni le candidature non selezionate in graduatoria di riserva")).toBeChecked();
  await main(page).getByRole("button", { name: "Chiudi la selezione" }).click();
  // A second step says, with the numbers, what closing will do; nothing has changed yet.
  const closeStep = main(page).getByRole("region", { name: "Vuoi chiudere la selezione?" });
  await expect(closeStep).toContainText(
    "L'unica candidatura ancora in valutazione entrerà nella graduatoria di riserva",
  );
  await expect(closeStep).toContainText("Non ci sono posti liberi");
  await expect(main(page).getByTestId("count-candidates")).toHaveText("1");
  await expectNoA11yViolations(page);
  // A teacher is still writing an application when the selection closes.
  const late = await newTeacher(browser, "Tardiva");
  await late.page.goto(`/eventi/${eventId}/iscrizione`);
  await hydrated(late.page);
  const lateForm = main(late.page).getByRole("region", { name: /^Candidatura/ });
  const lateMotivation = "Scritta con calma: vorrei avviare un gemellaggio con una scuola finlandese.";
  await lateForm.getByRole("textbox", { name: /^Motivazione/ }).fill(lateMotivation);
  await lateForm.getByRole("textbox", { name: /^Progetti eTwinning realizzati/ }).fill("Uno, con la Francia");
  await lateForm.getByRole("combobox", { name: /^Livello di inglese/ }).selectOption("C1");
  await closeStep.getByRole("button", { name: "Sì, chiudi la selezione" }).click();
  await expect(
    main(page).getByRole("status").filter({ hasText: "Selezione chiusa: una candidatura in graduatoria di riserva" }),
  ).toBeVisible();
  await expect(main(page).getByRole("status").filter({ hasText: "Selezione chiusa il" })).toBeVisible();
  // The late application is refused: the page says why, and what was typed is still there to copy.
  await lateForm.getByRole("button", { name: "Invia la candidatura" }).click();
  await expect(main(late.page).getByRole("alert").first()).toContainText("La selezione per questa edizione è chiusa.");
  // With scripts the page keeps its form with the text (Remix does not reload the page's data after a refusal);
  // without them the edition's form is gone and a read-only copy holds it (tests/integration/applications.test.ts).
  await expect(main(late.page).getByRole("textbox", { name: /^Motivazione/ })).toHaveValue(lateMotivation);
  await expect(main(late.page).getByRole("textbox", { name: /^Progetti eTwinning realizzati/ })).toHaveValue(
    "Uno, con la Francia",
  );
  await expectNoA11yViolations(late.page);
  await late.close();
  await expect(main(page).getByTestId("count-candidates")).toHaveText("0");
  // The participant list shows the applicant not selected on the reserve list (the waitlist).
  await expect(
    main(page)
      .getByTestId("participants")
      .getByRole("row", { name: new RegExp(other.teacher.lastName) }),
  ).toContainText("In lista d'attesa (posizione 1)");
  await expectNoA11yViolations(page);

  // Each teacher sees the outcome.
  await chosen.page.reload();
  await expect(myApplication(chosen.page)).toContainText("Candidatura accettata");
  await expect(myApplication(chosen.page).getByTestId("enrolment-status")).toHaveText("Iscrizione confermata");
  await other.page.reload();
  await expect(myApplication(other.page).getByTestId("reserve-note")).toBeVisible();
  await expect(myApplication(other.page)).toContainText("Posizione in lista d'attesa: 1");
  await expectNoA11yViolations(other.page);

  // The selected teacher withdraws: the seat is offered to the reserve, who accepts it.
  await myApplication(chosen.page).getByRole("button", { name: "Annulla l'iscrizione" }).click();
  await myApplication(chosen.page).getByRole("button", { name: "Sì, annulla l'iscrizione" }).click();
  await expect(main(chosen.page).getByTestId("past-enrolment").filter({ hasText: TITLE })).toBeVisible();
  await other.page.reload();
  await expect(myApplication(other.page).getByTestId("enrolment-status")).toHaveText("Posto offerto: da accettare");
  await myApplication(other.page).getByRole("button", { name: "Accetta il posto" }).click();
  await expect(myApplication(other.page).getByTestId("enrolment-status")).toHaveText("Iscrizione confermata");
  await chosen.close();
  await other.close();
});
