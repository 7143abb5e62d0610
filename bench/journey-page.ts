// The page every enrolment's redirect names ("Le mie iscrizioni", /le-mie-iscrizioni?esito=…), the
// journey (the enrol POST, then that page) and a refusal (the 409 enrol page): server CPU ms per
// request, one worker, comparing builds in the same window. Each --root is a folder holding
// server.js and build/ (e.g. a copy of the worktree's before a change); the rounds alternate
// between them, so the machine's load weighs on both alike. Prints one line per round and root,
// with the load average.
//   npx tsx bench/journey-page.ts --root /tmp/base --root . [--rounds 3] [--teachers 2000] [--journeys 1000]
//   … --engine postgresql --pg-url postgresql://…   (default: SQLite)
//   … --html 300     then fetches the page (Italian and English, with and without the outcome), and
//                    the three refused enrol pages, for 300 teachers from every root and says whether
//                    each root's HTML is the first root's, byte for byte once CSP nonces are blanked;
//                    the same for the JavaScript client's answers (the page's data with and without
//                    the outcome, the three refusals' data, and for up to 50 fresh teachers per root
//                    the enrolment's 202, the new enrolment's id blanked), and every answer's status
//                    and headers (Date, CSP nonces and
//                    a document's compressed length aside)
//   … --html-dir d  also writes each root's responses to d/<root's index>/<request>.html
//   … --blank-assets also blanks the hashes in built assets' names and the manifest's version (the
//                    browser code of the two builds differs, the markup must not)
//   … --phases page  measures only these phases (page, refused, journey; and the JavaScript client's
//                    parts: page-data, discovery, refused-data, js-journey), e.g. for a profile
//   … --profile dir  writes a V8 CPU profile of each server there (bench/profile-summary.ts)
// Setup: `teachers` signed-in teachers hold a place (30 % seated, the rest waiting) in one edition,
// enrolled in process; the page phase GETs each one's page with its outcome once (20 connections);
// the refusal phase POSTs each one's enrolment again (already enrolled: 409 with the enrol page);
// the journey phase takes `journeys` fresh teachers per round and root, POST then page, as
// bench/enrolment-burst.ts --journey does (undici's fetch, which asks for gzip). The JavaScript
// client's phases (bench/lib/browser-journey.ts, a browser's Accept-Encoding): page-data GETs each
// teacher's /le-mie-iscrizioni.data?esito=…, discovery the route of its QR link (/__manifest),
// refused-data POSTs each enrolment again to …/iscrizione.data (409), js-journey is
// bench/enrolment-burst.ts --journey --client js's journey for `journeys` fresh teachers.
import path from "node:path";
import { parseArgs } from "node:util";
import {
  BROWSER_HEADERS,
  forgetManifestVersions,
  htmlJourney,
  jsJourney,
  routeDiscovery,
} from "./lib/browser-journey.ts";
import { freshDatabase } from "./lib/fresh-database.ts";
import { cpuMsOf, processTree } from "./lib/process-stats.mjs";
import { enrolPost, loadAverage, requestBurst, startServer as startBenchServer } from "./lib/servers.ts";

const { values: args } = parseArgs({
  options: {
    root: { type: "string", multiple: true, default: ["."] },
    engine: { type: "string", default: "sqlite" },
    "pg-url": { type: "string" },
    rounds: { type: "string", default: "3" },
    teachers: { type: "string", default: "2000" },
    journeys: { type: "string", default: "1000" },
    connections: { type: "string", default: "20" },
    port: { type: "string", default: "3700" },
    profile: { type: "string" },
    html: { type: "string", default: "0" },
    /** Compare the HTML with the hashes of built assets blanked too (builds whose browser code differs). */
    "blank-assets": { type: "boolean", default: false },
    /** Writes each root's responses there (one file per root and request), to read or diff them. */
    "html-dir": { type: "string" },
    /** The measured phases, comma-separated (e.g. "page" alone for a profile of the page). */
    phases: { type: "string", default: "page,refused,journey,page-data,discovery,refused-data,js-journey" },
  },
});
const roots = args.root.map((r) => path.resolve(r));
const engine = args.engine === "postgresql" ? "postgresql" : "sqlite";
const N = Number(args.teachers);
const J = Number(args.journeys);
const rounds = Number(args.rounds);
const connections = Number(args.connections);
const port = Number(args.port);
const phases = new Set(args.phases.split(","));

