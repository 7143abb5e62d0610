// React's server renderer alone (ADR 0055): CPU per render of a 17 kB page-like document with this
// worktree's react-dom production Node build and with another's (e.g. main's, unpatched), alternated,
// into a PassThrough as app/entry.server.tsx does; first checks that both write the same bytes.
//   node bench/react-writer.mjs /work/main/node_modules/react-dom [--renders 1000] [--rounds 3]
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { parseArgs } from "node:util";

process.env.NODE_ENV = "production";
const require = createRequire(import.meta.url);
const React = require("react");

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { renders: { type: "string", default: "1000" }, rounds: { type: "string", default: "3" } },
});
if (!positionals[0]) throw new Error("usage: node bench/react-writer.mjs <other react-dom folder>");
const file = "cjs/react-dom-server.node.production.min.js";
const builds = {
  other: require(path.resolve(positionals[0], file)),
  this: require(path.join(path.dirname(require.resolve("react-dom/package.json")), file)),
};
const h = React.createElement;
const text = "Sessione dell’unità didattica: è già l’ora? Corso di base eTwinning";
const tree = () =>
  h(
    "html",
    { lang: "it" },
    h("head", null, h("title", null, "Le mie iscrizioni")),
    h(
      "body",
      null,
      h(
        "main",
        { className: "container" },
        Array.from({ length: 60 }, (_, i) =>
          h(
            "div",
            { key: i, className: "card shadow-sm mb-3", "data-testid": "enrolment" },
            h("h3", { className: "h5" }, h("a", { href: `/eventi/${i}` }, text)),
            h("p", { className: "mb-1" }, "Corso", " · ", "Edizione ", i, " · Primo incontro"),
            h("span", null, "Iscritto"),
          ),
        ),
      ),
    ),
  );

function render(build) {
  return new Promise((resolve, reject) => {
    const sink = new PassThrough();
    const chunks = [];
    sink.on("data", (chunk) => chunks.push(chunk));
    sink.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = build.renderToPipeableStream(tree(), { onAllReady: () => pipe(sink), onError: reject });
  });
}

{
  const [a, b] = [await render(builds.other), await render(builds.this)];
  console.log(`document: ${a.length} bytes; same bytes from both builds: ${a.equals(b)}`);
  const n = Number(args.renders);
  for (let round = 1; round <= Number(args.rounds); round++) {
    for (const [name, build] of Object.entries(builds)) {
      for (let i = 0; i < n / 5; i++) await render(build);
      const before = process.cpuUsage();
      for (let i = 0; i < n; i++) await render(build);
      const cpu = process.cpuUsage(before);
      const load = os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(" ");
      console.log(
        `round ${round} ${name}: ${((cpu.user + cpu.system) / n / 1000).toFixed(3)} ms CPU per render | load ${load}`,
      );
    }
  }
}
