// The monitoring dashboard (issue 16) through the real pages: the national unit sees every
// regional office, the charts with their text alternatives and the downloads; a USR referent sees
// their own region only and is refused another's. axe finds no WCAG A/AA violation on either.
import { expect, test, type Page } from "@playwright/test";
import { createTeacherAccount, enterAs, expectNoA11yViolations, loginAs } from "./support/index.ts";
import { grantReferentRegions } from "./support/database.ts";

const main = (page: Page) => page.getByRole("main");

test("the national unit reads the dashboard of every region and downloads a table", async ({ page }) => {
  // A long page (21 tiles, four tables) checked by axe on a shared machine.
  test.setTimeout(180_000);
  await loginAs(page, "admin");
  await page.getByRole("banner").getByRole("link", { name: "Cruscotto" }).click();
  await expect(main(page).getByRole("heading", { level: 1, name: "Cruscotto di monitoraggio" })).toBeVisible();
  await expect(main(page)).toContainText(/Dati aggiornati alle \d{2}:\d{2}/);
  await expect(main(page).getByRole("list", { name: "Uffici scolastici regionali" }).getByRole("listitem")).toHaveCount(
    21,
  );
  // Each chart is an image with a name and a description, and a table follows it.
  const charts = main(page).getByRole("img");
  await expect(charts.first()).toHaveAccessibleName(/Iscrizioni/);
  await expect(charts.first()).toHaveAccessibleDescription(/Grafico:/);
  await expect(main(page).getByRole("table", { name: "Andamento mese per mese" })).toBeVisible();
  await expectNoA11yViolations(page);

  // A filter in the URL, and a download of the same view.
  await main(page).getByLabel("Dettaglio per").selectOption("type");
  await main(page).getByRole("button", { name: "Aggiorna" }).click();
  await expect(page).toHaveURL(/by=type/);
  await expect(main(page).getByRole("heading", { level: 2, name: "Per tipologia" })).toBeVisible();
  const csvLink = main(page).getByRole("link", { name: "Scarica «Per tipologia» in formato CSV" });
  const csv = await page.request.get((await csvLink.getAttribute("href"))!);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("Tipologia;Personale docente raggiunto;Iscrizioni");
  // Each link's name holds the words it shows (WCAG 2.5.3 label in name): "Excel (XLSX)" is what a
  // voice-control user says to follow it; the name said "in formato XLSX" without them.
  const xlsxLink = main(page).getByRole("link", {
    name: "Scarica «Per tipologia» in formato Excel (XLSX)",
    exact: true,
  });
  await expect(xlsxLink).toHaveText("Excel (XLSX)");
  await expect(csvLink).toHaveText("CSV");
  const xlsxHref = await xlsxLink.getAttribute("href");
  const xlsx = await page.request.get(xlsxHref!);
  expect(xlsx.status()).toBe(200);
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
});

test("a referent sees their own region only", async ({ page }) => {
  await loginAs(page, "referenteToscana", { redirectTo: "/cruscotto" });
  await expect(main(page)).toContainText("Le cifre del personale docente della regione Toscana");
  await expect(main(page).getByLabel("Regione del personale docente")).toHaveCount(0);
  await expect(main(page).getByRole("list", { name: "Uffici scolastici regionali" })).toHaveCount(0);
  await expect(main(page).getByRole("heading", { level: 2, name: "Per ordine di scuola" })).toBeVisible();
  await expectNoA11yViolations(page);

  const other = await page.goto("/cruscotto?region=lombardia");
  expect(other?.status()).toBe(403);
  const download = await page.request.get("/cruscotto.csv?region=lombardia&table=totals");
  expect(download.status()).toBe(403);
});

