#!/usr/bin/env bash
# npm test: Forma's whole test suite, on a fresh machine, with nothing installed by hand.
#   1. brings what is missing: Debian's Chromium headless shell and nginx (apt-get) and a throwaway PostgreSQL
#      (scripts/throwaway-postgres.sh; stopped again on exit if this script started it);
#   2. typecheck (tsc), lint (ESLint with typescript-eslint, react-hooks, jsx-a11y; Prettier) and the
#      production build (remix vite:build), side by side: each is one process on one core mostly, and
#      none reads what another writes (tsc, ESLint and Prettier ignore build/);
#   3. unit tests (vitest, project "unit", test files in parallel);
#   4. integration tests (vitest, project "integration", schema sync included) on SQLite, then on PostgreSQL
#      (test files in parallel, each vitest worker on a database of its own);
#   5. server tests (vitest, project "server": node server.js as a child process; needs the build),
#      side by side with both integration steps (their output is printed after them);
#   6. end-to-end tests (Playwright, production server) on SQLite, then on PostgreSQL (both in one
#      run, side by side, with FORMA_E2E_SIDE_BY_SIDE=1).
# Every step runs even if an earlier one failed (the e2e steps need the build). The last line
# of output is "N passed, N failed": tests across all vitest and Playwright runs, plus one
# failure for each step that failed without test results (typecheck, build, a crashed run).
# Exit status: 0 only if nothing failed.
#
# Environment:
#   FORMA_PG_PORT=54329        port of the throwaway PostgreSQL (use another one to run this
#                              next to a throwaway server that something else is using)
#   FORMA_TEST_PG_URL=…        use this PostgreSQL server instead of a throwaway one
#   FORMA_E2E_SQLITE_PORT=3510, FORMA_E2E_POSTGRESQL_PORT=3520   ports of the e2e servers
#   FORMA_E2E_WORKERS=2        Playwright workers (browsers) of an e2e step (default: two per engine)
#   FORMA_E2E_SIDE_BY_SIDE=1   both engines' e2e tests in one Playwright run, four browsers (ADR 0061)
#   FORMA_SKIP_E2E=1           stop after the build
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
RESULTS="tests/.tmp/results"
SUITE_START=$(date +%s)

log() { printf '\n==> %s\n' "$*"; }

# The suite chooses its databases itself; a DATABASE_URL from the shell must not leak in.
unset DATABASE_URL

if [ ! -d node_modules ]; then
  echo "node_modules is missing: run npm install (or npm ci) first" >&2
  exit 1
fi
if [ ! -d app/generated ]; then
  log "Generating the Prisma clients"
  npm run --silent db:generate
fi

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# ------------------------------------------------------------------ Chromium
# The e2e tests run in Debian's Chromium headless shell (package chromium-headless-shell), the lighter
# headless Chromium Playwright itself uses for headless runs: a fifth less CPU than the full browser
# (docs/decisions/0065-e2e-in-the-headless-shell.md). FORMA_CHROMIUM=/usr/bin/chromium runs them in the
# full browser (package chromium) instead. playwright.config.ts is told which one through FORMA_CHROMIUM.
CHROMIUM="${FORMA_CHROMIUM:-/usr/bin/chromium-headless-shell}"
if [ ! -x "$CHROMIUM" ]; then
  case "$CHROMIUM" in
    */chromium-headless-shell) CHROMIUM_PACKAGE=chromium-headless-shell ;;
    *) CHROMIUM_PACKAGE=chromium ;;
  esac
  log "Chromium not found at $CHROMIUM: installing Debian's $CHROMIUM_PACKAGE package"
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    command -v sudo >/dev/null || { echo "apt-get needs root: install $CHROMIUM_PACKAGE (apt-get install $CHROMIUM_PACKAGE)" >&2; exit 1; }
    SUDO="sudo"
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$CHROMIUM_PACKAGE" >/dev/null
fi
"$CHROMIUM" --version 2>/dev/null || true
export FORMA_CHROMIUM="$CHROMIUM"

# ------------------------------------------------------------------ nginx
# tests/server/reverse-proxy.test.ts runs Debian's nginx with a config file of its own, on its own
# port. RUNLEVEL=1 keeps the package's scripts from starting the system service.
NGINX="${FORMA_NGINX:-/usr/sbin/nginx}"
if [ ! -x "$NGINX" ]; then
  log "nginx not found at $NGINX: installing Debian's nginx package"
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    command -v sudo >/dev/null || { echo "apt-get needs root: install nginx (apt-get install nginx)" >&2; exit 1; }
    SUDO="sudo"
  fi
  $SUDO apt-get update -qq
  # env passes the variables through sudo too (as root $SUDO is empty: "-E" would be the command).
  $SUDO env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq nginx >/dev/null
