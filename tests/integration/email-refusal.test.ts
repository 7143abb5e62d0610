// An address its mail server refuses for good (SMTP 5xx to RCPT TO, ADR 0083), against a real
// database and a real SMTP server: the email fails at once instead of being retried for a day, the
// person is told (the session's user, /profilo) and organisers see it in participant lists; the
// mark goes when an email to the address is accepted, when the address changes, or when the person
// says the address is right (their failed emails go back in the queue). A temporary refusal (451)
// and a refusal of another address (the confirmation of a new one) leave the person alone.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeAccount } from "../../app/models/account-closure.server.ts";
import { confirmEmailChange, issueAccountToken } from "../../app/models/account-tokens.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import { deliverDue } from "../../app/models/outbox.server.ts";
import { loadParticipantList } from "../../app/models/participant-list.server.ts";
import { parseParticipantQuery } from "../../app/domain/participant-list.ts";
import * as profileRoute from "../../app/routes/profilo.tsx";
import { getSessionUser } from "../../app/utils/auth.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";
import { createOpenEdition, createUser, unique } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { mailerFor, startSmtp, type Inbox } from "../support/smtp.ts";

const FAST = { baseDelayMs: 1_000, maxDelayMs: 4_000, origin: "https://forma.example.it", instanceId: "refusal" };
const opened: (Inbox | Mailer)[] = [];
// Other test files share this database, and each test here the queue: what is left queued is parked.
const parkQueued = () =>
  prisma.notification.updateMany({ where: { deliveryStatus: "in-coda" }, data: { deliveryStatus: "non-inviare" } });
afterEach(async () => {
  for (const thing of opened.splice(0)) {
    if ("stop" in thing) await thing.stop();
    else thing.close();
  }
  await parkQueued();
});
beforeAll(parkQueued);
afterAll(() => prisma.$disconnect());

const later = (ms = 0) => new Date(Date.now() + 1_000 + ms);

async function smtp(options: { reject?: string[]; defer?: string[] } = {}) {
  const inbox = await startSmtp(options);
  const mailer = mailerFor(inbox.port);
  opened.push(inbox, mailer);
  return { inbox, mailer };
}

async function enrolledTeachers(count: number) {
  const { edition } = await createOpenEdition({ seatCap: 350 });
  const teachers = [];
  for (let i = 0; i < count; i += 1) {
    const teacher = await createUser();
    const outcome = await enrol(teacher.id, edition.id);
    if (!outcome.ok) throw new Error(`enrolment refused: ${outcome.reason}`);
    teachers.push(teacher);
  }
  return { edition, teachers };
}

const refusalOf = (id: string) =>
  prisma.user.findUniqueOrThrow({ where: { id }, select: { emailRefusedAt: true, emailRefusal: true } });

