// Certificates against the real database (SQLite or PostgreSQL): issuing to completers only,
// idempotent and safe when run twice at once, one email each in the outbox, revoke and reissue,
// the public lookup, the PDF, and the anonymous questionnaire.
import { afterAll, describe, expect, it } from "vitest";
import { certificateDetails, renderCertificatePdf } from "../../app/models/certificate-pdf.server.ts";
import { closeAccount } from "../../app/models/account-closure.server.ts";
import {
  CertificateError,
  closureSummary,
  issueCertificates,
  listEditionCertificates,
  ownValidCertificate,
  reissueCertificate,
  revokeCertificate,
  REISSUE_REASON,
  verifyCertificate,
} from "../../app/models/certificate.server.ts";
import {
  hasAnswered,
  questionnaireEdition,
  questionnaireSummary,
  submitQuestionnaire,
} from "../../app/models/questionnaire.server.ts";
import { isCertificateCode } from "../../app/domain/certificate.ts";
import { translator } from "../../app/i18n/i18n.tsx";
import { formatOnDate, formatTime } from "../../app/utils/dates.ts";
import { questionnaireSchema } from "../../app/forms/questionnaire-form.ts";
import * as closingRoute from "../../app/routes/formazione.edizioni.$editionId_.chiusura.tsx";
import * as listRoute from "../../app/routes/formazione.edizioni.$editionId_.attestati.tsx";
import * as downloadRoute from "../../app/routes/attestati.$certificateId[.]pdf.tsx";
import * as questionnaireRoute from "../../app/routes/questionario.$editionId.tsx";
import * as verifyRoute from "../../app/routes/attestati.verifica.$code.tsx";
import * as summaryRoute from "../../app/routes/gestione.edizioni.$editionId_.questionario.tsx";
import { loadTeacherEnrolments } from "../../app/models/enrolment-views.server.ts";
import { changeEventStatus } from "../../app/models/event.server.ts";
import { cancelEdition } from "../../app/models/seat-ledger.server.ts";
import { removeByOrganiser } from "../../app/models/enrolment.server.ts";
import * as organiserEditionRoute from "../../app/routes/gestione.edizioni.$editionId.tsx";
import * as eventRoute from "../../app/routes/gestione.eventi.$eventId.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createTeachers, createUser } from "../support/factories.ts";
import { createNationalUnit } from "../support/events.ts";
import { VERIFICATION_LIMITS } from "../../app/utils/rate-limit.server.ts";
import { pdfText } from "../support/pdf-text.ts";
import { bodyOf, callRoute, cookieOf, routeRequest, statusOf, type Handler } from "../support/routes.ts";
import { managedEdition, trainerEdition } from "../support/scopes.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

const HOUR = 3600_000;

/**
 * An edition whose 2-hour webinar ended yesterday with `count` enrolled teachers: the first
 * `present` were present (completed), the rest absent.
 */
async function finishedEdition(count: number, present: number) {
  const { edition, event } = await createOpenEdition({ sessionStartsAt: new Date(Date.now() - 26 * HOUR) });
  const trainer = await createUser({ firstName: "Fabio", lastName: "Formatore" });
  await prisma.eventTrainer.create({ data: { eventId: event.id, userId: trainer.id } });
  const teachers = await createTeachers(count);
  await prisma.enrolment.createMany({
    data: teachers.map((t) => ({
      editionId: edition.id,
      eventId: event.id,
      userId: t.id,
      status: "iscritto",
      activeKey: `${event.id}:${t.id}`,
    })),
  });
  const enrolments = await prisma.enrolment.findMany({
    where: { editionId: edition.id },
    orderBy: { id: "asc" },
    select: { id: true, userId: true },
  });
  const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
  await prisma.attendanceRecord.createMany({
    data: enrolments.map((e, i) => ({
      sessionId: session.id,
      enrolmentId: e.id,
      status: i < present ? "presente" : "assente",
      recordedById: trainer.id,
    })),
  });
  return { edition, event, trainer, enrolments, session };
}

const answers = (score: string, comment?: string) =>
  questionnaireSchema.parse({
    pertinenza: score,
    chiarezza: score,
    materiali: score,
    organizzazione: score,
    formatore: score,
    complessivo: score,
    comment,
  });

