// Load test of the public catalogue, the event page and sign-in against a running production
// build on 127.0.0.1 (see bench/run-catalogue-bench.sh, which prepares everything).
//   BENCH_URL=http://127.0.0.1:3400 DATABASE_URL=... node bench/catalogue.mjs
// Environment: BENCH_DURATION (seconds per scenario, default 12), BENCH_CONNECTIONS (default 50),
// BENCH_RATE (requests/s of the fixed-rate catalogue runs, default 300), BENCH_ONLY (comma-separated
// scenario names), BENCH_SERVER_PID (the server's pid, a node:cluster primary or a single
// process: adds the CPU time per request of it and its workers, a figure that stays meaningful
// when other processes compete for the CPUs, and each process's RSS after every scenario, its
// peak, and after BENCH_IDLE_SECONDS of rest: default 5, or several moments, comma-separated, e.g.
// "5,30" for 5 s and 30 s after the load), BENCH_DB_PID (a PostgreSQL
// postmaster's pid: adds the database's CPU time per request, its backends included; use a server
// of your own, since every database on it is counted; a primary and its replica: "pid1,pid2"),
// BENCH_PAUSE_SECONDS (idle seconds before each scenario after the first, default 0: whether what
// one scenario leaves behind, e.g. a saturated closed loop's, fades with time alone), BENCH_PAUSE_SPIN=1
// (those pauses filled with a busy loop per core at nice 19, so the cores never idle: whether a quiet
// spell's cost is the machine's idle states rather than the server's), BENCH_PAUSE_TRICKLE (searches per
// second of the mix sent through those pauses on two keep-alive connections, default 0: whether a
// trickle of traffic keeps what a fully quiet spell loses).
// catalogue-search-mix-paced sends the search mix at BENCH_RATE evenly spaced (open loop; the
// fixed-rate variants use autocannon's overallRate, a burst at the top of every second), over
// BENCH_CONNECTIONS connections taken in turn (BENCH_PACED_POOL, see connectionPool; BENCH_PACED_CLIENT=raw
// sends them on bare sockets, for half node:http's CPU per request, see PACED_CLIENT), and prints
// how many requests each worker served, its p95 by second of the run (a fresh server's first seconds
// apart from the rest) and the cores the server (and, with BENCH_DB_PID, the database) used in each of
// those seconds: whether a slow second was a dearer one, and on which side. Every scenario prints the
// generator's own CPU per request (this process shares the cores with the server) and each server
// process's CPU time.
// The search mix (catalogue-search-mix, and its fixed-rate variant): BENCH_SEARCHES distinct
// searches (default 1500, at least 1,000) built from the database's events by
// bench/lib/catalogue-searches.mjs, drawn with a Zipf-like skew of exponent BENCH_ZIPF (default
// 0.9) from a PRNG seeded with BENCH_SEED (default 42). BENCH_ACCEPT_ENCODING: the Accept-Encoding
// of every request (e.g. "gzip, deflate, br, zstd" as a browser; default none, uncompressed).
// DATABASE_URL is read only to pick real event ids, teacher emails and the searches' vocabulary.
// Prints requests/s and p50/p95/p99 latency per scenario as a Markdown table. p95 is computed from
// every response's time (autocannon's own summary has no p95).
import autocannon from "autocannon";
import fs from "node:fs";
import { spawn } from "node:child_process";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { buildCatalogueSearches, zipfDraw } from "./lib/catalogue-searches.mjs";
import { RawHttpConnection } from "./lib/raw-http-connection.mjs";
import {
  contextSwitchesOf,
  cpuMsOf,
  memoryOf,
  memoryText,
  processTree,
  workersOfConnections,
} from "./lib/process-stats.mjs";

const BASE = process.env.BENCH_URL ?? "http://127.0.0.1:3400";
const DURATION = Number(process.env.BENCH_DURATION ?? 12);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const RATE = Number(process.env.BENCH_RATE ?? 300);
const PAUSE_SECONDS = Number(process.env.BENCH_PAUSE_SECONDS ?? 0);
if (!(PAUSE_SECONDS >= 0))
  throw new Error(`BENCH_PAUSE_SECONDS must be a number of seconds ≥ 0 (found "${process.env.BENCH_PAUSE_SECONDS}")`);
