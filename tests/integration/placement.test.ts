// The organiser places a teacher in an edition by email (issue 15, item 2) against a real database
// (SQLite or PostgreSQL, DATABASE_URL) and a real SMTP server: a seat when one is free, the
// waitlist when the edition is full, a referent of another region refused with nothing changed,
// a not-eligible teacher placed only with the override and a reason, an unknown address reported
// with nothing created. Each placement is audited and told to the teacher.
import { describe, expect, it } from "vitest";
import { cancelByTeacher, enrol } from "../../app/models/enrolment.server.ts";
import { cancelEditionWithReason } from "../../app/models/event.server.ts";
import * as placementRoute from "../../app/routes/gestione.edizioni.$editionId_.inserisci.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";
import { createOpenEdition, createTeachers, createUser, unique } from "../support/factories.ts";
import { renderRoutePage } from "../support/render-route.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { managedEdition } from "../support/scopes.ts";
import { addQuota, releaseQuota } from "../../app/models/seat-ledger.server.ts";
import { previewPlacement } from "../../app/models/placement.server.ts";
import { to, type Inbox } from "../support/smtp.ts";
import { sendQueued, withFileMailbox } from "../support/file-mailbox.ts";

let inbox: Inbox;
let mailer: Mailer;

// Only this file's messages are sent by the workers below.
withFileMailbox((started) => ({ inbox, mailer } = started));

const sendAll = () => sendQueued(mailer, "pl");

const action = placementRoute.action as unknown as Handler;
const loader = placementRoute.loader as unknown as Handler;

type Preview = { preview: { check: string; reasons: string[] } | null };

/** A Tuscan edition, its referent (signed in), and a Tuscan teacher to place. */
async function scenario(seatCap: number | null = 3) {
  const { edition } = await createOpenEdition({ level: "regionale", regionCode: "toscana", seatCap });
  const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
  const teacher = await createUser({ email: `${unique("placed")}@scuola.example.it`, firstName: "Giulia" });
  return { edition, referent, teacher, cookie: await cookieOf(referent.id) };
}

/**
 * Posts the page's form. "inserisci" carries the address the preview showed (the page's hidden field):
 * the typed one, unless the test says otherwise.
 */
function post(editionId: string, cookie: string, form: Record<string, string> | FormData) {
  if (!(form instanceof FormData) && form.intent === "inserisci" && !("previewedEmail" in form))
    form = { ...form, previewedEmail: form.email ?? "" };
  return runRoute(action, {
    cookie,
    url: `http://localhost/gestione/edizioni/${editionId}/inserisci`,
    params: { editionId },
    form,
  });
}

const auditOf = (editionId: string) =>
  prisma.auditLog.findMany({ where: { entityType: "edition", entityId: editionId, action: "partecipante-inserito" } });