describe("issueCertificates", () => {
  it("closes the edition once and issues a snapshot certificate to completers only, with one email each", async () => {
    const { edition, event, trainer, enrolments } = await finishedEdition(5, 3);
    const now = new Date();
    const result = await issueCertificates(await trainerEdition(trainer.id, edition.id), now);
    expect(result).toEqual({ issued: 3, alreadyValid: 0, notCompleted: 2 });

    const closed = await prisma.edition.findUniqueOrThrow({
      where: { id: edition.id },
      select: { attendanceClosedAt: true, attendanceClosedById: true },
    });
    expect(closed).toEqual({ attendanceClosedAt: now, attendanceClosedById: trainer.id });

    const certificates = await prisma.certificate.findMany({ where: { editionId: edition.id } });
    expect(new Set(certificates.map((c) => c.enrolmentId))).toEqual(new Set(enrolments.slice(0, 3).map((e) => e.id)));
    for (const c of certificates) {
      expect(isCertificateCode(c.code)).toBe(true);
      expect(c.activeKey).toBe(c.enrolmentId);
      expect(c.certifiedMinutes).toBe(120);
      expect(c.eventTitle).toBe(event.title);
      expect(c.holderName).toMatch(/^Docente N\d+$/);
      expect(c.organiser).toContain("Unità nazionale");
      expect(c.issuedById).toBe(trainer.id);
    }
    const notifications = await prisma.notification.findMany({
      where: { kind: "attestato-disponibile", enrolmentId: { in: enrolments.map((e) => e.id) } },
    });
    expect(notifications).toHaveLength(3);
    expect(new Set(notifications.map((n) => n.dedupeKey))).toEqual(
      new Set(certificates.map((c) => `attestato-disponibile:${c.id}`)),
    );
    expect(JSON.parse(notifications[0]!.payload)).toMatchObject({ eventTitle: event.title, editionNumber: 1 });

    const audit = await prisma.auditLog.findMany({
      where: { entityType: "event", entityId: event.id, action: "attestati-emessi" },
    });
    expect(audit).toHaveLength(1);

    // Later runs (here by the national unit) keep the first closing time and trainer.
    const other = await createUser({ roles: [{ role: "unita-nazionale" }] });
    await issueCertificates(await trainerEdition(other.id, edition.id), new Date(now.getTime() + HOUR));
    expect(
      await prisma.edition.findUniqueOrThrow({
        where: { id: edition.id },
        select: { attendanceClosedAt: true, attendanceClosedById: true },
      }),
    ).toEqual(closed);
  });

  it("keeps the language the event's title is written in, which the PDF and the verification page mark", async () => {
    const { edition, event, trainer } = await finishedEdition(1, 1);
    await prisma.event.update({
      where: { id: event.id },
      data: { title: "Learning Event: media literacy and disinformation", titleLanguage: "en" },
    });
    await issueCertificates(await trainerEdition(trainer.id, edition.id));
    const [certificate] = await listEditionCertificates(edition.id);
    // The title as issued, even after the event is renamed in Italian.
    await prisma.event.update({ where: { id: event.id }, data: { title: "Educazione ai media", titleLanguage: "it" } });
    expect(await verifyCertificate(certificate!.code)).toMatchObject({
      state: "valido",
      eventTitle: "Learning Event: media literacy and disinformation",
      eventTitleLanguage: "en",
    });
  });

  it("is idempotent: a second run issues none and sends no second email", async () => {
    const { edition, trainer, enrolments } = await finishedEdition(4, 4);
    expect(await issueCertificates(await trainerEdition(trainer.id, edition.id))).toEqual({
      issued: 4,
      alreadyValid: 0,
      notCompleted: 0,
    });
    expect(await issueCertificates(await trainerEdition(trainer.id, edition.id))).toEqual({
      issued: 0,
      alreadyValid: 4,
      notCompleted: 0,
    });
    expect(await prisma.certificate.count({ where: { editionId: edition.id } })).toBe(4);
    expect(
      await prisma.notification.count({
        where: { kind: "attestato-disponibile", enrolmentId: { in: enrolments.map((e) => e.id) } },
      }),
    ).toBe(4);
  });

  it("two concurrent runs issue each certificate once", async () => {
    const { edition, trainer, enrolments } = await finishedEdition(30, 30);
    const [a, b] = await Promise.all([
      issueCertificates(await trainerEdition(trainer.id, edition.id)),
      issueCertificates(await trainerEdition(trainer.id, edition.id)),
    ]);
    expect(a.issued + b.issued).toBe(30);
    expect(a.issued + a.alreadyValid).toBe(30);
    expect(b.issued + b.alreadyValid).toBe(30);
    expect(await prisma.certificate.count({ where: { editionId: edition.id } })).toBe(30);
    expect(
      await prisma.notification.count({
        where: { kind: "attestato-disponibile", enrolmentId: { in: enrolments.map((e) => e.id) } },
      }),
    ).toBe(30);
  });

  it("a run after the register is corrected issues to those who completed since", async () => {
    const { edition, trainer, enrolments, session } = await finishedEdition(3, 1);
    expect((await issueCertificates(await trainerEdition(trainer.id, edition.id))).issued).toBe(1);
    const summary = await closureSummary(edition.id);
    expect(summary?.completed).toBe(1);
    expect(summary?.notCompleted).toBe(2);
    await prisma.attendanceRecord.update({
      where: { sessionId_enrolmentId: { sessionId: session.id, enrolmentId: enrolments[1]!.id } },
      data: { status: "presente" },
    });
    expect(await issueCertificates(await trainerEdition(trainer.id, edition.id))).toEqual({
      issued: 1,
      alreadyValid: 1,
      notCompleted: 1,
    });
  });

  it("the closing summary flags a valid certificate the register, corrected after issue, no longer agrees with", async () => {
    const { edition, trainer, enrolments, session } = await finishedEdition(2, 2);
    expect((await issueCertificates(await trainerEdition(trainer.id, edition.id))).issued).toBe(2);
    expect((await closureSummary(edition.id))?.disagreeing).toBe(0);
    // The first participant's line corrected to absent: the certificate still states the hours.
    await prisma.attendanceRecord.update({
      where: { sessionId_enrolmentId: { sessionId: session.id, enrolmentId: enrolments[0]!.id } },
      data: { status: "assente" },
    });
    const summary = await closureSummary(edition.id);
    expect(summary?.disagreeing).toBe(1);
    const flagged = summary!.participants.find((p) => p.enrolmentId === enrolments[0]!.id)!;
    expect(flagged).toMatchObject({ certificateDisagrees: true, completed: false, certifiedMinutes: 0 });
    expect(flagged.certificateMinutes).toBeGreaterThan(0);
    expect(summary!.participants.find((p) => p.enrolmentId === enrolments[1]!.id)).toMatchObject({
      certificateDisagrees: false,
    });
  });

  it("the closing summary names the characters of a participant's name that the certificate cannot print", async () => {
    const { edition, enrolments } = await finishedEdition(2, 2);
    await prisma.user.update({
      where: { id: enrolments[0]!.userId },
      data: { firstName: "花子", lastName: "Bianchi" },
    });
    await prisma.user.update({
      where: { id: enrolments[1]!.userId },
      data: { firstName: "Zoë", lastName: "D'Angelo" },
    });
    const byEnrolment = new Map((await closureSummary(edition.id))!.participants.map((p) => [p.enrolmentId, p]));
    expect(byEnrolment.get(enrolments[0]!.id)?.unprintableName).toEqual(["花", "子"]);
    expect(byEnrolment.get(enrolments[1]!.id)?.unprintableName).toEqual([]);
  });

  it("the closing summary names the characters of the event's title and venue that the certificate cannot print", async () => {
    // A title saved before the forms refused them (review 0017): every certificate would print "�" and keep it.
    const { edition, event } = await finishedEdition(1, 1);
    expect((await closureSummary(edition.id))!.unprintableEvent).toEqual({ title: [], venue: [] });
    await prisma.event.update({
      where: { id: event.id },
      data: { title: "Robotica educativa 🤖 → dalla teoria\u200b alla pratica", venue: "Aula ✓ 3" },
    });
    expect((await closureSummary(edition.id))!.unprintableEvent).toEqual({ title: ["🤖", "→"], venue: ["✓"] });
  });

  it("the closing summary says why a participant did not complete: hours below the minimum, required activity missing", async () => {
    const { edition, trainer, enrolments, session } = await finishedEdition(3, 2);
    // A required 30-minute activity: the first completed it, the second did not (the third was absent).
    const unit = await prisma.trainingSession.create({
      data: {
        editionId: edition.id,
        title: "Unità 3: elaborato finale",
        delivery: "asincrona",
        minutes: 30,
        required: true,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
      },
    });
    await prisma.activityCompletion.create({
      data: { sessionId: unit.id, enrolmentId: enrolments[0]!.id, recordedById: trainer.id },
    });
    const summary = await closureSummary(edition.id);
    const byEnrolment = new Map(summary!.participants.map((p) => [p.enrolmentId, p]));
    expect(byEnrolment.get(enrolments[0]!.id)).toMatchObject({
      completed: true,
      missingActivities: [],
      certifiedMinutes: 150,
      totalMinutes: 150,
    });
    expect(byEnrolment.get(enrolments[1]!.id)).toMatchObject({
      completed: false,
      missingActivities: ["Unità 3: elaborato finale"],
      certifiedMinutes: 120,
    });
    expect(byEnrolment.get(enrolments[2]!.id)).toMatchObject({
      completed: false,
      missingActivities: ["Unità 3: elaborato finale"],
      certifiedMinutes: 0,
    });
    expect(byEnrolment.get(enrolments[2]!.id)!.requiredMinutes).toBeGreaterThan(0);
  });

  it("issues 350 certificates in one action", async () => {
    const { edition, trainer } = await finishedEdition(350, 350);
    expect((await issueCertificates(await trainerEdition(trainer.id, edition.id))).issued).toBe(350);
    const codes = await prisma.certificate.findMany({ where: { editionId: edition.id }, select: { code: true } });
    expect(new Set(codes.map((c) => c.code)).size).toBe(350);
  });
});

