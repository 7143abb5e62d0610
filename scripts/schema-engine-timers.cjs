// Preloaded (`node --require`) into Prisma's CLI by scripts/migrate-deploy.mjs (ADR 0114): the timers Prisma's
// WebAssembly schema engine sets are cleared when the CLI frees the engine, so the process ends when the command has.
//
// Prisma 6.19.3's schema engine (node_modules/prisma/build/schema_engine_bg.wasm, engine "js") sets its timers through
// one wasm-bindgen import, `__wbg_setTimeout_…` of "./schema_engine_bg.js" (in build/index.js:
// `function rlt(e,r){return setTimeout(e,r>>>0)}`), and imports no clearTimeout: a timer it no longer needs stays
// set until it fires. On PostgreSQL `migrate deploy` takes Prisma's advisory lock (`SELECT pg_advisory_lock(72707369)`)
// racing a 10,000 ms timeout ("Timed out trying to acquire a postgres advisory lock … Timeout: 10000ms"); the lock is
// had at once, the timeout's timer stays, and node waited for it: the command printed its result, then the process
// lived on until 10 s after it took the lock. SQLite takes no such lock. A failed command is ended by the CLI's own
// process.exit(1).
//
// The CLI calls the engine's free() when the command is over (`finally { await migrate.stop() }`); once no engine is
// left, the timers it set are cleared here, which is what the engine would have done on drop had it a clearTimeout.
// Nothing is unref'd: while an engine lives its timers keep node alive as before (the lock's timeout still fires
// if another `migrate deploy` holds the lock). No output or exit code is touched: the process ends by itself, with
// the status Prisma's CLI gives it. If a later Prisma no longer has this import or class, this does nothing and the
// wait comes back (tests/integration/migrate-deploy-exit.test.ts then fails).
"use strict";

const GLUE = "./schema_engine_bg.js";
const OriginalInstance = WebAssembly.Instance;

WebAssembly.Instance = new Proxy(OriginalInstance, {
  construct(target, args, newTarget) {
    const [module, imports] = args;
    const glue = imports && imports[GLUE];
    const setTimeoutName = glue && Object.keys(glue).find((name) => name.startsWith("__wbg_setTimeout_"));
    const SchemaEngine = glue && glue.SchemaEngine;
    if (!setTimeoutName || typeof SchemaEngine !== "function") return Reflect.construct(target, args, newTarget);

    /** The engine's timers still set (removed as they fire). */
    const timers = new Set();
    let engines = 0;
    const setEngineTimeout = glue[setTimeoutName];
    const wrappedGlue = {
      ...glue,
      [setTimeoutName](callback, delay) {
        const timer = setEngineTimeout(function (...rest) {
          timers.delete(timer);
          return callback.apply(this, rest);
        }, delay);
        timers.add(timer);
        return timer;
      },
    };

    const create = SchemaEngine.new;
    SchemaEngine.new = async function (...rest) {
      const engine = await create.apply(this, rest);
      engines++;
      return engine;
    };
    const free = SchemaEngine.prototype.free;
    SchemaEngine.prototype.free = function (...rest) {
      try {
        return free.apply(this, rest);
      } finally {
        engines = Math.max(0, engines - 1);
        if (engines === 0) {
          for (const timer of timers) clearTimeout(timer);
          timers.clear();
        }
      }
    };

    return Reflect.construct(target, [module, { ...imports, [GLUE]: wrappedGlue }], newTarget);
  },
});
