// /profilo: password change, signed-in sessions and email change, against a real database and a
// real SMTP server (the confirmation link goes to the new address, the old address is told).
import { describe, expect, it } from "vitest";
import { changePassword, requestEmailChange } from "../../app/models/account.server.ts";
import {
  confirmEmailChange,
  requestPasswordReset,
  resetPassword,
  restoreEmail,
  tokenState,
} from "../../app/models/account-tokens.server.ts";
import { hashToken } from "../../app/models/account-tokens.server.ts";
import { regenerateCalendarToken } from "../../app/models/calendar-token.server.ts";
import * as personalFeedRoute from "../../app/routes/calendario.$token[.]ics.tsx";
import * as restoreRoute from "../../app/routes/ripristina-email.$token.tsx";
import { parsePayload, renderEmail } from "../../emails/index.ts";
import * as confirmRoute from "../../app/routes/conferma-nuova-email.$token.tsx";
import * as profileRoute from "../../app/routes/profilo.tsx";
import * as closeRoute from "../../app/routes/profilo_.chiudi.tsx";
import { createUserSession, getSessionUser, verifyLogin } from "../../app/utils/auth.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";
import { EMAIL_CHANGE_LIMITS } from "../../app/utils/rate-limit.server.ts";
import { createUser, TEST_PASSWORD, unique } from "../support/factories.ts";
import { callRoute, routeRequest, runRoute, statusOf, type Handler } from "../support/routes.ts";
import { to, type Inbox } from "../support/smtp.ts";
import { sendQueued, TEST_MAIL_ORIGIN, withFileMailbox } from "../support/file-mailbox.ts";

const ORIGIN = TEST_MAIL_ORIGIN;
const URL_ = "http://localhost/profilo";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI_IOS =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
let inbox: Inbox;
let mailer: Mailer;

withFileMailbox((started) => ({ inbox, mailer } = started));

const sendAll = () => sendQueued(mailer, "profile");

/** Signs in from a browser with this User-Agent: the cookie and the session id. */
async function signIn(userId: string, userAgent: string) {
  const cookie = (
    await createUserSession(new Request("http://localhost/accedi", { headers: { "User-Agent": userAgent } }), userId)
  ).split(";")[0]!;
  const session = await prisma.userSession.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: "desc" } });
  return { cookie, sessionId: session.id };
}

/** What the personal calendar feed's URL answers (200 the feed, 404 a token no account holds). */
async function feedStatus(token: string): Promise<number> {
  return (
    await runRoute(personalFeedRoute.loader as unknown as Handler, {
      url: `http://localhost/calendario/${token}.ics`,
      params: { token },
    })
  ).status;
}

type Loaded = {
  sessions: { id: string; device: string | null; current: boolean }[];
  profile: { email: string };
};