describe("revoke, reissue and verification", () => {
  it("a valid code shows the snapshot; revoked shows when and the replacement, never why; unknown is unknown", async () => {
    const { edition, trainer, enrolments } = await finishedEdition(2, 2);
    await issueCertificates(await trainerEdition(trainer.id, edition.id));
    const [first] = await listEditionCertificates(edition.id);
    const valid = await verifyCertificate(first!.code);
    expect(valid).toMatchObject({
      state: "valido",
      holderName: first!.holderName,
      certifiedMinutes: 120,
      revokedAt: null,
    });
    expect(await verifyCertificate("FRM-AAAA-AAAA-AAAA")).toEqual({ state: "sconosciuto" });

    expect(
      await revokeCertificate(
        await trainerEdition(trainer.id, edition.id),
        first!.id,
        "Presenza registrata per errore",
      ),
    ).toEqual({ ok: true });
    expect(await revokeCertificate(await trainerEdition(trainer.id, edition.id), first!.id, "di nuovo")).toEqual({
      ok: false,
      reason: "already-revoked",
    });
    const revoked = await verifyCertificate(first!.code);
    expect(revoked).toMatchObject({ state: "revocato", replacementCode: null });
    // The public lookup never carries the organiser's free text (ADR 0092).
    expect(JSON.stringify(revoked)).not.toContain("Presenza registrata per errore");
    expect(revoked).not.toHaveProperty("revokedReason");
    expect(revoked.state === "revocato" && revoked.revokedAt).toBeInstanceOf(Date);
    const row = await prisma.certificate.findUniqueOrThrow({ where: { id: first!.id } });
    expect(row.activeKey).toBeNull();
    expect(row.revokedById).toBe(trainer.id);

    // Revoked stays revoked: "Emetti gli attestati mancanti" does not bring it back (reissue is the explicit act).
    expect((await issueCertificates(await trainerEdition(trainer.id, edition.id))).issued).toBe(0);
    const enrolmentId = enrolments.find((e) => e.id === row.enrolmentId)!.id;
    expect(await prisma.certificate.count({ where: { enrolmentId, activeKey: { not: null } } })).toBe(0);
    expect(await prisma.notification.count({ where: { enrolmentId, kind: "attestato-disponibile" } })).toBe(1);
    // The closing page shows the place as revoked, not as missing a certificate.
    expect((await closureSummary(edition.id))!.participants.find((p) => p.enrolmentId === enrolmentId)).toMatchObject({
      certificateCode: null,
      certificateRevoked: true,
    });
    // The teacher is told, once, and My enrolments says it was revoked and why.
    const told = await prisma.notification.findMany({ where: { enrolmentId, kind: "attestato-revocato" } });
    expect(told).toHaveLength(1);
    expect(JSON.parse(told[0]!.payload)).toMatchObject({ reason: "Presenza registrata per errore" });
    const mine = await loadTeacherEnrolments(row.userId);
    expect(mine.find((e) => e.id === enrolmentId)).toMatchObject({
      certificate: null,
      revokedCertificate: { code: first!.code, reason: "Presenza registrata per errore" },
    });
    // Reissue, the explicit act, links a new valid certificate to the revoked one.
    const fresh = await reissueCertificate(await trainerEdition(trainer.id, edition.id), first!.id);
    expect(await prisma.certificate.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
      replacedById: fresh.id,
      revokedReason: "Presenza registrata per errore",
    });
    expect((await loadTeacherEnrolments(row.userId)).find((e) => e.id === enrolmentId)).toMatchObject({
      certificate: { code: fresh.code },
      revokedCertificate: null,
    });
  });

  it("reissue revokes the old one, links the new one, and is refused when another is valid or the teacher no longer completes", async () => {
    const { edition, trainer, session } = await finishedEdition(2, 2);
    await issueCertificates(await trainerEdition(trainer.id, edition.id));
    const [old] = await listEditionCertificates(edition.id);
    const fresh = await reissueCertificate(await trainerEdition(trainer.id, edition.id), old!.id);
    const oldRow = await prisma.certificate.findUniqueOrThrow({ where: { id: old!.id } });
    expect(oldRow).toMatchObject({ replacedById: fresh.id, revokedReason: REISSUE_REASON, activeKey: null });
    const newRow = await prisma.certificate.findUniqueOrThrow({ where: { id: fresh.id } });
    expect(newRow.activeKey).toBe(oldRow.enrolmentId);
    expect(newRow.code).not.toBe(oldRow.code);
    expect(await verifyCertificate(old!.code)).toMatchObject({ state: "revocato", replacementCode: fresh.code });
    expect(await prisma.notification.count({ where: { dedupeKey: `attestato-disponibile:${fresh.id}` } })).toBe(1);
    // The only email of the reissue (the old one is revoked without its own) says the old code is revoked and replaced.
    const notice = await prisma.notification.findFirstOrThrow({
      where: { dedupeKey: `attestato-disponibile:${fresh.id}` },
    });
    expect(await prisma.notification.count({ where: { dedupeKey: `attestato-revocato:${old!.id}` } })).toBe(0);
    const { parsePayload, renderEmail } = await import("../../emails/index.ts");
    const payload = parsePayload(notice.payload);
    expect(payload.replacesCertificateCode).toBe(oldRow.code);
    for (const locale of ["it", "en"] as const) {
      const email = renderEmail(notice.kind, payload, {
        locale,
        origin: "https://forma.example.it",
        contactEmail: "formazione@forma.example.it",
        firstName: "M",
      });
      expect(email.text, locale).toContain(oldRow.code);
      expect(email.html, locale).toContain(oldRow.code);
      expect(email.text, locale).toMatch(
        locale === "it" ? /revocato e non è più valido/ : /revoked and is no longer valid/,
      );
    }

    // The old one again: its enrolment already holds the new valid certificate.
    await expect(reissueCertificate(await trainerEdition(trainer.id, edition.id), old!.id)).rejects.toEqual(
      new CertificateError("already-valid"),
    );
    // Register corrected to absent: the teacher no longer completes.
    await prisma.attendanceRecord.update({
      where: { sessionId_enrolmentId: { sessionId: session.id, enrolmentId: newRow.enrolmentId } },
      data: { status: "assente" },
    });
    await expect(reissueCertificate(await trainerEdition(trainer.id, edition.id), fresh.id)).rejects.toEqual(
      new CertificateError("not-completed"),
    );
    expect(
      await prisma.certificate.count({ where: { enrolmentId: newRow.enrolmentId, activeKey: { not: null } } }),
    ).toBe(1);
  });
});

