// Alerts for new events (ADR 0088), against a real database: a person saves a catalogue search from
// the catalogue's button (/profilo/avvisi), and at most once a day the job queues one email with the
// events published since the last check that the catalogue shows for that search, nothing when there
// are none; several instances checking at once send one email; closed accounts and unconfirmed
// addresses are not checked; the unsubscribe link and closing the account delete the alerts.
import { afterAll, describe, expect, it } from "vitest";
import {
  ALERT_INTERVAL_MS,
  ALERT_SETTLE_MS,
  MAX_ALERTS_PER_PERSON,
  alertCheckedUntil,
} from "../../app/domain/catalogue-alert.ts";
import { closeAccount } from "../../app/models/account-closure.server.ts";
import {
  checkCatalogueAlerts,
  checkPersonAlerts,
  createCatalogueAlert,
  deleteCatalogueAlert,
} from "../../app/models/catalogue-alert.server.ts";
import { countBulkRetryable, deliverDue, retryFailedNotifications } from "../../app/models/outbox.server.ts";
import { unsubscribe } from "../../app/models/unsubscribe.server.ts";
import * as alertsRoute from "../../app/routes/profilo_.avvisi.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { getEnv } from "../../app/utils/env.server.ts";
import { unsubscribeToken } from "../../app/utils/unsubscribe-token.server.ts";
import { createOpenEdition, createUser, unique } from "../support/factories.ts";
import { startFileMailbox, TEST_MAIL_ORIGIN } from "../support/file-mailbox.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { to } from "../support/smtp.ts";

afterAll(() => prisma.$disconnect());

const HOUR = 3600_000;

/** A word no other test's event has: the alert's free text. */
const wordOf = () =>
  unique("robotica")
    .replace(/[^a-z0-9]/gi, "")
    .toLowerCase();

/** A published event found by `word`, published at `publishedAt`, with these changes. */
async function eventWith(word: string, publishedAt: Date, changes: Record<string, unknown> = {}) {
  const { event } = await createOpenEdition({ title: `Laboratorio di ${word}` });
  return prisma.event.update({
    where: { id: event.id },
    data: { searchText: `laboratorio di ${word}`, publishedAt, ...changes },
    select: { id: true, title: true },
  });
}

const alertEmails = (userId: string) =>
  prisma.notification.findMany({ where: { userId, kind: "nuovi-eventi" }, select: { payload: true } });

