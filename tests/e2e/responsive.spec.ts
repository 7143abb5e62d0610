// The site at 320, 390, 768 and 1366 CSS px (WCAG 1.4.10 reflow, 2.4.7 focus visible), for every
// kind of user: no page is wider than the viewport; below 992 px the main menu hides behind
// Bootstrap Italia's toggle and opens with the keyboard and with the pointer, every item can be
// reached and Tab never lands on an invisible element; at 1366 px the menu is in the header.
// With FORMA_E2E_SCREENSHOTS=1 the same walk attaches a full-page screenshot of every main page at 390
// and 1366 px to the test's results (test-results/…/*.png), for a reviewer to look at.
import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { en as english, it as italian, type MessageKey } from "../../app/i18n/messages.ts";
import { expectNoA11yViolations, hydrated, loginAs, type DemoAccount } from "./support/index.ts";

// The tests of this file share nothing (each kind of user on its own page and session) and are the
// longest of the SQLite run (about 3.5 minutes together): in parallel mode both workers take them,
// instead of one worker walking them all while the other idles at the end of the run.
test.describe.configure({ mode: "parallel" });

const WIDTHS = [320, 390, 768, 1366] as const;
// Screenshots for a reviewer cost CPU on every run and nobody reads them in CI: only with FORMA_E2E_SCREENSHOTS=1.
const SCREENSHOT_WIDTHS = new Set<number>(process.env.FORMA_E2E_SCREENSHOTS === "1" ? [390, 1366] : []);
const main = (page: Page) => page.getByRole("main");
const toggle = (page: Page) => page.getByRole("banner").locator(".custom-navbar-toggler");
const menu = (page: Page) => page.getByRole("banner").locator("#main-menu");

/** The menu items each kind of user must be able to reach (their labels' keys, in either language: `menuItems`). */
const OWN_PAGES: MessageKey[] = ["nav.catalogue", "nav.myEnrolments", "nav.myPlan", "nav.profile"];
const ORGANISER_PAGES: MessageKey[] = [...OWN_PAGES, "nav.registers", "nav.organiser", "nav.dashboard"];
const MENU_KEYS: Record<DemoAccount | "anonymous", MessageKey[]> = {
  anonymous: ["nav.catalogue", "nav.signup"],
  teacher: OWN_PAGES,
  teacher2: OWN_PAGES,
  referenteToscana: ORGANISER_PAGES,
  referenteLombardia: ORGANISER_PAGES,
  trainer: [...OWN_PAGES, "nav.registers"],
  admin: [...ORGANISER_PAGES, "nav.admin"],
};
type Language = "it" | "en";
const CATALOGUES = { it: italian, en: english } as const;
/** The menu's labels for a kind of user, as the interface shows them in that language. */
const menuItems = (who: DemoAccount | "anonymous", language: Language = "it") =>
  MENU_KEYS[who].map((key) => CATALOGUES[language][key]);

/** The first link in the main content whose address matches, on `path` (loaded here), or on the page already open. */
async function firstHref(page: Page, path: string | null, pattern: RegExp): Promise<string> {
  if (path !== null) await page.goto(path);
  const href = (await mainHrefs(page)).find((h) => pattern.test(h));
  expect(href, `a link matching ${pattern} on ${path ?? page.url()}`).toBeTruthy();
  return href!;
}

/** A page of a walk: its address, or the first link matching `pattern` in the main content of the walk's page `from`. */
type WalkPage = string | { from: number; pattern: RegExp };

/**
 * The main pages of each kind of user, ids taken from the seed through the pages themselves: from the links of a page
 * the walk loaded before (its index in the list), rather than loading that page once more to read them (07/12/2026).
 */
function pagesOf(who: DemoAccount | "anonymous"): WalkPage[] {
  switch (who) {
    case "anonymous":
      return [
        "/eventi",
        { from: 0, pattern: /^\/eventi\/[^/?]+$/ },
        "/accedi",
        "/registrati",
        "/dichiarazione-accessibilita",
        "/privacy",
        "/note-legali",
      ];
    case "teacher":
    case "teacher2":
      return ["/eventi", { from: 0, pattern: /^\/eventi\/[^/?]+$/ }, "/le-mie-iscrizioni", "/il-mio-piano"];
    case "referenteToscana":
    case "referenteLombardia":
      return [
        "/gestione/eventi",
        "/gestione/eventi/nuovo",
        { from: 0, pattern: /^\/gestione\/eventi\/(?!nuovo)[^/?]+$/ },
        { from: 2, pattern: /^\/gestione\/edizioni\/[^/?]+$/ },
      ];
    case "trainer":
      return [
        "/formazione",
        { from: 0, pattern: /^\/formazione\/edizioni\/[^/?]+$/ },
        { from: 1, pattern: /^\/formazione\/incontri\/[^/?]+$/ },
      ];
    case "admin":
      return ["/admin/utenti", "/admin/email", "/gestione/eventi"];
  }
}

/**
 * The pages of a kind of user, beyond its walk, that the English pass reads too: the tables the Italian ones of
 * which other tests of this file read at 320 px (a trainer's closing and certificates pages), the dashboard.
 */
