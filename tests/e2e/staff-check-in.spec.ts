// The trainer's tools in the room, on the seeded live workshop (happening now, corsisti 01–12,
// trainer formatore@): the check-in QR code full screen for projecting, and staff-side check-in from
// the register on a phone — a search by name then "Segna presente", and a teacher's personal QR code
// (shown on her phone from Le mie iscrizioni) opened by the trainer, who confirms. Both are recorded, as a check-in at that time (late: the workshop began over an hour ago),
// as the register records, under the trainer's name. corsista01 is left to check-in.spec.ts.
// axe at 390 and 1366 px on each new page.
import { expect, test, type Page } from "@playwright/test";
import {
  DEMO_PASSWORD,
  expectNoA11yViolations,
  expectNoA11yViolationsAtBothWidths,
  LIVE_WORKSHOP,
  openWorkshopRegister,
  signIn,
} from "./support/index.ts";

const WORKSHOP = LIVE_WORKSHOP;
const main = (page: Page) => page.getByRole("main");

test("a trainer projects the QR code and marks people present by search and by their personal QR code", async ({
  page,
  browser,
}) => {
  await openWorkshopRegister(page);
  const registerUrl = page.url();
  await expectNoA11yViolationsAtBothWidths(page);

  // The QR code full screen, to project: large, with the session and the address to type.
  await main(page).getByRole("link", { name: "Mostra il QR a schermo intero (da proiettare)" }).click();
  await expect(page).toHaveTitle(/^QR da proiettare · /);
  await expect(main(page).getByRole("heading", { level: 1, name: WORKSHOP })).toBeVisible();
  const qr = main(page).getByRole("img", { name: "Codice QR per registrare la presenza a questo incontro" });
  await expect(qr).toBeVisible();
  expect((await qr.boundingBox())!.width).toBeGreaterThan(400);
  await expect(main(page).getByTestId("projection-url")).toHaveText(/\/presenza\/[^/?]+\?codice=[0-9a-z]+\./);
  await expectNoA11yViolationsAtBothWidths(page);
  await main(page).getByRole("link", { name: "Torna al registro" }).click();
  await expect(page).toHaveURL(registerUrl);

  // On the phone: search by name, then "Segna presente".
  await page.setViewportSize({ width: 390, height: 844 });
  const staff = main(page).getByTestId("staff-check-in");
  await staff.getByLabel("Nome o email della persona iscritta").fill("cecchi");
  await staff.getByRole("button", { name: "Cerca" }).click();
  await expect(staff.getByTestId("staff-results")).toHaveText("1 persona iscritta corrisponde a «cecchi».");
  await staff.getByRole("button", { name: "Segna presente Cecchi Elena" }).click();
  // The workshop started at least an hour ago: a late arrival, with the minutes left, as her own QR code would say.
  await expect(staff.getByRole("status")).toHaveText(
    /^Presenza registrata per Cecchi Elena: Entrata in ritardo \(\d+ min\)\.$/,
  );
  await expect(main(page).getByLabel("Stato di Cecchi Elena")).toHaveValue("ritardo");
  // Her line now records her there: the search shows it and no longer offers "Segna presente",
  // which would cut her presence to the minutes left at a second tap.
  await expect(staff.getByTestId("staff-found")).toContainText(/Stato registrato: Entrata in ritardo \(\d+ min\)/);
  await expect(staff.getByTestId("staff-already-there")).toHaveText(
    "Presenza già registrata: per correggerla usa la riga nel registro.",
  );
  await expect(staff.getByRole("button", { name: "Segna presente Cecchi Elena" })).toHaveCount(0);
  await expect(
    main(page).getByTestId("history-line").filter({ hasText: "Cecchi Elena" }).filter({ hasText: "registro" }),
  ).toContainText("Anna Ferri");
  await expectNoA11yViolations(page);

  // The teacher shows her personal QR code; the trainer's camera opens its address.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const teacher = await phone.newPage();
  let pass = "";
  try {
    await signIn(teacher, "corsista02@forma.test", DEMO_PASSWORD);
    await teacher.goto("/le-mie-iscrizioni");
    await main(teacher)
      .getByTestId("enrolment")
      .filter({ hasText: WORKSHOP })
      .getByRole("link", { name: "Il mio QR di presenza" })
      .click();
    await expect(main(teacher).getByRole("heading", { level: 1, name: "Il tuo QR di presenza" })).toBeVisible();
    await expect(main(teacher).getByRole("img", { name: "QR personale di presenza di Marco Bartoli" })).toBeVisible();
    pass = (await main(teacher).getByTestId("attendance-pass").textContent())!.trim();
    await expectNoA11yViolationsAtBothWidths(teacher);
  } finally {
    await phone.close();
  }

  await page.goto(`/formazione/presenza/${pass}`);
  await expect(page).toHaveURL(/\/formazione\/incontri\/[^/?]+\?partecipante=/);
  await expect(staff.getByTestId("staff-pass")).toContainText("QR personale di Bartoli Marco (corsista02@forma.test).");
  await expectNoA11yViolations(page);
  await staff.getByRole("button", { name: "Segna presente Bartoli Marco" }).click();
  // The workshop started at least an hour ago: a late arrival, with the minutes left, as her own QR code would say.
  await expect(staff.getByRole("status")).toHaveText(
    /^Presenza registrata per Bartoli Marco: Entrata in ritardo \(\d+ min\)\.$/,
  );
  await expect(main(page).getByLabel("Stato di Bartoli Marco")).toHaveValue("ritardo");

  // An altered code typed in the field is refused.
  await staff.getByLabel("Codice del QR personale").fill(pass.slice(0, -1) + (pass.endsWith("A") ? "B" : "A"));
  await staff.getByRole("button", { name: "Verifica il codice" }).click();
  await expect(staff.getByTestId("staff-pass")).toHaveText("Il QR personale non è valido.");
});