const PAUSE_TRICKLE = Number(process.env.BENCH_PAUSE_TRICKLE ?? 0);
if (!(PAUSE_TRICKLE >= 0 && PAUSE_TRICKLE <= 1000))
  throw new Error(
    `BENCH_PAUSE_TRICKLE must be searches per second, 0 to 1000 (found "${process.env.BENCH_PAUSE_TRICKLE}")`,
  );

/**
 * BENCH_PAUSE_TRICKLE: `perSecond` searches a second, evenly spaced, spread over `paths` by a fixed stride, on two
 * keep-alive connections (opened one after the other, so node:cluster gives one to each worker). Its answers and
 * errors are not counted: it only keeps the server busy. Returns its stop function.
 */
function startTrickle(perSecond, paths) {
  const agents = [0, 1].map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const headers = ACCEPT_ENCODING ? { "accept-encoding": ACCEPT_ENCODING } : {};
  let i = 0;
  const timer = setInterval(() => {
    const agent = agents[i % 2];
    const path = paths[(i * 7919) % paths.length];
    i++;
    http.get({ host: url.hostname, port: url.port, path, agent, headers }, (res) => res.resume()).on("error", () => {});
  }, 1000 / perSecond);
  return () => {
    clearInterval(timer);
    agents.forEach((a) => a.destroy());
  };
}
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",")) : null;
const SERVER_PID = process.env.BENCH_SERVER_PID;
const DB_PID = process.env.BENCH_DB_PID;
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 1500);
const SEED = Number(process.env.BENCH_SEED ?? 42);
const ZIPF = Number(process.env.BENCH_ZIPF ?? 0.9);
// What every request says it accepts; unset sends no Accept-Encoding (uncompressed answers, the
// figures before 01/12 evening). A browser sends "gzip, deflate, br, zstd".
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING;
const IDLE_SECONDS = (process.env.BENCH_IDLE_SECONDS ?? "5")
  .split(",")
  .map(Number)
  .filter((n) => Number.isFinite(n) && n >= 0)
  .sort((a, b) => a - b);
const PASSWORD = "Forma2026!"; // the scale data's password (scripts/generate-scale-data.ts)

const url = new URL(BASE);
if (process.argv[1]?.endsWith("catalogue.mjs") && !["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
  throw new Error("Load tests may only target a loopback address.");
}

/** Realistic catalogue searches: the landing page, paging, each filter, and combinations. */
export const CATALOGUE_URLS = [
  "/eventi",
  "/eventi?page=2",
  "/eventi?page=15",
  "/eventi?type=webinar",
  "/eventi?level=regionale&region=lombardia",
  "/eventi?level=regionale&region=toscana&mode=in-presenza",
  "/eventi?q=etwinning",
  "/eventi?q=cittadinanza+digitale",
  "/eventi?q=inclusione&schoolLevel=primaria",
  "/eventi?schoolLevel=infanzia",
  "/eventi?role=dirigente",
  "/eventi?from=2027-01-01&to=2027-01-31",
  "/eventi?freeSeats=1",
  "/eventi?freeSeats=1&type=seminario&level=regionale&region=campania",
  "/eventi?mode=online&schoolLevel=secondaria-secondo-grado&freeSeats=1",
  "/eventi?type=corso-online-base",
  "/eventi?level=europeo&page=2",
  "/eventi?q=stem+sostenibilita&from=2027-02-01",
  "/eventi?level=nazionale",
  "/eventi?region=sicilia&from=2026-12-01&to=2027-03-31",
];

const FIXTURE_SQL = {
  events: `SELECT id FROM "Event" WHERE status = 'pubblicato' ORDER BY id LIMIT 500`,
  emails: `SELECT email FROM "User" WHERE email LIKE '%@scuola.example.it' ORDER BY id LIMIT 5000`,
  // The search mix's vocabulary: what the published events really are.
  published: `SELECT "title", "type", "level", "regionCode", "mode", "startsAt", "endsAt" FROM "Event" WHERE "status" = 'pubblicato'`,
  schoolLevels: `SELECT DISTINCT "schoolLevel" AS v FROM "EventSchoolLevel" ORDER BY 1`,
  roles: `SELECT DISTINCT "role" AS v FROM "EventAudienceRole" ORDER BY 1`,
};

/** What the scenarios need from the database; `now` (ms) decides which events are upcoming. */
export async function readFixtures(databaseUrl, now = Date.now()) {
  let rows;
  if (databaseUrl.startsWith("postgres")) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    rows = {};
    for (const [name, sql] of Object.entries(FIXTURE_SQL)) rows[name] = (await client.query(sql)).rows;
    await client.end();
  } else {
    const { default: Database } = await import("better-sqlite3");
    const file = databaseUrl.replace(/^file:/, "").split("?")[0];
    const db = new Database(path.resolve(file), { readonly: true });
    rows = Object.fromEntries(Object.entries(FIXTURE_SQL).map(([name, sql]) => [name, db.prepare(sql).all()]));
    db.close();
  }
  const upcoming = rows.published.filter((e) => e.endsAt !== null && new Date(e.endsAt).getTime() >= now);
  const starts = upcoming.map((e) => new Date(e.startsAt).getTime()).sort((a, b) => a - b);
  const distinct = (key) => [...new Set(rows.published.map((e) => e[key]).filter((v) => v !== null))].sort();
  return {
    events: rows.events.map((r) => r.id),
    emails: rows.emails.map((r) => r.email),
    vocabulary: {
      titles: [...new Set(rows.published.map((e) => e.title))],
      types: distinct("type"),
      levels: distinct("level"),
      regions: distinct("regionCode"),
      modes: distinct("mode"),
      schoolLevels: rows.schoolLevels.map((r) => r.v),
      roles: rows.roles.map((r) => r.v),
      upcoming: upcoming.length,
      firstDay: new Date(starts[0] ?? now),
      lastDay: new Date(starts[starts.length - 1] ?? now + 180 * 86_400_000),
    },
  };
}

