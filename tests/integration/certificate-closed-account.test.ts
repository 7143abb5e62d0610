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
  verifyCertificate,
} from "../../app/models/certificate.server.ts";
import * as listRoute from "../../app/routes/formazione.edizioni.$editionId_.attestati.tsx";
import * as closingRoute from "../../app/routes/formazione.edizioni.$editionId_.chiusura.tsx";
import * as registerRoute from "../../app/routes/formazione.incontri.$sessionId.tsx";
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
    const [open, closing] = enrolments;
    expect(await closeAccount(closing!.userId, closing!.userId)).toMatchObject({ ok: true });
    // Its pseudonym ends with the id's last six characters, digits most often: the ADR's example, so every run has
    // some (digits are no name characters). The open account's name is a printable one (the factory's "N0" is not).
    await prisma.user.update({ where: { id: closing!.userId }, data: { lastName: "3f9a2c" } });
    await prisma.user.update({ where: { id: open!.userId }, data: { lastName: "Neri" } });
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
    // Nor is the pseudonym's "3 9 2" flagged as characters the certificate cannot print, nor the person counted among
    // those to ask to correct their name in the profile: no certificate will carry it, and nobody can sign in to it.
    const { participants } = (
      loaderData as { summary: { participants: { enrolmentId: string; unprintableName: string[] }[] } }
    ).summary;
    expect(participants.find((p) => p.enrolmentId === closing!.id)).toMatchObject({ unprintableName: [] });
    expect(italian).not.toContain("caratteri che l'attestato non può stampare");
    expect(italian).not.toContain("Caratteri che l'attestato non può stampare");
    expect(english).not.toContain("characters in their name that the certificate cannot print");
    expect(english).not.toContain("Characters the certificate cannot print");
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

