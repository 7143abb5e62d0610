// Production server: Express serving the Remix build, static assets with long caching,
// and Forma's background jobs. Several instances may run against one PostgreSQL database:
// nothing here keeps per-user state in memory.
//   node server.js            (PORT, default 3000; HOST, default 0.0.0.0)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));
if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
process.env.NODE_ENV ??= "production";

const { createRequestHandler } = await import("@remix-run/express");
const { default: express } = await import("express");
const { default: compression } = await import("compression");

const build = await import("./build/server/index.js");
// Validates the environment and the database before accepting traffic.
await build.entry.module.startServerServices?.();

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
app.use(compression());
app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
// Other public files (favicon…): only for paths that look like files, so page requests do not
// pay a stat() on the way to Remix.
const publicFiles = express.static(path.join(root, "build/client"), { maxAge: "1h" });
app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));
app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
app.use((req, _res, next) => {
  // The rate limiters read the client address from this header; never trust one sent by the client.
  req.headers["x-forma-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
  next();
});
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const server = app.listen(port, host, () => {
  console.log(`Forma in ascolto su http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
});

function shutdown(signal) {
  console.log(`${signal}: chiusura in corso`);
  server.close(() => {
    Promise.resolve(build.entry.module.stopServerServices?.()).finally(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
