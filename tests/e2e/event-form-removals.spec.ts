// The edit form says beforehand what a save will refuse or do (publishing review of the event form, ADR 0080 addendum):
// an edition holding places and a session with register lines offer no removal, with a note why in its place (the
// save refuses them, and with JavaScript the part removed was lost from the page); a session's materials are named
// as going with it; the published event's warning says which changes email participants; and a save that moves the
// editions' numbers says which on the saved page, as it says how many seated people a narrower audience leaves out.
import { expect, test, type Page } from "@playwright/test";
import { createTwoEditionEvent, recordAndMaterialOnTwoEditions } from "./support/database.ts";
import { expectNoA11yViolations, hydrated, loginAs } from "./support/index.ts";

const main = (page: Page) => page.getByRole("main");

test("the event form offers only the removals the save makes, and says what a save changes for participants", async ({
  page,
}) => {
  const { suffix } = await createTwoEditionEvent();
  await recordAndMaterialOnTwoEditions(suffix);
  const eventId = `e2e_ev_${suffix}`;
  await loginAs(page, "referenteToscana", { redirectTo: `/gestione/eventi/${eventId}/modifica` });
  await hydrated(page);
  const form = main(page);

  // Published: the warning names what emails the people enrolled.
  await expect(form.getByText(/^L'evento è pubblicato/)).toContainText(
    "Chi è iscritto riceve un'email se cambi gli incontri (orari, modalità di svolgimento o luogo, incontri aggiunti o eliminati) oppure la modalità, la sede o il link online dell'evento. La ricevono anche le persone con un posto offerto o in lista d'attesa",
  );
  await expect(form.getByText(/^Ogni edizione ha i suoi posti/)).toContainText("Le edizioni sono numerate per data");

  // Edition 1 holds places: no removal, a note with a link to its own page. Its first session has a register line.
  const first = form.getByRole("group", { name: "Edizione 1" });
  await expect(form.getByRole("button", { name: "Elimina l'edizione 1" })).toHaveCount(0);
  await expect(first.getByText(/^L'edizione 1 ha già persone iscritte o in lista d'attesa/)).toBeVisible();
  // In a new tab, said in its name: following it must not lose the form's unsaved changes.
  const editionLink = first.getByRole("link", { name: "pagina dell'edizione 1 (si apre in una nuova scheda)" });
  await expect(editionLink).toHaveAttribute("href", `/gestione/edizioni/e2e_ed1_${suffix}`);
  await expect(editionLink).toHaveAttribute("target", "_blank");
  await expect(first.getByRole("button", { name: "Elimina l'incontro 1" })).toHaveCount(0);
  await expect(
    first.getByText("L'incontro 1 resta nell'edizione: ha già presenze registrate o attività completate."),
  ).toBeVisible();
  await expect(first.getByRole("button", { name: "Elimina l'incontro 2" })).toBeVisible();

  // Edition 2 has no places: it may go; its last session may go too, and its button says the material goes with it.
  const second = form.getByRole("group", { name: "Edizione 2" });
  await expect(second.getByRole("button", { name: "Elimina l'edizione 2" })).toBeVisible();
  await expect(second.getByRole("button", { name: "Elimina l'incontro 2" })).toHaveAccessibleDescription(
    "L'incontro 2 ha un materiale (file o link): se elimini l'incontro e salvi, il materiale viene eliminato con l'incontro.",
  );
  await expect(second.getByRole("button", { name: "Elimina l'incontro 1" })).not.toHaveAccessibleDescription(
    /materiale/,
  );
  await expectNoA11yViolations(page);

  // Edition 2 moved to the day before edition 1 becomes edition 1: the saved page says both numbers changed.
  const firstStart = await first.getByLabel(/^Data di inizio/).inputValue();
  const dayBefore = new Date(Date.parse(`${firstStart}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  await second.getByLabel(/^Data di inizio/).fill(dayBefore);
  // The copied event has no audiences or themes yet: one of each (Bootstrap Italia draws the box on the label), the
  // school level and role of the teacher waiting in edition 1 (corsista03, upper secondary): one that left her out
  // of the audience would be refused while she waits (ADR 0011 addendum); the seated ones keep their seats.
  for (const label of ["Secondaria di II grado", "Docente", "Inclusione scolastica e sociale"]) {
    await form.getByText(label, { exact: true }).click();
    await expect(form.getByRole("checkbox", { name: label, exact: true })).toBeChecked();
  }
  await form.getByRole("button", { name: "Salva le modifiche" }).click();
  await expect(page).toHaveURL(new RegExp(`/gestione/eventi/${eventId}\\?esito=salvato&numeri=`));
  const outcome = main(page).getByRole("status").filter({ hasText: "Evento salvato." });
  await expect(outcome).toContainText("Le edizioni sono numerate per data di inizio: 2 edizioni hanno cambiato numero");
  await expect(outcome.getByRole("list").first().getByRole("listitem")).toHaveText([
    "L'edizione 2 ora è l'edizione 1.",
    "L'edizione 1 ora è l'edizione 2.",
  ]);
  // The audience now leaves out the two seated teachers (primary and lower secondary): they keep their seats, and the
  // saved page says how many, in the edition now numbered 2, with a link to its seated people.
  await expect(outcome).toContainText(
    "2 persone che hanno già un posto non rientrano più nel pubblico dell'evento: mantengono il posto.",
  );
  await expect(outcome.getByRole("list").nth(1).getByRole("listitem")).toHaveText([
    "Edizione 2: 2 persone. Chi ha un posto nell'edizione 2",
  ]);
  await expect(outcome.getByRole("link", { name: "Chi ha un posto nell'edizione 2" })).toHaveAttribute(
    "href",
    `/gestione/edizioni/e2e_ed1_${suffix}?stato=iscritto`,
  );
  await expectNoA11yViolations(page);

  // In English too.
  await page.goto(`/gestione/eventi/${eventId}/modifica?lang=en`);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(main(page).getByText(/^The event is published/)).toContainText("People enrolled get an email");
  await expect(main(page).getByText(/^Edition 2 already has people enrolled/)).toBeVisible();
});

test("a cancelled edition in the event form skips no heading level: its sessions' title is not an h3 after the h1", async ({
  page,
}) => {
  // A locked edition (cancelled, or its register closed) lists its sessions under "Incontri dell'edizione N",
  // which was an h3 straight after the page's h1 (review 0017, WCAG 1.3.1).
  const { suffix } = await createTwoEditionEvent();
  const eventId = `e2e_ev_${suffix}`;
  await loginAs(page, "referenteToscana", { redirectTo: `/gestione/edizioni/e2e_ed2_${suffix}?annulla=1` });
  await main(page)
    .getByRole("textbox", { name: /^Motivo dell'annullamento/ })
    .fill("Aula non disponibile");
  await main(page).getByRole("button", { name: "Sì, annulla l'edizione" }).click();
  await expect(main(page).getByRole("button", { name: "Sì, annulla l'edizione" })).toHaveCount(0);

  await page.goto(`/gestione/eventi/${eventId}/modifica`);
  const locked = main(page).getByRole("group", { name: "Edizione 2" });
  await expect(locked.getByText(/^Edizione annullata: le sue date e i suoi incontri restano come sono/)).toBeVisible();
  const levels = await main(page)
    .locator("h1, h2, h3, h4, h5, h6")
    .evaluateAll((headings) => headings.map((h) => Number(h.tagName[1])));
  expect(levels[0]).toBe(1);
  for (let i = 1; i < levels.length; i++) {
    expect(levels[i]! - levels[i - 1]!, `heading ${i + 1} of ${levels.join(", ")}`).toBeLessThanOrEqual(1);
  }
  // Its sessions are still named by that text, now the list's name.
  await expect(locked.getByRole("list", { name: "Incontri dell'edizione 2" })).toBeVisible();
  await expectNoA11yViolations(page);
});
