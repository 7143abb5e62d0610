// scripts/ensure-env.js, the first step of `npm run demo`: the .env it writes from .env.example.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv as parseDotEnv } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "../app/utils/env.server.ts";

const root = path.resolve(import.meta.dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "forma-ensure-env-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("npm run demo's .env (scripts/ensure-env.js)", () => {
  it("is readable by its owner only, and leaves the links to the PORT the server is started with", () => {
    fs.copyFileSync(path.join(root, ".env.example"), path.join(dir, ".env.example"));
    execFileSync(process.execPath, [path.join(root, "scripts/ensure-env.js")], { cwd: dir, stdio: "pipe" });
    const file = path.join(dir, ".env");
    // It holds SESSION_SECRET, which signs sessions and derives the check-in codes.
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const loaded = parseDotEnv(fs.readFileSync(file, "utf8"));
    expect(loaded.SESSION_SECRET).toMatch(/^[\w-]{43}$/);
    // `PORT=3590 npm run demo`: server.js loads .env under the variables already set (process.loadEnvFile).
    const env = parseEnv({ NODE_ENV: "test", ...loaded, PORT: "3590" });
    expect(env.PORT).toBe(3590);
    expect(env.APP_ORIGIN).toBe("http://localhost:3590");
    expect(parseEnv({ NODE_ENV: "test", ...loaded }).APP_ORIGIN).toBe("http://localhost:3000");
  });
});
