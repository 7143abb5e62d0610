// The patched loader and action calls of @remix-run/server-runtime (patches/@remix-run+server-runtime+2.17.5.patch,
// ADR 0044) pass the request itself on when upstream's stripping of `index` and `_routes` would give
// the same URL, instead of building two new Fetch Requests. The server loads the package's CommonJS
// build, which the patch changes; its ESM build (dist/esm/data.js) is the unpatched upstream code of
// the same version and serves as the reference: every loader and action sees the same URL, method,
// headers, body and signal as upstream's.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
// @ts-expect-error -- upstream's ESM build has no declarations of its own: typed as Impl below.
import * as upstreamModule from "@remix-run/server-runtime/dist/esm/data.js";
import { describe, expect, it } from "vitest";

type Call = (args: {
  loadContext: unknown;
  params: Record<string, string>;
  request: Request;
  routeId: string;
  singleFetch: boolean;
  action?: (args: { request: Request }) => unknown;
  loader?: (args: { request: Request }) => unknown;
}) => Promise<unknown>;
type Impl = { callRouteAction: Call; callRouteLoader: Call };

const require = createRequire(import.meta.url);
// The file Remix's request handler loads: @remix-run/node requires server-runtime's CommonJS build.
const runtimeDir = path.dirname(
  require.resolve("@remix-run/server-runtime", { paths: [path.dirname(require.resolve("@remix-run/node"))] }),
);
const patchedPath = path.join(runtimeDir, "data.js");
const patched = require(patchedPath) as Impl;
const upstream = upstreamModule as unknown as Impl;

const BODY = "editionId=abc%C3%A8&intent=enrol";

/** URLs with nothing to strip (the request is passed on) and with something (a new request). */
const UNCHANGED = [
  "http://forma.test/eventi/e1/iscrizione",
  "http://forma.test/eventi/e1/iscrizione?edizione=ed2",
  "http://forma.test/eventi/e1/iscrizione?index=x",
  "http://forma.test/catalogo?q=caf%C3%A8&pagina=2",
  "http://forma.test/eventi/e1/iscrizione#parte",
  "http://forma.test/eventi/e1/iscrizione.data",
  "http://forma.test/catalogo?a=1#frammento?b",
];
const STRIPPED = [
  "http://forma.test/eventi/e1/iscrizione?index",
  "http://forma.test/eventi/e1/iscrizione?index=",
  "http://forma.test/?index=&index=a&_routes=root",
  "http://forma.test/eventi/e1/iscrizione.data?_routes=root,routes/eventi",
  "http://forma.test/catalogo?q=a%20b",
  "http://forma.test/catalogo?q=%E2%9C%93&flag",
  "http://forma.test/catalogo?",
];

function requestFor(url: string, method: string, controller: AbortController): Request {
  const init: RequestInit = {
    method,
    headers: { cookie: "forma_session=s", "content-type": "application/x-www-form-urlencoded", "x-extra": "1" },
    signal: controller.signal,
  };
  if (method === "POST") init.body = Buffer.from(BODY);
  return new Request(url, init);
}

/** What a loader or action sees of its request, read after the call returns. */
async function seenBy(impl: Impl, kind: "action" | "loader", url: string, method: string) {
  const controller = new AbortController();
  const original = requestFor(url, method, controller);
  let seen: Request | undefined;
  const fn = ({ request }: { request: Request }) => {
    seen = request;
    return null;
  };
  const args = { loadContext: {}, params: {}, request: original, routeId: "routes/x", singleFetch: true };
  if (kind === "action") await impl.callRouteAction({ ...args, action: fn });
  else await impl.callRouteLoader({ ...args, loader: fn });
  const request = seen!;
  const abortedBefore = request.signal.aborted;
  controller.abort(new Error("client left"));
  return {
    same: request === original,
    view: {
      url: request.url,
      method: request.method,
      headers: [...request.headers],
      body: method === "POST" ? await request.text() : null,
      abortedBefore,
      abortedAfter: request.signal.aborted,
      mode: request.mode,
      credentials: request.credentials,
      redirect: request.redirect,
    },
  };
}

describe("server-runtime's loader and action calls (Forma patch)", () => {
  it("is the build the server loads, patched", () => {
    expect(fs.readFileSync(patchedPath, "utf8")).toContain("formaStripIndexAndRoutesParams");
  });

  for (const kind of ["action", "loader"] as const) {
    const method = kind === "action" ? "POST" : "GET";
    it(`passes the ${kind} its request itself when there is nothing to strip, as upstream would see it`, async () => {
      for (const url of UNCHANGED) {
        const mine = await seenBy(patched, kind, url, method);
        const theirs = await seenBy(upstream, kind, url, method);
        expect(mine.view, url).toEqual(theirs.view);
        expect(mine.same, url).toBe(true);
        expect(theirs.same, url).toBe(false);
      }
    });

    it(`strips index and _routes for the ${kind} as upstream does`, async () => {
      for (const url of STRIPPED) {
        const mine = await seenBy(patched, kind, url, method);
        const theirs = await seenBy(upstream, kind, url, method);
        expect(mine.view, url).toEqual(theirs.view);
        expect(mine.same, url).toBe(false);
      }
    });
  }

  it("keeps upstream's _data stripping without single fetch", async () => {
    const url = "http://forma.test/eventi/e1/iscrizione?_data=routes/x&index";
    const call = async (impl: Impl) => {
      let seen = "";
      await impl.callRouteLoader({
        loadContext: {},
        params: {},
        request: requestFor(url, "GET", new AbortController()),
        routeId: "routes/x",
        singleFetch: false,
        loader: ({ request }) => ((seen = request.url), null),
      });
      return seen;
    };
    expect(await call(patched)).toBe(await call(upstream));
  });
});
