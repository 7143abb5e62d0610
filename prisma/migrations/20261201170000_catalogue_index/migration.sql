-- The catalogue index (docs/decisions/0029-catalogue-sql-plans.md): (status, startsAt, id) is the
-- order of the catalogue, so a result page walks it and stops after its rows. The other columns are
-- every filter on Event itself, so a count (and the rows a page rejects) reads the index alone, never
-- the row of an event (which carries its description and text). It replaces (status, startsAt), its prefix.
-- (No semicolon in these comments: the PostgreSQL migration runner splits the script at every one.)
DROP INDEX "Event_status_startsAt_idx";

CREATE INDEX "Event_catalogue_idx" ON "Event"("status", "startsAt", "id", "endsAt", "type", "mode", "level", "regionCode");

-- The same columns by id: a search with free text on SQLite starts from the FTS5 matches and looks each
-- one up here, without reading its row.
CREATE INDEX "Event_catalogue_id_idx" ON "Event"("id", "status", "startsAt", "endsAt", "type", "mode", "level", "regionCode");
