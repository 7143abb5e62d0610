// Security headers, private caching and request body limits of the production server
// (app/utils/http-app.server.ts, app/utils/body-limit.server.ts).
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { brotliWindowBits } from "../support/brotli.ts";
import { BROTLI_WINDOW_BITS } from "../../app/utils/response-compression.server.ts";
import { postForm, root, SESSION_SECRET, startServer, type RunningServer } from "./support.ts";

let server: RunningServer;
let cookie = "";
/** A published event's page (its data is large enough to be worth compressing). */
let eventPath = "";
let eventEditionId = "";

beforeAll(async () => {
  process.env.SESSION_SECRET = SESSION_SECRET;
  const { createSignedInTeachers } = await import("../support/signed-in-teachers.ts");
  const [teacher] = await createSignedInTeachers(1);
  cookie = teacher!.cookie;
  const { createOpenEdition } = await import("../support/factories.ts");
  const open = await createOpenEdition();
  eventPath = `/eventi/${open.event.id}`;
  eventEditionId = open.edition.id;
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Sends raw bytes and returns what the server answered (until it closes the connection or `waitMs`). */
function rawExchange(request: string, options: { bodyBytes?: number; chunk?: Buffer; waitMs?: number } = {}) {
  return new Promise<{ response: string; sent: number }>((resolve) => {
    const socket = net.connect(server.port, "127.0.0.1");
    let response = "";
    let sent = 0;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      socket.destroy();
      resolve({ response, sent });
    };
    socket.on("data", (chunk) => {
      response += chunk.toString();
    });
    socket.on("close", finish);
    socket.on("error", finish);
    setTimeout(finish, options.waitMs ?? 10_000);
    socket.write(request);
    // Keeps sending the body in chunks, as long as the server lets it (a flood would go on for 50 MB).
    const chunk = options.chunk ?? Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!finished && sent < (options.bodyBytes ?? 0)) {
        sent += chunk.length;
        if (!socket.write(chunk)) {
          socket.once("drain", pump);
          return;
        }
      }
    };
    pump();
  });
}

