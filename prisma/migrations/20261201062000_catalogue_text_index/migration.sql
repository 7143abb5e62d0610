-- The catalogue's free-text search (app/models/catalogue.server.ts) through a full-text index:
-- an FTS5 table with the trigram tokenizer, which answers the same substring LIKE '%word%' the
-- search has always used (lower case, no accents: Event.searchText is stored that way), from
-- the index instead of reading every event's text. Words shorter than three letters still read
-- Event.searchText itself. Outside Prisma's model (docs/decisions/0012-catalogue-text-index.md,
-- tests/integration/schema-sync.test.ts leaves these objects out of its comparison).
--
-- Its own content keyed by the event id, not an external-content table on Event's rowid:
-- Event has a text primary key, so VACUUM may renumber its rowids and would silently break the
-- link. Triggers keep it in step with every write of Event."searchText".
-- Note for later migrations: SQLite migrations that redefine "Event" (Prisma's
-- "RedefineTables") drop these triggers with the old table; such a migration must create them
-- again (tests/integration/catalogue-text-index.test.ts fails if they are missing).
CREATE VIRTUAL TABLE "EventSearch" USING fts5("eventId" UNINDEXED, "searchText", tokenize = 'trigram');

INSERT INTO "EventSearch" ("eventId", "searchText") SELECT "id", "searchText" FROM "Event";

CREATE TRIGGER "Event_search_insert" AFTER INSERT ON "Event" BEGIN
  INSERT INTO "EventSearch" ("eventId", "searchText") VALUES (new."id", new."searchText");
END;

CREATE TRIGGER "Event_search_update" AFTER UPDATE OF "id", "searchText" ON "Event" BEGIN
  DELETE FROM "EventSearch" WHERE "eventId" = old."id";
  INSERT INTO "EventSearch" ("eventId", "searchText") VALUES (new."id", new."searchText");
END;

CREATE TRIGGER "Event_search_delete" AFTER DELETE ON "Event" BEGIN
  DELETE FROM "EventSearch" WHERE "eventId" = old."id";
END;
