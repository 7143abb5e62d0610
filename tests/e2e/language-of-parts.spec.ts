// WCAG 3.1.2 language of parts on the organisers' and trainers' pages (ADR 0078): an event's title, its
// sessions' titles and its description are read in the language they are written in, on a page in the
// other language. The catalogue and the teacher's pages are catalogue.spec.ts's and enrolment.spec.ts's,
// but for the teacher's QR pass and cancellation step, which are here.
import { expect, test, type Page } from "@playwright/test";
import { LIVE_WORKSHOP, createTeacher, enrolFromCatalogue, loginAs } from "./support/index.ts";
import { createEnglishTemplate } from "./support/database.ts";

const main = (page: Page) => page.getByRole("main");

/** The first address on `path` matching the pattern. */
async function hrefOn(page: Page, path: string, pattern: RegExp): Promise<string> {
  await page.goto(path);
  const hrefs = await main(page)
    .locator("a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link matching ${pattern} on ${path}`).toBeTruthy();
  return href!;
}

/** The event's pages an organiser and a trainer open, from its management page. */
async function staffPages(page: Page, eventId: string): Promise<string[]> {
  const edition = (await hrefOn(page, `/gestione/eventi/${eventId}`, /^\/gestione\/edizioni\/[^/?.]+$/)).split("/")[3]!;
  const session = await hrefOn(page, `/formazione/edizioni/${edition}`, /^\/formazione\/incontri\/[^/?.]+$/);
  return [
    `/gestione/eventi/${eventId}`,
    // The confirmation steps of closing and cancelling the event, whose headings name it.
    `/gestione/eventi/${eventId}?chiudi=1`,
    `/gestione/eventi/${eventId}?annulla=1`,
    `/gestione/eventi/${eventId}/modifica`,
    `/gestione/eventi/${eventId}/scheda`,
    `/gestione/eventi/${eventId}/copia`,
    `/gestione/edizioni/${edition}`,
    `/gestione/edizioni/${edition}/messaggi`,
    `/gestione/edizioni/${edition}/inserisci`,
    `/gestione/edizioni/${edition}/sposta`,
    `/gestione/edizioni/${edition}/questionario`,
    `/formazione/edizioni/${edition}`,
    `/formazione/edizioni/${edition}/chiusura`,
    `/formazione/edizioni/${edition}/attestati`,
    session,
    `${session}/check-in`,
    `${session}/qr`,
    `${session}/importa`,
    // The page a participant's phone opens from the QR code (any signed-in person sees its heading and intro).
    `/presenza/${session.split("/")[3]}?codice=x`,
  ];
}

/**
 * Every text of the main content holding one of `texts` whose language (the nearest lang attribute) is
 * not `lang`, as "tag: text"; form fields' values are left out (the form asks for the texts' languages).
 */
async function unmarked(page: Page, texts: string[], lang: string): Promise<string[]> {
  return main(page).evaluate(
    (root, { texts, lang }) => {
      const found: string[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode;
        const element = node.parentElement!;
        if (element.closest("textarea, option, script")) continue;
        const text = node.textContent ?? "";
        if (!texts.some((t) => text.includes(t))) continue;
        if (element.closest("[lang]")?.getAttribute("lang") !== lang) found.push(`${element.tagName}: ${text.trim()}`);
      }
      return found;
    },
    { texts, lang },
  );
}

/** On the event's page opened at a confirmation step (?chiudi=1, ?annulla=1): that step is shown. */
async function expectConfirmation(page: Page, path: string) {
  const step = /[?&](chiudi|annulla)=1/.exec(path)?.[1];
  if (step) await expect(main(page).getByTestId(step === "chiudi" ? "chiudi-evento" : "annulla-evento")).toBeVisible();
}

test("an organiser's and a trainer's pages mark an event's title, sessions and description with their own language", async ({
  page,
}) => {
  // In English, the staff pages of an Italian event read its title, description and session titles as
  // English words (found walking every page of the national unit in English, 05/12/2026); in Italian, the
  // English titles of the Learning Event as Italian words.
  test.setTimeout(120_000);
  await loginAs(page, "admin");
  const learningEvent = await hrefOn(page, "/eventi?q=media+literacy", /^\/eventi\/[^/?.]+$/);
  const englishTexts = ["Learning Event: media literacy and disinformation", "Live session 1", "Week 1 activities"];
  let seen = 0;
  for (const path of await staffPages(page, learningEvent.split("/")[2]!)) {
    await page.goto(path);
    await expectConfirmation(page, path);
    expect(await unmarked(page, englishTexts, "en"), path).toEqual([]);
    seen += await main(page).getByText(englishTexts[0]!).count();
  }
  expect(seen).toBeGreaterThanOrEqual(10);

  const workshop = await hrefOn(
    page,
    `/eventi?q=${encodeURIComponent("Laboratorio in presenza inclusione")}`,
    /^\/eventi\/[^/?.]+$/,
  );
  const italianTexts = [LIVE_WORKSHOP, "Laboratorio pratico dell'USR Toscana"];
  seen = 0;
  for (const path of await staffPages(page, workshop.split("/")[2]!)) {
    await page.goto(`${path}${path.includes("?") ? "&" : "?"}lang=en`);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expectConfirmation(page, path);
    expect(await unmarked(page, italianTexts, "it"), path).toEqual([]);
    seen += await main(page).getByText(LIVE_WORKSHOP).count();
  }
  expect(seen).toBeGreaterThanOrEqual(10);
});

test("the trainer's links to today's registers mark the session's title with its language", async ({ page }) => {
  // "Register 10:00–14:00: Laboratorio": the session's title was read as an English word on the English page.
  await loginAs(page, "trainer", { redirectTo: "/formazione?lang=en" });
  const today = main(page).getByTestId("trainer-today");
  await expect(today.getByRole("link", { name: /^Register \d\d:\d\d–\d\d:\d\d: Laboratorio$/ })).toBeVisible();
  expect(await unmarked(page, ["Laboratorio"], "it")).toEqual([]);
  await expect(today.locator("a span[lang=it]")).not.toHaveCount(0);
});

test("a teacher's QR pass, enrolment outcome and cancellation step mark the event's title with its language", async ({
  page,
}) => {
  // "It is valid only for eTwinning per l'inclusione…, edition 1.": the Italian title read as English.
  const title = "eTwinning per l'inclusione: progetti accessibili a tutti gli studenti";
  await createTeacher(page, { region: "Sicilia" });
  await enrolFromCatalogue(page, "progetti accessibili", /eTwinning per l'inclusione: progetti accessibili/);
  const pass = (await main(page).getByRole("link", { name: "Il mio QR di presenza" }).getAttribute("href"))!;
  const enrolmentId = pass.split("/")[2]!;

  await page.goto(`${pass}?lang=en`);
  await expect(main(page).getByRole("heading", { level: 1 })).toBeVisible();
  await expect(main(page).getByText(title)).toBeVisible();
  expect(await unmarked(page, [title], "it")).toEqual([]);

  // The outcome after enrolling, the first thing read after the button (review 0017: a plain string).
  await page.goto(`/le-mie-iscrizioni?lang=en&esito=${enrolmentId}`);
  const outcome = main(page).getByRole("status").filter({ hasText: "Enrolment confirmed" });
  await expect(outcome.locator('span[lang="it"]')).toHaveText(title);
  expect(await unmarked(page, [title], "it")).toEqual([]);

  await page.goto(`/le-mie-iscrizioni?lang=en&conferma=${enrolmentId}`);
  const step = main(page).getByTestId("confirm-cancel");
  await expect(step.getByText(title)).toBeVisible();
  expect(await unmarked(page, [title], "it")).toEqual([]);
});

test("the national templates offered to a referent mark an English title as English", async ({ page }) => {
  const title = await createEnglishTemplate();
  await loginAs(page, "referenteToscana", { redirectTo: "/gestione/eventi" });
  const templates = main(page).getByTestId("templates");
  await expect(templates.getByText(title).first()).toBeVisible();
  // Its link names it: the list's links are not all "Copia nella tua regione" (WCAG 2.4.4).
  await expect(templates.getByRole("link", { name: `Copia nella tua regione – ${title}` })).toBeVisible();
  expect(await unmarked(page, [title], "en")).toEqual([]);
});
