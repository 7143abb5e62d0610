// The idle warning's server side (ADR 0094), against a real database: POST /sessione/rinnova ("Resta
// collegato") moves a session's idle end to SESSION_IDLE_MINUTES from now even inside the lookup's
// 5-minute refresh interval; a GET, no session, an ended session and another site's page change
// nothing. GET /sessione and the root's data say how long is left without moving it; a session kept on
// the device has no idle end.
import { afterAll, describe, expect, it } from "vitest";
import { SESSION_IDLE_MINUTES } from "../../app/domain/session-lifetime.ts";
import * as root from "../../app/root.tsx";
import * as status from "../../app/routes/sessione.tsx";
import * as extend from "../../app/routes/sessione_.rinnova.tsx";
import { createUserSession } from "../../app/utils/auth.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createUser } from "../support/factories.ts";
import { callRoute, cookieOf, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

const MINUTE = 60_000;
const ORIGIN = "http://localhost";

/** A session not kept on the device (the sign-in's default), last used a minute ago, ending in 3 minutes. */
async function endingSoon() {
  const user = await createUser();
  const cookie = await cookieOf(user.id);
  const session = await prisma.userSession.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } });
  const lastUsedAt = new Date(Date.now() - MINUTE);
  const expiresAt = new Date(Date.now() + 3 * MINUTE);
  await prisma.userSession.update({ where: { id: session.id }, data: { lastUsedAt, expiresAt } });
  return { user, cookie, id: session.id, lastUsedAt, expiresAt };
}

const rowOf = (id: string) =>
  prisma.userSession.findUniqueOrThrow({ where: { id }, select: { expiresAt: true, lastUsedAt: true } });

function post(headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}/sessione/rinnova`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: "",
  });
}

async function answerOf(handler: unknown, request: Request) {
  const response = (await callRoute(handler as Handler, request)) as Response;
  const body = response.headers.get("Content-Type")?.includes("json") ? await response.json() : null;
  return { status: response.status, body };
}

const near = (at: Date, expected: number) => expect(Math.abs(at.getTime() - expected)).toBeLessThan(MINUTE);

describe("Mantieni l'accesso: POST /sessione/rinnova", () => {
  it("moves the idle end to 2 hours from now, inside the refresh interval the lookup keeps to", async () => {
    const s = await endingSoon();
    // A page's request within 5 minutes of the last use moves nothing (ADR 0089's throttle)...
    await root.loader({
      request: new Request(`${ORIGIN}/eventi`, { headers: { Cookie: s.cookie } }),
      context: {},
      params: {},
    });
    expect((await rowOf(s.id)).expiresAt.getTime()).toBe(s.expiresAt.getTime());
    // ...the button does.
    const answer = await answerOf(extend.action, post({ Cookie: s.cookie, Origin: ORIGIN }));
    expect(answer.status).toBe(200);
    expect(answer.body.ended).toBe(false);
    expect(Math.abs(answer.body.secondsLeft - SESSION_IDLE_MINUTES * 60)).toBeLessThan(60);
    const row = await rowOf(s.id);
    near(row.expiresAt, Date.now() + SESSION_IDLE_MINUTES * MINUTE);
    near(row.lastUsedAt, Date.now());
  });

  it("refuses a GET, a request without a session or with an ended one, and another site's page", async () => {
    const s = await endingSoon();
    const unchanged = async () => expect((await rowOf(s.id)).expiresAt.getTime()).toBe(s.expiresAt.getTime());

    const get = (await callRoute(
      extend.loader as unknown as Handler,
      new Request(`${ORIGIN}/sessione/rinnova`, { headers: { Cookie: s.cookie } }),
    )) as Response;
    expect(get.status).toBe(405);
    expect(get.headers.get("Allow")).toBe("POST");
    await unchanged();

    expect(await answerOf(extend.action, post({ Origin: ORIGIN }))).toEqual({ status: 401, body: { ended: true } });

    expect((await answerOf(extend.action, post({ Cookie: s.cookie, Origin: "https://evil.example" }))).status).toBe(
      403,
    );
    expect(
      (await answerOf(extend.action, post({ Cookie: s.cookie, Origin: ORIGIN, "Sec-Fetch-Site": "cross-site" })))
        .status,
    ).toBe(403);
    await unchanged();

    // Ended (idle past its end): the button cannot bring it back.
    const past = new Date(Date.now() - MINUTE);
    await prisma.userSession.update({ where: { id: s.id }, data: { expiresAt: past } });
    expect(await answerOf(extend.action, post({ Cookie: s.cookie, Origin: ORIGIN }))).toEqual({
      status: 401,
      body: { ended: true },
    });
    expect((await rowOf(s.id)).expiresAt.getTime()).toBe(past.getTime());
  });

  it("a session kept on the device has no idle end: nothing moves, nothing to warn about", async () => {
    const user = await createUser();
    const cookie = (await createUserSession(new Request(`${ORIGIN}/`), user.id, { keep: true })).split(";")[0]!;
    const before = await prisma.userSession.findFirstOrThrow({
      where: { userId: user.id },
      select: { id: true, expiresAt: true },
    });
    expect(await answerOf(extend.action, post({ Cookie: cookie, Origin: ORIGIN }))).toEqual({
      status: 200,
      body: { ended: false, secondsLeft: null },
    });
    expect((await rowOf(before.id)).expiresAt.getTime()).toBe(before.expiresAt.getTime());
    const page = await root.loader({
      request: new Request(`${ORIGIN}/eventi`, { headers: { Cookie: cookie } }),
      context: {},
      params: {},
    });
    expect(page.user?.idleSecondsLeft).toBeNull();
  });
});

describe("how long is left: GET /sessione and the root's data", () => {
  it("say the seconds to the idle end without moving it, and that an ended session ended", async () => {
    const s = await endingSoon();
    // Last used 10 minutes ago: a page's lookup would move the end, the status must not.
    await prisma.userSession.update({ where: { id: s.id }, data: { lastUsedAt: new Date(Date.now() - 10 * MINUTE) } });
    const request = () => new Request(`${ORIGIN}/sessione`, { headers: { Cookie: s.cookie } });
    const answer = await answerOf(status.loader, request());
    expect(answer.status).toBe(200);
    expect(answer.body.secondsLeft).toBeGreaterThan(2 * 60);
    expect(answer.body.secondsLeft).toBeLessThanOrEqual(3 * 60);
    expect((await rowOf(s.id)).expiresAt.getTime()).toBe(s.expiresAt.getTime());

    // A page's lookup moves it (ADR 0089) and the root's data says so.
    const page = await root.loader({
      request: new Request(`${ORIGIN}/profilo`, { headers: { Cookie: s.cookie } }),
      context: {},
      params: {},
    });
    expect(Math.abs(page.user!.idleSecondsLeft! - SESSION_IDLE_MINUTES * 60)).toBeLessThan(60);

    await prisma.userSession.update({ where: { id: s.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await answerOf(status.loader, request())).toEqual({ status: 401, body: { ended: true } });
    expect(await answerOf(status.loader, new Request(`${ORIGIN}/sessione`))).toEqual({
      status: 401,
      body: { ended: true },
    });
  });
});