function englishOnlyPagesOf(who: DemoAccount | "anonymous", walked: string[]): string[] {
  switch (who) {
    case "trainer":
      return [`${walked[1]}/chiusura`, `${walked[1]}/attestati`];
    case "referenteToscana":
    case "referenteLombardia":
      return ["/cruscotto"];
    default:
      return [];
  }
}

/** The addresses of the links in the page's main content. */
async function mainHrefs(page: Page): Promise<string[]> {
  return main(page)
    .locator("a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
}

/**
 * The table boxes of the page's main content wider than they are shown, as the keyboard and a screen reader meet
 * them: tabindex, role and name (aria-label, or the text of what aria-labelledby names).
 */
async function wideTableRegions(page: Page) {
  return (await layoutNow(page)).regions;
}

/**
 * The page's width against the window's and its wide table boxes (`wideTableRegions`), read in one call: the walks
 * read both at every width of every page.
 */
async function layoutNow(page: Page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    url: location.href,
    regions: [...document.querySelectorAll("main .table-responsive")]
      .filter((box) => box.scrollWidth > box.clientWidth)
      .map((box) => ({
        tabIndex: box.getAttribute("tabindex"),
        role: box.getAttribute("role"),
        name:
          box.getAttribute("aria-label") ||
          document.getElementById(box.getAttribute("aria-labelledby") ?? "")?.textContent?.trim() ||
          "",
      })),
  }));
}

/** No page wider than the window, and every table wider than its box in a named focusable region. */
async function expectReflow(page: Page, where: string) {
  const { scrollWidth, innerWidth, url, regions } = await layoutNow(page);
  expect(scrollWidth, `${url} is wider than the ${innerWidth} px viewport`).toBeLessThanOrEqual(innerWidth);
  for (const region of regions) expect(region, where).toMatchObject(NAMED_FOCUSABLE_REGION);
}

/** What a wide table's box must be: reached with Tab, a region, and named. */
const NAMED_FOCUSABLE_REGION = { tabIndex: "0", role: "region", name: expect.stringMatching(/\S/) };

