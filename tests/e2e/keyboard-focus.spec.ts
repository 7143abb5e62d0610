// Where the keyboard focus goes when a keyboard user acts (WCAG 2.4.3 focus order, 4.1.3 status
// messages), on the pages' client-side navigations and the forms that change under the user:
// focus is never dropped to <body> (where a screen reader says nothing and the next Tab starts again
// at the top of the header). Found by driving the pages with the keyboard alone, 04/12/2026.
import { expect, test, type Locator, type Page } from "@playwright/test";
import {
  createTeacher,
  createTeacherAccount,
  enrolFromCatalogue,
  hydrated,
  loginAs,
  openEventFromCatalogue,
} from "./support/index.ts";
import { createBlendedEvent, createRegisterFixture, createTwoEditionEvent } from "./support/database.ts";

const main = (page: Page) => page.getByRole("main");

/** The words an element shows on screen: its text without what is there for screen readers only. */
const seenText = (element: Locator) =>
  element.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".visually-hidden").forEach((hidden) => hidden.remove());
    return copy.textContent!.trim();
  });

test("a catalogue search sent with Enter keeps the focus in the search box, though the filters are drawn anew", async ({
  page,
}) => {
  await page.goto("/eventi");
  await hydrated(page);
  const search = main(page).getByRole("searchbox", { name: /^Parole da cercare/ });
  await search.fill("eTwinning");
  await search.press("Enter");
  await expect(page).toHaveURL(/[?&]q=eTwinning/);
  await expect(main(page).getByRole("searchbox", { name: /^Parole da cercare/ })).toBeFocused();
});

test("on a phone, a catalogue search sent with the 'Cerca' button stays at the button, with the results just below it", async ({
  page,
}) => {
  // At 320 px the filters fill the first 1,300 px and the results come after them: the page went back to its top and
  // the focus to its title, so a teacher who tapped "Cerca" saw the filters again and had to scroll past all of them
  // to learn what the search found; a keyboard user went through every field again (review as a teacher, 08/12/2026).
  await page.setViewportSize({ width: 320, height: 667 });
  await page.goto("/eventi");
  await hydrated(page);
  await main(page).getByLabel("Modalità").selectOption({ label: "Online" });
  const button = main(page).getByRole("button", { name: "Cerca", exact: true });
  await button.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(500);
  await button.click();
  await expect(page).toHaveURL(/[?&]mode=online/);
  await expect(main(page).getByRole("button", { name: "Cerca", exact: true })).toBeFocused();
  await expect(main(page).getByRole("button", { name: "Cerca", exact: true })).toBeInViewport();
  await expect(main(page).getByRole("heading", { level: 2, name: /iniziativ[ae] trovat[ae]/ })).toBeInViewport();

  // "Azzera i filtri", beside it, the same.
  await main(page).getByRole("link", { name: "Azzera i filtri" }).click();
  await expect(page).toHaveURL(/\/eventi$/);
  await expect(main(page).getByRole("link", { name: "Azzera i filtri" })).toBeFocused();
  await expect(main(page).getByRole("link", { name: "Azzera i filtri" })).toBeInViewport();
  await expect(main(page).getByRole("heading", { level: 2, name: /iniziativ[ae] trovat[ae]/ })).toBeInViewport();
});

test("a link followed with the keyboard puts the focus on the new page's heading, and Tab goes on in its content", async ({
  page,
}) => {
  await page.goto("/eventi");
  await hydrated(page);
  const card = main(page).getByRole("listitem").getByRole("heading", { level: 3 }).first();
  const title = (await card.textContent())!.trim();
  await card.getByRole("link").focus();
  await page.keyboard.press("Enter");
  const heading = main(page).getByRole("heading", { level: 1, name: title });
  await expect(heading).toBeFocused();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.querySelector("main")!.contains(document.activeElement))).toBe(true);

  // The same from the header's menu.
  await page.getByRole("banner").getByRole("link", { name: "Registrati", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(main(page).getByRole("heading", { level: 1, name: "Crea il tuo account" })).toBeFocused();
});

