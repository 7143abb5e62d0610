// Email change end to end: a signed-in teacher asks for a new address on /profilo, opens the
// confirmation link from the email that reaches the new address (a real SMTP server and an app
// instance of the spec's own: tests/e2e/support/mail-instance.ts), confirms, and signs in with the
// new address; the old address is told. An address that already has an account gets the same
// answer on the page.
import { expect, test, type Page } from "@playwright/test";
import {
  expectNoA11yViolations,
  fillSignUpForm,
  signOutButton,
  signUpSubmitButton,
  teacherSignup,
  uniqueEmail,
} from "./support/index.ts";
import { confirmEmails } from "./support/database.ts";
import { clickInEmail, emailTo, signInOn, startMailInstance, type MailInstance } from "./support/mail-instance.ts";

let instance: MailInstance;

test.beforeAll(async () => {
  // Its own port (the engine's + 6): account-emails.spec.ts uses + 5.
  instance = await startMailInstance(6);
});

test.afterAll(async () => {
  await instance?.stop();
});

const main = (page: Page) => page.getByRole("main");

async function signInAs(page: Page, email: string, password: string) {
  await signInOn(page, instance.origin, email, password);
  await expect(signOutButton(page)).toBeVisible();
}

async function askForNewEmail(page: Page, newEmail: string, password: string) {
  await page.goto(`${instance.origin}/profilo`);
  const form = page.locator("form#email-change");
  await form.getByRole("textbox", { name: /^Nuovo indirizzo email/ }).fill(newEmail);
  await form.getByLabel(/^Password attuale/).fill(password);
  await form.getByRole("button", { name: "Invia il link di conferma" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Abbiamo inviato un messaggio al nuovo indirizzo" }),
  ).toBeVisible();
}

test("a teacher changes their email address through the link sent to the new one", async ({ page }) => {
  const { origin, inbox } = instance;
  const teacher = teacherSignup();
  await page.goto(`${origin}/registrati`);
  await fillSignUpForm(page, teacher);
  await signUpSubmitButton(page).click();
  await expect(page).toHaveURL(/\/registrati\?inviata=1$/);
  await confirmEmails(teacher.email);
  await signInAs(page, teacher.email, teacher.password);

  // An address that already has an account: the page answers exactly as for a free one.
  const other = teacherSignup();
  await page.context().clearCookies();
  await page.goto(`${origin}/registrati`);
  await fillSignUpForm(page, other);
  await signUpSubmitButton(page).click();
  await expect(page).toHaveURL(/\/registrati\?inviata=1$/);
  await signInAs(page, teacher.email, teacher.password);
  await askForNewEmail(page, other.email, teacher.password);
  await emailTo(inbox, other.email, /^Il tuo indirizzo è stato indicato per un altro account Forma\b/);

  // A free address: the link arrives there.
  const newEmail = uniqueEmail("nuovo-indirizzo");
  await askForNewEmail(page, newEmail, teacher.password);
  await expectNoA11yViolations(page);
  const mail = await emailTo(inbox, newEmail, /^Conferma il nuovo indirizzo email\b/);
  const link = await clickInEmail(page, origin, mail, "Conferma il nuovo indirizzo");
  await expect(main(page).getByRole("heading", { level: 1, name: "Conferma il nuovo indirizzo email" })).toBeVisible();
  await expect(main(page)).toContainText(newEmail);
  await expectNoA11yViolations(page);
  await main(page).getByRole("button", { name: "Conferma il nuovo indirizzo" }).click();
  await expect(main(page).getByText("Fatto: il tuo account usa ora il nuovo indirizzo email.")).toBeVisible();

  // The old address is told; the account now signs in with the new one only.
  await emailTo(inbox, teacher.email, /^L'indirizzo email del tuo account Forma è cambiato\b/);
  await page.context().clearCookies();
  await signInOn(page, origin, teacher.email, teacher.password);
  await expect(main(page).getByRole("alert").first()).toBeVisible();
  await expect(signOutButton(page)).toHaveCount(0);
  await signInAs(page, newEmail, teacher.password);
  await page.goto(`${origin}/profilo`);
  await expect(main(page).getByText(`Indirizzo attuale: ${newEmail}`)).toBeVisible();

  // The link worked once.
  await page.goto(link);
  await expect(page.getByText("Questo link è già stato usato. Ogni link vale una sola volta.")).toBeVisible();
});
