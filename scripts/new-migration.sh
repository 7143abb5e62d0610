#!/usr/bin/env bash
# Creates a migration for both engines from the change to prisma/schema.prisma since a git revision.
#   scripts/new-migration.sh add_enrolments [REV]   (REV defaults to HEAD: the last committed schema)
# Needs the throwaway PostgreSQL for the PostgreSQL diff (it starts one if FORMA_PG_URL is unset).
# Both SQL files are written from schema to schema, so no database state is involved; review them.
# ADR 0112: an index the PostgreSQL migration builds on a table that already exists moves to a migration of its
# own on both engines (NAME_index_<index>), `CREATE INDEX CONCURRENTLY IF NOT EXISTS` on PostgreSQL, so that
# `npm run db:migrate` does not block writes to a big table (scripts/migration-locks.ts).
set -euo pipefail
name="${1:?usage: scripts/new-migration.sh NAME [REV]}"
rev="${2:-HEAD}"
cd "$(dirname "$0")/.."
npx tsx scripts/schema-sync.ts >/dev/null
stamp="$(date -u +%Y%m%d%H%M%S)_${name}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git show "$rev:prisma/schema.prisma" > "$tmp/old-sqlite.prisma"
git show "$rev:prisma/postgresql/schema.prisma" > "$tmp/old-postgresql.prisma"

mkdir -p "prisma/migrations/$stamp" "prisma/postgresql/migrations/$stamp"
npx prisma migrate diff --from-schema-datamodel "$tmp/old-sqlite.prisma" \
  --to-schema-datamodel prisma/schema.prisma --script > "prisma/migrations/$stamp/migration.sql"

pg_url="${FORMA_PG_URL:-$(bash scripts/throwaway-postgres.sh start)}"
DATABASE_URL="$pg_url" npx prisma migrate diff --from-schema-datamodel "$tmp/old-postgresql.prisma" \
  --to-schema-datamodel prisma/postgresql/schema.prisma --script > "prisma/postgresql/migrations/$stamp/migration.sql"
echo "wrote prisma/migrations/$stamp and prisma/postgresql/migrations/$stamp"
npx tsx scripts/migration-locks.ts --split "$stamp"
npx tsx scripts/migration-locks.ts
