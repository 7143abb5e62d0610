#!/usr/bin/env bash
# Catalogue benchmark from scratch: a fresh database, migrations, scale data (seed 42:
# 100,000 teachers, 10,000 events), a production build, the server on 127.0.0.1, then
# bench/catalogue.mjs. Results go to stdout; copy them to docs/performance.md.
#   bash bench/run-catalogue-bench.sh sqlite
#   bash bench/run-catalogue-bench.sh postgresql     (starts scripts/throwaway-postgres.sh if needed and leaves it
#                                                   running with its data, for BENCH_REUSE_DATA=1; `bash
#                                                   scripts/throwaway-postgres.sh stop` ends it and deletes the data)
# Environment: BENCH_PORT (default 3400), SKIP_BUILD=1 to reuse ./build, BENCH_* as in bench/catalogue.mjs,
# BENCH_TEACHERS / BENCH_EVENTS to size the scale data (default 100000 / 10000; smaller for a quick check),
# FORMA_PG_PORT / FORMA_PG_DIR as in scripts/throwaway-postgres.sh (the PostgreSQL run also reports
# the database server's CPU time per request: use a throwaway server of your own);
# BENCH_REPLICA=1 (PostgreSQL): a streaming replica of it (scripts/throwaway-postgres.sh replica-start, on
# FORMA_PG_PORT + 1) as DATABASE_REPLICA_URL, so the catalogue is read there (ADR 0017); the
# database CPU column then counts both servers.
# BENCH_CACHE=nginx: the same run through Debian's nginx on BENCH_PORT + 1 with a 30-second shared cache
# for anonymous pages (proxy_cache honouring the app's Cache-Control and Vary), the configuration the
# README's deployment section describes. Its figures are the cache's, reported apart from the target:
# nginx shares the two cores, the server CPU column counts Forma's processes only, and the run ends
# with nginx's hit/miss counts.
# BENCH_NODE_FLAGS: flags for the server's node (the workers inherit them), e.g. "--single-threaded-gc", to try V8
# options without editing server.js. FORMA_WARMUP_REQUESTS (ADR 0067) passes through like any environment variable.
# BENCH_FLOOR=0: no bare floor after Forma's scenarios (bench/catalogue-floor.ts; on by default, ~30 s more).
# BENCH_REUSE_DATA=1: keep the database of the previous run of the same engine (it still gets any new
# migration) instead of generating the scale data again (about 80 s of two cores). Comparisons of
# code changes can share one data set; a figure for docs/performance.md starts from fresh data.
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
    if [ "${BENCH_REUSE_DATA:-}" = "1" ] && [ -f "$DB_FILE" ]; then REUSING=1; else
      REUSING=""
      rm -f "$DB_FILE" "$DB_FILE-wal" "$DB_FILE-shm" "$DB_FILE-journal"
    fi
    DATABASE_URL="file:$DB_FILE"
    ;;
  postgresql)
    SERVER_URL="$(bash scripts/throwaway-postgres.sh start | tail -n 1)"
    DB_NAME="forma_bench_catalogue"
    if [ "${BENCH_REUSE_DATA:-}" = "1" ] &&
      [ "$(psql "$SERVER_URL" -tA -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" = "1" ]; then REUSING=1; else
      REUSING=""
      psql "$SERVER_URL" -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" -c "CREATE DATABASE $DB_NAME"
    fi
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
node scripts/migrate-deploy.mjs >/dev/null

if [ -n "$REUSING" ]; then
  echo "== scale data: reusing the previous run's (BENCH_REUSE_DATA=1)"
else
  echo "== scale data"
  npx tsx scripts/generate-scale-data.ts --seed 42 --teachers "${BENCH_TEACHERS:-100000}" --events "${BENCH_EVENTS:-10000}" --from 2026-09-01
fi

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

# Waits (at most 30 s) until the server on port $1 (pid $2) answers /eventi; if it dies, prints its log ($3) and stops.
wait_for_catalogue() {
  for _ in $(seq 1 60); do
    if curl -fs -o /dev/null "http://127.0.0.1:$1/eventi"; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then cat "$3" >&2; exit 1; fi
    sleep 0.5
  done
}

echo "== server on 127.0.0.1:$PORT"
LOG="$TMP/server-$ENGINE.log"
PORT="$PORT" HOST=127.0.0.1 NODE_ENV=production \
  SESSION_SECRET="bench-only-secret-$(date +%s)-0123456789abcdef" \
  COOKIE_SECURE=false \
  node ${BENCH_NODE_FLAGS:-} server.js >"$LOG" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; [ -z "${DATABASE_REPLICA_URL:-}" ] || bash scripts/throwaway-postgres.sh replica-stop' EXIT
wait_for_catalogue "$PORT" "$SERVER_PID" "$LOG"

# The dashboard's summary job (ADR 0021) rebuilds at start when the summary is missing or older than its
# interval (always after fresh scale data): seconds of one worker's CPU on national data (9.8 s wall under load
# 30 on PostgreSQL), which the first scenario's server CPU per request would include. Wait until a worker has
# built it or found it fresh (at most 2 minutes: a lease left by a killed server makes every worker skip it).
echo "== waiting for the start-up rebuild of the dashboard summary"
for _ in $(seq 1 240); do
  if grep -qE '"job":"cruscotto".*("generation"|"skipped":"fresh")' "$LOG"; then break; fi
  sleep 0.5
done
grep -qE '"job":"cruscotto".*("generation"|"skipped":"fresh")' "$LOG" ||
  echo "warning: the dashboard summary was not rebuilt within 2 minutes; the first scenario may include it" >&2

