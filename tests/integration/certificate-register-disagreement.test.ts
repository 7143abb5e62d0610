// A register corrected after the certificates were issued (review 0018, trainer, finding 2): the register page said
// only "Registro salvato", and the certificates page, where Riemetti and Revoca are, listed every certificate alike;
// only the closing page, which a trainer no longer visits after closing, said which certificates no longer agreed.
// Now the register page of a closed edition says corrections do not change issued certificates (with how many no
// longer agree), and the certificates page marks each such row; both read closureSummary, as the closing page does.
import { afterAll, describe, expect, it } from "vitest";
import { closureSummary, issueCertificates } from "../../app/models/certificate.server.ts";
import { loadMyEnrolmentsPage } from "../../app/models/enrolment-views.server.ts";
import * as myEnrolmentsRoute from "../../app/routes/le-mie-iscrizioni.tsx";
import * as listRoute from "../../app/routes/formazione.edizioni.$editionId_.attestati.tsx";
import * as registerRoute from "../../app/routes/formazione.incontri.$sessionId.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createTeachers } from "../support/factories.ts";
import { registerEdition } from "../support/registers.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { trainerEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

const HOUR = 3600_000;

describe("a register corrected after the certificates were issued", () => {
  it("the register page says certificates do not follow, and both pages say which no longer agree", async () => {
    const teachers = await createTeachers(3);
    const { edition, trainer, session, enrolments } = await registerEdition({
      sessionStartsAt: new Date(Date.now() - 26 * HOUR),
      teachers,
    });
    await prisma.attendanceRecord.createMany({
      data: enrolments.map((e) => ({
        sessionId: session.id,
        enrolmentId: e.id,
        status: "presente",
        recordedById: trainer.id,
      })),
    });
    const cookie = await cookieOf(trainer.id);
    const registerPage = async () =>
      (
        await runRoute(registerRoute.loader as unknown as Handler, {
          cookie,
          url: `http://localhost/formazione/incontri/${session.id}`,
          params: { sessionId: session.id },
        })
      ).data as { issued: { disagreeing: number } | null };
    const certificatesPage = async () =>
      (
        await runRoute(listRoute.loader as unknown as Handler, {
          cookie,
          url: `http://localhost/formazione/edizioni/${edition.id}/attestati`,
          params: { editionId: edition.id },
        })
      ).data as {
        certificates: {
          enrolmentId: string;
          register: { minutes: number; completed: boolean; disagrees: boolean } | null;
        }[];
      };

    // Before closing: no certificates, no notice.
    expect((await registerPage()).issued).toBeNull();

    await issueCertificates(await trainerEdition(trainer.id, edition.id));
    expect((await registerPage()).issued).toMatchObject({ disagreeing: 0 });

    // Corrected: the first arrived late (100 of 120 minutes, still completes), the second was absent.
    const [late, absent, kept] = enrolments;
    const correct = (enrolmentId: string, data: { status: string; minutesAttended?: number }) =>
      prisma.attendanceRecord.update({
        where: { sessionId_enrolmentId: { sessionId: session.id, enrolmentId } },
        data,
      });
    await correct(late!.id, { status: "ritardo", minutesAttended: 100 });
    await correct(absent!.id, { status: "assente" });

    // The same count as the closing page's.
    expect((await closureSummary(edition.id))!.disagreeing).toBe(2);
    expect((await registerPage()).issued).toMatchObject({ disagreeing: 2 });
    const rows = new Map((await certificatesPage()).certificates.map((c) => [c.enrolmentId, c.register]));
    expect(rows.get(late!.id)).toMatchObject({ minutes: 100, completed: true, disagrees: true });
    expect(rows.get(absent!.id)).toMatchObject({ minutes: 0, completed: false, disagrees: true });
    expect(rows.get(kept!.id)).toMatchObject({ minutes: 120, completed: true, disagrees: false });

    // The teacher's own page states the certificate's hours as the certified ones, as the PDF and the training plan
    // do (review 0019, teacher, finding 1): it printed the corrected register, 1 h 40 min, as "Ore certificate"
    // beside the download of a certificate stating 2 hours, and dropped "Percorso completato" for the absent one.
    for (const [place, registerMinutes] of [
      [late!, 100],
      [absent!, 0],
    ] as const) {
      const mine = (await loadMyEnrolmentsPage(place.userId)).enrolments.find((e) => e.id === place.id)!;
      expect(mine.certificate).toMatchObject({ certifiedMinutes: 120 });
      // The live register is not shown beside a valid certificate (the trainer's pages say it disagrees).
      expect(mine.progress).toBeNull();
      expect(registerMinutes).not.toBe(120);
      const text = textOf(
        await renderRoutePage(myEnrolmentsRoute.default, {
          url: "http://localhost/le-mie-iscrizioni",
          loaderData: (
            await runRoute(myEnrolmentsRoute.loader as unknown as Handler, {
              cookie: await cookieOf(place.userId),
              url: "http://localhost/le-mie-iscrizioni",
            })
          ).data,
        }),
      );
      expect(text).toContain("Ore certificate: 2 ore, come indicato nell'attestato Percorso completato");
      expect(text).not.toContain("Ore registrate finora");
    }

    // The late one closes their account: no new certificate can be issued to them (reissueCertificate refuses it),
    // so their row says so instead of "da riemettere" beside no Riemetti button (certificate-closed-account.test.ts).
    await prisma.user.update({ where: { id: late!.userId }, data: { closedAt: new Date() } });
    const url = `http://localhost/formazione/edizioni/${edition.id}/attestati`;
    const html = textOf(
      await renderRoutePage(listRoute.default, {
        url,
        path: "/formazione/edizioni/:editionId/attestati",
        loaderData: await certificatesPage(),
      }),
    );
    expect(html).toContain("Il registro ora dà 1 ora e 40 minuti. ");
    expect(html).toContain("Account chiuso: l'attestato resta valido ma non si può riemettere.");
    expect(html).not.toContain("da riemettere");
  });
});