describe("security headers", () => {
  test("a page carries a CSP whose nonce its inline scripts use, frame-ancestors 'none', HSTS, Referrer-Policy, nosniff", async () => {
    const first = await fetch(`${server.url}/eventi`);
    const html = await first.text();
    const csp = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(first.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    expect(first.headers.get("referrer-policy")).toBe("same-origin");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("x-powered-by")).toBeNull();
    // A fresh nonce for every response.
    const second = await fetch(`${server.url}/eventi`);
    expect(/'nonce-([^']+)'/.exec(second.headers.get("content-security-policy") ?? "")?.[1]).not.toBe(nonce);
  });

  test("a page whose URL holds a token never sends it on, is never stored and is not indexed, valid or not", async () => {
    for (const path of [
      "/conferma-email/sconosciuto",
      "/conferma-nuova-email/sconosciuto",
      "/reimposta-password/sconosciuto",
      "/disiscrizione/promemoria.sconosciuto.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ]) {
      const response = await fetch(`${server.url}${path}`, { redirect: "manual" });
      expect(response.headers.get("referrer-policy"), path).toBe("strict-origin");
      expect(response.headers.get("cache-control"), path).toMatch(/no-store/);
      expect(await response.text(), path).toContain('<meta name="robots" content="noindex"/>');
    }
  });

  test("responses to a signed-in user are private, no-store; public feeds and assets keep their caching", async () => {
    for (const path of ["/eventi", "/le-mie-iscrizioni", "/il-mio-piano", "/eventi?q=scuola"]) {
      const response = await fetch(`${server.url}${path}`, { headers: { cookie }, redirect: "manual" });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe("private, no-store");
    }
    const feed = await fetch(`${server.url}/eventi/feed.json`, { headers: { cookie } });
    expect(feed.headers.get("cache-control")).toMatch(/public/);
    const page = await (await fetch(`${server.url}/eventi`)).text();
    const asset = /\/assets\/[^"]+\.js/.exec(page)![0];
    const file = await fetch(`${server.url}${asset}`, { headers: { cookie } });
    expect(file.headers.get("cache-control")).toMatch(/public, max-age=31536000, immutable/);
    // Signed out, the catalogue keeps its short public cache.
    expect((await fetch(`${server.url}/eventi`)).headers.get("cache-control")).toMatch(/public/);
  });
});

describe("cookies", () => {
  test("every cookie Forma sets in production is HttpOnly, SameSite=Lax and Secure: session, language and return path", async () => {
    // A sign-in, the language switch (signed in) and a sign-up that remembers where the teacher was going.
    const { createUser, TEST_PASSWORD } = await import("../support/factories.ts");
    const account = await createUser();
    const signIn = await postForm(`${server.url}/accedi`, { email: account.email, password: TEST_PASSWORD });
    const language = await postForm(`${server.url}/lingua`, { locale: "en", redirectTo: "/eventi" }, { cookie });
    const signup = await postForm(`${server.url}/registrati`, {
      firstName: "Giulia",
      lastName: "Verdi",
      email: `cookie-${Date.now()}@scuola.example.it`,
      password: "formazione2026",
      schoolLevel: "primaria",
      regionCode: "toscana",
      professionalRole: "docente",
      redirectTo: eventPath,
    });
    expect([signIn.status, language.status, signup.status]).toEqual([302, 302, 302]);
    const cookies = [signIn, language, signup].flatMap((r) => r.headers.getSetCookie());
    expect(cookies.map((c) => c.split("=")[0])).toEqual(
      expect.arrayContaining(["forma_session", "forma_lang", "forma_return"]),
    );
    for (const c of cookies) {
      expect(c).toMatch(/; HttpOnly/);
      expect(c).toMatch(/; SameSite=Lax/);
      // Before, the language and return-path cookies were sent over plain HTTP too.
      expect(c).toMatch(/; Secure/);
    }
    // The sign-up queued a confirmation email: out of the way of the other server tests' outbox.
    const { prisma } = await import("../../app/utils/db.server.ts");
    await prisma.notification.updateMany({
      where: { user: { email: { startsWith: "cookie-" } }, deliveryStatus: "in-coda" },
      data: { deliveryStatus: "non-inviare" },
    });
  });
});

describe("a link that names its language (ADR 0102)", () => {
  test("is remembered: the next page, without ?lang=, stays in that language, and no shared cache keeps the answer", async () => {
    // How an English email's link opens a page, on a browser that never chose a language.
    const opened = await fetch(`${server.url}/eventi?lang=en`, { redirect: "manual" });
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('<html lang="en">');
    const setCookie = opened.headers.getSetCookie().find((c) => c.startsWith("forma_lang="));
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Secure/);
    // The catalogue is otherwise public for 30 s: an answer that sets a cookie is not.
    expect(opened.headers.get("cache-control")).toBe("private, no-store");
    const languageCookie = setCookie!.split(";")[0]!;
    const next = await fetch(`${server.url}${eventPath}`, { headers: { cookie: languageCookie } });
    expect(await next.text()).toContain('<html lang="en">');
    // Already remembered: the same link sets nothing again, and the page is public again.
    const again = await fetch(`${server.url}/eventi?lang=en`, { headers: { cookie: languageCookie } });
    expect(again.headers.getSetCookie().filter((c) => c.startsWith("forma_lang="))).toEqual([]);
    expect(again.headers.get("cache-control")).toMatch(/^public/);
    // A redirect too: a signed-in page opened signed out sends to the sign-in page, which is in English.
    const redirected = await fetch(`${server.url}/le-mie-iscrizioni?lang=en`, { redirect: "manual" });
    expect(redirected.status).toBe(302);
    expect(redirected.headers.getSetCookie().some((c) => c.startsWith("forma_lang="))).toBe(true);
  });

  test("a feed with ?lang= keeps its public caching and sets no cookie", async () => {
    const feed = await fetch(`${server.url}/eventi/feed.ics?lang=en`);
    expect(feed.status).toBe(200);
    expect(feed.headers.getSetCookie()).toEqual([]);
    expect(feed.headers.get("cache-control")).toMatch(/public/);
  });
});

