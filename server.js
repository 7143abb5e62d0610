// Production server: Express serving the Remix build (app/utils/http-app.server.ts: request
// logs, /healthz and /readyz, security headers, body limits, APP_ORIGIN as the public origin,
// 503 while the database is away) and Forma's background jobs. Several instances may run
// against one PostgreSQL database: nothing here keeps per-user state in memory.
//   node server.js            (PORT, default 3000; HOST, default 0.0.0.0)
// One worker process per core (node:cluster; WEB_CONCURRENCY sets how many, 1 = no cluster, a
// single process as before). The primary process only forks, restarts a worker that dies, and
// passes SIGTERM/SIGINT on; the workers share the port. Background jobs are safe with any number
// of workers and instances (each job claims its rows with conditional updates), and SQLite works with
// several workers on one file (WAL, busy timeout, writes in IMMEDIATE transactions).
// Each worker warms its request path with FORMA_WARMUP_REQUESTS (default 3000; 0 = none; ADR 0067,
// 0069) read-only, anonymous requests of its own before it listens, for at most FORMA_WARMUP_SECONDS.
// SIGTERM/SIGINT: graceful shutdown of every worker (app/utils/graceful-shutdown.server.ts), at
// most SHUTDOWN_TIMEOUT_SECONDS for the requests in flight; exit status 1 if any had to be cut.
import cluster from "node:cluster";
import fs from "node:fs";
import nodeHttp from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";

const root = path.dirname(fileURLToPath(import.meta.url));
// Every relative path is Forma's folder's, wherever the server was started from (a systemd unit
// without WorkingDirectory starts it in /): the SQLite file of a relative DATABASE_URL (the
// default file:./data/forma.db), DKIM_PRIVATE_KEY_FILE, data/outbox. They are resolved in many
// places (db.server.ts, sqlite-direct, the WAL checkpoints, the health check…) and by the
// workers node:cluster forks; .env and the migrations are read from here, and `npm run db:migrate`
// and `db:backup` run here too, so all of them name the same file.
process.chdir(root);
if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
// An empty NODE_ENV (NODE_ENV= in .env) counts as unset, as every setting does (env.server.ts): it
// would otherwise be read as development (the fixed session secret, cookies without Secure).
if (!process.env.NODE_ENV?.trim()) process.env.NODE_ENV = "production";

const workerCount = (() => {
  const raw = process.env.WEB_CONCURRENCY;
  if (raw === undefined || raw.trim() === "") return os.availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    failStart(
      new Error(`Configurazione non valida:\n  WEB_CONCURRENCY: un numero intero da 1 a 256 (trovato "${raw}")`),
    );
  }
  return n;
})();

/**
 * How much V8 lets the JavaScript heap grow past what survived the last full collection before
 * it collects again (ADR 0025). V8 picks a factor of up to 4 when the heap may reach 4 GB (its
 * limit on a machine with 16 GB or more): under a burst a worker's heap rose to 3-4 times its
 * live size and RSS past 300 MB. 50 % keeps the peak near 1.5 times the live heap, with no lower
 * hard limit (no new out-of-memory case). Read at every collection, so it also applies to a
 * single process (WEB_CONCURRENCY=1); a --heap-growing-percent given to node wins.
 */
const HEAP_GROWING_PERCENT = 50;

/**
 * glibc's malloc arenas for each worker (ADR 0031): by default glibc gives every thread that
 * allocates concurrently an arena of its own (up to 8 per core), and a worker's threads (libuv's
 * pool, V8's compiler and GC helpers) held 18-36 MB in them, freed but never given back. Two arenas
 * (the main one and one shared by the helper threads) held 4-16 MB. Set for the workers by the
 * primary (glibc reads it when a process starts, so a single process, WEB_CONCURRENCY=1, keeps
 * what its environment says); a MALLOC_ARENA_MAX in the environment wins.
 */
const WORKER_MALLOC_ARENA_MAX = "2";

/**
 * The largest semi-space of each worker's young generation, in MB (ADR 0068). Node 20 lets it reach
 * 16 MB on a 64-bit machine, and the young generation takes three of them (two semi-spaces and the
 * space for large new objects): up to 48 MB a worker, touched and kept through a catalogue burst.
 * With 8 no worker's catalogue peak went past 269 MB in nine runs (up to 311 MB in seven with 16),
 * for at most a few per cent of CPU per search. V8 sizes its heap when the process starts, so the
 * flag goes on the workers' command line (setting it later changes nothing); a single process
 * (WEB_CONCURRENCY=1) keeps V8's default, and a --max-semi-space-size given to node (command line
 * or NODE_OPTIONS) wins.
 */
