-- Nothing to do on PostgreSQL. This migration changes the triggers of SQLite's FTS5 table "EventSearch"
-- (docs/decisions/0040-one-fts5-match-per-search.md). PostgreSQL's free text uses pg_trgm's index on
-- Event."searchText" (20261201062000_catalogue_text_index), which is unchanged.
SELECT 1;
