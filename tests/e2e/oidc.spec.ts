// Sign-in with an OpenID provider through the real pages: a real oidc-provider runs beside each
// engine's server (playwright.config.ts, tests/e2e/support/serve.ts) with the test users of
// scripts/oidc-test-provider.ts. First sign-in with profile completion and sign-out through the
// provider; an identity carrying an existing account's email, linked only with its password.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectNoA11yViolations, signOutButton } from "./support/index.ts";

/** A first provider sign-in's profile completion: primary school teacher in Lazio, then "Crea il mio account". */
async function completeProfile(profile: Locator) {
  await profile.getByRole("combobox", { name: /^Ordine di scuola/ }).selectOption({ label: "Scuola primaria" });
  await profile.getByRole("combobox", { name: /^Regione/ }).selectOption({ label: "Lazio" });
  await profile.getByRole("combobox", { name: /^Ruolo/ }).selectOption({ label: "Docente" });
  await profile.getByRole("button", { name: "Crea il mio account" }).click();
}

const main = (page: Page) => page.getByRole("main");
/** The sign-in page's two forms (ADR 0097): the providers' buttons, and the email and password. */
const providersForm = (page: Page) => main(page).getByRole("region", { name: "Accedi con un'identità digitale" });
const passwordForm = (page: Page) => main(page).getByRole("form", { name: "Accedi con email e password" });
const KEEP = "Mantieni l'accesso su questo dispositivo";
/** The providers' form's own choice (ADR 0097), named apart from the password's. */
const KEEP_PROVIDER = "Mantieni su questo dispositivo l'accesso con identità digitale";
/** Types an email and a password in the password's form (without sending it). */
async function typeCredentials(page: Page, email: string, password: string) {
  await passwordForm(page)
    .getByRole("textbox", { name: /^Email/ })
    .fill(email);
  await passwordForm(page)
    .getByLabel(/^Password/)
    .fill(password);
}

