// Placing a teacher in an edition that is already over (ADR 0098) against a real database (SQLite or
// PostgreSQL, DATABASE_URL) and a real SMTP server: while the register is open it records a participation
// after the fact (a seat or nothing, never a waitlist ticket, told without a calendar invitation); once the
// register is closed and the certificates issued, nobody is added.
import { describe, expect, it } from "vitest";
import { placeTeacher, placeTeachers, previewPlacements } from "../../app/models/placement.server.ts";
import * as placementRoute from "../../app/routes/gestione.edizioni.$editionId_.inserisci.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";
import { sendQueued, withFileMailbox } from "../support/file-mailbox.ts";
import { createOpenEdition, createUser, unique } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { managedEdition } from "../support/scopes.ts";
import { to, type Inbox } from "../support/smtp.ts";

let inbox: Inbox;
let mailer: Mailer;
withFileMailbox((started) => ({ inbox, mailer } = started));
const sendAll = () => sendQueued(mailer, "pa");

const action = placementRoute.action as unknown as Handler;
const loader = placementRoute.loader as unknown as Handler;
const DAY = 24 * 3600_000;

/** A Tuscan edition whose only session ended yesterday (its window closed days before), and its referent. */
async function endedEdition(seatCap: number | null) {
  const now = Date.now();
  const { edition } = await createOpenEdition({
    level: "regionale",
    regionCode: "toscana",
    seatCap,
    opensAt: new Date(now - 20 * DAY),
    closesAt: new Date(now - 5 * DAY),
    sessionStartsAt: new Date(now - DAY - 2 * 3600_000),
  });
  const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
  return { edition, referent, cookie: await cookieOf(referent.id) };
}

const teacher = () => createUser({ email: `${unique("walkin")}@scuola.example.it` });

/** Posts the page's form; "inserisci" carries the address its preview showed (the page's hidden field), the typed one. */
function post(editionId: string, cookie: string, form: Record<string, string>) {
  if (form.intent === "inserisci" && !("previewedEmail" in form)) form = { ...form, previewedEmail: form.email ?? "" };
  return runRoute(action, {
    cookie,
    url: `http://localhost/gestione/edizioni/${editionId}/inserisci`,
    params: { editionId },
    form,
  });
}

const pageOf = (editionId: string, cookie: string) =>
  runRoute(loader, { cookie, url: `http://localhost/gestione/edizioni/${editionId}/inserisci`, params: { editionId } });

const withOverride = (email: string) => ({
  intent: "inserisci",
  email,
  override: "on",
  reason: "Presente in aula senza iscrizione",
});

const calendarParts = (mail: { attachments: { contentType: string }[] }) =>
  mail.attachments.filter((a) => a.contentType.startsWith("text/calendar")).length;

