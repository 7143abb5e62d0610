// A start that cannot go on, as the person who runs Forma sees it: one line saying which setting or
// what is wrong, no stack trace, no password of a URL, exit status 1. Before, every case below ended
// in Node's uncaught-error report (10-45 lines; an unreachable PostgreSQL printed a line of Prisma's
// minified source 40,000 characters long), and a bad TRUST_PROXY, FORMA_IDLE_RELEASE_SECONDS or HOST
// only failed after the background jobs had run.
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { resolveDatabaseTarget } from "../../app/utils/database-url.ts";
import { freePort, root, startServer, type RunningServer } from "./support.ts";

const running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});

/** Starts server.js with the environment and waits for it to exit on its own. */
async function failedStart(env: Record<string, string>, port?: number) {
  const server = await startServer({ env, port, ready: false });
  running.push(server);
  // A server that starts instead (the bug) is stopped after 20 s: the test then fails on its output.
  const timer = setTimeout(() => server.process.kill("SIGTERM"), 20_000);
  const { code } = await server.exited;
  clearTimeout(timer);
  const lines = server
    .output()
    .split("\n")
    .filter(
      (line) =>
        line.trim() !== "" &&
        // The production start's warning about the demo's contact addresses (ADR 0104) comes before a port's refusal.
        !/"msg":"(job run|retention: expired data removed|\[email\]|the site's contact addresses are the demo's placeholders)/.test(
          line,
        ),
    );
  return { code, lines, output: server.output() };
}

