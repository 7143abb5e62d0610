// Retention (ADR 0013): what purgeExpired deletes, and what it must keep.
import { afterAll, describe, expect, it, vi } from "vitest";
import { closeAccount } from "../../app/models/account-closure.server.ts";
import { confirmEmail } from "../../app/models/account-tokens.server.ts";
import {
  NOTIFICATION_DELETE_BATCH,
  purgeExpired,
  retentionSettings,
} from "../../app/models/account-retention.server.ts";
import { CANCELLED_KEPT_DAYS } from "../../app/models/calendar-feeds.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import { deliverDue } from "../../app/models/outbox.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { parseEnv } from "../../app/utils/env.server.ts";
import { fileKey, fileStore } from "../../app/utils/file-store.server.ts";
import { formatLongDate } from "../../app/utils/dates.ts";
import { logger } from "../../app/utils/logger.server.ts";
import { AUDIT_BATCH, purgeAuditLog } from "../../app/models/audit-retention.server.ts";
import { createOpenEdition, createUser, unique } from "../support/factories.ts";
import { mailerFor, startSmtp, to } from "../support/smtp.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

const DAY = 86_400_000;
const SETTINGS = {
  tokenDays: 30,
  notificationDays: 365,
  unconfirmedDays: 30,
  unconfirmedWarningDays: 7,
  cancelledSessionDays: 90,
  auditDays: null,
};

describe("purgeExpired", () => {
  it("removes expired sessions, old tokens, old sent notifications, stale counters and abandoned sign-ups only", async () => {
    const now = new Date();
    const ago = (d: number) => new Date(now.getTime() - d * DAY);
    const user = await createUser();
    await prisma.user.update({ where: { id: user.id }, data: { emailVerifiedAt: ago(100) } });
    const expired = await prisma.userSession.create({ data: { userId: user.id, expiresAt: ago(1) } });
    const live = await prisma.userSession.create({
      data: { userId: user.id, expiresAt: new Date(now.getTime() + DAY) },
    });
    const token = (d: Partial<{ usedAt: Date; expiresAt: Date }>) =>
      prisma.accountToken.create({
        data: {
          userId: user.id,
          purpose: "reimposta-password",
          tokenHash: unique("h"),
          expiresAt: d.expiresAt ?? new Date(now.getTime() + DAY),
          usedAt: d.usedAt ?? null,
        },
      });
    const oldUsed = await token({ usedAt: ago(40), expiresAt: ago(39) });
    const recentUsed = await token({ usedAt: ago(2), expiresAt: ago(1) });
    const pending = await token({});
    const note = (createdAt: Date, deliveryStatus: string) =>
      prisma.notification.create({
        data: { userId: user.id, kind: "promosso", dedupeKey: unique("n"), createdAt, deliveryStatus },
      });
    const oldSent = await note(ago(400), "inviata");
    const recentSent = await note(ago(10), "inviata");
    const oldQueued = await note(ago(400), "in-coda");
    const staleKey = unique("rl");
    const liveKey = unique("rl");
    await prisma.rateLimit.create({ data: { key: staleKey, points: 3, expire: BigInt(now.getTime() - 1000) } });
    await prisma.rateLimit.create({ data: { key: liveKey, points: 3, expire: BigInt(now.getTime() + 60_000) } });
    const abandoned = await prisma.user.create({
      data: {
        email: `${unique("abbandono")}@x.it`,
        firstName: "A",
        lastName: "B",
        schoolLevel: "primaria",
        regionCode: "toscana",
        professionalRole: "docente",
        createdAt: ago(40),
      },
    });
    const unconfirmedButEnrolled = await prisma.user.create({
      data: {
        email: `${unique("iscritta")}@x.it`,
        firstName: "C",
        lastName: "D",
        schoolLevel: "primaria",
        regionCode: "toscana",
        professionalRole: "docente",
        createdAt: ago(40),
      },
    });
    const { edition } = await createOpenEdition();
    expect((await enrol(unconfirmedButEnrolled.id, edition.id)).ok).toBe(true);
    const freshSignup = await createUser();

    const report = await purgeExpired(now, SETTINGS);
    expect(report.sessions).toBeGreaterThanOrEqual(1);
    expect(report.unconfirmedWarned).toBeGreaterThanOrEqual(1);

    expect(await prisma.userSession.findUnique({ where: { id: expired.id } })).toBeNull();
    expect(await prisma.userSession.findUnique({ where: { id: live.id } })).not.toBeNull();
    expect(await prisma.accountToken.findUnique({ where: { id: oldUsed.id } })).toBeNull();
    expect(await prisma.accountToken.findUnique({ where: { id: recentUsed.id } })).not.toBeNull();
    expect(await prisma.accountToken.findUnique({ where: { id: pending.id } })).not.toBeNull();
    expect(await prisma.notification.findUnique({ where: { id: oldSent.id } })).toBeNull();
    expect(await prisma.notification.findUnique({ where: { id: recentSent.id } })).not.toBeNull();
    expect(await prisma.notification.findUnique({ where: { id: oldQueued.id } })).not.toBeNull();
    expect(await prisma.rateLimit.findUnique({ where: { key: staleKey } })).toBeNull();
    expect(await prisma.rateLimit.findUnique({ where: { key: liveKey } })).not.toBeNull();
    // The abandoned sign-up is warned first (ADR 0086), and goes once the warning is a week old.
    expect((await prisma.user.findUniqueOrThrow({ where: { id: abandoned.id } })).deletionWarnedAt).toEqual(now);
    expect(await prisma.user.findUnique({ where: { id: unconfirmedButEnrolled.id } })).not.toBeNull();
    expect(await prisma.user.findUnique({ where: { id: freshSignup.id } })).not.toBeNull();
    expect(await prisma.user.findUnique({ where: { id: user.id } })).not.toBeNull();
    const later = await purgeExpired(new Date(now.getTime() + 7 * DAY), SETTINGS);
    expect(later.unconfirmedAccounts).toBeGreaterThanOrEqual(1);
    expect(await prisma.user.findUnique({ where: { id: abandoned.id } })).toBeNull();
    expect(await prisma.user.findUnique({ where: { id: unconfirmedButEnrolled.id } })).not.toBeNull();
    expect(await prisma.user.findUnique({ where: { id: freshSignup.id } })).not.toBeNull();
  });
});

