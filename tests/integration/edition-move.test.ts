// Moving a participant to another edition of the same event (issue 15, item 2), against a real
// database (SQLite or PostgreSQL, DATABASE_URL) and a real SMTP server: one transaction through the
// seat ledger (moveToEdition) that ends the old place as "spostato" with its history and attendance
// kept, gives its seat to the next in line, seats or waitlists the teacher in the target, audits
// both editions and tells the teacher. Refused with a typed reason, and nothing written, when the
// target is cancelled, closed, full without the waitlist, by application, of another event, or the
// place is not of this edition. Also through the edition page's action (the confirmation step).
import { describe, expect, it } from "vitest";
import { closeAccount } from "../../app/models/account-closure.server.ts";
import { cancelByTeacher, enrol } from "../../app/models/enrolment.server.ts";
import { changeEventStatus } from "../../app/models/event.server.ts";
import { moveToEdition } from "../../app/models/seat-ledger.server.ts";
import * as editionRoute from "../../app/routes/gestione.edizioni.$editionId.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";
import { renderEmail, parsePayload } from "../../emails/index.ts";
import { addEdition, createCertificate, createOpenEdition, createUser, unique } from "../support/factories.ts";
import { sendQueued, withFileMailbox } from "../support/file-mailbox.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { actorOf } from "../support/events.ts";
import { managedEdition } from "../support/scopes.ts";

const userWithRoles = (id: string) => prisma.user.findUniqueOrThrow({ where: { id }, include: { roles: true } });
import { alternativeCalendarsOf, calendarsOf, invitationOf, uid } from "../support/calendar-mail.ts";
import { to, type Inbox } from "../support/smtp.ts";

let inbox: Inbox;
let mailer: Mailer;

withFileMailbox((started) => ({ inbox, mailer } = started));

const seatsOf = async (editionId: string) =>
  (await prisma.edition.findUniqueOrThrow({ where: { id: editionId }, select: { seatsTaken: true } })).seatsTaken;

/** Edition 1 (cap `cap`) and edition 2 (cap `targetCap`) of one event, and the national unit's scope on edition 1. */
async function scenario(cap = 1, targetCap: number | null = 5, target: { status?: string; admission?: string } = {}) {
  const { organiser, event, edition } = await createOpenEdition({ seatCap: cap });
  const other = await addEdition(event.id, { seatCap: targetCap, ...target });
  return { organiser, event, edition, other, scope: await managedEdition(organiser.id, edition.id) };
}

async function seated(editionId: string, firstName = "Giulia") {
  const teacher = await createUser({ email: `${unique("move")}@scuola.example.it`, firstName });
  const r = await enrol(teacher.id, editionId);
  if (!r.ok) throw new Error(`enrol failed: ${JSON.stringify(r)}`);
  const place = await prisma.enrolment.findFirstOrThrow({ where: { editionId, userId: teacher.id } });
  return { teacher, place };
}

/** The seated teacher's place moved, seat for seat, to the scenario's other edition: the new place's id. */
async function movedToOther(s: Awaited<ReturnType<typeof scenario>>, placeId: string): Promise<string> {
  const r = await moveToEdition(s.scope, {
    enrolmentId: placeId,
    targetEditionId: s.other.id,
    waitlist: false,
    reason: null,
  });
  expect(r).toMatchObject({ ok: true, status: "iscritto" });
  if (!r.ok) throw new Error(`move refused: ${JSON.stringify(r)}`);
  return r.enrolmentId;
}

