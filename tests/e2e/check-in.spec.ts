// QR self check-in through the real pages: the trainer opens the check-in page of the seeded live
// workshop (happening now) and reads the check-in address shown under the QR code; a teacher
// enrolled in it opens that address in another browser, signs in (the code survives the sign-in),
// confirms and is recorded present; the trainer's count goes to 1. A code altered by one character
// is refused. New pages are checked with axe.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectNoA11yViolations, LIVE_WORKSHOP, openWorkshopRegister } from "./support/index.ts";

const WORKSHOP = LIVE_WORKSHOP;
const TEACHER = "corsista01@forma.test";
const main = (page: Page) => page.getByRole("main");

/** The trainer goes from "/formazione" to the workshop's session register, then to its check-in page. */
async function openCheckInPage(page: Page) {
  await openWorkshopRegister(page);
  await main(page).getByRole("link", { name: "Auto-registrazione con QR code" }).click();
  await expect(main(page).getByRole("heading", { level: 1, name: "Presenze con il QR" })).toBeVisible();
  await expect(
    main(page).getByRole("navigation", { name: "Percorso" }).getByRole("link", { name: "Incontro 1" }),
  ).toBeVisible();
  await expect(main(page).getByRole("img", { name: /Codice QR per registrare la presenza/ })).toBeVisible();
}

test("a teacher checks in with the trainer's code; the count goes up; an altered code is refused", async ({
  page,
  browser,
}) => {
  await openCheckInPage(page);
  const shown = (await main(page).getByTestId("check-in-url").textContent())!.trim();
  expect(shown).toMatch(/\/presenza\/[^/?]+\?codice=[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
  await expect(main(page).getByText(/Codice valido fino alle \d{2}:\d{2}/)).toBeVisible();
  const count = main(page).getByTestId("check-in-count");
  await expect(count).toContainText("Presenze registrate con il QR: 0 su 12 persone iscritte");
  await expectNoA11yViolations(page);

  // The address as printed carries APP_ORIGIN; the phone opens it on this server.
  const url = new URL(shown);
  const path = `${url.pathname}${url.search}`;

  const phone = await browser.newContext();
  const teacher = await phone.newPage();
  try {
    // An altered code (last character changed) is refused on the confirmation page, with no button.
    const code = url.searchParams.get("codice")!;
    const altered = code.slice(0, -1) + (code.endsWith("A") ? "B" : "A");
    await teacher.goto(`${url.pathname}?codice=${encodeURIComponent(altered)}`);
    // Not signed in: the sign-in page, then back to the confirmation with the code kept.
    await expect(teacher).toHaveURL(/\/accedi\?redirectTo=/);
    await main(teacher)
      .getByRole("textbox", { name: /^Email/ })
      .fill(TEACHER);
    await main(teacher)
      .getByLabel(/^Password/)
      .fill(DEMO_PASSWORD);
    await main(teacher).getByRole("button", { name: "Accedi" }).click();
    await expect(main(teacher).getByRole("heading", { level: 1, name: "Conferma la tua presenza" })).toBeVisible();
    await expect(main(teacher).getByRole("alert")).toContainText("non è valido per questo incontro");
    await expect(main(teacher).getByRole("button", { name: "Confermo la mia presenza" })).toHaveCount(0);

    await teacher.goto(path);
    await expect(main(teacher).getByText(`Conferma la tua presenza a ${WORKSHOP}`)).toBeVisible();
    await expectNoA11yViolations(teacher);
    await main(teacher).getByRole("button", { name: "Confermo la mia presenza" }).click();
    await expect(main(teacher).getByRole("status")).toContainText(/presenza registrata/i);
    await expectNoA11yViolations(teacher);

    // Opening the address again: already recorded.
    await teacher.goto(path);
    await expect(main(teacher).getByRole("alert")).toContainText("già registrata");
  } finally {
    await phone.close();
  }

  await page.reload();
  await expect(count).toContainText("Presenze registrate con il QR: 1 su 12 persone iscritte");
});