const WORKER_MAX_SEMI_SPACE_MB = 8;

if (cluster.isPrimary && workerCount > 1) {
  await runPrimary(workerCount);
} else {
  await runWorker();
}

async function runWorker() {
  if (!process.execArgv.some((a) => /^--heap[-_]growing[-_]percent/.test(a))) {
    v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  }
  let forma;
  let env, http, server;
  try {
    const build = await import("./build/server/index.js");
    forma = build.entry.module;
    // Validates the environment and the database before accepting traffic.
    await forma.startServerServices({ root });
    // The primary forks the other workers once the first has got this far (see runPrimary).
    if (cluster.isWorker) process.send?.({ forma: "services-started" });
    env = forma.getEnv();
    http = forma.createHttpApp(build, { root });
    server = nodeHttp.createServer(http.app);
    // An address or headers past Node's 16 KB: a small bilingual page, not an empty 431.
    server.on("clientError", http.clientError);
  } catch (error) {
    failStart(error, forma);
  }
  const port = env.PORT;
  const host = env.HOST;
  // A port taken or an address this host does not have: one line and exit status 1, as above.
  server.once("error", (error) => failStart(error, forma));
  // Idle connections outlive the proxy's (see KEEP_ALIVE_TIMEOUT_SECONDS); a request's headers may
  // take a second longer, as Node requires, within its 300 s requestTimeout.
  server.keepAliveTimeout = env.KEEP_ALIVE_TIMEOUT_SECONDS * 1000;
  server.headersTimeout = server.keepAliveTimeout + 1000;
  // Installed before the warm-up: a SIGTERM then ends the warm-up, and the worker exits without
  // ever listening.
  const warmUpStop = new AbortController();
  let warming = Promise.resolve();
  let stopping = false;
  forma.installGracefulShutdown(server, {
    timeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    onBegin: () => {
      stopping = true;
      warmUpStop.abort();
      http.markShuttingDown();
      // No job run starts from here; the outbox ends its send in flight and gives the rest of its batch back.
      forma.beginServerShutdown();
    },
    // The warm-up's last request ends before the database pools close.
    onClosed: async () => {
      await warming;
      await forma.stopServerServices();
    },
  });
  // The worker warms its own request path before it listens (ADR 0067): node:cluster hands it no
  // connection before then, and a worker the primary restarts warms up too. Never stops the start.
  if (env.FORMA_WARMUP_REQUESTS > 0) {
    forma.logger.info({ requests: env.FORMA_WARMUP_REQUESTS, seconds: env.FORMA_WARMUP_SECONDS }, "warm-up started");
    warming = forma
      .warmUp(http.warmUpListener, {
        requests: env.FORMA_WARMUP_REQUESTS,
        timeLimitMs: env.FORMA_WARMUP_SECONDS * 1000,
        signal: warmUpStop.signal,
      })
      .catch((error) => ({ requests: 0, ended: "error", error: String(error), eventFound: false }))
      .then((warmed) => {
        // The time limit is an ordinary end (ADR 0069: with the default 3,000 requests a PostgreSQL
        // worker reaches it on a slow machine); only an error is worth a warning.
        const level = warmed.ended === "error" ? "warn" : "info";
        forma.logger[level](warmed, "warm-up done");
      });
    await warming;
  }
  if (stopping) return;
  server.listen(port, host, () => {
    const startupMs = Math.round(process.uptime() * 1000);
    forma.logger.info({ host, port, origin: env.APP_ORIGIN, startupMs }, "Forma in ascolto");
    // The primary counts a worker as started from here, not from the cluster's "listening" event,
    // which the bounce receiver's own port (BOUNCE_SMTP_PORT) fires before the web server listens.
    if (cluster.isWorker) process.send?.({ forma: "serving" });
  });
}

/**
 * A start that cannot go on (wrong setting, database away or not migrated, port taken): one JSON line
 * on stderr saying why, without a stack trace or a URL's password, and exit status 1 (the primary
 * then stops every worker). Before the build has loaded its own wording is not there: the message's
 * lines are joined.
 */
