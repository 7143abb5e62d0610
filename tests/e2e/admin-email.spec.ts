// The national unit's email page (/admin/email) after a mail outage: the messages to one teacher,
// found by address, all failed; one button queues them again and the page says how many.
import { expect, test, type Page } from "@playwright/test";
import { catalogueSearchPath, enrolFromCatalogue } from "./support/catalogue.ts";
import { failNotificationsOf } from "./support/database.ts";
import { createTeacher, expectNoA11yViolations, loginAs } from "./support/index.ts";

const main = (page: Page) => page.getByRole("main");
const PRE_PRIMARY_SEARCH = "progetti per i più piccoli";
const PRE_PRIMARY_WEBINAR = /eTwinning nella scuola dell'infanzia: progetti per i più piccoli/;

test("after a mail outage the national unit retries every failed email of a teacher with one button", async ({
  page,
  browser,
}) => {
  // A teacher enrols in the pre-primary webinar (no seat cap): a confirmation is queued.
  const teacherContext = await browser.newContext();
  const teacherPage = await teacherContext.newPage();
  const teacher = await createTeacher(
    teacherPage,
    { schoolLevel: "Scuola dell'infanzia" },
    { redirectTo: catalogueSearchPath(PRE_PRIMARY_SEARCH) },
  );
  await enrolFromCatalogue(teacherPage, PRE_PRIMARY_SEARCH, PRE_PRIMARY_WEBINAR);
  await teacherContext.close();
  // The mail server was away for more than a day.
  expect(await failNotificationsOf(teacher.email)).toBeGreaterThanOrEqual(1);

  await loginAs(page, "admin", { redirectTo: "/admin/email" });
  // Every message Forma sends is here (organisers', trainers', account messages): it was titled "to teachers".
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Email inviate da Forma");
  await main(page)
    .getByRole("searchbox", { name: /Indirizzo di destinazione/ })
    .fill(teacher.email);
  await main(page).getByRole("button", { name: "Cerca" }).click();
  await expect(
    main(page)
      .getByRole("row", { name: new RegExp(teacher.email) })
      .first(),
  ).toContainText("Errore");
  const retryAll = main(page).getByRole("button", { name: /^Riprova le notifiche in errore a «/ });
  await expect(retryAll).toContainText(teacher.email);
  await expectNoA11yViolations(page);
  await retryAll.click();
  await expect(main(page).getByText(/^\d+ notific(a|he) rimess(a|e) in coda/)).toBeVisible();
  // The page is a plain GET now: reloading it sends nothing again, and the filter is kept.
  await expect(page).toHaveURL(/esito=riprovate/);
  await expect(main(page).getByRole("searchbox", { name: /Indirizzo di destinazione/ })).toHaveValue(teacher.email);
  await expect(main(page).getByRole("button", { name: /^Riprova le notifiche in errore/ })).toHaveCount(0);
  await expectNoA11yViolations(page);
});

test("a message that is not there is Forma's 404 page, in the interface's language, with the site's header and footer", async ({
  page,
}) => {
  // It was a bare "Not found" in plain text: no title, no language, no way back (the link opens in a new tab).
  // Signed in straight onto the missing message (the catalogue loaded first was for nothing).
  const response = await loginAs(page, "admin", { redirectTo: "/admin/email/messaggio-inesistente" });
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle("Pagina non trovata · Forma");
  await expect(page.locator("html")).toHaveAttribute("lang", "it");
  await expect(main(page).getByRole("heading", { level: 1, name: "Pagina non trovata" })).toBeVisible();
  await expect(main(page).getByRole("link", { name: "Torna al catalogo" })).toBeVisible();
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByRole("contentinfo")).toBeVisible();
  await expectNoA11yViolations(page);
  // English through the address, never the header's switch (it would save English in the demo account).
  expect((await page.goto("/admin/email/messaggio-inesistente?lang=en"))?.status()).toBe(404);
  await expect(main(page).getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
