// Every PDF prints every name: the certificate, the signed register and the training plan are
// rendered for teachers with Polish, Czech, Romanian, Slovenian, German, Greek and Russian names,
// and the text read back by pdf.js must carry each name letter for letter (the standard PDF fonts
// garbled Ł, ř, ș…; Titillium Web alone dropped Greek and Cyrillic, drawn now in Noto Sans, ADR 0075).
// A character no font has (山) prints as U+FFFD, with a warning in the log, never as a gap.
// The certificate also reads as an Italian attestato: dates "dal 31 ottobre al 1° novembre 2026",
// issue date without weekday, place, signature block, verification code.
import { afterAll, describe, expect, it, vi } from "vitest";
import { certificateDetails, renderCertificatePdf } from "../../app/models/certificate-pdf.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import { loadRegisterExport, renderRegisterPdf } from "../../app/models/register-export.server.ts";
import { renderTrainingPlanPdf } from "../../app/models/training-plan-pdf.server.ts";
import { loadTrainingPlan } from "../../app/models/training-plan.server.ts";
import type { StatedCertificate } from "../../app/domain/certificate-text.ts";
import { schoolYearLabel, schoolYearOf } from "../../app/domain/training-plan.ts";
import { parseRomeDateTime } from "../../app/utils/dates.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { logger } from "../../app/utils/logger.server.ts";
import { statedCertificate } from "../support/certificates.ts";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { pdfText, placedText, type PlacedText } from "../support/pdf-text.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

const NAMES = [
  { firstName: "Łukasz", lastName: "Wróbel" }, // Polish
  { firstName: "Jiří", lastName: "Dvořák" }, // Czech
  { firstName: "Ștefan", lastName: "Țurcanu" }, // Romanian, comma below
  { firstName: "Žiga", lastName: "Čeh" }, // Slovenian
  { firstName: "Jürgen", lastName: "Größ" }, // German
  { firstName: "Zofia", lastName: "Źdźbło-Ćwik" }, // more Polish
  { firstName: "Αλέξανδρος", lastName: "Παπαδόπουλος" }, // Greek
  { firstName: "Дмитрий", lastName: "Шостакович" }, // Russian
  { firstName: "Zoë", lastName: "Nováková-Αλεξίου" }, // Latin and Greek in one name
];

const fullName = (n: { firstName: string; lastName: string }) => `${n.firstName} ${n.lastName}`;

/**
 * What a certificate states as issued: the national unit's, on 30 November 2026, an edition starting 31 October, held
 * at a school in Florence.
 */
function snapshotOf(
  fields: Pick<StatedCertificate, "code" | "holderName" | "eventTitle" | "certifiedMinutes"> & { endsAt: string },
): StatedCertificate {
  const { endsAt, ...rest } = fields;
  return statedCertificate({
    ...rest,
    eventType: "corso-online-base",
    placeVenue: "Liceo «Galilei», Firenze",
    editionStartsOn: parseRomeDateTime("2026-10-31T09:00")!,
    editionEndsOn: parseRomeDateTime(endsAt)!,
    issuedAt: parseRomeDateTime("2026-11-30T10:15")!,
  });
}

