import type { Page } from "@playwright/test";

/**
 * The page's scripts have started: the router handles links and forms, and the effects have run (timers set,
 * listeners added). A loaded page is not yet hydrated: Remix's entry is a dynamic import the load event does not
 * wait for, and a background tab may take longer still.
 */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
}
