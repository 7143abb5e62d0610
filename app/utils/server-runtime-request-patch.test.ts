// patches/@remix-run+server-runtime+2.17.5.patch (ADR 0043): a loader or action gets the request
// itself when upstream's two copies of it would carry the very same URL (no `index`, `_routes` or
// `_data` parameter, a query already in URLSearchParams' form), and upstream's copy otherwise.
// The server loads the CommonJS build (through @remix-run/node); the ESM build is not patched and
// is the reference: for every URL below, the loader sees the URL, method, headers, body and abort
// of upstream's copy.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: the package's unpatched ESM build has no types of its own
import * as upstream from "../../node_modules/@remix-run/server-runtime/dist/esm/data.js";

const require = createRequire(import.meta.url);
const runtimeMain = require.resolve("@remix-run/server-runtime", {
  paths: [path.dirname(require.resolve("@remix-run/node"))],
});
const patched = require(path.join(path.dirname(runtimeMain), "data.js")) as typeof upstream;

type Call = typeof upstream.callRouteLoader;
/** The request a loader (or action) receives from `call`. */
async function seen(call: Call, request: Request, singleFetch: boolean): Promise<Request> {
  let got: Request | null = null;
  const loader = ({ request: r }: { request: Request }) => {
    got = r;
    return null;
  };
  await call({ loadContext: {}, loader, action: loader, params: {}, request, routeId: "r", singleFetch });
  return got!;
}

const URLS = [
  "http://forma.test/le-mie-iscrizioni?esito=abc",
  "http://forma.test/le-mie-iscrizioni",
  "http://forma.test/eventi?q=caff%C3%A8%20d%27orzo&pagina=2",
  "http://forma.test/eventi?q=arte+e+storia",
  "http://forma.test/eventi?q=a~b*c",
  "http://forma.test/eventi?",
  "http://forma.test/eventi?&",
  "http://forma.test/eventi?index",
  "http://forma.test/eventi?index=&q=1",
  "http://forma.test/eventi?%69ndex=1",
  "http://forma.test/eventi.data?_routes=routes%2Feventi",
  "http://forma.test/eventi?_data=routes%2Feventi",
  "http://forma.test/eventi#frammento",
];

describe("@remix-run/server-runtime request patch", () => {
  it("is the build the server loads", () => {
    expect(path.relative(path.dirname(require.resolve("@remix-run/server-runtime/package.json")), runtimeMain)).toBe(
      path.join("dist", "index.js"),
    );
    const source = fs.readFileSync(path.join(path.dirname(runtimeMain), "data.js"), "utf8");
    expect(source.match(/request: formaStripParams\(request, singleFetch\)/g)).toHaveLength(2);
  });

  for (const singleFetch of [true, false])
    it(`hands on what upstream hands on (single fetch ${singleFetch ? "on" : "off"})`, async () => {
      const same: string[] = [];
      for (const url of URLS) {
        for (const call of ["callRouteLoader", "callRouteAction"] as const) {
          const make = () =>
            call === "callRouteLoader"
              ? new Request(url, { headers: { cookie: "forma_session=x" } })
              : new Request(url, { method: "POST", body: "editionId=e1", headers: { "content-type": "text/plain" } });
          const original = make();
          const controller = new AbortController();
          const withSignal = new Request(original, { signal: controller.signal });
          const mine = await seen(patched[call], withSignal, singleFetch);
          const theirs = await seen(upstream[call], make(), singleFetch);
          expect(mine.url, url).toBe(theirs.url);
          expect(mine.method).toBe(theirs.method);
          expect([...mine.headers]).toEqual([...theirs.headers]);
          expect(mine.body ? await mine.text() : null).toBe(theirs.body ? await theirs.text() : null);
          expect(mine.signal.aborted).toBe(false);
          controller.abort();
          expect(mine.signal.aborted).toBe(true);
          if (mine === withSignal) same.push(`${call} ${url}`);
        }
      }
      // The request itself for the URLs whose copy would be the same, a copy for the others.
      // The request itself where upstream's copy has the same URL (the parameter the other mode
      // strips is kept), a copy for the rest; a test that fails if the patch stops applying.
      const passed = [
        "http://forma.test/le-mie-iscrizioni?esito=abc",
        "http://forma.test/le-mie-iscrizioni",
        "http://forma.test/eventi?q=arte+e+storia",
        singleFetch
          ? "http://forma.test/eventi?_data=routes%2Feventi"
          : "http://forma.test/eventi.data?_routes=routes%2Feventi",
        "http://forma.test/eventi#frammento",
      ];
      expect(same).toEqual(passed.flatMap((url) => [`callRouteLoader ${url}`, `callRouteAction ${url}`]));
    });
});