test("after 'Azzera i filtri' or Back the filters show the choices the figures are read with", async ({ page }) => {
  // The selects kept "Webinar" after the reset (React leaves a mounted select's value alone), above
  // figures of every type, and the next "Aggiorna" sent the stale type again.
  await loginAs(page, "admin", { redirectTo: "/cruscotto" });
  const type = main(page).getByLabel("Tipologia di iniziativa");
  await type.selectOption("webinar");
  await main(page).getByRole("button", { name: "Aggiorna" }).click();
  await expect(page).toHaveURL(/type=webinar/);
  await expect(type).toHaveValue("webinar");
  await main(page).getByRole("link", { name: "Azzera i filtri" }).click();
  await expect(page).toHaveURL(/\/cruscotto$/);
  await expect(type).toHaveValue("");
  // Back to the filtered view: its choice comes back with it.
  await page.goBack();
  await expect(page).toHaveURL(/type=webinar/);
  await expect(type).toHaveValue("webinar");
});

test("a referent of two regions chooses either of theirs, and starts on the first", async ({ page }) => {
  // She saw whichever region her roles were read in first, with no control to reach the other.
  const referent = await createTeacherAccount({ region: "Molise" });
  await grantReferentRegions(referent.email, ["molise", "lazio"]);
  await enterAs(page, referent.email, { redirectTo: "/cruscotto" });
  await expect(main(page)).toContainText("Le cifre del personale docente della regione Lazio");
  const region = main(page).getByLabel("Regione del personale docente");
  await expect(region.getByRole("option")).toHaveText(["Lazio", "Molise"]);
  await expect(region).toHaveValue("lazio");
  await region.selectOption("molise");
  await main(page).getByRole("button", { name: "Aggiorna" }).click();
  await expect(page).toHaveURL(/region=molise/);
  await expect(main(page)).toContainText("Le cifre del personale docente della regione Molise");
  await expect(region).toHaveValue("molise");
});

test("a link to an older school year keeps that year in the year filter", async ({ page }) => {
  await loginAs(page, "referenteToscana", { redirectTo: "/cruscotto?year=2021" });
  await expect(main(page).getByRole("heading", { level: 2, name: "In sintesi 2021/22" })).toBeVisible();
  await expect(main(page).getByLabel("Anno scolastico")).toHaveValue("2021");
  // The next filter keeps the year of the figures.
  await main(page).getByLabel("Dettaglio per").selectOption("month");
  await main(page).getByRole("button", { name: "Aggiorna" }).click();
  await expect(page).toHaveURL(/year=2021/);
});

test("on a phone the charts' words are as large as the page's: bars in the page's text, the months' line scrolls sideways", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, "referenteToscana", { redirectTo: "/cruscotto?by=type" });
  // The bars' labels and values are text of the page (14 px), not SVG text scaled down to 7 px.
  const bars = main(page).getByRole("img", { name: /Tipologia/ });
  await expect(bars).toBeVisible();
  const barTextHeights = await bars
    .locator(".dashboard-bar-label, .dashboard-bar-value")
    .evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
  expect(barTextHeights.length).toBeGreaterThan(0);
  expect(Math.min(...barTextHeights)).toBeGreaterThanOrEqual(14);
  // The months' chart keeps its drawing's size: every label is drawn at least 12 px high
  // (its bounding box, which a scaled SVG shrinks), in a region the keyboard can scroll.
  const months = main(page).getByRole("region", { name: "Iscrizioni per mese" });
  await expect(months).toHaveAttribute("tabindex", "0");
  const drawnHeights = await months
    .locator("text")
    .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
  expect(drawnHeights.length).toBeGreaterThan(0);
  expect(Math.min(...drawnHeights)).toBeGreaterThanOrEqual(12);
  // Only the chart scrolls: the page is no wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoA11yViolations(page);
});

test("a figure that does not apply says so to a screen reader, not only in a mouse tooltip", async ({ page }) => {
  // The table's "—" had its meaning ("non applicabile") in a title attribute only: read as a dash or not
  // at all, and out of reach of the keyboard (found reading the Lombardia referent's dashboard, 05/12/2026).
  await loginAs(page, "referenteLombardia", { redirectTo: "/cruscotto" });
  const table = main(page).getByRole("table").first();
  await expect(table.getByRole("cell", { name: "non applicabile", exact: true }).first()).toBeVisible();
  await expect(table.getByRole("cell", { name: "—", exact: true })).toHaveCount(0);
  await expectNoA11yViolations(page);
});
