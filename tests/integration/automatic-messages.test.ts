// Automatic messages of an edition (issue 15) against a real database (SQLite or PostgreSQL) and a
// real SMTP server: the organiser sets "N hours before each session" and "N days after the last
// session" on the messages page; the job writes one message per enrolled participant when due,
// never twice (two instances at once, repeated runs), with the room link for an online session;
// a referent of another region cannot set them.
import { describe, expect, it } from "vitest";
import { writeAutomaticMessages } from "../../app/models/automatic-messages.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import { grantRole, revokeRole } from "../../app/models/roles.server.ts";
import * as messagesRoute from "../../app/routes/gestione.edizioni.$editionId_.messaggi.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";
import { createNationalUnit } from "../support/events.ts";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { to, type Inbox } from "../support/smtp.ts";
import { sendQueued, withFileMailbox } from "../support/file-mailbox.ts";

const HOUR = 3600_000;
let inbox: Inbox;
let mailer: Mailer;

withFileMailbox((started) => ({ inbox, mailer } = started));

const action = messagesRoute.action as unknown as Handler;

async function scenario() {
  const now = Date.now();
  const startsAt = new Date(now + 30 * HOUR);
  // Enrolment closes before the session: createOpenEdition's default closes in 10 days.
  const { edition } = await createOpenEdition({
    level: "regionale",
    regionCode: "toscana",
    sessionStartsAt: startsAt,
    closesAt: new Date(now + 20 * HOUR),
  });
  const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
  const teachers = [];
  for (let i = 0; i < 3; i += 1) {
    const t = await createUser();
    if (!(await enrol(t.id, edition.id)).ok) throw new Error("enrol");
    teachers.push(t);
  }
  await prisma.user.update({ where: { id: teachers[2]!.id }, data: { emailReminders: false } });
  const waiting = await createUser();
  await prisma.edition.update({ where: { id: edition.id }, data: { seatCap: 3 } });
  expect((await enrol(waiting.id, edition.id)).ok).toBe(true);
  const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
  return { edition, session, referent, teachers, waiting, startsAt, cookie: await cookieOf(referent.id) };
}

function save(s: Awaited<ReturnType<typeof scenario>>, form: Record<string, string>, cookie = s.cookie) {
  return runRoute(action, {
    cookie,
    url: `http://localhost/gestione/edizioni/${s.edition.id}/messaggi`,
    params: { editionId: s.edition.id },
    form,
  });
}

const sendAll = () => sendQueued(mailer, "auto");

