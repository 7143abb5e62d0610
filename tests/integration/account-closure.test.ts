// Closing an account: by its owner (/profilo/chiudi) and by the national unit (/admin/utenti).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateProfile } from "../../app/models/account.server.ts";
import { closeAccount } from "../../app/models/account-closure.server.ts";
import { changeEventStatus } from "../../app/models/event.server.ts";
import { addQuota } from "../../app/models/seat-ledger.server.ts";
import { revokeRole } from "../../app/models/roles.server.ts";
import { actorOf } from "../support/events.ts";
import { listAudit, listEditionAudit } from "../../app/models/audit.server.ts";
import { placeTeacher } from "../../app/models/placement.server.ts";
import * as editionRoute from "../../app/routes/gestione.edizioni.$editionId.tsx";
import { ATTRIBUTED, ATTRIBUTED_PROFILE_JOIN } from "../../app/models/dashboard-live.server.ts";
import { apply, saveApplicationSetup, selectApplicants, setAdmission } from "../../app/models/application.server.ts";
import { requestPasswordReset } from "../../app/models/account-tokens.server.ts";
import { deliverDue } from "../../app/models/outbox.server.ts";
import { revokeCertificate, verifyCertificate } from "../../app/models/certificate.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import * as adminRoute from "../../app/routes/admin.utenti.tsx";
import * as closeRoute from "../../app/routes/profilo_.chiudi.tsx";
import * as profileRoute from "../../app/routes/profilo.tsx";
import * as signupRoute from "../../app/routes/registrati.tsx";
import { getSessionUser, verifyLogin } from "../../app/utils/auth.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { sqlRead } from "../../app/utils/sql.server.ts";
import {
  createCertificate,
  createOpenEdition,
  createUser,
  TEST_PASSWORD,
  teacherSignupFields,
  unique,
} from "../support/factories.ts";
import { bodyOf, callRoute, cookieOf, routeRequest, runRoute, statusOf, type Handler } from "../support/routes.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { managedEdition, trainerEdition } from "../support/scopes.ts";
import { mailerFor, startSmtp, to, type Inbox } from "../support/smtp.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

const URL_ = "http://localhost/profilo/chiudi";

/** /profilo/chiudi rendered as the server renders it, with the loader's data, in `locale`: its text. */
async function renderClosePage(loaderData: unknown, locale: "it" | "en" = "it"): Promise<string> {
  return textOf(await renderRoutePage(closeRoute.default, { url: URL_, loaderData, locale }));
}

async function issuedCertificate(userId: string, holderName: string) {
  const past = await createOpenEdition();
  const e = await enrol(userId, past.edition.id);
  if (!e.ok) throw new Error("enrol failed");
  // The edition is over: its seat is history, not a place to release.
  await prisma.edition.update({
    where: { id: past.edition.id },
    data: { endsOn: new Date(Date.now() - 86_400_000), startsOn: new Date(Date.now() - 2 * 86_400_000) },
  });
  return createCertificate({ enrolmentId: e.enrolmentId, userId }, past.edition, {
    holderName,
    eventTitle: past.event.title,
  });
}

