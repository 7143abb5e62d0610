// How long a sign-in lasts (ADR 0089), against a real database: "Mantieni l'accesso su questo
// dispositivo" ticked gives 14 days and a cookie that outlives the browser; unticked (the default,
// for a school's shared computer) a cookie that ends with the browser and a session that ends after
// SESSION_IDLE_MINUTES without a request, its expiry sliding forward with use. Older sessions (made
// before the choice existed) keep their 14 days.
import { afterAll, describe, expect, it } from "vitest";
import { SESSION_IDLE_MINUTES, SESSION_MAX_AGE_SECONDS } from "../../app/domain/session-lifetime.ts";
import * as signInRoute from "../../app/routes/accedi.tsx";
import { getSessionUser } from "../../app/utils/auth.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createUser, TEST_PASSWORD, unique } from "../support/factories.ts";
import { callRoute, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

const MINUTE = 60_000;

async function signIn(email: string, fields: Record<string, string> = {}) {
  const body = new URLSearchParams({ email, password: TEST_PASSWORD, ...fields });
  const headers = { "Content-Type": "application/x-www-form-urlencoded", "x-forma-client-ip": unique("ip") };
  const answer = (await callRoute(
    signInRoute.action as unknown as Handler,
    new Request("http://localhost/accedi", { method: "POST", body, headers }),
  )) as Response;
  expect(answer.status).toBe(302);
  const setCookie = answer.headers.get("Set-Cookie")!;
  const session = await prisma.userSession.findFirstOrThrow({
    where: { user: { email } },
    orderBy: { createdAt: "desc" },
    select: { id: true, persistent: true, expiresAt: true },
  });
  return { setCookie, cookie: setCookie.split(";")[0]!, session };
}

const near = (at: Date, expected: number) => expect(Math.abs(at.getTime() - expected)).toBeLessThan(MINUTE);

describe("how long a sign-in lasts", () => {
  it("unticked: a cookie for this browser only and a session ending after idle time; ticked: 14 days", async () => {
    const user = await createUser();
    const shared = await signIn(user.email);
    expect(shared.setCookie).not.toMatch(/Max-Age|Expires/i);
    expect(shared.session.persistent).toBe(false);
    near(shared.session.expiresAt, Date.now() + SESSION_IDLE_MINUTES * MINUTE);

    const own = await signIn(user.email, { keep: "on" });
    expect(own.setCookie).toMatch(new RegExp(`Max-Age=${SESSION_MAX_AGE_SECONDS}`));
    expect(own.session.persistent).toBe(true);
    near(own.session.expiresAt, Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  });

  it("a session not kept slides its end with use, ends once idle; a kept one keeps its 14 days", async () => {
    const user = await createUser();
    const shared = await signIn(user.email);
    const own = await signIn(user.email, { keep: "on" });
    const request = (cookie: string) => new Request("http://localhost/eventi", { headers: { Cookie: cookie } });
    // Both last used 10 minutes ago, one minute from their end.
    const soon = new Date(Date.now() + MINUTE);
    await prisma.userSession.updateMany({
      where: { id: { in: [shared.session.id, own.session.id] } },
      data: { lastUsedAt: new Date(Date.now() - 10 * MINUTE), expiresAt: soon },
    });
    expect((await getSessionUser(request(shared.cookie)))?.id).toBe(user.id);
    expect((await getSessionUser(request(own.cookie)))?.id).toBe(user.id);
    const after = await prisma.userSession.findMany({
      where: { id: { in: [shared.session.id, own.session.id] } },
      select: { id: true, expiresAt: true },
    });
    near(after.find((s) => s.id === shared.session.id)!.expiresAt, Date.now() + SESSION_IDLE_MINUTES * MINUTE);
    expect(after.find((s) => s.id === own.session.id)!.expiresAt.getTime()).toBe(soon.getTime());

    // Idle past its end: signed out.
    await prisma.userSession.update({
      where: { id: shared.session.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await getSessionUser(request(shared.cookie))).toBeNull();
  });

  it("the sign-in page says the session ended when the browser's cookie no longer signs anyone in", async () => {
    const user = await createUser();
    const shared = await signIn(user.email);
    const page = async (cookie?: string) =>
      callRoute(
        signInRoute.loader as unknown as Handler,
        new Request("http://localhost/accedi?redirectTo=%2Fprofilo", { headers: cookie ? { Cookie: cookie } : {} }),
      );
    // Signed in: the page sends on; no cookie: nothing to say.
    expect(((await page(shared.cookie)) as Response).status).toBe(302);
    expect(await page()).toMatchObject({ sessionEnded: false });
    // Idle past its end (ADR 0089): the person sent here from a form is told why.
    await prisma.userSession.update({
      where: { id: shared.session.id },
      data: { expiresAt: new Date(Date.now() - MINUTE) },
    });
    expect(await page(shared.cookie)).toMatchObject({ sessionEnded: true });
  });
});