fi
"$NGINX" -v 2>&1 || true

# ------------------------------------------------------------------ PostgreSQL
export FORMA_PG_PORT="${FORMA_PG_PORT:-54329}"
PG_STARTED_HERE=0
cleanup() {
  if [ "$PG_STARTED_HERE" = "1" ]; then
    PG_STARTED_HERE=0
    bash scripts/throwaway-postgres.sh stop || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -n "${FORMA_TEST_PG_URL:-}" ]; then
  PG_URL="$FORMA_TEST_PG_URL"
  log "PostgreSQL: using FORMA_TEST_PG_URL"
else
  if (exec 3<>"/dev/tcp/127.0.0.1/$FORMA_PG_PORT") 2>/dev/null; then
    # Already running (someone else's throwaway server on this port): use it, leave it running.
    log "PostgreSQL: reusing the throwaway server already on port $FORMA_PG_PORT"
  else
    log "PostgreSQL: starting a throwaway server on port $FORMA_PG_PORT"
    PG_STARTED_HERE=1
  fi
  PG_URL="$(bash scripts/throwaway-postgres.sh start)"
fi
echo "PostgreSQL at $PG_URL"

# ------------------------------------------------------------------ steps
STEP_LINES=()
TOTAL_PASSED=0
TOTAL_FAILED=0

# Reads a vitest or Playwright JSON report; prints "passed failed skipped".
counts() {
  node -e '
    const [kind, file, rc] = process.argv.slice(1);
    const fs = require("node:fs");
    let passed = 0, failed = 0, skipped = 0, read = false;
    try {
      const r = JSON.parse(fs.readFileSync(file, "utf8"));
      if (kind === "vitest") {
        passed = r.numPassedTests; failed = r.numFailedTests;
        skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
      } else {
        passed = r.stats.expected + r.stats.flaky; failed = r.stats.unexpected; skipped = r.stats.skipped;
      }
      read = true;
    } catch {}
    // A run that failed without a failing test (crash, load error, server that did not start) counts once.
    if (rc !== "0" && failed === 0) failed = 1;
    if (!read && rc === "0") failed = 1;
    console.log(`${passed} ${failed} ${skipped}`);
  ' "$@"
}

# run_step <label> <kind: vitest|playwright|plain> <json report or -> <command…>
run_step() {
  local label="$1" kind="$2" report="$3"
  shift 3
  log "$label"
  echo "\$ $*"
  local start rc=0
  start=$(date +%s)
  "$@" || rc=$?
  record_step "$label" "$kind" "$report" "$rc" $(( $(date +%s) - start ))
}

# Steps that run side by side: start_step <label> <command…> starts a plain step in the
# background with its output in a file (start_test_step <label> <kind: vitest|playwright> <json
# report> <command…> one with test results); finish_steps waits for each in the order started, prints
# its output under its heading and records it as run_step does (with its own duration).
BG_LABELS=()
BG_PIDS=()
BG_LOGS=()
BG_COMMANDS=()
BG_KINDS=()
BG_REPORTS=()
BG_START=0
BG_COUNT=0
start_step() {
  local label="$1"
  shift
  start_test_step "$label" plain - "$@"
}
start_test_step() {
  local label="$1" kind="$2" report="$3"
  shift 3
  [ "${#BG_PIDS[@]}" != "0" ] || BG_START=$(date +%s)
  local output="$RESULTS/step-$BG_COUNT.log"
  BG_COUNT=$((BG_COUNT + 1))
  (
    started=$(date +%s) status=0
    "$@" >"$output" 2>&1 || status=$?
    echo $(( $(date +%s) - started )) >"$output.seconds"
    exit "$status"
  ) &
  BG_PIDS+=("$!")
  BG_LABELS+=("$label")
  BG_LOGS+=("$output")
  BG_COMMANDS+=("$*")
  BG_KINDS+=("$kind")
  BG_REPORTS+=("$report")
}
finish_steps() {
  local i rc
  for i in "${!BG_PIDS[@]}"; do
    rc=0
    wait "${BG_PIDS[$i]}" || rc=$?
    local seconds
    seconds=$(cat "${BG_LOGS[$i]}.seconds" 2>/dev/null || echo $(( $(date +%s) - BG_START )))
    log "${BG_LABELS[$i]}"
    echo "\$ ${BG_COMMANDS[$i]}"
    cat "${BG_LOGS[$i]}"
    record_step "${BG_LABELS[$i]}" "${BG_KINDS[$i]}" "${BG_REPORTS[$i]}" "$rc" "$seconds"
    LAST_FAILED_OF["${BG_LABELS[$i]}"]=$LAST_STEP_FAILED
  done
  BG_PIDS=()
  BG_LABELS=()
  BG_LOGS=()
  BG_COMMANDS=()
  BG_KINDS=()
  BG_REPORTS=()
}
declare -A LAST_FAILED_OF=()

