// Each worker of `node server.js` warms its request path before it listens (ADR 0067,
// app/utils/warm-up.server.ts): FORMA_WARMUP_REQUESTS requests through the worker's own app, on a
// private loopback server, read-only and anonymous. Checked here: the requests are made, each
// worker's before it listens (with workers and with a single process), none appears in the request
// log, not a row of the database changes (every table compared whole), 3,000 without the setting
// (ADR 0069), 0 makes none, the time limit ends it and the worker starts anyway, SIGTERM during the
// warm-up exits cleanly without listening, and a bad value stops the start naming the setting. The other server tests run with
// FORMA_WARMUP_REQUESTS=0 (tests/server/support.ts).
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { resolveDatabaseTarget } from "../../app/utils/database-url.ts";
import { root, SESSION_SECRET, startServer, waitFor, type LogLine, type RunningServer } from "./support.ts";

let started: RunningServer[] = [];

async function start(env: Record<string, string | undefined>, options: { ready?: boolean } = {}) {
  const server = await startServer({ env, ...options });
  started.push(server);
  return server;
}

/**
 * Every table's rows (sorted JSON), by table: what the warm-up must leave exactly as it found it.
 * Read with the drivers themselves (Prisma's SQLite adapter refuses the FTS5 index's blob columns).
 */
async function databaseSnapshot(): Promise<Map<string, string[]>> {
  const target = resolveDatabaseTarget(process.env.DATABASE_URL, root);
  const snapshot = new Map<string, string[]>();
  const keep = (name: string, rows: Record<string, unknown>[]) =>
    snapshot.set(
      name,
      rows
        .map((row) =>
          JSON.stringify(row, (_key, value: unknown) =>
            typeof value === "bigint"
              ? value.toString()
              : value instanceof Uint8Array
                ? Buffer.from(value).toString("hex")
                : value,
          ),
        )
        .sort(),
    );
  if (target.engine === "sqlite") {
    const db = new Database(target.filePath, { readonly: true });
    try {
      db.defaultSafeIntegers(true);
      const tables = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
        .all() as { name: string }[];
      for (const { name } of tables)
        keep(name, db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]);
    } finally {
      db.close();
    }
    return snapshot;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    for (const { name } of tables.rows) keep(name, (await client.query(`SELECT * FROM "${name}"`)).rows);
  } finally {
    await client.end();
  }
  return snapshot;
}

let before: Map<string, string[]>;

beforeAll(async () => {
  process.env.SESSION_SECRET = SESSION_SECRET;
  const { createOpenEdition } = await import("../support/factories.ts");
  const { createSignedInTeachers } = await import("../support/signed-in-teachers.ts");
  // A catalogue with an open edition (the warm-up then also asks for its page and posts its
  // enrolment without a session) and a signed-in teacher (a session the warm-up must not touch).
  await createOpenEdition({ seatCap: 10 });
  await createSignedInTeachers(1);
  before = await databaseSnapshot();
  // The tables whose rows a request could add without meaning to: they must be in the comparison.
  for (const table of ["rate_limit", "AuditLog", "UserSession", "Enrolment", "Notification", "Event"])
    expect([...before.keys()], `table ${table} compared`).toContain(table);
}, 120_000);

afterAll(async () => {
  for (const server of started) await server.stop();
  started = [];
});

const workersListening = (server: RunningServer) => server.logs.filter((l) => l.msg === "Forma in ascolto");
const warmUps = (server: RunningServer) => server.logs.filter((l) => l.msg === "warm-up done");

/** The database is as the test set it up: the warm-up wrote nothing (every table, every row). */
async function expectDatabaseUnchanged() {
  const after = await databaseSnapshot();
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [table, rows] of before) expect(after.get(table), `rows of ${table}`).toEqual(rows);
}

test("each of two workers makes FORMA_WARMUP_REQUESTS requests before it listens, none in the request log, nothing written", async () => {
  const server = await start({ WEB_CONCURRENCY: "2", FORMA_WARMUP_REQUESTS: "60" });
  await waitFor(() => workersListening(server).length === 2, "two workers listening");
  const pids = workersListening(server).map((l) => l.pid);
  for (const pid of pids) {
    const lines = server.logs.filter((l) => l.pid === pid);
    const warm = lines.findIndex((l) => l.msg === "warm-up done");
    const listening = lines.findIndex((l) => l.msg === "Forma in ascolto");
    expect(warm, `worker ${pid} warmed up`).toBeGreaterThanOrEqual(0);
    expect(warm, `worker ${pid} warmed up before listening`).toBeLessThan(listening);
    const summary = lines[warm]!;
    expect(summary).toMatchObject({ level: "info", requests: 60, ended: "done", eventFound: true });
    expect(typeof summary.ms).toBe("number");
    const statuses = summary.statuses as Record<string, number>;
    expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBe(60);
    // Pages and data (200) and the journey's anonymous requests, redirected to sign in inside a 202
    // (the event's page was found in the catalogue: its enrolment was posted). No error.
    expect(statuses["200"]).toBeGreaterThan(0);
    expect(statuses["202"]).toBeGreaterThan(0);
    expect(Object.keys(statuses).filter((s) => Number(s) >= 400)).toEqual([]);
    // The warm-up's requests are not traffic: no request line before the worker listened.
    expect(lines.slice(0, listening).filter((l) => l.msg === "request")).toEqual([]);
  }
  // Real requests are logged as before.
  const response = await fetch(`${server.url}/eventi`);
  await response.arrayBuffer();
  await waitFor(
    () => server.logs.some((l) => l.msg === "request" && l.path === "/eventi"),
    "the catalogue's request line",
  );
  server.process.kill("SIGTERM");
  expect(await server.exited).toEqual({ code: 0, signal: null });
  await expectDatabaseUnchanged();
});

