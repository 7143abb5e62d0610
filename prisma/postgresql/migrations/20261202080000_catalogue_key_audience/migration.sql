-- Nothing to do on PostgreSQL. This migration gives SQLite's "EventSearch_key" (the catalogue's copy of each event,
-- ADR 0053) the event's school levels and roles and the indexes the catalogue's counts and pages read there
-- (docs/decisions/0057-sqlite-catalogue-from-the-key-copy.md). PostgreSQL reads its own tables, unchanged.
SELECT 1;
