#!/usr/bin/env bash
# Runs every enrolment burst scenario and prints one Markdown table row each:
# SQLite and PostgreSQL (durable throwaway server), domain function (no HTTP) and HTTP
# (one instance; two on PostgreSQL), 5,000 teachers for 350 seats, 50 connections; right after
# Forma's HTTP burst, the same burst against the bare floor (bench/enrolment-floor.ts: plain
# node:http, the session lookup and the same seat transaction) and a `Forma / floor` row per
# engine; then, all warmed up, the floor again and its work in one Remix action (behind node:http,
# then Express): the framework's own share of the distance; then the browser's journey (POST + the page it redirects to; then three refusals, each a 409 with the
# page: already enrolled, not eligible (another region's edition), enrolments closed) with
# 1 and N workers, for a browser running the page's JavaScript (--client js: the action's data,
# then the next page's data; a refusal is the 409 action data) and for one without (the form's
# POST, then the document); Forma's HTTP burst warmed up against the same floor; then the JavaScript
# journey on both engines again with every worker warmed up first (--warmup: BENCH_WARMUP other teachers' journeys and refusals, default 3000, not counted;
# ADR 0066). After the table, each server's peak and current RSS (memory: lines).
#   bash bench/run-enrolment-bench.sh            (builds first; SKIP_BUILD=1 reuses ./build)
# BENCH_SCENARIOS=ratios runs the Forma / floor rows alone (see below).
# BENCH_TEACHERS (default 5000) and BENCH_SEATS (350) size every run, e.g. for a quick check;
# BENCH_HTTP_PORT (default 3700; two instances use it and the next) for the servers,
# FORMA_BENCH_PG_PORT (default 54360) for the throwaway PostgreSQL.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export FORMA_PG_PORT="${FORMA_BENCH_PG_PORT:-54360}"
[ "${SKIP_BUILD:-}" = "1" ] || npx --no -- remix vite:build >/dev/null
PG_URL="$(FORMA_PG_DURABLE=1 bash scripts/throwaway-postgres.sh start)"
MEMORY_FILE="$(mktemp)"
CPU_FILE="$(mktemp)"
trap 'bash scripts/throwaway-postgres.sh stop; rm -f "$MEMORY_FILE" "$CPU_FILE"' EXIT
SIZE=(--teachers "${BENCH_TEACHERS:-5000}" --seats "${BENCH_SEATS:-350}" --port "${BENCH_HTTP_PORT:-3700}")