# record_step <label> <kind> <json report or -> <exit status> <seconds>: counts and the summary line.
record_step() {
  local label="$1" kind="$2" report="$3" rc="$4" seconds="$5"
  local passed=0 failed=0 skipped=0 detail
  if [ "$kind" = "plain" ]; then
    [ "$rc" = "0" ] || failed=1
    detail=$([ "$rc" = "0" ] && echo "ok" || echo "FAILED (exit $rc)")
  else
    read -r passed failed skipped < <(counts "$kind" "$report" "$rc")
    detail="$passed passed, $failed failed"
    [ "$skipped" = "0" ] || detail="$detail, $skipped skipped"
    [ "$rc" = "0" ] || detail="$detail (exit $rc)"
  fi
  TOTAL_PASSED=$((TOTAL_PASSED + passed))
  TOTAL_FAILED=$((TOTAL_FAILED + failed))
  local status="ok  "
  LAST_STEP_FAILED=0
  [ "$failed" = "0" ] || { status="FAIL"; LAST_STEP_FAILED=1; }
  STEP_LINES+=("$(printf '  %s  %-38s %-40s %4ss' "$status" "$label" "$detail" "$seconds")")
  return 0
}

skip_step() {
  STEP_LINES+=("$(printf '  %s  %-38s %s' "skip" "$1" "$2")")
}

# run_vitest <project> <json report> [vitest options…]: vitest with its usual output plus a JSON report.
run_vitest() {
  local project="$1" report="$2"
  shift 2
  npx --no -- vitest run --project "$project" --reporter=default --reporter=json --outputFile.json="$report" "$@"
}

start_step "typecheck (tsc)" npx --no -- tsc -p .
start_step "lint (ESLint, Prettier)" npm run --silent lint
start_step "production build" npx --no -- remix vite:build
finish_steps
BUILD_OK=$((1 - ${LAST_FAILED_OF[production build]}))
run_step "unit tests" vitest "$RESULTS/unit.json" run_vitest unit "$RESULTS/unit.json" --file-parallelism
# Unit and integration test files run in parallel (vitest.config.ts), each integration worker on a
# database of its own, in worker processes that load node_modules once and the app afresh for each
# file (ADR 0101); the server tests one file at a time.
# The server tests (server.js as a child process: logs, health checks, shutdown, headers, body
# limits, a reverse proxy, database faults on a throwaway PostgreSQL of their own; they need the
# build) mostly wait on their servers, about half a core: they run beside both integration steps,
# which leave part of the two cores idle too (ADR 0101; before, beside the SQLite ones only:
# docs/decisions/0065-e2e-in-the-headless-shell.md).
if [ "$BUILD_OK" = "1" ]; then
  start_test_step "server tests (production build)" vitest "$RESULTS/server.json" \
    run_vitest server "$RESULTS/server.json"
fi
run_step "integration tests, SQLite" vitest "$RESULTS/integration-sqlite.json" \
  run_vitest integration "$RESULTS/integration-sqlite.json" --file-parallelism
run_step "integration tests, PostgreSQL" vitest "$RESULTS/integration-postgresql.json" \
  env DATABASE_URL="$PG_URL" npx --no -- vitest run --project integration --file-parallelism \
  --reporter=default --reporter=json --outputFile.json="$RESULTS/integration-postgresql.json"
finish_steps
[ "$BUILD_OK" = "1" ] || skip_step "server tests" "not run: the build failed"

if [ "${FORMA_SKIP_E2E:-}" = "1" ]; then
  skip_step "end-to-end tests" "FORMA_SKIP_E2E=1"
