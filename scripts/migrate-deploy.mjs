// `prisma migrate deploy` that ends when the command has (ADR 0114): what `npm run db:migrate`, the setup, the test
// set-ups and the benchmarks run.
//   node --env-file-if-exists=.env scripts/migrate-deploy.mjs [--schema path/to/schema.prisma]
// Prisma's own CLI (node_modules/prisma/build/index.js, with prisma.config.ts) runs in a child node with
// scripts/schema-engine-timers.cjs preloaded; its stdin, stdout and stderr are this process's, and this process ends
// with its exit code (or its signal). On PostgreSQL the CLI alone printed its result and then stayed 10 s more, for
// timers of its WebAssembly schema engine and the migration adapter's idle connection; a failed migration (P3018,
// P3009…) was already ended at once by the CLI's own process.exit(1). DATABASE_URL and the .env file are read as
// before: the child inherits this process's environment. Plain JavaScript: runs with node alone, as in production.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const child = spawn(
  process.execPath,
  [
    "--require",
    path.join(root, "scripts/schema-engine-timers.cjs"),
    path.join(root, "node_modules/prisma/build/index.js"),
    "migrate",
    "deploy",
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);

// A stop asked of this process (Ctrl-C reaches both through the terminal; a test's or a service manager's kill
// reaches only this one) is passed on, and this process then ends as the CLI does.
const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
for (const signal of signals) process.on(signal, () => child.kill(signal));

child.on("error", (error) => {
  process.stderr.write(`migrate-deploy: ${error.message}\n`);
  process.exit(1);
});
child.on("exit", (code, signal) => {
  if (signal) {
    for (const s of signals) process.removeAllListeners(s);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
