// A blended event's sessions each say where they are held (ADR 0091): the organiser chooses it in the
// event form, for each live session ("Dove si svolge": in presenza, online, or both, the default),
// and the teacher reads each session's own place in the event's schedule. Checked with axe at a
// phone's and a desktop's width.
import { expect, test, type Page } from "@playwright/test";
import { createBlendedEvent } from "./support/database.ts";
import { expectNoA11yViolationsAtBothWidths, loginAs } from "./support/index.ts";

const main = (page: Page) => page.getByRole("main");
/** The event form's "Dove si svolge" of session n of edition 1. */
const placeOf = (page: Page) => (n: number) =>
  main(page)
    .getByRole("group", { name: "Edizione 1" })
    .getByRole("group", { name: `Incontro ${n}`, exact: true })
    .getByRole("combobox", { name: /^Dove si svolge/ });

test("the organiser sets where each session of a blended event is held and the teacher sees each session's place", async ({
  page,
}) => {
  const { eventId } = await createBlendedEvent();
  await loginAs(page, "admin", { redirectTo: `/gestione/eventi/${eventId}/modifica` });
  const place = placeOf(page);
  // Stored before sessions had a place: both, the default choice.
  await expect(place(1)).toHaveValue("");
  await expect(place(1).locator("option:checked")).toHaveText("In presenza e online");
  await place(1).selectOption({ label: "In presenza" });
  await place(2).selectOption({ label: "Online" });
  await expectNoA11yViolationsAtBothWidths(page);
  await main(page).getByRole("button", { name: "Salva le modifiche" }).click();
  await expect(page).toHaveURL(new RegExp(`/gestione/eventi/${eventId}\\?esito=salvato`));
  // The organiser's page lists each session with its place.
  await expect(main(page).getByRole("row", { name: /Incontro in presenza/ })).toContainText("Sincrona · In presenza");
  await expect(main(page).getByRole("row", { name: /Webinar di restituzione/ })).toContainText("Sincrona · Online");

  // Saved: the form shows the choices again.
  await page.goto(`/gestione/eventi/${eventId}/modifica`);
  await expect(place(1)).toHaveValue("in-presenza");
  await expect(place(2)).toHaveValue("online");

  // Another mode has no such choice.
  await main(page)
    .getByRole("combobox", { name: /^Modalità(?! di)/ })
    .selectOption({ label: "In presenza" });
  await expect(
    main(page)
      .getByRole("group", { name: "Edizione 1" })
      .getByRole("combobox", { name: /^Dove si svolge/ }),
  ).toHaveCount(0);

  // The teacher reads each session's own place in the schedule.
  await loginAs(page, "teacher", { redirectTo: `/eventi/${eventId}` });
  const schedule = main(page).getByRole("table").first();
  await expect(schedule.getByRole("row", { name: /Incontro in presenza/ })).toContainText("In presenza");
  await expect(schedule.getByRole("row", { name: /Webinar di restituzione/ })).toContainText("Online in diretta");
  await expect(schedule).not.toContainText("In diretta (in presenza o online)");
  await expectNoA11yViolationsAtBothWidths(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an organiser who switches an online event to blended chooses each session's place in the same save", async ({
    page,
  }) => {
    const { eventId } = await createBlendedEvent("online");
    await loginAs(page, "admin", { redirectTo: `/gestione/eventi/${eventId}/modifica` });
    const place = placeOf(page);
    // The page cannot know the mode the organiser is about to choose: every session offers its place
    // and says when it applies.
    await expect(place(1)).toHaveAccessibleDescription(/Solo per gli eventi blended/);
    await main(page)
      .getByRole("combobox", { name: /^Modalità(?! di)/ })
      .selectOption({ label: "Blended (online e in presenza)" });
    await place(1).selectOption({ label: "In presenza" });
    await place(2).selectOption({ label: "Online" });
    // (axe needs the page's scripts: the same form is checked with them in the test above.)
    await main(page).getByRole("button", { name: "Salva le modifiche" }).click();
    await expect(page).toHaveURL(new RegExp(`/gestione/eventi/${eventId}\\?esito=salvato`));
    await expect(main(page).getByRole("row", { name: /Incontro in presenza/ })).toContainText("Sincrona · In presenza");
    await expect(main(page).getByRole("row", { name: /Webinar di restituzione/ })).toContainText("Sincrona · Online");

    // Back to online: the places offered are not kept (the server keeps them on blended events only).
    await page.goto(`/gestione/eventi/${eventId}/modifica`);
    await main(page)
      .getByRole("combobox", { name: /^Modalità(?! di)/ })
      .selectOption({ label: "Online" });
    await main(page).getByRole("button", { name: "Salva le modifiche" }).click();
    await expect(page).toHaveURL(new RegExp(`/gestione/eventi/${eventId}\\?esito=salvato`));
    await page.goto(`/gestione/eventi/${eventId}/modifica`);
    await expect(place(1)).toHaveValue("");
    await expect(place(2)).toHaveValue("");
  });
});
