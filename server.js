// Production server: Express serving the Remix build (app/utils/http-app.server.ts: request
// logs, /healthz and /readyz, security headers, body limits, APP_ORIGIN as the public origin,
// 503 while the database is away) and Forma's background jobs. Several instances may run
// against one PostgreSQL database: nothing here keeps per-user state in memory.
//   node server.js            (PORT, default 3000; HOST, default 0.0.0.0)
// SIGTERM/SIGINT: graceful shutdown (app/utils/graceful-shutdown.server.ts), at most
// SHUTDOWN_TIMEOUT_SECONDS for the requests in flight; exit status 1 if any had to be cut.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));
if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
process.env.NODE_ENV ??= "production";

const build = await import("./build/server/index.js");
const forma = build.entry.module;
// Validates the environment and the database before accepting traffic.
await forma.startServerServices();

const env = forma.getEnv();
const http = forma.createHttpApp(build, { root });
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const server = http.app.listen(port, host, () => {
  forma.logger.info({ host, port, origin: env.APP_ORIGIN }, "Forma in ascolto");
});
forma.installGracefulShutdown(server, {
  timeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000,
  onBegin: http.markShuttingDown,
  onClosed: () => forma.stopServerServices(),
});