describe("placing a teacher in an edition that is over, its register still open", () => {
  it("records the participation with a seat, told without a calendar invitation, audited as after the fact", async () => {
    const s = await endedEdition(2);
    expect((await pageOf(s.edition.id, s.cookie)).data).toMatchObject({ timing: "after-the-fact", full: false });
    const walkIn = await teacher();
    // The window is over: a requirement the organiser overrides with a reason, as before.
    const preview = await post(s.edition.id, s.cookie, { intent: "anteprima", email: walkIn.email });
    expect(preview.data).toMatchObject({ preview: { check: "not-eligible", reasons: ["window-closed"] } });

    const placed = await post(s.edition.id, s.cookie, withOverride(walkIn.email));
    expect(placed.location).toBe(`/gestione/edizioni/${s.edition.id}/inserisci?inserito=iscritto`);
    const enrolment = await prisma.enrolment.findFirstOrThrow({ where: { editionId: s.edition.id } });
    expect(enrolment).toMatchObject({ userId: walkIn.id, status: "iscritto", waitlistSeq: null });
    const notification = await prisma.notification.findFirstOrThrow({ where: { enrolmentId: enrolment.id } });
    expect(notification.kind).toBe("partecipazione-registrata");
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { entityType: "edition", entityId: s.edition.id, action: "partecipante-inserito" },
    });
    expect(JSON.parse(audit.details)).toMatchObject({ status: "iscritto", override: true, afterTheFact: true });

    await sendAll();
    const [mail, ...more] = to(inbox, walkIn.email);
    expect(more).toHaveLength(0);
    expect(mail!.subject).toContain("Partecipazione registrata");
    expect(mail!.text).toContain("già conclusa");
    expect(mail!.text).not.toContain("annulla l'iscrizione");
    expect(calendarParts(mail!)).toBe(0);
  });

  it("is not refused because the training is over: after the end that is the point (a window still open: found)", async () => {
    const now = Date.now();
    const { edition } = await createOpenEdition({
      level: "regionale",
      regionCode: "toscana",
      seatCap: 2,
      opensAt: new Date(now - 20 * DAY),
      closesAt: new Date(now + 5 * DAY),
      sessionStartsAt: new Date(now - DAY - 2 * 3600_000),
    });
    const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const cookie = await cookieOf(referent.id);
    const walkIn = await teacher();
    const preview = await post(edition.id, cookie, { intent: "anteprima", email: walkIn.email });
    expect(preview.data).toMatchObject({ preview: { check: "found", reasons: [] } });
    const placed = await post(edition.id, cookie, { intent: "inserisci", email: walkIn.email });
    expect(placed.location).toBe(`/gestione/edizioni/${edition.id}/inserisci?inserito=iscritto`);
  });

  it("gives a seat or nothing: a full edition takes nobody into its waitlist, unless the cap is raised", async () => {
    const s = await endedEdition(1);
    const [first, second] = [await teacher(), await teacher()];
    expect((await post(s.edition.id, s.cookie, withOverride(first.email))).status).toBe(302);
    expect((await pageOf(s.edition.id, s.cookie)).data).toMatchObject({ timing: "after-the-fact", full: true });

    const refused = await post(s.edition.id, s.cookie, withOverride(second.email));
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.data)).toContain("placement.error.ended-full");
    expect(await prisma.enrolment.count({ where: { editionId: s.edition.id, userId: second.id } })).toBe(0);
    const untouched = await prisma.edition.findUniqueOrThrow({ where: { id: s.edition.id } });
    expect(untouched).toMatchObject({ seatCap: 1, seatsTaken: 1, waitlistSeq: 0 });

    // Raising the cap for this teacher seats them.
    const raised = await post(s.edition.id, s.cookie, { ...withOverride(second.email), raiseCapTo: "2" });
    expect(raised.location).toBe(`/gestione/edizioni/${s.edition.id}/inserisci?inserito=iscritto`);
    expect(await prisma.edition.findUniqueOrThrow({ where: { id: s.edition.id } })).toMatchObject({
      seatCap: 2,
      seatsTaken: 2,
      waitlistSeq: 0,
    });

    // A list of addresses follows the same rule, row by row.
    const [third, fourth] = [await teacher(), await teacher()];
    const emails = [third.email, fourth.email];
    const preview = await previewPlacements(s.edition.id, emails);
    const rows = await placeTeachers(await managedEdition(s.referent.id, s.edition.id), {
      emails,
      override: true,
      notEligible: preview.filter((p) => p.check === "not-eligible").map((p) => p.email),
      reason: "Presenti in aula",
      raiseCapTo: 3,
    });
    expect(rows.map((r) => r.outcome)).toEqual(["iscritto", "ended-full"]);
    expect(await prisma.enrolment.count({ where: { editionId: s.edition.id, status: "in-attesa" } })).toBe(0);
  });

  it("still sends the calendar invitation for a place in an edition that has not ended", async () => {
    const { edition } = await createOpenEdition({ level: "regionale", regionCode: "toscana", seatCap: 5 });
    const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const placedTeacher = await createUser({
      email: `${unique("open")}@scuola.example.it`,
      regionCode: "toscana",
    });
    const outcome = await placeTeacher(await managedEdition(referent.id, edition.id), {
      email: placedTeacher.email,
      override: true,
      reason: "Richiesta della scuola",
    });
    expect(outcome).toMatchObject({ ok: true, status: "iscritto" });
    await sendAll();
    const [mail] = to(inbox, placedTeacher.email);
    expect(calendarParts(mail!)).toBe(1);
  });
});

describe("placing a teacher once the register is closed and the certificates issued", () => {
  it("adds nobody: the page says so and every action is refused with nothing written", async () => {
    const s = await endedEdition(5);
    await prisma.edition.update({
      where: { id: s.edition.id },
      data: { attendanceClosedAt: new Date(), attendanceClosedById: s.referent.id },
    });
    expect((await pageOf(s.edition.id, s.cookie)).data).toMatchObject({ timing: "register-closed" });
    const late = await teacher();
    for (const form of [{ intent: "anteprima", email: late.email }, withOverride(late.email)]) {
      const refused = await post(s.edition.id, s.cookie, form);
      expect(refused.status, form.intent).toBe(409);
      expect(JSON.stringify(refused.data)).toContain("placement.error.register-closed");
    }
    // The model refuses it too, whoever calls it.
    const direct = await placeTeacher(await managedEdition(s.referent.id, s.edition.id), {
      email: late.email,
      override: true,
      reason: "Presente in aula",
    });
    expect(direct).toEqual({ ok: false, reason: "register-closed" });
    expect(await prisma.enrolment.count({ where: { editionId: s.edition.id } })).toBe(0);
  });
});
