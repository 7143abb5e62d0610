// The seed's live workshop (in person, happening now, corsisti 01–12, trainer formatore@), used by
// the check-in specs.
import { expect, type Page } from "@playwright/test";
import { loginAs } from "./auth.ts";

export const LIVE_WORKSHOP = "Laboratorio in presenza: eTwinning e inclusione (Firenze)";

/** Signs in as the trainer and opens the register of the workshop's session under way (incontro 1). */
export async function openWorkshopRegister(page: Page) {
  await loginAs(page, "trainer");
  await page.goto("/formazione");
  const main = page.getByRole("main");
  await main.getByRole("link", { name: LIVE_WORKSHOP }).first().click();
  await main.getByRole("link", { name: /Apri il registro dell'incontro 1/ }).click();
  await expect(main.getByRole("heading", { level: 1, name: "Registro presenze: incontro 1" })).toBeVisible();
}