/**
 * CPU time (user + system, ms) used so far by the server: the process and its workers (npm start
 * runs a node:cluster primary and one worker per core), or null if unknown.
 */
function serverCpuMs() {
  if (!SERVER_PID) return null;
  const pids = processTree(SERVER_PID);
  return pids.length ? cpuMsOf(pids) : null;
}

/** Cores used ("1.05"), or "?" when unknown. */
function coresText(cores) {
  return cores === null ? "?" : cores.toFixed(2);
}

/** Each server process's memory now (RSS and peak), or [] without BENCH_SERVER_PID. */
function serverMemory() {
  return SERVER_PID ? memoryOf(processTree(SERVER_PID)) : [];
}

/** utime + stime (+ cutime + cstime with children) of one process, in clock ticks, or null. */
function processTicks(pid, withChildren = false) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[1] is the parent pid; 11, 12: utime, stime; 13, 14: cutime, cstime (children waited for)
    const own = Number(fields[11]) + Number(fields[12]);
    return { ppid: fields[1], ticks: withChildren ? own + Number(fields[13]) + Number(fields[14]) : own };
  } catch {
    return null;
  }
}

/**
 * CPU time (ms) used so far by a PostgreSQL server: the postmaster, its live children (one backend
 * per connection, plus the background workers) and the children that have exited.
 */
function databaseCpuMs() {
  if (!DB_PID) return null;
  // Several postmasters (a primary and its read replica) may be named, comma-separated: summed.
  const postmasters = DB_PID.split(",").map((p) => p.trim());
  let ticks = 0;
  for (const postmaster of postmasters) {
    const root = processTicks(postmaster, true);
    if (!root) return null;
    ticks += root.ticks;
  }
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || postmasters.includes(entry)) continue;
    const p = processTicks(entry);
    if (p && postmasters.includes(p.ppid)) ticks += p.ticks;
  }
  return (ticks * 1000) / 100;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Each server process's CPU time so far (ms) and context switches, by pid: the cluster's primary and its workers. */
function serverCpuByProcess() {
  return new Map(
    SERVER_PID
      ? processTree(SERVER_PID).map((pid) => [pid, { cpuMs: cpuMsOf([pid]), switches: contextSwitchesOf([pid]) }])
      : [],
  );
}

/** What summary() compares with: the CPU counters when a scenario starts. */
function beforeScenario() {
  return { cpu: serverCpuMs(), db: databaseCpuMs(), perProcess: serverCpuByProcess(), generator: process.cpuUsage() };
}

/**
 * What a scenario measured: rate, latency percentiles, server (and database) CPU per request, the
 * generator's own CPU per request (this process: it shares the cores with the server), each server
 * process's CPU and, when the requests' connections are known (byPort, the paced scenario), how many
 * requests each worker served; memory.
 */
