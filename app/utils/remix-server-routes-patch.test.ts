// patches/@remix-run+react+2.17.5.patch (ADR 0027): RemixServer builds the server routes once per
// build instead of once per page. The server loads the package's CommonJS build (it has no
// "exports", so Node's import of "@remix-run/react" reads "main"); this checks that the build it
// loads is the patched one, and that the cache keys on the modules, so a changed module (Vite's
// HMR in development) still rebuilds the routes. Every page test (integration, server, e2e) renders
// through the patched code.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

describe("@remix-run/react server routes patch", () => {
  const main = require.resolve("@remix-run/react");
  const server = fs.readFileSync(path.join(path.dirname(main), "server.js"), "utf8");

  it("is the build the server loads", () => {
    expect(path.relative(path.dirname(require.resolve("@remix-run/react/package.json")), main)).toBe(
      path.join("dist", "index.js"),
    );
    expect(server).toContain(
      "let routes$1 = formaServerRoutes(manifest.routes, routeModules, context.future, context.isSpaMode);",
    );
  });

  it("writes a document's route modules script once per manifest, routes, matches and parent path (ADR 0059)", () => {
    const components = fs.readFileSync(path.join(path.dirname(main), "components.js"), "utf8");
    expect(components).toContain(
      'let routeModulesScript = !isStatic ? " " : formaRouteModulesScript(manifest, router, matches, enableFogOfWar, () =>',
    );
    // Everything the script is written from is in the key or checked against the kept entry.
    expect(components).toContain("known.routes !== router.routes || known.basename !== router.basename");
    expect(components).toContain(
      'let key = `${enableFogOfWar}|${matches.map(m => m.route.id).join(",")}|${router.state.matches.map(m => m.route.id).join(",")}|${segments.join("/")}`;',
    );
  });

  it("rebuilds the routes when a route module changes", () => {
    expect(server).toMatch(/cached\.future === future && cached\.isSpaMode === isSpaMode && formaSameModules\(/);
    expect(server).toMatch(/if \(a\[id\] !== b\[id\]\) return false;/);
  });
});
