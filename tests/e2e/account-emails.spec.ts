// Account emails end to end: a new teacher confirms their address from the link in the email they
// receive, a teacher who forgot their password sets a new one from the reset email and signs in
// with it, and a used or broken link says so; a signed-in teacher changes their address on
// /profilo through the link sent to the new one (the old address is told; an address that already
// has an account gets the same answer on the page).
//
// One file, one app instance: two instances on one database would each send (and so take) the
// other's queued messages, and a spec would wait for an email another sink received.
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
  uniqueEmail,
} from "./support/index.ts";
import { confirmEmails } from "./support/database.ts";

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

const emailTo = (address: string, subject: RegExp) => emailIn(instance, address, subject);
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
  await expect(page.getByRole("main").getByText("Grazie: il tuo indirizzo email è confermato.")).toBeVisible();
  await expectNoA11yViolations(page);

  // The same link again: used once, it says so and confirms nothing, but tells her the address is
  // confirmed and leads to the sign-in page.
  await page.goto(link);
  await expect(
    page.getByRole("main").getByText("Questo link è già stato usato. Ogni link vale una sola volta."),
  ).toBeVisible();
  await expect(page.getByRole("main").getByText("Il tuo indirizzo email è confermato: puoi accedere.")).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Vai alla pagina di accesso" })).toHaveAttribute(
    "href",
    /^\/accedi/,
  );
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
  await expect(
    page.getByRole("main").getByText(/Se esiste un account con questo indirizzo, ti abbiamo inviato un'email/),
  ).toBeVisible();
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
  await expect(page.getByRole("main").getByText("Password aggiornata. Accedi con la nuova password.")).toBeVisible();
  await expectNoA11yViolations(page);

  // The old password no longer works; the new one does.
  await signInHere(page, teacher.email, teacher.password);
  await expect(signOutButton(page)).toHaveCount(0);
  await signInHere(page, teacher.email, newPassword);
  await expect(signOutButton(page)).toBeVisible();

  // The reset link was used; a mangled one is not valid. Both offer to ask for a new link.
  await page.goto(link);
  await expect(
    page.getByRole("main").getByText("Questo link è già stato usato. Ogni link vale una sola volta."),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Chiedi un nuovo link" })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.goto(`${link.slice(0, -6)}xxxxxx`);
  await expect(
    page.getByRole("main").getByText("Questo link non è valido. Controlla di averlo copiato per intero."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Salva la nuova password" })).toHaveCount(0);
});

const main = (page: Page) => page.getByRole("main");

async function signInAs(page: Page, email: string, password: string) {
  await signInHere(page, email, password);
  await expect(signOutButton(page)).toBeVisible();
}

async function askForNewEmail(page: Page, newEmail: string, password: string) {
  await page.goto(`${origin}/profilo`);
  const form = page.locator("form#email-change");
  await form.getByRole("textbox", { name: /^Nuovo indirizzo email/ }).fill(newEmail);
  await form.getByLabel(/^Password attuale/).fill(password);
  await form.getByRole("button", { name: "Invia il link di conferma" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Abbiamo inviato un messaggio al nuovo indirizzo" }),
  ).toBeVisible();
}

test("a teacher changes their email address through the link sent to the new one", async ({ page, browser }) => {
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
  await emailTo(other.email, /^Il tuo indirizzo è stato indicato per un altro account Forma\b/);

  // A free address: the link arrives there.
  const newEmail = uniqueEmail("nuovo-indirizzo");
  await askForNewEmail(page, newEmail, teacher.password);
  await expectNoA11yViolations(page);
  const mail = await emailTo(newEmail, /^Conferma il nuovo indirizzo email\b/);
  const link = await clickInEmail(page, mail, "Conferma il nuovo indirizzo");
  await expect(main(page).getByRole("heading", { level: 1, name: "Conferma il nuovo indirizzo email" })).toBeVisible();
  await expect(main(page)).toContainText(newEmail);
  await expectNoA11yViolations(page);
  // Confirmed as a browser posts the form before the page's scripts run (a slow phone) or without them: a
  // plain form POST from the token's page. With that page's Referrer-Policy "no-referrer", Chromium sent
  // "Origin: null" and the confirmation was refused as a form sent from another site (seen in a CI run
  // whose click came before hydration).
  const withoutScripts = await browser.newContext({ javaScriptEnabled: false });
  try {
    const plain = await withoutScripts.newPage();
    await plain.goto(link);
    await main(plain).getByRole("button", { name: "Conferma il nuovo indirizzo" }).click();
    await expect(main(plain).getByText("Fatto: il tuo account usa ora il nuovo indirizzo email.")).toBeVisible();
  } finally {
    await withoutScripts.close();
  }

  // The old address is told; the account now signs in with the new one only.
  await emailTo(teacher.email, /^L'indirizzo email del tuo account Forma è cambiato\b/);
  await page.context().clearCookies();
  await signInHere(page, teacher.email, teacher.password);
  await expect(main(page).getByRole("alert").first()).toBeVisible();
  await expect(signOutButton(page)).toHaveCount(0);
  await signInAs(page, newEmail, teacher.password);
  await page.goto(`${origin}/profilo`);
  await expect(main(page).getByText(`Indirizzo attuale: ${newEmail}`)).toBeVisible();

  // The link worked once.
  await page.goto(link);
  await expect(
    page.getByRole("main").getByText("Questo link è già stato usato. Ogni link vale una sola volta."),
  ).toBeVisible();
});