function summary(name, { times, statuses, errors, byPort, bySecond, coresBySecond }, seconds, before) {
  // First, before this process reads /proc for the server's figures.
  const generator = process.cpuUsage(before.generator);
  times.sort((a, b) => a - b);
  const cpuAfter = serverCpuMs();
  const dbAfter = databaseCpuMs();
  const perProcess = [...serverCpuByProcess()].map(([pid, now]) => ({
    pid,
    cpuMs: now.cpuMs - (before.perProcess.get(pid)?.cpuMs ?? 0),
    switches: now.switches - (before.perProcess.get(pid)?.switches ?? 0),
    requests: 0,
    connections: 0,
  }));
  let unknownWorker = null;
  if (byPort) {
    const workers = workersOfConnections([...byPort.keys()], SERVER_PID, Number(url.port));
    unknownWorker = 0;
    for (const [port, n] of byPort) {
      const row = perProcess.find((p) => p.pid === workers.get(port));
      if (row) {
        row.requests += n;
        row.connections++;
      } else unknownWorker += n;
    }
  }
  const memory = serverMemory();
  return {
    maxRssMb: memory.length ? Math.max(...memory.map((m) => m.rssMb)) : NaN,
    totalRssMb: memory.length ? memory.reduce((s, m) => s + m.rssMb, 0) : NaN,
    dbCpuPerRequest:
      before.db !== null && dbAfter !== null && times.length ? (dbAfter - before.db) / times.length : NaN,
    cpuPerRequest:
      before.cpu !== null && cpuAfter !== null && times.length ? (cpuAfter - before.cpu) / times.length : NaN,
    generatorCpuPerRequest: times.length ? (generator.user + generator.system) / 1000 / times.length : NaN,
    perProcess,
    perWorkerKnown: Boolean(byPort),
    unknownWorker,
    name,
    requests: times.length,
    rps: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    coresBySecond,
    p95BySecond: bySecond?.map((second) =>
      percentile(
        second.sort((a, b) => a - b),
        95,
      ),
    ),
    statuses,
    errors,
  };
}

/**
 * How the scenario's work split between the workers, for the table: each worker's share of the
 * requests where the scenario knows them (the paced one), else "CPU" and each one's share of the
 * workers' CPU time (the primary, which only hands out connections, left out).
 */
function splitText(r) {
  const workers = r.perProcess.length > 1 ? r.perProcess.slice(1) : r.perProcess;
  if (workers.length === 0) return "–";
  if (r.perWorkerKnown && r.requests) return workers.map((w) => ((100 * w.requests) / r.requests).toFixed(0)).join("/");
  const cpu = workers.reduce((s, w) => s + w.cpuMs, 0);
  return cpu ? `CPU ${workers.map((w) => ((100 * w.cpuMs) / cpu).toFixed(0)).join("/")}` : "–";
}

/**
 * Each server process's share of the scenario: its CPU in seconds and, when known, the requests it
 * served and its CPU per request; the primary (the tree's root, which only hands connections out) too.
 */
function balanceText(r) {
  const rows = r.perProcess.map((p, i) => {
    const role = i === 0 && r.perProcess.length > 1 ? " (primary)" : "";
    const cpu = `${(p.cpuMs / 1000).toFixed(2)} s CPU`;
    if (!r.perWorkerKnown || (i === 0 && r.perProcess.length > 1))
      return `pid ${p.pid}${role}: ${cpu}, ${p.switches} context switches`;
    const share = r.requests ? ((100 * p.requests) / r.requests).toFixed(0) : "–";
    const each = p.requests
      ? `, ${(p.cpuMs / p.requests).toFixed(1)} ms/request, ${(p.switches / p.requests).toFixed(1)} context switches/request`
      : `, ${p.switches} context switches`;
    return `pid ${p.pid}: ${p.requests} requests (${share} %) on ${p.connections} connections, ${cpu}${each}`;
  });
  if (r.unknownWorker) rows.push(`${r.unknownWorker} requests on connections closed before the count`);
  return rows.join("; ");
}

