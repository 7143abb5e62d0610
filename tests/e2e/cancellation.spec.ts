// Cancelling an event takes two steps and a reason, with or without JavaScript (issue 12 item 5).
// The national unit opens the cancellation of "Laboratorio TwinSpace: costruire lo spazio di
// progetto" (no other spec touches it), sees the second step with the reason field, confirms with
// a reason; the public event page then says the event was cancelled, and why.
import { expect, test, type Page } from "@playwright/test";
import { createTeacher, expectNoA11yViolations, loginAs } from "./support/index.ts";

const TITLE = "Laboratorio TwinSpace: costruire lo spazio di progetto";
const REASON = "L'aula informatica non è disponibile: il laboratorio sarà riproposto in primavera.";

const main = (page: Page) => page.getByRole("main");

// Plain HTML forms only: the two steps must work before (or without) the page's scripts.
test.use({ javaScriptEnabled: false });

test("cancelling an event: a second step asks for the reason, which the event page then shows", async ({
  page,
  browser,
}) => {
  // axe runs scripts in the page: it checks the same pages in a context with JavaScript.
  const withScripts = await browser.newContext({ javaScriptEnabled: true });
  const axePage = await withScripts.newPage();
  await loginAs(axePage, "admin");
  await loginAs(page, "admin", { redirectTo: `/eventi?q=${encodeURIComponent("Laboratorio TwinSpace")}` });
  await main(page).getByRole("link", { name: TITLE }).first().click();
  const eventId = new URL(page.url()).pathname.split("/").pop()!;

  await page.goto(`/gestione/eventi/${eventId}`);
  await main(page).getByRole("button", { name: "Annulla l'evento" }).click();
  // Step two: nothing has changed yet; the reason is a labelled, required, bounded field.
  await expect(page).toHaveURL(new RegExp(`/gestione/eventi/${eventId}\\?annulla=1`));
  const step = main(page).getByTestId("annulla-evento");
  await expect(step.getByRole("heading", { name: /Vuoi annullare l'iniziativa/ })).toBeVisible();
  const reason = step.getByRole("textbox", { name: /^Motivo dell'annullamento/ });
  await expect(reason).toHaveAttribute("required", "");
  await expect(reason).toHaveAttribute("maxlength", "500");
  await expect(main(page).getByText("Stato: Pubblicato")).toBeVisible();
  await axePage.goto(page.url());
  await expect(axePage.getByTestId("annulla-evento")).toBeVisible();
  await expectNoA11yViolations(axePage);

  // Changing one's mind leaves the event as it was.
  await step.getByRole("link", { name: "No, torna all'iniziativa" }).click();
  // Back to the event, at the button that opened the step (it takes the focus).
  await expect(page).toHaveURL(new RegExp(`/gestione/eventi/${eventId}#annulla-evento-apri$`));
  await expect(main(page).getByTestId("annulla-evento")).toHaveCount(0);

  await main(page).getByRole("button", { name: "Annulla l'evento" }).click();
  await main(page)
    .getByRole("textbox", { name: /^Motivo dell'annullamento/ })
    .fill(REASON);
  await main(page).getByRole("button", { name: "Sì, annulla l'iniziativa" }).click();
  await expect(page).toHaveURL(new RegExp(`/gestione/eventi/${eventId}\\?esito=stato-annullato$`));
  await expect(main(page).getByText("Stato: Annullato")).toBeVisible();

  await page.goto(`/eventi/${eventId}`);
  const notice = main(page).getByTestId("event-cancelled");
  await expect(notice).toContainText("Questa iniziativa è stata annullata");
  await expect(notice).toContainText(`Motivo: ${REASON}`);
  await expect(main(page).getByText("Questa iniziativa si è conclusa")).toHaveCount(0);
  await axePage.goto(page.url());
  await expectNoA11yViolations(axePage);
  await withScripts.close();
});

// A webinar no other spec enrols in, for the audience "Altro" (schools of other kinds).
const webinar = "eTwinning per la formazione iniziale dei docenti (ITE)";

/** The signed-in teacher enrols in the webinar, then opens its cancellation step in Le mie iscrizioni. */
async function enrolInWebinarAndAskToCancel(page: Page) {
  await page.goto(`/eventi?q=${encodeURIComponent("formazione iniziale")}`);
  await main(page).getByRole("link", { name: webinar }).first().click();
  const eventId = new URL(page.url()).pathname.split("/").pop()!;
  await main(page)
    .getByRole("link", { name: /^Iscriviti/ })
    .first()
    .click();
  await main(page).getByRole("button", { name: "Conferma l'iscrizione" }).click();
  await expect(main(page).getByRole("status")).toContainText("Iscrizione confermata");
  const place = main(page).getByTestId("enrolment").filter({ hasText: webinar });
  await place.getByRole("button", { name: "Annulla l'iscrizione" }).click();
  return { place, eventId };
}

test("a teacher's cancellation sent twice (a second tab, a double submit) is answered as done, not refused", async ({
  page,
}) => {
  await createTeacher(page, { schoolLevel: "Altro" });
  const { place } = await enrolInWebinarAndAskToCancel(page);
  // The same confirmation step open in a second tab (or kept by the back button).
  const secondTab = await page.context().newPage();
  await secondTab.goto(page.url());
  await place.getByRole("button", { name: "Sì, annulla l'iscrizione" }).click();
  await expect(main(page).getByRole("status")).toContainText("Iscrizione annullata.");

  await main(secondTab)
    .getByTestId("enrolment")
    .filter({ hasText: webinar })
    .getByRole("button", { name: "Sì, annulla l'iscrizione" })
    .click();
  await expect(secondTab).toHaveURL(/\/le-mie-iscrizioni\?fatto=cancelled/);
  await expect(main(secondTab).getByRole("status")).toContainText("Iscrizione annullata.");
  await expect(main(secondTab).getByRole("alert")).toHaveCount(0);
  await expect(main(secondTab).getByTestId("past-enrolment").filter({ hasText: webinar })).toContainText(
    "Iscrizione annullata",
  );
  await secondTab.close();
});

test("a teacher may say why she cancels her enrolment: a reason too long is given back, the organiser reads it", async ({
  page,
  browser,
}) => {
  const reason = "Ho un consiglio di classe quel pomeriggio: mi iscriverò alla prossima edizione.";
  const teacher = await createTeacher(page, { schoolLevel: "Altro", lastName: "Motivata" });
  const { place, eventId } = await enrolInWebinarAndAskToCancel(page);
  const field = place.getByRole("textbox", { name: "Motivo (facoltativo)" });
  await expect(field).toHaveAttribute("maxlength", "500");
  await expect(field).toHaveAccessibleDescription(/Lo leggerà chi organizza l'iniziativa/);
  // Past the limit (a browser that ignores maxlength): refused, the place kept, the text given back.
  await field.evaluate((el) => el.removeAttribute("maxlength"));
  await field.fill(`${reason} ${"x".repeat(500)}`);
  await place.getByRole("button", { name: "Sì, annulla l'iscrizione" }).click();
  await expect(main(page).getByRole("alert")).toContainText("Il motivo può avere al massimo 500 caratteri.");
  await expect(place.getByTestId("enrolment-status")).toHaveText("Iscrizione confermata");
  await expect(field).toHaveValue(`${reason} ${"x".repeat(500)}`);

  await field.fill(reason);
  await place.getByRole("button", { name: "Sì, annulla l'iscrizione" }).click();
  await expect(main(page).getByRole("status")).toContainText("Iscrizione annullata.");
  await expect(main(page).getByTestId("past-enrolment").filter({ hasText: webinar })).toContainText(
    `Motivo: ${reason}`,
  );

  // The national unit, which organises the webinar, reads why in the edition's list.
  const organiserContext = await browser.newContext({ javaScriptEnabled: false });
  const organiser = await organiserContext.newPage();
  await loginAs(organiser, "admin", { redirectTo: `/gestione/eventi/${eventId}` });
  await main(organiser)
    .getByRole("link", { name: /Iscrizioni, lista d'attesa e posti/ })
    .first()
    .click();
  await expect(main(organiser).getByRole("row").filter({ hasText: teacher.lastName })).toContainText(
    `Motivo: ${reason}`,
  );
  await organiserContext.close();
});
