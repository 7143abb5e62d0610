#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL server for tests and benchmarks:
# Debian's PostgreSQL binaries, run as the `postgres` user, data in a temporary directory,
# listening on 127.0.0.1 only. Installs the server package if it is missing.
#   scripts/throwaway-postgres.sh start   -> prints the DATABASE_URL to use (database "forma")
#   scripts/throwaway-postgres.sh stop    -> stops it and deletes its data
#   scripts/throwaway-postgres.sh restart -> fast restart, data kept (fault-injection tests)
#   scripts/throwaway-postgres.sh halt    -> fast shutdown, data kept; `resume` starts it again
# FORMA_PG_PORT chooses the port (default 54329); FORMA_PG_DURABLE=1 keeps fsync and
# synchronous commits on (benchmarks), otherwise they are off (tests).
set -euo pipefail

PGPORT="${FORMA_PG_PORT:-54329}"
# Tests trade durability for speed; benchmarks set FORMA_PG_DURABLE=1 to measure a real setup.
if [ "${FORMA_PG_DURABLE:-}" = "1" ]; then
  DURABILITY=""
else
  DURABILITY="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
STATE_DIR="${FORMA_PG_DIR:-/tmp/forma-postgres-$PGPORT}"

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_installed() {
  if ! find_bin >/dev/null; then
    echo "PostgreSQL server binaries not found: installing Debian's postgresql package" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Starts the server on an existing data directory.
start_server() {
  as_postgres "$1/pg_ctl" -D "$STATE_DIR/data" -l "$STATE_DIR/server.log" -w \
    -o "-p $PGPORT -k $STATE_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 $DURABILITY" \
    start >/dev/null
}

case "${1:-}" in
  start)
    ensure_installed
    BIN="$(find_bin)"
    if [ -f "$STATE_DIR/data/postmaster.pid" ] && as_postgres "$BIN/pg_ctl" -D "$STATE_DIR/data" status >/dev/null 2>&1; then
      echo "postgresql://postgres@127.0.0.1:$PGPORT/forma"
      exit 0
    fi
    rm -rf "$STATE_DIR"
    mkdir -p "$STATE_DIR"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$STATE_DIR"
    as_postgres "$BIN/initdb" -D "$STATE_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    start_server "$BIN"
    as_postgres "$BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres forma
    echo "postgresql://postgres@127.0.0.1:$PGPORT/forma"
    ;;
  stop)
    if BIN="$(find_bin)" && [ -d "$STATE_DIR/data" ]; then
      as_postgres "$BIN/pg_ctl" -D "$STATE_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$STATE_DIR"
    ;;
  restart)
    BIN="$(find_bin)"
    as_postgres "$BIN/pg_ctl" -D "$STATE_DIR/data" -m fast -w stop >/dev/null
    start_server "$BIN"
    ;;
  halt)
    BIN="$(find_bin)"
    as_postgres "$BIN/pg_ctl" -D "$STATE_DIR/data" -m fast -w stop >/dev/null
    ;;
  resume)
    start_server "$(find_bin)"
    ;;
  *)
    echo "usage: $0 start|stop|restart|halt|resume" >&2
    exit 2
    ;;
esac
