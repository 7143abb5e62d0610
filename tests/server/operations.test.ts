// Operations of the production server: one JSON log line per request, per job run and per failed
// email; /healthz and /readyz; graceful shutdown on SIGTERM (stops accepting, closes idle
// keep-alive connections, lets requests in flight finish up to SHUTDOWN_TIMEOUT_SECONDS, exits 1
// if it had to cut any).
import fs from "node:fs";
import net from "node:net";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { resolveDatabaseTarget } from "../../app/utils/database-url.ts";
import { freePort, postForm, root, serversStoppedAfterEachTest, sleep, waitFor } from "./support.ts";

const start = serversStoppedAfterEachTest();

/** A POST to /accedi whose body arrives slowly: the request stays in flight until `finish()`. */
function slowPost(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  const body = "email=nessuno%40scuola.example.it&password=sbagliata";
  let response = "";
  socket.on("data", (chunk) => (response += chunk.toString()));
  const ended = new Promise<string>((resolve) => socket.on("close", () => resolve(response)));
  socket.on("error", () => {});
  socket.write(
    `POST /accedi HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
  );
  return { finish: () => socket.write(body.slice(10)), ended };
}

describe("logs", () => {
  test("one JSON line per request with method, path, status and duration; secret tokens never logged", async () => {
    const server = await start();
    expect((await fetch(`${server.url}/eventi?q=Mario+Rossi&type=webinar&page=2`)).status).toBe(200);
    expect((await fetch(`${server.url}/non-esiste`)).status).toBe(404);
    await fetch(`${server.url}/reimposta-password/SEGRETO-123`);
    // The link that confirms a new address (an email change) is a token too: it was logged whole.
    await fetch(`${server.url}/conferma-nuova-email/SEGRETO-456`);
    const lines = () => server.logs.filter((l) => l.msg === "request" && l.path !== "/healthz");
    await waitFor(() => lines().length >= 4, "four request lines");
    // Found by path: a line is written when its response has been sent, not in request order.
    const byPath = (prefix: string) => lines().find((l) => String(l.path).startsWith(prefix));
    const [catalogue, missing, reset] = [byPath("/eventi"), byPath("/non-esiste"), byPath("/reimposta-password")];
    expect(catalogue).toMatchObject({ level: "info", method: "GET", path: "/eventi", status: 200 });
    // The catalogue's line says which search it served, the free text only by its words' lengths.
    expect(catalogue!.search).toBe("q=2w:5,5 type=webinar page=2");
    expect(server.output().toLowerCase()).not.toMatch(/mario|rossi/);
    expect(typeof catalogue!.durationMs).toBe("number");
    expect(typeof catalogue!.time).toBe("string");
    expect(missing).toMatchObject({ method: "GET", path: "/non-esiste", status: 404 });
    expect(missing).not.toHaveProperty("search");
    expect(reset).toMatchObject({ path: "/reimposta-password/:token" });
    expect(byPath("/conferma-nuova-email")).toMatchObject({ path: "/conferma-nuova-email/:token" });
    expect(server.output()).not.toContain("SEGRETO-123");
    expect(server.output()).not.toContain("SEGRETO-456");
  });

  test("every job run is logged, and every email that could not be sent, with its error", async () => {
    const { createOpenEdition } = await import("../support/factories.ts");
    const { createSignedInTeachers } = await import("../support/signed-in-teachers.ts");
    const { prisma } = await import("../../app/utils/db.server.ts");
    const { event, edition } = await createOpenEdition({ seatCap: 10 });
    const [teacher] = await createSignedInTeachers(1);
    await prisma.user.update({ where: { id: teacher!.userId }, data: { emailVerifiedAt: new Date() } });
    // An SMTP server that is not there: nothing listens on this port.
    const server = await start({
      FORMA_BACKGROUND_JOBS: "on",
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(await freePort()),
    });
    const enrolled = await postForm(
      `${server.url}/eventi/${event.id}/iscrizione`,
      { editionId: edition.id },
      { cookie: teacher!.cookie },
    );
    expect(enrolled.status).toBe(302);
    await waitFor(() => server.logs.some((l) => l.msg === "email not sent"), "a failed email in the log", 30_000);
    const failed = server.logs.find((l) => l.msg === "email not sent")!;
    expect(failed).toMatchObject({ level: "warn", kind: "iscrizione-confermata", attempt: 1, gaveUp: false });
    expect((failed.err as { message: string }).message).toMatch(/ECONNREFUSED|connect/i);
    for (const job of ["invio-email", "scadenza-offerte", "promemoria-incontri", "eventi-chiusi"]) {
      expect(server.logs.some((l) => l.msg === "job run" && l.job === job)).toBe(true);
    }
  });
});

describe("health checks", () => {
  test("/healthz says the process is up, /readyz that the database answers", async () => {
    const server = await start();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("cache-control")).toBe("no-store");
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe("ready\n");
  });

  test("SQLite: /readyz, pages and forms say 503 once the database file is deleted or replaced under the running server", async () => {
    // Before, the server went on answering 200 and taking sign-ins into the deleted file's open
    // descriptors, lost at the next restart.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "forma-ready-"));
    try {
      const template = resolveDatabaseTarget(process.env.DATABASE_URL, root);
      if (template.engine !== "sqlite") throw new Error("the server tests' database is SQLite");
      const file = path.join(dir, "forma.db");
      fs.copyFileSync(template.filePath, file);
      const server = await start({ DATABASE_URL: `file:${file}` });
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      expect((await fetch(`${server.url}/eventi`)).status).toBe(200);
      fs.renameSync(file, `${file}.moved`);
      fs.copyFileSync(`${file}.moved`, file); // a "restore" over the open file: another inode
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get("cache-control")).toBe("no-store");
      fs.rmSync(file);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
      // Pages and forms too (looked at once a second): no write goes into the lost file.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const page = await fetch(`${server.url}/eventi`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain("Servizio momentaneamente non disponibile");
      const form = await fetch(`${server.url}/accedi`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
        body: "email=a%40b.it&password=x",
        redirect: "manual",
      });
      expect(form.status).toBe(503);
      const lost = server.logs.filter((l) => /SQLite database file was deleted or replaced/.test(l.msg ?? ""));
      expect(lost).toHaveLength(1);
      expect(lost[0]).toMatchObject({ level: "error", file });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("background jobs at shutdown", () => {
  test("SIGTERM while an email is being sent: the run finishes and the email is marked sent before the exit", async () => {
    // Before, the process exited as soon as the requests had ended: the email accepted by the SMTP
    // server stayed "in-coda" with its lease, and went out a second time when the lease expired.
    const { SMTPServer } = await import("smtp-server");
    const { createOpenEdition } = await import("../support/factories.ts");
    const { createSignedInTeachers } = await import("../support/signed-in-teachers.ts");
    const { prisma } = await import("../../app/utils/db.server.ts");
    let release: () => void = () => {};
    let dataStarted = false;
    const released = new Promise<void>((resolve) => (release = resolve));
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, callback) {
        dataStarted = true;
        stream.resume();
        stream.on("end", () => void released.then(() => callback()));
      },
    });
    const smtpPort = await freePort();
    await new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", resolve));
    try {
      const { event, edition } = await createOpenEdition({ seatCap: 10 });
      const [teacher] = await createSignedInTeachers(1);
      await prisma.user.update({ where: { id: teacher!.userId }, data: { emailVerifiedAt: new Date() } });
      const server = await start({ FORMA_BACKGROUND_JOBS: "on", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtpPort) });
      const enrolled = await postForm(
        `${server.url}/eventi/${event.id}/iscrizione`,
        { editionId: edition.id },
        { cookie: teacher!.cookie },
      );
      expect(enrolled.status).toBe(302);
      await waitFor(() => dataStarted, "the SMTP server receiving the message", 30_000);
      server.process.kill("SIGTERM");
      await waitFor(() => server.logs.some((l) => l.msg === "shutdown started"), "shutdown started");
      release();
      expect((await server.exited).code).toBe(0);
      const notification = await prisma.notification.findFirstOrThrow({
        where: { userId: teacher!.userId, kind: "iscrizione-confermata" },
        select: { deliveryStatus: true },
      });
      expect(notification.deliveryStatus).toBe("inviata");
      const messages = server.logs.map((l) => l.msg);
      expect(messages).toContain("shutdown: waiting for the job runs in progress");
      expect(messages.indexOf("shutdown complete")).toBeGreaterThan(
        server.logs.findLastIndex((l) => l.msg === "job run" && l.job === "invio-email"),
      );
    } finally {
      release();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});

describe("keep-alive", () => {
  test("an idle connection stays open past Node's 5 s default, for a proxy whose idle timeout is 60 s", async () => {
    const server = await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ socket: net.Socket; keepAlive: unknown }>((resolve, reject) =>
        http
          .get(`${server.url}/healthz`, { agent }, (res) => {
            res.resume();
            res.on("end", () => resolve({ socket: res.socket, keepAlive: res.headers["keep-alive"] }));
          })
          .on("error", reject),
      );
    const first = await get();
    expect(first.keepAlive).toBe("timeout=65");
    await sleep(6_000);
    const second = await get();
    expect(second.socket).toBe(first.socket); // the same connection, reused after 6 s idle
    agent.destroy();
  });

  test("KEEP_ALIVE_TIMEOUT_SECONDS sets it", async () => {
    const server = await start({ KEEP_ALIVE_TIMEOUT_SECONDS: "120" });
    const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.get(`${server.url}/healthz`, { agent: new http.Agent({ keepAlive: true }) }, resolve).on("error", reject),
    );
    response.resume();
    expect(response.headers["keep-alive"]).toBe("timeout=120");
  });
});

describe("graceful shutdown", () => {
  test("SIGTERM during a slow request: no new connections, the request completes, exit 0", async () => {
    const server = await start();
    const slow = slowPost(server.port);
    await sleep(300);
    server.process.kill("SIGTERM");
    await waitFor(() => server.logs.some((l) => l.msg === "shutdown started"), "shutdown started");
    // No longer accepting.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    await sleep(500);
    slow.finish();
    const response = await slow.ended;
    expect(response).toMatch(/^HTTP\/1\.1 (200|400) /);
    expect(response.toLowerCase()).toContain("connection: close");
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.logs.find((l) => l.msg === "shutdown started")).toMatchObject({ inFlight: 1 });
  });

  test("idle keep-alive connections are closed at once: an idle server exits well before the limit", async () => {
    const server = await start({ SHUTDOWN_TIMEOUT_SECONDS: "30" });
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) =>
      http
        .get(`${server.url}/healthz`, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve());
        })
        .on("error", reject),
    );
    const started = Date.now();
    server.process.kill("SIGTERM");
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(5_000);
    agent.destroy();
  });

  test("a request still running at SHUTDOWN_TIMEOUT_SECONDS is cut, logged, and the exit status is 1", async () => {
    const server = await start({ SHUTDOWN_TIMEOUT_SECONDS: "1" });
    const slow = slowPost(server.port); // never finishes
    await sleep(300);
    server.process.kill("SIGTERM");
    expect(await server.exited).toEqual({ code: 1, signal: null });
    await slow.ended;
    expect(server.logs.find((l) => l.msg?.startsWith("shutdown limit reached"))).toMatchObject({ cut: 1 });
  });
});
