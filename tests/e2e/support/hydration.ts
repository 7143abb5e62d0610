import type { Page } from "@playwright/test";

/**
 * The page's scripts have started: Remix's router exists and handles links and forms from then on. React creates
 * it while it hydrates the page and runs the components' effects (timers, listeners) as that hydration ends. A
 * loaded page is not yet there: Remix's entry is a dynamic import the load event does not wait for, and a
 * background tab may take longer still.
 */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
}
