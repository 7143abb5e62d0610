// setupFiles of every vitest project: runs in the worker before each test file, ahead of the file's imports.
//
// Test files share their worker process (vitest.config.ts: poolOptions.forks.isolate false; ADR 0101):
// Node and node_modules (Prisma's runtime, Remix, pdfkit, zod…) load once per worker instead of once per file,
// which was most of the suite's time. What a file could leave behind for the next is undone here:
//  - the app's own modules are loaded afresh for each file (vi.resetModules), so their state starts empty:
//    the environment read once (app/utils/env.server.ts), rate limits, caches, cookies made from secrets;
//  - process.env is put back as the worker started, so a variable a file sets before loading the app
//    (PASSWORD_SIGN_IN, OIDC_PROVIDERS, DATABASE_POOL_SIZE…) does not reach the next file. Vitest's own
//    VITEST_* variables, which it sets for each file, are left alone.
import { vi } from "vitest";

const START_ENV = Symbol.for("forma.test.workerStartEnv");
const worker = globalThis as { [START_ENV]?: Record<string, string> };
const ownVariable = (name: string) => !name.startsWith("VITEST");

const startEnv = (worker[START_ENV] ??= Object.fromEntries(
  Object.entries(process.env).filter(
    (entry): entry is [string, string] => ownVariable(entry[0]) && entry[1] !== undefined,
  ),
));
for (const name of Object.keys(process.env)) if (ownVariable(name) && !(name in startEnv)) delete process.env[name];
Object.assign(process.env, startEnv);

vi.resetModules();
