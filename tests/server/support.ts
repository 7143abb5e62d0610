// The production server (`node server.js`, after `npm run build`) as a child process, for tests of
// what only the real server does: logs, health checks, shutdown, headers, body limits, proxies,
// database faults. Its stdout (one JSON log line each) is kept for assertions.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeAll } from "vitest";
import { resolveDatabaseTarget } from "../../app/utils/database-url.ts";

export const root = path.resolve(import.meta.dirname, "../..");
export const SESSION_SECRET = "server-tests-secret-0123456789abcdefghijklmnop";

export function requireBuild() {
  if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
    throw new Error("No production build: run `npx remix vite:build` (npm run build) before the server tests");
  }
}

/**
 * A TCP port nobody listens on right now: any the system gives, or one of FORMA_TEST_PORT_RANGE
 * ("3900-3999") when set, for a machine where each user of it has a range of ports.
 */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.FORMA_TEST_PORT_RANGE ?? "");
  if (!range) return listenOnce(0);
  const [from, to] = [Number(range[1]), Number(range[2])];
  const offset = Math.floor(Math.random() * (to - from + 1));
  for (let i = 0; i <= to - from; i++) {
    const port = from + ((offset + i) % (to - from + 1));
    try {
      return await listenOnce(port);
    } catch {
      // taken: the next one
    }
  }
  throw new Error(`no free port in FORMA_TEST_PORT_RANGE ${process.env.FORMA_TEST_PORT_RANGE}`);
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address() as net.AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}

export type LogLine = Record<string, unknown> & { msg?: string; level?: string };

export type RunningServer = {
  url: string;
  port: number;
  process: ChildProcess;
  logs: LogLine[];
  /** Raw stdout and stderr, for failure messages. */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop: () => Promise<void>;
};

/**
 * `options.ready: false` returns as soon as the process is spawned, without waiting for /healthz
 * (a test of what happens before the server listens). A variable of `options.env` set to undefined
 * is left out of the server's environment, so that its default applies. `options.cwd`: the folder
 * it is started from (default the repository's).
 */
export async function startServer(
  options: { env?: Record<string, string | undefined>; port?: number; ready?: boolean; cwd?: string } = {},
) {
  requireBuild();
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(root, "server.js")], {
    cwd: options.cwd ?? root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      SESSION_SECRET,
      APP_ORIGIN: url,
      LOG_LEVEL: "info",
      FORMA_BACKGROUND_JOBS: "off",
      LOGIN_RATE_LIMIT: "1000",
      SIGNUP_RATE_LIMIT: "1000",
      ENROLMENT_RATE_LIMIT: "100000",
      // One process unless a test asks for workers (tests/server/cluster.test.ts): the other tests
      // look at one process's logs and exit status.
      WEB_CONCURRENCY: "1",
      // No warm-up before listening (ADR 0067) unless a test asks for it (tests/server/warm-up.test.ts):
      // it would add its requests' time to every start.
      FORMA_WARMUP_REQUESTS: "0",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: LogLine[] = [];
  let raw = "";
  let pending = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    raw += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => (raw += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (options.ready === false) break;
    if (done) throw new Error(`server.js exited at start:\n${raw}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server.js did not start:\n${raw}`);
    await sleep(200);
  }
  const server: RunningServer = {
    url,
    port,
    process: child,
    logs,
    output: () => raw,
    exited,
    stop: async () => {
      if (!done) child.kill("SIGKILL");
      await exited;
    },
  };
  return server;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the condition holds (polling), or fails with the message. */
export async function waitFor(condition: () => boolean | Promise<boolean>, message: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await sleep(100);
  }
}

/** The same migration the app's setup runs (prisma migrate deploy). */
export function migrate(databaseUrl: string) {
  execFileSync(process.execPath, [path.join(root, "scripts/migrate-deploy.mjs")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "pipe",
  });
}

/**
 * A fresh PostgreSQL database brought to the current schema by running the migration files' SQL in
 * order, without Prisma's CLI: about a second instead of ten or more, for tests that start their
 * own server. Each migration is recorded in Prisma's table as `prisma migrate deploy` records it
 * (same columns and checksum): the server refuses to start on a database without them
 * (app/utils/migration-check.server.ts). `migrate` above is the real path.
 */
export async function applyPostgresMigrations(databaseUrl: string) {
  const dir = path.join(root, "prisma/postgresql/migrations");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE TABLE "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name, "migration.sql");
      if (!fs.existsSync(file)) continue;
      const sql = fs.readFileSync(file, "utf8");
      await client.query(sql);
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ($1, $2, now(), $3, 1)`,
        [crypto.randomUUID(), crypto.createHash("sha256").update(sql).digest("hex"), name],
      );
    }
  } finally {
    await client.end();
  }
}

/** Form fields as an application/x-www-form-urlencoded POST, with the cookie and no redirect following. */
export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

/**
 * Servers started by a test file, each stopped after its test: `start(env)` starts one (ready, signed with
 * SESSION_SECRET) and registers it.
 */
export function serversStoppedAfterEachTest() {
  const running: RunningServer[] = [];
  beforeAll(() => {
    process.env.SESSION_SECRET = SESSION_SECRET;
  });
  afterEach(async () => {
    for (const server of running.splice(0)) await server.stop();
  });
  return async function start(env: Record<string, string> = {}) {
    const server = await startServer({ env });
    running.push(server);
    return server;
  };
}

/**
 * A copy of the server tests' SQLite database as it is now (VACUUM INTO reads one consistent snapshot, through a
 * connection of its own, closed at once), for a server that must not share the database with the other server test
 * files run beside it: every message queued in the copy is held back ("non-inviare") except those in `keepQueued`.
 */
export async function copyOfTestDatabase(dir: string, keepQueued: readonly string[] = []): Promise<string> {
  const { default: Database } = await import("better-sqlite3");
  const template = resolveDatabaseTarget(process.env.DATABASE_URL, root);
  if (template.engine !== "sqlite") throw new Error("the server tests' database is SQLite");
  const file = path.join(dir, "forma.db");
  const source = new Database(template.filePath, { readonly: true });
  try {
    source.exec(`VACUUM INTO '${file.replaceAll("'", "''")}'`);
  } finally {
    source.close();
  }
  const copy = new Database(file);
  try {
    const queued = copy.prepare(`SELECT "id" FROM "Notification" WHERE "deliveryStatus" = 'in-coda'`).all() as {
      id: string;
    }[];
    const hold = copy.prepare(`UPDATE "Notification" SET "deliveryStatus" = 'non-inviare' WHERE "id" = ?`);
    for (const row of queued) if (!keepQueued.includes(row.id)) hold.run(row.id);
  } finally {
    copy.close();
  }
  return file;
}
