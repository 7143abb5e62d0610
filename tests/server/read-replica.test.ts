// A real streaming replica (ADR 0017): its own throwaway PostgreSQL primary and a hot standby made
// with pg_basebackup -R (scripts/throwaway-postgres.sh start, then replica-start), whatever
// DATABASE_URL says, and the production server with DATABASE_REPLICA_URL.
// The replica's replay is paused, then an event is published on the primary: what shows it, and
// what does not, tells which server answered each page. The catalogue, the public event page and
// the feeds of an anonymous visitor come from the replica; a teacher's own page, her event page,
// and everything she reads in the seconds after her enrolment come from the primary. A replica
// that goes away is logged once and the primary answers meanwhile; once back, it serves again.
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { applyPostgresMigrations, freePort, postForm, root, SESSION_SECRET, startServer, waitFor } from "./support.ts";
import type { RunningServer } from "./support.ts";

let pgEnv: NodeJS.ProcessEnv;
let primaryUrl = "";
let replicaUrl = "";
let server: RunningServer | undefined;
let eventA = { id: "", title: "", editionId: "" };
let teacherCookie = "";

function throwawayPostgres(command: string): string {
  return execFileSync("bash", [path.join(root, "scripts/throwaway-postgres.sh"), command], {
    env: pgEnv,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function page(pathname: string, cookie?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server!.url}${pathname}`, { headers: cookie ? { cookie } : {} });
  return { status: response.status, text: await response.text() };
}

/** An event published on the primary only (the replica's replay is paused). */
async function publishOnPrimary(): Promise<string> {
  const { createOpenEdition } = await import("../support/factories.ts");
  return (await createOpenEdition()).event.id;
}

async function pauseReplay() {
  await query(replicaUrl, "SELECT pg_wal_replay_pause()");
  await waitFor(
    async () =>
      (await query<{ state: string }>(replicaUrl, "SELECT pg_get_wal_replay_pause_state() AS state"))[0]?.state ===
      "paused",
    "replica replay paused",
  );
}

beforeAll(async () => {
  // FORMA_REPLICA_TEST_PG_PORT fixes the primary's port (the replica takes the next one).
  const fixed = Number(process.env.FORMA_REPLICA_TEST_PG_PORT ?? 0);
  const primaryPort = fixed || (await freePort());
  let replicaPort = fixed ? fixed + 1 : await freePort();
  while (replicaPort === primaryPort) replicaPort = await freePort();
  pgEnv = {
    ...process.env,
    FORMA_PG_PORT: String(primaryPort),
    FORMA_PG_DIR: `/tmp/forma-pg-replica-test-${process.pid}-${primaryPort}`,
    FORMA_PG_REPLICA_PORT: String(replicaPort),
    FORMA_PG_REPLICA_DIR: `/tmp/forma-pg-replica-test-${process.pid}-${replicaPort}`,
  };
  primaryUrl = throwawayPostgres("start");
  await applyPostgresMigrations(primaryUrl);
  process.env.DATABASE_URL = primaryUrl;
  process.env.SESSION_SECRET = SESSION_SECRET;
  const { createOpenEdition } = await import("../support/factories.ts");
  const { createSignedInTeachers } = await import("../support/signed-in-teachers.ts");
  const { prisma } = await import("../../app/utils/db.server.ts");
  const a = await createOpenEdition({ seatCap: 10 });
  eventA = { id: a.event.id, title: a.event.title, editionId: a.edition.id };
  const [teacher] = await createSignedInTeachers(1);
  await prisma.user.update({ where: { id: teacher!.userId }, data: { emailVerifiedAt: new Date() } });
  teacherCookie = teacher!.cookie;
  // The copy is taken after the data above: the replica starts with it, then streams the rest.
  replicaUrl = throwawayPostgres("replica-start");
  expect((await query<{ r: boolean }>(replicaUrl, "SELECT pg_is_in_recovery() AS r"))[0]?.r).toBe(true);
  server = await startServer({
    env: { DATABASE_URL: primaryUrl, DATABASE_REPLICA_URL: replicaUrl, DATABASE_REPLICA_STICKY_SECONDS: "30" },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (pgEnv) {
    throwawayPostgres("replica-stop");
    throwawayPostgres("stop");
  }
  const { prisma } = await import("../../app/utils/db.server.ts");
  await prisma.$disconnect();
});

test("lag-tolerant pages read the replica, a person's own and just-changed data the primary; a replica outage falls back to the primary", async () => {
  const app = server!;
  expect((await page("/eventi")).text).toContain(`/eventi/${eventA.id}`);

  await pauseReplay();
  const eventB = await publishOnPrimary();

  // Anonymous visitors: catalogue, event page and feeds come from the (stale) replica.
  expect((await page("/eventi")).text).not.toContain(`/eventi/${eventB}`);
  expect((await page(`/eventi/${eventB}`)).status).toBe(404);
  expect((await page("/eventi/feed.json")).text).not.toContain(eventB);
  expect((await page(`/eventi/${eventA.id}`)).status).toBe(200);

  // A signed-in teacher who has written nothing yet: the catalogue may lag, her event page may not.
  expect((await page("/eventi", teacherCookie)).text).not.toContain(`/eventi/${eventB}`);
  expect((await page(`/eventi/${eventB}`, teacherCookie)).status).toBe(200);

  // She enrols: the answer sets the read-your-writes cookie for DATABASE_REPLICA_STICKY_SECONDS.
  const enrol = await postForm(
    `${app.url}/eventi/${eventA.id}/iscrizione`,
    { editionId: eventA.editionId },
    { cookie: teacherCookie },
  );
  expect(enrol.status).toBe(302);
  const setCookies = enrol.headers.getSetCookie();
  const wrote = setCookies.find((c) => c.startsWith("forma_wrote="));
  expect(wrote, setCookies.join("\n")).toMatch(/^forma_wrote=1; Max-Age=30; Path=\/; HttpOnly; SameSite=Lax/);
  const afterWrite = `${teacherCookie}; ${wrote!.split(";")[0]}`;

  // Her own page lists the place she just took (on the replica it does not exist yet) …
  expect((await page("/le-mie-iscrizioni", afterWrite)).text).toContain(`/eventi/${eventA.id}`);
  // … and for a few seconds everything she reads comes from the primary, catalogue and feeds too.
  expect((await page("/eventi", afterWrite)).text).toContain(`/eventi/${eventB}`);
  expect((await page("/eventi/feed.json", afterWrite)).text).toContain(eventB);
  // A visitor without that cookie still reads the replica.
  expect((await page("/eventi")).text).not.toContain(`/eventi/${eventB}`);
  // A GET writes nothing: no cookie.
  expect((await fetch(`${app.url}/eventi`)).headers.getSetCookie()).toEqual([]);

  // Replay resumes: the replica catches up and shows the new event to everyone.
  await query(replicaUrl, "SELECT pg_wal_replay_resume()");
  await waitFor(async () => (await page("/eventi")).text.includes(`/eventi/${eventB}`), "replica caught up", 15_000);

  // The replica goes away: pages keep answering from the primary, and the outage is logged once.
  throwawayPostgres("replica-halt");
  try {
    const eventC = await publishOnPrimary();
    for (let i = 0; i < 5; i++) {
      const catalogue = await page("/eventi");
      expect(catalogue.status).toBe(200);
      expect(catalogue.text).toContain(`/eventi/${eventC}`);
      expect((await page(`/eventi/${eventC}`)).status).toBe(200);
    }
    expect(app.logs.filter((l) => l.msg === "read replica unavailable: reading from the primary")).toHaveLength(1);
  } finally {
    throwawayPostgres("replica-resume");
  }

  // Back: after the retry delay, lag-tolerant reads go to the replica again (replay paused, so a
  // new event on the primary is missing from the anonymous catalogue once the replica answers).
  await pauseReplay();
  const eventD = await publishOnPrimary();
  await waitFor(
    async () => !(await page("/eventi")).text.includes(`/eventi/${eventD}`),
    "catalogue served by the replica again",
    20_000,
  );
  expect(app.logs.some((l) => l.msg === "read replica answers again: lag-tolerant reads go back to it")).toBe(true);
  await query(replicaUrl, "SELECT pg_wal_replay_resume()");
  expect(app.output()).not.toMatch(/Unhandled 'error' event|uncaughtException/);
});
