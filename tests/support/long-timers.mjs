// Preloaded into the processes a test starts (NODE_OPTIONS="--import <this file>", FORMA_LONG_TIMERS_FILE=<file>): the
// timers of 5 s or more each process sets and which of them fired before it ended, appended to the file as one JSON
// line per process when it exits: { pid, argv, set: [delay…], fired: [delay…] }. A process that ended with a timer
// still set did not wait for it; one whose timer fired lived until it did (tests/integration/migrate-deploy-exit.test.ts).
import fs from "node:fs";

const file = process.env.FORMA_LONG_TIMERS_FILE;
if (file) {
  const LONG = 5000;
  const set = [];
  const fired = [];
  const originalSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = function (callback, delay, ...rest) {
    if (typeof callback !== "function" || !(Number(delay) >= LONG))
      return originalSetTimeout.call(this, callback, delay, ...rest);
    set.push(Number(delay));
    return originalSetTimeout.call(
      this,
      function (...args) {
        fired.push(Number(delay));
        return callback.apply(this, args);
      },
      delay,
      ...rest,
    );
  };
  process.on("exit", () => {
    fs.appendFileSync(file, JSON.stringify({ pid: process.pid, argv: process.argv.slice(1), set, fired }) + "\n");
  });
}
