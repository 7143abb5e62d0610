// The shared cache the README's deployment section prescribes, taken from the README itself (its
// ```nginx block with proxy_cache_path), in front of the production server: repeated anonymous
// pages come from the cache, and nothing personal is ever stored or served from it — a signed-in
// browser always reaches the app, a page rendered for someone signed in is never cached, and an
// English visitor never gets the Italian copy (Vary: Cookie).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startNginx, type RunningNginx } from "./nginx.ts";
import { freePort, postForm, root, SESSION_SECRET, startServer, type RunningServer } from "./support.ts";

let app: RunningServer;
let nginx: RunningNginx | undefined;
let proxyUrl = "";
let cacheDir = "";

/** The README's nginx block for the shared cache: its proxy_cache_path line and its `location /` body. */
function readmeCacheConfig() {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const block = [...readme.matchAll(/```nginx\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((b) => b.includes("proxy_cache_path"));
  if (!block) throw new Error("README.md has no ```nginx block with proxy_cache_path");
  const cachePath = block.split("\n").find((l) => l.trim().startsWith("proxy_cache_path"))!;
  const location = block.slice(block.indexOf("location / {") + "location / {".length);
  const body = location.slice(0, location.indexOf("\n    }"));
  return { cachePath: cachePath.trim(), location: body };
}

beforeAll(async () => {
  process.env.SESSION_SECRET = SESSION_SECRET;
  const proxyPort = await freePort();
  proxyUrl = `http://127.0.0.1:${proxyPort}`;
  app = await startServer({ env: { APP_ORIGIN: proxyUrl } });
  const readme = readmeCacheConfig();
  expect(readme.location).toContain("proxy_pass http://127.0.0.1:3000;");
  cacheDir = fs.mkdtempSync(path.join(root, "tests/.tmp/nginx-cache-"));
  fs.chmodSync(cacheDir, 0o777);
  nginx = await startNginx({
    upstreamPort: app.port,
    port: proxyPort,
    http: readme.cachePath.replace(/proxy_cache_path \S+/, `proxy_cache_path ${cacheDir}`),
    location: `${readme.location.replace("proxy_pass http://127.0.0.1:3000;", "proxy_pass http://forma_backend;")}
      add_header X-Cache-Status $upstream_cache_status always;`,
  });
});

afterAll(async () => {
  await nginx?.stop();
  await app?.stop();
  if (cacheDir) fs.rmSync(cacheDir, { recursive: true, force: true });
});

async function get(pathname: string, cookie?: string) {
  const response = await fetch(`${proxyUrl}${pathname}`, { headers: cookie ? { cookie } : {} });
  return {
    status: response.status,
    cache: response.headers.get("x-cache-status"),
    headers: response.headers,
    body: await response.text(),
  };
}

test("anonymous catalogue and event pages come from the cache the second time, with their own nonce", async () => {
  const { createOpenEdition } = await import("../support/factories.ts");
  const { event } = await createOpenEdition({ title: `Corso in cache ${Date.now()}` });
  for (const pathname of ["/eventi?q=cache", `/eventi/${event.id}`]) {
    const first = await get(pathname);
    expect(first.status).toBe(200);
    expect(first.cache).toBe("MISS");
    expect(first.headers.get("cache-control")).toContain("public");
    const second = await get(pathname);
    expect(second.cache).toBe("HIT");
    expect(second.body).toBe(first.body);
    // The cached page's inline scripts still run: the stored CSP header names the stored nonce.
    const nonce = /nonce-([A-Za-z0-9+/=_-]+)/.exec(second.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(second.body).toContain(`nonce="${nonce}"`);
  }
});

test("a signed-in browser never reads or fills the cache, and no one else sees its page", async () => {
  const { createUser, TEST_PASSWORD } = await import("../support/factories.ts");
  // A name that appears only in this person's header ("Accesso come …").
  const name = `Cachetta${Date.now()}`;
  const teacher = await createUser({ firstName: name });
  const warm = await get("/eventi?q=privato");
  expect(warm.cache).toBe("MISS");
  expect((await get("/eventi?q=privato")).cache).toBe("HIT");

  const signIn = await postForm(
    `${proxyUrl}/accedi`,
    { email: teacher.email, password: TEST_PASSWORD },
    { origin: proxyUrl },
  );
  expect(signIn.status, await signIn.clone().text()).toBe(302);
  const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
  expect(cookie).toMatch(/^forma_session=/);

  // The same URL, signed in: the app answers (BYPASS), with the person's own page, private.
  const mine = await get("/eventi?q=privato", cookie);
  expect(mine.cache).toBe("BYPASS");
  expect(mine.headers.get("cache-control")).toBe("private, no-store");
  expect(mine.body).toContain(name);
  // A URL first asked by the signed-in browser is not stored for the next visitor.
  const personalFirst = await get("/eventi?q=solo-mio", cookie);
  expect(personalFirst.body).toContain(name);
  const visitor = await get("/eventi?q=solo-mio");
  expect(visitor.cache).toBe("MISS");
  expect(visitor.body).not.toContain(name);
  expect((await get("/eventi?q=privato")).body).not.toContain(name);
});

test("an English visitor gets the English page, not the Italian copy in the cache", async () => {
  const italian = await get("/eventi?q=lingua");
  expect(italian.body).toContain('lang="it"');
  expect((await get("/eventi?q=lingua")).cache).toBe("HIT");
  const switched = await postForm(`${proxyUrl}/lingua`, { locale: "en", redirectTo: "/eventi" }, { origin: proxyUrl });
  expect(switched.status).toBe(302);
  const langCookie = switched.headers.get("set-cookie")!.split(";")[0]!;
  const english = await get("/eventi?q=lingua", langCookie);
  expect(english.body).toContain('lang="en"');
  expect(english.cache).not.toBe("HIT");
  expect((await get("/eventi?q=lingua")).body).toContain('lang="it"');
});
