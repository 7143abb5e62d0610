// Hostile input answers 4xx, never 5xx, and a refused request changes no row (issue 11, item 2).
// Every route module's action and loader is called as Remix calls it (tests/support/routes.ts),
// signed in with the role the route is for, with: bodies that are not forms (JSON, text, a
// truncated multipart body, no content type), wrong types, missing fields, NUL and control
// characters, huge numbers and strings, bad dates, crafted intents, and hostile query strings and
// route parameters. Bounded (a few thousand requests) so it runs in well under two minutes per engine.
//
// Which payloads run on which engine (docs/decisions/0024-test-suite-time.md): every route gets
// every payload class on PostgreSQL, the production engine. Those whose fate can differ between
// the engines run on SQLite too: NUL (PostgreSQL's text refuses it, SQLite stores it), very long
// text, invalid or odd Unicode, numbers beyond a column's range, impossible dates. The others
// (bodies that are not forms, markup, header injection, prototype names, crafted ASCII intents,
// missing fields) are refused by the same code before any query, whatever the engine, and run on
// SQLite only with FUZZ_ALL_PAYLOADS=1.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAttendancePass } from "../../app/domain/check-in.ts";
import { QUESTIONS } from "../../app/domain/questionnaire.ts";
import { attendancePassKey } from "../../app/models/check-in.server.ts";
import { rememberPendingIdentity } from "../../app/models/identity.server.ts";
import { getTransactionCookie, providerById, startOidcSignIn, type OidcIntent } from "../../app/models/oidc.server.ts";
import { newCalendarToken } from "../../app/models/calendar-token.server.ts";
import { certificateKey } from "../../app/models/training-plan.server.ts";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import { getEnv, parseEnv } from "../../app/utils/env.server.ts";
import { fileKey, fileStore } from "../../app/utils/file-store.server.ts";
import { devMessagePath, fileMailer } from "../../app/utils/mailer.server.ts";
import { unsubscribeToken } from "../../app/utils/unsubscribe-token.server.ts";
import { signInAtProvider, startTestProvider, type TestProvider } from "../../scripts/oidc-test-provider.ts";
import { eventFormFields } from "../support/event-form-fields.ts";
import { createCertificate, createEnrolment, createOpenEdition, createUser, unique } from "../support/factories.ts";
import { cookieOf, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

// A real OpenID provider (scripts/oidc-test-provider.ts) as "spid": the sign-in's start, its callback and the
// profile completion reach their parsing only with a provider configured, a signed flow cookie, a genuine
// code, a pending identity. Set before anything reads the environment (the fixture's sessions do).
const FUZZ_OIDC_USER = {
  id: "fuzz.spid",
  given_name: "Franca",
  family_name: "Zucchi",
  email: "franca.zucchi@spid.example.it",
  email_verified: true,
};
let oidcProvider: TestProvider | undefined;
const oidcCallbackUrl = () => `${parseEnv().APP_ORIGIN}/auth/oidc/spid/callback`;
beforeAll(async () => {
  oidcProvider = await startTestProvider({ port: 0, redirectUris: [oidcCallbackUrl()], users: [FUZZ_OIDC_USER] });
  process.env.OIDC_PROVIDERS = JSON.stringify([
    {
      id: "spid",
      issuer: oidcProvider.issuer,
      clientId: oidcProvider.clientId,
      clientSecret: oidcProvider.clientSecret,
      label: "Entra con SPID",
    },
  ]);
});
afterAll(() => oidcProvider?.close());

const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");

type RouteModule = { action?: Handler; loader?: Handler };
type Role = "anonymous" | "teacher" | "trainer" | "national" | "regional";

/**
 * Who each route is for (the first matching prefix), so that its signed-in code is the one that
 * parses the input; everything else is public. The dashboard answers both scopes (the whole country,
 * one region), the letterhead is an organiser's, the event page reads more for an enrolled teacher.
 */
function rolesOf(file: string): Role[] {
  if (/^cruscotto/.test(file)) return ["national", "regional"];
  if (/^profilo_\.carta-intestata/.test(file)) return ["regional"];
  if (/^(gestione|admin)\./.test(file)) return ["national"];
  if (/^formazione\./.test(file)) return ["trainer"];
  if (/^eventi\.\$eventId\.tsx$/.test(file)) return ["anonymous", "teacher"];
  if (
    /^(eventi\.\$eventId_\.(iscrizione|allegati)|le-mie-iscrizioni|il-mio-piano|questionario|presenza|profilo|attestati\.\$certificateId|auth\.oidc\.\$provider\.tsx)/.test(
      file,
    )
  )
    return ["teacher"];
  return ["anonymous"];
}

// Control characters, NUL, numbers no column can hold, strings no field accepts, impossible dates,
// prototype names, markup, and lone surrogates.
const HOSTILE_VALUES = [
  "a\u0000b",
  "\u0001\u0008\u000b\u001f\u007f",
  "riga\r\nSet-Cookie: x=1",
  "1e308",
  "99999999999",
  "2147483648",
  "-1",
  "x".repeat(100_000),
  "2026-02-30",
  "9999-99-99T99:99",
  "__proto__",
  "<script>alert(1)</script>\"'",
  "\ud800",
  "/%09/evil.example",
];
/** A payload whose outcome can depend on the engine (see the top of this file). */
function engineSensitive(value: string): boolean {
  return (
    value.includes("\u0000") ||
    /%00|[\ud800-\udfff]|%[89A-F][0-9A-F]/i.test(value) || // NUL, surrogates, non-ASCII bytes
    value.length >= 500 ||
    (/^-?\d+$/.test(value) && value.length >= 10) || // beyond a 32-bit column
    /^\d+e\d+$/.test(value) || // beyond any column
    /^\d{4}-\d{2}-\d{2}/.test(value) // dates
  );
}
const ALL_PAYLOADS = databaseEngine === "postgresql" || process.env.FUZZ_ALL_PAYLOADS === "1";

// Per field, the values that caused 5xx before (kept small: fields × routes × these).
const PER_FIELD_VALUES = ["a\u0000b", "1e308"];

const EVENT_FIELDS = eventFormFields();
/** The questionnaire's scores, all answered (its form names them through the schema, not in the route). */
const QUESTIONNAIRE_FIELDS: Record<string, string> = Object.fromEntries(QUESTIONS.map((q) => [q.id, "4"]));
const CRAFTED_INTENTS = ["", "__proto__", "constructor", "x".repeat(500), "status\u0000", "all-done:x:y", "../"];

type Fixture = {
  ids: Record<string, string>;
  people: { teacherId: string; trainerId: string };
  cookies: Record<Exclude<Role, "anonymous">, string>;
  baseFields: Record<string, string>;
  /** A route's own cookie (Pieces.cookie), sent with the role's session cookie. */
  cookie?: string;
};

/** The Cookie header of a request as this role, with the route's own cookie. */
function cookieOfRole(f: Fixture, role: Role): string | undefined {
  const cookies = [role === "anonymous" ? undefined : f.cookies[role], f.cookie].filter(Boolean);
  return cookies.length ? cookies.join("; ") : undefined;
}

/** An "iscritto" place of this person in this edition (its seat counted). */
async function seat(userId: string, edition: { id: string; eventId: string }) {
  const place = await createEnrolment(edition, userId);
  await prisma.edition.update({ where: { id: edition.id }, data: { seatsTaken: 1 } });
  return place;
}

/**
 * A place of the teacher in an edition that is over, its register closed and her certificate issued:
 * what the certificate's PDF, the questionnaire and the edition's ZIP need. `answered` stores her
 * questionnaire submission (the PDF is not sent before it).
 */
async function certifiedPlace(teacherId: string, answered: boolean) {
  const { event, edition } = await createOpenEdition();
  const place = await seat(teacherId, edition);
  const ended = await prisma.edition.update({
    where: { id: edition.id },
    data: {
      startsOn: new Date(Date.now() - 2 * 86_400_000),
      endsOn: new Date(Date.now() - 86_400_000),
      attendanceClosedAt: new Date(),
    },
  });
  const certificate = await createCertificate({ enrolmentId: place.id, userId: teacherId }, ended, {
    eventTitle: event.title,
  });
  if (answered) await prisma.questionnaireSubmission.create({ data: { editionId: edition.id, userId: teacherId } });
  return { event, edition: ended, place, certificate };
}

/** Development messages this run wrote into data/outbox (removed at the end). */
const writtenMessages: string[] = [];
afterAll(() => {
  for (const file of writtenMessages) fs.rmSync(file, { force: true });
});

/**
 * What a route needs in a state that an earlier route's successful requests could change (a place
 * cancelled, a certificate revoked, a questionnaire answered): made just before the route runs, so
 * that each of these routes reaches its parsing and rendering whatever ran before it. The ids given
 * here replace the shared fixture's for that route only.
 */
type Pieces = {
  ids: Record<string, string>;
  /** Puts the pieces back after a request that changed them (run after every 2xx/3xx action). */
  reset?: () => Promise<unknown>;
  /** A query string the route's loader needs to get past its first check, sent before the hostile one. */
  query?: string;
  /** A cookie ("name=value") the route reads besides the session: the OpenID flow's, a pending identity's. */
  cookie?: string;
  /** Query parameters the route reads that QUERY_NAMES does not list (the provider's answer: code, state…). */
  names?: string[];
  /** The route's own hostile requests, after the generic ones (a forged state, another flow's code, a replay). */
  attacks?: (f: Fixture, role: Role) => Attack[];
};
const ROUTE_PIECES: Record<string, (f: Fixture) => Promise<Pieces>> = {
  // Answered, so the PDF is rendered rather than redirected to the questionnaire.
  "attestati.$certificateId[.]pdf.tsx": async (f) => ({
    ids: { certificateId: (await certifiedPlace(f.people.teacherId, true)).certificate.id },
  }),
  // Its English rendering (ADR 0096), behind the same guard.
  "attestati.$certificateId.inglese[.]pdf.tsx": async (f) => ({
    ids: { certificateId: (await certifiedPlace(f.people.teacherId, true)).certificate.id },
  }),
  // Not answered yet, so the action reaches the insert; an accepted answer is taken back, so the
  // next request's comment and scores reach it too (not the "already answered" refusal).
  "questionario.$editionId.tsx": async (f) => {
    const { edition } = await certifiedPlace(f.people.teacherId, false);
    const where = { editionId: edition.id, userId: f.people.teacherId };
    return { ids: { editionId: edition.id }, reset: () => prisma.questionnaireSubmission.deleteMany({ where }) };
  },
  "gestione.edizioni.$editionId_.attestati[.]zip.tsx": async (f) => ({
    ids: { editionId: (await certifiedPlace(f.people.teacherId, true)).edition.id },
  }),
  "le-mie-iscrizioni_.$enrolmentId.qr.tsx": async (f) => {
    const { edition } = await createOpenEdition();
    const place = await seat(f.people.teacherId, edition);
    return { ids: { enrolmentId: place.id } };
  },
  // The pass of a place in an edition of the trainer's, its session's check-in window open now.
  "formazione.presenza.$pass.tsx": async (f) => {
    const { event, edition } = await createOpenEdition({ sessionStartsAt: new Date(Date.now() + 10 * 60_000) });
    await prisma.eventTrainer.create({ data: { eventId: event.id, userId: f.people.trainerId } });
    const place = await seat(f.people.teacherId, edition);
    return { ids: { pass: makeAttendancePass(attendancePassKey(), place) } };
  },
  // Its own person and role to revoke (and account to close): the shared trainer's role, revoked by
  // an accepted "revoke", made /formazione a 403 for every later route. A revoked role comes back
  // (same id), so the next request's revoke reaches the deletion again.
  "admin.utenti.tsx": async () => {
    const person = await createUser({ roles: [{ role: "formatore" }] });
    const role = person.roles[0]!;
    return {
      ids: { userId: person.id, roleId: role.id },
      reset: async () => {
        const [still, holder] = await Promise.all([
          prisma.userRole.findUnique({ where: { id: role.id } }),
          prisma.user.findUnique({ where: { id: person.id } }),
        ]);
        if (!still && holder)
          await prisma.userRole.create({ data: { id: role.id, userId: person.id, role: "formatore", regionCode: "" } });
      },
    };
  },
  "admin.email_.$notificationId.tsx": (f) => developmentMessage(f.people.teacherId),
  // The dashboard's downloads answer 400 without the table they export.
  "cruscotto[.]csv.tsx": async () => ({ ids: {}, query: "table=breakdown" }),
  "cruscotto[.]xlsx.tsx": async () => ({ ids: {}, query: "table=breakdown" }),
  // A genuine unsubscribe link, of a person of its own (its POST turns her reminders off).
  "disiscrizione.$token.tsx": async () => {
    const person = await createUser();
    return { ids: { token: unsubscribeToken(getEnv().SESSION_SECRET, "promemoria", person.id) } };
  },
  "admin.email_.$notificationId_.messaggio.tsx": (f) => developmentMessage(f.people.teacherId),
  // A provider that exists: with the fixture's "missing" the start route answered 404 before its form.
  "auth.oidc.$provider.tsx": async () => ({ ids: { provider: "spid" } }),
  // A flow started as the start route starts it (its signed cookie), then the provider's answers to it.
  "auth.oidc.$provider_.callback.tsx": async () => {
    const flow = await oidcFlow();
    return {
      ids: { provider: "spid" },
      cookie: flow.cookie,
      // The flow's state and the provider's issuer go first: the provider's issuer is required in its answer
      // (RFC 9207), so without them every hostile parameter stopped at that check, never at the code's exchange.
      query: `state=${flow.state}&iss=${encodeURIComponent(oidcProvider!.issuer)}`,
      names: ["code", "state", "iss", "error", "error_description", "session_state"],
      attacks: () => oidcCallbackAttacks(),
    };
  },
  // A first sign-in's pending identity (what the callback keeps for an identity with no account). An accepted
  // "crea" or "collega" uses it up: it comes back (same id), so the next request reaches the form again.
  "accedi_.completa.tsx": async () => {
    const subject = unique("fuzz-sub");
    const setCookie = await rememberPendingIdentity(
      {
        provider: "spid",
        issuer: oidcProvider!.issuer,
        subject,
        givenName: "Franca",
        familyName: "Zucchi",
        email: `${unique("franca")}@spid.example.it`,
        emailVerified: true,
        fiscalCode: null,
      },
      "/le-mie-iscrizioni",
      "fuzz-id-token",
      true,
    );
    const row = await prisma.pendingIdentity.findFirstOrThrow({ where: { subject } });
    return {
      ids: {},
      cookie: setCookie.split(";")[0]!,
      reset: async () => {
        await prisma.userIdentity.deleteMany({ where: { issuer: row.issuer, subject } });
        if (!(await prisma.pendingIdentity.findUnique({ where: { id: row.id } })))
          await prisma.pendingIdentity.create({ data: row });
      },
    };
  },
};

/** A sign-in started at Forma with the app's own code: the provider's URL, the flow cookie, the state it sent. */
async function oidcFlow(intent: OidcIntent = "accedi") {
  const { url, setCookie } = await startOidcSignIn(providerById("spid")!, intent, "/le-mie-iscrizioni");
  return { url, cookie: setCookie.split(";")[0]!, state: new URL(url).searchParams.get("state")! };
}

/** A flow and the provider's genuine answer to it (its single-use code), as the browser brings it back. */
async function oidcAnswer(intent: OidcIntent = "accedi") {
  const flow = await oidcFlow(intent);
  const answer = await signInAtProvider(flow.url, FUZZ_OIDC_USER.id, oidcCallbackUrl());
  return { ...flow, answer, code: answer.searchParams.get("code")! };
}

/**
 * The callback's own hostile requests: the provider's answer with a forged state, the code of another flow, a
 * replayed code, duplicated and array-shaped parameters, hostile values in code, state, iss and error, and
 * flow cookies that are missing, unsigned, of another provider, expired, or signed with hostile contents.
 */
function oidcCallbackAttacks(): Attack[] {
  const cookieJar = (cookie: string | null) => new Headers(cookie ? { Cookie: cookie } : {});
  const get = (search: string, cookie: string | null) =>
    new Request(`${oidcCallbackUrl()}${search}`, { headers: cookieJar(cookie) });
  const enc = (value: string) => (value === "\ud800" ? "%ED%A0%80" : encodeURIComponent(value.slice(0, 5000)));
  const q = (params: [string, string][]) => `?${params.map(([k, v]) => `${k}=${enc(v)}`).join("&")}`;
  const signed = (transaction: unknown) => getTransactionCookie().serialize(transaction);
  const attack = (label: string, request: () => Promise<Request>): Attack => ({ label, request, everyEngine: true });
  // The provider names itself in every answer (RFC 9207): without it an answer stops at that check.
  const iss: [string, string] = ["iss", oidcProvider!.issuer];
  // The genuine answer, then the same again: a code is single-use.
  let genuine: Awaited<ReturnType<typeof oidcAnswer>> | undefined;
  const attacks: Attack[] = [
    attack("the genuine answer", async () => {
      genuine = await oidcAnswer();
      return get(genuine.answer.search, genuine.cookie);
    }),
    attack("the same answer again (replay)", async () => get(genuine!.answer.search, genuine!.cookie)),
    attack("a forged state", async () => {
      const a = await oidcAnswer();
      return get(q([["code", a.code], ["state", "forged-state"], iss]), a.cookie);
    }),
    attack("the code of another flow", async () => {
      const [a, b] = [await oidcAnswer(), await oidcAnswer()];
      return get(q([["code", b.code], ["state", a.state], iss]), a.cookie);
    }),
    attack("the answer with another flow's cookie", async () => {
      const [a, b] = [await oidcAnswer(), await oidcFlow()];
      return get(a.answer.search, b.cookie);
    }),
    attack("the answer without a flow cookie", async () => get((await oidcAnswer()).answer.search, null)),
    attack("the answer with its parameters twice", async () => {
      const a = await oidcAnswer();
      return get(`${a.answer.search}&${a.answer.search.slice(1)}`, a.cookie);
    }),
    attack("two codes", async () => {
      const a = await oidcAnswer();
      return get(`${a.answer.search}&code=autre`, a.cookie);
    }),
    attack("two states", async () => {
      const a = await oidcAnswer();
      return get(`${a.answer.search}&state=${a.state}x`, a.cookie);
    }),
    attack("array-shaped parameters", async () => {
      const a = await oidcAnswer();
      return get(`?code[]=${a.code}&state[]=${a.state}&code[0]=x&state[a]=y`, a.cookie);
    }),
    attack("the answer with two flow cookies", async () => {
      const [a, b] = [await oidcAnswer(), await oidcFlow()];
      return get(a.answer.search, `${b.cookie}; ${a.cookie}`);
    }),
    attack("an unsigned flow cookie", async () => {
      const a = await oidcAnswer();
      const forged = Buffer.from(JSON.stringify({ provider: "spid", state: a.state, expiresAt: 9e15 })).toString(
        "base64",
      );
      return get(a.answer.search, `forma_oidc=${encodeURIComponent(forged)}`);
    }),
    attack("a signed flow cookie of another provider", async () => {
      const a = await oidcAnswer();
      return get(
        a.answer.search,
        (await signed({ provider: "cie", state: a.state, expiresAt: Date.now() + 60_000 })).split(";")[0]!,
      );
    }),
    attack("an expired flow cookie", async () => {
      const a = await oidcAnswer();
      const transaction = (await getTransactionCookie().parse(a.cookie)) as Record<string, unknown>;
      return get(a.answer.search, (await signed({ ...transaction, expiresAt: Date.now() - 1 })).split(";")[0]!);
    }),
    attack("a flow cookie that is a NUL", async () => get((await oidcAnswer()).answer.search, "forma_oidc=%00")),
    attack("a huge flow cookie", async () => get((await oidcAnswer()).answer.search, `forma_oidc=${"x".repeat(8000)}`)),
    attack("no parameters", async () => get("", (await oidcFlow()).cookie)),
    attack("the provider's refusal", async () => {
      const flow = await oidcFlow();
      return get(q([["error", "access_denied"], ["state", flow.state], iss]), flow.cookie);
    }),
    attack("a refusal without state", async () => get(q([["error", "access_denied"], iss]), (await oidcFlow()).cookie)),
    attack("a refusal and a code", async () => {
      const a = await oidcAnswer();
      return get(`${a.answer.search}&error=server_error`, a.cookie);
    }),
    attack("a confirmation while signed out", async () => {
      const a = await oidcAnswer("conferma");
      return get(a.answer.search, a.cookie);
    }),
    attack("a link while signed out", async () => {
      const a = await oidcAnswer("collega");
      return get(a.answer.search, a.cookie);
    }),
  ];
  const hostile = [...HOSTILE_VALUES, "città ✓ 𝄞 \u202e", ""];
  for (const value of hostile) {
    const shown = JSON.stringify(value.slice(0, 20));
    attacks.push(
      attack(`code = ${shown}`, async () => {
        const flow = await oidcFlow();
        return get(q([["code", value], ["state", flow.state], iss]), flow.cookie);
      }),
      attack(`state = ${shown} with a genuine code`, async () => {
        const a = await oidcAnswer();
        return get(q([["code", a.code], ["state", value], iss]), a.cookie);
      }),
      attack(`iss = ${shown} with a genuine code`, async () => {
        const a = await oidcAnswer();
        return get(
          q([
            ["code", a.code],
            ["state", a.state],
            ["iss", value],
          ]),
          a.cookie,
        );
      }),
      attack(`error = ${shown}`, async () => {
        const flow = await oidcFlow();
        return get(q([["error", value], ["error_description", value], ["state", flow.state], iss]), flow.cookie);
      }),
    );
  }
  // Signed flow cookies whose contents are not what the start route writes (an older or a broken writer).
  const shapes: [string, (a: { state: string }) => unknown][] = [
    ["a string", () => "spid"],
    ["an array", () => ["spid"]],
    [
      "null fields",
      (a) => ({ provider: "spid", state: a.state, expiresAt: Date.now() + 60_000, verifier: null, nonce: null }),
    ],
    [
      "fields of the wrong type",
      (a) => ({
        provider: "spid",
        state: [a.state],
        verifier: 42,
        nonce: {},
        intent: "x",
        redirectTo: 7,
        keep: "yes",
        expiresAt: "domani",
      }),
    ],
    [
      "an intent that does not exist",
      (a) => ({
        provider: "spid",
        state: a.state,
        verifier: "v".repeat(43),
        nonce: "n",
        intent: "__proto__",
        redirectTo: "//evil.example",
        expiresAt: Date.now() + 60_000,
      }),
    ],
  ];
  for (const [label, shape] of shapes) {
    attacks.push(
      attack(`a signed flow cookie holding ${label}`, async () => {
        const a = await oidcAnswer();
        return get(a.answer.search, (await signed(shape(a))).split(";")[0]!);
      }),
    );
  }
  return attacks;
}

/** A notification row and its development message (data/outbox/<id>.eml), as the file mailer writes it. */
async function developmentMessage(userId: string): Promise<Pieces> {
  const notification = await prisma.notification.create({
    data: { userId, kind: "iscrizione-confermata", dedupeKey: unique("fuzz-mail"), deliveryStatus: "inviata" },
  });
  const mailer = fileMailer({ from: "Forma <noreply@localhost>", domain: "localhost" });
  await mailer.send({
    notificationId: notification.id,
    to: "maria.rossi@scuola.example.it",
    subject: "Iscrizione confermata",
    html: "<p>Iscrizione <strong>confermata</strong>.</p>",
    text: "Iscrizione confermata.",
  });
  mailer.close();
  writtenMessages.push(devMessagePath(notification.id)!);
  return { ids: { notificationId: notification.id } };
}

async function fixture(): Promise<Fixture> {
  const { event, edition } = await createOpenEdition({ seatCap: 5, promotionMode: "offerta" });
  const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
  const teacher = await createUser();
  const trainer = await createUser({ roles: [{ role: "formatore" }] });
  const national = await createUser({ roles: [{ role: "unita-nazionale" }] });
  const regional = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
  await prisma.eventTrainer.create({ data: { eventId: event.id, userId: trainer.id } });
  const enrolment = await prisma.enrolment.create({
    data: { editionId: edition.id, eventId: event.id, userId: teacher.id, status: "iscritto", activeKey: "1" },
  });
  await prisma.edition.update({ where: { id: edition.id }, data: { seatsTaken: 1 } });
  // What the teacher's own downloads open: a certificate of an edition that is over, a material of
  // the edition she is enrolled in, her external training's certificate, her personal calendar.
  const past = await createOpenEdition();
  const pastPlace = await prisma.enrolment.create({
    data: {
      editionId: past.edition.id,
      eventId: past.event.id,
      userId: teacher.id,
      status: "iscritto",
      activeKey: `${past.event.id}:${teacher.id}`,
    },
  });
  await prisma.edition.update({
    where: { id: past.edition.id },
    data: { seatsTaken: 1, startsOn: new Date(Date.now() - 2 * 86_400_000), endsOn: new Date(Date.now() - 86_400_000) },
  });
  // A code of the real shape: the public verification page looks it up (any other is a 404 before the query).
  const certificate = await createCertificate({ enrolmentId: pastPlace.id, userId: teacher.id }, past.edition, {
    eventTitle: past.event.title,
  });
  const material = await prisma.eventFile.create({
    data: {
      eventId: event.id,
      sessionId: session.id,
      title: "Slide",
      fileName: "slide.pdf",
      mimeType: "application/pdf",
      size: 9,
      uploadedById: trainer.id,
    },
  });
  await fileStore().put(fileKey("event-file", material.id), new TextEncoder().encode("%PDF-1.4\n"));
  // Two trainings: the plan's action deletes the one its form names, the download opens the other.
  const [training, trainingToDelete] = await Promise.all(
    [1, 2].map(() =>
      prisma.externalTraining.create({
        data: {
          userId: teacher.id,
          title: "Esterna",
          organiser: "Ente",
          startsOn: new Date(),
          endsOn: new Date(),
          minutes: 60,
          certificateFileName: "attestato.pdf",
          certificateMimeType: "application/pdf",
        },
      }),
    ),
  );
  await fileStore().put(certificateKey(training!.id), new TextEncoder().encode("%PDF-1.4\n"));
  const calendarToken = newCalendarToken();
  await prisma.user.update({ where: { id: teacher.id }, data: { calendarToken } });
  const role = await prisma.userRole.findFirstOrThrow({ where: { userId: trainer.id } });
  const ids = {
    eventId: event.id,
    editionId: edition.id,
    sessionId: session.id,
    enrolmentId: enrolment.id,
    userId: teacher.id,
    roleId: role.id,
    certificateId: certificate.id,
    fileId: material.id,
    quotaId: "q-missing",
    trainingId: training!.id,
    notificationId: "n-missing",
    token: calendarToken,
    code: certificate.code,
  };
  return {
    ids,
    people: { teacherId: teacher.id, trainerId: trainer.id },
    cookies: {
      teacher: await cookieOf(teacher.id),
      trainer: await cookieOf(trainer.id),
      national: await cookieOf(national.id),
      regional: await cookieOf(regional.id),
    },
    // A plausible value for every field name the app's forms use.
    baseFields: {
      ...ids,
      trainingId: trainingToDelete!.id,
      reason: "Motivo di prova",
      seatCap: "10",
      offerHours: "48",
      promotionMode: "offerta",
      seats: "2",
      regionCode: "toscana",
      count: "1",
      admission: "domanda",
      questions: "Esperienza?",
      criteria: "Esperienza | 10",
      motivation: "Vorrei partecipare per migliorare la mia didattica in classe.",
      locale: "en",
      redirectTo: "/eventi",
      email: `${unique("fuzz")}@scuola.example.it`,
      password: "formazione2026",
      confirmPassword: "formazione2026",
      firstName: "Anna",
      lastName: "Verdi",
      schoolLevel: "primaria",
      professionalRole: "docente",
      schoolName: "IC Firenze",
      schoolCode: "FIIC80100X",
      role: "formatore",
      codice: "ABC123",
      status: "pubblicato",
      "status-x": "presente",
      line: enrolment.id,
      [`status-${enrolment.id}`]: "presente",
      [`minutes-${enrolment.id}`]: "60",
      minutes: "60",
      hours: "10",
      targetHours: "20",
      title: "Titolo",
      organiser: "Ente",
      startsOn: "2026-10-01",
      endsOn: "2026-10-02",
      mode: "online",
      level: "nazionale",
      comment: "Commento",
      q1: "5",
      "scores.c1": "5",
      priority: "on",
      rows: "[]",
      emailReminders: "on",
      ...Object.fromEntries(Object.entries(EVENT_FIELDS).map(([k, v]) => [k, Array.isArray(v) ? v[0]! : (v ?? "")])),
    },
  };
}

function paramsOf(file: string, ids: Record<string, string>): Record<string, string> {
  const params: Record<string, string> = {};
  // A parameter's name stops before the "_" that opts the route out of its parent's layout
  // (`$editionId_.iscritti`): with it, the loader got no editionId and answered 404 to everything.
  for (const m of file.matchAll(/\$([A-Za-z0-9]+)/g)) params[m[1]!] = ids[m[1]!] ?? "missing";
  return params;
}

function urlOf(file: string, search = ""): string {
  return `http://localhost/${file.replace(/\.tsx$/, "").replace(/[.$]/g, "/")}${search}`;
}

function formBody(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

/**
 * The status Remix would answer: a returned or thrown Response's, data()'s, 200; 500 for anything thrown.
 * A returned body is read to its end: a streamed download (the certificates' ZIP) renders as it is
 * read, and one that fails there has already sent its 200.
 */
async function statusOfCall(
  handler: Handler,
  request: Request,
  params: Record<string, string>,
): Promise<{ status: number; error: unknown; reason?: string }> {
  try {
    const result = await handler({ request, params, context: {} });
    if (result instanceof Response) {
      try {
        await result.arrayBuffer();
      } catch (error) {
        return { status: 500, error: new Error(`body of a ${result.status}: ${String(error)}`) };
      }
      return { status: result.status, error: null };
    }
    const wrapped = result as { init?: { status?: number } | null; data?: { reason?: unknown } } | null;
    const reason = typeof wrapped?.data?.reason === "string" ? wrapped.data.reason : undefined;
    return { status: wrapped?.init?.status ?? 200, error: null, reason };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, error: null };
    const init = (thrown as { init?: { status?: number } | null } | null)?.init;
    if (init?.status) return { status: init.status, error: null };
    return { status: 500, error: thrown };
  }
}

// Every table but the rate limiter's counters: row counts, and the last update of the tables that have one.
const COUNTED = [
  "User",
  "Password",
  "UserSession",
  "UserRole",
  "Event",
  "EventSchoolLevel",
  "EventAudienceRole",
  "EventTheme",
  "EventTrainer",
  "Edition",
  "TrainingSession",
  "CancelledSession",
  "AuditLog",
  "Enrolment",
  "EnrolmentChange",
  "Notification",
  "EditionQuota",
  "AccountToken",
  "ExternalTraining",
  "AttendanceRecord",
  "AttendanceChange",
  "ActivityCompletion",
  "Certificate",
  "QuestionnaireResponse",
  "QuestionnaireSubmission",
];
// The edition's own writers take a write lock by touching the row (its updatedAt moves on a refusal
// too): its content is compared instead, below.
const UPDATED = ["User", "Event", "Enrolment"];
const CHECKSUM_COLUMNS = [
  ...COUNTED.map((t, i) => `(SELECT count(*) FROM "${t}") AS c${i}`),
  ...UPDATED.map((t, i) => `(SELECT max("updatedAt") FROM "${t}") AS u${i}`),
  `(SELECT count(*) FROM "Enrolment" WHERE "endedAt" IS NOT NULL) AS ended`,
  `(SELECT count(*) FROM "EditionQuota" WHERE "releasedAt" IS NOT NULL) AS released`,
  `(SELECT count(*) FROM "AccountToken" WHERE "usedAt" IS NOT NULL) AS used`,
];
let checksumSql: string | undefined;

/**
 * The checksum's statement: the counts above and every edition's row but its updatedAt, as one text the database
 * writes (it was the editions read through Prisma as objects beside the counts: two statements and a row object
 * per edition, after each of some 1,800 refused actions per engine, and more editions at every file the worker
 * ran before this one).
 */
async function checksumStatement(): Promise<string> {
  if (checksumSql) return checksumSql;
  let editions: string;
  if (databaseEngine === "postgresql") {
    editions = `(SELECT string_agg((to_jsonb(e) - 'updatedAt')::text, E'\n' ORDER BY e."id") FROM "Edition" e)`;
  } else {
    const columns = await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('Edition')`);
    const kept = columns.map((c) => c.name).filter((n) => n !== "updatedAt");
    expect(kept.length).toBeGreaterThan(10);
    editions = `(SELECT group_concat(json_array(${kept.map((n) => `"${n}"`).join(", ")}), char(10) ORDER BY "id") FROM "Edition")`;
  }
  checksumSql = `SELECT ${[...CHECKSUM_COLUMNS, `${editions} AS editions`].join(", ")}`;
  return checksumSql;
}

/** How many checksums were read, and their time (printed at the end: where the file's time goes). */
const checksums = { count: 0, ms: 0 };

async function checksum(): Promise<string> {
  // One statement after every refused action.
  const started = performance.now();
  const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(await checksumStatement());
  checksums.count += 1;
  checksums.ms += performance.now() - started;
  return JSON.stringify(rows[0], (_k, v) =>
    typeof v === "bigint" ? v.toString() : v instanceof Date ? v.toISOString() : v,
  );
}

function diff(before: string, after: string): string {
  const a = JSON.parse(before) as Record<string, unknown>;
  const b = JSON.parse(after) as Record<string, unknown>;
  return Object.keys(a)
    .filter((k) => a[k] !== b[k])
    .map((k) => `${k}: ${String(a[k])} → ${String(b[k])}`)
    .join(", ");
}

type Attack = {
  label: string;
  request: () => Request | Promise<Request>;
  /** Runs on every engine (engineSensitive); the others on PostgreSQL only (ALL_PAYLOADS). */
  everyEngine: boolean;
  /** A loader's request that must follow the ones before it (the route's own attacks: a replay, a used code). */
  inOrder?: boolean;
};
/** A loader's generic requests sent at once (they share no state and write nothing the test compares). */
const LOADER_CONCURRENCY = 4;

function actionAttacks(file: string, f: Fixture, intents: string[], source: string, role: Role): Attack[] {
  const url = urlOf(file);
  // The questionnaire's form names its scores through its schema only: they are its fields here.
  const questionnaire = source.includes("questionnaireSchema");
  const baseFields = questionnaire ? { ...f.baseFields, ...QUESTIONNAIRE_FIELDS } : f.baseFields;
  const cookie = cookieOfRole(f, role);
  const headers = (extra: Record<string, string> = {}) =>
    new Headers({ ...(cookie ? { Cookie: cookie } : {}), ...extra });
  const post = (body: BodyInit | null, extra: Record<string, string> = {}) =>
    new Request(url, { method: "POST", body, headers: headers(extra) });
  const attacks: Attack[] = [
    {
      label: "JSON body",
      request: () => post(JSON.stringify(baseFields), { "Content-Type": "application/json" }),
      everyEngine: false,
    },
    { label: "text body", request: () => post("intent=cancel", { "Content-Type": "text/plain" }), everyEngine: false },
    { label: "no content type", request: () => post(null), everyEngine: false },
    {
      label: "bad urlencoded",
      request: () => post("%%%&=&%ZZ=%00", { "Content-Type": "application/x-www-form-urlencoded" }),
      everyEngine: true,
    },
    {
      label: "truncated multipart",
      request: () => {
        const boundary = "----forma-fuzz";
        const body = `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncancel\r\n--${boundary}\r\nContent-Disposition: form-data; name="reason"\r\n\r\nmotiv`;
        return post(body, { "Content-Type": `multipart/form-data; boundary=${boundary}` });
      },
      everyEngine: false,
    },
    {
      label: "multipart without boundary",
      request: () => post("--x\r\n\r\n", { "Content-Type": "multipart/form-data" }),
      everyEngine: false,
    },
    { label: "empty form", request: () => post(new FormData()), everyEngine: false },
  ];
  const crafted = intents.filter((i) => CRAFTED_INTENTS.includes(i));
  for (const intent of crafted) {
    attacks.push({
      label: `crafted intent ${JSON.stringify(intent.slice(0, 20))}`,
      request: () => post(formBody({ ...baseFields, intent })),
      everyEngine: engineSensitive(intent),
    });
  }
  // A NUL in every field the forms use (the body names no intent): one request, not one per crafted intent, which
  // sent this same body seven times over.
  if (crafted.length)
    attacks.push({
      label: "NUL in every field",
      request: () => post(formBody(Object.fromEntries(Object.keys(baseFields).map((k) => [k, "\u0000"])))),
      everyEngine: true,
    });
  for (const intent of intents.filter((i) => !CRAFTED_INTENTS.includes(i))) {
    const base = { ...baseFields, intent };
    attacks.push({
      label: `intent ${intent.slice(0, 20)}: missing everything`,
      request: () => post(formBody({ intent })),
      everyEngine: false,
    });
    for (const value of HOSTILE_VALUES) {
      attacks.push({
        label: `intent ${intent.slice(0, 20)}: every field = ${JSON.stringify(value.slice(0, 20))}`,
        request: () =>
          post(formBody(Object.fromEntries(Object.keys(base).map((k) => [k, k === "intent" ? intent : value])))),
        everyEngine: engineSensitive(value),
      });
    }
    const eventForm = source.includes("eventFormSchema");
    const fields = Object.keys(baseFields).filter(
      (k) =>
        source.includes(`"${k}"`) ||
        (eventForm && k in EVENT_FIELDS) ||
        (questionnaire && (k in QUESTIONNAIRE_FIELDS || k === "comment")),
    );
    for (const field of fields) {
      for (const value of PER_FIELD_VALUES) {
        attacks.push({
          label: `intent ${intent.slice(0, 20)}: ${field} = ${JSON.stringify(value)}`,
          request: () => post(formBody({ ...base, [field]: value })),
          everyEngine: engineSensitive(value),
        });
      }
    }
    // Wrong types: a repeated field where one value is expected, a file where text is expected.
    attacks.push({
      label: `intent ${intent.slice(0, 20)}: repeated fields and a file`,
      request: () => {
        const fd = formBody(base);
        for (const k of Object.keys(base).slice(0, 30)) fd.append(k, "secondo");
        fd.set("reason", new File(["\u0000binary"], "x.bin", { type: "application/octet-stream" }));
        return post(fd);
      },
      everyEngine: true, // a NUL in the file
    });
  }
  return attacks.filter((a) => ALL_PAYLOADS || a.everyEngine);
}

/** The intents a route's action knows (from its source), plus crafted ones. */
function intentsOf(source: string, ids: Record<string, string>): string[] {
  const known = [
    ...source.matchAll(/(?:case|intent ===|"intent"\) [!=]==) "([\w.:-]+)"/g),
    ...source.matchAll(/name="intent" value="([\w.:-]+)"/g),
  ].map((m) => m[1]!);
  const fromForms = [
    ...(source.includes("eventPageActionSchema") ? ["assign-trainer", "unassign-trainer", "status"] : []),
    ...(source.includes("parseRegisterPage") ? ["save", "all-present"] : []),
    ...(source.includes("all-done:") ? ["save", `all-done:${ids.sessionId}`] : []),
  ];
  const all = [...new Set([...known, ...fromForms])];
  // Routes without intents still get the full treatment once.
  return [...(all.length ? all : ["-"]), ...(source.includes("intent") ? CRAFTED_INTENTS : [])];
}

const QUERY_NAMES = [
  "q",
  "level",
  "type",
  "region",
  "mode",
  "schoolLevel",
  "role",
  "from",
  "to",
  "freeSeats",
  "page",
  "pagina",
  "stato",
  "formato",
  "codice",
  "edizione",
  "anno",
  "esito",
  "redirectTo",
  "fatto",
  "chiudi",
];

const CATALOGUE_NAMES = [
  "q",
  "level",
  "type",
  "region",
  "mode",
  "schoolLevel",
  "role",
  "from",
  "to",
  "freeSeats",
  "page",
];

function loaderAttacks(file: string, f: Fixture, source: string, role: Role, pieces?: Pieces): Attack[] {
  const query = pieces?.query ?? "";
  const queryNames = [...QUERY_NAMES, ...(pieces?.names ?? [])];
  const cookie = cookieOfRole(f, role);
  // Every search starts with "?"; the route's own good parameters (Pieces.query) go first.
  const get = (search: string) => () =>
    new Request(urlOf(file, query ? `?${query}&${search.slice(1)}` : search), {
      headers: new Headers(cookie ? { Cookie: cookie } : {}),
    });
  const attacks: Attack[] = [];
  for (const value of HOSTILE_VALUES) {
    // A lone surrogate cannot be percent-encoded: send the bytes a broken client would (an invalid UTF-8 sequence).
    const enc = value === "\ud800" ? "%ED%A0%80" : encodeURIComponent(value.slice(0, 5000));
    attacks.push({
      label: `every parameter = ${JSON.stringify(value.slice(0, 20))}`,
      request: get(`?${queryNames.map((n) => `${n}=${enc}`).join("&")}`),
      everyEngine: engineSensitive(value),
    });
  }
  const names = [
    ...QUERY_NAMES.filter(
      (n) => source.includes(`"${n}"`) || (source.includes("parseCatalogueSearch") && CATALOGUE_NAMES.includes(n)),
    ),
    ...(pieces?.names ?? []),
  ];
  for (const name of names) {
    for (const value of ["%00", "a%00b", "1e308", "99999999999", "%E0%A4%A", "2026-02-30", "x".repeat(3000)]) {
      attacks.push({ label: `${name}=${value.slice(0, 20)}`, request: get(`?${name}=${value}`), everyEngine: true });
    }
  }
  attacks.push(...(pieces?.attacks?.(f, role) ?? []).map((a) => ({ ...a, inOrder: true })));
  return attacks.filter((a) => ALL_PAYLOADS || a.everyEngine);
}

describe("hostile input", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture();
  });

  it("every action and loader answers 4xx (never 5xx) and a refused request changes no row", async () => {
    const files = fs
      .readdirSync(ROUTES_DIR)
      .filter(
        (n) =>
          n.endsWith(".tsx") &&
          (!process.env.FUZZ_ONLY || process.env.FUZZ_ONLY.split(",").some((p) => n.startsWith(p))),
      );
    const failures: string[] = [];
    let requests = 0;
    const started = Date.now();
    const cpuStarted = process.cpuUsage();
    // A refused request changes nothing, so the checksum after it is the one before the next.
    let known: string | null = null;
    for (const file of files) {
      const fileStarted = Date.now();
      const fileRequests = requests;
      // Per role, how the route answered: a signed-in route answering its role mostly 3xx/403 is not fuzzed.
      const answers = new Map<string, number>();
      const mod = (await import(path.join(ROUTES_DIR, file))) as RouteModule;
      const source = fs.readFileSync(path.join(ROUTES_DIR, file), "utf8");
      const runs: { handler: Handler; attacks: Attack[]; params: Record<string, string>[]; role: Role }[] = [];
      const pieces = await ROUTE_PIECES[file]?.(f);
      // New rows: the next action's checksum is read again.
      if (pieces) known = null;
      // The route's own pieces stand in for the shared ones, in its parameters and its forms alike.
      const rf = pieces
        ? {
            ...f,
            ids: { ...f.ids, ...pieces.ids },
            baseFields: { ...f.baseFields, ...pieces.ids },
            cookie: pieces.cookie,
          }
        : f;
      const good = paramsOf(file, rf.ids);
      // Route parameters too: NUL, huge, and encoded ones.
      const hostileParams = Object.keys(good).length
        ? [
            good,
            Object.fromEntries(Object.keys(good).map((k) => [k, "a\u0000b"])),
            Object.fromEntries(Object.keys(good).map((k) => [k, "x".repeat(5000)])),
          ]
        : [good];
      for (const role of rolesOf(file)) {
        if (mod.action)
          runs.push({
            handler: mod.action,
            attacks: actionAttacks(file, rf, intentsOf(source, rf.ids), source, role),
            params: [good],
            role,
          });
        if (mod.loader)
          runs.push({
            handler: mod.loader,
            attacks: loaderAttacks(file, rf, source, role, pieces),
            params: hostileParams,
            role,
          });
      }
      /** One hostile request (sent again if the rate limiter refused it), its answer counted and judged. */
      const attempt = async (run: (typeof runs)[number], params: Record<string, string>, attack: Attack) => {
        const isAction = run.handler === mod.action;
        const before: string | null = isAction ? (known ?? (await checksum())) : null;
        known = null;
        let { status, error, reason } = await statusOfCall(run.handler, await attack.request(), params);
        requests += 1;
        if (status === 429) {
          // The rate limiter refused it before the code under test (the enrolment and check-in
          // actions count attempts after parsing, before the model): counted, then its counters
          // start again and the same request goes once more, so every payload reaches the model.
          answers.set(`${run.role} 429`, (answers.get(`${run.role} 429`) ?? 0) + 1);
          await prisma.rateLimit.deleteMany();
          ({ status, error, reason } = await statusOfCall(run.handler, await attack.request(), params));
          requests += 1;
        }
        // With the reason a refusal names (the OpenID callback's "state", "code"…): how far the input got.
        const answer = `${run.role} ${status}${reason ? ` ${reason}` : ""}`;
        answers.set(answer, (answers.get(answer) ?? 0) + 1);
        const where = `${file} ${isAction ? "action" : "loader"} as ${run.role} [${attack.label}]${params === good ? "" : " with hostile params"}`;
        if (status >= 500)
          failures.push(`${where} → ${status} ${reason ?? ""}${String((error as Error)?.message ?? "").slice(0, 200)}`);
        if (before !== null && status >= 400 && status !== 429) {
          const after = await checksum();
          if (after !== before) failures.push(`${where} → ${status} but rows changed: ${diff(before, after)}`);
          known = after;
        }
        if (isAction && status < 400 && pieces?.reset) await pieces.reset();
      };
      for (const run of runs) {
        for (const params of run.params) {
          const attacks = params === good ? run.attacks : run.attacks.slice(0, 3);
          if (run.handler === mod.action) {
            // One at a time: the tables' checksum after each refused action is that action's alone.
            for (const attack of attacks) await attempt(run, params, attack);
            continue;
          }
          // A loader's requests have no checksum to keep apart: LOADER_CONCURRENCY at a time (on PostgreSQL the
          // pool serves them side by side), the route's own attacks (a replay after the genuine answer) in order.
          const generic = attacks.filter((a) => !a.inOrder);
          for (let i = 0; i < generic.length; i += LOADER_CONCURRENCY)
            await Promise.all(generic.slice(i, i + LOADER_CONCURRENCY).map((attack) => attempt(run, params, attack)));
          for (const attack of attacks.filter((a) => a.inOrder)) await attempt(run, params, attack);
        }
      }
      const byAnswer = [...answers].map(([answer, n]) => `${answer}×${n}`).join(", ");
      // The status classes the route answered with: a route that never answers 2xx or 3xx to its own
      // role with good parameters never got past its checks.
      const classes = [...new Set([...answers.keys()].map((a) => `${a.split(" ")[1]![0]}xx`))].sort().join(" ");
      console.log(
        `${file}: ${requests - fileRequests} requests, ${Date.now() - fileStarted} ms (${byAnswer}) [${classes}]`,
      );
    }
    const cpu = process.cpuUsage(cpuStarted);
    console.log(
      `hostile input: ${requests} requests in ${Math.round((Date.now() - started) / 1000)} s, ` +
        `${Math.round((cpu.user + cpu.system) / 1e6)} s of this process's CPU; ` +
        `${checksums.count} checksums in ${Math.round(checksums.ms / 1000)} s`,
    );
    if (failures.length) console.log(failures.join("\n"));
    expect(failures.slice(0, 40)).toEqual([]);
    expect(requests).toBeGreaterThan(2000);
  }, 300_000);
});
