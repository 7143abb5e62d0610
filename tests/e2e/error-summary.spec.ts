// The error summary of the long forms (app/components/error-summary.tsx): when the server sends a form back
// refused, a box at the top of the form says how many errors there are and links each one to its field, and the
// focus goes to it (WCAG 3.3.1, 2.4.3). Before, the errors were only beside their fields: without JavaScript the
// page came back at its top saying nothing, and a screen reader user did not hear how many fields were wrong.
import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations, loginAs, signUpSubmitButton } from "./support/index.ts";

const summaryOf = (page: Page) => page.getByRole("main").getByTestId("error-summary");

/** Every link of the summary leads to one element of the page, and their number is the heading's count. */
async function expectLinkedErrors(page: Page): Promise<number> {
  const links = summaryOf(page).getByRole("link");
  const count = await links.count();
  expect(count).toBeGreaterThan(1);
  await expect(summaryOf(page).getByRole("heading", { level: 2 })).toHaveText(`Il modulo contiene ${count} errori`);
  for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) {
    expect(href).toMatch(/^#/);
    await expect(page.locator(`[id="${href.slice(1)}"]`), href).toHaveCount(1);
  }
  return count;
}

test("sign-up sent without JavaScript and refused: the summary at the top counts the errors and links each field", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto("/registrati");
    const main = page.getByRole("main");
    await main.getByRole("textbox", { name: /^Nome/ }).fill("Giulia");
    await main.getByRole("textbox", { name: /^Email/ }).fill("non-un-indirizzo");
    await signUpSubmitButton(page).click();
    await expect(summaryOf(page)).toBeVisible();
    await expectLinkedErrors(page);
    // "Label: message", in the form's order, the first one at the top of the form.
    await expect(summaryOf(page).getByRole("link").first()).toHaveText(/^Cognome: /);
    await expect(summaryOf(page).getByRole("link", { name: /^Email: / })).toHaveAttribute("href", "#signup-email");
  } finally {
    await context.close();
  }
});

test("sign-up refused by the server with JavaScript: the focus goes to the summary, and a link takes it to its field", async ({
  page,
}) => {
  await page.goto("/registrati");
  const main = page.getByRole("main");
  await main.getByRole("textbox", { name: /^Nome/ }).fill("Giulia");
  await main.getByRole("textbox", { name: /^Email/ }).fill("non-un-indirizzo");
  // Sent as a browser without the page's checks would send it (form.submit() skips them): the server refuses it.
  await page.locator("form#signup").evaluate((form: HTMLFormElement) => form.submit());
  await expect(summaryOf(page).getByRole("heading", { level: 2 })).toBeFocused();
  await expectLinkedErrors(page);
  await expectNoA11yViolations(page);
  await summaryOf(page)
    .getByRole("link", { name: /^Email: / })
    .click();
  await expect(main.getByRole("textbox", { name: /^Email/ })).toBeFocused();
});

test("event form refused by the server: the focus goes to the summary, and a link takes it to its field", async ({
  page,
}) => {
  await loginAs(page, "referenteToscana", { redirectTo: "/gestione/eventi/nuovo" });
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Sent as a browser without the page's checks would send it (form.submit() skips them): the server refuses it.
  await page.locator("form#event-new").evaluate((form: HTMLFormElement) => form.submit());
  await expect(summaryOf(page)).toBeVisible();
  const heading = summaryOf(page).getByRole("heading", { level: 2 });
  await expect(heading).toBeFocused();
  await expectLinkedErrors(page);
  // An edition's and a session's fields are named with their edition and session.
  await expect(
    summaryOf(page)
      .getByRole("link", { name: /^Edizione 1, Incontro 1: / })
      .first(),
  ).toBeVisible();
  await expectNoA11yViolations(page);
  await summaryOf(page)
    .getByRole("link", { name: /^Titolo/ })
    .first()
    .click();
  await expect(page.locator("#event-new-title")).toBeFocused();
});
