// A trainer's note on a register line ("collegata da telefono"), through the real register page: typed
// next to the status and saved with it, shown again on the line and in the register's history, in the
// register's CSV; a note on a line without a status is refused next to that line (the error summary
// takes the focus and links to the note's field). axe at 390 and 1366 px. The webinar and its two
// teachers are made for this spec (tests/e2e/support/database.ts), so no other spec's register changes.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createRegisterFixture } from "./support/database.ts";
import { expectNoA11yViolationsAtBothWidths, loginAs } from "./support/index.ts";

const main = (page: Page) => page.getByRole("main");

test("a trainer writes a note on a register line: saved, shown, in the history and the CSV; without a status it is refused", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { sessionId } = await createRegisterFixture(["Amati", "Benigni"]);
  await loginAs(page, "trainer", { redirectTo: `/formazione/incontri/${sessionId}` });
  await expect(main(page).getByRole("heading", { level: 1, name: "Registro presenze: incontro 1" })).toBeVisible();
  await expect(main(page).getByTestId("register-line")).toHaveCount(2);
  await expect(main(page).getByRole("columnheader", { name: "Nota" })).toBeVisible();
  await expectNoA11yViolationsAtBothWidths(page);

  // A note without a status: refused next to its line, nothing saved.
  await main(page).getByLabel("Nota su Benigni Docente").fill("Arriva più tardi?");
  await main(page).getByRole("button", { name: "Salva il registro" }).first().click();
  const summary = main(page).getByTestId("register-errors");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Benigni Docente: Scegli lo stato della presenza per aggiungere una nota.");
  await summary.getByRole("link", { name: /Benigni Docente/ }).click();
  await expect(main(page).getByLabel("Nota su Benigni Docente")).toBeFocused();
  await expect(main(page).getByLabel("Nota su Benigni Docente")).toHaveValue("Arriva più tardi?");
  await expectNoA11yViolationsAtBothWidths(page);

  // With a status, saved (trimmed) with the line.
  await main(page).getByLabel("Nota su Benigni Docente").fill("");
  await main(page).getByLabel("Stato di Amati Docente").selectOption("uscita-anticipata");
  await main(page).getByLabel("Minuti di presenza di Amati Docente").fill("75");
  await main(page).getByLabel("Nota su Amati Docente").fill("  Uscita anticipata per servizio  ");
  await main(page).getByRole("button", { name: "Salva il registro" }).first().click();
  await expect(
    main(page).getByRole("status").filter({ hasText: "Registro salvato: 1 riga modificata." }),
  ).toBeVisible();
  await expect(main(page).getByLabel("Nota su Amati Docente")).toHaveValue("Uscita anticipata per servizio");
  await expect(main(page).getByTestId("history-note")).toHaveText("nota: nessuna → «Uscita anticipata per servizio»");

  // Only the note changes: its own line in the history.
  await main(page).getByLabel("Nota su Amati Docente").fill("Uscita anticipata: convocata dalla dirigente");
  await main(page).getByRole("button", { name: "Salva il registro" }).first().click();
  await expect(
    main(page).getByRole("status").filter({ hasText: "Registro salvato: 1 riga modificata." }),
  ).toBeVisible();
  await expect(main(page).getByTestId("history-note").first()).toHaveText(
    "nota: «Uscita anticipata per servizio» → «Uscita anticipata: convocata dalla dirigente»",
  );
  await expectNoA11yViolationsAtBothWidths(page);

  // The register's CSV carries it.
  const download = page.waitForEvent("download");
  await main(page).getByRole("link", { name: "Registro in CSV" }).click();
  const csv = fs.readFileSync((await (await download).path())!, "utf8");
  expect(csv.startsWith("\uFEFFCognome;Nome;Email;Stato;Minuti;Nota")).toBe(true);
  expect(csv).toMatch(/Amati;Docente;[^;]+;Uscita anticipata;75;Uscita anticipata: convocata dalla dirigente/);
});