BENCH_TARGET="http://127.0.0.1:$PORT"
if [ "${BENCH_CACHE:-}" = "nginx" ]; then
  NGINX="${FORMA_NGINX:-/usr/sbin/nginx}"
  [ -x "$NGINX" ] || { echo "BENCH_CACHE=nginx needs nginx at $NGINX (apt-get install nginx)" >&2; exit 1; }
  NGINX_DIR="$TMP/nginx-cache"
  NGINX_PORT=$((PORT + 1))
  rm -rf "$NGINX_DIR" && mkdir -p "$NGINX_DIR/cache" && chmod -R 0777 "$NGINX_DIR"
  cat >"$NGINX_DIR/nginx.conf" <<NGINX_CONF
daemon off;
worker_processes 1;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 1024; }
http {
  log_format cache '\$upstream_cache_status';
  access_log $NGINX_DIR/access.log cache;
  client_body_temp_path $NGINX_DIR/client_body;
  proxy_temp_path $NGINX_DIR/proxy;
  fastcgi_temp_path $NGINX_DIR/fastcgi;
  uwsgi_temp_path $NGINX_DIR/uwsgi;
  scgi_temp_path $NGINX_DIR/scgi;
  client_max_body_size 6m;
  # The shared cache for anonymous pages: Forma answers Cache-Control: public, max-age=30,
  # stale-while-revalidate=60 (and Vary: Cookie) to visitors without a session, private, no-store
  # to anyone signed in. nginx honours both; a request carrying the session cookie never reads it.
  proxy_cache_path $NGINX_DIR/cache levels=1:2 keys_zone=forma_pages:10m max_size=256m inactive=2m use_temp_path=off;
  upstream forma_backend { server 127.0.0.1:$PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://forma_backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_cache forma_pages;
      proxy_cache_bypass \$cookie_forma_session;
      proxy_no_cache \$cookie_forma_session;
      proxy_cache_lock on;
      proxy_cache_use_stale updating error timeout;
      proxy_cache_background_update on;
    }
  }
}
NGINX_CONF
  "$NGINX" -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" &
  NGINX_PID=$!
  trap 'kill -QUIT "$NGINX_PID" 2>/dev/null || true; kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; [ -z "${DATABASE_REPLICA_URL:-}" ] || bash scripts/throwaway-postgres.sh replica-stop' EXIT
  for _ in $(seq 1 40); do
    if curl -fs -o /dev/null "http://127.0.0.1:$NGINX_PORT/eventi"; then break; fi
    sleep 0.25
  done
  BENCH_TARGET="http://127.0.0.1:$NGINX_PORT"
  echo "== nginx shared cache on $BENCH_TARGET (figures below are the cache's, not the target's)"
fi

echo "== machine: $(nproc) CPUs, node $(node --version), $(free -h | awk '/^Mem:/ {print $2 " RAM"}'), engine $ENGINE"
BENCH_URL="$BENCH_TARGET" BENCH_SERVER_PID="$SERVER_PID" node bench/catalogue.mjs | tee "$TMP/catalogue-$ENGINE.out"
if [ -n "${NGINX_DIR:-}" ]; then
  echo "nginx cache statuses over the whole run (HIT, MISS, EXPIRED, STALE, UPDATING, BYPASS; '-' = not cacheable):"
  sort "$NGINX_DIR/access.log" | uniq -c | sort -rn
fi

# The bare floor in the same run (bench/catalogue-floor.ts: the same searches through Forma's own searchCatalogue
# and a plain HTML string on node:http, one process per core), for the search scenarios asked for: what this
# machine does at this moment without the framework, so that the figures above can be read against it (this
# machine's speed moves by a quarter within minutes). Forma is stopped first. BENCH_FLOOR=0 skips it; not with
# BENCH_CACHE (those figures are the cache's).
FLOOR_SCENARIOS=""
for scenario in catalogue-search-mix catalogue-search-mix-paced; do
  if [ -z "${BENCH_ONLY:-}" ] || [[ ",$BENCH_ONLY," == *",$scenario,"* ]]; then
    FLOOR_SCENARIOS="${FLOOR_SCENARIOS:+$FLOOR_SCENARIOS,}$scenario"
  fi
done
if [ "${BENCH_FLOOR:-1}" != "0" ] && [ -z "${NGINX_DIR:-}" ] && [ -n "$FLOOR_SCENARIOS" ]; then
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  FLOOR_PORT=$((PORT + 2))
  echo "== bare floor on 127.0.0.1:$FLOOR_PORT (bench/catalogue-floor.ts): $FLOOR_SCENARIOS"
  PORT="$FLOOR_PORT" HOST=127.0.0.1 NODE_ENV=production node --import tsx bench/catalogue-floor.ts >"$TMP/floor-$ENGINE.log" 2>&1 &
  FLOOR_PID=$!
  trap 'kill "$FLOOR_PID" 2>/dev/null || true; kill "$SERVER_PID" 2>/dev/null || true; wait 2>/dev/null || true; [ -z "${DATABASE_REPLICA_URL:-}" ] || bash scripts/throwaway-postgres.sh replica-stop' EXIT
  wait_for_catalogue "$FLOOR_PORT" "$FLOOR_PID" "$TMP/floor-$ENGINE.log"
  BENCH_URL="http://127.0.0.1:$FLOOR_PORT" BENCH_SERVER_PID="$FLOOR_PID" BENCH_ONLY="$FLOOR_SCENARIOS" BENCH_IDLE_SECONDS=0 \
    node bench/catalogue.mjs | tee "$TMP/floor-$ENGINE.out"
  echo
  echo "Forma against the bare floor, same run (1 = no cost above it):"
  node bench/lib/catalogue-floor-ratio.mjs "$TMP/catalogue-$ENGINE.out" "$TMP/floor-$ENGINE.out"
fi