describe("alerts for new events", () => {
  it("email once a day the events published since the last check that the search finds, and nothing else", async () => {
    const t0 = new Date();
    const teacher = await createUser();
    const word = wordOf();
    expect(await createCatalogueAlert(teacher.id, `q=${word}&type=corso-online-base&page=2`, t0)).toMatchObject({
      ok: true,
    });
    await eventWith(word, new Date(t0.getTime() - HOUR)); // published before the alert
    const fresh = await eventWith(word, new Date(t0.getTime() + HOUR));
    await eventWith(word, new Date(t0.getTime() + HOUR), { type: "webinar" }); // another type
    await eventWith(word, new Date(t0.getTime() + HOUR), { status: "bozza" }); // not published
    await eventWith(wordOf(), new Date(t0.getTime() + HOUR)); // another word

    await checkCatalogueAlerts(new Date(t0.getTime() + 12 * HOUR)); // not due yet
    expect(await alertEmails(teacher.id)).toEqual([]);

    const day = new Date(t0.getTime() + ALERT_INTERVAL_MS + HOUR);
    await checkCatalogueAlerts(day);
    const emails = await alertEmails(teacher.id);
    expect(emails).toHaveLength(1);
    expect(JSON.parse(emails[0]!.payload)).toMatchObject({
      alertSections: [
        {
          query: `q=${word}&type=corso-online-base`,
          since: t0.toISOString(), // the check's start, which the link for the rest carries
          // The title's language, for the email to mark a title in another language than its own.
          events: [{ id: fresh.id, title: fresh.title, titleLanguage: "it" }],
          more: 0,
        },
      ],
    });

    // An hour later: not due. Two days later: due, nothing new, no email.
    await checkCatalogueAlerts(new Date(day.getTime() + HOUR));
    await checkCatalogueAlerts(new Date(day.getTime() + ALERT_INTERVAL_MS + HOUR));
    expect(await alertEmails(teacher.id)).toHaveLength(1);
  });

  it("one email a day per person, whatever the number of alerts: a section per search, an event once, a later alert joins the next check", async () => {
    const t0 = new Date();
    const teacher = await createUser();
    const [a, b, c] = [wordOf(), wordOf(), wordOf()];
    await createCatalogueAlert(teacher.id, `q=${a}`, t0);
    await createCatalogueAlert(teacher.id, `q=${b}`, new Date(t0.getTime() + 1000));
    await createCatalogueAlert(teacher.id, "type=seminario-regionale&region=molise", new Date(t0.getTime() + 2000));
    const first = await eventWith(a, new Date(t0.getTime() + HOUR));
    const second = await eventWith(b, new Date(t0.getTime() + HOUR));
    // Found by the first search and by the third: listed once, under the first.
    const both = await eventWith(a, new Date(t0.getTime() + HOUR), {
      type: "seminario-regionale",
      regionCode: "molise",
    });

    const day = new Date(t0.getTime() + ALERT_INTERVAL_MS + HOUR);
    // An alert saved during the day, not due on its own: checked with the others, from when it was saved.
    await createCatalogueAlert(teacher.id, `q=${c}`, new Date(t0.getTime() + 20 * HOUR));
    const third = await eventWith(c, new Date(t0.getTime() + 21 * HOUR));
    await eventWith(c, new Date(t0.getTime() + 19 * HOUR)); // before that alert existed

    const report = await checkCatalogueAlerts(day);
    expect(report.checked).toBeGreaterThanOrEqual(4);
    const emails = await alertEmails(teacher.id);
    expect(emails).toHaveLength(1);
    const sections = (
      JSON.parse(emails[0]!.payload) as { alertSections: { query: string; events: { id: string }[] }[] }
    ).alertSections;
    expect(sections.map((s) => [s.query, s.events.map((e) => e.id).sort()])).toEqual([
      [`q=${a}`, [first.id, both.id].sort()],
      [`q=${b}`, [second.id]],
      [`q=${c}`, [third.id]],
    ]);
    // All moved forward together: the next email is a day later, not when the late alert turns a day old.
    expect(
      (await prisma.catalogueAlert.findMany({ where: { userId: teacher.id }, select: { checkedUntil: true } })).map(
        (r) => r.checkedUntil.getTime(),
      ),
    ).toEqual(Array(4).fill(day.getTime() - ALERT_SETTLE_MS)); // up to the settled instant (ADR 0088, addendum)
    await eventWith(c, new Date(day.getTime() + HOUR));
    await checkCatalogueAlerts(new Date(t0.getTime() + 20 * HOUR + ALERT_INTERVAL_MS + 2 * HOUR));
    expect(await alertEmails(teacher.id)).toHaveLength(1);
  });

  it("an event whose publication committed after a check began is in the next email, not lost", async () => {
    // The publisher reads its clock (publishedAt) before its transaction commits, which can wait behind other
    // writers for seconds, and another instance's clock may be behind: the check at `day` does not see the event
    // yet, and must not move the alert's last check past it.
    const t0 = new Date();
    const teacher = await createUser();
    const word = wordOf();
    await createCatalogueAlert(teacher.id, `q=${word}`, t0);
    const day = new Date(t0.getTime() + ALERT_INTERVAL_MS + HOUR);
    // Saved half a minute before the check, past its settled instant: joins the check, its start does not move back.
    const recent = await createCatalogueAlert(teacher.id, `q=${wordOf()}`, new Date(day.getTime() - 30_000));
    await checkCatalogueAlerts(day);
    expect(await alertEmails(teacher.id)).toEqual([]);
    const recentStart = (await prisma.catalogueAlert.findUniqueOrThrow({ where: { id: recent.ok ? recent.id : "" } }))
      .checkedUntil;
    const late = await eventWith(word, new Date(day.getTime() - 60_000)); // published a minute before, committed now

    await checkCatalogueAlerts(new Date(day.getTime() + ALERT_INTERVAL_MS + HOUR));
    const emails = await alertEmails(teacher.id);
    expect(emails).toHaveLength(1);
    expect(JSON.parse(emails[0]!.payload)).toMatchObject({
      alertSections: [{ query: `q=${word}`, events: [{ id: late.id, title: late.title }] }],
    });
    expect(recentStart).toEqual(new Date(day.getTime() - 30_000));
  });

  it("checked by several instances at once: one email", async () => {
    const t0 = new Date();
    const teacher = await createUser();
    const word = wordOf();
    await createCatalogueAlert(teacher.id, `q=${word}`, t0);
    await eventWith(word, new Date(t0.getTime() + HOUR));
    const day = new Date(t0.getTime() + ALERT_INTERVAL_MS + HOUR);
    await Promise.all([checkCatalogueAlerts(day), checkCatalogueAlerts(day), checkCatalogueAlerts(day)]);
    expect(await alertEmails(teacher.id)).toHaveLength(1);
  });

  it("checked by several runners at once: one of them claims the person and runs the searches, once", async () => {
    const t0 = new Date();
    const day = new Date(t0.getTime() + ALERT_INTERVAL_MS + HOUR);
    // Every alert already due then (other tests' people) is checked first, so that the runs below find this person only.
    await checkCatalogueAlerts(day);
    const teacher = await createUser();
    const [a, b] = [wordOf(), wordOf()];
    await createCatalogueAlert(teacher.id, `q=${a}`, t0);
    await createCatalogueAlert(teacher.id, `q=${b}`, t0);
    await eventWith(a, new Date(t0.getTime() + HOUR));
    const reports = await Promise.all([1, 2, 3].map(() => checkCatalogueAlerts(day)));
    // Two alerts: two catalogue searches in all, not two per runner.
    expect(reports.reduce((n, r) => n + r.searched, 0)).toBe(2);
    expect(reports.reduce((n, r) => n + r.checked, 0)).toBe(2);
    expect(await alertEmails(teacher.id)).toHaveLength(1);
    // The check that moved the alerts let go of the person.
    expect(
      (await prisma.catalogueAlert.findMany({ where: { userId: teacher.id }, select: { checkingUntil: true } })).map(
        (r) => r.checkingUntil,
      ),
    ).toEqual([null, null]);
  });

  it("a runner that reads a person's alerts after another runner checked them claims and writes nothing", async () => {
    // The list of due people is read before the other runner's check ends, the alerts after it: checked 2, not 4.
    const t0 = new Date();
    const day = new Date(t0.getTime() + ALERT_INTERVAL_MS + HOUR);
    const teacher = await createUser();
    const [a, b] = [wordOf(), wordOf()];
    await createCatalogueAlert(teacher.id, `q=${a}`, t0);
    await createCatalogueAlert(teacher.id, `q=${b}`, t0);
    await eventWith(a, new Date(t0.getTime() + HOUR));
    const first = await checkPersonAlerts(teacher.id, day, alertCheckedUntil(day));
    expect(first).toEqual({ checked: 2, emailed: true, searched: 2 });
    const checked = await prisma.catalogueAlert.findMany({ where: { userId: teacher.id }, orderBy: { id: "asc" } });
    expect(await checkPersonAlerts(teacher.id, day, alertCheckedUntil(day))).toEqual({
      checked: 0,
      emailed: false,
      searched: 0,
    });
    expect(await prisma.catalogueAlert.findMany({ where: { userId: teacher.id }, orderBy: { id: "asc" } })).toEqual(
      checked,
    );
    expect(await alertEmails(teacher.id)).toHaveLength(1);
  });

  it("a runner that died holding a person keeps them until its claim lapses, then they are checked from where they were", async () => {
    const t0 = new Date();
    const teacher = await createUser();
    const word = wordOf();
    await createCatalogueAlert(teacher.id, `q=${word}`, t0);
    const found = await eventWith(word, new Date(t0.getTime() + HOUR));
    const day = new Date(t0.getTime() + ALERT_INTERVAL_MS + HOUR);
    // What a runner's claim at `day` leaves when its process dies before the move: the alerts' last check as it was.
    await prisma.catalogueAlert.updateMany({
      where: { userId: teacher.id },
      data: { checkingUntil: new Date(day.getTime() + 5 * 60_000) },
    });
    await checkCatalogueAlerts(new Date(day.getTime() + 60_000));
    expect(await alertEmails(teacher.id)).toEqual([]);
    await checkCatalogueAlerts(new Date(day.getTime() + 6 * 60_000));
    const emails = await alertEmails(teacher.id);
    expect(emails).toHaveLength(1);
    expect(JSON.parse(emails[0]!.payload)).toMatchObject({
      alertSections: [{ since: t0.toISOString(), events: [{ id: found.id }] }],
    });
  });

  it("a run goes on batch after batch until no alert is due", async () => {
    const t0 = new Date();
    const word = wordOf();
    const teachers = await Promise.all([1, 2, 3, 4, 5].map(() => createUser()));
    for (const teacher of teachers) await createCatalogueAlert(teacher.id, `q=${word}`, t0);
    await eventWith(word, new Date(t0.getTime() + HOUR));
    const report = await checkCatalogueAlerts(new Date(t0.getTime() + ALERT_INTERVAL_MS + HOUR), { batchSize: 2 });
    expect(report.checked).toBeGreaterThanOrEqual(5);
    for (const teacher of teachers) expect(await alertEmails(teacher.id)).toHaveLength(1);
  });

  it("are not checked for a closed account or an unconfirmed address", async () => {
    const t0 = new Date();
    const word = wordOf();
    const unconfirmed = await createUser({ emailVerifiedAt: null });
    const closing = await createUser();
    await createCatalogueAlert(unconfirmed.id, `q=${word}`, t0);
    await createCatalogueAlert(closing.id, `q=${word}`, t0);
    await closeAccount(closing.id, closing.id);
    await eventWith(word, new Date(t0.getTime() + HOUR));
    await checkCatalogueAlerts(new Date(t0.getTime() + ALERT_INTERVAL_MS + HOUR));
    expect(await alertEmails(unconfirmed.id)).toEqual([]);
    expect(await prisma.catalogueAlert.count({ where: { userId: closing.id } })).toBe(0);
  });

  it("one per search and person, at most the limit; the catalogue's button creates one, the page deletes only one's own", async () => {
    const teacher = await createUser();
    const other = await createUser();
    const cookie = await cookieOf(teacher.id);
    const action = alertsRoute.action as Handler;
    const created = await runRoute(action, {
      cookie,
      url: "http://localhost/profilo/avvisi",
      form: { intent: "crea", query: "region=toscana&type=webinar&freeSeats=1" },
    });
    // The page it leads to names what the alert keeps: not "free seats only" (ADR 0088).
    expect(created).toMatchObject({
      status: 302,
      location: "/profilo/avvisi?esito=creato&ricerca=type%3Dwebinar%26region%3Dtoscana",
    });
    const createdPage = await runRoute(alertsRoute.loader as Handler, {
      cookie,
      url: `http://localhost${created.location}`,
    });
    expect(createdPage.data).toMatchObject({ search: "Webinar · Toscana" });
    // The same search, written in another order: the same alert.
    const again = await runRoute(action, {
      cookie,
      url: "http://localhost/profilo/avvisi",
      form: { intent: "crea", query: "type=webinar&region=toscana" },
    });
    expect(again.location).toBe("/profilo/avvisi?esito=esiste&ricerca=type%3Dwebinar%26region%3Dtoscana");
    for (let i = 1; i < MAX_ALERTS_PER_PERSON; i += 1) await createCatalogueAlert(teacher.id, `q=${wordOf()}`);
    expect(await createCatalogueAlert(teacher.id, "type=webinar")).toEqual({ ok: false, reason: "limit" });

    const page = (await runRoute(alertsRoute.loader as Handler, { cookie, url: "http://localhost/profilo/avvisi" }))
      .data as { alerts: { id: string; description: string; searchPath: string }[] };
    expect(page.alerts).toHaveLength(MAX_ALERTS_PER_PERSON);
    expect(page.alerts[0]).toMatchObject({
      description: "Webinar · Toscana",
      searchPath: "/eventi?type=webinar&region=toscana",
    });

    const byOther = await runRoute(action, {
      cookie: await cookieOf(other.id),
      url: "http://localhost/profilo/avvisi",
      form: { intent: "elimina", alertId: page.alerts[0]!.id },
    });
    expect(byOther.status).toBe(404);
    const deleted = await runRoute(action, {
      cookie,
      url: "http://localhost/profilo/avvisi",
      form: { intent: "elimina", alertId: page.alerts[0]!.id },
    });
    expect(deleted.status).toBe(200);
    expect(await prisma.catalogueAlert.count({ where: { userId: teacher.id } })).toBe(MAX_ALERTS_PER_PERSON - 1);
    const bad = await runRoute(action, { cookie, url: "http://localhost/profilo/avvisi", form: { intent: "x" } });
    expect(bad.status).toBe(400);
  });

  it("the alert email's unsubscribe link deletes every alert of that person, and only theirs", async () => {
    const teacher = await createUser();
    const other = await createUser();
    await createCatalogueAlert(teacher.id, "type=webinar");
    await createCatalogueAlert(teacher.id, "region=toscana");
    await createCatalogueAlert(other.id, "type=webinar");
    expect(await unsubscribe(unsubscribeToken(getEnv().SESSION_SECRET, "avvisi", teacher.id))).toBe("avvisi");
    expect(await prisma.catalogueAlert.count({ where: { userId: teacher.id } })).toBe(0);
    expect(await prisma.catalogueAlert.count({ where: { userId: other.id } })).toBe(1);
  });

  it("an alert email not sent yet stays unsent once the person unsubscribed or deleted the alert it lists", async () => {
    // The digest was written, then waited (a slow relay, an outage); meanwhile one person pressed the
    // provider's one-click "Unsubscribe", another deleted that alert from /profilo/avvisi (keeping one
    // that found nothing); a third kept theirs.
    const { inbox, mailer } = await startFileMailbox();
    try {
      const t0 = new Date();
      const word = wordOf();
      const [unsubscribed, deleted, kept] = [await createUser(), await createUser(), await createUser()];
      for (const t of [unsubscribed, deleted, kept]) await createCatalogueAlert(t.id, `q=${word}`, t0);
      await createCatalogueAlert(deleted.id, `q=${wordOf()}`, t0);
      await eventWith(word, new Date(t0.getTime() + HOUR));
      const day = new Date(t0.getTime() + ALERT_INTERVAL_MS + HOUR);
      await checkCatalogueAlerts(day);
      for (const t of [unsubscribed, deleted, kept]) expect(await alertEmails(t.id)).toHaveLength(1);

      expect(await unsubscribe(unsubscribeToken(getEnv().SESSION_SECRET, "avvisi", unsubscribed.id))).toBe("avvisi");
      const listed = await prisma.catalogueAlert.findFirstOrThrow({
        where: { userId: deleted.id, query: `q=${word}` },
      });
      expect(await deleteCatalogueAlert(deleted.id, listed.id)).toBe(true);
      await deliverDue({
        mailer,
        now: new Date(day.getTime() + 60_000),
        instanceId: unique("alerts"),
        origin: TEST_MAIL_ORIGIN,
        batchSize: 500,
      });

      expect(to(inbox, unsubscribed.email)).toEqual([]);
      expect(to(inbox, deleted.email)).toEqual([]);
      expect(to(inbox, kept.email).map((m) => m.text)).toEqual([expect.stringContaining(`Laboratorio di ${word}`)]);
      const rows = await prisma.notification.findMany({
        where: { kind: "nuovi-eventi", userId: { in: [unsubscribed.id, deleted.id, kept.id] } },
        select: { userId: true, deliveryStatus: true, lastError: true },
      });
      expect(Object.fromEntries(rows.map((r) => [r.userId, `${r.deliveryStatus}/${r.lastError ?? ""}`]))).toEqual({
        [unsubscribed.id]: "non-inviare/avvisi-disattivati",
        [deleted.id]: "non-inviare/avvisi-disattivati",
        [kept.id]: "inviata/",
      });
    } finally {
      mailer.close();
      await inbox.stop();
    }
  });

  it("'retry every failed email' sends again a failed alert email of today, not one a day old (the next day's supersedes it)", async () => {
    const tag = unique("avvisi-guasto").toLowerCase();
    const t0 = new Date();
    const word = wordOf();
    const [today, yesterday] = [
      await createUser({ email: `${tag}-1@scuola.example.it` }),
      await createUser({ email: `${tag}-2@scuola.example.it` }),
    ];
    for (const t of [today, yesterday]) await createCatalogueAlert(t.id, `q=${word}`, t0);
    await eventWith(word, new Date(t0.getTime() + HOUR));
    await checkCatalogueAlerts(new Date(t0.getTime() + ALERT_INTERVAL_MS + HOUR));
    const now = new Date();
    const failed = (userId: string, hoursAgo: number) =>
      prisma.notification.updateMany({
        where: { userId, kind: "nuovi-eventi" },
        data: { deliveryStatus: "errore", deliveryAttempts: 30, createdAt: new Date(now.getTime() - hoursAgo * HOUR) },
      });
    await failed(today.id, 3);
    await failed(yesterday.id, 30);
    expect(await countBulkRetryable(tag, now)).toBe(1);
    expect(await retryFailedNotifications(tag, now)).toBe(1);
    const rows = await prisma.notification.findMany({
      where: { kind: "nuovi-eventi", userId: { in: [today.id, yesterday.id] } },
      select: { userId: true, deliveryStatus: true },
    });
    expect(Object.fromEntries(rows.map((r) => [r.userId, r.deliveryStatus]))).toEqual({
      [today.id]: "in-coda",
      [yesterday.id]: "errore",
    });
  });
});
