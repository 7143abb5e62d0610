// Forma behind a real reverse proxy: Debian's nginx (tests/run-all.sh installs it when missing),
// started by this test with a config file of its own on its own port, never the system service.
// nginx's defaults rewrite Host (here to the upstream's name, "forma_backend") and add
// X-Forwarded-For. Signing in, enrolling and reading the feeds must work through it, and every
// absolute link must name APP_ORIGIN (the proxy's address), never the Host the app received.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startNginx, type RunningNginx } from "./nginx.ts";
import { freePort, postForm, SESSION_SECRET, startServer, type RunningServer } from "./support.ts";

let app: RunningServer;
let nginx: RunningNginx | undefined;
let proxyUrl = "";

beforeAll(async () => {
  process.env.SESSION_SECRET = SESSION_SECRET;
  // The app must know the proxy's address (APP_ORIGIN) before nginx starts: a free port for nginx first.
  const proxyPort = await freePort();
  proxyUrl = `http://127.0.0.1:${proxyPort}`;
  app = await startServer({ env: { APP_ORIGIN: proxyUrl, TRUST_PROXY: "1" } });
  // Only nginx's defaults (Host: $proxy_host, HTTP/1.0 upstream), plus the usual client address.
  nginx = await startNginx({
    upstreamPort: app.port,
    port: proxyPort,
    location: `proxy_pass http://forma_backend;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`,
  });
});

afterAll(async () => {
  await nginx?.stop();
  await app?.stop();
});

test("through nginx (Host rewritten): sign in, enrol, read the feeds; links name APP_ORIGIN; forged origins refused", async () => {
  const { createOpenEdition, createUser, TEST_PASSWORD } = await import("../support/factories.ts");
  const { prisma } = await import("../../app/utils/db.server.ts");
  const teacher = await createUser();
  await prisma.user.update({ where: { id: teacher.id }, data: { emailVerifiedAt: new Date() } });
  const { event, edition } = await createOpenEdition({ title: `Corso dietro il proxy ${Date.now()}` });
  // What a browser on the public site sends with a form.
  const browser = { origin: proxyUrl, "x-forwarded-for": "203.0.113.7" };

  const signIn = await postForm(`${proxyUrl}/accedi`, { email: teacher.email, password: TEST_PASSWORD }, browser);
  expect(signIn.status, await signIn.clone().text()).toBe(302);
  expect(signIn.headers.get("location")).toBe("/eventi");
  const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;

  const enrol = await postForm(
    `${proxyUrl}/eventi/${event.id}/iscrizione`,
    { editionId: edition.id },
    { ...browser, cookie },
  );
  expect(enrol.status).toBe(302);
  expect(enrol.headers.get("location")).toMatch(/^\/le-mie-iscrizioni\?esito=/);
  const mine = await fetch(`${proxyUrl}/le-mie-iscrizioni`, { headers: { cookie } });
  expect(mine.status).toBe(200);
  expect(await mine.text()).toContain(event.title);

  // Feeds: every absolute link is APP_ORIGIN's, whatever Host the app received.
  const json = await fetch(`${proxyUrl}/eventi/feed.json`);
  expect(json.status).toBe(200);
  const feed = (await json.json()) as { events: { id: string; url: string }[] };
  const listed = feed.events.find((e) => e.id === event.id);
  expect(listed?.url).toBe(`${proxyUrl}/eventi/${event.id}`);
  const ics = await (await fetch(`${proxyUrl}/eventi/feed.ics`)).text();
  expect(ics).toContain(`${proxyUrl}/eventi/${event.id}`);
  for (const body of [JSON.stringify(feed), ics]) {
    expect(body).not.toContain("forma_backend");
    expect(body).not.toContain(`127.0.0.1:${app.port}`);
  }

  // A form posted from another site is refused with a clear 403, not a 500.
  const forged = await postForm(
    `${proxyUrl}/eventi/${event.id}/iscrizione`,
    { editionId: edition.id },
    { origin: "https://evil.example", cookie },
  );
  expect(forged.status).toBe(403);
  expect(await forged.text()).toContain("Richiesta rifiutata");

  // Reached at its own address rather than APP_ORIGIN's (an operator's check on the server, a port
  // changed without APP_ORIGIN): a form of that page is from "this host" and accepted; Remix's own
  // check compared its Origin with the Host Forma rewrites to APP_ORIGIN's and answered 500.
  const direct = `http://127.0.0.1:${app.port}`;
  const directSignIn = await postForm(
    `${direct}/accedi`,
    { email: teacher.email, password: TEST_PASSWORD },
    { origin: direct },
  );
  expect(directSignIn.status, await directSignIn.clone().text()).toBe(302);
  expect(directSignIn.headers.get("location")).toBe("/eventi");

  // TRUST_PROXY=1: the client address is the one nginx saw, not the one the client claimed.
  const line = app.logs.find((l) => l.msg === "request" && l.path === "/accedi" && l.method === "POST");
  expect(line).toMatchObject({ status: 302, ip: "127.0.0.1" });
});
