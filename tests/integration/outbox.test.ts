// Email delivery of notifications against a real database (SQLite or PostgreSQL, DATABASE_URL)
// and a real SMTP server on 127.0.0.1: messages arrive, an SMTP outage loses and duplicates
// nothing, two workers never send the same message, failures are visible and can be retried.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset } from "../../app/models/account-tokens.server.ts";
import { cancelByTeacher, enrol, expireOverdueOffers } from "../../app/models/enrolment.server.ts";
import { placeTeacher } from "../../app/models/placement.server.ts";
import { writeSessionReminders } from "../../app/models/reminders.server.ts";
import { issueCertificates, reissueCertificate, revokeCertificate } from "../../app/models/certificate.server.ts";
import {
  claimDue,
  deliverDue,
  recentNotifications,
  retryNotification,
  retryRefusedAddress,
} from "../../app/models/outbox.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { fileMailer, type Mailer } from "../../app/utils/mailer.server.ts";
import * as adminEmailRoute from "../../app/routes/admin.email.tsx";
import { createOpenEdition, createUser, unique } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { managedEdition, trainerEdition } from "../support/scopes.ts";
import { mailerFor, startSmtp, type Inbox } from "../support/smtp.ts";

const ORIGIN = "https://forma.example.it";
/** Small delays so a test can step through the backoff with injected clocks. */
const FAST = { baseDelayMs: 1_000, maxDelayMs: 4_000, origin: ORIGIN };

const opened: (Inbox | Mailer)[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0)) {
    if ("stop" in thing) await thing.stop();
    else thing.close();
  }
});

beforeAll(async () => {
  // Other test files share this database: their queued notifications are not this file's business.
  await prisma.notification.updateMany({
    where: { deliveryStatus: "in-coda" },
    data: { deliveryStatus: "non-inviare" },
  });
});
afterAll(() => prisma.$disconnect());

/** A moment after every notification created so far. */
const later = (ms = 0) => new Date(Date.now() + 1_000 + ms);

async function enrolled(count: number, seatCap: number | null = 350) {
  const { edition, event } = await createOpenEdition({ seatCap });
  const ids: string[] = [];
  const teachers = [];
  for (let i = 0; i < count; i += 1) {
    const teacher = await createUser();
    const outcome = await enrol(teacher.id, edition.id);
    if (!outcome.ok) throw new Error(`enrolment refused: ${outcome.reason}`);
    ids.push(outcome.enrolmentId);
    teachers.push(teacher);
  }
  const notifications = await prisma.notification.findMany({ where: { enrolmentId: { in: ids } } });
  return { edition, event, teachers, notifications };
}

const messageIdOf = (id: string) => `<${id}@forma.example.it>`;