describe("malformed URLs", () => {
  /** The status line's code of a GET of `target`, sent byte for byte (fetch would not send every such path). */
  async function statusOf(target: string) {
    const { response } = await rawExchange(
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`,
    );
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
  }

  test("a bad percent escape in the path is the client's error (4xx), never a 500", async () => {
    const targets = [
      "/eventi/100%",
      "/eventi/%ZZ",
      `${eventPath}%E0%A4`,
      "/attestati/%ZZ.pdf",
      "/le-mie-iscrizioni/%E0%A4/qr",
      "/reimposta-password/%ZZ",
      "/calendario/%ZZ.ics",
      "/%",
      // A path that begins like another site's address is a path on Forma.
      "//x:99999/eventi",
      "//[/",
      "//%zz/",
      "//evil.example/eventi",
    ];
    const statuses = [];
    for (const target of targets) statuses.push(await statusOf(target));
    // The not-found page, or for a token page the page that says the link is not valid (200).
    const expected = targets.map((t) => (t.startsWith("/reimposta-password/") ? 200 : 404));
    expect(statuses).toEqual(expected);
    expect(server.logs.filter((line) => line.level === "error" || line.level === "fatal")).toEqual([]);
  });
});

describe("requests Node's parser refuses", () => {
  test("an address longer than 16 KB gets the bilingual 431 page, not an empty answer; a bad request line still gets 400", async () => {
    const { response } = await rawExchange(
      `GET /eventi?q=${"a".repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
    );
    const [head, body] = response.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/\r\nContent-Type: text\/html; charset=utf-8\r\n/);
    expect(Number(/\r\nContent-Length: (\d+)/.exec(head!)?.[1])).toBe(Buffer.byteLength(body!));
    expect(body).toContain("<h1>Indirizzo troppo lungo</h1>");
    expect(body).toContain('<div lang="en">');
    const bad = await rawExchange(`NOT A REQUEST\r\n\r\n`);
    expect(bad.response).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  });
});

describe("methods a Fetch Request cannot carry", () => {
  test("TRACE answers 405 with Allow, never a 500, and logs no error", async () => {
    const before = server.logs.length;
    // (Node's HTTP parser itself answers 400 to TRACK, and hands CONNECT to another event.)
    for (const target of ["/eventi", "/healthz", "/le-mie-iscrizioni"]) {
      const { response } = await rawExchange(
        `TRACE ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`,
      );
      expect(response, target).toMatch(/^HTTP\/1\.1 405 /);
      expect(response, target).toMatch(/\r\nAllow: GET, HEAD, POST\r\n/i);
      expect(response, target).toContain("Metodo non consentito");
    }
    const errors = server.logs.slice(before).filter((line) => line.level === "error" || line.level === "fatal");
    expect(errors).toEqual([]);
  });
});

describe("requests Remix refuses", () => {
  test("a POST to a page without an action answers 405 and is not logged as an error; OPTIONS is refused before Remix", async () => {
    const before = server.logs.length;
    const answers = [
      (await postForm(`${server.url}/eventi`, { q: "scuola" })).status,
      (await postForm(`${server.url}/eventi.data`, { q: "scuola" })).status,
      (await fetch(`${server.url}/eventi`, { method: "OPTIONS" })).status,
    ];
    expect(answers).toEqual([405, 405, 405]);
    // Wait for the last request's log line (written when its response closes).
    await expect.poll(() => server.logs.slice(before).filter((line) => line.msg === "request").length).toBe(3);
    const errors = server.logs.slice(before).filter((line) => line.level === "error" || line.level === "fatal");
    expect(errors).toEqual([]);
    // OPTIONS never reaches Remix (tests/server/head-and-options.test.ts): only the two posts are its refusals.
    expect(server.logs.slice(before).filter((line) => line.msg === "request refused")).toHaveLength(2);
  });
});

describe("a document that is not there", () => {
  test("a resource route's 404 (a certificate, an attachment) is a page with a title and a language, not bare text", async () => {
    for (const target of [
      "/attestati/nessuno.pdf",
      "/il-mio-piano/attestati/nessuna",
      `${eventPath}/allegati/nessuno`,
    ]) {
      const response = await fetch(`${server.url}${target}`, { headers: { cookie } });
      expect(response.status, target).toBe(404);
      expect(response.headers.get("content-type"), target).toBe("text/html; charset=utf-8");
      const html = await response.text();
      expect(html).toContain('<html lang="it">');
      expect(html).toContain("<title>Non trovato – Forma</title>");
      expect(html).toContain('<div lang="en">');
    }
  });
});

