// The Node version Forma says it needs (package.json engines, README) against the flags its npm scripts
// give node: `--env-file-if-exists` came in Node 20.19.0, and on 20.18 the README's first command
// (`npm run demo`, through db:migrate) stopped with "node: bad option".
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  engines: { node: string };
  scripts: Record<string, string>;
};
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { engines?: { node?: string } }>;
};
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");

/** [major, minor, patch] of engines.node, a plain ">=x.y[.z]" (the one form this test reads). */
function minimum(range: string): [number, number, number] {
  const m = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(range.trim());
  if (!m) throw new Error(`engines.node "${range}": expected ">=x.y[.z]"`);
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}
const atLeast = (v: number[], w: number[]) =>
  v[0]! > w[0]! || (v[0] === w[0] && (v[1]! > w[1]! || (v[1] === w[1] && v[2]! >= w[2]!)));

describe("the Node version in package.json and the README", () => {
  it("is one that knows every flag the npm scripts give node", () => {
    const min = minimum(pkg.engines.node);
    const flagged = Object.entries(pkg.scripts).filter(([, s]) => s.includes("--env-file-if-exists"));
    expect(flagged.length).toBeGreaterThan(0);
    // Added in v20.19.0 (Node's cli.md); in Node 22 from 22.9.0.
    if (min[0] === 20) expect(atLeast(min, [20, 19, 0]), `engines.node ${pkg.engines.node}`).toBe(true);
    else expect(atLeast(min, [22, 9, 0]), `engines.node ${pkg.engines.node}`).toBe(true);
  });

  it("package-lock.json and the README's requirements name the same minimum as engines", () => {
    expect(lock.packages[""]?.engines?.node).toBe(pkg.engines.node);
    const [major, minor] = minimum(pkg.engines.node);
    const named = [...readme.matchAll(/Node \d+ \(≥ (\d+\.\d+(?:\.\d+)?)/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    for (const version of named) expect(version).toBe(`${major}.${minor}`);
  });
});
