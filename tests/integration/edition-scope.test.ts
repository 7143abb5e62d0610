// Scope by capability (app/models/edition-scope.server.ts): the organiser- and trainer-side models
// take a checked ManagedEdition / TrainerEdition, and a record of ANOTHER edition named inside the
// call (a crafted enrolment or certificate id) is refused by the model itself, changing nothing.
// The edition page's action reads its form through one discriminated union on `intent`
// (app/forms/edition-page-form.ts).
import { afterAll, describe, expect, it } from "vitest";
import {
  apply,
  scoreApplicant,
  selectApplicants,
  setAdmission,
  saveApplicationSetup,
} from "../../app/models/application.server.ts";
import { issueCertificates, reissueCertificate, revokeCertificate } from "../../app/models/certificate.server.ts";
import { enrol, removeByOrganiser } from "../../app/models/enrolment.server.ts";
import { parseCriteria } from "../../app/domain/application.ts";
import * as editionPage from "../../app/routes/gestione.edizioni.$editionId.tsx";
import * as certificatesPage from "../../app/routes/formazione.edizioni.$editionId_.attestati.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createTeachers, createUser } from "../support/factories.ts";
import { bodyOf, callRoute, cookieOf, routeRequest, statusOf, type Handler } from "../support/routes.ts";
import { managedEdition, trainerEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

/** Everything a refused call could have changed, for "nothing changed". */
async function snapshot(...editionIds: string[]) {
  const where = { editionId: { in: editionIds } };
  return {
    editions: await prisma.edition.findMany({
      where: { id: { in: editionIds } },
      orderBy: { id: "asc" },
      select: { id: true, status: true, seatCap: true, seatsTaken: true, waitlistSeq: true, selectionClosedAt: true },
    }),
    enrolments: await prisma.enrolment.findMany({
      where,
      orderBy: { id: "asc" },
      select: { id: true, status: true, activeKey: true, waitlistSeq: true, totalScore: true, reason: true },
    }),
    certificates: await prisma.certificate.findMany({
      where,
      orderBy: { id: "asc" },
      select: { id: true, revokedAt: true, activeKey: true, replacedById: true },
    }),
    notifications: await prisma.notification.count({
      where: {
        enrolmentId: { in: (await prisma.enrolment.findMany({ where, select: { id: true } })).map((e) => e.id) },
      },
    }),
    changes: await prisma.enrolmentChange.count({ where: { enrolment: where } }),
  };
}

const call = (
  handler: unknown,
  url: string,
  params: Record<string, string>,
  init: { cookie?: string; form?: Record<string, string> },
) => callRoute(handler as Handler, routeRequest(`http://localhost${url}`, init), params);

describe("a crafted id of another edition", () => {
  it("removeByOrganiser refuses an enrolment of another edition (not-found) and changes nothing", async () => {
    const a = await createOpenEdition({ seatCap: 1 });
    const b = await createOpenEdition({ seatCap: 1 });
    const [t1, t2] = await createTeachers(2);
    const inB = await enrol(t1!.id, b.edition.id);
    await enrol(t2!.id, b.edition.id); // waitlisted in B: a wrongful removal would promote them
    if (!inB.ok) throw new Error("fixture");
    const before = await snapshot(a.edition.id, b.edition.id);
    // The organiser manages A (and, as national unit, could manage B too: the scope is the edition, not the person).
    const scopeA = await managedEdition(a.organiser.id, a.edition.id);
    expect(await removeByOrganiser(scopeA, inB.enrolmentId, "Prova")).toEqual({ ok: false, reason: "not-found" });
    expect(await snapshot(a.edition.id, b.edition.id)).toEqual(before);
    // The same enrolment through B's scope is removed.
    expect(
      await removeByOrganiser(await managedEdition(b.organiser.id, b.edition.id), inB.enrolmentId, "Prova"),
    ).toEqual({
      ok: true,
    });
  });

  it("the edition page answers 404 to a remove of another edition's enrolment and changes nothing", async () => {
    const a = await createOpenEdition({ seatCap: 1 });
    const b = await createOpenEdition({ seatCap: 1 });
    const [t1, t2] = await createTeachers(2);
    const inB = await enrol(t1!.id, b.edition.id);
    await enrol(t2!.id, b.edition.id);
    if (!inB.ok) throw new Error("fixture");
    const before = await snapshot(a.edition.id, b.edition.id);
    const response = await call(
      editionPage.action,
      `/gestione/edizioni/${a.edition.id}`,
      { editionId: a.edition.id },
      {
        cookie: await cookieOf(a.organiser.id),
        form: { intent: "remove", enrolmentId: inB.enrolmentId, reason: "Prova" },
      },
    );
    expect(statusOf(response)).toBe(404);
    expect(await snapshot(a.edition.id, b.edition.id)).toEqual(before);
  });

  it("scores and selection refuse an applicant of another edition and change nothing", async () => {
    const setup = {
      questions: [],
      criteria: (() => {
        const c = parseCriteria("Esperienza (max 10)");
        if (!c.ok) throw new Error("fixture");
        return c.items;
      })(),
    };
    const a = await createOpenEdition({ seatCap: 5 });
    const b = await createOpenEdition({ seatCap: 5 });
    for (const x of [a, b]) {
      const scope = await managedEdition(x.organiser.id, x.edition.id);
      expect(await setAdmission(scope, "candidatura")).toEqual({ ok: true });
      expect(await saveApplicationSetup(scope, setup)).toEqual({ ok: true });
    }
    const [t1] = await createTeachers(1);
    const applied = await apply(t1!.id, b.edition.id, {
      motivation: "Vorrei avviare un progetto STEM con scuole di altri paesi.",
      answers: {},
    });
    if (!applied.ok) throw new Error(`fixture: ${applied.reason}`);
    const before = await snapshot(a.edition.id, b.edition.id);
    const scopeA = await managedEdition(a.organiser.id, a.edition.id);
    const criterionId = setup.criteria[0]!.id;
    expect(
      await scoreApplicant(scopeA, applied.enrolmentId, { scores: { [criterionId]: "5" }, priority: true }),
    ).toEqual({ ok: false, reason: "not-found" });
    expect(await selectApplicants(scopeA, [applied.enrolmentId])).toEqual({ ok: false, reason: "not-candidate" });
    expect(await snapshot(a.edition.id, b.edition.id)).toEqual(before);
  });

  it("revoke and reissue refuse a certificate of another edition (not-found) and change nothing", async () => {
    const past = new Date(Date.now() - 26 * 3600_000);
    const a = await createOpenEdition({ sessionStartsAt: past });
    const b = await createOpenEdition({ sessionStartsAt: past });
    const trainer = await createUser({ firstName: "Fabio", lastName: "Formatore" });
    for (const x of [a, b]) await prisma.eventTrainer.create({ data: { eventId: x.event.id, userId: trainer.id } });
    const [t1] = await createTeachers(1);
    const enrolment = await prisma.enrolment.create({
      data: {
        editionId: b.edition.id,
        eventId: b.event.id,
        userId: t1!.id,
        status: "iscritto",
        activeKey: `${b.event.id}:${t1!.id}`,
      },
    });
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: b.edition.id } });
    await prisma.attendanceRecord.create({
      data: { sessionId: session.id, enrolmentId: enrolment.id, status: "presente", recordedById: trainer.id },
    });
    expect((await issueCertificates(await trainerEdition(trainer.id, b.edition.id))).issued).toBe(1);
    const certificate = await prisma.certificate.findFirstOrThrow({ where: { editionId: b.edition.id } });
    const before = await snapshot(a.edition.id, b.edition.id);

    const scopeA = await trainerEdition(trainer.id, a.edition.id);
    expect(await revokeCertificate(scopeA, certificate.id, "Prova")).toEqual({ ok: false, reason: "not-found" });
    await expect(reissueCertificate(scopeA, certificate.id)).rejects.toMatchObject({ reason: "not-found" });
    const response = await call(
      certificatesPage.action,
      `/formazione/edizioni/${a.edition.id}/attestati`,
      { editionId: a.edition.id },
      {
        cookie: await cookieOf(trainer.id),
        form: { intent: "revoke", certificateId: certificate.id, reason: "Prova" },
      },
    );
    expect(statusOf(response)).toBe(404);
    expect(await snapshot(a.edition.id, b.edition.id)).toEqual(before);
  });
});

