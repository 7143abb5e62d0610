// Which address the per-address limits count (TRUST_PROXY, README), on the production server: an operator's
// bad day is either setting. Unset, a client's own X-Forwarded-For is ignored (it cannot escape the limits by
// naming a new address each time), but behind a reverse proxy every client is the proxy's address and one
// person's wrong passwords lock everyone out: the server says so in its log the first time such a request
// comes. TRUST_PROXY=true believes the first address of X-Forwarded-For, which a client writes itself behind a
// proxy that appends to the header (nginx's $proxy_add_x_forwarded_for): the start says so.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { postForm, SESSION_SECRET, startServer, type RunningServer } from "./support.ts";

/** Few enough failures to reach the limit quickly. */
const FAILURE_LIMIT = 3;

const started: RunningServer[] = [];
beforeAll(() => {
  process.env.SESSION_SECRET = SESSION_SECRET;
});
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
});

async function serverWith(env: Record<string, string | undefined>) {
  const server = await startServer({ env: { LOGIN_IP_FAILURE_LIMIT: String(FAILURE_LIMIT), ...env } });
  started.push(server);
  return server;
}

/** The statuses of failed sign-ins, each for a new unknown address, each claiming a new client address. */
async function failedSignIns(server: RunningServer, count: number) {
  // The server tests share one database: failures counted for 127.0.0.1 by another file's sign-ins are forgotten.
  const { prisma } = await import("../../app/utils/db.server.ts");
  await prisma.rateLimit.deleteMany({ where: { key: { contains: "127.0.0.1" } } });
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await postForm(
      `${server.url}/accedi`,
      { email: `nessuno-${Date.now()}-${i}@scuola.example.it`, password: "sbagliata123" },
      { "x-forwarded-for": `198.51.100.${i + 1}` },
    );
    statuses.push(response.status);
  }
  return statuses;
}

const PROXY_WITHOUT_TRUST = /X-Forwarded-For.*TRUST_PROXY is not set/;
const TRUST_EVERY_HOP = /TRUST_PROXY=true/;

describe("the client's address for the limits", () => {
  test("TRUST_PROXY unset: X-Forwarded-For is ignored, and its first arrival is logged once as a warning", async () => {
    const server = await serverWith({ TRUST_PROXY: undefined });
    const statuses = await failedSignIns(server, FAILURE_LIMIT + 2);
    // Every request came from 127.0.0.1, whatever the header said: the limit held.
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    await expect.poll(() => server.logs.filter((l) => l.msg === "request").length).toBe(statuses.length);
    const warnings = server.logs.filter((l) => PROXY_WITHOUT_TRUST.test(l.msg ?? ""));
    expect(warnings.map((l) => l.level)).toEqual(["warn"]);
    expect(server.logs.filter((l) => TRUST_EVERY_HOP.test(l.msg ?? ""))).toEqual([]);
  });

  test("TRUST_PROXY=true: the start warns that a client names its own address (here it escapes the limit)", async () => {
    const server = await serverWith({ TRUST_PROXY: "true" });
    expect(server.logs.filter((l) => TRUST_EVERY_HOP.test(l.msg ?? "")).map((l) => l.level)).toEqual(["warn"]);
    // Why: each request named another address, and none was refused.
    expect(await failedSignIns(server, FAILURE_LIMIT + 2)).toEqual([400, 400, 400, 400, 400]);
    expect(server.logs.filter((l) => PROXY_WITHOUT_TRUST.test(l.msg ?? ""))).toEqual([]);
  });

  test("TRUST_PROXY as a hop count: no warning at start", async () => {
    const server = await serverWith({ TRUST_PROXY: "1" });
    expect(
      server.logs.filter((l) => TRUST_EVERY_HOP.test(l.msg ?? "") || PROXY_WITHOUT_TRUST.test(l.msg ?? "")),
    ).toEqual([]);
  });
});
