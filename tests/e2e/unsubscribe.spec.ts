// A reminder's unsubscribe link (List-Unsubscribe, RFC 8058; ADR 0077): opened in a browser it
// shows a page with a button and changes nothing; the button turns the reminders off without
// signing in; a mail provider's one-click POST from its own origin does the same; the page passes
// axe in Italian and English. The link is made as the outbox makes it (the server's SESSION_SECRET).
import { expect, test } from "@playwright/test";
import { unsubscribeToken } from "../../app/utils/unsubscribe-token.server.ts";
import { createTeacher, expectNoA11yViolations } from "./support/index.ts";
import { accountOf } from "./support/database.ts";

const secret = () => process.env.FORMA_E2E_SESSION_SECRET ?? "";

async function linkOf(email: string): Promise<string> {
  const { id } = await accountOf(email);
  return `/disiscrizione/${unsubscribeToken(secret(), "promemoria", id)}`;
}

test("the unsubscribe page asks first, then turns the reminders off without a session; the page passes axe", async ({
  page,
  browser,
}) => {
  const teacher = await createTeacher(page);
  const link = await linkOf(teacher.email);

  // Opened from the mail client, in a browser with no session.
  const context = await browser.newContext();
  const mailClient = await context.newPage();
  await mailClient.goto(link);
  await expect(mailClient.getByRole("heading", { level: 1, name: "Promemoria via email" })).toBeVisible();
  await expect(mailClient.getByText("messaggi dell'organizzazione delle edizioni che frequenti")).toBeVisible();
  await expectNoA11yViolations(mailClient);
  // Opening the link changed nothing.
  expect((await accountOf(teacher.email)).emailReminders).toBe(true);

  await mailClient.getByRole("button", { name: "Non ricevere più i promemoria" }).click();
  await expect(mailClient.getByRole("status")).toContainText("non riceverai più i promemoria via email");
  await expect(mailClient.getByRole("link", { name: "Vai al profilo" })).toBeVisible();
  await expectNoA11yViolations(mailClient);
  expect((await accountOf(teacher.email)).emailReminders).toBe(false);

  // The teacher's own profile shows it.
  await page.goto("/profilo");
  await expect(page.getByRole("checkbox", { name: /Ricevi i promemoria via email/ })).not.toBeChecked();

  // In English, and a link altered by one character is refused.
  await mailClient.goto(`${link}?lang=en`);
  await expect(mailClient.getByRole("heading", { level: 1, name: "Email reminders" })).toBeVisible();
  await expect(mailClient.getByRole("button", { name: "Stop the reminders" })).toBeVisible();
  await expectNoA11yViolations(mailClient);
  const altered = await mailClient.goto(`${link.slice(0, -1)}${link.endsWith("A") ? "B" : "A"}`);
  expect(altered?.status()).toBe(404);
  // Still in English: the language of the email's link is remembered (ADR 0102).
  await expect(mailClient.getByRole("alert")).toContainText("This link is not valid");
  await context.close();
});

test("a mail provider's one-click POST from its own origin turns the reminders off; other forms still refuse a foreign origin", async ({
  page,
  playwright,
  baseURL,
}) => {
  const teacher = await createTeacher(page);
  const link = await linkOf(teacher.email);
  // A request context of its own: no cookie, as RFC 8058 asks of the provider.
  const provider = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Origin: "https://mail.example.net" },
  });
  const oneClick = await provider.post(link, { multipart: { "List-Unsubscribe": "One-Click" }, maxRedirects: 0 });
  expect(oneClick.status()).toBe(200);
  expect((await accountOf(teacher.email)).emailReminders).toBe(false);
  // The exemption is this path's alone: a form posted to another page from that origin is refused.
  const elsewhere = await provider.post("/profilo", { form: { intent: "profile" }, maxRedirects: 0 });
  expect(elsewhere.status()).toBe(403);
  await provider.dispose();
});

test("an alerts' unsubscribe link opens a page titled by the alerts, not the reminders, in both languages", async ({
  page,
  browser,
}) => {
  const teacher = await createTeacher(page);
  const { id } = await accountOf(teacher.email);
  const link = `/disiscrizione/${unsubscribeToken(secret(), "avvisi", id)}`;
  const context = await browser.newContext();
  const mailClient = await context.newPage();
  await mailClient.goto(link);
  await expect(mailClient.getByRole("heading", { level: 1, name: "Avvisi di nuovi eventi" })).toBeVisible();
  await expect(mailClient).toHaveTitle("Avvisi di nuovi eventi · Forma");
  await mailClient.goto(`${link}?lang=en`);
  await expect(mailClient.getByRole("heading", { level: 1, name: "Alerts of new events" })).toBeVisible();
  await expect(mailClient).toHaveTitle("Alerts of new events · Forma");
  await context.close();
});
