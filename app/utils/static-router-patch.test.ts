// The patched createStaticRouter of react-router-dom (patches/react-router-dom+6.30.4.patch, ADR 0022)
// converts a routes array into data routes once and reuses them while the array is unchanged; a
// tree changed in place is converted again. The reference is upstream's own conversion
// (@remix-run/router's convertRoutesToDataRoutes with react-router's mapRouteProperties), which is
// what the unpatched function ran on every call.
import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

type Route = {
  id: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  hasErrorBoundary?: boolean;
  loader?: () => null;
  children?: Route[];
};
type DataRoute = Route & { children?: DataRoute[] };
type StaticRouter = { routes: DataRoute[]; state: { matches: { route: DataRoute }[] } };

const require = createRequire(import.meta.url);
// The file Remix's server entry loads (@remix-run/react's CommonJS build requires it).
const serverPath = require.resolve("react-router-dom/server", { paths: [require.resolve("@remix-run/react")] });
const { createStaticRouter } = require(serverPath) as {
  createStaticRouter: (routes: Route[], context: unknown) => StaticRouter;
};
const { UNSAFE_convertRoutesToDataRoutes: convert } = require("@remix-run/router") as {
  UNSAFE_convertRoutesToDataRoutes: (
    routes: Route[],
    map: unknown,
    parentPath: undefined,
    manifest: object,
  ) => DataRoute[];
};
const { UNSAFE_mapRouteProperties: mapRouteProperties } = require("react-router") as {
  UNSAFE_mapRouteProperties: unknown;
};

function tree(): Route[] {
  const loader = () => null;
  return [
    {
      id: "root",
      path: "",
      hasErrorBoundary: true,
      children: [
        { id: "home", index: true, loader },
        { id: "catalogue", path: "catalogo", loader },
        { id: "event", path: "eventi/:eventId", children: [{ id: "enrol", path: "iscrizione" }] },
      ],
    },
  ];
}

function contextFor(ids: string[], routes: Route[]) {
  const byId = new Map<string, Route>();
  const walk = (list: Route[]) => list.forEach((r) => (byId.set(r.id, r), walk(r.children ?? [])));
  walk(routes);
  return {
    basename: "/",
    location: { pathname: "/", search: "", hash: "", state: null, key: "default" },
    matches: ids.map((id) => ({ params: {}, pathname: "/", pathnameBase: "/", route: byId.get(id)! })),
    loaderData: {},
    actionData: null,
    errors: null,
  };
}

/** What a data route is made of, without object identity. */
function shape(routes: DataRoute[]): unknown {
  return routes.map(({ children, loader, ...rest }) => ({
    ...rest,
    loader: typeof loader,
    children: children ? shape(children) : undefined,
  }));
}
const upstreamShape = (routes: Route[]) => shape(convert(routes, mapRouteProperties, undefined, {}));

describe("patched react-router-dom createStaticRouter", () => {
  it("is the file the server loads, and it is patched", () => {
    expect(fs.readFileSync(serverPath, "utf8")).toContain("Forma patch");
  });

  it("reuses the data routes of an unchanged array, equal to upstream's conversion", () => {
    const routes = tree();
    const first = createStaticRouter(routes, contextFor(["root", "catalogue"], routes));
    const second = createStaticRouter(routes, contextFor(["root", "event", "enrol"], routes));
    expect(second.routes).toBe(first.routes);
    expect(shape(first.routes)).toEqual(upstreamShape(routes));
    // Each call's matches point into the data routes, by id.
    expect(second.state.matches.map((m) => m.route.id)).toEqual(["root", "event", "enrol"]);
    expect(second.state.matches[2]!.route).toBe(first.routes[0]!.children![2]!.children![0]);
    // Another array of the same shape gets its own conversion.
    expect(createStaticRouter(tree(), contextFor([], routes)).routes).not.toBe(first.routes);
  });

  it("converts again a tree changed in place", () => {
    const routes = tree();
    const root = routes[0]!;
    const check = () => {
      const router = createStaticRouter(routes, contextFor(["root"], routes));
      expect(shape(router.routes)).toEqual(upstreamShape(routes));
      return router.routes;
    };
    let before = check();
    root.children!.push({ id: "privacy", path: "privacy" });
    expect(check()).not.toBe(before);
    before = check();
    root.children![1]!.path = "cerca";
    expect(check()).not.toBe(before);
    before = check();
    root.children![2]!.children!.push({ id: "cancel", path: "annulla" });
    expect(check()).not.toBe(before);
    before = check();
    root.children![0]!.hasErrorBoundary = true;
    expect(check()).not.toBe(before);
    before = check();
    root.children![2]!.children = [{ id: "sheet", path: "scheda" }];
    expect(check()).not.toBe(before);
    expect(check()).toBe(check());
  });

  it("keeps upstream's error for a tree with two routes of one id, on every call", () => {
    const routes: Route[] = [
      { id: "a", path: "a" },
      { id: "a", path: "b" },
    ];
    expect(() => createStaticRouter(routes, contextFor([], []))).toThrow(/route id collision/i);
    expect(() => createStaticRouter(routes, contextFor([], []))).toThrow(/route id collision/i);
  });
});