describe("the closing page's notice of certificates the register no longer agrees with", () => {
  it("counts a closed account's certificate among those that can only be revoked, in Italian and in English", async () => {
    const { edition, trainer, session, enrolments } = await completedEdition(5);
    const scope = await trainerEdition(trainer.id, edition.id);
    expect(await issueCertificates(scope)).toMatchObject({ issued: 5 });
    const [late, absent, closedA, closedB] = enrolments;
    const certificateOf = (enrolmentId: string) => prisma.certificate.findFirstOrThrow({ where: { enrolmentId } });
    // The register corrected since: three arrived late (100 of 120 minutes, still complete), one was absent (no
    // longer completes); two of the late ones then close their account. The fifth still agrees.
    const correct = (enrolmentId: string, data: { status: string; minutesAttended?: number }) =>
      prisma.attendanceRecord.update({
        where: { sessionId_enrolmentId: { sessionId: session.id, enrolmentId } },
        data,
      });
    for (const place of [late!, closedA!, closedB!])
      await correct(place.id, { status: "ritardo", minutesAttended: 100 });
    await correct(absent!.id, { status: "assente" });
    for (const place of [closedA!, closedB!]) {
      expect(await closeAccount(place.userId, place.userId)).toMatchObject({ ok: true });
    }

    const url = `http://localhost/formazione/edizioni/${edition.id}/chiusura`;
    type Summary = {
      disagreeing: number;
      disagreeingBy: { reissuable: number; notCompleted: number; accountClosed: number };
    };
    const loaderData = async () =>
      (
        await runRoute(closingRoute.loader as unknown as Handler, {
          cookie: await cookieOf(trainer.id),
          url,
          params: { editionId: edition.id },
        })
      ).data as { summary: Summary };
    const render = (data: unknown, locale: "it" | "en") =>
      renderRoutePage(closingRoute.default, {
        url,
        path: "/formazione/edizioni/:editionId/chiusura",
        loaderData: data,
        locale,
      });
    const noticeOf = (html: string) => {
      const notice = /<p[^>]*data-testid="certificates-disagree"[^>]*>([\s\S]*?)<\/p>/.exec(html);
      expect(notice).not.toBeNull();
      return textOf(notice![1]!).trim();
    };
    const notice = async (data: unknown, locale: "it" | "en") => noticeOf(await render(data, locale));

    // The loader's counts: of four disagreeing certificates, one can be reissued (the page offers Riemetti there),
    // the absent one's and the two closed accounts' only revoked. The old count put all four under "riemettili o
    // revocali".
    const mixed = await loaderData();
    expect(mixed.summary.disagreeing).toBe(4);
    expect(mixed.summary.disagreeingBy).toEqual({ reissuable: 1, notCompleted: 1, accountClosed: 2 });
    expect(await notice(mixed, "it")).toBe(
      "4 attestati validi non corrispondono più al registro, corretto dopo l'emissione: 1 da riemettere o revocare; " +
        "1 da revocare, perché con il registro di ora il percorso non è completato; 2 di account chiusi, che restano " +
        "validi e non si possono riemettere, solo revocare. Le correzioni al registro non cambiano gli attestati già " +
        "emessi. Vedi gli attestati emessi",
    );
    expect(await notice(mixed, "en")).toBe(
      "4 valid certificates no longer agree with the register, corrected after they were issued: 1 to be reissued or " +
        "revoked; 1 to be revoked, since by the register as it is now the path is not completed; 2 of closed accounts, " +
        "which stay valid and cannot be reissued, only revoked. Corrections to the register do not change " +
        "certificates already issued. See the certificates issued",
    );

    // Each row says the same as the notice: "da riemettere" for the open account only; the closed accounts' rows say
    // what the certificates page says (ADR 0013), not "da riemettere", which they cannot be.
    const rowText = async (locale: "it" | "en", enrolmentId: string) => {
      const { code } = await certificateOf(enrolmentId);
      const row = (await render(mixed, locale)).split("<tr").find((r) => r.includes(`<code>${code}</code>`));
      expect(row, code).toBeDefined();
      return textOf(row!);
    };
    expect(await rowText("it", late!.id)).toContain(
      "L'attestato certifica 2 ore, il registro ora 1 ora e 40 minuti: da riemettere.",
    );
    expect(await rowText("en", late!.id)).toContain(
      "The certificate states 2 hours, the register now 1 hour and 40 minutes: to be reissued.",
    );
    for (const closed of [closedA!, closedB!]) {
      const italian = await rowText("it", closed.id);
      expect(italian).toContain(
        "L'attestato certifica 2 ore, il registro ora 1 ora e 40 minuti. Account chiuso: l'attestato resta valido ma " +
          "non si può riemettere.",
      );
      expect(italian).not.toContain("da riemettere");
      const english = await rowText("en", closed.id);
      expect(english).toContain(
        "The certificate states 2 hours, the register now 1 hour and 40 minutes. Account closed: the certificate " +
          "stays valid but cannot be reissued.",
      );
      expect(english).not.toContain("to be reissued");
    }

    // Only closed accounts' certificates left disagreeing (the other two revoked): no "riemettili".
    for (const place of [late!, absent!]) {
      expect(await revokeCertificate(scope, (await certificateOf(place.id)).id, "Ore corrette")).toEqual({ ok: true });
    }
    const closedOnly = await loaderData();
    expect(closedOnly.summary.disagreeingBy).toEqual({ reissuable: 0, notCompleted: 0, accountClosed: 2 });
    expect(await notice(closedOnly, "it")).toBe(
      "2 attestati validi non corrispondono più al registro, corretto dopo l'emissione, ma gli account dei titolari " +
        "sono chiusi: gli attestati restano validi e non si possono riemettere, solo revocare dalla pagina degli " +
        "attestati. Le correzioni al registro non cambiano gli attestati già emessi. Vedi gli attestati emessi",
    );
    expect(await notice(closedOnly, "en")).toBe(
      "2 valid certificates no longer agree with the register, corrected after they were issued, but their holders' " +
        "accounts are closed: the certificates stay valid and cannot be reissued, only revoked from the certificates " +
        "page. Corrections to the register do not change certificates already issued. See the certificates issued",
    );
    expect(await revokeCertificate(scope, (await certificateOf(closedA!.id)).id, "Ore corrette")).toEqual({ ok: true });
    const oneClosed = await loaderData();
    expect(oneClosed.summary).toMatchObject({
      disagreeing: 1,
      disagreeingBy: { reissuable: 0, notCompleted: 0, accountClosed: 1 },
    });
    expect(await notice(oneClosed, "it")).toBe(
      "1 attestato valido non corrisponde più al registro, corretto dopo l'emissione, ma l'account del titolare è " +
        "chiuso: l'attestato resta valido e non si può riemettere, solo revocare dalla pagina degli attestati. Le " +
        "correzioni al registro non cambiano gli attestati già emessi. Vedi gli attestati emessi",
    );
    expect(await notice(oneClosed, "en")).toBe(
      "1 valid certificate no longer agrees with the register, corrected after it was issued, but its holder's " +
        "account is closed: the certificate stays valid and cannot be reissued, only revoked from the certificates " +
        "page. Corrections to the register do not change certificates already issued. See the certificates issued",
    );

    // The page's other sentences, by the counts alone (the loader's data with other counts): all reissuable keeps the
    // words it had; all no longer completed says to revoke, in the singular and the plural.
    const withCounts = (reissuable: number, notCompleted: number) => ({
      ...oneClosed,
      summary: {
        ...oneClosed.summary,
        disagreeing: reissuable + notCompleted,
        disagreeingBy: { reissuable, notCompleted, accountClosed: 0 },
      },
    });
    expect(await notice(withCounts(2, 0), "it")).toContain(
      "2 attestati validi non corrispondono più al registro, corretto dopo l'emissione: riemettili o revocali dalla " +
        "pagina degli attestati.",
    );
    expect(await notice(withCounts(1, 0), "en")).toContain(
      "1 valid certificate no longer agrees with the register, corrected after it was issued: reissue or revoke it " +
        "from the certificates page.",
    );
    expect(await notice(withCounts(0, 1), "it")).toContain(
      "1 attestato valido non corrisponde più al registro, corretto dopo l'emissione, e con il registro di ora il " +
        "percorso non è completato: revocalo dalla pagina degli attestati.",
    );
    expect(await notice(withCounts(0, 2), "en")).toContain(
      "2 valid certificates no longer agree with the register, corrected after they were issued, and by the register " +
        "as it is now the paths are not completed: revoke them from the certificates page.",
    );
    expect(await notice(withCounts(2, 1), "it")).toContain(
      ": 2 da riemettere o revocare; 1 da revocare, perché con il registro di ora il percorso non è completato. Le",
    );
  });
});