describe("an address refused for good by its mail server", () => {
  it("fails at once, marks the person (their session, organisers' list), and a 451 is retried as before", async () => {
    const { edition, teachers } = await enrolledTeachers(2);
    const [gone, busy] = teachers as [(typeof teachers)[0], (typeof teachers)[0]];
    const { mailer } = await smtp({ reject: [gone.email], defer: [busy.email] });
    const now = later();

    expect(await deliverDue({ mailer, now, ...FAST })).toMatchObject({ claimed: 2, sent: 0, failed: 1, gaveUp: 1 });
    const notes = await prisma.notification.findMany({
      where: { userId: { in: [gone.id, busy.id] } },
      select: { userId: true, deliveryStatus: true, deliveryAttempts: true, lastError: true },
    });
    expect(notes.find((n) => n.userId === gone.id)).toMatchObject({ deliveryStatus: "errore", deliveryAttempts: 1 });
    expect(notes.find((n) => n.userId === busy.id)).toMatchObject({ deliveryStatus: "in-coda", deliveryAttempts: 1 });

    const refused = await refusalOf(gone.id);
    expect(refused.emailRefusedAt?.getTime()).toBe(now.getTime());
    expect(refused.emailRefusal).toMatch(/^550 .*Casella inesistente/);
    expect(await refusalOf(busy.id)).toEqual({ emailRefusedAt: null, emailRefusal: null });

    // The person sees it on every page (the root reads the session's user) and on /profilo.
    const cookie = await cookieOf(gone.id);
    const user = await getSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie } }));
    expect(user?.emailRefusedAt?.getTime()).toBe(now.getTime());
    const profile = await runRoute(profileRoute.loader as Handler, { url: "http://localhost/profilo", cookie });
    expect(profile.data).toMatchObject({ profile: { emailRefusal: refused.emailRefusal } });

    // The organiser's list says so beside the address.
    const { rows } = await loadParticipantList(edition.id, parseParticipantQuery(new URLSearchParams()));
    expect(rows.find((r) => r.user.email === gone.email)?.user.emailRefusedAt).toEqual(now);
    expect(rows.find((r) => r.user.email === busy.email)?.user.emailRefusedAt).toBeNull();
  });

  it("is forgotten when the person says the address is right: their failed emails are queued again and leave", async () => {
    const { teachers } = await enrolledTeachers(1);
    const teacher = teachers[0]!;
    const refusing = await smtp({ reject: [teacher.email] });
    await deliverDue({ mailer: refusing.mailer, now: later(), ...FAST });
    expect((await refusalOf(teacher.id)).emailRefusedAt).not.toBeNull();

    const cookie = await cookieOf(teacher.id);
    const retried = await runRoute(profileRoute.action as Handler, {
      url: "http://localhost/profilo",
      cookie,
      form: { intent: "retry-email" },
    });
    expect(retried.status).toBe(302);
    expect(retried.location).toBe("/profilo?fatto=email-di-nuovo-1#email-titolo");
    expect(await refusalOf(teacher.id)).toEqual({ emailRefusedAt: null, emailRefusal: null });

    const { inbox, mailer } = await smtp();
    expect(await deliverDue({ mailer, now: later(1_000), ...FAST })).toMatchObject({ sent: 1 });
    expect(inbox.received.map((m) => (Array.isArray(m.to) ? "" : m.to?.text))).toEqual([teacher.email]);
  });

  it("is forgotten when an email to the address is accepted, or when the address changes", async () => {
    const { teachers } = await enrolledTeachers(2);
    const [first, second] = teachers as [(typeof teachers)[0], (typeof teachers)[0]];
    const refusing = await smtp({ reject: [first.email, second.email] });
    await deliverDue({ mailer: refusing.mailer, now: later(), ...FAST });
    expect((await refusalOf(first.id)).emailRefusedAt).not.toBeNull();
    expect((await refusalOf(second.id)).emailRefusedAt).not.toBeNull();

    // The school fixed its mail: the next message to the first is accepted.
    await prisma.$transaction((tx) => issueAccountToken(tx, first.id, "reimposta-password"));
    const accepting = await smtp();
    await deliverDue({ mailer: accepting.mailer, now: later(1_000), ...FAST });
    expect(await refusalOf(first.id)).toEqual({ emailRefusedAt: null, emailRefusal: null });

    // The second moves to another address.
    const newAddress = unique("nuovo") + "@scuola.example.it";
    const raw = await prisma.$transaction((tx) =>
      issueAccountToken(tx, second.id, "cambio-email", new Date(), newAddress),
    );
    expect(await confirmEmailChange(raw)).toMatchObject({ ok: true });
    expect(await refusalOf(second.id)).toEqual({ emailRefusedAt: null, emailRefusal: null });
  });

  it("is not the person's when the refused address is another (a new address to confirm)", async () => {
    const teacher = await createUser();
    const newAddress = unique("sbagliato") + "@scuola.example.it";
    await prisma.$transaction((tx) => issueAccountToken(tx, teacher.id, "cambio-email", new Date(), newAddress));
    const { mailer } = await smtp({ reject: [newAddress] });
    expect(await deliverDue({ mailer, now: later(), ...FAST })).toMatchObject({ gaveUp: 1 });
    expect(await refusalOf(teacher.id)).toEqual({ emailRefusedAt: null, emailRefusal: null });
  });

  it("is erased with the account when it is closed", async () => {
    const { teachers } = await enrolledTeachers(1);
    const teacher = teachers[0]!;
    const { mailer } = await smtp({ reject: [teacher.email] });
    await deliverDue({ mailer, now: later(), ...FAST });
    expect((await refusalOf(teacher.id)).emailRefusal).not.toBeNull();
    expect(await closeAccount(teacher.id, teacher.id)).toMatchObject({ ok: true });
    expect(await refusalOf(teacher.id)).toEqual({ emailRefusedAt: null, emailRefusal: null });
  });
});
