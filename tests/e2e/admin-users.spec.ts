// The national unit's users and roles page (/admin/utenti), as staff use it: with the keyboard,
// without JavaScript, and in two tabs. Found by the national unit audit, 05/12/2026.
import { expect, test, type Page } from "@playwright/test";
import { createTeacherAccount, loginAs } from "./support/index.ts";
import { createTwoEditionEvent, makeTrainerOf } from "./support/database.ts";

const main = (page: Page) => page.getByRole("main");

/** Tab one lists a person; tab two closes their account; tab one then grants them a role. */
async function grantAfterClosedInAnotherTab(page: Page) {
  const teacher = await createTeacherAccount({ firstName: "Tecla", lastName: "Duetabbi" });
  const search = `/admin/utenti?q=${encodeURIComponent(teacher.email)}`;
  await loginAs(page, "admin", { redirectTo: search });
  const row = main(page).getByRole("row", { name: /Tecla Duetabbi/ });
  await expect(row).toBeVisible();

  // The second tab closes the account on the person's request.
  const second = await page.context().newPage();
  await second.goto(search);
  await main(second).getByRole("link", { name: "Chiudi l'account (su richiesta) di Tecla Duetabbi" }).click();
  await main(second).getByText(`La persona ha chiesto la chiusura del suo account ${teacher.email}`).click();
  await main(second).getByRole("button", { name: "Chiudi definitivamente l'account" }).click();
  await expect(main(second).getByText("Account chiuso.")).toBeVisible();
  // Not found any more, by any part of the pseudonym it now has.
  await second.goto("/admin/utenti?q=forma.invalid");
  await expect(main(second).getByText(/Account chiuso/)).toHaveCount(0);
  await second.close();

  // The first tab still shows the row: a role granted there is refused, visibly.
  await row
    .getByRole("combobox", { name: "Ruolo per Tecla Duetabbi" })
    .selectOption({ label: "Incarico di formazione" });
  await row.getByRole("button", { name: "Assegna a Tecla Duetabbi" }).click();
  await expect(main(page).getByText("Persona o ruolo non trovati.")).toBeVisible();
}

/**
 * Revoking a trainer's role took them off every event at one tap, for good. The row's link now opens a second
 * step naming the role, the person and the events; only its button revokes.
 */
async function revokeTrainerInTwoSteps(page: Page, lastName: string) {
  const teacher = await createTeacherAccount({ firstName: "Tina", lastName });
  const { title } = await createTwoEditionEvent();
  await makeTrainerOf(teacher.email, title);
  await loginAs(page, "admin", { redirectTo: `/admin/utenti?q=${encodeURIComponent(teacher.email)}` });
  const row = main(page).getByRole("row", { name: new RegExp(`Tina ${lastName}`) });
  await expect(row.getByText("Incarico di formazione · 1 evento assegnato")).toBeVisible();
  await row.getByRole("link", { name: `Revoca Incarico di formazione a Tina ${lastName}` }).click();
  const step = main(page).getByRole("region", { name: `Revocare il ruolo Incarico di formazione a Tina ${lastName}?` });
  await expect(step).toContainText("La persona non avrà più l'incarico di formazione in questo evento.");
  await expect(step.getByRole("listitem")).toHaveText([title]);
  // Opening the step changed nothing.
  await expect(row.getByText("Incarico di formazione · 1 evento assegnato")).toBeVisible();
  await step.getByRole("button", { name: "Revoca il ruolo" }).click();
  await expect(row.getByRole("status")).toHaveText(
    /^Ruolo revocato\. 1 evento non ha più questa persona tra i formatori/,
  );
  await expect(row.getByRole("link", { name: /^Revoca / })).toHaveCount(0);
  await expect(step).toHaveCount(0);
}

test("an account closed in another tab is refused a role, and the page says so", async ({ page }) => {
  await grantAfterClosedInAnotherTab(page);
});

test("revoking a trainer's role is a second step that names the events it takes them off", async ({ page }) => {
  await revokeTrainerInTwoSteps(page, "Togliruolo");
});

