// The event sheet through the real pages (issue 15, item 4). The Toscana referent copies the
// Toscana webinar for newly hired teachers (a fresh edition nobody has enrolled in), publishes it,
// writes objectives and programme, uploads an attachment and a session's slides, adds the
// recording link and asks a registration question. A new Toscana teacher sees the attachment but
// not the materials, enrols answering the question, and then sees and downloads the slides; the
// answer is in the participants' CSV. On PostgreSQL a second instance serves the same file (the
// store is shared). Every new or changed page passes axe at 1366 and 390 px.
import { expect, test, type Page } from "@playwright/test";
import { createTwoEditionEvent } from "./support/database.ts";
import { expectNoA11yViolationsAtBothWidths, hydrated, loginAs, createTeacher } from "./support/index.ts";

const SEARCH = "Primi passi in eTwinning per i docenti neoassunti della Toscana";
const TITLE = /Primi passi in eTwinning per i docenti neoassunti della Toscana/;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const main = (page: Page) => page.getByRole("main");

/** On an event's sheet page, the organiser attaches "Locandina" (a PDF) and sees it saved. */
async function uploadPoster(page: Page) {
  const attachment = main(page).getByRole("group", { name: "Aggiungi un allegato" });
  await attachment.getByLabel("Titolo", { exact: true }).fill("Locandina");
  await attachment
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "locandina.pdf", mimeType: "application/pdf", buffer: PDF });
  await attachment.getByRole("button", { name: "Carica il file" }).click();
  await expect(main(page).getByRole("status")).toHaveText("File caricato.");
}