describe("closed accounts", () => {
  it("a holder who closed the account gets no new certificate, and the one issued before is not replaced", async () => {
    const { edition, trainer, enrolments } = await finishedEdition(3, 3);
    const [before, closedLater, closedBefore] = enrolments;
    // One participant closes the account before the register is closed: the name is now "Account chiuso …".
    expect((await closeAccount(closedBefore!.userId, closedBefore!.userId)).ok).toBe(true);
    // The closing page announces the certificates closing will issue: not the closed account's, though it completed.
    expect(await closureSummary(edition.id)).toMatchObject({ completed: 3, toIssue: 2 });
    const page = await call(
      closingRoute.loader,
      `/formazione/edizioni/${edition.id}/chiusura`,
      { editionId: edition.id },
      { cookie: await cookieOf(trainer.id) },
    );
    expect(bodyOf<{ summary: { toIssue: number } }>(page).summary.toIssue).toBe(2);
    // …and promises an email only to those who receive one.
    expect(translator("it")("certificates.close.confirm", { count: 2 })).toMatch(
      /^Chiudendo l'edizione verranno emessi 2 attestati: ogni persona che ne riceve uno avrà un'email\./,
    );
    expect(translator("en")("certificates.close.confirm", { count: 2 })).toMatch(
      /^Closing the edition issues 2 certificates, and each holder gets an email\./,
    );
    const result = await issueCertificates(await trainerEdition(trainer.id, edition.id));
    expect(result).toEqual({ issued: 2, alreadyValid: 0, notCompleted: 0 });
    expect(await prisma.certificate.count({ where: { enrolmentId: closedBefore!.id } })).toBe(0);
    expect(
      (await prisma.certificate.findMany({ where: { editionId: edition.id } })).map((c) => c.holderName),
    ).not.toContainEqual(expect.stringMatching(/Account chiuso/));
    // Another closes it after the issue: the certificate keeps the name it was issued with, and a reissue (which
    // would revoke it for one in the pseudonym's name) is refused.
    const issued = await prisma.certificate.findFirstOrThrow({ where: { enrolmentId: closedLater!.id } });
    expect((await closeAccount(closedLater!.userId, closedLater!.userId)).ok).toBe(true);
    await expect(reissueCertificate(await trainerEdition(trainer.id, edition.id), issued.id)).rejects.toEqual(
      new CertificateError("account-closed"),
    );
    const kept = await prisma.certificate.findUniqueOrThrow({ where: { id: issued.id } });
    expect(kept.revokedAt).toBeNull();
    expect(kept.holderName).toBe(issued.holderName);
    expect(kept.holderName).not.toMatch(/Account chiuso/);
    expect(await prisma.certificate.count({ where: { enrolmentId: before!.id, activeKey: { not: null } } })).toBe(1);
  });
});

describe("certificate PDF", () => {
  it("does not name a closed account's pseudonym as the person responsible", async () => {
    const { edition, event, trainer, enrolments } = await finishedEdition(1, 1);
    await issueCertificates(await trainerEdition(trainer.id, edition.id));
    const [c] = await listEditionCertificates(edition.id);
    const holderId = enrolments[0]!.userId;
    const creator = await prisma.user.findUniqueOrThrow({ where: { id: event.createdById } });
    expect((await certificateDetails(edition.id, holderId)).responsible).toBe(
      `${creator.firstName} ${creator.lastName}`,
    );
    // The event's creator closes the account: the name becomes "Account chiuso <id>", which signed every certificate.
    expect((await closeAccount(creator.id, creator.id)).ok).toBe(true);
    const details = await certificateDetails(edition.id, holderId);
    expect(details.responsible).toBeNull();
    const snapshot = await ownValidCertificate(holderId, c!.id);
    const text = await pdfText(
      await renderCertificatePdf(snapshot!, { origin: "https://forma.example.it", compress: false, details }),
    );
    expect(text).not.toContain("Account chiuso");
    // The issuing body recorded at issue signs instead.
    expect(text).toContain(snapshot!.organiser);
  });

  it("is a PDF carrying the holder, the hours in words and the verification code", async () => {
    const { edition, trainer, enrolments } = await finishedEdition(1, 1);
    await issueCertificates(await trainerEdition(trainer.id, edition.id));
    const [c] = await listEditionCertificates(edition.id);
    const snapshot = await ownValidCertificate(enrolments[0]!.userId, c!.id);
    expect(snapshot).not.toBeNull();
    const pdf = await renderCertificatePdf(snapshot!, { origin: "https://forma.example.it", compress: false });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const raw = pdf.toString("latin1");
    expect(raw).toContain(c!.code); // the info dictionary's keywords
    const text = await pdfText(pdf);
    expect(text).toContain(`Codice di verifica`);
    expect(text).toContain(c!.code);
    expect(text).toContain("Attestato di partecipazione");
    expect(text).toContain(c!.holderName);
    expect(text).toContain("2 ore");
    expect(text).toContain("Unità nazionale");
    // Someone else's certificate is not downloadable.
    const stranger = await createUser();
    expect(await ownValidCertificate(stranger.id, c!.id)).toBeNull();
  });
});