describe("closing one's own account", () => {
  it("opened signed out, sends to sign in and back; right after the closure, says the account is closed", async () => {
    // The loader let anyone through so that the page could follow the closure: signed out (the session ended after
    // 2 idle hours, a bookmark in another browser) it showed a title and a bare link to "Forma", nothing else.
    const away = await runRoute(closeRoute.loader as Handler, { url: URL_ });
    expect(away).toMatchObject({ status: 302, location: "/accedi?redirectTo=%2Fprofilo%2Fchiudi" });
    const english = await runRoute(closeRoute.loader as Handler, { url: `${URL_}?lang=en` });
    expect(english.location).toBe("/accedi?redirectTo=%2Fprofilo%2Fchiudi%3Flang%3Den&lang=en");
    // A session that no longer signs anyone in (ended, or a forged cookie) is signed out too.
    const user = await createUser();
    const cookie = await cookieOf(user.id);
    await prisma.userSession.deleteMany({ where: { userId: user.id } });
    expect(await runRoute(closeRoute.loader as Handler, { url: URL_, cookie })).toMatchObject({ status: 302 });

    // The closure itself ends the session and comes back to this page, which now says it is done.
    const closing = await createUser();
    const session = await cookieOf(closing.id);
    const closed = (await callRoute(
      closeRoute.action as Handler,
      routeRequest(URL_, { cookie: session, form: { currentPassword: TEST_PASSWORD, confirm: "on" } }),
    )) as Response;
    expect(closed.status).toBe(302);
    expect(closed.headers.get("Location")).toBe("/profilo/chiudi");
    const notice = /(?:^|,\s*)(forma_chiuso=[^;]*)/.exec(closed.headers.get("Set-Cookie") ?? "")?.[1];
    expect(notice).toBeDefined();
    const after = await runRoute(closeRoute.loader as Handler, { url: URL_, cookie: `${session}; ${notice!}` });
    expect(after).toMatchObject({ status: 200, data: { closed: true } });
    expect(await renderClosePage(after.data)).toContain("Il tuo account è stato chiuso. Grazie per aver usato Forma.");
    // The notice cookie is signed: typed by hand it proves nothing, and the visit is sent to sign in.
    const forged = await runRoute(closeRoute.loader as Handler, { url: URL_, cookie: "forma_chiuso=dHJ1ZQ%3D%3D" });
    expect(forged).toMatchObject({ status: 302, location: "/accedi?redirectTo=%2Fprofilo%2Fchiudi" });
  });

  it("says before the closure which roles it revokes and how many events lose this trainer, as the national unit's panel does", async () => {
    // The page said only the places released: a referent who also trains closed her account without being told
    // that her roles went and that her events were left without their trainer (closeAccount removes both).
    const referent = await createUser({
      roles: [{ role: "formatore" }, { role: "referente-usr", regionCode: "molise" }],
    });
    const events = [await createOpenEdition(), await createOpenEdition()].map((e) => e.event.id);
    for (const eventId of events) await prisma.eventTrainer.create({ data: { eventId, userId: referent.id } });
    const page = await runRoute(closeRoute.loader as Handler, { url: URL_, cookie: await cookieOf(referent.id) });
    expect(page.data).toMatchObject({
      places: 0,
      trainerEvents: 2,
      roles: [
        { role: "formatore", regionCode: "" },
        { role: "referente-usr", regionCode: "molise" },
      ],
    });
    const text = await renderClosePage(page.data);
    expect(text).toContain("I tuoi ruoli, che verranno revocati: Incarico di formazione, Referente USR (Molise).");
    expect(text).toContain(
      "Perderai l'incarico di formazione in 2 eventi: l'organizzazione dovrà affidarlo a qualcun altro.",
    );
    const english = await renderClosePage(page.data, "en");
    expect(english).toContain("Your roles, which will be revoked: Trainer, Regional office referent (Molise).");
    expect(english).toContain("You will no longer be a trainer of 2 events");

    // A teacher without a role or an event is told neither.
    const teacher = await createUser();
    const plain = await runRoute(closeRoute.loader as Handler, { url: URL_, cookie: await cookieOf(teacher.id) });
    expect(plain.data).toMatchObject({ places: 0, roles: [], trainerEvents: 0 });
    const plainText = await renderClosePage(plain.data);
    expect(plainText).toContain("Iscrizioni attive che verranno annullate: 0.");
    expect(plainText).not.toContain("ruoli");
    expect(plainText).not.toContain("incarico di formazione");
  });

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
    // Warned once that it would be deleted unconfirmed (ADR 0086): the date goes with the rest.
    await prisma.user.update({ where: { id: user.id }, data: { deletionWarnedAt: new Date() } });
    const cookie = await cookieOf(user.id);
    // An account with a password confirms with it (no identity to confirm with: ADR 0082).
    expect((await runRoute(closeRoute.loader as Handler, { url: URL_, cookie })).data).toEqual({
      closed: false,
      places: 1,
      roles: [],
      trainerEvents: 0,
      identities: null,
      confirmed: false,
      lastNationalUnit: false,
    });

    const result = await callRoute(
      closeRoute.action as Handler,
      routeRequest(URL_, { cookie, form: { currentPassword: TEST_PASSWORD, confirm: "on" } }),
    );
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).headers.get("Location")).toBe("/profilo/chiudi");
    expect(await getSessionUser(new Request(URL_, { headers: { Cookie: cookie } }))).toBeNull();
    // A session written just after the closure (a sign-in that read the password before it) opens nothing either.
    const late = await cookieOf(user.id);
    expect(await prisma.userSession.count({ where: { userId: user.id } })).toBe(1);
    expect(await getSessionUser(new Request(URL_, { headers: { Cookie: late } }))).toBeNull();
    await prisma.userSession.deleteMany({ where: { userId: user.id } });

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
    expect(after.deletionWarnedAt).toBeNull();
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

describe("closing an account with an application under review", () => {
  it("withdraws the application: the organiser can no longer select the closed account into a seat", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 2 });
    const scope = await managedEdition(organiser.id, edition.id);
    expect(await setAdmission(scope, "candidatura")).toEqual({ ok: true });
    expect(await saveApplicationSetup(scope, { questions: [], criteria: [] })).toEqual({ ok: true });
    const teacher = await createUser();
    const applied = await apply(teacher.id, edition.id, {
      motivation: "Vorrei avviare un progetto STEM con scuole di altri paesi.",
      answers: {},
    });
    expect(applied).toMatchObject({ ok: true });
    const enrolmentId = (applied as { enrolmentId: string }).enrolmentId;
    expect(await closeAccount(teacher.id, teacher.id)).toEqual({ ok: true, releasedPlaces: 1 });
    expect(await prisma.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } })).toMatchObject({
      status: "annullato",
      activeKey: null,
    });
    expect(await selectApplicants(scope, [enrolmentId])).toMatchObject({ ok: false });
    expect(await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).toMatchObject({ seatsTaken: 0 });
  });
});

describe("an edition's change log after a placed teacher closes the account", () => {
  it("keeps neither in the database nor in the organiser's page the teacher's address", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 5 });
    const email = `${unique("inserita")}@scuola.example.it`;
    const teacher = await createUser({ email });
    const placed = await placeTeacher(await managedEdition(organiser.id, edition.id), {
      email,
      override: false,
      reason: null,
    });
    expect(placed).toMatchObject({ ok: true });
    expect(await closeAccount(teacher.id, teacher.id)).toMatchObject({ ok: true });

    const rows = await prisma.auditLog.findMany({ where: { entityType: "edition", entityId: edition.id } });
    expect(rows.map((r) => r.action)).toContain("partecipante-inserito");
    expect(JSON.stringify(rows)).not.toContain(email);
    const page = await runRoute(editionRoute.loader as Handler, {
      cookie: await cookieOf(organiser.id),
      url: `http://localhost/gestione/edizioni/${edition.id}`,
      params: { editionId: edition.id },
    });
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.data)).not.toContain(email);
  });

  it("never serves the address an older placement row kept", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 5 });
    const teacher = await createUser();
    // As rows were written before the address was left out of them.
    await prisma.auditLog.create({
      data: {
        actorId: organiser.id,
        entityType: "edition",
        entityId: edition.id,
        action: "partecipante-inserito",
        details: JSON.stringify({ userId: teacher.id, email: "vecchia@scuola.example.it", status: "iscritto" }),
      },
    });
    const { rows } = await listEditionAudit(edition.id);
    expect(JSON.stringify(rows)).not.toContain("vecchia@scuola.example.it");
  });
});

