// Alerts for new events (ADR 0088), as a teacher lives them: from a search in the catalogue, the
// button creates an alert for that search; /profilo/avvisi lists it in words, opens the search,
// refuses the same search twice, deletes it; a visitor is offered sign-in and comes back to the
// search; the pages pass axe at both widths.
import { expect, test } from "@playwright/test";
import { parsePayload, renderEmail } from "../../emails/index.ts";
import { createTeacher, expectNoA11yViolations, expectNoA11yViolationsAtBothWidths } from "./support/index.ts";

test("a teacher creates an alert from a catalogue search, finds it in the profile, and deletes it", async ({
  page,
}) => {
  await createTeacher(page, {}, { redirectTo: "/eventi?type=webinar&region=toscana" });
  const offer = page.getByTestId("alert-offer");
  await expect(offer.getByRole("heading", { name: "Avvisami dei nuovi eventi" })).toBeVisible();
  await offer.getByRole("button", { name: "Crea un avviso per questa ricerca" }).click();

  await expect(page).toHaveURL(/\/profilo\/avvisi\?esito=creato&ricerca=/);
  await expect(page.getByRole("heading", { level: 1, name: "Avvisi di nuovi eventi" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Avviso creato (ricerca: Webinar · Toscana)");
  const row = page.getByRole("row", { name: /Webinar · Toscana/ });
  await expect(row).toBeVisible();
  await expectNoA11yViolationsAtBothWidths(page);

  // The same search again, with dates: the offer says an alert does not keep them, and the answer names
  // the search it kept, already there (said, not doubled).
  await page.goto("/eventi?region=toscana&type=webinar&from=2027-03-01");
  await expect(page.getByTestId("alert-offer-dropped")).toContainText("non terrà conto del periodo di svolgimento");
  await page.getByRole("button", { name: "Crea un avviso per questa ricerca" }).click();
  await expect(page.getByRole("status")).toContainText("Hai già un avviso per questa ricerca (Webinar · Toscana)");
  await expect(page.getByRole("row", { name: /Webinar · Toscana/ })).toHaveCount(1);

  // The alert opens its search in the catalogue.
  await page.getByRole("link", { name: "Apri nel catalogo la ricerca Webinar · Toscana" }).click();
  await expect(page).toHaveURL(/\/eventi\?type=webinar&region=toscana$/);

  // The profile links to the page; deleting the alert empties it.
  await page.goto("/profilo");
  await page.getByRole("link", { name: "Gestisci gli avvisi" }).click();
  await page.getByRole("button", { name: "Elimina l'avviso Webinar · Toscana" }).click();
  await expect(page.getByRole("status")).toContainText("Avviso eliminato");
  await expect(page.getByText("Non hai ancora avvisi.")).toBeVisible();
  await expectNoA11yViolations(page);
});

test("a visitor is offered sign-in, which comes back to the same search", async ({ page }) => {
  await page.goto("/eventi?mode=online&lang=en");
  const signIn = page.getByTestId("alert-offer").getByRole("link", { name: "Sign in to get an alert" });
  await expect(signIn).toHaveAttribute("href", `/accedi?redirectTo=${encodeURIComponent("/eventi?mode=online")}`);
});

test("the alerts' email fits a phone's screen, and each event is a link named by its title, not its address", async ({
  page,
}) => {
  // Each event of the email links to its page (ids are 25-character cuids: the address is longer than a phone's
  // width in the email's font); the HTML shows the title, the plain text the address.
  const events = ["cmxa9767500aqnl7dnqycbeq4", "cmxa975yq001rnl7dj0mit8or"].map((id, i) => ({
    id,
    title: `Laboratorio in presenza ${i + 1}`,
    startsAt: "2027-01-14T15:00:00.000Z",
  }));
  const email = renderEmail(
    "nuovi-eventi",
    parsePayload({ alertSections: [{ query: "region=toscana", events, more: 0 }] }),
    {
      locale: "it",
      origin: "https://formazione.etwinning.example.it/",
      contactEmail: "formazione@forma.example.it",
      firstName: "Maria",
    },
  );
  await page.setViewportSize({ width: 390, height: 844 });
  await page.setContent(email.html);
  await expect(page.getByRole("link", { name: "Laboratorio in presenza 1" })).toHaveAttribute(
    "href",
    "https://formazione.etwinning.example.it/eventi/cmxa9767500aqnl7dnqycbeq4",
  );
  await expect(page.getByText("https://formazione.etwinning.example.it/eventi/cmxa9767500aqnl7dnqycbeq4")).toHaveCount(
    0,
  );
  expect(email.text).toContain(
    "Laboratorio in presenza 1, giovedì 14 gennaio 2027: https://formazione.etwinning.example.it/eventi/cmxa9767500aqnl7dnqycbeq4",
  );
  const widths = await page.evaluate(() => ({
    content: document.documentElement.scrollWidth,
    screen: document.documentElement.clientWidth,
  }));
  expect(widths.content).toBeLessThanOrEqual(widths.screen);
});

test("the email's 'and N more' link opens the new events: a chip says since when and removes the filter", async ({
  page,
}) => {
  // The link of an email whose check started on 3 December at 09:15 in Rome, for the webinars.
  const email = renderEmail(
    "nuovi-eventi",
    parsePayload({
      alertSections: [{ query: "type=webinar", since: "2026-12-03T08:15:00.000Z", events: [], more: 4 }],
    }),
    { locale: "it", origin: "http://localhost/", contactEmail: "formazione@forma.example.it", firstName: "Maria" },
  );
  const link = new URL(/E altri 4 nel catalogo: (\S+)/.exec(email.text)![1]!);
  await page.goto(`${link.pathname}${link.search}`);
  const chips = page.getByRole("list", { name: "Filtri applicati" });
  await expect(chips.getByText("Pubblicate dal 03/12/2026 alle 09:15", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Tipologia")).toHaveValue("webinar");
  await expectNoA11yViolationsAtBothWidths(page);

  // Refining the search keeps it; its chip's link removes it, and only it.
  await page.getByLabel("Modalità").selectOption("online");
  await page.getByRole("button", { name: "Cerca" }).click();
  await expect(page).toHaveURL(/\/eventi\?type=webinar&mode=online&publishedSince=2026-12-03T08%3A15%3A00\.000Z$/);
  await chips.getByRole("link", { name: "Togli il filtro «Pubblicate dal 03/12/2026 alle 09:15»" }).click();
  await expect(page).toHaveURL(/\/eventi\?type=webinar&mode=online$/);
  await expect(page.getByRole("list", { name: "Filtri applicati" })).toHaveCount(0);

  // A day, in English; a date that is not one is said, not applied.
  await page.goto("/eventi?publishedSince=2026-12-03&lang=en");
  await expect(
    page.getByRole("list", { name: "Filters applied" }).getByText("Published since 3 December 2026", { exact: true }),
  ).toBeVisible();
  await expectNoA11yViolations(page);
  // Back in Italian: the English link's language is remembered (ADR 0102).
  await page.goto("/eventi?publishedSince=ieri&lang=it");
  await expect(page.getByRole("status").filter({ hasText: "«Data di pubblicazione»" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Filtri applicati" })).toHaveCount(0);
});

test("on a 320 px phone, with wider text spacing too, the filter chip holds its whole label, in Italian and English", async ({
  page,
}) => {
  // Bootstrap Italia fixes a large chip's height: a label on two lines was drawn under the pill, over the
  // next paragraph with WCAG 1.4.12's text spacing (review 0017: "09:15" at 320 px, "(Italian time)" at 390).
  await page.setViewportSize({ width: 320, height: 640 });
  /** The label's and the link's boxes inside the chip's, and the chip's list above what follows it. */
  const outside = () =>
    page.getByTestId("filter-chip").evaluate((chip) => {
      const box = chip.getBoundingClientRect();
      const problems: string[] = [];
      // The label's text itself (a Range): its element keeps Bootstrap Italia's fixed height, the text overflows it.
      const text = document.createRange();
      text.selectNodeContents(chip.querySelector(".chip-label")!);
      for (const [part, r] of [
        ["label", text.getBoundingClientRect()],
        ["link", chip.querySelector("a")!.getBoundingClientRect()],
      ] as const) {
        if (
          r.top < box.top - 0.5 ||
          r.bottom > box.bottom + 0.5 ||
          r.left < box.left - 0.5 ||
          r.right > box.right + 0.5
        )
          problems.push(`${part} ${JSON.stringify(r)} outside the chip ${JSON.stringify(box)}`);
      }
      const next = chip.closest("ul")!.nextElementSibling;
      const bottom = Math.max(box.bottom, text.getBoundingClientRect().bottom);
      if (next && next.getBoundingClientRect().top < bottom - 0.5) problems.push(`the chip covers ${next.tagName}`);
      if (document.documentElement.scrollWidth > document.documentElement.clientWidth) problems.push("sideways scroll");
      return problems;
    });
  for (const [lang, label] of [
    ["it", "Pubblicate dal 03/12/2026 alle 09:15"],
    ["en", "Published since 3 December 2026, 09:15 (Italian time)"],
  ] as const) {
    await page.goto(`/eventi?publishedSince=2026-12-03T08%3A15%3A00.000Z&lang=${lang}`);
    await expect(page.getByTestId("filter-chip").getByText(label, { exact: true })).toBeVisible();
    expect(await outside(), lang).toEqual([]);
    // WCAG 1.4.12's text spacing, set through the CSSOM (the Content-Security-Policy refuses a <style>).
    await page.evaluate(() => {
      for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
        el.style.setProperty("line-height", "1.5", "important");
        el.style.setProperty("letter-spacing", "0.12em", "important");
        el.style.setProperty("word-spacing", "0.16em", "important");
        if (el.tagName === "P") el.style.setProperty("margin-bottom", "2em", "important");
      }
    });
    expect(await outside(), `${lang}, text spacing`).toEqual([]);
  }
});
