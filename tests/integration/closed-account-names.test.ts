// A closed account's pseudonym is stored as its name ("Account chiuso 3f9a2c", account-closure.server.ts) and was
// written so in English files too (review of the English interface, 07/12/2026): the participant list's CSV, the
// register's CSV and PDF and the hours CSV now say it in the file's language; Italian files are unchanged.
import { afterAll, describe, expect, it } from "vitest";
import { closeAccount } from "../../app/models/account-closure.server.ts";
import { editionCsv, loadEditionForOrganiser } from "../../app/models/enrolment-views.server.ts";
import {
  editionHoursCsv,
  loadRegisterExport,
  registerCsv,
  renderRegisterPdf,
} from "../../app/models/register-export.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createTeachers, createUser } from "../support/factories.ts";
import { pdfText } from "../support/pdf-text.ts";

afterAll(() => prisma.$disconnect());

/** An edition whose webinar ended yesterday, two teachers present; the first then closes the account. */
async function editionWithClosedAccount() {
  const { edition, event } = await createOpenEdition({ sessionStartsAt: new Date(Date.now() - 26 * 3600_000) });
  const trainer = await createUser({ firstName: "Fabio", lastName: "Formatore" });
  await prisma.eventTrainer.create({ data: { eventId: event.id, userId: trainer.id } });
  const teachers = await createTeachers(2);
  await prisma.enrolment.createMany({
    data: teachers.map((t) => ({
      editionId: edition.id,
      eventId: event.id,
      userId: t.id,
      status: "iscritto",
      activeKey: `${event.id}:${t.id}`,
    })),
  });
  const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
  const enrolments = await prisma.enrolment.findMany({ where: { editionId: edition.id }, select: { id: true } });
  await prisma.attendanceRecord.createMany({
    data: enrolments.map((e) => ({
      sessionId: session.id,
      enrolmentId: e.id,
      status: "presente",
      recordedById: trainer.id,
    })),
  });
  const closing = teachers[0]!;
  expect(await closeAccount(closing.id, closing.id)).toMatchObject({ ok: true });
  const tail = closing.id.slice(-6);
  // The pseudonym as stored, which these files used to write as it is.
  expect(await prisma.user.findUniqueOrThrow({ where: { id: closing.id } })).toMatchObject({
    firstName: "Account chiuso",
    lastName: tail,
  });
  return { edition, session, tail };
}

describe("a closed account's pseudonym in the organisers' and trainers' files", () => {
  it("is in the file's language: the participant list's CSV, the register's CSV and PDF, the hours CSV", async () => {
    const { edition, session, tail } = await editionWithClosedAccount();
    const overview = (await loadEditionForOrganiser(edition.id))!;
    const register = (await loadRegisterExport(session.id))!;
    const files = {
      participants: (locale: "it" | "en") => Promise.resolve(editionCsv(overview, locale)),
      register: (locale: "it" | "en") => Promise.resolve(registerCsv(register, locale)),
      registerPdf: async (locale: "it" | "en") => pdfText(await renderRegisterPdf(register, locale)),
      hours: async (locale: "it" | "en") => (await editionHoursCsv(edition.id, locale))!,
    };
    for (const [name, file] of Object.entries(files)) {
      const english = await file("en");
      expect(english, name).toContain("Closed account");
      expect(english, name).toContain(tail);
      expect(english, name).not.toContain("Account chiuso");
      // The other participant is named as written.
      expect(english, name).toContain("Docente");
      const italian = await file("it");
      expect(italian, name).toContain("Account chiuso");
      expect(italian, name).not.toContain("Closed account");
    }
    // In the CSVs the surname column holds the id's end, the name column the words, as stored.
    expect(editionCsv(overview, "en")).toContain(`${tail};Closed account;`);
    expect(editionCsv(overview, "it")).toContain(`${tail};Account chiuso;`);
  });
});