/** The certificates page of an edition as its trainer gets it: the loader's data, and the page drawn from it. */
function certificatesPage(trainerId: string, editionId: string) {
  const url = `http://localhost/formazione/edizioni/${editionId}/attestati`;
  const load = async () =>
    (
      await runRoute(listRoute.loader as unknown as Handler, {
        cookie: await cookieOf(trainerId),
        url,
        params: { editionId },
      })
    ).data as {
      help: {
        revoke: { kind: string; closed: number } | null;
        reissue?: boolean;
      };
      certificates: { id: string; enrolmentId: string; holderName: string; holderAccountClosed: boolean }[];
    };
  const render = (data: unknown, locale: "it" | "en") =>
    renderRoutePage(listRoute.default, {
      url,
      path: "/formazione/edizioni/:editionId/attestati",
      loaderData: data,
      locale,
    });
  /** The help of the buttons, one string per item ([] without the list). */
  const helpOf = async (data: unknown, locale: "it" | "en") => {
    const list = /<ul id="certificate-actions-help"[^>]*>([\s\S]*?)<\/ul>/.exec(await render(data, locale));
    return list ? [...list[1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!).trim()) : [];
  };
  /** The text of the row of this holder's certificate. */
  const rowOf = async (data: unknown, locale: "it" | "en", holderName: string) => {
    const row = (await render(data, locale)).split("<tr").find((r) => r.includes(`>${holderName}</th>`));
    expect(row, holderName).toBeDefined();
    return textOf(row!);
  };
  return { load, helpOf, rowOf };
}

const REVOKE_HELP_IT =
  "Revoca: l'attestato non è più valido. La pagina di verifica pubblica lo mostra come revocato, con la data ma " +
  "senza il motivo: il motivo che scrivi lo legge chi ha l'attestato, in Le mie iscrizioni e nell'email che riceve, " +
  "e l'organizzazione.";
const REVOKE_HELP_EN =
  "Revoke: the certificate is no longer valid. The public verification page shows it as revoked, with the date but " +
  "not the reason: the reason you write is read by the participant, in My enrolments and in the email they get, and " +
  "by the organisers.";