test("a referent fills the event sheet; a teacher sees materials only once enrolled, after answering a question", async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  // The trainer writes the short profile the sheets show.
  const profile = `Ambasciatrice eTwinning, docente di inglese ${Date.now().toString(36)}.`;
  const trainerContext = await browser.newContext();
  const trainerPage = await trainerContext.newPage();
  await loginAs(trainerPage, "trainer", { redirectTo: "/profilo" });
  await main(trainerPage)
    .getByLabel(/^Breve profilo/)
    .fill(profile);
  await main(trainerPage).getByRole("button", { name: "Salva la presentazione" }).click();
  await expect(main(trainerPage).getByText("Presentazione salvata.")).toBeVisible();
  await expect(main(trainerPage).getByLabel(/^Breve profilo/)).toHaveValue(profile);
  await expectNoA11yViolationsAtBothWidths(trainerPage);
  await trainerContext.close();

  await loginAs(page, "referenteToscana", { redirectTo: `/eventi?q=${encodeURIComponent(SEARCH)}` });
  await main(page).getByRole("link", { name: TITLE }).first().click();
  await expect(main(page).getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const sourceId = new URL(page.url()).pathname.split("/").pop()!;

  // A copy of its own, published: nobody is enrolled yet, so questions can be set.
  await page.goto(`/gestione/eventi/${sourceId}/copia`);
  await main(page).getByRole("button", { name: "Crea la copia" }).click();
  await expect(main(page).getByText("Copia creata come bozza")).toBeVisible();
  const eventId = new URL(page.url()).pathname.split("/").pop()!;
  // Publishing is a second step: it says what publishing does, then "Sì, pubblica l'evento".
  await main(page).getByRole("button", { name: "Pubblica" }).click();
  const publishStep = main(page).getByRole("region", { name: /^Vuoi pubblicare l'evento «Primi passi in eTwinning/ });
  await expect(publishStep).toContainText("non potrà tornare in bozza");
  await publishStep.getByRole("button", { name: "Sì, pubblica l'evento" }).click();
  await expect(main(page).getByText("Stato aggiornato: Pubblicato.")).toBeVisible();
  const trainerOption = main(page).getByRole("option", { name: /formatore@forma\.test/ });
  await main(page)
    .getByLabel("Persona da assegnare alla formazione")
    .selectOption((await trainerOption.getAttribute("value"))!);
  await main(page).getByRole("button", { name: "Assegna" }).click();
  await expect(main(page).getByRole("button", { name: /^Rimuovi / })).toBeVisible();
  await main(page).getByRole("link", { name: "Scheda e materiali" }).click();
  await expect(main(page).getByRole("heading", { level: 1, name: /Scheda dell'iniziativa/ })).toBeVisible();
  await expect(page).toHaveTitle(/^Scheda dell'iniziativa · /);
  await expectNoA11yViolationsAtBothWidths(page);

  await main(page)
    .getByLabel("Obiettivi", { exact: true })
    .fill("Avviare un primo progetto eTwinning con una scuola partner.");
  await main(page).getByLabel("Programma", { exact: true }).fill("17:00 La piattaforma ESEP\n18:00 Il primo progetto");
  await main(page).getByRole("button", { name: "Salva obiettivi e programma" }).click();
  await expect(main(page).getByRole("status")).toHaveText("Obiettivi e programma salvati.");

  await uploadPoster(page);

  const material = main(page).getByRole("group", { name: "Aggiungi un file a un incontro" });
  await material.getByLabel("Titolo", { exact: true }).fill("Slide del primo incontro");
  await material
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "slide è.pdf", mimeType: "application/pdf", buffer: PDF });
  await material.getByRole("button", { name: "Carica il file" }).click();
  await expect(main(page).getByRole("status")).toHaveText("File caricato.");

  const link = main(page).getByRole("group", { name: "Aggiungi un link a un incontro" });
  await link.getByLabel("Indirizzo (https://…)").fill("https://video.example.it/neoassunti/1");
  await link.getByRole("button", { name: "Salva il link" }).click();
  await expect(main(page).getByRole("status")).toHaveText("Link salvato.");
  const slidesHref = await main(page).getByRole("link", { name: "Slide del primo incontro" }).getAttribute("href");
  await expectNoA11yViolationsAtBothWidths(page);

  // A registration question on the edition page (first come, first served).
  await page.goto(`/gestione/eventi/${eventId}`);
  // The change log reads each of these changes as words, not as its stored code ("scheda-modificata").
  const changeLog = main(page).getByRole("table", { name: "Registro delle modifiche" });
  await expect(changeLog).toContainText("Scheda modificata: obiettivi e programma");
  await expect(changeLog).toContainText("Materiale aggiunto: Slide del primo incontro");
  await expect(changeLog).toContainText("Creato come copia di «");
  await expect(changeLog).not.toContainText(/scheda-modificata|materiale-aggiunto|\bcopy\b/);
  // The webinar's one-day edition says its one date, not "Dal 06/11/2027 al 06/11/2027".
  await expect(
    main(page)
      .getByText(/^Il \d{2}\/\d{2}\/\d{4}$/)
      .first(),
  ).toBeVisible();
  await expect(main(page).getByText(/^Dal (\S+) al \1$/)).toHaveCount(0);
  await main(page)
    .getByRole("link", { name: /posti dell'edizione 1/ })
    .first()
    .click();
  await main(page)
    .getByLabel(/^Domande a chi si iscrive/)
    .fill("Disciplina insegnata: Inglese | Matematica | Altro\nEsigenze di accessibilità (facoltativa)");
  await main(page).getByRole("button", { name: "Salva le domande" }).click();
  await expect(main(page).getByLabel(/^Domande a chi si iscrive/)).toHaveValue(
    "Disciplina insegnata: Inglese | Matematica | Altro\nEsigenze di accessibilità (facoltativa)",
  );
  const editionUrl = page.url().split("?")[0]!;
  await expectNoA11yViolationsAtBothWidths(page);

  // The teacher, in a context of their own.
  const teacherContext = await browser.newContext();
  const teacherPage = await teacherContext.newPage();
  const teacher = await createTeacher(teacherPage, { region: "Toscana", lastName: "Scheda" });
  await teacherPage.goto(`/eventi/${eventId}`);
  await expect(main(teacherPage).getByRole("heading", { level: 2, name: "Obiettivi" })).toBeVisible();
  await expect(main(teacherPage).getByText("Avviare un primo progetto eTwinning")).toBeVisible();
  await expect(main(teacherPage).getByRole("heading", { level: 2, name: "Programma" })).toBeVisible();
  await expect(main(teacherPage).getByRole("heading", { level: 2, name: "Formazione a cura di" })).toBeVisible();
  await expect(main(teacherPage).getByText(profile)).toBeVisible();
  const poster = main(teacherPage).getByRole("link", { name: "Locandina" });
  await expect(poster).toBeVisible();
  const posterResponse = await teacherPage.request.get((await poster.getAttribute("href"))!);
  expect(posterResponse.status()).toBe(200);
  expect(posterResponse.headers()["content-type"]).toBe("application/pdf");
  expect(posterResponse.headers()["x-content-type-options"]).toBe("nosniff");
  expect(posterResponse.headers()["content-disposition"]).toBe(
    "attachment; filename=\"locandina.pdf\"; filename*=UTF-8''locandina.pdf",
  );
  // Not enrolled yet: no materials on the page, and their URL answers 404.
  await expect(main(teacherPage).getByRole("heading", { name: "Materiali degli incontri" })).toHaveCount(0);
  expect((await teacherPage.request.get(slidesHref!)).status()).toBe(404);
  await expectNoA11yViolationsAtBothWidths(teacherPage);

  // Enrolling asks the question; the required answer first.
  await teacherPage.goto(`/eventi/${eventId}/iscrizione`);
  const form = main(teacherPage).getByRole("group", { name: "Domande dell'organizzazione" });
  await expect(form.getByLabel(/^Disciplina insegnata/)).toBeVisible();
  await expectNoA11yViolationsAtBothWidths(teacherPage);
  await form.getByLabel(/^Disciplina insegnata/).selectOption("Inglese");
  await form.getByLabel(/^Esigenze di accessibilità/).fill("Sottotitoli nei video");
  await main(teacherPage).getByRole("button", { name: "Iscriviti all'edizione 1" }).click();
  await expect(teacherPage).toHaveURL(/\/le-mie-iscrizioni/);

  // Enrolled: the materials are there, the slides download.
  await teacherPage.goto(`/eventi/${eventId}`);
  await expect(main(teacherPage).getByRole("heading", { name: "Materiali degli incontri" })).toBeVisible();
  await expect(main(teacherPage).getByRole("link", { name: "Registrazione" })).toHaveAttribute(
    "href",
    "https://video.example.it/neoassunti/1",
  );
  const slides = await teacherPage.request.get(slidesHref!);
  expect(slides.status()).toBe(200);
  expect(Buffer.from(await slides.body())).toEqual(PDF);
  expect(slides.headers()["content-disposition"]).toBe(
    "attachment; filename=\"slide e.pdf\"; filename*=UTF-8''slide%20%C3%A8.pdf",
  );
  await expectNoA11yViolationsAtBothWidths(teacherPage);

  // On PostgreSQL the second instance serves the same bytes: the store is the shared database.
  const second = process.env.FORMA_E2E_SECOND_INSTANCE_URL;
  if (second && test.info().project.name.startsWith("postgresql")) {
    const other = await teacherPage.request.get(`${second}${(await poster.getAttribute("href"))!}`);
    expect(other.status()).toBe(200);
    expect(Buffer.from(await other.body())).toEqual(PDF);
  }
  await teacherContext.close();

  // The answer is in the participants' CSV.
  const csv = await page.request.get(`${editionUrl}/iscritti.csv`);
  const text = await csv.text();
  expect(text).toContain("Domanda 1: Disciplina insegnata");
  expect(text.split("\r\n").find((l) => l.includes(teacher.email))).toMatch(/;Inglese;Sottotitoli nei video$/);
});

test("removing a file of the sheet asks for a confirmation first, and nothing is removed until it is given", async ({
  page,
}) => {
  // "Rimuovi", a small link-styled button right after the file's name, deleted the uploaded file at
  // the first press, with no way to get it back: on a phone a thumb aiming at the file hits it.
  const { suffix } = await createTwoEditionEvent();
  const path = `/gestione/eventi/e2e_ev_${suffix}/scheda`;
  await loginAs(page, "referenteToscana", { redirectTo: path });
  await page.setViewportSize({ width: 390, height: 844 });
  await uploadPoster(page);
  const file = main(page).getByRole("link", { name: /^Locandina/ });
  await expect(file).toHaveCount(1);
  await hydrated(page);

  await main(page).getByRole("button", { name: "Rimuovi Locandina" }).focus();
  await page.keyboard.press("Enter");
  const step = main(page).getByRole("group", { name: "Vuoi rimuovere «Locandina»?" });
  await expect(step.getByText("Vuoi rimuovere «Locandina»?")).toBeFocused();
  await expect(step).toContainText("non si potrà recuperare");
  await expect(file).toHaveCount(1);
  await expectNoA11yViolationsAtBothWidths(page);
  await step.getByRole("link", { name: "No, tienilo" }).click();
  await expect(step).toHaveCount(0);
  await expect(file).toHaveCount(1);

  // Without the confirmation the action refuses and removes nothing.
  const fileId = (await file.getAttribute("href"))!.split("/").pop()!.split("?")[0]!;
  const unconfirmed = await page.request.post(path, {
    multipart: { intent: "remove", fileId },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(unconfirmed.status()).toBe(400);
  await page.reload();
  await expect(file).toHaveCount(1);

  await main(page).getByRole("button", { name: "Rimuovi Locandina" }).click();
  await step.getByRole("button", { name: "Sì, rimuovi Locandina" }).click();
  await expect(main(page).getByRole("status")).toHaveText("Rimosso.");
  await expect(file).toHaveCount(0);
});
