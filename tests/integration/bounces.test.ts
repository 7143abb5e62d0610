// Late refusals (ADR 0087), against a real database and real SMTP servers: each email leaves with
// its own signed envelope sender; a relay's bounce to it (RFC 3464), received by Forma's own bounce
// receiver, marks the email failed and, when it says the address does not exist, the person
// (/profilo, the organisers' lists: ADR 0083). Forged addresses are refused at RCPT TO; bounces that
// say nothing against the address (mailbox full, spam filter, delayed) and other mail change nothing.
import nodemailer from "nodemailer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { enrol } from "../../app/models/enrolment.server.ts";
import { issueAccountToken } from "../../app/models/account-tokens.server.ts";
import { deliverDue, retryNotification, retryRefusedAddress } from "../../app/models/outbox.server.ts";
import { recordBounce, type BounceOutcome } from "../../app/models/bounce.server.ts";
import { bounceAddressFor } from "../../app/utils/bounce-address.server.ts";
import { startBounceReceiver, type BounceReceiver } from "../../app/utils/bounce-receiver.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { mailerFor, startSmtp, type Inbox } from "../support/smtp.ts";

const SECRET = "chiave-di-prova-dei-ritorni-".padEnd(40, "x");
const BOUNCES = "ritorni@forma.example.it";
const FAST = { baseDelayMs: 1_000, maxDelayMs: 4_000, origin: "https://forma.example.it", instanceId: "bounces" };
const opened: (Inbox | Mailer | BounceReceiver)[] = [];
const parkQueued = () =>
  prisma.notification.updateMany({ where: { deliveryStatus: "in-coda" }, data: { deliveryStatus: "non-inviare" } });
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) {
    if ("stop" in thing) await thing.stop();
    else thing.close();
  }
  await parkQueued();
});
beforeAll(parkQueued);
afterAll(() => prisma.$disconnect());

/** One teacher enrolled, their confirmation sent through a real SMTP server with bounce addresses. */
async function sentConfirmation() {
  const inbox = await startSmtp();
  const mailer = mailerFor(inbox.port, { bounce: { address: BOUNCES, secret: SECRET } });
  opened.push(inbox, mailer);
  const { edition } = await createOpenEdition({ seatCap: 10 });
  const teacher = await createUser();
  const outcome = await enrol(teacher.id, edition.id);
  if (!outcome.ok) throw new Error(`enrolment refused: ${outcome.reason}`);
  expect(await deliverDue({ mailer, now: new Date(Date.now() + 1_000), ...FAST })).toMatchObject({ sent: 1 });
  const notification = await prisma.notification.findFirstOrThrow({
    where: { userId: teacher.id },
    select: { id: true, deliveryStatus: true },
  });
  return { inbox, teacher, notification };
}

async function receiver() {
  const outcomes: [string, BounceOutcome][] = [];
  const started = await startBounceReceiver({
    port: 0,
    host: "127.0.0.1",
    bounceAddress: BOUNCES,
    secret: SECRET,
    onRecorded: (id, outcome) => outcomes.push([id, outcome]),
  });
  opened.push(started);
  return { ...started, outcomes };
}

/** A relay's bounce (multipart/report, RFC 3464) about `recipient`, as Postfix writes one. */
function bounceMessage(recipient: string, status: string, action = "failed") {
  return [
    "From: MAILER-DAEMON@relay.example (Mail Delivery System)",
    "To: " + BOUNCES,
    "Subject: Undelivered Mail Returned to Sender",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B0UND"',
    "",
    "--B0UND",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "I'm sorry to have to inform you that your message could not be delivered.",
    "",
    "--B0UND",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; relay.example",
    "",
    `Final-Recipient: rfc822; ${recipient}`,
    `Action: ${action}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; 550 ${status} <${recipient}>: Recipient address rejected:`,
    "    User unknown in virtual mailbox table",
    "",
    "--B0UND",
    "Content-Type: text/rfc822-headers",
    "",
    "Subject: Iscrizione confermata",
    "",
    "--B0UND--",
    "",
  ].join("\r\n");
}

/** Sends `raw` to Forma's bounce receiver for `to`, as the relay would (null sender). */
async function deliverToReceiver(port: number, to: string, raw: string) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ envelope: { from: "", to }, raw });
  } finally {
    transport.close();
  }
}

const personOf = (id: string) =>
  prisma.user.findUniqueOrThrow({ where: { id }, select: { email: true, emailRefusedAt: true, emailRefusal: true } });
const notificationOf = (id: string) =>
  prisma.notification.findUniqueOrThrow({ where: { id }, select: { deliveryStatus: true, lastError: true } });

