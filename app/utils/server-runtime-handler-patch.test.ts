// The patched request handler of @remix-run/server-runtime (patches/@remix-run+server-runtime+2.17.5.patch,
// ADR 0064) matches a request's pathname only when something reads the match: not for a single-fetch
// `.data` request (upstream matched its pathname, ".data" included, and the handler's pathname, and read
// neither unless handleError or an entry's handleDataRequest ran). The server loads the package's
// CommonJS build, which the patch changes; its ESM build (dist/esm/server.js) is upstream's code of the
// same version and is the reference: every answer (status, headers, body) and every argument given to
// handleError and handleDataRequest must be the same.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
// @ts-expect-error -- upstream's ESM build has no declarations of its own: typed as Handler below.
import * as upstreamModule from "@remix-run/server-runtime/dist/esm/server.js";
import { describe, expect, it } from "vitest";

type Handler = (request: Request, context?: Record<string, unknown>) => Promise<Response>;
type Impl = { createRequestHandler: (build: ServerBuild, mode?: string) => Handler };

const require = createRequire(import.meta.url);
const runtimeDir = path.dirname(
  require.resolve("@remix-run/server-runtime", { paths: [path.dirname(require.resolve("@remix-run/node"))] }),
);
const patchedPath = path.join(runtimeDir, "server.js");
const patched = require(patchedPath) as Impl;
const upstream = upstreamModule as unknown as Impl;
const routeMatching = require(path.join(runtimeDir, "routeMatching.js")) as {
  matchServerRoutes: (...args: unknown[]) => unknown;
};

type Recorded = { kind: string; params: unknown; url: string; message?: string };

/** A small app: a root, a layout, pages with loaders and actions, a resource route, the 404 splat. */
function buildOf(record: Recorded[], withHandleDataRequest: boolean): ServerBuild {
  const { redirect } = require("@remix-run/node") as typeof import("@remix-run/node");
  const page = () => null;
  const routes: Record<string, unknown> = {
    root: { id: "root", path: "", module: { default: page, loader: () => ({ user: "u1" }) } },
    "routes/eventi": { id: "routes/eventi", parentId: "root", path: "eventi", module: { default: page } },
    "routes/eventi.$eventId": {
      id: "routes/eventi.$eventId",
      parentId: "routes/eventi",
      path: ":eventId",
      module: { default: page, loader: ({ params }: { params: { eventId: string } }) => ({ event: params.eventId }) },
    },
    "routes/eventi.$eventId_.iscrizione": {
      id: "routes/eventi.$eventId_.iscrizione",
      parentId: "root",
      path: "eventi/:eventId/iscrizione",
      module: {
        default: page,
        loader: () => ({ form: true }),
        action: async ({ request, params }: { request: Request; params: { eventId: string } }) => {
          const form = await request.formData();
          if (form.get("intent") === "fail") throw new Error("action failed");
          if (form.get("intent") === "refuse") return new Response(JSON.stringify({ refused: true }), { status: 409 });
          return redirect(`/le-mie-iscrizioni?esito=${params.eventId}`, { headers: { "X-Extra": "1" } });
        },
      },
    },
    "routes/le-mie-iscrizioni": {
      id: "routes/le-mie-iscrizioni",
      parentId: "root",
      path: "le-mie-iscrizioni",
      module: {
        default: page,
        headers: () => ({ "Cache-Control": "private" }),
        loader: ({ request }: { request: Request }) => {
          const outcome = new URL(request.url).searchParams.get("esito");
          if (outcome === "boom") throw new Error("loader failed");
          return { outcome };
        },
      },
    },
    "routes/calendario.$token": {
      id: "routes/calendario.$token",
      parentId: "root",
      path: "calendario/:token",
      module: { loader: ({ params }: { params: { token: string } }) => new Response(`feed ${params.token}`) },
    },
    "routes/$": { id: "routes/$", parentId: "root", path: "*", module: { default: page, loader: () => null } },
  };
  const entryModule: Record<string, unknown> = {
    default: (request: Request, status: number, headers: Headers) =>
      new Response(`document ${new URL(request.url).pathname} ${status}`, { status, headers }),
    handleError: (error: Error, { params, request }: { params: unknown; request: Request }) =>
      record.push({ kind: "handleError", params: structuredClone(params), url: request.url, message: error.message }),
  };
  if (withHandleDataRequest) {
    entryModule.handleDataRequest = (
      response: Response,
      { params, request }: { params: unknown; request: Request },
    ) => {
      record.push({ kind: "handleDataRequest", params: structuredClone(params), url: request.url });
      return response;
    };
  }
  return {
    mode: "production",
    basename: undefined,
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    isSpaMode: false,
    entry: { module: entryModule },
    routes,
    assets: { version: "v1", url: "/m.js", entry: { module: "/e.js", imports: [] }, routes: {} },
    future: { v3_singleFetch: true, v3_lazyRouteDiscovery: true, v3_fetcherPersist: true },
  } as unknown as ServerBuild;
}

