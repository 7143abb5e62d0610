// What the browser did in the last seconds of a failed end-to-end test, read from its Playwright trace
// (playwright.config.ts keeps a failed test's trace.zip), so that a CI summary that keeps only the
// output says whether a request was sent and answered, what the last actions did step by step and
// what the page logged as errors. tests/run-all.sh calls it with the Playwright JSON reports after a
// failed e2e step:
//
//   npx tsx scripts/e2e-failure-trace.ts tests/.tmp/results/e2e*.json [--seconds 30]
//
// Why: a flake that cannot be reproduced (issue 17's note: a form submission with no request in a CI
// dry run) is diagnosed from what its one failing run left behind, and a CI clone is gone afterwards.
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { unzipSync } from "fflate";

/** One line of a trace file (`*.trace`) or of its network file (`*.network`): only the fields read here. */
type TraceLine = {
  type?: string;
  callId?: string;
  startTime?: number;
  endTime?: number;
  time?: number;
  class?: string;
  method?: string;
  title?: string;
  params?: Record<string, unknown>;
  message?: string;
  messageType?: string;
  text?: string;
  error?: { message?: string };
  snapshot?: {
    _monotonicTime?: number;
    _resourceType?: string;
    time?: number;
    request?: { method?: string; url?: string };
    response?: { status?: number; _failureText?: string };
  };
};

export type TimelineEntry = { at: number; text: string };

/** Requests for the page's own static files say nothing about what failed. */
const STATIC_PATH = /^\/(assets|fonts|build)\/|\.(css|js|mjs|woff2?|png|svg|ico|jpg|webp)$/;

function parseLines(text: string): TraceLine[] {
  const lines: TraceLine[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      lines.push(JSON.parse(line) as TraceLine);
    } catch {
      // A line cut by a browser that closed mid-write: the rest of the file still counts.
    }
  }
  return lines;
}

