// The national unit's email page (/admin/email) after a mail outage: the messages to one teacher,
// found by address, all failed; one button queues them again and the page says how many.
import { expect, test, type Page } from "@playwright/test";
import { enrolFromCatalogue } from "./support/catalogue.ts";
import { failNotificationsOf } from "./support/database.ts";
import { createTeacher, expectNoA11yViolations, loginAs } from "./support/index.ts";

const main = (page: Page) => page.getByRole("main");
const PRE_PRIMARY_WEBINAR = /eTwinning nella scuola dell'infanzia: progetti per i più piccoli/;

test("after a mail outage the national unit retries every failed email of a teacher with one button", async ({
  page,
  browser,
}) => {
  // A teacher enrols in the pre-primary webinar (no seat cap): a confirmation is queued.
  const teacherContext = await browser.newContext();
  const teacherPage = await teacherContext.newPage();
  const teacher = await createTeacher(teacherPage, { schoolLevel: "Scuola dell'infanzia" });
  await enrolFromCatalogue(teacherPage, "progetti per i più piccoli", PRE_PRIMARY_WEBINAR);
  await teacherContext.close();
  // The mail server was away for more than a day.
  expect(await failNotificationsOf(teacher.email)).toBeGreaterThanOrEqual(1);

  await loginAs(page, "admin");
  await page.goto("/admin/email");
  await main(page)
    .getByRole("searchbox", { name: /Destinatario/ })
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
  await expect(main(page).getByRole("searchbox", { name: /Destinatario/ })).toHaveValue(teacher.email);
  await expect(main(page).getByRole("button", { name: /^Riprova le notifiche in errore/ })).toHaveCount(0);
  await expectNoA11yViolations(page);
});
