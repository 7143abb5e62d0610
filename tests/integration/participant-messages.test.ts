// Messages from an edition's organiser to its participants (issue 15, item 1) against a real
// database (SQLite or PostgreSQL, DATABASE_URL) and a real SMTP server: the filters pick the
// right people, each gets exactly one email (also when the same preview is confirmed twice),
// opted-out teachers still get it, a referent of another region is refused with nothing queued, and
// only what the preview showed is sent: another audience or text, or recipients changed since, is
// refused with nothing queued.
import { describe, expect, it } from "vitest";
import { closeAccount } from "../../app/models/account-closure.server.ts";
import { cancelByTeacher, enrol } from "../../app/models/enrolment.server.ts";
import { writeNotifications } from "../../app/models/notification-writer.server.ts";
import * as messagesRoute from "../../app/routes/gestione.edizioni.$editionId_.messaggi.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";
import { createCertificate, createOpenEdition, createUser, unique } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { to, type Inbox } from "../support/smtp.ts";
import { sendQueued, withFileMailbox } from "../support/file-mailbox.ts";

let inbox: Inbox;
let mailer: Mailer;

// Only this file's messages are sent by the workers below.
withFileMailbox((started) => ({ inbox, mailer } = started));

/** The organiser's messages this address received (enrolment confirmations are sent too). */
const messagesTo = (email: string) => to(inbox, email).filter((m) => m.subject?.startsWith("Recupero dell'incontro"));

const sendAll = () => sendQueued(mailer, "msg");

const action = messagesRoute.action as unknown as Handler;
const loader = messagesRoute.loader as unknown as Handler;

/**
 * A Tuscan edition with 4 seats: present (at the session), absent (marked), unmarked (no line),
 * completed (a valid certificate, present too), then waiting (the waitlist). The absent teacher
 * turned reminders off.
 */
async function scenario() {
  const { edition } = await createOpenEdition({ level: "regionale", regionCode: "toscana", seatCap: 4 });
  const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
  const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
  const names = ["present", "absent", "unmarked", "completed", "waiting"] as const;
  const people = {} as Record<(typeof names)[number], { id: string; email: string; enrolmentId: string }>;
  for (const name of names) {
    const user = await createUser({ email: `${unique(name)}@scuola.example.it`, firstName: name });
    const outcome = await enrol(user.id, edition.id);
    if (!outcome.ok) throw new Error(`enrol ${name}`);
    const enrolment = await prisma.enrolment.findFirstOrThrow({ where: { userId: user.id, editionId: edition.id } });
    people[name] = { id: user.id, email: user.email, enrolmentId: enrolment.id };
  }
  await prisma.user.update({ where: { id: people.absent.id }, data: { emailReminders: false } });
  // The session has taken place (its register is filled in below): begun two hours ago.
  await prisma.trainingSession.update({
    where: { id: session.id },
    data: { startsAt: new Date(Date.now() - 2 * 3600_000), endsAt: new Date(Date.now() - 1000) },
  });
  for (const [name, status] of [
    ["present", "presente"],
    ["completed", "ritardo"],
    ["absent", "assente"],
  ] as const) {
    await prisma.attendanceRecord.create({
      data: { sessionId: session.id, enrolmentId: people[name].enrolmentId, status, minutesAttended: 100 },
    });
  }
  await createCertificate({ enrolmentId: people.completed.enrolmentId, userId: people.completed.id }, edition, {
    holderName: "completed Rossi",
    eventTitle: "Corso",
    organiser: "USR Toscana",
    certifiedMinutes: 100,
  });
  return { edition, session, referent, people, cookie: await cookieOf(referent.id) };
}

/** The register gets a line for the unmarked teacher too: absent (then the absent are two). */
async function markUnmarkedAbsent(s: Awaited<ReturnType<typeof scenario>>) {
  await prisma.attendanceRecord.create({
    data: { sessionId: s.session.id, enrolmentId: s.people.unmarked.enrolmentId, status: "assente" },
  });
}

