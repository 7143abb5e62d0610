// The production server's bounce receiver (ADR 0087): with MAIL_BOUNCE_ADDRESS and BOUNCE_SMTP_PORT
// set, every worker of `node server.js` listens on that port (node:cluster shares it), refuses
// addresses it did not sign and records a relay's bounce against the email it names.
import net from "node:net";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, expect, test } from "vitest";
import { freePort, SESSION_SECRET, startServer, waitFor, type RunningServer } from "./support.ts";

const BOUNCES = "ritorni@forma.example.it";
let server: RunningServer | undefined;
let bouncePort = 0;

beforeAll(async () => {
  process.env.SESSION_SECRET = SESSION_SECRET;
  bouncePort = await freePort();
  server = await startServer({
    env: { WEB_CONCURRENCY: "2", MAIL_BOUNCE_ADDRESS: BOUNCES, BOUNCE_SMTP_PORT: String(bouncePort) },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function send(to: string, raw: string) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: bouncePort, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ envelope: { from: "", to }, raw });
  } finally {
    transport.close();
  }
}

const bounce = (recipient: string) =>
  [
    "From: MAILER-DAEMON@relay.example",
    "Subject: Undelivered Mail Returned to Sender",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    "",
    "--B",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; relay.example",
    "",
    `Final-Recipient: rfc822; ${recipient}`,
    "Action: failed",
    "Status: 5.1.1",
    "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
    "",
    "--B--",
    "",
  ].join("\r\n");

test("both workers listen; a forged address is refused; a bounce marks the email and the person", async () => {
  const { prisma } = await import("../../app/utils/db.server.ts");
  const { createUser } = await import("../support/factories.ts");
  const { bounceAddressFor } = await import("../../app/utils/bounce-address.server.ts");
  await waitFor(
    () => server!.logs.filter((l) => l.msg === "bounce receiver listening").length === 2,
    `two workers' receivers:\n${server!.output()}`,
  );
  const banner = await new Promise<string>((resolve, fail) => {
    const socket = net.connect(bouncePort, "127.0.0.1");
    socket.once("data", (chunk) => {
      resolve(chunk.toString());
      socket.destroy();
    });
    socket.once("error", fail);
  });
  expect(banner).toMatch(/^220 .*Forma: ritorni/);

  const teacher = await createUser();
  const notification = await prisma.notification.create({
    data: {
      userId: teacher.id,
      kind: "iscrizione-confermata",
      dedupeKey: `ritorno-${teacher.id}`,
      deliveryStatus: "inviata",
      sentAt: new Date(),
    },
  });
  const address = bounceAddressFor(notification.id, BOUNCES, SESSION_SECRET);
  await expect(
    send(address.replace(/\.[0-9a-f]{20}@/, ".ffffffffffffffffffff@"), bounce(teacher.email)),
  ).rejects.toMatchObject({
    responseCode: 550,
  });
  await send(address, bounce(teacher.email));

  expect(await prisma.notification.findUniqueOrThrow({ where: { id: notification.id } })).toMatchObject({
    deliveryStatus: "errore",
  });
  expect(await prisma.user.findUniqueOrThrow({ where: { id: teacher.id } })).toMatchObject({
    emailRefusal: "550 5.1.1 User unknown",
  });
  expect(server!.logs.some((l) => l.msg === "email bounced" && l.notificationId === notification.id)).toBe(true);
});