describe("a resource route's refusal thrown as bare text", () => {
  test("a guard's 403 in front of a download and an id that cannot be one are pages with a title and a language", async () => {
    // They were the bare sentence in the tab ("Non hai i permessi per questa pagina.", "Pagina non trovata").
    const editionId = eventEditionId;
    for (const [target, status, title] of [
      // Since ADR 0092 the refusal says why (tests/integration/download-refusals.test.ts for every guard).
      [
        `/gestione/edizioni/${editionId}/iscritti.csv`,
        403,
        "L&#39;elenco delle persone iscritte è di chi gestisce l&#39;evento",
      ],
      ["/attestati/non*un*id.pdf", 404, "Non trovato"],
    ] as const) {
      const response = await fetch(`${server.url}${target}`, { headers: { cookie } });
      expect(response.status, target).toBe(status);
      expect(response.headers.get("content-type"), target).toBe("text/html; charset=utf-8");
      const html = await response.text();
      expect(html).toContain('<html lang="it">');
      expect(html).toContain(`<title>${title} – Forma</title>`);
      expect(html).toContain('<div lang="en">');
    }
    // A page's own refusal stays the app's error page, and Remix's data requests their own encoding.
    const page = await fetch(`${server.url}/gestione/eventi`, { headers: { cookie } });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("main-content");
  });
});