const databaseUrl = await freshDatabase(engine, args["pg-url"]);
process.env.DATABASE_URL = databaseUrl;
process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.NODE_ENV = "production";
const { createOpenEdition } = await import("../tests/support/factories.ts");
const { createSignedInTeachers } = await import("../tests/support/signed-in-teachers.ts");
const { enrol } = await import("../app/models/enrolment.server.ts");
const { prisma } = await import("../app/utils/db.server.ts");

const { event, edition } = await createOpenEdition({ seatCap: Math.ceil(N * 0.3) });
const teachers = await createSignedInTeachers(N);
const outcomes: string[] = [];
for (const t of teachers) {
  const r = await enrol(t.userId, edition.id);
  if (!r.ok) throw new Error(`setup: enrolment refused (${r.reason})`);
  outcomes.push(r.enrolmentId);
}
const notEligible = await createOpenEdition({ level: "regionale", regionCode: "lombardia" });
const closed = await createOpenEdition({
  opensAt: new Date(Date.now() - 48 * 3600_000),
  closesAt: new Date(Date.now() - 3600_000),
});
// Fresh teachers and a fresh edition for each journey phase (a second POST would be a refusal).
const journeyPhases = new Map<string, { teachers: typeof teachers; eventId: string; editionId: string }>();
for (let round = 1; round <= rounds; round++) {
  for (const root of roots) {
    for (const client of ["html", "js"]) {
      const target = await createOpenEdition({ seatCap: Math.ceil(J * 0.3) });
      journeyPhases.set(`${client} ${round} ${root}`, {
        teachers: await createSignedInTeachers(J),
        eventId: target.event.id,
        editionId: target.edition.id,
      });
    }
  }
}

/** One worker of the build in `root`, with its server CPU so far. */
async function startServer(root: string) {
  const server = await startBenchServer(
    port,
    {
      WEB_CONCURRENCY: "1",
      FORMA_BACKGROUND_JOBS: "off",
      COOKIE_SECURE: "false",
      // The refusal phase repeats every teacher's attempt in each round.
      ENROLMENT_RATE_LIMIT: "1000000",
    },
    { cwd: root, profileDir: args.profile, startSeconds: 180 },
  );
  return { url: server.url, cpuMs: () => cpuMsOf(processTree(server.process.pid!)), stop: server.stop };
}

/** Each teacher's page with the outcome of its enrolment, `count` requests in all. */
async function pageBurst(url: string, count: number) {
  return requestBurst(url, connections, count, (i) => ({
    method: "GET",
    path: `/le-mie-iscrizioni?esito=${encodeURIComponent(outcomes[i % N]!)}`,
    headers: { cookie: teachers[i % N]!.cookie },
  }));
}

/** Each teacher enrols again in the edition it holds a place in: 409, the enrol page. */
async function refusalBurst(url: string, count: number) {
  return requestBurst(url, connections, count, (i) => enrolPost(teachers[i % N]!.cookie, event.id, edition.id));
}

/** Each teacher's page data (the JavaScript client's GET after the redirect), `count` requests in all. */
async function pageDataBurst(url: string, count: number) {
  return requestBurst(url, connections, count, (i) => ({
    method: "GET",
    path: `/le-mie-iscrizioni.data?esito=${encodeURIComponent(outcomes[i % N]!)}`,
    headers: { ...BROWSER_HEADERS, cookie: teachers[i % N]!.cookie },
  }));
}

/** Each teacher enrols again through the JavaScript client's data request: 409, the action's data. */
async function refusalDataBurst(url: string, count: number) {
  return requestBurst(url, connections, count, (i) => {
    const post = enrolPost(teachers[i % N]!.cookie, event.id, edition.id);
    return {
      ...post,
      path: `${post.path}.data?edizione=${edition.id}`,
      headers: { ...BROWSER_HEADERS, ...post.headers },
    };
  });
}

