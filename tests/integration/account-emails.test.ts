// Account confirmation and password reset through the routes' loaders and actions, against a
// real database (SQLite or PostgreSQL, DATABASE_URL) and a real SMTP server.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PRIVACY_NOTICE_VERSION } from "../../app/domain/privacy-notice.ts";
import { requestPasswordReset, tokenState } from "../../app/models/account-tokens.server.ts";
import * as confirmRoute from "../../app/routes/conferma-email.$token.tsx";
import * as forgotRoute from "../../app/routes/password-dimenticata.tsx";
import * as resetRoute from "../../app/routes/reimposta-password.$token.tsx";
import * as signupRoute from "../../app/routes/registrati.tsx";
import { createUserSession, verifyLogin } from "../../app/utils/auth.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";
import { createUser, TEST_PASSWORD, unique } from "../support/factories.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { to, type Inbox } from "../support/smtp.ts";
import { sendQueued, TEST_MAIL_ORIGIN, withFileMailbox } from "../support/file-mailbox.ts";

const ORIGIN = TEST_MAIL_ORIGIN;
let inbox: Inbox;
let mailer: Mailer;

withFileMailbox((started) => ({ inbox, mailer } = started));

const sendAll = () => sendQueued(mailer, "acc");

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => unknown;

/** Runs a loader or action: status and JSON body of what it returned or threw. */
async function call(handler: Handler, url: string, params: Record<string, string>, form?: Record<string, string>) {
  const init: RequestInit = form ? { method: "POST", body: new URLSearchParams(form) } : {};
  const request = new Request(`http://localhost${url}`, init);
  let result: unknown;
  try {
    result = await handler({ request, params, context: {} });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, headers: result.headers, body: null as unknown };
  const d = result as { type?: string; data: unknown; init?: { status?: number } | null };
  return { status: d.init?.status ?? 200, headers: new Headers(), body: d.data as Record<string, unknown> };
}

/** What the reset page's action answered with: the outcome for the tab title. */
type Answer = { titleOutcome?: string };

/** The page's <h1> text. */
const headingOf = (html: string) => textOf(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? "").trim();