describe("the certificates page's help of Revoca, for closed accounts' certificates", () => {
  it("says where the reason goes: to the holder of an open account, else only to the organisers, in Italian and in English", async () => {
    const { edition, trainer, enrolments } = await completedEdition(3);
    const scope = await trainerEdition(trainer.id, edition.id);
    expect(await issueCertificates(scope)).toMatchObject({ issued: 3 });
    const [open, closedA, closedB] = enrolments;
    const certificateOf = (enrolmentId: string) => prisma.certificate.findFirstOrThrow({ where: { enrolmentId } });
    const page = certificatesPage(trainer.id, edition.id);

    // Every holder's account open: reissue or revoke after a change of hours, revoke only after a change of outcome.
    const allOpen = await page.load();
    expect(allOpen.help.revoke).toEqual({ kind: "open", closed: 0 });
    expect((await page.helpOf(allOpen, "it"))[0]).toBe(REVOKE_HELP_IT);
    expect((await page.helpOf(allOpen, "en"))[0]).toBe(REVOKE_HELP_EN);

    // One closed: the help said of it too that its holder reads the reason in Le mie iscrizioni and in an email; a
    // closed account cannot sign in and the outbox sends it nothing (ADR 0013).
    expect(await closeAccount(closedA!.userId, closedA!.userId)).toMatchObject({ ok: true });
    const oneClosed = await page.load();
    expect(oneClosed.help.revoke).toEqual({ kind: "mixed", closed: 1 });
    expect((await page.helpOf(oneClosed, "it"))[0]).toBe(
      `${REVOKE_HELP_IT} Per l'attestato di un account chiuso, però, nessuno può più accedere all'account e non parte ` +
        "alcuna email: il motivo resta con l'attestato revocato, in questa pagina, e lo legge solo l'organizzazione.",
    );
    expect((await page.helpOf(oneClosed, "en"))[0]).toBe(
      `${REVOKE_HELP_EN} For the certificate of a closed account, though, nobody can sign in to that account any ` +
        "more and no email is sent: the reason stays with the revoked certificate, on this page, and only the " +
        "organisers read it.",
    );
    // Its row's field says so too; the open account's says the reason is sent.
    const holderA = (await certificateOf(closedA!.id)).holderName;
    const holderOpen = (await certificateOf(open!.id)).holderName;
    expect(await page.rowOf(oneClosed, "it", holderA)).toContain(
      "Motivo della revoca (non comunicato: account chiuso)",
    );
    expect(await page.rowOf(oneClosed, "en", holderA)).toContain("Reason for revoking (not sent: account closed)");
    expect(await page.rowOf(oneClosed, "it", holderOpen)).toContain("Motivo della revoca (comunicato alla persona)");
    expect(await page.rowOf(oneClosed, "en", holderOpen)).toContain("Reason for revoking (sent to the person)");

    // Two closed: the plural.
    expect(await closeAccount(closedB!.userId, closedB!.userId)).toMatchObject({ ok: true });
    const twoClosed = await page.load();
    expect(twoClosed.help.revoke).toEqual({ kind: "mixed", closed: 2 });
    expect((await page.helpOf(twoClosed, "it"))[0]).toBe(
      `${REVOKE_HELP_IT} Per i 2 attestati di account chiusi, però, nessuno può più accedere a quegli account e non ` +
        "parte alcuna email: il motivo resta con l'attestato revocato, in questa pagina, e lo legge solo " +
        "l'organizzazione.",
    );
    expect((await page.helpOf(twoClosed, "en"))[0]).toBe(
      `${REVOKE_HELP_EN} For the 2 certificates of closed accounts, though, nobody can sign in to those accounts any ` +
        "more and no email is sent: the reason stays with the revoked certificate, on this page, and only the " +
        "organisers read it.",
    );

    // The open account's certificate revoked: every certificate left to revoke is a closed account's.
    expect(await revokeCertificate(scope, (await certificateOf(open!.id)).id, "Dati da correggere")).toEqual({
      ok: true,
    });
    const allClosed = await page.load();
    expect(allClosed.help.revoke).toEqual({ kind: "closed", closed: 2 });
    const [italian] = await page.helpOf(allClosed, "it");
    expect(italian).toBe(
      "Revoca: l'attestato non è più valido. La pagina di verifica pubblica lo mostra come revocato, con la data ma " +
        "senza il motivo. Gli account di chi ha gli attestati sono chiusi: nessuno può più accedervi e non parte " +
        "alcuna email, quindi il motivo che scrivi resta con l'attestato revocato, in questa pagina, e lo legge solo " +
        "l'organizzazione.",
    );
    expect(italian).not.toContain("Le mie iscrizioni");
    const [english] = await page.helpOf(allClosed, "en");
    expect(english).toBe(
      "Revoke: the certificate is no longer valid. The public verification page shows it as revoked, with the date " +
        "but not the reason. The holders' accounts are closed: nobody can sign in to them any more and no email is " +
        "sent, so the reason you write stays with the revoked certificate, on this page, and only the organisers " +
        "read it.",
    );
    expect(english).not.toContain("My enrolments");

    // What it says is what a revocation does: the reason is on this page, in the revoked certificate's row, and not on
    // the public verification page.
    const revokedA = await certificateOf(closedA!.id);
    expect(await revokeCertificate(scope, revokedA.id, "Ore sbagliate")).toEqual({ ok: true });
    const oneLeft = await page.load();
    expect(await page.rowOf(oneLeft, "it", holderA)).toContain(": Ore sbagliate");
    expect(JSON.stringify(await verifyCertificate(revokedA.code))).not.toContain("Ore sbagliate");
    // One closed account's certificate left to revoke: the singular.
    expect(oneLeft.help.revoke).toEqual({ kind: "closed", closed: 1 });
    expect((await page.helpOf(oneLeft, "it"))[0]).toContain(
      "senza il motivo. L'account di chi ha l'attestato è chiuso: nessuno può più accedervi e non parte alcuna email, " +
        "quindi il motivo che scrivi resta con l'attestato revocato, in questa pagina, e lo legge solo l'organizzazione.",
    );
    expect((await page.helpOf(oneLeft, "en"))[0]).toContain(
      "but not the reason. The holder's account is closed: nobody can sign in to it any more and no email is sent, so " +
        "the reason you write stays with the revoked certificate, on this page, and only the organisers read it.",
    );

    // None left to revoke: no help of Revoca, which no row offers.
    expect(await revokeCertificate(scope, (await certificateOf(closedB!.id)).id, "Ore sbagliate")).toEqual({
      ok: true,
    });
    const noneValid = await page.load();
    expect(noneValid.help.revoke).toBeNull();
    for (const locale of ["it", "en"] as const) {
      for (const item of await page.helpOf(noneValid, locale)) expect(item).not.toMatch(/^Revoca|^Revoke/);
    }
  });
});

