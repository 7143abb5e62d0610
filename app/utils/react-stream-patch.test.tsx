// React 18.3.1's streaming renderer (renderToPipeableStream, which app/entry.server.tsx uses for every
// page) writes HTML into 2,048-byte views with TextEncoder.encodeInto. When an accented letter
// would straddle the end of a view, encodeInto stops before it, and React flushed the WHOLE view:
// the unwritten tail went out as NUL bytes in the middle of the page (react/react#26228, fixed
// upstream after 18.3.1; seen in Forma's catalogue pages: 57 NULs in 1,204 pages). Italian text is
// full of è, à, ù and apostrophes, so patches/react-dom+18.3.1.patch flushes only the bytes written.
// These tests render text that puts a two- and a three-byte character at every offset of a view's
// end, through the same Node build the server loads.
//
// Since ADR 0055 the production build (the server's) no longer encodes chunk by chunk into views at
// all: a flush's chunks are gathered as one string and encoded once when the flush completes. The
// development build keeps React's own writer (with the fix above) and serves as the reference: the
// production build must write the same bytes, in one write per flush.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PassThrough } from "node:stream";
import { createElement, Fragment, type ReactNode } from "react";
import { Suspense } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

type Render = typeof renderToPipeableStream;

function renderChunks(
  node: ReactNode,
  render: Render = renderToPipeableStream,
  when: "onAllReady" | "onShellReady" = "onAllReady",
): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on("data", (chunk: Buffer) => chunks.push(chunk));
    sink.on("end", () => resolve(chunks));
    const { pipe } = render(node, { [when]: () => pipe(sink), onError: reject });
  });
}

async function renderToBuffer(node: ReactNode, render: Render = renderToPipeableStream): Promise<Buffer> {
  return Buffer.concat(await renderChunks(node, render));
}

const reactDomDir = path.dirname(require.resolve("react-dom/package.json"));
const productionServer = require(path.join(reactDomDir, "cjs/react-dom-server.node.production.min.js")) as {
  renderToPipeableStream: Render;
};
const developmentServer = require(path.join(reactDomDir, "cjs/react-dom-server.node.development.js")) as {
  renderToPipeableStream: Render;
};

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
    const production = fs.readFileSync(path.join(reactDomDir, "cjs/react-dom-server.node.production.min.js"), "utf8");
    expect(production).toContain('function ca(a){0<fz.length&&(a.write(Buffer.from(fz,"utf8")),fz="",fl=0)');
    const development = fs.readFileSync(path.join(reactDomDir, "cjs/react-dom-server.node.development.js"), "utf8");
    expect(development).toContain("writeToDestination(destination, currentView.subarray(0, writtenBytes));");
  });

  for (const [build, render] of [
    ["development", developmentServer.renderToPipeableStream],
    ["production", productionServer.renderToPipeableStream],
  ] as const) {
    for (const letter of ["è", "à", "€", "ş"]) {
      it(`${build}: sends no NUL byte and keeps every "${letter}" whatever its offset at a view's end`, async () => {
        for (let padding = 0; padding < 8; padding++) {
          const paragraph = paragraphText(padding, letter);
          const html = await renderToBuffer(paragraphs(paragraph), render);
          expect(html.includes(0), `NUL byte with padding ${padding}`).toBe(false);
          const text = html.toString("utf8");
          expect(text.includes("\uFFFD")).toBe(false);
          expect(text.split(paragraph).length - 1).toBe(60);
        }
      });
    }
  }
});

/** A page-like tree: attributes, styles, long and short text in several scripts, raw HTML, a list. */
function pageLike(text: string): ReactNode {
  return createElement(
    "html",
    { lang: "it" },
    createElement("head", null, createElement("title", null, `Le mie iscrizioni · ${text.slice(0, 20)}`)),
    createElement(
      "body",
      null,
      createElement("main", { id: "m", className: "container", "data-x": text.slice(0, 40) }, [
        createElement("h1", { key: "h", style: { marginTop: 4, color: "red" } }, text.slice(0, 30)),
        createElement("p", { key: "p" }, text, " · ", 42, " ", text.slice(5, 9)),
        createElement("div", { key: "d", dangerouslySetInnerHTML: { __html: `<b>${text}</b>` } }),
        createElement("textarea", { key: "t", defaultValue: text, readOnly: true }),
        createElement(
          "ul",
          { key: "u" },
          Array.from({ length: 40 }, (_, i) =>
            createElement("li", { key: i, title: `${i}${text.slice(i)}` }, text.slice(i)),
          ),
        ),
      ]),
    ),
  );
}

const TEXTS = [
  "Sessione dell’unità didattica: è già l’ora? €5 · ş ğ · 中文 · 😀 fine",
  "x".repeat(700) + "àèìòù".repeat(200) + "😀".repeat(300),
  // Lone surrogates (each becomes U+FFFD), also at the ends of text that meets other chunks.
  "\uD83D fine \uDE00 di \uD83D",
  "\uDE00inizio\uD83D",
  "",
];

/** A Suspense boundary that streams in after the shell (its data arrives 30 ms later). */
function later(value: string): () => ReactNode {
  let done = false;
  const promise = new Promise<void>((resolve) => setTimeout(() => ((done = true), resolve()), 30));
  return function Later() {
    if (!done) throw promise;
    return createElement("section", null, value);
  };
}

describe("the production renderer's single encoding per flush (ADR 0055)", () => {
  for (const [i, text] of TEXTS.entries()) {
    it(`writes the development build's bytes for text ${i}`, async () => {
      const [prod, dev] = await Promise.all([
        renderToBuffer(pageLike(text), productionServer.renderToPipeableStream),
        renderToBuffer(pageLike(text), developmentServer.renderToPipeableStream),
      ]);
      expect(prod.length).toBeGreaterThan(1000);
      expect(prod.equals(dev)).toBe(true);
    });
  }

  it("writes the same bytes when a boundary streams in after the shell, one write per flush", async () => {
    const tree = (): ReactNode =>
      createElement(
        "div",
        null,
        pageLike(TEXTS[0]!),
        createElement(Suspense, { fallback: createElement("span", null, "attendi…") }, createElement(later(TEXTS[1]!))),
      );
    const [prod, dev] = await Promise.all([
      renderChunks(tree(), productionServer.renderToPipeableStream, "onShellReady"),
      renderChunks(tree(), developmentServer.renderToPipeableStream, "onShellReady"),
    ]);
    expect(Buffer.concat(prod).equals(Buffer.concat(dev))).toBe(true);
    // The shell, then the boundary's content with its script: each flush a single write (React's
    // own writer sends a 2 KB view at a time, so the development build writes more).
    expect(prod.length).toBe(2);
    expect(dev.length).toBeGreaterThan(prod.length);
  });
});