describe("sessions", () => {
  it("lists the account's sessions with device and current flag; one can be ended, another person's cannot", async () => {
    const user = await createUser();
    const other = await createUser();
    const laptop = await signIn(user.id, FIREFOX);
    const phone = await signIn(user.id, SAFARI_IOS);
    const stranger = await signIn(other.id, FIREFOX);

    const page = await runRoute(profileRoute.loader as Handler, { url: URL_, cookie: laptop.cookie });
    const sessions = (page.data as Loaded).sessions;
    expect(sessions.map((s) => [s.id, s.device, s.current]).sort()).toEqual(
      [
        [laptop.sessionId, "Firefox · Linux", true],
        [phone.sessionId, "Safari · iOS", false],
      ].sort(),
    );

    const refused = await runRoute(profileRoute.action as Handler, {
      url: URL_,
      cookie: laptop.cookie,
      form: { intent: "end-session", sessionId: stranger.sessionId },
    });
    expect(refused.status).toBe(404);
    expect(await prisma.userSession.count({ where: { id: stranger.sessionId } })).toBe(1);

    const ended = await runRoute(profileRoute.action as Handler, {
      url: URL_,
      cookie: laptop.cookie,
      form: { intent: "end-session", sessionId: phone.sessionId },
    });
    expect(ended.status).toBe(302);
    expect(await getSessionUser(new Request(URL_, { headers: { Cookie: phone.cookie } }))).toBeNull();
    expect((await getSessionUser(new Request(URL_, { headers: { Cookie: laptop.cookie } })))?.id).toBe(user.id);
    expect(
      await prisma.auditLog.count({ where: { entityType: "user", entityId: user.id, action: "sessione-chiusa" } }),
    ).toBe(1);
  });

  it("ends every other session of the account at once, keeping this one and other people's", async () => {
    const user = await createUser();
    const other = await createUser();
    const laptop = await signIn(user.id, FIREFOX);
    const phone = await signIn(user.id, SAFARI_IOS);
    const schoolPc = await signIn(user.id, FIREFOX);
    const stranger = await signIn(other.id, FIREFOX);

    const ended = await runRoute(profileRoute.action as Handler, {
      url: URL_,
      cookie: laptop.cookie,
      form: { intent: "end-other-sessions" },
    });
    expect(ended.status).toBe(302);
    expect(ended.location).toBe("/profilo?fatto=altre-sessioni-2#sessioni-titolo");
    for (const gone of [phone, schoolPc]) {
      expect(await getSessionUser(new Request(URL_, { headers: { Cookie: gone.cookie } }))).toBeNull();
    }
    expect((await getSessionUser(new Request(URL_, { headers: { Cookie: laptop.cookie } })))?.id).toBe(user.id);
    expect((await getSessionUser(new Request(URL_, { headers: { Cookie: stranger.cookie } })))?.id).toBe(other.id);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { entityType: "user", entityId: user.id, action: "altre-sessioni-chiuse" },
    });
    expect(JSON.parse(String(audit.details))).toEqual({ count: 2 });

    // Again: nothing left to end.
    const again = await runRoute(profileRoute.action as Handler, {
      url: URL_,
      cookie: laptop.cookie,
      form: { intent: "end-other-sessions" },
    });
    expect(again.location).toBe("/profilo?fatto=altre-sessioni-0#sessioni-titolo");
    expect((await getSessionUser(new Request(URL_, { headers: { Cookie: laptop.cookie } })))?.id).toBe(user.id);
  });

  it("records the last use of a session, at most every few minutes", async () => {
    const user = await createUser();
    const { cookie, sessionId } = await signIn(user.id, FIREFOX);
    const old = new Date(Date.now() - 60 * 60_000);
    await prisma.userSession.update({ where: { id: sessionId }, data: { lastUsedAt: old } });
    await getSessionUser(new Request(URL_, { headers: { Cookie: cookie } }));
    const touched = await prisma.userSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(touched.lastUsedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("shares one lookup between the loaders of one page (same load context, GET), never across pages or for a POST", async () => {
    const user = await createUser();
    const { cookie, sessionId } = await signIn(user.id, FIREFOX);
    const get = () => new Request(URL_, { headers: { Cookie: cookie } });
    const post = () => new Request(URL_, { method: "POST", headers: { Cookie: cookie } });
    const page = {};
    // The root loader and the page's loader: separate Request objects (Remix makes one per loader).
    const [rootUser, pageUser] = await Promise.all([getSessionUser(get(), page), getSessionUser(get(), page)]);
    expect(rootUser?.id).toBe(user.id);
    expect(pageUser).toBe(rootUser);

    // Signed out: the same page's loaders keep what they read, the next page (a new context) does
    // not, nor does a POST in the same context, nor a caller without a context.
    await prisma.userSession.delete({ where: { id: sessionId } });
    expect(await getSessionUser(get(), page)).toBe(rootUser);
    expect(await getSessionUser(get(), {})).toBeNull();
    expect(await getSessionUser(post(), page)).toBeNull();
    expect(await getSessionUser(get())).toBeNull();
  });
});

describe("password change", () => {
  it("needs the current password and a strong new one; then ends every other session, audited", async () => {
    const user = await createUser();
    const here = await signIn(user.id, FIREFOX);
    const elsewhere = await signIn(user.id, SAFARI_IOS);
    const newPassword = "nuovaPassword2027";

    const wrong = await runRoute(profileRoute.action as Handler, {
      url: URL_,
      cookie: here.cookie,
      form: { intent: "password", currentPassword: "sbagliata123", newPassword },
    });
    expect(wrong.status).toBe(400);
    const wrongErrors = (wrong.data as { result: { error: Record<string, string[]> } }).result.error;
    expect(wrongErrors.currentPassword).toEqual(["La password attuale non è corretta."]);

    const weak = await runRoute(profileRoute.action as Handler, {
      url: URL_,
      cookie: here.cookie,
      form: { intent: "password", currentPassword: TEST_PASSWORD, newPassword: "corta1" },
    });
    expect(weak.status).toBe(400);
    expect((weak.data as { result: { error: Record<string, string[]> } }).result.error.newPassword).toEqual([
      "validation.passwordWeak",
    ]);
    expect(await verifyLogin(user.email, TEST_PASSWORD)).not.toBeNull();
    expect(await prisma.userSession.count({ where: { userId: user.id } })).toBe(2);

    const changed = await runRoute(profileRoute.action as Handler, {
      url: URL_,
      cookie: here.cookie,
      form: { intent: "password", currentPassword: TEST_PASSWORD, newPassword },
    });
    expect(changed.status).toBe(302);
    expect(changed.location).toBe("/profilo?fatto=password-1#password-titolo");
    expect(await verifyLogin(user.email, TEST_PASSWORD)).toBeNull();
    expect(await verifyLogin(user.email, newPassword)).toEqual({ id: user.id });
    expect(await getSessionUser(new Request(URL_, { headers: { Cookie: elsewhere.cookie } }))).toBeNull();
    expect((await getSessionUser(new Request(URL_, { headers: { Cookie: here.cookie } })))?.id).toBe(user.id);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { entityType: "user", entityId: user.id, action: "password-modificata" },
    });
    expect(JSON.parse(audit.details)).toEqual({ endedSessions: 1 });
    expect(audit.details).not.toContain(newPassword);
  });
});

