// Accessibility check with axe-core: WCAG 2.0 and 2.1, levels A and AA.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Fails with a readable list (rule, impact, help, offending elements) if axe finds violations
 * on the page as it is now. `include`/`exclude` take CSS selectors to narrow the scan.
 */
export async function expectNoA11yViolations(page: Page, options: { include?: string; exclude?: string[] } = {}) {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (options.include) builder = builder.include(options.include);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const report = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n/g, "\n      ")}`)
        .join("\n"),
  );
  expect(report, `axe found WCAG A/AA violations on ${page.url()}`).toEqual([]);
}

/** The same check at a desktop's width (1366 px) and a phone's (390 px), then back to the page's size. */
export async function expectNoA11yViolationsAtBothWidths(page: Page) {
  const size = page.viewportSize()!;
  for (const viewport of [
    { width: 1366, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    await expectNoA11yViolations(page);
  }
  await page.setViewportSize(size);
}
