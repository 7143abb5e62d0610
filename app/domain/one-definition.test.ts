// Each of these rules has exactly one definition that every caller imports (issue 10, item 5):
// the hours parser (app/domain/hours.ts), the time zone (TIME_ZONE in app/utils/dates.ts) and the
// completion default (DEFAULT_COMPLETION_PERCENT in app/domain/completion-rule.ts, which the
// database column's default must equal). This test reads the sources so a second copy fails it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_COMPLETION_RULE } from "./attendance.ts";
import { DEFAULT_COMPLETION_PERCENT } from "./completion-rule.ts";

const ROOT = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "generated" && entry.name !== "node_modules") out.push(...sources(rel));
    } else if (/\.(ts|tsx|js|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      out.push(rel);
    }
  }
  return out;
}

const FILES = ["app", "emails", "scripts"].flatMap(sources);

/** Files whose code (comments dropped) matches the pattern. */
function definedIn(pattern: RegExp): string[] {
  return FILES.filter((file) => {
    const code = fs
      .readFileSync(path.join(ROOT, file), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    return pattern.test(code);
  });
}

describe("one definition each", () => {
  it("one hours parser", () => {
    expect(definedIn(/function\s+parseHoursToMinutes\b|parseHoursToMinutes\s*=/)).toEqual([
      path.join("app", "domain", "hours.ts"),
    ]);
  });

  it("one time-zone constant", () => {
    expect(definedIn(/["'`]Europe\/Rome["'`]/)).toEqual([path.join("app", "utils", "dates.ts")]);
  });

  it("one completion default, equal to the database column's default", () => {
    expect(definedIn(/DEFAULT_COMPLETION_PERCENT\s*=/)).toEqual([path.join("app", "domain", "completion-rule.ts")]);
    expect(definedIn(/minimumShare:\s*0\.\d/)).toEqual([]);
    expect(DEFAULT_COMPLETION_RULE.minimumShare).toBe(DEFAULT_COMPLETION_PERCENT / 100);
    const schema = fs.readFileSync(path.join(ROOT, "prisma", "schema.prisma"), "utf8");
    expect(schema).toMatch(new RegExp(`completionPercent\\s+Int\\s+@default\\(${DEFAULT_COMPLETION_PERCENT}\\)`));
  });
});
