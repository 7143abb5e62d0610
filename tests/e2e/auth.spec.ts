// Accounts through the real pages: sign-up, sign-in, sign-out, error messages, language,
// accessibility. Runs against the production build on each engine (see playwright.config.ts).
import { expect, test, type Page } from "@playwright/test";
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  expectNoA11yViolations,
  fillSignUpForm,
  signIn,
  signInLink,
  signOut,
  signOutButton,
  signUpSubmitButton,
  createTeacher,
  submitSignIn,
  teacherSignup,
  uniqueEmail,
} from "./support/index.ts";
import { confirmEmails } from "./support/database.ts";

const main = (page: Page) => page.getByRole("main");

test.describe("sign-up and sign-in", () => {
  test("a teacher signs up with every field, is signed in, signs out and signs in again", async ({ page }) => {
    const teacher = teacherSignup({
      firstName: "Giulia",
      lastName: "Verdi",
      schoolName: "Istituto comprensivo Firenze 1",
      schoolCode: "fiic80100x", // lower case is accepted and normalised
      schoolLevel: "Secondaria di I grado",
      region: "Toscana",
      role: "Animazione digitale",
    });
    await page.goto("/registrati");
    await expect(main(page).getByRole("heading", { level: 1, name: "Crea il tuo account" })).toBeVisible();
    await fillSignUpForm(page, teacher);
    await signUpSubmitButton(page).click();

    // The answer does not say whether the address already had an account: check your email.
    await expect(page).toHaveURL(/\/registrati\?inviata=1$/);
    await expect(main(page).getByRole("heading", { level: 1, name: "Controlla la tua email" })).toBeVisible();
    await expect(signOutButton(page)).toHaveCount(0);
    await confirmEmails(teacher.email);
    await signIn(page, teacher.email, teacher.password);
    await expect(page.getByRole("banner")).toContainText("Accesso effettuato come Giulia Verdi");
    await expect(signOutButton(page)).toBeVisible();
    await expect(signInLink(page)).toHaveCount(0);
    // A signed-in user is sent away from the sign-up page.
    await page.goto("/registrati");
    await expect(page).toHaveURL(/\/eventi$/);

    await signOut(page);
    await page.goto("/eventi");
    await expect(page.getByRole("banner")).not.toContainText("Giulia Verdi");

    await signIn(page, teacher.email, teacher.password);
    await expect(page.getByRole("banner")).toContainText("Accesso effettuato come Giulia Verdi");
    // The session survives a reload: it lives in the database behind the cookie.
    await page.reload();
    await expect(signOutButton(page)).toBeVisible();
  });

  test("sign-in goes back to the page that asked for it", async ({ page }) => {
    const teacher = await createTeacher(page);
    await signOut(page);
    await signIn(page, teacher.email, teacher.password, { redirectTo: "/eventi?q=inglese" });
  });

  test("a wrong password shows the message, keeps the email and signs nobody in", async ({ page }) => {
    const teacher = await createTeacher(page);
    await signOut(page);

    await submitSignIn(page, teacher.email, "NonLaMia2026");
    await expect(main(page).getByRole("alert")).toHaveText("Email o password non corretti.");
    await expect(page).toHaveURL(/\/accedi/);
    await expect(main(page).getByRole("textbox", { name: /^Email/ })).toHaveValue(teacher.email);
    await expect(signOutButton(page)).toHaveCount(0);

    // An unknown email gets the same message: the page does not tell which emails have an account.
    await submitSignIn(page, uniqueEmail("nessuno"), "NonLaMia2026");
    await expect(main(page).getByRole("alert")).toHaveText("Email o password non corretti.");
  });

  test("a second sign-up with the same email gets the same answer as a new one and creates nothing", async ({
    page,
  }) => {
    const first = await createTeacher(page);
    await signOut(page);

    await page.goto("/registrati");
    await fillSignUpForm(page, teacherSignup({ email: first.email.toUpperCase(), firstName: "Altra" }));
    await signUpSubmitButton(page).click();

    await expect(page).toHaveURL(/\/registrati\?inviata=1$/);
    await expect(main(page).getByRole("heading", { level: 1, name: "Controlla la tua email" })).toBeVisible();
    await expect(signOutButton(page)).toHaveCount(0);
    // The existing account is untouched: its own password still signs in, as its owner.
    await signIn(page, first.email, first.password);
    await expect(page.getByRole("banner")).toContainText(`Accesso effettuato come ${first.firstName}`);
  });

  test("the demo teacher signs in with the seed's password", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.teacher.email, DEMO_PASSWORD);
    await expect(page.getByRole("banner")).toContainText("Accesso effettuato come Maria Rossi");
    // A teacher has no organiser or administration menu.
    const menu = page.getByRole("navigation", { name: "Menu principale" });
    await expect(menu.getByRole("link", { name: "Catalogo" })).toBeVisible();
    await expect(menu.getByRole("link", { name: "Gestione eventi" })).toHaveCount(0);
    await expect(menu.getByRole("link", { name: "Amministrazione" })).toHaveCount(0);
  });

  test("every demo account can sign in and sees the menu of its role", async ({ page }) => {
    const expected: Record<keyof typeof DEMO_ACCOUNTS, { organiser: boolean; admin: boolean }> = {
      teacher: { organiser: false, admin: false },
      teacher2: { organiser: false, admin: false },
      referenteToscana: { organiser: true, admin: false },
      referenteLombardia: { organiser: true, admin: false },
      trainer: { organiser: false, admin: false },
      admin: { organiser: true, admin: true },
    };
    for (const [account, menuOf] of Object.entries(expected) as [
      keyof typeof DEMO_ACCOUNTS,
      (typeof expected)["admin"],
    ][]) {
      await test.step(`${account} (${DEMO_ACCOUNTS[account].email})`, async () => {
        await signIn(page, DEMO_ACCOUNTS[account].email, DEMO_PASSWORD);
        const menu = page.getByRole("navigation", { name: "Menu principale" });
        await expect(menu.getByRole("link", { name: "Gestione eventi" })).toHaveCount(menuOf.organiser ? 1 : 0);
        await expect(menu.getByRole("link", { name: "Amministrazione" })).toHaveCount(menuOf.admin ? 1 : 0);
        await signOut(page);
      });
    }
  });
});

