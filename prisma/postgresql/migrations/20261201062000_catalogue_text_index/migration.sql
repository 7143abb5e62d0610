-- The catalogue's free-text search (app/models/catalogue.server.ts) through a trigram index:
-- pg_trgm's GIN operator class answers the same LIKE '%word%' on Event."searchText" (lower case,
-- no accents) from the index. The query text does not change. Outside Prisma's model
-- (docs/decisions/0012-catalogue-text-index.md and tests/integration/schema-sync.test.ts leaves it
-- out of its comparison). CREATE EXTENSION needs a role allowed to create it (pg_trgm is a
-- trusted extension from PostgreSQL 13: the database owner may).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Event_searchText_trgm_idx" ON "Event" USING GIN ("searchText" gin_trgm_ops);