async function expectNoHorizontalOverflow(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${page.url()} is wider than the ${innerWidth} px viewport`).toBeLessThanOrEqual(innerWidth);
}

/**
 * The focused element is rendered, on screen once scrolled to, and has a visible focus indicator; returns its text
 * (read in the same call).
 */
async function expectFocusVisible(page: Page): Promise<string> {
  const focus = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const text = el?.textContent?.trim() ?? "";
    if (!el || el === document.body) return { ok: true, what: "body", text };
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const ring =
      (style.outlineStyle !== "none" &&
        parseFloat(style.outlineWidth) > 0 &&
        style.outlineColor !== "rgba(0, 0, 0, 0)") ||
      (style.boxShadow !== "none" && style.boxShadow !== "");
    const onScreen = rect.width > 0 && rect.height > 0 && rect.right > 0 && rect.left < window.innerWidth;
    return {
      ok: onScreen && style.visibility !== "hidden" && ring,
      what: `${el.tagName} "${(el.textContent ?? "").trim().slice(0, 40)}" rect=${Math.round(rect.left)},${Math.round(rect.width)}x${Math.round(rect.height)} outline=${style.outlineStyle}/${style.outlineWidth} shadow=${style.boxShadow}`,
      text,
    };
  });
  expect(focus.ok, `focus not visible: ${focus.what}`).toBe(true);
  return focus.text;
}

async function attachScreenshot(page: Page, testInfo: TestInfo, who: string, width: number) {
  const name = `${who}-${width}px${new URL(page.url()).pathname.replace(/[^a-z0-9]+/gi, "-")}.png`;
  // Kept as a file in the test's output folder (test-results/…) and attached to the report.
  const path = testInfo.outputPath(name);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/**
 * The open menu's items whose text runs past the menu's panel or the window (or starts before them): a label too
 * long for a phone's menu, cut off or to be scrolled to.
 */
async function menuItemsOutOfReach(page: Page): Promise<string[]> {
  return menu(page)
    .locator("a")
    .evaluateAll((links) => {
      const panel = document.querySelector("#main-menu .menu-wrapper") ?? document.getElementById("main-menu")!;
      const bounds = panel.getBoundingClientRect();
      const left = Math.max(0, bounds.left);
      const right = Math.min(window.innerWidth, bounds.right);
      return links
        .filter((link) => {
          const range = document.createRange();
          range.selectNodeContents(link);
          const text = range.getBoundingClientRect();
          return text.width > 0 && (text.left < left - 1 || text.right > right + 1);
        })
        .map((link) => (link.textContent ?? "").trim());
    });
}

async function checkMenu(page: Page, who: DemoAccount | "anonymous", width: number, language: Language = "it") {
  const items = menuItems(who, language);
  if (width >= 992) {
    await expect(toggle(page)).toBeHidden();
    for (const item of items) await expect(menu(page).getByRole("link", { name: item, exact: true })).toBeVisible();
    return;
  }
  // Closed: the toggle is visible, the links are not, and Tab through the header never lands on them.
  await expect(toggle(page)).toBeVisible();
  await expect(toggle(page)).toHaveAttribute("aria-expanded", "false");
  for (const item of items) await expect(menu(page).getByRole("link", { name: item, exact: true })).toBeHidden();
  await page.locator("body").focus();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    await expectFocusVisible(page);
  }
  // Keyboard: open with Enter, Tab reaches every item (focus visible on each), Escape closes and
  // gives focus back to the toggle.
  await toggle(page).focus();
  await page.keyboard.press("Enter");
  await expect(toggle(page)).toHaveAttribute("aria-expanded", "true");
  for (const item of items) await expect(menu(page).getByRole("link", { name: item, exact: true })).toBeVisible();
  // Every label whole within the panel and the window (the English ones are longer: 07/12/2026).
  await expect.poll(() => menuItemsOutOfReach(page), `menu items cut off at ${width} px (${language})`).toEqual([]);
  await expect(
    page.getByRole("banner").getByRole("button", { name: CATALOGUES[language]["nav.closeMenu"] }),
  ).toBeFocused();
  const reached: string[] = [];
  for (let i = 0; i < items.length + 1; i++) {
    await page.keyboard.press("Tab");
    reached.push(await expectFocusVisible(page));
  }
  for (const item of items) expect(reached, `Tab reaches "${item}" in the open menu`).toContain(item);
  // The open menu is the same markup at every width below 992 px, in either language: axe at 390 and 768 px (Italian)
  // sees every style it can take.
  if (language === "it") await expectNoA11yViolations(page);
  await page.keyboard.press("Escape");
  await expect(menu(page)).toBeHidden();
  await expect(toggle(page)).toBeFocused();
  await expect(toggle(page)).toHaveAttribute("aria-expanded", "false");
  // Pointer: open with a click, follow the first item, and the menu is closed on the new page.
  await toggle(page).click();
  await expect(toggle(page)).toHaveAttribute("aria-expanded", "true");
  await menu(page).getByRole("link", { name: items[0], exact: true }).click();
  await expect(page).toHaveURL(/\/eventi$/);
  await expect(menu(page)).toBeHidden();
  await expect(toggle(page)).toHaveAttribute("aria-expanded", "false");
}

const WHO: (DemoAccount | "anonymous")[] = ["anonymous", "teacher", "referenteToscana", "trainer", "admin"];

for (const who of WHO) {
  test(`${who}: menu, reflow and focus at ${WIDTHS.join(", ")} px`, async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    // The walk's first page opens at 320 px: signed in straight onto it (not onto the catalogue first).
    await page.setViewportSize({ width: WIDTHS[0], height: 844 });
    if (who !== "anonymous") await loginAs(page, who, { redirectTo: pagesOf(who)[0] as string });
    const account = (labels: Record<MessageKey, string> = italian) =>
      page.getByRole("banner").getByRole(who === "anonymous" ? "link" : "button", {
        name: labels[who === "anonymous" ? "nav.login" : "nav.logout"],
        exact: true,
      });
    // Each page is loaded once and looked at in every width, as a phone turned or a window resized
    // shows it: the server's HTML does not depend on the width, only the styles do (a load per width
    // made these five tests about a fifth longer: 2.3 → 1.9 min, ADR 0105).
    const walked: string[] = [];
    const links: string[][] = [];
    for (const step of pagesOf(who)) {
      let path: string;
      if (typeof step === "string") path = step;
      else {
        const href = links[step.from]!.find((h) => step.pattern.test(h));
        expect(href, `a link matching ${step.pattern} on ${walked[step.from]}`).toBeTruthy();
        path = href!;
      }
      await page.setViewportSize({ width: WIDTHS[0], height: 844 });
      if (walked.length > 0 || who === "anonymous") await page.goto(path);
      await expect(main(page).getByRole("heading", { level: 1 })).toBeVisible();
      walked.push(path);
      links.push(await mainHrefs(page));
      // Signing in or out is reachable at every width: at 320 px on the first page, just loaded at that width (the
      // load the menu walk below made for it alone before, 07/12/2026).
      if (walked.length === 1) {
        await expect(account()).toBeVisible();
        await expect(account()).toBeInViewport();
      }
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 844 });
        // No page wider than the window; a table wider than the screen scrolls in a box the keyboard reaches and a
        // screen reader names.
        await expectReflow(page, `${path} at ${width} px`);
        if (width === 390 || width === 1366) await expectNoA11yViolations(page);
        if (SCREENSHOT_WIDTHS.has(width)) await attachScreenshot(page, testInfo, who, width);
      }
    }
    // The menu below 992 px is one markup under one set of style rules from 320 to 399 px (the app's narrowest
    // breakpoint is 400 px), so the walk at 390 px is the walk at 320 px: done once (07/12/2026, ADR 0105).
    for (const width of WIDTHS.filter((w) => w !== 320)) {
      await page.setViewportSize({ width, height: 844 });
      await page.goto(walked[0]!);
      await checkMenu(page, who, width);
      await expect(account()).toBeVisible();
      await expect(account()).toBeInViewport();
    }
    // In English, at the narrowest width: English labels are often longer than the Italian ones, in the menu, the
    // buttons and the tables' headers. One pass at 320 px (the widths above reflow the same documents), the language
    // chosen as a link from an English email chooses it (?lang=en, then remembered by a cookie of this browser only: the
    // demo account's own language, which other specs read, stays Italian), with the pages whose tables only this
    // pass reads in English (07/12/2026, ADR 0105).
    await page.setViewportSize({ width: WIDTHS[0], height: 844 });
    for (const [i, path] of [...walked, ...englishOnlyPagesOf(who, walked)].entries()) {
      await page.goto(i === 0 ? `${path}${path.includes("?") ? "&" : "?"}lang=en` : path);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(main(page).getByRole("heading", { level: 1 })).toBeVisible();
      await expectReflow(page, `${path} at ${WIDTHS[0]} px, in English`);
      if (i === 0) {
        await expect(account(english)).toBeVisible();
        await expect(account(english)).toBeInViewport();
        await checkMenu(page, who, WIDTHS[0], "en");
      }
    }
  });
}

test("the footer leads to the accessibility statement, the privacy notice and the legal notes, with the contact addresses the server is set with; sign-up links the privacy notice", async ({
  page,
}) => {
  await page.goto("/eventi");
  const footer = page.getByRole("contentinfo");
  // CONTACT_EMAIL, ACCESSIBILITY_EMAIL and DPO_EMAIL as playwright.config.ts sets them (ADR 0104).
  await expect(footer.getByRole("link", { name: "formazione@unita.example.org" })).toHaveAttribute(
    "href",
    "mailto:formazione@unita.example.org",
  );
  for (const [link, heading] of [
    ["Dichiarazione di accessibilità", "Dichiarazione di accessibilità"],
    ["Informativa sul trattamento dei dati personali", "Informativa sul trattamento dei dati personali"],
    ["Note legali", "Note legali"],
  ] as const) {
    await page.getByRole("contentinfo").getByRole("link", { name: link }).click();
    await expect(main(page).getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(main(page).getByRole("navigation", { name: "Percorso di navigazione" })).toContainText("/");
  }
  await expect(main(page).getByText(/Il titolare del trattamento è l'Unità nazionale eTwinning/)).toHaveCount(0);
  await page.goto("/privacy");
  await expect(main(page).getByText(/Il titolare del trattamento è l'Unità nazionale eTwinning/)).toBeVisible();
  await expect(main(page)).toContainText("protezione.dati@unita.example.org");
  await page.goto("/dichiarazione-accessibilita");
  await expect(main(page)).toContainText("accessibile@unita.example.org");
  for (const section of ["Stato di conformità", "Feedback e recapiti", "Procedura di attuazione"])
    await expect(main(page).getByRole("heading", { level: 2, name: section })).toBeVisible();
  await page.goto("/registrati");
  await main(page)
    .getByTestId("signup-privacy")
    .getByRole("link", { name: /informativa sul trattamento/ })
    .click();
  await expect(
    main(page).getByRole("heading", { level: 1, name: "Informativa sul trattamento dei dati personali" }),
  ).toBeVisible();
});

test("the interface fonts are the app's own Titillium Web and Lora, and field labels do not overlap the heading above", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto("/eventi");
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    const card = document.querySelector("main .card .card-text");
    return {
      titillium: document.fonts.check('16px "Titillium Web"'),
      lora: document.fonts.check('16px "Lora"'),
      loaded: [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family.replace(/"/g, "")),
      card: card ? getComputedStyle(card).fontFamily : "",
      external: performance
        .getEntriesByType("resource")
        .map((r) => r.name)
        .filter((u) => !u.startsWith(location.origin)),
    };
  });
  expect(fonts.loaded).toContain("Titillium Web");
  expect(fonts.loaded).toContain("Lora");
  expect(fonts.card).toMatch(/^"?Lora/);
  expect(fonts.external).toEqual([]);
  // The first filter's label sits below the "Filtra le iniziative" heading, not over it.
  const heading = await main(page).getByRole("heading", { name: "Filtra le iniziative" }).boundingBox();
  const label = await main(page).getByText("Parole da cercare", { exact: true }).boundingBox();
  expect(label!.y).toBeGreaterThanOrEqual(heading!.y + heading!.height);
});

test("a page reached by a link starts at its top at once, with no scrolling animation under the pointer", async ({
  page,
}) => {
  // Bootstrap Italia scrolls smoothly unless reduced motion is asked for; the router's scroll to the top
  // after a client-side navigation then slid the new page up for a few hundred milliseconds, and a click
  // in that time could land beside the button it aimed at (two CI runs of 03/12 lost a submit that way).
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await page.setViewportSize({ width: 1366, height: 700 });
  await page.goto("/eventi");
  await hydrated(page);
  const lastCard = main(page).getByRole("listitem").getByRole("heading", { level: 3 }).last();
  const title = (await lastCard.textContent())!.trim();
  await lastCard.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);

  await lastCard.getByRole("link").click();
  await expect(main(page).getByRole("heading", { level: 1, name: title })).toBeVisible();
  // Five animation frames from the moment the new page shows: already at the top, and staying there.
  const positions = await page.evaluate(async () => {
    const seen: number[] = [];
    for (let frame = 0; frame < 5; frame++) {
      seen.push(Math.round(window.scrollY));
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return seen;
  });
  expect(positions).toEqual([0, 0, 0, 0, 0]);
});

test("zoomed to 200 % on a phone (195 CSS px), the header and the plan's fields stay within the screen", async ({
  page,
}) => {
  // Beyond WCAG's 320 px, but a 390 px phone zoomed in: the header was 3 px wider than the screen on every page
  // (logo, name and Bootstrap Italia's space after it), the plan's target field 73 px (a 16rem minimum width).
  await page.setViewportSize({ width: 195, height: 700 });
  await loginAs(page, "teacher"); // onto the catalogue, the first page below
  for (const path of ["/eventi", "/il-mio-piano", "/profilo"]) {
    if (path !== "/eventi") await page.goto(path);
    await expect(main(page).getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoHorizontalOverflow(page);
  }
});

test("a menu link followed while the menu is still opening leaves it closed on the new page", async ({ page }) => {
  // Bootstrap Italia's menu ignores hide() during its 0.3 s opening animation: a link tapped in that time
  // navigated, and the menu stayed open over the new page (a CI run of 04/12 caught it at 390 px).
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/eventi");
  await hydrated(page);
  // A slower opening (1.5 s instead of 0.3) so that the new page certainly arrives before it ends, however
  // long the route's modules take to load; the plugin times its animation from this same style.
  await page.addStyleTag({ content: ".navbar-collapsable .menu-wrapper { transition-duration: 1.5s !important; }" });
  // The toggle and the link in one task: the link is followed while the menu is opening.
  const openedWhileFollowing = await page.evaluate(() => {
    const header = document.querySelector("header")!;
    header.querySelector<HTMLButtonElement>(".custom-navbar-toggler")!.click();
    const link = [...header.querySelectorAll<HTMLAnchorElement>("#main-menu a")].find(
      (a) => a.textContent?.trim() === "Registrati",
    )!;
    link.click();
    return document.getElementById("main-menu")!.classList.contains("expanded");
  });
  expect(openedWhileFollowing).toBe(true);
  await expect(page).toHaveURL(/\/registrati$/);
  await expect(main(page).getByRole("heading", { level: 1 })).toBeVisible();
  await expect(menu(page)).toBeHidden();
  await expect(toggle(page)).toHaveAttribute("aria-expanded", "false");
  await expect(page.locator("body")).not.toHaveClass(/navbar-open/);
  await expect(main(page)).not.toHaveAttribute("inert");
});

test("an event's sessions table wider than a phone scrolls in a focusable region named by its caption", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/eventi");
  const events = await main(page)
    .locator("a[href]")
    .evaluateAll((links) => [
      ...new Set(links.map((a) => a.getAttribute("href") ?? "").filter((h) => /^\/eventi\/[^/?.]+$/.test(h))),
    ]);
  let overflowing = 0;
  for (const path of events) {
    await page.goto(path);
    // Every table region that is wider than its box can be reached with Tab and says what it holds.
    const regions = await wideTableRegions(page);
    for (const region of regions) {
      expect(region, path).toMatchObject({ tabIndex: "0", role: "region", name: expect.stringMatching(/^Calendario/) });
    }
    if (regions.length > 0) {
      overflowing += 1;
      await expectNoA11yViolations(page);
    }
  }
  // The seed has such events: the test looked at one at least.
  expect(overflowing).toBeGreaterThan(0);
});

test("the referent's tables wider than a phone scroll in focusable regions that say what they hold", async ({
  page,
}) => {
  // At 390 px the managed events (640 px wide) and an edition's participants (650 px, the removal
  // form last) scrolled sideways in a plain <div>: with the keyboard alone the columns beyond the
  // screen could not be scrolled to (WCAG 2.1.1), and nothing named the box (found driving the
  // Toscana referent's pages at 390 px, 04/12/2026).
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, "referenteToscana", { redirectTo: "/gestione/eventi" });
  const event = await firstHref(page, null, /^\/gestione\/eventi\/(?!nuovo)[^/?.]+$/);
  const workshop = await main(page)
    .getByRole("link", { name: "Laboratorio in presenza: eTwinning e inclusione (Firenze)" })
    .getAttribute("href");
  const edition = await firstHref(page, workshop!, /^\/gestione\/edizioni\/[^/?.]+$/);
  const messages = `${edition}/messaggi`;
  let overflowing = 0;
  for (const path of ["/gestione/eventi", event, workshop!, edition, messages]) {
    await page.goto(path);
    const regions = await wideTableRegions(page);
    for (const region of regions) expect(region, path).toMatchObject(NAMED_FOCUSABLE_REGION);
    overflowing += regions.length;
  }
  // The seed's events list is wider than the phone (an edition's participants are cards there now: the next test).
  expect(overflowing).toBeGreaterThanOrEqual(1);
  // The events list's region takes the focus and scrolls with the arrow keys.
  await page.goto("/gestione/eventi");
  const events = main(page).getByRole("region", { name: "Eventi gestiti" });
  await events.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => events.evaluate((box) => box.scrollLeft)).toBeGreaterThan(0);
  await expectNoA11yViolations(page);
});

test("an edition's participants are cards on a phone: within its width, short lines, still a table to a screen reader", async ({
  page,
}) => {
  // At 390 px the six columns made a 683 px table in a 366 px box: rows about 218 px tall, the removal form
  // wrapped onto ten lines, and the status, the date and the buttons out of sight to the right, to be scrolled
  // to for every person (QA pass, 05/12/2026). Below md each row is a card: every field on the screen at once.
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, "referenteToscana", { redirectTo: "/gestione/eventi" });
  const workshop = await main(page)
    .getByRole("link", { name: "Laboratorio in presenza: eTwinning e inclusione (Firenze)" })
    .getAttribute("href");
  await page.goto(await firstHref(page, workshop!, /^\/gestione\/edizioni\/[^/?.]+$/));
  const table = main(page).getByTestId("participants");
  await expect(table.locator("tbody > tr").first()).toBeVisible();
  const cards = await table.evaluate((t) => {
    const box = t.closest(".table-responsive")!;
    /** How many lines of text an element's content takes. */
    const lines = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom))).size;
    };
    return {
      table: t.getBoundingClientRect().width,
      box: box.clientWidth,
      rows: [...t.querySelectorAll("tbody > tr")].map((row) => ({
        height: row.getBoundingClientRect().height,
        // name and email, school, region, status, date: the actions' buttons and field are left out.
        lines: [...row.children].slice(0, 5).map(lines),
      })),
    };
  });
  expect(cards.table, "the participants fit the phone's width").toBeLessThanOrEqual(cards.box);
  // A box that no longer scrolls is no Tab stop (it was one, doing nothing); still the region named by its caption.
  const box = table.locator("xpath=..");
  await expect(box).toHaveAttribute("role", "region");
  await expect(box).toHaveAccessibleName("Partecipanti dell'edizione");
  await expect(box).not.toHaveAttribute("tabindex");
  // Narrowed below its table again (the cards' layout off), it scrolls and takes the focus once more.
  await box.evaluate((el) => el.querySelector("table")!.classList.remove("table-stacked"));
  await expect(box).toHaveAttribute("tabindex", "0");
  for (const row of cards.rows) {
    // About 270 px with the move button and the removal's field and button: a bound, not the 218 px squeezed
    // rows of before, which hid half their content to the right.
    expect(row.height).toBeLessThanOrEqual(300);
    expect(row.lines[0], "name, then email").toBeLessThanOrEqual(2);
    const [, school, region, status, date] = row.lines;
    for (const cell of [school, region, date]) expect(cell).toBeLessThanOrEqual(1);
    expect(status, "the status, and a note under it if any").toBeLessThanOrEqual(2);
  }
  // Chromium still reads it as a table: rows of a row header and cells, under column headers (its own
  // accessibility tree, not the page's markup).
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: { role?: { value: string } }[] };
  const roles = (role: string) => nodes.filter((n) => n.role?.value === role).length;
  expect(roles("table")).toBeGreaterThanOrEqual(1);
  expect(roles("columnheader")).toBeGreaterThanOrEqual(6);
  expect(roles("rowheader")).toBeGreaterThanOrEqual(cards.rows.length);
  expect(roles("cell")).toBeGreaterThanOrEqual(cards.rows.length * 5);
  await expectNoA11yViolations(page);
});

/**
 * Labels of `scope` that cover another field, another label or a heading (more than a pixel: Bootstrap
 * Italia's floated labels touch what is above them by design), or that float above their field and wrap
 * (the lines after the first come down onto the field).
 */
async function overlappingLabels(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      return (
        box.width > 0 &&
        box.height > 0 &&
        getComputedStyle(el).visibility !== "hidden" &&
        !el.closest(".visually-hidden")
      );
    };
    const labels = [...root.querySelectorAll("label")].filter(shown);
    const others = [
      ...root.querySelectorAll(
        "input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea, button, label, h2, h3, legend",
      ),
    ].filter(shown);
    const overlap = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    const name = (el: Element) => `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim() || el.id}"`;
    const found: string[] = [];
    for (const label of labels) {
      const box = label.getBoundingClientRect();
      const own = label.htmlFor ? document.getElementById(label.htmlFor) : null;
      for (const other of others) {
        if (other === label || other === own || other.contains(label) || label.contains(other)) continue;
        if (overlap(box, other.getBoundingClientRect())) found.push(`${name(label)} covers ${name(other)}`);
      }
      // A floated label (absolute, lifted by one line's height) that wraps brings its next lines down onto its field.
      const style = getComputedStyle(label);
      if (style.position === "absolute" && box.height > 1.5 * parseFloat(style.lineHeight))
        found.push(`${name(label)} wraps onto its own field`);
    }
    return found;
  });
}

