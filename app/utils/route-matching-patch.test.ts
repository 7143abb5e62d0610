// The patched route matching of @remix-run/router (patches/@remix-run+router+1.23.3.patch, ADR 0022)
// gives the same matches as upstream on every route of this app. The server loads the package's
// CommonJS build, which the patch changes; its ESM build (dist/router.js, the browser's) is the
// unpatched upstream code of the same version, and serves as the reference here.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as upstreamModule from "@remix-run/router/dist/router.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean };
type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children: Route[] };
type Match = { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; route: Route };
type Impl = { matchRoutes: (routes: Route[], location: string, basename?: string) => Match[] | null };

const require = createRequire(import.meta.url);
const patchedPath = require.resolve("@remix-run/router");
const patched = require("@remix-run/router") as Impl;
const upstream = upstreamModule as unknown as Impl;
const { UNSAFE_flatRoutes: flatRoutes } = require("@remix-run/dev") as {
  UNSAFE_flatRoutes: (appDirectory: string, ignored: string[], prefix: string) => Record<string, ManifestRoute>;
};

/** The app's route tree as Remix's server builds it (server-runtime's createRoutes): root, then flat routes. */
function appRoutes(): Route[] {
  const manifest: Record<string, ManifestRoute> = {
    root: { id: "root", path: "" },
    ...flatRoutes(path.resolve(import.meta.dirname, ".."), ["**/*.test.*"], "routes"),
  };
  const byParent = new Map<string, ManifestRoute[]>();
  for (const route of Object.values(manifest)) {
    const parent = route.parentId ?? "";
    byParent.set(parent, [...(byParent.get(parent) ?? []), route]);
  }
  const build = (parentId: string): Route[] =>
    (byParent.get(parentId) ?? []).map((r) => ({
      id: r.id,
      path: r.path,
      index: r.index,
      caseSensitive: r.caseSensitive,
      children: build(r.id),
    }));
  return build("");
}

/** A fresh copy of the tree (new objects, same shape), as Remix builds per request for rendering. */
function cloneTree(routes: Route[]): Route[] {
  return routes.map((r) => ({ ...r, children: cloneTree(r.children) }));
}

function fullPaths(routes: Route[], parent = ""): string[] {
  return routes.flatMap((r) => {
    const here = r.path ? `${parent}/${r.path}`.replace(/\/+/g, "/") : parent;
    return [here || "/", ...fullPaths(r.children, here)];
  });
}

/** URLs for every route (parameters filled in several ways) and for no route at all. */
function urlsFor(routes: Route[]): string[] {
  const urls = new Set<string>(["/", "", "/nope", "/eventi/x/y/z/w", "//eventi", "/EVENTI", "/eventi/", "/%E0%A4%A"]);
  for (const p of fullPaths(routes)) {
    for (const [param, splat] of [
      ["abc123", "a/b"],
      ["cm1x2y3z4", ""],
      ["caf%C3%A8", "x%2Fy"],
      ["with%20space", "deep/er/path"],
    ] as const) {
      const url = p.replace(/:[\w-]+/g, param).replace(/\*$/, splat);
      urls.add(url);
      urls.add(`${url}/`);
      urls.add(url.toUpperCase());
      urls.add(`${url}.data`);
      urls.add(`${url}/extra`);
    }
  }
  return [...urls];
}

const upstreamMatch = (tree: Route[], url: string, basename?: string) => matchWith(upstream, tree, url, basename);
const patchedMatch = (tree: Route[], url: string, basename?: string) => matchWith(patched, tree, url, basename);
function matchWith(impl: Impl, tree: Route[], url: string, basename?: string): Match[] | null {
  return impl.matchRoutes(tree, url, basename);
}

function summary(matches: Match[] | null) {
  return matches?.map((m) => ({
    id: m.route.id,
    params: m.params,
    pathname: m.pathname,
    pathnameBase: m.pathnameBase,
  }));
}