echo "machine: $(nproc) cores, $(free -h | awk '/Mem:/ {print $2}') RAM, node $(node --version), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# One scenario: prints its table row(s); keeps its memory: lines for the end (in a file: the
# ratio rows call this in a subshell).
run() {
  local out
  out="$(npx --no -- tsx bench/enrolment-burst.ts "${SIZE[@]}" "$@" 2>/dev/null || true)"
  grep -E '^\| (sqlite|postgresql) ' <<<"$out" || true
  grep -E '^memory: ' <<<"$out" >>"$MEMORY_FILE" || true
  grep -E '^server CPU ms per request: ' <<<"$out" >>"$CPU_FILE" || true
}
# The enrolments/s cell of a row (4th column).
rate() { awk -F'|' 'NR == 1 { gsub(/ /, "", $4); print $4 }' <<<"$1"; }
# The server CPU ms per enrol POST of the last run (its "enrol POST: 1.63" line).
post_cpu() { grep -E 'enrol POST: ' "$CPU_FILE" | tail -n 1 | awk '{ print $NF }'; }
# The same ratio by server CPU per POST (the floor's ms ÷ Forma's): what the rate ratio would be if
# both were bounded by their own server's CPU. The floor on one core is bounded by the load generator
# on the other (0.46 ms per POST at 1,620/s is 0.75 of a core), so its rate ratio understates this.
cpu_ratio_row() {
  local engine="$1" label="$2" forma_ms="$3" floor_ms="$4" name="${5:-Forma}"
  if [[ "$forma_ms" =~ ^[0-9.]+$ && "$floor_ms" =~ ^[0-9.]+$ ]]; then
    echo "| $engine | **$label by CPU per POST** (floor $floor_ms ms ÷ $name $forma_ms ms) | **$(awk -v a="$floor_ms" -v b="$forma_ms" 'BEGIN { printf "%.2f", a / b }')** | | | | | | | |"
  fi
}
# Forma's HTTP burst (one worker) and the floor's, one after the other, then their ratio.
versus_floor() {
  local engine="$1" forma floor
  shift
  forma="$(run --engine "$engine" "$@" --workers 1)"
  echo "$forma"
  local forma_ms
  forma_ms="$(post_cpu)"
  floor="$(run --engine "$engine" "$@" --floor)"
  echo "$floor"
  FLOOR_MS="$(post_cpu)"
  local a b
  a="$(rate "$forma")"
  b="$(rate "$floor")"
  FLOOR_RATE="$b"
  if [[ "$a" =~ ^[0-9]+$ && "$b" =~ ^[0-9]+$ && "$b" != "0" ]]; then
    echo "| $engine | **Forma / floor** (HTTP, 1 worker ÷ bare node:http) | **$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')** | | | | | | | |"
    cpu_ratio_row "$engine" "Forma / floor" "$forma_ms" "$FLOOR_MS"
  else
    echo "| $engine | **Forma / floor** | – (a run failed: Forma $a, floor $b) | | | | | | | |"
  fi
}
# Forma's HTTP burst (one worker) warmed up first (BENCH_WARMUP other teachers' POSTs, not counted),
# against the floor just measured by versus_floor (its request path is a few functions, compiled in
# its first milliseconds): the steady state's ratio (ADR 0066).
versus_floor_warmed() {
  local engine="$1" forma a
  shift
  forma="$(run --engine "$engine" "$@" --workers 1 --warmup "${BENCH_WARMUP:-3000}")"
  echo "$forma"
  a="$(rate "$forma")"
  FORMA_WARM_RATE="$a"
  FORMA_WARM_MS="$(post_cpu)"
  if [[ "$a" =~ ^[0-9]+$ && "${FLOOR_RATE:-}" =~ ^[0-9]+$ && "$FLOOR_RATE" != "0" ]]; then
    echo "| $engine | **Forma warmed / floor** (HTTP, 1 worker warmed ÷ bare node:http above) | **$(awk -v a="$a" -v b="$FLOOR_RATE" 'BEGIN { printf "%.2f", a / b }')** | | | | | | | |"
    cpu_ratio_row "$engine" "Forma warmed / floor" "$(post_cpu)" "${FLOOR_MS:-}"
  else
    echo "| $engine | **Forma warmed / floor** | – (a run failed: Forma $a, floor ${FLOOR_RATE:-}) | | | | | | | |"
  fi
}
# Everything warmed up alike (BENCH_WARMUP other teachers' POSTs first, not counted): the bare floor
# again, then the floor's work carried by the framework alone (bench/lib/remix-floor.ts: one Remix
# action behind plain node:http, then behind Express), each set against that warmed floor, as is the
# warmed Forma measured just before by versus_floor_warmed (FORMA_WARM_RATE, FORMA_WARM_MS). What the
# Remix floors cost over the bare floor is the framework's own share of the distance; what Forma costs
# over them, its application's (validation, rate limit, eligibility reads, security headers, request
# log). The warm-up also speeds the bare floor up (its database file and WAL are grown by then).
# One server's ratio to the warmed floor, by rate and by CPU per POST:
# warmed_ratio_rows ENGINE LABEL RATE CPU_MS FLOOR_RATE FLOOR_MS
warmed_ratio_rows() {
  local engine="$1" label="$2" rate_a="$3" ms_a="$4" floor_rate="$5" floor_ms="$6"
  if [[ "$rate_a" =~ ^[0-9]+$ && "$floor_rate" =~ ^[0-9]+$ && "$floor_rate" != "0" ]]; then
    echo "| $engine | **$label / floor, all warmed** ($label ÷ bare node:http, both warmed) | **$(awk -v a="$rate_a" -v b="$floor_rate" 'BEGIN { printf "%.2f", a / b }')** | | | | | | | |"
    cpu_ratio_row "$engine" "$label / floor, all warmed," "$ms_a" "$floor_ms" "$label"
  else
    echo "| $engine | **$label / floor, all warmed** | – (a run failed: $rate_a, floor $floor_rate) | | | | | | | |"
  fi
}
framework_floors() {
  local engine="$1" framework row floor_rate floor_ms label
  shift
  row="$(run --engine "$engine" "$@" --floor --warmup "${BENCH_WARMUP:-3000}")"
  echo "$row"
  floor_rate="$(rate "$row")"
  floor_ms="$(post_cpu)"
  warmed_ratio_rows "$engine" "Forma" "${FORMA_WARM_RATE:-}" "${FORMA_WARM_MS:-}" "$floor_rate" "$floor_ms"
  for framework in remix express-remix; do
    row="$(run --engine "$engine" "$@" --floor --floor-framework "$framework" --warmup "${BENCH_WARMUP:-3000}")"
    echo "$row"
    label="Remix alone"
    [ "$framework" = "express-remix" ] && label="Remix behind Express"
    warmed_ratio_rows "$engine" "$label" "$(rate "$row")" "$(post_cpu)" "$floor_rate" "$floor_ms"
  done
}
echo "| engine | mode | enrolments/s | p50 ms | p95 ms | p99 ms | errors | enrolled | waitlisted | positions 1..N, no gaps |"
echo "|---|---|---|---|---|---|---|---|---|---|"
# BENCH_SCENARIOS=ratios: only Forma against the floor on each engine, cold and warmed (the issue 17
# figures), about a third of the whole run, e.g. after a change on the enrolment path.
if [ "${BENCH_SCENARIOS:-all}" = "ratios" ]; then
  versus_floor sqlite
  versus_floor_warmed sqlite
  versus_floor postgresql --pg-url "$PG_URL"
  versus_floor_warmed postgresql --pg-url "$PG_URL"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
