// What Forma's emails need to be delivered and not flagged, through a real SMTP server and a real
// database (SQLite or PostgreSQL, DATABASE_URL): the one-click unsubscribe of reminders (RFC 8058
// and 2369, ADR 0077) and none on transactional mail; Auto-Submitted, Message-ID and Date on every
// message; a DKIM signature, when the environment gives one, that a verifier (mailauth) accepts.
import crypto from "node:crypto";
import type { ParsedMail } from "mailparser";
import { dkimVerify } from "mailauth/lib/dkim/verify.js";
import { beforeAll, describe, expect, it } from "vitest";
import { deliverDue } from "../../app/models/outbox.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import { previewParticipantMessage, sendParticipantMessage } from "../../app/models/participant-message.server.ts";
import { writeSessionReminders } from "../../app/models/reminders.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { parseEnv } from "../../app/utils/env.server.ts";
import { mailerFromEnv, type Mailer } from "../../app/utils/mailer.server.ts";
import { action, loader } from "../../app/routes/disiscrizione.$token.tsx";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { runRoute, type Handler } from "../support/routes.ts";
import { startSmtp, to, type Inbox } from "../support/smtp.ts";
import { sendQueued, TEST_MAIL_ORIGIN, withFileMailbox } from "../support/file-mailbox.ts";

let inbox: Inbox;
let mailer: Mailer;
withFileMailbox((started) => ({ inbox, mailer } = started));

const sendAll = () => sendQueued(mailer, "deliverability");
const header = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name)?.line;

type Setup = Awaited<ReturnType<typeof setup>>;
let teachers: Setup;

/** Two teachers with a place in an edition whose session starts tomorrow; one reads English. */
async function setup() {
  const now = new Date();
  const { edition, organiser } = await createOpenEdition({ sessionStartsAt: new Date(now.getTime() + 20 * 3600_000) });
  const [maria, john] = [await createUser(), await createUser({ firstName: "John" })];
  await prisma.user.update({ where: { id: john.id }, data: { locale: "en" } });
  for (const t of [maria, john]) expect(await enrol(t.id, edition.id)).toMatchObject({ ok: true });
  const message = { audience: "iscritti", subject: "Materiali", body: "Ecco i materiali del corso." } as const;
  const previewed = await previewParticipantMessage(organiser.id, edition.id, { intent: "anteprima", ...message });
  if (!previewed.ok) throw new Error("preview refused");
  const sent = await sendParticipantMessage(organiser.id, edition.id, {
    intent: "invia",
    ...message,
    sendKey: previewed.preview.sendKey,
  });
  expect(sent).toMatchObject({ ok: true, recipients: 2 });
  await writeSessionReminders(now);
  await sendAll();
  const mailOf = (email: string, subject: RegExp) => to(inbox, email).find((m) => subject.test(m.subject ?? ""))!;
  return {
    edition,
    maria,
    john,
    reminder: mailOf(maria.email, /^Promemoria/),
    reminderEn: mailOf(john.email, /^Reminder/),
    confirmation: mailOf(maria.email, /^Iscrizione confermata/),
    message: mailOf(maria.email, /^Materiali/),
  };
}

beforeAll(async () => {
  teachers = await setup();
});

/** The https link of a List-Unsubscribe header ("<https://…>"). */
function unsubscribeLinkOf(mail: ParsedMail): URL {
  const value = header(mail, "list-unsubscribe")!
    .replace(/^List-Unsubscribe:\s*/i, "")
    .replace(/\r?\n\s+/g, " ");
  const match = /^<(https:\/\/[^>]+)>$/.exec(value.trim());
  expect(match, value).not.toBeNull();
  return new URL(match![1]!);
}

const tokenOf = (link: URL) => decodeURIComponent(link.pathname.split("/").pop()!);

/** What a mail provider sends for a one-click unsubscribe (RFC 8058 §3.2): a POST, no cookie, its own Origin. */
function oneClick(): FormData {
  const form = new FormData();
  form.append("List-Unsubscribe", "One-Click");
  return form;
}

const remindersOf = async (id: string) =>
  (await prisma.user.findUniqueOrThrow({ where: { id }, select: { emailReminders: true } })).emailReminders;

