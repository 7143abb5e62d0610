import type { AppLoadContext } from "@remix-run/node";
import { afterAll, describe, expect, it } from "vitest";
import { attemptLogin, createTeacherAccount } from "../../app/utils/account.server.ts";
import { getSessionUser } from "../../app/utils/auth.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { sessionIdOf } from "../../app/utils/session.server.ts";
import { createUser, TEST_PASSWORD, unique } from "../support/factories.ts";
import * as signInRoute from "../../app/routes/accedi.tsx";
import { callRoute, cookieOf, statusOf, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

describe("accounts", () => {
  const form = () => ({
    firstName: "Luca",
    lastName: "Bianchi",
    email: `${unique("signup")}@scuola.example.it`,
    password: "formazione2026",
    schoolLevel: "primaria" as const,
    regionCode: "lombardia" as const,
    professionalRole: "docente" as const,
  });

  it("stores an argon2id hash, never the password", async () => {
    const f = form();
    const r = await createTeacherAccount(f, "it");
    expect(r.ok).toBe(true);
    const pw = await prisma.password.findFirstOrThrow({ where: { user: { email: f.email } } });
    expect(pw.hash.startsWith("$argon2id$")).toBe(true);
    expect(pw.hash).not.toContain(f.password);
  });

  it("a second sign-up with the same email creates nothing and emails the owner instead (once an hour)", async () => {
    const f = form();
    const first = await createTeacherAccount(f, "it");
    expect(first).toMatchObject({ ok: true, created: true });
    const again = await createTeacherAccount({ ...f, firstName: "Altro" }, "it");
    expect(again).toEqual({ ok: true, userId: first.userId, created: false });
    await createTeacherAccount({ ...f, firstName: "Ancora" }, "it");
    expect(await prisma.user.count({ where: { email: f.email } })).toBe(1);
    expect((await prisma.user.findUniqueOrThrow({ where: { email: f.email } })).firstName).toBe("Luca");
    expect(await prisma.notification.count({ where: { userId: first.userId, kind: "account-esistente" } })).toBe(1);
  });

  it("signs in with the right password only", async () => {
    const user = await createUser();
    expect(await attemptLogin(user.email, TEST_PASSWORD, unique("ip"))).toEqual({ ok: true, userId: user.id });
    expect(await attemptLogin(user.email, "sbagliata123", unique("ip"))).toEqual({ ok: false, reason: "invalid" });
    expect(await attemptLogin("nessuno@example.it", TEST_PASSWORD, unique("ip"))).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("rate-limits repeated login attempts for one email from one address", async () => {
    const user = await createUser();
    const ip = unique("ip");
    const limit = Number(process.env.LOGIN_RATE_LIMIT ?? 10);
    for (let i = 0; i < limit; i++) await attemptLogin(user.email, "sbagliata123", ip);
    const blocked = await attemptLogin(user.email, TEST_PASSWORD, ip);
    expect(blocked.ok).toBe(false);
    expect(blocked).toMatchObject({ reason: "rate-limited" });
    // Counted in the database (shared by every app instance), not in this process's memory.
    const stored = await prisma.rateLimit.findMany({ where: { key: { startsWith: "login" } } });
    expect(stored.some((row) => row.key.includes(ip) && row.points >= limit)).toBe(true);
    // Another address is not blocked.
    expect((await attemptLogin(user.email, TEST_PASSWORD, unique("ip"))).ok).toBe(true);
  });
});

describe("sign-in throttling per address", () => {
  it("refuses an address that failed LOGIN_IP_FAILURE_LIMIT times across different emails; other addresses still sign in", async () => {
    const limit = Number(process.env.LOGIN_IP_FAILURE_LIMIT ?? 30);
    const ip = unique("ip");
    const real = await createUser();
    for (let i = 0; i < limit; i++) {
      // Unknown emails and real accounts alike, each tried once: the per-email limit never triggers.
      const email = i % 2 === 0 ? `${unique("nobody")}@scuola.example.it` : (await createUser()).email;
      expect(await attemptLogin(email, "sbagliata123", ip)).toEqual({ ok: false, reason: "invalid" });
    }
    // Even the right password of another account is refused from that address now.
    expect(await attemptLogin(real.email, TEST_PASSWORD, ip)).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(await attemptLogin(real.email, TEST_PASSWORD, unique("ip"))).toEqual({ ok: true, userId: real.id });
  });

  it("counts the addresses of one IPv6 /64 as one: rotating through them does not escape the limit", async () => {
    const limit = Number(process.env.LOGIN_IP_FAILURE_LIMIT ?? 30);
    const real = await createUser();
    // One client's /64 (a home or server line gets a whole one, 2^64 addresses to pick from).
    const hex = () => Math.floor(Math.random() * 0xffff).toString(16);
    const network = `2001:db8:${hex()}:${hex()}`;
    const signIn = (address: string, email: string, password: string) => {
      const body = new URLSearchParams({ email, password });
      // What the HTTP app sets from the connection (http-app.server.ts), read by clientIp.
      const headers = { "Content-Type": "application/x-www-form-urlencoded", "x-forma-client-ip": address };
      const request = new Request("http://localhost/accedi", { method: "POST", body, headers });
      return callRoute(signInRoute.action as unknown as Handler, request);
    };
    for (let i = 0; i < limit; i++) {
      // A new address and a new email each time: neither the per-email limit nor an exact address repeats.
      const address = `${network}:${hex()}:${hex()}:${hex()}:${i + 1}`;
      const answer = await signIn(address, `${unique("nobody")}@scuola.example.it`, "sbagliata123");
      expect(statusOf(answer)).toBe(400);
    }
    // A new address of the same /64, even with the right password: refused like the others.
    expect(statusOf(await signIn(`${network}::abcd`, real.email, TEST_PASSWORD))).toBe(429);
    // Another /64 is another client.
    const other = await signIn(`2001:db8:${hex()}:${hex()}::1`, real.email, TEST_PASSWORD);
    expect(other).toBeInstanceOf(Response);
    expect((other as Response).status).toBe(302);
  });

  it("a burst of concurrent sign-ins from one address has no more than LOGIN_IP_FAILURE_LIMIT passwords checked", async () => {
    // Each attempt read the counter before its password check and counted its failure after: all
    // the attempts of a burst read it before any had failed, and every password was tried.
    const limit = Number(process.env.LOGIN_IP_FAILURE_LIMIT ?? 30);
    const ip = unique("ip");
    const results = await Promise.all(
      Array.from({ length: limit + 20 }, () =>
        // A different email each time: the per-email limit never triggers.
        attemptLogin(`${unique("nobody")}@scuola.example.it`, "sbagliata123", ip),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(limit);
    expect(results.filter((r) => !r.ok && r.reason === "rate-limited")).toHaveLength(20);
    // Blocked for the rest of the window, the right password too.
    const real = await createUser();
    expect(await attemptLogin(real.email, TEST_PASSWORD, ip)).toMatchObject({ ok: false, reason: "rate-limited" });
  });

  it("a sign-in in the same burst as failures still signs in and is not counted as one", async () => {
    const limit = Number(process.env.LOGIN_IP_FAILURE_LIMIT ?? 30);
    const ip = unique("ip");
    const user = await createUser();
    const wrong = () => attemptLogin(`${unique("nobody")}@scuola.example.it`, "sbagliata123", ip);
    const results = await Promise.all([
      ...Array.from({ length: limit - 1 }, wrong),
      attemptLogin(user.email, TEST_PASSWORD, ip),
    ]);
    expect(results.at(-1)).toEqual({ ok: true, userId: user.id });
    expect(results.slice(0, -1).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    // limit - 1 failures: one more is allowed (the sign-in gave its point back), then the address is refused.
    expect(await wrong()).toEqual({ ok: false, reason: "invalid" });
    expect(await wrong()).toMatchObject({ ok: false, reason: "rate-limited" });
  });

  it("successful sign-ins from a shared school address do not count", async () => {
    const ip = unique("ip");
    const limit = Number(process.env.LOGIN_IP_FAILURE_LIMIT ?? 30);
    const user = await createUser();
    for (let i = 0; i < limit + 5; i++) expect((await attemptLogin(user.email, TEST_PASSWORD, ip)).ok).toBe(true);
  });
});

describe("the session cookie", () => {
  const withCookie = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });

  it("gives its session id while its signature holds, however often it is read; the database still decides", async () => {
    const user = await createUser();
    const cookie = await cookieOf(user.id);
    const session = await prisma.userSession.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } });
    // Read twice: the second answer comes from the verified cookies kept by the worker (ADR 0036).
    expect(await sessionIdOf(withCookie(cookie))).toBe(session.id);
    expect(await sessionIdOf(withCookie(cookie))).toBe(session.id);
    expect(await sessionIdOf(withCookie(`forma_lingua=en; ${cookie}`))).toBe(session.id);
    // A changed signature or payload is refused, though the genuine cookie was read just before.
    const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
    const signed = decodeURIComponent(value);
    const dot = signed.lastIndexOf(".");
    const badSignature = `${signed.slice(0, dot + 1)}${signed[dot + 1] === "A" ? "B" : "A"}${signed.slice(dot + 2)}`;
    const badPayload = `${signed[0] === "e" ? "f" : "e"}${signed.slice(1)}`;
    for (const forged of [badSignature, badPayload])
      expect(await sessionIdOf(withCookie(`${name}=${encodeURIComponent(forged)}`))).toBeNull();
    expect(await sessionIdOf(withCookie("forma_lingua=en"))).toBeNull();
    expect(await sessionIdOf(new Request("http://localhost/"))).toBeNull();
    // A revoked session is signed out at once, whatever the worker remembers of its cookie.
    expect((await getSessionUser(withCookie(cookie)))?.id).toBe(user.id);
    await prisma.userSession.delete({ where: { id: session.id } });
    expect(await getSessionUser(withCookie(cookie))).toBeNull();
  });

  it("lets an action that keeps the user hand its lookup to the loaders after it, and only then (ADR 0050)", async () => {
    const user = await createUser();
    const cookie = await cookieOf(user.id);
    const post = () =>
      new Request("http://localhost/eventi/e/iscrizione", { method: "POST", headers: { Cookie: cookie } });
    // The action's lookup, then the session revoked: the page's loaders (a GET with the same load
    // context) see the action's answer when it keeps the user, and read afresh otherwise.
    const shared = {} as AppLoadContext;
    const fresh = {} as AppLoadContext;
    expect((await getSessionUser(post(), shared, { actionKeepsUser: true }))?.id).toBe(user.id);
    expect((await getSessionUser(post(), fresh))?.id).toBe(user.id);
    await prisma.userSession.deleteMany({ where: { userId: user.id } });
    expect((await getSessionUser(withCookie(cookie), shared))?.id).toBe(user.id);
    expect(await getSessionUser(withCookie(cookie), fresh)).toBeNull();
    // Without a load context nothing is shared.
    expect(await getSessionUser(post(), undefined, { actionKeepsUser: true })).toBeNull();
  });
});
