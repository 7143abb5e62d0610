// The Content-Security-Policy (app/utils/http-app.server.ts) lets every page work: no CSP
// violation in the console on public, teacher and organiser pages, and Remix hydrates (its
// inline scripts carry the request's nonce), so client-side navigation works.
import { expect, test, type Page } from "@playwright/test";
import { hydrated, loginAs, signOut } from "./support/index.ts";

function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || /Content.Security.Policy/i.test(message.text())) {
      problems.push(`${page.url()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
  return problems;
}

async function expectHydrated(page: Page) {
  await hydrated(page);
}

test("pages load under the CSP without violations, and Remix hydrates", async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  const response = await page.goto("/eventi");
  const csp = response!.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).toContain("frame-ancestors 'none'");
  await expectHydrated(page);

  // A client-side navigation (no full reload) proves the scripts run.
  await page.evaluate(() => ((window as unknown as { __marker?: number }).__marker = 1));
  await page.getByRole("main").getByRole("link").filter({ hasText: /\w/ }).first().click();
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);

  await loginAs(page, "teacher");
  for (const path of ["/le-mie-iscrizioni", "/il-mio-piano", "/eventi"]) {
    await page.goto(path);
    await expectHydrated(page);
  }
  await signOut(page);
  await loginAs(page, "admin");
  for (const path of ["/gestione/eventi", "/gestione/eventi/nuovo", "/admin/utenti", "/admin/email", "/formazione"]) {
    await page.goto(path);
    await expectHydrated(page);
  }
  expect(problems).toEqual([]);
});
