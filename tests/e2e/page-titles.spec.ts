// Page titles and the error pages follow the interface language (issue 12 item 4): a few pages'
// <title> and the 404 and 403 pages in Italian, then in English after the language switch; and the error page
// that answers a form refused by its action, without JavaScript, in either language.
import { expect, test, type Page } from "@playwright/test";
import { createRegisterFixture, createTeachers, makeTrainerOf, takeTrainerOff } from "./support/database.ts";
import { expectNoA11yViolations, hydrated, loginAs } from "./support/index.ts";

async function switchTo(page: Page, label: "Switch to English" | "Passa all'italiano") {
  await page.getByRole("banner").getByRole("button", { name: label }).click();
}

/** What the header says to a trainer signed in, in each language. */
const signedInMenu = {
  it: { signOut: "Esci", signIn: "Accedi", signedInAs: "Accesso effettuato come", registers: "Registri presenze" },
  en: { signOut: "Sign out", signIn: "Sign in", signedInAs: "Signed in as", registers: "Attendance registers" },
};

/** The header is a trainer's signed in as `name`: the name, the sign-out form, the registers; no "sign in". */
async function expectSignedInMenu(page: Page, menu: (typeof signedInMenu)["it"], name: string) {
  const banner = page.getByRole("banner");
  await expect(banner).toContainText(`${menu.signedInAs} ${name}`);
  await expect(banner.getByRole("button", { name: menu.signOut, exact: true })).toBeVisible();
  await expect(banner.getByRole("link", { name: menu.registers })).toBeVisible();
  await expect(banner.getByRole("link", { name: menu.signIn, exact: true })).toHaveCount(0);
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
      ...signedInMenu.it,
    },
    en: {
      title: "Access denied",
      text: "You have no training role in this event.",
      save: "Save the register",
      ...signedInMenu.en,
    },
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
    // Still signed in, and told so: the root loader's menu (the name, the trainer's registers, the sign-out form),
    // not the signed-out one it showed ("Accedi", no "Esci"), as if the refusal had signed the trainer out.
    await expectSignedInMenu(page, said[locale], "Formatrice Lingua");
    // No axe here: it needs the page's JavaScript; the error page's markup is the one the test above checks.
  }
  // The other refusals drawn without the root loader's data: a body that is not a form (readForm's 415) and a POST to
  // a page without an action (Remix's 405).
  for (const [path, contentType] of [
    ["/le-mie-iscrizioni", "application/json"],
    ["/privacy", "application/x-www-form-urlencoded"],
  ] as const) {
    await page.route(path, (route) => route.continue({ method: "POST", headers: { "content-type": contentType } }), {
      times: 1,
    });
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(path === "/privacy" ? 405 : 415);
    await expect(page.getByRole("heading", { level: 1, name: "Something went wrong" })).toBeVisible();
    await expectSignedInMenu(page, said.en, "Formatrice Lingua");
  }
  // A loader's refusal (a trainer on the organisers' pages) runs the root loader: its menu, as every page's.
  await page.goto("/gestione/eventi");
  await expect(page.getByRole("heading", { level: 1, name: said.en.title })).toBeVisible();
  await expectSignedInMenu(page, said.en, "Formatrice Lingua");
  await context.close();
});

test("the error page of a form sent before the page's script ran keeps the signed-in menu once hydrated", async ({
  browser,
}) => {
  // A form sent before the page's script has started is a document POST, as without JavaScript: the error page has
  // no root loader's data, and the browser hydrates it with the person read back from the document (<html>), so that
  // React's render matches the server's signed-in menu instead of drawing the signed-out one over it.
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  const trainer = `formatrice.idratata.${Date.now().toString(36)}@scuola.example.it`;
  const [cookie] = await createTeachers([
    {
      email: trainer,
      firstName: "Formatrice",
      lastName: "Idratata",
      schoolLevel: "primaria",
      regionCode: "toscana",
      professionalRole: "docente",
    },
  ]);
  await context.addCookies([
    { ...cookie!, url: test.info().project.use.baseURL!, httpOnly: true, sameSite: "Lax" as const },
  ]);
  const { sessionId, title } = await createRegisterFixture(["Idratata"]);
  await makeTrainerOf(trainer, title);
  // The register page without its scripts: its form is sent by the browser itself.
  let scripts = false;
  await page.route(/\.js(\?|$)/, (route) => (scripts ? route.continue() : route.abort()));
  await page.goto(`/formazione/incontri/${sessionId}`);
  await takeTrainerOff(trainer, title);
  scripts = true;
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    // The refusal's own status is one ("Failed to load resource: … 403"): React's hydration errors are the others.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      errors.push(message.text());
  });
  await page.getByRole("main").getByRole("button", { name: "Salva il registro" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Accesso non consentito" })).toBeVisible();
  // Hydrated: React has taken the header over (its node carries React's own properties once committed).
  await hydrated(page);
  await page.waitForFunction(() =>
    Object.keys(document.querySelector("header")!).some((key) => key.startsWith("__reactFiber")),
  );
  await expectSignedInMenu(page, signedInMenu.it, "Formatrice Idratata");
  expect(errors).toEqual([]);
  await context.close();
});
