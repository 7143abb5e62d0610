// Retention (ADR 0013): what purgeExpired deletes, and what it must keep.
import { afterAll, describe, expect, it } from "vitest";
import { purgeExpired } from "../../app/models/account-retention.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser, unique } from "../support/factories.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

const DAY = 86_400_000;
const SETTINGS = { tokenDays: 30, notificationDays: 365, unconfirmedDays: 30 };

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
    expect(report.unconfirmedAccounts).toBeGreaterThanOrEqual(1);

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
    expect(await prisma.user.findUnique({ where: { id: abandoned.id } })).toBeNull();
    expect(await prisma.user.findUnique({ where: { id: unconfirmedButEnrolled.id } })).not.toBeNull();
    expect(await prisma.user.findUnique({ where: { id: freshSignup.id } })).not.toBeNull();
    expect(await prisma.user.findUnique({ where: { id: user.id } })).not.toBeNull();
  });
});