describe("a closed account's pseudonymous address", () => {
  it("gets no password-reset link: nothing can set a password on the closed account again", async () => {
    const user = await createUser();
    expect(await closeAccount(user.id, user.id)).toMatchObject({ ok: true });
    const closed = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(closed.email).toBe(`chiuso-${user.id}@forma.invalid`);
    await requestPasswordReset(closed.email);
    expect(await prisma.accountToken.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.notification.count({ where: { userId: user.id, kind: "reimposta-password" } })).toBe(0);
  });
});

describe("an address of the form closure gives (chiuso-<id>@forma.invalid)", () => {
  it("cannot be signed up for nor asked as a new address: the whole .invalid domain is refused", async () => {
    const victim = await createUser();
    const reserved = `chiuso-${victim.id}@forma.invalid`;
    const signup = await runRoute(signupRoute.action as Handler, {
      url: "http://localhost/registrati",
      form: teacherSignupFields(reserved),
    });
    expect(signup.status).toBe(400);
    expect((signup.data as { result: { error: Record<string, string[]> } }).result.error.email).toEqual([
      "validation.emailReserved",
    ]);
    expect(await prisma.user.count({ where: { email: reserved } })).toBe(0);

    const asker = await createUser();
    const change = await runRoute(profileRoute.action as Handler, {
      url: "http://localhost/profilo",
      cookie: await cookieOf(asker.id),
      form: { intent: "email", newEmail: `x@Altro.Dominio.INVALID`, currentPassword: TEST_PASSWORD },
    });
    expect(change.status).toBe(400);
    expect((change.data as { result: { error: Record<string, string[]> } }).result.error.newEmail).toEqual([
      "validation.emailReserved",
    ]);
    expect(await prisma.accountToken.count({ where: { userId: asker.id } })).toBe(0);

    expect(await closeAccount(victim.id, victim.id)).toEqual({ ok: true, releasedPlaces: 0 });
  });

  it("taken before the domain was refused, does not block the closure: the closed account gets another", async () => {
    const victim = await createUser();
    const cookie = await cookieOf(victim.id);
    const squatter = await createUser({ email: `chiuso-${victim.id}@forma.invalid`, emailVerifiedAt: null });
    const closed = await runRoute(closeRoute.action as Handler, {
      url: URL_,
      cookie,
      form: { currentPassword: TEST_PASSWORD, confirm: "on" },
    });
    expect(closed).toMatchObject({ status: 302, location: "/profilo/chiudi" });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: victim.id } });
    expect(row.closedAt).not.toBeNull();
    expect(row.email).toMatch(new RegExp(`^chiuso-${victim.id}-[0-9a-f]{12}@forma\\.invalid$`));
    expect((await prisma.user.findUniqueOrThrow({ where: { id: squatter.id } })).email).toBe(squatter.email);
  });
});

