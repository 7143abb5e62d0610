#!/usr/bin/env bash
# Runs every enrolment burst scenario and prints one Markdown table row each:
# SQLite and PostgreSQL (durable throwaway server), domain function (no HTTP) and HTTP
# (one instance; two on PostgreSQL), 5,000 teachers for 350 seats, 50 connections; then the
# browser's journey (POST + the page it redirects to, and a refused retry) with 1 and N workers.
#   bash bench/run-enrolment-bench.sh            (builds first; SKIP_BUILD=1 reuses ./build)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export FORMA_PG_PORT="${FORMA_BENCH_PG_PORT:-54360}"
[ "${SKIP_BUILD:-}" = "1" ] || npx --no -- remix vite:build >/dev/null
PG_URL="$(FORMA_PG_DURABLE=1 bash scripts/throwaway-postgres.sh start)"
trap 'bash scripts/throwaway-postgres.sh stop' EXIT

echo "machine: $(nproc) cores, $(free -h | awk '/Mem:/ {print $2}') RAM, node $(node --version), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
run() { npx --no -- tsx bench/enrolment-burst.ts "$@" 2>/dev/null | grep -E '^\| (sqlite|postgresql) ' || true; }
echo "| engine | mode | enrolments/s | p50 ms | p95 ms | p99 ms | errors | enrolled | waitlisted | positions 1..N, no gaps |"
echo "|---|---|---|---|---|---|---|---|---|---|"
run --engine sqlite --no-http
run --engine sqlite --workers 1
run --engine postgresql --pg-url "$PG_URL" --no-http
run --engine postgresql --pg-url "$PG_URL" --workers 1
run --engine postgresql --pg-url "$PG_URL" --instances 2 --workers 1
# As a browser lives it (POST, then the page it redirects to; then a refused second try), with one
# worker and with one worker per core (npm start's default).
run --engine sqlite --journey --workers 1
run --engine sqlite --journey
run --engine postgresql --pg-url "$PG_URL" --journey --workers 1
run --engine postgresql --pg-url "$PG_URL" --journey
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
