import { vitePlugin as remix } from "@remix-run/dev";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { precompressDirectory } from "./app/utils/precompressed-assets.server.ts";
import { REMIX_FUTURE_FLAGS } from "./app/utils/remix-future.ts";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * Writes .br and .gz beside the client build's hashed assets (ADR 0038), which the server sends as
 * they are instead of compressing them on every request. Runs at the end of both of Remix's builds:
 * the server build may add assets of its own to build/client/assets.
 */
function precompressAssets(): Plugin {
  let assetsDir = "";
  return {
    name: "forma:precompress-assets",
    apply: "build",
    configResolved(config) {
      const outDir = path.resolve(config.root, config.build.outDir);
      // Remix builds the client into build/client and the server into build/server.
      assetsDir = path.join(config.build.ssr ? path.join(path.dirname(outDir), "client") : outDir, "assets");
    },
    closeBundle() {
      precompressDirectory(assetsDir);
    },
  };
}

export default defineConfig({
  server: { port: 3000, host: "127.0.0.1" },
  plugins: [
    remix({
      ignoredRouteFiles: ["**/*.test.*"],
      future: REMIX_FUTURE_FLAGS,
    }),
    tsconfigPaths(),
    precompressAssets(),
  ],
  // design-react-kit's package.json only exposes module/main conditions, which Node refuses;
  // let Vite bundle it for the server build (see ../shared/NOTES.md).
  ssr: { noExternal: ["design-react-kit"] },
  // Server-only native packages: keep the dev server's dependency scan away from them.
  optimizeDeps: { exclude: ["@node-rs/argon2", "better-sqlite3"] },
  build: { target: "es2022" },
});
