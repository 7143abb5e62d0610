// Certificates through the real pages: the trainer opens the seeded finished webinar from
// "/formazione", closes it and 13 certificates are issued; a participant (corsista13, Sara
// Santoro) goes to My enrolments, is sent to the satisfaction questionnaire before the download,
// answers it, downloads the PDF and reads the verification code; the organiser reads the anonymous
// results; signed out, the verification page
// confirms name, event and hours, and an unknown code is "non trovato". Every new page is checked with axe.
import fs from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { enrolFromCatalogue } from "./support/catalogue.ts";
import { pdfText } from "../support/pdf-text.ts";
import { answerQuestionnairesOf, issueCertificateFor } from "./support/database.ts";
import { createTeacher, DEMO_PASSWORD, expectNoA11yViolations, hydrated, loginAs } from "./support/index.ts";

const WEBINAR = "Webinar eTwinning: sicurezza e benessere digitale (ciclo concluso)";
const TEACHER = { email: "corsista13@forma.test", name: "Sara Santoro" };
const main = (page: Page) => page.getByRole("main");

/** Answers the six questions of the questionnaire on the page (4 to the third, 5 to the others). */
async function chooseAnswers(page: Page) {
  const groups = main(page).getByRole("group");
  await expect(groups).toHaveCount(6);
  for (let i = 0; i < 6; i++) {
    // Bootstrap Italia draws its own radio over the input: click the label, as a person would.
    await groups
      .nth(i)
      .getByText(i === 2 ? "4 – Molto" : "5 – Moltissimo", { exact: true })
      .click();
    await expect(groups.nth(i).getByRole("radio", { name: i === 2 ? "4 – Molto" : "5 – Moltissimo" })).toBeChecked();
  }
}

/**
 * A new teacher, signed in, with a seat in the demo's webinar for pre-primary schools (no seat cap, not closed) and
 * a certificate of it stating `stated` (by default the event's own Italian title). Returns the teacher and the code.
 */
async function certifiedNewTeacher(page: Page, stated?: { title: string; titleLanguage: string }) {
  const teacher = await createTeacher(page, { schoolLevel: "Scuola dell'infanzia" });
  await enrolFromCatalogue(
    page,
    "progetti per i più piccoli",
    /eTwinning nella scuola dell'infanzia: progetti per i più piccoli/,
  );
  return { teacher, code: await issueCertificateFor(teacher.email, stated) };
}

test.setTimeout(120_000);