describe("emails that could not be delivered", () => {
  it("go like sent ones, and a closed account's last message to an address that no longer exists goes with the links", async () => {
    // Before, only "inviata" and "non-inviare" rows were ever removed: a closed account's last message that its
    // old mailbox refused kept that address (payload "to", and the refusal in lastError) for ever.
    const now = new Date();
    const ago = (d: number) => new Date(now.getTime() - d * DAY);
    const leaving = await createUser();
    const inbox = await startSmtp({ reject: [leaving.email] });
    const mailer = mailerFor(inbox.port);
    try {
      // Only this test's rows are due (others of this file's database are left alone).
      await prisma.notification.updateMany({
        where: { deliveryStatus: "in-coda" },
        data: { deliveryStatus: "non-inviare" },
      });
      expect((await closeAccount(leaving.id, leaving.id, now)).ok).toBe(true);
      const report = await deliverDue({
        mailer,
        now: new Date(now.getTime() + 1000),
        instanceId: "retention",
        maxAttempts: 1,
      });
      expect(report.gaveUp).toBe(1);
    } finally {
      mailer.close();
      await inbox.stop();
    }
    const lastMessage = await prisma.notification.findFirstOrThrow({
      where: { userId: leaving.id, kind: "account-chiuso" },
    });
    expect(lastMessage.deliveryStatus).toBe("errore");
    expect(lastMessage.payload).toContain(leaving.email);
    const other = await createUser();
    const note = (kind: string, createdAt: Date) =>
      prisma.notification.create({
        data: { userId: other.id, kind, dedupeKey: unique("n"), createdAt, deliveryStatus: "errore" },
      });
    const oldFailed = await note("promosso", ago(400));
    const recentFailed = await note("promosso", ago(40));
    const recentAccountMessage = await note("reimposta-password", ago(10));

    // Within the links' window it stays (/admin/email can still send it again), then it goes.
    await purgeExpired(now, SETTINGS);
    expect(await prisma.notification.findUnique({ where: { id: lastMessage.id } })).not.toBeNull();
    expect(await prisma.notification.findUnique({ where: { id: recentAccountMessage.id } })).not.toBeNull();
    expect(await prisma.notification.findUnique({ where: { id: oldFailed.id } })).toBeNull();
    await purgeExpired(new Date(now.getTime() + (SETTINGS.tokenDays + 1) * DAY), SETTINGS);
    expect(await prisma.notification.findUnique({ where: { id: lastMessage.id } })).toBeNull();
    const left = await prisma.notification.findMany({ where: { userId: leaving.id }, select: { payload: true } });
    expect(JSON.stringify(left)).not.toContain(leaving.email);

    expect(await prisma.notification.findUnique({ where: { id: recentFailed.id } })).not.toBeNull();
    expect(await prisma.notification.findUnique({ where: { id: recentAccountMessage.id } })).toBeNull();
  });
});