describe("the current password asked again", () => {
  it("is limited as sign-ins are: a stolen session cannot guess it on /profilo or /profilo/chiudi", async () => {
    const user = await createUser();
    const { cookie } = await signIn(user.id, FIREFOX);
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}-${unique("ip")}`;
    /** A POST from this client address (server.js sets the header from the connection). */
    const post = (handler: unknown, url: string, form: Record<string, string>) => {
      const request = routeRequest(url, { cookie, form });
      request.headers.set("x-forma-client-ip", ip);
      return callRoute(handler as Handler, request);
    };
    const limit = Number(process.env.LOGIN_RATE_LIMIT ?? 10);
    const newPassword = "nuovaPassword2027";
    for (let i = 0; i < limit; i++) {
      const form: Record<string, string> =
        i % 2 === 0
          ? { intent: "password", currentPassword: `tentativo${i}`, newPassword }
          : { intent: "email", currentPassword: `tentativo${i}`, newEmail: `${unique("nuovo")}@example.it` };
      expect(statusOf(await post(profileRoute.action, URL_, form))).toBe(400);
    }
    // Past the limit even the right password is refused, on every form that asks for it.
    const changed = await post(profileRoute.action, URL_, {
      intent: "password",
      currentPassword: TEST_PASSWORD,
      newPassword,
    });
    expect(statusOf(changed)).toBe(429);
    const closing = await post(closeRoute.action, "http://localhost/profilo/chiudi", {
      currentPassword: TEST_PASSWORD,
      confirm: "on",
    });
    expect(statusOf(closing)).toBe(429);
    expect(await verifyLogin(user.email, TEST_PASSWORD)).toEqual({ id: user.id });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).closedAt).toBeNull();
    expect(await prisma.accountToken.count({ where: { userId: user.id, purpose: "cambio-email" } })).toBe(0);
  });
});

describe("email change", () => {
  it("sends a link to the new address; GET changes nothing; POST switches the address and tells the old one", async () => {
    const oldEmail = `${unique("vecchia")}@scuola.example.it`;
    const newEmail = `${unique("nuova")}@scuola.example.it`;
    const user = await createUser({ email: oldEmail });
    const { cookie } = await signIn(user.id, FIREFOX);
    const ask = (form: Record<string, string>) =>
      runRoute(profileRoute.action as Handler, { url: URL_, cookie, form: { intent: "email", ...form } });
    const errorsOf = (r: { data: unknown }) => (r.data as { result: { error: Record<string, string[]> } }).result.error;

    expect(errorsOf(await ask({ newEmail: "non-un-indirizzo", currentPassword: TEST_PASSWORD })).newEmail).toEqual([
      "validation.email",
    ]);
    expect(errorsOf(await ask({ newEmail, currentPassword: "sbagliata123" })).currentPassword).toEqual([
      "La password attuale non è corretta.",
    ]);
    expect(errorsOf(await ask({ newEmail: oldEmail.toUpperCase(), currentPassword: TEST_PASSWORD })).newEmail).toEqual([
      "È già il tuo indirizzo.",
    ]);
    expect(await prisma.accountToken.count({ where: { userId: user.id, purpose: "cambio-email" } })).toBe(0);

    const asked = await ask({ newEmail: newEmail.toUpperCase(), currentPassword: TEST_PASSWORD });
    expect(asked.status).toBe(302);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(oldEmail);
    const token = await prisma.accountToken.findFirstOrThrow({ where: { userId: user.id, purpose: "cambio-email" } });
    expect(token.newEmail).toBe(newEmail);
    expect(token.expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);

    await sendAll();
    const mail = to(inbox, newEmail).find((m) => m.subject?.includes("Conferma il nuovo indirizzo email"));
    expect(mail).toBeDefined();
    expect(to(inbox, oldEmail)).toHaveLength(0);
    const raw = new RegExp(`${ORIGIN}/conferma-nuova-email/([A-Za-z0-9_-]{43})`).exec(mail!.text ?? "")?.[1];
    expect(raw).toBeDefined();
    const sentNote = await prisma.notification.findFirstOrThrow({ where: { userId: user.id, kind: "cambio-email" } });
    expect(sentNote.deliveryStatus).toBe("inviata");
    expect(sentNote.payload).not.toContain(raw!);
    expect(sentNote.payload).not.toContain(newEmail);

    const page = await runRoute(confirmRoute.loader as Handler, { url: "http://localhost/x", params: { token: raw! } });
    expect(page.data).toEqual({ state: "valid", address: newEmail });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(oldEmail);

    const done = await runRoute(confirmRoute.action as Handler, {
      url: "http://localhost/x",
      params: { token: raw! },
      form: {},
    });
    expect(done.data).toEqual({ done: true, state: null, titleOutcome: "outcome.emailChanged" });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.email).toBe(newEmail);
    expect(after.emailVerifiedAt).not.toBeNull();
    expect(await verifyLogin(newEmail, TEST_PASSWORD)).toEqual({ id: user.id });
    expect(await verifyLogin(oldEmail, TEST_PASSWORD)).toBeNull();
    expect(
      await prisma.auditLog.count({ where: { entityType: "user", entityId: user.id, action: "email-modificata" } }),
    ).toBe(1);

    await sendAll();
    const told = to(inbox, oldEmail);
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toContain("L'indirizzo email del tuo account Forma è cambiato");
    expect(told[0]!.text).toContain(newEmail);

    const again = await runRoute(confirmRoute.action as Handler, {
      url: "http://localhost/x",
      params: { token: raw! },
      form: {},
    });
    expect(again.status).toBe(410);
  });

  it("refuses the link when another account took the address meanwhile, changing nothing", async () => {
    const user = await createUser();
    const newEmail = `${unique("contesa")}@scuola.example.it`;
    const { cookie } = await signIn(user.id, FIREFOX);
    await runRoute(profileRoute.action as Handler, {
      url: URL_,
      cookie,
      form: { intent: "email", newEmail, currentPassword: TEST_PASSWORD },
    });
    await sendAll();
    const raw = new RegExp(`${ORIGIN}/conferma-nuova-email/([A-Za-z0-9_-]{43})`).exec(
      to(inbox, newEmail)[0]?.text ?? "",
    )?.[1];
    expect(raw).toBeDefined();
    await createUser({ email: newEmail });
    const refused = await runRoute(confirmRoute.action as Handler, {
      url: "http://localhost/x",
      params: { token: raw! },
      form: {},
    });
    expect(refused.status).toBe(409);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });
});

describe("email change, asked again and again", () => {
  it("sends at most EMAIL_CHANGE_LIMITS.perUser links an hour per account, then says so under the address it keeps", async () => {
    const user = await createUser();
    const { cookie } = await signIn(user.id, FIREFOX);
    const target = `${unique("bersaglio")}@example.org`;
    const ask = () =>
      runRoute(profileRoute.action as Handler, {
        url: URL_,
        cookie,
        form: { intent: "email", newEmail: target, currentPassword: TEST_PASSWORD },
      });
    for (let i = 0; i < EMAIL_CHANGE_LIMITS.perUser; i++) expect((await ask()).status).toBe(302);
    const refused = await ask();
    expect(refused.status).toBe(429);
    const result = (
      refused.data as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }
    ).result;
    expect(result.error.newEmail).toEqual([
      "Hai già chiesto diversi cambi di indirizzo nell'ultima ora: riprova tra 60 minuti.",
    ]);
    expect(result.initialValue.newEmail).toBe(target);
    // Nothing more was written or queued for that mailbox.
    expect(await prisma.notification.count({ where: { userId: user.id, kind: "cambio-email" } })).toBe(
      EMAIL_CHANGE_LIMITS.perUser,
    );
    expect(await prisma.accountToken.count({ where: { userId: user.id, purpose: "cambio-email" } })).toBe(
      EMAIL_CHANGE_LIMITS.perUser,
    );
  });

  it("counts an address that has an account the same (the answers stay alike), and the change by identity too", async () => {
    const user = await createUser();
    const holder = await createUser();
    const ip = unique("ip");
    for (let i = 0; i < EMAIL_CHANGE_LIMITS.perUser; i++) {
      expect(await requestEmailChange(user.id, holder.email, { currentPassword: TEST_PASSWORD, ip })).toEqual({
        ok: true,
      });
    }
    expect(
      await requestEmailChange(user.id, `${unique("libera")}@example.org`, { currentPassword: TEST_PASSWORD, ip }),
    ).toMatchObject({ ok: false, reason: "too-many-changes" });
    expect(await requestEmailChange(user.id, `${unique("libera")}@example.org`, "identity-confirmed")).toMatchObject({
      ok: false,
      reason: "too-many-changes",
    });
    expect(await prisma.accountToken.count({ where: { userId: user.id, purpose: "cambio-email" } })).toBe(0);
  });
});

describe("email change and the links sent to the old address", () => {
  it("spends a password-reset link the old address received: the mailbox the account left cannot take it back", async () => {
    const user = await createUser();
    const newEmail = `${unique("nuova")}@scuola.example.it`;
    await requestPasswordReset(user.email);
    const resetNote = await prisma.notification.findFirstOrThrow({
      where: { userId: user.id, kind: "reimposta-password" },
    });
    const resetRaw = (JSON.parse(resetNote.payload) as { token: string }).token;
    expect(await requestEmailChange(user.id, newEmail, { currentPassword: TEST_PASSWORD, ip: unique("ip") })).toEqual({
      ok: true,
    });
    const changeNote = await prisma.notification.findFirstOrThrow({ where: { userId: user.id, kind: "cambio-email" } });
    const changeRaw = (JSON.parse(changeNote.payload) as { token: string }).token;
    expect(await confirmEmailChange(changeRaw)).toMatchObject({ ok: true });

    expect(await tokenState(resetRaw, "reimposta-password")).toBe("used");
    expect(await resetPassword(resetRaw, "nuovaPassword2027")).toEqual({ ok: false, state: "used" });
    expect(await verifyLogin(newEmail, TEST_PASSWORD)).toEqual({ id: user.id });
  });
});

describe("a new password and a pending change of address", () => {
  /** An email change someone who knew the password asked for: the raw token of its link. */
  async function pendingChange(userId: string) {
    const to = `${unique("altrui")}@example.it`;
    expect(await requestEmailChange(userId, to, { currentPassword: TEST_PASSWORD, ip: unique("ip") })).toEqual({
      ok: true,
    });
    const note = await prisma.notification.findFirstOrThrow({
      where: { userId, kind: "cambio-email" },
      orderBy: { createdAt: "desc" },
    });
    return (JSON.parse(note.payload) as { token: string }).token;
  }

  it("a password reset spends it: whoever knew the old password cannot move the account afterwards", async () => {
    const user = await createUser();
    const change = await pendingChange(user.id);
    await requestPasswordReset(user.email);
    const note = await prisma.notification.findFirstOrThrow({ where: { userId: user.id, kind: "reimposta-password" } });
    const reset = (JSON.parse(note.payload) as { token: string }).token;
    expect(await resetPassword(reset, "nuovaPassword2027")).toMatchObject({ ok: true });
    // The reset is in the account's history, as a password change from the profile is.
    expect(
      await prisma.auditLog.findFirst({
        where: { entityType: "user", entityId: user.id, action: "password-reimpostata" },
        select: { actorId: true },
      }),
    ).toEqual({ actorId: user.id });
    expect(await confirmEmailChange(change)).toEqual({ ok: false, state: "used" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });

  it("a reset that confirms an address never confirmed drops the digital identities, codice fiscale and calendar feed attached before", async () => {
    // Someone signs up with another person's address (never confirmed: they cannot read that mailbox) and links
    // their own SPID; the owner later resets the password from her mailbox. The SPID would still have opened
    // her account, and its codice fiscale blocked her own SPID.
    // The same for the personal calendar feed's URL (review 0019, teacher, finding 2): made by whoever signed up,
    // it kept showing them every course the owner then enrolled in, with dates, venues and room links.
    /**
     * An account with a codice fiscale, a SPID identity and a calendar feed, whose password is then reset from its
     * mailbox.
     */
    const linkedThenReset = async (emailVerifiedAt: Date | null) => {
      const user = await createUser({ emailVerifiedAt });
      const fiscalCode = `RSSMRA80A01H${unique("").slice(-3).toUpperCase()}U`;
      await prisma.user.update({ where: { id: user.id }, data: { fiscalCode } });
      const feedToken = await regenerateCalendarToken(user.id);
      expect(await feedStatus(feedToken)).toBe(200);
      await prisma.userIdentity.create({
        data: { userId: user.id, provider: "spid", issuer: "https://idp.example.it", subject: unique("spid") },
      });
      await requestPasswordReset(user.email);
      const note = await prisma.notification.findFirstOrThrow({
        where: { userId: user.id, kind: "reimposta-password" },
      });
      const token = (JSON.parse(note.payload) as { token: string }).token;
      expect(await resetPassword(token, "nuovaPassword2027")).toMatchObject({ ok: true });
      const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      const audit = await prisma.auditLog.findFirstOrThrow({
        where: { entityId: user.id, action: "password-reimpostata" },
      });
      return {
        fiscalCode,
        after,
        identities: await prisma.userIdentity.count({ where: { userId: user.id } }),
        feed: await feedStatus(feedToken),
        audit: JSON.parse(audit.details) as Record<string, unknown>,
      };
    };
    const pretaken = await linkedThenReset(null);
    expect(pretaken.identities).toBe(0);
    expect(pretaken.after).toMatchObject({ fiscalCode: null, emailVerifiedAt: expect.any(Date), calendarToken: null });
    expect(pretaken.feed).toBe(404);
    expect(pretaken.audit).toMatchObject({ unlinkedIdentities: 1, calendarFeedRevoked: true });
    // A confirmed account keeps what its owner linked, and its feed.
    const confirmed = await linkedThenReset(new Date());
    expect(confirmed.identities).toBe(1);
    expect(confirmed.after.fiscalCode).toBe(confirmed.fiscalCode);
    expect(confirmed.feed).toBe(200);
    expect(confirmed.audit).not.toHaveProperty("calendarFeedRevoked");
  });

  it("an address another account takes while the change is being confirmed: told as taken, nothing changed, the link unused", async () => {
    const user = await createUser();
    const newEmail = `${unique("contesa")}@scuola.example.it`;
    expect(await requestEmailChange(user.id, newEmail, { currentPassword: TEST_PASSWORD, ip: unique("ip") })).toEqual({
      ok: true,
    });
    const note = await prisma.notification.findFirstOrThrow({ where: { userId: user.id, kind: "cambio-email" } });
    const change = (JSON.parse(note.payload) as { token: string }).token;
    // A sign-up with that address is being written (not yet committed) when the owner presses "Conferma".
    let written!: () => void;
    const started = new Promise<void>((resolve) => (written = resolve));
    const signUp = prisma.$transaction(async (tx) => {
      await tx.user.create({
        data: {
          email: newEmail,
          firstName: "Altra",
          lastName: "Persona",
          schoolLevel: "primaria",
          regionCode: "lazio",
          professionalRole: "docente",
        },
      });
      written();
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await started;
    expect(await confirmEmailChange(change)).toEqual({ ok: false, state: "taken" });
    await signUp;
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
    expect(await tokenState(change, "cambio-email")).toBe("valid");
  });

  it("a password change spends it too", async () => {
    const user = await createUser();
    const change = await pendingChange(user.id);
    expect(await changePassword(user.id, null, TEST_PASSWORD, "nuovaPassword2027", unique("ip"))).toMatchObject({
      ok: true,
    });
    expect(await confirmEmailChange(change)).toEqual({ ok: false, state: "used" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });
});

describe("email change to an address that has an account", () => {
  it("answers exactly as for a free address, sends no link, and tells that address's owner instead", async () => {
    const user = await createUser();
    const takenEmail = `${unique("occupata")}@scuola.example.it`;
    const freeEmail = `${unique("libera")}@scuola.example.it`;
    const holder = await createUser({ email: takenEmail });
    const { cookie } = await signIn(user.id, FIREFOX);
    const ask = (newEmail: string) =>
      runRoute(profileRoute.action as Handler, {
        url: URL_,
        cookie,
        form: { intent: "email", newEmail, currentPassword: TEST_PASSWORD },
      });

    const free = await ask(freeEmail);
    const taken = await ask(takenEmail.toUpperCase());
    // Same status, same place, same page: nothing tells the two apart.
    expect({ status: taken.status, location: taken.location }).toEqual({
      status: free.status,
      location: free.location,
    });
    expect(taken.location).toBe("/profilo?fatto=email#email-titolo");
    // The earlier (free) link is spent as after any new request; no link names the taken address.
    const tokens = await prisma.accountToken.findMany({ where: { userId: user.id, purpose: "cambio-email" } });
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.usedAt).not.toBeNull();
    expect(tokens.map((t) => t.newEmail)).not.toContain(takenEmail);
    // A second request within the hour writes no second message to the owner.
    expect((await ask(takenEmail)).location).toBe(free.location);

    await sendAll();
    const toHolder = to(inbox, takenEmail);
    expect(toHolder.map((m) => m.subject)).toEqual([
      "Il tuo indirizzo è stato indicato per un altro account Forma · Forma",
    ]);
    expect(toHolder[0]!.text).not.toContain("conferma-nuova-email");
    expect(toHolder[0]!.text).not.toContain(user.email);
    expect(await prisma.notification.count({ where: { userId: holder.id, kind: "email-in-uso" } })).toBe(1);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: holder.id } })).email).toBe(takenEmail);
  });
});

describe("an email change its owner did not make", () => {
  /** Changes the account's address as whoever holds its session and password would, confirmed from the new mailbox. */
  async function changeAddress(userId: string, newEmail: string) {
    expect(await requestEmailChange(userId, newEmail, { currentPassword: TEST_PASSWORD, ip: unique("ip") })).toEqual({
      ok: true,
    });
    const note = await prisma.notification.findFirstOrThrow({
      where: { userId, kind: "cambio-email" },
      orderBy: { createdAt: "desc" },
    });
    expect(await confirmEmailChange((JSON.parse(note.payload) as { token: string }).token)).toMatchObject({ ok: true });
    const notice = await prisma.notification.findFirstOrThrow({
      where: { userId, kind: "email-modificata" },
      orderBy: { createdAt: "desc" },
    });
    return (JSON.parse(notice.payload) as { token: string; to: string }).token;
  }

  it("a notice that leaves after its link stopped working (a retry days later) goes without the dead link", async () => {
    // The notice is still worth sending (the address changed), but its 7-day link answered "expired" or "used"
    // to whoever opened it: it leaves without the link, and its last sentence says whom to write to instead.
    const owner = await createUser();
    const restore = await changeAddress(owner.id, `${unique("scaduto")}@posta.example.org`);
    await prisma.accountToken.updateMany({
      where: { tokenHash: hashToken(restore) },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    await sendAll();
    const [notice] = to(inbox, owner.email).filter((m) =>
      (m.subject ?? "").startsWith("L'indirizzo email del tuo account"),
    );
    expect(notice, "the notice reaches the address left").toBeDefined();
    expect(notice!.text).not.toContain("/ripristina-email/");
    expect(notice!.html).not.toContain("/ripristina-email/");
    expect(notice!.text).toContain("se il link è scaduto, scrivi");
    expect(
      await prisma.notification.findFirstOrThrow({ where: { userId: owner.id, kind: "email-modificata" } }),
    ).toMatchObject({ deliveryStatus: "inviata" });
  });

  it("the notice to the address left undoes it: the address back, sessions ended, password removed, identities linked since unlinked, calendar feed revoked, every other link spent", async () => {
    const owner = await createUser();
    const before = await prisma.userIdentity.create({
      data: {
        userId: owner.id,
        provider: "cie",
        issuer: "https://cie.example.it",
        subject: unique("cie"),
        linkedAt: new Date(Date.now() - 86_400_000),
      },
    });
    const hijacker = await signIn(owner.id, FIREFOX);
    const first = `${unique("presa")}@posta.example.org`;
    const restoreToOwner = await changeAddress(owner.id, first);
    // Whoever made the change subscribes to the account's calendar feed (review 0019, teacher, finding 2).
    const feedToken = await regenerateCalendarToken(owner.id);
    expect(await feedStatus(feedToken)).toBe(200);
    // Whoever made the change links a SPID of theirs and moves the account again: that notice goes to them.
    await prisma.userIdentity.create({
      data: { userId: owner.id, provider: "spid", issuer: "https://spid.example.it", subject: unique("spid") },
    });
    const restoreToHijacker = await changeAddress(owner.id, `${unique("ancora")}@posta.example.org`);

    // The notice the owner gets, in both languages, carries the link.
    const notice = await prisma.notification.findFirstOrThrow({
      where: { userId: owner.id, kind: "email-modificata", payload: { contains: owner.email } },
    });
    const email = renderEmail("email-modificata", parsePayload(notice.payload), {
      locale: "it",
      origin: ORIGIN,
      contactEmail: "formazione@forma.example.it",
      firstName: "Maria",
    });
    expect(email.text).toContain(`/ripristina-email/${restoreToOwner}`);
    expect(email.text).toContain("l'account torna a questo indirizzo");

    // GET names the address and changes nothing; the POST restores.
    const page = await runRoute(restoreRoute.loader as Handler, {
      url: "http://localhost/x",
      params: { token: restoreToOwner },
    });
    expect(page).toMatchObject({ data: { state: "valid", address: owner.email } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).email).not.toBe(owner.email);
    const done = await runRoute(restoreRoute.action as Handler, {
      url: "http://localhost/x",
      params: { token: restoreToOwner },
      form: {},
    });
    expect(done).toMatchObject({ data: { done: true, address: owner.email } });

    const after = await prisma.user.findUniqueOrThrow({ where: { id: owner.id }, include: { identities: true } });
    expect(after.email).toBe(owner.email);
    expect(after.emailVerifiedAt).not.toBeNull();
    expect(await prisma.userSession.count({ where: { id: hijacker.sessionId } })).toBe(0);
    expect(await verifyLogin(owner.email, TEST_PASSWORD)).toBeNull();
    expect(after.identities.map((i) => i.id)).toEqual([before.id]);
    // Their subscription no longer answers.
    expect(after.calendarToken).toBeNull();
    expect(await feedStatus(feedToken)).toBe(404);
    // The later change's own link, in the hijacker's mailbox, no longer takes the account back to them.
    expect(await restoreEmail(restoreToHijacker)).toEqual({ ok: false, state: "used" });
    expect(await restoreEmail(restoreToOwner)).toEqual({ ok: false, state: "used" });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { entityId: owner.id, action: "email-ripristinata" },
    });
    expect(JSON.parse(audit.details)).toMatchObject({
      to: owner.email,
      passwordRemoved: true,
      unlinkedIdentities: 1,
      calendarFeedRevoked: true,
    });
    // The owner chooses a new password: the reset link now reaches her.
    await requestPasswordReset(owner.email);
    const reset = await prisma.notification.findFirstOrThrow({
      where: { userId: owner.id, kind: "reimposta-password" },
    });
    expect(
      await resetPassword((JSON.parse(reset.payload) as { token: string }).token, "nuovaPassword2027"),
    ).toMatchObject({
      ok: true,
    });
    expect(await verifyLogin(owner.email, "nuovaPassword2027")).toEqual({ id: owner.id });
    await prisma.notification.deleteMany({ where: { userId: owner.id } });
  });

  it("an old address never confirmed (a typo at sign-up) gets no notice and no link: its mailbox may be a stranger's", async () => {
    const typo = `${unique("mario.rossi")}@gmial.example.com`;
    const teacher = await createUser({ email: typo, emailVerifiedAt: null });
    const right = `${unique("mario.rossi")}@scuola.example.it`;
    expect(await requestEmailChange(teacher.id, right, { currentPassword: TEST_PASSWORD, ip: unique("ip") })).toEqual({
      ok: true,
    });
    const note = await prisma.notification.findFirstOrThrow({ where: { userId: teacher.id, kind: "cambio-email" } });
    expect(await confirmEmailChange((JSON.parse(note.payload) as { token: string }).token)).toMatchObject({ ok: true });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: teacher.id } });
    expect(after.email).toBe(right);
    expect(after.emailVerifiedAt).not.toBeNull();
    // No link that would give the typo address the account back, confirmed and without a password.
    expect(await prisma.accountToken.count({ where: { userId: teacher.id, purpose: "ripristina-email" } })).toBe(0);
    expect(await prisma.notification.count({ where: { userId: teacher.id, kind: "email-modificata" } })).toBe(0);
    await sendAll();
    expect(to(inbox, typo)).toHaveLength(0);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { entityId: teacher.id, action: "email-modificata" },
    });
    expect(JSON.parse(audit.details)).toEqual({ from: typo, to: right, fromUnconfirmed: true });
    // The password still works at the new address: nothing was taken from the teacher.
    expect(await verifyLogin(right, TEST_PASSWORD)).toEqual({ id: teacher.id });
  });

  it("refuses when another account has taken the address meanwhile, changing nothing and keeping the link", async () => {
    const owner = await createUser();
    const moved = `${unique("presa")}@posta.example.org`;
    const restore = await changeAddress(owner.id, moved);
    const taker = await createUser({ email: owner.email });
    expect(await restoreEmail(restore)).toEqual({ ok: false, state: "taken" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).email).toBe(moved);
    expect(await tokenState(restore, "ripristina-email")).toBe("valid");
    expect(await verifyLogin(moved, TEST_PASSWORD)).toEqual({ id: owner.id });
    await prisma.notification.deleteMany({ where: { userId: { in: [owner.id, taker.id] } } });
  });
});