describe("outbox", () => {
  it("delivers the notification of an enrolment by email, in the teacher's language", async () => {
    const inbox = await startSmtp();
    const mailer = mailerFor(inbox.port);
    opened.push(inbox, mailer);
    const { event, teachers, notifications } = await enrolled(2);
    await prisma.user.update({ where: { id: teachers[1]!.id }, data: { locale: "en" } });

    const report = await deliverDue({ mailer, now: later(), instanceId: "a", ...FAST });
    expect(report).toMatchObject({ claimed: 2, sent: 2, failed: 0 });
    expect(inbox.received).toHaveLength(2);

    const it_ = inbox.received.find((m) => m.to && !Array.isArray(m.to) && m.to.text === teachers[0]!.email)!;
    expect(it_.subject).toBe(`Iscrizione confermata: ${event.title} (edizione 1) · Forma`);
    expect(it_.text).toContain("Gentile Maria,");
    expect(it_.html).toContain(`href="${ORIGIN}/le-mie-iscrizioni"`);
    const note = notifications.find((n) => n.userId === teachers[0]!.id)!;
    expect(it_.messageId).toBe(messageIdOf(note.id));
    expect(it_.from?.text).toContain("noreply@forma.example.it");

    const en = inbox.received.find((m) => m !== it_)!;
    expect(en.subject).toBe(`Enrolment confirmed: ${event.title} (edition 1) · Forma`);
    // The event's Italian title in the English message is marked as Italian (WCAG 3.1.2); the
    // Italian message marks nothing.
    expect(en.html).toContain(`<span lang="it">${event.title}</span>`);
    expect(it_.html).not.toContain("<span lang=");

    const rows = await prisma.notification.findMany({ where: { id: { in: notifications.map((n) => n.id) } } });
    for (const row of rows) {
      expect(row).toMatchObject({
        deliveryStatus: "inviata",
        deliveryAttempts: 1,
        claimedBy: null,
        claimedUntil: null,
        lastError: null,
      });
      expect(row.sentAt).not.toBeNull();
    }
    // Nothing is due any more: a second pass sends nothing.
    expect((await deliverDue({ mailer, now: later(60_000), instanceId: "a", ...FAST })).claimed).toBe(0);
    expect(inbox.received).toHaveLength(2);
  });

  it("keeps messages while SMTP is down and sends each exactly once when it is back", async () => {
    const probe = await startSmtp();
    const port = probe.port;
    await probe.stop(); // nothing listens on the port: connection refused
    const mailer = mailerFor(port);
    opened.push(mailer);
    const { notifications, teachers } = await enrolled(3, 1); // one seat, two on the waiting list
    const ids = notifications.map((n) => n.id);
    const t0 = later();

    const down = await deliverDue({ mailer, now: t0, instanceId: "a", ...FAST });
    expect(down).toMatchObject({ claimed: 3, sent: 0, failed: 3 });
    let rows = await prisma.notification.findMany({ where: { id: { in: ids } } });
    for (const row of rows) {
      expect(row.deliveryStatus).toBe("in-coda");
      expect(row.deliveryAttempts).toBe(1);
      expect(row.lastError).toMatch(/ECONNREFUSED/);
      expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + 1_000);
      expect(row.claimedBy).toBeNull();
    }
    // Backing off: not due again before the delay.
    expect((await deliverDue({ mailer, now: new Date(t0.getTime() + 500), instanceId: "a", ...FAST })).claimed).toBe(0);
    // Still down at the second try: the delay doubles.
    expect(await deliverDue({ mailer, now: new Date(t0.getTime() + 1_000), instanceId: "a", ...FAST })).toMatchObject({
      failed: 3,
    });
    rows = await prisma.notification.findMany({ where: { id: { in: ids } } });
    expect(rows.map((r) => r.nextAttemptAt.getTime() - t0.getTime())).toEqual([3_000, 3_000, 3_000]);

    const inbox = await startSmtp({ port });
    opened.push(inbox);
    const up = await deliverDue({ mailer, now: new Date(t0.getTime() + 3_000), instanceId: "b", ...FAST });
    expect(up).toMatchObject({ claimed: 3, sent: 3, failed: 0 });
    expect((await deliverDue({ mailer, now: new Date(t0.getTime() + 60_000), instanceId: "b", ...FAST })).claimed).toBe(
      0,
    );

    expect(inbox.received.map((m) => m.messageId).sort()).toEqual(ids.map(messageIdOf).sort());
    rows = await prisma.notification.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.deliveryStatus === "inviata" && r.deliveryAttempts === 3 && r.lastError === null)).toBe(
      true,
    );

    // The waiting-list messages say where the teacher stands.
    const second = inbox.received.find((m) => !Array.isArray(m.to) && m.to?.text === teachers[1]!.email)!;
    expect(second.subject).toMatch(/^Sei in lista d'attesa/);
    expect(second.text).toContain("in posizione 1");
    const third = inbox.received.find((m) => !Array.isArray(m.to) && m.to?.text === teachers[2]!.email)!;
    expect(third.text).toContain("in posizione 2");
  });

  it("a teacher placed on the waiting list by the organiser is told the position as it is when the email leaves", async () => {
    const inbox = await startSmtp();
    opened.push(inbox);
    const mailer = mailerFor(inbox.port);
    const { organiser, edition } = await createOpenEdition({ seatCap: 1 });
    const [seated, first, second] = [await createUser(), await createUser(), await createUser()];
    expect(await enrol(seated.id, edition.id)).toMatchObject({ status: "iscritto" });
    const scope = await managedEdition(organiser.id, edition.id);
    const placed = [];
    for (const t of [first, second])
      placed.push(await placeTeacher(scope, { email: t.email, override: false, reason: null, raiseCapTo: null }));
    expect(placed).toMatchObject([
      { ok: true, status: "in-attesa" },
      { ok: true, status: "in-attesa" },
    ]);
    // Written as position 2; the one ahead leaves before the outbox sends it.
    const ahead = await prisma.enrolment.findFirstOrThrow({ where: { editionId: edition.id, userId: first.id } });
    expect(await cancelByTeacher(first.id, ahead.id)).toEqual({ ok: true });
    for (let i = 0; i < 5; i++)
      await deliverDue({ mailer, now: new Date(Date.now() + i * 60_000), instanceId: "p", ...FAST });
    const told = inbox.received.filter((m) => !Array.isArray(m.to) && m.to?.text === second.email);
    const placedMail = told.find((m) => /lista d'attesa/.test(m.text ?? "") && /organizzazione/i.test(m.text ?? ""));
    expect(placedMail?.text).toContain("in posizione 1");
  });

  it("two workers on the same outbox send each message once", async () => {
    const inbox = await startSmtp();
    const mailer = mailerFor(inbox.port);
    opened.push(inbox, mailer);
    const { notifications } = await enrolled(12);
    const ids = notifications.map((n) => n.id);
    const now = later();

    // Claims race: disjoint winners that together cover every due row.
    const [a, b] = await Promise.all([claimDue("worker-a", now, 50), claimDue("worker-b", now, 50)]);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect([...a, ...b].sort()).toEqual([...ids].sort());
    // Give the rows back (lease expired) and let two full workers race on them, several rounds.
    const afterLease = new Date(now.getTime() + 2 * 60_000 + 1);
    const reports = await Promise.all(
      ["worker-a", "worker-b", "worker-a", "worker-b"].map((instanceId) =>
        deliverDue({ mailer, now: afterLease, instanceId, batchSize: 5, ...FAST }),
      ),
    );
    // Whatever the interleaving left, later rounds finish it.
    for (let round = 0; round < 5; round += 1) {
      reports.push(
        await deliverDue({ mailer, now: afterLease, instanceId: round % 2 ? "worker-a" : "worker-b", ...FAST }),
      );
    }
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(12);
    const received = inbox.received.map((m) => m.messageId);
    expect(received).toHaveLength(12);
    expect(new Set(received).size).toBe(12);
    expect([...received].sort()).toEqual(ids.map(messageIdOf).sort());
  });

  it("a batch slower than its lease sends nothing twice: the rows another worker took are left to it", async () => {
    // A claimed its batch with one 2-minute lease and sent the rows one by one: with a relay taking
    // 50 s a message, B claimed the rest when that lease ran out, and A sent them again after B.
    const inbox = await startSmtp();
    const mailerA = mailerFor(inbox.port);
    const mailerB = mailerFor(inbox.port);
    opened.push(inbox, mailerA, mailerB);
    const { notifications } = await enrolled(5);
    const ids = notifications.map((n) => n.id);
    const t0 = later();
    const at = (ms: number) => new Date(t0.getTime() + ms);

    // A's relay takes 50 s per message (A's clock moves on by as much); its third send waits on a gate.
    let aNow = t0;
    let sends = 0;
    let reachedGate!: () => void;
    const blocked = new Promise<void>((resolve) => (reachedGate = resolve));
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const slow: Mailer = {
      ...mailerA,
      async send(mail) {
        sends += 1;
        if (sends === 3) {
          reachedGate();
          await gate;
        }
        await mailerA.send(mail);
        aNow = new Date(aNow.getTime() + 50_000);
      },
    };
    const a = deliverDue({ mailer: slow, now: t0, clock: () => aNow, instanceId: "a", batchSize: 5, ...FAST });
    await blocked; // A has sent two, is sending its third at t0 + 100 s; its claim on the rest ends at t0 + 120 s.

    const b = await deliverDue({ mailer: mailerB, now: at(2 * 60_000 + 1_000), instanceId: "b", ...FAST });
    openGate();
    const aReport = await a;

    // Each message delivered once.
    const received = inbox.received.map((m) => m.messageId);
    expect(received).toHaveLength(5);
    expect([...received].sort()).toEqual(ids.map(messageIdOf).sort());
    // The third row's lease was renewed just before its send: B took only the two A had not reached,
    // and A left those to B.
    expect(b).toMatchObject({ claimed: 2, sent: 2 });
    expect(aReport).toMatchObject({ claimed: 5, sent: 3, lost: 2 });
    const rows = await prisma.notification.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.deliveryStatus === "inviata" && r.claimedBy === null)).toBe(true);
  });

  it("a relay slow to answer the end of DATA gets the message once: not cut by the connection's timeout and sent again", async () => {
    // The mailer's 30 s timeout (200 ms here) also cut the wait for the reply to the final ".": a relay scanning
    // the message accepted it after that, Forma counted it as failed and sent it again at every retry.
    const inbox = await startSmtp({ replyAfterMs: 1_000 });
    const mailer = mailerFor(inbox.port, { timeoutMs: 200 });
    opened.push(inbox, mailer);
    const { notifications } = await enrolled(1);
    const id = notifications[0]!.id;
    const now = later();
    await deliverDue({ mailer, now, instanceId: "a", ...FAST });
    await deliverDue({ mailer, now: new Date(now.getTime() + 2 * 60_000), instanceId: "a", ...FAST });
    expect(inbox.received.map((m) => m.messageId)).toEqual([messageIdOf(id)]);
    expect(await prisma.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({
      deliveryStatus: "inviata",
      lastError: null,
      claimedBy: null,
    });
  });

  it("a send the SMTP server holds longer than the lease keeps its claim: no second worker sends the message", async () => {
    // The lease was renewed once, just before the send: a relay slower than the lease to answer let another
    // worker claim the row and send it while the first send was still waiting.
    const inbox = await startSmtp();
    const mailerA = mailerFor(inbox.port);
    const mailerB = mailerFor(inbox.port);
    opened.push(inbox, mailerA, mailerB);
    const { notifications } = await enrolled(1);
    const id = notifications[0]!.id;
    let reached!: () => void;
    const sending = new Promise<void>((resolve) => (reached = resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const slow: Mailer = {
      ...mailerA,
      async send(mail) {
        reached();
        await answered;
        await mailerA.send(mail);
      },
    };
    // The real clock, and a lease of 900 ms: the heartbeat renews it every 300 ms while the send waits.
    const a = deliverDue({ mailer: slow, instanceId: "a", ...FAST, leaseMs: 900 });
    await sending;
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // the lease taken before the send ran out long ago
    const b = await deliverDue({ mailer: mailerB, instanceId: "b", ...FAST, leaseMs: 900 });
    answer();
    await a;
    expect(b.claimed).toBe(0);
    expect(inbox.received.map((m) => m.messageId)).toEqual([messageIdOf(id)]);
    expect(await prisma.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({
      deliveryStatus: "inviata",
      claimedBy: null,
    });
  });

  it("a batch told to stop (shutdown) ends the send in flight and gives the rest back unclaimed", async () => {
    // Before, a run went through its whole batch whatever happened: the process was cut mid-send, and the rows not
    // reached kept its claim until the lease ran out.
    const inbox = await startSmtp();
    const mailer = mailerFor(inbox.port);
    opened.push(inbox, mailer);
    const { notifications } = await enrolled(3);
    const ids = notifications.map((n) => n.id);
    const stop = new AbortController();
    const stopping: Mailer = {
      ...mailer,
      async send(mail) {
        stop.abort(); // SIGTERM while the first message is with the SMTP server
        await mailer.send(mail);
      },
    };
    const report = await deliverDue({ mailer: stopping, now: later(), instanceId: "a", signal: stop.signal, ...FAST });
    expect(report).toMatchObject({ claimed: 3, sent: 1, released: 2 });
    expect(inbox.received).toHaveLength(1);
    const rows = await prisma.notification.findMany({ where: { id: { in: ids } } });
    const sent = rows.filter((r) => r.deliveryStatus === "inviata");
    expect(sent.map((r) => messageIdOf(r.id))).toEqual(inbox.received.map((m) => m.messageId));
    const back = rows.filter((r) => r.deliveryStatus !== "inviata");
    expect(back).toHaveLength(2);
    for (const row of back) {
      expect(row).toMatchObject({
        deliveryStatus: "in-coda",
        claimedBy: null,
        claimedUntil: null,
        deliveryAttempts: 0,
      });
    }
    // Another worker sends them at once, without waiting for a lease.
    expect(await deliverDue({ mailer, now: later(), instanceId: "b", ...FAST })).toMatchObject({ sent: 2 });
    expect(inbox.received).toHaveLength(3);
  });

  it("a claim held by a crashed worker is taken over only after its lease", async () => {
    const inbox = await startSmtp();
    const mailer = mailerFor(inbox.port);
    opened.push(inbox, mailer);
    const { notifications } = await enrolled(1);
    const now = later();
    expect(await claimDue("crashed", now, 10)).toEqual([notifications[0]!.id]);
    expect(
      (await deliverDue({ mailer, now: new Date(now.getTime() + 60_000), instanceId: "other", ...FAST })).claimed,
    ).toBe(0);
    expect(
      await deliverDue({ mailer, now: new Date(now.getTime() + 2 * 60_000 + 1), instanceId: "other", ...FAST }),
    ).toMatchObject({ sent: 1 });
    expect(inbox.received).toHaveLength(1);
  });

  it("'Riprova' on a message a worker is sending is refused until its lease ends: no second copy", async () => {
    const { notifications } = await enrolled(1);
    const id = notifications[0]!.id;
    // A message waiting for its next attempt after a passing failure: the admin page offers "Riprova" on it.
    await prisma.notification.update({ where: { id }, data: { deliveryAttempts: 1 } });
    const now = later();
    expect(await claimDue("sending", now, 10)).toEqual([id]);
    // While the worker hands it to the SMTP server, the retry would free its claim, and the worker's "sent" (written
    // only while it holds the claim) would be lost: the next batch would send it again.
    expect(await retryNotification(id, new Date(now.getTime() + 10_000))).toBe(false);
    expect(await prisma.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({
      claimedBy: "sending",
      deliveryAttempts: 1,
    });
    // A worker that died holding it: once the lease has run out, the retry goes through.
    expect(await retryNotification(id, new Date(now.getTime() + 2 * 60_000 + 1))).toBe(true);
    await prisma.notification.deleteMany({ where: { id } });
  });

  it("a message that keeps failing is marked 'errore', shown with its error and sent after a retry", async () => {
    const refusing = await startSmtp();
    const { notifications, teachers } = await enrolled(1);
    const id = notifications[0]!.id;
    await refusing.stop();
    const inbox = await startSmtp({ port: refusing.port, defer: [teachers[0]!.email] });
    const mailer = mailerFor(inbox.port);
    opened.push(inbox, mailer);
    const t0 = later();

    expect(await deliverDue({ mailer, now: t0, instanceId: "a", maxAttempts: 2, ...FAST })).toMatchObject({
      failed: 1,
      gaveUp: 0,
    });
    expect(
      await deliverDue({ mailer, now: new Date(t0.getTime() + 1_000), instanceId: "a", maxAttempts: 2, ...FAST }),
    ).toMatchObject({ gaveUp: 1 });
    const failed = await prisma.notification.findUniqueOrThrow({ where: { id } });
    expect(failed).toMatchObject({ deliveryStatus: "errore", deliveryAttempts: 2, sentAt: null });
    expect(failed.lastError).toMatch(/451|Riprova più tardi/);
    // Given up: no more tries on its own.
    expect(
      (await deliverDue({ mailer, now: new Date(t0.getTime() + 3_600_000), instanceId: "a", ...FAST })).claimed,
    ).toBe(0);

    const { rows, counts } = await recentNotifications("errore");
    expect(rows.find((r) => r.id === id)).toMatchObject({
      deliveryStatus: "errore",
      user: { email: teachers[0]!.email },
    });
    expect(counts.errore).toBeGreaterThanOrEqual(1);

    // The address is fixed on the mail side; the national unit presses "Riprova".
    await inbox.stop();
    opened.splice(opened.indexOf(inbox), 1);
    const fixed = await startSmtp({ port: inbox.port });
    opened.push(fixed);
    const t1 = new Date(t0.getTime() + 7_200_000);
    expect(await retryNotification(id, t1)).toBe(true);
    expect(await deliverDue({ mailer, now: t1, instanceId: "a", ...FAST })).toMatchObject({ sent: 1 });
    expect(fixed.received.map((m) => m.messageId)).toEqual([messageIdOf(id)]);
    // A sent message cannot be "retried" into a second copy.
    expect(await retryNotification(id, t1)).toBe(false);
    expect((await deliverDue({ mailer, now: new Date(t1.getTime() + 60_000), instanceId: "a", ...FAST })).claimed).toBe(
      0,
    );
  });

  it("lists on /admin/email the messages to one recipient, found by part of the address, with their counts", async () => {
    // The page listed the latest 100 messages of everyone: a teacher asking whether their
    // confirmation left could not be found once a few editions had opened since.
    const { teachers } = await enrolled(3);
    const national = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const cookie = await cookieOf(national.id);
    const wanted = teachers[1]!.email;
    const part = wanted.split("@")[0]!.toUpperCase();
    const page = await runRoute(adminEmailRoute.loader as unknown as Handler, {
      cookie,
      url: `http://localhost/admin/email?destinatario=${encodeURIComponent(` ${part} `)}`,
    });
    expect(page.status).toBe(200);
    const data = page.data as { recipient: string; rows: { email: string }[]; counts: Record<string, number> };
    expect(data.rows.map((r) => r.email)).toEqual([wanted]);
    expect(Object.values(data.counts).reduce((a, b) => a + b, 0)).toBe(1);
    // Both filters together: none of that recipient has been sent yet (no SMTP in this test).
    const queued = await runRoute(adminEmailRoute.loader as unknown as Handler, {
      cookie,
      url: `http://localhost/admin/email?stato=inviata&destinatario=${encodeURIComponent(wanted)}`,
    });
    expect((queued.data as { rows: unknown[] }).rows).toEqual([]);
    // Out of the way of the next tests' deliveries.
    await prisma.notification.updateMany({
      where: { userId: { in: teachers.map((t) => t.id) } },
      data: { deliveryStatus: "non-inviare" },
    });
  });

  it("after a mail outage, 'retry every failed email' queues the recent failed ones again, not stale reminders", async () => {
    // One at a time was the only way: after an SMTP outage longer than the outbox's day of retries,
    // the national unit pressed "Riprova" on every row.
    const tag = unique("guasto").toLowerCase();
    const { edition } = await createOpenEdition();
    const teachers: { id: string }[] = [];
    for (let i = 0; i < 5; i += 1) {
      const teacher = await createUser({ email: `${tag}-${i}@scuola.example.it` });
      const outcome = await enrol(teacher.id, edition.id);
      if (!outcome.ok) throw new Error(`enrolment refused: ${outcome.reason}`);
      teachers.push(teacher);
    }
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
    const failed = async (i: number, createdAt: Date, kind?: string) =>
      (
        await prisma.notification.updateManyAndReturn({
          where: { userId: teachers[i]!.id },
          data: { deliveryStatus: "errore", deliveryAttempts: 12, createdAt, ...(kind ? { kind } : {}) },
        })
      )[0]!.id;
    const recent = await failed(0, hoursAgo(30)); // a confirmation of yesterday: sent again
    const recentReminder = await failed(1, hoursAgo(3), "promemoria-incontro"); // a reminder of this morning: too
    const staleReminder = await failed(2, hoursAgo(30), "promemoria-incontro"); // would arrive after the meeting
    const old = await failed(3, hoursAgo(8 * 24)); // past the week: one by one only
    await prisma.notification.updateMany({ where: { userId: teachers[4]!.id }, data: { deliveryStatus: "inviata" } });

    const national = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const cookie = await cookieOf(national.id);
    const address = `http://localhost/admin/email?destinatario=${encodeURIComponent(tag)}`;
    const page = await runRoute(adminEmailRoute.loader as unknown as Handler, { cookie, url: address });
    expect((page.data as { bulkRetryable: number }).bulkRetryable).toBe(2);

    const done = await runRoute(adminEmailRoute.action as unknown as Handler, {
      cookie,
      url: address,
      form: { intent: "retry-failed" },
    });
    // A redirect (a reload sends nothing again) to the same filters, saying how many.
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/admin/email?destinatario=${encodeURIComponent(tag)}&esito=riprovate&n=2`);
    const statuses = Object.fromEntries(
      (
        await prisma.notification.findMany({
          where: { id: { in: [recent, recentReminder, staleReminder, old] } },
          select: { id: true, deliveryStatus: true, deliveryAttempts: true },
        })
      ).map((n) => [n.id, `${n.deliveryStatus}/${n.deliveryAttempts}`]),
    );
    expect(statuses).toEqual({
      [recent]: "in-coda/0",
      [recentReminder]: "in-coda/0",
      [staleReminder]: "errore/12",
      [old]: "errore/12",
    });

    // One by one, the old one too; a second press of the same button changes nothing and says so.
    const one = await runRoute(adminEmailRoute.action as unknown as Handler, {
      cookie,
      url: address,
      form: { intent: "retry", id: old },
    });
    expect([one.status, one.location]).toEqual([
      302,
      `/admin/email?destinatario=${encodeURIComponent(tag)}&esito=riprovata`,
    ]);
    const again = await runRoute(adminEmailRoute.action as unknown as Handler, {
      cookie,
      url: address,
      form: { intent: "retry", id: old },
    });
    expect(again.status).toBe(409);
    // Out of the way of the next tests' deliveries.
    await prisma.notification.updateMany({
      where: { userId: { in: teachers.map((t) => t.id) } },
      data: { deliveryStatus: "non-inviare" },
    });
  });

  it("'Riprova' on one reminder a day or a week old sends it only while its session is ahead", async () => {
    // Review 0020 (finding 3) read the single retry's lack of an age limit as sending a week-old "domani inizia…".
    // It cannot: a reminder is written 2 to 26 hours before its session and names its date, and the outbox does not
    // send one whose session has begun (incontro-non-attuale). One a day old is still true and still useful.
    const inbox = await startSmtp();
    const mailer = mailerFor(inbox.port);
    opened.push(inbox, mailer);
    // A start of its own (a year ahead, at an odd minute): the reminders' job writes for every session in its window.
    const { edition } = await createOpenEdition({
      sessionStartsAt: new Date(Date.now() + 365 * 24 * 3600_000 + 7_777_000),
    });
    const teachers = [await createUser(), await createUser()];
    for (const t of teachers) expect((await enrol(t.id, edition.id)).ok).toBe(true);
    // Nothing else queued in the way of the two reminders (their confirmations, earlier tests' rows).
    await prisma.notification.updateMany({
      where: { deliveryStatus: "in-coda" },
      data: { deliveryStatus: "non-inviare" },
    });
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
    const startsAt = session.startsAt.getTime();
    const hour = 3600_000;
    // Written 25 hours before the session, by the reminders' own job; then refused by the relay until it gave up.
    expect(await writeSessionReminders(new Date(startsAt - 25 * hour))).toBeGreaterThanOrEqual(2);
    const [dayOld, weekOld] = await Promise.all(
      teachers.map((t) =>
        prisma.notification.findFirstOrThrow({ where: { userId: t.id, kind: "promemoria-incontro" } }),
      ),
    );
    await prisma.notification.updateMany({
      where: { id: { in: [dayOld!.id, weekOld!.id] } },
      data: { deliveryStatus: "errore", deliveryAttempts: 12, createdAt: new Date(startsAt - 25 * hour) },
    });

    // An hour before the session, the reminder written 24 hours earlier: retried, it leaves.
    const dayLater = new Date(startsAt - hour);
    expect(await retryNotification(dayOld!.id, dayLater)).toBe(true);
    await deliverDue({ mailer, now: dayLater, instanceId: "a", ...FAST });
    const to = (email: string) => inbox.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === email);
    expect(to(teachers[0]!.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^Promemoria: /)]);

    // A week later, the other one: retried, it is not sent, and the page says why.
    const weekLater = new Date(startsAt + 6 * 24 * hour);
    expect(await retryNotification(weekOld!.id, weekLater)).toBe(true);
    await deliverDue({ mailer, now: weekLater, instanceId: "a", ...FAST });
    expect(to(teachers[1]!.email)).toEqual([]);
    expect(
      await prisma.notification.findUniqueOrThrow({
        where: { id: weekOld!.id },
        select: { deliveryStatus: true, lastError: true },
      }),
    ).toEqual({ deliveryStatus: "non-inviare", lastError: "incontro-non-attuale" });
  });

  it("a retry after an outage does not send an offer no longer open or a link no longer valid: they become 'non-inviare', with the reason", async () => {
    // "Riprova tutte" sent them all: "confirm by <yesterday>" for a seat now someone else's, and a
    // password link that answered "expired".
    const tag = unique("ritardo").toLowerCase();
    const person = (name: string) => createUser({ email: `${tag}-${name}@scuola.example.it` });
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
    /** An edition of one seat promoting by offer: `seated` leaves, `offered` is offered the seat. */
    async function offer(seatedName: string, offeredName: string) {
      const { edition } = await createOpenEdition({ seatCap: 1, promotionMode: "offerta", offerHours: 24 });
      const [seated, offered] = [await person(seatedName), await person(offeredName)];
      const seat = await enrol(seated.id, edition.id);
      expect(await enrol(offered.id, edition.id)).toMatchObject({ ok: true, status: "in-attesa" });
      if (!seat.ok) throw new Error("enrolment refused");
      expect(await cancelByTeacher(seated.id, seat.enrolmentId)).toEqual({ ok: true });
      const place = await prisma.enrolment.findFirstOrThrow({ where: { userId: offered.id } });
      expect(place.status).toBe("offerta");
      return { users: [seated, offered], offered, place };
    }
    const lapsed = await offer("a", "b");
    const open = await offer("c", "d");
    // The offer lapsed during the outage: the seat went on (here: back to the edition).
    await prisma.enrolment.update({ where: { id: lapsed.place.id }, data: { offerExpiresAt: hoursAgo(1) } });
    expect(await expireOverdueOffers(now)).toBeGreaterThanOrEqual(1);
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: lapsed.place.id } })).status).toBe(
      "offerta-scaduta",
    );
    // A password link asked for during the outage (its hour is over), and one asked for just now.
    const [stale, fresh] = [await person("e"), await person("f")];
    await requestPasswordReset(stale.email, hoursAgo(3));
    await requestPasswordReset(fresh.email, now);
    const users = [...lapsed.users, ...open.users, stale, fresh];
    const ids = users.map((u) => u.id);
    // Everything else of theirs out of the way; the four messages failed for good during the outage.
    await prisma.notification.updateMany({ where: { userId: { in: ids } }, data: { deliveryStatus: "non-inviare" } });
    const failed = async (where: { userId: string; kind: string }, createdAt: Date) =>
      (
        await prisma.notification.updateManyAndReturn({
          where,
          data: { deliveryStatus: "errore", deliveryAttempts: 30, createdAt, lastError: "ECONNREFUSED" },
        })
      )[0]!.id;
    const lapsedOffer = await failed({ userId: lapsed.offered.id, kind: "posto-offerto" }, hoursAgo(48));
    const openOffer = await failed({ userId: open.offered.id, kind: "posto-offerto" }, hoursAgo(2));
    const staleLink = await failed({ userId: stale.id, kind: "reimposta-password" }, hoursAgo(3));
    const freshLink = await failed({ userId: fresh.id, kind: "reimposta-password" }, now);

    const national = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const cookie = await cookieOf(national.id);
    const address = `http://localhost/admin/email?destinatario=${encodeURIComponent(tag)}`;
    const done = await runRoute(adminEmailRoute.action as unknown as Handler, {
      cookie,
      url: address,
      form: { intent: "retry-failed" },
    });
    expect(done.location).toBe(`/admin/email?destinatario=${encodeURIComponent(tag)}&esito=riprovate&n=4`);

    const inbox = await startSmtp();
    const mailer = mailerFor(inbox.port);
    opened.push(inbox, mailer);
    expect(await deliverDue({ mailer, now: later(), instanceId: "ritardo", ...FAST })).toMatchObject({
      claimed: 4,
      sent: 2,
      skipped: 2,
    });
    // The open offer and the fresh link leave; the others do not.
    expect(inbox.received.map((m) => m.messageId).sort()).toEqual([openOffer, freshLink].map(messageIdOf).sort());
    const rows = await prisma.notification.findMany({
      where: { id: { in: [lapsedOffer, staleLink] } },
      select: { id: true, deliveryStatus: true, lastError: true, sentAt: true },
    });
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.deliveryStatus, r.lastError, r.sentAt]]))).toEqual({
      [lapsedOffer]: ["non-inviare", "offerta-chiusa", null],
      [staleLink]: ["non-inviare", "link-usato-o-scaduto", null],
    });
    // The dead link leaves the outbox as a sent one does: a year of "non-inviare" must not keep it.
    const staleRow = await prisma.notification.findUniqueOrThrow({ where: { id: staleLink } });
    expect(JSON.parse(staleRow.payload)).toEqual({});
    // /admin/email says why, in the admin's language.
    const page = await runRoute(adminEmailRoute.loader as unknown as Handler, { cookie, url: address });
    const listed = (page.data as { rows: { id: string; notSentReason: string | null }[] }).rows;
    expect(Object.fromEntries(listed.filter((r) => r.notSentReason).map((r) => [r.id, r.notSentReason]))).toEqual({
      [lapsedOffer]: "offerta-chiusa",
      [staleLink]: "link-usato-o-scaduto",
    });
    // A single "Riprova" cannot bring them back.
    expect(await retryNotification(lapsedOffer)).toBe(false);
    await prisma.notification.deleteMany({ where: { userId: { in: ids } } });
  });

  it("a bulk retry sends one person's messages in the order they were written, the one that ended the place last", async () => {
    const { edition } = await createOpenEdition();
    const teacher = await createUser();
    const seat = await enrol(teacher.id, edition.id);
    if (!seat.ok) throw new Error("enrolment refused");
    await prisma.notification.deleteMany({ where: { userId: teacher.id } });
    // Both failed during an outage: the confirmation written first, the cancellation an hour later. Stored
    // here in the other order, so that the order of storage cannot stand in for the order of writing.
    const written = new Date(Date.now() - 3 * 3600_000);
    const row = (kind: string, createdAt: Date) =>
      prisma.notification.create({
        data: {
          userId: teacher.id,
          enrolmentId: seat.enrolmentId,
          kind,
          dedupeKey: unique(`ordine-${kind}`),
          payload: JSON.stringify({ eventTitle: "Ordine", editionNumber: 1 }),
          createdAt,
          deliveryStatus: "errore",
          deliveryAttempts: 30,
        },
      });
    const cancelled = await row("iscrizione-annullata", new Date(written.getTime() + 3600_000));
    const confirmed = await row("iscrizione-confermata", written);
    // "L'indirizzo è giusto: invia di nuovo" (as "retry every failed email") queues both for the same instant.
    const retriedAt = new Date("2026-01-01T00:00:00Z");
    expect(await retryRefusedAddress(teacher.id, retriedAt)).toBe(2);
    expect(await claimDue(unique("ordine"), later(), 1)).toEqual([confirmed.id]);
    expect(await claimDue(unique("ordine"), later(), 1)).toEqual([cancelled.id]);
    await prisma.notification.deleteMany({ where: { userId: teacher.id } });
  });

  it("a certificate email still queued when its certificate is revoked or replaced is not sent", async () => {
    // An edition whose webinar ended yesterday, two teachers present: the trainer closes it (two
    // "Attestato disponibile" queued), then revokes one and reissues the other before the emails leave.
    const { edition, event } = await createOpenEdition({ sessionStartsAt: new Date(Date.now() - 26 * 3600_000) });
    const trainer = await createUser();
    await prisma.eventTrainer.create({ data: { eventId: event.id, userId: trainer.id } });
    const [revoked, reissued] = [await createUser(), await createUser()];
    const places = [];
    for (const t of [revoked, reissued]) {
      places.push(
        await prisma.enrolment.create({
          data: {
            editionId: edition.id,
            eventId: event.id,
            userId: t.id,
            status: "iscritto",
            activeKey: `${event.id}:${t.id}`,
          },
        }),
      );
    }
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
    await prisma.attendanceRecord.createMany({
      data: places.map((p) => ({
        sessionId: session.id,
        enrolmentId: p.id,
        status: "presente",
        recordedById: trainer.id,
      })),
    });
    const scope = await trainerEdition(trainer.id, edition.id);
    expect(await issueCertificates(scope)).toMatchObject({ issued: 2 });
    const certificateOf = (userId: string) =>
      prisma.certificate.findFirstOrThrow({ where: { userId, revokedAt: null } });
    const first = await certificateOf(revoked.id);
    const second = await certificateOf(reissued.id);
    expect(await revokeCertificate(scope, first.id, "Presenza registrata per errore")).toEqual({ ok: true });
    const replacement = await reissueCertificate(scope, second.id);

    const inbox = await startSmtp();
    const mailer = mailerFor(inbox.port);
    opened.push(inbox, mailer);
    for (let i = 0; i < 3; i++) await deliverDue({ mailer, now: later(), instanceId: "attestati", ...FAST });
    const subjects = (email: string) =>
      inbox.received
        .filter((m) => !Array.isArray(m.to) && m.to?.text === email)
        .map((m) => m.subject ?? "")
        .sort();
    // The revoked one hears of the revocation only; the reissued one of the new certificate only.
    expect(subjects(revoked.email)).toEqual([expect.stringMatching(/^Attestato revocato/)]);
    expect(subjects(reissued.email)).toEqual([expect.stringMatching(/^Attestato riemesso/)]);
    const available = await prisma.notification.findMany({
      where: { userId: { in: [revoked.id, reissued.id] }, kind: "attestato-disponibile" },
      select: { payload: true, deliveryStatus: true, lastError: true },
    });
    expect(
      Object.fromEntries(
        available.map((n) => [JSON.parse(n.payload).certificateCode as string, [n.deliveryStatus, n.lastError]]),
      ),
    ).toEqual({
      [first.code]: ["non-inviare", "attestato-non-valido"],
      [second.code]: ["non-inviare", "attestato-non-valido"],
      [replacement.code]: ["inviata", null],
    });
  });

  it("in development without SMTP writes each message as an .eml file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "forma-outbox-"));
    const mailer = fileMailer({ dir, from: "Forma <noreply@localhost>", domain: "localhost" });
    opened.push(mailer);
    const { notifications, event } = await enrolled(1);
    expect(await deliverDue({ mailer, now: later(), instanceId: "dev", ...FAST })).toMatchObject({ sent: 1 });
    const file = path.join(dir, `${notifications[0]!.id}.eml`);
    const parsed = await simpleParser(fs.readFileSync(file));
    expect(parsed.subject).toBe(`Iscrizione confermata: ${event.title} (edizione 1) · Forma`);
    expect(parsed.messageId).toBe(`<${notifications[0]!.id}@localhost>`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
