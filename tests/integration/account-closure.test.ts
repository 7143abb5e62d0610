// Closing an account: by its owner (/profilo/chiudi) and by the national unit (/admin/utenti).
import { afterAll, describe, expect, it } from "vitest";
import { verifyCertificate } from "../../app/models/certificate.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import * as adminRoute from "../../app/routes/admin.utenti.tsx";
import * as closeRoute from "../../app/routes/profilo_.chiudi.tsx";
import { getSessionUser, verifyLogin } from "../../app/utils/auth.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser, TEST_PASSWORD, unique } from "../support/factories.ts";
import { callRoute, cookieOf, routeRequest, runRoute, type Handler } from "../support/routes.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

const URL_ = "http://localhost/profilo/chiudi";

async function issuedCertificate(userId: string, holderName: string) {
  const past = await createOpenEdition();
  const e = await enrol(userId, past.edition.id);
  if (!e.ok) throw new Error("enrol failed");
  // The edition is over: its seat is history, not a place to release.
  await prisma.edition.update({
    where: { id: past.edition.id },
    data: { endsOn: new Date(Date.now() - 86_400_000), startsOn: new Date(Date.now() - 2 * 86_400_000) },
  });
  return prisma.certificate.create({
    data: {
      code: unique("CHI").toUpperCase(),
      enrolmentId: e.enrolmentId,
      editionId: past.edition.id,
      userId,
      activeKey: e.enrolmentId,
      holderName,
      eventTitle: past.event.title,
      eventType: "corso-online-base",
      organiser: "Unità nazionale",
      editionStartsOn: past.edition.startsOn,
      editionEndsOn: past.edition.endsOn,
      certifiedMinutes: 120,
    },
  });
}

describe("closing one's own account", () => {
  it("needs the password and the confirmation", async () => {
    const user = await createUser();
    const cookie = await cookieOf(user.id);
    const wrong = await runRoute(closeRoute.action as Handler, {
      url: URL_,
      cookie,
      form: { currentPassword: "sbagliata123", confirm: "on" },
    });
    expect(wrong.status).toBe(400);
    const unconfirmed = await runRoute(closeRoute.action as Handler, {
      url: URL_,
      cookie,
      form: { currentPassword: TEST_PASSWORD },
    });
    expect(unconfirmed.status).toBe(400);
    expect((unconfirmed.data as { result: { error: Record<string, string[]> } }).result.error.confirm).toEqual([
      "profile.close.confirmRequired",
    ]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).closedAt).toBeNull();
  });

  it("erases the personal data, gives the seat to the next teacher, keeps the certificate verifiable", async () => {
    const email = `${unique("chiude")}@scuola.example.it`;
    const user = await createUser({ email, firstName: "Carla", lastName: "Gialli" });
    const next = await createUser();
    const { edition } = await createOpenEdition({ seatCap: 1 });
    const mine = await enrol(user.id, edition.id);
    const waiting = await enrol(next.id, edition.id);
    expect(mine.ok && mine.status).toBe("iscritto");
    expect(waiting.ok && waiting.status).toBe("in-attesa");
    const certificate = await issuedCertificate(user.id, "Carla Gialli");
    await prisma.externalTraining.create({
      data: {
        userId: user.id,
        title: "Esterna",
        organiser: "X",
        startsOn: new Date(),
        endsOn: new Date(),
        minutes: 60,
      },
    });
    const cookie = await cookieOf(user.id);
    expect((await runRoute(closeRoute.loader as Handler, { url: URL_, cookie })).data).toEqual({ places: 1 });

    const result = await callRoute(
      closeRoute.action as Handler,
      routeRequest(URL_, { cookie, form: { currentPassword: TEST_PASSWORD, confirm: "on" } }),
    );
    expect((result as { data: unknown }).data).toEqual({ done: true, result: undefined });
    expect(await getSessionUser(new Request(URL_, { headers: { Cookie: cookie } }))).toBeNull();

    // The seat went to the next teacher, through the ledger.
    const nextPlace = await prisma.enrolment.findFirstOrThrow({ where: { userId: next.id, editionId: edition.id } });
    expect(nextPlace.status).toBe("iscritto");
    const myPlace = await prisma.enrolment.findFirstOrThrow({ where: { userId: user.id, editionId: edition.id } });
    expect(myPlace.status).toBe("annullato");
    expect((await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).seatsTaken).toBe(1);

    // Personal data gone, a pseudonym kept.
    const after = await prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      include: { password: true, sessions: true, externalTrainings: true, roles: true },
    });
    expect(after.closedAt).not.toBeNull();
    expect(after.email).not.toContain("chiude");
    expect(`${after.firstName} ${after.lastName}`).not.toContain("Carla");
    expect(after.password).toBeNull();
    expect(after.sessions).toEqual([]);
    expect(after.externalTrainings).toEqual([]);
    expect(await verifyLogin(email, TEST_PASSWORD)).toBeNull();
    const notes = await prisma.notification.findMany({ where: { userId: user.id } });
    expect(notes.map((n) => n.kind)).toEqual(["account-chiuso"]);
    expect(JSON.parse(notes[0]!.payload)).toEqual({ to: email });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { entityType: "user", entityId: user.id, action: "account-chiuso" },
    });
    expect(JSON.parse(audit.details)).toEqual({ byOwner: true, releasedPlaces: 1 });

    // The certificate still verifies with what it was issued with, and says the account was closed.
    const verified = await verifyCertificate(certificate.code);
    expect(verified).toMatchObject({ state: "valido", holderName: "Carla Gialli", accountClosed: true });
    // The past edition's place (the register's hours) is untouched.
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: certificate.enrolmentId } })).status).toBe(
      "iscritto",
    );
  });
});

describe("closing an account at the person's request", () => {
  it("is done by the national unit from /admin/utenti, audited with its name", async () => {
    const admin = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const user = await createUser();
    const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const url = "http://localhost/admin/utenti";
    const refused = await callRoute(
      adminRoute.action as Handler,
      routeRequest(url, { cookie: await cookieOf(referent.id), form: { intent: "close-account", userId: user.id } }),
    );
    expect((refused as Response).status).toBe(403);
    const cookie = await cookieOf(admin.id);
    const own = await runRoute(adminRoute.action as Handler, {
      url,
      cookie,
      form: { intent: "close-account", userId: admin.id },
    });
    expect(own.status).toBe(400);
    const done = await runRoute(adminRoute.action as Handler, {
      url,
      cookie,
      form: { intent: "close-account", userId: user.id },
    });
    expect(done.status).toBe(200);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).closedAt).not.toBeNull();
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { entityType: "user", entityId: user.id, action: "account-chiuso" },
    });
    expect(audit.actorId).toBe(admin.id);
    expect(JSON.parse(audit.details)).toMatchObject({ byOwner: false });
    const again = await runRoute(adminRoute.action as Handler, {
      url,
      cookie,
      form: { intent: "close-account", userId: user.id },
    });
    expect(again.status).toBe(404);
  });
});