describe("the last national-unit account", () => {
  /** Leaves `keep` as the only holders of the role, for the test; the others' roles come back after it. */
  async function onlyNationalUnits(keep: string[], test: () => Promise<void>) {
    const others = await prisma.userRole.findMany({ where: { role: "unita-nazionale", userId: { notIn: keep } } });
    await prisma.userRole.deleteMany({ where: { id: { in: others.map((r) => r.id) } } });
    try {
      await test();
    } finally {
      await prisma.userRole.createMany({ data: others });
    }
  }

  it("does not count a member whose address was never confirmed, who cannot use the role", async () => {
    const admin = await createUser({ roles: [{ role: "unita-nazionale" }] });
    // Given the role before grantRole asked for a confirmed address (ADR 0013 addendum): /admin/utenti answers 403.
    const unconfirmed = await createUser({ roles: [{ role: "unita-nazionale" }], emailVerifiedAt: null });
    await onlyNationalUnits([admin.id, unconfirmed.id], async () => {
      expect(await closeAccount(admin.id, admin.id)).toEqual({ ok: false, reason: "last-national-unit" });
      const role = await prisma.userRole.findFirstOrThrow({ where: { userId: admin.id, role: "unita-nazionale" } });
      const other = await createUser({ roles: [{ role: "unita-nazionale" }], emailVerifiedAt: null });
      expect(await revokeRole(actorOf(other), role.id)).toMatchObject({ ok: false, reason: "last-national-unit" });
      expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).closedAt).toBeNull();
    });
  });

  it("cannot close itself: refused with the reason on /profilo/chiudi, still signed in, nothing changed", async () => {
    const admin = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const { edition } = await createOpenEdition({ seatCap: 5 });
    const place = await enrol(admin.id, edition.id);
    await onlyNationalUnits([admin.id], async () => {
      const cookie = await cookieOf(admin.id);
      const page = await runRoute(closeRoute.loader as Handler, { url: URL_, cookie });
      expect(page.data).toMatchObject({ lastNationalUnit: true, places: 1 });

      const answer = await callRoute(
        closeRoute.action as Handler,
        routeRequest(URL_, { cookie, form: { currentPassword: TEST_PASSWORD, confirm: "on" } }),
      );
      expect(statusOf(answer)).toBe(409);
      const body = bodyOf<{ result: { error: Record<string, string[]> } }>(answer);
      expect(body.result.error[""]).toEqual([
        "Sei l'unica persona dell'Unità nazionale: nomina prima un'altra persona dell'Unità nazionale in «Persone e ruoli», poi chiudi l'account.",
      ]);
      // The session was not ended: the person is still signed in on the account that stays open.
      expect((answer as { init?: { headers?: HeadersInit } }).init?.headers).toBeUndefined();
      const still = await getSessionUser(new Request(URL_, { headers: { Cookie: cookie } }));
      expect(still?.id).toBe(admin.id);
      const row = await prisma.user.findUniqueOrThrow({ where: { id: admin.id }, include: { roles: true } });
      expect(row.closedAt).toBeNull();
      expect(row.roles.map((r) => r.role)).toEqual(["unita-nazionale"]);
      // Refused before anything was released.
      expect(place.ok && (await prisma.enrolment.findUniqueOrThrow({ where: { id: place.enrolmentId } })).status).toBe(
        "iscritto",
      );
      expect(await closeAccount(admin.id, admin.id)).toEqual({ ok: false, reason: "last-national-unit" });
    });
  });

  /**
   * A seat, a place in line and an application under review for the person, in three editions (made
   * before onlyNationalUnits: each edition's organiser is a national-unit member too).
   */
  async function placesFor(userId: string) {
    const seat = await createOpenEdition({ seatCap: 5 });
    const full = await createOpenEdition({ seatCap: 1 });
    const selective = await createOpenEdition({ seatCap: 5 });
    const scope = await managedEdition(selective.organiser.id, selective.edition.id);
    expect(await setAdmission(scope, "candidatura")).toEqual({ ok: true });
    expect(await saveApplicationSetup(scope, { questions: [], criteria: [] })).toEqual({ ok: true });
    expect(await enrol((await createUser()).id, full.edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    const outcomes = [
      await enrol(userId, seat.edition.id),
      await enrol(userId, full.edition.id),
      await apply(userId, selective.edition.id, {
        motivation: "Vorrei portare eTwinning nella mia scuola.",
        answers: {},
      }),
    ];
    expect(outcomes).toMatchObject([{ ok: true }, { ok: true }, { ok: true }]);
    const ids = outcomes.map((o) => (o as { enrolmentId: string }).enrolmentId);
    const rows = await prisma.enrolment.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
    expect(rows.map((r) => r.status).sort()).toEqual(["candidato", "in-attesa", "iscritto"]);
    return ids;
  }

  /** The places' status and seat key, as the ledger keeps them, and the seat counters of their editions. */
  async function stateOf(ids: string[]) {
    return prisma.enrolment.findMany({
      where: { id: { in: ids } },
      orderBy: { id: "asc" },
      select: { id: true, status: true, activeKey: true, waitlistSeq: true, edition: { select: { seatsTaken: true } } },
    });
  }

  it("two members closing at once (their own accounts, or each other's): one closure passes, one member stays, the refused one keeps all its places", async () => {
    const a = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const b = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const places = new Map([
      [a.id, await placesFor(a.id)],
      [b.id, await placesFor(b.id)],
    ]);
    const before = new Map([
      [a.id, await stateOf(places.get(a.id)!)],
      [b.id, await stateOf(places.get(b.id)!)],
    ]);
    await onlyNationalUnits([a.id, b.id], async () => {
      const outcomes = await Promise.all([closeAccount(a.id, a.id), closeAccount(b.id, b.id)]);
      expect(outcomes.filter((o) => o.ok)).toEqual([{ ok: true, releasedPlaces: 3 }]);
      expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: "last-national-unit" }]);
      expect(await prisma.userRole.count({ where: { role: "unita-nazionale", user: { closedAt: null } } })).toBe(1);
      // The refused closure released nothing: every place of the member who stays is as it was.
      const stays = outcomes[0]!.ok ? b.id : a.id;
      expect(await stateOf(places.get(stays)!)).toEqual(before.get(stays));
      const staysRow = await prisma.user.findUniqueOrThrow({ where: { id: stays }, include: { roles: true } });
      expect(staysRow.closedAt).toBeNull();
      expect(staysRow.roles.map((r) => r.role)).toEqual(["unita-nazionale"]);
      // The closed one gave up the role first, audited as a revocation by whoever closed it; the refused one did not.
      const closed = stays === a.id ? b.id : a.id;
      const revoked = await prisma.auditLog.findMany({
        where: { entityId: { in: [a.id, b.id] }, action: "role.revoke" },
      });
      expect(revoked.map((r) => [r.entityId, r.actorId])).toEqual([[closed, closed]]);
    });

    const c = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const d = await createUser({ roles: [{ role: "unita-nazionale" }] });
    places.set(c.id, await placesFor(c.id));
    places.set(d.id, await placesFor(d.id));
    before.set(c.id, await stateOf(places.get(c.id)!));
    before.set(d.id, await stateOf(places.get(d.id)!));
    await onlyNationalUnits([c.id, d.id], async () => {
      const url = "http://localhost/admin/utenti";
      const form = (userId: string) => ({ intent: "close-account", userId, confirm: "on" });
      const [cookieC, cookieD] = [await cookieOf(c.id), await cookieOf(d.id)];
      const [byC, byD] = await Promise.all([
        runRoute(adminRoute.action as Handler, { url, cookie: cookieC, form: form(d.id) }),
        runRoute(adminRoute.action as Handler, { url, cookie: cookieD, form: form(c.id) }),
      ]);
      const answers = [byC, byD].map((r) => ({ status: r.status, data: r.data }));
      expect(answers).toContainEqual({
        status: 200,
        data: { ok: true, message: "admin.users.accountClosed", titleOutcome: "outcome.accountClosed" },
      });
      const refused = answers.find((r) => r.status !== 200);
      expect(refused?.status).toBe(409);
      expect(refused?.data).toMatchObject({ ok: false, message: "admin.users.lastNationalUnit" });
      expect(await prisma.userRole.count({ where: { role: "unita-nazionale", user: { closedAt: null } } })).toBe(1);
      // The account whose closure was refused (d's, when c's request passed) keeps every place as it was.
      const stays = byC.status === 200 ? c.id : d.id;
      expect((await prisma.user.findUniqueOrThrow({ where: { id: stays } })).closedAt).toBeNull();
      expect(await stateOf(places.get(stays)!)).toEqual(before.get(stays));
    });
  });
});

