// End-to-end tests: the same specs run against a production build of Forma on each engine.
// Every engine gets its own server (tests/e2e/support/serve.ts: fresh database, migrated and
// seeded, then `node server.js`) on its own port; one Playwright project per engine.
//
//   npm run build && npx playwright test                  SQLite only
//   FORMA_E2E_PG_URL=postgresql://… npx playwright test   SQLite and PostgreSQL
//   FORMA_E2E_ENGINES=postgresql FORMA_E2E_PG_URL=… npx playwright test
// tests/run-all.sh runs one engine at a time (both in one run with FORMA_E2E_SIDE_BY_SIDE=1).
// The browser is Debian's Chromium headless shell (package chromium-headless-shell), else Debian's
// full Chromium (/usr/bin/chromium); FORMA_CHROMIUM names another executable.
import crypto from "node:crypto";
import fs from "node:fs";
import { defineConfig, type PlaywrightTestProject } from "@playwright/test";

type Engine = "sqlite" | "postgresql";
const PORTS: Record<Engine, number> = {
  sqlite: Number(process.env.FORMA_E2E_SQLITE_PORT ?? 3510),
  postgresql: Number(process.env.FORMA_E2E_POSTGRESQL_PORT ?? 3520),
};

const pgUrl =
  process.env.FORMA_E2E_PG_URL ??
  (process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined);
const engines = (process.env.FORMA_E2E_ENGINES ?? (pgUrl ? "sqlite,postgresql" : "sqlite"))
  .split(",")
  .map((e) => e.trim())
  .filter(Boolean) as Engine[];
for (const engine of engines) {
  if (!(engine in PORTS)) throw new Error(`FORMA_E2E_ENGINES: unknown engine "${engine}" (sqlite, postgresql)`);
  if (engine === "postgresql" && !pgUrl) throw new Error("FORMA_E2E_PG_URL is required to run on PostgreSQL");
}

const baseUrl = (engine: Engine) => `http://127.0.0.1:${PORTS[engine]}`;
/** The test OpenID provider of an engine's servers: the app port + 7 (+1 is the second PostgreSQL instance, +5 account-emails.spec.ts's). */
const oidcPort = (engine: Engine) => PORTS[engine] + 7;

// On PostgreSQL a second app instance serves the same database (several instances, no sticky
// sessions); the enrolment burst spec spreads its requests over both.
const SECOND_POSTGRESQL_PORT = Number(process.env.FORMA_E2E_POSTGRESQL_PORT2 ?? PORTS.postgresql + 1);
if (engines.includes("postgresql")) {
  process.env.FORMA_E2E_SECOND_INSTANCE_URL = `http://127.0.0.1:${SECOND_POSTGRESQL_PORT}`;
}

// A fresh secret per run, for the test servers only.
const sessionSecret = process.env.FORMA_E2E_SESSION_SECRET ?? crypto.randomBytes(32).toString("base64url");
process.env.FORMA_E2E_SESSION_SECRET = sessionSecret; // workers re-read this file: keep one value

// The headless shell is the lighter headless Chromium Playwright itself launches for headless runs
// (the same Blink, V8 and version as the full browser's "new headless"): a fifth less CPU and the same
// results on every spec (docs/decisions/0065-e2e-in-the-headless-shell.md). The full browser stays
// the fallback when the shell is not installed.
const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
const FULL_CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_EXECUTABLE =
  process.env.FORMA_CHROMIUM || (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM);

export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: CHROMIUM_EXECUTABLE,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

// Load specs (*.burst.spec.ts) saturate the server: they run in a project of their own, after
// every other spec of the same engine has finished, so they never starve a page test.
const BURST_SPECS = "**/*.burst.spec.ts";
// Which checks run on which engine (docs/decisions/0024-test-suite-time.md,
// 0105-test-suite-time-5.md). What depends on the browser side only runs once, on SQLite
// (FORMA_E2E_ALL_SPECS=1 runs everything on PostgreSQL too): the specs below (layout at every width, the
// Content-Security-Policy, page titles and error pages, the menu without JavaScript, where focus goes, the
// forms' error summary), and inside every other spec the axe checks (support/a11y.ts), which read markup
// the two engines render alike.
const ENGINE_INDEPENDENT_SPECS = [
  "**/responsive.spec.ts",
  "**/content-security-policy.spec.ts",
  "**/page-titles.spec.ts",
  "**/menu-no-js.spec.ts",
  "**/keyboard-focus.spec.ts",
  "**/error-summary.spec.ts",
  "**/language-of-parts.spec.ts",
];
// A spec runs on PostgreSQL too when its pages go through the code that differs between the engines: the
// seat ledger (enrolment, waiting lists, offers, applications, placements, moves, closures that release
// places), the catalogue's search and counts and the alerts that reuse them, the dashboard, the rate
// limits, the file store, searches that ignore case, several instances on one database. The specs below
// drive pages whose data goes through Prisma's ordinary queries alike on both engines; those queries run
// on PostgreSQL in the integration tests of their models (every integration file runs on both engines),
// so these specs run on SQLite only (ADR 0105).
const ENGINE_NEUTRAL_SPECS = [
  // Sign-up, sign-in, the language switch and their pages' accessibility: the session and account queries run on
  // PostgreSQL in the integration tests (account, auth, hostile input) and every PostgreSQL spec signs in.
  "**/auth.spec.ts",
  "**/idle-session.spec.ts",
  "**/oidc.spec.ts",
  "**/account-emails.spec.ts",
  "**/profile.spec.ts",
  "**/admin-users.spec.ts",
  "**/participant-messages.spec.ts",
  "**/blended-sessions.spec.ts",
  "**/staff-check-in.spec.ts",
  "**/check-in.spec.ts",
  "**/admin-email.spec.ts",
  "**/edition-schedule.spec.ts",
  "**/unsubscribe.spec.ts",
  "**/training-plan.spec.ts",
  "**/completion-rule.spec.ts",
  "**/calendar.spec.ts",
  "**/register-notes.spec.ts",
];
// This keeps `npm test` within its time budget.
const ignoredOn = (engine: Engine) =>
  engine === "postgresql" && process.env.FORMA_E2E_ALL_SPECS !== "1"
    ? [BURST_SPECS, ...ENGINE_INDEPENDENT_SPECS, ...ENGINE_NEUTRAL_SPECS]
    : BURST_SPECS;