describe("a start that cannot go on says why in one line and exits with status 1", () => {
  test.each([
    [{ PORT: "70000" }, /PORT: Number must be less than or equal to 65535/],
    [{ APP_ORIGIN: "forma.example.it" }, /APP_ORIGIN: Invalid url/],
    [{ LOG_LEVEL: "verbose" }, /LOG_LEVEL: Invalid enum value/],
    [{ TRUST_PROXY: "il-proxy" }, /TRUST_PROXY: deve essere/],
    [{ FORMA_IDLE_RELEASE_SECONDS: "cinque" }, /FORMA_IDLE_RELEASE_SECONDS: Expected number/],
    [{ WEB_CONCURRENCY: "due" }, /Configurazione non valida: WEB_CONCURRENCY: un numero intero da 1 a 256/],
    [{ FORMA_BACKGROUND_JOBS: "false" }, /FORMA_BACKGROUND_JOBS: Invalid enum value/],
    // NODE_ENV= counts as unset: production (server.js), not development with its fixed secret.
    [{ NODE_ENV: "", SESSION_SECRET: "" }, /SESSION_SECRET: obbligatorio in produzione/],
    [{ HOST: "10.255.255.254" }, /HOST\/PORT 10\.255\.255\.254:\d+: .*\(EADDRNOTAVAIL\)/],
    [{ DATABASE_URL: "mysql://forma:S3greta@db.example.it/forma" }, /DATABASE_URL non valido/],
    [
      { DATABASE_URL: `file:${path.join(root, "package.json", "forma.db")}` },
      /DATABASE_URL: non si può aprire né creare il database SQLite .*package\.json\/forma\.db \(/,
    ],
    [
      { DATABASE_URL: "postgresql://forma:S3greta@127.0.0.1:1/forma" },
      /database: Can't reach database server at 127\.0\.0\.1:1 \(DATABASE_URL\)/,
    ],
  ])("%j", async (env, reason) => {
    const { code, lines, output } = await failedStart(env);
    expect(code).toBe(1);
    expect(lines, output).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { level: string; msg: string };
    expect(line.level).toBe("fatal");
    expect(line.msg).toMatch(/^Forma non si avvia \/ Forma cannot start: /);
    expect(line.msg).toMatch(reason);
    expect(output).not.toMatch(/\n\s+at /);
    expect(output).not.toContain("S3greta");
  });

  test("with workers (node:cluster): one worker's line, the primary's, and no stack trace", async () => {
    // Before, the primary's own logger threw on LOG_LEVEL=verbose with pino's stack trace, and then
    // every worker printed the same reason (one line per core): only the first worker checks now.
    const { code, lines, output } = await failedStart({ WEB_CONCURRENCY: "3", LOG_LEVEL: "verbose" });
    expect(code).toBe(1);
    expect(output).not.toMatch(/\n\s+at /);
    const parsed = lines.map((l) => JSON.parse(l) as { level: string; msg: string; role?: string });
    const workerLines = parsed.filter((l) => l.level === "fatal" && !l.role);
    expect(workerLines, output).toHaveLength(1);
    expect(workerLines[0]?.msg).toMatch(/LOG_LEVEL: Invalid enum value/);
    expect(parsed.filter((l) => l.role === "primary").map((l) => l.msg)).toContain(
      "a worker failed to start: stopping",
    );
  });

  test("with workers, a database that fails them all at once: one worker's line, not one per core", async () => {
    // A PostgreSQL address that accepts connections and drops every one of them at the same moment,
    // 3 s after the first: before, the three workers were all waiting on it and each printed the same
    // fatal line. Now only the first worker checks the database; the others are never forked.
    const sockets: net.Socket[] = [];
    const database = net.createServer((socket) => {
      sockets.push(socket);
      if (sockets.length === 1) setTimeout(() => sockets.forEach((s) => s.destroy()), 3_000);
    });
    await new Promise<void>((resolve) => database.listen(0, "127.0.0.1", resolve));
    const { port } = database.address() as net.AddressInfo;
    try {
      const { code, lines, output } = await failedStart({
        WEB_CONCURRENCY: "3",
        DATABASE_URL: `postgresql://forma:S3greta@127.0.0.1:${port}/forma`,
      });
      expect(code).toBe(1);
      const parsed = lines.map((l) => JSON.parse(l) as { level: string; msg: string; role?: string });
      const workerLines = parsed.filter((l) => l.level === "fatal" && !l.role);
      expect(workerLines, output).toHaveLength(1);
      expect(workerLines[0]?.msg).toMatch(/^Forma non si avvia \/ Forma cannot start: database: /);
      expect(output).not.toContain("S3greta");
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => database.close(resolve));
    }
  });

  test("a port another process holds", async () => {
    const port = await freePort();
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(port, "127.0.0.1", resolve));
    try {
      const { code, lines, output } = await failedStart({}, port);
      expect(code).toBe(1);
      expect(output).not.toMatch(/\n\s+at /);
      const fatal = lines
        .map((l) => JSON.parse(l) as { level: string; msg: string })
        .filter((l) => l.level === "fatal");
      expect(fatal.map((l) => l.msg)).toEqual([expect.stringMatching(/HOST\/PORT 127\.0\.0\.1:\d+: .*\(EADDRINUSE\)/)]);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  test("a port another process holds, with several workers and the bounce receiver on its own port", async () => {
    // The bounce receiver listens before the web server: its port must not count the worker as started, or the
    // port error looked like a crash after serving and the workers were restarted for ever.
    const port = await freePort();
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(port, "127.0.0.1", resolve));
    try {
      const { code, lines, output } = await failedStart(
        {
          WEB_CONCURRENCY: "2",
          MAIL_BOUNCE_ADDRESS: "ritorni@forma.example.it",
          BOUNCE_SMTP_PORT: String(await freePort()),
        },
        port,
      );
      expect(code, output).toBe(1);
      const parsed = lines.map((l) => JSON.parse(l) as { level: string; msg: string; role?: string });
      expect(parsed.filter((l) => l.msg === "worker died: restarting it")).toEqual([]);
      const workerFatal = parsed.filter((l) => l.level === "fatal" && !l.role);
      expect(workerFatal.length).toBeGreaterThan(0);
      for (const line of workerFatal) expect(line.msg, output).toMatch(/HOST\/PORT 127\.0\.0\.1:\d+: .*\(EADDRINUSE\)/);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});

test("no build: the line says to run npm run build", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "forma-nobuild-"));
  try {
    fs.copyFileSync(path.join(root, "server.js"), path.join(dir, "server.js"));
    fs.writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }');
    const result = spawnSync(process.execPath, [path.join(dir, "server.js")], {
      cwd: dir,
      env: { ...process.env, WEB_CONCURRENCY: "1" },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect((JSON.parse(lines[0]!) as { msg: string }).msg).toBe(
      `Forma non si avvia / Forma cannot start: nessuna build in ${path.join(dir, "build")}: esegui "npm run build" / no build: run npm run build`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe("a database without this release's migrations (an upgrade without npm run db:migrate)", () => {
  test("the start stops, naming the migrations to apply and the command", async () => {
    // A copy of the migrated template, as the release before left it: its last migration not applied.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "forma-upgrade-"));
    try {
      const file = path.join(dir, "forma.db");
      const template = resolveDatabaseTarget(process.env.DATABASE_URL, root);
      if (template.engine !== "sqlite") throw new Error("the server tests' database is SQLite");
      fs.copyFileSync(template.filePath, file);
      const last = fs
        .readdirSync(path.join(root, "prisma/migrations"))
        .filter((name) => /^\d{14}_/.test(name))
        .sort()
        .at(-1)!;
      const db = new Database(file);
      db.prepare("DELETE FROM _prisma_migrations WHERE migration_name = ?").run(last);
      db.close();
      // Before, this server listened and /readyz said 200 while the catalogue answered 500.
      const { code, lines, output } = await failedStart({ DATABASE_URL: `file:${file}` });
      expect(code).toBe(1);
      expect(lines, output).toHaveLength(1);
      expect((JSON.parse(lines[0]!) as { msg: string }).msg).toBe(
        `Forma non si avvia / Forma cannot start: database: 1 migrazione da applicare (${last}): esegui "npm run db:migrate" con lo stesso DATABASE_URL, poi riavvia / 1 migration to apply: run npm run db:migrate, then start again`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("started from another folder (a systemd unit without WorkingDirectory starts it in /)", () => {
  test("a relative SQLite DATABASE_URL names the file under Forma's folder, where .env, the migrations and npm run db:migrate are", async () => {
    // Before, it was resolved against the folder the server was started from: the start stopped on a
    // missing folder, or on a new empty database with every migration to apply, while
    // `npm run db:migrate`, run in Forma's folder as the message says, migrated the other file.
    const template = resolveDatabaseTarget(process.env.DATABASE_URL, root);
    if (template.engine !== "sqlite") throw new Error("the server tests' database is SQLite");
    const name = `relative_${process.pid}_${Date.now()}.db`;
    const file = path.join(root, "tests/.tmp", name);
    fs.copyFileSync(template.filePath, file);
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "forma-cwd-"));
    let server: RunningServer | undefined;
    try {
      server = await startServer({ cwd: elsewhere, env: { DATABASE_URL: `file:./tests/.tmp/${name}` } });
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status, server.output()).toBe(200);
      expect((await fetch(`${server.url}/eventi`)).status, server.output()).toBe(200);
      // Nothing was made in the folder it was started from.
      expect(fs.readdirSync(elsewhere)).toEqual([]);
    } finally {
      await server?.stop();
      fs.rmSync(elsewhere, { recursive: true, force: true });
      for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
    }
  });
});