test("closing an account without the confirmation ticked says why in an alert; the panel names the roles", async ({
  page,
}) => {
  // The error was only tied to the checkbox: the focus went back to the button, a screen reader said nothing.
  const teacher = await createTeacherAccount({ firstName: "Aldo", lastName: "Avvisato" });
  const { title } = await createTwoEditionEvent();
  await makeTrainerOf(teacher.email, title);
  await loginAs(page, "admin", { redirectTo: `/admin/utenti?q=${encodeURIComponent(teacher.email)}` });
  await main(page).getByRole("link", { name: "Chiudi l'account (su richiesta) di Aldo Avvisato" }).click();
  const panel = main(page).getByRole("region", { name: "Chiudere l'account di Aldo Avvisato?" });
  // What closing takes away besides the places: the roles, and the events it leaves without this trainer.
  await expect(panel).toContainText("Ruoli che verranno revocati: Incarico di formazione.");
  await expect(panel).toContainText("La persona perderà l'incarico di formazione in 1 evento:");
  await panel.getByRole("button", { name: "Chiudi definitivamente l'account" }).click();
  await expect(panel.getByRole("alert")).toHaveText("Conferma che la persona ha chiesto la chiusura.");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a refused role keeps the role chosen, for the region to be added", async ({ page }) => {
    // The page is drawn anew by the server: the role picked before the refusal was lost, to be chosen again.
    const teacher = await createTeacherAccount({ firstName: "Renata", lastName: "Ruolini", region: "Umbria" });
    await loginAs(page, "admin", { redirectTo: `/admin/utenti?q=${encodeURIComponent(teacher.email)}` });
    const row = main(page).getByRole("row", { name: /Renata Ruolini/ });
    // The region of her profile is in her row, next to her address: the region to make her referent of.
    await expect(row.getByRole("cell", { name: "Umbria", exact: true })).toBeVisible();
    const role = row.getByRole("combobox", { name: "Ruolo per Renata Ruolini" });
    await role.selectOption({ label: "Referente USR" });
    await row.getByRole("button", { name: "Assegna a Renata Ruolini" }).click();
    await expect(row.getByText("Per il ruolo di referente USR indica la regione.")).toBeVisible();
    await expect(role).toHaveValue("referente-usr");

    await row
      .getByRole("combobox", { name: "Regione (per il ruolo di referente USR) per Renata Ruolini" })
      .selectOption({
        label: "Umbria",
      });
    await row.getByRole("button", { name: "Assegna a Renata Ruolini" }).click();
    await expect(row.getByText("Ruolo assegnato.")).toBeVisible();
    await expect(row.getByRole("link", { name: "Revoca Referente USR (Umbria) a Renata Ruolini" })).toBeVisible();
    // Who granted it, and when: the row's role history (a disclosure, without JavaScript too).
    await row.getByText("Storico dei ruoli (1)").click();
    await expect(row.getByRole("listitem").filter({ hasText: "assegnato da" })).toHaveText(
      /^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}: ruolo Referente USR \(Umbria\) assegnato da Unità nazionale eTwinning$/,
    );
  });

  test("the page drawn after a grant opens at the row's button, its outcome on the screen, at 390 and 1366 px", async ({
    page,
  }) => {
    // It opened at its top, the outcome far below in the row and, at 390 px, to the right of the screen.
    const teacher = await createTeacherAccount({ firstName: "Vista", lastName: "Senzascript" });
    const search = `/admin/utenti?q=${encodeURIComponent(teacher.email)}`;
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(page, "admin", { redirectTo: search });
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 844 });
      if (width !== 390) await page.goto(search); // at 390 px, the page the sign-in opened
      const row = main(page).getByRole("row", { name: /Vista Senzascript/ });
      await row
        .getByRole("combobox", { name: "Ruolo per Vista Senzascript" })
        .selectOption({ label: "Incarico di formazione" });
      await row.getByRole("button", { name: "Assegna a Vista Senzascript" }).click();
      const status = row.getByRole("status");
      await expect(status, `${width} px`).toHaveText(/^(Ruolo assegnato|La persona aveva già questo ruolo)\.$/);
      await expect(status, `${width} px`).toBeInViewport({ ratio: 1 });
    }
  });

  test("an account closed in another tab is refused a role, and the page says so, though its row is gone", async ({
    page,
  }) => {
    // The answer drew the list again without the closed account, and the refusal was shown only in its row: nothing at all.
    await grantAfterClosedInAnotherTab(page);
  });

  test("revoking a trainer's role is a second step, without JavaScript too", async ({ page }) => {
    await revokeTrainerInTwoSteps(page, "Senzascriptrevoca");
  });
});