elif [ "$BUILD_OK" = "1" ]; then
  if [ "${FORMA_E2E_SIDE_BY_SIDE:-}" = "1" ]; then
    # Both engines in one Playwright run, two browsers each: the PostgreSQL specs fill the CPU the
    # SQLite ones leave idle while they wait; the load specs still run last, alone, after every
    # page test of both engines. To be confirmed by a clean CI dry run before it becomes the
    # default (docs/decisions/0061-test-suite-time-3.md).
    run_step "end-to-end tests, SQLite and PostgreSQL" playwright "$RESULTS/e2e.json" \
      env FORMA_E2E_ENGINES=sqlite,postgresql FORMA_E2E_PG_URL="$PG_URL" FORMA_E2E_JSON="$RESULTS/e2e.json" \
      npx --no -- playwright test
  else
    run_step "end-to-end tests, SQLite" playwright "$RESULTS/e2e-sqlite.json" \
      env FORMA_E2E_ENGINES=sqlite FORMA_E2E_JSON="$RESULTS/e2e-sqlite.json" npx --no -- playwright test
    run_step "end-to-end tests, PostgreSQL" playwright "$RESULTS/e2e-postgresql.json" \
      env FORMA_E2E_ENGINES=postgresql FORMA_E2E_PG_URL="$PG_URL" FORMA_E2E_JSON="$RESULTS/e2e-postgresql.json" \
      npx --no -- playwright test
  fi
else
  skip_step "end-to-end tests" "not run: the build failed"
fi

cleanup

ELAPSED=$(( $(date +%s) - SUITE_START ))
log "Summary"
printf '%s\n' "${STEP_LINES[@]}"
printf '  total time: %dm%02ds\n\n' $((ELAPSED / 60)) $((ELAPSED % 60))
# The failing tests by name, so that the end of the output (all a CI summary may keep) says which.
node -e '
  const fs = require("node:fs");
  const failed = [];
  // Passed on their retry (CI retries a failed e2e test once, ADR 0070): not a failure, but named, so
  // a flake is seen, with the first lines of its failed attempt'"'"'s error (in CI only a retry records a
  // trace, ADR 0099: the failed attempt left its screenshot and error context in test-results/).
  const flaky = [];
  for (const file of process.argv.slice(1)) {
    let r;
    try { r = JSON.parse(fs.readFileSync(file, "utf8")); } catch { continue; }
    const step = file.replace(/.*\//, "").replace(/\.json$/, "");
    if (Array.isArray(r.testResults)) {
      for (const t of r.testResults) {
        for (const a of t.assertionResults ?? []) if (a.status === "failed") failed.push(`${step}: ${a.fullName}`);
        if (t.status === "failed" && !(t.assertionResults ?? []).some((a) => a.status === "failed"))
          failed.push(`${step}: ${t.name} (${(t.message ?? "").split("\n")[0]})`);
      }
    } else if (Array.isArray(r.suites)) {
      const walk = (suite) => {
        for (const spec of suite.specs ?? [])
          for (const t of spec.tests ?? [])
            if (t.status === "flaky" || t.status === "unexpected") {
              const list = t.status === "flaky" ? flaky : failed;
              list.push(`${step}: [${t.projectName}] ${spec.file}:${spec.line} ${spec.title}`);
              // The first lines of the error, so that a CI summary that keeps only the end of the
              // output still says why (ANSI colours removed).
              const error = (t.results ?? []).map((r) => r.error?.message).find(Boolean) ?? "";
              const lines = error.replace(/\u001b\[[0-9;]*m/g, "").split("\n").filter((l) => l.trim());
              list.push(...lines.slice(0, 8).map((l) => "    " + l.slice(0, 300)));
            }
        for (const child of suite.suites ?? []) walk(child);
      };
      r.suites.forEach(walk);
    }
  }
  if (failed.length) console.log(["Failing tests:", ...failed.map((f) => "  " + f)].join("\n") + "\n");
  if (flaky.length) console.log(["Flaky tests (failed once, passed on the retry):", ...flaky.map((f) => "  " + f)].join("\n") + "\n");
  // What the e2e servers logged as errors (tests/e2e/support/serve.ts keeps their logs): a 500 page
  // says nothing more than "Si è verificato un errore".
  if (failed.some((f) => f.startsWith("e2e"))) {
    for (const name of fs.readdirSync("tests/.tmp").filter((n) => /^e2e-server-.*\.log$/.test(n))) {
      const errors = fs.readFileSync("tests/.tmp/" + name, "utf8").split("\n")
        .filter((l) => /"level":"(error|fatal)"/.test(l));
      if (errors.length === 0) continue;
      console.log(`Errors logged by ${name} (${errors.length}, the last 10):`);
      for (const l of errors.slice(-10)) console.log("  " + l.slice(0, 600));
      console.log("");
    }
  }
' "$RESULTS"/*.json || true
# Each failed e2e test's last 30 seconds in the browser, from the trace Playwright kept (actions step by
# step, requests and their answers, console and page errors): in CI, the trace of its retry (ADR 0099).
if compgen -G "$RESULTS/e2e*.json" >/dev/null; then
  npx --no -- tsx scripts/e2e-failure-trace.ts "$RESULTS"/e2e*.json || true
fi
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
[ "$TOTAL_FAILED" = "0" ]
