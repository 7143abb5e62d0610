// Calendar invitations in enrolment emails and the reminder the day before a session, against a
// real database (SQLite or PostgreSQL, DATABASE_URL), a real SMTP server, and ical.js reading
// the attached invitation.
import { beforeAll, describe, expect, it } from "vitest";
import { eventInputFrom, twoWebinarsFields, type EventFormFields } from "../support/event-form-fields.ts";
import type { Actor } from "../../app/domain/permissions.ts";
import { cancelByTeacher, enrol, removeByOrganiser } from "../../app/models/enrolment.server.ts";
import { cancelEdition, changeEditionSettings } from "../../app/models/seat-ledger.server.ts";
import { changeEventStatus, updateEvent } from "../../app/models/event.server.ts";
import { writeSessionReminders } from "../../app/models/reminders.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { siteContacts } from "../../app/utils/site-contacts.server.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";
import { createOpenEdition, createUser, unique } from "../support/factories.ts";
import { createNationalUnit, publishEvent } from "../support/events.ts";
import { alternativeCalendarsOf, calendarsOf, invitationOf, uid } from "../support/calendar-mail.ts";
import { mailerFor, to, type Inbox } from "../support/smtp.ts";
import { sendQueued, TEST_MAIL_ORIGIN, withFileMailbox } from "../support/file-mailbox.ts";
import { deliverDue } from "../../app/models/outbox.server.ts";
import { managedEdition } from "../support/scopes.ts";

let inbox: Inbox;
let mailer: Mailer;
let national: Actor;

withFileMailbox((started) => ({ inbox, mailer } = started));
beforeAll(async () => {
  national = (await createNationalUnit()).actor;
});

/** Sends everything due, in batches, as a worker would. */
const sendAll = () => sendQueued(mailer, "inv");

type Fields = EventFormFields;
function fieldsFor(overrides: Fields = {}): Fields {
  return twoWebinarsFields(`Inviti ${unique("inv")}`, overrides);
}
/** The two webinars and a third, on 24 February 2027 at 15:00 (6 hours). */
function threeSessionsFields(): Fields {
  return fieldsFor({
    certifiedHours: "6",
    "editions[0].endsOn": "2027-02-24",
    "editions[0].sessions[2].startsAt": "2027-02-24T15:00",
    "editions[0].sessions[2].endsAt": "2027-02-24T17:00",
    "editions[0].sessions[2].delivery": "sincrona",
    "editions[0].sessions[2].hours": "2",
  });
}
async function publishedEvent() {
  const fields = fieldsFor();
  const { eventId, editions } = await publishEvent(national, fields);
  const edition = editions[0]!;
  return { eventId, fields, edition, sessions: edition.sessions };
}

const enrolmentIds = async (editionId: string) =>
  (await prisma.enrolment.findMany({ where: { editionId }, select: { id: true } })).map((e) => e.id);