const FORM = "application/x-www-form-urlencoded";
const CASES: Array<{ url: string; method?: string; body?: string; origin?: string }> = [
  { url: "/le-mie-iscrizioni.data?esito=e1" },
  { url: "/le-mie-iscrizioni.data?esito=boom" },
  { url: "/le-mie-iscrizioni.data?esito=e1&_routes=root" },
  { url: "/eventi/e1.data" },
  { url: "/_root.data" },
  { url: "/nessuna/pagina.data" },
  { url: "/eventi/e1/iscrizione.data?edizione=ed1", method: "POST", body: "intent=enrol" },
  { url: "/eventi/e1/iscrizione.data?edizione=ed1&index", method: "POST", body: "intent=enrol" },
  { url: "/eventi/e2/iscrizione.data", method: "POST", body: "intent=refuse" },
  { url: "/eventi/e3/iscrizione.data", method: "POST", body: "intent=fail" },
  { url: "/eventi/e3/iscrizione.data", method: "POST", body: "intent=enrol", origin: "https://altro.test" },
  { url: "/eventi/e1/iscrizione?edizione=ed1", method: "POST", body: "intent=enrol" },
  { url: "/eventi/e1/iscrizione", method: "POST", body: "intent=fail" },
  { url: "/le-mie-iscrizioni?esito=boom" },
  { url: "/eventi/e1" },
  { url: "/calendario/t0k3n" },
  { url: "/eventi/e1?_data=routes/eventi.$eventId" },
  { url: "/__manifest?p=/eventi/e1&version=v1" },
  { url: "/__manifest?p=/eventi/e1&version=old" },
  { url: "/eventi/e1", method: "HEAD" },
];

function requestOf(c: (typeof CASES)[number]): Request {
  const headers: Record<string, string> = { host: "forma.test", cookie: "forma_session=s" };
  if (c.body !== undefined) headers["content-type"] = FORM;
  if (c.origin) headers.origin = c.origin;
  return new Request(`http://forma.test${c.url}`, { method: c.method ?? "GET", headers, body: c.body });
}

async function answersOf(impl: Impl, withHandleDataRequest: boolean) {
  const out = [];
  for (const c of CASES) {
    const record: Recorded[] = [];
    const handler = impl.createRequestHandler(buildOf(record, withHandleDataRequest), "production");
    const response = await handler(requestOf(c), {});
    out.push({
      case: `${c.method ?? "GET"} ${c.url}`,
      status: response.status,
      headers: [...response.headers],
      body: await response.text(),
      record,
    });
  }
  return out;
}

describe("server-runtime's request handler (Forma patch, ADR 0064)", () => {
  it("is the build the server loads, patched", () => {
    expect(fs.readFileSync(patchedPath, "utf8")).toContain("formaMatches");
  });

  for (const withHandleDataRequest of [false, true]) {
    it(`answers as upstream does, and gives handleError${withHandleDataRequest ? " and handleDataRequest" : ""} the same params`, async () => {
      const mine = await answersOf(patched, withHandleDataRequest);
      const theirs = await answersOf(upstream, withHandleDataRequest);
      expect(mine).toEqual(theirs);
      // The cases do reach handleError with params from a match, and handleDataRequest.
      expect(
        theirs
          .flatMap((a) => a.record)
          .some((r) => r.kind === "handleError" && Object.keys(r.params as object).length > 0),
      ).toBe(true);
      if (withHandleDataRequest)
        expect(theirs.flatMap((a) => a.record).some((r) => r.kind === "handleDataRequest")).toBe(true);
    });
  }

  it("does not match a `.data` request's pathnames in the handler itself", async () => {
    const original = routeMatching.matchServerRoutes;
    let calls = 0;
    routeMatching.matchServerRoutes = (...args: unknown[]) => {
      calls++;
      return original(...args);
    };
    try {
      const handler = patched.createRequestHandler(buildOf([], false), "production");
      await (await handler(requestOf(CASES[0]!), {})).text();
      await (await handler(requestOf(CASES[6]!), {})).text();
      expect(calls).toBe(0);
      // A document request still matches once, for the resource-route check.
      await (await handler(requestOf({ url: "/eventi/e1" }), {})).text();
      expect(calls).toBe(1);
    } finally {
      routeMatching.matchServerRoutes = original;
    }
  });
});