describe("placing a teacher in an edition by email", () => {
  it("previews the address, then gives a free seat, audited and told to the teacher", async () => {
    const s = await scenario();
    const preview = await post(s.edition.id, s.cookie, { intent: "anteprima", email: s.teacher.email.toUpperCase() });
    expect(preview.status).toBe(200);
    expect((preview.data as Preview).preview!.check).toBe("found");
    // A preview changes nothing.
    expect(await prisma.enrolment.count({ where: { editionId: s.edition.id } })).toBe(0);

    const placed = await post(s.edition.id, s.cookie, { intent: "inserisci", email: s.teacher.email });
    expect(placed.status).toBe(302);
    expect(placed.location).toBe(`/gestione/edizioni/${s.edition.id}/inserisci?inserito=iscritto`);
    const enrolment = await prisma.enrolment.findFirstOrThrow({ where: { editionId: s.edition.id } });
    expect(enrolment).toMatchObject({ userId: s.teacher.id, status: "iscritto", waitlistSeq: null });
    expect((await prisma.edition.findUniqueOrThrow({ where: { id: s.edition.id } })).seatsTaken).toBe(1);
    const change = await prisma.enrolmentChange.findFirstOrThrow({ where: { enrolmentId: enrolment.id } });
    expect(change).toMatchObject({ actorId: s.referent.id, fromStatus: null, toStatus: "iscritto" });
    const audit = await auditOf(s.edition.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(s.referent.id);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ userId: s.teacher.id, status: "iscritto", override: false });

    // Placing the same teacher again is refused: already placed.
    const again = await post(s.edition.id, s.cookie, { intent: "inserisci", email: s.teacher.email });
    expect(again.status).toBe(409);
    expect((again.data as Preview).preview!.check).toBe("already-placed");
    expect(await prisma.enrolment.count({ where: { editionId: s.edition.id } })).toBe(1);

    await sendAll();
    const mails = to(inbox, s.teacher.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("Hai un posto assegnato dall'organizzazione");
    expect(mails[0]!.text).toContain("ti ha assegnato un posto");
  });

  it("places only the address the preview showed: one edited after it is refused, previewed, nothing written", async () => {
    const s = await scenario();
    // The referent previews Giulia, then changes the field to another teacher and presses the button still shown.
    const other = await createUser({ email: `${unique("unseen")}@scuola.example.it`, firstName: "Mai vista" });
    const shown = await post(s.edition.id, s.cookie, { intent: "anteprima", email: s.teacher.email });
    expect((shown.data as Preview).preview!.check).toBe("found");
    for (const previewedEmail of [s.teacher.email, ""]) {
      const refused = await post(s.edition.id, s.cookie, { intent: "inserisci", email: other.email, previewedEmail });
      expect(refused.status, previewedEmail).toBe(409);
      const body = refused.data as Preview & { result: { error?: Record<string, string[]> } };
      expect(body.result.error?.[""]).toEqual(["placement.error.preview-changed"]);
      // The preview of the address typed now comes back, to be confirmed on it.
      expect(body.preview).toMatchObject({ check: "found", email: other.email, name: "Mai vista Rossi" });
    }
    expect(await prisma.enrolment.count({ where: { editionId: s.edition.id } })).toBe(0);
    expect(await auditOf(s.edition.id)).toHaveLength(0);
    expect(await prisma.notification.count({ where: { userId: { in: [s.teacher.id, other.id] } } })).toBe(0);
    // Confirmed on its own preview, the address is placed (the case of the address does not matter).
    const placed = await post(s.edition.id, s.cookie, {
      intent: "inserisci",
      email: other.email,
      previewedEmail: other.email.toUpperCase(),
    });
    expect(placed.status).toBe(302);
    expect(await prisma.enrolment.findMany({ where: { editionId: s.edition.id }, select: { userId: true } })).toEqual([
      { userId: other.id },
    ]);
  });

  it("puts the teacher on the waitlist of a full edition, and the page says it is full", async () => {
    const s = await scenario(1);
    const first = await createUser();
    expect((await enrol(first.id, s.edition.id)).ok).toBe(true);
    const page = await runRoute(loader, {
      cookie: s.cookie,
      url: `http://localhost/gestione/edizioni/${s.edition.id}/inserisci`,
      params: { editionId: s.edition.id },
    });
    expect((page.data as { full: boolean }).full).toBe(true);

    const placed = await post(s.edition.id, s.cookie, { intent: "inserisci", email: s.teacher.email });
    expect(placed.location).toBe(`/gestione/edizioni/${s.edition.id}/inserisci?inserito=in-attesa`);
    const enrolment = await prisma.enrolment.findFirstOrThrow({
      where: { editionId: s.edition.id, userId: s.teacher.id },
    });
    expect(enrolment.status).toBe("in-attesa");
    expect(enrolment.waitlistSeq).not.toBeNull();
    expect((await prisma.edition.findUniqueOrThrow({ where: { id: s.edition.id } })).seatsTaken).toBe(1);
    const notification = await prisma.notification.findFirstOrThrow({ where: { enrolmentId: enrolment.id } });
    expect(notification.kind).toBe("in-attesa-dall-organizzatore");
    expect(JSON.parse(notification.payload)).toMatchObject({ position: 1 });

    await sendAll();
    const mails = to(inbox, s.teacher.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("lista d'attesa");
    expect(mails[0]!.text).toContain("in posizione 1");
  });

  it("refuses a referent of another region, with nothing changed", async () => {
    const s = await scenario();
    const other = await createUser({ roles: [{ role: "referente-usr", regionCode: "lombardia" }] });
    const cookie = await cookieOf(other.id);
    const preview = await post(s.edition.id, cookie, { intent: "anteprima", email: s.teacher.email });
    expect(preview.status).toBe(403);
    const placed = await post(s.edition.id, cookie, { intent: "inserisci", email: s.teacher.email });
    expect(placed.status).toBe(403);
    expect(await prisma.enrolment.count({ where: { editionId: s.edition.id } })).toBe(0);
    expect(await auditOf(s.edition.id)).toHaveLength(0);
    expect(await prisma.notification.count({ where: { userId: s.teacher.id } })).toBe(0);
    expect((await prisma.edition.findUniqueOrThrow({ where: { id: s.edition.id } })).seatsTaken).toBe(0);
  });

  it("refuses a not-eligible teacher without the override, and places them with the override and a reason", async () => {
    const s = await scenario();
    const lombard = await createUser({ email: `${unique("lomb")}@scuola.example.it`, regionCode: "lombardia" });
    const preview = await post(s.edition.id, s.cookie, { intent: "anteprima", email: lombard.email });
    expect((preview.data as Preview).preview).toMatchObject({ check: "not-eligible", reasons: ["other-region"] });

    const refused = await post(s.edition.id, s.cookie, { intent: "inserisci", email: lombard.email });
    expect(refused.status).toBe(409);
    const noReason = await post(s.edition.id, s.cookie, { intent: "inserisci", email: lombard.email, override: "on" });
    expect(noReason.status).toBe(400);
    expect(await prisma.enrolment.count({ where: { editionId: s.edition.id } })).toBe(0);
    expect(await auditOf(s.edition.id)).toHaveLength(0);

    const placed = await post(s.edition.id, s.cookie, {
      intent: "inserisci",
      email: lombard.email,
      override: "on",
      reason: "Docente neoassunta in servizio in Toscana",
    });
    expect(placed.status).toBe(302);
    const enrolment = await prisma.enrolment.findFirstOrThrow({ where: { editionId: s.edition.id } });
    expect(enrolment).toMatchObject({ userId: lombard.id, status: "iscritto" });
    const audit = await auditOf(s.edition.id);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      override: true,
      eligibility: ["other-region"],
      reason: "Docente neoassunta in servizio in Toscana",
    });
    const change = await prisma.enrolmentChange.findFirstOrThrow({ where: { enrolmentId: enrolment.id } });
    expect(change.reason).toBe("Docente neoassunta in servizio in Toscana");
  });

  it("reports an unknown address and creates nothing", async () => {
    const s = await scenario();
    const email = `${unique("nobody")}@scuola.example.it`;
    const preview = await post(s.edition.id, s.cookie, { intent: "anteprima", email });
    expect((preview.data as Preview).preview!.check).toBe("unknown");
    const placed = await post(s.edition.id, s.cookie, { intent: "inserisci", email });
    expect(placed.status).toBe(404);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    expect(await prisma.enrolment.count({ where: { editionId: s.edition.id } })).toBe(0);
    expect(await auditOf(s.edition.id)).toHaveLength(0);
  });
});

