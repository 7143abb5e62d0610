// The POST of a reset link (/reimposta-password/:token) hashes the new password with argon2 (19 MiB, 2 passes),
// whose time and memory every sign-in shares. Anyone can POST to any /reimposta-password/x: a link that is unknown,
// used or expired must be refused before the hashing, and the POSTs that do hash are counted per network address.
import { afterAll, describe, expect, it, vi } from "vitest";

// Counts the hashings, calling the real one (the passwords set below must still work).
const hashings = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../app/utils/auth.server.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../app/utils/auth.server.ts")>();
  return {
    ...actual,
    hashPassword: (password: string) => {
      hashings.count += 1;
      return actual.hashPassword(password);
    },
  };
});

import { requestPasswordReset, resetPassword, tokenState } from "../../app/models/account-tokens.server.ts";
import * as resetRoute from "../../app/routes/reimposta-password.$token.tsx";
import { verifyLogin } from "../../app/utils/auth.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { consumePasswordResetPost, PASSWORD_RESET_POST_LIMITS } from "../../app/utils/rate-limit.server.ts";
import { createUser, TEST_PASSWORD } from "../support/factories.ts";
import { bodyOf, callRoute, statusOf, type Handler } from "../support/routes.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

/** A reset link of this account, as its email carries it, asked for at `at`. */
async function resetLink(email: string, at = new Date()): Promise<string> {
  await requestPasswordReset(email, at);
  const note = await prisma.notification.findFirstOrThrow({
    where: { user: { email }, kind: "reimposta-password" },
    orderBy: { createdAt: "desc" },
  });
  return (JSON.parse(note.payload) as { token: string }).token;
}

/** A network address of its own for each test (the per-address counters live in the shared database). */
const address = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** The reset form's POST from this network address. */
async function post(token: string, password: string, ip: string) {
  const request = new Request(`http://localhost/reimposta-password/${token}`, {
    method: "POST",
    body: new URLSearchParams({ password }),
    headers: { "x-forma-client-ip": ip },
  });
  const result = await callRoute(resetRoute.action as Handler, request, { token });
  return { status: statusOf(result), body: bodyOf<{ done: boolean; state: string | null; result: unknown }>(result) };
}

describe("a reset link's POST", () => {
  it("hashes nothing for a link that is unknown, used or expired, and answers 410", async () => {
    const user = await createUser();
    const used = await resetLink(user.email);
    expect(await resetPassword(used, "primaPassword2027")).toMatchObject({ ok: true });
    const expired = await resetLink(user.email, new Date(Date.now() - 2 * 3600_000));
    const unknown = "A".repeat(43);
    const before = hashings.count;
    for (const [token, state] of [
      [unknown, "unknown"],
      [used, "used"],
      [expired, "expired"],
      ["troppo-corto", "unknown"],
    ] as const) {
      expect(await resetPassword(token, "unaPasswordNuova2027")).toEqual({ ok: false, state });
      const answer = await post(token, "unaPasswordNuova2027", address());
      expect(answer.status).toBe(410);
      expect(answer.body).toMatchObject({ done: false, state });
    }
    expect(hashings.count).toBe(before);
    expect(await verifyLogin(user.email, "primaPassword2027")).toEqual({ id: user.id });

    // A valid link still sets the password: one hashing.
    const valid = await resetLink(user.email);
    const done = await post(valid, "secondaPassword2027", address());
    expect(done.body).toMatchObject({ done: true });
    expect(hashings.count).toBe(before + 1);
    expect(await verifyLogin(user.email, "secondaPassword2027")).toEqual({ id: user.id });
  });

  it("is counted per network address before the hashing: past the limit, 429 with the minutes, the link kept", async () => {
    const user = await createUser();
    const ip = address();
    for (let i = 0; i < PASSWORD_RESET_POST_LIMITS.perIp; i += 1) {
      expect(await consumePasswordResetPost(ip)).toEqual({ allowed: true });
    }
    const link = await resetLink(user.email);
    const before = hashings.count;
    const refused = await post(link, "nuovaPassword2027", ip);
    expect(refused.status).toBe(429);
    expect(JSON.stringify(refused.body.result)).toMatch(
      /Troppe nuove password inviate da questa rete .*Riprova tra 60 minuti/,
    );
    expect(hashings.count).toBe(before);
    expect(await tokenState(link, "reimposta-password")).toBe("valid");
    expect(await verifyLogin(user.email, TEST_PASSWORD)).toEqual({ id: user.id });
    // A link that cannot work is still told as such from that address (410, not counted, nothing hashed).
    expect((await post("B".repeat(43), "nuovaPassword2027", ip)).status).toBe(410);
    // From another network the same link works.
    expect((await post(link, "nuovaPassword2027", address())).body).toMatchObject({ done: true });
    expect(await verifyLogin(user.email, "nuovaPassword2027")).toEqual({ id: user.id });
  });
});
