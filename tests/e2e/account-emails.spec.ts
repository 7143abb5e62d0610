// Account emails end to end: a new teacher confirms their address from the link in the email they
// receive, a teacher who forgot their password sets a new one from the reset email and signs in
// with it, and a used or broken link says so.
//
// How the spec gets the emails: the e2e servers run in production mode without SMTP, so their
// outbox keeps every message queued, and the link's token exists only in that queued payload
// (the worker removes it once sent; only its hash is stored). Reading it from the database would
// skip what a person does. So the spec starts a real SMTP server (smtp-server, as the
// integration tests do) and a second app instance of its own on the engine's database, with
// SMTP_HOST pointing at it and APP_ORIGIN its own address: the teacher uses that instance, its
// outbox sends the email, and the spec opens the received HTML in the browser and clicks the
// button, as the teacher would in their mail client. The engine's own server and every other spec
// are untouched (queued messages of other specs may be sent to this sink meanwhile: no spec
// reads the queue).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { startSmtp, to, type Inbox } from "../support/smtp.ts";
import {
  expectNoA11yViolations,
  fillSignUpForm,
  NEW_PASSWORD,
  signOutButton,
  signUpSubmitButton,
  teacherSignup,
} from "./support/index.ts";

const root = path.resolve(import.meta.dirname, "../..");

let inbox: Inbox;
let server: ChildProcess | undefined;
/** The spec's own app instance, e.g. http://127.0.0.1:3515 (the engine's port + 5). */
let origin: string;

/** The engine's database, as tests/e2e/support/serve.ts named it after the engine server's port. */
function databaseOf(project: string, enginePort: string): string {
  if (project.startsWith("postgresql")) {
    const server = process.env.FORMA_E2E_PG_URL ?? process.env.DATABASE_URL;
    if (!server) throw new Error("FORMA_E2E_PG_URL is required on PostgreSQL");
    const url = new URL(server);
    url.pathname = `/forma_e2e_${enginePort}`;
    return url.toString();
  }
  return `file:${path.join(root, "tests/.tmp", `e2e_${enginePort}.db`)}`;
}

// Playwright requires an object pattern for the fixtures, even when none is used.
// eslint-disable-next-line no-empty-pattern
test.beforeAll(async ({}, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL);
  const enginePort = new URL(baseURL).port;
  const port = Number(enginePort) + 5;
  origin = `http://127.0.0.1:${port}`;
  inbox = await startSmtp();
  server = spawn(process.execPath, [path.join(root, "server.js")], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      APP_ORIGIN: origin,
      DATABASE_URL: databaseOf(testInfo.project.name, enginePort),
      SESSION_SECRET: process.env.FORMA_E2E_SESSION_SECRET ?? "account-emails-spec-secret-0123456789abcdef",
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(inbox.port),
      SMTP_SECURE: "false",
      // Rate limits are counted in the shared database: the same allowances as the engine's server.
      LOGIN_RATE_LIMIT: "1000",
      SIGNUP_RATE_LIMIT: "100000",
      ENROLMENT_RATE_LIMIT: "100000",
    },
  });
  await expect
    .poll(
      async () => {
        if (server?.exitCode !== null) throw new Error(`the spec's app instance exited (${server?.exitCode})`);
        return fetch(`${origin}/accedi`)
          .then((r) => r.status)
          .catch(() => 0);
      },
      { timeout: 60_000, message: "the spec's app instance answers" },
    )
    .toBe(200);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await inbox?.stop();
});

/** Waits for the email with this subject to reach the SMTP server (the outbox runs every 5 s). */
async function emailTo(address: string, subject: RegExp): Promise<ParsedMail> {
  const matching = () => to(inbox, address).filter((m) => subject.test(m.subject ?? ""));
  await expect.poll(() => matching().length, { timeout: 30_000 }).toBe(1);
  return matching()[0]!;
}

/** Shows the email's HTML as a mail client would and clicks its button; returns the link followed. */
async function clickInEmail(page: Page, mail: ParsedMail, button: string): Promise<string> {
  expect(mail.html).toBeTruthy();
  await page.setContent(String(mail.html));
  const link = page.getByRole("link", { name: button });
  const href = (await link.getAttribute("href")) ?? "";
  expect(href.startsWith(`${origin}/`)).toBe(true);
  await link.click();
  await expect(page).toHaveURL(href);
  return href;
}

async function signInHere(page: Page, email: string, password: string) {
  await page.goto(`${origin}/accedi`);
  const form = page.getByRole("main");
  await form.getByRole("textbox", { name: /^Email/ }).fill(email);
  await form.getByLabel(/^Password/).fill(password);
  await form.getByRole("button", { name: /^Accedi$/ }).click();
}

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
