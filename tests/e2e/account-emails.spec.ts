// Account emails end to end: a new teacher confirms their address from the link in the email they
// receive, a teacher who forgot their password sets a new one from the reset email and signs in
// with it, and a used or broken link says so.
//
// How the spec gets the emails: a real SMTP server and an app instance of the spec's own that
// sends to it (tests/e2e/support/mail-instance.ts).
import { expect, test, type Page } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import {
  clickInEmail as clickIn,
  emailTo as emailIn,
  signInOn,
  startMailInstance,
  type MailInstance,
} from "./support/mail-instance.ts";
import {
  expectNoA11yViolations,
  fillSignUpForm,
  NEW_PASSWORD,
  signOutButton,
  signUpSubmitButton,
  teacherSignup,
} from "./support/index.ts";

let instance: MailInstance;
/** The spec's own app instance (the engine's port + 5). */
let origin: string;

test.beforeAll(async () => {
  instance = await startMailInstance(5);
  origin = instance.origin;
});

test.afterAll(async () => {
  await instance?.stop();
});

const emailTo = (address: string, subject: RegExp) => emailIn(instance.inbox, address, subject);
const clickInEmail = (page: Page, mail: ParsedMail, button: string) => clickIn(page, origin, mail, button);
const signInHere = (page: Page, email: string, password: string) => signInOn(page, origin, email, password);

test("a new teacher confirms their email from the link they receive; the link then says it was used", async ({
  page,
}) => {
  const teacher = teacherSignup();
  await page.goto(`${origin}/registrati`);
  await fillSignUpForm(page, teacher);
  await signUpSubmitButton(page).click();
  // Sign-up does not sign in (the answer must not tell new and known addresses apart): check your email.
  await expect(page.getByRole("heading", { level: 1, name: "Controlla la tua email" })).toBeVisible();
  await expect(signOutButton(page)).toHaveCount(0);

  const mail = await emailTo(teacher.email, /^Conferma il tuo indirizzo email\b/);
  expect(mail.text).toContain(`${origin}/conferma-email/`);
  const link = await clickInEmail(page, mail, "Conferma la mia email");

  await expect(page.getByRole("heading", { level: 1, name: "Conferma il tuo indirizzo email" })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Conferma la mia email" }).click();
  await expect(page.getByText("Grazie: il tuo indirizzo email è confermato.")).toBeVisible();
  await expectNoA11yViolations(page);

  // The same link again: used once, it says so and confirms nothing.
  await page.goto(link);
  await expect(page.getByText("Questo link è già stato usato. Ogni link vale una sola volta.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Conferma la mia email" })).toHaveCount(0);
  await expectNoA11yViolations(page);
});

test("a teacher who forgot the password sets a new one from the reset email and signs in with it", async ({ page }) => {
  const teacher = teacherSignup();
  await page.goto(`${origin}/registrati`);
  await fillSignUpForm(page, teacher);
  await signUpSubmitButton(page).click();
  await expect(page.getByRole("heading", { level: 1, name: "Controlla la tua email" })).toBeVisible();
  await expect(signOutButton(page)).toHaveCount(0);

  await page.goto(`${origin}/accedi`);
  await page.getByRole("link", { name: "Password dimenticata?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Password dimenticata" })).toBeVisible();
  await expectNoA11yViolations(page);
  await page
    .getByRole("main")
    .getByRole("textbox", { name: /^Email/ })
    .fill(teacher.email);
  await page.getByRole("button", { name: "Invia il link" }).click();
  await expect(page.getByText(/Se esiste un account con questo indirizzo, ti abbiamo inviato un'email/)).toBeVisible();
  await expectNoA11yViolations(page);

  const mail = await emailTo(teacher.email, /^Reimposta la tua password\b/);
  const link = await clickInEmail(page, mail, "Scegli una nuova password");
  await expect(page.getByRole("heading", { level: 1, name: "Scegli una nuova password" })).toBeVisible();
  await expectNoA11yViolations(page);
  const newPassword = `${NEW_PASSWORD}-nuova`;
  await page
    .getByRole("main")
    .getByLabel(/^Password/)
    .fill(newPassword);
  await page.getByRole("button", { name: "Salva la nuova password" }).click();
  await expect(page.getByText("Password aggiornata. Accedi con la nuova password.")).toBeVisible();
  await expectNoA11yViolations(page);

  // The old password no longer works; the new one does.
  await signInHere(page, teacher.email, teacher.password);
  await expect(signOutButton(page)).toHaveCount(0);
  await signInHere(page, teacher.email, newPassword);
  await expect(signOutButton(page)).toBeVisible();

  // The reset link was used; a mangled one is not valid. Both offer to ask for a new link.
  await page.goto(link);
  await expect(page.getByText("Questo link è già stato usato. Ogni link vale una sola volta.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Chiedi un nuovo link" })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.goto(`${link.slice(0, -6)}xxxxxx`);
  await expect(page.getByText("Questo link non è valido. Controlla di averlo copiato per intero.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Salva la nuova password" })).toHaveCount(0);
});
