#!/usr/bin/env bash
# Catalogue benchmark from scratch: a fresh database, migrations, scale data (seed 42:
# 100,000 teachers, 10,000 events), a production build, the server on 127.0.0.1, then
# bench/catalogue.mjs. Results go to stdout; copy them to docs/performance.md.
#   bash bench/run-catalogue-bench.sh sqlite
#   bash bench/run-catalogue-bench.sh postgresql     (starts scripts/throwaway-postgres.sh if needed)
# Environment: BENCH_PORT (default 3400), SKIP_BUILD=1 to reuse ./build, BENCH_* as in bench/catalogue.mjs,
# BENCH_TEACHERS / BENCH_EVENTS to size the scale data (default 100000 / 10000; smaller for a quick check),
# FORMA_PG_PORT / FORMA_PG_DIR as in scripts/throwaway-postgres.sh (the PostgreSQL run also reports
# the database server's CPU time per request: use a throwaway server of your own);
# BENCH_REPLICA=1 (PostgreSQL): a streaming replica of it (scripts/throwaway-postgres.sh replica-start, on
# FORMA_PG_PORT + 1) as DATABASE_REPLICA_URL, so the catalogue is read there (ADR 0017); the
# database CPU column then counts both servers.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
ENGINE="${1:-sqlite}"
PORT="${BENCH_PORT:-3400}"
TMP="$ROOT/bench/.tmp"
mkdir -p "$TMP"

case "$ENGINE" in
  sqlite)
    DB_FILE="$TMP/catalogue-bench.db"
    rm -f "$DB_FILE" "$DB_FILE-wal" "$DB_FILE-shm" "$DB_FILE-journal"
    DATABASE_URL="file:$DB_FILE"
    ;;
  postgresql)
    SERVER_URL="$(bash scripts/throwaway-postgres.sh start | tail -n 1)"
    DB_NAME="forma_bench_catalogue"
    psql "$SERVER_URL" -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" -c "CREATE DATABASE $DB_NAME"
    DATABASE_URL="${SERVER_URL%/*}/$DB_NAME"
    # The postmaster's pid, so the benchmark also reports the database's CPU time per request.
    PG_DATA_DIR="${FORMA_PG_DIR:-/tmp/forma-postgres-${FORMA_PG_PORT:-54329}}/data"
    if [ -f "$PG_DATA_DIR/postmaster.pid" ]; then export BENCH_DB_PID="$(head -n 1 "$PG_DATA_DIR/postmaster.pid")"; fi
    ;;
  *)
    echo "usage: $0 sqlite|postgresql" >&2
    exit 2
    ;;
esac
export DATABASE_URL
echo "== database: $DATABASE_URL"

echo "== migrate"
node node_modules/prisma/build/index.js migrate deploy >/dev/null

echo "== scale data"
npx tsx scripts/generate-scale-data.ts --seed 42 --teachers "${BENCH_TEACHERS:-100000}" --events "${BENCH_EVENTS:-10000}" --from 2026-09-01

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== build"
  npx remix vite:build >/dev/null
fi

if [ "${BENCH_REPLICA:-}" = "1" ] && [ "$ENGINE" = "postgresql" ]; then
  echo "== read replica (pg_basebackup of the loaded server)"
  bash scripts/throwaway-postgres.sh replica-stop
  REPLICA_SERVER_URL="$(bash scripts/throwaway-postgres.sh replica-start | tail -n 1)"
  export DATABASE_REPLICA_URL="${REPLICA_SERVER_URL%/*}/$DB_NAME"
  REPLICA_PORT="${FORMA_PG_REPLICA_PORT:-$((${FORMA_PG_PORT:-54329} + 1))}"
  REPLICA_DATA_DIR="${FORMA_PG_REPLICA_DIR:-/tmp/forma-postgres-replica-$REPLICA_PORT}/data"
  if [ -n "${BENCH_DB_PID:-}" ] && [ -f "$REPLICA_DATA_DIR/postmaster.pid" ]; then
    export BENCH_DB_PID="$BENCH_DB_PID,$(head -n 1 "$REPLICA_DATA_DIR/postmaster.pid")"
  fi
  echo "== replica: $DATABASE_REPLICA_URL"
fi

echo "== server on 127.0.0.1:$PORT"
LOG="$TMP/server-$ENGINE.log"
PORT="$PORT" HOST=127.0.0.1 NODE_ENV=production \
  SESSION_SECRET="bench-only-secret-$(date +%s)-0123456789abcdef" \
  COOKIE_SECURE=false \
  node server.js >"$LOG" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; [ -z "${DATABASE_REPLICA_URL:-}" ] || bash scripts/throwaway-postgres.sh replica-stop' EXIT
for _ in $(seq 1 60); do
  if curl -fs -o /dev/null "http://127.0.0.1:$PORT/eventi"; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$LOG" >&2; exit 1; fi
  sleep 0.5
done

echo "== machine: $(nproc) CPUs, node $(node --version), $(free -h | awk '/^Mem:/ {print $2 " RAM"}'), engine $ENGINE"
BENCH_URL="http://127.0.0.1:$PORT" BENCH_SERVER_PID="$SERVER_PID" node bench/catalogue.mjs