test("the trainer closes the edition; a teacher answers the questionnaire, downloads the certificate and its code verifies", async ({
  page,
  browser,
}) => {
  // The trainer: from the list of their editions to the closing page.
  await loginAs(page, "trainer", { redirectTo: "/formazione" });
  await main(page).getByRole("link", { name: WEBINAR }).first().click();
  await main(page).getByRole("link", { name: "Chiudi l'edizione ed emetti gli attestati" }).click();
  await expect(main(page).getByRole("heading", { level: 1, name: "Chiusura dell'edizione e attestati" })).toBeVisible();
  const editionId = /\/formazione\/edizioni\/([^/]+)\/chiusura/.exec(page.url())![1]!;
  await expect(main(page).getByText("Hanno completato: 13. Non hanno completato: 0.")).toBeVisible();
  await expect(main(page).getByText(/chi ha almeno il 75% delle ore totali certificate/)).toBeVisible();
  await expect(main(page).getByText(/verranno emessi 13 attestati/)).toBeVisible();
  await expectNoA11yViolations(page);
  await main(page).getByRole("button", { name: "Chiudi l'edizione ed emetti gli attestati" }).click();
  await expect(main(page).getByTestId("issue-result")).toContainText("13 attestati emessi");
  await expect(main(page).getByText(/Edizione chiusa il/)).toBeVisible();
  await expectNoA11yViolations(page);

  // Pressing again issues none (no duplicates).
  await main(page).getByRole("button", { name: "Emetti gli attestati mancanti" }).click();
  await expect(main(page).getByTestId("issue-result")).toContainText(
    "Nessun attestato emesso. 13 partecipanti avevano già un attestato valido.",
  );

  await main(page).getByRole("link", { name: "Vedi gli attestati emessi" }).click();
  await expect(main(page).getByRole("heading", { level: 1, name: "Attestati emessi" })).toBeVisible();
  await expect(main(page).getByText("Attestati validi: 13 (in tutto 13, compresi i revocati).")).toBeVisible();
  const teacherRow = main(page).getByRole("row", { name: new RegExp(TEACHER.name) });
  await expect(teacherRow).toContainText("3 ore");
  // Each row's reason and buttons are named after the holder (13 rows said only "Revoca"), the
  // visible words unchanged.
  const ofHolder = ` – attestato di ${TEACHER.name}`;
  // The reason is emailed to the holder too: its label says so (review 0018, trainer, finding 9).
  await expect(
    teacherRow.getByRole("textbox", { name: `Motivo della revoca (comunicato alla persona)${ofHolder}`, exact: true }),
  ).toBeVisible();
  const revoke = teacherRow.getByRole("button", { name: `Revoca${ofHolder}`, exact: true });
  await expect(revoke).toBeVisible();
  const seen = await revoke.evaluate((button) => {
    const copy = button.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".visually-hidden").forEach((hidden) => hidden.remove());
    return copy.textContent?.trim();
  });
  expect(seen).toBe("Revoca");
  await expect(teacherRow.getByRole("button", { name: `Riemetti${ofHolder}`, exact: true })).toBeVisible();
  // What the two buttons do is said before a trainer presses them.
  await expect(main(page).getByRole("button", { name: "Riemetti" }).first()).toHaveAccessibleDescription(
    /ne emette uno nuovo, con un nuovo codice/,
  );
  // Where a revocation's reason goes: it said the verification page shows it, which that public page never
  // does (ADR 0092); the holder reads it in Le mie iscrizioni.
  await expect(revoke).toHaveAccessibleDescription(
    /La pagina di verifica pubblica lo mostra come revocato, con la data ma senza il motivo: il motivo che scrivi lo legge chi ha l'attestato, in Le mie iscrizioni e nell'email che riceve/,
  );
  await expectNoA11yViolations(page);

  // The teacher, in another browser.
  const teacherContext = await browser.newContext({ acceptDownloads: true });
  const teacher = await teacherContext.newPage();
  let code = "";
  try {
    await teacher.goto("/le-mie-iscrizioni");
    await expect(teacher).toHaveURL(/\/accedi\?redirectTo=/);
    await main(teacher)
      .getByRole("textbox", { name: /^Email/ })
      .fill(TEACHER.email);
    await main(teacher)
      .getByLabel(/^Password/)
      .fill(DEMO_PASSWORD);
    await main(teacher).getByRole("button", { name: "Accedi" }).click();
    // The webinar has ended: it is under "Concluse o annullate", not "In corso", with its certificate.
    await expect(main(teacher).getByTestId("enrolment").filter({ hasText: WEBINAR })).toHaveCount(0);
    const card = main(teacher).getByTestId("past-enrolment").filter({ hasText: WEBINAR });
    await expect(card).toContainText("edizione conclusa il");
    // The certified hours are the certificate's (review 0019, teacher, finding 1), not the register's live figure.
    const certifiedHours = card.getByTestId("enrolment-certified-hours");
    await expect(certifiedHours).toContainText("Ore certificate: 3 ore, come indicato nell'attestato");
    await expect(card.getByTestId("enrolment-progress")).toHaveCount(0);
    // The badge is a word of its own in the text (a screen reader read "minuti)Completato").
    await expect(certifiedHours).toContainText(/attestato Percorso completato/);
    const certificate = card.getByTestId("enrolment-certificate");
    code = (/FRM-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec((await certificate.textContent()) ?? "") ?? [""])[0];
    expect(code).not.toBe("");
    await expectNoA11yViolations(teacher);

    // The download waits for the questionnaire.
    await certificate.getByRole("link", { name: "Scarica l'attestato" }).click();
    await expect(main(teacher).getByRole("heading", { level: 1, name: "Questionario di gradimento" })).toBeVisible();
    await expect(main(teacher).getByText(WEBINAR)).toBeVisible();
    await expectNoA11yViolations(teacher);
    // In English the webinar's Italian title is marked Italian (WCAG 3.1.2; it was read as English words).
    const questionnaire = teacher.url();
    await teacher.goto(`${questionnaire}?lang=en`);
    await expect(main(teacher).getByText(WEBINAR)).toHaveAttribute("lang", "it");
    // Back in Italian (the English link's language is remembered, ADR 0102): the page's own language, not marked.
    await teacher.goto(`${questionnaire}?lang=it`);
    await expect(main(teacher).getByText(WEBINAR)).not.toHaveAttribute("lang", /.*/);
    // On a phone the scale's options share rows ("1 – Per niente" beside "2 – Poco"): each option of a row starts at
    // the row's height. The second of a row sat 8 px lower (Bootstrap Italia's margin between stacked checks), and
    // the scale read as a broken staircase (review as a teacher, 08/12/2026).
    const size = teacher.viewportSize()!;
    await teacher.setViewportSize({ width: 320, height: 667 });
    const rows = await main(teacher)
      .getByRole("group")
      .evaluateAll((groups) =>
        groups.map((group) => {
          const boxes = [...group.querySelectorAll(".form-check")].map((check) => check.getBoundingClientRect());
          const shared = boxes.filter((box, i) => i > 0 && box.left > boxes[i - 1]!.left);
          const misplaced = shared.filter(
            (box) => Math.round(box.top) !== Math.round(boxes[boxes.indexOf(box) - 1]!.top),
          );
          return { shared: shared.length, misplaced: misplaced.length };
        }),
      );
    expect(rows.some((row) => row.shared > 0)).toBe(true);
    expect(rows.map((row) => row.misplaced)).toEqual(rows.map(() => 0));
    await teacher.setViewportSize(size);
    await chooseAnswers(teacher);
    await main(teacher)
      .getByRole("textbox", { name: /Commenti e suggerimenti/ })
      .fill("Webinar chiari e utili per la classe.");
    await main(teacher).getByRole("button", { name: "Invia le risposte" }).click();
    await expect(main(teacher).getByRole("status")).toContainText("Grazie, le tue risposte sono state registrate");
    // The outcome is a region named by its heading, and the title starts with it (ADR 0086 addendum 07/12/2026).
    await expect(main(teacher).getByRole("region", { name: /^Grazie, le tue risposte/ })).toBeVisible();
    await expect(teacher).toHaveTitle(/^Risposte registrate – Questionario di gradimento/);
    // Both downloads again, below it, so a teacher sent here by "PDF in inglese" finds the English one (ADR 0096).
    await expect(
      main(teacher).getByTestId("questionnaire-downloads").getByRole("link", { name: "PDF in inglese" }),
    ).toBeVisible();
    await expectNoA11yViolations(teacher);

    const downloading = teacher.waitForEvent("download");
    await main(teacher).getByRole("link", { name: "Scarica l'attestato" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`attestato-${code}.pdf`);
    const bytes = await fs.readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // Answering twice is refused gracefully: the page says so and offers the download.
    await teacher.goto(new URL(teacher.url()).pathname);
    await expect(main(teacher).getByRole("status")).toContainText("Hai già risposto");
  } finally {
    await teacherContext.close();
  }

  // The organiser who runs the event opens the anonymous results from the edition's page.
  const organiserContext = await browser.newContext();
  const organiser = await organiserContext.newPage();
  try {
    await loginAs(organiser, "admin", { redirectTo: `/gestione/edizioni/${editionId}` });
    await main(organiser).getByRole("link", { name: "Questionario di gradimento: risultati" }).click();
    await expect(
      main(organiser).getByRole("heading", { level: 1, name: "Questionario di gradimento: risultati" }),
    ).toBeVisible();
    await expect(main(organiser).getByTestId("responses")).toHaveText("Risposte ricevute: 1.");
    // One answer would be that teacher's: its scores and comment appear from five answers on.
    await expect(main(organiser).getByTestId("results-withheld")).toContainText("da 5 risposte in su");
    await expect(main(organiser).getByRole("table")).toHaveCount(0);
    await expect(main(organiser).getByText("Webinar chiari e utili per la classe.")).toHaveCount(0);
    await expect(main(organiser)).not.toContainText(TEACHER.name);
    await expectNoA11yViolations(organiser);
  } finally {
    await organiserContext.close();
  }

  // Signed out: the public verification page.
  const publicContext = await browser.newContext();
  const visitor = await publicContext.newPage();
  try {
    await visitor.goto("/attestati/verifica");
    await expectNoA11yViolations(visitor);
    await main(visitor)
      .getByRole("textbox", { name: "Codice di verifica" })
      .fill(code.toLowerCase().replaceAll("-", " "));
    await main(visitor).getByRole("button", { name: "Verifica" }).click();
    await expect(visitor).toHaveURL(new RegExp(`/attestati/verifica/${code}$`));
    const verdict = main(visitor).getByTestId("verification");
    await expect(verdict.getByRole("heading", { name: "Attestato valido" })).toBeVisible();
    await expect(verdict).toContainText(TEACHER.name);
    await expect(verdict).toContainText(WEBINAR);
    await expect(verdict).toContainText("3 ore");
    await expect(verdict).not.toContainText(TEACHER.email);
    await expectNoA11yViolations(visitor);

    await visitor.goto("/attestati/verifica/FRM-AAAA-AAAA-AAAA");
    await expect(main(visitor).getByTestId("verification")).toContainText("Codice non trovato");
    await expectNoA11yViolations(visitor);
    // Something that cannot be a code: the form says so and keeps what was typed.
    await main(visitor).getByRole("textbox", { name: "Codice di verifica" }).fill("ABC");
    await main(visitor).getByRole("button", { name: "Verifica" }).click();
    await expect(main(visitor).getByRole("alert")).toContainText("Il codice non ha il formato corretto");
    await expect(main(visitor).getByRole("textbox", { name: "Codice di verifica" })).toHaveValue("ABC");
    await expectNoA11yViolations(visitor);
  } finally {
    await publicContext.close();
  }
});

