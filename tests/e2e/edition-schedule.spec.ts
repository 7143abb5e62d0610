// The event form on the real pages: a cancelled edition is shown read-only (its days and sessions as
// text, no field, no button to add or remove a session) and the form still saves, even with a session
// stored in the hour Rome lives twice (ADR 0084: a locked schedule is not sent nor checked); a session time typed
// in the hour Rome lives twice (25/10/2026 02:30) or skips (28/03/2027 02:30) is refused with its own
// message, in Italian and in English, with what was typed kept in the field (ADR 0080).
import { expect, test, type Page } from "@playwright/test";
import { createTwoEditionEvent, storeFirstSessionAt } from "./support/database.ts";
import { expectNoA11yViolations, loginAs } from "./support/index.ts";

const main = (page: Page) => page.getByRole("main");

test("a cancelled edition is read-only in the event form, and a time Rome lives twice or skips is refused", async ({
  page,
}) => {
  const { suffix } = await createTwoEditionEvent();
  const eventId = `e2e_ev_${suffix}`;
  await loginAs(page, "referenteToscana", { redirectTo: `/gestione/edizioni/e2e_ed1_${suffix}?annulla=1` });
  await main(page)
    .getByRole("textbox", { name: /^Motivo dell'annullamento/ })
    .fill("Il relatore non è disponibile.");
  await main(page).getByRole("button", { name: "Sì, annulla l'edizione" }).click();
  await expect(page).toHaveURL(new RegExp(`/gestione/edizioni/e2e_ed1_${suffix}\\?fatto=`));

  // Its first session stored at 25/10/2026 02:30 (the hour Rome lives twice), as data from before the
  // form checked clock changes may be: read-only, it is shown and neither sent back nor checked (ADR 0084).
  await storeFirstSessionAt(
    `e2e_ed1_${suffix}`,
    new Date("2026-10-25T00:30:00.000Z"),
    new Date("2026-10-25T02:30:00.000Z"),
  );
  await page.goto(`/gestione/eventi/${eventId}/modifica`);
  const first = main(page).getByRole("group", { name: "Edizione 1" });
  await expect(first.getByText(/25\/10\/2026, 02:30/)).toBeVisible();
  const second = main(page).getByRole("group", { name: "Edizione 2" });
  await expect(first.getByText(/^Edizione annullata: le sue date e i suoi incontri/)).toBeVisible();
  // Nothing of the cancelled edition can be typed or pressed; the other edition keeps its controls.
  await expect(first.getByRole("textbox")).toHaveCount(0);
  await expect(first.getByRole("button")).toHaveCount(0);
  await expect(main(page).getByRole("button", { name: "Aggiungi un incontro all'edizione 1" })).toHaveCount(0);
  await expect(main(page).getByRole("button", { name: "Aggiungi un incontro all'edizione 2" })).toBeVisible();
  await expectNoA11yViolations(page);

  // Saved with its cancelled edition as it is, the form goes through (the copied event has no
  // audiences or themes yet: one of each).
  // Bootstrap Italia draws the box on the label (the input itself is styled away): click the label.
  for (const label of ["Scuola primaria", "Docente", "Inclusione scolastica e sociale"]) {
    await main(page).getByText(label, { exact: true }).click();
    await expect(main(page).getByRole("checkbox", { name: label, exact: true })).toBeChecked();
  }
  await main(page).getByRole("button", { name: "Salva le modifiche" }).click();
  await expect(page).toHaveURL(new RegExp(`/gestione/eventi/${eventId}\\?esito=salvato`));

  // 25/10/2026 02:30 happens twice (summer time ends): refused, kept as typed.
  await page.goto(`/gestione/eventi/${eventId}/modifica`);
  const start = second.getByLabel(/^Inizio/).first();
  await start.fill("2026-10-25T02:30");
  await main(page).getByRole("button", { name: "Salva le modifiche" }).click();
  await expect(second.getByText(/Quest'ora in Italia c'è due volte/)).toBeVisible();
  await expect(start).toHaveValue("2026-10-25T02:30");
  await expect(page).toHaveURL(new RegExp(`/gestione/eventi/${eventId}/modifica`));

  // In English, 28/03/2027 02:30 (it does not exist: summer time starts).
  // ?lang=en, not the header's switch: the switch saves the language in the demo account, which the
  // specs running beside this one use in Italian.
  await page.goto(`${new URL(page.url()).pathname}?lang=en`);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const startEn = main(page)
    .getByRole("group", { name: "Edition 2" })
    .getByLabel(/^Start(?! date)/)
    .first();
  await startEn.fill("2027-03-28T02:30");
  await main(page).getByRole("button", { name: "Save changes" }).click();
  // Beside the field (the error summary at the top says it too, as a link to it).
  await expect(
    main(page)
      .getByRole("group", { name: "Edition 2" })
      .getByText(/This time does not exist in Italy/),
  ).toBeVisible();
  await expect(startEn).toHaveValue("2027-03-28T02:30");
});

test("an edition's hours tally says in words that the event's certified hours are not set yet, in Italian and in English", async ({
  page,
}) => {
  // It read "0 / – ore certificate": a dash for the missing number, which a screen reader reads as nothing or as
  // "meno" (found in a QA pass on the event form, 05/12/2026).
  await loginAs(page, "referenteToscana", { redirectTo: "/gestione/eventi/nuovo" });
  const tally = main(page).getByTestId("hours-tally");
  await expect(tally).toHaveText("0 ore negli incontri; le ore certificate dell'evento non sono ancora indicate");
  await expectNoA11yViolations(page);
  await main(page)
    .getByRole("textbox", { name: /^Ore certificate/ })
    .fill("25");
  await expect(tally).toHaveText("0 ore negli incontri; ore certificate dell'evento: 25 ore");

  await page.goto("/gestione/eventi/nuovo?lang=en");
  await expect(main(page).getByTestId("hours-tally")).toHaveText(
    "0 hours in the sessions; the event's certified hours are not set yet",
  );
});