describe("public files", () => {
  test("the build's public files are served with an hour's caching; other paths that look like files go to Remix", async () => {
    for (const file of ["/favicon.svg", "/logo.svg"]) {
      const response = await fetch(`${server.url}${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get("content-type"), file).toMatch(/^image\/svg\+xml/);
      expect(response.headers.get("cache-control"), file).toBe("public, max-age=3600");
      expect(await response.text(), file).toContain("<svg");
    }
    // robots.txt is a route of Forma's (app/routes/robots[.]txt.tsx), served by Remix too.
    const robots = await fetch(`${server.url}/robots.txt`);
    expect(robots.status).toBe(200);
    expect(await robots.text()).toMatch(/^User-agent: \*\n/);
    // No such file: Remix's own 404 page, in Italian (not Express's "Cannot GET").
    const missing = await fetch(`${server.url}/humans.txt`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('lang="it"');
    // Remix's data requests end like file names and still reach Remix.
    const data = await fetch(`${server.url}/eventi.data`);
    expect(data.status).toBe(200);
    expect(data.headers.get("content-type")).toMatch(/^text\/x-script/);
  });
});

describe("request body limits", () => {
  test("a 50 MB anonymous sign-in post gets 413 in Italian without being read whole", async () => {
    const size = 50 * 1024 * 1024;
    const { response, sent } = await rawExchange(
      `POST /accedi HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${size}\r\n\r\n`,
      { bodyBytes: size },
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response).toContain("Richiesta troppo grande");
    expect(response).toContain("128 KB");
    expect(response.toLowerCase()).toContain("connection: close");
    expect(sent).toBeLessThan(size);
  });

  test("a chunked body with no Content-Length is counted as it arrives: 413 past the limit", async () => {
    const chunk = Buffer.from(`${(16 * 1024).toString(16)}\r\n${"a".repeat(16 * 1024)}\r\n`);
    const { response, sent } = await rawExchange(
      `POST /accedi HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`,
      { bodyBytes: 20 * 1024 * 1024, chunk },
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response).toContain("Richiesta troppo grande");
    expect(sent).toBeLessThan(20 * 1024 * 1024);
  });

  test("upload routes allow their documented size and no more: twenty 5 MB parts are refused", async () => {
    const tooBig = await postForm(`${server.url}/il-mio-piano`, {}, { cookie, "content-length": "0" }).catch(
      () => null,
    );
    expect(tooBig?.status).not.toBe(413); // an empty post is not refused for its size
    const twenty = 20 * 5 * 1024 * 1024;
    const { response } = await rawExchange(
      `POST /il-mio-piano HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${cookie}\r\n` +
        `Content-Type: multipart/form-data; boundary=x\r\nContent-Length: ${twenty}\r\n\r\n`,
      { bodyBytes: twenty },
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response).toContain("5.3 MB");
    // The attendance report's route allows the confirmation of its most rows (20,000 × 256 bytes); an ordinary form
    // only 128 KB.
    const report = await rawExchange(
      `POST /formazione/incontri/x/importa HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
        `Content-Type: multipart/form-data; boundary=x\r\nContent-Length: ${6 * 1024 * 1024}\r\n\r\n`,
      { bodyBytes: 6 * 1024 * 1024 },
    );
    expect(report.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(report.response).toContain("4.9 MB");
  });

  test("a session's register of 700 participants (over the ordinary 128 KB) is saved through the server", async () => {
    const { createOpenEdition, createTeachers } = await import("../support/factories.ts");
    const { cookieOf } = await import("../support/routes.ts");
    const { enrol } = await import("../../app/models/enrolment.server.ts");
    const { prisma } = await import("../../app/utils/db.server.ts");
    const open = await createOpenEdition({ seatCap: null });
    const teachers = await createTeachers(700);
    for (const t of teachers) expect((await enrol(t.id, open.edition.id)).ok).toBe(true);
    // The session began an hour ago: its register is open.
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: open.edition.id } });
    await prisma.trainingSession.update({
      where: { id: session.id },
      data: { startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() + 3600_000) },
    });
    const places = await prisma.enrolment.findMany({ where: { editionId: open.edition.id }, select: { id: true } });
    const form = new URLSearchParams({ intent: "save" });
    for (const { id } of places) {
      form.append("line", id);
      form.append(`was-${id}`, ":");
      form.append(`status-${id}`, "presente");
      form.append(`minutes-${id}`, "");
      form.append(`wasnote-${id}`, "");
      form.append(`note-${id}`, "");
    }
    const body = form.toString();
    expect(body.length).toBeGreaterThan(128 * 1024);
    const response = await fetch(`${server.url}/formazione/incontri/${session.id}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: await cookieOf(open.organiser.id) },
      body,
      redirect: "manual",
    });
    try {
      expect(response.status).not.toBe(413);
      expect(response.status).toBeLessThan(400);
      expect(await prisma.attendanceRecord.count({ where: { sessionId: session.id, status: "presente" } })).toBe(700);
    } finally {
      // The server tests share one database: 700 confirmations left due would be the next server's outbox work
      // (tests/server/operations.test.ts reads which email its outbox sends first).
      await prisma.notification.deleteMany({ where: { userId: { in: teachers.map((t) => t.id) } } });
    }
  });

  test("an ordinary sign-in is not affected", async () => {
    const response = await postForm(`${server.url}/accedi`, { email: "nessuno@scuola.example.it", password: "x" });
    expect([200, 400]).toContain(response.status);
    expect(await response.text()).toContain("non corretti");
  });
});

describe("compression", () => {
  const BROWSER = "gzip, deflate, br, zstd";
  /** GET with the given Accept-Encoding (a browser's by default); the raw (still compressed) body. */
  function getRaw(pathname: string, acceptEncoding: string | null = BROWSER, base = server.url) {
    return new Promise<{ encoding: string | undefined; headers: http.IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        const request = http.get(
          `${base}${pathname}`,
          { headers: acceptEncoding === null ? {} : { "accept-encoding": acceptEncoding } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () =>
              resolve({
                encoding: response.headers["content-encoding"],
                headers: response.headers,
                body: Buffer.concat(chunks),
              }),
            );
          },
        );
        request.on("error", reject);
      },
    );
  }

  /** The stylesheet and a script the catalogue page links to (hashed files in build/client/assets). */
  async function pageAssets(base = server.url) {
    const page = await (await fetch(`${base}/eventi`)).text();
    const css = /\/assets\/bootstrap-italia[^"]+\.css/.exec(page)![0];
    const js = /\/assets\/[^"]+\.js/.exec(page)![0];
    return [css, js];
  }
  const builtFile = (asset: string) => fs.readFileSync(path.join(root, "build/client", asset));

  test("hashed assets are sent as compressed at build time, byte for byte, never compressed per request", async () => {
    for (const asset of await pageAssets()) {
      const type = asset.endsWith(".css") ? "text/css; charset=UTF-8" : "application/javascript; charset=UTF-8";
      // A browser: the build's Brotli file itself (a per-request compression would give other bytes).
      const br = await getRaw(asset);
      expect(br.encoding, asset).toBe("br");
      expect(br.body.equals(builtFile(`${asset}.br`)), asset).toBe(true);
      expect(zlib.brotliDecompressSync(br.body).equals(builtFile(asset)), asset).toBe(true);
      expect(br.headers["content-type"], asset).toBe(type);
      expect(br.headers.vary, asset).toMatch(/accept-encoding/i);
      expect(br.headers["cache-control"], asset).toBe("public, max-age=31536000, immutable");
      expect(Number(br.headers["content-length"]), asset).toBe(br.body.length);
      // gzip only: the build's gzip file.
      const gzip = await getRaw(asset, "gzip, deflate");
      expect(gzip.encoding, asset).toBe("gzip");
      expect(gzip.body.equals(builtFile(`${asset}.gz`)), asset).toBe(true);
      expect(gzip.headers["content-type"], asset).toBe(type);
      // Brotli refused, or nothing accepted: the file as it is, still marked as varying.
      expect((await getRaw(asset, "br;q=0, gzip")).encoding, asset).toBe("gzip");
      const plain = await getRaw(asset, null);
      expect(plain.encoding, asset).toBeUndefined();
      expect(plain.body.equals(builtFile(asset)), asset).toBe(true);
      expect(plain.headers.vary, asset).toMatch(/accept-encoding/i);
    }
  });

  test("the build wrote a Brotli and a gzip file beside every script and stylesheet worth compressing", () => {
    const dir = path.join(root, "build/client/assets");
    const files = fs
      .readdirSync(dir)
      .filter((f) => /\.(js|css)$/.test(f) && fs.statSync(path.join(dir, f)).size >= 1024);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      expect(fs.existsSync(path.join(dir, `${file}.br`)), file).toBe(true);
      expect(fs.existsSync(path.join(dir, `${file}.gz`)), file).toBe(true);
    }
  });

  /** A page's HTML with its per-response CSP nonce blanked: the rest is the same from one response to the next. */
  const withoutNonces = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');
  /** What a body decodes to, by its Content-Encoding. */
  function decoded(response: { encoding: string | undefined; body: Buffer }): Buffer {
    if (response.encoding === "br") return zlib.brotliDecompressSync(response.body);
    if (response.encoding === "gzip") return zlib.gunzipSync(response.body);
    if (response.encoding === "deflate") return zlib.inflateSync(response.body);
    expect(response.encoding).toBeUndefined();
    return response.body;
  }

  test("pages and Remix's data are compressed whole: Brotli, else gzip, the same bytes once decoded, with their length", async () => {
    for (const pathname of ["/eventi", "/accedi", eventPath, `${eventPath}.data`]) {
      const isData = pathname.includes(".data");
      const plain = await getRaw(pathname, null);
      expect(plain.headers["content-type"], pathname).toMatch(isData ? /^text\/x-script/ : /^text\/html/);
      expect(plain.headers.vary, pathname).toMatch(/accept-encoding/i);
      const expected = withoutNonces(plain.body.toString("utf8"));
      expect(plain.body.length, pathname).toBeGreaterThan(1024);
      for (const [accept, encoding] of [
        [BROWSER, "br"],
        ["gzip, deflate", "gzip"],
        ["br;q=0, gzip", "gzip"],
      ] as const) {
        const response = await getRaw(pathname, accept);
        const label = `${pathname} (${accept})`;
        expect(response.encoding, label).toBe(encoding);
        expect(withoutNonces(decoded(response).toString("utf8")), label).toBe(expected);
        // One body, sent with its length (the streaming middleware sends chunks, without one).
        expect(Number(response.headers["content-length"]), label).toBe(response.body.length);
        expect(response.headers["transfer-encoding"], label).toBeUndefined();
        expect(response.headers.vary, label).toMatch(/accept-encoding/i);
        expect(response.body.length, label).toBeLessThan(plain.body.length * 0.7);
      }
    }
  });

  // Pages are compressed whole at quality 1 (ADR 0052), whose encoder writes a 2^18 window whatever the size.
  test("a browser's Brotli window holds the page, at most 256 KB (zlib's default is 4 MB)", async () => {
    for (const pathname of ["/eventi", "/accedi"]) {
      const response = await getRaw(pathname);
      expect(response.encoding, pathname).toBe("br");
      const size = decoded(response).length;
      const bits = brotliWindowBits(response.body[0]!);
      expect(bits, pathname).toBeLessThanOrEqual(BROTLI_WINDOW_BITS);
      expect(2 ** bits - 16, pathname).toBeGreaterThanOrEqual(size);
    }
    expect(BROTLI_WINDOW_BITS).toBeLessThanOrEqual(18);
  });

  test("what is not compressed whole still goes through the middleware; HEAD and unencoded answers stay right", async () => {
    // deflate only: the middleware's streamed deflate, decoding to the page.
    const page = await getRaw("/accedi", "deflate");
    expect(page.encoding).toBe("deflate");
    expect(page.headers["content-length"]).toBeUndefined();
    expect(decoded(page).toString("utf8")).toContain("</html>");
    // A streamed resource route (a public feed): compressed by the middleware as it streams.
    const plainFeed = await getRaw("/eventi/feed.json", null);
    const feed = await getRaw("/eventi/feed.json");
    expect(feed.encoding).toBe("br");
    expect(feed.headers["content-length"]).toBeUndefined();
    expect(decoded(feed).equals(plainFeed.body)).toBe(true);
    // HEAD: the headers without a body, no encoding claimed for a body that is not sent.
    const head = await fetch(`${server.url}/eventi`, { method: "HEAD", headers: { "accept-encoding": BROWSER } });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-encoding")).toBeNull();
    expect(await head.text()).toBe("");
    // A body too small to gain (under 1 KB): sent as it is, with its length, still marked as varying.
    // The sign-in page's data, which no other test's data changes (the catalogue's grows past 1 KB
    // as soon as another server test file publishes an event in the shared database).
    const small = await getRaw("/accedi.data");
    expect(small.body.length).toBeLessThan(1024);
    expect(small.encoding).toBeUndefined();
    expect(Number(small.headers["content-length"])).toBe(small.body.length);
    expect(small.headers.vary).toMatch(/accept-encoding/i);
    // Nothing accepted: the page as it is, whole, with its length (one write, no chunked terminator
    // sent after it: ADR 0051).
    const plain = await getRaw("/eventi", "identity");
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString("utf8")).toContain("</html>");
    expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
    expect(plain.headers["transfer-encoding"]).toBeUndefined();
  });

  test("Remix's route manifest (lazy route discovery) is sent whole with its length, compressed when large enough", async () => {
    const page = (await getRaw("/eventi", null)).body.toString("utf8");
    const version = /\/assets\/manifest-([0-9a-f]+)\.js/.exec(page)![1];
    const manifest = (paths: string[]) =>
      `/__manifest?${paths.map((p) => `p=${encodeURIComponent(p)}`).join("&")}&version=${version}`;
    // What "Le mie iscrizioni" asks for an enrolment's QR link, once shown.
    const qr = manifest(["/le-mie-iscrizioni/d90d9518-98e2-42d6-b060-414685e83725/qr"]);
    const plain = await getRaw(qr, null);
    expect(JSON.parse(plain.body.toString("utf8"))).toHaveProperty(["routes/le-mie-iscrizioni_.$enrolmentId.qr"]);
    expect(plain.body.length).toBeGreaterThan(1024);
    expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
    // Compressed whole: one body with its length, not the middleware's chunks.
    const compressed = await getRaw(qr);
    expect(compressed.encoding).toBe("br");
    expect(Number(compressed.headers["content-length"])).toBe(compressed.body.length);
    expect(compressed.headers["transfer-encoding"]).toBeUndefined();
    expect(decoded(compressed).equals(plain.body)).toBe(true);
    expect(compressed.headers["cache-control"]).toMatch(/immutable/);
  });

  test("the window is read right: zlib's default Brotli declares 22 bits", () => {
    expect(brotliWindowBits(zlib.brotliCompressSync(Buffer.alloc(100_000, "a"))[0]!)).toBe(22);
    const small = zlib.brotliCompressSync(Buffer.from("x"), {
      params: { [zlib.constants.BROTLI_PARAM_LGWIN]: 18 },
    });
    expect(brotliWindowBits(small[0]!)).toBe(18);
  });

  test("FORMA_COMPRESSION=off (a proxy compresses): pages go out uncompressed, assets still precompressed", async () => {
    const plain = await startServer({ env: { FORMA_COMPRESSION: "off" } });
    try {
      for (const pathname of ["/eventi", "/accedi", "/eventi.data"]) {
        const page = await getRaw(pathname, BROWSER, plain.url);
        expect(page.encoding, pathname).toBeUndefined();
        expect(page.body.toString("utf8"), pathname).toMatch(pathname.includes(".data") ? /^\[/ : /<\/html>/);
      }
      const [css] = await pageAssets(plain.url);
      const asset = await getRaw(css!, BROWSER, plain.url);
      expect(asset.encoding).toBe("br");
      expect(asset.body.equals(builtFile(`${css}.br`))).toBe(true);
    } finally {
      await plain.stop();
    }
  });

  test("FORMA_COMPRESSION takes on or off: anything else stops the server at start, naming it", async () => {
    await expect(startServer({ env: { FORMA_COMPRESSION: "no" } })).rejects.toThrow(/FORMA_COMPRESSION/);
  });
});
