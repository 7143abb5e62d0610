// Revoking a role on /admin/utenti is a second step (review 0017, finding 2): the row's button revoked at one tap,
// and revoking "Incarico di formazione" takes the person off every event for good (granting it again gives none
// back). The row's link opens ?revoca=<roleId>, naming the role, the person and the events; only its form revokes.
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/utils/db.server.ts";
import * as adminUsersRoute from "../../app/routes/admin.utenti.tsx";
import { createOpenEdition, createUser, unique } from "../support/factories.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
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

describe("a change of role emails the person, and the page says so where the change is made", () => {
  it("says it beside each row's grant control and in the revocation's step, in both languages", async () => {
    const tag = unique("Avviso").toLowerCase();
    const person = await createUser({ firstName: "Alba", lastName: `Avvisata${tag}`, roles: [{ role: "formatore" }] });
    const role = await prisma.userRole.findFirstOrThrow({ where: { userId: person.id, role: "formatore" } });
    const national = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const cookie = await cookieOf(national.id);
    const url = `http://localhost/admin/utenti?q=${tag}&revoca=${role.id}`;
    const { data: loaderData } = await runRoute(adminUsersRoute.loader as unknown as Handler, { cookie, url });

    for (const [locale, grantHint, revokeHint] of [
      [
        "it",
        "La persona riceverà un'email che le comunica il nuovo ruolo.",
        "La persona riceverà un'email che le comunica la revoca.",
      ],
      [
        "en",
        "The person will receive an email telling them of their new role.",
        "The person will receive an email telling them of the revocation.",
      ],
    ] as const) {
      const html = await renderRoutePage(adminUsersRoute.default, { url, loaderData, locale });
      // Beside the row's grant control, and read with the role's field and the button by a screen reader.
      const hintId = `grant-${person.id}-hint`;
      expect(textOf(html)).toContain(grantHint);
      expect(html).toContain(`<p id="${hintId}" class="small mb-0 w-100">${grantHint.replace(/'/g, "&#x27;")}</p>`);
      expect(html).toMatch(new RegExp(`<select id="role-${person.id}"[^>]*aria-describedby="${hintId}"`));
      expect(html).toMatch(
        new RegExp(`<button type="submit" id="grant-${person.id}"[^>]*aria-describedby="${hintId}"`),
      );
      // In the revocation's second step, before its button.
      const start = html.indexOf('data-testid="revoca-ruolo"');
      const step = html.slice(start, html.indexOf("</section>", start));
      expect(textOf(step)).toContain(revokeHint);
      const hintAt = step.indexOf(revokeHint.replace(/'/g, "&#x27;"));
      expect(hintAt).toBeGreaterThan(-1);
      expect(hintAt).toBeLessThan(step.indexOf('<button type="submit"'));
    }

    // What the page says is what happens: each change queues its email to the person.
    const emails = () => prisma.notification.count({ where: { userId: person.id, kind: "ruolo-modificato" } });
    const revoked = await runRoute(adminUsersRoute.action as unknown as Handler, {
      cookie,
      url,
      form: { intent: "revoke", roleId: role.id, confirm: "yes" },
    });
    expect(revoked.data).toMatchObject({ ok: true });
    expect(await emails()).toBe(1);
    const granted = await runRoute(adminUsersRoute.action as unknown as Handler, {
      cookie,
      url: `http://localhost/admin/utenti?q=${tag}`,
      form: { intent: "grant", userId: person.id, role: "formatore", regionCode: "" },
    });
    expect(granted.data).toMatchObject({ ok: true, message: "admin.users.granted" });
    expect(await emails()).toBe(2);
  });
});
