// Reissuing a certificate is a second step (review 0018, trainer, finding 3): "Riemetti" acted at one tap on every
// row, and what it does cannot be undone (the old code, perhaps already printed, then checks as revoked, a new code
// is issued and the person is emailed). The row's button opens ?riemetti=<certificateId>, which names the person and
// the hours; only its form reissues, with confirm=yes.
import { afterAll, describe, expect, it } from "vitest";
import { translator } from "../../app/i18n/i18n.tsx";
import { issueCertificates } from "../../app/models/certificate.server.ts";
import * as listRoute from "../../app/routes/formazione.edizioni.$editionId_.attestati.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createTeachers } from "../support/factories.ts";
import { registerEdition } from "../support/registers.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { trainerEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

const HOUR = 3600_000;

type Row = {
  id: string;
  enrolmentId: string;
  register: { minutes: number; completed: boolean; disagrees: boolean } | null;
  reissuable: boolean;
};
type PageData = { certificates: Row[]; reissuing: string | null };

/**
 * A 2-hour webinar that ended yesterday, three teachers present and certified (120 minutes each); then the register
 * is corrected: the first arrived late (100 minutes, still completes), the third was absent (no longer completes).
 */
async function correctedAfterIssue() {
  const teachers = await createTeachers(3);
  const fixture = await registerEdition({ sessionStartsAt: new Date(Date.now() - 26 * HOUR), teachers });
  const { edition, trainer, session, enrolments } = fixture;
  await prisma.attendanceRecord.createMany({
    data: enrolments.map((e) => ({
      sessionId: session.id,
      enrolmentId: e.id,
      status: "presente",
      recordedById: trainer.id,
    })),
  });
  await issueCertificates(await trainerEdition(trainer.id, edition.id));
  const [late, kept, absent] = enrolments;
  const correct = (enrolmentId: string, data: { status: string; minutesAttended?: number }) =>
    prisma.attendanceRecord.update({
      where: { sessionId_enrolmentId: { sessionId: session.id, enrolmentId } },
      data,
    });
  await correct(late!.id, { status: "ritardo", minutesAttended: 100 });
  await correct(absent!.id, { status: "assente" });
  const certificateOf = async (enrolmentId: string) =>
    prisma.certificate.findFirstOrThrow({ where: { enrolmentId, activeKey: { not: null } } });
  return {
    ...fixture,
    cookie: await cookieOf(trainer.id),
    late: await certificateOf(late!.id),
    kept: await certificateOf(kept!.id),
    absent: await certificateOf(absent!.id),
  };
}

describe("reissuing a certificate", () => {
  it("opens a step only for a certificate that can be reissued, and reissues only when confirmed", async () => {
    const { edition, cookie, late, kept, absent } = await correctedAfterIssue();
    const page = `http://localhost/formazione/edizioni/${edition.id}/attestati`;
    const params = { editionId: edition.id };
    const load = async (query: string) =>
      (await runRoute(listRoute.loader as unknown as Handler, { cookie, url: `${page}${query}`, params }))
        .data as PageData;

    // What the step states: the certificate's hours beside the register's now, from the closing page's reading.
    const asked = await load(`?riemetti=${late.id}`);
    expect(asked.reissuing).toBe(late.id);
    const rowOf = (id: string) => asked.certificates.find((c) => c.id === id);
    expect(rowOf(late.id)).toMatchObject({
      register: { minutes: 100, completed: true, disagrees: true },
      reissuable: true,
    });
    // Still offered where the register agrees, through the same step.
    expect(rowOf(kept.id)).toMatchObject({
      register: { minutes: 120, completed: true, disagrees: false },
      reissuable: true,
    });
    expect((await load(`?riemetti=${kept.id}`)).reissuing).toBe(kept.id);
    // Not where the register no longer counts the path completed (reissueCertificate would refuse it): no step.
    expect(rowOf(absent.id)).toMatchObject({ register: { completed: false, disagrees: true }, reissuable: false });
    expect((await load(`?riemetti=${absent.id}`)).reissuing).toBeNull();
    expect((await load(`?riemetti=${encodeURIComponent("x\u0000y")}`)).reissuing).toBeNull();
    expect((await load("")).reissuing).toBeNull();

    // Without the step's confirmation (a page of before it), or with another answer: 400, and nothing changes.
    const notifications = await prisma.notification.count({ where: { userId: late.userId } });
    for (const form of <Record<string, string>[]>[
      { intent: "reissue", certificateId: late.id },
      { intent: "reissue", certificateId: late.id, confirm: "no" },
    ]) {
      const refused = await runRoute(listRoute.action as unknown as Handler, { cookie, url: page, params, form });
      expect(refused.status).toBe(400);
      expect(refused.data).toMatchObject({
        error: translator("it")("certificates.reissue.confirmRequired"),
        certificateId: late.id,
      });
    }
    expect(await prisma.certificate.findUniqueOrThrow({ where: { id: late.id } })).toMatchObject({
      revokedAt: null,
      activeKey: late.enrolmentId,
      replacedById: null,
    });
    expect(await prisma.certificate.count({ where: { enrolmentId: late.enrolmentId } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: late.userId } })).toBe(notifications);

    // Confirmed from the step (its form posts to the step's own address).
    const done = await runRoute(listRoute.action as unknown as Handler, {
      cookie,
      url: `${page}?riemetti=${late.id}`,
      params,
      form: { intent: "reissue", certificateId: late.id, confirm: "yes" },
    });
    expect(done).toMatchObject({
      status: 302,
      location: `/formazione/edizioni/${edition.id}/attestati?fatto=riemesso`,
    });
    const old = await prisma.certificate.findUniqueOrThrow({ where: { id: late.id } });
    expect(old.activeKey).toBeNull();
    const fresh = await prisma.certificate.findUniqueOrThrow({ where: { id: old.replacedById! } });
    expect(fresh).toMatchObject({ activeKey: late.enrolmentId, certifiedMinutes: 100 });
    expect(await prisma.notification.count({ where: { dedupeKey: `attestato-disponibile:${fresh.id}` } })).toBe(1);
    // The replaced certificate has no step any more; its replacement agrees with the register.
    const after = await load(`?riemetti=${late.id}`);
    expect(after.reissuing).toBeNull();
    expect(after.certificates.find((c) => c.id === fresh.id)).toMatchObject({
      register: { minutes: 100, disagrees: false },
      reissuable: true,
    });
  });
});
