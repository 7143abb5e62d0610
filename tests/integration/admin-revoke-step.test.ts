// Revoking a role on /admin/utenti is a second step (review 0017, finding 2): the row's button revoked at one tap,
// and revoking "Incarico di formazione" takes the person off every event for good (granting it again gives none
// back). The row's link opens ?revoca=<roleId>, naming the role, the person and the events; only its form revokes.
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/utils/db.server.ts";
import * as adminUsersRoute from "../../app/routes/admin.utenti.tsx";
import { createOpenEdition, createUser, unique } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

describe("revoking a role", () => {
  it("names the role, the person and a trainer's events first, and revokes only when confirmed", async () => {
    const tag = unique("Revoca").toLowerCase();
    const trainer = await createUser({ firstName: "Teo", lastName: `Togli${tag}`, roles: [{ role: "formatore" }] });
    const titles = [`Robotica ${tag}`, `Coding ${tag}`];
    for (const title of titles) {
      const { event } = await createOpenEdition({ title });
      await prisma.eventTrainer.create({ data: { eventId: event.id, userId: trainer.id } });
    }
    const role = await prisma.userRole.findFirstOrThrow({ where: { userId: trainer.id, role: "formatore" } });
    const national = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const cookie = await cookieOf(national.id);
    const url = `http://localhost/admin/utenti?q=${tag}&revoca=${role.id}`;

    const asked = await runRoute(adminUsersRoute.loader as unknown as Handler, { cookie, url });
    expect(asked.data).toMatchObject({
      revoking: {
        roleId: role.id,
        role: "formatore",
        userId: trainer.id,
        firstName: "Teo",
        eventCount: 2,
        events: [{ title: `Coding ${tag}` }, { title: `Robotica ${tag}` }],
      },
    });

    // Without the step's confirmation nothing is revoked.
    const unconfirmed = await runRoute(adminUsersRoute.action as unknown as Handler, {
      cookie,
      url,
      form: { intent: "revoke", roleId: role.id },
    });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data).toMatchObject({ ok: false, message: "admin.users.revokeConfirmRequired" });
    expect(await prisma.userRole.count({ where: { id: role.id } })).toBe(1);
    expect(await prisma.eventTrainer.count({ where: { userId: trainer.id } })).toBe(2);

    const done = await runRoute(adminUsersRoute.action as unknown as Handler, {
      cookie,
      url,
      form: { intent: "revoke", roleId: role.id, confirm: "yes" },
    });
    expect(done.data).toMatchObject({ ok: true, message: "admin.users.revokedTrainer", count: 2 });
    expect(await prisma.eventTrainer.count({ where: { userId: trainer.id } })).toBe(0);
    // The step is gone with the role.
    const after = await runRoute(adminUsersRoute.loader as unknown as Handler, { cookie, url });
    expect(after.data).toMatchObject({ revoking: null });
  });
});
