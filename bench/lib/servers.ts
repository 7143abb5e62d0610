// Starts production servers (node server.js) for benchmarks and waits until they answer; or, with
// `script`, another server (bench/enrolment-floor.ts, run through tsx).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export type RunningServer = { url: string; process: ChildProcess; stop: () => Promise<void> };

export async function startServer(
  port: number,
  env: Record<string, string>,
  options: { script?: string } = {},
): Promise<RunningServer> {
  // FORMA_BENCH_PROFILE=dir writes a V8 CPU profile of each server to that folder.
  const profile = process.env.FORMA_BENCH_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.FORMA_BENCH_PROFILE}`]
    : [];
  // FORMA_BENCH_NODE_ARGS: more node options for the servers (V8 flags to compare), space-separated.
  const nodeArgs = (process.env.FORMA_BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const entry = options.script ? ["--import", "tsx", options.script] : ["server.js"];
  // FORMA_BENCH_SERVER_LOG=file appends the servers' logs (stdout) there, e.g. with
  // FORMA_MEMORY_LOG_SECONDS=1 for their memory samples; otherwise they are dropped.
  const log = process.env.FORMA_BENCH_SERVER_LOG ? fs.openSync(process.env.FORMA_BENCH_SERVER_LOG, "a") : "ignore";
  const child = spawn(process.execPath, [...profile, ...nodeArgs, ...entry], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", log, "inherit"],
  });
  if (typeof log === "number") fs.closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/accedi`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server on ${port} did not start`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    process: child,
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