test("the confirmation step of cancelling an event takes the focus when it opens", async ({ page }) => {
  await loginAs(page, "referenteToscana", { redirectTo: "/gestione/eventi" });
  const managed = await main(page)
    .locator("a[href]")
    .evaluateAll((links) =>
      links.map((a) => a.getAttribute("href") ?? "").filter((h) => /^\/gestione\/eventi\/(?!nuovo)[^/?]+$/.test(h)),
    );
  const cancel = main(page).getByRole("button", { name: "Annulla l'evento" });
  let found = false;
  for (const path of managed) {
    await page.goto(path);
    if ((await cancel.count()) > 0) {
      found = true;
      break;
    }
  }
  expect(found, "a managed event the referent may cancel").toBe(true);
  await hydrated(page);
  // The first step only opens the second (a GET): nothing changes.
  await cancel.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\?annulla=1#annulla-evento-title$/);
  await expect(main(page).getByRole("heading", { level: 2, name: /^Vuoi annullare l'iniziativa/ })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(main(page).getByRole("textbox", { name: /^Motivo dell'annullamento/ })).toBeFocused();
  // 'No' closes the step and gives the focus back to the button that opened it, not to the page's h1
  // (the organiser's second steps, as the teacher's: review 0017).
  await main(page).getByRole("link", { name: "No, torna all'iniziativa" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#annulla-evento-apri$/);
  await expect(cancel).toBeFocused();
});

test("'No' in a second step gives the focus back to the button that opened it, not to the page's heading", async ({
  page,
}) => {
  // A teacher who changes her mind about cancelling the fifth place in her list had to Tab through the page
  // again from its h1 (review 0017).
  const webinar = "eTwinning per la formazione iniziale dei docenti (ITE)";
  await createTeacher(page, { schoolLevel: "Altro" });
  await enrolFromCatalogue(page, "formazione iniziale", /^eTwinning per la formazione iniziale dei docenti \(ITE\)/);
  await hydrated(page);
  const place = main(page).getByTestId("enrolment").filter({ hasText: webinar });
  const cancel = place.getByRole("button", { name: "Annulla l'iscrizione" });
  await cancel.focus();
  await page.keyboard.press("Enter");
  await expect(place.getByRole("heading", { level: 4 })).toBeFocused();
  await place.getByRole("link", { name: "No, torna alle mie iscrizioni" }).focus();
  await page.keyboard.press("Enter");
  await expect(cancel).toBeFocused();
  await expect(page).toHaveURL(/\/le-mie-iscrizioni#annulla-[^/?#]+$/);
  await expect(place.getByTestId("enrolment-status")).toHaveText("Iscrizione confermata");
});

test("a form sent to its own page with the keyboard gives the focus back to its button, beside the outcome", async ({
  page,
}) => {
  // The button is disabled while the form is being sent, and a disabled element loses the focus:
  // without this, focus was on <body> once the answer came (the national unit granting a role).
  const teacher = await createTeacherAccount({ firstName: "Tecla", lastName: "Tastiera" });
  await loginAs(page, "admin", { redirectTo: `/admin/utenti?q=${encodeURIComponent(teacher.email)}` });
  await hydrated(page);
  const row = main(page).getByRole("row", { name: /Tecla Tastiera/ });
  await row
    .getByRole("combobox", { name: "Ruolo per Tecla Tastiera" })
    .selectOption({ label: "Incarico di formazione" });
  const grant = row.getByRole("button", { name: "Assegna a Tecla Tastiera" });
  await grant.focus();
  await page.keyboard.press("Enter");
  await expect(row.getByRole("status")).toHaveText("Ruolo assegnato.");
  await expect(grant).toBeFocused();
});

test("a role granted with the keyboard shows its outcome on the screen, under the focused button, and announces it, at 390 and 1366 px", async ({
  page,
}) => {
  // The outcome was under the row's "Chiudi l'account" link: below the fold when the button was low on the screen,
  // and at 390 px in the part of the table scrolled away sideways; the person who pressed saw nothing (QA, 05/12/2026).
  const teacher = await createTeacherAccount({ firstName: "Vista", lastName: "Esito" });
  const search = `/admin/utenti?q=${encodeURIComponent(teacher.email)}`;
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, "admin", { redirectTo: search });
  for (const [width, outcome] of [
    [390, "Ruolo assegnato."],
    [1366, "La persona aveva già questo ruolo."],
  ] as const) {
    await page.setViewportSize({ width, height: 844 });
    if (width !== 390) await page.goto(search); // at 390 px, the page the sign-in opened
    await hydrated(page);
    const row = main(page).getByRole("row", { name: /Vista Esito/ });
    await row
      .getByRole("combobox", { name: "Ruolo per Vista Esito" })
      .selectOption({ label: "Incarico di formazione" });
    const grant = row.getByRole("button", { name: "Assegna a Vista Esito" });
    // The button at the bottom of the screen, as in a long list of people.
    await grant.evaluate((button) => button.scrollIntoView({ block: "end", inline: "nearest" }));
    await grant.focus();
    await page.keyboard.press("Enter");
    const status = row.getByRole("status");
    await expect(status, `${width} px`).toHaveText(outcome);
    await expect(status, `${width} px`).toBeInViewport({ ratio: 1 });
    await expect(grant, `${width} px`).toBeFocused();
    await expect(page.locator("#annuncio-esito"), `${width} px`).toHaveText(outcome);
  }
});

test("deleting a session or an edition in the event form leaves the focus on the list's add button", async ({
  page,
}) => {
  await loginAs(page, "referenteToscana", { redirectTo: "/gestione/eventi/nuovo" });
  await hydrated(page);
  const form = main(page);
  const addSession = form.getByRole("button", { name: "Aggiungi un incontro all'edizione 1" });
  const sessions = form.getByRole("group", { name: /^Incontro \d+$/ });
  await expect(sessions).toHaveCount(1);
  await addSession.focus();
  await page.keyboard.press("Enter");
  await expect(sessions).toHaveCount(2);
  await form.getByRole("button", { name: "Elimina l'incontro 2" }).focus();
  await page.keyboard.press("Enter");
  await expect(sessions).toHaveCount(1);
  await expect(addSession).toBeFocused();

  const addEdition = form.getByRole("button", { name: "Aggiungi un'edizione" });
  await addEdition.focus();
  await page.keyboard.press("Enter");
  const removeEdition = form.getByRole("button", { name: "Elimina l'edizione 2" });
  await removeEdition.focus();
  await page.keyboard.press("Enter");
  await expect(removeEdition).toHaveCount(0);
  await expect(addEdition).toBeFocused();
});

test("every row of the users table names its controls after the person, keeping the visible words", async ({
  page,
}) => {
  // A screen reader's list of fields and buttons read "Ruolo", "Regione", "Assegna" once per person found,
  // with nothing to tell them apart (WCAG 2.4.6, 1.3.1); the close link's name did not contain its visible words (2.5.3).
  await createTeacherAccount({ firstName: "Nomina", lastName: "Primadonna" });
  await createTeacherAccount({ firstName: "Nomina", lastName: "Secondini" });
  // What the page logs as errors: a row's outcome once crashed the page's render on the next action ("n is not a
  // function": its effect returned scrollIntoView's Promise, which React called as the cleanup).
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await loginAs(page, "admin", { redirectTo: `/admin/utenti?q=${encodeURIComponent("Nomina")}` });
  const table = main(page).getByRole("table");
  for (const person of ["Nomina Primadonna", "Nomina Secondini"]) {
    const row = table.getByRole("row", { name: new RegExp(person) });
    await expect(row.getByRole("combobox", { name: `Ruolo per ${person}`, exact: true })).toBeVisible();
    await expect(
      row.getByRole("combobox", { name: `Regione (per il ruolo di referente USR) per ${person}`, exact: true }),
    ).toBeVisible();
    const grant = row.getByRole("button", { name: `Assegna a ${person}`, exact: true });
    await expect(grant).toBeVisible();
    const close = row.getByRole("link", { name: `Chiudi l'account (su richiesta) di ${person}`, exact: true });
    await expect(close).toBeVisible();
    // What is seen stays as it was.
    expect(await seenText(grant)).toBe("Assegna");
    expect(await seenText(close)).toBe("Chiudi l'account (su richiesta)");
  }
  // A role to revoke is named after its holder too.
  const row = table.getByRole("row", { name: /Nomina Primadonna/ });
  await row
    .getByRole("combobox", { name: "Ruolo per Nomina Primadonna" })
    .selectOption({ label: "Incarico di formazione" });
  await row.getByRole("button", { name: "Assegna a Nomina Primadonna" }).click();
  // The trainer's role says what it is: "Formazione" alone read as the training itself ("Revoca Formazione a …").
  await expect(
    row.getByRole("link", { name: "Revoca Incarico di formazione a Nomina Primadonna", exact: true }),
  ).toBeVisible();
  await row.getByText("Storico dei ruoli (1)").click();
  await expect(row.getByRole("listitem").filter({ hasText: "assegnato da" })).toHaveText(
    /: ruolo Incarico di formazione assegnato da Unità nazionale eTwinning$/,
  );

  // Revoked with the keyboard: the row's link opens the second step, whose heading takes the focus; its button
  // goes with the role, so the focus comes to the person's roles, where the outcome is, and the announcer reads it.
  // It was at the top of the page, with the focus on the <h1>: away from the row, above the fold of a phone.
  await row.getByRole("link", { name: "Revoca Incarico di formazione a Nomina Primadonna", exact: true }).focus();
  await page.keyboard.press("Enter");
  const step = main(page).getByRole("region", {
    name: "Revocare il ruolo Incarico di formazione a Nomina Primadonna?",
  });
  await expect(step.getByRole("heading")).toBeFocused();
  await step.getByRole("button", { name: "Revoca il ruolo" }).focus();
  await page.keyboard.press("Enter");
  const roles = row.locator('td[id^="roles-"]');
  await expect(roles.getByRole("status")).toHaveText("Ruolo revocato.");
  await expect(roles).toBeFocused();
  await expect(roles).toBeInViewport();
  await expect(roles.getByText("Solo docente", { exact: true })).toBeVisible();
  await expect(page.locator("#annuncio-esito")).toHaveText("Ruolo revocato.");
  await expect(main(page).locator(".alert")).toHaveCount(0);
  expect(new URL(page.url()).hash).toMatch(/^#roles-/);
  expect(errors).toEqual([]);
});

test("the outcome a page shows after a form sent with the keyboard takes the focus and starts the page's title", async ({
  page,
}) => {
  // The outcome ("Iscrizione annullata.") is an alert the next page renders already filled: screen readers do not
  // announce a live region that appears with its text. It was repeated in one polite live region after the focused
  // <h1>; a full page load (no JavaScript) said nothing at all (review of the teacher's pages, 07/12/2026). Now, as
  // GOV.UK's success banner: a region named by its heading, focused, and the page's title starts with the outcome.
  await createTeacher(page, { region: "Toscana" });
  await openEventFromCatalogue(
    page,
    "Seminario regionale Toscana progettare",
    /^Seminario regionale eTwinning Toscana: progettare/,
  );
  await hydrated(page);
  await main(page)
    .getByRole("link", { name: /^Iscriviti all'edizione 1/ })
    .focus();
  await page.keyboard.press("Enter");
  await main(page).getByRole("button", { name: "Conferma l'iscrizione" }).focus();
  await page.keyboard.press("Enter");
  const enrolled = main(page).getByRole("region", {
    name: /^Iscrizione confermata: hai un posto in «Seminario regionale eTwinning Toscana/,
  });
  await expect(enrolled).toBeFocused();
  await expect(enrolled.getByRole("heading", { level: 2 })).toBeVisible();
  await expect(page).toHaveTitle("Iscrizione confermata – Le mie iscrizioni · Forma");
  // Read where the focus is: not a second time by the live region.
  const announcer = page.locator("#annuncio-esito");
  await expect(announcer).toHaveAttribute("aria-live", "polite");
  await expect(announcer).toHaveText("");

  await main(page).getByRole("button", { name: "Annulla l'iscrizione" }).focus();
  await page.keyboard.press("Enter");
  // Opening the confirmation step shows no outcome: nothing is announced.
  await expect(main(page).getByRole("heading", { name: "Vuoi annullare l'iscrizione?" })).toBeFocused();
  await expect(announcer).toHaveText("");
  // The optional reason comes first, then the confirming button.
  await page.keyboard.press("Tab");
  await expect(main(page).getByRole("textbox", { name: "Motivo (facoltativo)" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(main(page).getByRole("button", { name: "Sì, annulla l'iscrizione" })).toBeFocused();
  await page.keyboard.press("Enter");
  const cancelled = main(page).getByRole("region", { name: "Iscrizione annullata." });
  await expect(cancelled).toBeFocused();
  await expect(main(page).getByRole("status")).toHaveText("Iscrizione annullata.");
  await expect(page).toHaveTitle("Iscrizione annullata – Le mie iscrizioni · Forma");
  await expect(announcer).toHaveText("");
  // The next page's title is its own again.
  await page.getByRole("banner").getByRole("link", { name: "Il mio piano" }).click();
  await expect(page).toHaveTitle("Il mio piano formativo · Forma");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the page an enrolment redirects to starts its title with the outcome, read first on load", async ({ page }) => {
    await createTeacher(page, { region: "Toscana" });
    await enrolFromCatalogue(page, "Seminario regionale Toscana progettare", /^Seminario regionale eTwinning Toscana/);
    await expect(page).toHaveTitle("Iscrizione confermata – Le mie iscrizioni · Forma");
    await expect(main(page).getByRole("region", { name: /^Iscrizione confermata: hai un posto in/ })).toBeVisible();
  });
});

test("saving an event, or copying one, focuses the outcome the event's page shows and starts its title with it", async ({
  page,
}) => {
  // The event's page showed "Evento salvato." and "Copia creata come bozza…" in boxes without
  // role="status", so the announcer did not repeat them: after the form (another page) the screen
  // reader read the event's title and nothing else, and the copy's instruction was lost (WCAG 4.1.3).
  // Now, as the teacher's pages (review of 07/12/2026): a region named by its heading, focused, and the title.
  const { eventId, title } = await createBlendedEvent();
  await loginAs(page, "admin", { redirectTo: `/gestione/eventi/${eventId}/modifica` });
  await hydrated(page);
  const announcer = page.locator("#annuncio-esito");
  await main(page).getByRole("button", { name: "Salva le modifiche" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/gestione/eventi/${eventId}\\?esito=salvato$`));
  await expect(main(page).getByRole("region", { name: "Evento salvato." })).toBeFocused();
  await expect(main(page).getByRole("status")).toHaveText("Evento salvato.");
  await expect(page).toHaveTitle(`Evento salvato – Gestione · ${title} · Forma`);
  await expect(announcer).toHaveText("");

  await main(page).getByRole("link", { name: "Copia come bozza" }).click();
  await main(page).getByRole("button", { name: "Crea la copia" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\?esito=copiato$/);
  const copied = "Copia creata come bozza: controlla date e dettagli, poi pubblicala.";
  await expect(main(page).getByRole("region", { name: copied })).toBeFocused();
  await expect(main(page).getByRole("status")).toHaveText(copied);
  await expect(page).toHaveTitle(new RegExp(`^Copia creata come bozza – Gestione · `));
  await expect(announcer).toHaveText("");
});

test("the same outcome twice is announced twice: a second save of the profile says 'Profilo aggiornato.' again", async ({
  page,
}) => {
  await createTeacher(page, {}, { redirectTo: "/profilo" });
  await hydrated(page);
  // Every text the announcer is given, in order.
  await page.evaluate(() => {
    const region = document.getElementById("annuncio-esito")!;
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => region.textContent && said.push(region.textContent)).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  const said = () => page.evaluate(() => (window as unknown as { said: string[] }).said);
  const profile = main(page).locator("form#profile");
  const school = profile.getByRole("textbox", { name: /^Scuola \(denominazione\)/ });
  const save = profile.getByRole("button", { name: "Salva il profilo" });
  await school.fill("IC Prato 1");
  await save.click();
  await expect.poll(said).toEqual(["Profilo aggiornato."]);
  await school.fill("IC Prato 2");
  await save.click();
  await expect.poll(said).toEqual(["Profilo aggiornato.", "Profilo aggiornato."]);
  // A search or a link repeats nothing already shown: following the same page's link is not an outcome.
  await page.evaluate(() =>
    (window as unknown as { __remixRouter: { navigate: (to: string) => void } }).__remixRouter.navigate(
      "/profilo?fatto=profilo",
    ),
  );
  await expect(page).toHaveURL(/\?fatto=profilo/);
  await page.waitForTimeout(400);
  expect(await said()).toEqual(["Profilo aggiornato.", "Profilo aggiornato."]);
});

test("the preview of a message and of a placement takes the focus on its heading, as the bulk move's does", async ({
  page,
}) => {
  // The count, the sample email, "Invia a N persone" and the placement's verdict appeared below the button
  // unannounced: the focus stayed on "Mostra l'anteprima" and a screen reader read nothing (WCAG 4.1.3).
  const { suffix } = await createTwoEditionEvent();
  await loginAs(page, "referenteToscana", { redirectTo: `/gestione/edizioni/e2e_ed1_${suffix}/messaggi` });
  await hydrated(page);
  const compose = page.locator("form#messaggio-partecipanti");
  await compose.getByLabel(/^Oggetto/).fill("Materiali del seminario");
  await compose.getByLabel(/^Testo/).fill("Buongiorno,\n\ni materiali sono nella pagina dell'evento.");
  await compose.getByRole("button", { name: "Mostra l'anteprima" }).focus();
  await page.keyboard.press("Enter");
  await expect(main(page).getByRole("heading", { level: 2, name: "Anteprima" })).toBeFocused();

  await page.goto(`/gestione/edizioni/e2e_ed1_${suffix}/inserisci`);
  await hydrated(page);
  const form = page.locator("form#inserisci-partecipante");
  await form.getByLabel(/^Email della persona da inserire/).fill(`nessuno-${suffix}@scuola.example.it`);
  await form.getByRole("button", { name: "Mostra l'anteprima" }).focus();
  await page.keyboard.press("Enter");
  await expect(main(page).getByTestId("placement-check")).toHaveAttribute("data-check", "unknown");
  await expect(main(page).getByRole("heading", { level: 2, name: "Anteprima" })).toBeFocused();
});

test("the webinar import's preview takes the focus on its heading; a refused file marks the file field, described by the error", async ({
  page,
}) => {
  // The preview and its "Conferma e salva nel registro" appeared below the button unannounced (WCAG 4.1.3), and a
  // refused file's error was said at the top with nothing on the file field (WCAG 3.3.1).
  const { sessionId } = await createRegisterFixture(["Ceri"]);
  await loginAs(page, "trainer", { redirectTo: `/formazione/incontri/${sessionId}/importa` });
  await hydrated(page);
  const file = main(page).getByLabel("File CSV del report");
  const upload = main(page).getByRole("button", { name: "Carica e mostra l'anteprima" });
  await expect(file).not.toHaveAttribute("aria-invalid");

  await file.setInputFiles({ name: "report.csv", mimeType: "text/csv", buffer: Buffer.from("Nome;Telefono\nA;1\n") });
  await upload.focus();
  await page.keyboard.press("Enter");
  await expect(main(page).getByTestId("import-error")).toContainText("Colonne mancanti: Email");
  await expect(file).toHaveAttribute("aria-invalid", "true");
  await expect(file).toHaveAccessibleDescription(/Colonne mancanti: Email/);

  await file.setInputFiles({
    name: "report.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("Nome;Email;Minuti\nOspite;ospite.focus@example.com;60\n"),
  });
  await upload.focus();
  await page.keyboard.press("Enter");
  await expect(main(page).getByRole("heading", { level: 2, name: "Anteprima" })).toBeFocused();
  await expect(main(page).getByTestId("import-error")).toHaveCount(0);
  await expect(file).not.toHaveAttribute("aria-invalid");
  await expect(file).toHaveAccessibleDescription("Al massimo 2 MB; codifica UTF-8, UTF-16 o Windows-1252.");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("adding or deleting a session or an edition in the event form comes back at that list, not at the top", async ({
    page,
  }) => {
    // Without JavaScript each add or delete button sends the form and the server answers with it
    // updated: the new page opened at its top, and on a 390 px phone the person had to find their
    // place again about 5,000 px further down, at every row they added (found 04/12/2026).
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(page, "referenteToscana", { redirectTo: "/gestione/eventi/nuovo" });
    const form = main(page);
    await form.getByRole("textbox", { name: /^Titolo \(obbligatorio\)/ }).fill("Seminario senza script");
    const addSession = form.getByRole("button", { name: "Aggiungi un incontro all'edizione 1" });
    await addSession.click();
    await expect(form.getByRole("group", { name: /^Incontro \d+$/ })).toHaveCount(2);
    await expect(addSession).toBeInViewport();
    await expect(form.getByRole("textbox", { name: /^Titolo \(obbligatorio\)/ })).toHaveValue("Seminario senza script");

    await form.getByRole("button", { name: "Elimina l'incontro 2" }).click();
    await expect(form.getByRole("group", { name: /^Incontro \d+$/ })).toHaveCount(1);
    await expect(addSession).toBeInViewport();

    const addEdition = form.getByRole("button", { name: "Aggiungi un'edizione" });
    await addEdition.click();
    await expect(form.getByRole("button", { name: "Elimina l'edizione 2" })).toBeVisible();
    await expect(addEdition).toBeInViewport();
    await form.getByRole("button", { name: "Elimina l'edizione 2" }).click();
    await expect(form.getByRole("button", { name: "Elimina l'edizione 2" })).toHaveCount(0);
    await expect(addEdition).toBeInViewport();
  });
});
