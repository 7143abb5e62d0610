// A teacher manages their own account on /profilo: changes school, changes password (which signs
// out their other browser), downloads their data; the new pages pass axe.
import { expect, test } from "@playwright/test";
import { unzipSync, strFromU8 } from "fflate";
import fs from "node:fs";
import {
  expectNoA11yViolations,
  expectNoA11yViolationsAtBothWidths,
  enterAs,
  signOutButton,
  createTeacher,
  createTeacherAccount,
} from "./support/index.ts";
import { refuseEmailOf } from "./support/database.ts";

test("a teacher changes school and password, downloads their data; the pages pass axe", async ({ page, browser }) => {
  const teacher = await createTeacher(page);

  // Another browser signed in as the same teacher (the sign-in form is auth.spec.ts's).
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await enterAs(other, teacher.email, { redirectTo: "/profilo" });

  await page.getByRole("link", { name: "Il mio profilo" }).click();
  await expect(page).toHaveURL(/\/profilo$/);
  await expect(page.getByRole("heading", { level: 1, name: "Il mio profilo" })).toBeVisible();
  await expect(page.getByTestId("profile-sessions").getByRole("row")).toHaveCount(3);
  await expectNoA11yViolations(page);

  // A malformed school code is refused next to the field, and so is a name the PDFs cannot print (ADR 0075).
  const profile = page.locator("form#profile");
  const firstName = profile.getByRole("textbox", { name: /^Nome/ });
  const savedFirstName = await firstName.inputValue();
  await firstName.fill("山田");
  await profile.getByRole("textbox", { name: /^Codice meccanografico/ }).fill("MI-12");
  await profile.getByRole("button", { name: "Salva il profilo" }).click();
  await expect(profile.getByText("Il codice meccanografico ha 10 caratteri")).toBeVisible();
  await expect(profile.getByText("Scrivi il nome in caratteri latini, greci o cirillici")).toBeVisible();
  await firstName.fill(savedFirstName);

  await profile.getByRole("textbox", { name: /^Scuola \(denominazione\)/ }).fill("IC Milano 3");
  await profile.getByRole("textbox", { name: /^Codice meccanografico/ }).fill("MIIC81200A");
  await profile.getByRole("combobox", { name: /^Regione/ }).selectOption({ label: "Lombardia" });
  await profile.getByRole("button", { name: "Salva il profilo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Profilo aggiornato." })).toBeVisible();
  await expect(profile.getByRole("textbox", { name: /^Scuola \(denominazione\)/ })).toHaveValue("IC Milano 3");
  await expect(profile.getByRole("combobox", { name: /^Regione/ })).toHaveValue("lombardia");

  // Password: the current one is checked; the new one ends the other browser's session.
  const password = page.locator("form#password-change");
  await password.getByLabel(/^Password attuale/).fill("NonLaMia2026");
  await password.getByLabel(/^Nuova password/).fill("NuovaPassword2027");
  await password.getByRole("button", { name: "Cambia la password" }).click();
  await expect(password.getByText("La password attuale non è corretta.")).toBeVisible();
  // The URL still says ?fatto=profilo; beside a refusal, that earlier success is not shown.
  await expect(page).toHaveURL(/\?fatto=profilo/);
  await expect(page.getByRole("main").getByText("Profilo aggiornato.")).toHaveCount(0);
  await password.getByLabel(/^Password attuale/).fill(teacher.password);
  await password.getByLabel(/^Nuova password/).fill("NuovaPassword2027");
  await password.getByRole("button", { name: "Cambia la password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password cambiata" })).toContainText("(1)");
  await expect(page.getByTestId("profile-sessions").getByRole("row")).toHaveCount(2);
  await other.goto("/profilo");
  await expect(other).toHaveURL(/\/accedi\?redirectTo=%2Fprofilo/);
  await expect(signOutButton(other)).toHaveCount(0);
  await otherContext.close();

  // My data: a ZIP with the new school in its profile.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Scarica i miei dati (ZIP)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^forma-i-miei-dati-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
  const saved = JSON.parse(strFromU8(files["profilo.json"]!)) as Record<string, unknown>;
  expect(saved).toMatchObject({ email: teacher.email, schoolName: "IC Milano 3", regionCode: "lombardia" });
  expect(files["iscrizioni.json"]).toBeDefined();

  // The closing page (not used here) passes axe too.
  await page.getByRole("link", { name: "Chiudi il mio account…" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Chiudi l'account" })).toBeVisible();
  await expectNoA11yViolations(page);
});

test("a teacher whose address is refused by its mail server is told on every page and sends again from the profile", async ({
  page,
}) => {
  const teacher = await createTeacherAccount();
  await refuseEmailOf(teacher.email, new Date("2026-12-03T10:00:00Z"));

  await enterAs(page, teacher.email, { redirectTo: "/le-mie-iscrizioni" });
  const notice = page.getByTestId("email-refused-notice");
  await expect(notice).toContainText(
    `Le email di Forma a ${teacher.email} non arrivano: il 3 dicembre 2026 il server di posta di questo indirizzo le ha rifiutate.`,
  );
  await expectNoA11yViolationsAtBothWidths(page);
  await notice.getByRole("link", { name: "Controlla il tuo indirizzo nel profilo" }).click();

  await expect(page).toHaveURL(/\/profilo#email-titolo$/);
  // The profile explains it where the address is; the page-wide notice is not repeated there.
  await expect(page.getByTestId("email-refused-notice")).toHaveCount(0);
  const refused = page.getByTestId("email-refused");
  await expect(refused).toContainText("«550 5.1.1 Casella inesistente»");
  await expectNoA11yViolations(page);
  await refused.getByRole("button", { name: "L'indirizzo è giusto: invia di nuovo" }).click();
  // How many emails go back in the queue is integration's (email-refusal.test.ts); this account has none failed.
  await expect(page.getByRole("status")).toContainText("Fatto: non c'erano email da inviare di nuovo.");
  await expect(page.getByTestId("email-refused")).toHaveCount(0);

  await page.goto("/le-mie-iscrizioni");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("email-refused-notice")).toHaveCount(0);
});

test("a teacher ends every other session at once from the profile; this one stays", async ({ page, browser }) => {
  const teacher = await createTeacher(page);
  const others = [await browser.newContext(), await browser.newContext()];
  for (const context of others) await enterAs(await context.newPage(), teacher.email, { redirectTo: "/profilo" });

  await page.goto("/profilo");
  const sessions = page.getByTestId("profile-sessions");
  const rowsBefore = await sessions.getByRole("row").count();
  expect(rowsBefore).toBeGreaterThanOrEqual(4);
  await page.getByRole("button", { name: `Chiudi tutte le altre ${rowsBefore - 2} sessioni` }).click();
  await expect(page.getByRole("status")).toContainText(
    `Chiuse ${rowsBefore - 2} sessioni: il tuo account resta aperto solo qui.`,
  );
  // The header row and this session.
  await expect(sessions.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("button", { name: /Chiudi (l'altra sessione|tutte le altre)/ })).toHaveCount(0);
  for (const context of others) {
    const other = context.pages()[0]!;
    await other.goto("/profilo");
    await expect(other).toHaveURL(/\/accedi\?redirectTo=%2Fprofilo/);
    await context.close();
  }
});
