// React 18.3.1's streaming renderer (renderToPipeableStream, which app/entry.server.tsx uses for every
// page) writes HTML into 2,048-byte views with TextEncoder.encodeInto. When an accented letter
// would straddle the end of a view, encodeInto stops before it, and React flushed the WHOLE view:
// the unwritten tail went out as NUL bytes in the middle of the page (react/react#26228, fixed
// upstream after 18.3.1; seen in Forma's catalogue pages: 57 NULs in 1,204 pages). Italian text is
// full of è, à, ù and apostrophes, so patches/react-dom+18.3.1.patch flushes only the bytes written.
// These tests render text that puts a two- and a three-byte character at every offset of a view's
// end, through the same Node build the server loads.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PassThrough } from "node:stream";
import { createElement, Fragment, type ReactNode } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

function renderToBuffer(node: ReactNode): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on("data", (chunk: Buffer) => chunks.push(chunk));
    sink.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(node, {
      onAllReady: () => pipe(sink),
      onError: reject,
    });
  });
}

/** Paragraphs of short text (each under 683 characters, so each goes through encodeInto), every one ending in `letter`. */
function paragraphText(padding: number, letter: string): string {
  return `${"x".repeat(padding)}${"Sessione dell’unità ".repeat(3)}${letter}`;
}

function paragraphs(text: string): ReactNode {
  return createElement(
    "main",
    null,
    Array.from({ length: 60 }, (_, i) => createElement(Fragment, { key: i }, createElement("p", null, text))),
  );
}

describe("React's streaming renderer with accented text", () => {
  it("loads react-dom's patched Node build", () => {
    const dir = path.dirname(require.resolve("react-dom/package.json"));
    const production = fs.readFileSync(path.join(dir, "cjs/react-dom-server.node.production.min.js"), "utf8");
    expect(production).toContain("d<b.length&&(t(a,k.subarray(0,l))");
    const development = fs.readFileSync(path.join(dir, "cjs/react-dom-server.node.development.js"), "utf8");
    expect(development).toContain("writeToDestination(destination, currentView.subarray(0, writtenBytes));");
  });

  for (const letter of ["è", "à", "€", "ş"]) {
    it(`sends no NUL byte and keeps every "${letter}" whatever its offset at a view's end`, async () => {
      for (let padding = 0; padding < 8; padding++) {
        const paragraph = paragraphText(padding, letter);
        const html = await renderToBuffer(paragraphs(paragraph));
        expect(html.includes(0), `NUL byte with padding ${padding}`).toBe(false);
        const text = html.toString("utf8");
        expect(text.includes("\uFFFD")).toBe(false);
        expect(text.split(paragraph).length - 1).toBe(60);
      }
    });
  }
});