/** The reset page's <title> from its meta, with its loader's data; `posted`: drawn as the answer to its form. */
function titleOf(data: unknown, locale: "it" | "en", posted = false): string {
  const meta = resetRoute.meta as unknown as (args: unknown) => { title?: string }[];
  return meta({
    data,
    matches: [
      { id: "root", data: { locale, answersSubmission: posted } },
      { id: "routes/reimposta-password.$token", data },
    ],
  }).find((m) => m.title)!.title!;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const linkToken = (text: string, path: string) => new RegExp(`${ORIGIN}/${path}/([A-Za-z0-9_-]{43})`).exec(text)?.[1];

describe("account confirmation", () => {
  it("sign-up writes a hashed 7-day token and an email with the link; GET changes nothing, POST confirms once", async () => {
    const email = `${unique("nuova")}@scuola.example.it`;
    const before = Date.now();
    const signup = await call(
      signupRoute.action as Handler,
      "/registrati",
      {},
      {
        firstName: "Giulia",
        lastName: "Bianchi",
        email,
        password: "insegnare2026",
        schoolLevel: "primaria",
        regionCode: "toscana",
        professionalRole: "docente",
      },
    );
    expect(signup.status).toBe(302);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).toBeNull();
    // The sign-up form links the privacy notice in force: the account records which version it was.
    expect(user.privacyVersion).toBe(PRIVACY_NOTICE_VERSION);
    expect(user.privacyAcceptedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(user.privacyAcceptedAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const token = await prisma.accountToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(token.purpose).toBe("conferma-email");
    expect(token.expiresAt.getTime() - before).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(token.expiresAt.getTime() - before).toBeLessThan(7 * 86_400_000 + 60_000);
    const note = await prisma.notification.findFirstOrThrow({ where: { userId: user.id, kind: "conferma-email" } });
    expect(note.enrolmentId).toBeNull();

    await sendAll();
    const mail = to(inbox, email).find((m) => m.subject?.startsWith("Conferma il tuo indirizzo"))!;
    const raw = linkToken(mail.text ?? "", "conferma-email")!;
    expect(raw).toBeDefined();
    expect(sha256(raw)).toBe(token.tokenHash);
    expect(token.tokenHash).not.toContain(raw);
    // Sent: the raw token has left the outbox.
    const sent = await prisma.notification.findUniqueOrThrow({ where: { id: note.id } });
    expect(sent.deliveryStatus).toBe("inviata");
    expect(sent.payload).not.toContain(raw);

    const page = await call(confirmRoute.loader as Handler, "/x", { token: raw });
    // A sign-up with a password: the page names no identity the account was made with (ADR 0014).
    expect(page.body).toEqual({ state: "valid", madeWith: null, returnTo: null });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();

    const confirmed = await call(confirmRoute.action as Handler, "/x", { token: raw }, {});
    expect(confirmed.body).toMatchObject({ done: true });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull();
    const again = await call(confirmRoute.action as Handler, "/x", { token: raw }, {});
    expect(again).toMatchObject({ status: 410, body: { done: false, state: "used" } });
    expect((await call(confirmRoute.loader as Handler, "/x", { token: raw })).body).toEqual({
      state: "used",
      madeWith: null,
      returnTo: null,
    });
    expect((await call(confirmRoute.loader as Handler, "/x", { token: "a".repeat(43) })).body).toEqual({
      state: "unknown",
      madeWith: null,
      returnTo: null,
    });
    // A confirmation token is not a reset token.
    expect(await tokenState(raw, "reimposta-password")).toBe("unknown");
  });
});

describe("password reset", () => {
  it("answers the same for an unknown email and sends nothing", async () => {
    const known = await createUser();
    const unknownEmail = `${unique("nessuno")}@scuola.example.it`;
    const a = await call(forgotRoute.action as Handler, "/password-dimenticata", {}, { email: unknownEmail });
    const b = await call(
      forgotRoute.action as Handler,
      "/password-dimenticata",
      {},
      { email: known.email.toUpperCase() },
    );
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body).toMatchObject({ sent: true });
    expect(JSON.stringify(a.body)).toBe(JSON.stringify(b.body));
    expect(await prisma.notification.count({ where: { kind: "reimposta-password", userId: known.id } })).toBe(1);
    await sendAll();
    expect(inbox.received.filter((m) => JSON.stringify(m.to).includes(unknownEmail))).toHaveLength(0);
    expect(to(inbox, known.email).filter((m) => m.subject?.startsWith("Reimposta"))).toHaveLength(1);
  });

  it("to an account without a password the link is to choose one, not to reset it (ADR 0014, 07/12/2026)", async () => {
    const withPassword = await createUser();
    const without = await createUser();
    await prisma.password.delete({ where: { userId: without.id } });
    for (const { email } of [withPassword, without]) {
      await call(forgotRoute.action as Handler, "/password-dimenticata", {}, { email });
    }
    const payloads = await prisma.notification.findMany({
      where: { kind: "reimposta-password", userId: { in: [withPassword.id, without.id] } },
      select: { userId: true, payload: true },
    });
    const flagOf = (userId: string) =>
      (JSON.parse(payloads.find((n) => n.userId === userId)!.payload) as { firstPassword?: boolean }).firstPassword;
    expect(flagOf(withPassword.id)).toBeUndefined();
    expect(flagOf(without.id)).toBe(true);
    await sendAll();
    expect(to(inbox, withPassword.email).map((m) => m.subject)).toEqual(["Reimposta la tua password · Forma"]);
    expect(to(inbox, without.email).map((m) => m.subject)).toEqual([
      "Scegli una password per il tuo account Forma · Forma",
    ]);
  });

  it("its page to an account without a password says to choose one and that it is set, as the email does", async () => {
    // ADR 0014, addenda of 07/12/2026: the page decides by the rule that writes the email's firstPassword.
    const withPassword = await createUser();
    const without = await createUser();
    await prisma.password.delete({ where: { userId: without.id } });
    const cases = [
      {
        user: without,
        first: true,
        it: { title: "Scegli una password", done: "Password impostata.", tab: "Scegli una password · Forma" },
        en: { title: "Choose a password", done: "Password set.", tab: "Choose a password · Forma" },
      },
      {
        user: withPassword,
        first: false,
        it: { title: "Scegli una nuova password", done: "Password aggiornata.", tab: "Reimposta la password · Forma" },
        en: { title: "Choose a new password", done: "Password updated.", tab: "Reset your password · Forma" },
      },
    ];
    for (const { user, first, ...texts } of cases) {
      await requestPasswordReset(user.email);
      const row = await prisma.notification.findFirstOrThrow({
        where: { kind: "reimposta-password", userId: user.id },
      });
      const token = (JSON.parse(row.payload) as { token: string }).token;
      const url = `http://localhost/reimposta-password/${token}`;
      const page = await call(resetRoute.loader as Handler, "/x", { token });
      expect(page.body).toEqual({ state: "valid", firstPassword: first });
      const answer = await call(resetRoute.action as Handler, "/x", { token }, { password: "laMiaPassword2027" });
      expect(answer.body).toMatchObject({ done: true, firstPassword: first });
      expect(await verifyLogin(user.email, "laMiaPassword2027")).toEqual({ id: user.id });
      // The loader after the POST (a document POST without JavaScript): the link is used, the outcome says what it did.
      const posted = await call(resetRoute.loader as Handler, "/x", { token });
      expect(posted.body).toEqual({ state: "used", firstPassword: false });
      for (const locale of ["it", "en"] as const) {
        const want = texts[locale];
        const form = await renderRoutePage(resetRoute.default, { url, loaderData: page.body, locale });
        expect(headingOf(form)).toBe(want.title);
        const done = await renderRoutePage(resetRoute.default, {
          url,
          loaderData: posted.body,
          actionData: answer.body,
          locale,
        });
        expect(headingOf(done)).toBe(want.title);
        expect(textOf(done)).toContain(want.done);
        expect(titleOf(page.body, locale)).toBe(want.tab);
        const outcome = first
          ? { it: "Password impostata", en: "Password set" }
          : { it: "Password cambiata", en: "Password changed" };
        const answered = { ...(posted.body as object), answeredOutcome: (answer.body as Answer).titleOutcome };
        expect(titleOf(answered, locale, true)).toBe(`${outcome[locale]} – ${want.tab}`);
      }
    }
  });

  it("takes as long for an unknown email as for a known one: the time does not tell them apart", async () => {
    const known = await createUser();
    const timed = async (email: string) => {
      const started = performance.now();
      const r = await call(forgotRoute.action as Handler, "/password-dimenticata", {}, { email });
      expect(r).toMatchObject({ status: 200, body: { sent: true } });
      return performance.now() - started;
    };
    // Issuing a link for the known address takes a few milliseconds; both answers wait for the floor.
    const unknown = await timed(`${unique("nessuno")}@scuola.example.it`);
    const knownMs = await timed(known.email);
    // (A floor well above the known address's own cost: 250 ms, RESET_ANSWER_MIN_MS.)
    expect(unknown).toBeGreaterThanOrEqual(249);
    expect(knownMs).toBeGreaterThanOrEqual(249);
    expect(await prisma.notification.count({ where: { kind: "reimposta-password", userId: known.id } })).toBe(1);
  });

  it("sets the new password once, revokes every session, and refuses a used or expired link", async () => {
    const user = await createUser();
    const cookies = [
      await createUserSession(new Request("http://localhost/"), user.id),
      await createUserSession(new Request("http://localhost/"), user.id),
    ];
    expect(cookies).toHaveLength(2);
    expect(await prisma.userSession.count({ where: { userId: user.id } })).toBe(2);

    await call(forgotRoute.action as Handler, "/password-dimenticata", {}, { email: user.email });
    await sendAll();
    const mail = to(inbox, user.email).find((m) => m.subject?.startsWith("Reimposta"))!;
    const raw = linkToken(mail.text ?? "", "reimposta-password")!;
    const row = await prisma.accountToken.findUniqueOrThrow({ where: { tokenHash: sha256(raw) } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(3600_000);

    expect((await call(resetRoute.loader as Handler, "/x", { token: raw })).body).toEqual({
      state: "valid",
      firstPassword: false,
    });
    const weak = await call(resetRoute.action as Handler, "/x", { token: raw }, { password: "corta1" });
    expect(weak.status).toBe(400);
    expect(await tokenState(raw, "reimposta-password")).toBe("valid");

    const done = await call(resetRoute.action as Handler, "/x", { token: raw }, { password: "nuovapassword42" });
    expect(done.body).toMatchObject({ done: true });
    expect(await prisma.userSession.count({ where: { userId: user.id } })).toBe(0);
    expect(await verifyLogin(user.email, "nuovapassword42")).toEqual({ id: user.id });
    expect(await verifyLogin(user.email, TEST_PASSWORD)).toBeNull();

    const reuse = await call(resetRoute.action as Handler, "/x", { token: raw }, { password: "altrapassword99" });
    expect(reuse).toMatchObject({ status: 410, body: { done: false, state: "used" } });
    expect(await verifyLogin(user.email, "altrapassword99")).toBeNull();

    // A link asked for two hours ago has expired: the outbox does not send it (a retry after a mail
    // outage would bring a dead link), and the page refuses it.
    await requestPasswordReset(user.email, new Date(Date.now() - 2 * 3600_000));
    const queued = await prisma.notification.findFirstOrThrow({
      where: { userId: user.id, kind: "reimposta-password", deliveryStatus: "in-coda" },
    });
    const expired = (JSON.parse(queued.payload) as { token: string }).token;
    expect(expired).not.toBe(raw);
    const mailsBefore = to(inbox, user.email).length;
    await sendAll();
    expect(to(inbox, user.email)).toHaveLength(mailsBefore);
    expect(
      await prisma.notification.findUniqueOrThrow({
        where: { id: queued.id },
        select: { deliveryStatus: true, lastError: true },
      }),
    ).toEqual({ deliveryStatus: "non-inviare", lastError: "link-usato-o-scaduto" });
    expect((await call(resetRoute.loader as Handler, "/x", { token: expired })).body).toEqual({
      state: "expired",
      firstPassword: false,
    });
    const late = await call(resetRoute.action as Handler, "/x", { token: expired }, { password: "tardipassword77" });
    expect(late).toMatchObject({ status: 410, body: { state: "expired" } });
  });

  it("limits requests per email silently (same answer), at most 5 emails an hour", async () => {
    const user = await createUser();
    for (let i = 0; i < 7; i += 1) {
      const r = await call(forgotRoute.action as Handler, "/password-dimenticata", {}, { email: user.email });
      expect(r).toMatchObject({ status: 200, body: { sent: true } });
    }
    expect(await prisma.notification.count({ where: { kind: "reimposta-password", userId: user.id } })).toBe(5);
  });
});
