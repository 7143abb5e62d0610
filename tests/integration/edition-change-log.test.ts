// The edition's change log, page after page (/gestione/edizioni/:id/modifiche): the edition page shows
// the latest hundred rows and links to the older ones, a bulk move of N people writes 2N + 1 rows
// (ADR 0085), so nothing may fall off. Keyset paging: every row once, newest first, rows written
// meanwhile never shift a page; a cursor of another edition gives nothing; other regions are refused.
import { afterAll, describe, expect, it } from "vitest";
import { listEditionAudit } from "../../app/models/audit.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import * as editionRoute from "../../app/routes/gestione.edizioni.$editionId.tsx";
import * as logRoute from "../../app/routes/gestione.edizioni.$editionId_.modifiche.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

/** `count` audit rows on the edition, one a second from `from`, the i-th saying seats i → i + 1. */
async function writeRows(editionId: string, actorId: string, count: number, from: Date) {
  await prisma.auditLog.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      actorId,
      entityType: "edition",
      entityId: editionId,
      action: "posti-modificati",
      details: JSON.stringify({ from: i, to: i + 1 }),
      at: new Date(from.getTime() + i * 1000),
    })),
  });
}

type LogPage = { rows: { id: string; details: { from: number } }[]; olderFrom: string | null; paged: boolean };

