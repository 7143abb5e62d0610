// No certificate is issued to a closed account (ADR 0013, addendum 07/12/2026), including when the closure commits
// while the issue or the reissue is under way: both read the participants (editionProgress) before their
// transaction, and a closure that committed in between got a certificate issued after it, in the name it had
// erased. The closure is run, for real, at the moment the issuer opens its transaction (the issuer's first
// `prisma.$transaction`, then the real one): the same interleaving on both engines, every time.
import { afterAll, describe, expect, it } from "vitest";
import { closeAccount, type ClosureOutcome } from "../../app/models/account-closure.server.ts";
import {
  CertificateError,
  issueCertificates,
  reissueCertificate,
  revokeCertificate,
} from "../../app/models/certificate.server.ts";
import * as listRoute from "../../app/routes/formazione.edizioni.$editionId_.attestati.tsx";
import * as closingRoute from "../../app/routes/formazione.edizioni.$editionId_.chiusura.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createTeachers } from "../support/factories.ts";
import { registerEdition } from "../support/registers.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { trainerEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

const HOUR = 3600_000;

/** An edition whose 2-hour webinar ended yesterday, `count` teachers enrolled and all present (all complete). */
async function completedEdition(count: number) {
  const teachers = await createTeachers(count);
  const ready = await registerEdition({ sessionStartsAt: new Date(Date.now() - 26 * HOUR), teachers });
  await prisma.attendanceRecord.createMany({
    data: ready.enrolments.map((e) => ({
      sessionId: ready.session.id,
      enrolmentId: e.id,
      status: "presente",
      recordedById: ready.trainer.id,
    })),
  });
  return ready;
}

/**
 * The account is closed (by its owner, closeAccount as the routes call it) when the code under test opens its first
 * transaction, after everything it read before; then that transaction runs as written, on the real database. The
 * client's own method is put back first (bound), so the closure's transactions and every later one are the real ones.
 * Not vi.spyOn: Prisma's client is a proxy, and the spy's restore left `$transaction` undefined for the next test.
 */
function closeAtFirstTransaction(userId: string) {
  const client = prisma as unknown as { $transaction: (...args: unknown[]) => Promise<unknown> };
  const realTransaction = client.$transaction.bind(prisma);
  const outcome: { closure?: ClosureOutcome } = {};
  client.$transaction = async (...args: unknown[]) => {
    client.$transaction = realTransaction;
    outcome.closure = await closeAccount(userId, userId);
    return realTransaction(...args);
  };
  return outcome;
}

describe("a closure committed while certificates are issued", () => {
  it("closing the edition issues none to the account closed meanwhile, nor tells it", async () => {
    const { edition, trainer, enrolments } = await completedEdition(2);
    const [open, closing] = enrolments;
    const scope = await trainerEdition(trainer.id, edition.id);
    const during = closeAtFirstTransaction(closing!.userId);

    const result = await issueCertificates(scope);

    expect(during.closure).toMatchObject({ ok: true });
    expect(result).toEqual({ issued: 1, alreadyValid: 0, notCompleted: 0 });
    expect(await prisma.certificate.count({ where: { enrolmentId: closing!.id } })).toBe(0);
    const issued = await prisma.certificate.findMany({
      where: { editionId: edition.id },
      select: { holderName: true },
    });
    expect(issued.map((c) => c.holderName)).toEqual([`${open!.user.firstName} ${open!.user.lastName}`]);
    // The erased name is written nowhere again, and the closed account is told of nothing.
    expect(await prisma.notification.count({ where: { userId: closing!.userId, kind: "attestato-disponibile" } })).toBe(
      0,
    );
    // Run again (the page's "Chiudi di nuovo"): still nothing for the closed account.
    expect(await issueCertificates(scope)).toEqual({ issued: 0, alreadyValid: 1, notCompleted: 0 });
    expect(await prisma.certificate.count({ where: { enrolmentId: closing!.id } })).toBe(0);
  });

  it("a reissue refuses the account closed meanwhile, and its certificate stays valid in the name it was issued with", async () => {
    const { edition, trainer, enrolments } = await completedEdition(1);
    const [closing] = enrolments;
    const scope = await trainerEdition(trainer.id, edition.id);
    expect(await issueCertificates(scope)).toMatchObject({ issued: 1 });
    const before = await prisma.certificate.findFirstOrThrow({ where: { enrolmentId: closing!.id } });
    const during = closeAtFirstTransaction(closing!.userId);

    await expect(reissueCertificate(scope, before.id)).rejects.toEqual(new CertificateError("account-closed"));

    expect(during.closure).toMatchObject({ ok: true });
    const after = await prisma.certificate.findMany({ where: { enrolmentId: closing!.id } });
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      id: before.id,
      code: before.code,
      holderName: before.holderName,
      revokedAt: null,
      activeKey: closing!.id,
    });
    expect(await prisma.notification.count({ where: { userId: closing!.userId, kind: "attestato-disponibile" } })).toBe(
      0,
    );
  });
});