describe("the scope guards", () => {
  it("a referent of another region gets no ManagedEdition (403) and a teacher no TrainerEdition", async () => {
    const regional = await createOpenEdition({ level: "regionale", regionCode: "toscana" });
    const lazio = await createUser({ roles: [{ role: "referente-usr", regionCode: "lazio" }] });
    await expect(managedEdition(lazio.id, regional.edition.id)).rejects.toMatchObject({ status: 403 });
    const toscana = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    expect((await managedEdition(toscana.id, regional.edition.id)).id).toBe(regional.edition.id);
    const [teacher] = await createTeachers(1);
    await expect(trainerEdition(teacher!.id, regional.edition.id)).rejects.toMatchObject({ status: 403 });
  });
});

describe("the edition page's one union on intent", () => {
  it("answers 400 to an unknown intent or a missing reason, and applies a valid form", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 3 });
    const cookie = await cookieOf(organiser.id);
    const post = (form: Record<string, string>) =>
      call(editionPage.action, `/gestione/edizioni/${edition.id}`, { editionId: edition.id }, { cookie, form });
    expect(statusOf(await post({ intent: "explode" }))).toBe(400);
    expect(statusOf(await post({ intent: "cancel", reason: "   " }))).toBe(400);
    expect(statusOf(await post({ intent: "seat-cap", seatCap: "abc" }))).toBe(400);
    expect(statusOf(await post({ intent: "seat-cap", seatCap: "5" }))).toBe(302);
    expect((await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).seatCap).toBe(5);
    // Closing enrolment needs the second step's confirmation.
    expect(statusOf(await post({ intent: "close" }))).toBe(400);
    expect((await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).status).toBe("attiva");
    expect(statusOf(await post({ intent: "close", confirm: "yes" }))).toBe(302);
    // The state machine's refusal comes back typed: closing again is a 409.
    expect(statusOf(await post({ intent: "close", confirm: "yes" }))).toBe(409);
    // Cancelling needs the second step's confirmation as well as the reason.
    expect(statusOf(await post({ intent: "cancel", reason: "Relatore indisponibile" }))).toBe(400);
    expect(statusOf(await post({ intent: "cancel", reason: "Relatore indisponibile", confirm: "yes" }))).toBe(302);
    expect((await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).status).toBe("annullata");
  });

  it("sends back the seat cap and the freed-seat rules as typed when they are refused", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 3 });
    const cookie = await cookieOf(organiser.id);
    const post = (form: Record<string, string>) =>
      call(editionPage.action, `/gestione/edizioni/${edition.id}`, { editionId: edition.id }, { cookie, form });
    const typedOf = (response: unknown) => bodyOf<{ typed?: unknown }>(response as Response).typed;
    expect(typedOf(await post({ intent: "seat-cap", seatCap: "abc" }))).toEqual({
      intent: "seat-cap",
      values: { seatCap: "abc" },
    });
    // A cut-off after the first session starts is refused by the model: the typed date comes back too.
    const refused = await post({
      intent: "promotion",
      promotionMode: "offerta",
      offerHours: "12",
      cancellationCutoffAt: "2099-01-01T09:00",
    });
    expect(statusOf(refused)).toBe(409);
    expect(typedOf(refused)).toEqual({
      intent: "promotion",
      values: { promotionMode: "offerta", offerHours: "12", cancellationCutoffAt: "2099-01-01T09:00" },
    });
    // Other buttons' answers carry nothing of the kind.
    expect(typedOf(await post({ intent: "explode" }))).toBeUndefined();
  });
});
