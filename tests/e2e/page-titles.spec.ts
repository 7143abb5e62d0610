// Page titles and the error pages follow the interface language (issue 12 item 4): a few pages'
// <title> and the 404 and 403 pages in Italian, then in English after the language switch.
import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations, loginAs } from "./support/index.ts";

async function switchTo(page: Page, label: "Switch to English" | "Passa all'italiano") {
  await page.getByRole("banner").getByRole("button", { name: label }).click();
}

test("titles, 404 and 403 pages in Italian and in English", async ({ page }) => {
  await loginAs(page, "teacher");
  const pages = [
    { path: "/le-mie-iscrizioni", it: "Le mie iscrizioni · Forma", en: "My enrolments · Forma" },
    { path: "/il-mio-piano", it: "Il mio piano formativo · Forma", en: "My training plan · Forma" },
    { path: "/privacy", it: "Informativa sul trattamento dei dati personali · Forma", en: "Privacy notice · Forma" },
  ];
  for (const p of pages) {
    await page.goto(p.path);
    await expect(page).toHaveTitle(p.it);
  }
  await page.goto("/questa-pagina-non-esiste");
  await expect(page).toHaveTitle("Pagina non trovata · Forma");
  await expect(page.getByRole("heading", { level: 1, name: "Pagina non trovata" })).toBeVisible();
  await page.goto("/gestione/eventi");
  await expect(page).toHaveTitle("Accesso non consentito · Forma");
  await expect(page.getByRole("heading", { level: 1, name: "Accesso non consentito" })).toBeVisible();

  await page.goto("/le-mie-iscrizioni");
  await switchTo(page, "Switch to English");
  await expect(page).toHaveTitle("My enrolments · Forma");
  for (const p of pages) {
    await page.goto(p.path);
    await expect(page).toHaveTitle(p.en);
  }
  await page.goto("/questa-pagina-non-esiste");
  await expect(page).toHaveTitle("Page not found · Forma");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("The page you are looking for does not exist");
  await expectNoA11yViolations(page);
  await page.goto("/gestione/eventi");
  await expect(page).toHaveTitle("Access denied · Forma");
  await expect(page.getByRole("heading", { level: 1, name: "Access denied" })).toBeVisible();
  // No Italian sentence from the server in the English interface.
  await expect(page.getByRole("main")).toContainText("You do not have permission to see this page.");

  await switchTo(page, "Passa all'italiano");
  await expect(page).toHaveTitle("Accesso non consentito · Forma");
});