describe("calendar invitations", () => {
  it("confirmation carries a REQUEST; a schedule change an updated REQUEST, once per teacher; cancelling a CANCEL", async () => {
    const { eventId, edition, sessions, fields } = await publishedEvent();
    const teachers = [await createUser(), await createUser()];
    for (const t of teachers) expect(await enrol(t.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    await sendAll();
    for (const t of teachers) {
      const mails = to(inbox, t.email);
      expect(mails).toHaveLength(1);
      const inv = invitationOf(mails[0]!);
      expect(inv.method).toBe("REQUEST");
      expect([...inv.entries.keys()].sort()).toEqual(sessions.map((s) => uid(s.id)).sort());
      expect(inv.entries.get(uid(sessions[0]!.id))).toMatchObject({ sequence: 0, status: "CONFIRMED" });
      expect(inv.attendees).toContain(`mailto:${t.email}`);
      // The confirmation states when (each session, Rome time) and where (the room link).
      expect(mails[0]!.text).toContain("Incontri (ora italiana):");
      expect(mails[0]!.text).toMatch(/• \S+ \d{1,2}°? febbraio 2027, \d{2}:\d{2}–\d{2}:\d{2}/);
      expect(mails[0]!.text).toMatch(/Link della stanza online: https?:\/\//);
      // The text/calendar alternative says its method, so mail clients offer to add it.
      expect(mails[0]!.attachments.some((a) => a.contentType === "text/calendar")).toBe(true);
    }

    // Move the first session one hour later.
    const edited = eventInputFrom({
      ...fields,
      "editions[0].id": edition.id,
      "editions[0].sessions[0].id": sessions[0]!.id,
      "editions[0].sessions[1].id": sessions[1]!.id,
      "editions[0].sessions[0].startsAt": "2027-02-10T16:00",
      "editions[0].sessions[0].endsAt": "2027-02-10T18:00",
    });
    expect(await updateEvent(national, eventId, edited)).toEqual({ ok: true, eventId });
    // Saving the same thing again changes nothing and tells nobody again.
    expect(await updateEvent(national, eventId, edited)).toEqual({ ok: true, eventId });
    const changed = await prisma.notification.findMany({
      where: { kind: "edizione-modificata", enrolmentId: { in: await enrolmentIds(edition.id) } },
    });
    expect(changed.map((n) => n.userId).sort()).toEqual(teachers.map((t) => t.id).sort());
    await sendAll();
    await sendAll();
    for (const t of teachers) {
      const mails = to(inbox, t.email).filter((m) => m.subject?.startsWith("Edizione aggiornata"));
      expect(mails).toHaveLength(1);
      // Which session moved, before and now, ahead of the edition as it is now (the untouched
      // second session is not named as moved).
      expect(mails[0]!.text).toContain(
        "Incontro spostato (ora italiana):\n\n• era mercoledì 10 febbraio 2027, 15:00–17:00, ora mercoledì 10 febbraio 2027, 16:00–18:00",
      );
      expect(mails[0]!.text).not.toContain("era mercoledì 17 febbraio");
      // The edition as it is now: the moved session with its new times, and the room link.
      expect(mails[0]!.text).toContain("• mercoledì 10 febbraio 2027, 16:00–18:00");
      expect(mails[0]!.text).toMatch(/Link della stanza online: https?:\/\//);
      const inv = invitationOf(mails[0]!);
      expect(inv.method).toBe("REQUEST");
      expect(inv.entries.get(uid(sessions[0]!.id))).toMatchObject({ sequence: 1, status: "CONFIRMED" });
      expect(inv.entries.get(uid(sessions[0]!.id))!.start.toISOString()).toBe("2027-02-10T15:00:00.000Z");
      expect(inv.entries.get(uid(sessions[1]!.id))).toMatchObject({ sequence: 0 });
    }

    await cancelEdition(await managedEdition(national.userId, edition.id), "Formatore indisponibile");
    await sendAll();
    for (const t of teachers) {
      const mails = to(inbox, t.email).filter((m) => m.subject?.startsWith("Edizione annullata"));
      expect(mails).toHaveLength(1);
      const inv = invitationOf(mails[0]!);
      expect(inv.method).toBe("CANCEL");
      expect([...inv.entries.keys()].sort()).toEqual(sessions.map((s) => uid(s.id)).sort());
      for (const entry of inv.entries.values()) expect(entry.status).toBe("CANCELLED");
      // RFC 5546: a CANCEL carries a SEQUENCE higher than the last REQUEST (1 and 0 here).
      expect(inv.entries.get(uid(sessions[0]!.id))!.sequence).toBe(2);
      expect(inv.entries.get(uid(sessions[1]!.id))!.sequence).toBe(1);
    }
  });

  it("cancelling the whole event sends a CANCEL too; an edition with nobody enrolled tells nobody", async () => {
    const { eventId, edition, sessions, fields } = await publishedEvent();
    const teacher = await createUser();
    expect(await enrol(teacher.id, edition.id)).toMatchObject({ ok: true });
    await sendAll();
    expect(await changeEventStatus(national, eventId, "annullato", "Sede non disponibile")).toEqual({ ok: true });
    await sendAll();
    const cancel = to(inbox, teacher.email).find((m) => m.subject?.startsWith("Edizione annullata"))!;
    const inv = invitationOf(cancel);
    expect(inv.method).toBe("CANCEL");
    expect(inv.entries.get(uid(sessions[1]!.id))).toMatchObject({ status: "CANCELLED" });

    const empty = await publishedEvent();
    const moved = eventInputFrom({
      ...empty.fields,
      "editions[0].id": empty.edition.id,
      "editions[0].sessions[0].id": empty.sessions[0]!.id,
      "editions[0].sessions[1].id": empty.sessions[1]!.id,
      "editions[0].sessions[0].startsAt": "2027-02-10T09:00",
      "editions[0].sessions[0].endsAt": "2027-02-10T11:00",
    });
    expect(await updateEvent(national, empty.eventId, moved)).toMatchObject({ ok: true });
    expect(
      await prisma.notification.count({
        where: { kind: "edizione-modificata", enrolmentId: { in: await enrolmentIds(empty.edition.id) } },
      }),
    ).toBe(0);
    void fields;
  });
});

describe("a session added to an edition", () => {
  it("tells its participants once, with the invitation that now holds the new session", async () => {
    // The new session was written and nobody was told: their calendars kept two sessions of three.
    const { eventId, edition, sessions, fields } = await publishedEvent();
    const teacher = await createUser();
    expect(await enrol(teacher.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    await sendAll();
    const added = eventInputFrom({
      ...fields,
      certifiedHours: "6",
      "editions[0].id": edition.id,
      "editions[0].sessions[0].id": sessions[0]!.id,
      "editions[0].sessions[1].id": sessions[1]!.id,
      "editions[0].sessions[2].startsAt": "2027-02-16T15:00",
      "editions[0].sessions[2].endsAt": "2027-02-16T17:00",
      "editions[0].sessions[2].delivery": "sincrona",
      "editions[0].sessions[2].hours": "2",
    });
    expect(await updateEvent(national, eventId, added)).toEqual({ ok: true, eventId });
    await sendAll();
    const mails = to(inbox, teacher.email).filter((m) => m.subject?.startsWith("Edizione aggiornata"));
    expect(mails).toHaveLength(1);
    const inv = invitationOf(mails[0]!);
    expect(inv.method).toBe("REQUEST");
    expect(inv.entries.size).toBe(3);
    expect(mails[0]!.text).toContain("martedì 16 febbraio 2027, 15:00–17:00");
  });
});

describe("the cancellation cut-off when sessions move earlier", () => {
  it("never stays after the first session: it goes back to the default, until the first session starts", async () => {
    const { eventId, edition, sessions, fields } = await publishedEvent();
    const scope = await managedEdition(national.userId, edition.id);
    // Teachers may cancel until 9 February, 12:00; the first session is on the 10th at 15:00.
    expect(
      await changeEditionSettings(scope, {
        promotionMode: "automatica",
        offerHours: 48,
        cancellationCutoffAt: new Date("2027-02-09T11:00:00Z"),
      }),
    ).toEqual({ ok: true });
    const earlier = eventInputFrom({
      ...fields,
      "editions[0].startsOn": "2027-02-08",
      "editions[0].id": edition.id,
      "editions[0].sessions[0].id": sessions[0]!.id,
      "editions[0].sessions[1].id": sessions[1]!.id,
      "editions[0].sessions[0].startsAt": "2027-02-08T15:00",
      "editions[0].sessions[0].endsAt": "2027-02-08T17:00",
    });
    expect(await updateEvent(national, eventId, earlier)).toEqual({ ok: true, eventId });
    expect((await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).cancellationCutoffAt).toBeNull();
  });
});

describe("the cancellation deadline in seat emails", () => {
  /** One seat, automatic promotion, one session on 10 March 2027 at 15:00 in Rome: a teacher seated, one waiting. */
  async function seatedAndWaiting(cancellationCutoffAt: Date | null) {
    const opened = await createOpenEdition({
      seatCap: 1,
      sessionStartsAt: new Date("2027-03-10T14:00:00Z"),
      cancellationCutoffAt,
    });
    const [seated, waiting] = [await createUser(), await createUser()];
    const held = await enrol(seated.id, opened.edition.id);
    expect(held).toMatchObject({ ok: true, status: "iscritto" });
    expect(await enrol(waiting.id, opened.edition.id)).toMatchObject({ ok: true, status: "in-attesa" });
    await sendAll();
    const scope = await managedEdition(opened.organiser.id, opened.edition.id);
    return { seated, waiting, seatedPlace: (held as { enrolmentId: string }).enrolmentId, scope };
  }
  /** The outbox as it runs at `now`. */
  const sendAt = (now: Date) => deliverDue({ mailer, now, instanceId: unique("annullo"), origin: TEST_MAIL_ORIGIN });

  it("states the organiser's cut-off while it lies ahead, and after it says the seat can no longer be cancelled", async () => {
    const { seated, waiting, seatedPlace, scope } = await seatedAndWaiting(new Date("2027-03-08T11:00:00Z"));
    await prisma.user.update({ where: { id: waiting.id }, data: { locale: "en" } });
    const [confirmed] = to(inbox, seated.email).filter((m) => m.subject?.startsWith("Iscrizione confermata"));
    expect(confirmed!.text).toContain(
      "Se non potrai partecipare, annulla l'iscrizione entro il 08/03/2027, 12:00 (ora italiana): il posto potrà passare a chi è in lista d'attesa.",
    );

    // On 9 March, past the cut-off, the organiser removes the seated teacher: the next in line is promoted.
    const removedAt = new Date("2027-03-09T09:00:00Z");
    expect(await removeByOrganiser(scope, seatedPlace, "Assenza comunicata", removedAt)).toEqual({ ok: true });
    await sendAt(new Date(removedAt.getTime() + 60_000));
    const [promoted] = to(inbox, waiting.email).filter((m) => m.subject?.startsWith("You have a place"));
    for (const part of [promoted!.text, promoted!.html]) {
      expect(part).not.toContain("please cancel your enrolment");
      expect(part).toContain(
        "The deadline to cancel your enrolment passed on 8 March 2027 at 12:00 (Italian time): it can no longer be cancelled.",
      );
      expect(part).toContain(siteContacts().email);
    }
  });

  it("a seat given after the first session started does not invite a cancellation the teacher cannot make", async () => {
    const { waiting, seatedPlace, scope } = await seatedAndWaiting(null);
    // Half an hour into the session the organiser removes a no-show: automatic promotion goes on.
    const removedAt = new Date("2027-03-10T14:30:00Z");
    expect(await removeByOrganiser(scope, seatedPlace, "Assente", removedAt)).toEqual({ ok: true });
    await sendAt(new Date(removedAt.getTime() + 60_000));
    const [promoted] = to(inbox, waiting.email).filter((m) => m.subject?.startsWith("Hai un posto"));
    expect(promoted!.text).not.toContain("annulla l'iscrizione");
    expect(promoted!.text).toContain(
      "Il termine per annullare l'iscrizione è scaduto il 10/03/2027, 15:00 (ora italiana): non è più possibile annullarla.",
    );
    expect(promoted!.html).not.toContain("annulla l&#39;iscrizione");
  });

  it("a seat email leaving after the register records the teacher present says the seat can no longer be given up", async () => {
    // The confirmation waited in the outbox (a relay down) while the teacher checked in, 15 minutes before the start:
    // the seat cannot be cancelled any more (ADR 0011, 07/12/2026), so the email does not invite it.
    const opened = await createOpenEdition({ seatCap: 1, sessionStartsAt: new Date("2027-03-10T14:00:00Z") });
    const teacher = await createUser();
    const held = await enrol(teacher.id, opened.edition.id);
    expect(held).toMatchObject({ ok: true, status: "iscritto" });
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: opened.edition.id } });
    await prisma.attendanceRecord.create({
      data: {
        sessionId: session.id,
        enrolmentId: (held as { enrolmentId: string }).enrolmentId,
        status: "presente",
        source: "check-in",
      },
    });
    await sendAt(new Date("2027-03-10T13:45:00Z"));
    const [confirmed] = to(inbox, teacher.email).filter((m) => m.subject?.startsWith("Iscrizione confermata"));
    expect(confirmed!.text).toContain(
      `Il registro ti indica già presente a un incontro di questa edizione: l'iscrizione non si può più annullare. Se non puoi continuare il corso, scrivi a ${siteContacts().email}.`,
    );
    expect(confirmed!.text).not.toContain("annulla l'iscrizione entro");
  });
});

/** The form without session `index` of the first edition, renumbering the ones after it. */
function withoutSession(fields: Fields, index: number): Fields {
  const out: Fields = {};
  for (const [name, value] of Object.entries(fields)) {
    const m = /^editions\[0\]\.sessions\[(\d+)\]\.(.*)$/.exec(name);
    if (!m) out[name] = value;
    else if (Number(m[1]) !== index)
      out[`editions[0].sessions[${Number(m[1]) > index ? Number(m[1]) - 1 : Number(m[1])}].${m[2]}`] = value;
  }
  return out;
}

describe("the invitation's organizer", () => {
  it("is the address the email comes from (MAIL_FROM), so readers that check ORGANIZER against From accept it", async () => {
    const from = "Formazione USR Toscana <formazione@usr-toscana.example.it>";
    const usrMailer = mailerFor(inbox.port, { from });
    try {
      const { edition } = await publishedEvent();
      const teacher = await createUser();
      expect(await enrol(teacher.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
      await sendQueued(usrMailer, unique("org"));
      const [mail] = to(inbox, teacher.email);
      expect(mail!.from!.value[0]!.address).toBe("formazione@usr-toscana.example.it");
      const inv = invitationOf(mail!);
      expect(inv.method).toBe("REQUEST");
      expect(new Set(inv.organizers)).toEqual(new Set(["mailto:formazione@usr-toscana.example.it"]));
    } finally {
      usrMailer.close();
    }
  });
});

describe("cancellations in invitations", () => {
  it("a teacher leaving gets a CANCEL one SEQUENCE above the REQUEST; enrolling again, a REQUEST not older than it", async () => {
    const { edition, sessions } = await publishedEvent();
    const teacher = await createUser();
    const enrolled = await enrol(teacher.id, edition.id);
    if (!enrolled.ok) throw new Error("enrol failed");
    await sendAll();
    expect(invitationOf(to(inbox, teacher.email)[0]!).entries.get(uid(sessions[0]!.id))).toMatchObject({ sequence: 0 });
    expect(await cancelByTeacher(teacher.id, enrolled.enrolmentId)).toEqual({ ok: true });
    await sendAll();
    const cancel = invitationOf(to(inbox, teacher.email).find((m) => m.subject?.startsWith("Iscrizione annullata"))!);
    expect(cancel.method).toBe("CANCEL");
    for (const s of sessions) expect(cancel.entries.get(uid(s.id))).toMatchObject({ sequence: 1, status: "CANCELLED" });

    expect(await enrol(teacher.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    await sendAll();
    const again = to(inbox, teacher.email).filter((m) => m.subject?.startsWith("Iscrizione confermata"));
    expect(again).toHaveLength(2);
    const request = invitationOf(again[1]!);
    expect(request.method).toBe("REQUEST");
    for (const s of sessions) expect(request.entries.get(uid(s.id))!.sequence).toBeGreaterThanOrEqual(1);
  });

  it("a teacher who only waited (never had the sessions) gets no CANCEL: leaving the list or the edition cancelled", async () => {
    const { edition } = await createOpenEdition({ seatCap: 1 });
    const seated = await createUser();
    expect(await enrol(seated.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    const leaving = await createUser();
    const waiting = await createUser();
    const left = await enrol(leaving.id, edition.id);
    expect(left).toMatchObject({ ok: true, status: "in-attesa" });
    expect(await enrol(waiting.id, edition.id)).toMatchObject({ ok: true, status: "in-attesa" });
    if (!left.ok) return;
    expect(await cancelByTeacher(leaving.id, left.enrolmentId)).toEqual({ ok: true });
    await cancelEdition(await managedEdition(national.userId, edition.id), "Formatore indisponibile");
    await sendAll();
    const calendarParts = (email: string) =>
      to(inbox, email).flatMap((m) =>
        m.attachments.filter((a) => a.contentType.startsWith("text/calendar") || a.filename?.endsWith(".ics")),
      );
    const leftMail = to(inbox, leaving.email).find((m) => m.subject?.startsWith("Iscrizione annullata"));
    expect(leftMail).toBeDefined();
    expect(calendarParts(leaving.email)).toEqual([]);
    expect(to(inbox, waiting.email).some((m) => m.subject?.startsWith("Edizione annullata"))).toBe(true);
    expect(calendarParts(waiting.email)).toEqual([]);
    // The seated teacher had the REQUEST: the cancellation removes the sessions.
    const seatedCancel = to(inbox, seated.email).find((m) => m.subject?.startsWith("Edizione annullata"))!;
    expect(invitationOf(seatedCancel).method).toBe("CANCEL");
  });

  it("a confirmation or a seat from the waiting list that would leave after the teacher gave the place up is not sent", async () => {
    const { edition } = await createOpenEdition({ seatCap: 1 });
    const teacher = await createUser();
    const enrolled = await enrol(teacher.id, edition.id);
    if (!enrolled.ok) throw new Error("enrol failed");
    const waiting = await createUser();
    const inLine = await enrol(waiting.id, edition.id);
    if (!inLine.ok || inLine.status !== "in-attesa") throw new Error("not on the waiting list");
    // The confirmation could not leave yet (SMTP down, retried later); the teacher cancels meanwhile, the
    // seat goes to the one waiting ("promosso"), who gives it up before that message leaves too.
    await prisma.notification.updateMany({
      where: { enrolmentId: enrolled.enrolmentId, kind: "iscrizione-confermata" },
      data: { nextAttemptAt: new Date(Date.now() + 60_000) },
    });
    expect(await cancelByTeacher(teacher.id, enrolled.enrolmentId)).toEqual({ ok: true });
    expect(await prisma.enrolment.findUniqueOrThrow({ where: { id: inLine.enrolmentId } })).toMatchObject({
      status: "iscritto",
    });
    expect(await cancelByTeacher(waiting.id, inLine.enrolmentId)).toEqual({ ok: true });
    await sendAll();
    await deliverDue({
      mailer,
      now: new Date(Date.now() + 120_000),
      instanceId: unique("late"),
      origin: TEST_MAIL_ORIGIN,
    });
    // Each hears that the place ended, never that it is theirs.
    const subjects = (email: string) => to(inbox, email).map((m) => m.subject ?? "");
    expect(subjects(teacher.email).filter((s) => s.startsWith("Iscrizione annullata"))).toHaveLength(1);
    expect(subjects(teacher.email).filter((s) => s.startsWith("Iscrizione confermata"))).toEqual([]);
    expect(subjects(waiting.email).filter((s) => s.startsWith("Iscrizione annullata"))).toHaveLength(1);
    expect(subjects(waiting.email).filter((s) => s.startsWith("Hai un posto"))).toEqual([]);
    const held = await prisma.notification.findMany({
      where: {
        OR: [
          { enrolmentId: enrolled.enrolmentId, kind: "iscrizione-confermata" },
          { enrolmentId: inLine.enrolmentId, kind: "promosso" },
        ],
      },
      select: { kind: true, deliveryStatus: true, lastError: true, sentAt: true },
      orderBy: { kind: "asc" },
    });
    expect(held).toEqual([
      { kind: "iscrizione-confermata", deliveryStatus: "non-inviare", lastError: "posto-non-attuale", sentAt: null },
      { kind: "promosso", deliveryStatus: "non-inviare", lastError: "posto-non-attuale", sentAt: null },
    ]);
  });

  it("an edition change that would leave after the place ended is not sent: the cancellation is the true message", async () => {
    const { eventId, edition, sessions, fields } = await publishedEvent();
    const teacher = await createUser();
    const enrolled = await enrol(teacher.id, edition.id);
    if (!enrolled.ok) throw new Error("enrol failed");
    await sendAll();
    // The organiser moves the first session ("Edizione aggiornata … la tua iscrizione resta valida" queued);
    // the teacher cancels before it leaves (a backlog, an SMTP outage, a bulk retry).
    const edited = eventInputFrom({
      ...fields,
      "editions[0].id": edition.id,
      "editions[0].sessions[0].id": sessions[0]!.id,
      "editions[0].sessions[1].id": sessions[1]!.id,
      "editions[0].sessions[0].startsAt": "2027-02-10T16:00",
      "editions[0].sessions[0].endsAt": "2027-02-10T18:00",
    });
    expect(await updateEvent(national, eventId, edited)).toEqual({ ok: true, eventId });
    expect(await cancelByTeacher(teacher.id, enrolled.enrolmentId)).toEqual({ ok: true });
    await sendAll();
    const subjects = to(inbox, teacher.email).map((m) => m.subject ?? "");
    expect(subjects.filter((s) => s.startsWith("Iscrizione annullata"))).toHaveLength(1);
    expect(subjects.filter((s) => s.startsWith("Edizione aggiornata"))).toEqual([]);
    expect(
      await prisma.notification.findMany({
        where: { enrolmentId: enrolled.enrolmentId, kind: "edizione-modificata" },
        select: { deliveryStatus: true, lastError: true, sentAt: true },
      }),
    ).toEqual([{ deliveryStatus: "non-inviare", lastError: "posto-non-attuale", sentAt: null }]);
  });

  it("a waiting-list message that would leave after the place stopped waiting is not sent", async () => {
    const { edition } = await createOpenEdition({ seatCap: 1 });
    const [seated, waiting] = [await createUser(), await createUser()];
    const first = await enrol(seated.id, edition.id);
    if (!first.ok) throw new Error("enrol failed");
    const inLine = await enrol(waiting.id, edition.id);
    if (!inLine.ok || inLine.status !== "in-attesa") throw new Error("not on the waiting list");
    // "Sei in lista d'attesa" is still queued when the seat frees and goes to the one waiting.
    expect(await cancelByTeacher(seated.id, first.enrolmentId)).toEqual({ ok: true });
    expect(await prisma.enrolment.findUniqueOrThrow({ where: { id: inLine.enrolmentId } })).toMatchObject({
      status: "iscritto",
    });
    await sendAll();
    const subjects = to(inbox, waiting.email).map((m) => m.subject ?? "");
    expect(subjects.filter((s) => s.startsWith("Hai un posto"))).toHaveLength(1);
    expect(subjects.filter((s) => s.startsWith("Sei in lista d'attesa"))).toEqual([]);
    expect(
      await prisma.notification.findMany({
        where: { enrolmentId: inLine.enrolmentId, kind: "inserito-in-lista-attesa" },
        select: { deliveryStatus: true, lastError: true, sentAt: true },
      }),
    ).toEqual([{ deliveryStatus: "non-inviare", lastError: "attesa-non-attuale", sentAt: null }]);
  });

  it("names the attached invitation in the recipient's language", async () => {
    const { edition } = await publishedEvent();
    const [italian, english] = [await createUser(), await createUser()];
    await prisma.user.update({ where: { id: english.id }, data: { locale: "en" } });
    for (const t of [italian, english]) expect(await enrol(t.id, edition.id)).toMatchObject({ ok: true });
    await sendAll();
    const files = (email: string) =>
      to(inbox, email).flatMap((m) => m.attachments.flatMap((a) => (a.filename ? [a.filename] : [])));
    expect(files(italian.email)).toEqual(["invito.ics"]);
    expect(files(english.email)).toEqual(["invitation.ics"]);
  });

  it("a deleted session is cancelled by a message of its own, whose text/calendar part is the CANCEL; with a move too, the REQUEST goes in the update", async () => {
    const three = threeSessionsFields();
    const created = await publishEvent(national, three);
    const edition = created.editions[0]!;
    const [a, b, c] = edition.sessions;
    const teachers = [await createUser(), await createUser()];
    for (const t of teachers) expect(await enrol(t.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    await sendAll();
    const seen = new Map(teachers.map((t) => [t.email, to(inbox, t.email).length]));
    const since = (email: string) => to(inbox, email).slice(seen.get(email));
    const stored: Fields = { ...three, "editions[0].id": edition.id };
    [a, b, c].forEach((s, i) => (stored[`editions[0].sessions[${i}].id`] = s!.id));

    // Only a deletion: one message, whose CANCEL for b is what calendars act on.
    const withoutB = { ...withoutSession(stored, 1), certifiedHours: "4" };
    expect(await updateEvent(national, created.eventId, eventInputFrom(withoutB))).toEqual({
      ok: true,
      eventId: created.eventId,
    });
    await sendAll();
    for (const t of teachers) {
      const mails = since(t.email);
      expect(mails.map((m) => m.subject?.split(":")[0])).toEqual(["Incontri annullati"]);
      expect(mails[0]!.text).toContain("L'organizzazione ha annullato questi incontri di");
      expect(mails[0]!.text).toContain("17/02/2027, 15:00 (ora italiana)");
      const main = invitationOf(mails[0]!);
      expect(main.method).toBe("CANCEL");
      expect([...main.entries.keys()]).toEqual([uid(b!.id)]);
      expect(main.entries.get(uid(b!.id))).toMatchObject({ sequence: 1, status: "CANCELLED" });
      seen.set(t.email, to(inbox, t.email).length);
    }

    // A move of a and the deletion of c in one save (renamed too): the update carries the REQUEST for a,
    // and c's CANCEL comes in a message of its own, each as the text/calendar part calendars act on.
    const renamed = `${three.title} (rinviato)`;
    const movedWithoutC = eventInputFrom({
      ...withoutSession(withoutB, 1),
      title: renamed,
      certifiedHours: "2",
      "editions[0].sessions[0].startsAt": "2027-02-10T16:00",
      "editions[0].sessions[0].endsAt": "2027-02-10T18:00",
    });
    expect(await updateEvent(national, created.eventId, movedWithoutC)).toEqual({ ok: true, eventId: created.eventId });
    await sendAll();
    for (const t of teachers) {
      const mails = since(t.email);
      const acted = alternativeCalendarsOf(mails);
      expect(acted.map((x) => x.method).sort()).toEqual(["CANCEL", "REQUEST"]);
      expect(mails.map((m) => m.subject?.split(":")[0]).sort()).toEqual(["Edizione aggiornata", "Incontri annullati"]);
      for (const m of mails) expect(m.subject).toContain(renamed);
      const request = acted.find((x) => x.method === "REQUEST")!;
      expect([...request.entries.keys()]).toEqual([uid(a!.id)]);
      expect(request.entries.get(uid(a!.id))).toMatchObject({ sequence: 1, status: "CONFIRMED" });
      const cancel = acted.find((x) => x.method === "CANCEL")!;
      expect([...cancel.entries.keys()]).toEqual([uid(c!.id)]);
      expect(cancel.entries.get(uid(c!.id))).toMatchObject({ sequence: 1, status: "CANCELLED" });
      // Each message carries one method: no further calendar attached beside its invitation.
      for (const m of mails) expect(new Set([...calendarsOf(m).values()].map((x) => x.method)).size).toBe(1);
      const update = mails.find((m) => m.subject?.startsWith("Edizione aggiornata"))!;
      expect(update.text).toContain("Questi incontri sono stati annullati:");
      expect(update.text).toContain("un messaggio a parte");
    }
  });

  it("deleting a session is announced even when the sessions left are the ones of an earlier announcement", async () => {
    // Delete c, add a make-up session d, delete d: the sessions left are a and b at the sequences
    // already announced after deleting c. The change's key named only those, so the third change
    // found its notification "already written": no email, no CANCEL, d stayed in calendars.
    const three = threeSessionsFields();
    const created = await publishEvent(national, three);
    const edition = created.editions[0]!;
    const [a, b] = edition.sessions;
    const teacher = await createUser();
    expect(await enrol(teacher.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    await sendAll();
    const stored: Fields = { ...three, "editions[0].id": edition.id };
    edition.sessions.forEach((s, i) => (stored[`editions[0].sessions[${i}].id`] = s.id));

    const withoutC = { ...withoutSession(stored, 2), certifiedHours: "4" };
    expect(await updateEvent(national, created.eventId, eventInputFrom(withoutC))).toMatchObject({ ok: true });
    const withD = {
      ...withoutC,
      certifiedHours: "6",
      "editions[0].sessions[2].startsAt": "2027-02-24T10:00",
      "editions[0].sessions[2].endsAt": "2027-02-24T12:00",
      "editions[0].sessions[2].delivery": "sincrona",
      "editions[0].sessions[2].hours": "2",
    };
    expect(await updateEvent(national, created.eventId, eventInputFrom(withD))).toMatchObject({ ok: true });
    const d = await prisma.trainingSession.findFirstOrThrow({
      where: { editionId: edition.id, id: { notIn: [a!.id, b!.id] } },
    });
    expect(await updateEvent(national, created.eventId, eventInputFrom(withoutC))).toMatchObject({ ok: true });
    // Saving the same form again changes nothing, and tells nobody again.
    expect(await updateEvent(national, created.eventId, eventInputFrom(withoutC))).toMatchObject({ ok: true });
    await sendAll();

    // Deleting c, then d: each its own "Incontri annullati"; adding d: "Edizione aggiornata".
    const mails = to(inbox, teacher.email).filter((m) => m.subject?.startsWith("Incontri annullati"));
    expect(mails).toHaveLength(2);
    expect(to(inbox, teacher.email).filter((m) => m.subject?.startsWith("Edizione aggiornata"))).toHaveLength(1);
    const last = invitationOf(mails[1]!);
    expect(last.method).toBe("CANCEL");
    expect([...last.entries.keys()]).toEqual([uid(d.id)]);
    expect(last.entries.get(uid(d.id))).toMatchObject({ status: "CANCELLED" });
  });
});

describe("reminder the day before a session", () => {
  it("writes one reminder per teacher and session even when two runs race, skips reminders off, and the email has the Rome time and room", async () => {
    const now = new Date();
    const startsAt = new Date(Math.ceil((now.getTime() + 20 * 3600_000) / 60_000) * 60_000);
    const { edition } = await createOpenEdition({ sessionStartsAt: startsAt });
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
    const [on, off, later] = [await createUser(), await createUser(), await createUser()];
    for (const t of [on, off, later]) expect(await enrol(t.id, edition.id)).toMatchObject({ ok: true });
    await prisma.user.update({ where: { id: off.id }, data: { emailReminders: false } });
    await sendAll();

    await Promise.all([writeSessionReminders(now), writeSessionReminders(now), writeSessionReminders(now)]);
    await writeSessionReminders(new Date(now.getTime() + 15 * 60_000));
    const reminders = await prisma.notification.findMany({
      where: { kind: "promemoria-incontro", enrolmentId: { in: await enrolmentIds(edition.id) } },
    });
    expect(reminders.map((r) => r.userId).sort()).toEqual([on.id, later.id].sort());
    expect(reminders.map((r) => r.dedupeKey).sort()).toEqual(
      [on.id, later.id].map((u) => `promemoria-incontro:${session.id}:${u}:${session.startsAt.toISOString()}`).sort(),
    );

    // Turned off after the reminder was written: the outbox does not send it.
    await prisma.user.update({ where: { id: later.id }, data: { emailReminders: false } });
    await sendAll();
    const mails = to(inbox, on.email).filter((m) => m.subject?.startsWith("Promemoria"));
    expect(mails).toHaveLength(1);
    const rome = new Intl.DateTimeFormat("it-IT", {
      timeZone: "Europe/Rome",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    }).format(startsAt);
    expect(mails[0]!.text).toContain(`${rome} (ora italiana)`);
    expect(mails[0]!.text).toContain("https://meet.example.it/stanza");
    expect(to(inbox, later.email).filter((m) => m.subject?.startsWith("Promemoria"))).toHaveLength(0);
    expect(to(inbox, off.email).filter((m) => m.subject?.startsWith("Promemoria"))).toHaveLength(0);
    const skipped = await prisma.notification.findFirstOrThrow({
      where: { kind: "promemoria-incontro", userId: later.id },
    });
    expect(skipped.deliveryStatus).toBe("non-inviare");
  });

  it("a session moved to another day after its reminder went out is reminded of again before its new start", async () => {
    const now = new Date();
    const startsAt = new Date(Math.ceil((now.getTime() + 20 * 3600_000) / 60_000) * 60_000);
    const { edition } = await createOpenEdition({ sessionStartsAt: startsAt });
    const teacher = await createUser();
    expect(await enrol(teacher.id, edition.id)).toMatchObject({ ok: true });
    expect(await writeSessionReminders(now)).toBe(1);
    // The organiser moves the session a week later (the time the event form's save writes; same session id).
    const week = 7 * 24 * 3600_000;
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
    await prisma.trainingSession.update({
      where: { id: session.id },
      data: {
        startsAt: new Date(session.startsAt.getTime() + week),
        endsAt: new Date(session.endsAt.getTime() + week),
        sequence: { increment: 1 },
      },
    });
    // The day before the new date: the key of the first reminder no longer stands for this start.
    expect(await writeSessionReminders(new Date(now.getTime() + week))).toBe(1);
    expect(await writeSessionReminders(new Date(now.getTime() + week + 15 * 60_000))).toBe(0);
    const reminders = await prisma.notification.findMany({
      where: { kind: "promemoria-incontro", userId: teacher.id },
      orderBy: { createdAt: "asc" },
    });
    expect(reminders.map((r) => JSON.parse(r.payload).sessionStartsAt)).toEqual([
      session.startsAt.toISOString(),
      new Date(session.startsAt.getTime() + week).toISOString(),
    ]);
  });

  it("a reminder still queued when the teacher cancels, or the session moves, is not sent", async () => {
    const now = new Date();
    const startsAt = new Date(Math.ceil((now.getTime() + 20 * 3600_000) / 60_000) * 60_000);
    const { edition } = await createOpenEdition({ sessionStartsAt: startsAt });
    const [leaving, staying] = [await createUser(), await createUser()];
    const places = new Map<string, string>();
    for (const t of [leaving, staying]) {
      const outcome = await enrol(t.id, edition.id);
      expect(outcome).toMatchObject({ ok: true });
      places.set(t.id, (outcome as { enrolmentId: string }).enrolmentId);
    }
    await sendAll();
    expect(await writeSessionReminders(now)).toBe(2);
    // Before the outbox sends them (an SMTP outage, a backlog): one teacher cancels…
    expect(await cancelByTeacher(leaving.id, places.get(leaving.id)!)).toEqual({ ok: true });
    await sendAll();
    const reminderTo = (email: string) => to(inbox, email).filter((m) => m.subject?.startsWith("Promemoria"));
    expect(reminderTo(leaving.email)).toHaveLength(0);
    expect(reminderTo(staying.email)).toHaveLength(1);
    const held = await prisma.notification.findFirstOrThrow({
      where: { kind: "promemoria-incontro", userId: leaving.id },
    });
    expect(held.deliveryStatus).toBe("non-inviare");

    // …and a reminder written for a session that then moves (sent back to the queue, as a retry would) stays unsent:
    // the session's new start has a reminder of its own.
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
    const sent = await prisma.notification.findFirstOrThrow({
      where: { kind: "promemoria-incontro", userId: staying.id },
    });
    await prisma.trainingSession.update({
      where: { id: session.id },
      data: {
        startsAt: new Date(session.startsAt.getTime() + 3600_000),
        endsAt: new Date(session.endsAt.getTime() + 3600_000),
      },
    });
    await prisma.notification.update({
      where: { id: sent.id },
      data: { deliveryStatus: "in-coda", nextAttemptAt: now },
    });
    await sendAll();
    expect(reminderTo(staying.email)).toHaveLength(1);
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: sent.id } })).deliveryStatus).toBe(
      "non-inviare",
    );
  });

  it("leaves out sessions outside the window, asynchronous ones and cancelled editions", async () => {
    const now = new Date();
    const far = await createOpenEdition({ sessionStartsAt: new Date(now.getTime() + 40 * 3600_000) });
    const soon = await createOpenEdition({ sessionStartsAt: new Date(now.getTime() + 3600_000) });
    const cancelled = await createOpenEdition({ sessionStartsAt: new Date(now.getTime() + 10 * 3600_000) });
    const teacher = await createUser();
    for (const e of [far, soon, cancelled]) expect(await enrol(teacher.id, e.edition.id)).toMatchObject({ ok: true });
    await cancelEdition(await managedEdition(national.userId, cancelled.edition.id), "Annullata");
    await writeSessionReminders(now);
    expect(await prisma.notification.count({ where: { kind: "promemoria-incontro", userId: teacher.id } })).toBe(0);
  });
});
