// An event's trainer assignment opens its registers, participants and certificates: no assignment outlives the
// trainer role. Migration 20261207010000 removes those that revocations made before bfd6e96 left, and assignTrainer
// takes the role row under its transaction, so a revocation at the same moment cannot leave one behind.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assignTrainer } from "../../app/models/event.server.ts";
import { revokeRole } from "../../app/models/roles.server.ts";
import * as registerRoute from "../../app/routes/formazione.incontri.$sessionId.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { actorOf, createNationalUnit } from "../support/events.ts";
import { callRoute, cookieOf, statusOf, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

const postgres = process.env.DATABASE_URL?.startsWith("postgres");

describe("trainer assignments without the trainer role", () => {
  it("are removed by migration 20261207010000, which keeps those of people holding the role", async () => {
    const { edition } = await createOpenEdition();
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
    const kept = await createUser({ roles: [{ role: "formatore" }] });
    const former = await createUser({ roles: [{ role: "formatore" }] });
    for (const user of [kept, former])
      await prisma.eventTrainer.create({ data: { eventId: edition.eventId, userId: user.id } });
    // What revokeRole did before bfd6e96: the role went, the assignment stayed.
    await prisma.userRole.deleteMany({ where: { userId: former.id } });
    const register = async (userId: string) =>
      statusOf(
        await callRoute(
          registerRoute.loader as unknown as Handler,
          new Request(`http://localhost/formazione/incontri/${session.id}`, {
            headers: { Cookie: await cookieOf(userId) },
          }),
          { sessionId: session.id },
        ),
      );
    expect(await register(former.id)).toBe(200);

    const sql = fs.readFileSync(
      path.join(
        postgres ? "prisma/postgresql/migrations" : "prisma/migrations",
        "20261207010000_trainer_assignments_without_role/migration.sql",
      ),
      "utf8",
    );
    // The statement as the migration runs it, on this test's event only (other files' fixtures share the database).
    const statement = sql.slice(sql.indexOf("DELETE")).trim().replace(/;$/, "");
    await prisma.$executeRawUnsafe(`${statement} AND "eventId" = '${edition.eventId}'`);

    expect(
      (await prisma.eventTrainer.findMany({ where: { eventId: edition.eventId }, select: { userId: true } })).map(
        (t) => t.userId,
      ),
    ).toEqual([kept.id]);
    expect(await register(former.id)).toBe(403);
    expect(await register(kept.id)).toBe(200);
  });

  it("are not left by an assignment and a revocation at the same moment", async () => {
    const national = await createNationalUnit();
    const { edition, organiser } = await createOpenEdition();
    for (let i = 0; i < 30; i++) {
      const trainer = await createUser({ roles: [{ role: "formatore" }] });
      const role = await prisma.userRole.findFirstOrThrow({ where: { userId: trainer.id, role: "formatore" } });
      const [assigned, revoked] = await Promise.all([
        assignTrainer(actorOf(organiser), edition.eventId, trainer.id),
        revokeRole(national.actor, role.id),
      ]);
      expect(revoked).toMatchObject({ ok: true, changed: true });
      // Either refused (the role was gone) or done before the revocation, which then took it away.
      expect([true, false]).toContain(assigned.ok);
      expect(await prisma.eventTrainer.count({ where: { userId: trainer.id } })).toBe(0);
    }
  });
});
