// Each of these rules has exactly one definition that every caller imports (issue 10, item 5):
// the hours parser (app/domain/hours.ts), the time zone (TIME_ZONE in app/utils/dates.ts), the
// completion default (DEFAULT_COMPLETION_PERCENT in app/domain/completion-rule.ts, which the
// database column's default must equal) and the notification writer
// (app/models/notification-writer.server.ts over app/domain/notification.ts, ADR 0016).
// This test reads the sources so a second copy fails it. It also keeps the modules' layering
// (issue 10, item 6): the email templates import no model, and no import cycle runs through
// app/ and emails/.
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

  it("one way of writing hours for people (the certificate's words), and no decimal hours written as text", () => {
    // Review of 07/12/2026: the plan printed 175 minutes as "2,92 ore", the certificate "2 ore e 55 minuti".
    expect(definedIn(/function\s+hoursInWords\b|hoursInWords\s*=/)).toEqual([path.join("app", "domain", "hours.ts")]);
    // Minutes divided by 60 and formatted as a number: only a form field's value (hoursForInput) does that.
    expect(definedIn(/\.format\(\s*[\w.]*[mM]inutes\s*\/\s*60\s*\)/)).toEqual([path.join("app", "domain", "hours.ts")]);
  });

  it("one time-zone constant", () => {
    expect(definedIn(/["'`]Europe\/Rome["'`]/)).toEqual([path.join("app", "utils", "dates.ts")]);
  });

  it("one completion default, equal to the database column's default", () => {
    expect(definedIn(/DEFAULT_COMPLETION_PERCENT\s*=/)).toEqual([path.join("app", "domain", "completion-rule.ts")]);
    expect(definedIn(/minimumPercent:\s*\d/)).toEqual([]);
    expect(DEFAULT_COMPLETION_RULE.minimumPercent).toBe(DEFAULT_COMPLETION_PERCENT);
    const schema = fs.readFileSync(path.join(ROOT, "prisma", "schema.prisma"), "utf8");
    expect(schema).toMatch(new RegExp(`completionPercent\\s+Int\\s+@default\\(${DEFAULT_COMPLETION_PERCENT}\\)`));
  });

  it("one notification writer: rows are inserted by notification-writer.server.ts (and the hot path's SQL)", () => {
    expect(
      definedIn(
        /\.notification\s*\.\s*(create|createMany|createManyAndReturn|upsert)\s*\(|INSERT\s+INTO\s+"?Notification"?/i,
      ).sort(),
    ).toEqual([
      path.join("app", "models", "enrolment-seat.server.ts"),
      path.join("app", "models", "notification-writer.server.ts"),
    ]);
  });

  it("one place that builds dedupe keys: app/domain/notification.ts", () => {
    expect(definedIn(/function\s+\w*DedupeKey\b|dedupeKey\s*:\s*`/).sort()).toEqual([
      path.join("app", "domain", "notification.ts"),
    ]);
  });
});

const FILE_SET = new Set(FILES);

/** The modules a file imports at run time (type-only imports leave no trace in the built code). */
function runtimeImports(file: string): string[] {
  const code = fs.readFileSync(path.join(ROOT, file), "utf8");
  const out: string[] = [];
  for (const m of code.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^;]*?\s+from\s+)?["']([^"']+)["']/gm)) {
    const spec = m[1]!;
    let target: string;
    if (spec.startsWith("~/")) target = path.join("app", spec.slice(2));
    else if (spec.startsWith(".")) target = path.join(path.dirname(file), spec);
    else continue;
    target = path.normalize(target);
    const found = [target, `${target}.ts`, `${target}.tsx`, path.join(target, "index.ts")].find((c) => FILE_SET.has(c));
    if (found) out.push(found);
  }
  return out;
}

describe("module boundaries", () => {
  it("the email templates import no model and no server module", () => {
    const offending = FILES.filter((f) => f.startsWith(`emails${path.sep}`)).flatMap((f) =>
      runtimeImports(f)
        .filter((target) => target.startsWith(path.join("app", "models")) || target.endsWith(".server.ts"))
        .map((target) => `${f} -> ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it("no import cycle runs through app/ and emails/", () => {
    const graph = new Map(FILES.map((f) => [f, runtimeImports(f)]));
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, "open");
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next].join(" -> "));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of FILES) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});

describe("one parse per multi-intent action (issue 10, point 3)", () => {
  // A hand read of `intent` in a route module or a form module: formData.get("intent"), form.getAll('intent'), …
  const HAND_READ = /\.get(All)?\(\s*["'`]intent["'`]\s*\)/;
  const ROUTES = path.join("app", "routes") + path.sep;
  const FORMS = path.join("app", "forms") + path.sep;

  it("no route or form module reads `intent` by hand: each action parses its form with one discriminated union (app/forms)", () => {
    expect(definedIn(HAND_READ).filter((f) => f.startsWith(ROUTES) || f.startsWith(FORMS))).toEqual([]);
  });

  it("the check sees a hand read (so an empty list means none, not a pattern that matches nothing)", () => {
    for (const code of [
      `if (formData.get("intent") === "cancel") {}`,
      `const intent = String(form.get('intent') ?? "");`,
      "form.getAll( `intent` )",
    ]) {
      expect(HAND_READ.test(code), code).toBe(true);
    }
    expect(HAND_READ.test(`parseWithZod(form, { schema }); submission.payload.intent`)).toBe(false);
    expect(FILES.filter((f) => f.startsWith(ROUTES)).length).toBeGreaterThan(50);
    expect(FILES.filter((f) => f.startsWith(FORMS)).length).toBeGreaterThan(20);
  });
});