/** On the provider's development pages: any password for a known user id, then consent. */
async function signInAtProvider(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("qualsiasi");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test.describe("sign-in with SPID (OpenID Connect)", () => {
  test("first sign-in: the profile is completed, the account created, and signing out ends the provider's session too", async ({
    page,
  }) => {
    await page.goto("/accedi");
    await main(page).getByRole("button", { name: "Entra con SPID" }).click();
    await signInAtProvider(page, "mario.spid");

    await expect(page).toHaveURL(/\/accedi\/completa$/);
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Completa il tuo profilo");
    await expect(main(page).getByText("RSSMRA80A01H501U")).toBeVisible();
    await expect(main(page).getByRole("textbox", { name: /^Nome/ })).toHaveValue("Mario");
    await expect(main(page).getByRole("textbox", { name: /^Cognome/ })).toHaveValue("Rossi");
    await expect(
      main(page)
        .getByRole("textbox", { name: /^Email/ })
        .first(),
    ).toHaveValue("mario.rossi@spid.test");
    await expect(signOutButton(page)).toHaveCount(0); // no session before the profile is complete
    await expectNoA11yViolations(page);

    const profile = main(page).locator("#oidc-profile");
    await completeProfile(profile);
    await expect(signOutButton(page)).toBeVisible();
    await expect(page).toHaveURL(/\/eventi(\?|$)/);

    await page.goto("/profilo/accessi");
    await expect(main(page).getByRole("rowheader", { name: "Entra con SPID" })).toBeVisible();
    await expect(main(page).getByText("RSSMRA80A01H501U")).toBeVisible();
    await expectNoA11yViolations(page);

    await signOutButton(page).click();
    await page.getByRole("button", { name: "Yes, sign me out" }).click();
    await expect(page).toHaveURL(/\/eventi$/);
    await expect(signOutButton(page)).toHaveCount(0);

    // The provider's session ended too: it asks again; then Forma signs the linked account straight in.
    await page.goto("/accedi");
    await main(page).getByRole("button", { name: "Entra con SPID" }).click();
    await signInAtProvider(page, "mario.spid");
    await expect(signOutButton(page)).toBeVisible();
    await expect(page).toHaveURL(/\/eventi(\?|$)/);

    // The account has no password: /profilo says so, and a change of address is confirmed by signing
    // in again at the provider (ADR 0082), not with a password it does not have.
    await page.goto("/profilo");
    await expect(main(page).getByTestId("no-password")).toContainText("Il tuo account non ha una password");
    const email = main(page).getByTestId("identity-confirmation");
    await expect(email.getByRole("textbox")).toHaveCount(0);
    await expectNoA11yViolations(page);
    await email.getByRole("button", { name: "Conferma la tua identità (Entra con SPID)" }).click();
    // The provider asks for the password again (prompt=login); consent was given before.
    await page.locator('input[name="login"]').fill("mario.spid");
    await page.locator('input[name="password"]').fill("qualsiasi");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await expect(page).toHaveURL(/\/profilo$/);
    await expect(email.getByRole("status")).toContainText("Identità confermata");
    await email.getByRole("textbox", { name: /^Nuovo indirizzo email/ }).fill("mario.rossi@scuola.example.it");
    await email.getByRole("button", { name: "Invia il link di conferma" }).click();
    await expect(page).toHaveURL(/\/profilo\?fatto=email#email-titolo$/);
    await expect(main(page).getByRole("status")).toBeVisible();
    // The confirmation is spent: another change asks again.
    await expect(email.getByRole("button", { name: "Conferma la tua identità (Entra con SPID)" })).toBeVisible();
  });

  test("an identity carrying an existing account's email is linked only after that account's password", async ({
    page,
  }) => {
    await page.goto("/accedi");
    await main(page).getByRole("button", { name: "Entra con SPID" }).click();
    await signInAtProvider(page, "maria.cie"); // email docente@forma.test, not verified by the provider
    await expect(page).toHaveURL(/\/accedi\/completa$/);
    await expect(signOutButton(page)).toHaveCount(0);

    const link = main(page).locator("#oidc-link");
    await link.getByRole("textbox", { name: /^Email/ }).fill("docente@forma.test");
    await link.getByLabel(/^Password/).fill("non-la-password-1");
    await link.getByRole("button", { name: "Accedi e collega" }).click();
    await expect(main(page).getByText("Email o password non corretti.")).toBeVisible();
    await expect(signOutButton(page)).toHaveCount(0);

    await link.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await link.getByRole("button", { name: "Accedi e collega" }).click();
    await expect(signOutButton(page)).toBeVisible();
    await page.goto("/profilo/accessi");
    await expect(main(page).getByRole("rowheader", { name: "Entra con SPID" })).toBeVisible();
    await expect(main(page).getByText("RSSMRA80A41D612C")).toBeVisible();
  });
});

test("the providers' own 'Mantieni l'accesso', named apart from the password's, works for their button too; Enter still signs in with the password (ADR 0092, 0097)", async ({
  page,
  browser,
}) => {
  const sessionCookie = async (p: Page) => (await p.context().cookies()).find((c) => c.name === "forma_session");
  await page.goto("/accedi");
  // Each way in has its own choice, unticked, and its own name: two fields called alike left a screen reader's
  // list of form fields with no way to tell which way in each was for (WCAG 2.4.6, found 05/12/2026).
  const keep = providersForm(page).getByRole("checkbox", { name: KEEP_PROVIDER, exact: true });
  await expect(keep).not.toBeChecked();
  await expect(passwordForm(page).getByRole("checkbox", { name: KEEP, exact: true })).not.toBeChecked();
  await expect(main(page).getByRole("checkbox", { name: KEEP, exact: true })).toHaveCount(1);
  await expect(main(page).getByRole("checkbox", { name: KEEP_PROVIDER, exact: true })).toHaveCount(1);
  await expectNoA11yViolations(page);
  // Enter in the password field is the password sign-in, not the first provider's button.
  await typeCredentials(page, "docente@forma.test", "non-la-password-1");
  await passwordForm(page)
    .getByLabel(/^Password/)
    .press("Enter");
  await expect(main(page).getByText("Email o password non corretti.")).toBeVisible();
  await expect(page).toHaveURL(/\/accedi$/);

  // Ticked, then the provider: a first sign-in, kept through the profile's completion, lasts 14 days.
  await providersForm(page).locator("label", { hasText: KEEP_PROVIDER }).click();
  await expect(keep).toBeChecked();
  await main(page).getByRole("button", { name: "Entra con SPID" }).click();
  await signInAtProvider(page, "paola.spid");
  await expect(page).toHaveURL(/\/accedi\/completa$/);
  const profile = main(page).locator("#oidc-profile");
  await completeProfile(profile);
  await expect(signOutButton(page)).toBeVisible();
  expect((await sessionCookie(page))!.expires * 1000 - Date.now()).toBeGreaterThan(13 * 24 * 3600_000);

  // Unticked, on another browser: the linked account signs straight in, for this browser's session only.
  const shared = await (await browser.newContext()).newPage();
  try {
    await shared.goto("/accedi");
    await main(shared).getByRole("button", { name: "Entra con SPID" }).click();
    await signInAtProvider(shared, "paola.spid");
    await expect(signOutButton(shared)).toBeVisible();
    expect((await sessionCookie(shared))!.expires).toBe(-1);
  } finally {
    await shared.context().close();
  }
});

test("without JavaScript the provider's button still leads to the provider and back (the CSP lets the sign-in form redirect there)", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto("/accedi");
    await providersForm(page).locator("label", { hasText: KEEP_PROVIDER }).click();
    // A form's navigation, redirects included, must stay within the CSP's form-action.
    await main(page).getByRole("button", { name: "Entra con SPID" }).click();
    await signInAtProvider(page, "mario.spid");
    // Back on Forma: a first sign-in completes the profile; an account already linked is signed in.
    await expect(page).toHaveURL(/\/(accedi\/completa|eventi)$/);
  } finally {
    await context.close();
  }
});

test("the provider's button never sends the password typed in the form beside it, with or without JavaScript (ADR 0097)", async ({
  browser,
}) => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    try {
      await page.goto("/accedi");
      await typeCredentials(page, "docente@forma.test", "una-password-digitata-1");
      await providersForm(page).locator("label", { hasText: KEEP_PROVIDER }).click();
      // With JavaScript, Remix posts the form to the route's data URL (single fetch: /auth/oidc/spid.data).
      const started = page.waitForRequest(
        (r) => r.method() === "POST" && /^\/auth\/oidc\/spid(\.data)?$/.test(new URL(r.url()).pathname),
      );
      await providersForm(page).getByRole("button", { name: "Entra con SPID" }).click();
      const body = (await started).postData() ?? "";
      expect(body, `JavaScript ${javaScriptEnabled ? "on" : "off"}`).not.toContain("una-password-digitata-1");
      const fields = new URLSearchParams(body);
      expect([...fields.keys()].sort()).toEqual(["intent", "keep", "redirectTo"]);
      expect(fields.get("keep")).toBe("on");
      // And the provider's page is reached: the sign-in started.
      await expect(page.locator('input[name="login"]')).toBeVisible();
    } finally {
      await context.close();
    }
  }
});