describe("the last national-unit role", () => {
  it("two members revoking each other's role at once: one revocation passes, one member stays", async () => {
    const a = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const b = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const roleOf = (userId: string) => prisma.userRole.findFirstOrThrow({ where: { userId, role: "unita-nazionale" } });
    const [roleA, roleB] = [await roleOf(a.id), await roleOf(b.id)];
    const others = await prisma.userRole.findMany({
      where: { role: "unita-nazionale", userId: { notIn: [a.id, b.id] } },
    });
    await prisma.userRole.deleteMany({ where: { id: { in: others.map((r) => r.id) } } });
    try {
      // Each page was loaded while both were members (the actors as the sessions read them).
      const outcomes = await Promise.all([revokeRole(actorOf(a), roleB.id), revokeRole(actorOf(b), roleA.id)]);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok)).toMatchObject([{ ok: false, status: 409, reason: "last-national-unit" }]);
      expect(await prisma.userRole.count({ where: { role: "unita-nazionale" } })).toBe(1);
    } finally {
      await prisma.userRole.createMany({ data: others });
    }
  });
});

describe("a closed account's profile history (ADR 0093)", () => {
  it("keeps only the past profiles its places were made under, ending just after the last such place", async () => {
    const user = await createUser({ regionCode: "toscana", schoolLevel: "primaria" });
    const placeAt = async (createdAt: Date) => {
      const { event, edition } = await createOpenEdition();
      await prisma.edition.update({
        where: { id: edition.id },
        data: {
          startsOn: new Date(createdAt.getTime() + 20 * 86_400_000),
          endsOn: new Date(createdAt.getTime() + 20 * 86_400_000 + 7_200_000),
        },
      });
      return prisma.enrolment.create({
        data: { editionId: edition.id, eventId: event.id, userId: user.id, status: "iscritto", createdAt },
      });
    };
    const profile = (fields: Record<string, string>, when: Date) =>
      updateProfile(
        user.id,
        {
          firstName: "Maria",
          lastName: "Rossi",
          schoolLevel: "primaria",
          professionalRole: "docente",
          locale: "it",
          emailReminders: true,
          ...fields,
        } as Parameters<typeof updateProfile>[1],
        user.id,
        when,
      );
    const inToscana = await placeAt(new Date("2024-01-10T08:00:00Z"));
    await profile({ regionCode: "lombardia" }, new Date("2024-03-01T08:00:00Z"));
    await profile({ regionCode: "veneto" }, new Date("2024-06-01T08:00:00Z"));
    const inVeneto = await placeAt(new Date("2024-09-10T08:00:00Z"));
    expect(await prisma.userProfilePeriod.count({ where: { userId: user.id } })).toBe(2);

    expect(await closeAccount(user.id, user.id)).toMatchObject({ ok: true });
    // Lombardia had no place: gone; Toscana ends just after its place, not on the day of the move.
    const kept = await prisma.userProfilePeriod.findMany({ where: { userId: user.id } });
    expect(kept).toEqual([
      expect.objectContaining({
        regionCode: "toscana",
        schoolLevel: "primaria",
        professionalRole: "docente",
        validUntil: new Date("2024-01-10T08:00:00.001Z"),
      }),
    ]);
    // The dashboard still counts each place where it was made.
    const attributed = await sqlRead<{ id: string; region: string }>(
      `SELECT en."id", ${ATTRIBUTED.region} AS "region"
       FROM "Enrolment" en JOIN "User" u ON u."id" = en."userId" ${ATTRIBUTED_PROFILE_JOIN}
       WHERE en."userId" = $1 ORDER BY en."createdAt"`,
      user.id,
    );
    expect(attributed).toEqual([
      { id: inToscana.id, region: "toscana" },
      { id: inVeneto.id, region: "veneto" },
    ]);
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
      form: { intent: "close-account", userId: admin.id, confirm: "on" },
    });
    expect(own.status).toBe(400);

    // The list's link only opens the confirmation (a GET), naming the person and the places it frees.
    const { edition } = await createOpenEdition({ seatCap: 5 });
    await enrol(user.id, edition.id);
    const asked = await runRoute(adminRoute.loader as Handler, {
      url: `${url}?q=${encodeURIComponent(user.email)}&chiudi=${user.id}`,
      cookie,
    });
    expect(asked.data).toMatchObject({
      closing: { id: user.id, email: user.email, firstName: user.firstName, places: 1 },
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).closedAt).toBeNull();
    const ownPanel = await runRoute(adminRoute.loader as Handler, { url: `${url}?chiudi=${admin.id}`, cookie });
    expect(ownPanel.data).toMatchObject({ closing: null });

    // Without the confirmation nothing is closed.
    const unconfirmed = await runRoute(adminRoute.action as Handler, {
      url,
      cookie,
      form: { intent: "close-account", userId: user.id },
    });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data).toMatchObject({
      ok: false,
      userId: user.id,
      fieldErrors: { confirm: ["admin.users.closeAccountConfirmRequired"] },
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).closedAt).toBeNull();

    const done = await runRoute(adminRoute.action as Handler, {
      url,
      cookie,
      form: { intent: "close-account", userId: user.id, confirm: "on" },
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
      form: { intent: "close-account", userId: user.id, confirm: "on" },
    });
    expect(again.status).toBe(404);
    // A closed account has no confirmation to show any more.
    const closedPanel = await runRoute(adminRoute.loader as Handler, { url: `${url}?chiudi=${user.id}`, cookie });
    expect(closedPanel.data).toMatchObject({ closing: null });
  });

  it("takes a trainer off their events, and the confirmation says so with the roles it revokes", async () => {
    // The roles went but the assignments stayed: "Account chiuso 3f9a2c" was still the trainer on the organiser's
    // page and on the register to be signed, and the panel said nothing of it before the closure.
    const admin = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const trainer = await createUser({
      roles: [{ role: "formatore" }, { role: "referente-usr", regionCode: "molise" }],
    });
    const events = [await createOpenEdition(), await createOpenEdition()].map((e) => e.event.id);
    for (const eventId of events) await prisma.eventTrainer.create({ data: { eventId, userId: trainer.id } });
    const url = "http://localhost/admin/utenti";
    const cookie = await cookieOf(admin.id);
    const asked = await runRoute(adminRoute.loader as Handler, { url: `${url}?chiudi=${trainer.id}`, cookie });
    expect(asked.data).toMatchObject({
      closing: {
        id: trainer.id,
        trainerEvents: 2,
        roles: [
          { role: "formatore", regionCode: "" },
          { role: "referente-usr", regionCode: "molise" },
        ],
      },
    });
    const done = await runRoute(adminRoute.action as Handler, {
      url,
      cookie,
      form: { intent: "close-account", userId: trainer.id, confirm: "on" },
    });
    expect(done.status).toBe(200);
    expect(await prisma.eventTrainer.count({ where: { userId: trainer.id } })).toBe(0);
    expect(await prisma.eventTrainer.count({ where: { eventId: { in: events } } })).toBe(0);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { entityType: "user", entityId: trainer.id, action: "account-chiuso" },
    });
    expect(JSON.parse(audit.details)).toMatchObject({ unassignedEvents: 2 });
    // Each event's change log says who took the trainer off and when (under the pseudonym: the name is erased).
    for (const eventId of events) {
      const [last] = (await listAudit("event", eventId)).rows;
      expect(last).toMatchObject({
        action: "trainer.unassign",
        actorName: `${admin.firstName} ${admin.lastName}`,
        details: { userId: trainer.id, name: `Account chiuso ${trainer.id.slice(-6)}`, cause: "account-closed" },
      });
    }
  });
});