type CsvResult = {
  csv: {
    error: string | null;
    preview: { email: string; check: string }[] | null;
    invalid: { line: number; value: string }[];
    done: { email: string; outcome: string }[] | null;
    result?: unknown;
  };
};

function upload(editionId: string, cookie: string, text: string | Uint8Array) {
  const form = new FormData();
  form.append("intent", "anteprima-csv");
  form.append(
    "file",
    new Blob([typeof text === "string" ? text : new Uint8Array(text)], { type: "text/csv" }),
    "docenti.csv",
  );
  return post(editionId, cookie, form);
}

describe("the placement page of a cancelled edition", () => {
  it("is read-only: its actions are refused with a message and change nothing", async () => {
    const s = await scenario();
    const scope = await managedEdition(s.referent.id, s.edition.id);
    expect(await cancelEditionWithReason(scope, "Aula non disponibile.")).toEqual({ ok: true });
    const page = await runRoute(loader, {
      cookie: s.cookie,
      url: `http://localhost/gestione/edizioni/${s.edition.id}/inserisci`,
      params: { editionId: s.edition.id },
    });
    expect(page.data).toMatchObject({ edition: { status: "annullata" }, capRaisable: false, waitlist: [] });
    const forms: Record<string, string>[] = [
      { intent: "anteprima", email: s.teacher.email },
      { intent: "inserisci", email: s.teacher.email },
      { intent: "inserisci", email: s.teacher.email, override: "on", reason: "Deroga per prova" },
    ];
    for (const form of forms) {
      const refused = await post(s.edition.id, s.cookie, form);
      expect(refused.status, form.intent).toBe(409);
      expect(JSON.stringify(refused.data)).toContain("placement.error.cancelled");
    }
    expect(await prisma.enrolment.count({ where: { editionId: s.edition.id } })).toBe(0);
    expect(await auditOf(s.edition.id)).toHaveLength(0);
  });
});