test.describe("a weak password", () => {
  const weak = "corta1";
  const expectWeakPasswordKeepingTheRest = async (page: Page, data: ReturnType<typeof teacherSignup>) => {
    const form = main(page);
    const password = form.getByLabel(/^Password/);
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(password).toHaveAccessibleDescription(
      /La password deve avere almeno 10 caratteri, con almeno una lettera e un numero\./,
    );
    await expect(form.getByRole("textbox", { name: /^Nome/ })).toHaveValue(data.firstName);
    await expect(form.getByRole("textbox", { name: /^Cognome/ })).toHaveValue(data.lastName);
    await expect(form.getByRole("textbox", { name: /^Email/ })).toHaveValue(data.email);
    await expect(form.getByRole("textbox", { name: /^Scuola \(denominazione\)/ })).toHaveValue(data.schoolName);
    await expect(form.getByRole("textbox", { name: /^Codice meccanografico/ })).toHaveValue(data.schoolCode);
    await expect(form.getByRole("combobox", { name: /^Ordine di scuola/ }).locator("option:checked")).toHaveText(
      data.schoolLevel,
    );
    await expect(form.getByRole("combobox", { name: /^Regione/ }).locator("option:checked")).toHaveText(data.region);
    await expect(form.getByRole("combobox", { name: /^Ruolo/ }).locator("option:checked")).toHaveText(data.role);
    await expect(signOutButton(page)).toHaveCount(0);
  };

  test("is refused in the browser with the field message; the other values stay", async ({ page }) => {
    const data = teacherSignup({
      password: weak,
      region: "Lombardia",
      schoolLevel: "Scuola primaria",
      role: "Docente",
    });
    await page.goto("/registrati");
    await fillSignUpForm(page, data);
    await signUpSubmitButton(page).click();
    await expectWeakPasswordKeepingTheRest(page, data);
    await expect(page).toHaveURL(/\/registrati$/);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("is refused by the server with the field message; the other values come back filled in", async ({ page }) => {
      const data = teacherSignup({
        password: weak,
        region: "Sicilia",
        schoolLevel: "CPIA (istruzione degli adulti)",
        role: "Biblioteca scolastica",
      });
      await page.goto("/registrati");
      await fillSignUpForm(page, data);
      await signUpSubmitButton(page).click();
      await expect(page).toHaveURL(/\/registrati$/);
      await expectWeakPasswordKeepingTheRest(page, data);
      // The password itself is never sent back.
      await expect(main(page).getByLabel(/^Password/)).toHaveValue("");
    });
  });
});

