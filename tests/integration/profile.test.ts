// /profilo: the person's own profile, password and sessions, through the route's loader and
// action against a real database (SQLite or PostgreSQL, DATABASE_URL).
import { afterAll, describe, expect, it } from "vitest";
import { ATTRIBUTED, ATTRIBUTED_PROFILE_JOIN } from "../../app/models/dashboard-live.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import * as profileRoute from "../../app/routes/profilo.tsx";
import * as myEnrolmentsRoute from "../../app/routes/le-mie-iscrizioni.tsx";
import { getSessionUser } from "../../app/utils/auth.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { sqlRead } from "../../app/utils/sql.server.ts";
import { createCertificate, createOpenEdition, createUser } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

const URL_ = "http://localhost/profilo";

function profileForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "profile",
    firstName: "Maria",
    lastName: "Rossi",
    schoolName: "IC Firenze 1",
    schoolCode: "FIIC80100X",
    schoolLevel: "primaria",
    regionCode: "toscana",
    professionalRole: "docente",
    locale: "it",
    emailReminders: "on",
    ...overrides,
  };
}

describe("profile", () => {
  it("asks a signed-out visitor to sign in", async () => {
    const r = await runRoute(profileRoute.loader as Handler, { url: URL_ });
    expect(r.status).toBe(302);
    expect(r.location).toBe("/accedi?redirectTo=%2Fprofilo");
  });

  it("refuses a malformed school code and an unknown region with field messages, and saves nothing", async () => {
    const user = await createUser();
    const cookie = await cookieOf(user.id);
    const r = await runRoute(profileRoute.action as Handler, {
      url: URL_,
      cookie,
      form: profileForm({ schoolCode: "FI-123", regionCode: "atlantide", firstName: "" }),
    });
    expect(r.status).toBe(400);
    const error = (r.data as { result: { error: Record<string, string[]> } }).result.error;
    expect(error.schoolCode).toEqual(["validation.schoolCode"]);
    expect(error.regionCode).toEqual(["validation.invalidChoice"]);
    expect(error.firstName).toEqual(["validation.required"]);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.firstName).toBe(user.firstName);
    expect(await prisma.auditLog.count({ where: { entityType: "user", entityId: user.id } })).toBe(0);
  });

  it("refuses a name the PDFs cannot print (CJK) with its own message, and saves a Greek or Cyrillic one (ADR 0075)", async () => {
    const user = await createUser({ firstName: "Maria", lastName: "Rossi" });
    const cookie = await cookieOf(user.id);
    const refused = await runRoute(profileRoute.action as Handler, {
      url: URL_,
      cookie,
      form: profileForm({ firstName: "太郎", lastName: "山田" }),
    });
    expect(refused.status).toBe(400);
    const error = (refused.data as { result: { error: Record<string, string[]> } }).result.error;
    expect(error.firstName).toEqual(["validation.nameScript"]);
    expect(error.lastName).toEqual(["validation.nameScript"]);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      firstName: "Maria",
      lastName: "Rossi",
    });

    const saved = await runRoute(profileRoute.action as Handler, {
      url: URL_,
      cookie,
      form: profileForm({ firstName: "Αλέξανδρος", lastName: "Шостакович" }),
    });
    expect(saved.status).not.toBe(400);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      firstName: "Αλέξανδρος",
      lastName: "Шостакович",
    });
  });

  it("asks a person whose saved name the PDFs cannot print to correct it, on the profile and on their enrolments", async () => {
    // Saved before the rule (ADR 0075), or by a provider's sign-in before the person corrected it.
    const user = await createUser({ firstName: "太郎", lastName: "Rossi" });
    const cookie = await cookieOf(user.id);
    const profile = await runRoute(profileRoute.loader as Handler, { url: URL_, cookie });
    expect((profile.data as { unprintableName: string[] }).unprintableName).toEqual(["太", "郎"]);
    const enrolments = await runRoute(myEnrolmentsRoute.loader as Handler, {
      url: "http://localhost/le-mie-iscrizioni",
      cookie,
    });
    expect((enrolments.data as { unprintableName: string[] }).unprintableName).toEqual(["太", "郎"]);

    const corrected = await createUser({ firstName: "Taro", lastName: "Yamada" });
    const correctedProfile = await runRoute(profileRoute.loader as Handler, {
      url: URL_,
      cookie: await cookieOf(corrected.id),
    });
    expect((correctedProfile.data as { unprintableName: string[] }).unprintableName).toEqual([]);
  });

  it("saves a new school, region, language and reminder choice, audited; past enrolments and certificates keep theirs", async () => {
    const user = await createUser({ firstName: "Maria", lastName: "Rossi", regionCode: "toscana" });
    const { edition } = await createOpenEdition();
    const enrolled = await enrol(user.id, edition.id);
    expect(enrolled.ok).toBe(true);
    const enrolmentId = (enrolled as { enrolmentId: string }).enrolmentId;
    const certificate = await createCertificate({ enrolmentId, userId: user.id }, edition, { eventTitle: "Corso" });
    const enrolmentBefore = await prisma.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
    const cookie = await cookieOf(user.id);

    const r = await runRoute(profileRoute.action as Handler, {
      url: URL_,
      cookie,
      form: profileForm({
        lastName: "Rossi Verdi",
        schoolName: "IC Milano 3",
        schoolCode: "miic81200a",
        regionCode: "lombardia",
        schoolLevel: "secondaria-primo-grado",
        locale: "en",
        emailReminders: "",
      }),
    });
    expect(r.status).toBe(302);
    expect(r.location).toBe("/profilo?fatto=profilo#profilo-titolo");

    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({
      lastName: "Rossi Verdi",
      schoolName: "IC Milano 3",
      schoolCode: "MIIC81200A",
      regionCode: "lombardia",
      schoolLevel: "secondaria-primo-grado",
      locale: "en",
      emailReminders: false,
    });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { entityType: "user", entityId: user.id, action: "profilo-modificato" },
    });
    expect(audit.actorId).toBe(user.id);
    const changes = JSON.parse(audit.details).changes as Record<string, { from: unknown; to: unknown }>;
    expect(changes.regionCode).toEqual({ from: "toscana", to: "lombardia" });
    expect(changes.emailReminders).toEqual({ from: true, to: false });
    expect(changes.firstName).toBeUndefined();
    // The region, level and role held until now are kept for the dashboard's attribution (ADR 0093).
    const periods = await prisma.userProfilePeriod.findMany({ where: { userId: user.id } });
    expect(periods).toEqual([
      expect.objectContaining({ regionCode: "toscana", schoolLevel: "primaria", professionalRole: "docente" }),
    ]);
    // The place taken through the enrolment path (its own SQL writes createdAt) is still the old profile's.
    const [attributed] = await sqlRead<{ region: string; level: string }>(
      `SELECT ${ATTRIBUTED.region} AS "region", ${ATTRIBUTED.schoolLevel} AS "level"
       FROM "Enrolment" en JOIN "User" u ON u."id" = en."userId" ${ATTRIBUTED_PROFILE_JOIN}
       WHERE en."id" = $1`,
      enrolmentId,
    );
    expect(attributed).toEqual({ region: "toscana", level: "primaria" });

    // Snapshots stay: the certificate's holder name, the enrolment as it was.
    expect((await prisma.certificate.findUniqueOrThrow({ where: { id: certificate.id } })).holderName).toBe(
      "Maria Rossi",
    );
    const enrolmentAfter = await prisma.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
    expect(enrolmentAfter.status).toBe(enrolmentBefore.status);
    expect(enrolmentAfter.quotaId).toBe(enrolmentBefore.quotaId);

    // The page shows the saved values; the header's user follows.
    const page = await runRoute(profileRoute.loader as Handler, { url: URL_, cookie });
    expect((page.data as { profile: { regionCode: string } }).profile.regionCode).toBe("lombardia");
    const sessionUser = await getSessionUser(new Request(URL_, { headers: { Cookie: cookie } }));
    expect(sessionUser?.regionCode).toBe("lombardia");

    // Saving the same values again changes nothing and writes no audit entry.
    const saved = {
      lastName: "Rossi Verdi",
      schoolName: "IC Milano 3",
      schoolCode: "MIIC81200A",
      regionCode: "lombardia",
      schoolLevel: "secondaria-primo-grado",
      locale: "en",
      emailReminders: "",
    };
    const same = await runRoute(profileRoute.action as Handler, {
      url: URL_,
      cookie,
      form: profileForm(saved),
    });
    expect(same.location).toBe("/profilo?fatto=nessuna-modifica#profilo-titolo");
    expect(await prisma.auditLog.count({ where: { entityType: "user", entityId: user.id } })).toBe(1);
    // A change of another field keeps no new past state.
    await runRoute(profileRoute.action as Handler, {
      url: URL_,
      cookie,
      form: profileForm({ ...saved, lastName: "Verdi" }),
    });
    expect(await prisma.userProfilePeriod.count({ where: { userId: user.id } })).toBe(1);
  });

  it("answers 400 to an unknown intent", async () => {
    const user = await createUser();
    const r = await runRoute(profileRoute.action as Handler, {
      url: URL_,
      cookie: await cookieOf(user.id),
      form: { intent: "nonsense" },
    });
    expect(r.status).toBe(400);
  });
});