describe("placing teachers from a CSV of addresses", () => {
  it("previews each row, then places each row: seat, waitlist, refusals, and the override with a reason", async () => {
    const s = await scenario(2);
    const already = await createUser({ email: `${unique("already")}@scuola.example.it` });
    expect((await enrol(already.id, s.edition.id)).ok).toBe(true);
    const second = await createUser({ email: `${unique("second")}@scuola.example.it` });
    const lombard = await createUser({ email: `${unique("lomb")}@scuola.example.it`, regionCode: "lombardia" });
    const nobody = `${unique("nobody")}@scuola.example.it`;
    const csv = [
      "Cognome;Email",
      `Verdi;${s.teacher.email.toUpperCase()}`,
      `Neri;${second.email}`,
      `Gialli;${lombard.email}`,
      `Nessuno;${nobody}`,
      `Bianchi;${already.email}`,
      "Errore;non-una-email",
      `Doppio;${s.teacher.email}`,
    ].join("\n");
    const preview = await upload(s.edition.id, s.cookie, csv);
    expect(preview.status).toBe(200);
    const p = (preview.data as CsvResult).csv;
    expect(p.preview!.map((r) => [r.email, r.check])).toEqual([
      [s.teacher.email, "found"],
      [second.email, "found"],
      [lombard.email, "not-eligible"],
      [nobody, "unknown"],
      [already.email, "already-placed"],
    ]);
    expect(p.invalid).toEqual([{ line: 7, value: "non-una-email" }]);
    // A preview changes nothing.
    expect(await prisma.enrolment.count({ where: { editionId: s.edition.id } })).toBe(1);

    const placed = await post(s.edition.id, s.cookie, {
      intent: "inserisci-csv",
      emails: [s.teacher.email, second.email, lombard.email, nobody].join("\n"),
    });
    expect(placed.status).toBe(200);
    expect((placed.data as CsvResult).csv.done).toEqual([
      { email: s.teacher.email, outcome: "iscritto" },
      { email: second.email, outcome: "in-attesa" },
      { email: lombard.email, outcome: "not-eligible" },
      { email: nobody, outcome: "unknown" },
    ]);
    expect(await prisma.user.count({ where: { email: nobody } })).toBe(0);
    expect(await prisma.enrolment.count({ where: { editionId: s.edition.id, userId: lombard.id } })).toBe(0);
    expect(await auditOf(s.edition.id)).toHaveLength(2);

    const overridden = await post(s.edition.id, s.cookie, {
      intent: "inserisci-csv",
      emails: lombard.email,
      notEligible: lombard.email,
      override: "on",
      reason: "Neoassunti designati dall'USR",
    });
    expect((overridden.data as CsvResult).csv.done).toEqual([{ email: lombard.email, outcome: "in-attesa" }]);
    // A refused confirmation (a reason too short for the override) shows its preview again, with the error
    // by the reason and what was typed, instead of a page asking for the file again (without JavaScript).
    const third = await createUser({ email: `${unique("third")}@scuola.example.it`, regionCode: "lombardia" });
    const short = await post(s.edition.id, s.cookie, {
      intent: "inserisci-csv",
      emails: third.email,
      override: "on",
      reason: "ok",
    });
    expect(short.status).toBe(400);
    const refusedCsv = (short.data as CsvResult).csv;
    expect(refusedCsv.preview!.map((r) => [r.email, r.check])).toEqual([[third.email, "not-eligible"]]);
    expect(refusedCsv.error).toBe("common.formHasErrors");
    expect(refusedCsv.result).toMatchObject({
      initialValue: { reason: "ok", override: "on" },
      error: { reason: [expect.any(String)] },
    });
    expect(await prisma.enrolment.count({ where: { userId: third.id } })).toBe(0);
    const edition = await prisma.edition.findUniqueOrThrow({ where: { id: s.edition.id } });
    expect(edition.seatsTaken).toBe(2);
    const statuses = await prisma.enrolment.findMany({
      where: { editionId: s.edition.id },
      orderBy: { createdAt: "asc" },
      select: { userId: true, status: true },
    });
    expect(statuses).toEqual([
      { userId: already.id, status: "iscritto" },
      { userId: s.teacher.id, status: "iscritto" },
      { userId: second.id, status: "in-attesa" },
      { userId: lombard.id, status: "in-attesa" },
    ]);
    const kinds = await prisma.notification.findMany({
      where: { userId: { in: [s.teacher.id, second.id, lombard.id] } },
      select: { userId: true, kind: true },
    });
    expect(kinds).toHaveLength(3);
    expect(kinds.find((k) => k.userId === s.teacher.id)!.kind).toBe("inserito-dall-organizzatore");
    expect(kinds.find((k) => k.userId === lombard.id)!.kind).toBe("in-attesa-dall-organizzatore");
  });

  it("applies the override only to the addresses previewed as not eligible, not to one whose profile changed since", async () => {
    const s = await scenario(5);
    const lombard = await createUser({ email: `${unique("lomb")}@scuola.example.it`, regionCode: "lombardia" });
    const csv = ["Cognome;Email", `Verdi;${s.teacher.email}`, `Gialli;${lombard.email}`].join("\n");
    const preview = (await upload(s.edition.id, s.cookie, csv)).data as CsvResult;
    expect(preview.csv.preview!.map((r) => [r.email, r.check])).toEqual([
      [s.teacher.email, "found"],
      [lombard.email, "not-eligible"],
    ]);
    // The page's confirmation form: the addresses, and those the override is for.
    const loaded = await runRoute(loader, {
      cookie: s.cookie,
      url: `http://localhost/gestione/edizioni/${s.edition.id}/inserisci`,
      params: { editionId: s.edition.id },
    });
    const html = await renderRoutePage(placementRoute.default, {
      url: `http://localhost/gestione/edizioni/${s.edition.id}/inserisci`,
      loaderData: loaded.data,
      actionData: preview,
    });
    const hidden = (name: string) =>
      html.match(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`))?.[1]?.replace(/&#x27;/g, "'");
    expect(hidden("emails")).toBe([s.teacher.email, lombard.email].join("\n"));
    expect(hidden("notEligible")).toBe(lombard.email);
    // Between preview and confirmation the first teacher moves to Lombardy: the event no longer admits them.
    await prisma.user.update({ where: { id: s.teacher.id }, data: { regionCode: "lombardia" } });
    const placed = await post(s.edition.id, s.cookie, {
      intent: "inserisci-csv",
      emails: hidden("emails")!,
      notEligible: hidden("notEligible")!,
      override: "on",
      reason: "Neoassunti designati dall'USR",
    });
    expect((placed.data as CsvResult).csv.done).toEqual([
      { email: s.teacher.email, outcome: "not-eligible" },
      { email: lombard.email, outcome: "iscritto" },
    ]);
    expect(await prisma.enrolment.count({ where: { userId: s.teacher.id } })).toBe(0);
  });

  it("refuses an oversized or unreadable file, and another region's referent, with nothing changed", async () => {
    const s = await scenario();
    const big = await upload(s.edition.id, s.cookie, new Uint8Array(70 * 1024).fill(0x61));
    expect(big.status).toBe(413);
    // A binary file (NUL bytes, as in a spreadsheet or UTF-16 text).
    const binary = await upload(s.edition.id, s.cookie, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x61]));
    expect(binary.status).toBe(400);
    expect((binary.data as CsvResult).csv.error).toBe("placement.csv.error.encoding");
    const other = await createUser({ roles: [{ role: "referente-usr", regionCode: "lombardia" }] });
    const refused = await post(s.edition.id, await cookieOf(other.id), {
      intent: "inserisci-csv",
      emails: s.teacher.email,
    });
    expect(refused.status).toBe(403);
    expect(await prisma.enrolment.count({ where: { editionId: s.edition.id } })).toBe(0);
    expect(await auditOf(s.edition.id)).toHaveLength(0);
  });
});

describe("reordering the waitlist", () => {
  type Page = { waitlist: { quotaId: string | null; line: { enrolmentId: string; email: string }[] }[] };
  const lineOf = async (editionId: string, cookie: string) => {
    const page = await runRoute(loader, {
      cookie,
      url: `http://localhost/gestione/edizioni/${editionId}/inserisci`,
      params: { editionId },
    });
    return (page.data as Page).waitlist[0]?.line.map((p) => p.email) ?? [];
  };

  it("moves one person with a reason, audited and told; freed seats then follow the new order", async () => {
    const s = await scenario(1);
    const seated = await createUser();
    expect((await enrol(seated.id, s.edition.id)).ok).toBe(true);
    const waiting = [];
    for (const name of ["a", "b", "c"]) {
      const u = await createUser({ email: `${unique(name)}@scuola.example.it` });
      const r = await enrol(u.id, s.edition.id);
      if (!r.ok) throw new Error("enrol");
      waiting.push({ ...u, enrolmentId: r.enrolmentId });
    }
    const [a, b, c] = waiting as [(typeof waiting)[0], (typeof waiting)[0], (typeof waiting)[0]];
    expect(await lineOf(s.edition.id, s.cookie)).toEqual([a.email, b.email, c.email]);

    const noReason = await post(s.edition.id, s.cookie, {
      intent: "sposta",
      enrolmentId: c.enrolmentId,
      position: "1",
    });
    expect(noReason.status).toBe(400);
    const seatedMove = await post(s.edition.id, s.cookie, {
      intent: "sposta",
      enrolmentId: (await prisma.enrolment.findFirstOrThrow({ where: { userId: seated.id } })).id,
      position: "1",
      reason: "Priorità per i neoassunti",
    });
    expect(seatedMove.status).toBe(404);
    const other = await createUser({ roles: [{ role: "referente-usr", regionCode: "lombardia" }] });
    const foreign = await post(s.edition.id, await cookieOf(other.id), {
      intent: "sposta",
      enrolmentId: c.enrolmentId,
      position: "1",
      reason: "Priorità per i neoassunti",
    });
    expect(foreign.status).toBe(403);
    expect(await lineOf(s.edition.id, s.cookie)).toEqual([a.email, b.email, c.email]);
    expect(await prisma.auditLog.count({ where: { entityId: s.edition.id, action: "lista-attesa-riordinata" } })).toBe(
      0,
    );

    const moved = await post(s.edition.id, s.cookie, {
      intent: "sposta",
      enrolmentId: c.enrolmentId,
      position: "1",
      reason: "Priorità per i neoassunti",
    });
    expect(moved.status).toBe(302);
    expect(moved.location).toBe(`/gestione/edizioni/${s.edition.id}/inserisci?spostato=1`);
    expect(await lineOf(s.edition.id, s.cookie)).toEqual([c.email, a.email, b.email]);
    const audit = await prisma.auditLog.findMany({
      where: { entityId: s.edition.id, action: "lista-attesa-riordinata" },
    });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      userId: c.id,
      from: 3,
      to: 1,
      reason: "Priorità per i neoassunti",
    });
    const notification = await prisma.notification.findFirstOrThrow({
      where: { userId: c.id, kind: "posizione-lista-attesa-modificata" },
    });
    expect(JSON.parse(notification.payload)).toMatchObject({ position: 1, reason: "Priorità per i neoassunti" });
    await sendAll();
    const mails = to(inbox, c.email).filter((m) => m.subject?.includes("posizione in lista d'attesa"));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("ora sei in posizione 1");
    expect(mails[0]!.text).toContain("Priorità per i neoassunti");

    // The freed seat goes to the person moved first.
    const seatedEnrolment = await prisma.enrolment.findFirstOrThrow({ where: { userId: seated.id } });
    expect((await cancelByTeacher(seated.id, seatedEnrolment.id)).ok).toBe(true);
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: c.enrolmentId } })).status).toBe("iscritto");
    expect(await lineOf(s.edition.id, s.cookie)).toEqual([a.email, b.email]);
  });
});