describe("patched @remix-run/router matchRoutes", () => {
  // Upstream warns about the malformed URL on purpose among the cases.
  beforeAll(() => void vi.spyOn(console, "warn").mockImplementation(() => {}));
  afterAll(() => vi.restoreAllMocks());
  const routes = appRoutes();
  const urls = urlsFor(routes);

  it("is the patched build that the server loads", () => {
    expect(fs.readFileSync(patchedPath, "utf8")).toContain("Forma patch");
    expect(routes[0]!.children.length).toBeGreaterThan(60);
    expect(urls.length).toBeGreaterThan(800);
  });

  it("matches every URL as upstream does, on the same tree and on fresh copies of it", { timeout: 120_000 }, () => {
    const expected: unknown[] = [];
    const same: unknown[] = [];
    const fresh: unknown[] = [];
    let matched = 0;
    for (const basename of [undefined, "/forma"]) {
      for (const url of urls) {
        const location = basename ? `${basename}${url}` : url;
        const reference = upstreamMatch(routes, location, basename);
        expected.push(summary(reference));
        // The same array again (the server's stable routes): the very route objects of upstream's match…
        const again = patchedMatch(routes, location, basename);
        same.push(summary(again), again?.every((m, i) => m.route === reference![i]!.route) ?? reference === null);
        // …and a new tree of the same shape (built per request): its own route objects come back.
        const copy = cloneTree(routes);
        const ofCopy = patchedMatch(copy, location, basename);
        const referenceOfCopy = upstreamMatch(copy, location, basename);
        fresh.push(
          summary(ofCopy),
          ofCopy?.every((m, i) => m.route === referenceOfCopy![i]!.route) ?? reference === null,
        );
        if (reference) matched += 1;
      }
    }
    const withIdentity = expected.flatMap((e) => [e, true]);
    expect(same).toEqual(withIdentity);
    expect(fresh).toEqual(withIdentity);
    expect(matched).toBeGreaterThan(urls.length);
  });

  it("follows a change of the tree's shape (a route added, a path or index changed)", { timeout: 120_000 }, () => {
    const changed = cloneTree(routes);
    const root = changed[0]!;
    root.children.unshift({ id: "extra", path: "eventi/speciale", children: [] });
    root.children.push({ id: "case", path: "Maiuscolo", caseSensitive: true, children: [] });
    root.children.push({ id: "optional", path: ":lang?/guida/:parte?", children: [] });
    const firstWithPath = root.children.find((r) => r.path === "privacy")!;
    firstWithPath.path = "riservatezza";
    for (const tree of [changed, routes, changed]) {
      for (const url of [
        ...urls.slice(0, 400),
        "/eventi/speciale",
        "/Maiuscolo",
        "/maiuscolo",
        "/riservatezza",
        "/guida",
        "/en/guida",
        "/en/guida/due",
        "/guida/due",
      ]) {
        expect(summary(patchedMatch(tree, url)), url).toEqual(summary(upstreamMatch(tree, url)));
      }
    }
  });

  it("follows a tree changed in place after it was matched (the same arrays, known to the memo)", () => {
    const tree = cloneTree(routes);
    const root = tree[0]!;
    const probe = ["/eventi/speciale", "/riservatezza", "/privacy", "/guida/due", "/nuova", "/nuova/figlia", "/"];
    const same = () => {
      for (const url of [...urls.slice(0, 200), ...probe]) {
        expect(summary(patchedMatch(tree, url)), url).toEqual(summary(upstreamMatch(tree, url)));
      }
    };
    same();
    root.children.unshift({ id: "extra", path: "eventi/speciale", children: [] });
    same();
    root.children.find((r) => r.path === "privacy")!.path = "riservatezza";
    same();
    root.children.push({ id: "nuova", path: "nuova", children: [] });
    same();
    root.children.at(-1)!.children.push({ id: "figlia", path: "figlia", children: [] });
    same();
    root.children.at(-1)!.children = [{ id: "indice", index: true, children: [] }];
    same();
    root.children.at(-1)!.caseSensitive = true;
    root.children.at(-1)!.path = "Nuova";
    same();
  });

  it("keeps upstream's errors for invalid trees", () => {
    const invalid: Route[] = [{ id: "i", index: true, path: "x", children: [{ id: "c", path: "y", children: [] }] }];
    expect(() => upstreamMatch(invalid, "/x")).toThrow(/Index routes must not have child routes/);
    expect(() => patchedMatch(invalid, "/x")).toThrow(/Index routes must not have child routes/);
    expect(() => patchedMatch(invalid, "/x")).toThrow(/Index routes must not have child routes/);
  });
});