describe("PDFs print names in Latin, Greek and Cyrillic letters", () => {
  it("the certificate: each holder's name, in the shape of an attestato di partecipazione", async () => {
    const { edition, organiser } = await createOpenEdition({ title: "Progettare con eTwinning: Kraków–Αθήνα–Москва" });
    const details = await certificateDetails(edition.id);
    expect(details).toEqual({
      responsible: `${organiser.firstName} ${organiser.lastName}`,
      fiscalCode: null,
      // The organiser set no letterhead (/profilo/carta-intestata).
      letterhead: null,
      // Named in the log when a name prints as "�" only.
      holderId: null,
      responsibleId: organiser.id,
    });
    for (const name of NAMES) {
      const snapshot = snapshotOf({
        code: "ABCD-EFGH-JKLM",
        holderName: fullName(name),
        eventTitle: "Progettare con eTwinning: Kraków–Αθήνα–Москва",
        certifiedMinutes: 630,
        endsAt: "2026-11-01T13:00",
      });
      const pdf = await renderCertificatePdf(snapshot, { origin: "https://forma.example.it", details });
      const text = await pdfText(pdf);
      const oneLine = text.replace(/\s+/g, " ");
      expect(text).toContain(fullName(name));
      expect(oneLine).toContain("Unità nazionale eTwinning – INDIRE");
      expect(oneLine).toContain("Attestato di partecipazione");
      expect(oneLine).toContain("Si attesta che");
      expect(oneLine).toContain("«Progettare con eTwinning: Kraków–Αθήνα–Москва»");
      expect(oneLine).toContain("svoltasi dal 31 ottobre al 1° novembre 2026 presso Liceo «Galilei», Firenze");
      expect(oneLine).toContain("10 ore e 30 minuti");
      expect(oneLine).toContain("Rilasciato a Firenze il 30 novembre 2026");
      expect(oneLine).not.toMatch(/lunedì|domenica|sabato/);
      expect(oneLine).toContain("Responsabile dell'iniziativa formativa");
      expect(oneLine).toContain(`${organiser.firstName} ${organiser.lastName}`);
      expect(oneLine).toContain("Codice di verifica ABCD-EFGH-JKLM");
      expect(oneLine).toContain("https://forma.example.it/attestati/verifica/ABCD-EFGH-JKLM");
      // No codice fiscale known: none printed.
      expect(oneLine).not.toContain("codice fiscale");
    }
  });

  it("the certificate prints the holder's codice fiscale when the account has one", async () => {
    const { edition } = await createOpenEdition({ title: "Attestato con codice fiscale" });
    const holder = await createUser({ firstName: "Łucja", lastName: "Żółkiewska" });
    // Unique per run (the column is unique): 6 letters, 2 digits, a letter, 2 digits, a letter, 3 digits, a letter.
    const digits = String(Date.now() % 1000).padStart(3, "0");
    const fiscalCode = `ZLKLCJ80A41Z${digits}${"ABCDEFGHIJ"[Math.floor(Math.random() * 10)]}`;
    await prisma.user.update({ where: { id: holder.id }, data: { fiscalCode: fiscalCode.toLowerCase() } });
    const details = await certificateDetails(edition.id, holder.id);
    expect(details.fiscalCode).toBe(fiscalCode);
    const snapshot = snapshotOf({
      code: "WXYZ-EFGH-JKLM",
      holderName: "Łucja Żółkiewska",
      eventTitle: "Attestato con codice fiscale",
      certifiedMinutes: 120,
      endsAt: "2026-10-31T11:00",
    });
    const text = (
      await pdfText(await renderCertificatePdf(snapshot, { origin: "https://forma.example.it", details }))
    ).replace(/\s+/g, " ");
    expect(text).toContain("Łucja Żółkiewska");
    expect(text).toContain(`codice fiscale ${fiscalCode}`);
  });

  it("the signed register and each teacher's training plan", async () => {
    const startsAt = new Date(Date.now() + 20 * 24 * 3600_000);
    const { edition } = await createOpenEdition({
      title: "Corso Ñandú – Ærø – Θεσσαλονίκη",
      sessionStartsAt: startsAt,
    });
    const teachers = [];
    for (const name of NAMES) {
      const user = await createUser(name);
      expect(await enrol(user.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
      teachers.push({ user, name });
    }
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
    const register = (await loadRegisterExport(session.id))!;
    const registerText = await pdfText(await renderRegisterPdf(register, "it"));
    expect(registerText).toContain("Corso Ñandú – Ærø – Θεσσαλονίκη");
    for (const name of NAMES) {
      expect(registerText).toContain(name.lastName);
      expect(registerText).toContain(name.firstName);
    }

    for (const { user, name } of teachers) {
      const plan = await loadTrainingPlan(user.id, schoolYearOf(startsAt));
      const text = await pdfText(await renderTrainingPlanPdf(plan, "it"));
      expect(text).toContain(fullName(name));
      expect(text).toContain("Corso Ñandú – Ærø – Θεσσαλονίκη");
    }
  });

  it("a character no font has prints as U+FFFD and is logged, never dropped", async () => {
    const warn = vi.spyOn(logger, "warn");
    try {
      const snapshot = snapshotOf({
        code: "KANJ-EFGH-JKLM",
        // Stored before names were checked (ADR 0075), or written by hand.
        holderName: "Taro 山田 Ζωή",
        eventTitle: "Attestato con un nome in kanji",
        certifiedMinutes: 60,
        endsAt: "2026-10-31T10:00",
      });
      const text = await pdfText(await renderCertificatePdf(snapshot, { origin: "https://forma.example.it" }));
      expect(text).toContain("Taro \uFFFD\uFFFD Ζωή");
      expect(warn).toHaveBeenCalledWith(
        { codePoints: [["U+5C71"], ["U+7530"]] },
        "PDF text has characters no font can draw: printed as U+FFFD",
      );
    } finally {
      warn.mockRestore();
    }
  });

  it("a title stored with invisible characters prints as it reads, an emoji is left out (the closing page flags it)", async () => {
    // A zero-width space pasted from a web page printed as "�", a soft hyphen from Word as "forma-zione"; the forms
    // now remove both at input, and a title stored before prints without them (review 0017).
    const snapshot = snapshotOf({
      code: "ZWSP-EFGH-JKLM",
      holderName: "Maria Rossi",
      eventTitle: "Coding\u200b in classe: for\u00admazione \u2265 pratica 🤖",
      certifiedMinutes: 60,
      endsAt: "2026-10-31T10:00",
    });
    const text = (await pdfText(await renderCertificatePdf(snapshot, { origin: "https://forma.example.it" }))).replace(
      /\s+/g,
      " ",
    );
    expect(text).toContain("«Coding in classe: formazione \u2265 pratica»");
  });

  // An event title stored with an emoji (before the forms refused them) printed "Robotica � a scuola" on the
  // certificate, the register and the plan; a zero-width space in an otherwise Latin title went to pdfkit as it was,
  // a missing glyph in Titillium. A symbol no font draws is now left out, in the one place every PDF's text goes
  // through (drawText, splitTextRuns); the web page and the calendar keep the title as stored (ADR 0075 addendum).
  it("every PDF prints a title stored with an emoji or a zero-width space cleanly, and logs the symbol", async () => {
    const warn = vi.spyOn(logger, "warn");
    try {
      const startsAt = new Date(Date.now() + 20 * 24 * 3600_000);
      const { edition } = await createOpenEdition({ title: "Robotica 🤖 a scuola", sessionStartsAt: startsAt });
      const teacher = await createUser({ firstName: "Maria", lastName: "Rossi" });
      expect(await enrol(teacher.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
      const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
      const certificate = (eventTitle: string) =>
        renderCertificatePdf(
          snapshotOf({
            code: "EMOJ-EFGH-JKLM",
            holderName: "Maria Rossi",
            eventTitle,
            certifiedMinutes: 60,
            endsAt: "2026-10-31T10:00",
          }),
          { origin: "https://forma.example.it" },
        );
      const texts = {
        certificate: await pdfText(await certificate("Robotica 🤖 a scuola")),
        register: await pdfText(await renderRegisterPdf((await loadRegisterExport(session.id))!, "it")),
        plan: await pdfText(
          await renderTrainingPlanPdf(await loadTrainingPlan(teacher.id, schoolYearOf(startsAt)), "it"),
        ),
        zeroWidth: await pdfText(await certificate("Coding\u200b in classe")),
      };
      for (const [pdf, text] of Object.entries(texts)) {
        const oneLine = text.replace(/\s+/g, " ");
        expect(oneLine, pdf).toContain(pdf === "zeroWidth" ? "«Coding in classe»" : "Robotica a scuola");
        expect(oneLine, pdf).not.toMatch(/[\u{1F916}\u{FFFD}\u{200B}]/u);
      }
      expect(warn).toHaveBeenCalledWith(
        { codePoints: [["U+1F916"]] },
        "PDF text has symbols no font can draw: left out",
      );
      // The page and the calendar keep the title as it was typed.
      expect((await prisma.event.findFirstOrThrow({ where: { editions: { some: { id: edition.id } } } })).title).toBe(
        "Robotica 🤖 a scuola",
      );
    } finally {
      warn.mockRestore();
    }
  });
});

describe("PDFs print names around a symbol no font draws", () => {
  // The PDFs leave out a symbol no font draws, with the quotes or brackets it leaves empty (ADR 0075, addenda of
  // 07/12/2026): 'Maria "☃"' printed 'Maria ""', and ‹›, „“ and ‚‘ their empty pair too; an apostrophe inside a name
  // (D'Amico, O'Neill, L’Estrange) opens nothing and stays.
  const QUOTED = [
    { name: { firstName: 'Maria "☃"', lastName: "Rossi" }, printed: { firstName: "Maria", lastName: "Rossi" } },
    { name: { firstName: "Anna", lastName: "‹☃› Bruni" }, printed: { firstName: "Anna", lastName: "Bruni" } },
    { name: { firstName: "Lena „🤖“", lastName: "Vogt" }, printed: { firstName: "Lena", lastName: "Vogt" } },
    { name: { firstName: "Grazia '☃'", lastName: "D'Amico" }, printed: { firstName: "Grazia", lastName: "D'Amico" } },
    { name: { firstName: "Sean", lastName: "O'Neill '☃'" }, printed: { firstName: "Sean", lastName: "O'Neill" } },
    { name: { firstName: "Zoë ‚☃‘", lastName: "L’Estrange" }, printed: { firstName: "Zoë", lastName: "L’Estrange" } },
    // Between two apostrophes inside the name (addendum 08/12/2026): it printed "D''Amico".
    { name: { firstName: "Rita", lastName: "D'☃'Amico" }, printed: { firstName: "Rita", lastName: "D'Amico" } },
  ];
  const EMPTIED = /""|''|‹›|„“|‚‘|«»|“”/;

  it("quotes the symbol left empty go with it on the certificate, the register and the plan; apostrophes stay", async () => {
    const startsAt = new Date(Date.now() + 20 * 24 * 3600_000);
    const { edition } = await createOpenEdition({ title: "Nomi tra virgolette", sessionStartsAt: startsAt });
    for (const { name, printed } of QUOTED) {
      const user = await createUser(name);
      expect(await enrol(user.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
      const certificate = await pdfText(
        await renderCertificatePdf(
          snapshotOf({
            code: "QUOT-EFGH-JKLM",
            holderName: fullName(name),
            eventTitle: "Nomi tra virgolette",
            certifiedMinutes: 60,
            endsAt: "2026-10-31T10:00",
          }),
          { origin: "https://forma.example.it" },
        ),
      );
      expect(certificate).toContain(`Si attesta che\n${fullName(printed)}\n`);
      const plan = await pdfText(
        await renderTrainingPlanPdf(await loadTrainingPlan(user.id, schoolYearOf(startsAt)), "it"),
      );
      expect(plan).toContain(`Docente: ${fullName(printed)}\n`);
      for (const text of [certificate, plan]) expect(text).not.toMatch(EMPTIED);
    }
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
    const register = await pdfText(await renderRegisterPdf((await loadRegisterExport(session.id))!, "it"));
    // A row: surname, name and the email's start, on one line.
    for (const { printed } of QUOTED) expect(register).toContain(`\n${printed.lastName} ${printed.firstName} user`);
    expect(register).not.toMatch(EMPTIED);
  });

  it("a name made only of such symbols prints as U+FFFD, never as no name: certificate, signatory, register (rows and trainers), plan", async () => {
    // Saved before names were checked (ADR 0075), or given by an identity provider: the certificate certified nobody
    // ("Si attesta che" and then "ha partecipato"), the register's row had no name, the plan said "Docente:".
    const startsAt = new Date(Date.now() + 20 * 24 * 3600_000);
    const { edition } = await createOpenEdition({ title: "Nomi di soli simboli", sessionStartsAt: startsAt });
    const user = await createUser({ firstName: "🤖", lastName: "🌸" });
    expect(await enrol(user.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    const certificate = await pdfText(
      await renderCertificatePdf(
        snapshotOf({
          code: "SYMB-EFGH-JKLM",
          holderName: "🤖 🌸",
          eventTitle: "Nomi di soli simboli",
          certifiedMinutes: 60,
          endsAt: "2026-10-31T10:00",
        }),
        { origin: "https://forma.example.it", details: { responsible: "☃ ☃" } },
      ),
    );
    expect(certificate).toContain("Si attesta che\n\uFFFD \uFFFD\nha partecipato all'iniziativa formativa");
    expect(certificate).toContain("Responsabile dell'iniziativa formativa\n\uFFFD \uFFFD\n");
    const plan = await pdfText(
      await renderTrainingPlanPdf(await loadTrainingPlan(user.id, schoolYearOf(startsAt)), "it"),
    );
    expect(plan).toContain("Docente: \uFFFD \uFFFD\n");
    const trainer = await createUser({ firstName: "🎓", lastName: "☃" });
    await prisma.eventTrainer.create({ data: { eventId: edition.eventId, userId: trainer.id } });
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
    const register = await pdfText(await renderRegisterPdf((await loadRegisterExport(session.id))!, "it"));
    expect(register).toContain(`\n\uFFFD \uFFFD ${user.email.slice(0, 10)}`);
    expect(register).toContain("Formazione a cura di: \uFFFD \uFFFD\n");
    // The stored name is unchanged: the pages and the profile show it as saved, and ask for it to be corrected.
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ firstName: "🤖" });
  });

  // ADR 0075, addendum 08/12/2026: nothing told an operator that a document named nobody readably.
  it("a name printed as U+FFFD only is logged once per document, with the document and the user's id, never the name", async () => {
    const warn = vi.spyOn(logger, "warn");
    try {
      const startsAt = new Date(Date.now() + 20 * 24 * 3600_000);
      const { edition, organiser } = await createOpenEdition({ title: "Nomi illeggibili", sessionStartsAt: startsAt });
      const user = await createUser({ firstName: "山田", lastName: "🌸" });
      const readable = await createUser({ firstName: "Taro", lastName: "山田" });
      for (const u of [user, readable]) expect(await enrol(u.id, edition.id)).toMatchObject({ ok: true });
      await prisma.user.update({ where: { id: organiser.id }, data: { firstName: "☃", lastName: "☃" } });
      const trainer = await createUser({ firstName: "🎓", lastName: "☃" });
      await prisma.eventTrainer.create({ data: { eventId: edition.eventId, userId: trainer.id } });
      const message = "PDF prints a person's name as U+FFFD only: no font draws its letters";
      const logged = () => {
        // No log line holds a name: the code points are logged as "U+5C71", never as the character.
        expect(JSON.stringify(warn.mock.calls)).not.toMatch(/山|🌸|☃|🎓|Taro/u);
        return warn.mock.calls.filter((call) => call[1] === message).map((call) => call[0]);
      };

      const details = await certificateDetails(edition.id, user.id);
      await renderCertificatePdf(
        snapshotOf({
          code: "FFFD-EFGH-JKLM",
          holderName: "山田 🌸",
          eventTitle: "Nomi illeggibili",
          certifiedMinutes: 60,
          endsAt: "2026-10-31T10:00",
        }),
        { origin: "https://forma.example.it", details, locale: "en" },
      );
      expect(logged()).toEqual([
        { document: "certificate", code: "FFFD-EFGH-JKLM", locale: "en", userId: user.id },
        { document: "certificate", code: "FFFD-EFGH-JKLM", locale: "en", userId: organiser.id },
      ]);
      warn.mockClear();
      const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
      await renderRegisterPdf((await loadRegisterExport(session.id))!, "it");
      expect(logged()).toEqual([
        { document: "register", sessionId: session.id, userId: user.id },
        { document: "register", sessionId: session.id, userId: trainer.id },
      ]);
      warn.mockClear();
      await renderTrainingPlanPdf(await loadTrainingPlan(user.id, schoolYearOf(startsAt)), "it");
      expect(logged()).toEqual([
        { document: "training-plan", schoolYear: schoolYearLabel(schoolYearOf(startsAt)), userId: user.id },
      ]);
      await renderTrainingPlanPdf(await loadTrainingPlan(readable.id, schoolYearOf(startsAt)), "it");
      expect(logged()).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("PDFs fit a long name: smaller, broken only at spaces and hyphens, never out of its line or cell", () => {
  // ADR 0075, addendum 08/12/2026: a surname without spaces wider than its line broke inside the word (the register's
  // cells at any character, leaving "f" alone on a line; the certificate "…voraltern" | "warengewissenhaft").
  const HYPHENATED = "Maximilianus-Johannesburgensis-Wolfeschlegelsteinhausenbergerdorff";
  const ONE_WORD = "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaft"; // 61 letters
  const GREEK = "Παπαδοπουλοςκωνσταντινοπουλοςαλεξανδροπουλοςγεωργιουπαπαδημητριουκαραμανλη"; // 74 letters
  const inside = (items: PlacedText[], left: number, right: number) =>
    items.filter((t) => t.x < left - 0.5 || t.x + t.width > right + 0.5).map((t) => `${t.str} ${t.x}+${t.width}`);

  it("the certificate: the holder and the signatory smaller and whole, inside the page's text width", async () => {
    for (const word of [ONE_WORD, GREEK]) {
      const pdf = await renderCertificatePdf(
        snapshotOf({
          code: "LONG-EFGH-JKLM",
          holderName: `Anna ${word}`,
          eventTitle: "Nomi lunghi",
          certifiedMinutes: 60,
          endsAt: "2026-10-31T10:00",
        }),
        { origin: "https://forma.example.it", details: { responsible: `Carlo ${word}` } },
      );
      const items = await placedText(pdf);
      expect(new Set(items.map((t) => t.page))).toEqual(new Set([1]));
      // The page's text width: 60 pt margins on A4 (595 pt).
      expect(inside(items, 60, 535)).toEqual([]);
      const holder = items.find((t) => t.str === word);
      expect(holder?.size).toBeGreaterThanOrEqual(10);
      expect(holder!.size).toBeLessThan(24);
      // The signatory (13 pt in half the width) smaller too: at its floor (8 pt) still too wide, it breaks inside the
      // word, never leaving a letter alone on a line.
      expect(items.filter((t) => /^\p{L}$/u.test(t.str))).toEqual([]);
    }
    const hyphenated = await pdfText(
      await renderCertificatePdf(
        snapshotOf({
          code: "LONG-EFGH-JKLM",
          holderName: `Anna ${HYPHENATED}`,
          eventTitle: "Nomi lunghi",
          certifiedMinutes: 60,
          endsAt: "2026-10-31T10:00",
        }),
        { origin: "https://forma.example.it" },
      ),
    );
    expect(hyphenated).toContain("Anna Maximilianus-Johannesburgensis-\nWolfeschlegelsteinhausenbergerdorff\n");
  });

  it("the register: each name inside its cell, broken after hyphens, and only at its floor inside a word; the trainers' line; the plan's header", async () => {
    const startsAt = new Date(Date.now() + 20 * 24 * 3600_000);
    const { edition } = await createOpenEdition({ title: "Nomi lunghi", sessionStartsAt: startsAt });
    const teacher = await createUser({ firstName: HYPHENATED, lastName: ONE_WORD });
    expect(await enrol(teacher.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    // In capitals, as some legacy names are: wider than the plan's line at 11 pt.
    const greek = await createUser({ firstName: "Ελένη", lastName: GREEK.toUpperCase() });
    await prisma.eventTrainer.create({ data: { eventId: edition.eventId, userId: greek.id } });
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
    const items = await placedText(await renderRegisterPdf((await loadRegisterExport(session.id))!, "it"));
    // The columns (40 pt margin): surname 40–125, name 125–195, each cell's text 3 pt in from its left rule.
    const cell = (left: number, right: number) => {
      const header = items.find((t) => t.str === "Cognome")!;
      return items.filter((t) => t.x >= left + 2 && t.x < right && t.y < header.y - 1);
    };
    const surname = cell(40, 125);
    const name = cell(125, 195);
    expect(inside(surname, 43, 122)).toEqual([]);
    expect(inside(name, 128, 192)).toEqual([]);
    // Read top to bottom, each cell gives the name back; the hyphenated one is broken after its hyphens only.
    expect(surname.map((t) => t.str).join("")).toBe(ONE_WORD);
    expect(name.map((t) => t.str).join("")).toBe(HYPHENATED);
    expect(name.map((t) => t.str).slice(0, 2)).toEqual(["Maximilianus-", "Johannesburgensis-"]);
    for (const t of [...surname, ...name]) expect(t.size).toBeGreaterThanOrEqual(6);
    // Broken inside a word only at 6 pt, never leaving one letter alone.
    expect([...surname, ...name].filter((t) => t.str.length < 2)).toEqual([]);
    // The trainers' line: the whole name, inside the page's text width (515 pt).
    expect(items.some((t) => t.str.includes(GREEK.toUpperCase()))).toBe(true);
    expect(inside(items, 40, 555)).toEqual([]);

    // The plan's header: "Docente:" and the Greek surname, whole on its line (it broke inside the word at 11 pt).
    const plan = await placedText(
      await renderTrainingPlanPdf(await loadTrainingPlan(greek.id, schoolYearOf(startsAt)), "it"),
    );
    const docente = plan.findIndex((t) => t.str.startsWith("Docente:"));
    const header = plan.slice(
      docente,
      plan.findIndex((t) => t.str.startsWith("Anno scolastico")),
    );
    expect(header.map((t) => t.str.trim()).join(" ")).toBe(`Docente: Ελένη ${GREEK.toUpperCase()}`);
    expect(header.filter((t) => t.str.includes(GREEK.toUpperCase()))).toHaveLength(1);
    expect(inside(header, 50, 545)).toEqual([]);
    expect(header[0]!.size).toBeGreaterThanOrEqual(8);
  });
});