/** The trainer, signed in, on the demo webinar's certificates page, the edition closed (whichever test closed it). */
async function closedWebinarCertificates(page: Page) {
  await loginAs(page, "trainer", { redirectTo: "/formazione" });
  await main(page).getByRole("link", { name: WEBINAR }).first().click();
  await expect(page).toHaveURL(/\/formazione\/edizioni\/[^/?#]+$/);
  const editionPage = new URL(page.url()).pathname;
  await page.goto(`${editionPage}/chiusura`);
  // Closing is safe to repeat: the first time it closes and issues, then it issues none.
  await main(page)
    .getByRole("button", { name: /^(Chiudi l'edizione ed emetti gli attestati|Emetti gli attestati mancanti)$/ })
    .click();
  await expect(main(page).getByTestId("issue-result")).toBeVisible();
  await main(page).getByRole("link", { name: "Vedi gli attestati emessi" }).first().click();
  await expect(main(page).getByRole("heading", { level: 1, name: "Attestati emessi" })).toBeVisible();
  return editionPage;
}

test("Riemetti opens a second step naming the person and the hours, and 'No' gives the focus back to its button", async ({
  page,
}) => {
  await closedWebinarCertificates(page);
  const teacherRow = main(page).getByRole("row", { name: new RegExp(TEACHER.name) });
  const ofHolder = ` – attestato di ${TEACHER.name}`;

  // "Riemetti" acted at one tap, and cannot be undone (review 0018, trainer, finding 3): it opens a second step whose
  // heading takes the focus, naming the person and the hours; "No" gives the focus back to the row's button.
  await hydrated(page);
  // The register agrees with the certificate: an outlined button, not the row's main one.
  const reissue = teacherRow.getByRole("button", { name: `Riemetti${ofHolder}`, exact: true });
  await expect(reissue).toHaveClass(/btn-outline-primary/);
  await reissue.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/attestati\?riemetti=[^&#]+#riemetti-title$/);
  const step = main(page).getByTestId("riemetti");
  await expect(
    step.getByRole("heading", { level: 2, name: `Riemettere l'attestato di ${TEACHER.name}?` }),
  ).toBeFocused();
  await expect(step).toContainText("certifica 3 ore; il registro ora dà 3 ore");
  await expect(step).toContainText("non sarà più valido");
  await expect(step).toContainText(`${TEACHER.name} riceverà un'email. Non si può annullare.`);
  await expectNoA11yViolations(page);
  await step.getByRole("link", { name: "No, torna agli attestati" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/attestati#riemetti-[^/?#]+-apri$/);
  await expect(main(page).getByTestId("riemetti")).toHaveCount(0);
  await expect(reissue).toBeFocused();
});

test("a register corrected after the certificates were issued says so, and the certificates page marks the row to reissue", async ({
  page,
}) => {
  // Review 0018, trainer, finding 2: the register said only "Registro salvato", and the certificates page listed every
  // certificate alike. Tommaso Testa (corsista14) followed 60 minutes of the first 90-minute webinar (150 of 180: still completes).
  const person = { name: "Tommaso Testa", line: "Testa Tommaso" };
  const editionPage = await closedWebinarCertificates(page);
  await page.goto(editionPage);
  await main(page).getByRole("link", { name: "Apri il registro dell'incontro 1" }).click();
  const notice = main(page).getByTestId("certificates-issued");
  // What a correction leaves to do, true of each case: other hours, reissue or revoke; a path no longer completed,
  // revoke only (reissueRefusal), open account or not.
  await expect(notice).toContainText(
    "una correzione del registro non li cambia. Se cambia le ore di chi ha già l'attestato, riemettilo o revocalo " +
      "dalla pagina degli attestati; se il percorso non risulta più completato, l'attestato si può solo revocare.",
  );
  await main(page).getByLabel(`Stato di ${person.line}`).selectOption("ritardo");
  await main(page).getByLabel(`Minuti di presenza di ${person.line}`).fill("60");
  await main(page).getByRole("button", { name: "Salva il registro" }).first().click();
  await expect(main(page).getByText("Registro salvato: 1 riga modificata.")).toBeVisible();
  await expect(notice).toContainText("Ora 1 attestato valido non corrisponde più al registro.");
  await expectNoA11yViolations(page);
  await notice.getByRole("link", { name: "Vedi gli attestati emessi" }).click();

  await expect(main(page).getByTestId("certificates-disagree")).toContainText("1 attestato valido non corrisponde più");
  const row = main(page).getByRole("row", { name: new RegExp(person.name) });
  await expect(row.getByTestId("certificate-disagrees")).toHaveText(
    "Il registro ora dà 2 ore e 30 minuti: da riemettere.",
  );
  // There, Riemetti is the row's main button; its step states both hours, and confirming reissues.
  const reissue = row.getByRole("button", { name: `Riemetti – attestato di ${person.name}`, exact: true });
  await expect(reissue).toHaveClass(/btn-primary/);
  await expectNoA11yViolations(page);
  await reissue.click();
  const step = main(page).getByTestId("riemetti");
  await expect(step).toContainText("certifica 3 ore; il registro ora dà 2 ore e 30 minuti.");
  await step.getByRole("button", { name: "Sì, riemetti l'attestato" }).click();
  await expect(
    main(page).getByText("Attestato riemesso: il precedente è stato revocato e collegato al nuovo."),
  ).toBeVisible();
  await expect(main(page).getByTestId("certificates-disagree")).toHaveCount(0);
  const valid = main(page)
    .getByRole("row", { name: new RegExp(person.name) })
    .filter({ hasText: "Valido" });
  await expect(valid).toContainText("2 ore e 30 minuti");
});

test("the verification page marks a title written in English as English (WCAG 3.1.2), in either interface language", async ({
  page,
}) => {
  // The certificate states an English title, as a European Learning Event's would.
  const title = "Learning Event: media literacy and disinformation";
  const { code } = await certifiedNewTeacher(page, { title, titleLanguage: "en" });

  await page.goto(`/attestati/verifica/${code}`);
  const verdict = main(page).getByTestId("verification");
  await expect(verdict.getByRole("heading", { name: "Attestato valido" })).toBeVisible();
  await expect(verdict.locator("span[lang=en]")).toHaveText(title);
  await expectNoA11yViolations(page);
  // On the English page the title is in the page's language: not marked.
  await page.goto(`/attestati/verifica/${code}?lang=en`);
  await expect(verdict.getByRole("heading", { name: "Valid certificate" })).toBeVisible();
  await expect(verdict.getByText(title)).toBeVisible();
  await expect(verdict.locator("[lang]")).toHaveCount(0);
});

test("a teacher downloads the English rendering of the certificate beside the official Italian one", async ({
  page,
}) => {
  // The certificate states the event's Italian title.
  const { teacher, code } = await certifiedNewTeacher(page);
  await page.goto("/le-mie-iscrizioni");
  const certificate = main(page).getByTestId("enrolment-certificate").filter({ hasText: code });
  // The official certificate first, then the English rendering, each saying its language.
  const links = certificate.getByRole("link");
  await expect(links.nth(0)).toHaveText("Scarica l'attestato");
  await expect(links.nth(0)).toHaveAttribute("hreflang", "it");
  await expect(links.nth(1)).toHaveText("PDF in inglese");
  await expect(links.nth(1)).toHaveAttribute("hreflang", "en");
  await expect(certificate).toContainText("il documento ufficiale resta l'attestato in italiano");
  await expectNoA11yViolations(page);

  // An English account's page shows both too, the official one first.
  await page.goto("/le-mie-iscrizioni?lang=en");
  await expect(links.nth(0)).toHaveText("Download the certificate");
  await expect(links.nth(1)).toHaveText("English PDF");
  await expectNoA11yViolations(page);

  // The questionnaire answered (this edition is not closed, so its page is not open: the first test goes through it).
  await answerQuestionnairesOf(teacher.email);
  // Back in Italian: the English link's language is remembered (ADR 0102).
  await page.goto("/le-mie-iscrizioni?lang=it");
  const downloading = page.waitForEvent("download");
  await links.nth(1).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`certificate-${code}-en.pdf`);
  const text = (await pdfText(await fs.readFile((await download.path())!))).replace(/\s+/g, " ");
  expect(text).toContain("Certificate of attendance");
  expect(text).toContain("(title in Italian)");
  expect(text).toContain(`English rendering of the official Italian certificate ${code}; verify at `);

  // The verification page (the rendering's address too) says an English rendering exists, in either language.
  await page.goto(`/attestati/verifica/${code}`);
  await expect(main(page).getByTestId("english-rendering")).toContainText("versione in inglese di questo attestato");
  await expectNoA11yViolations(page);
  await page.goto(`/attestati/verifica/${code}?lang=en`);
  await expect(main(page).getByTestId("english-rendering")).toContainText("English rendering of this certificate");
});