function pathOf(url: string | undefined): string {
  if (!url) return "?";
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** A terminal colour code (ESC [ … m). */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

function oneLine(text: string, max = 240): string {
  // ANSI colours out (Playwright's error messages carry them), one line, bounded.
  const flat = text.replace(ANSI_COLOUR, "").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** What an action aimed at: its selector, URL or value, as the trace recorded its parameters. */
function actionTarget(params: Record<string, unknown> | undefined): string {
  if (!params) return "";
  for (const key of ["selector", "url", "locator", "expression"]) {
    const value = params[key];
    if (typeof value === "string") return ` ${oneLine(value, 160)}`;
  }
  return "";
}

/**
 * The browser's timeline from the files of one trace.zip (name → bytes): actions (with the step-by-step
 * log of each), console errors and warnings, uncaught page errors, and every request but static files
 * (method, path, status or failure, duration), in the order they happened (trace-monotonic ms).
 */
export function traceTimeline(files: Record<string, Uint8Array>): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const decoder = new TextDecoder();
  for (const [name, bytes] of Object.entries(files)) {
    // "test.trace" is the runner's own view (fixtures, hooks); the browser's are "<n>-trace.trace".
    if (name === "test.trace") continue;
    if (name.endsWith(".network")) {
      for (const line of parseLines(decoder.decode(bytes))) {
        const s = line.snapshot;
        if (line.type !== "resource-snapshot" || !s || s._monotonicTime === undefined) continue;
        const path = pathOf(s.request?.url);
        if (STATIC_PATH.test(path.split("?")[0]!)) continue;
        const status = s.response?._failureText
          ? `failed: ${s.response._failureText}`
          : String(s.response?.status ?? "?");
        const ms = s.time === undefined ? "" : ` in ${Math.round(s.time)} ms`;
        entries.push({
          at: s._monotonicTime,
          text: `request ${s.request?.method ?? "?"} ${oneLine(path, 200)} → ${status}${ms}`,
        });
      }
      continue;
    }
    if (!name.endsWith(".trace")) continue;
    for (const line of parseLines(decoder.decode(bytes))) {
      if (line.type === "before" && line.startTime !== undefined && line.class !== "Test") {
        const what = line.title ?? `${line.class ?? ""}.${line.method ?? ""}`;
        entries.push({ at: line.startTime, text: `action ${oneLine(what, 80)}${actionTarget(line.params)}` });
      } else if (line.type === "log" && line.time !== undefined && line.message) {
        entries.push({ at: line.time, text: `  · ${oneLine(line.message)}` });
      } else if (line.type === "after" && line.endTime !== undefined && line.error?.message) {
        entries.push({ at: line.endTime, text: `  ✘ ${oneLine(line.error.message)}` });
      } else if (
        line.type === "console" &&
        line.time !== undefined &&
        (line.messageType === "error" || line.messageType === "warning")
      ) {
        entries.push({ at: line.time, text: `console.${line.messageType}: ${oneLine(line.text ?? "")}` });
      } else if (line.type === "event" && line.method === "pageError" && line.time !== undefined) {
        const error = (line.params?.error as { error?: { message?: string } } | undefined)?.error;
        entries.push({ at: line.time, text: `page error: ${oneLine(error?.message ?? "")}` });
      }
    }
  }
  return entries.sort((a, b) => a.at - b.at);
}

/** The timeline's last `seconds`, before its last entry, each line with its time relative to that end. */
export function lastSeconds(entries: TimelineEntry[], seconds: number): string[] {
  if (entries.length === 0) return ["(the trace holds no browser action, request or error)"];
  const end = entries[entries.length - 1]!.at;
  const from = end - seconds * 1000;
  return entries
    .filter((e) => e.at >= from)
    .map((e) => `${(((e.at - end) / 1000).toFixed(1) + " s").padStart(8)}  ${e.text}`);
}

type PlaywrightReportTest = {
  projectName?: string;
  status?: string;
  results?: { status?: string; attachments?: { name?: string; path?: string }[] }[];
};
type PlaywrightReportSuite = {
  specs?: { file?: string; line?: number; title?: string; tests?: PlaywrightReportTest[] }[];
  suites?: PlaywrightReportSuite[];
};

/**
 * Each failed test of a Playwright JSON report, and each flaky one (failed, then passed on its retry),
 * with the trace of each failed attempt that kept one (in CI the retry of a failed test records one, ADR 0099;
 * locally every failed test keeps its trace).
 */
export function failedTraces(report: { suites?: PlaywrightReportSuite[] }): { name: string; trace: string }[] {
  const found: { name: string; trace: string }[] = [];
  const walk = (suite: PlaywrightReportSuite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? []) {
        if (t.status !== "unexpected" && t.status !== "flaky") continue;
        const name = `[${t.projectName ?? "?"}] ${spec.file}:${spec.line} ${spec.title}`;
        (t.results ?? []).forEach((result, attempt) => {
          // In CI the retry records the trace (ADR 0099): a flaky test's passing retry has one, and it shows
          // nothing of the failure.
          if (result.status === "passed") return;
          for (const a of result.attachments ?? [])
            if (a.name === "trace" && a.path)
              found.push({
                name: `${name}${t.status === "flaky" ? ` (flaky: attempt ${attempt + 1} ${result.status ?? "failed"}, then passed)` : ""}`,
                trace: a.path,
              });
        });
      }
    for (const child of suite.suites ?? []) walk(child);
  };
  (report.suites ?? []).forEach(walk);
  return found;
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { seconds: { type: "string", default: "30" } },
  });
  const seconds = Number(values.seconds);
  for (const file of positionals) {
    let report: { suites?: PlaywrightReportSuite[] };
    try {
      report = JSON.parse(fs.readFileSync(file, "utf8")) as typeof report;
    } catch {
      continue; // a step that wrote no report (the summary above already counts it)
    }
    for (const { name, trace } of failedTraces(report)) {
      console.log(`What the browser did in the last ${seconds} s of ${name} (${trace}):`);
      try {
        const lines = lastSeconds(traceTimeline(unzipSync(fs.readFileSync(trace))), seconds);
        for (const line of lines.slice(-80)) console.log(`  ${line}`);
      } catch (error) {
        console.log(`  (trace not readable: ${error instanceof Error ? error.message : String(error)})`);
      }
      console.log("");
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
