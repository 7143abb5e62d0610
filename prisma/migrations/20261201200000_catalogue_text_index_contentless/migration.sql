-- The catalogue's FTS5 table without its own copy of the text (docs/decisions/0033-catalogue-text-matches-without-the-text.md).
-- "EventSearch" kept every event's whole search text beside its id, so turning a match into an event id
-- read a row of several kilobytes (its first page at least) for each match: two thirds of a free-text
-- count's time on the national data. Contentless (content=''), it keeps only the trigram index. With
-- contentless_unindexed=1 the UNINDEXED "eventId" is still stored, in a table of small rows, and with
-- contentless_delete=1 the triggers can still delete an event's entry. MATCH answers as before (the
-- phrases are checked on the index's positions). What a contentless table cannot do is give the text
-- back, so "searchText" reads as NULL and a LIKE on it finds nothing: the catalogue only uses MATCH.
-- Needs SQLite 3.47 or later (better-sqlite3 bundles 3.49).
-- The triggers are those of 20261201062000_catalogue_text_index, made again with the table.
DROP TRIGGER IF EXISTS "Event_search_insert";
DROP TRIGGER IF EXISTS "Event_search_update";
DROP TRIGGER IF EXISTS "Event_search_delete";
DROP TABLE "EventSearch";

CREATE VIRTUAL TABLE "EventSearch" USING fts5(
  "eventId" UNINDEXED, "searchText", tokenize = 'trigram', content = '', contentless_delete = 1, contentless_unindexed = 1
);

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
