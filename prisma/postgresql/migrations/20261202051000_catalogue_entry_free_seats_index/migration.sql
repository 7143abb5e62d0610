-- PostgreSQL's free-seat filter reads the event's "freeSeats" entry (docs/decisions/0054-postgresql-free-seats-from-the-catalogue-entry.md):
-- EXISTS (… "CatalogueEntry" fs WHERE fs."eventId" = e."id" AND fs."key" = 'freeSeats' AND fs."closesAt" > $now).
-- This partial index holds only those entries (about 6,600 of the national data's 30,000), by event, with their
-- close: a selective search probes it without reading a row (Index Only Scan), an unselective one merges it with the
-- events in id order. Without it the planner hashes every free-seat entry of the (key, day, endsAt, closesAt, eventId)
-- index, or probes the primary key and reads each entry's row for its close. Prisma cannot declare a partial index
-- on both engines: tests/integration/schema-sync.test.ts leaves it out by name, as the trigram index.
CREATE INDEX "CatalogueEntry_freeSeats_idx" ON "CatalogueEntry" ("eventId") INCLUDE ("closesAt") WHERE "key" = 'freeSeats';