describe("never-confirmed accounts", () => {
  it("are warned once by email, in their language, with a link to confirm, some days before they are deleted", async () => {
    // Before ADR 0086 they were deleted after RETENTION_UNCONFIRMED_DAYS without a word.
    const now = new Date();
    const ago = (d: number) => new Date(now.getTime() - d * DAY);
    const unconfirmed = (locale: string, createdAt: Date, identity = false) =>
      prisma.user.create({
        data: {
          email: `${unique("nonconfermata")}@scuola.example.it`,
          firstName: "Anna",
          lastName: "Bruni",
          schoolLevel: "primaria",
          regionCode: "toscana",
          professionalRole: "docente",
          locale,
          createdAt,
          ...(identity
            ? {
                identities: {
                  create: { provider: "spid", issuer: "https://id.example.it", subject: unique("sub") },
                },
              }
            : {}),
        },
      });
    const italian = await unconfirmed("it", ago(24));
    const english = await unconfirmed("en", ago(24));
    // A SPID/CIE account whose address the provider did not vouch for, never confirmed.
    const spid = await unconfirmed("it", ago(25), true);
    const recent = await unconfirmed("it", ago(20));
    const confirmed = await createUser();
    await prisma.user.update({ where: { id: confirmed.id }, data: { createdAt: ago(40) } });
    const warnedKind = (userId: string) =>
      prisma.notification.findMany({ where: { userId, kind: "account-in-scadenza" } });

    const inbox = await startSmtp();
    const mailer = mailerFor(inbox.port);
    try {
      // Only this test's messages are due.
      await prisma.notification.updateMany({
        where: { deliveryStatus: "in-coda" },
        data: { deliveryStatus: "non-inviare" },
      });
      // The job runs on every instance: two runs at once warn each account once.
      const [a, b] = await Promise.all([purgeExpired(now, SETTINGS), purgeExpired(now, SETTINGS)]);
      expect(a.unconfirmedWarned + b.unconfirmedWarned).toBeGreaterThanOrEqual(3);
      for (const user of [italian, english, spid]) {
        expect(await warnedKind(user.id)).toHaveLength(1);
        expect(await prisma.accountToken.count({ where: { userId: user.id, purpose: "conferma-email" } })).toBe(1);
        expect(await prisma.user.findUnique({ where: { id: user.id } })).not.toBeNull();
      }
      for (const user of [recent, confirmed]) expect(await warnedKind(user.id)).toHaveLength(0);
      // Deleted from a week on (the window would have said 6 days: the warning gives the full week).
      const deleteAfter = new Date(now.getTime() + 7 * DAY);
      const token = await prisma.accountToken.findFirstOrThrow({ where: { userId: italian.id } });
      expect(token.expiresAt).toEqual(deleteAfter);

      await deliverDue({
        mailer,
        now: new Date(now.getTime() + 1000),
        instanceId: "avviso",
        origin: "https://forma.example.it",
      });
      const [it] = to(inbox, italian.email);
      expect(it?.subject).toBe("Conferma il tuo indirizzo o il tuo account Forma sarà cancellato · Forma");
      expect(it?.text).toContain(`saranno cancellati a partire da ${formatLongDate(deleteAfter, "it")} (ora italiana)`);
      const [en] = to(inbox, english.email);
      expect(en?.subject).toBe("Confirm your email address or your Forma account will be deleted · Forma");
      expect(en?.text).toContain(`will be deleted from ${formatLongDate(deleteAfter, "en")} (Italian time)`);
      // The SPID/CIE account's warning names its maker, as its first link did (ADR 0014): it pushes the mailbox's
      // owner to confirm, and the address may be someone else's. An account made with a password names nobody.
      const [made] = to(inbox, spid.email);
      expect(made?.text).toContain("a nome di Anna Bruni, con questo indirizzo email.");
      expect(made?.text).toContain("Se non sei Anna Bruni, non confermare");
      expect(it?.text).not.toContain("a nome di");
      expect(en?.text).not.toContain("in the name of");
      expect(to(inbox, recent.email)).toHaveLength(0);
      // The raw link left the outbox once sent; the Italian account opens it and confirms its address.
      expect((await warnedKind(italian.id))[0]!.payload).not.toContain('"token"');
      const raw = new RegExp("https://forma\\.example\\.it/conferma-email/([A-Za-z0-9_-]{43})").exec(
        it!.text ?? "",
      )?.[1];
      expect(raw).toBeDefined();
      expect((await confirmEmail(raw!, new Date(now.getTime() + DAY))).ok).toBe(true);

      // A later run warns nobody again.
      await purgeExpired(new Date(now.getTime() + DAY), SETTINGS);
      for (const user of [italian, english, spid]) expect(await warnedKind(user.id)).toHaveLength(1);
    } finally {
      mailer.close();
      await inbox.stop();
    }

    // A week after the warning: the accounts still unconfirmed are gone, the confirmed one stays, and the
    // one signed up later gets its own warning now.
    const weekOn = new Date(now.getTime() + 7 * DAY);
    await purgeExpired(new Date(weekOn.getTime() - 60_000), SETTINGS);
    expect(await prisma.user.findUnique({ where: { id: english.id } })).not.toBeNull();
    await purgeExpired(weekOn, SETTINGS);
    expect(await prisma.user.findUnique({ where: { id: english.id } })).toBeNull();
    expect(await prisma.user.findUnique({ where: { id: spid.id } })).toBeNull();
    expect(await prisma.user.findUnique({ where: { id: italian.id } })).not.toBeNull();
    expect(await warnedKind(recent.id)).toHaveLength(1);
    expect(await prisma.user.findUnique({ where: { id: recent.id } })).not.toBeNull();
  });
});

