// What an attacker can put in a request besides its form's values (a hostile review of 08/12/2026): the Host and
// X-Forwarded-* headers (may a password-reset email link to their site?), an address written with other
// capitals and spaces to get around the sign-in and reset limits, and a session cookie planted in the victim's
// browser before she signs in (session fixation). hostile-input.test.ts covers the values of every form.
import { afterAll, describe, expect, it } from "vitest";
import * as accedi from "../../app/routes/accedi.tsx";
import * as forgot from "../../app/routes/password-dimenticata.tsx";
import * as signup from "../../app/routes/registrati.tsx";
import { getSessionUser } from "../../app/utils/auth.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createUser, TEST_PASSWORD, unique } from "../support/factories.ts";
import { sendQueued, TEST_MAIL_ORIGIN, withFileMailbox } from "../support/file-mailbox.ts";
import { callRoute, cookieOf, statusOf, type Handler } from "../support/routes.ts";
import { to, type Inbox } from "../support/smtp.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";

/** Who this session cookie signs in, or null. */
async function lookupSessionUserId(cookie: string): Promise<string | null> {
  return (await getSessionUser(new Request("http://localhost/eventi", { headers: { Cookie: cookie } })))?.id ?? null;
}

let inbox: Inbox;
let mailer: Mailer;
withFileMailbox((started) => ({ inbox, mailer } = started));
afterAll(() => prisma.$disconnect());

/** Headers a client may send that name another site. */
const FORGED_HOST = {
  Host: "evil.example",
  "X-Forwarded-Host": "evil.example",
  "X-Forwarded-Proto": "http",
  Forwarded: "host=evil.example;proto=http",
  Origin: "https://evil.example",
};

/** A POST of `form` as a browser would send it, at `url`, with `headers`. */
function post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(url, { method: "POST", body: new URLSearchParams(form), headers });
}

/** Every absolute http(s) link of a received message (text and HTML). */
function linksOf(message: { text?: string; html?: string | false }): string[] {
  const all = `${message.text ?? ""}\n${message.html || ""}`;
  return [...all.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
}

describe("the request's Host and X-Forwarded-* headers", () => {
  it("do not reach the links of the password-reset and sign-up emails: they name APP_ORIGIN only", async () => {
    const user = await createUser();
    const reset = await callRoute(
      forgot.action as Handler,
      post("http://evil.example/password-dimenticata", { email: user.email }, FORGED_HOST),
    );
    expect(statusOf(reset)).toBe(200);
    const email = `${unique("nuova")}@scuola.example.it`;
    const made = await callRoute(
      signup.action as Handler,
      post(
        "http://evil.example/registrati",
        {
          firstName: "Giulia",
          lastName: "Bianchi",
          email,
          password: "insegnare2026",
          schoolLevel: "primaria",
          regionCode: "toscana",
          professionalRole: "docente",
        },
        FORGED_HOST,
      ),
    );
    expect(statusOf(made)).toBe(302);
    await sendQueued(mailer, "hostile-requests");
    const messages = [...to(inbox, user.email), ...to(inbox, email)];
    expect(messages).toHaveLength(2);
    const links = messages.flatMap(linksOf);
    expect(links.some((l) => l.startsWith(`${TEST_MAIL_ORIGIN}/reimposta-password/`))).toBe(true);
    expect(links.some((l) => l.startsWith(`${TEST_MAIL_ORIGIN}/conferma-email/`))).toBe(true);
    expect(links.filter((l) => l.includes("evil.example"))).toEqual([]);
  });
});

describe("the sign-in and reset limits", () => {
  it("count an address however it is written: capitals and spaces around it are the same account's attempts", async () => {
    const user = await createUser();
    const ip = unique("ip");
    const limit = Number(process.env.LOGIN_RATE_LIMIT ?? 10);
    const spellings = [user.email, user.email.toUpperCase(), `  ${user.email}\t`, ` ${user.email.toUpperCase()} `];
    const statuses = [];
    for (let i = 0; i < limit; i++) {
      const request = post(
        "http://localhost/accedi",
        { email: spellings[i % spellings.length]!, password: "sbagliata123" },
        { "X-Forma-Client-Ip": ip },
      );
      statuses.push(statusOf(await callRoute(accedi.action as Handler, request)));
    }
    expect(statuses).toEqual(Array.from({ length: limit }, () => 400));
    // The right password, written another way again, is now refused as the limit says.
    const last = await callRoute(
      accedi.action as Handler,
      post(
        "http://localhost/accedi",
        { email: ` ${user.email.toUpperCase()}`, password: TEST_PASSWORD },
        { "X-Forma-Client-Ip": ip },
      ),
    );
    expect(statusOf(last)).toBe(429);
  });

  it("a reset link is sent at most PASSWORD_RESET_LIMITS.perEmail times an hour, however the address is written", async () => {
    const { PASSWORD_RESET_LIMITS } = await import("../../app/utils/rate-limit.server.ts");
    const user = await createUser();
    const spellings = [user.email, user.email.toUpperCase(), ` ${user.email} `];
    for (let i = 0; i < PASSWORD_RESET_LIMITS.perEmail + 3; i++) {
      const request = post(
        "http://localhost/password-dimenticata",
        { email: spellings[i % spellings.length]! },
        // A new address each time: only the per-address-of-email limit can hold.
        { "X-Forma-Client-Ip": unique("ip") },
      );
      expect(statusOf(await callRoute(forgot.action as Handler, request))).toBe(200);
    }
    const tokens = await prisma.accountToken.count({ where: { userId: user.id, purpose: "reimposta-password" } });
    expect(tokens).toBe(PASSWORD_RESET_LIMITS.perEmail);
  });
});

describe("session fixation", () => {
  it("a sign-in gives a new session and ends the one the browser held: planted by an attacker, or left by the last person", async () => {
    const attacker = await createUser();
    const victim = await createUser();
    const planted = await cookieOf(attacker.id);
    const signIn = await callRoute(
      accedi.action as Handler,
      post("http://localhost/accedi", { email: victim.email, password: TEST_PASSWORD }, { Cookie: planted }),
    );
    expect(statusOf(signIn)).toBe(302);
    const cookie = (signIn as Response).headers.get("Set-Cookie")!.split(";")[0]!;
    expect(cookie).not.toBe(planted);
    expect(await lookupSessionUserId(cookie)).toBe(victim.id);
    // The session the browser held signs in nobody any more (before, it stayed valid for its owner until it
    // expired, 14 days for a kept one, though no browser showed it: a shared computer's last user's).
    expect(await lookupSessionUserId(planted)).toBeNull();
    // Another browser's session of the same person is not touched.
    const elsewhere = await cookieOf(victim.id);
    const again = await callRoute(
      accedi.action as Handler,
      post("http://localhost/accedi", { email: victim.email, password: TEST_PASSWORD }, { Cookie: cookie }),
    );
    expect(statusOf(again)).toBe(302);
    expect(await lookupSessionUserId(cookie)).toBeNull();
    expect(await lookupSessionUserId(elsewhere)).toBe(victim.id);
  });
});