describe("who is told when a closure frees a place", () => {
  let inbox: Inbox;
  let mailer: ReturnType<typeof mailerFor>;
  beforeAll(async () => {
    await prisma.notification.updateMany({
      where: { deliveryStatus: "in-coda" },
      data: { deliveryStatus: "non-inviare" },
    });
    inbox = await startSmtp();
    mailer = mailerFor(inbox.port);
  });
  afterAll(async () => {
    mailer.close();
    await inbox.stop();
  });
  async function sendAll() {
    for (let i = 0; i < 10; i += 1) {
      const report = await deliverDue({
        mailer,
        now: new Date(Date.now() + 1_000),
        instanceId: "chiusura",
        batchSize: 50,
      });
      if (report.claimed === 0) return;
    }
  }

  it("an account closed by the national unit is not told to the organisers as the participant's own closure (IT/EN)", async () => {
    const leaving = await createUser();
    const admin = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const { edition, organiser } = await createOpenEdition({ seatCap: 3, title: "Chiusura d'ufficio" });
    const english = await createUser({ firstName: "Dana" });
    await prisma.eventTrainer.create({ data: { eventId: edition.eventId, userId: english.id } });
    await prisma.user.update({ where: { id: english.id }, data: { locale: "en" } });
    expect((await enrol(leaving.id, edition.id)).ok).toBe(true);
    expect(await closeAccount(leaving.id, admin.id)).toEqual({ ok: true, releasedPlaces: 1 });
    await sendAll();
    const it = to(inbox, organiser.email).find((m) => m.subject?.includes("Chiusura d'ufficio"));
    expect(it?.subject).toBe("Posto liberato: Chiusura d'ufficio (edizione 1) · Forma");
    expect(it?.text).not.toMatch(/ha chiuso il proprio account/);
    expect(it?.text).toContain("L'account di una persona iscritta è stato chiuso");
    const en = to(inbox, english.email).find((m) => m.subject?.startsWith("A place was freed"));
    expect(en?.text).not.toMatch(/closed their (Forma )?account/);
    expect(en?.text).toContain("A participant's account has been closed");
  });

  it("emails the event's owner and trainers what the waitlist did, and the teacher who got the seat", async () => {
    const leaving = await createUser({ firstName: "Ornella", lastName: "Vanoni" });
    const nextEmail = `${unique("prossima")}@scuola.example.it`;
    const next = await createUser({ email: nextEmail, firstName: "Nina" });
    const trainerEmail = `${unique("formatrice")}@scuola.example.it`;
    const trainer = await createUser({ email: trainerEmail, firstName: "Fabia" });
    const { edition, event, organiser } = await createOpenEdition({ seatCap: 1, title: "Robotica a scuola" });
    await prisma.eventTrainer.create({ data: { eventId: event.id, userId: trainer.id } });
    expect((await enrol(leaving.id, edition.id)).ok).toBe(true);
    expect((await enrol(next.id, edition.id)).ok).toBe(true);
    // A second edition with offers and a third with nobody waiting.
    const offered = await createOpenEdition({ seatCap: 1, promotionMode: "offerta", title: "Podcast in classe" });
    const offeredNext = await createUser();
    expect((await enrol(leaving.id, offered.edition.id)).ok).toBe(true);
    expect((await enrol(offeredNext.id, offered.edition.id)).ok).toBe(true);
    const empty = await createOpenEdition({ seatCap: 5, title: "Debate senza attesa" });
    expect((await enrol(leaving.id, empty.edition.id)).ok).toBe(true);

    expect(await closeAccount(leaving.id, leaving.id)).toEqual({ ok: true, releasedPlaces: 3 });
    await sendAll();
    // The last message to the old address: no greeting by the pseudonym that replaced the name.
    const closedMail = to(inbox, leaving.email).find((m) =>
      m.subject?.startsWith("Il tuo account Forma è stato chiuso"),
    );
    expect(closedMail?.text).toContain("Gentile docente,");
    expect(closedMail?.text).not.toContain("Account chiuso");

    const ownerMail = to(inbox, organiser.email).find((m) => m.subject?.includes("Robotica a scuola"));
    expect(ownerMail?.subject).toBe("Posto liberato: Robotica a scuola (edizione 1) · Forma");
    expect(ownerMail?.text).toContain("Il posto è andato alla prima persona in lista d'attesa");
    expect(ownerMail?.text).toContain(`/gestione/edizioni/${edition.id}`);
    expect(ownerMail?.text).not.toContain("Ornella");
    expect(ownerMail?.text).not.toContain("Vanoni");
    const trainerMail = to(inbox, trainerEmail).find((m) => m.subject?.startsWith("Posto liberato"));
    expect(trainerMail?.text).toContain(`/formazione/edizioni/${edition.id}`);
    // The teacher who got the seat is told by the ledger.
    expect(to(inbox, nextEmail).map((m) => m.subject)).toContain(
      "Hai un posto: Robotica a scuola (edizione 1) · Forma",
    );

    const offerMail = to(inbox, offered.organiser.email).find((m) => m.subject?.includes("Podcast in classe"));
    expect(offerMail?.text).toContain("Il posto è stato offerto alla prima persona in lista d'attesa");
    expect((await prisma.enrolment.findFirstOrThrow({ where: { userId: offeredNext.id } })).status).toBe("offerta");
    const emptyMail = to(inbox, empty.organiser.email).find((m) => m.subject?.includes("Debate senza attesa"));
    expect(emptyMail?.text).toContain("La lista d'attesa era vuota: il posto ora è libero.");

    // One message per organiser and freed place; none for places that held no seat.
    const notes = await prisma.notification.findMany({
      where: { kind: "posto-liberato", userId: { in: [organiser.id, trainer.id] } },
    });
    expect(notes.map((n) => n.deliveryStatus)).toEqual(["inviata", "inviata"]);
  });

  it("says the place went to nobody when people wait in a closed event, never that the list was empty", async () => {
    const leaving = await createUser();
    const waiting = await createUser();
    const { edition, event, organiser } = await createOpenEdition({ seatCap: 1, title: "Evento chiuso in attesa" });
    expect((await enrol(leaving.id, edition.id)).ok).toBe(true);
    expect(await enrol(waiting.id, edition.id)).toMatchObject({ ok: true, status: "in-attesa" });
    // The referent closes the event a week before the workshop (ADR 0084): those waiting stay waiting.
    const national = await createUser({ roles: [{ role: "unita-nazionale" }] });
    expect(await changeEventStatus(actorOf(national), event.id, "chiuso")).toEqual({ ok: true });
    expect(await closeAccount(leaving.id, leaving.id)).toEqual({ ok: true, releasedPlaces: 1 });
    expect((await prisma.enrolment.findFirstOrThrow({ where: { userId: waiting.id } })).status).toBe("in-attesa");
    await sendAll();
    const mail = to(inbox, organiser.email).find((m) => m.subject?.includes("Evento chiuso in attesa"));
    expect(mail?.text).not.toContain("La lista d'attesa era vuota");
    expect(mail?.text).toContain(
      "Il posto non è stato assegnato: l'evento è chiuso, quindi chi è in lista d'attesa resta in attesa.",
    );
  });

  it("says the place went to nobody when people wait and the last session is over, on the edition's last day", async () => {
    const leaving = await createUser();
    const waiting = await createUser();
    const { edition, organiser } = await createOpenEdition({ seatCap: 1, title: "Formazione finita in attesa" });
    expect((await enrol(leaving.id, edition.id)).ok).toBe(true);
    expect(await enrol(waiting.id, edition.id)).toMatchObject({ ok: true, status: "in-attesa" });
    // 18:00 on the last day: the last session has ended, the edition (its endsOn, the day's last instant) has not.
    const last = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
    await prisma.edition.update({
      where: { id: edition.id },
      data: { endsOn: new Date(last.endsAt.getTime() + 6 * 3600_000) },
    });
    const at = new Date(last.endsAt.getTime() + 3600_000);
    expect(await closeAccount(leaving.id, leaving.id, at)).toEqual({ ok: true, releasedPlaces: 1 });
    expect((await prisma.enrolment.findFirstOrThrow({ where: { userId: waiting.id } })).status).toBe("in-attesa");
    await sendAll();
    const mail = to(inbox, organiser.email).find((m) => m.subject?.includes("Formazione finita in attesa"));
    expect(mail?.text).not.toContain("La lista d'attesa era vuota");
    expect(mail?.text).toContain("Il posto non è stato assegnato: la formazione è conclusa");
  });

  it("names the regional quota line's first person who got the seat, whatever the general line's numbers", async () => {
    // Each line counts its own waitlistSeq: the quota's first waiting number may be behind five of the general line.
    const { edition, organiser } = await createOpenEdition({ seatCap: 2, title: "Quota in attesa" });
    expect(await addQuota(await managedEdition(organiser.id, edition.id), "lazio", 1)).toEqual({ ok: true });
    const general = [];
    for (let i = 0; i < 6; i += 1) general.push(await createUser({ regionCode: "toscana" }));
    expect((await enrol(general[0]!.id, edition.id)).ok).toBe(true);
    for (const t of general.slice(1)) expect(await enrol(t.id, edition.id)).toMatchObject({ status: "in-attesa" });
    const leaving = await createUser({ regionCode: "lazio" });
    expect(await enrol(leaving.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    // Many of the quota's line left before: its next number is 11.
    await prisma.editionQuota.updateMany({ where: { editionId: edition.id }, data: { waitlistSeq: 10 } });
    const quotaNext = await createUser({ regionCode: "lazio" });
    expect(await enrol(quotaNext.id, edition.id)).toMatchObject({ ok: true, status: "in-attesa" });

    expect(await closeAccount(leaving.id, leaving.id)).toEqual({ ok: true, releasedPlaces: 1 });
    expect((await prisma.enrolment.findFirstOrThrow({ where: { userId: quotaNext.id } })).status).toBe("iscritto");
    await sendAll();
    const mail = to(inbox, organiser.email).find((m) => m.subject?.includes("Quota in attesa"));
    expect(mail?.text).toContain("Il posto è andato alla prima persona in lista d'attesa");
  });

  it("leaves out an event's creator who no longer manages it; its trainers are told", async () => {
    const { edition, event } = await createOpenEdition({ seatCap: 5, level: "regionale", regionCode: "toscana" });
    const creator = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    await prisma.event.update({ where: { id: event.id }, data: { createdById: creator.id } });
    const trainer = await createUser();
    await prisma.eventTrainer.create({ data: { eventId: event.id, userId: trainer.id } });
    // The creator's referent role is revoked: the edition is no longer theirs to follow.
    const nu = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const role = await prisma.userRole.findFirstOrThrow({ where: { userId: creator.id } });
    expect(await revokeRole(actorOf(nu), role.id)).toMatchObject({ ok: true, changed: true });
    const leaving = await createUser();
    expect((await enrol(leaving.id, edition.id)).ok).toBe(true);
    expect(await closeAccount(leaving.id, leaving.id)).toEqual({ ok: true, releasedPlaces: 1 });
    const notes = await prisma.notification.findMany({
      where: { kind: "posto-liberato", userId: { in: [creator.id, trainer.id] } },
      select: { userId: true },
    });
    expect(notes).toEqual([{ userId: trainer.id }]);
  });

  it("sends a closed account only its last message: what is written for it afterwards is not sent", async () => {
    // A certificate revoked (or issued, or a past session corrected) after the closure wrote a message
    // for chiuso-<id>@forma.invalid: the relay refused it, and "retry every failed email" picked it up again.
    const leaving = await createUser();
    const past = await createOpenEdition();
    const place = await enrol(leaving.id, past.edition.id);
    if (!place.ok) throw new Error("enrol failed");
    await prisma.edition.update({
      where: { id: past.edition.id },
      data: { endsOn: new Date(Date.now() - 86_400_000), startsOn: new Date(Date.now() - 2 * 86_400_000) },
    });
    const certificate = await createCertificate({ enrolmentId: place.enrolmentId, userId: leaving.id }, past.edition, {
      holderName: "Ornella Neri",
      eventTitle: past.event.title,
    });
    expect(await closeAccount(leaving.id, leaving.id)).toMatchObject({ ok: true });
    await sendAll();
    expect(to(inbox, leaving.email).map((m) => m.subject)).toContain("Il tuo account Forma è stato chiuso · Forma");

    const scope = await trainerEdition(past.organiser.id, past.edition.id);
    expect(await revokeCertificate(scope, certificate.id, "Ore registrate per errore")).toEqual({ ok: true });
    await sendAll();
    const pseudonymous = `chiuso-${leaving.id}@forma.invalid`;
    expect(to(inbox, pseudonymous)).toEqual([]);
    const rows = await prisma.notification.findMany({
      where: { userId: leaving.id },
      select: { kind: true, deliveryStatus: true, lastError: true },
      orderBy: { createdAt: "asc" },
    });
    expect(rows).toEqual([
      { kind: "account-chiuso", deliveryStatus: "inviata", lastError: null },
      { kind: "attestato-revocato", deliveryStatus: "non-inviare", lastError: "account-chiuso" },
    ]);
    await prisma.notification.deleteMany({ where: { userId: leaving.id } });
  });
});
