-- Nothing to do on PostgreSQL. This migration gives SQLite's "EventSearch_key" (the FTS5 table's rowids) a copy
-- of the catalogue columns of each event (docs/decisions/0053-catalogue-free-text-by-integer-key.md).
-- PostgreSQL's free text uses pg_trgm's index on Event."searchText", which is unchanged.
SELECT 1;
