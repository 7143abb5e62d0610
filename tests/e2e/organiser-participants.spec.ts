// The Toscana referent's participant list of a real edition (issue 15, items 2 and 5), through the
// real pages: the events list counts places per status; the edition page searches by name and
// filters by status (GET parameters in the URL); a participant is moved to the event's other
// edition after a confirmation step (the next in line takes the freed seat); the certificates of
// the edition download as one ZIP of PDFs; the letterhead is set from the profile. Every new or
// changed page passes axe at 390 and 1366 px. The event is a copy of the seeded regional seminar
// made for this spec (tests/e2e/support/database.ts), so no other spec's counts change.
import { expect, test, type Page } from "@playwright/test";
import { unzipSync } from "fflate";
import fs from "node:fs";
import { createTwoEditionEvent, openToAllRegions } from "./support/database.ts";
import { expectNoA11yViolationsAtBothWidths, hydrated, loginAs } from "./support/index.ts";
import { solidPng } from "../support/png.ts";

const main = (page: Page) => page.getByRole("main");

test("a referent searches, filters and moves participants, and downloads the edition's certificates", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const { title, suffix } = await createTwoEditionEvent();
  const edition1 = `/gestione/edizioni/e2e_ed1_${suffix}`;
  // The events list: places per status of each event (signed in straight onto it).
  await loginAs(page, "referenteToscana", { redirectTo: "/gestione/eventi" });
  const row = main(page).getByRole("row", { name: new RegExp(title) });
  await expect(row.getByTestId("event-places")).toContainText("2 persone iscritte");
  await expect(row.getByTestId("event-places")).toContainText("1 in lista d'attesa");
  await expectNoA11yViolationsAtBothWidths(page);

  // The participant list: everyone, then a search by name, then a filter by status.
  await page.goto(edition1);
  const list = main(page).getByTestId("participants");
  await expect(main(page).getByTestId("participants-found")).toHaveText("3 persone trovate.");
  await main(page).getByLabel("Cerca per nome, email o scuola").fill("BARTOLI");
  await main(page).getByRole("button", { name: "Cerca", exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=BARTOLI/);
  await expect(main(page).getByTestId("participants-found")).toHaveText("1 persona trovata.");
  await expect(list).toContainText("Bartoli Marco");
  await main(page).getByLabel("Cerca per nome, email o scuola").fill("");
  await main(page).getByLabel("Stato", { exact: true }).selectOption("in-attesa");
  await main(page).getByRole("button", { name: "Cerca", exact: true }).click();
  await expect(page).toHaveURL(/[?&]stato=in-attesa/);
  await expect(list.getByRole("row")).toHaveCount(2);
  await expect(list).toContainText("Cecchi Elena");
  await expect(list).toContainText("posizione 1");
  // …and by the region of each person's profile (all three are in Toscana).
  await main(page).getByLabel("Regione del profilo", { exact: true }).selectOption({ label: "Lazio" });
  await main(page).getByRole("button", { name: "Cerca", exact: true }).click();
  await expect(page).toHaveURL(/[?&]stato=in-attesa&regione=lazio/);
  await expect(main(page).getByTestId("participants-found")).toHaveText("Nessuna persona trovata.");
  await main(page).getByLabel("Regione del profilo", { exact: true }).selectOption({ label: "Toscana" });
  await main(page).getByRole("button", { name: "Cerca", exact: true }).click();
  await expect(main(page).getByTestId("participants-found")).toHaveText("1 persona trovata.");
  await expectNoA11yViolationsAtBothWidths(page);

  // Move Bartoli to edition 2: the confirmation step first, nothing changes before it.
  await page.goto(edition1);
  await list.getByRole("link", { name: "Sposta in un'altra edizione Bartoli Marco" }).click();
  const step = main(page).getByTestId("move-step");
  await expect(step.getByRole("heading", { name: "Spostare Marco Bartoli in un'altra edizione?" })).toBeVisible();
  await expect(step.getByRole("radio", { name: /Edizione 2/ })).toBeChecked();
  await expect(step).toContainText("3 posti liberi");
  await expectNoA11yViolationsAtBothWidths(page);
  await step.getByLabel("Motivo (facoltativo, comunicato alla persona)").fill("Richiesta della scuola");
  await step.getByRole("button", { name: "Conferma lo spostamento" }).click();
  await expect(main(page).getByTestId("moved")).toHaveText(
    "Spostamento fatto: la persona ha un posto nella nuova edizione.",
  );
  // Bartoli's place ended here with its history; the waiting teacher took the freed seat.
  await expect(main(page).getByRole("row", { name: /Bartoli Marco/ })).toContainText(
    "Iscrizione spostata in un'altra edizione",
  );
  await expect(main(page).getByRole("row", { name: /Cecchi Elena/ })).toContainText("Iscrizione confermata");
  await expect(main(page).getByTestId("count-waitlisted")).toHaveText("0");
  // A move is counted among the places that ended, whose label says so (it read "Iscrizioni annullate o rimosse").
  await expect(main(page).getByTestId("count-ended")).toHaveText("1");
  await expect(main(page).getByTestId("edition-counts")).toContainText(
    "Iscrizioni concluse (annullate, rimosse, spostate, non selezionate, offerte scadute o rifiutate, attese finite con l'edizione)",
  );
  // The edition's change log says who moved whom where, and why.
  const log = main(page).getByRole("table", { name: "Registro delle modifiche dell'edizione" });
  await expect(log).toContainText("Spostamento di Marco Bartoli all'edizione 2: Richiesta della scuola");
  await expect(log).toContainText("Giulia Conti");
  await expectNoA11yViolationsAtBothWidths(page);

  // Albani holds a certificate here: neither a move nor a removal is offered (the ledger refuses both).
  const albani = main(page).getByRole("row", { name: /Albani Chiara/ });
  await expect(albani).toContainText("Attestato rilasciato");
  await expect(albani.getByRole("link", { name: /^Sposta in un'altra edizione/ })).toHaveCount(0);
  await expect(albani.getByRole("button", { name: /^Rimuovi/ })).toHaveCount(0);

  // The edition's certificates as one ZIP of PDFs.
  await page.goto(edition1);
  const downloading = page.waitForEvent("download");
  await main(page).getByRole("link", { name: "Scarica tutti gli attestati (ZIP)" }).click();
  const download = await downloading;
  const files = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
  const names = Object.keys(files);
  expect(names).toEqual([expect.stringMatching(/^attestato-Chiara-Albani-E2E1[A-Z0-9]+\.pdf$/)]);
  expect(Buffer.from(files[names[0]!]!.subarray(0, 5)).toString("latin1")).toBe("%PDF-");

  // The letterhead of the certificates, from the profile.
  await page.goto("/profilo");
  await main(page).getByRole("link", { name: "Imposta la carta intestata" }).click();
  await expect(main(page).getByRole("heading", { level: 1, name: "Carta intestata degli attestati" })).toBeVisible();
  await expect(page).toHaveTitle(/^Carta intestata degli attestati · Forma/);
  await expectNoA11yViolationsAtBothWidths(page);
  await main(page)
    .getByLabel("Carica un'immagine")
    .first()
    .setInputFiles({
      name: "logo.png",
      mimeType: "image/png",
      buffer: solidPng(8, 8),
    });
  await main(page).getByLabel("Nome e cognome del firmatario").fill("Dott.ssa Carla Núñez");
  await main(page)
    .getByLabel(/^Ruolo del firmatario/)
    .fill("Dirigente dell'Ufficio III");
  await main(page).getByRole("button", { name: "Salva la carta intestata" }).click();
  await expect(main(page).getByRole("status")).toHaveText("Carta intestata salvata.");
  await expect(main(page).getByRole("img", { name: "Logo attuale" })).toBeVisible();
  await expectNoA11yViolationsAtBothWidths(page);
});

test("closing an event asks for a confirmation first, and nothing changes until it is given", async ({ page }) => {
  // "Chiudi l'evento" closed the event at once, for good (no new enrolments, no more edits, no way
  // back), from a button beside "Copia l'evento" that a thumb on a phone reaches by mistake.
  const { suffix } = await createTwoEditionEvent();
  const path = `/gestione/eventi/e2e_ev_${suffix}`;
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, "referenteToscana", { redirectTo: path });
  const status = main(page).getByText(/^Stato: /);
  await expect(status).toHaveText("Stato: Pubblicato");
  await hydrated(page);

  // The first step only opens the second (a GET), which takes the focus and says what will happen.
  await main(page).getByRole("button", { name: "Chiudi l'evento" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\?chiudi=1#chiudi-evento-title$/);
  const step = main(page).getByRole("region", { name: /^Vuoi chiudere l'evento «Seminario spostamenti/ });
  await expect(step.getByRole("heading", { level: 2 })).toBeFocused();
  await expect(step).toContainText("non si potrà riaprire");
  await expect(status).toHaveText("Stato: Pubblicato");
  await expectNoA11yViolationsAtBothWidths(page);
  // Keeping it open changes nothing.
  await step.getByRole("link", { name: "No, torna all'evento" }).click();
  await expect(step).toHaveCount(0);
  await expect(status).toHaveText("Stato: Pubblicato");

  // A status change to "chiuso" without the confirmation (an old page, a replayed form) is refused.
  const origin = new URL(page.url()).origin;
  const unconfirmed = await page.request.post(path, {
    form: { intent: "status", to: "chiuso" },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(unconfirmed.status()).toBe(400);
  await page.reload();
  await expect(status).toHaveText("Stato: Pubblicato");

  await main(page).getByRole("button", { name: "Chiudi l'evento" }).click();
  await step.getByRole("button", { name: "Sì, chiudi l'evento" }).click();
  await expect(status).toHaveText("Stato: Chiuso");
  await expect(main(page).getByText("Stato aggiornato: Chiuso.")).toBeVisible();
});

test("closing an edition's enrolment asks for a confirmation first, and nothing changes until it is given", async ({
  page,
}) => {
  // "Chiudi le iscrizioni ora" closed the edition to new enrolments at once and for good (there is
  // no way back to open), from a small button right above "Annulla l'edizione".
  const { suffix } = await createTwoEditionEvent();
  const path = `/gestione/edizioni/e2e_ed2_${suffix}`;
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, "referenteToscana", { redirectTo: path });
  const closedNote = main(page).getByText(/^Iscrizioni chiuse/);
  await hydrated(page);
  await main(page).getByRole("button", { name: "Chiudi le iscrizioni ora" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\?chiudi=1#chiudi-iscrizioni-title$/);
  const step = main(page).getByRole("region", { name: "Vuoi chiudere le iscrizioni all'edizione 2?" });
  await expect(step.getByRole("heading", { level: 2 })).toBeFocused();
  await expect(step).toContainText("non si potranno riaprire");
  await expect(closedNote).toHaveCount(0);
  await expectNoA11yViolationsAtBothWidths(page);
  await step.getByRole("link", { name: "No, torna all'edizione" }).click();
  await expect(step).toHaveCount(0);
  await expect(closedNote).toHaveCount(0);

  // Without the confirmation the action refuses and changes nothing.
  const unconfirmed = await page.request.post(path, {
    form: { intent: "close" },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(unconfirmed.status()).toBe(400);
  await page.reload();
  await expect(closedNote).toHaveCount(0);

  await main(page).getByRole("button", { name: "Chiudi le iscrizioni ora" }).click();
  await step.getByRole("button", { name: "Sì, chiudi le iscrizioni" }).click();
  await expect(main(page).getByText("Modifica salvata.")).toBeVisible();
  await expect(closedNote).toBeVisible();
});

test("a page of the events list past the last one shows the last page, with its way back", async ({ page }) => {
  // A kept link to a page that no longer exists (events fewer than when it was shared) said
  // "Eventi trovati: 4" and "Nessun evento da mostrare." at once, with no link to any event or page.
  await loginAs(page, "referenteToscana", { redirectTo: "/gestione/eventi?pagina=40" });
  await expect(main(page).getByText(/^Eventi trovati: \d+$/)).toBeVisible();
  await expect(main(page).getByText("Nessun evento da mostrare.")).toHaveCount(0);
  await expect(main(page).getByRole("table", { name: "Eventi gestiti" }).getByRole("link").first()).toBeVisible();
});

test("each participant's removal reason is named after the participant", async ({ page }) => {
  // Every row's field read "Motivo della rimozione (comunicato alla persona)": a screen reader's
  // list of fields gave the same name once per participant, with nothing to tell whose it was.
  const { suffix } = await createTwoEditionEvent();
  await loginAs(page, "referenteToscana", { redirectTo: `/gestione/edizioni/e2e_ed1_${suffix}` });
  const table = main(page).getByRole("table", { name: "Partecipanti dell'edizione" });
  for (const person of ["Bartoli Marco", "Cecchi Elena"]) {
    const row = table.getByRole("row", { name: new RegExp(person) });
    await expect(
      row.getByRole("textbox", {
        name: `Motivo della rimozione (comunicato alla persona) per ${person}`,
        exact: true,
      }),
    ).toBeVisible();
    await expect(row.getByRole("button", { name: `Rimuovi ${person}`, exact: true })).toBeVisible();
  }
});

test("a refused seat cap is told next to its field, where the referent is, on a phone", async ({ page }) => {
  // The refusal ("Non puoi scendere sotto…") was shown only at the top of the page, about 1,000 px
  // above the field on a 390 px phone: after pressing Enter nothing seemed to happen, and the field
  // itself was not marked invalid.
  const { suffix } = await createTwoEditionEvent();
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, "referenteToscana", { redirectTo: `/gestione/edizioni/e2e_ed1_${suffix}` });
  await hydrated(page);
  const cap = main(page).getByRole("spinbutton", { name: "Nuovo numero di posti" });
  await cap.fill("1");
  await cap.press("Enter");
  const error = main(page).getByText("Non puoi scendere sotto il numero di posti già assegnati.");
  await expect(error).toHaveCount(1);
  await expect(error).toBeInViewport();
  await expect(cap).toHaveAttribute("aria-invalid", "true");
  await expect(cap).toHaveAccessibleDescription("Non puoi scendere sotto il numero di posti già assegnati.");
  await expect(cap).toHaveValue("1");
  await expect(cap).toBeFocused();

  // The same without JavaScript: the page the server sends back opens at the field.
  const context = await page
    .context()
    .browser()!
    .newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
      baseURL: new URL(page.url()).origin,
    });
  await context.addCookies(await page.context().cookies());
  const noScript = await context.newPage();
  await noScript.goto(`/gestione/edizioni/e2e_ed1_${suffix}`);
  const capNoScript = main(noScript).getByRole("spinbutton", { name: "Nuovo numero di posti" });
  await capNoScript.fill("1");
  await capNoScript.press("Enter");
  await expect(main(noScript).getByText("Non puoi scendere sotto il numero di posti già assegnati.")).toBeInViewport();
  await expect(capNoScript).toHaveValue("1");
  await context.close();
});

test("a refused regional quota is told by its seats field, with what was typed, with and without JavaScript", async ({
  page,
}) => {
  // The refusal was a line at the top of a long page ("Scegli uno dei valori proposti." for a number out of
  // range), the fields were not marked, and without JavaScript the region and seats typed were lost.
  const { suffix } = await createTwoEditionEvent();
  await openToAllRegions(suffix); // a quota is for a region whose teachers may enrol
  const path = `/gestione/edizioni/e2e_ed2_${suffix}`; // 3 seats, none taken
  const message = "Non ci sono abbastanza posti generali liberi da riservare.";
  const quotaForm = async (p: Page) => {
    const section = main(p).getByRole("region", { name: "Quote riservate per regione" });
    return {
      region: section.getByRole("combobox", { name: "Regione" }),
      seats: section.getByRole("spinbutton", { name: "Posti riservati" }),
    };
  };
  await loginAs(page, "referenteToscana", { redirectTo: path });
  await hydrated(page);
  const { region, seats } = await quotaForm(page);
  await region.selectOption({ label: "Lazio" });
  await seats.fill("4");
  await seats.press("Enter");
  await expect(seats).toHaveAttribute("aria-invalid", "true");
  await expect(seats).toHaveAccessibleDescription(message);
  await expect(main(page).getByText(message)).toHaveCount(1);
  await expect(seats).toHaveValue("4");
  await expect(region).toHaveValue("lazio");
  await expectNoA11yViolationsAtBothWidths(page);

  const context = await page
    .context()
    .browser()!
    .newContext({ javaScriptEnabled: false, baseURL: new URL(page.url()).origin });
  await context.addCookies(await page.context().cookies());
  const noScript = await context.newPage();
  await noScript.goto(path);
  const form = await quotaForm(noScript);
  await form.region.selectOption({ label: "Lazio" });
  await form.seats.fill("4");
  await form.seats.press("Enter");
  await expect(form.seats).toHaveAttribute("aria-invalid", "true");
  await expect(form.seats).toHaveAccessibleDescription(message);
  await expect(form.seats).toBeInViewport();
  await expect(form.seats).toHaveValue("4");
  await expect(form.region).toHaveValue("lazio");
  await context.close();
});

test("releasing a regional quota is a second step that says what it does, named after the region", async ({ page }) => {
  // One tap on "Rilascia la quota" released it for good: the region could never have a quota again in the
  // edition, and its waiters were moved to the end of the general line and emailed.
  const { suffix } = await createTwoEditionEvent();
  await openToAllRegions(suffix); // a quota is for a region whose teachers may enrol
  const path = `/gestione/edizioni/e2e_ed2_${suffix}`; // 3 seats, none taken
  await loginAs(page, "referenteToscana", { redirectTo: path });
  await hydrated(page);
  const section = main(page).getByRole("region", { name: "Quote riservate per regione" });
  await section.getByRole("combobox", { name: "Regione" }).selectOption({ label: "Lazio" });
  await section.getByRole("spinbutton", { name: "Posti riservati" }).fill("2");
  await section.getByRole("button", { name: "Aggiungi la quota" }).click();
  await expect(main(page).getByText("Modifica salvata.")).toBeVisible();
  const quotas = section.getByTestId("quotas");
  const lazio = quotas.getByRole("row", { name: /^Lazio/ });

  // The first step only opens the second: nothing is released, and "Mantieni la quota" leaves it so.
  await lazio.getByRole("button", { name: "Rilascia i posti non usati (Lazio)", exact: true }).click();
  const step = main(page).getByTestId("rilascia-quota");
  await expect(step.getByRole("heading", { name: "Rilasciare i posti riservati: Lazio?" })).toBeFocused();
  await expect(step).toContainText("Il rilascio non si può annullare.");
  await expect(step).toContainText("2 posti liberi passano ai posti generali.");
  await expect(step).toContainText("Nessuna persona è in lista d'attesa per i posti riservati: Lazio.");
  await expect(step).toContainText("in questa edizione la regione non potrà più avere posti riservati.");
  await expectNoA11yViolationsAtBothWidths(page);
  await step.getByRole("link", { name: "Mantieni la quota" }).click();
  await expect(main(page).getByTestId("rilascia-quota")).toHaveCount(0);
  await expect(lazio).not.toContainText("rilasciata il");

  await lazio.getByRole("button", { name: "Rilascia i posti non usati (Lazio)", exact: true }).click();
  await main(page).getByTestId("rilascia-quota").getByRole("button", { name: "Sì, rilascia la quota" }).click();
  await expect(main(page).getByText("Modifica salvata.")).toBeVisible();
  await expect(lazio).toContainText("rilasciata il");
  await expect(lazio.getByRole("button")).toHaveCount(0);
});

test("a refused removal is told under that participant's reason, which is kept, and the top names whose", async ({
  page,
}) => {
  // "Indica il motivo." was shown only at the top of the page, several screens above the row on a phone, naming
  // no one, with no field marked and the reason typed lost.
  const { suffix } = await createTwoEditionEvent();
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, "referenteToscana", { redirectTo: `/gestione/edizioni/e2e_ed1_${suffix}` });
  await hydrated(page);
  const table = main(page).getByRole("table", { name: "Partecipanti dell'edizione" });
  const row = table.getByRole("row", { name: /Bartoli Marco/ });
  const reason = row.getByRole("textbox", { name: /^Motivo della rimozione/ });
  await reason.fill("   ");
  await row.getByRole("button", { name: "Rimuovi Bartoli Marco", exact: true }).click();
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toHaveAccessibleDescription("Indica il motivo.");
  await expect(row.getByRole("alert")).toHaveText("Indica il motivo.");
  await expect(row.getByRole("alert")).toBeInViewport();
  await expect(reason).toHaveValue("   ");
  await expect(main(page).getByRole("alert").first()).toHaveText(
    "Rimozione di Bartoli Marco non riuscita. Indica il motivo.",
  );
  // The other rows are untouched.
  const other = table.getByRole("row", { name: /Cecchi Elena/ }).getByRole("textbox");
  await expect(other).not.toHaveAttribute("aria-invalid", "true");
  await expect(table.getByRole("row", { name: /Bartoli Marco/ })).toHaveAttribute("data-status", "iscritto");
  await expectNoA11yViolationsAtBothWidths(page);
});