describe("the certificates page's help of Riemetti", () => {
  it("is there only while some row offers Riemetti, in Italian and in English", async () => {
    const { edition, trainer, session, enrolments } = await completedEdition(2);
    const scope = await trainerEdition(trainer.id, edition.id);
    expect(await issueCertificates(scope)).toMatchObject({ issued: 2 });
    const [closing, absent] = enrolments;
    const page = certificatesPage(trainer.id, edition.id);
    const reissueHelp = {
      it: "Riemetti: revoca l'attestato e ne emette uno nuovo, con un nuovo codice e le ore attuali dei registri (ad esempio dopo una correzione); la verifica del vecchio codice rimanda al nuovo. La persona interessata riceve un'email.",
      en: "Reissue: revokes the certificate and issues a new one, with a new code and the registers' current hours (for example after a correction); checking the old code points to the new one. The participant gets an email.",
    };
    const markAbsent = (status: "assente" | "presente") =>
      prisma.attendanceRecord.update({
        where: { sessionId_enrolmentId: { sessionId: session.id, enrolmentId: absent!.id } },
        data: { status },
      });

    // One holder's account closed, the other's path no longer completed by the register (absent): reissueRefusal
    // refuses both, no row offers Riemetti, and the help of Riemetti was still listed.
    expect(await closeAccount(closing!.userId, closing!.userId)).toMatchObject({ ok: true });
    await markAbsent("assente");
    const none = await page.load();
    expect(none.help.reissue).toBe(false);
    for (const locale of ["it", "en"] as const) {
      const help = await page.helpOf(none, locale);
      expect(help).toHaveLength(1);
      expect(help[0]).toMatch(locale === "it" ? /^Revoca: / : /^Revoke: /);
      expect(help).not.toContain(reissueHelp[locale]);
    }
    expect(
      await page.rowOf(
        none,
        "it",
        (await prisma.certificate.findFirstOrThrow({ where: { enrolmentId: absent!.id } })).holderName,
      ),
    ).not.toContain("Riemetti");

    // The register completes the path again: that row offers Riemetti, and the help says what it does.
    await markAbsent("presente");
    const one = await page.load();
    expect(one.help.reissue).toBe(true);
    expect(await page.helpOf(one, "it")).toContain(reissueHelp.it);
    expect(await page.helpOf(one, "en")).toContain(reissueHelp.en);

    // Every holder's account closed: no Riemetti anywhere, nor its help.
    expect(await closeAccount(absent!.userId, absent!.userId)).toMatchObject({ ok: true });
    const allClosed = await page.load();
    expect(allClosed.help.reissue).toBe(false);
    expect(await page.helpOf(allClosed, "it")).not.toContain(reissueHelp.it);
    expect(await page.helpOf(allClosed, "en")).not.toContain(reissueHelp.en);
  });
});