type Preview = {
  preview: {
    count: number;
    sample: { subject: string; text: string } | null;
    sampleRecipient: { firstName: string; locale: string } | null;
    values: { audience: string; sessionId: string; subject: string; body: string };
    sendKey: string;
    unrecorded: number | null;
    certificatesNotIssued: boolean;
  } | null;
};

/** A refused action's answer: the form's errors, what it keeps, and (recipients changed) a new preview. */
type Refused = Preview & { result: { error?: Record<string, string[]>; initialValue?: Record<string, string> } };

async function preview(
  s: Awaited<ReturnType<typeof scenario>>,
  audience: string,
  extra: Record<string, string> = {},
  cookie = s.cookie,
) {
  return runRoute(action, {
    cookie,
    url: `http://localhost/gestione/edizioni/${s.edition.id}/messaggi`,
    params: { editionId: s.edition.id },
    form: {
      intent: "anteprima",
      audience,
      subject: "Materiali del corso",
      body: "Buongiorno,\n\ntrovate i materiali nella pagina dell'evento.",
      ...extra,
    },
  });
}

describe("messages to an edition's participants", () => {
  it("selects the recipients by status, presence at a session and completion", async () => {
    const s = await scenario();
    const counts: Record<string, number> = {};
    for (const audience of [
      "iscritti",
      "in-attesa",
      "offerta",
      "presenti",
      "assenti",
      "completato",
      "non-completato",
    ]) {
      const result = await preview(s, audience, { sessionId: s.session.id });
      expect(result.status).toBe(200);
      counts[audience] = (result.data as Preview).preview!.count;
    }
    expect(counts).toEqual({
      iscritti: 4,
      "in-attesa": 1,
      offerta: 0,
      presenti: 2, // present, and completed (late counts as present)
      // Marked absent. The unmarked teacher (no line: the register not filled in yet) is not told they were
      // absent: they were counted as absent before, though they may have been in the room.
      assenti: 1,
      completato: 1,
      "non-completato": 3,
    });
  });

  it("says in the preview who the register has not judged yet, and that no certificate is issued before it closes", async () => {
    const s = await scenario();
    const shown = async (audience: string) =>
      ((await preview(s, audience, { sessionId: s.session.id })).data as Preview).preview!;
    // The unmarked teacher has no line for the session: in neither audience, and the preview says how many.
    for (const audience of ["assenti", "presenti"]) expect((await shown(audience)).unrecorded, audience).toBe(1);
    expect((await shown("iscritti")).unrecorded).toBeNull();
    await markUnmarkedAbsent(s);
    expect(await shown("assenti")).toMatchObject({ count: 2, unrecorded: 0 });

    // Before the register is closed nobody has a certificate yet: "without a certificate" is everyone.
    expect((await shown("non-completato")).certificatesNotIssued).toBe(true);
    expect((await shown("completato")).certificatesNotIssued).toBe(true);
    expect((await shown("iscritti")).certificatesNotIssued).toBe(false);
    await prisma.edition.update({ where: { id: s.edition.id }, data: { attendanceClosedAt: new Date() } });
    expect((await shown("non-completato")).certificatesNotIssued).toBe(false);
  });

  it("shows one rendered email in the preview, as its recipient gets it, in their language", async () => {
    const s = await scenario();
    const result = await preview(s, "completato");
    const body = result.data as Preview;
    expect(body.preview!.sample!.subject).toContain("Materiali del corso");
    expect(body.preview!.sample!.text).toContain("trovate i materiali nella pagina dell'evento.");
    expect(body.preview!.sample!.text).toContain("Gentile completed,");
    expect(body.preview!.sampleRecipient).toEqual({ firstName: "completed", locale: "it" });
    // A recipient who reads Forma in English: the sample is the English email she will get, whatever
    // the organiser's language (before, an Italian organiser saw "Gentile" for an English recipient).
    await prisma.user.update({ where: { id: s.people.completed.id }, data: { locale: "en" } });
    const english = (await preview(s, "completato")).data as Preview;
    expect(english.preview!.sample!.text).toContain("Dear completed,");
    expect(english.preview!.sampleRecipient).toEqual({ firstName: "completed", locale: "en" });
    expect(body.preview!.sendKey).toMatch(/^[A-Za-z0-9_.-]{16,100}$/);
    // A preview sends nothing.
    expect(await prisma.participantMessage.count({ where: { editionId: s.edition.id } })).toBe(0);
  });

  it("sends each recipient exactly one email, also to opted-out teachers and when the form is sent twice", async () => {
    const s = await scenario();
    const message = {
      audience: "assenti",
      sessionId: s.session.id,
      subject: "Recupero dell'incontro",
      body: "Chi non c'era può recuperare con la registrazione.",
    };
    const p = (await preview(s, "assenti", message)).data as Preview;
    // The send form posts what the preview returned, as the server read it.
    expect(p.preview!.values).toEqual(message);
    const form = { intent: "invia", ...p.preview!.values, sendKey: p.preview!.sendKey };
    const url = `http://localhost/gestione/edizioni/${s.edition.id}/messaggi`;
    const first = await runRoute(action, { cookie: s.cookie, url, params: { editionId: s.edition.id }, form });
    expect(first.status).toBe(302);
    expect(first.location).toBe(`/gestione/edizioni/${s.edition.id}/messaggi?inviato=1`);
    const again = await runRoute(action, { cookie: s.cookie, url, params: { editionId: s.edition.id }, form });
    expect(again.status).toBe(302);

    await sendAll();
    // The absent teacher turned reminders off, and still gets it.
    const mails = messagesTo(s.people.absent.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("Recupero dell'incontro");
    expect(mails[0]!.text).toContain("Chi non c'era può recuperare con la registrazione.");
    for (const name of ["present", "unmarked", "completed", "waiting"] as const) {
      expect(messagesTo(s.people[name].email)).toHaveLength(0);
    }
    const notifications = await prisma.notification.findMany({
      where: { kind: "messaggio-organizzatore", userId: { in: [s.people.absent.id, s.people.unmarked.id] } },
    });
    expect(notifications.map((n) => n.deliveryStatus)).toEqual(["inviata"]);

    // Kept in the edition's history, listed by the page.
    const history = await prisma.participantMessage.findMany({ where: { editionId: s.edition.id } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ audience: "assenti", recipientCount: 1, authorId: s.referent.id });
    const page = await runRoute(loader, {
      cookie: s.cookie,
      url,
      params: { editionId: s.edition.id },
    });
    expect((page.data as { history: { subject: string }[] }).history.map((h) => h.subject)).toEqual([
      "Recupero dell'incontro",
    ]);
  });

  it("lists for each message sent how many of its emails left, wait, were not sent, or are gone from the log", async () => {
    const s = await scenario();
    const url = `http://localhost/gestione/edizioni/${s.edition.id}/messaggi`;
    const send = async (audience: string, subject: string) => {
      const message = { sessionId: s.session.id, subject, body: "Un messaggio di prova per la consegna." };
      const p = ((await preview(s, audience, message)).data as Preview).preview!;
      const sent = await runRoute(action, {
        cookie: s.cookie,
        url,
        params: { editionId: s.edition.id },
        form: { intent: "invia", ...p.values, sendKey: p.sendKey },
      });
      expect(sent.status).toBe(302);
    };
    const delivery = async () => {
      const page = await runRoute(loader, { cookie: s.cookie, url, params: { editionId: s.edition.id } });
      const history = (page.data as { history: { subject: string; delivery: Record<string, number> }[] }).history;
      return Object.fromEntries(history.map((h) => [h.subject, h.delivery]));
    };
    await send("in-attesa", "Consegna uno"); // waiting
    await send("presenti", "Consegna due"); // present, completed
    expect(await delivery()).toEqual({
      "Consegna uno": { sent: 0, waiting: 1, notSent: 0, gone: 0 },
      "Consegna due": { sent: 0, waiting: 2, notSent: 0, gone: 0 },
    });
    // One copy of the second fails for good; the others leave.
    const present = await prisma.notification.findFirstOrThrow({
      where: { kind: "messaggio-organizzatore", userId: s.people.present.id },
    });
    await prisma.notification.update({ where: { id: present.id }, data: { deliveryStatus: "errore" } });
    await sendAll();
    expect(await delivery()).toEqual({
      "Consegna uno": { sent: 1, waiting: 0, notSent: 0, gone: 0 },
      "Consegna due": { sent: 1, waiting: 0, notSent: 1, gone: 0 },
    });
    // The email log's rows are deleted after their retention period: the count says so, not "0 sent".
    await prisma.notification.deleteMany({ where: { kind: "messaggio-organizzatore", userId: s.people.waiting.id } });
    expect((await delivery())["Consegna uno"]).toEqual({ sent: 0, waiting: 0, notSent: 0, gone: 1 });
  });

  /** Previews and sends a message to the absent (absent, unmarked) as the scenario's referent. */
  async function sendToAbsent(s: Awaited<ReturnType<typeof scenario>>, subject: string) {
    const message = { sessionId: s.session.id, subject, body: "Scrivete pure per qualsiasi domanda." };
    const p = (await preview(s, "assenti", message)).data as Preview;
    const sent = await runRoute(action, {
      cookie: s.cookie,
      url: `http://localhost/gestione/edizioni/${s.edition.id}/messaggi`,
      params: { editionId: s.edition.id },
      form: { intent: "invia", audience: "assenti", ...message, sendKey: p.preview!.sendKey },
    });
    expect(sent.status).toBe(302);
  }
  const withSubject = (email: string, subject: string) =>
    to(inbox, email).filter((m) => m.subject?.startsWith(subject));

  it("answers to the organiser who wrote it: Reply-To their address, and says so in the recipient's language", async () => {
    const s = await scenario();
    await markUnmarkedAbsent(s);
    // A name with quotes and a line break must stay one quoted name, never a header of its own.
    await prisma.user.update({
      where: { id: s.referent.id },
      data: { firstName: 'Giulia "Gigi"\r\nBcc: intruso@example.it', lastName: "Conti" },
    });
    await prisma.user.update({ where: { id: s.people.unmarked.id }, data: { locale: "en" } });
    const page = await runRoute(loader, {
      cookie: s.cookie,
      url: `http://localhost/gestione/edizioni/${s.edition.id}/messaggi`,
      params: { editionId: s.edition.id },
    });
    expect((page.data as { replyAddress: string }).replyAddress).toBe(s.referent.email);
    // The sample is the first absent teacher's email, in their language (either of the two, by id order).
    const { sample, sampleRecipient } = ((await preview(s, "assenti", { sessionId: s.session.id })).data as Preview)
      .preview!;
    expect(sample!.text).toContain(
      sampleRecipient!.locale === "en"
        ? `(${s.referent.email}). To reply, reply to this email`
        : `(${s.referent.email}). Per rispondere, rispondi a questa email`,
    );

    await sendToAbsent(s, "Domande sul corso");
    // Taken when written: a later change of the organiser's address does not redirect it.
    await prisma.user.update({ where: { id: s.referent.id }, data: { email: `${unique("nuovo")}@usr.example.it` } });
    await sendAll();
    const name = 'Giulia "Gigi" Bcc: intruso@example.it Conti';
    const [it] = withSubject(s.people.absent.email, "Domande sul corso");
    expect(it!.replyTo?.value).toEqual([{ name, address: s.referent.email }]);
    expect(it!.from?.value[0]?.address).toBe("noreply@forma.example.it");
    expect(it!.headers.has("bcc")).toBe(false);
    expect(it!.text).toContain(`Messaggio di ${name} (${s.referent.email}). Per rispondere, rispondi a questa email`);
    expect(it!.html).toContain(`Per rispondere, rispondi a questa email: la risposta arriva a Giulia &quot;Gigi&quot;`);
    const [en] = withSubject(s.people.unmarked.email, "Domande sul corso");
    expect(en!.replyTo?.value).toEqual([{ name, address: s.referent.email }]);
    expect(en!.text).toContain(`Message from ${name} (${s.referent.email}). To reply, reply to this email`);
    expect(to(inbox, "intruso@example.it")).toHaveLength(0);
  });

  it("sends an old message without a sender with no Reply-To and no sentence about replies", async () => {
    const s = await scenario();
    await prisma.$transaction((tx) =>
      writeNotifications(tx, [
        {
          kind: "messaggio-organizzatore",
          userId: s.people.absent.id,
          enrolmentId: s.people.absent.enrolmentId,
          messageId: unique("vecchio"),
          payload: {
            eventTitle: "Corso",
            editionNumber: 1,
            messageSubject: "Messaggio di prima",
            messageBody: "Testo.",
          },
        },
      ]),
    );
    await sendAll();
    const [old] = withSubject(s.people.absent.email, "Messaggio di prima");
    expect(old!.replyTo).toBeUndefined();
    expect(old!.text).toContain("Testo.");
    expect(old!.text).not.toContain("Per rispondere");
  });

  it("erases the organiser from messages still queued when their account is closed", async () => {
    const s = await scenario();
    await markUnmarkedAbsent(s);
    await sendToAbsent(s, "Prima della chiusura");
    const before = s.referent.email;
    expect((await closeAccount(s.referent.id, s.referent.id)).ok).toBe(true);
    const rows = await prisma.notification.findMany({
      where: { kind: "messaggio-organizzatore", userId: { in: [s.people.absent.id, s.people.unmarked.id] } },
    });
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.payload).not.toContain(s.referent.id);
    await sendAll();
    const [mail] = withSubject(s.people.absent.email, "Prima della chiusura");
    expect(mail!.replyTo).toBeUndefined();
    expect(mail!.text).not.toContain(before);
    expect(mail!.text).not.toContain("Per rispondere");
  });

  /** The messages stored and the organiser's emails queued for the scenario's edition and people. */
  async function nothingQueued(s: Awaited<ReturnType<typeof scenario>>) {
    expect(await prisma.participantMessage.count({ where: { editionId: s.edition.id } })).toBe(0);
    expect(await queuedFor(s)).toEqual([]);
  }

  /** Who the organiser's emails of the scenario's edition were queued for. */
  async function queuedFor(s: Awaited<ReturnType<typeof scenario>>) {
    const enrolments = await prisma.enrolment.findMany({ where: { editionId: s.edition.id }, select: { id: true } });
    const rows = await prisma.notification.findMany({
      where: { kind: "messaggio-organizzatore", enrolmentId: { in: enrolments.map((e) => e.id) } },
      select: { userId: true },
    });
    return rows.map((r) => r.userId).sort();
  }

  it("sends only what the preview showed: another audience, session, subject or text is refused, nothing queued", async () => {
    const s = await scenario();
    const url = `http://localhost/gestione/edizioni/${s.edition.id}/messaggi`;
    const post = (form: Record<string, string>, cookie = s.cookie) =>
      runRoute(action, { cookie, url, params: { editionId: s.edition.id }, form });
    // The organiser previews a message to the waitlist: 1 person, "Invia a 1 persona".
    const message = { audience: "in-attesa", subject: "Materiali del corso", body: "Il testo che l'anteprima mostra." };
    const previewed = ((await preview(s, "in-attesa", message)).data as Preview).preview!;
    expect(previewed.count).toBe(1);
    const sent = { intent: "invia", ...message, sendKey: previewed.sendKey };
    const otherReferent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const forged = previewed.sendKey.replace(/\.([^.]+)\./, (_, f: string) => `.${f.slice(1)}${f[0]}.`);
    const refusals: [string, Record<string, string>, string?][] = [
      // Then, before previewing again, chooses the enrolled (4 people) in the compose form: the send key is the waitlist's.
      ["another audience", { ...sent, audience: "iscritti" }],
      ["another audience and text", { ...sent, audience: "iscritti", body: "Un testo che nessuno ha visto prima." }],
      ["another text", { ...sent, body: `${message.body}\n\nP.S. Un'aggiunta mai vista.` }],
      ["another subject", { ...sent, subject: "Un altro oggetto" }],
      ["a session audience", { ...sent, audience: "assenti", sessionId: s.session.id }],
      ["an altered key", { ...sent, sendKey: forged }],
      ["an old-style key", { ...sent, sendKey: "00000000-0000-4000-8000-000000000000" }],
      ["another organiser's preview", sent, await cookieOf(otherReferent.id)],
    ];
    for (const [what, form, cookie] of refusals) {
      const refused = await post(form, cookie);
      expect(refused.status, what).toBe(400);
      const body = refused.data as Refused;
      expect(body.result.error?.[""], what).toEqual(["participantMessages.error.notPreviewed"]);
      // The form keeps what was posted; no preview is offered to confirm.
      expect(body.result.initialValue, what).toMatchObject({ subject: form.subject, body: form.body });
      expect(body.preview, what).toBeNull();
    }
    await nothingQueued(s);

    // The previewed message itself is sent to the one person counted; the page's send form posts it
    // as the preview returned it.
    expect(previewed.values).toEqual({ ...message, sessionId: "" });
    const ok = await post(sent);
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`/gestione/edizioni/${s.edition.id}/messaggi?inviato=1`);
    const stored = await prisma.participantMessage.findMany({ where: { editionId: s.edition.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ audience: "in-attesa", recipientCount: 1, body: message.body });
    expect(await queuedFor(s)).toEqual([s.people.waiting.id]);
  });

  it("refuses a send whose recipients changed after the preview, even to as many people, and previews again", async () => {
    const s = await scenario();
    const url = `http://localhost/gestione/edizioni/${s.edition.id}/messaggi`;
    const post = (form: Record<string, string>) =>
      runRoute(action, { cookie: s.cookie, url, params: { editionId: s.edition.id }, form });
    const message = { audience: "in-attesa", subject: "Materiali del corso", body: "Il testo che l'anteprima mostra." };
    const previewed = ((await preview(s, "in-attesa", message)).data as Preview).preview!;
    expect(previewed.count).toBe(1);
    // Meanwhile the waiting teacher leaves the waitlist and another joins it: still 1 person, not the one counted.
    expect(await cancelByTeacher(s.people.waiting.id, s.people.waiting.enrolmentId)).toMatchObject({ ok: true });
    const late = await createUser({ email: `${unique("late")}@scuola.example.it`, firstName: "late" });
    // They join as the session was on (enrol's clock an hour back): once it has ended the training is over and
    // nobody joins any more (ADR 0098 addendum).
    const whileOn = () => new Date(Date.now() - 3600_000);
    expect(await enrol(late.id, s.edition.id, whileOn())).toMatchObject({ ok: true });
    const refused = await post({ intent: "invia", ...message, sendKey: previewed.sendKey });
    expect(refused.status).toBe(409);
    await nothingQueued(s);
    const body = refused.data as Refused;
    expect(body.result.error?.[""]).toEqual(["participantMessages.error.recipientsChanged"]);
    expect(body.result.initialValue).toMatchObject({ subject: message.subject, body: message.body });
    // A new preview comes with the refusal: the same message, the count of now, a new key.
    const fresh = body.preview!;
    expect(fresh.values).toEqual({ ...message, sessionId: "" });
    expect(fresh.sendKey).not.toBe(previewed.sendKey);
    expect(fresh.sampleRecipient?.firstName).toBe("late");

    // A second person joins the waitlist before the organiser confirms: refused again, now with 2.
    const later = await createUser({ email: `${unique("later")}@scuola.example.it` });
    expect(await enrol(later.id, s.edition.id, whileOn())).toMatchObject({ ok: true });
    const again = await post({ intent: "invia", ...fresh.values, sendKey: fresh.sendKey });
    expect(again.status).toBe(409);
    const newest = (again.data as Refused).preview!;
    expect(newest.count).toBe(2);
    await nothingQueued(s);

    // Confirmed on the count it shows: sent to exactly those two.
    const ok = await post({ intent: "invia", ...newest.values, sendKey: newest.sendKey });
    expect(ok.location).toBe(`/gestione/edizioni/${s.edition.id}/messaggi?inviato=2`);
    // The same confirmation repeated after yet another change is the message already sent, not a new one.
    const third = await createUser({ email: `${unique("third")}@scuola.example.it` });
    expect(await enrol(third.id, s.edition.id, whileOn())).toMatchObject({ ok: true });
    const repeated = await post({ intent: "invia", ...newest.values, sendKey: newest.sendKey });
    expect(repeated.location).toBe(`/gestione/edizioni/${s.edition.id}/messaggi?inviato=2`);
    expect(await queuedFor(s)).toEqual([late.id, later.id].sort());
  });

  it("refuses a referent of another region, and queues nothing", async () => {
    const s = await scenario();
    const other = await createUser({ roles: [{ role: "referente-usr", regionCode: "lombardia" }] });
    const cookie = await cookieOf(other.id);
    const url = `http://localhost/gestione/edizioni/${s.edition.id}/messaggi`;
    const denied = await runRoute(action, {
      cookie,
      url,
      params: { editionId: s.edition.id },
      form: {
        intent: "invia",
        audience: "iscritti",
        subject: "Messaggio non autorizzato",
        body: "Questo messaggio non deve partire.",
        sendKey: "00000000-0000-4000-8000-000000000000",
      },
    });
    expect([403, 404]).toContain(denied.status);
    expect((await preview(s, "iscritti", {}, cookie)).status).toBe(denied.status);
    expect((await runRoute(loader, { cookie, url, params: { editionId: s.edition.id } })).status).toBe(denied.status);
    expect(await prisma.participantMessage.count({ where: { editionId: s.edition.id } })).toBe(0);
    expect(
      await prisma.notification.count({
        where: { kind: "messaggio-organizzatore", userId: { in: Object.values(s.people).map((p) => p.id) } },
      }),
    ).toBe(0);
  });

  it("asks present or absent only of a session already begun: a later one is not offered, and refused", async () => {
    const s = await scenario();
    const later = await prisma.trainingSession.create({
      data: {
        editionId: s.edition.id,
        title: "Secondo incontro",
        startsAt: new Date(Date.now() + 7 * 24 * 3600_000),
        endsAt: new Date(Date.now() + 7 * 24 * 3600_000 + 2 * 3600_000),
        delivery: "sincrona",
        minutes: 120,
      },
    });
    const url = `http://localhost/gestione/edizioni/${s.edition.id}/messaggi`;
    const page = await runRoute(loader, { cookie: s.cookie, url, params: { editionId: s.edition.id } });
    expect((page.data as { attendanceSessionIds: string[] }).attendanceSessionIds).toEqual([s.session.id]);
    for (const audience of ["assenti", "presenti"]) {
      // Before its start nobody has a register line: "absent" was every enrolled teacher.
      const refused = await preview(s, audience, { sessionId: later.id });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.data)).toContain("participantMessages.error.sessionNotStarted");
    }
    expect(await prisma.participantMessage.count({ where: { editionId: s.edition.id } })).toBe(0);
  });

  it("answers 400 with a clear message for bad input, and sends nothing", async () => {
    const s = await scenario();
    const url = `http://localhost/gestione/edizioni/${s.edition.id}/messaggi`;
    const cases: Record<string, string>[] = [
      { intent: "anteprima", audience: "tutti", subject: "Oggetto", body: "Testo abbastanza lungo." },
      { intent: "anteprima", audience: "presenti", subject: "Oggetto", body: "Testo abbastanza lungo." },
      {
        intent: "anteprima",
        audience: "presenti",
        sessionId: "altro",
        subject: "Oggetto",
        body: "Testo abbastanza lungo.",
      },
      { intent: "anteprima", audience: "iscritti", subject: "x".repeat(151), body: "Testo abbastanza lungo." },
      { intent: "anteprima", audience: "iscritti", subject: "Oggetto", body: "y".repeat(5001) },
      { intent: "invia", audience: "iscritti", subject: "Oggetto", body: "Testo abbastanza lungo." },
      {
        intent: "invia",
        audience: "offerta",
        subject: "Oggetto",
        body: "Testo abbastanza lungo.",
        sendKey: "a".repeat(20),
      },
    ];
    for (const form of cases) {
      const result = await runRoute(action, { cookie: s.cookie, url, params: { editionId: s.edition.id }, form });
      expect(result.status, JSON.stringify(form).slice(0, 80)).toBe(400);
    }
    expect(await prisma.participantMessage.count({ where: { editionId: s.edition.id } })).toBe(0);
  });
});