/** `connections` clients at a time, each running `one` for the next teacher, counting the statuses. */
async function eachTeacher(
  list: typeof teachers,
  one: (teacher: (typeof teachers)[number], i: number) => Promise<string>,
) {
  const counts: Record<string, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (;;) {
        const i = next++;
        const teacher = list[i];
        if (!teacher) return;
        const status = await one(teacher, i).catch(() => "error");
        counts[status] = (counts[status] ?? 0) + 1;
      }
    }),
  );
  return JSON.stringify(counts);
}

/** POST, then the page the redirect names, `connections` teachers at a time (a browser's journey without JavaScript). */
function journeys(url: string, phase: { teachers: typeof teachers; eventId: string; editionId: string }) {
  return eachTeacher(phase.teachers, (t) => htmlJourney(url, t.cookie, "enrol", phase));
}

console.log(
  `${engine}; teachers: ${N}, journeys per phase: ${J}, connections: ${connections}, load before: ${loadAverage()}`,
);
for (let round = 1; round <= rounds; round++) {
  for (const root of roots) {
    // A session is marked used at most every 5 minutes (a write, in the session lookup): marked now,
    // none is written during the phases, whichever root runs first.
    await prisma.userSession.updateMany({ data: { lastUsedAt: new Date() } });
    const server = await startServer(root);
    forgetManifestVersions();
    // Warm-up (JIT, caches): a fifth of the page and refusal phases, not counted.
    if (phases.has("page") || phases.has("journey")) await pageBurst(server.url, Math.ceil(N / 5));
    if (phases.has("refused")) await refusalBurst(server.url, Math.ceil(N / 5));
    const figures: string[] = [];
    const measure = async (phase: string, count: number, run: () => Promise<string>) => {
      if (!phases.has(phase)) return;
      const before = server.cpuMs();
      const counts = await run();
      figures.push(`${phase} ${((server.cpuMs() - before) / count).toFixed(3)} ms ${counts}`);
    };
    await measure("page", N, () => pageBurst(server.url, N));
    await measure("refused", N, () => refusalBurst(server.url, N));
    await measure("journey", J, () => journeys(server.url, journeyPhases.get(`html ${round} ${root}`)!));
    await measure("page-data", N, () => pageDataBurst(server.url, N));
    await measure("discovery", N, () =>
      eachTeacher(teachers, (t, i) => routeDiscovery(server.url, t.cookie, outcomes[i]!).then(String)),
    );
    await measure("refused-data", N, () => refusalDataBurst(server.url, N));
    const js = journeyPhases.get(`js ${round} ${root}`)!;
    await measure("js-journey", J, () => eachTeacher(js.teachers, (t) => jsJourney(server.url, t.cookie, "enrol", js)));
    await server.stop();
    console.log(`round ${round} ${root}: ${figures.join(" | ")} | load ${loadAverage()}`);
  }
}