describe("questionnaire", () => {
  it("is open to holders of a valid certificate of a closed edition only", async () => {
    const { edition, trainer, enrolments } = await finishedEdition(2, 1);
    expect(await questionnaireEdition(enrolments[0]!.userId, edition.id)).toBeNull();
    await issueCertificates(await trainerEdition(trainer.id, edition.id));
    expect(await questionnaireEdition(enrolments[0]!.userId, edition.id)).not.toBeNull();
    expect(await questionnaireEdition(enrolments[1]!.userId, edition.id)).toBeNull();
    expect(await questionnaireEdition((await createUser()).id, edition.id)).toBeNull();
  });

  it("stores answers without the person, once per teacher, and summarises them", async () => {
    const { edition, trainer, enrolments } = await finishedEdition(5, 5);
    await issueCertificates(await trainerEdition(trainer.id, edition.id));
    const [a, b, ...others] = enrolments;
    expect(await hasAnswered(a!.userId, edition.id)).toBe(false);
    expect(
      await submitQuestionnaire(a!.userId, edition.id, answers("5", "Molto utile"), new Date("2026-11-23T23:30:00Z")),
    ).toBe("registrato");
    expect(await submitQuestionnaire(a!.userId, edition.id, answers("1", "Seconda risposta"))).toBe("gia-risposto");
    expect(await submitQuestionnaire(b!.userId, edition.id, answers("4"))).toBe("registrato");
    expect(await hasAnswered(a!.userId, edition.id)).toBe(true);

    const responses = await prisma.questionnaireResponse.findMany({ where: { editionId: edition.id } });
    expect(responses).toHaveLength(2);
    for (const r of responses) {
      // Nothing in the row names or points to the person.
      expect(Object.keys(r).sort()).toEqual(["answers", "comment", "editionId", "id", "submittedOn"]);
      expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.submittedOn.toISOString().endsWith("T00:00:00.000Z")).toBe(true);
      for (const e of enrolments) expect(JSON.stringify(r)).not.toContain(e.userId);
    }
    // 23:30 UTC on the 23rd is 00:30 on the 24th in Rome.
    expect(responses.map((r) => r.submittedOn.toISOString().slice(0, 10))).toContain("2026-11-24");
    expect(await prisma.questionnaireSubmission.count({ where: { editionId: edition.id } })).toBe(2);

    // Two answers: the organiser sees how many, not the scores or the comment (they would be one person's).
    expect(await questionnaireSummary(edition.id)).toEqual({ responses: 2, withheld: true });
    // From five answers on: averages, distributions and comments.
    for (const o of others) expect(await submitQuestionnaire(o.userId, edition.id, answers("3"))).toBe("registrato");
    const summary = await questionnaireSummary(edition.id);
    expect(summary).toMatchObject({ responses: 5, withheld: false, comments: ["Molto utile"] });
    expect(!summary.withheld && summary.questions.find((q) => q.id === "complessivo")).toMatchObject({
      answers: 5,
      average: 3.6,
      distribution: [0, 0, 3, 1, 1],
    });
  });
});

describe("'attestato-disponibile' email", () => {
  it("renders in Italian and English, HTML and text, linking to My enrolments", async () => {
    const { parsePayload, renderEmail } = await import("../../emails/index.ts");
    const payload = parsePayload(JSON.stringify({ eventTitle: "Corso di base eTwinning", editionNumber: 2 }));
    const it_ = renderEmail("attestato-disponibile", payload, {
      locale: "it",
      contactEmail: "formazione@forma.example.it",
      origin: "https://forma.example.it/",
      firstName: "Maria",
    });
    expect(it_.subject).toBe("Attestato disponibile: Corso di base eTwinning (edizione 2) · Forma");
    expect(it_.text).toContain("https://forma.example.it/le-mie-iscrizioni");
    expect(it_.html).toContain('href="https://forma.example.it/le-mie-iscrizioni"');
    expect(it_.text).toContain("questionario");
    const en = renderEmail("attestato-disponibile", payload, {
      locale: "en",
      contactEmail: "formazione@forma.example.it",
      origin: "https://forma.example.it",
      firstName: "Maria",
    });
    expect(en.subject).toBe("Your certificate is available: Corso di base eTwinning (edition 2) · Forma");
    // A first certificate replaces none.
    expect(it_.text).not.toContain("Sostituisce");
    expect(en.text).not.toContain("replaces");
  });

  it("of a reissued certificate names the revoked one it replaces, in Italian and English, HTML and text", async () => {
    const { escapeHtml, parsePayload, renderEmail } = await import("../../emails/index.ts");
    const payload = parsePayload(
      JSON.stringify({
        eventTitle: "Corso di base eTwinning",
        editionNumber: 2,
        certificateCode: "FRM-ACDE-FGHJ-KMNP",
        replacesCertificateCode: "FRM-3467-9ACD-EFGH",
      }),
    );
    for (const [locale, subject, replaced] of [
      [
        "it",
        "Attestato riemesso: Corso di base eTwinning (edizione 2) · Forma",
        "Sostituisce l'attestato con codice FRM-3467-9ACD-EFGH, che è stato revocato",
      ],
      [
        "en",
        "Your certificate has been reissued: Corso di base eTwinning (edition 2) · Forma",
        "It replaces the certificate with code FRM-3467-9ACD-EFGH, which has been revoked",
      ],
    ] as const) {
      const email = renderEmail("attestato-disponibile", payload, {
        locale,
        contactEmail: "formazione@forma.example.it",
        origin: "https://forma.example.it",
        firstName: "Maria",
      });
      expect(email.subject).toBe(subject);
      expect(email.text).toContain(replaced);
      expect(email.html).toContain(escapeHtml(replaced));
    }
    // Anything but a certificate code is not written into the email.
    const forged = parsePayload(
      JSON.stringify({ eventTitle: "X", editionNumber: 1, replacesCertificateCode: "<b>x</b>" }),
    );
    expect(forged.replacesCertificateCode).toBeUndefined();
  });
});

/** A route's loader or action at `url` (GET, or POST of `form`): the Response it returned or threw, or its data. */
const call = (
  handler: unknown,
  url: string,
  params: Record<string, string>,
  init: { cookie?: string; form?: Record<string, string> } = {},
) => callRoute(handler as Handler, routeRequest(`http://localhost${url}`, init), params);

