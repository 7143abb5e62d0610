// The idle warning of a session not kept on the device (ADR 0094, WCAG 2.1 SC 2.2.1): the browser's clock
// is Playwright's (context.clock, shared by the context's tabs), the server's is real, so each test moves
// the session's stored end as the time the page skips would have, and the page asks the server
// (GET /sessione) before it shows anything.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import {
  createTeacher,
  DEMO_ACCOUNTS,
  expectNoA11yViolationsAtBothWidths,
  hydrated,
  loginAs,
} from "./support/index.ts";
import { sessionEnd, setSessionEnd, startIdleSession } from "./support/database.ts";

const MINUTE = 60_000;
const IDLE_MINUTES = 120;

/** A new teacher whose browser holds a session not kept on the device, ending in 7 minutes. */
async function teacherWithIdleSession(page: Page) {
  const teacher = await createTeacher(page);
  const session = await startIdleSession(teacher.email, 7 * MINUTE);
  const baseURL = test.info().project.use.baseURL!;
  await page.context().addCookies([{ ...session.cookie, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  await page.context().clock.install();
  return { teacher, session };
}

const warning = (page: Page) => page.getByRole("alertdialog", { name: "La sessione sta per scadere per inattività" });
const ended = (page: Page) => page.getByRole("alertdialog", { name: "La sessione è terminata" });

/** The page's clock skips `ms` while the server's session end is moved to `leftMs` from now. */
async function timePasses(context: BrowserContext, sessionId: string, ms: number, leftMs: number, lastUsedAgoMs = 0) {
  // Each tab's idle timer is set once it is hydrated: a jump of the clock before that went unseen by the tab, which
  // then waited a real minute to look again (a CI dry run of 05/12/2026 saw the first of two tabs never warn).
  for (const tab of context.pages()) await hydrated(tab);
  await setSessionEnd(sessionId, new Date(Date.now() + leftMs), new Date(Date.now() - lastUsedAgoMs));
  await context.clock.fastForward(ms);
}

function expectAbout(at: Date, expected: number) {
  expect(Math.abs(at.getTime() - expected)).toBeLessThan(MINUTE);
}

test("five minutes before the idle end a dialog warns; «Mantieni l'accesso» and Escape extend it on the server", async ({
  page,
}) => {
  const { session } = await teacherWithIdleSession(page);
  await page.goto("/profilo");
  const school = page.getByRole("textbox", { name: /^Scuola \(denominazione\)/ });
  await school.fill("IC Arezzo 4");
  await expect(warning(page)).toBeHidden();

  // Two and a half minutes without a request: four and a half left.
  await timePasses(page.context(), session.id, 2.5 * MINUTE, 4.5 * MINUTE);
  const dialog = warning(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("timer")).toHaveText(/^Tempo rimasto: 4:\d\d$/);
  await expect(dialog.getByRole("button", { name: "Mantieni l'accesso" })).toBeFocused();
  await expect(dialog.getByRole("button", { name: "Esci" })).toBeVisible();
  await expectNoA11yViolationsAtBothWidths(page);

  await dialog.getByRole("button", { name: "Mantieni l'accesso" }).click();
  await expect(dialog).toBeHidden();
  await expect(school).toBeFocused();
  await expect(school).toHaveValue("IC Arezzo 4");
  expectAbout(await sessionEnd(session.id), Date.now() + IDLE_MINUTES * MINUTE);

  // Nearly two hours later, Escape is «Mantieni l'accesso» too.
  await timePasses(page.context(), session.id, (IDLE_MINUTES - 4) * MINUTE, 4 * MINUTE);
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expectAbout(await sessionEnd(session.id), Date.now() + IDLE_MINUTES * MINUTE);
});

test("two tabs: a request in one, or «Mantieni l'accesso» in one, closes the dialog in both", async ({ page }) => {
  const { session } = await teacherWithIdleSession(page);
  const context = page.context();
  const other = await context.newPage();
  await page.goto("/profilo");
  await other.goto("/le-mie-iscrizioni");
  await expect(other.getByRole("heading", { level: 1 })).toBeVisible();

  // Both warn; then a page opened in the first tab (a request: last use 10 minutes ago, so it moves the end).
  await timePasses(context, session.id, 2.5 * MINUTE, 4.5 * MINUTE, 10 * MINUTE);
  await expect(warning(page)).toBeVisible();
  await expect(warning(other)).toBeVisible();
  await page.goto("/il-mio-piano");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(warning(other)).toBeHidden();
  expectAbout(await sessionEnd(session.id), Date.now() + IDLE_MINUTES * MINUTE);

  // Both warn again; «Mantieni l'accesso» in the second closes the first's.
  await timePasses(context, session.id, (IDLE_MINUTES - 4) * MINUTE, 4 * MINUTE);
  await expect(warning(page)).toBeVisible();
  await expect(warning(other)).toBeVisible();
  await warning(other).getByRole("button", { name: "Mantieni l'accesso" }).click();
  await expect(warning(other)).toBeHidden();
  await expect(warning(page)).toBeHidden();
  expectAbout(await sessionEnd(session.id), Date.now() + IDLE_MINUTES * MINUTE);
});

test("after the end (a laptop asleep) a sign-in in a new tab lets the page's form be sent as typed", async ({
  page,
}) => {
  const { teacher, session } = await teacherWithIdleSession(page);
  const context = page.context();
  await page.goto("/profilo");
  const profile = page.locator("form#profile");
  const school = profile.getByRole("textbox", { name: /^Scuola \(denominazione\)/ });
  await school.fill("IC Siena 2 «Duccio»");

  // Three hours asleep: the server ended the session meanwhile.
  await timePasses(context, session.id, 3 * 60 * MINUTE, -MINUTE);
  const dialog = ended(page);
  await expect(dialog).toBeVisible();
  const signInAgain = dialog.getByRole("link", { name: /^Accedi di nuovo/ });
  await expect(signInAgain).toBeFocused();
  await expect(signInAgain).toHaveAttribute("target", "_blank");
  await expectNoA11yViolationsAtBothWidths(page);

  const [signInTab] = await Promise.all([context.waitForEvent("page"), signInAgain.click()]);
  await expect(signInTab.getByText("La sessione è terminata per inattività. Accedi di nuovo qui")).toBeVisible();
  const form = signInTab.getByRole("main");
  await form.getByRole("textbox", { name: /^Email/ }).fill(teacher.email);
  await form.getByLabel(/^Password/).fill(teacher.password);
  await form.getByRole("button", { name: "Accedi", exact: true }).click();
  await expect(signInTab.getByRole("heading", { level: 1, name: "Hai di nuovo accesso" })).toBeVisible();

  // Back in the first tab: the dialog has gone, the text is there and the form goes out with the new session.
  await expect(dialog).toBeHidden();
  await expect(school).toHaveValue("IC Siena 2 «Duccio»");
  await profile.getByRole("button", { name: "Salva il profilo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Profilo aggiornato." })).toBeVisible();
  await page.reload();
  await expect(profile.getByRole("textbox", { name: /^Scuola \(denominazione\)/ })).toHaveValue("IC Siena 2 «Duccio»");
});

test("after the end, «Torna alla pagina» leaves the text as typed and keeps «Accedi di nuovo» in sight, a line or two on a phone", async ({
  page,
}) => {
  const { session } = await teacherWithIdleSession(page);
  await page.goto("/profilo");
  const school = page.getByRole("textbox", { name: /^Scuola \(denominazione\)/ });
  await school.fill("IC Lucca 3");
  await timePasses(page.context(), session.id, 3 * 60 * MINUTE, -MINUTE);
  await ended(page).getByRole("button", { name: "Torna alla pagina" }).click();
  await expect(ended(page)).toBeHidden();
  await expect(school).toHaveValue("IC Lucca 3");
  const notice = page.getByRole("status").filter({ hasText: "La sessione è terminata" });
  await expect(notice.getByRole("link", { name: /^Accedi di nuovo/ })).toBeVisible();
  // Fixed at the bottom, over the page: on a phone it covered a fifth of a 320 × 568 screen, and 44 % of a 390 px
  // phone zoomed to 200 % (195 × 422 CSS px). Now its text and a smaller button, side by side when they fit.
  const heights: Record<string, number> = {};
  for (const [width, height] of [
    [390, 844],
    [320, 568],
    [195, 422],
  ] as const) {
    await page.setViewportSize({ width, height });
    await expect(notice).toBeInViewport({ ratio: 1 });
    heights[`${width}`] = (await notice.boundingBox())!.height;
  }
  expect(heights["390"], "one line at 390 px").toBeLessThanOrEqual(60);
  expect(heights["320"]).toBeLessThanOrEqual(80);
  expect(heights["195"]).toBeLessThanOrEqual(130);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoA11yViolationsAtBothWidths(page);
});

test("in English, «Sign in again» after the end opens the sign-in and the page it comes back to in English", async ({
  page,
}) => {
  const { teacher, session } = await teacherWithIdleSession(page);
  const context = page.context();
  await page.goto("/profilo?lang=en");
  // The dialog's clock runs once the page is hydrated: it then shares the idle end with the other tabs.
  await expect.poll(() => page.evaluate(() => localStorage.length)).toBeGreaterThan(0);
  await timePasses(context, session.id, 3 * 60 * MINUTE, -MINUTE);
  const dialog = page.getByRole("alertdialog", { name: "Your session has ended" });
  await expect(dialog).toBeVisible();

  // The new tab is signed out and may hold no language cookie: only the link can say the page's language.
  const [signInTab] = await Promise.all([
    context.waitForEvent("page"),
    dialog.getByRole("link", { name: /^Sign in again/ }).click(),
  ]);
  await expect(signInTab.locator("html")).toHaveAttribute("lang", "en");
  await expect(signInTab.getByText("Your session ended due to inactivity. Sign in again here")).toBeVisible();
  const form = signInTab.getByRole("main");
  await form.getByRole("textbox", { name: /^Email/ }).fill(teacher.email);
  await form.getByLabel(/^Password/).fill(teacher.password);
  await form.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(signInTab.getByRole("heading", { level: 1, name: "You are signed in again" })).toBeVisible();
  await expect(dialog).toBeHidden();
});

test("a session kept on the device and a signed-out page have no idle dialog", async ({ page }) => {
  await createTeacher(page, {}, { redirectTo: "/profilo" });
  await expect(page.getByRole("heading", { level: 1, name: "Il mio profilo" })).toBeVisible();
  await expect(page.getByTestId("idle-session-dialog")).toHaveCount(0);
  await page.context().clearCookies();
  await page.goto("/eventi");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("idle-session-dialog")).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a long form says the idle end once, for a session not kept on the device only", async ({ page }) => {
    const note = "Per sicurezza la sessione si chiude dopo 2 ore di inattività";
    const session = await startIdleSession(DEMO_ACCOUNTS.referenteToscana.email, 60 * MINUTE);
    const baseURL = test.info().project.use.baseURL!;
    await page.context().addCookies([{ ...session.cookie, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
    await page.goto("/gestione/eventi/nuovo");
    // Playwright's text locators leave <noscript> out; its paragraph is what the browser shows without JavaScript.
    const said = page.locator("main noscript p");
    await expect(said).toHaveCount(1);
    await expect(said).toContainText(note);

    await loginAs(page, "referenteToscana", { redirectTo: "/gestione/eventi/nuovo" });
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator("main noscript p")).toHaveCount(0);
  });
});