const htmlCount = Math.min(Number(args.html), N);
if (htmlCount > 0) {
  // What a teacher gets back: the page as the redirect names it and without the outcome, in each
  // language, and the three refusals' enrol pages. The CSP nonce differs per response: blanked.
  type PageRequest = { method: string; path: string; cookie: string; body?: string; data?: boolean };
  const requests = teachers.slice(0, htmlCount).flatMap((t, k): PageRequest[] => {
    const lang = k % 2 === 0 ? "" : "; forma_lang=en";
    const refused = (eventId: string, editionId: string, data = false): PageRequest => ({
      method: "POST",
      path: data ? `/eventi/${eventId}/iscrizione.data?edizione=${editionId}` : `/eventi/${eventId}/iscrizione`,
      cookie: t.cookie + lang,
      body: `editionId=${editionId}`,
      data,
    });
    const outcome = encodeURIComponent(outcomes[k]!);
    return [
      { method: "GET", path: `/le-mie-iscrizioni?esito=${outcome}`, cookie: t.cookie + lang },
      { method: "GET", path: "/le-mie-iscrizioni", cookie: t.cookie + lang },
      refused(event.id, edition.id),
      refused(notEligible.event.id, notEligible.edition.id),
      refused(closed.event.id, closed.edition.id),
      // The JavaScript client's answers.
      { method: "GET", path: `/le-mie-iscrizioni.data?esito=${outcome}`, cookie: t.cookie + lang, data: true },
      { method: "GET", path: "/le-mie-iscrizioni.data", cookie: t.cookie + lang, data: true },
      refused(event.id, edition.id, true),
      refused(notEligible.event.id, notEligible.edition.id, true),
      refused(closed.event.id, closed.edition.id, true),
    ];
  });
  // A successful enrolment changes the data, so each root enrols its own fresh teachers in its own edition
  // (same seats, so the same outcomes in the same order); the new enrolment's id is blanked.
  const enrolCount = Math.min(htmlCount, 50);
  const enrolTargets = new Map<string, { teachers: typeof teachers; eventId: string; editionId: string }>();
  for (const root of roots) {
    const target = await createOpenEdition({ seatCap: Math.ceil(enrolCount / 2) });
    enrolTargets.set(root, {
      teachers: await createSignedInTeachers(enrolCount),
      eventId: target.event.id,
      editionId: target.edition.id,
    });
  }
  const blankNonces = (html: string) =>
    html.replace(/nonce="[^"]*"/g, 'nonce=""').replace(/'nonce-[^']*'/g, "'nonce-'");
  const blank = !args["blank-assets"]
    ? blankNonces
    : (html: string) =>
        blankNonces(html)
          .replace(/(\/assets\/[\w.-]+?)-[\w-]{8}\.(js|css)/g, "$1-HASH.$2")
          .replace(/"version": ?"[\w-]+"/g, '"version":""');
  let reference: string[] | null = null;
  for (const root of roots) {
    const server = await startServer(root);
    const bodies: string[] = [];
    const target = enrolTargets.get(root)!;
    const enrolments = target.teachers.map((t): PageRequest => ({
      method: "POST",
      path: `/eventi/${target.eventId}/iscrizione.data?edizione=${target.editionId}`,
      cookie: t.cookie,
      body: `editionId=${target.editionId}`,
      data: true,
    }));
    for (const r of [...requests, ...enrolments]) {
      const response = await fetch(`${server.url}${r.path}`, {
        method: r.method,
        headers: {
          ...(r.data ? BROWSER_HEADERS : {}),
          cookie: r.cookie,
          ...(r.body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        },
        body: r.body,
        redirect: "manual",
      });
      // A document's compressed length varies with its nonces' bytes: compared for data answers only.
      const html = response.headers.get("content-type")?.startsWith("text/html");
      const headers = [...response.headers]
        .filter(([name]) => name !== "date" && !(html && name === "content-length"))
        .map(([name, value]) => `${name}: ${value}`)
        .join("\n");
      // A new enrolment's id (in the 202's body and its Location header) differs from root to root.
      const newIds = (text: string) => (r.method === "POST" ? text.replace(/esito=[\w-]+/g, "esito=ID") : text);
      const text = newIds(await response.text());
      bodies.push(`${response.status}\n${blank(newIds(headers))}\n\n${blank(text)}`);
    }
    await server.stop();
    if (args["html-dir"]) {
      const fs = await import("node:fs");
      const dir = path.join(args["html-dir"], String(roots.indexOf(root)));
      fs.mkdirSync(dir, { recursive: true });
      bodies.forEach((b, k) => fs.writeFileSync(path.join(dir, `${k}.html`), b));
    }
    if (!reference) {
      reference = bodies;
      console.log(`html: ${root} is the reference (${bodies.length} responses)`);
      continue;
    }
    const all = [
      ...requests,
      ...enrolTargets.get(root)!.teachers.map(() => ({ method: "POST", path: "(enrolment).data" })),
    ];
    const differing = bodies.flatMap((b, k) => (b === reference![k] ? [] : [k]));
    console.log(`html: ${root}: ${bodies.length - differing.length} of ${bodies.length} the same as the reference`);
    for (const k of differing.slice(0, 3)) {
      const a = reference[k]!;
      const b = bodies[k]!;
      let at = 0;
      while (at < a.length && a[at] === b[at]) at++;
      console.log(`  differs: ${all[k]!.method} ${all[k]!.path} at ${at}:`);
      console.log(`    reference: …${a.slice(Math.max(0, at - 80), at + 160)}`);
      console.log(`    this root: …${b.slice(Math.max(0, at - 80), at + 160)}`);
    }
  }
}