describe("first SPID/CIE sign-ins never completed", () => {
  it("are removed once expired, with the codice fiscale and names they hold; live ones stay", async () => {
    const now = new Date();
    const pending = (expiresAt: Date) =>
      prisma.pendingIdentity.create({
        data: {
          provider: "spid",
          issuer: "https://id.example.it",
          subject: unique("sub"),
          claims: JSON.stringify({ givenName: "Luca", familyName: "Bianchi", fiscalCode: "BNCLCU85M10F205Z" }),
          expiresAt,
        },
      });
    const expired = await pending(new Date(now.getTime() - 60_000));
    const live = await pending(new Date(now.getTime() + 60_000));
    const report = await purgeExpired(now, SETTINGS);
    expect(await prisma.pendingIdentity.findUnique({ where: { id: expired.id } })).toBeNull();
    expect(await prisma.pendingIdentity.findUnique({ where: { id: live.id } })).not.toBeNull();
    expect(report.pendingIdentities).toBeGreaterThanOrEqual(1);
  });
});

describe("stored file bytes", () => {
  it("removes bytes whose row is gone (an event deleted with its materials) a day on, and keeps described, recent and other files", async () => {
    const now = new Date();
    const { event } = await createOpenEdition();
    const kept = await createOpenEdition();
    const material = (eventId: string) =>
      prisma.eventFile.create({
        data: { eventId, title: "Slide", fileName: "slide.pdf", mimeType: "application/pdf", size: 4 },
      });
    const [gone, described] = [await material(event.id), await material(kept.event.id)];
    const store = fileStore();
    const bytes = new Uint8Array([37, 80, 68, 70]);
    await store.put(fileKey("event-file", gone.id), bytes);
    await store.put(fileKey("event-file", described.id), bytes);
    const inFlight = fileKey("event-file", unique("inflight").replace(/[^A-Za-z0-9_-]/g, ""));
    await store.put(inFlight, bytes);
    const otherKind = `altro/${unique("k").replace(/[^A-Za-z0-9_-]/g, "")}`;
    await store.put(otherKind, bytes);
    // Deleting the event cascades to its EventFile rows; the bytes stay behind until the sweep.
    await prisma.event.delete({ where: { id: event.id } });
    const twoDaysAgo = new Date(now.getTime() - 2 * DAY);
    await prisma.storedFile.updateMany({
      where: { key: { in: [fileKey("event-file", gone.id), fileKey("event-file", described.id), otherKind] } },
      data: { createdAt: twoDaysAgo },
    });

    const report = await purgeExpired(now, SETTINGS);
    expect(report.orphanedFiles).toBeGreaterThanOrEqual(1);
    expect(await store.get(fileKey("event-file", gone.id))).toBeNull();
    expect(await store.get(fileKey("event-file", described.id))).toEqual(bytes);
    // A key written in the last day may belong to an upload still being saved: kept.
    expect(await store.get(inFlight)).toEqual(bytes);
    expect(await store.get(otherKind)).toEqual(bytes);
  });
});

