#!/usr/bin/env bash
# A streaming read replica of a throwaway PostgreSQL (scripts/throwaway-postgres.sh), for tests
# and benchmarks of DATABASE_REPLICA_URL (docs/decisions/0017-read-replica.md): Debian's
# PostgreSQL binaries, run as the `postgres` user, pg_basebackup -R from the primary into a
# temporary data directory, hot standby on its own port, 127.0.0.1 only.
#   scripts/throwaway-replica.sh start   -> prints the replica's URL (database "forma", read-only)
#   scripts/throwaway-replica.sh stop    -> stops it and deletes its data (the primary is untouched)
#   scripts/throwaway-replica.sh halt    -> fast shutdown, data kept; `resume` starts it again
# FORMA_PG_PORT names the primary's port (default 54329; it must be running: start it first with
# scripts/throwaway-postgres.sh), FORMA_PG_REPLICA_PORT the replica's (default primary + 1),
# FORMA_PG_REPLICA_DIR its state directory. FORMA_PG_DURABLE=1 as in throwaway-postgres.sh.
set -euo pipefail

PRIMARY_PORT="${FORMA_PG_PORT:-54329}"
REPLICA_PORT="${FORMA_PG_REPLICA_PORT:-$((PRIMARY_PORT + 1))}"
STATE_DIR="${FORMA_PG_REPLICA_DIR:-/tmp/forma-postgres-replica-$REPLICA_PORT}"
if [ "${FORMA_PG_DURABLE:-}" = "1" ]; then
  DURABILITY=""
else
  DURABILITY="-c fsync=off -c synchronous_commit=off"
fi

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_basebackup" ] && { echo "$dir"; return 0; }
  done
  echo "PostgreSQL server binaries not found: start the primary with scripts/throwaway-postgres.sh first" >&2
  return 1
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A hot standby must allow at least as many connections as its primary (throwaway-postgres.sh: 300);
# hot_standby_feedback keeps the primary from removing rows a long read on the replica still needs.
start_server() {
  as_postgres "$1/pg_ctl" -D "$STATE_DIR/data" -l "$STATE_DIR/server.log" -w \
    -o "-p $REPLICA_PORT -k $STATE_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c hot_standby=on -c hot_standby_feedback=on $DURABILITY" \
    start >/dev/null
}

case "${1:-}" in
  start)
    BIN="$(find_bin)"
    if [ -f "$STATE_DIR/data/postmaster.pid" ] && as_postgres "$BIN/pg_ctl" -D "$STATE_DIR/data" status >/dev/null 2>&1; then
      echo "postgresql://postgres@127.0.0.1:$REPLICA_PORT/forma"
      exit 0
    fi
    WAL_LEVEL="$(as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -Atc "SHOW wal_level")" || {
      echo "no primary answers on 127.0.0.1:$PRIMARY_PORT: start it with FORMA_PG_PORT=$PRIMARY_PORT scripts/throwaway-postgres.sh start" >&2
      exit 1
    }
    if [ "$WAL_LEVEL" = "minimal" ]; then
      echo "the primary runs with wal_level=minimal: a replica needs wal_level=replica" >&2
      exit 1
    fi
    rm -rf "$STATE_DIR"
    mkdir -p "$STATE_DIR"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$STATE_DIR"
    # -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby.
    as_postgres "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$STATE_DIR/data" \
      -R -X stream -c fast >/dev/null
    start_server "$BIN"
    echo "postgresql://postgres@127.0.0.1:$REPLICA_PORT/forma"
    ;;
  stop)
    if BIN="$(find_bin 2>/dev/null)" && [ -d "$STATE_DIR/data" ]; then
      as_postgres "$BIN/pg_ctl" -D "$STATE_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$STATE_DIR"
    ;;
  halt)
    BIN="$(find_bin)"
    as_postgres "$BIN/pg_ctl" -D "$STATE_DIR/data" -m fast -w stop >/dev/null
    ;;
  resume)
    start_server "$(find_bin)"
    ;;
  *)
    echo "usage: $0 start|stop|halt|resume" >&2
    exit 2
    ;;
esac