describe("pages: who may close, download, answer and read", () => {
  it("only the event's trainers and its organisers close the edition and manage certificates", async () => {
    const { edition, trainer, enrolments } = await finishedEdition(2, 2);
    const params = { editionId: edition.id };
    const stranger = await cookieOf((await createUser({ roles: [{ role: "formatore" }] })).id);
    const teacher = await cookieOf(enrolments[0]!.userId);
    for (const cookie of [stranger, teacher]) {
      expect(
        statusOf(await call(closingRoute.loader, `/formazione/edizioni/${edition.id}/chiusura`, params, { cookie })),
      ).toBe(403);
      expect(
        statusOf(
          await call(closingRoute.action, `/formazione/edizioni/${edition.id}/chiusura`, params, {
            cookie,
            form: { intent: "close" },
          }),
        ),
      ).toBe(403);
      expect(
        statusOf(await call(listRoute.loader, `/formazione/edizioni/${edition.id}/attestati`, params, { cookie })),
      ).toBe(403);
    }
    expect(await prisma.certificate.count({ where: { editionId: edition.id } })).toBe(0);
    // Not signed in: to the sign-in page.
    const anonymous = await call(closingRoute.loader, `/formazione/edizioni/${edition.id}/chiusura`, params);
    expect(statusOf(anonymous)).toBe(302);

    const cookie = await cookieOf(trainer.id);
    const closed = (await call(closingRoute.action, `/formazione/edizioni/${edition.id}/chiusura`, params, {
      cookie,
      form: { intent: "close" },
    })) as Response;
    expect(closed.status).toBe(302);
    expect(closed.headers.get("Location")).toBe(`/formazione/edizioni/${edition.id}/chiusura?emessi=2&validi=0`);
    // The national unit may too (nothing left to issue).
    const admin = await cookieOf((await createUser({ roles: [{ role: "unita-nazionale" }] })).id);
    const again = (await call(closingRoute.action, `/formazione/edizioni/${edition.id}/chiusura`, params, {
      cookie: admin,
      form: { intent: "close" },
    })) as Response;
    expect(again.headers.get("Location")).toBe(`/formazione/edizioni/${edition.id}/chiusura?emessi=0&validi=2`);

    // Revoke needs a reason.
    const [c] = await listEditionCertificates(edition.id);
    const noReason = await call(listRoute.action, `/formazione/edizioni/${edition.id}/attestati`, params, {
      cookie,
      form: { intent: "revoke", certificateId: c!.id, reason: " " },
    });
    expect(statusOf(noReason)).toBe(400);
    expect((await prisma.certificate.findUniqueOrThrow({ where: { id: c!.id } })).revokedAt).toBeNull();
    const tooLong = await call(listRoute.action, `/formazione/edizioni/${edition.id}/attestati`, params, {
      cookie,
      form: { intent: "revoke", certificateId: c!.id, reason: "x".repeat(501) },
    });
    expect(statusOf(tooLong)).toBe(400);
    expect((await prisma.certificate.findUniqueOrThrow({ where: { id: c!.id } })).revokedAt).toBeNull();
    const revoked = await call(listRoute.action, `/formazione/edizioni/${edition.id}/attestati`, params, {
      cookie,
      form: { intent: "revoke", certificateId: c!.id, reason: "Errore nel registro" },
    });
    expect(statusOf(revoked)).toBe(302);
    expect((await prisma.certificate.findUniqueOrThrow({ where: { id: c!.id } })).revokedReason).toBe(
      "Errore nel registro",
    );
  });

  it("refuses to close an edition that has not ended", async () => {
    const { edition, event } = await createOpenEdition({ sessionStartsAt: new Date(Date.now() + 2 * HOUR) });
    const trainer = await createUser();
    await prisma.eventTrainer.create({ data: { eventId: event.id, userId: trainer.id } });
    const result = await call(
      closingRoute.action,
      `/formazione/edizioni/${edition.id}/chiusura`,
      { editionId: edition.id },
      { cookie: await cookieOf(trainer.id), form: { intent: "close" } },
    );
    expect(statusOf(result)).toBe(409);
    expect((await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).attendanceClosedAt).toBeNull();
  });

  it("the download is the owner's only, after the questionnaire; the organiser reads the summary", async () => {
    const { edition, trainer, enrolments, event } = await finishedEdition(2, 2);
    await issueCertificates(await trainerEdition(trainer.id, edition.id));
    const owner = enrolments[0]!;
    const [c] = await prisma.certificate.findMany({ where: { enrolmentId: owner.id } });
    const ownerCookie = await cookieOf(owner.userId);
    const params = { certificateId: c!.id };
    // Someone else (another participant of the edition): not found.
    expect(
      statusOf(
        await call(downloadRoute.loader, `/attestati/${c!.id}.pdf`, params, {
          cookie: await cookieOf(enrolments[1]!.userId),
        }),
      ),
    ).toBe(404);
    // The owner, before answering: to the questionnaire.
    const first = (await call(downloadRoute.loader, `/attestati/${c!.id}.pdf`, params, {
      cookie: ownerCookie,
    })) as Response;
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/questionario/${edition.id}`);
    // An incomplete questionnaire is refused and nothing is stored.
    const qParams = { editionId: edition.id };
    const incomplete = await call(questionnaireRoute.action, `/questionario/${edition.id}`, qParams, {
      cookie: ownerCookie,
      form: { pertinenza: "5" },
    });
    expect(statusOf(incomplete)).toBe(400);
    expect(await prisma.questionnaireSubmission.count({ where: { editionId: edition.id } })).toBe(0);
    const form = {
      pertinenza: "5",
      chiarezza: "4",
      materiali: "4",
      organizzazione: "3",
      formatore: "5",
      complessivo: "5",
      comment: "Utile",
    };
    expect(
      statusOf(
        await call(questionnaireRoute.action, `/questionario/${edition.id}`, qParams, { cookie: ownerCookie, form }),
      ),
    ).toBe(302);
    const pdf = (await call(downloadRoute.loader, `/attestati/${c!.id}.pdf`, params, {
      cookie: ownerCookie,
    })) as Response;
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString("latin1"),
    ).toBe("%PDF-");
    // Revoked: no longer downloadable.
    await revokeCertificate(await trainerEdition(trainer.id, edition.id), c!.id, "Prova");
    expect(statusOf(await call(downloadRoute.loader, `/attestati/${c!.id}.pdf`, params, { cookie: ownerCookie }))).toBe(
      404,
    );

    // The questionnaire summary: organisers who manage the event (here the national unit), not the teacher.
    const admin = await cookieOf((await createUser({ roles: [{ role: "unita-nazionale" }] })).id);
    const summary = (await call(summaryRoute.loader, `/gestione/edizioni/${edition.id}/questionario`, qParams, {
      cookie: admin,
    })) as { summary: { responses: number; comments?: string[] } };
    expect(summary.summary.responses).toBe(1);
    expect(summary.summary.comments).toBeUndefined();
    expect(
      statusOf(
        await call(summaryRoute.loader, `/gestione/edizioni/${edition.id}/questionario`, qParams, {
          cookie: ownerCookie,
        }),
      ),
    ).toBe(403);
    const referent = await cookieOf(
      (await createUser({ roles: [{ role: "referente-usr", regionCode: "lombardia" }] })).id,
    );
    expect(event.level).toBe("nazionale");
    expect(
      statusOf(
        await call(summaryRoute.loader, `/gestione/edizioni/${edition.id}/questionario`, qParams, { cookie: referent }),
      ),
    ).toBe(403);
  });

  it("the public verification page answers without signing in: valid, revoked, unknown", async () => {
    const { edition, trainer } = await finishedEdition(1, 1);
    await issueCertificates(await trainerEdition(trainer.id, edition.id));
    const [c] = await listEditionCertificates(edition.id);
    const valid = (await call(verifyRoute.loader, `/attestati/verifica/${c!.code}`, {
      code: c!.code.toLowerCase(),
    })) as { data: { result: { state: string; holderName: string } } };
    expect(statusOf(valid)).toBe(200);
    expect(valid.data.result).toMatchObject({ state: "valido", holderName: c!.holderName });
    expect(JSON.stringify(valid.data)).not.toContain("@");
    const unknown = await call(verifyRoute.loader, "/attestati/verifica/FRM-AAAA-AAAA-AAAA", {
      code: "FRM-AAAA-AAAA-AAAA",
    });
    expect(statusOf(unknown)).toBe(404);
    const reason = "Maria Rossi non ha frequentato il secondo incontro";
    const row = await prisma.certificate.findUniqueOrThrow({ where: { id: c!.id } });
    await revokeCertificate(await trainerEdition(trainer.id, edition.id), c!.id, reason);
    const revoked = (await call(verifyRoute.loader, `/attestati/verifica/${c!.code}`, { code: c!.code })) as {
      data: { result: { state: string; organiser: string; revokedAt: Date } };
    };
    expect(statusOf(revoked)).toBe(200);
    // Anyone holding the code learns that it was revoked, when, and whom to ask; never why (ADR 0092):
    // the reason may be about a named person. The loader's data is also the page's JSON (?_data=).
    expect(revoked.data.result).toMatchObject({ state: "revocato", organiser: row.organiser });
    expect(revoked.data.result.revokedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(revoked.data)).not.toContain("secondo incontro");
    expect(revoked.data.result).not.toHaveProperty("revokedReason");
    // Signed in as the holder or as staff changes nothing on the public page.
    const holderCookie = await cookieOf(row.userId);
    const asHolder = await call(
      verifyRoute.loader,
      `/attestati/verifica/${c!.code}`,
      { code: c!.code },
      {
        cookie: holderCookie,
      },
    );
    expect(JSON.stringify(bodyOf(asHolder))).not.toContain("secondo incontro");
    // The holder still reads it on their own page, the trainer on the edition's certificates page.
    const mine = await loadTeacherEnrolments(row.userId);
    expect(mine.find((e) => e.id === row.enrolmentId)?.revokedCertificate).toMatchObject({ reason });
    const staff = await call(
      listRoute.loader,
      `/formazione/edizioni/${edition.id}/attestati`,
      {
        editionId: edition.id,
      },
      { cookie: await cookieOf(trainer.id) },
    );
    expect(JSON.stringify(bodyOf(staff))).toContain("secondo incontro");
  });

  it("answers at most VERIFICATION_LIMITS.perIp lookups a minute from one address, then 429 with Retry-After", async () => {
    const lookup = (ip: string) =>
      callRoute(
        verifyRoute.loader,
        new Request("http://localhost/attestati/verifica/FRM-AAAA-AAAA-AAAA", { headers: { "x-forma-client-ip": ip } }),
        { code: "FRM-AAAA-AAAA-AAAA" },
      );
    const ip = "203.0.113.7";
    for (let i = 0; i < VERIFICATION_LIMITS.perIp; i++) expect(statusOf(await lookup(ip))).toBe(404);
    const refused = await lookup(ip);
    expect(statusOf(refused)).toBe(429);
    expect((refused as { init: { headers: Record<string, string> } }).init.headers["Retry-After"]).toMatch(/^\d+$/);
    expect(bodyOf<{ result: { state: string } }>(refused).result.state).toBe("troppe-richieste");
    // Another address is still answered.
    expect(statusOf(await lookup("203.0.113.8"))).toBe(404);
  });
});

describe("a certified edition took place: it cannot be cancelled", () => {
  // Found by an audit: the national unit cancelled the finished webinar after its 13 certificates
  // were issued; each holder got "Edizione annullata" and saw "Edizione annullata" beside
  // "Scarica l'attestato" in Le mie iscrizioni, while the certificates stayed valid.
  async function certified() {
    const finished = await finishedEdition(2, 2);
    expect(await issueCertificates(await trainerEdition(finished.trainer.id, finished.edition.id))).toMatchObject({
      issued: 2,
    });
    return finished;
  }

  async function unchanged(editionId: string, enrolmentIds: string[]) {
    expect(await prisma.edition.findUniqueOrThrow({ where: { id: editionId }, select: { status: true } })).toEqual({
      status: "attiva",
    });
    const places = await prisma.enrolment.findMany({ where: { id: { in: enrolmentIds } }, select: { status: true } });
    expect(places.map((p) => p.status)).toEqual(["iscritto", "iscritto"]);
    expect(await prisma.certificate.count({ where: { editionId, revokedAt: null } })).toBe(2);
    expect(
      await prisma.notification.count({ where: { enrolmentId: { in: enrolmentIds }, kind: "edizione-annullata" } }),
    ).toBe(0);
  }

  it("from its page: refused with the reason, no place ends, nobody is told", async () => {
    const { edition, enrolments } = await certified();
    const { id: adminId } = await createNationalUnit();
    expect(await cancelEdition(await managedEdition(adminId, edition.id), "Annullata per prova")).toEqual({
      ok: false,
      reason: "attendance-closed",
    });
    const answer = await callRoute(
      organiserEditionRoute.action as unknown as Handler,
      routeRequest(`http://localhost/gestione/edizioni/${edition.id}`, {
        cookie: await cookieOf(adminId),
        form: { intent: "cancel", confirm: "yes", reason: "Annullata per prova" },
      }),
      { editionId: edition.id },
    );
    expect(statusOf(answer)).toBe(409);
    expect(bodyOf<{ error: string }>(answer).error).toContain("non si può più annullare");
    await unchanged(
      edition.id,
      enrolments.map((e) => e.id),
    );
  });

  it("by cancelling its event: the whole cancellation is refused and the event stays published", async () => {
    const { edition, event, enrolments } = await certified();
    const { actor, id: adminId } = await createNationalUnit();
    expect(await changeEventStatus(actor, event.id, "annullato", "Evento annullato per prova")).toEqual({
      ok: false,
      status: 409,
      reason: "edition-concluded",
      concluded: [edition.number],
    });
    // From the event's page, the refusal keeps the cancellation step open with the reason as typed.
    const answer = await callRoute(
      eventRoute.action as unknown as Handler,
      routeRequest(`http://localhost/gestione/eventi/${event.id}`, {
        cookie: await cookieOf(adminId),
        form: { intent: "cancel", confirm: "yes", reason: "Relatore indisponibile" },
      }),
      { eventId: event.id },
    );
    expect(statusOf(answer)).toBe(409);
    expect(bodyOf<{ cancelling: boolean; reason: string }>(answer)).toMatchObject({
      cancelling: true,
      reason: "Relatore indisponibile",
    });
    expect(await prisma.event.findUniqueOrThrow({ where: { id: event.id }, select: { status: true } })).toEqual({
      status: "pubblicato",
    });
    await unchanged(
      edition.id,
      enrolments.map((e) => e.id),
    );
  });
});