describe("an edition's change log", () => {
  it("shows every row once, a hundred a page, newest first; the edition page links to the older ones", async () => {
    const { organiser, edition } = await createOpenEdition({ level: "regionale", regionCode: "toscana" });
    const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const from = new Date(Date.now() - 3 * 3600_000);
    await writeRows(edition.id, organiser.id, 230, from);
    // Two rows at the same instant, the 100th and 101st newest: the first page ends between them, and
    // paging (the id decides) neither skips nor repeats either.
    await prisma.auditLog.createMany({
      data: [0, 1].map(() => ({
        actorId: organiser.id,
        entityType: "edition",
        entityId: edition.id,
        action: "posti-modificati",
        details: JSON.stringify({ from: 1000, to: 1001 }),
        at: new Date(from.getTime() + 130 * 1000 + 500),
      })),
    });
    const all = await prisma.auditLog.count({ where: { entityType: "edition", entityId: edition.id } });
    const cookie = await cookieOf(referent.id);
    const params = { editionId: edition.id };
    const url = `http://localhost/gestione/edizioni/${edition.id}/modifiche`;
    const loader = logRoute.loader as unknown as Handler;

    const editionPage = await runRoute(editionRoute.loader as unknown as Handler, {
      cookie,
      url: `http://localhost/gestione/edizioni/${edition.id}`,
      params,
    });
    const audit = (editionPage.data as { audit: { rows: unknown[]; olderFrom: string | null } }).audit;
    expect(audit.rows).toHaveLength(100);
    expect(audit.olderFrom).not.toBeNull();

    const seen: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const page = await runRoute(loader, { cookie, url: next ? `${url}?prima=${next}` : url, params });
      expect(page.status).toBe(200);
      const data = page.data as LogPage;
      expect(data.rows.length).toBeLessThanOrEqual(100);
      seen.push(...data.rows.map((r) => r.id));
      if (pages === 0) {
        // A change written while the organiser reads does not shift the next page.
        await writeRows(edition.id, organiser.id, 1, new Date());
      }
      next = data.olderFrom;
      pages += 1;
    } while (next && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(all);
    expect(new Set(seen).size).toBe(all);
    const order = await prisma.auditLog.findMany({
      where: { id: { in: seen } },
      select: { id: true, at: true },
    });
    const at = new Map(order.map((r) => [r.id, r.at.getTime()]));
    for (let i = 1; i < seen.length; i++) expect(at.get(seen[i - 1]!)!).toBeGreaterThanOrEqual(at.get(seen[i]!)!);
    // The first page's first row is the newest of those there were.
    expect(at.get(seen[0]!)).toBe(from.getTime() + 229 * 1000);
    expect(at.get(seen[99]!)).toBe(at.get(seen[100]!));
  });

  it("logs a participant's removal: who removed whom, when, from which status and why", async () => {
    const { edition } = await createOpenEdition({ seatCap: 1, level: "regionale", regionCode: "toscana" });
    const referent = await createUser({
      firstName: "Rita",
      lastName: "Referente",
      roles: [{ role: "referente-usr", regionCode: "toscana" }],
    });
    const [seated, waiting] = [
      await createUser({ firstName: "Maria", lastName: "Iscritta" }),
      await createUser({ firstName: "Luca", lastName: "Attesa" }),
    ];
    const places = [await enrol(seated.id, edition.id), await enrol(waiting.id, edition.id)];
    expect(places).toMatchObject([{ status: "iscritto" }, { status: "in-attesa" }]);
    const cookie = await cookieOf(referent.id);
    const params = { editionId: edition.id };
    const before = new Date();
    for (const [place, reason] of [
      [places[1]!, "Non più interessato"],
      [places[0]!, "Doppia iscrizione"],
    ] as const) {
      if (!place.ok) throw new Error("fixture");
      const removed = await runRoute(editionRoute.action as unknown as Handler, {
        cookie,
        url: `http://localhost/gestione/edizioni/${edition.id}`,
        params,
        form: { intent: "remove", enrolmentId: place.enrolmentId, reason },
      });
      expect(removed.status).toBe(302);
    }

    const { rows } = await listEditionAudit(edition.id);
    const removals = rows.filter((r) => r.action === "partecipante-rimosso");
    const of = (userId: string) => removals.filter((r) => r.details.userId === userId);
    expect(removals).toHaveLength(2);
    expect(of(seated.id)).toMatchObject([
      {
        actorName: "Rita Referente",
        details: { personName: "Maria Iscritta", fromStatus: "iscritto", reason: "Doppia iscrizione" },
      },
    ]);
    expect(of(waiting.id)).toMatchObject([
      {
        actorName: "Rita Referente",
        details: { personName: "Luca Attesa", fromStatus: "in-attesa", reason: "Non più interessato" },
      },
    ]);
    for (const r of removals) expect(r.at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    // The change-log page lists them.
    const page = await runRoute(logRoute.loader as unknown as Handler, {
      cookie,
      url: `http://localhost/gestione/edizioni/${edition.id}/modifiche`,
      params,
    });
    expect((page.data as LogPage).rows.map((r) => r.id)).toEqual(expect.arrayContaining(removals.map((r) => r.id)));
  });

  it("a cursor that is not one of the edition's rows gives an empty page; a bad one is refused; another region too", async () => {
    const a = await createOpenEdition({ level: "regionale", regionCode: "toscana" });
    const b = await createOpenEdition({ level: "regionale", regionCode: "toscana" });
    await writeRows(a.edition.id, a.organiser.id, 3, new Date(Date.now() - 3600_000));
    await writeRows(b.edition.id, b.organiser.id, 3, new Date(Date.now() - 3600_000));
    const foreign = (await listEditionAudit(b.edition.id)).rows[0]!.id;
    expect(await listEditionAudit(a.edition.id, { before: foreign })).toEqual({ rows: [], olderFrom: null });

    const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const stranger = await createUser({ roles: [{ role: "referente-usr", regionCode: "lazio" }] });
    const params = { editionId: a.edition.id };
    const url = `http://localhost/gestione/edizioni/${a.edition.id}/modifiche`;
    const loader = logRoute.loader as unknown as Handler;
    const cookie = await cookieOf(referent.id);
    expect((await runRoute(loader, { cookie, url: `${url}?prima=${foreign}`, params })).data).toMatchObject({
      rows: [],
      olderFrom: null,
      paged: true,
    });
    expect((await runRoute(loader, { cookie, url: `${url}?prima=%27%20OR%201=1`, params })).status).toBe(400);
    expect((await runRoute(loader, { cookie: await cookieOf(stranger.id), url, params })).status).toBe(403);
    const own = (await runRoute(loader, { cookie, url, params })).data as LogPage;
    expect(own.rows.map((r) => r.details.from)).toEqual([2, 1, 0]);
    expect(own.olderFrom).toBeNull();
  });
});
