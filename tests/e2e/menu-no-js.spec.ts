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