describe("a certified participant stays in the edition", () => {
  it("is not removed by the organiser (refused, nobody told); once the certificate is revoked, the removal goes through", async () => {
    const { edition, trainer, enrolments } = await finishedEdition(2, 2);
    expect(await issueCertificates(await trainerEdition(trainer.id, edition.id))).toMatchObject({
      issued: 2,
    });
    const { id: adminId } = await createNationalUnit();
    const [first, second] = [enrolments[0]!, enrolments[1]!];
    const answer = await callRoute(
      organiserEditionRoute.action as unknown as Handler,
      routeRequest(`http://localhost/gestione/edizioni/${edition.id}`, {
        cookie: await cookieOf(adminId),
        form: { intent: "remove", enrolmentId: first.id, reason: "Iscritto per errore" },
      }),
      { editionId: edition.id },
    );
    expect(statusOf(answer)).toBe(409);
    expect(bodyOf<{ error: string }>(answer).error).toContain("ha un attestato valido");
    expect(await prisma.enrolment.findUniqueOrThrow({ where: { id: first.id }, select: { status: true } })).toEqual({
      status: "iscritto",
    });
    expect(await prisma.notification.count({ where: { enrolmentId: first.id, kind: "rimosso" } })).toBe(0);

    await prisma.certificate.updateMany({
      where: { enrolmentId: second.id },
      data: { revokedAt: new Date(), activeKey: null },
    });
    expect(
      await removeByOrganiser(await managedEdition(adminId, edition.id), second.id, "Iscritto per errore"),
    ).toEqual({
      ok: true,
    });
  });
});

