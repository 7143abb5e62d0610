import { describe, expect, it } from "vitest";
import { logStreamingRenderError, type RenderErrorLog } from "./streaming-render-error.server.ts";

function recordingLog() {
  const lines: { level: "error" | "debug"; fields: unknown; message: string }[] = [];
  const write = (level: "error" | "debug") => (fields: object, message: string) => {
    lines.push({ level, fields, message });
  };
  const log: RenderErrorLog = { error: write("error"), debug: write("debug") };
  return { lines, log };
}

describe("an error while a document streams", () => {
  it("is an error when the client is still there", () => {
    const { lines, log } = recordingLog();
    const error = new Error("a component threw");
    logStreamingRenderError(error, new Request("http://forma.test/eventi"), log);
    expect(lines).toEqual([{ level: "error", fields: { err: error }, message: "streaming render failed" }]);
  });

  it("is only a debug line when the client left (the app aborted the request, then the render)", () => {
    const { lines, log } = recordingLog();
    const controller = new AbortController();
    const request = new Request("http://forma.test/eventi", { signal: controller.signal });
    controller.abort();
    const error = new Error("The render was aborted by the server without a reason.");
    logStreamingRenderError(error, request, log);
    expect(lines).toEqual([
      { level: "debug", fields: { err: error }, message: "streaming render stopped: the client left" },
    ]);
  });

  it("is only a debug line when the app stopped the render because the document is not sent (a HEAD request)", () => {
    const { lines, log } = recordingLog();
    const error = new Error("The render was aborted by the server without a reason.");
    logStreamingRenderError(error, new Request("http://forma.test/eventi", { method: "HEAD" }), log, true);
    expect(lines).toEqual([
      { level: "debug", fields: { err: error }, message: "streaming render stopped: its document is not sent" },
    ]);
  });
});