// With both engines in one run (FORMA_E2E_SIDE_BY_SIDE=1 in tests/run-all.sh), a burst waits for the page tests of every
// engine, not only its own: it must not starve the other engine's page tests either.
const pageProjects = [...engines];
const projects: PlaywrightTestProject[] = engines.flatMap((engine) => {
  const use = {
    browserName: "chromium" as const,
    baseURL: baseUrl(engine),
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
    locale: "it-IT",
    timezoneId: "Europe/Rome",
  };
  return [
    { name: engine, use, testIgnore: ignoredOn(engine) },
    { name: `${engine}-burst`, use, testMatch: BURST_SPECS, dependencies: pageProjects },
  ];
});

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: `test-results/${engines.join("-")}`,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // In CI a failed test runs once more (ADR 0070): twice in the seven dry runs of 03/12 a click on a submit button
  // right after the page changed sent nothing at all (traces in docs/performance.md, 03/12/2026): the page was
  // still scrolling smoothly to its top (fixed in app/styles/app.css, ADR 0070's addendum); the retry stays as a net.
  // A test that fails twice still fails the run; one that passes on its retry is reported as flaky
  // by tests/run-all.sh with the failed attempt's trace, so it is seen, not hidden.
  retries: process.env.CI ? 1 : 0,
  // Two browsers per engine: an e2e test mostly waits (on its browser, on a one-process server), so
  // both engines in one run may use the CPU one engine leaves idle (docs/decisions/0061-test-suite-time-3.md).
  // FORMA_E2E_WORKERS tries another number.
  workers: Number(process.env.FORMA_E2E_WORKERS ?? 2 * engines.length),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.FORMA_E2E_JSON ?? `tests/.tmp/results/e2e-${engines.join("-")}.json` }],
  ],
  use: {
    // Traces (actions, DOM snapshots, network, console, screencast): recording one on every test was 40 % of
    // the e2e steps' CPU, on tests that pass (docs/decisions/0099-test-suite-time-4.md). In CI (which retries
    // a failed test once, ADR 0070) the retry records the trace: a test that fails twice has the full trace of
    // its second failure, summarised by scripts/e2e-failure-trace.ts. A first failure keeps its screenshot and
    // Playwright's error context (the page's accessibility tree at the failure). A local run (no retries) and
    // FORMA_E2E_TRACE=full record every test and keep the traces of the failures, as before.
    trace: process.env.CI && process.env.FORMA_E2E_TRACE !== "full" ? "on-first-retry" : "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects,
  // Servers start one after another: the second PostgreSQL instance joins the database the
  // first one has just migrated and seeded.
  webServer: engines.flatMap((engine) => {
    const server = (port: number, extra: Record<string, string>) => ({
      command: "node node_modules/tsx/dist/cli.mjs tests/e2e/support/serve.ts",
      url: `http://127.0.0.1:${port}/accedi`,
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: "ignore" as const,
      stderr: "pipe" as const,
      env: {
        FORMA_E2E_ENGINE: engine,
        ...(engine === "postgresql" ? { FORMA_E2E_PG_URL: pgUrl! } : {}),
        PORT: String(port),
        HOST: "127.0.0.1",
        NODE_ENV: "production",
        SESSION_SECRET: sessionSecret,
        APP_ORIGIN: baseUrl(engine),
        // The specs sign up, sign in and enrol many times from one address.
        LOGIN_RATE_LIMIT: "1000",
        LOGIN_IP_FAILURE_LIMIT: "1000",
        SIGNUP_RATE_LIMIT: "100000",
        ENROLMENT_RATE_LIMIT: "100000",
        // No warm-up before listening (ADR 0069): the specs would wait for it at every start.
        FORMA_WARMUP_REQUESTS: "0",
        // The service's contact addresses as a deployment sets them (ADR 0104), not the demo's placeholders:
        // tests/e2e/responsive.spec.ts finds them in the footer and the legal pages.
        CONTACT_EMAIL: "formazione@unita.example.org",
        ACCESSIBILITY_EMAIL: "accessibile@unita.example.org",
        DPO_EMAIL: "protezione.dati@unita.example.org",
        // A real OpenID provider beside each engine's server (tests/e2e/oidc.spec.ts; serve.ts starts it).
        FORMA_E2E_OIDC_PORT: String(oidcPort(engine)),
        OIDC_PROVIDERS: JSON.stringify([
          {
            id: "spid",
            issuer: `http://127.0.0.1:${oidcPort(engine)}`,
            clientId: "forma",
            clientSecret: "forma-test-client-secret-0123456789abcdef",
            label: "Entra con SPID",
          },
        ]),
        ...extra,
      },
    });
    const first = server(PORTS[engine], {});
    if (engine !== "postgresql") return [first];
    return [first, server(SECOND_POSTGRESQL_PORT, { FORMA_E2E_SHARE_DATABASE_OF_PORT: String(PORTS.postgresql) })];
  }),
});