describe("closing an edition that has not ended", () => {
  it("is refused by issueCertificates itself, whoever calls it: the register stays open, nothing is issued", async () => {
    // Its only session took place yesterday with both present, but the edition runs a week more.
    const { edition, trainer } = await finishedEdition(2, 2);
    const endsOn = new Date(Date.now() + 7 * 24 * HOUR);
    await prisma.edition.update({ where: { id: edition.id }, data: { endsOn } });
    const before = await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } });

    // A script or a job calls the model directly (not the closing page, which used to be the only check).
    await expect(issueCertificates(await trainerEdition(trainer.id, edition.id))).rejects.toMatchObject({
      reason: "not-ended",
    });
    expect(await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).toEqual(before);
    expect(await prisma.certificate.count({ where: { editionId: edition.id } })).toBe(0);

    // The closing page says why (409), from the model's refusal.
    const refused = await call(
      closingRoute.action,
      `/formazione/edizioni/${edition.id}/chiusura`,
      { editionId: edition.id },
      { cookie: await cookieOf(trainer.id), form: { intent: "close" } },
    );
    expect(statusOf(refused)).toBe(409);
    // The rule is the edition's last day (its end, in Rome), not its last session, which took place yesterday.
    expect(bodyOf<{ error: string }>(refused).error).toBe(
      `L'edizione termina ${formatOnDate(endsOn, "it")} alle ${formatTime(endsOn, "it")}: potrai chiuderla da quel momento.`,
    );
    expect(await prisma.certificate.count({ where: { editionId: edition.id } })).toBe(0);

    // Once it has ended, the same call closes it and issues both certificates.
    const after = new Date(endsOn.getTime() + HOUR);
    expect(await issueCertificates(await trainerEdition(trainer.id, edition.id), after)).toEqual({
      issued: 2,
      alreadyValid: 0,
      notCompleted: 0,
    });
  });
});

describe("closing a cancelled edition", () => {
  it("is refused by issueCertificates and by the closing page (409, IT/EN): the register stays open, nothing is issued", async () => {
    // Its only session ended yesterday with two present participants; the organiser had cancelled it an hour
    // before it started (once ended, it could no longer be cancelled: ADR 0084 addendum).
    const { edition, trainer, enrolments } = await finishedEdition(2, 2);
    const { id: adminId } = await createNationalUnit();
    const beforeItStarted = new Date(edition.startsOn.getTime() - HOUR);
    expect(
      await cancelEdition(await managedEdition(adminId, edition.id), "Formatore indisponibile", beforeItStarted),
    ).toEqual({ ok: true });
    const before = await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } });

    await expect(issueCertificates(await trainerEdition(trainer.id, edition.id))).rejects.toMatchObject({
      reason: "edition-cancelled",
    });
    const url = `/formazione/edizioni/${edition.id}/chiusura`;
    const params = { editionId: edition.id };
    const italian = await call(closingRoute.action, url, params, {
      cookie: await cookieOf(trainer.id),
      form: { intent: "close" },
    });
    expect(statusOf(italian)).toBe(409);
    expect(bodyOf<{ error: string }>(italian).error).toBe(
      "L'edizione è stata annullata: non si può chiudere né emettere attestati, e i suoi registri restano aperti.",
    );
    const englishTrainer = await createUser();
    await prisma.user.update({ where: { id: englishTrainer.id }, data: { locale: "en" } });
    await prisma.eventTrainer.create({ data: { eventId: edition.eventId, userId: englishTrainer.id } });
    const english = await call(closingRoute.action, url, params, {
      cookie: await cookieOf(englishTrainer.id),
      form: { intent: "close" },
    });
    expect(statusOf(english)).toBe(409);
    expect(bodyOf<{ error: string }>(english).error).toContain("The edition has been cancelled");

    // Nothing changed: the register is open, no certificate, no email, no audit line.
    const after = await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } });
    expect(after.attendanceClosedAt).toBeNull();
    expect(after.attendanceClosedById).toBeNull();
    expect(after).toEqual(before);
    expect(await prisma.certificate.count({ where: { editionId: edition.id } })).toBe(0);
    expect(
      await prisma.notification.count({
        where: { kind: "attestato-disponibile", enrolmentId: { in: enrolments.map((e) => e.id) } },
      }),
    ).toBe(0);
    expect(
      await prisma.auditLog.count({ where: { action: "attestati-emessi", details: { contains: edition.id } } }),
    ).toBe(0);
    // The page does not offer the closing button, and says why.
    const page = bodyOf<{ cancelled: boolean }>(
      await call(closingRoute.loader, url, params, { cookie: await cookieOf(trainer.id) }),
    );
    expect(page.cancelled).toBe(true);
  });
});
