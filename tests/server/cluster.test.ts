// `node server.js` with several workers (node:cluster, WEB_CONCURRENCY), on the SQLite file the
// integration set-up creates: both workers serve, a burst of enrolments through both fills the
// seats exactly with an unbroken waitlist (SQLite with several processes on one file), the workers
// run with MALLOC_ARENA_MAX=2 and --max-semi-space-size=8 set by the primary (a replacement too), a worker
// killed with SIGKILL is replaced while the site keeps answering, and SIGTERM stops everything
// gracefully with exit status 0.
import fs from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { postForm, SESSION_SECRET, startServer, waitFor, type RunningServer } from "./support.ts";

const SEATS = 40;
const TEACHERS = 160;
let server: RunningServer | undefined;
let enrolPath = "";
let editionId = "";
let teachers: { userId: string; cookie: string }[] = [];

beforeAll(async () => {
  process.env.SESSION_SECRET = SESSION_SECRET;
  const { createOpenEdition } = await import("../support/factories.ts");
  const { createSignedInTeachers } = await import("../support/signed-in-teachers.ts");
  const { prisma } = await import("../../app/utils/db.server.ts");
  const { event, edition } = await createOpenEdition({ seatCap: SEATS });
  enrolPath = `/eventi/${event.id}/iscrizione`;
  editionId = edition.id;
  const signedIn = await createSignedInTeachers(TEACHERS);
  await prisma.user.updateMany({
    where: { id: { in: signedIn.map((t) => t.userId) } },
    data: { emailVerifiedAt: new Date() },
  });
  teachers = signedIn;
  server = await startServer({ env: { WEB_CONCURRENCY: "2", FORMA_BACKGROUND_JOBS: "on" } });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** The command line a worker runs with: node's flags come before the script. */
const commandLine = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");

const listening = (app: RunningServer) =>
  new Set(app.logs.filter((l) => l.msg === "Forma in ascolto").map((l) => l.pid as number));

test("two workers share the port; a burst through both fills the seats exactly; a killed worker is replaced; SIGTERM ends all", async () => {
  const app = server!;
  await waitFor(() => listening(app).size === 2, "two workers listening");
  const primary = app.logs.find((l) => l.msg === "starting workers");
  expect(primary).toMatchObject({ workers: 2, role: "primary" });
  // The primary gives its workers two malloc arenas each (ADR 0031), read by glibc at their start.
  for (const pid of listening(app)) {
    const environ = fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
    expect(environ, `worker ${pid}'s environment`).toContain("MALLOC_ARENA_MAX=2");
    // and a young generation of at most 8 MB semi-spaces (ADR 0068), which V8 reads at start only.
    expect(commandLine(pid), `worker ${pid}'s command line`).toContain("--max-semi-space-size=8");
  }

  // The burst: every teacher at once, spread by the primary over both workers.
  const statuses = await Promise.all(
    teachers.map(async (t) => {
      const response = await postForm(`${app.url}${enrolPath}`, { editionId }, { cookie: t.cookie });
      await response.arrayBuffer();
      return response.status;
    }),
  );
  expect(statuses.filter((s) => s !== 302)).toEqual([]);
  const servedBy = new Set(
    app.logs.filter((l) => typeof l.path === "string" && l.path === enrolPath).map((l) => l.pid as number),
  );
  expect(servedBy.size, "enrolments served by both workers").toBe(2);

  const { prisma } = await import("../../app/utils/db.server.ts");
  const rows = await prisma.enrolment.findMany({ where: { editionId }, select: { status: true, waitlistSeq: true } });
  expect(rows).toHaveLength(TEACHERS);
  expect(rows.filter((r) => r.status === "iscritto")).toHaveLength(SEATS);
  const positions = rows
    .filter((r) => r.status === "in-attesa")
    .map((r) => r.waitlistSeq)
    .sort((a, b) => (a ?? 0) - (b ?? 0));
  expect(positions).toEqual(Array.from({ length: TEACHERS - SEATS }, (_, i) => i + 1));
  const edition = await prisma.edition.findUniqueOrThrow({ where: { id: editionId }, select: { seatsTaken: true } });
  expect(edition.seatsTaken).toBe(SEATS);

  // A worker dies (SIGKILL: no chance to clean up): the primary forks a new one, and the site
  // answers all along (the other worker takes the traffic meanwhile). Connections the dead worker
  // held are reset, as a browser's would be, and a browser then retries a GET once on a new one:
  // so does this client; each request opens its own connection.
  const firstWorkers = listening(app);
  const [victim] = [...firstWorkers];
  process.kill(victim!, "SIGKILL");
  const during: number[] = [];
  const get = async () => {
    const once = () => fetch(`${app.url}/eventi`, { headers: { connection: "close" } });
    const response = await once().catch(() => once());
    await response.arrayBuffer();
    return response.status;
  };
  await waitFor(async () => {
    during.push(await get());
    return listening(app).size === 3;
  }, "a replacement worker listening");
  expect(during.filter((s) => s !== 200)).toEqual([]);
  expect(app.logs.find((l) => l.msg === "worker died: restarting it")).toMatchObject({
    workerPid: victim,
    signal: "SIGKILL",
  });
  const [replacement] = [...listening(app)].filter((pid) => !firstWorkers.has(pid));
  expect(commandLine(replacement!), "the replacement's command line").toContain("--max-semi-space-size=8");

  // SIGTERM to the primary: every worker shuts down gracefully, then the primary exits 0.
  app.process.kill("SIGTERM");
  expect(await app.exited).toEqual({ code: 0, signal: null });
  expect(app.logs.filter((l) => l.msg === "shutdown complete")).toHaveLength(2);
  expect(app.logs.find((l) => l.msg === "all workers stopped")).toMatchObject({ exitCode: 0 });
});

test("a --max-semi-space-size given in NODE_OPTIONS wins over the workers' default of 8 MB", async () => {
  const app = await startServer({ env: { WEB_CONCURRENCY: "2", NODE_OPTIONS: "--max-semi-space-size=16" } });
  try {
    await waitFor(() => listening(app).size === 2, "two workers listening");
    for (const pid of listening(app)) {
      expect(commandLine(pid), `worker ${pid}'s command line`).not.toContain("--max-semi-space-size=8");
      const environ = fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      expect(environ, `worker ${pid}'s environment`).toContain("NODE_OPTIONS=--max-semi-space-size=16");
    }
  } finally {
    await app.stop();
  }
}, 60_000);
