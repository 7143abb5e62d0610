// Staff pages wait for a confirmed address (ADR 0013 addendum, 2026-12): a role or a trainer's assignment
// given to an account whose address was never confirmed (possible before grantRole refused it: anyone could
// sign up with a future referent's address) opens nothing until the owner of the address opens its link. The
// refusal says so, and /profilo sends a new link. Accounts without a role keep their usual refusal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../app/i18n/i18n.tsx";
import * as adminUsersRoute from "../../app/routes/admin.utenti.tsx";
import * as trainerHome from "../../app/routes/formazione._index.tsx";
import * as editionRegister from "../../app/routes/formazione.edizioni.$editionId.tsx";
import * as registerCsv from "../../app/routes/formazione.incontri.$sessionId_.registro[.]csv.tsx";
import * as eventListRoute from "../../app/routes/gestione.eventi._index.tsx";
import * as profileRoute from "../../app/routes/profilo.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { callRoute, cookieOf, routeRequest, statusOf, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

const KEY = "staff.emailUnconfirmed";

/** What a loader or action answered: its status and, for a thrown or returned Response, its body. */
async function call(
  handler: unknown,
  userId: string,
  path: string,
  { params = {}, form }: { params?: Record<string, string>; form?: Record<string, string> } = {},
) {
  const request = routeRequest(`http://localhost${path}`, { cookie: await cookieOf(userId), form });
  const result = await callRoute(handler as Handler, request, params);
  const body = result instanceof Response ? await result.text() : null;
  return {
    status: statusOf(result),
    body,
    location: result instanceof Response ? result.headers.get("Location") : null,
  };
}

const confirm = (userId: string) =>
  prisma.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });

describe("staff roles of an account whose address was never confirmed", () => {
  let editionId: string;
  let sessionId: string;
  let eventId: string;

  beforeAll(async () => {
    const { edition, event } = await createOpenEdition();
    editionId = edition.id;
    eventId = event.id;
    sessionId = (await prisma.trainingSession.findFirstOrThrow({ where: { editionId } })).id;
  });

  it("refuses the organiser pages to an unconfirmed referent, saying why, until the address is confirmed", async () => {
    const referent = await createUser({
      roles: [{ role: "referente-usr", regionCode: "toscana" }],
      emailVerifiedAt: null,
    });
    const refused = await call(eventListRoute.loader, referent.id, "/gestione/eventi");
    expect(refused).toMatchObject({ status: 403, body: KEY });
    // The error page translates the key: it names the way to a new link.
    expect(translator("it")(KEY)).toContain("«Il mio profilo»");
    await confirm(referent.id);
    expect((await call(eventListRoute.loader, referent.id, "/gestione/eventi")).status).toBe(200);

    // A teacher without a role, confirmed or not, reads the usual refusal.
    const teacher = await createUser({ emailVerifiedAt: null });
    const plain = await call(eventListRoute.loader, teacher.id, "/gestione/eventi");
    expect(plain.status).toBe(403);
    expect(plain.body).not.toBe(KEY);
  });

  it("refuses /admin/utenti, and a grant through it, to an unconfirmed national unit member", async () => {
    const member = await createUser({ roles: [{ role: "unita-nazionale" }], emailVerifiedAt: null });
    const person = await createUser();
    expect(await call(adminUsersRoute.loader, member.id, "/admin/utenti?q=rossi")).toMatchObject({
      status: 403,
      body: KEY,
    });
    const grant = { intent: "grant", userId: person.id, role: "unita-nazionale" };
    expect(await call(adminUsersRoute.action, member.id, "/admin/utenti", { form: grant })).toMatchObject({
      status: 403,
      body: KEY,
    });
    expect(await prisma.userRole.count({ where: { userId: person.id } })).toBe(0);
  });

  it("opens no register to an unconfirmed trainer assigned to the event, and its download says why", async () => {
    const trainer = await createUser({ roles: [{ role: "formatore" }], emailVerifiedAt: null });
    await prisma.eventTrainer.create({ data: { eventId, userId: trainer.id } });
    expect(await call(trainerHome.loader, trainer.id, "/formazione")).toMatchObject({ status: 403, body: KEY });
    const page = `/formazione/edizioni/${editionId}`;
    expect(await call(editionRegister.loader, trainer.id, page, { params: { editionId } })).toMatchObject({
      status: 403,
      body: KEY,
    });
    const csv = await call(registerCsv.loader, trainer.id, `/formazione/incontri/${sessionId}/registro.csv`, {
      params: { sessionId },
    });
    expect(csv.status).toBe(403);
    for (const locale of ["it", "en"] as const) {
      const t = translator(locale);
      expect(csv.body).toContain(t("downloads.refused.staffEmailUnconfirmed.title"));
    }

    // Someone unconfirmed who is not the event's trainer is told that first, as before.
    const stranger = await createUser({ roles: [{ role: "formatore" }], emailVerifiedAt: null });
    const notTheirs = await call(editionRegister.loader, stranger.id, page, { params: { editionId } });
    expect(notTheirs.status).toBe(403);
    expect(notTheirs.body).toBe("forbidden.notTrainer");
    expect(translator("it")("forbidden.notTrainer")).toBe("Non hai un ruolo di formazione in questo evento.");

    await confirm(trainer.id);
    expect((await call(trainerHome.loader, trainer.id, "/formazione")).status).toBe(200);
    expect((await call(editionRegister.loader, trainer.id, page, { params: { editionId } })).status).toBe(200);
  });

  it("sends a new confirmation link from /profilo", async () => {
    const trainer = await createUser({ roles: [{ role: "formatore" }], emailVerifiedAt: null });
    const links = () => prisma.accountToken.count({ where: { userId: trainer.id, purpose: "conferma-email" } });
    const before = await links();
    const sent = await call(profileRoute.action, trainer.id, "/profilo", { form: { intent: "resend-confirmation" } });
    expect(sent).toMatchObject({ status: 302, location: "/profilo?fatto=conferma-inviata#email-titolo" });
    expect(await links()).toBe(before + 1);
  });
});