test("the organiser's filters and an edition's rule for freed seats keep every label clear of the other fields, from 320 px up", async ({
  page,
}) => {
  // At 390 px the managed events' search label wrapped onto its own field and "Livello" came over it;
  // an edition's participant filter had "Stato" and "Regione del profilo" drawn across the field above
  // (found driving the Toscana referent's pages at 390 px, 05/12/2026).
  test.setTimeout(120_000);
  await loginAs(page, "referenteToscana", { redirectTo: "/gestione/eventi" });
  const workshop = await firstHref(page, null, /^\/gestione\/eventi\/(?!nuovo)[^/?.]+$/);
  const edition = await firstHref(page, workshop, /^\/gestione\/edizioni\/[^/?.]+$/);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 844 });
    for (const path of ["/gestione/eventi", edition]) {
      await page.goto(path);
      await expect(main(page).getByRole("heading", { level: 1 })).toBeVisible();
      expect(await overlappingLabels(main(page).getByRole("search")), `${path} at ${width} px`).toEqual([]);
    }
  }
  // The rule for freed seats: "Ore per accettare un posto offerto" sat on the last choice above it, at every width.
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 844 });
    const rule = main(page)
      .locator("form")
      .filter({ has: page.getByLabel("Ore per accettare un posto offerto") });
    expect(await overlappingLabels(rule), `the freed seats' rule at ${width} px`).toEqual([]);
  }
  await expectNoA11yViolations(page);
});

