// An organiser writes to an edition's participants through the real pages (issue 15, item 1): a
// new Toscana teacher enrols in the Toscana webinar for newly hired teachers; the Toscana referent
// opens the edition, writes to the enrolled (a missing subject is refused first), sees the
// preview (the count and the email as the first recipient will read it), sends, and finds the
// message in the edition's history, then sets an automatic message before each session. The
// Lombardia referent cannot open the page. Every step passes axe, at desktop and phone widths.
// Uses "Primi passi in eTwinning per i docenti neoassunti della Toscana", which no other spec uses.
// Only what was previewed is sent: a compose form changed after the preview loses its send button
// until the preview is shown again; without JavaScript the preview and the send work the same.
import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolationsAtBothWidths, hydrated, loginAs, createTeacher } from "./support/index.ts";
import { enrolFromCatalogue, openEventFromCatalogue, openFirstEditionAsOrganiser } from "./support/catalogue.ts";
import { createTwoEditionEvent } from "./support/database.ts";

const SEARCH = "Primi passi in eTwinning per i docenti neoassunti della Toscana";
const TITLE = /Primi passi in eTwinning per i docenti neoassunti della Toscana/;
const main = (page: Page) => page.getByRole("main");

test("a referent writes to the participants of an edition, with a preview, and the message is kept", async ({
  browser,
  page,
}) => {
  // Two sign-ins, a sign-up and eight axe scans on 2 shared cores.
  test.setTimeout(120_000);
  // A teacher enrols, in a context of their own.
  const teacherContext = await browser.newContext();
  const teacherPage = await teacherContext.newPage();
  await createTeacher(teacherPage, { region: "Toscana", lastName: "Messaggi" });
  const eventId = await enrolFromCatalogue(teacherPage, SEARCH, TITLE);
  await teacherContext.close();

  // The referent opens the edition and its messages page.
  await loginAs(page, "referenteToscana");
  await openFirstEditionAsOrganiser(page, eventId);
  await main(page).getByRole("link", { name: "Scrivi a chi partecipa" }).click();
  await expect(main(page).getByRole("heading", { level: 1, name: "Scrivi a chi partecipa" })).toBeVisible();
  await expect(main(page)).toContainText("anche a chi ha disattivato i promemoria");
  // Before writing, the referent learns that replies come to their own address (ADR 0076).
  await expect(main(page).getByTestId("reply-note")).toContainText(
    "Le risposte arriveranno al tuo indirizzo referente.toscana@forma.test",
  );
  const messagesUrl = page.url();
  await expectNoA11yViolationsAtBothWidths(page);

  // A missing subject is refused, with the error next to the field.
  const compose = page.locator("form#messaggio-partecipanti");
  await compose.getByLabel(/^A chi scrivere/).selectOption({ label: "Persone iscritte" });
  await compose.getByLabel(/^Testo/).fill("Buongiorno,\n\nil link della stanza è nella pagina dell'evento.");
  await main(page).getByRole("button", { name: "Mostra l'anteprima" }).click();
  await expect(main(page).getByText("Campo obbligatorio.").first()).toBeVisible();
  await expectNoA11yViolationsAtBothWidths(page);

  // The preview: how many, and the email as one of them will read it.
  const subject = `Istruzioni per il webinar ${Date.now().toString(36)}`;
  await compose.getByLabel(/^Oggetto/).fill(subject);
  await main(page).getByRole("button", { name: "Mostra l'anteprima" }).click();
  await expect(main(page).getByRole("heading", { level: 2, name: "Anteprima" })).toBeVisible();
  await expect(main(page).getByTestId("recipient-count")).toContainText(/\d+ person[ae]\./);
  const sample = main(page).getByTestId("sample-email");
  await expect(sample).toContainText(subject);
  await expect(sample).toContainText("il link della stanza è nella pagina dell'evento.");
  await expect(sample).toContainText("(referente.toscana@forma.test). Per rispondere, rispondi a questa email");
  await expectNoA11yViolationsAtBothWidths(page);

  // Send: queued, and listed in the edition's history.
  await main(page)
    .getByRole("button", { name: /^Invia a \d+ person[ae]/ })
    .click();
  await expect(main(page).getByTestId("message-sent")).toContainText(/Messaggio messo in coda per \d+ person[ae]/);
  const history = main(page).getByRole("table");
  await expect(history).toContainText(subject);
  await expect(history).toContainText("Persone iscritte");
  await expectNoA11yViolationsAtBothWidths(page);

  // An automatic message 24 hours before each session.
  const before = main(page).getByTestId("auto-prima-di-ogni-incontro");
  await expect(before).toContainText("Non attivo.");
  await before.getByLabel(/^Ore prima dell'inizio/).fill("24");
  await before.getByLabel(/^Oggetto/).fill("Ci vediamo domani");
  await before.getByLabel(/^Testo/).fill("Il link della stanza è in questa email.");
  await before.getByRole("button", { name: "Salva il messaggio automatico" }).click();
  await expect(main(page).getByRole("status").filter({ hasText: "Messaggio automatico salvato." })).toBeVisible();
  await expect(main(page).getByTestId("auto-prima-di-ogni-incontro")).toContainText(
    "Attivo: 24 ore prima di ogni incontro.",
  );
  await expectNoA11yViolationsAtBothWidths(page);

  // The referent of another region cannot open it.
  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await loginAs(otherPage, "referenteLombardia");
  const refused = await otherPage.goto(messagesUrl);
  expect([403, 404]).toContain(refused!.status());
  await otherContext.close();
});

test("the messages page's title follows the interface language", async ({ page }) => {
  // The <title> was written in Italian in the route itself: the English interface said
  // "Scrivi ai partecipanti · … · Forma" in the browser's tab and to a screen reader (WCAG 2.4.2, 3.1.1).
  await loginAs(page, "referenteToscana");
  const eventId = await openEventFromCatalogue(page, SEARCH, TITLE);
  await openFirstEditionAsOrganiser(page, eventId);
  await main(page).getByRole("link", { name: "Scrivi a chi partecipa" }).click();
  await expect(page).toHaveTitle(/^Scrivi a chi partecipa · Primi passi in eTwinning .* · Forma$/);
  await page.goto(`${new URL(page.url()).pathname}?lang=en`);
  await expect(main(page).getByRole("heading", { level: 1, name: "Write to the participants" })).toBeVisible();
  await expect(page).toHaveTitle(/^Write to the participants · Primi passi in eTwinning .* · Forma$/);
});

/** Previews a message to the waitlist of a new copy of the regional seminar (2 seated, 1 waiting). */
async function previewToWaitlist(page: Page, subject: string) {
  const { suffix } = await createTwoEditionEvent();
  await loginAs(page, "referenteToscana", { redirectTo: `/gestione/edizioni/e2e_ed1_${suffix}/messaggi` });
  const compose = page.locator("form#messaggio-partecipanti");
  await compose.getByLabel(/^A chi scrivere/).selectOption({ label: "In lista d'attesa" });
  await compose.getByLabel(/^Oggetto/).fill(subject);
  await compose.getByLabel(/^Testo/).fill("Buongiorno,\n\nvi scriviamo appena si libera un posto.");
  await main(page).getByRole("button", { name: "Mostra l'anteprima" }).click();
  await expect(main(page).getByTestId("recipient-count")).toHaveText("1 persona.");
  return compose;
}

test("a message changed after its preview cannot be sent until it is previewed again", async ({ page }) => {
  // With JavaScript the send form followed the compose form: choosing the enrolled after previewing the
  // waitlist sent to them, under a button that still said "Invia a 1 persona".
  const subject = `Posti in arrivo ${Date.now().toString(36)}`;
  const compose = await previewToWaitlist(page, subject);
  await hydrated(page);
  const send = main(page).getByRole("button", { name: /^Invia a \d+ person[ae]/ });
  const stale = main(page).getByTestId("preview-stale");
  await expect(send).toHaveText("Invia a 1 persona");
  await expect(stale).toHaveCount(0);

  await compose.getByLabel(/^A chi scrivere/).selectOption({ label: "Persone iscritte" });
  await expect(stale).toContainText("mostra di nuovo l'anteprima per inviarlo");
  await expect(send).toHaveCount(0);
  await compose.getByLabel(/^A chi scrivere/).selectOption({ label: "In lista d'attesa" });
  await compose.getByLabel(/^Testo/).fill("Un testo che l'anteprima non ha mai mostrato.");
  await expect(stale).toBeVisible();
  await expect(send).toHaveCount(0);
  await expectNoA11yViolationsAtBothWidths(page);

  // Back to what the preview shows: it can be sent, to the one person counted.
  await compose.getByLabel(/^Testo/).fill("Buongiorno,\n\nvi scriviamo appena si libera un posto.");
  await expect(stale).toHaveCount(0);
  await send.click();
  await expect(main(page).getByTestId("message-sent")).toHaveText("Messaggio messo in coda per 1 persona.");
  const row = main(page).getByRole("row").filter({ hasText: subject });
  await expect(row).toContainText("In lista d'attesa");
  await expect(row).toContainText("vi scriviamo appena si libera un posto.");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the preview and the send work without JavaScript", async ({ page }) => {
    const subject = `Posti in arrivo ${Date.now().toString(36)}`;
    await previewToWaitlist(page, subject);
    await expect(main(page).getByTestId("sample-email")).toContainText("vi scriviamo appena si libera un posto.");
    await main(page).getByRole("button", { name: "Invia a 1 persona" }).click();
    await expect(main(page).getByTestId("message-sent")).toHaveText("Messaggio messo in coda per 1 persona.");
    const row = main(page).getByRole("row").filter({ hasText: subject });
    await expect(row).toContainText("In lista d'attesa");
  });
});