describe("cancelled-session tombstones", () => {
  it("are removed once older than their window, never before the feeds drop them, and the run logs it", async () => {
    const now = new Date();
    const ago = (d: number) => new Date(now.getTime() - d * DAY);
    const { edition } = await createOpenEdition();
    const tombstone = (days: number) =>
      prisma.cancelledSession.create({
        data: {
          id: unique("incontro"),
          editionId: edition.id,
          startsAt: ago(days + 1),
          endsAt: ago(days),
          delivery: "sincrona",
          sequence: 1,
          cancelledAt: ago(days),
        },
      });
    const old = await tombstone(100);
    const withinWindow = await tombstone(80);
    const stillInFeeds = await tombstone(CANCELLED_KEPT_DAYS - 1);
    const fresh = await tombstone(1);

    const info = vi.spyOn(logger, "info");
    try {
      const report = await purgeExpired(now, SETTINGS);
      expect(report.cancelledSessions).toBeGreaterThanOrEqual(1);
      expect(info).toHaveBeenCalledWith(
        { job: "conservazione-dati", removed: report },
        "retention: expired data removed",
      );
    } finally {
      info.mockRestore();
    }
    expect(await prisma.cancelledSession.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await prisma.cancelledSession.findUnique({ where: { id: withinWindow.id } })).not.toBeNull();
    expect(await prisma.cancelledSession.findUnique({ where: { id: fresh.id } })).not.toBeNull();

    // A window shorter than the feeds' is raised to it: the feeds still list the tombstone.
    await purgeExpired(now, { ...SETTINGS, cancelledSessionDays: 1 });
    expect(await prisma.cancelledSession.findUnique({ where: { id: withinWindow.id } })).toBeNull();
    expect(await prisma.cancelledSession.findUnique({ where: { id: stillInFeeds.id } })).not.toBeNull();
    expect(await prisma.cancelledSession.findUnique({ where: { id: fresh.id } })).not.toBeNull();
  });

  it("take their windows from the environment, with the documented defaults", () => {
    expect(retentionSettings(parseEnv({ NODE_ENV: "test" }))).toEqual({
      tokenDays: 30,
      notificationDays: 365,
      unconfirmedDays: 30,
      unconfirmedWarningDays: 7,
      cancelledSessionDays: 90,
      // Unset: the audit log is kept (ADR 0092).
      auditDays: null,
    });
    expect(retentionSettings(parseEnv({ NODE_ENV: "test", RETENTION_AUDIT_DAYS: "" }))).toMatchObject({
      auditDays: null,
    });
    expect(retentionSettings(parseEnv({ NODE_ENV: "test", RETENTION_AUDIT_DAYS: "730" }))).toMatchObject({
      auditDays: 730,
    });
    expect(() => parseEnv({ NODE_ENV: "test", RETENTION_AUDIT_DAYS: "7" })).toThrow(/RETENTION_AUDIT_DAYS/);
    expect(
      retentionSettings(
        parseEnv({ NODE_ENV: "test", RETENTION_UNCONFIRMED_DAYS: "5", RETENTION_UNCONFIRMED_WARNING_DAYS: "10" }),
      ),
    ).toMatchObject({ unconfirmedDays: 5, unconfirmedWarningDays: 5 });
    expect(retentionSettings(parseEnv({ NODE_ENV: "test", RETENTION_CANCELLED_SESSION_DAYS: "200" }))).toMatchObject({
      cancelledSessionDays: 200,
    });
    expect(retentionSettings(parseEnv({ NODE_ENV: "test", RETENTION_CANCELLED_SESSION_DAYS: "7" }))).toMatchObject({
      cancelledSessionDays: CANCELLED_KEPT_DAYS,
    });
    expect(() => parseEnv({ NODE_ENV: "test", RETENTION_CANCELLED_SESSION_DAYS: "dieci" })).toThrow(
      /RETENTION_CANCELLED_SESSION_DAYS/,
    );
  });
});

