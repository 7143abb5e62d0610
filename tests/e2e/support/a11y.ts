// Accessibility check with axe-core: WCAG 2.0 and 2.1, levels A and AA.
// axe reads the page's markup, which does not depend on the database engine (the specs' own
// assertions check that both engines show the same content): the checks run in the SQLite
// projects only, like the engine-independent specs (playwright.config.ts), and in the PostgreSQL
// ones too with FORMA_E2E_ALL_SPECS=1. Each check costs a second or more of CPU on a 2-core machine.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import { createRequire } from "node:module";

// The same axe-core AxeBuilder runs (its dependency, one copy in node_modules), in its minified build: to put in a page
// once. `axe.source` is axe.js, 1.3 MB as written; axe.min.js is the same build minified (580 kB), which a page parses
// and compiles in about two thirds of the time, for the same rules and results (07/12/2026, ADR 0105).
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Fails with a readable list (rule, impact, help, offending elements) if axe finds violations
 * on the page as it is now. `include`/`exclude` take CSS selectors to narrow the scan.
 */
export async function expectNoA11yViolations(page: Page, options: { include?: string; exclude?: string[] } = {}) {
  if (!a11yChecksRunHere()) return;
  // A page without iframes (all of Forma's) is checked by axe.run() in the page itself ("legacy
  // mode"): the same violations, passes and incomplete results as the default, which runs
  // axe.runPartial() in every frame and then axe.finishRun() in a new blank tab (with axe injected
  // again there) so as to reach cross-origin iframes, at about twice the cost of a check
  // (docs/decisions/0039-test-suite-time-2.md). A page with an iframe gets the default.
  const legacy = page.frames().length === 1;
  // In legacy mode AxeBuilder evaluated axe-core's source (1.3 MB) twice in the page before every check, a
  // second or so of the check's two to three on a loaded 2-core machine: the source goes in once per document
  // (a page keeps it until it is left), and AxeBuilder is given an empty statement instead. It still configures
  // axe and runs it, with the same options, as before (07/12/2026).
  if (legacy && !(await page.evaluate(() => typeof (window as { axe?: { run?: unknown } }).axe?.run === "function")))
    await page.evaluate(AXE_SOURCE);
  // Only the violations are read: axe still runs every rule on every node, but builds selectors and reports for the
  // violations alone (its resultTypes), not for the passes and the rest, which were half a check's time on a page as
  // long as the catalogue (07/12/2026). `options` replaces the options: before withTags, which adds runOnly to them.
  let builder = new AxeBuilder({ page, ...(legacy ? { axeSource: ";" } : {}) })
    .options({ resultTypes: ["violations"] })
    .withTags(WCAG_TAGS)
    .setLegacyMode(legacy);
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

/**
 * Waits until the page has answered a change of its size: two animation frames, so that ResizeObserver callbacks
 * (ScrollRegion measures whether its table still fits, app/components/scroll-region.tsx) have run and React has
 * committed what they set. axe checked the register's history at 390 px in the moment between the resize and
 * ScrollRegion's tabindex, and found a scrolling region without one (a flake of the dry run of 07/12/2026).
 */
export async function afterResize(page: Page) {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

/** The same check at a desktop's width (1366 px) and a phone's (390 px), then back to the page's size. */
export async function expectNoA11yViolationsAtBothWidths(page: Page) {
  if (!a11yChecksRunHere()) return;
  const size = page.viewportSize()!;
  for (const viewport of [
    { width: 1366, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    await afterResize(page);
    await expectNoA11yViolations(page);
  }
  await page.setViewportSize(size);
}

/** False in a PostgreSQL project, unless FORMA_E2E_ALL_SPECS=1 (see the top of this file). */
export function a11yChecksRunHere(): boolean {
  return !test.info().project.name.startsWith("postgresql") || process.env.FORMA_E2E_ALL_SPECS === "1";
}
