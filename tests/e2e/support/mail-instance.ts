// An app instance of the spec's own that really sends its email, for specs that follow a link
// from a message (account-emails.spec.ts). One such instance at a time: two on one database
// would each send, and so take, the other's queued messages.
//
// The e2e servers run in production mode without SMTP, so their outbox keeps every message
// queued, and a link's token exists only in that queued payload (the worker removes it once
// sent; only its hash is stored). Reading it from the database would skip what a person does. So
// the spec starts a real SMTP server (smtp-server, as the integration tests do) and a second app
// instance on the engine's database, with SMTP_HOST pointing at it and APP_ORIGIN its own
// address: the person uses that instance, its outbox sends the email, and the spec opens the
// received HTML in the browser and clicks the button, as in a mail client. The engine's own
// server and every other spec are untouched (queued messages of other specs may be sent to this
// sink meanwhile: no spec reads the queue).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { expect, test, type Page } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { startSmtp, to, type Inbox } from "../../support/smtp.ts";
import { databaseOf, notificationsOf } from "./database.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const LOG_TAIL_LINES = 60;
const ASSET_REQUEST = /"path":"[^"]*\.(?:js|css|woff2?|svg|png|ico|br|gz)"/;

export type MailInstance = {
  /** The instance's origin, e.g. http://127.0.0.1:3515. */
  origin: string;
  inbox: Inbox;
  /** The last lines the instance logged (its request and job log), for a failure's message. */
  logTail: () => string;
  stop: () => Promise<void>;
};

/**
 * Starts the SMTP sink and the instance on the engine server's port + `portOffset` (each spec its
 * own offset, so specs can run in parallel). Call from test.beforeAll.
 */
export async function startMailInstance(portOffset: number): Promise<MailInstance> {
  const info = test.info();
  const enginePort = new URL(String(info.project.use.baseURL)).port;
  const port = Number(enginePort) + portOffset;
  const origin = `http://127.0.0.1:${port}`;
  const inbox = await startSmtp();
  const server: ChildProcess = spawn(process.execPath, [path.join(root, "server.js")], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      WEB_CONCURRENCY: "1",
      FORMA_WARMUP_REQUESTS: "0",
      HOST: "127.0.0.1",
      PORT: String(port),
      APP_ORIGIN: origin,
      DATABASE_URL: databaseOf(info.project.name, enginePort),
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
  const lines: string[] = [];
  readline.createInterface({ input: server.stdout! }).on("line", (line) => {
    if (ASSET_REQUEST.test(line)) return; // the page's scripts, styles and fonts say nothing here
    lines.push(line);
    if (lines.length > LOG_TAIL_LINES) lines.shift();
  });
  await expect
    .poll(
      async () => {
        if (server.exitCode !== null) throw new Error(`the spec's app instance exited (${server.exitCode})`);
        return fetch(`${origin}/accedi`)
          .then((r) => r.status)
          .catch(() => 0);
      },
      { timeout: 60_000, message: "the spec's app instance answers" },
    )
    .toBe(200);
  return {
    origin,
    inbox,
    logTail: () => lines.join("\n"),
    stop: async () => {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        server.kill("SIGTERM");
        await exited;
      }
      await inbox.stop();
    },
  };
}

/**
 * Waits for the one email with this subject to reach the SMTP server (the outbox runs every 5 s).
 * If it does not come, the failure says what did: the emails received for the address, what the
 * outbox did with the address's notifications, and the instance's last log lines.
 */
export async function emailTo(instance: MailInstance, address: string, subject: RegExp): Promise<ParsedMail> {
  const matching = () => to(instance.inbox, address).filter((m) => subject.test(m.subject ?? ""));
  try {
    // The inbox is an array in this process: looked at every 100 ms rather than on expect.poll's
    // default back-off (up to 1 s between looks), so the spec goes on as soon as the outbox has sent.
    await expect.poll(() => matching().length, { timeout: 30_000, intervals: [100] }).toBe(1);
  } catch (error) {
    const received = to(instance.inbox, address).map((m) => `  ${m.date?.toISOString()} ${m.subject}`);
    const notifications = (await notificationsOf(address)).map((row) => `  ${JSON.stringify(row)}`);
    throw new Error(
      [
        `No single email ${subject} to ${address} (${matching().length} received).`,
        `Received for ${address}:`,
        ...(received.length ? received : ["  none"]),
        `Its notifications in the database:`,
        ...(notifications.length ? notifications : ["  none"]),
        `The instance's last log lines:`,
        instance.logTail(),
      ].join("\n"),
      { cause: error },
    );
  }
  return matching()[0]!;
}

/** Shows the email's HTML as a mail client would and clicks its button; returns the link followed. */
export async function clickInEmail(page: Page, origin: string, mail: ParsedMail, button: string): Promise<string> {
  expect(mail.html).toBeTruthy();
  await page.setContent(String(mail.html));
  const link = page.getByRole("link", { name: button });
  const href = (await link.getAttribute("href")) ?? "";
  expect(href.startsWith(`${origin}/`)).toBe(true);
  await link.click();
  await expect(page).toHaveURL(href);
  return href;
}

/** Signs in on the instance (Italian interface). */
export async function signInOn(page: Page, origin: string, email: string, password: string) {
  await page.goto(`${origin}/accedi`);
  const form = page.getByRole("main");
  await form.getByRole("textbox", { name: /^Email/ }).fill(email);
  await form.getByLabel(/^Password/).fill(password);
  await form.getByRole("button", { name: /^Accedi$/ }).click();
}
