-- A count of two or three of school level, role and free seats reads the first key's upcoming entries and probes
-- the others' (docs/decisions/0047-catalogue-slow-search-shapes.md): with "eventId" in the index, those entries
-- are read from the index alone, no row of "CatalogueEntry" (6,600 row reads for free seats at 10,000 events).
-- DropIndex
DROP INDEX "CatalogueEntry_key_day_endsAt_closesAt_idx";

-- CreateIndex
CREATE INDEX "CatalogueEntry_key_day_endsAt_closesAt_eventId_idx" ON "CatalogueEntry"("key", "day", "endsAt", "closesAt", "eventId");
