// Starts production servers (node server.js) for benchmarks and waits until they answer; or, with
// `script`, another server (bench/enrolment-floor.ts, run through tsx).
import { spawn, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export type RunningServer = {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
  /** With `options.workers`: ms from the spawn to each worker's "Forma in ascolto" line, in order. */
  listeningMs?: number[];
};

/**
 * `options.cwd`: the folder holding server.js and build/ (default: this checkout), so a bench can
 * compare builds; `options.profileDir`: a V8 CPU profile of the server there (default:
 * FORMA_BENCH_PROFILE); `options.startSeconds`: how long it may take to answer (default 60; a
 * loaded shared machine can need more).
 */
export async function startServer(
  port: number,
  env: Record<string, string>,
  options: { script?: string; cwd?: string; profileDir?: string; startSeconds?: number; workers?: number } = {},
): Promise<RunningServer> {
  // FORMA_BENCH_PROFILE=dir writes a V8 CPU profile of each server to that folder.
  const profileDir = options.profileDir ?? process.env.FORMA_BENCH_PROFILE;
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  // FORMA_BENCH_NODE_ARGS: more node options for the servers (V8 flags to compare), space-separated.
  const nodeArgs = (process.env.FORMA_BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const entry = options.script ? ["--import", "tsx", options.script] : ["server.js"];
  // FORMA_BENCH_SERVER_LOG=file appends the servers' logs (stdout) there, e.g. with
  // FORMA_MEMORY_LOG_SECONDS=1 for their memory samples; otherwise they are dropped.
  // `options.workers`: the logs are read (and appended there too) until that many workers have said
  // they listen (a worker warms up before it listens, ADR 0067: the first one's answer is not all of them).
  const log = process.env.FORMA_BENCH_SERVER_LOG ? fs.openSync(process.env.FORMA_BENCH_SERVER_LOG, "a") : "ignore";
  const spawned = performance.now();
  const child = spawn(process.execPath, [...profile, ...nodeArgs, ...entry], {
    cwd: options.cwd ?? root,
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", options.workers ? "pipe" : log, "inherit"],
  });
  const listeningMs: number[] = [];
  if (options.workers) {
    let pending = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      if (typeof log === "number") fs.writeSync(log, chunk);
      if (listeningMs.length >= options.workers!) return;
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.includes('"Forma in ascolto"')) listeningMs.push(performance.now() - spawned);
    });
    child.once("exit", () => typeof log === "number" && fs.closeSync(log));
  } else if (typeof log === "number") fs.closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startSeconds ?? 60) * 1000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`server on ${port} (${options.cwd ?? root}) exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/accedi`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server on ${port} did not start`);
    await new Promise((r) => setTimeout(r, 250));
  }
  while (options.workers && listeningMs.length < options.workers) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode}`);
    if (Date.now() > deadline)
      throw new Error(`server on ${port}: ${listeningMs.length} of ${options.workers} workers listening`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url,
    process: child,
    ...(options.workers ? { listeningMs } : {}),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** An autocannon result's status codes and failures, as one short JSON line for a bench's table. */
export function statusCounts(result: {
  statusCodeStats?: Record<string, { count?: number }>;
  errors: number;
  timeouts: number;
}): string {
  const counts: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) counts[code] = stat.count ?? 0;
  if (result.errors || result.timeouts) counts.error = result.errors + result.timeouts;
  return JSON.stringify(counts);
}

/** The machine's load average (1, 5 and 15 minutes), for a bench's report. */
export const loadAverage = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

export type BurstRequest = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };

/** `count` requests over `connections`, the i-th one built by `request(i)`; returns `statusCounts`. */
export async function requestBurst(
  url: string,
  connections: number,
  count: number,
  request: (i: number) => BurstRequest,
): Promise<string> {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    amount: count,
    timeout: 30,
    requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, ...request(i++) }) as autocannon.Request }],
  });
  return statusCounts(result);
}

/** A signed-in teacher's enrol form for an edition, as the event page posts it. */
export function enrolPost(cookie: string, eventId: string, editionId: string): BurstRequest {
  return {
    method: "POST",
    path: `/eventi/${eventId}/iscrizione`,
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: `editionId=${editionId}`,
  };
}