function run(name, options) {
  return new Promise((resolve, reject) => {
    const times = [];
    const statuses = {};
    const before = beforeScenario();
    const instance = autocannon(
      {
        url: BASE,
        connections: CONNECTIONS,
        duration: DURATION,
        ...(ACCEPT_ENCODING ? { headers: { "accept-encoding": ACCEPT_ENCODING } } : {}),
        ...options,
      },
      (err, result) => {
        if (err) return reject(err);
        resolve(
          summary(
            name,
            { times, statuses, errors: result.errors + result.timeouts },
            result.duration || DURATION,
            before,
          ),
        );
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

/**
 * The sockets the open-loop generator sends on. BENCH_PACED_POOL:
 *   - "round-robin" (default): BENCH_CONNECTIONS keep-alive connections, all opened (one GET /healthz
 *     each) before the clock starts, and request i goes to the next idle one in turn, so successive
 *     requests arrive on different connections, as a population of browsers' requests (or a load
 *     balancer's pool of upstream connections) do. A request that finds every connection busy waits
 *     in one queue for the first to come free, and that wait counts in its latency.
 *   - "agent-lifo": one http.Agent with maxSockets BENCH_CONNECTIONS and Node's default scheduling,
 *     'lifo' (the generator before 02/12/2026, kept to reproduce its figures): it opens a socket only
 *     when every open one is busy and always reuses the one freed last, so below capacity almost
 *     every request goes down the same one or two sockets. node:cluster hands out connections, not
 *     requests, to its workers, so that many requests in a row reach one worker while the other
 *     idles: one core's capacity, not two, and the queueing of a single worker in the percentiles.
 * Either way, open loop: a request leaves at its scheduled moment whatever the others are doing.
 */
const PACED_POOL = process.env.BENCH_PACED_POOL ?? "round-robin";
/**
 * What each round-robin connection sends with. BENCH_PACED_CLIENT:
 *   - "node" (default): node:http's client, one http.Agent of one keep-alive socket per connection (every
 *     paced figure before 04/12/2026 midday); 0.5–0.7 ms of the generator's CPU per request on this machine;
 *   - "raw": bench/lib/raw-http-connection.mjs, a bare socket that writes a prepared GET and reads only the
 *     answer's status and end: the same requests, schedule and connections for less of the generator's CPU,
 *     which the server under test shares the cores with.
 */
const PACED_CLIENT = process.env.BENCH_PACED_CLIENT ?? "node";
if (!["node", "raw"].includes(PACED_CLIENT)) throw new Error(`BENCH_PACED_CLIENT must be node or raw`);
if (PACED_CLIENT === "raw" && PACED_POOL !== "round-robin")
  throw new Error("BENCH_PACED_CLIENT=raw goes with BENCH_PACED_POOL=round-robin");

function connectionPool(size) {
  const headers = ACCEPT_ENCODING ? { "accept-encoding": ACCEPT_ENCODING } : {};
  const get = (agent, path, onResponse, onError) => {
    if (agent instanceof RawHttpConnection) return agent.get(path, onResponse, onError);
    const request = http.get({ host: url.hostname, port: url.port, path, agent, headers }, (res) => {
      const port = res.socket.localPort;
      res.resume();
      res.on("end", () => onResponse(res.statusCode, port));
    });
    request.setTimeout(10_000, () => request.destroy(new Error("timeout")));
    request.on("error", onError);
  };
  if (PACED_POOL === "agent-lifo") {
    const agent = new http.Agent({ keepAlive: true, maxSockets: size });
    return {
      open: async () => {},
      send: (path, onResponse, onError) => get(agent, path, onResponse, onError),
      destroy: () => agent.destroy(),
    };
  }
  if (PACED_POOL !== "round-robin") throw new Error(`BENCH_PACED_POOL must be round-robin or agent-lifo`);
  // One agent of one socket per connection: Node keeps it open between requests (keep-alive) and
  // opens it again if the server closed it.
  const connections = Array.from({ length: size }, () => ({
    agent:
      PACED_CLIENT === "raw"
        ? new RawHttpConnection(url.hostname, Number(url.port), headers)
        : new http.Agent({ keepAlive: true, maxSockets: 1 }),
    busy: false,
  }));
  const waiting = [];
  let next = 0;
  const dispatch = (connection, job) => {
    connection.busy = true;
    const release = () => {
      connection.busy = false;
      const queued = waiting.shift();
      if (queued) dispatch(connection, queued);
    };
    get(
      connection.agent,
      job.path,
      (status, port) => {
        release();
        job.onResponse(status, port);
      },
      (error) => {
        release();
        job.onError(error);
      },
    );
  };
  return {
    // One after the other: node:cluster's primary hands each new connection to the next worker
    // that has acknowledged its last one, so connections opened one at a time alternate between the
    // workers (opened all at once, 50 split 20/30 in a loaded run, and so did the requests).
    async open() {
      for (const c of connections) await new Promise((resolve, reject) => get(c.agent, "/healthz", resolve, reject));
    },
    send(path, onResponse, onError) {
      for (let k = 0; k < size; k++) {
        const connection = connections[(next + k) % size];
        if (connection.busy) continue;
        next = (next + k + 1) % size;
        dispatch(connection, { path, onResponse, onError });
        return;
      }
      waiting.push({ path, onResponse, onError });
    },
    destroy: () => connections.forEach((c) => c.agent.destroy()),
  };
}

/**
 * Open loop at BENCH_RATE: request i leaves at start + i / RATE seconds, evenly spaced, on up to
 * BENCH_CONNECTIONS keep-alive connections (see connectionPool: further requests wait for a free
 * one), and its latency counts from that scheduled moment, so a request sent late because every
 * connection was busy, or because the generator's timer fired late, counts its wait (no coordinated
 * omission). The generator sleeps until the next request's moment (a timer per request, not a
 * 1 ms poll). autocannon's overallRate does not space requests: each
 * connection sends its share of the second's quota as soon as the second starts, then waits for the
 * next one, so "300 req/s offered" arrives as a burst of 300 at the top of every second, and its
 * p95 is the time the server takes to drain a burst (docs/performance.md, 02/12/2026).
 * Also counts the requests each connection carried, by its local port (see workersOfConnections).
 */
async function paced(name, nextPath) {
  const pool = connectionPool(CONNECTIONS);
  await pool.open();
  return new Promise((resolve) => {
    // bySecond: each request's latency by the second of the run it was scheduled in, to see a fresh
    // server's first seconds apart from the rest.
    const measured = { times: [], statuses: {}, errors: 0, byPort: new Map(), bySecond: [], coresBySecond: [] };
    const before = beforeScenario();
    const total = Math.round(RATE * DURATION);
    const start = performance.now();
    // The cores the server (and the database) used in each second of the run, from /proc: whether a
    // slow second is a dearer one, and on which side (docs/performance.md, night of 03/12/2026). The
    // last, shorter interval is taken when the run ends, as cores over its own length.
    let last = { server: before.cpu, db: before.db, at: start };
    const sampleCores = () => {
      const now = { server: serverCpuMs(), db: databaseCpuMs(), at: performance.now() };
      const cores = (a, b) => (a === null || b === null ? null : (a - b) / (now.at - last.at));
      if (now.at - last.at >= 100)
        measured.coresBySecond.push({ server: cores(now.server, last.server), db: cores(now.db, last.db) });
      last = now;
    };
    const cpuSampler = setInterval(sampleCores, 1000);
    let sent = 0;
    let done = 0;
    const settled = () => {
      if (++done < total) return;
      clearInterval(cpuSampler);
      sampleCores();
      const seconds = (performance.now() - start) / 1000;
      const result = summary(name, measured, seconds, before);
      pool.destroy();
      resolve(result);
    };
    const tick = () => {
      while (sent < total && start + (sent * 1000) / RATE <= performance.now()) {
        const scheduled = start + (sent++ * 1000) / RATE;
        pool.send(
          nextPath(),
          (status, port) => {
            const latency = performance.now() - scheduled;
            measured.times.push(latency);
            (measured.bySecond[Math.floor((scheduled - start) / 1000)] ??= []).push(latency);
            measured.statuses[status] = (measured.statuses[status] ?? 0) + 1;
            measured.byPort.set(port, (measured.byPort.get(port) ?? 0) + 1);
            settled();
          },
          () => {
            measured.errors++;
            settled();
          },
        );
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + (sent * 1000) / RATE - performance.now()));
    };
    tick();
  });
}

/** A request list whose single entry picks the next path (or body) from a rotating list. */
function rotating(make) {
  let i = 0;
  return [{ setupRequest: (req) => ({ ...req, ...make(i++) }) }];
}

async function main() {
  const loadBefore = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is needed to read event ids and teacher emails.");
  const { events, emails, vocabulary } = await readFixtures(databaseUrl);
  if (events.length === 0 || emails.length === 0)
    throw new Error("No published events or scale-data teachers in this database.");
  const searches = buildCatalogueSearches(vocabulary, { count: SEARCHES, seed: SEED, headUrls: CATALOGUE_URLS });
  if (searches.length < Math.min(SEARCHES, 1000))
    throw new Error(`Only ${searches.length} distinct searches could be built from this database.`);
  /** Each search-mix scenario draws from its own seeded sequence and counts what it asked for. */
  const searchMix = () => {
    const draw = zipfDraw(searches.length, ZIPF, SEED + 1);
    const asked = new Map();
    return {
      asked,
      requests: [
        {
          setupRequest: (req) => {
            const i = draw();
            asked.set(i, (asked.get(i) ?? 0) + 1);
            return { ...req, method: "GET", path: searches[i] };
          },
        },
      ],
    };
  };
  const mixes = {};

  const scenarios = [
    {
      name: "catalogue-mix",
      label: `catalogue, ${CATALOGUE_URLS.length} filter mixes`,
      options: { requests: rotating((i) => ({ method: "GET", path: CATALOGUE_URLS[i % CATALOGUE_URLS.length] })) },
    },
    {
      name: "catalogue-mix-rate",
      label: `catalogue, filter mixes, fixed ${RATE} req/s offered`,
      options: {
        overallRate: RATE,
        requests: rotating((i) => ({ method: "GET", path: CATALOGUE_URLS[i % CATALOGUE_URLS.length] })),
      },
    },
    {
      name: "catalogue-search-mix",
      label: `catalogue, ${searches.length} distinct searches, Zipf ${ZIPF}`,
      mix: true,
    },
    {
      name: "catalogue-search-mix-rate",
      label: `catalogue, ${searches.length} distinct searches, fixed ${RATE} req/s offered`,
      mix: true,
      options: { overallRate: RATE },
    },
    {
      name: "catalogue-search-mix-paced",
      label: `catalogue, ${searches.length} distinct searches, ${RATE} req/s evenly spaced (open loop${PACED_CLIENT === "raw" ? ", raw client" : ""})`,
      mix: true,
      paced: true,
    },
    {
      name: "catalogue-home",
      label: "catalogue, /eventi only",
      options: { requests: [{ method: "GET", path: "/eventi" }] },
    },
    {
      name: "event-page",
      label: `event page, ${events.length} ids`,
      options: { requests: rotating((i) => ({ method: "GET", path: `/eventi/${events[i % events.length]}` })) },
    },
    {
      name: "signin-get",
      label: "sign-in page GET /accedi",
      options: { requests: [{ method: "GET", path: "/accedi" }] },
    },
    {
      name: "signin-post",
      label: "sign-in POST /accedi (argon2id)",
      options: {
        requests: rotating((i) => ({
          method: "POST",
          path: "/accedi",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            email: emails[i % emails.length],
            password: PASSWORD,
            redirectTo: "/eventi",
          }).toString(),
        })),
      },
    },
  ].filter((s) => !ONLY || ONLY.has(s.name));

  // Warm up the server (JIT, SQLite page cache, PostgreSQL buffers) before measuring.
  await run("warm-up", {
    duration: 3,
    requests: rotating((i) => ({
      method: "GET",
      path: i % 2 ? CATALOGUE_URLS[i % CATALOGUE_URLS.length] : `/eventi/${events[i % events.length]}`,
    })),
  });

  const idleBefore = serverMemory();
  const results = [];
  for (const s of scenarios) {
    if (PAUSE_SECONDS > 0 && results.length > 0) {
      process.stderr.write(`pausing ${PAUSE_SECONDS} s…\n`);
      // Each busy loop ends itself after the pause, so none outlives a bench stopped halfway.
      const spin = `const end = Date.now() + ${PAUSE_SECONDS * 1000}; while (Date.now() < end);`;
      const spinners =
        process.env.BENCH_PAUSE_SPIN === "1"
          ? os.cpus().map(() => spawn("nice", ["-n", "19", process.execPath, "-e", spin], { stdio: "ignore" }))
          : [];
      const stopTrickle = PAUSE_TRICKLE > 0 ? startTrickle(PAUSE_TRICKLE, searches) : () => {};
      await new Promise((resolve) => setTimeout(resolve, PAUSE_SECONDS * 1000));
      stopTrickle();
      for (const p of spinners) p.kill("SIGKILL");
    }
    process.stderr.write(`running ${s.name} for ${DURATION} s…\n`);
    let options = s.options ?? {};
    if (s.mix) {
      mixes[s.name] = searchMix();
      options = { ...options, requests: mixes[s.name].requests };
    }
    const measured = s.paced
      ? await paced(s.name, () => options.requests[0].setupRequest({}).path)
      : await run(s.name, options);
    results.push({ ...measured, label: s.label });
  }
  const peak = serverMemory();
  const loadAfter = os.loadavg();
  // RSS again at each moment of rest (seconds after the last scenario).
  const rested = [];
  let waited = 0;
  for (const seconds of IDLE_SECONDS) {
    await new Promise((resolve) => setTimeout(resolve, (seconds - waited) * 1000));
    waited = seconds;
    rested.push({ seconds, memory: serverMemory() });
  }

  const fmt = (n) => (Number.isFinite(n) ? n.toFixed(1) : "–");
  console.log(
    `\nTarget ${BASE}, ${CONNECTIONS} connections, ${DURATION} s per scenario, ${os.cpus().length} CPUs, load average before: ${loadBefore}, after: ${loadAfter
      .map((l) => l.toFixed(2))
      .join(" ")}\n`,
  );
  const db = DB_PID ? " database CPU ms/request |" : "";
  console.log(
    `| scenario | requests | requests/s | p50 ms | p95 ms | p99 ms | server CPU ms/request |${db} generator CPU ms/request | workers' split, % | RSS after, largest process / all, MB | status codes | errors |`,
  );
  console.log(`|---|---:|---:|---:|---:|---:|---:|${DB_PID ? "---:|" : ""}---:|---|---:|---|---:|`);
  for (const r of results) {
    const codes = Object.entries(r.statuses)
      .map(([c, n]) => `${c}×${n}`)
      .join(" ");
    const dbCell = DB_PID ? ` ${fmt(r.dbCpuPerRequest)} |` : "";
    console.log(
      `| ${r.label} | ${r.requests} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.cpuPerRequest)} |${dbCell} ${fmt(r.generatorCpuPerRequest)} | ${splitText(r)} | ${fmt(r.maxRssMb)} / ${fmt(r.totalRssMb)} | ${codes} | ${r.errors} |`,
    );
  }
  for (const r of results)
    if (r.p95BySecond)
      console.log(
        `\n${r.name}: p95 ms by second of the run: ${r.p95BySecond.map((p, i) => `${i + 1}: ${fmt(p)}`).join(", ")}`,
      );
  for (const r of results)
    if (r.coresBySecond?.some((c) => c.server !== null))
      console.log(
        `\n${r.name}: cores used by second of the run, server${DB_PID ? " + database" : ""}: ${r.coresBySecond
          .map((c, i) => `${i + 1}: ${coresText(c.server)}${DB_PID ? ` + ${coresText(c.db)}` : ""}`)
          .join(", ")}`,
      );
  if (SERVER_PID) {
    console.log("\nPer server process (requests per worker where the scenario knows each connection's worker):");
    for (const r of results) console.log(`- ${r.name}: ${balanceText(r)}`);
  }
  for (const [name, mix] of Object.entries(mixes)) {
    const counts = [...mix.asked.values()].sort((a, b) => b - a);
    const total = counts.reduce((s, n) => s + n, 0);
    const top20 = counts.slice(0, 20).reduce((s, n) => s + n, 0);
    const once = counts.filter((n) => n === 1).length;
    console.log(
      `\n${name}: ${searches.length} distinct searches available (seed ${SEED}, Zipf exponent ${ZIPF}); ${mix.asked.size} distinct asked in ${total} requests; the 20 most asked took ${total ? ((100 * top20) / total).toFixed(1) : "–"} % of them; ${once} were asked once.`,
    );
  }
  if (SERVER_PID) {
    console.log(`\nServer memory (RSS per process): after the warm-up: ${memoryText(idleBefore)}`);
    console.log(`after the last scenario (peak = VmHWM, the highest over the server's life): ${memoryText(peak)}`);
    for (const r of rested) console.log(`after ${r.seconds} s at rest: ${memoryText(r.memory)}`);
  }
}

if (process.argv[1]?.endsWith("catalogue.mjs"))
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