describe("automatic messages of an edition", () => {
  it("writes the before-session message once per enrolled participant, with the room link, when due", async () => {
    const s = await scenario();
    const saved = await save(s, {
      intent: "salva-automatico",
      rule: "prima-di-ogni-incontro",
      amount: "24",
      subject: "Ci vediamo domani",
      body: "Vi aspettiamo all'incontro: tenete a portata di mano il materiale.",
    });
    expect(saved.status).toBe(302);

    // 30 hours ahead: not due yet (due from 24 hours before).
    expect(await writeAutomaticMessages(new Date())).toBe(0);
    // 7 hours later it is: two instances at once, then a later run, write one each.
    const later = new Date(Date.now() + 7 * HOUR);
    const [a, b] = await Promise.all([writeAutomaticMessages(later), writeAutomaticMessages(later)]);
    expect(a + b).toBe(3);
    expect(await writeAutomaticMessages(new Date(later.getTime() + 60_000))).toBe(0);
    const rows = await prisma.notification.findMany({
      where: { kind: "messaggio-automatico", dedupeKey: { startsWith: `messaggio-automatico:${s.edition.id}:` } },
    });
    expect(rows.map((r) => r.userId).sort()).toEqual(s.teachers.map((t) => t.id).sort());
    expect(rows.every((r) => r.dedupeKey.includes(`:${s.session.id}:prima-di-ogni-incontro:`))).toBe(true);

    await sendAll();
    for (const t of s.teachers) {
      const mails = to(inbox, t.email).filter((m) => m.subject?.startsWith("Ci vediamo domani"));
      expect(mails).toHaveLength(1); // the last one turned reminders off and still gets it
      expect(mails[0]!.text).toContain("https://meet.example.it/stanza");
      expect(mails[0]!.text).toContain("tenete a portata di mano il materiale.");
      // Replies go to the referent who saved the rule, and the email says so (ADR 0076).
      expect(mails[0]!.replyTo?.value).toEqual([{ name: "Maria Rossi", address: s.referent.email }]);
      expect(mails[0]!.text).toContain(`Messaggio di Maria Rossi (${s.referent.email}). Per rispondere, rispondi`);
      expect(mails[0]!.from?.value[0]?.address).toMatch(/^noreply@/);
    }
    expect(to(inbox, s.waiting.email).filter((m) => m.subject?.startsWith("Ci vediamo domani"))).toHaveLength(0);
  });

  it("writes the after-last-session message N days after the end, and not once turned off", async () => {
    const s = await scenario();
    await save(s, {
      intent: "salva-automatico",
      rule: "dopo-ultimo-incontro",
      amount: "2",
      subject: "Materiali e questionario",
      body: "Trovate le slide e il questionario di gradimento nella pagina dell'edizione.",
    });
    const end = s.session.endsAt.getTime();
    expect(await writeAutomaticMessages(new Date(end + 47 * HOUR))).toBe(0);
    expect(await writeAutomaticMessages(new Date(end + 48 * HOUR))).toBe(3);
    expect(await writeAutomaticMessages(new Date(end + 49 * HOUR))).toBe(0);
    const keys = (
      await prisma.notification.findMany({
        where: { kind: "messaggio-automatico", dedupeKey: { startsWith: `messaggio-automatico:${s.edition.id}:` } },
        select: { dedupeKey: true },
      })
    ).map((n) => n.dedupeKey);
    expect(keys.every((k) => k.startsWith(`messaggio-automatico:${s.edition.id}:fine:dopo-ultimo-incontro:`))).toBe(
      true,
    );

    // Turned off on another edition before it is due: nothing is written.
    const other = await scenario();
    await save(other, {
      intent: "salva-automatico",
      rule: "dopo-ultimo-incontro",
      amount: "2",
      subject: "Materiali",
      body: "Trovate le slide nella pagina dell'edizione.",
    });
    expect((await save(other, { intent: "elimina-automatico", rule: "dopo-ultimo-incontro" })).status).toBe(302);
    await writeAutomaticMessages(new Date(other.session.endsAt.getTime() + 48 * HOUR));
    expect(
      await prisma.notification.count({
        where: { kind: "messaggio-automatico", dedupeKey: { startsWith: `messaggio-automatico:${other.edition.id}:` } },
      }),
    ).toBe(0);
  });

  it("refuses bad amounts and a referent of another region, storing nothing", async () => {
    const s = await scenario();
    const form = {
      intent: "salva-automatico",
      rule: "prima-di-ogni-incontro",
      subject: "Oggetto",
      body: "Testo del messaggio.",
    };
    for (const amount of ["0", "169", "1e2", "-3", ""]) {
      expect((await save(s, { ...form, amount })).status).toBe(400);
    }
    expect((await save(s, { ...form, rule: "sempre", amount: "3" })).status).toBe(400);
    const other = await createUser({ roles: [{ role: "referente-usr", regionCode: "lombardia" }] });
    const denied = await save(s, { ...form, amount: "3" }, await cookieOf(other.id));
    expect([403, 404]).toContain(denied.status);
    expect(await prisma.editionAutoMessage.count({ where: { editionId: s.edition.id } })).toBe(0);
  });

  it("no longer names as sender (nor Reply-To) an organiser whose role was revoked or moved to another region", async () => {
    const nu = await createNationalUnit();
    const rule = {
      intent: "salva-automatico",
      rule: "prima-di-ogni-incontro",
      amount: "24",
      subject: "Domani si parte",
      body: "Vi aspettiamo all'incontro di domani.",
    };
    const revoked = await scenario();
    const moved = await scenario();
    for (const s of [revoked, moved]) expect((await save(s, rule)).status).toBe(302);
    // The national unit revokes the first referent's role, and moves the second to Lombardy (revoke, then grant).
    for (const s of [revoked, moved]) {
      const role = await prisma.userRole.findFirstOrThrow({ where: { userId: s.referent.id } });
      expect(await revokeRole(nu.actor, role.id)).toMatchObject({ ok: true, changed: true });
    }
    const lombardia = { userId: moved.referent.id, role: "referente-usr", regionCode: "lombardia" } as const;
    expect(await grantRole(nu.actor, lombardia)).toMatchObject({ ok: true, changed: true });

    expect(await writeAutomaticMessages(new Date(Date.now() + 7 * HOUR))).toBeGreaterThanOrEqual(6);
    for (const s of [revoked, moved]) {
      const rows = await prisma.notification.findMany({
        where: { kind: "messaggio-automatico", dedupeKey: { startsWith: `messaggio-automatico:${s.edition.id}:` } },
        select: { payload: true },
      });
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(JSON.parse(row.payload)).not.toHaveProperty("sender");
    }
    await sendAll();
    for (const s of [revoked, moved]) {
      for (const t of s.teachers) {
        const [mail] = to(inbox, t.email).filter((m) => m.subject?.startsWith("Domani si parte"));
        expect(mail?.text).toContain("Vi aspettiamo all'incontro di domani.");
        expect(mail?.replyTo).toBeUndefined();
        expect(mail?.text).not.toContain("Messaggio di");
      }
    }
  });
});