describe("moving a participant to another edition of the event", () => {
  it("ends the old place with its history, promotes the next in line, seats the teacher in the target, audits and tells", async () => {
    const s = await scenario(1, 5);
    const { teacher, place } = await seated(s.edition.id);
    const waiting = await seated(s.edition.id, "Luca");
    expect(waiting.place.status).toBe("in-attesa");
    // Attendance of the old place stays with it.
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: s.edition.id } });
    await prisma.attendanceRecord.create({
      data: { sessionId: session.id, enrolmentId: place.id, status: "presente", recordedById: s.organiser.id },
    });

    const r = await moveToEdition(s.scope, {
      enrolmentId: place.id,
      targetEditionId: s.other.id,
      waitlist: false,
      reason: "Richiesta della scuola",
    });
    expect(r).toMatchObject({ ok: true, status: "iscritto", waitlistPosition: null });
    if (!r.ok) return;

    const old = await prisma.enrolment.findUniqueOrThrow({ where: { id: place.id } });
    expect(old).toMatchObject({ status: "spostato", activeKey: null, reason: "Richiesta della scuola" });
    expect(old.endedAt).not.toBeNull();
    expect(await prisma.attendanceRecord.count({ where: { enrolmentId: place.id } })).toBe(1);
    const oldHistory = await prisma.enrolmentChange.findMany({
      where: { enrolmentId: place.id },
      orderBy: { at: "asc" },
    });
    expect(oldHistory.map((c) => `${c.fromStatus}>${c.toStatus}`)).toEqual(["null>iscritto", "iscritto>spostato"]);
    // The original confirmation stays with the old place.
    expect(await prisma.notification.count({ where: { enrolmentId: place.id, kind: "iscrizione-confermata" } })).toBe(
      1,
    );

    const moved = await prisma.enrolment.findUniqueOrThrow({ where: { id: r.enrolmentId } });
    expect(moved).toMatchObject({
      editionId: s.other.id,
      userId: teacher.id,
      status: "iscritto",
      movedFromId: place.id,
      activeKey: place.activeKey,
    });
    // The freed seat went to the next in line; the target counts its new seat.
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: waiting.place.id } })).status).toBe("iscritto");
    expect(await seatsOf(s.edition.id)).toBe(1);
    expect(await seatsOf(s.other.id)).toBe(1);

    const audit = await prisma.auditLog.findMany({
      where: {
        entityId: { in: [s.edition.id, s.other.id] },
        action: { in: ["partecipante-spostato", "partecipante-ricevuto"] },
      },
    });
    expect(audit.map((a) => `${a.entityId === s.edition.id ? "source" : "target"}:${a.action}`).sort()).toEqual([
      "source:partecipante-spostato",
      "target:partecipante-ricevuto",
    ]);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      userId: teacher.id,
      fromEnrolmentId: place.id,
      toEnrolmentId: r.enrolmentId,
      reason: "Richiesta della scuola",
    });
    expect(audit.every((a) => a.actorId === s.organiser.id)).toBe(true);
    // Both editions' pages show it in their change log, naming the teacher and the other edition.
    const logOf = async (editionId: string) => {
      const page = await runRoute(editionRoute.loader as Handler, {
        cookie: await cookieOf(s.organiser.id),
        url: `http://localhost/gestione/edizioni/${editionId}`,
        params: { editionId },
      });
      return (page.data as { audit: { rows: { action: string; details: Record<string, unknown> }[] } }).audit.rows;
    };
    const otherNumber = (await prisma.edition.findUniqueOrThrow({ where: { id: s.other.id } })).number;
    expect((await logOf(s.edition.id)).find((a) => a.action === "partecipante-spostato")?.details).toMatchObject({
      personName: `${teacher.firstName} ${teacher.lastName}`,
      toEditionNumber: otherNumber,
    });
    expect((await logOf(s.other.id)).find((a) => a.action === "partecipante-ricevuto")?.details).toMatchObject({
      personName: `${teacher.firstName} ${teacher.lastName}`,
      fromEditionNumber: s.edition.number,
    });

    await sendQueued(mailer, unique("mv"));
    const mails = to(inbox, teacher.email);
    const movedMail = mails.find((m) => m.subject?.includes("spostata"));
    expect(movedMail, mails.map((m) => m.subject).join(" | ")).toBeDefined();
    expect(movedMail!.text).toContain("edizione 2");
    expect(movedMail!.text).toContain("all'edizione 1 è terminata");
    expect(movedMail!.text).toContain("Motivo: Richiesta della scuola");
    // With a seat, the new edition's sessions come as the invitation, and the old edition's
    // sessions (in the teacher's calendar since the first confirmation) are cancelled by a message of
    // their own (one iTIP method per message, RFC 6047).
    const [oldSession, newSession] = await Promise.all([
      prisma.trainingSession.findFirstOrThrow({ where: { editionId: s.edition.id } }),
      prisma.trainingSession.findFirstOrThrow({ where: { editionId: s.other.id } }),
    ]);
    const invitation = invitationOf(movedMail!);
    expect(invitation.method).toBe("REQUEST");
    expect([...invitation.entries.keys()]).toEqual([uid(newSession.id)]);
    expect([...calendarsOf(movedMail!).values()].map((c) => c.method)).toEqual(["REQUEST", "REQUEST"]);
    const cancelMail = mails.find((m) => m.subject?.startsWith("Incontri tolti dal calendario"));
    expect(cancelMail, mails.map((m) => m.subject).join(" | ")).toBeDefined();
    expect(cancelMail!.text).toContain("edizione 1");
    const cancelled = invitationOf(cancelMail!);
    expect(cancelled.method).toBe("CANCEL");
    expect([...cancelled.entries.keys()]).toEqual([uid(oldSession.id)]);
    expect(cancelled.entries.get(uid(oldSession.id))).toMatchObject({ status: "CANCELLED" });
  });

  it("cancels the old edition's sessions one SEQUENCE above the invitation the teacher had, so calendars take the CANCEL", async () => {
    const s = await scenario(1, 5);
    const { teacher, place } = await seated(s.edition.id);
    const oldSession = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: s.edition.id } });
    // The confirmation leaves before the move, with the sessions as they are then.
    await sendQueued(mailer, unique("mv"));
    const confirmation = to(inbox, teacher.email).find((m) => invitationOf(m).method === "REQUEST")!;
    const requested = invitationOf(confirmation).entries.get(uid(oldSession.id))!.sequence;

    const r = await moveToEdition(s.scope, {
      enrolmentId: place.id,
      targetEditionId: s.other.id,
      waitlist: false,
      reason: null,
    });
    expect(r).toMatchObject({ ok: true, status: "iscritto" });
    await sendQueued(mailer, unique("mv"));
    // Outlook and Gmail act on a message's text/calendar alternative only, never on a further .ics attached.
    const acted = alternativeCalendarsOf(to(inbox, teacher.email).filter((m) => m !== confirmation));
    const cancels = acted.filter((c) => c.method === "CANCEL");
    expect(cancels).toHaveLength(1);
    expect([...cancels[0]!.entries.keys()]).toEqual([uid(oldSession.id)]);
    expect(cancels[0]!.entries.get(uid(oldSession.id))!.sequence).toBeGreaterThan(requested);
    expect(acted.filter((c) => c.method === "REQUEST").flatMap((c) => [...c.entries.keys()])).not.toContain(
      uid(oldSession.id),
    );
  });

  it("a move queued before the CANCEL went apart still carries it attached, named in the teacher's language", async () => {
    const s = await scenario(1, 5);
    const { teacher, place } = await seated(s.edition.id);
    await prisma.user.update({ where: { id: teacher.id }, data: { locale: "en" } });
    await sendQueued(mailer, unique("mv"));
    const before = to(inbox, teacher.email).length;
    const r = await moveToEdition(s.scope, {
      enrolmentId: place.id,
      targetEditionId: s.other.id,
      waitlist: false,
      reason: null,
    });
    expect(r).toMatchObject({ ok: true, status: "iscritto" });
    // As such a row was written: no "incontri-annullati", the move's payload without cancelledApart.
    await prisma.notification.deleteMany({ where: { enrolmentId: place.id, kind: "incontri-annullati" } });
    const moved = await prisma.notification.findFirstOrThrow({
      where: { kind: "spostato-di-edizione", userId: teacher.id },
    });
    const { cancelledApart: _apart, ...written } = JSON.parse(moved.payload) as Record<string, unknown>;
    await prisma.notification.update({ where: { id: moved.id }, data: { payload: JSON.stringify(written) } });
    await sendQueued(mailer, unique("mv"));
    const mails = to(inbox, teacher.email).slice(before);
    expect(mails).toHaveLength(1);
    const oldSession = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: s.edition.id } });
    const parts = calendarsOf(mails[0]!);
    expect([...parts.keys()].sort()).toEqual(["(alternative)", "cancelled-sessions.ics", "invitation.ics"]);
    expect(parts.get("invitation.ics")!.method).toBe("REQUEST");
    expect([...parts.get("cancelled-sessions.ics")!.entries.keys()]).toEqual([uid(oldSession.id)]);
  });

  it("a move's 'you have a seat there' that would leave after the teacher gave that seat up is not sent (ADR 0109); the old sessions' CANCEL is", async () => {
    const s = await scenario(1, 5);
    const { teacher, place } = await seated(s.edition.id);
    await sendQueued(mailer, unique("mv"));
    const before = to(inbox, teacher.email).length;
    const movedId = await movedToOther(s, place.id);
    // The move's message could not leave yet (SMTP down, a backlog); the teacher sees the move in
    // Le mie iscrizioni and gives the new seat up meanwhile.
    expect(await cancelByTeacher(teacher.id, movedId)).toEqual({ ok: true });
    await sendQueued(mailer, unique("mv"));
    const subjects = to(inbox, teacher.email)
      .slice(before)
      .map((m) => m.subject ?? "");
    expect(subjects.filter((x) => x.startsWith("La tua iscrizione è stata spostata"))).toEqual([]);
    expect(subjects.filter((x) => x.startsWith("Iscrizione annullata"))).toHaveLength(1);
    expect(subjects.filter((x) => x.startsWith("Incontri tolti dal calendario"))).toHaveLength(1);
    expect(
      await prisma.notification.findMany({
        where: { enrolmentId: movedId, kind: "spostato-di-edizione" },
        select: { deliveryStatus: true, lastError: true, sentAt: true },
      }),
    ).toEqual([{ deliveryStatus: "non-inviare", lastError: "posto-non-attuale", sentAt: null }]);
  });

  it("a move queued before the CANCEL went apart still leaves after the new seat was given up: it cancels the old sessions", async () => {
    const s = await scenario(1, 5);
    const { teacher, place } = await seated(s.edition.id);
    await sendQueued(mailer, unique("mv"));
    const before = to(inbox, teacher.email).length;
    const movedId = await movedToOther(s, place.id);
    // As such a row was written: no "incontri-annullati", the move's payload without cancelledApart.
    await prisma.notification.deleteMany({ where: { enrolmentId: place.id, kind: "incontri-annullati" } });
    const moved = await prisma.notification.findFirstOrThrow({
      where: { kind: "spostato-di-edizione", enrolmentId: movedId },
    });
    const { cancelledApart: _apart, ...written } = JSON.parse(moved.payload) as Record<string, unknown>;
    await prisma.notification.update({ where: { id: moved.id }, data: { payload: JSON.stringify(written) } });
    expect(await cancelByTeacher(teacher.id, movedId)).toEqual({ ok: true });
    await sendQueued(mailer, unique("mv"));
    const mails = to(inbox, teacher.email).slice(before);
    const move = mails.find((m) => m.subject?.startsWith("La tua iscrizione è stata spostata"));
    expect(move, mails.map((m) => m.subject).join(" | ")).toBeDefined();
    const oldSession = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: s.edition.id } });
    // The new seat is gone, so no REQUEST: the old sessions' CANCEL is the message's invitation.
    const cancel = invitationOf(move!);
    expect(cancel.method).toBe("CANCEL");
    expect([...cancel.entries.keys()]).toEqual([uid(oldSession.id)]);
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: moved.id } })).deliveryStatus).toBe("inviata");
  });

  it("puts the teacher on the target's waitlist when it is full and the organiser accepts it, or refuses and writes nothing", async () => {
    const s = await scenario(2, 1);
    const taken = await seated(s.other.id, "Anna");
    expect(taken.place.status).toBe("iscritto");
    const { teacher, place } = await seated(s.edition.id);

    const refused = await moveToEdition(s.scope, {
      enrolmentId: place.id,
      targetEditionId: s.other.id,
      waitlist: false,
      reason: null,
    });
    expect(refused).toEqual({ ok: false, reason: "target-full" });
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: place.id } })).status).toBe("iscritto");
    expect(await prisma.enrolment.count({ where: { editionId: s.other.id } })).toBe(1);
    expect(await seatsOf(s.edition.id)).toBe(1);

    const r = await moveToEdition(s.scope, {
      enrolmentId: place.id,
      targetEditionId: s.other.id,
      waitlist: true,
      reason: null,
    });
    expect(r).toMatchObject({ ok: true, status: "in-attesa", waitlistPosition: 1 });
    expect(await seatsOf(s.edition.id)).toBe(0);
    expect(await seatsOf(s.other.id)).toBe(1);
    const n = await prisma.notification.findFirstOrThrow({ where: { enrolmentId: r.ok ? r.enrolmentId : "" } });
    expect(n.kind).toBe("spostato-in-lista-attesa");
    const en = renderEmail(n.kind, parsePayload(n.payload), {
      locale: "en",
      contactEmail: "formazione@forma.example.it",
      origin: "https://forma.example.it",
      firstName: "Giulia",
    });
    expect(en.text).toContain("you are on its waiting list, in position 1");
    expect(en.text).toContain("Your place in edition 1 has ended");
    // The seat held in edition 1 put its sessions in the teacher's calendar: this email removes them
    // (no invitation for the target, where the teacher only waits).
    await sendQueued(mailer, unique("mv"));
    const waitMail = to(inbox, teacher.email).find((m) => m.subject?.startsWith("Sei in lista d'attesa"));
    expect(waitMail).toBeDefined();
    const oldSession = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: s.edition.id } });
    const removal = invitationOf(waitMail!);
    expect(removal.method).toBe("CANCEL");
    expect([...removal.entries.keys()]).toEqual([uid(oldSession.id)]);
  });

  it("refuses a cancelled, closed or by-application target, another event's edition and a place of another edition", async () => {
    for (const [target, reason] of [
      [{ status: "annullata" }, "edition-cancelled"],
      [{ status: "iscrizioni-chiuse" }, "edition-closed"],
      [{ admission: "candidatura" }, "by-application"],
    ] as const) {
      const s = await scenario(3, 5, target);
      const { place } = await seated(s.edition.id);
      expect(
        await moveToEdition(s.scope, {
          enrolmentId: place.id,
          targetEditionId: s.other.id,
          waitlist: true,
          reason: null,
        }),
      ).toEqual({ ok: false, reason });
      expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: place.id } })).status).toBe("iscritto");
      expect(await prisma.enrolment.count({ where: { editionId: s.other.id } })).toBe(0);
    }

    const s = await scenario(3, 5);
    const { place } = await seated(s.edition.id);
    const elsewhere = await createOpenEdition();
    expect(
      await moveToEdition(s.scope, {
        enrolmentId: place.id,
        targetEditionId: elsewhere.edition.id,
        waitlist: true,
        reason: null,
      }),
    ).toEqual({ ok: false, reason: "not-found" });
    // A place of the target edition named through this edition's scope.
    const there = await seated(s.other.id, "Paolo");
    expect(
      await moveToEdition(s.scope, {
        enrolmentId: there.place.id,
        targetEditionId: s.other.id,
        waitlist: true,
        reason: null,
      }),
    ).toEqual({ ok: false, reason: "not-found" });
    // A place behind a valid certificate stays where it was certified (the list offers no move for it).
    const certified = await seated(s.edition.id, "Chiara");
    await createCertificate({ enrolmentId: certified.place.id, userId: certified.teacher.id }, s.edition, {
      holderName: "Chiara Rossi",
      eventTitle: s.event.title,
      eventType: "webinar",
    });
    expect(
      await moveToEdition(s.scope, {
        enrolmentId: certified.place.id,
        targetEditionId: s.other.id,
        waitlist: true,
        reason: null,
      }),
    ).toEqual({ ok: false, reason: "has-certificate" });
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: certified.place.id } })).status).toBe("iscritto");
    // An ended place cannot move.
    await prisma.enrolment.update({ where: { id: place.id }, data: { status: "annullato", activeKey: null } });
    expect(
      await moveToEdition(s.scope, {
        enrolmentId: place.id,
        targetEditionId: s.other.id,
        waitlist: true,
        reason: null,
      }),
    ).toEqual({ ok: false, reason: "wrong-state" });
  });

  it("refuses to move the place a closed account keeps in an edition already over: it stays history", async () => {
    const { scope, edition, other } = await scenario(1, 5);
    const { teacher, place } = await seated(edition.id);
    // The edition is over: closing the account keeps its seat there (its history), releasing nothing.
    await prisma.edition.update({
      where: { id: edition.id },
      data: { startsOn: new Date(Date.now() - 2 * 86_400_000), endsOn: new Date(Date.now() - 86_400_000) },
    });
    expect(await closeAccount(teacher.id, teacher.id)).toEqual({ ok: true, releasedPlaces: 0 });
    expect(
      await moveToEdition(scope, { enrolmentId: place.id, targetEditionId: other.id, waitlist: true, reason: null }),
    ).toEqual({ ok: false, reason: "account-closed" });
    expect(await prisma.enrolment.count({ where: { userId: teacher.id, editionId: other.id } })).toBe(0);
    expect(await seatsOf(other.id)).toBe(0);
  });

  it("refuses a target whose training is over or whose certificates were issued, and the move step does not offer it", async () => {
    // Edition 2's only session ended an hour ago (the edition still "attiva": nobody closed it).
    const over = await scenario(3, 5);
    const { place } = await seated(over.edition.id);
    const past = new Date(Date.now() - 3 * 3600_000);
    await prisma.trainingSession.updateMany({
      where: { editionId: over.other.id },
      data: { startsAt: past, endsAt: new Date(past.getTime() + 2 * 3600_000) },
    });
    expect(
      await moveToEdition(over.scope, {
        enrolmentId: place.id,
        targetEditionId: over.other.id,
        waitlist: true,
        reason: null,
      }),
    ).toEqual({ ok: false, reason: "target-over" });
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: place.id } })).status).toBe("iscritto");
    expect(await prisma.enrolment.count({ where: { editionId: over.other.id } })).toBe(0);
    expect(await seatsOf(over.other.id)).toBe(0);

    // Edition 2's register was closed with certificates issued (its sessions still ahead).
    const certified = await scenario(3, 5);
    const second = await seated(certified.edition.id);
    await prisma.edition.update({ where: { id: certified.other.id }, data: { attendanceClosedAt: new Date() } });
    expect(
      await moveToEdition(certified.scope, {
        enrolmentId: second.place.id,
        targetEditionId: certified.other.id,
        waitlist: true,
        reason: null,
      }),
    ).toEqual({ ok: false, reason: "target-certified" });
    expect(await prisma.enrolment.count({ where: { editionId: certified.other.id } })).toBe(0);

    // The edition page's move step lists neither; a form sent anyway (an old page) gets the message.
    for (const s of [
      { scope: over, place },
      { scope: certified, place: second.place },
    ]) {
      const url = `http://localhost/gestione/edizioni/${s.scope.edition.id}?sposta=${s.place.id}`;
      const cookie = await cookieOf(s.scope.organiser.id);
      const params = { editionId: s.scope.edition.id };
      const step = await runRoute(editionRoute.loader as unknown as Handler, { cookie, url, params });
      expect((step.data as { moving: { targets: unknown[] } }).moving.targets).toEqual([]);
      const sent = await runRoute(editionRoute.action as unknown as Handler, {
        cookie,
        url,
        params,
        form: { intent: "move", enrolmentId: s.place.id, targetEditionId: s.scope.other.id, confirm: "yes" },
      });
      expect(sent.status).toBe(409);
      expect((sent.data as { error: string }).error).toMatch(
        s.scope === over ? /già conclusa: il suo ultimo incontro è terminato/ : /rilasciato gli attestati/,
      );
    }
  });

  it("refuses any move once the event is closed: its places are history", async () => {
    const { scope, edition, other, event, organiser } = await scenario(1, 5);
    const { place } = await seated(edition.id);
    expect(await changeEventStatus(actorOf(await userWithRoles(organiser.id)), event.id, "chiuso")).toEqual({
      ok: true,
    });
    expect(
      await moveToEdition(scope, { enrolmentId: place.id, targetEditionId: other.id, waitlist: true, reason: null }),
    ).toEqual({ ok: false, reason: "event-not-open" });
    expect(await prisma.enrolment.findUniqueOrThrow({ where: { id: place.id } })).toMatchObject({ status: "iscritto" });
    expect(await seatsOf(other.id)).toBe(0);
  });

  it("goes through the edition page's confirmation step, and a referent of another region cannot move anyone", async () => {
    const { event, edition } = await createOpenEdition({ level: "regionale", regionCode: "toscana", seatCap: 3 });
    const other = await addEdition(event.id, { seatCap: 3 });
    const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const stranger = await createUser({ roles: [{ role: "referente-usr", regionCode: "lazio" }] });
    const { place } = await seated(edition.id);
    const url = `http://localhost/gestione/edizioni/${edition.id}?sposta=${place.id}`;
    const action = editionRoute.action as unknown as Handler;
    const loader = editionRoute.loader as unknown as Handler;

    // The second step names the participant and the editions they may go to.
    const step = await runRoute(loader, {
      cookie: await cookieOf(referent.id),
      url,
      params: { editionId: edition.id },
    });
    const moving = (step.data as { moving: { place: { id: string }; targets: { id: string; free: number }[] } }).moving;
    expect(moving.place.id).toBe(place.id);
    expect(moving.targets).toEqual([expect.objectContaining({ id: other.id, free: 3 })]);

    const form = { intent: "move", enrolmentId: place.id, targetEditionId: other.id, confirm: "yes", waitlist: "on" };
    const foreign = await runRoute(action, {
      cookie: await cookieOf(stranger.id),
      url,
      params: { editionId: edition.id },
      form,
    });
    expect(foreign.status).toBe(403);
    const unconfirmed = await runRoute(action, {
      cookie: await cookieOf(referent.id),
      url,
      params: { editionId: edition.id },
      form: { ...form, confirm: "" },
    });
    expect(unconfirmed.status).toBe(400);
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: place.id } })).status).toBe("iscritto");

    const done = await runRoute(action, {
      cookie: await cookieOf(referent.id),
      url,
      params: { editionId: edition.id },
      form,
    });
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/gestione/edizioni/${edition.id}?spostato=iscritto`);
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: place.id } })).status).toBe("spostato");
    expect(
      await prisma.enrolment.count({ where: { editionId: other.id, movedFromId: place.id, status: "iscritto" } }),
    ).toBe(1);
  });
});