describe("reminders can be stopped with one click (RFC 8058)", () => {
  it("carry List-Unsubscribe with a link of the person's own and List-Unsubscribe-Post, and the same link in the footer", () => {
    const { reminder, reminderEn, maria, john } = teachers;
    const link = unsubscribeLinkOf(reminder);
    expect(link.origin).toBe(TEST_MAIL_ORIGIN);
    expect(link.pathname).toMatch(new RegExp(`^/disiscrizione/promemoria\\.${maria.id}\\.[A-Za-z0-9_-]{43}$`));
    expect(header(reminder, "list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(reminder.text).toContain(`Non ricevere più i promemoria: ${link.href}`);
    expect(reminder.html).toContain(`href="${link.href}"`);

    const en = unsubscribeLinkOf(reminderEn);
    expect(en.pathname).toContain(`/promemoria.${john.id}.`);
    expect(en.searchParams.get("lang")).toBe("en");
    expect(reminderEn.text).toContain(`Stop these reminders: ${en.href}`);
  });

  it("leave out transactional mail and organisers' messages, which have no List-Unsubscribe", () => {
    for (const mail of [teachers.confirmation, teachers.message]) {
      expect(mail, "arrived").toBeDefined();
      expect(header(mail, "list-unsubscribe"), mail.subject).toBeUndefined();
      expect(header(mail, "list-unsubscribe-post"), mail.subject).toBeUndefined();
      expect(mail.text).not.toContain("/disiscrizione/");
    }
  });

  it("every message is Auto-Submitted, with a Message-ID on Forma's domain and a Date", () => {
    const { reminder, confirmation, message } = teachers;
    for (const mail of [reminder, confirmation, message]) {
      expect(header(mail, "auto-submitted"), mail.subject).toBe("Auto-Submitted: auto-generated");
      expect(mail.messageId, mail.subject).toMatch(/^<[A-Za-z0-9_-]+@forma\.example\.it>$/);
      expect(mail.date, mail.subject).toBeInstanceOf(Date);
    }
  });

  it("GET shows the page and changes nothing; the one-click POST, without a session, turns that person's reminders off", async () => {
    const { reminder, maria, john } = teachers;
    const link = unsubscribeLinkOf(reminder);
    const params = { token: tokenOf(link) };
    expect(await remindersOf(maria.id)).toBe(true);

    const page = await runRoute(loader as Handler, { url: link.href, params });
    expect(page).toMatchObject({ status: 200, data: { valid: true } });
    expect(await remindersOf(maria.id)).toBe(true);

    const post = await runRoute(action as Handler, { url: link.href, params, form: oneClick() });
    expect(post).toMatchObject({ status: 200, location: null, data: { done: true } });
    expect(await remindersOf(maria.id)).toBe(false);
    expect(await remindersOf(john.id)).toBe(true);
    // A second POST (the provider's, then the page's button) is answered the same way.
    expect(await runRoute(action as Handler, { url: link.href, params, form: oneClick() })).toMatchObject({
      status: 200,
      data: { done: true },
    });
  });

  it("a link altered to name someone else, or another topic, changes nobody's preferences", async () => {
    const { reminder, maria, john } = teachers;
    await prisma.user.updateMany({ where: { id: { in: [maria.id, john.id] } }, data: { emailReminders: true } });
    const [topic, , mac] = tokenOf(unsubscribeLinkOf(reminder)).split(".");
    for (const token of [`${topic}.${john.id}.${mac}`, `profilo.${maria.id}.${mac}`, `${topic}.${maria.id}.x${mac}`]) {
      const url = `${TEST_MAIL_ORIGIN}/disiscrizione/${token}`;
      expect(await runRoute(loader as Handler, { url, params: { token } })).toMatchObject({
        status: 404,
        data: { valid: false },
      });
      expect(await runRoute(action as Handler, { url, params: { token }, form: {} })).toMatchObject({
        status: 404,
        data: { done: false },
      });
    }
    expect(await remindersOf(john.id)).toBe(true);
    expect(await remindersOf(maria.id)).toBe(true);
  });

  it("a reminder already queued when the link is used is not sent", async () => {
    const { edition, maria, reminder } = teachers;
    await prisma.user.update({ where: { id: maria.id }, data: { emailReminders: true } });
    // A second session tomorrow: its reminder is written while reminders are on.
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
    const second = await prisma.trainingSession.create({
      data: {
        editionId: edition.id,
        startsAt: new Date(session.startsAt.getTime() + 3 * 3600_000),
        endsAt: new Date(session.startsAt.getTime() + 5 * 3600_000),
        delivery: "sincrona",
        minutes: 120,
        title: "Incontro 2",
      },
    });
    await writeSessionReminders(new Date());
    const queued = await prisma.notification.findFirstOrThrow({
      where: { kind: "promemoria-incontro", userId: maria.id, dedupeKey: { contains: second.id } },
    });
    const link = unsubscribeLinkOf(reminder);
    await runRoute(action as Handler, { url: link.href, params: { token: tokenOf(link) }, form: oneClick() });
    await sendAll();
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: queued.id } })).deliveryStatus).toBe(
      "non-inviare",
    );
  });
});

