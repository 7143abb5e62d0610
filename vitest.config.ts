// Vitest runs without the Remix plugin. Three projects:
//  - unit: domain rules and helpers, next to the code (app/**/*.test.ts), no database;
//  - integration: tests/integration, against a real database chosen by DATABASE_URL
//    (a fresh SQLite file by default; tests/run-all.sh also runs them on PostgreSQL);
//  - server: tests/server, the production build served by server.js (after npm run build).
import os from "node:os";
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // Test files run one after another unless --file-parallelism is given (a root-only setting in
    // Vitest 3, so it cannot be set per project). The server tests need that: they start production
    // servers and change process.env. Unit files are independent, and integration files are too
    // since each worker has a copy of the migrated database of its own
    // (tests/integration/worker-database.ts): tests/run-all.sh and `npm run test:unit` /
    // `test:integration` run them with --file-parallelism, on every core (at least two: Vitest's
    // default leaves one core idle).
    fileParallelism: false,
    // Test files share their worker processes (ADR 0101): Node, node_modules and the worker start once
    // per worker, not once per file, which was most of the unit and integration steps' time. Each file
    // still gets the app's modules afresh and the worker's starting environment variables
    // (tests/support/fresh-modules.ts), and an integration file's own connections are closed after it
    // (tests/integration/worker-database.ts). Vitest 3 takes this from the root only (a project's own
    // isolate or poolOptions does not change whether workers are reused): the forks pool shares, the
    // threads pool, which the server project uses, still gives each file a worker of its own.
    poolOptions: { forks: { isolate: false }, threads: { isolate: true } },
    maxWorkers: Math.max(2, os.availableParallelism()),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          setupFiles: ["tests/support/fresh-modules.ts"],
          include: ["app/**/*.test.{ts,tsx}", "scripts/**/*.test.ts", "bench/lib/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/support/fresh-modules.ts", "tests/integration/worker-database.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The production server (`node server.js`) as a child process: needs `npm run build` first.
        // tests/run-all.sh runs it after the build. A fresh database as for integration tests.
        extends: true,
        test: {
          name: "server",
          // A worker of its own for each file (see poolOptions): the files start servers on database
          // files and servers of their own and set process.env for them.
          pool: "threads",
          include: ["tests/server/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
