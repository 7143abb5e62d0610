import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { failedTraces, lastSeconds, traceTimeline } from "./e2e-failure-trace.ts";

// A browser closed mid-write leaves a cut last line (`tail`).
const jsonl = (lines: object[], tail = "") => strToU8(lines.map((l) => JSON.stringify(l)).join("\n") + "\n" + tail);

// A trace as Playwright 1.65 writes it (the shapes read from a real failed test's trace.zip).
const trace = zipSync({
  "test.trace": jsonl([{ type: "before", startTime: 1, class: "Test", method: "hook", title: "Before Hooks" }]),
  "1-trace.trace": jsonl(
    [
      { type: "context-options", monotonicTime: 0 },
      { type: "before", callId: "a@1", startTime: 1_000, class: "Frame", method: "goto", params: { url: "/profilo" } },
      {
        type: "before",
        callId: "a@2",
        startTime: 5_000,
        class: "Frame",
        method: "click",
        params: { selector: 'internal:role=button[name="Salva"i]' },
      },
      { type: "log", callId: "a@2", time: 5_010, message: "  performing click action" },
      { type: "log", callId: "a@2", time: 5_020, message: "  click action done" },
      { type: "console", messageType: "error", text: "Hydration failed", time: 5_030 },
      { type: "console", messageType: "log", text: "just a log", time: 5_031 },
      {
        type: "event",
        time: 5_040,
        class: "BrowserContext",
        method: "pageError",
        params: { error: { error: { message: "boom" } } },
      },
      {
        type: "before",
        callId: "a@3",
        startTime: 5_100,
        title: 'Expect "toHaveText"',
        class: "Frame",
        method: "expect",
        params: { selector: "internal:role=status" },
      },
      { type: "after", callId: "a@3", endTime: 15_100, error: { message: "\u001b[31mTimeout\u001b[39m 10000ms" } },
    ],
    '{"type":"log","callId":"a@3","ti',
  ),
  "1-trace.network": jsonl([
    {
      type: "resource-snapshot",
      snapshot: {
        _monotonicTime: 1_010,
        time: 80.4,
        request: { method: "GET", url: "http://127.0.0.1:3510/profilo" },
        response: { status: 200 },
      },
    },
    {
      type: "resource-snapshot",
      snapshot: {
        _monotonicTime: 1_020,
        request: { method: "GET", url: "http://127.0.0.1:3510/assets/root-ABC.js" },
        response: { status: 200 },
      },
    },
    {
      type: "resource-snapshot",
      snapshot: {
        _monotonicTime: 5_025,
        request: { method: "POST", url: "http://127.0.0.1:3510/profilo/carta-intestata.data" },
        response: { status: -1, _failureText: "net::ERR_ABORTED" },
      },
    },
  ]),
});

describe("the browser's timeline of a failed e2e test", () => {
  it("puts actions with their steps, requests, console errors and page errors in order", () => {
    const timeline = traceTimeline(unzipSync(trace)).map((e) => e.text);
    expect(timeline).toEqual([
      "action Frame.goto /profilo",
      "request GET /profilo → 200 in 80 ms",
      'action Frame.click internal:role=button[name="Salva"i]',
      "  · performing click action",
      "  · click action done",
      "request POST /profilo/carta-intestata.data → failed: net::ERR_ABORTED",
      "console.error: Hydration failed",
      "page error: boom",
      'action Expect "toHaveText" internal:role=status',
      "  ✘ Timeout 10000ms",
    ]);
  });

  it("keeps the last seconds before the end, each with its time relative to it", () => {
    const lines = lastSeconds(traceTimeline(unzipSync(trace)), 11);
    expect(lines[0]).toBe(' -10.1 s  action Frame.click internal:role=button[name="Salva"i]');
    expect(lines.at(-1)).toBe("   0.0 s    ✘ Timeout 10000ms");
    expect(lines.some((l) => l.includes("goto"))).toBe(false);
    expect(lastSeconds([], 10)).toEqual(["(the trace holds no browser action, request or error)"]);
  });
});

describe("the failed tests of a Playwright JSON report", () => {
  it("names each failed test with the trace of each of its runs, and nothing else", () => {
    const report = {
      suites: [
        {
          specs: [
            {
              file: "a.spec.ts",
              line: 3,
              title: "passes",
              tests: [{ projectName: "sqlite", status: "expected", results: [{ attachments: [] }] }],
            },
          ],
          suites: [
            {
              specs: [
                {
                  file: "b.spec.ts",
                  line: 17,
                  title: "fails",
                  tests: [
                    {
                      projectName: "postgresql",
                      status: "unexpected",
                      results: [
                        {
                          attachments: [
                            { name: "screenshot", path: "/r/shot.png" },
                            { name: "trace", path: "/r/trace.zip" },
                          ],
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(failedTraces(report)).toEqual([{ name: "[postgresql] b.spec.ts:17 fails", trace: "/r/trace.zip" }]);
  });

  it("names a flaky test (failed, then passed on its retry) with the trace of its failed attempt", () => {
    const report = {
      suites: [
        {
          specs: [
            {
              file: "c.spec.ts",
              line: 86,
              title: "retried",
              tests: [
                {
                  projectName: "sqlite",
                  status: "flaky",
                  results: [
                    { status: "failed", attachments: [{ name: "trace", path: "/r/retry0/trace.zip" }] },
                    { status: "passed", attachments: [] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(failedTraces(report)).toEqual([
      { name: "[sqlite] c.spec.ts:86 retried (flaky: attempt 1 failed, then passed)", trace: "/r/retry0/trace.zip" },
    ]);
  });

  it("leaves out the trace of a retry that passed: it shows nothing of the failure", () => {
    const report = {
      suites: [
        {
          specs: [
            {
              file: "d.spec.ts",
              line: 9,
              title: "flaky in CI",
              tests: [
                {
                  projectName: "postgresql",
                  status: "flaky",
                  results: [
                    { status: "failed", attachments: [{ name: "screenshot", path: "/r/retry0/test-failed-1.png" }] },
                    { status: "passed", attachments: [{ name: "trace", path: "/r/retry1/trace.zip" }] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(failedTraces(report)).toEqual([]);
  });
});
