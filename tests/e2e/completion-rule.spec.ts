// The completion rule in the organiser's event form: the Toscana referent edits a seeded draft
// (no other spec uses it), turns its session into a required asynchronous activity and sets the
// share of hours; a percent out of range is refused with the typed value kept; the event page
// then states the rule.
import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations, loginAs } from "./support/index.ts";

const DRAFT = "Seminario regionale eTwinning Toscana: Arezzo e Siena (in preparazione)";
const main = (page: Page) => page.getByRole("main");

test("an organiser sets the minimum share of hours and a required activity", async ({ page }) => {
  await loginAs(page, "referenteToscana", { redirectTo: "/gestione/eventi?stato=bozza" });
  await main(page).getByRole("link", { name: DRAFT }).click();
  await main(page).getByRole("link", { name: "Modifica l'evento" }).click();

  const percent = main(page).getByRole("spinbutton", { name: /^Percentuale minima di ore per l'attestato/ });
  await expect(percent).toHaveValue("75");
  const required = main(page).getByRole("checkbox", { name: "Attività obbligatoria per l'attestato" });
  await expect(required).not.toBeChecked();
  await main(page)
    .getByRole("combobox", { name: /^Modalità di svolgimento/ })
    .selectOption({ label: "Asincrona" });
  // An activity is named by its title alone: the form asks for one.
  await main(page).getByRole("textbox", { name: "Titolo dell'incontro o attività" }).fill("Lettura dei materiali");
  // Bootstrap Italia draws the box on the label (the input itself is styled away): click the label.
  await main(page).getByText("Attività obbligatoria per l'attestato", { exact: true }).click();
  await expect(required).toBeChecked();
  await expectNoA11yViolations(page);

  await percent.fill("150");
  await main(page).getByRole("button", { name: "Salva le modifiche" }).click();
  await expect(
    main(page).getByText("Indica la percentuale minima di ore con un numero intero da 1 a 100").first(),
  ).toBeVisible();
  await expect(percent).toHaveValue("150");

  await percent.fill("80");
  await main(page).getByRole("button", { name: "Salva le modifiche" }).click();
  await expect(page).toHaveURL(/\/gestione\/eventi\/[^/]+\?esito=salvato$/);
  // Stated as on the public page: "Attestato" then the rule.
  await expect(
    main(page)
      .getByRole("definition")
      .filter({ hasText: /^almeno l'80% delle ore e le attività obbligatorie$/ }),
  ).toBeVisible();
  await expect(main(page).getByRole("cell", { name: "Asincrona (obbligatoria)" })).toBeVisible();
});
