// Page titles and the error pages follow the interface language (issue 12 item 4): a few pages'
// <title> and the 404 and 403 pages in Italian, then in English after the language switch; and the error page
// that answers a form refused by its action, without JavaScript, in either language.
import { expect, test, type Page } from "@playwright/test";
import { createRegisterFixture, createTeachers, makeTrainerOf, takeTrainerOff } from "./support/database.ts";
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

test("the error page of a form its action refuses, without JavaScript, in Italian and in English", async ({
  browser,
}) => {
  // A document POST whose action throws renders the root's error page without the root loader (Remix runs no loader
  // at or below the error's boundary): it was Italian whatever the reader's language, <html lang="it"> included.
  test.setTimeout(120_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // A trainer of its own: the language switch is saved on the account, and the demo trainer's pages are other
  // specs' (switched to English and taken off events, it failed three of them running beside it).
  const trainer = `formatrice.lingua.${Date.now().toString(36)}@scuola.example.it`;
  const [cookie] = await createTeachers([
    {
      email: trainer,
      firstName: "Formatrice",
      lastName: "Lingua",
      schoolLevel: "primaria",
      regionCode: "toscana",
      professionalRole: "docente",
    },
  ]);
  await context.addCookies([
    { ...cookie!, url: test.info().project.use.baseURL!, httpOnly: true, sameSite: "Lax" as const },
  ]);
  const said = {
    it: {
      title: "Accesso non consentito",
      text: "Non hai un ruolo di formazione in questo evento.",
      save: "Salva il registro",
    },
    en: { title: "Access denied", text: "You have no training role in this event.", save: "Save the register" },
  };
  for (const locale of ["it", "en"] as const) {
    // A register the trainer opened, then was taken off its event by an organiser before saving it.
    const { sessionId, title } = await createRegisterFixture([`Lingua${locale}`]);
    await makeTrainerOf(trainer, title);
    if (locale === "en") await switchTo(page, "Switch to English");
    await page.goto(`/formazione/incontri/${sessionId}`);
    await expect(page.getByRole("main").getByRole("button", { name: said[locale].save }).first()).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await takeTrainerOff(trainer, title);
    await page.getByRole("main").getByRole("button", { name: said[locale].save }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: said[locale].title })).toBeVisible();
    await expect(page).toHaveTitle(`${said[locale].title} · Forma`);
    await expect(page.getByRole("main")).toContainText(said[locale].text);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    // No axe here: it needs the page's JavaScript; the error page's markup is the one the test above checks.
  }
  await context.close();
});
