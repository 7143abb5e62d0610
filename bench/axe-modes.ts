// The e2e accessibility check (tests/e2e/support/a11y.ts) in AxeBuilder's two modes, against a
// running e2e server (docs/decisions/0039-test-suite-time-2.md):
//   npx tsx bench/axe-modes.ts                     (BENCH_URL, default http://127.0.0.1:3510)
// 1. same results: on the sign-up page, and on the catalogue with four violations added (image
//    without alt, low contrast, unnamed button, unlabelled input), the default mode (runPartial
//    in each frame, finishRun in a blank tab) and legacy mode (axe.run in the page) must return
//    the same violations (rule and nodes), passes, incomplete and inapplicable rules; exits 1 if not;
// 2. time: BENCH_ROUNDS (default 4) rounds over four anonymous pages, the two modes alternating on
//    the same loaded page; prints the total and the median of each. Wall time: compare the two
//    modes of one run only (say the load average with the figures).
import AxeBuilder from "@axe-core/playwright";
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "../playwright.config.ts";
import { WCAG_TAGS } from "../tests/e2e/support/a11y.ts";

const base = process.env.BENCH_URL ?? "http://127.0.0.1:3510";
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;

const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
const context = await browser.newContext({ locale: "it-IT" });
const page = await context.newPage();
const check = (legacy: boolean) => new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(legacy).analyze();
const summary = (r: AxeResults) => ({
  violations: r.violations.map((v) => `${v.id}:${v.nodes.map((n) => n.target.join(" ")).join("|")}`).sort(),
  passes: r.passes.map((v) => `${v.id}:${v.nodes.length}`).sort(),
  incomplete: r.incomplete.map((v) => `${v.id}:${v.nodes.length}`).sort(),
  inapplicable: r.inapplicable.map((v) => v.id).sort(),
});

let same = true;
for (const [path, spoil] of [
  ["/registrati", false],
  ["/eventi", true],
] as const) {
  await page.goto(base + path);
  if (spoil)
    await page.evaluate(() =>
      document
        .querySelector("main")!
        .insertAdjacentHTML(
          "beforeend",
          '<img src="/favicon.ico"><p style="color:#eee;background:#fff">poco contrasto</p><button></button><input type="text">',
        ),
    );
  const [a, b] = [summary(await check(false)), summary(await check(true))];
  const equal = JSON.stringify(a) === JSON.stringify(b);
  same &&= equal && (!spoil || a.violations.length === 4);
  console.log(
    `${path}${spoil ? " (4 violations added)" : ""}: ${a.violations.length} violations;`,
    equal ? "same results" : "DIFFERENT",
  );
}

await page.goto(`${base}/eventi`);
const event = await page.locator("main a[href^='/eventi/']").first().getAttribute("href");
const times: Record<"default" | "legacy", number[]> = { default: [], legacy: [] };
for (let round = 0; round < rounds; round++) {
  for (const path of ["/eventi", event!, "/registrati", "/dichiarazione-accessibilita"]) {
    await page.goto(base + path);
    for (const mode of round % 2 ? (["legacy", "default"] as const) : (["default", "legacy"] as const)) {
      const start = performance.now();
      await check(mode === "legacy");
      times[mode].push(performance.now() - start);
    }
  }
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? 0;
console.log("mode     checks  total s  median ms");
for (const [mode, t] of Object.entries(times))
  console.log(
    `${mode.padEnd(8)} ${String(t.length).padStart(6)} ${(t.reduce((s, x) => s + x, 0) / 1000).toFixed(1).padStart(8)} ${median(t).toFixed(0).padStart(10)}`,
  );
await browser.close();
process.exit(same ? 0 : 1);
