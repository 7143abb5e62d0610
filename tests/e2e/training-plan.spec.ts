// The teacher's training plan through the real pages: a new Toscana teacher enrols in the Toscana
// regional seminar (in person; no other spec uses it), finds it in the grid's regional / in-person
// cell, sets a target, adds external training with a PDF certificate, downloads the certificate
// and the plan as PDF, adds external training of the previous school year (the page goes to that
// year) and deletes it in two steps, and the page passes the accessibility check.
import { expect, test, type Page } from "@playwright/test";
import { enrolFromCatalogue } from "./support/catalogue.ts";
import { expectNoA11yViolations, createTeacher } from "./support/index.ts";

const main = (page: Page) => page.getByRole("main");
const TITLE = /Seminario regionale eTwinning Toscana: progettare con i partner europei/;

/** The school year (September to August) of today in Rome, as "2026-2027". */
function currentSchoolYear(): { label: string; startYear: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Rome",
    year: "numeric",
    month: "numeric",
  }).formatToParts(new Date());
  const year = Number(parts.find((p) => p.type === "year")!.value);
  const month = Number(parts.find((p) => p.type === "month")!.value);
  const startYear = month >= 9 ? year : year - 1;
  return { label: `${startYear}-${startYear + 1}`, startYear };
}

test("a teacher builds their training plan and downloads it as PDF", async ({ page }) => {
  await createTeacher(page, { region: "Toscana", schoolLevel: "Scuola primaria", role: "Docente" });

  // Enrol in the regional seminar.
  await enrolFromCatalogue(page, "progettare con i partner europei", TITLE);

  // The plan, from the navigation.
  await page.getByRole("banner").getByRole("link", { name: "Il mio piano" }).click();
  await expect(main(page).getByRole("heading", { level: 1, name: "Il mio piano formativo" })).toBeVisible();
  const { label, startYear } = currentSchoolYear();
  await expect(main(page).getByLabel("Anno scolastico", { exact: true })).toHaveValue(label);

  // The seminar sits in the regional / in-person cell with its 6 hours; the regional online cell is a gap.
  const cell = main(page).getByTestId("cell-regionale-in-presenza");
  await expect(cell).toContainText(TITLE);
  await expect(cell).toContainText("6 ore");
  await expect(main(page).getByTestId("cell-regionale-online")).toContainText("Ancora nessuna iniziativa.");
  await expect(main(page).getByTestId("plan-active")).toContainText("Iscrizione confermata");
  await expect(main(page).getByTestId("plan-sessions")).toContainText(TITLE);

  // A target of 12,5 hours.
  await main(page)
    .getByRole("textbox", { name: /Obiettivo di ore/ })
    .fill("12,5");
  await main(page).getByRole("button", { name: "Salva l'obiettivo" }).click();
  await expect(main(page).getByRole("status")).toContainText("Obiettivo salvato.");
  // The outcome starts the page's title and names its notice, a region (WCAG 4.1.3, review of 07/12/2026).
  await expect(page).toHaveTitle("Obiettivo salvato – Il mio piano formativo · Forma");
  await expect(main(page).getByRole("region", { name: "Obiettivo salvato." })).toBeVisible();
  await expect(main(page).getByTestId("plan-target")).toContainText("0 ore su un obiettivo di 12 ore e 30 minuti (0%)");
  // A refused target (over 2000 hours) hides the previous success message: nothing was saved.
  const target = main(page).getByRole("textbox", { name: /Obiettivo di ore/ });
  await target.fill("3000");
  await main(page).getByRole("button", { name: "Salva l'obiettivo" }).click();
  await expect(main(page).getByText(/al massimo 2000/)).toBeVisible();
  await expect(main(page).getByText("Obiettivo salvato.")).toHaveCount(0);
  await expect(main(page).getByTestId("plan-target")).toContainText("0 ore su un obiettivo di 12 ore e 30 minuti (0%)");
  await target.fill("12,5");

  // External training with a small PDF certificate, in the current school year.
  const external = `Corso di inglese per docenti ${Date.now().toString(36)}`;
  await main(page)
    .getByRole("textbox", { name: /^Titolo/ })
    .fill(external);
  await main(page)
    .getByRole("textbox", { name: /^Ente organizzatore/ })
    .fill("Università di Firenze");
  await main(page)
    .getByLabel(/^Data di inizio/)
    .fill(`${startYear}-10-01`);
  await main(page)
    .getByLabel(/^Data di fine/)
    .fill(`${startYear}-10-02`);
  await main(page)
    .getByRole("textbox", { name: /^Ore certificate/ })
    .fill("3,5");
  await main(page)
    .getByRole("combobox", { name: /^Livello \(per la griglia\)/ })
    .selectOption({ label: "Europeo" });
  await main(page)
    .getByRole("combobox", { name: /^Modalità \(per la griglia\)/ })
    .selectOption({ label: "Online" });
  await main(page)
    .getByLabel(/^Attestato/)
    .setInputFiles({ name: "attestato.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
  // While it is sent (held here until the button has been looked at), the button cannot add it a second time.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/il-mio-piano**", async (route) => {
    if (route.request().method() === "POST") await held;
    await route.fallback();
  });
  const add = main(page).getByRole("button", { name: "Aggiungi la formazione" });
  await add.click();
  await expect(add).toBeDisabled();
  release();
  await expect(main(page).getByRole("status")).toContainText("Formazione esterna aggiunta al piano.");
  await page.unroute("**/il-mio-piano**");
  await expect(add).toBeEnabled();
  await expect(main(page).getByTestId("external-training").getByRole("heading", { name: external })).toHaveCount(1);
  await expect(main(page).getByTestId("external-training")).toContainText(external);
  await expect(main(page).getByTestId("cell-europeo-online")).toContainText(external);
  await expect(main(page).getByTestId("plan-total")).toContainText("3 ore e 30 minuti");
  await expect(main(page).getByTestId("plan-target")).toContainText(
    "3 ore e 30 minuti su un obiettivo di 12 ore e 30 minuti (28%)",
  );

  // The certificate comes back to its owner.
  const certificateHref = await main(page)
    .getByRole("link", { name: /Scarica l'attestato/ })
    .getAttribute("href");
  const certificate = await page.request.get(certificateHref!);
  expect(certificate.status()).toBe(200);
  expect(certificate.headers()["content-type"]).toBe("application/pdf");

  // The plan as PDF.
  const pdfHref = await main(page).getByRole("link", { name: "Scarica il piano in PDF" }).getAttribute("href");
  expect(pdfHref).toBe(`/il-mio-piano.pdf?anno=${label}`);
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  // External training of the previous school year, added while the current one is shown: the page goes to that
  // year, which lists it, and says so (before, it stayed on this year and the training seemed not saved).
  const previous = `${startYear - 1}-${startYear}`;
  const older = `Seminario dell'anno prima ${Date.now().toString(36)}`;
  await main(page)
    .getByRole("textbox", { name: /^Titolo/ })
    .fill(older);
  await main(page)
    .getByRole("textbox", { name: /^Ente organizzatore/ })
    .fill("INDIRE");
  await main(page)
    .getByLabel(/^Data di inizio/)
    .fill(`${startYear - 1}-11-10`);
  await main(page)
    .getByLabel(/^Data di fine/)
    .fill(`${startYear - 1}-11-11`);
  await main(page)
    .getByRole("textbox", { name: /^Ore certificate/ })
    .fill("4");
  await main(page).getByRole("button", { name: "Aggiungi la formazione" }).click();
  await expect(main(page).getByRole("status")).toContainText(
    `Formazione esterna aggiunta al piano dell'anno scolastico ${previous}`,
  );
  await expect(main(page).getByLabel("Anno scolastico", { exact: true })).toHaveValue(previous);
  await expect(main(page).getByTestId("external-training")).toHaveCount(1);
  await expect(main(page).getByTestId("external-training")).toContainText(older);

  // Deleting it takes a second, explicit step: the first button only asks.
  await main(page)
    .getByRole("button", { name: `Elimina «${older}»` })
    .click();
  const confirm = main(page).getByTestId("confirm-external-delete");
  await expect(confirm).toContainText(`Vuoi eliminare «${older}»?`);
  await expect(main(page).getByTestId("external-training")).toHaveCount(1);
  await expectNoA11yViolations(page);
  // "No, tienila nel piano" gives the focus back to the button that opened the step, not to the page's h1
  // (review 0017), in the same school year.
  await confirm.getByRole("link", { name: "No, tienila nel piano" }).focus();
  await page.keyboard.press("Enter");
  await expect(confirm).toHaveCount(0);
  const deleteButton = main(page).getByRole("button", { name: `Elimina «${older}»` });
  await expect(deleteButton).toBeFocused();
  await expect(main(page).getByLabel("Anno scolastico", { exact: true })).toHaveValue(previous);
  await deleteButton.press("Enter");
  await expect(confirm).toContainText(`Vuoi eliminare «${older}»?`);
  await confirm.getByRole("button", { name: `Sì, elimina «${older}»` }).click();
  await expect(main(page).getByRole("status")).toContainText("Formazione esterna eliminata.");
  await expect(main(page).getByTestId("external-training")).toHaveCount(0);
  await expect(main(page).getByLabel("Anno scolastico", { exact: true })).toHaveValue(previous);

  await expectNoA11yViolations(page);
});
