-- PostgreSQL only (docs/decisions/0054-postgresql-free-seats-from-the-catalogue-entry.md): a partial index of the
-- "freeSeats" entries for PostgreSQL's free-seat filter. SQLite's free-seat filter still probes the editions (ADR 0047
-- measured the entry there: no gain beyond the noise), so nothing here would read such an index. Kept as a migration
-- of the same name so that both engines' histories stay parallel.
SELECT 1;
