import { describe, expect, it } from "vitest";
import { getCookieSession, getSessionStorage, SESSION_ID_KEY, sessionIdOf } from "./session.server.ts";

/** The Cookie header a browser sends after signing in with this session id (and maybe other cookies). */
async function cookieHeader(sessionId: string, extra = "") {
  const session = await getSessionStorage().getSession();
  session.set(SESSION_ID_KEY, sessionId);
  const cookie = (await getSessionStorage().commitSession(session)).split(";")[0]!;
  return `${cookie}${extra}`;
}

const requestWith = (cookie?: string) =>
  new Request("http://localhost/le-mie-iscrizioni", { headers: cookie === undefined ? {} : { cookie } });

describe("sessionIdOf: the session id of the signed cookie, kept per Cookie header", () => {
  it("reads what the cookie session holds, again and again, for each header its own", async () => {
    const a = await cookieHeader("session-a");
    const b = await cookieHeader("session-b", "; forma_lang=en");
    for (let i = 0; i < 3; i++) {
      expect(await sessionIdOf(requestWith(a))).toBe("session-a");
      expect(await sessionIdOf(requestWith(b))).toBe("session-b");
    }
    expect(await sessionIdOf(requestWith())).toBeNull();
    expect(await sessionIdOf(requestWith("forma_lang=en"))).toBeNull();
  });

  it("a tampered or forged cookie reads as no session, the first time and every time after", async () => {
    const good = await cookieHeader("session-c");
    const [name, value] = good.split("=") as [string, string];
    const dot = decodeURIComponent(value).lastIndexOf(".");
    const payload = decodeURIComponent(value).slice(0, dot);
    const forgedPayload = Buffer.from(JSON.stringify({ [SESSION_ID_KEY]: "someone-else" })).toString("base64");
    const tampered = [
      `${name}=${encodeURIComponent(`${forgedPayload}${decodeURIComponent(value).slice(dot)}`)}`,
      `${name}=${encodeURIComponent(`${payload}.AAAA`)}`,
      `${name}=${encodeURIComponent(forgedPayload)}`,
    ];
    for (const header of tampered) {
      expect(await sessionIdOf(requestWith(header))).toBeNull();
      expect(await sessionIdOf(requestWith(header))).toBeNull();
      expect((await getCookieSession(requestWith(header))).get(SESSION_ID_KEY)).toBeUndefined();
    }
    expect(await sessionIdOf(requestWith(good))).toBe("session-c");
  });

  it("gives what getCookieSession gives for the same header", async () => {
    const headers = [await cookieHeader("session-d"), await cookieHeader("session-e", "; other=1"), "forma_session=x"];
    for (const header of headers) {
      const expected = (await getCookieSession(requestWith(header))).get(SESSION_ID_KEY) ?? null;
      expect(await sessionIdOf(requestWith(header))).toBe(expected);
    }
  });
});
