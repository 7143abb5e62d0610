-- ADR 0113: SQLite plans without statistics (nothing runs ANALYZE), and then an equality on status looked as
-- selective as one on editionId: the index below tied with the edition's index (and beat the primary key for
-- `id IN (3 ids or more)`), and SQLite read every place of that status in the database to keep one edition's.
-- This one row of sqlite_stat1 tells the planner what it cannot know by itself: a status is shared by about a
-- tenth of the places, a status and an offer's deadline by very few. Every other index keeps its defaults, and the
-- table its default size (1048576 rows), so only the ties with this index change.
-- `ANALYZE sqlite_schema` creates sqlite_stat1 without analysing anything (SQLite's documented way). A database
-- already analysed (any Enrolment row in sqlite_stat1) keeps its measured statistics.
ANALYZE sqlite_schema;
INSERT INTO "sqlite_stat1" ("tbl", "idx", "stat")
SELECT 'Enrolment', 'Enrolment_status_offerExpiresAt_idx', '1048576 100000 2'
WHERE NOT EXISTS (SELECT 1 FROM "sqlite_stat1" WHERE "tbl" = 'Enrolment');
