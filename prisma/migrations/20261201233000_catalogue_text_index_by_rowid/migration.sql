-- The FTS5 triggers find an event's entry by rowid (docs/decisions/0040-one-fts5-match-per-search.md).
-- They deleted by "eventId", an UNINDEXED column, which FTS5 can only answer by reading every entry
-- (3.6 ms per event text edit at 10,000 events). "EventSearch_key" gives each event a number of its own
-- (an INTEGER PRIMARY KEY: VACUUM keeps it, where it may renumber the implicit rowid of "Event", whose key
-- is text), used as the entry's FTS5 rowid; FTS5 keeps its rowids as data in its shadow tables. Its name
-- starts with "EventSearch_" like FTS5's own tables, which the Prisma schema does not describe either.
-- The table itself is kept (contentless: 'delete-all' empties it) and refilled with those rowids.
DROP TRIGGER IF EXISTS "Event_search_insert";
DROP TRIGGER IF EXISTS "Event_search_update";
DROP TRIGGER IF EXISTS "Event_search_delete";

CREATE TABLE "EventSearch_key" ("id" INTEGER PRIMARY KEY, "eventId" TEXT NOT NULL UNIQUE);
INSERT INTO "EventSearch_key" ("eventId") SELECT "id" FROM "Event";

INSERT INTO "EventSearch" ("EventSearch") VALUES ('delete-all');
INSERT INTO "EventSearch" ("rowid", "eventId", "searchText")
  SELECT k."id", e."id", e."searchText" FROM "Event" e JOIN "EventSearch_key" k ON k."eventId" = e."id";

CREATE TRIGGER "Event_search_insert" AFTER INSERT ON "Event" BEGIN
  INSERT INTO "EventSearch_key" ("eventId") VALUES (new."id");
  INSERT INTO "EventSearch" ("rowid", "eventId", "searchText")
    SELECT "id", new."id", new."searchText" FROM "EventSearch_key" WHERE "eventId" = new."id";
END;

CREATE TRIGGER "Event_search_update" AFTER UPDATE OF "id", "searchText" ON "Event" BEGIN
  DELETE FROM "EventSearch" WHERE "rowid" = (SELECT "id" FROM "EventSearch_key" WHERE "eventId" = old."id");
  UPDATE "EventSearch_key" SET "eventId" = new."id" WHERE "eventId" = old."id";
  INSERT INTO "EventSearch" ("rowid", "eventId", "searchText")
    SELECT "id", new."id", new."searchText" FROM "EventSearch_key" WHERE "eventId" = new."id";
END;

CREATE TRIGGER "Event_search_delete" AFTER DELETE ON "Event" BEGIN
  DELETE FROM "EventSearch" WHERE "rowid" = (SELECT "id" FROM "EventSearch_key" WHERE "eventId" = old."id");
  DELETE FROM "EventSearch_key" WHERE "eventId" = old."id";
END;