describe("raising the cap while placing in a full edition", () => {
  it("raises the cap by the edition page's rule and seats the teacher instead of the waitlist, audited", async () => {
    const s = await scenario(1);
    const first = await createUser();
    const waiting = await createUser();
    expect((await enrol(first.id, s.edition.id)).ok).toBe(true);
    expect((await enrol(waiting.id, s.edition.id)).ok).toBe(true);
    const page = await runRoute(loader, {
      cookie: s.cookie,
      url: `http://localhost/gestione/edizioni/${s.edition.id}/inserisci`,
      params: { editionId: s.edition.id },
    });
    expect(page.data).toMatchObject({ full: true, capRaisable: true });

    const placed = await post(s.edition.id, s.cookie, { intent: "inserisci", email: s.teacher.email, raiseCapTo: "2" });
    expect(placed.location).toBe(`/gestione/edizioni/${s.edition.id}/inserisci?inserito=iscritto`);
    const edition = await prisma.edition.findUniqueOrThrow({ where: { id: s.edition.id } });
    expect(edition).toMatchObject({ seatCap: 2, seatsTaken: 2 });
    // The new seat went to the teacher placed, not to the waitlist.
    expect((await prisma.enrolment.findFirstOrThrow({ where: { userId: waiting.id } })).status).toBe("in-attesa");
    const capAudit = await prisma.auditLog.findFirstOrThrow({
      where: { entityId: s.edition.id, action: "posti-modificati" },
    });
    expect(JSON.parse(capAudit.details)).toEqual({ from: 1, to: 2 });
    expect(JSON.parse((await auditOf(s.edition.id))[0]!.details)).toMatchObject({ seatCap: { from: 1, to: 2 } });
  });

  it("places a list up to the cap asked for, then the rest wait; a cancelled edition's cap is not raised", async () => {
    const s = await scenario(1);
    expect((await enrol((await createUser()).id, s.edition.id)).ok).toBe(true);
    const teachers = [s.teacher, await createUser(), await createUser()];
    const form = new FormData();
    form.append("intent", "inserisci-csv");
    form.append("emails", teachers.map((t) => t.email).join("\n"));
    form.append("raiseCapTo", "3");
    const done = await post(s.edition.id, s.cookie, form);
    const rows = (done.data as { csv: { done: { email: string; outcome: string }[] } }).csv.done;
    expect(rows.map((r) => r.outcome)).toEqual(["iscritto", "iscritto", "in-attesa"]);
    expect(await prisma.edition.findUniqueOrThrow({ where: { id: s.edition.id } })).toMatchObject({
      seatCap: 3,
      seatsTaken: 3,
    });

    const c = await scenario(1);
    expect((await enrol((await createUser()).id, c.edition.id)).ok).toBe(true);
    await prisma.edition.update({ where: { id: c.edition.id }, data: { status: "annullata" } });
    const refused = await post(c.edition.id, c.cookie, {
      intent: "inserisci",
      email: c.teacher.email,
      raiseCapTo: "2",
    });
    expect(refused.status).toBe(409);
    expect((await prisma.edition.findUniqueOrThrow({ where: { id: c.edition.id } })).seatCap).toBe(1);
  });
});