describe("the register page of an edition whose certificates were issued", () => {
  it("an open account's certificate whose corrected path no longer completes can only be revoked, as the notice says", async () => {
    const { edition, trainer, session, enrolments } = await completedEdition(1);
    const scope = await trainerEdition(trainer.id, edition.id);
    expect(await issueCertificates(scope)).toMatchObject({ issued: 1 });
    const [open] = enrolments;
    // The register corrected: absent from the only session, so the path is no longer completed.
    await prisma.attendanceRecord.update({
      where: { sessionId_enrolmentId: { sessionId: session.id, enrolmentId: open!.id } },
      data: { status: "assente" },
    });
    const certificate = await prisma.certificate.findFirstOrThrow({ where: { enrolmentId: open!.id } });
    await expect(reissueCertificate(scope, certificate.id)).rejects.toEqual(new CertificateError("not-completed"));
    const data = (
      await runRoute(registerRoute.loader as unknown as Handler, {
        cookie: await cookieOf(trainer.id),
        url: `http://localhost/formazione/incontri/${session.id}`,
        params: { sessionId: session.id },
      })
    ).data;
    expect(data).toMatchObject({ issued: { disagreeing: 1, correction: { kind: "reissue-or-revoke" } } });
    for (const [locale, words] of [
      ["it", "se il percorso non risulta più completato, l'attestato si può solo revocare."],
      ["en", "if their path no longer counts as completed, the certificate can only be revoked."],
    ] as const) {
      const html = await renderRoutePage(registerRoute.default, {
        url: `http://localhost/formazione/incontri/${session.id}`,
        path: "/formazione/incontri/:sessionId",
        loaderData: data,
        locale,
      });
      expect(textOf(/<div[^>]*data-testid="certificates-issued"[^>]*>([\s\S]*?)<\/div>/.exec(html)![1]!)).toContain(
        words,
      );
    }
  });

  it("tells to revoke, not to reissue, a closed account's certificate, in Italian and in English", async () => {
    const { edition, trainer, session, enrolments } = await completedEdition(3);
    const scope = await trainerEdition(trainer.id, edition.id);
    expect(await issueCertificates(scope)).toMatchObject({ issued: 3 });
    const [open, closedA, closedB] = enrolments;
    const url = `http://localhost/formazione/incontri/${session.id}`;
    const load = async () =>
      (
        await runRoute(registerRoute.loader as unknown as Handler, {
          cookie: await cookieOf(trainer.id),
          url,
          params: { sessionId: session.id },
        })
      ).data as { issued: { disagreeing: number; correction: { kind: string; accountClosed: number } } };
    const notice = async (data: unknown, locale: "it" | "en") => {
      const html = await renderRoutePage(registerRoute.default, {
        url,
        path: "/formazione/incontri/:sessionId",
        loaderData: data,
        locale,
      });
      const found = /<div[^>]*data-testid="certificates-issued"[^>]*>([\s\S]*?)<\/div>/.exec(html);
      expect(found).not.toBeNull();
      return textOf(found![1]!).trim();
    };
    const issuedIt = "Gli attestati di questa edizione sono stati emessi il ";
    const issuedEn = "This edition's certificates were issued on ";
    // A changed outcome (the path no longer completed) leaves only Revoca, an open account's certificate too
    // (reissueRefusal): the notice said "riemettilo o revocalo" of "le ore o l'esito".
    const openIt =
      ": una correzione del registro non li cambia. Se cambia le ore di chi ha già l'attestato, riemettilo o " +
      "revocalo dalla pagina degli attestati; se il percorso non risulta più completato, l'attestato si può solo " +
      "revocare";
    const openEn =
      ": a correction to the register does not change them. If it changes the hours of someone who already holds a " +
      "certificate, reissue or revoke it from the certificates page; if their path no longer counts as completed, " +
      "the certificate can only be revoked";

    // Every holder's account open: reissue or revoke after a change of hours, revoke only after a change of outcome.
    const allOpen = await load();
    expect(allOpen.issued).toEqual({ disagreeing: 0, correction: { kind: "reissue-or-revoke", accountClosed: 0 } });
    expect(await notice(allOpen, "it")).toContain(`${openIt}. Vedi gli attestati emessi`);
    expect(await notice(allOpen, "en")).toContain(`${openEn}. See the certificates issued`);

    // One closed: that certificate cannot be reissued (reissueRefusal), only revoked; the notice said "riemettilo o
    // revocalo" of every certificate.
    expect(await closeAccount(closedA!.userId, closedA!.userId)).toMatchObject({ ok: true });
    const oneClosed = await load();
    expect(oneClosed.issued.correction).toEqual({ kind: "mixed", accountClosed: 1 });
    expect(await notice(oneClosed, "it")).toContain(
      `${openIt}, come quello di un account chiuso. Vedi gli attestati emessi`,
    );
    expect(await notice(oneClosed, "en")).toContain(
      `${openEn}, as can that of a closed account. See the certificates issued`,
    );

    // Two closed, one of them with a register corrected since: the plural, and the disagreement as before.
    expect(await closeAccount(closedB!.userId, closedB!.userId)).toMatchObject({ ok: true });
    await prisma.attendanceRecord.update({
      where: { sessionId_enrolmentId: { sessionId: session.id, enrolmentId: closedB!.id } },
      data: { status: "ritardo", minutesAttended: 100 },
    });
    const twoClosed = await load();
    expect(twoClosed.issued).toEqual({ disagreeing: 1, correction: { kind: "mixed", accountClosed: 2 } });
    expect(await notice(twoClosed, "it")).toContain(
      `${openIt}, come i 2 attestati di account chiusi. Ora 1 attestato valido non corrisponde ` + "più al registro.",
    );
    expect(await notice(twoClosed, "en")).toContain(
      `${openEn}, as can the 2 certificates of closed accounts. 1 valid certificate now no longer ` +
        "agrees with the register.",
    );

    // The open account's certificate revoked: every certificate held is a closed account's, to revoke only.
    const openCertificate = await prisma.certificate.findFirstOrThrow({ where: { enrolmentId: open!.id } });
    expect(await revokeCertificate(scope, openCertificate.id, "Dati da correggere")).toEqual({ ok: true });
    const allClosed = await load();
    expect(allClosed.issued.correction).toEqual({ kind: "revoke-only", accountClosed: 2 });
    const italian = await notice(allClosed, "it");
    expect(italian).toContain(
      ": una correzione del registro non li cambia. Se cambia le ore o l'esito di chi ha già l'attestato, revocalo " +
        "dalla pagina degli attestati: gli account di chi ha gli attestati sono chiusi, e gli attestati non si " +
        "possono riemettere. Ora 1 attestato valido",
    );
    expect(italian).not.toContain("riemettilo");
    const english = await notice(allClosed, "en");
    expect(english).toContain(
      ": a correction to the register does not change them. If it changes the hours or the outcome of someone who " +
        "already holds a certificate, revoke it from the certificates page: the holders' accounts are closed, and " +
        "the certificates cannot be reissued. 1 valid certificate",
    );
    expect(english).not.toContain("reissue or revoke");
    expect(italian.startsWith(issuedIt)).toBe(true);
    expect(english.startsWith(issuedEn)).toBe(true);

    // One left: the singular.
    const certificateA = await prisma.certificate.findFirstOrThrow({ where: { enrolmentId: closedA!.id } });
    expect(await revokeCertificate(scope, certificateA.id, "Dati da correggere")).toEqual({ ok: true });
    const oneLeft = await load();
    expect(oneLeft.issued.correction).toEqual({ kind: "revoke-only", accountClosed: 1 });
    expect(await notice(oneLeft, "it")).toContain(
      "revocalo dalla pagina degli attestati: l'account di chi ha l'attestato è chiuso, e l'attestato non si può " +
        "riemettere.",
    );
    expect(await notice(oneLeft, "en")).toContain(
      "revoke it from the certificates page: the holder's account is closed, and the certificate cannot be reissued.",
    );
  });
});