run --engine sqlite --no-http
versus_floor sqlite
versus_floor_warmed sqlite
framework_floors sqlite
run --engine postgresql --pg-url "$PG_URL" --no-http
versus_floor postgresql --pg-url "$PG_URL"
versus_floor_warmed postgresql --pg-url "$PG_URL"
framework_floors postgresql --pg-url "$PG_URL"
run --engine postgresql --pg-url "$PG_URL" --instances 2 --workers 1
# As a browser lives it (POST, then the page it redirects to; then a refused second try), with one
# worker and with one worker per core (npm start's default).
for client in js html; do
  run --engine sqlite --journey --client "$client" --workers 1
  run --engine sqlite --journey --client "$client"
  run --engine postgresql --pg-url "$PG_URL" --journey --client "$client" --workers 1
  run --engine postgresql --pg-url "$PG_URL" --journey --client "$client"
done
# A burst on a fresh server split over N workers pays N compilations of the request path (ADR 0066);
# each worker's own anonymous warm-up (ADR 0069, on by default) compiles the shared part of it before it
# listens, not the signed-in part. The same journey once every worker has served others first:
run --engine sqlite --journey --client js --workers 1 --warmup "${BENCH_WARMUP:-3000}"
run --engine sqlite --journey --client js --warmup "${BENCH_WARMUP:-3000}"
run --engine postgresql --pg-url "$PG_URL" --journey --client js --workers 1 --warmup "${BENCH_WARMUP:-3000}"
run --engine postgresql --pg-url "$PG_URL" --journey --client js --warmup "${BENCH_WARMUP:-3000}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Server memory (RSS per process, MB: peak VmHWM over the run, and now, just before it stopped):"
cat "$MEMORY_FILE"
echo
echo "Server CPU per request (ms, every server process, user + system, over each phase):"
cat "$CPU_FILE"