describe("the pool of the person previewed", () => {
  it("says whether the person's own pool is full: their region's reserved seats, else the general ones", async () => {
    // Cap 2 with a 1-seat Lazio quota: 1 general seat. T1 takes it: the general seats are full (the page's
    // notice), but a Lazio teacher still gets a reserved seat; once L1 holds it, the next Lazio teacher waits.
    const { organiser, edition } = await createOpenEdition({ seatCap: 2 });
    const scope = await managedEdition(organiser.id, edition.id);
    expect(await addQuota(scope, "lazio", 1)).toEqual({ ok: true });
    const [l1, l2] = await createTeachers(2, "lazio");
    const [t1, t2] = await createTeachers(2, "toscana");
    expect((await enrol(t1!.id, edition.id)).ok).toBe(true);
    const poolOf = async (email: string) => (await previewPlacement(edition.id, email)).pool;
    expect(await poolOf(l1!.email)).toEqual({ regionCode: "lazio", full: false });
    expect(await poolOf(t2!.email)).toEqual({ regionCode: null, full: true });
    expect((await enrol(l1!.id, edition.id)).ok).toBe(true);
    expect(await poolOf(l2!.email)).toEqual({ regionCode: "lazio", full: true });
    // Released, the quota is no pool: the Lazio teacher goes to the general seats.
    const quota = await prisma.editionQuota.findFirstOrThrow({ where: { editionId: edition.id } });
    expect(await releaseQuota(scope, quota.id)).toEqual({ ok: true });
    expect(await poolOf(l2!.email)).toEqual({ regionCode: null, full: true });
  });
});