describe("the closing page, for a completer whose account is closed", () => {
  it("says in the row that no certificate will be issued, in Italian and in English", async () => {
    const { edition, trainer, enrolments } = await completedEdition(2);
    const [, closing] = enrolments;
    expect(await closeAccount(closing!.userId, closing!.userId)).toMatchObject({ ok: true });
    const url = `http://localhost/formazione/edizioni/${edition.id}/chiusura`;
    const loaderData = (
      await runRoute(closingRoute.loader as unknown as Handler, {
        cookie: await cookieOf(trainer.id),
        url,
        params: { editionId: edition.id },
      })
    ).data;
    const page = async (locale: "it" | "en") =>
      textOf(
        await renderRoutePage(closingRoute.default, {
          url,
          path: "/formazione/edizioni/:editionId/chiusura",
          loaderData,
          locale,
        }),
      );
    const italian = await page("it");
    const english = await page("en");
    // One row says it: the closed account's (the open one gets its certificate).
    expect(italian.split("Account chiuso: nessun nuovo attestato")).toHaveLength(2);
    expect(english.split("Account closed: no new certificate")).toHaveLength(2);
    expect(italian).not.toContain("Account closed");
    expect(english).not.toContain("nessun nuovo attestato");
  });
});

describe("the certificates page, for a certificate whose account is closed", () => {
  it("says in the row, where Riemetti would be, that it cannot be reissued, in Italian and in English", async () => {
    const { edition, trainer, session, enrolments } = await completedEdition(4);
    const scope = await trainerEdition(trainer.id, edition.id);
    expect(await issueCertificates(scope)).toMatchObject({ issued: 4 });
    const [agreeing, late, revoked, open] = enrolments;
    const certificateOf = (enrolmentId: string) => prisma.certificate.findFirstOrThrow({ where: { enrolmentId } });
    // One certificate revoked (its register still completes: an open account's would be offered Riemetti), one whose
    // register was corrected since (100 of 120 minutes, still completes); then three of the four close their account.
    expect(await revokeCertificate(scope, (await certificateOf(revoked!.id)).id, "Dati da correggere")).toEqual({
      ok: true,
    });
    await prisma.attendanceRecord.update({
      where: { sessionId_enrolmentId: { sessionId: session.id, enrolmentId: late!.id } },
      data: { status: "ritardo", minutesAttended: 100 },
    });
    for (const place of [agreeing!, late!, revoked!]) {
      expect(await closeAccount(place.userId, place.userId)).toMatchObject({ ok: true });
    }

    const url = `http://localhost/formazione/edizioni/${edition.id}/attestati`;
    const loaderData = (
      await runRoute(listRoute.loader as unknown as Handler, {
        cookie: await cookieOf(trainer.id),
        url,
        params: { editionId: edition.id },
      })
    ).data as { certificates: { enrolmentId: string; reissuable: boolean; reissueRefused: string | null }[] };
    const rowData = new Map(loaderData.certificates.map((c) => [c.enrolmentId, c]));
    for (const closed of [agreeing!, late!, revoked!]) {
      expect(rowData.get(closed.id)).toMatchObject({ reissuable: false, reissueRefused: "account-closed" });
    }
    expect(rowData.get(open!.id)).toMatchObject({ reissuable: true, reissueRefused: null });

    // Each row's text, by its holder (the certificate keeps the name it was issued with).
    const rows = async (locale: "it" | "en") => {
      const html = await renderRoutePage(listRoute.default, {
        url,
        path: "/formazione/edizioni/:editionId/attestati",
        loaderData,
        locale,
      });
      const rowOf = async (enrolmentId: string) => {
        const { holderName } = await certificateOf(enrolmentId);
        const row = html.split("<tr").find((r) => r.includes(`>${holderName}</th>`));
        expect(row, holderName).toBeDefined();
        return textOf(row!);
      };
      return {
        agreeing: await rowOf(agreeing!.id),
        late: await rowOf(late!.id),
        revoked: await rowOf(revoked!.id),
        open: await rowOf(open!.id),
      };
    };

    const it_ = await rows("it");
    // Hours agreeing: the note was missing, the row offered no Riemetti and said nothing.
    expect(it_.agreeing).toContain("Account chiuso: l'attestato resta valido ma non si può riemettere.");
    // Hours differing: what the register gives, and the same note (not "da riemettere", which it cannot be).
    expect(it_.late).toContain("Il registro ora dà 1 ora e 40 minuti.");
    expect(it_.late).toContain("Account chiuso: l'attestato resta valido ma non si può riemettere.");
    expect(it_.late).not.toContain("da riemettere");
    // Revoked: not said to be valid.
    expect(it_.revoked).toContain("Account chiuso: l'attestato non si può riemettere.");
    expect(it_.revoked).not.toContain("resta valido");
    for (const row of [it_.agreeing, it_.late, it_.revoked]) expect(row).not.toContain("Riemetti");
    expect(it_.open).toContain("Riemetti");
    expect(it_.open).not.toContain("Account chiuso");

    const en = await rows("en");
    expect(en.agreeing).toContain("Account closed: the certificate stays valid but cannot be reissued.");
    expect(en.late).toContain("The register now gives 1 hour and 40 minutes.");
    expect(en.late).toContain("Account closed: the certificate stays valid but cannot be reissued.");
    expect(en.late).not.toContain("to be reissued");
    expect(en.revoked).toContain("Account closed: the certificate cannot be reissued.");
    expect(en.revoked).not.toContain("stays valid");
    for (const row of [en.agreeing, en.late, en.revoked]) {
      expect(row).not.toContain("Reissue");
      expect(row).not.toContain("riemettere");
    }
    expect(en.open).toContain("Reissue");
    expect(en.open).not.toContain("Account closed");
  });
});