test("the national unit's events list narrows to one region with labels clear of the fields, from 320 px up", async ({
  page,
}) => {
  // The national unit had no region filter on /gestione/eventi: every region's events came mixed, 50 a page.
  await loginAs(page, "admin", { redirectTo: "/gestione/eventi" });
  const search = main(page).getByRole("search");
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 844 });
    expect(await overlappingLabels(search), `/gestione/eventi at ${width} px`).toEqual([]);
  }
  await search.getByLabel("Regione", { exact: true }).selectOption("toscana");
  await search.getByRole("button", { name: "Filtra" }).click();
  await expect(page).toHaveURL(/regione=toscana/);
  await expect(search.getByLabel("Regione", { exact: true })).toHaveValue("toscana");
  const scopes = main(page).getByRole("table", { name: "Eventi gestiti" }).locator("tbody tr td:nth-child(2)");
  // The filtered list, not the one the page showed before (the URL and the field change first, at the click, and
  // the unfiltered list may open with a Toscana row too): retried until no row of another region is left.
  await expect(scopes.first()).toContainText("Toscana");
  await expect(scopes.filter({ hasNotText: "Toscana" })).toHaveCount(0);
  await expectNoA11yViolations(page);
});

test("the national unit's form that grants a role keeps its labels clear of each other and of the fields, from 320 px up", async ({
  page,
}) => {
  // In the users' table, below 992 px "Ruolo" and "Regione (per i referenti USR)" were drawn over each
  // other and over the role's select: granting a trainer role from a phone meant guessing which select was
  // which (found driving the national unit's pages at 390 px, 05/12/2026).
  const search = "/admin/utenti?q=docente2%40forma.test";
  await page.setViewportSize({ width: WIDTHS[0], height: 844 });
  await loginAs(page, "admin", { redirectTo: search });
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 844 });
    if (width !== WIDTHS[0]) await page.goto(search); // at the first width, the page the sign-in opened
    const grant = main(page)
      .getByRole("table")
      .locator("form")
      .filter({ has: page.getByRole("combobox") });
    await expect(grant).toHaveCount(1);
    expect(await overlappingLabels(grant), `at ${width} px`).toEqual([]);
  }
  await expectNoA11yViolations(page);
});