describe("releasing a regional quota", () => {
  it("tells each teacher still waiting in its line that they now wait at the end of the general line, and where", async () => {
    // Cap 2, a 1-seat Lazio quota held by L1; L2 waits in the quota's line, T2 in the general line behind T1.
    const { organiser, edition } = await createOpenEdition({ seatCap: 2 });
    const scope = await managedEdition(organiser.id, edition.id);
    expect(await addQuota(scope, "lazio", 1)).toEqual({ ok: true });
    const [l1, l2] = await createTeachers(2, "lazio");
    const [t1, t2] = await createTeachers(2, "toscana");
    for (const teacher of [l1!, l2!, t1!, t2!]) expect((await enrol(teacher.id, edition.id)).ok).toBe(true);
    const quota = await prisma.editionQuota.findFirstOrThrow({ where: { editionId: edition.id } });
    await sendAll();
    expect(await releaseQuota(scope, quota.id)).toEqual({ ok: true });
    await sendAll();
    const told = to(inbox, l2!.email).filter((m) => m.subject?.includes("posizione in lista d'attesa"));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain("ha aperto a tutti i posti riservati alla tua regione");
    expect(told[0]!.text).toContain("ora sei in posizione 2");
    // Nobody else's place in line changed: no message to the general line or to the quota's seat holder.
    for (const other of [l1!, t1!, t2!]) {
      expect(to(inbox, other.email).filter((m) => m.subject?.includes("posizione in lista d'attesa"))).toEqual([]);
    }
  });
});
