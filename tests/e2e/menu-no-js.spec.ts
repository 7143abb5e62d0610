// The main menu without JavaScript (issue 12 item 1): at 390 px, with scripts off, the <noscript>
// disclosure replaces Bootstrap Italia's toggle and reaches every menu item.
import { expect, test } from "@playwright/test";

test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

test("at 390 px without JavaScript the menu opens and a menu item is reached", async ({ page }) => {
  await page.goto("/privacy");
  const nav = page.getByRole("navigation", { name: "Menu principale" });
  // Bootstrap Italia's toggle needs its script: it is not offered.
  await expect(nav.locator(".custom-navbar-toggler")).toBeHidden();
  const menu = nav.locator("details.nojs-menu");
  const catalogue = menu.getByRole("link", { name: "Catalogo" });
  await expect(catalogue).toBeHidden();
  await menu.locator("summary").click();
  await expect(catalogue).toBeVisible();
  await expect(menu.getByRole("link", { name: "Registrati" })).toBeVisible();
  await catalogue.click();
  await expect(page).toHaveURL(/\/eventi$/);
  // No horizontal overflow with the fallback open.
  await page.locator("details.nojs-menu summary").click();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
});

test("at 390 px without JavaScript the menu's toggle keeps off the logo and the open menu can be read", async ({
  page,
}) => {
  await page.goto("/privacy");
  const nav = page.getByRole("navigation", { name: "Menu principale" });
  const summary = nav.locator("details.nojs-menu summary");
  // Named for a screen reader, drawn beside the logo (a sentence there ran under the logo).
  await expect(summary).toHaveAccessibleName("Apri il menu di navigazione");
  const toggle = (await summary.boundingBox())!;
  const logo = (await page.getByRole("banner").getByRole("link", { name: /Forma/ }).first().boundingBox())!;
  expect(toggle.x + toggle.width, "the toggle ends before the logo starts").toBeLessThanOrEqual(logo.x);
  await summary.click();
  // Each open item is drawn on a background of the menu's own that its white text can be read on
  // (the links used to fall below the header band, white on the white page).
  for (const name of ["Catalogo", "Registrati"]) {
    const link = nav.locator("details.nojs-menu").getByRole("link", { name });
    const ratio = await link.evaluate((element) => {
      const rgb = (colour: string) => colour.match(/[\d.]+/g)!.map(Number);
      const luminance = (colour: string) => {
        const [r = 0, g = 0, b = 0] = rgb(colour).map((c) => {
          const v = c / 255;
          return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      let node: Element | null = element;
      let background = "rgba(0, 0, 0, 0)";
      while (node && !node.matches("details.nojs-menu")) {
        const colour = getComputedStyle(node).backgroundColor;
        if (rgb(colour)[3] !== 0) {
          background = colour;
          break;
        }
        node = node.parentElement;
      }
      if (rgb(background)[3] === 0) return 0; // nothing of the menu's own behind the text
      const [lighter = 0, darker = 0] = [luminance(getComputedStyle(element).color), luminance(background)].sort(
        (x, y) => y - x,
      );
      return (lighter + 0.05) / (darker + 0.05);
    });
    expect(ratio, `contrast of "${name}" on the menu's background`).toBeGreaterThanOrEqual(4.5);
  }
});
