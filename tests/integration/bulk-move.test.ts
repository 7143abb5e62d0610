// Moving many confirmed participants of an edition to another edition of the event at once (ADR 0085),
// against a real database (SQLite, or PostgreSQL when DATABASE_URL says so): the preview says who fits
// in enrolment order and writes nothing; the confirmation moves each person through the single move's
// transaction (seat in their pool, never the waitlist, quotas, closed accounts and certified places
// stay, one email and one audit line per edition each) and records a summary; teachers enrolling in the
// target meanwhile never make it overbooked; through the page's action, a referent of another region
// is refused and nothing changes without the confirmation; the confirmation does what its preview said, to the
// people it said and with the reason it showed, whatever seats were freed since (review organiser, finding 2).
import { afterAll, describe, expect, it } from "vitest";
import { ACTIVE_STATUSES } from "../../app/domain/enrolment.ts";
import { loadBulkMoveOutcome, moveManyToEdition, previewBulkMove } from "../../app/models/bulk-move.server.ts";
import { cancelByTeacher, enrol } from "../../app/models/enrolment.server.ts";
import { addQuota } from "../../app/models/seat-ledger.server.ts";
import * as bulkRoute from "../../app/routes/gestione.edizioni.$editionId_.sposta.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { addEdition, createCertificate, createOpenEdition, createTeachers, createUser } from "../support/factories.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { managedEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

const HOUR = 3600_000;

/** Edition 1 (cap `cap`) with `count` teachers enrolled one after the other, and edition 2 (cap `targetCap`). */
async function scenario(count: number, targetCap: number | null, cap = 50, regionCode = "toscana") {
  const { organiser, event, edition } = await createOpenEdition({ seatCap: cap });
  const other = await addEdition(event.id, { seatCap: targetCap });
  const teachers = await createTeachers(count, regionCode);
  const places: string[] = [];
  for (const t of teachers) {
    const r = await enrol(t.id, edition.id);
    if (!r.ok || r.status !== "iscritto") throw new Error(`enrol: ${JSON.stringify(r)}`);
    places.push(r.enrolmentId);
    // Distinct enrolment instants: the order the bulk move follows.
    await prisma.enrolment.update({
      where: { id: r.enrolmentId },
      data: { createdAt: new Date(Date.now() - (count - places.length + 1) * HOUR) },
    });
  }
  return { organiser, event, edition, other, teachers, places, scope: await managedEdition(organiser.id, edition.id) };
}

async function counts(editionId: string) {
  const edition = await prisma.edition.findUniqueOrThrow({
    where: { id: editionId },
    select: { seatCap: true, seatsTaken: true },
  });
  const rows = await prisma.enrolment.groupBy({ by: ["status"], where: { editionId }, _count: { _all: true } });
  return { ...edition, byStatus: Object.fromEntries(rows.map((r) => [r.status, r._count._all])) };
}

const statusOf = async (id: string) => (await prisma.enrolment.findUniqueOrThrow({ where: { id } })).status;

describe("moving many participants to another edition", () => {
  it("previews who fits in enrolment order without writing, then moves only them: emails, audit, summary", async () => {
    const s = await scenario(4, 2);
    // Taken in reverse order of enrolment (as ticked on the page): the order is the enrolment's.
    const ids = [...s.places].reverse();
    const before = await counts(s.edition.id);

    const preview = await previewBulkMove(s.edition.id, s.other.id, ids);
    expect(preview).not.toBeNull();
    expect(preview!.fits).toBe(2);
    expect(preview!.rows.map((r) => [r.enrolmentId, r.outcome])).toEqual([
      [s.places[0], "fits"],
      [s.places[1], "fits"],
      [s.places[2], "target-full"],
      [s.places[3], "target-full"],
    ]);
    expect(await counts(s.edition.id)).toEqual(before);
    expect(await counts(s.other.id)).toMatchObject({ seatsTaken: 0, byStatus: {} });

    const { auditId, rows } = (await moveManyToEdition(s.scope, {
      targetEditionId: s.other.id,
      enrolmentIds: ids,
      reason: "Edizione 1 riprogrammata",
    }))!;
    expect(rows.map((r) => [r.enrolmentId, r.outcome])).toEqual([
      [s.places[0], "moved"],
      [s.places[1], "moved"],
      [s.places[2], "target-full"],
      [s.places[3], "target-full"],
    ]);
    expect(await statusOf(s.places[0]!)).toBe("spostato");
    expect(await statusOf(s.places[1]!)).toBe("spostato");
    expect(await statusOf(s.places[2]!)).toBe("iscritto");
    expect(await statusOf(s.places[3]!)).toBe("iscritto");
    expect(await counts(s.other.id)).toEqual({ seatCap: 2, seatsTaken: 2, byStatus: { iscritto: 2 } });
    expect(await counts(s.edition.id)).toMatchObject({ seatsTaken: 2, byStatus: { iscritto: 2, spostato: 2 } });

    // One email per person moved (the single move's template), none to those who stayed.
    const moved = await prisma.enrolment.findMany({
      where: { editionId: s.other.id },
      select: { id: true, userId: true },
    });
    const notes = await prisma.notification.findMany({
      where: { userId: { in: s.teachers.map((t) => t.id) }, kind: "spostato-di-edizione" },
      select: { userId: true, enrolmentId: true, payload: true },
    });
    expect(notes.map((n) => n.enrolmentId).sort()).toEqual(moved.map((m) => m.id).sort());
    expect(JSON.parse(notes[0]!.payload)).toMatchObject({ reason: "Edizione 1 riprogrammata", fromEditionNumber: 1 });
    // …and, on each old place, the CANCEL of edition 1's sessions as a message of its own (ADR 0019, 06/12/2026).
    const cancels = await prisma.notification.findMany({
      where: { userId: { in: s.teachers.map((t) => t.id) }, kind: "incontri-annullati" },
      select: { enrolmentId: true, payload: true },
    });
    expect(cancels.map((n) => n.enrolmentId).sort()).toEqual([s.places[0]!, s.places[1]!].sort());
    expect(JSON.parse(cancels[0]!.payload)).toMatchObject({ editionNumber: 1, movedToEditionNumber: 2 });
    // One audit line per person moved in each edition, and the summary's row.
    const audit = await prisma.auditLog.findMany({
      where: { entityId: { in: [s.edition.id, s.other.id] } },
      select: { action: true, entityId: true },
    });
    const actions = audit.map((a) => `${a.entityId === s.edition.id ? "source" : "target"}:${a.action}`).sort();
    expect(actions).toEqual([
      "source:partecipante-spostato",
      "source:partecipante-spostato",
      "source:spostamento-multiplo",
      "target:partecipante-ricevuto",
      "target:partecipante-ricevuto",
    ]);

    const outcome = await loadBulkMoveOutcome(s.edition.id, auditId);
    expect(outcome).toMatchObject({
      toEditionNumber: 2,
      reason: "Edizione 1 riprogrammata",
      summary: { moved: 2, notMoved: 2, reasons: [{ reason: "target-full", count: 2 }] },
    });
    expect(outcome!.rows.map((r) => r.name && `${r.name.lastName} ${r.name.firstName}`)).toEqual([
      "N0 Docente",
      "N1 Docente",
      "N2 Docente",
      "N3 Docente",
    ]);
    // Another edition's page cannot read it.
    expect(await loadBulkMoveOutcome(s.other.id, auditId)).toBeNull();
  });

  it("fills each pool of the target: quotas by region, closed accounts and certified places stay, foreign ids refused", async () => {
    const { organiser, event, edition } = await createOpenEdition({ seatCap: 50, openToAllRegions: true });
    const other = await addEdition(event.id, { seatCap: 3 });
    expect(await addQuota(await managedEdition(organiser.id, other.id), "lazio", 1)).toEqual({ ok: true });
    const [t1, t2, t3] = await createTeachers(3, "toscana");
    const [l1, l2] = await createTeachers(2, "lazio");
    const order = [t1!, l1!, t2!, t3!, l2!];
    const places: string[] = [];
    for (const [i, t] of order.entries()) {
      const r = await enrol(t.id, edition.id);
      if (!r.ok) throw new Error(JSON.stringify(r));
      places.push(r.enrolmentId);
      await prisma.enrolment.update({
        where: { id: r.enrolmentId },
        data: { createdAt: new Date(Date.now() - (10 - i) * HOUR) },
      });
    }
    // t2's place holds a valid certificate; t3's account was closed after the page was shown (a closure
    // releases the places of editions not over: here it is caught between the preview and its own release).
    await createCertificate({ enrolmentId: places[2]!, userId: t2!.id }, edition, {
      holderName: "Docente N",
      eventTitle: event.title,
      eventType: "webinar",
    });
    await prisma.user.update({ where: { id: t3!.id }, data: { closedAt: new Date() } });
    const elsewhere = await createOpenEdition();
    const foreign = (await enrol((await createTeachers(1))[0]!.id, elsewhere.edition.id)) as { enrolmentId: string };

    const scope = await managedEdition(organiser.id, edition.id);
    const preview = await previewBulkMove(edition.id, other.id, [...places, foreign.enrolmentId]);
    // General pool 2 (t1, then nobody else of Toscana fits: t2 certified, t3 closed), Lazio's quota 1 (l1, not l2).
    expect(preview!.rows.map((r) => r.outcome)).toEqual([
      "fits",
      "fits",
      "has-certificate",
      "account-closed",
      "target-full",
    ]);
    expect(preview!.gone).toBe(1);

    const { rows, auditId } = (await moveManyToEdition(scope, {
      targetEditionId: other.id,
      enrolmentIds: [...places, foreign.enrolmentId],
      reason: null,
    }))!;
    expect(rows.map((r) => r.outcome)).toEqual([
      "moved",
      "moved",
      "has-certificate",
      "account-closed",
      "target-full",
      "not-found",
    ]);
    const quota = await prisma.editionQuota.findFirstOrThrow({ where: { editionId: other.id } });
    expect(quota.seatsTaken).toBe(1);
    expect(await counts(other.id)).toMatchObject({ seatsTaken: 2, byStatus: { iscritto: 2 } });
    expect(await statusOf(foreign.enrolmentId)).toBe("iscritto");
    expect(await statusOf(places[3]!)).toBe("iscritto");
    // The summary page names the people of this edition only: a place of another event (an id read
    // off someone's attendance QR code, say) does not tell whose it is.
    const summaryRows = (await loadBulkMoveOutcome(edition.id, auditId))!.rows;
    expect(summaryRows.at(-1)).toEqual({
      enrolmentId: foreign.enrolmentId,
      name: null,
      email: null,
      outcome: "not-found",
    });
    expect(summaryRows.slice(0, -1).every((r) => r.name !== null && r.email !== null)).toBe(true);
  });

  it("a target that is no other edition of this event (another event's, the edition itself, none) moves nobody and writes no summary", async () => {
    const s = await scenario(2, 5);
    const elsewhere = await scenario(0, 5);
    for (const targetEditionId of [elsewhere.other.id, s.edition.id, "cm0nessunaedizione000000"]) {
      expect(await moveManyToEdition(s.scope, { targetEditionId, enrolmentIds: s.places, reason: null })).toBeNull();
    }
    expect(await prisma.auditLog.count({ where: { entityType: "edition", entityId: s.edition.id } })).toBe(0);
    expect(await counts(s.edition.id)).toMatchObject({ seatsTaken: 2, byStatus: { iscritto: 2 } });
    expect(await counts(elsewhere.other.id)).toMatchObject({ seatsTaken: 0, byStatus: {} });
  });

  it("an edition whose training is over or whose certificates were issued is offered to nobody and takes nobody", async () => {
    for (const target of ["over", "certified"] as const) {
      const s = await scenario(2, 5);
      if (target === "over") {
        const past = new Date(Date.now() - 3 * HOUR);
        await prisma.trainingSession.updateMany({
          where: { editionId: s.other.id },
          data: { startsAt: past, endsAt: new Date(past.getTime() + 2 * HOUR) },
        });
      } else {
        await prisma.edition.update({ where: { id: s.other.id }, data: { attendanceClosedAt: new Date() } });
      }
      // The page lists no target, the preview refuses it, and a confirmation sent anyway moves nobody.
      expect(await previewBulkMove(s.edition.id, s.other.id, s.places)).toBeNull();
      const { rows } = (await moveManyToEdition(s.scope, {
        targetEditionId: s.other.id,
        enrolmentIds: s.places,
        reason: null,
      }))!;
      expect(rows.map((r) => r.outcome)).toEqual(
        target === "over" ? ["target-over", "target-over"] : ["target-certified", "target-certified"],
      );
      expect(await counts(s.other.id)).toMatchObject({ seatsTaken: 0, byStatus: {} });
      expect(await counts(s.edition.id)).toMatchObject({ seatsTaken: 2, byStatus: { iscritto: 2 } });
    }
  });

  it("a teacher taking the target's seat between the preview and the confirmation: one fewer is moved, no overbooking", async () => {
    const s = await scenario(3, 2);
    expect((await previewBulkMove(s.edition.id, s.other.id, s.places))!.fits).toBe(2);
    const [late] = await createTeachers(1);
    expect(await enrol(late!.id, s.other.id)).toMatchObject({ ok: true, status: "iscritto" });
    const { auditId } = (await moveManyToEdition(s.scope, {
      targetEditionId: s.other.id,
      enrolmentIds: s.places,
      reason: null,
    }))!;
    expect((await loadBulkMoveOutcome(s.edition.id, auditId))!.summary).toEqual({
      moved: 1,
      notMoved: 2,
      reasons: [{ reason: "target-full", count: 2 }],
    });
    expect(await counts(s.other.id)).toEqual({ seatCap: 2, seatsTaken: 2, byStatus: { iscritto: 2 } });
    expect(await counts(s.edition.id)).toMatchObject({ seatsTaken: 2, byStatus: { iscritto: 2, spostato: 1 } });
  });

  it("a seat freed in the target between the preview and the confirmation: the page's confirmation moves only whom the preview said, with the reason it showed", async () => {
    const s = await scenario(2, 2);
    // One of the target's two seats taken: one of the two fits.
    const [holder] = await createTeachers(1);
    const held = await enrol(holder!.id, s.other.id);
    expect(held).toMatchObject({ ok: true, status: "iscritto" });
    const url = `http://localhost/gestione/edizioni/${s.edition.id}/sposta`;
    const params = { editionId: s.edition.id };
    const cookie = await cookieOf(s.organiser.id);
    const form = new FormData();
    for (const [k, v] of [
      ["intent", "anteprima"],
      ["targetEditionId", s.other.id],
      ["enrolmentId", s.places[0]!],
      ["enrolmentId", s.places[1]!],
      ["reason", "Edizione 1 riprogrammata"],
    ])
      form.append(k!, v!);
    const preview = await runRoute(bulkRoute.action as unknown as Handler, { cookie, url, params, form });
    expect(preview.status).toBe(200);
    const previewed = preview.data as { preview: { fits: number; rows: { outcome: string }[] } };
    expect(previewed.preview.rows.map((r) => r.outcome)).toEqual(["fits", "target-full"]);

    // The page as the preview shows it: the reason that will be sent, and the confirmation's form.
    const loaded = await runRoute(bulkRoute.loader as unknown as Handler, { cookie, url, params });
    const html = await renderRoutePage(bulkRoute.default, {
      url,
      loaderData: loaded.data,
      actionData: preview.data,
    });
    const reasonShown = html.match(/data-testid="bulk-preview-reason"[^>]*>([\s\S]*?)<\/p>/)?.[1] ?? "";
    expect(textOf(reasonShown)).toContain("Motivo comunicato a ogni persona spostata: «Edizione 1 riprogrammata».");
    const confirmForm = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)]
      .map((m) => m[0])
      .find((f) => f.includes('name="intent" value="sposta"'))!;
    expect(confirmForm).toBeDefined();
    const posted = new FormData();
    for (const m of confirmForm.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      posted.append(m[1]!, m[2]!.replace(/&amp;/g, "&"));
    }
    expect(posted.getAll("enrolmentId")).toEqual([s.places[0], s.places[1]]);
    expect(posted.getAll("move")).toEqual([s.places[0]]);
    expect(posted.get("expected")).toBe("1");
    expect(posted.get("reason")).toBe("Edizione 1 riprogrammata");

    // Meanwhile the target's other seat is freed: the second person still stays, as the preview said.
    expect((await cancelByTeacher(holder!.id, (held as { enrolmentId: string }).enrolmentId)).ok).toBe(true);
    const done = await runRoute(bulkRoute.action as unknown as Handler, { cookie, url, params, form: posted });
    expect(done.status).toBe(302);
    expect(await statusOf(s.places[0]!)).toBe("spostato");
    expect(await statusOf(s.places[1]!)).toBe("iscritto");
    const summary = await runRoute(bulkRoute.loader as unknown as Handler, {
      cookie,
      url: `${url}${new URL(done.location!, "http://localhost").search}`,
      params,
    });
    expect((summary.data as { outcome: { summary: unknown } }).outcome.summary).toEqual({
      moved: 1,
      notMoved: 1,
      reasons: [{ reason: "stays-as-previewed", count: 1 }],
    });
    const note = await prisma.notification.findFirstOrThrow({
      where: { userId: s.teachers[0]!.id, kind: "spostato-di-edizione" },
      select: { payload: true },
    });
    expect(JSON.parse(note.payload)).toMatchObject({ reason: "Edizione 1 riprogrammata" });

    // A form that posts more people than its preview's count (stale or crafted) moves no more than that count.
    const t = await scenario(3, null);
    const { rows } = (await moveManyToEdition(t.scope, {
      targetEditionId: t.other.id,
      enrolmentIds: t.places,
      reason: null,
      expected: 2,
    }))!;
    expect(rows.map((r) => r.outcome)).toEqual(["moved", "moved", "beyond-preview"]);
    expect(await statusOf(t.places[2]!)).toBe("iscritto");
  });

  it("teachers enrolling in the target while the move runs: never more seated than its cap, every seat counted", async () => {
    for (let round = 0; round < 3; round++) {
      const s = await scenario(6, 4);
      const teachers = await createTeachers(5);
      const [bulk, ...enrolments] = await Promise.all([
        moveManyToEdition(s.scope, { targetEditionId: s.other.id, enrolmentIds: s.places, reason: null }).then(
          (r) => r!,
        ),
        ...teachers.map((t) => enrol(t.id, s.other.id)),
      ]);
      const moved = bulk.rows.filter((r) => r.outcome === "moved").length;
      const seatedByEnrolment = enrolments.filter((r) => r.ok && r.status === "iscritto").length;
      const target = await counts(s.other.id);
      expect(target.seatsTaken).toBe(4);
      expect(target.byStatus.iscritto).toBe(4);
      expect(moved + seatedByEnrolment).toBe(4);
      // The enrolments that found no seat wait; the people not moved keep their seat in edition 1.
      expect(target.byStatus["in-attesa"] ?? 0).toBe(5 - seatedByEnrolment);
      expect(bulk.rows.filter((r) => r.outcome !== "moved").every((r) => r.outcome === "target-full")).toBe(true);
      const source = await counts(s.edition.id);
      expect(source.byStatus.iscritto).toBe(6 - moved);
      expect(source.seatsTaken).toBe(6 - moved);
      // One active place per teacher and event.
      const active = await prisma.enrolment.groupBy({
        by: ["userId"],
        where: { eventId: s.event.id, status: { in: [...ACTIVE_STATUSES] } },
        _count: { _all: true },
      });
      expect(active.every((a) => a._count._all === 1)).toBe(true);
    }
  });

  it("through the page: GET and the preview change nothing, a referent of another region is refused, the confirmation moves and shows the summary", async () => {
    const { event, edition } = await createOpenEdition({ level: "regionale", regionCode: "toscana", seatCap: 5 });
    const other = await addEdition(event.id, { seatCap: 1 });
    const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const stranger = await createUser({ roles: [{ role: "referente-usr", regionCode: "lazio" }] });
    const [a, b] = await createTeachers(2);
    const pa = (await enrol(a!.id, edition.id)) as { enrolmentId: string };
    const pb = (await enrol(b!.id, edition.id)) as { enrolmentId: string };
    await prisma.enrolment.update({ where: { id: pa.enrolmentId }, data: { createdAt: new Date(Date.now() - HOUR) } });
    const url = `http://localhost/gestione/edizioni/${edition.id}/sposta`;
    const params = { editionId: edition.id };
    const loader = bulkRoute.loader as unknown as Handler;
    const action = bulkRoute.action as unknown as Handler;
    const cookie = await cookieOf(referent.id);

    const page = await runRoute(loader, { cookie, url, params });
    const loaded = page.data as { people: { enrolmentId: string }[]; targets: { id: string; free: number }[] };
    expect(loaded.people.map((p) => p.enrolmentId)).toEqual([pa.enrolmentId, pb.enrolmentId]);
    expect(loaded.targets).toEqual([expect.objectContaining({ id: other.id, free: 1 })]);

    const form = new FormData();
    form.append("intent", "anteprima");
    form.append("targetEditionId", other.id);
    form.append("enrolmentId", pa.enrolmentId);
    form.append("enrolmentId", pb.enrolmentId);
    const preview = await runRoute(action, { cookie, url, params, form });
    expect(preview.status).toBe(200);
    expect((preview.data as { preview: { fits: number } }).preview.fits).toBe(1);
    expect(await counts(other.id)).toMatchObject({ seatsTaken: 0 });

    const confirmed = () => {
      const f = new FormData();
      for (const [k, v] of [
        ["intent", "sposta"],
        ["confirm", "yes"],
        ["targetEditionId", other.id],
        ["enrolmentId", pa.enrolmentId],
        ["enrolmentId", pb.enrolmentId],
      ])
        f.append(k!, v!);
      return f;
    };
    expect(
      (await runRoute(action, { cookie: await cookieOf(stranger.id), url, params, form: confirmed() })).status,
    ).toBe(403);
    const unconfirmed = confirmed();
    unconfirmed.set("confirm", "");
    expect((await runRoute(action, { cookie, url, params, form: unconfirmed })).status).toBe(400);
    expect(await counts(other.id)).toMatchObject({ seatsTaken: 0 });
    // Nobody ticked: refused with its message.
    const nobody = new FormData();
    nobody.append("intent", "anteprima");
    nobody.append("targetEditionId", other.id);
    const refused = await runRoute(action, { cookie, url, params, form: nobody });
    expect(refused.status).toBe(400);
    expect((refused.data as { error: string }).error).toBe("participants.bulk.error.nobody");

    const done = await runRoute(action, { cookie, url, params, form: confirmed() });
    expect(done.status).toBe(302);
    const esito = new URL(done.location!, "http://localhost");
    expect(esito.pathname).toBe(`/gestione/edizioni/${edition.id}/sposta`);
    expect(await statusOf(pa.enrolmentId)).toBe("spostato");
    expect(await statusOf(pb.enrolmentId)).toBe("iscritto");
    const summary = await runRoute(loader, { cookie, url: `${url}${esito.search}`, params });
    expect((summary.data as { outcome: { summary: unknown } }).outcome.summary).toEqual({
      moved: 1,
      notMoved: 1,
      reasons: [{ reason: "target-full", count: 1 }],
    });
    // The summary's page read again changes nothing.
    await runRoute(loader, { cookie, url: `${url}${esito.search}`, params });
    expect(await counts(other.id)).toMatchObject({ seatsTaken: 1, byStatus: { iscritto: 1 } });
  });
});