test("without FORMA_WARMUP_REQUESTS a worker makes 3,000 requests before it listens (ADR 0069)", async () => {
  const server = await start({ FORMA_WARMUP_REQUESTS: undefined, FORMA_WARMUP_SECONDS: undefined });
  await waitFor(() => workersListening(server).length === 1, "listening", 60_000);
  const [summary] = warmUps(server);
  expect(server.logs.find((l) => l.msg === "warm-up started")).toMatchObject({ requests: 3000, seconds: 10 });
  // All 3,000 within the 10 s, or as many as the time allowed on a slow machine.
  if (summary!.ended === "done") expect(summary!.requests).toBe(3000);
  else expect(summary).toMatchObject({ ended: "time-limit", level: "info" });
  expect(summary!.requests as number).toBeGreaterThan(100);
  expect(server.logs.indexOf(summary!)).toBeLessThan(server.logs.indexOf(workersListening(server)[0]!));
  server.process.kill("SIGTERM");
  expect(await server.exited).toEqual({ code: 0, signal: null });
  await expectDatabaseUnchanged();
}, 90_000);

test("FORMA_WARMUP_REQUESTS=0 makes none", async () => {
  const server = await start({ FORMA_WARMUP_REQUESTS: "0" });
  await waitFor(() => workersListening(server).length === 1, "listening");
  expect(warmUps(server)).toEqual([]);
  expect(server.logs.filter((l) => l.msg === "warm-up started")).toEqual([]);
  await server.stop();
});

test("a single process (WEB_CONCURRENCY=1) warms up too; the time limit ends the warm-up and the worker starts anyway", async () => {
  const server = await start({ FORMA_WARMUP_REQUESTS: "100000", FORMA_WARMUP_SECONDS: "1" });
  await waitFor(() => workersListening(server).length === 1, "listening");
  const [summary] = warmUps(server);
  // An ordinary end, not a warning (ADR 0069).
  expect(summary).toMatchObject({ level: "info", ended: "time-limit" });
  expect(summary!.requests as number).toBeGreaterThan(0);
  expect(summary!.requests as number).toBeLessThan(100000);
  expect(server.logs.indexOf(summary!)).toBeLessThan(server.logs.indexOf(workersListening(server)[0]!));
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  server.process.kill("SIGTERM");
  expect(await server.exited).toEqual({ code: 0, signal: null });
  await expectDatabaseUnchanged();
});

test("SIGTERM during the warm-up ends it: the worker never listens and exits 0", async () => {
  const server = await start({ FORMA_WARMUP_REQUESTS: "100000", FORMA_WARMUP_SECONDS: "120" }, { ready: false });
  const startedLine = (l: LogLine) => l.msg === "warm-up started";
  await waitFor(() => server.logs.some(startedLine), "the warm-up started", 60_000);
  await new Promise((resolve) => setTimeout(resolve, 300));
  server.process.kill("SIGTERM");
  expect(await server.exited).toEqual({ code: 0, signal: null });
  expect(warmUps(server)[0]).toMatchObject({ ended: "aborted" });
  expect(server.logs.some((l) => l.msg === "shutdown complete")).toBe(true);
  expect(workersListening(server)).toEqual([]);
});

test("a bad FORMA_WARMUP_REQUESTS stops the start, naming the setting", async () => {
  for (const value of ["-1", "many", "1.5"]) {
    const failed = await startServer({ env: { FORMA_WARMUP_REQUESTS: value } }).then(
      (server) => {
        started.push(server);
        return "";
      },
      (error: Error) => error.message,
    );
    expect(failed, value).toContain("Configurazione non valida");
    expect(failed, value).toContain("FORMA_WARMUP_REQUESTS");
  }
  const failed = await startServer({ env: { FORMA_WARMUP_SECONDS: "0" } }).then(
    () => "",
    (error: Error) => error.message,
  );
  expect(failed).toContain("FORMA_WARMUP_SECONDS");
});
