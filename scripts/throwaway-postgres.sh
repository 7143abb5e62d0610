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
# A streaming read replica of that running server (DATABASE_REPLICA_URL, docs/decisions/0017-read-replica.md):
#   scripts/throwaway-postgres.sh replica-start   -> pg_basebackup -R into its own data directory,
#                                                    hot standby on FORMA_PG_REPLICA_PORT (default
#                                                    FORMA_PG_PORT + 1): prints its URL (read-only)
#   scripts/throwaway-postgres.sh replica-stop | replica-halt | replica-resume   (as stop, halt, resume)
# FORMA_PG_REPLICA_DIR chooses the replica's state directory.
set -euo pipefail

PGPORT="${FORMA_PG_PORT:-54329}"
# Tests trade durability for speed; benchmarks set FORMA_PG_DURABLE=1 to measure a real setup.
if [ "${FORMA_PG_DURABLE:-}" = "1" ]; then
  DURABILITY=""
else
  DURABILITY="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
STATE_DIR="${FORMA_PG_DIR:-/tmp/forma-postgres-$PGPORT}"
REPLICA_PORT="${FORMA_PG_REPLICA_PORT:-$((PGPORT + 1))}"
REPLICA_DIR="${FORMA_PG_REPLICA_DIR:-/tmp/forma-postgres-replica-$REPLICA_PORT}"

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

# Starts a server on an existing data directory: start_server BIN [STATE_DIR PORT EXTRA_OPTIONS].
start_server() {
  local dir="${2:-$STATE_DIR}" port="${3:-$PGPORT}"
  as_postgres "$1/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 $DURABILITY ${4:-}" \
    start >/dev/null
}

# A hot standby must allow at least as many connections as its primary (300 above);
# hot_standby_feedback keeps the primary from removing rows a long read on the replica still needs.
start_replica() {
  start_server "$1" "$REPLICA_DIR" "$REPLICA_PORT" "-c hot_standby=on -c hot_standby_feedback=on"
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
  replica-start)
    BIN="$(find_bin)"
    if [ -f "$REPLICA_DIR/data/postmaster.pid" ] && as_postgres "$BIN/pg_ctl" -D "$REPLICA_DIR/data" status >/dev/null 2>&1; then
      echo "postgresql://postgres@127.0.0.1:$REPLICA_PORT/forma"
      exit 0
    fi
    WAL_LEVEL="$(as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -Atc "SHOW wal_level")" || {
      echo "no server answers on 127.0.0.1:$PGPORT: run \`$0 start\` first" >&2
      exit 1
    }
    if [ "$WAL_LEVEL" = "minimal" ]; then
      echo "the primary runs with wal_level=minimal: a replica needs wal_level=replica" >&2
      exit 1
    fi
    rm -rf "$REPLICA_DIR"
    mkdir -p "$REPLICA_DIR"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$REPLICA_DIR"
    # -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby.
    as_postgres "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PGPORT" -U postgres -D "$REPLICA_DIR/data" -R -X stream -c fast >/dev/null
    start_replica "$BIN"
    echo "postgresql://postgres@127.0.0.1:$REPLICA_PORT/forma"
    ;;
  replica-stop)
    if BIN="$(find_bin)" && [ -d "$REPLICA_DIR/data" ]; then
      as_postgres "$BIN/pg_ctl" -D "$REPLICA_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$REPLICA_DIR"
    ;;
  replica-halt)
    BIN="$(find_bin)"
    as_postgres "$BIN/pg_ctl" -D "$REPLICA_DIR/data" -m fast -w stop >/dev/null
    ;;
  replica-resume)
    start_replica "$(find_bin)"
    ;;
  *)
    echo "usage: $0 start|stop|restart|halt|resume|replica-start|replica-stop|replica-halt|replica-resume" >&2
    exit 2
    ;;
esac