test.describe("language", () => {
  test("the switch turns the interface to English and back to Italian, on the same page", async ({ page }) => {
    await page.goto("/accedi");
    await expect(page.locator("html")).toHaveAttribute("lang", "it");
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Accedi a Forma");

    await page.getByRole("banner").getByRole("button", { name: "Switch to English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Sign in to Forma");
    await expect(page).toHaveURL(/\/accedi$/);
    await expect(
      page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Catalogue" }),
    ).toBeVisible();
    await expect(main(page).getByRole("textbox", { name: /^Email \(required\)/ })).toBeVisible();
    // The choice is remembered.
    await page.goto("/registrati");
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Create your account");

    await page.getByRole("banner").getByRole("button", { name: "Passa all'italiano" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "it");
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Crea il tuo account");
    await expect(page).toHaveURL(/\/registrati$/);
  });

  test("a page opened from an English email's link leads on in English, signed out, until the switch says otherwise", async ({
    page,
  }) => {
    // An English email links to an event with ?lang=en (formaLink); the page's own links carry no ?lang=.
    // The next page was Italian again (ADR 0102).
    await page.goto("/eventi?lang=en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const firstEvent = main(page).getByRole("heading", { level: 3 }).getByRole("link").first();
    await expect(firstEvent).toHaveAttribute("href", /^\/eventi\/[^?]+$/);
    await firstEvent.click();
    await expect(page).toHaveURL(/\/eventi\/[^?]+$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await signInLink(page).click();
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Sign in to Forma");
    // A full page load (not the app's own navigation) too.
    await page.goto("/registrati");
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Create your account");
    // The switch still decides.
    await page.getByRole("banner").getByRole("button", { name: "Passa all'italiano" }).click();
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Crea il tuo account");
    await page.goto("/eventi");
    await expect(page.locator("html")).toHaveAttribute("lang", "it");
  });

  test("an English email's link to a signed-in page, opened signed out, asks to sign in in English and comes back in English", async ({
    page,
  }) => {
    // How every English email links to our pages (formaLink): ?lang=en, on a device that never chose a language.
    await page.goto("/le-mie-iscrizioni?lang=en");
    await expect(page).toHaveURL(/\/accedi\?/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Sign in to Forma");
    const form = main(page).locator("form#login");
    await form.getByRole("textbox", { name: /^Email/ }).fill(DEMO_ACCOUNTS.teacher.email);
    // A mistyped password is answered in English too (the form posts to the page's own address).
    await form.getByLabel(/^Password/).fill("NonLaMia2026");
    await form.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(form.getByRole("alert")).toContainText("Wrong email or password.");
    await form.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/le-mie-iscrizioni\?lang=en$/);
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("My enrolments");
  });
});

test.describe("accessibility (WCAG 2.1 A and AA, axe-core)", () => {
  test("sign-in page, also with an error", async ({ page }) => {
    await page.goto("/accedi");
    await expect(main(page).getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoA11yViolations(page);
    await submitSignIn(page, uniqueEmail("nessuno"), "NonLaMia2026");
    await expect(main(page).getByRole("alert")).toBeVisible();
    await expectNoA11yViolations(page);
  });

  test("sign-up page, also with field errors", async ({ page }) => {
    await page.goto("/registrati");
    await expect(main(page).getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoA11yViolations(page);
    await signUpSubmitButton(page).click();
    await expect(main(page).getByRole("textbox", { name: /^Email/ })).toHaveAttribute("aria-invalid", "true");
    await expectNoA11yViolations(page);
  });

  test("sign-up page in English", async ({ page }) => {
    await page.goto("/registrati");
    await page.getByRole("banner").getByRole("button", { name: "Switch to English" }).click();
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Create your account");
    await expectNoA11yViolations(page);
  });

  test("catalogue page, signed out and signed in", async ({ page }) => {
    await page.goto("/eventi");
    await expect(main(page).getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoA11yViolations(page);
    await createTeacher(page);
    await expect(main(page).getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoA11yViolations(page);
  });
});

test("'Mantieni l'accesso su questo dispositivo': unticked the cookie ends with the browser, ticked it lasts 14 days (ADR 0089)", async ({
  page,
  browser,
}) => {
  const teacher = await createTeacher(page);
  await signOut(page);
  await page.goto("/accedi");
  // The password's form (the providers' buttons have a form and a choice of their own, ADR 0097).
  const keep = page
    .getByRole("form", { name: "Accedi con email e password" })
    .getByRole("checkbox", { name: "Mantieni l'accesso su questo dispositivo" });
  await expect(keep).not.toBeChecked();
  await expect(
    page
      .getByRole("form", { name: "Accedi con email e password" })
      .getByText("Non selezionarlo su un computer condiviso"),
  ).toBeVisible();
  await expectNoA11yViolations(page);
  await signIn(page, teacher.email, DEMO_PASSWORD);
  const sessionCookie = async (p: Page) => (await p.context().cookies()).find((c) => c.name === "forma_session")!;
  expect((await sessionCookie(page)).expires).toBe(-1);

  const own = await (await browser.newContext()).newPage();
  await own.goto("/accedi");
  const form = own.getByRole("form", { name: "Accedi con email e password" });
  await form.getByRole("textbox", { name: /^Email/ }).fill(teacher.email);
  await form.getByLabel(/^Password/).fill(DEMO_PASSWORD);
  // Bootstrap Italia draws the box on the label (the input itself is visually hidden), as a person clicks it.
  await form.locator("label", { hasText: "Mantieni l'accesso su questo dispositivo" }).click();
  await expect(form.getByRole("checkbox", { name: "Mantieni l'accesso su questo dispositivo" })).toBeChecked();
  await form.getByRole("button", { name: "Accedi" }).click();
  await expect(signOutButton(own)).toBeVisible();
  const expires = (await sessionCookie(own)).expires * 1000;
  expect(expires - Date.now()).toBeGreaterThan(13 * 24 * 3600_000);
  await own.context().close();
});