describe("DKIM (DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY)", () => {
  const keys = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privateKey = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const publicKey = keys.publicKey.export({ type: "spki", format: "der" }).toString("base64");
  /** The DNS a receiver would query: the selector's TXT record with the public key, nothing else. */
  const resolver = async (name: string, type: string) => {
    if (type === "TXT" && name === "forma2026._domainkey.forma.example.it") {
      return [[`v=DKIM1; k=rsa; p=${publicKey}`]];
    }
    throw Object.assign(new Error(`no ${type} record for ${name}`), { code: "ENOTFOUND" });
  };

  it("signs every message as the environment asks, over the unsubscribe headers too, and a verifier accepts it", async () => {
    const inbox = await startSmtp();
    const env = parseEnv({
      NODE_ENV: "test",
      APP_ORIGIN: TEST_MAIL_ORIGIN,
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(inbox.port),
      DKIM_DOMAIN: "forma.example.it",
      DKIM_SELECTOR: "forma2026",
      // As an env file holds it: on one line, "\n" for the line breaks.
      DKIM_PRIVATE_KEY: privateKey.replace(/\n/g, "\\n"),
    });
    const signing = mailerFromEnv(env).mailer!;
    try {
      // A reminder of a new teacher: the one kind with List-Unsubscribe and List-Unsubscribe-Post.
      const now = new Date();
      const { edition } = await createOpenEdition({ sessionStartsAt: new Date(now.getTime() + 20 * 3600_000) });
      const teacher = await createUser();
      expect(await enrol(teacher.id, edition.id)).toMatchObject({ ok: true });
      await writeSessionReminders(now);
      await deliverDue({
        mailer: signing,
        now: new Date(Date.now() + 1_000),
        instanceId: "dkim",
        origin: TEST_MAIL_ORIGIN,
      });
      const index = inbox.received.findIndex((m) => /^Promemoria/.test(m.subject ?? ""));
      expect(index).toBeGreaterThanOrEqual(0);
      const raw = inbox.raw[index]!;

      const verified = await dkimVerify(raw, { resolver });
      expect(verified.results).toHaveLength(1);
      const [result] = verified.results;
      expect(result!.status.result, result!.info).toBe("pass");
      expect(result!.signingDomain).toBe("forma.example.it");
      expect(result!.selector).toBe("forma2026");
      // RFC 8058 §3.1: the signature covers both unsubscribe headers.
      const signature = inbox.received[index]!.headerLines.find((h) => h.key === "dkim-signature")!.line;
      const signed = /\bh=([^;]+)/
        .exec(signature.replace(/\r?\n\s+/g, ""))![1]!
        .toLowerCase()
        .split(":");
      expect(signed).toEqual(expect.arrayContaining(["from", "subject", "list-unsubscribe", "list-unsubscribe-post"]));

      // A header changed on the way no longer verifies: the check above is not a formality.
      const altered = Buffer.from(
        raw.toString("latin1").replace(/^List-Unsubscribe-Post: .*$/m, "List-Unsubscribe-Post: x"),
        "latin1",
      );
      expect((await dkimVerify(altered, { resolver })).results[0]!.status.result).toBe("fail");
    } finally {
      signing.close();
      await inbox.stop();
    }
  });
});
