// Closing an account end to end: a teacher holding the only seat of an edition (and a certificate)
// closes their account with their password; they are signed out, the certificate's public
// verification page still says it is valid and that the account was closed, and the seat went to
// the teacher waiting in line.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { issueCertificateFor } from "./support/database.ts";
import {
  catalogueSearchPath,
  createTeacher,
  expectNoA11yViolations,
  loginAs,
  openEventFromCatalogue,
  signOutButton,
} from "./support/index.ts";

const SEARCH = "intelligenza artificiale e didattica";
const TITLE = /Expert talk: intelligenza artificiale e didattica, opportunità e rischi/;
const main = (page: Page) => page.getByRole("main");

/** The event from the catalogue's results (not loaded again when the page signed in onto them). */
async function openEvent(page: Page) {
  await openEventFromCatalogue(page, SEARCH, TITLE);
}

async function newTeacher(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The event is for secondary schools.
  const teacher = await createTeacher(
    page,
    { schoolLevel: "Secondaria di I grado" },
    { redirectTo: catalogueSearchPath(SEARCH) },
  );
  return { page, teacher, close: () => context.close() };
}

async function enrol(page: Page, button: "Conferma l'iscrizione" | "Entra in lista d'attesa") {
  await openEvent(page);
  await main(page)
    .getByRole("link", { name: /^Iscriviti/ })
    .first()
    .click();
  await main(page).getByRole("button", { name: button }).click();
  await expect(page).toHaveURL(/\/le-mie-iscrizioni/);
}

function myEnrolment(page: Page) {
  return main(page)
    .getByTestId("enrolment")
    .filter({ has: page.getByRole("link", { name: TITLE }) });
}

test("a teacher closes their account: signed out, the certificate still verifies, the seat goes to the next teacher", async ({
  page,
  browser,
}) => {
  // The organiser leaves one seat in the edition.
  await loginAs(page, "admin", { redirectTo: catalogueSearchPath(SEARCH) });
  await openEvent(page);
  const eventId = new URL(page.url()).pathname.split("/").pop();
  await page.goto(`/gestione/eventi/${eventId}`);
  await main(page)
    .getByRole("link", { name: /Iscrizioni, lista d'attesa e posti/ })
    .first()
    .click();
  await main(page)
    .getByLabel(/Nuovo numero di posti/)
    .fill("1");
  await main(page).getByRole("button", { name: "Modifica il numero di posti" }).click();
  await expect(main(page).getByRole("status")).toContainText("Modifica salvata");

  const leaving = await newTeacher(browser);
  const next = await newTeacher(browser);
  try {
    await enrol(leaving.page, "Conferma l'iscrizione");
    await expect(myEnrolment(leaving.page).getByTestId("enrolment-status")).toHaveText("Iscrizione confermata");
    await enrol(next.page, "Entra in lista d'attesa");
    await expect(myEnrolment(next.page)).toContainText("Posizione in lista d'attesa: 1");
    const code = await issueCertificateFor(leaving.teacher.email);

    // Closing needs the password and the confirmation.
    const p = leaving.page;
    await p.goto("/profilo");
    await main(p).getByRole("link", { name: "Chiudi il mio account…" }).click();
    await expect(main(p).getByRole("heading", { level: 1, name: "Chiudi l'account" })).toBeVisible();
    await expect(main(p).getByTestId("close-places")).toHaveText("Iscrizioni attive che verranno annullate: 1.");
    await main(p)
      .getByLabel(/^Password attuale/)
      .fill(leaving.teacher.password);
    await main(p).getByText("Ho capito: voglio chiudere il mio account").click();
    await main(p).getByRole("button", { name: "Chiudi definitivamente il mio account" }).click();
    await expect(main(p).getByText("Il tuo account è stato chiuso. Grazie per aver usato Forma.")).toBeVisible();
    await expectNoA11yViolations(p);

    // Signed out, and the password no longer opens anything.
    await expect(signOutButton(p)).toHaveCount(0);
    await p.goto("/profilo");
    await expect(p).toHaveURL(/\/accedi\?redirectTo=%2Fprofilo/);

    // The certificate still verifies, and says the account was closed.
    await p.goto(`/attestati/verifica/${code}`);
    await expect(main(p).getByTestId("verification")).toContainText("Giulia Verdi");
    await expect(main(p).getByTestId("account-closed")).toBeVisible();
    await expectNoA11yViolations(p);

    // The seat went to the teacher in line.
    await next.page.goto("/le-mie-iscrizioni");
    await expect(myEnrolment(next.page).getByTestId("enrolment-status")).toHaveText("Iscrizione confermata");
  } finally {
    await leaving.close();
    await next.close();
  }
});

test("the national unit closes an account on the person's request only after confirming it", async ({
  page,
  browser,
}) => {
  const context = await browser.newContext();
  const teacherPage = await context.newPage();
  try {
    const teacher = await createTeacher(
      teacherPage,
      { firstName: "Ilaria", lastName: "Chiusani" },
      { redirectTo: "/profilo" },
    );
    await loginAs(page, "admin", { redirectTo: `/admin/utenti?q=${encodeURIComponent(teacher.email)}` });
    const row = main(page).getByRole("row", { name: /Ilaria Chiusani/ });

    // The list's link only opens the confirmation, with the focus on it: nothing is closed yet.
    await row.getByRole("link", { name: "Chiudi l'account (su richiesta) di Ilaria Chiusani" }).click();
    const title = main(page).getByRole("heading", { level: 2, name: "Chiudere l'account di Ilaria Chiusani?" });
    await expect(title).toBeFocused();
    await expect(main(page).getByTestId("close-places")).toHaveText("Iscrizioni attive che verranno annullate: 0.");
    await expectNoA11yViolations(page);

    // Without the confirmation the account stays open.
    await main(page).getByRole("button", { name: "Chiudi definitivamente l'account" }).click();
    await expect(main(page).getByText("Conferma che la persona ha chiesto la chiusura.")).toBeVisible();
    await teacherPage.goto("/profilo");
    await expect(teacherPage).toHaveURL(/\/profilo$/);

    // Cancelling closes the panel and keeps the search.
    await main(page).getByRole("link", { name: "Annulla" }).click();
    await expect(title).toHaveCount(0);
    await expect(row).toBeVisible();

    await row.getByRole("link", { name: "Chiudi l'account (su richiesta) di Ilaria Chiusani" }).click();
    await main(page).getByText(`La persona ha chiesto la chiusura del suo account ${teacher.email}`).click();
    await expect(main(page).getByLabel(/La persona ha chiesto la chiusura/)).toBeChecked();
    await main(page).getByRole("button", { name: "Chiudi definitivamente l'account" }).click();
    await expect(main(page).getByText("Account chiuso.")).toBeVisible();
    await expect(title).toHaveCount(0);

    // The person is signed out for good.
    await teacherPage.goto("/profilo");
    await expect(teacherPage).toHaveURL(/\/accedi\?redirectTo=%2Fprofilo/);
  } finally {
    await context.close();
  }
});