describe("the audit log (ADR 0092)", () => {
  /** An audit row `days` old. */
  const audit = (entityType: string, entityId: string, days: number, action = "modifica", now = new Date()) =>
    prisma.auditLog.create({
      data: { entityType, entityId, action, at: new Date(now.getTime() - days * DAY) },
      select: { id: true },
    });
  const exists = async (row: { id: string }) => (await prisma.auditLog.count({ where: { id: row.id } })) === 1;

  /**
   * `kept` audit rows of an event still running, 900 days old, then `toDelete` rows of a person's account changes,
   * 800 days old (nothing keeps those): the rows a run must read past, and the rows it must reach.
   */
  async function keptRowsBeforeRowsToDelete(now: Date, kept: number, toDelete: number) {
    const running = await createOpenEdition();
    await prisma.event.update({ where: { id: running.event.id }, data: { endsAt: new Date(now.getTime() + DAY) } });
    await prisma.auditLog.createMany({
      data: Array.from({ length: kept }, (_, i) => ({
        entityType: "event",
        entityId: running.event.id,
        action: "modifica",
        at: new Date(now.getTime() - (900 - i / 1000) * DAY),
      })),
    });
    const gone = unique("gone");
    await prisma.auditLog.createMany({
      data: Array.from({ length: toDelete }, () => ({
        entityType: "user",
        entityId: gone,
        action: "profilo.modifica",
        at: new Date(now.getTime() - 800 * DAY),
      })),
    });
    return { keptId: running.event.id, goneId: gone };
  }

  it("is kept when RETENTION_AUDIT_DAYS is unset; set, old rows go but not those the product still reads", async () => {
    const now = new Date();
    const ago = (d: number) => new Date(now.getTime() - d * DAY);
    // An edition over long ago, and one of an event still running (its change log, its bulk moves).
    const over = await createOpenEdition({ sessionStartsAt: ago(500) });
    await prisma.edition.update({ where: { id: over.edition.id }, data: { endsOn: ago(500) } });
    await prisma.event.update({ where: { id: over.event.id }, data: { endsAt: ago(500) } });
    const running = await createOpenEdition({ sessionStartsAt: ago(1) });
    await prisma.edition.update({ where: { id: running.edition.id }, data: { startsOn: ago(800), endsOn: ago(-30) } });
    await prisma.event.update({ where: { id: running.event.id }, data: { endsAt: ago(-30) } });
    const teacher = await createUser();
    const overPlace = await prisma.enrolment.create({
      data: { editionId: over.edition.id, eventId: over.event.id, userId: teacher.id, status: "iscritto" },
    });
    const runningPlace = await prisma.enrolment.create({
      data: { editionId: running.edition.id, eventId: running.event.id, userId: teacher.id, status: "iscritto" },
    });
    const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const formerReferent = await createUser();

    const oldOverEdition = await audit("edition", over.edition.id, 400, "spostamento-multiplo", now);
    const oldOverPlace = await audit("enrolment", overPlace.id, 400, "candidatura-valutata", now);
    const oldOverEvent = await audit("event", over.event.id, 400, "pubblicato", now);
    const recentOverEdition = await audit("edition", over.edition.id, 100, "modifica", now);
    const oldRunningEdition = await audit("edition", running.edition.id, 700, "spostamento-multiplo", now);
    const oldRunningPlace = await audit("enrolment", runningPlace.id, 700, "candidatura-valutata", now);
    const oldRunningEvent = await audit("event", running.event.id, 700, "pubblicato", now);
    const roleInForce = await audit("user", referent.id, 700, "role.grant", now);
    const roleGone = await audit("user", formerReferent.id, 700, "role.grant", now);
    const oldAccountChange = await audit("user", referent.id, 700, "profilo.modifica", now);
    const ofDeletedEdition = await audit("edition", "cl-no-such-edition", 400, "modifica", now);
    const everyRow = [
      oldOverEdition,
      oldOverPlace,
      oldOverEvent,
      recentOverEdition,
      oldRunningEdition,
      oldRunningPlace,
      oldRunningEvent,
      roleInForce,
      roleGone,
      oldAccountChange,
      ofDeletedEdition,
    ];

    // Unset: nothing goes (the data controller has set no period).
    expect((await purgeExpired(now, SETTINGS)).auditRows).toBe(0);
    for (const row of everyRow) expect(await exists(row)).toBe(true);

    // A year: rows older than that go, unless their edition or event ended less than a year ago (or
    // has not ended), or they record a role the person still holds.
    const report = await purgeExpired(now, { ...SETTINGS, auditDays: 365 });
    expect(report.auditRows).toBeGreaterThanOrEqual(6);
    for (const row of [oldOverEdition, oldOverPlace, oldOverEvent, roleGone, oldAccountChange, ofDeletedEdition])
      expect(await exists(row)).toBe(false);
    for (const row of [recentOverEdition, oldRunningEdition, oldRunningPlace, oldRunningEvent, roleInForce])
      expect(await exists(row)).toBe(true);
  });

  it("deletes in bounded batches past rows it keeps, and two instances at once delete each row once", async () => {
    const now = new Date();
    // More kept rows than a batch, older than the rows to delete: the job must read past them.
    const { keptId, goneId: gone } = await keptRowsBeforeRowsToDelete(now, AUDIT_BATCH + 20, AUDIT_BATCH + 30);
    const settings = { ...SETTINGS, auditDays: 365 };
    const [a, b] = await Promise.all([purgeExpired(now, settings), purgeExpired(now, settings)]);
    expect(await prisma.auditLog.count({ where: { entityId: gone } })).toBe(0);
    expect(a.auditRows + b.auditRows).toBe(AUDIT_BATCH + 30);
    expect(await prisma.auditLog.count({ where: { entityId: keptId } })).toBe(AUDIT_BATCH + 20);
  });

  it("reaches the rows to delete behind more kept rows than a run reads, each run", async () => {
    const now = new Date();
    // A run reads at most 2 batches of 10 here: 25 kept rows come first, then 5 to delete.
    const { keptId, goneId } = await keptRowsBeforeRowsToDelete(now, 25, 5);
    expect(await purgeAuditLog(now, 365, { batch: 10, maxPasses: 2 })).toBe(5);
    expect(await prisma.auditLog.count({ where: { entityId: goneId } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { entityId: keptId } })).toBe(25);
  });
});

describe("old notifications", () => {
  it("all go, however many have piled up (deleted in batches under the parameter limit); newer ones stay", async () => {
    const user = await createUser();
    const now = new Date();
    const old = new Date(now.getTime() - (SETTINGS.notificationDays + 1) * DAY);
    const count = NOTIFICATION_DELETE_BATCH * 2 + 3;
    await prisma.notification.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        kind: "iscrizione-confermata",
        userId: user.id,
        payload: "{}",
        deliveryStatus: "inviata",
        createdAt: old,
        dedupeKey: `vecchia:${user.id}:${i}`,
      })),
    });
    const recent = await prisma.notification.create({
      data: {
        kind: "iscrizione-confermata",
        userId: user.id,
        payload: "{}",
        deliveryStatus: "inviata",
        dedupeKey: `recente:${user.id}`,
      },
    });
    const report = await purgeExpired(now, SETTINGS);
    expect(report.notifications).toBeGreaterThanOrEqual(count);
    expect(await prisma.notification.findMany({ where: { userId: user.id }, select: { id: true } })).toEqual([
      { id: recent.id },
    ]);
    await prisma.notification.deleteMany({ where: { userId: user.id } });
  });
});
