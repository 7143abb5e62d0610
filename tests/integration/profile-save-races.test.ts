// Two saves of the same profile at once (ADR 0093, point 3), on SQLite or PostgreSQL (DATABASE_URL):
// updateProfile writes the previous region, school level and role as a UserProfilePeriod, and its
// change of the User row is conditional on the three values it read; a save that finds them changed
// meanwhile is tried again (at most three times). The collision is forced through updateProfile's
// test seam `afterRead`, which runs inside the first save's transaction after its read: no pauses.
// - PostgreSQL: the seam runs the second save to its commit while the first's transaction is open and
//   has read, so the first's conditional write finds no row and the first save is tried again.
// - SQLite: every write transaction is BEGIN IMMEDIATE on the process's one connection (ADR 0056): the
//   second save cannot read before the first commits, so nothing collides and nothing is retried.
// Either way: exactly one period per real change, in the order the changes were made, and the last
// save's values on the User row.
import { afterAll, describe, expect, it } from "vitest";
import { updateProfile } from "../../app/models/account.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createUser } from "../support/factories.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

const postgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
const T = new Date("2026-12-05T10:00:00.000Z");
const LATER = new Date("2026-12-05T11:00:00.000Z");

type Attributed = { regionCode: string; schoolLevel: string; professionalRole: string };

/** The profile form of `userId` as it is stored, with the three attributed fields set to `to`. */
async function formWith(userId: string, to: Attributed) {
  const u = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return {
    firstName: u.firstName,
    lastName: u.lastName,
    locale: u.locale,
    emailReminders: u.emailReminders,
    ...to,
  } as Parameters<typeof updateProfile>[1];
}

async function periodsOf(userId: string) {
  return prisma.userProfilePeriod.findMany({
    where: { userId },
    orderBy: { validUntil: "asc" },
    select: { regionCode: true, schoolLevel: true, professionalRole: true, validUntil: true },
  });
}

describe("two saves of one profile at once (ADR 0093)", () => {
  it("record each past state once, in order, and keep the last save's values", async () => {
    const start: Attributed = { regionCode: "toscana", schoolLevel: "primaria", professionalRole: "docente" };
    const first: Attributed = { regionCode: "lombardia", schoolLevel: "primaria", professionalRole: "docente" };
    const second: Attributed = {
      regionCode: "lazio",
      schoolLevel: "secondaria-primo-grado",
      professionalRole: "dirigente",
    };
    const user = await createUser(start);
    const firstForm = await formWith(user.id, first);
    const secondForm = await formWith(user.id, second);

    const firstAttempts: number[] = [];
    const secondAttempts: number[] = [];
    let secondSave: Promise<unknown> | undefined;
    const firstSave = updateProfile(user.id, firstForm, user.id, T, {
      afterRead: async (attempt) => {
        firstAttempts.push(attempt);
        if (attempt !== 1) return;
        // The first save has read the starting values and holds its transaction open: the second save starts now.
        secondSave = updateProfile(user.id, secondForm, user.id, LATER, {
          afterRead: async (a) => void secondAttempts.push(a),
        });
        // On PostgreSQL it reads, writes and commits meanwhile; on SQLite it waits for the first's
        // connection (awaiting it here would wait for ever), and runs after the first commits.
        if (postgres) await secondSave;
      },
    });
    const firstOutcome = await firstSave;
    const secondOutcome = await secondSave;

    const final = await prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { regionCode: true, schoolLevel: true, professionalRole: true },
    });
    const periods = await periodsOf(user.id);
    const audit = await prisma.auditLog.count({ where: { entityId: user.id, action: "profilo-modificato" } });
    if (postgres) {
      // The second save committed between the first's read and its write: the first was tried again,
      // found the second's values and changed them.
      expect(secondAttempts).toEqual([1]);
      expect(firstAttempts).toEqual([1, 2]);
      expect(secondOutcome).toEqual({ changed: ["schoolLevel", "regionCode", "professionalRole"] });
      expect(firstOutcome).toEqual({ changed: ["schoolLevel", "regionCode", "professionalRole"] });
      expect(final).toEqual(first);
      // The starting state ended with the second save; the second's state ended with the first's retry,
      // after it, though the first save was called with an earlier instant.
      expect(periods.map(({ validUntil: _, ...p }) => p)).toEqual([start, second]);
      expect(periods[0]!.validUntil).toEqual(LATER);
      expect(periods[1]!.validUntil).toEqual(new Date(LATER.getTime() + 1));
    } else {
      // Serialised: the first commits, then the second reads what the first wrote.
      expect(firstAttempts).toEqual([1]);
      expect(secondAttempts).toEqual([1]);
      expect(firstOutcome).toEqual({ changed: ["regionCode"] });
      expect(secondOutcome).toEqual({ changed: ["schoolLevel", "regionCode", "professionalRole"] });
      expect(final).toEqual(second);
      expect(periods).toEqual([
        { ...start, validUntil: T },
        { ...first, validUntil: LATER },
      ]);
    }
    // One audit entry per save that changed something, and no period twice.
    expect(audit).toBe(2);
  });
});