test("the trainer's registers, progress, closing and certificates tables wider than a phone scroll in focusable regions too", async ({
  page,
}) => {
  // At 320 px an edition's progress table and the closing page's outcomes scrolled sideways in a plain
  // <div> with no control inside: the keyboard could not reach the columns beyond the screen (WCAG 2.1.1,
  // axe scrollable-region-focusable; found walking the trainer's and the referent's pages at 320 px, 05/12/2026).
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 320, height: 700 });
  await loginAs(page, "trainer", { redirectTo: "/formazione" });
  const editions = (await hrefsOn(page, [null], /^\/formazione\/edizioni\/[^/?.]+$/)).slice(0, 4);
  expect(editions.length).toBeGreaterThan(0);
  let overflowing = 0;
  for (const path of editions.flatMap((edition) => [edition, `${edition}/chiusura`, `${edition}/attestati`])) {
    await page.goto(path);
    const regions = await wideTableRegions(page);
    for (const region of regions) expect(region, path).toMatchObject(NAMED_FOCUSABLE_REGION);
    overflowing += regions.length;
    if (regions.length) await expectNoA11yViolations(page);
  }
  expect(overflowing).toBeGreaterThanOrEqual(2);
});

/** WCAG 1.4.12's text spacing: what a reader's own style sheet may set without losing content. */
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }`;

/** Every address on the `paths` (null: the page already open) matching the pattern, once. */
async function hrefsOn(page: Page, paths: (string | null)[], pattern: RegExp): Promise<string[]> {
  const found = new Set<string>();
  for (const path of paths) {
    if (path !== null) await page.goto(path);
    const hrefs = await main(page)
      .locator("a[href]")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    for (const href of hrefs) if (pattern.test(href)) found.add(href);
  }
  return [...found];
}

test("every event page, and every event's management page, reflows at 320 px, also with WCAG 1.4.12 text spacing", async ({
  browser,
}) => {
  // The axe and menu walk above looks at one event only. A not-yet-open edition's badge ("Non ancora
  // aperte: si aprono il 03/01/2027, 09:00", kept on one line by Bootstrap) and an event's online
  // address on its management page were wider than 320 px; with wider letter spacing, so were long
  // words of some titles at h1 size (found by driving every page at 320 px, 04/12/2026).
  test.setTimeout(180_000);
  // The server's HTML, without the scripts: a reflow is the styles' doing, and hydrating some forty pages only to
  // measure them was a third of this test's time (40 → 25 s, 07/12/2026). The style sheet goes in through
  // evaluate: Playwright's addStyleTag waits for a load event the page's scripts would fire.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await loginAs(page, "admin"); // onto the catalogue's first page
  const events = await hrefsOn(page, [null, "/eventi?page=2"], /^\/eventi\/[^/?.]+$/);
  const managed = await hrefsOn(
    page,
    ["/gestione/eventi", "/gestione/eventi?pagina=2"],
    /^\/gestione\/eventi\/(?!nuovo)[^/?.]+$/,
  );
  expect(events.length).toBeGreaterThan(10);
  expect(managed.length).toBeGreaterThan(10);
  for (const path of [...events, ...managed]) {
    await page.goto(path);
    await expect(main(page).getByRole("heading", { level: 1 })).toBeVisible();
    // The widths without and with the text spacing, in one call.
    const widths = await page.evaluate((css) => {
      const measure = () => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth });
      const before = measure();
      const style = document.createElement("style");
      style.textContent = css;
      document.head.append(style);
      return { before, spaced: measure() };
    }, TEXT_SPACING);
    for (const [what, { scrollWidth, innerWidth }] of Object.entries(widths))
      expect(scrollWidth, `${path} is wider than the ${innerWidth} px viewport (${what})`).toBeLessThanOrEqual(
        innerWidth,
      );
  }
  await context.close();
});

test("the header holds the longest menu and text at 200 %: nothing wider than the window, nothing above its top", async ({
  page,
}) => {
  // WCAG 1.4.4 and 1.4.10. Bootstrap Italia keeps the desktop menu on one line and gives the slim bar a
  // fixed 48 px height: the national unit's eight entries were wider than a 992 px window once the text
  // was larger (150 %: 1275 px; in English even at 100 %), and the organisation's name, wrapped in its
  // fixed-height bar, rose above the top of the page, where no scrolling reaches it.
  // Signed in onto the catalogue at the first width and size: the first of the loads below.
  await page.setViewportSize({ width: 992, height: 900 });
  await loginAs(page, "admin");
  let first = true;
  for (const width of [992, 1280]) {
    for (const textSize of ["100%", "150%", "200%"]) {
      await page.setViewportSize({ width, height: 900 });
      if (!first) await page.goto("/eventi");
      first = false;
      await page.addStyleTag({ content: `html { font-size: ${textSize} !important; }` });
      await expectNoHorizontalOverflow(page);
      const slim = await page.evaluate(() => {
        const bar = document.querySelector(".it-header-slim-wrapper")!.getBoundingClientRect();
        const parts = [
          ...document.querySelectorAll(".it-header-slim-wrapper .site-owner, .it-header-slim-wrapper button"),
        ];
        return parts
          .map((part) => ({ text: part.textContent?.trim(), rect: part.getBoundingClientRect() }))
          .filter(({ rect }) => rect.top < Math.max(0, bar.top) - 1 || rect.bottom > bar.bottom + 1)
          .map(({ text }) => text);
      });
      expect(slim, `header parts outside the slim bar at ${width} px, text ${textSize}`).toEqual([]);
      for (const item of menuItems("admin")) {
        await expect(menu(page).getByRole("link", { name: item, exact: true })).toBeInViewport();
      }
    }
  }
});

test("with forced colours (Windows high contrast) every button keeps a visible border", async ({ page }) => {
  // Forced colours drop backgrounds and box shadows: Bootstrap Italia's filled buttons and its outlined
  // ones (a box shadow) showed as bare words, "Cerca" beside "Azzera i filtri", "Esci" beside the name
  // (found with forcedColors: 'active', 05/12/2026).
  await page.emulateMedia({ forcedColors: "active" });
  await loginAs(page, "referenteToscana"); // onto the catalogue, the first page below
  let checked = 0;
  for (const path of ["/eventi", "/profilo", "/gestione/eventi"]) {
    if (path !== "/eventi") await page.goto(path);
    const borders = await page.locator(".btn:not(.btn-link):visible").evaluateAll((buttons) =>
      buttons.map((b) => {
        const style = getComputedStyle(b);
        return {
          button: (b.textContent ?? "").trim().slice(0, 40),
          border: style.borderTopStyle !== "none" && parseFloat(style.borderTopWidth) >= 1,
        };
      }),
    );
    for (const b of borders) expect(b, path).toEqual({ button: b.button, border: true });
    checked += borders.length;
  }
  expect(checked).toBeGreaterThanOrEqual(5);
  await expectNoA11yViolations(page);
});

test("the event form's session fields keep their labels clear of each other and of the fields, from 320 px up", async ({
  page,
}) => {
  // At 768 px the four session fields shared a line: "Modalità di svolgimento" wrapped and its floated label
  // came 10 px over the session's title (found by the staff QA pass, 05/12/2026).
  await loginAs(page, "referenteToscana", { redirectTo: "/gestione/eventi/nuovo" });
  const session = main(page)
    .getByRole("group", { name: /^Incontro 1/ })
    .first();
  await expect(session).toBeVisible();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 844 });
    expect(await overlappingLabels(session), `the first session at ${width} px`).toEqual([]);
  }
});