function failStart(error, forma) {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("build/server/index.js")) {
    error = new Error(
      `nessuna build in ${path.join(root, "build")}: esegui "npm run build" / no build: run npm run build`,
    );
  }
  const line =
    forma?.startupFailureLine?.(error) ??
    `Forma non si avvia / Forma cannot start: ${String(error?.message ?? error)
      .split("\n")
      .map((part) => part.trim())
      .filter(Boolean)
      .join("; ")
      .replace(/:;/g, ":")
      .replace(/(\/\/[^\s/:@]*):[^\s/@]*@/g, "$1:***@")}`;
  process.stderr.write(
    `${JSON.stringify({ level: "fatal", time: new Date().toISOString(), pid: process.pid, msg: line })}\n`,
  );
  process.exit(1);
}

/** The primary: forks the workers, replaces one that dies, and ends with them on a signal. */
async function runPrimary(count) {
  const { pino } = await import("pino");
  // A LOG_LEVEL pino does not know: "info" here (pino would throw with a stack trace); the workers
  // then refuse it in one line naming the setting.
  const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
  const logger = pino({
    level: levels.includes(process.env.LOG_LEVEL) ? process.env.LOG_LEVEL : "info",
    base: { pid: process.pid, role: "primary" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
  let stopping = false;
  let exitCode = 0;
  /** Deaths of workers that had served, and failed starts of their replacements, for the restart delay: 0.1 s, doubling to 10 s. */
  let recentDeaths = [];
  /** Has any worker of this primary served? Then the settings and the database were right at the start. */
  let served = false;

  const fork = () => {
    const worker = cluster.fork({ MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? WORKER_MALLOC_ARENA_MAX });
    worker.on("message", (message) => {
      if (message?.forma !== "serving") return;
      worker.formaListening = true;
      served = true;
    });
    return worker;
  };

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (code !== 0 || signal) exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info({ exitCode }, "all workers stopped");
        logger.flush?.();
        process.exit(exitCode);
      }
      return;
    }
    if (!worker.formaListening && !served) {
      // It never started (bad configuration, database unreachable at start): forking again would
      // only repeat the same error in a loop. The worker has logged why. Once a worker has served,
      // a replacement that cannot start (the database away while the others answer 503) is only
      // waiting for the database: it is forked again below, with the same growing delay.
      logger.fatal({ workerPid: worker.process.pid, code, signal }, "a worker failed to start: stopping");
      stopping = true;
      exitCode = 1;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    const now = Date.now();
    recentDeaths = [...recentDeaths.filter((t) => now - t < 60_000), now];
    const delayMs = Math.min(10_000, 100 * 2 ** (recentDeaths.length - 1));
    logger.error(
      { workerPid: worker.process.pid, code, signal, restartInMs: delayMs },
      worker.formaListening ? "worker died: restarting it" : "a replacement worker could not start: trying again",
    );
    setTimeout(() => {
      if (!stopping) fork();
    }, delayMs);
  });

  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, "shutdown started");
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
    // Each worker stops within its SHUTDOWN_TIMEOUT_SECONDS; one that hangs past it is killed.
    // Unset or empty: the workers' default (an empty value counts as unset, env.server.ts).
    const limitMs = (Number(process.env.SHUTDOWN_TIMEOUT_SECONDS?.trim() || 25) + 5) * 1000;
    setTimeout(() => {
      const left = Object.values(cluster.workers ?? {});
      logger.error({ workers: left.length }, "workers still running after the shutdown limit: killing them");
      for (const worker of left) worker?.process.kill("SIGKILL");
      process.exit(1);
    }, limitMs).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  const semiSpaceGiven = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].some((a) =>
    /^--max[-_]semi[-_]space[-_]size/.test(a),
  );
  cluster.setupPrimary({
    execArgv: semiSpaceGiven
      ? process.execArgv
      : [...process.execArgv, `--max-semi-space-size=${WORKER_MAX_SEMI_SPACE_MB}`],
  });
  logger.info({ workers: count }, "starting workers");
  // The first worker checks the settings, the database and its migrations alone; the others are
  // forked once it has (its "services-started" message). A start that cannot go on then prints its
  // reason once, not once per core, and two workers never create a new SQLite file together. The
  // others' warm-up still runs beside the first's.
  const first = fork();
  const startOthers = (message) => {
    if (message?.forma !== "services-started") return;
    first.off("message", startOthers);
    if (stopping) return;
    for (let i = 1; i < count; i++) fork();
  };
  first.on("message", startOthers);
}