describe("bounces that come later (ADR 0087)", () => {
  it("each email leaves with its own signed envelope sender, the From unchanged", async () => {
    const { inbox, notification } = await sentConfirmation();
    expect(inbox.envelopeSenders).toEqual([bounceAddressFor(notification.id, BOUNCES, SECRET)]);
    expect(inbox.received[0]!.from?.value[0]?.address).toBe("noreply@forma.example.it");
  });

  it("a bounce saying the address does not exist fails the email and marks the person; twice changes nothing more", async () => {
    const { teacher, notification } = await sentConfirmation();
    const bounces = await receiver();
    const address = bounceAddressFor(notification.id, BOUNCES, SECRET);

    await deliverToReceiver(bounces.port, address, bounceMessage(teacher.email, "5.1.1"));
    expect(bounces.outcomes).toEqual([[notification.id, "address-refused"]]);
    const person = await personOf(teacher.id);
    expect(person.emailRefusedAt).not.toBeNull();
    expect(person.emailRefusal).toMatch(/^550 5\.1\.1 .*User unknown in virtual mailbox table$/);
    expect(await notificationOf(notification.id)).toEqual({
      deliveryStatus: "errore",
      lastError: expect.stringMatching(/^Rifiutata dopo l'invio \(ritorno\): 550 5\.1\.1/),
    });

    await deliverToReceiver(bounces.port, address, bounceMessage(teacher.email, "5.1.1"));
    expect(bounces.outcomes).toHaveLength(2);
    expect((await notificationOf(notification.id)).deliveryStatus).toBe("errore");
  });

  it("refuses addresses it did not sign, and leaves alone bounces that say nothing against the address", async () => {
    const { teacher, notification } = await sentConfirmation();
    const bounces = await receiver();
    const address = bounceAddressFor(notification.id, BOUNCES, SECRET);
    const forged = address.replace(/\.[0-9a-f]{20}@/, ".00000000000000000000@");

    await expect(deliverToReceiver(bounces.port, forged, bounceMessage(teacher.email, "5.1.1"))).rejects.toMatchObject({
      responseCode: 550,
    });
    await expect(
      deliverToReceiver(bounces.port, "postmaster@forma.example.it", bounceMessage(teacher.email, "5.1.1")),
    ).rejects.toMatchObject({ responseCode: 550 });
    for (const [status, action] of [
      ["5.2.2", "failed"], // mailbox full
      ["5.7.1", "failed"], // refused as spam: about Forma, not the address
      ["4.4.1", "delayed"],
    ] as const) {
      await deliverToReceiver(bounces.port, address, bounceMessage(teacher.email, status, action));
    }
    // Not a bounce at all (an auto-reply to the bounce address): accepted, dropped.
    await deliverToReceiver(bounces.port, address, "Subject: Fuori sede\r\n\r\nSono in ferie fino al 7.\r\n");

    expect(bounces.outcomes).toEqual([
      [notification.id, "ignored"],
      [notification.id, "ignored"],
      [notification.id, "ignored"],
    ]);
    expect(await personOf(teacher.id)).toMatchObject({ emailRefusedAt: null, emailRefusal: null });
    expect(await notificationOf(notification.id)).toEqual({ deliveryStatus: "inviata", lastError: null });
  });

  it("an address changed since the email: the email fails, the person's new address is not marked", async () => {
    const { teacher, notification } = await sentConfirmation();
    const bounces = await receiver();
    const newAddress = `nuovo.${teacher.email}`;
    await prisma.user.update({ where: { id: teacher.id }, data: { email: newAddress } });

    await deliverToReceiver(
      bounces.port,
      bounceAddressFor(notification.id, BOUNCES, SECRET),
      bounceMessage(teacher.email, "5.1.1"),
    );
    expect(bounces.outcomes).toEqual([[notification.id, "email-failed"]]);
    expect(await personOf(teacher.id)).toEqual({ email: newAddress, emailRefusedAt: null, emailRefusal: null });
    expect((await notificationOf(notification.id)).deliveryStatus).toBe("errore");
  });

  it("an account email that bounced after it was sent is not sent again without its link or to the wrong address", async () => {
    // Accepted, its token and address left the payload; the bounce made it "errore"; a retry (from
    // /admin/email, or the person's "send again" on /profilo) rebuilt it with a link to nowhere, and the
    // confirmation of a new address went to the old one.
    const inbox = await startSmtp();
    const mailer = mailerFor(inbox.port);
    opened.push(inbox, mailer);
    const teacher = await createUser();
    const typo = `refuso.${teacher.email}`;
    await prisma.$transaction(async (tx) => {
      await issueAccountToken(tx, teacher.id, "cambio-email", new Date(), typo);
      await issueAccountToken(tx, teacher.id, "reimposta-password", new Date());
    });
    expect(await deliverDue({ mailer, now: new Date(Date.now() + 1_000), ...FAST })).toMatchObject({ sent: 2 });
    expect(inbox.received.map((m) => (Array.isArray(m.to) ? "" : m.to?.text)).sort()).toEqual(
      [teacher.email, typo].sort(),
    );
    const sent = await prisma.notification.findMany({
      where: { userId: teacher.id },
      select: { id: true, kind: true },
    });
    const idOf = (kind: string) => sent.find((n) => n.kind === kind)!.id;
    const change = idOf("cambio-email");
    const reset = idOf("reimposta-password");
    // Both bounce: the new address does not exist, the account's own mailbox is disabled.
    const bounce = (recipient: string, status: string) => ({
      recipient,
      action: "failed",
      status,
      diagnostic: `550 ${status} mailbox unavailable`,
    });
    expect(await recordBounce(change, [bounce(typo, "5.1.1")])).toBe("email-failed");
    expect(await recordBounce(reset, [bounce(teacher.email, "5.2.1")])).toBe("address-refused");

    // The national unit retries one; the person says "the address is right: send again" for the other.
    expect(await retryNotification(change)).toBe(true);
    expect(await retryRefusedAddress(teacher.id)).toBe(1);
    expect(await deliverDue({ mailer, now: new Date(Date.now() + 2_000), ...FAST })).toMatchObject({
      claimed: 2,
      sent: 0,
      skipped: 2,
    });
    expect(inbox.received).toHaveLength(2);
    for (const id of [change, reset]) {
      expect(await notificationOf(id)).toEqual({ deliveryStatus: "non-inviare", lastError: "gia-inviata" });
    }
    await prisma.notification.deleteMany({ where: { userId: teacher.id } });
  });
});
