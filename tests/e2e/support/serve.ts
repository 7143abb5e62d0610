// Playwright's webServer for one engine: a fresh database (migrated, then seeded with the demo
// data), then the production server (`node server.js`, which needs `npm run build` first).
//   FORMA_E2E_ENGINE=sqlite|postgresql   which engine
//   FORMA_E2E_PG_URL=postgresql://…      PostgreSQL server to create the database on (postgresql only)
//   PORT, SESSION_SECRET, rate limits…   passed through to the server
// The database is named after the port, so two engines (or two checkouts) never share one.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../../..");
const engine = process.env.FORMA_E2E_ENGINE ?? "sqlite";
const port = process.env.PORT ?? "3510";

function log(message: string) {
  process.stderr.write(`[e2e ${engine}:${port}] ${message}\n`);
}

async function freshDatabase(): Promise<string> {
  if (engine === "postgresql") {
    const serverUrl = process.env.FORMA_E2E_PG_URL;
    if (!serverUrl) throw new Error("FORMA_E2E_PG_URL is required for the postgresql engine");
    const name = `forma_e2e_${port}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }
  if (engine !== "sqlite") throw new Error(`unknown FORMA_E2E_ENGINE: ${engine}`);
  const file = path.join(root, "tests/.tmp", `e2e_${port}.db`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  return `file:${file}`;
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  execFileSync(process.execPath, args, { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
}

/** A second app instance on the database of the server on that port (PostgreSQL only). */
function sharedDatabase(ofPort: string): string {
  const url = new URL(process.env.FORMA_E2E_PG_URL!);
  url.pathname = `/forma_e2e_${ofPort}`;
  return url.toString();
}

const shareWith = process.env.FORMA_E2E_SHARE_DATABASE_OF_PORT;
if (shareWith && engine !== "postgresql") throw new Error("FORMA_E2E_SHARE_DATABASE_OF_PORT is for PostgreSQL only");
const databaseUrl = shareWith ? sharedDatabase(shareWith) : await freshDatabase();
// One process per server (WEB_CONCURRENCY=1) unless set: the specs run with two browsers on two
// cores, and several workers are covered by tests/server/cluster.test.ts; on PostgreSQL a second
// instance already shares the database.
const env: NodeJS.ProcessEnv = {
  WEB_CONCURRENCY: "1",
  ...process.env,
  DATABASE_URL: databaseUrl,
  NODE_ENV: "production",
};

if (!shareWith) {
  log("migrating");
  run([path.join(root, "scripts/migrate-deploy.mjs")], env);

  log("seeding the demo data");
  run([path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "prisma/seed.ts")], env);
} else {
  log(`second instance on the database of port ${shareWith}`);
}

// The OpenID provider the app's OIDC_PROVIDERS points at (one per engine, with the first instance).
if (process.env.FORMA_E2E_OIDC_PORT && !shareWith) {
  const { startTestProvider } = await import("../../../scripts/oidc-test-provider.ts");
  const origin = process.env.APP_ORIGIN ?? `http://127.0.0.1:${port}`;
  await startTestProvider({
    port: Number(process.env.FORMA_E2E_OIDC_PORT),
    redirectUris: [`${origin}/auth/oidc/spid/callback`],
    postLogoutRedirectUris: [`${origin}/eventi`],
  });
  log(`OpenID provider on port ${process.env.FORMA_E2E_OIDC_PORT}`);
}

if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
  throw new Error("No production build: run `npx remix vite:build` (npm run build) first");
}
// The server's log (one JSON line per event) goes to a file Playwright does not swallow, so that
// tests/run-all.sh can print the errors behind a failing test (a 500 says nothing on the page).
const serverLog = path.join(root, "tests/.tmp", `e2e-server-${engine}-${port}.log`);
fs.mkdirSync(path.dirname(serverLog), { recursive: true });
log(`starting node server.js (log: ${path.relative(root, serverLog)})`);
const server = spawn(process.execPath, [path.join(root, "server.js")], {
  cwd: root,
  env,
  stdio: ["ignore", fs.openSync(serverLog, "w"), "inherit"],
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
