import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: { port: 3000, host: "127.0.0.1" },
  plugins: [
    remix({
      ignoredRouteFiles: ["**/*.test.*"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
  ],
  // design-react-kit's package.json only exposes module/main conditions, which Node refuses;
  // let Vite bundle it for the server build (see ../shared/NOTES.md).
  ssr: { noExternal: ["design-react-kit"] },
  // Server-only native packages: keep the dev server's dependency scan away from them.
  optimizeDeps: { exclude: ["@node-rs/argon2", "better-sqlite3"] },
  build: { target: "es2022" },
});
